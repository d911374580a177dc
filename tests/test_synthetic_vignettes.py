"""Synthetic vignette ratings (report §3.3) and the vignette texts.

The published counts are typed in twice: once by hand below (a few, straight
from the report) and once in the package data (systems/webbkollen/data/vignette_counts.csv); the
generator's own constants are a third transcription. All must agree.
"""

import hashlib
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from webbkollen_lib.core.codebook import apply_dtypes
from webbkollen_lib.core.errors import DataError
from webbkollen_lib.synthetic.vignettes import (
    BASELINE_WORD,
    DEFAULT_SEED,
    JAMILA_WORDS,
    MAX_MISSED_BY_LOWER,
    MUNICIPALITIES,
    RATINGS_FILE_NAME,
    count_named_risk_factors,
    generate_vignette_ratings,
    write_shipped_ratings,
)
from webbkollen_lib.systems.webbkollen.vignettes import (
    compare_vignettes_with_published,
    load_vignette_texts,
    published_vignette_counts,
    read_vignette_text,
)

ROOT = Path(__file__).resolve().parents[1]
VIGNETTE_DIR = ROOT / "webbkollen_lib" / "systems" / "webbkollen" / "data" / "vignettes"
RISK_ORDER = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]


@pytest.fixture(scope="module")
def ratings():
    return generate_vignette_ratings()


@pytest.fixture(scope="module")
def texts():
    return load_vignette_texts()


def of(ratings, vinjett):
    return ratings[ratings["vinjett"] == vinjett].reset_index(drop=True)


def risk_list_segment(text):
    return re.search(r"Riskfaktorer: (.*?)\. Skyddsfaktorer:", text).group(1)


# --- the published counts -------------------------------------------------------

# Straight from the report §3.3, independent of the CSV.
BY_HAND = {
    ("assi", "risk", "mycket_hog"): 10, ("assi", "risk", "hog"): 2,
    ("max", "risk", "nagot_forhojd"): 1, ("max", "risk", "hog"): 2, ("max", "risk", "mycket_hog"): 4,
    ("jamila", "hem_fysiskt_vald", "True"): 13, ("jamila", "hem_bristande_omsorg", "True"): 6,
    ("jamila", "vh_ingen", "True"): 10, ("jamila", "barn_annat", "True"): 8, ("jamila", "barn_ingen", "True"): 7,
    ("jamila", "risk", "nagot_forhojd"): 11, ("jamila", "risk", "inte_kant"): 1,
    ("jamila", "insats_annan_oppenvard", "True"): 11, ("jamila", "insats_strukturerat_program", "True"): 4,
    ("jamila", "fokus_kanslor_beteende", "True"): 11, ("jamila", "fokus_stimulans_vagledning", "True"): 12,
    ("tobias", "hem_tidigare_vald", "True"): 4, ("tobias", "vh_missbruk", "True"): 14,
    ("tobias", "barn_missbruk", "True"): 15, ("tobias", "barn_psykisk_ohalsa", "True"): 8,
    ("tobias", "risk", "mycket_hog"): 8, ("tobias", "insats_strukturerat_program", "True"): 12,
    ("tobias", "insats_kvalificerad_kontaktperson", "True"): 6, ("tobias", "oppenvard", "True"): 15,
    ("mohammad", "vinjett", "mohammad"): 4,
}


def test_reference_file_holds_the_report_counts():
    pub = published_vignette_counts()
    got = {(r.vinjett, r.variable, r.code): r.count for r in pub.itertuples()}
    for key, count in BY_HAND.items():
        assert got[key] == count, key
    assert set(pub["basis"]) <= {"reported", "implied", "decision"}
    assert pub["source"].str.len().gt(10).all()
    # the number of ratings per vignette, and the risk rows adding up to it
    n = pub[pub["variable"] == "vinjett"].set_index("vinjett")["count"].to_dict()
    assert n == {"assi": 12, "max": 7, "jamila": 16, "tobias": 15, "mohammad": 4}
    assert (pub["n"] == pub["vinjett"].map(n)).all()
    risk_sums = pub[pub["variable"] == "risk"].groupby("vinjett")["count"].sum().to_dict()
    assert risk_sums == {v: n[v] for v in ("assi", "max", "jamila", "tobias")}
    assert not pub.duplicated(["vinjett", "variable", "code"]).any()


def test_every_published_count_is_reproduced_for_the_default_seed(ratings):
    result = compare_vignettes_with_published(ratings)
    assert len(result) == len(published_vignette_counts()) > 100
    assert result["ok"].all(), result.loc[~result["ok"], ["vinjett", "variable", "code", "published", "reproduced"]]


@pytest.mark.parametrize("seed", [0, 1, 99, 123456])
def test_counts_stay_exact_for_other_seeds(seed):
    assert compare_vignettes_with_published(generate_vignette_ratings(seed=seed))["ok"].all()


def test_counts_by_plain_pandas(ratings):
    # an independent tally of the risk ratings, not through compare_vignettes_with_published
    table = ratings.assign(risk=ratings["risk"].astype(object).fillna("inte_kant")).groupby(
        ["vinjett", "risk"], observed=True).size()
    assert table["assi"].to_dict() == {"hog": 2, "mycket_hog": 10}
    assert table["max"].to_dict() == {"nagot_forhojd": 1, "hog": 2, "mycket_hog": 4}
    assert table["jamila"].to_dict() == {"ingen_lag": 2, "nagot_forhojd": 11, "hog": 2, "inte_kant": 1}
    assert table["tobias"].to_dict() == {"nagot_forhojd": 2, "hog": 5, "mycket_hog": 8}
    j = of(ratings, "jamila")
    assert j.filter(like="hem_").sum().to_dict() == {
        "hem_bristande_omsorg": 6, "hem_fysiskt_vald": 13, "hem_psykiskt_vald": 1, "hem_bevittnat_vald": 1,
        "hem_sexuella_overgrepp": 0, "hem_heder": 0, "hem_tidigare_vald": 0, "hem_vardnadstvist": 0,
        "hem_familjekonflikt": 0, "hem_annat": 2, "hem_ingen": 1}
    t = of(ratings, "tobias")
    assert t.filter(like="insats_").sum().to_dict() == {
        "insats_kontaktperson": 4, "insats_kvalificerad_kontaktperson": 6, "insats_kontaktfamilj": 0,
        "insats_strukturerat_program": 12, "insats_behovsprovad_insats": 5, "insats_annan_oppenvard": 3,
        "insats_familjehem": 1, "insats_hvb": 1, "insats_sarskilt_ungdomshem": 1, "insats_stodboende": 0,
        "insats_ingen": 0}


def test_comparison_flags_a_wrong_count(ratings):
    broken = ratings.copy()
    jamila = broken[broken["vinjett"] == "jamila"]
    row = jamila.index[~jamila["hem_fysiskt_vald"]][0]
    broken.loc[row, "hem_fysiskt_vald"] = True
    result = compare_vignettes_with_published(broken)
    bad = result[~result["ok"]]
    assert bad[["vinjett", "variable"]].values.tolist() == [["jamila", "hem_fysiskt_vald"]]
    assert bad["reproduced"].item() == 14
    short = ratings.drop(ratings.index[ratings["vinjett"] == "mohammad"][:1])
    mohammad = compare_vignettes_with_published(short).query("vinjett == 'mohammad'")
    assert not mohammad["ok"].any()


# --- the structure the report describes ------------------------------------------

def test_max_lower_raters_miss_health_and_routines_and_name_fewer_factors(ratings, texts):
    m = of(ratings, "max")
    phrases = {f["id"]: f["sv"] for f in texts["max"]["facts"]}
    group = [phrases[f] for f in MAX_MISSED_BY_LOWER]
    named_group = m["motivering"].map(lambda t: sum(p in risk_list_segment(t) for p in group))
    assert named_group[m["risk"] == "nagot_forhojd"].tolist() == [0]
    assert (named_group[m["risk"] == "hog"] < len(group)).all()
    assert (named_group[m["risk"] == "mycket_hog"] == len(group)).all()
    count = m["antal_riskfaktorer"].astype(int)
    by_level = {lvl: count[m["risk"] == lvl] for lvl in ("nagot_forhojd", "hog", "mycket_hog")}
    assert by_level["nagot_forhojd"].max() < by_level["hog"].min()
    assert by_level["hog"].max() < by_level["mycket_hog"].min()


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 3, 4])
def test_max_spearman_between_factor_count_and_risk_is_positive(seed):
    m = of(generate_vignette_ratings(seed=seed), "max")
    rho, _ = spearmanr(m["antal_riskfaktorer"].astype(int), m["risk"].cat.codes)
    assert rho > 0.8


def test_factor_count_matches_the_open_answer(ratings, texts):
    assert (ratings["antal_riskfaktorer"] == count_named_risk_factors(ratings["motivering"])).all()
    # independently: count the vignette's risk-factor phrases in the listed segment
    for v in ("assi", "max", "jamila", "tobias", "mohammad"):
        sub = of(ratings, v)
        phrases = [f["sv"] for f in texts[v]["facts"] if f["kind"] == "risk"]
        counted = sub["motivering"].map(lambda t: sum(p in risk_list_segment(t) for p in phrases))
        assert counted.tolist() == sub["antal_riskfaktorer"].astype(int).tolist(), v


def test_assi_raters_agree_on_his_behaviour_but_several_miss_the_parenting(ratings, texts):
    a = of(ratings, "assi")
    phrases = {f["id"]: f["sv"] for f in texts["assi"]["facts"]}
    for fid in ("skola", "missbruk", "kriminalitet"):
        assert a["motivering"].str.contains(phrases[fid], regex=False).all()
    named_parenting = a["motivering"].str.contains(phrases["vagledning_gransattning"], regex=False)
    assert 2 <= (~named_parenting).sum() < len(a)


def test_jamila_words_follow_the_risk(ratings):
    j = of(ratings, "jamila")
    text = j["motivering"].str.lower()
    risk = j["risk"].astype(object)
    for level, word in JAMILA_WORDS.items():
        assert text[risk == level].str.contains(word).all(), level
        assert not text[risk != level].str.contains(word).any(), level
    assert text[risk == "ingen_lag"].str.contains("fungerande skyddsfaktorer").all()
    assert text[risk == "hog"].str.contains("skyddsfaktorerna är bristande").all()
    # the exposure ticked lines up with the words
    assert j.loc[risk == "hog", "hem_fysiskt_vald"].all()
    assert not j.loc[risk == "ingen_lag", "hem_fysiskt_vald"].any()
    # goals: those who saw violence want it to stop; nobody states a baseline
    goals = j["mal"].dropna().str.lower()
    assert goals[risk == "hog"].str.contains("våldet").all()
    assert goals[risk == "ingen_lag"].str.contains("verktyg att hantera när jamila blir arg|sätta gränser").all()
    assert not goals.str.contains(BASELINE_WORD).any()
    assert j["mal"].isna().sum() == 1 and pd.isna(j.loc[j["mal"].isna(), "risk"]).all()


def test_tobias_goals_insats_and_focus(ratings):
    t = of(ratings, "tobias")
    assert t["mal"].str.lower().str.contains(BASELINE_WORD).sum() == 1
    out_of_home = t[["insats_familjehem", "insats_hvb", "insats_sarskilt_ungdomshem"]].any(axis=1)
    open_care = t.filter(regex="insats_(kontaktperson|kvalificerad|kontaktfamilj|strukturerat|behovsprovad|annan)")
    assert out_of_home.sum() == 3 and open_care.any(axis=1).all()
    assert (t.loc[out_of_home, "risk"] == "mycket_hog").all()
    assert (t.loc[:, ["hem_bristande_omsorg", "hem_annat"]].all(axis=1)).sum() == 12
    focus = t.filter(like="fokus_").sum()
    assert (focus > len(t) / 2).sum() >= 14  # "nästan samtliga delområden"


def test_explicit_none_options_stand_alone(ratings):
    test2 = ratings[ratings["test"] == 2]
    for none, prefix in (("hem_ingen", "hem_"), ("vh_ingen", "vh_"), ("vh_info_saknas", "vh_"),
                         ("barn_ingen", "barn_"), ("insats_ingen", "insats_")):
        rows = test2[test2[none]]
        others = [c for c in test2.columns if c.startswith(prefix) and c != none]
        assert not rows[others].any(axis=None), none
    for prefix in ("hem_", "vh_", "barn_", "insats_"):
        assert test2.filter(like=prefix).any(axis=1).all(), prefix  # every rater answered


def test_types_and_missing_checklists_in_test_1(ratings):
    assert isinstance(ratings["risk"].dtype, pd.CategoricalDtype) and ratings["risk"].cat.ordered
    assert list(ratings["risk"].cat.categories) == RISK_ORDER
    assert list(ratings["vinjett"].cat.categories) == ["assi", "max", "jamila", "tobias", "mohammad"]
    checklists = [c for c in ratings.columns if c.startswith(("hem_", "vh_", "barn_", "insats_", "fokus_"))]
    assert len(checklists) == 11 + 7 + 7 + 11 + 18
    assert all(str(ratings[c].dtype) == "boolean" for c in checklists)
    test1 = ratings["test"] == 1
    assert ratings.loc[test1, checklists].isna().all(axis=None)
    assert ratings.loc[test1, "mal"].isna().all()
    assert ratings.loc[~test1, checklists].notna().all(axis=None)
    assert ratings["motivering"].notna().all() and ratings["risk"].isna().sum() == 1
    assert str(ratings["antal_riskfaktorer"].dtype) == "Int64"


def test_raters(ratings):
    assert ratings["bedomare"].str.fullmatch(r"R\d{3}").all()
    per_rater = ratings.groupby("bedomare")[["test", "kommun", "erfarenhet_ar"]].nunique()
    assert (per_rater == 1).all(axis=None)  # one test, one municipality, one experience per rater
    for test, names in MUNICIPALITIES.items():
        assert ratings.loc[ratings["test"] == test, "kommun"].isin(names).all()
    assert "Sollentuna" in MUNICIPALITIES[2] and "Sollentuna" not in MUNICIPALITIES[1]
    exp = ratings.drop_duplicates("bedomare")["erfarenhet_ar"].astype(int)
    assert exp.between(0, 30).all() and exp.mean() > exp.median()  # right-skewed
    raters = {v: set(of(ratings, v)["bedomare"]) for v in ("assi", "max", "jamila", "tobias", "mohammad")}
    assert raters["max"] < raters["assi"] and raters["tobias"] < raters["jamila"]
    assert raters["mohammad"] < raters["tobias"]
    assert not raters["assi"] & raters["jamila"]
    assert not ratings.duplicated(["vinjett", "bedomare"]).any()


# --- the shipped file ------------------------------------------------------------

def test_shipped_file_is_deterministic_and_round_trips(tmp_path):
    a, b, c = (tmp_path / x for x in "abc")
    for d in (a, b, c):
        d.mkdir()
    pa = write_shipped_ratings(a)
    pb = write_shipped_ratings(b)
    pc = write_shipped_ratings(c, seed=DEFAULT_SEED + 1)
    assert pa.name == RATINGS_FILE_NAME
    assert pa.read_bytes() == pb.read_bytes()
    assert hashlib.sha256(pa.read_bytes()).digest() != hashlib.sha256(pc.read_bytes()).digest()
    raw = pd.read_csv(pa, dtype=str, keep_default_na=False, encoding="utf-8")
    assert set(raw["hem_fysiskt_vald"]) == {"True", "False", ""}
    assert raw.loc[raw["vinjett"] == "jamila", "risk"].eq("").sum() == 1
    assert "\r" not in pa.read_text(encoding="utf-8")
    back = pd.read_csv(pa, keep_default_na=False, na_values=[""], encoding="utf-8")
    back = apply_dtypes(back, dataset="ratings")
    back["antal_riskfaktorer"] = back["antal_riskfaktorer"].astype("Int64")
    pd.testing.assert_frame_equal(back, generate_vignette_ratings(), check_dtype=True)
    again = compare_vignettes_with_published(apply_dtypes(pd.read_csv(pc, keep_default_na=False, na_values=[""]),
                                                          dataset="ratings"))
    assert again["ok"].all()


def test_shipped_file_reads_with_the_package_reader(tmp_path):
    # needs `antal_riskfaktorer` (integer, ratings) in codebook.yaml
    from webbkollen_lib.io import read_ratings

    read = read_ratings(write_shipped_ratings(tmp_path))
    generated = generate_vignette_ratings()
    pd.testing.assert_frame_equal(read[generated.columns], generated)
    assert compare_vignettes_with_published(read)["ok"].all()


# --- the vignette texts ------------------------------------------------------------

def test_all_five_vignette_files_load(texts):
    assert list(texts) == ["assi", "max", "jamila", "mohammad", "tobias"]
    ages = {k: v["age"] for k, v in texts.items()}
    assert ages == {"assi": 15, "max": 4, "jamila": 4, "mohammad": 16, "tobias": 16}
    assert {k: v["test"] for k, v in texts.items()} == {"assi": 1, "max": 1, "jamila": 2, "mohammad": 2, "tobias": 2}
    for v in texts.values():
        assert v["name"].lower() == v["id"]
        assert v["text_sv"] and v["text_en"] and v["title_sv"] and v["title_en"]
        assert {f["kind"] for f in v["facts"]} == {"risk", "skydd"}
        assert all(f["sv"] and f["en"] and f["area"] for f in v["facts"])
        assert v["source"].startswith("Webbkollen report §3.3; our own wording") or v["id"] == "mohammad"
    assert texts["mohammad"]["source"] == "invented: the report gives only the age"
    assert "Irak" in texts["jamila"]["text_sv"] and "bro" in texts["tobias"]["text_sv"]


def write(directory, name, text):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
id: sara
name: Sara
age: 9
title_sv: Sara, 9 år
text_sv: Sara bor med sin pappa.
facts:
  - id: franvaro
    kind: risk
    sv: hög frånvaro i skolan
  - id: idrott
    kind: skydd
    sv: tränar fotboll
"""


def test_a_trainers_minimal_vignette_loads(tmp_path):
    write(tmp_path, "sara.yaml", MINIMAL)
    (tmp_path / "README.md").write_text("not a vignette", encoding="utf-8")
    texts = load_vignette_texts(tmp_path)
    assert list(texts) == ["sara"]
    sara = texts["sara"]
    assert sara["test"] is None and sara["text_en"] is None
    assert sara["facts"][0] == {"id": "franvaro", "kind": "risk", "sv": "hög frånvaro i skolan", "en": None, "area": None}


def test_a_malformed_vignette_is_rejected_with_file_line_and_key(tmp_path):
    bad = MINIMAL.replace("kind: risk", "kind: riks").replace("text_sv:", "text_sw:")
    path = write(tmp_path, "sara.yaml", bad)
    with pytest.raises(DataError) as info:
        load_vignette_texts(tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert "key 'facts[0].kind'" in message and "line 8" in message and "did you mean 'risk'" in message
    assert "key 'text_sw': unknown key" in message and "did you mean 'text_sv'" in message
    assert "key 'text_sv': missing (required)" in message
    assert len(info.value.problems) == 3


@pytest.mark.parametrize(
    "change, expected",
    [
        (("id: sara", "id: anna"), "must equal the file name 'sara'"),
        (("age: 9", "age: 25"), "key 'age': must be a whole number of years"),
        (("age: 9", "age: nio"), "key 'age'"),
        (("  - id: idrott", "  - id: franvaro"), "the same fact id appears twice"),
        (("sv: tränar fotboll", "sv: tränar fotboll."), "no full stop"),
        (("sv: tränar fotboll", "sv: tränar fotboll; simmar"), "no ';'"),
        (("name: Sara", "name: [Sara"), "not valid YAML"),
        (("    kind: skydd\n", "    kind: skydd\n    area: skolan\n"), "unknown BBIC area"),
    ],
)
def test_each_kind_of_mistake_is_named(tmp_path, change, expected):
    write(tmp_path, "sara.yaml", MINIMAL.replace(*change))
    with pytest.raises(DataError, match=re.escape(expected)):
        read_vignette_text(tmp_path / "sara.yaml")


def test_problems_in_several_files_are_all_listed(tmp_path):
    write(tmp_path, "sara.yaml", MINIMAL.replace("age: 9", "age: -1"))
    write(tmp_path, "olle.yaml", MINIMAL.replace("id: sara", "id: olle").replace("kind: skydd", "kind: skyd"))
    with pytest.raises(DataError) as info:
        load_vignette_texts(tmp_path)
    message = str(info.value)
    assert "sara.yaml: " in message and "olle.yaml: " in message


def test_missing_directory_and_empty_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_vignette_texts(tmp_path / "nowhere")
    with pytest.raises(DataError, match="no vignette files"):
        load_vignette_texts(tmp_path)


def test_generator_needs_the_facts_it_refers_to(tmp_path, texts):
    for f in VIGNETTE_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "max.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: rutiner", "id: vardagsrutiner"), encoding="utf-8")
    with pytest.raises(DataError, match="rutiner"):
        generate_vignette_ratings(vignettes=load_vignette_texts(tmp_path))
    assert np.array_equal(generate_vignette_ratings(vignettes=texts).values.astype(str),
                          generate_vignette_ratings().values.astype(str))
