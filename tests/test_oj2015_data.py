"""Öppna jämförelser 2015 (systems/oj2015): the shipped tables are the source's tables, cell for cell.

The source is FoU-Nordväst's compilation of Öppna jämförelser 2015 for eight
north-west Stockholm municipalities (``shared/seeds/004_…``). The data are
real published aggregates, so every test here compares with what is printed:
completeness (every unit × indicator, a value or a reason for its absence),
the internal consistency the source allows, cells typed by hand from the
source, and the catalogue.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
from seeds import source_text
import pytest

from webbkollen_lib.core.labels import catalogue as label_catalogue
from webbkollen_lib.systems.oj2015.indicators import load_indicators, load_municipality_groups, load_oppna_jamforelser

MUNICIPALITIES = ["Upplands Väsby", "Järfälla", "Ekerö", "Upplands-Bro", "Sollentuna", "Sundbyberg", "Solna", "Sigtuna"]
UNITS = MUNICIPALITIES + ["Riket", "Stockholms län", "Jönköpings län"]
LEVEL = {**{m: "kommun" for m in MUNICIPALITIES}, "Riket": "riket", "Stockholms län": "lan", "Jönköpings län": "lan"}
N_INDICATORS, N_BACKGROUND = 48, 4  # "I år publiceras resultat för 48 indikatorer"; chapter 3's four bakgrundsmått


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return load_oppna_jamforelser()


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_indicators()


@pytest.fixture(scope="module")
def cell(data):
    published = data.set_index(["enhet", "indikator"])["publicerat"]
    return lambda unit, indicator: published.loc[(unit, indicator)]


def _measure(catalogue: pd.DataFrame) -> dict[str, str]:
    return dict(zip(catalogue["indikator"], catalogue["enhet"]))


# ---------------------------------------------------------------------------
# (a) completeness
# ---------------------------------------------------------------------------


def test_every_unit_has_every_indicator_once(data):
    assert len(data) == len(UNITS) * (N_INDICATORS + N_BACKGROUND) == 572
    assert not data.duplicated(["enhet", "indikator"]).any()
    assert list(dict.fromkeys(data["enhet"])) == UNITS
    counts = data.groupby("indikator")["enhet"].apply(lambda s: sorted(s))
    assert all(units == sorted(UNITS) for units in counts)


def test_every_cell_has_a_value_or_a_reason_never_both(data):
    has_value = data["varde"].notna()
    has_reason = data["saknas"].notna()
    assert (has_value ^ has_reason).all(), data[~(has_value ^ has_reason)]
    assert data.loc[data["publicerat"] == "x", "saknas"].eq("sekretess").all()
    assert data.loc[data["publicerat"] == "", "saknas"].eq("bortfall").all()
    assert data["saknas"].value_counts().to_dict() == {"sekretess": 25, "bortfall": 2}


def test_levels_follow_the_unit(data):
    assert (data["niva"].astype(str) == data["enhet"].map(LEVEL)).all()


def test_data_and_catalogue_have_the_same_indicators_in_the_same_order(data, catalogue):
    assert list(dict.fromkeys(data["indikator"])) == list(catalogue["indikator"])
    assert catalogue["indikator"].is_unique
    assert (catalogue["typ"] == "bakgrund").sum() == N_BACKGROUND
    assert (catalogue["typ"] != "bakgrund").sum() == N_INDICATORS


def test_ids_are_ascii_snake_case(catalogue):
    bad = [i for i in catalogue["indikator"] if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i)]
    assert not bad
    assert all(i.startswith("bakgrund_") == (t == "bakgrund") for i, t in zip(catalogue["indikator"], catalogue["typ"]))


def test_each_indicator_has_one_name_the_catalogues(data, catalogue):
    names = data.groupby("indikator")["namn"].unique()
    assert all(len(n) == 1 for n in names)
    assert names.map(lambda n: n[0]).to_dict() == dict(zip(catalogue["indikator"], catalogue["namn"]))


# ---------------------------------------------------------------------------
# (b) internal consistency
# ---------------------------------------------------------------------------


def _parse(published: str) -> float | None:
    """The value of a published cell, parsed again here independently of the transcription script."""
    if published in ("", "x"):
        return None
    if published in ("Ja", "Nej"):
        return float(published == "Ja")
    share = published.endswith("%")
    number = float(published.rstrip("%").replace(",", "."))
    return number / 100 if share else number


def test_varde_agrees_with_publicerat_in_every_row(data):
    wrong = []
    for row in data.itertuples():
        expected = _parse(row.publicerat)
        if expected is None:
            ok = math.isnan(row.varde)
        else:
            ok = math.isclose(row.varde, expected, rel_tol=0, abs_tol=1e-12)
        if not ok:
            wrong.append((row.enhet, row.indikator, row.publicerat, row.varde))
    assert not wrong


def test_cells_have_the_form_their_measure_allows(data, catalogue):
    measure = data["indikator"].map(_measure(catalogue))
    form = {
        ("ja_nej", "kommun"): r"Ja|Nej",
        ("ja_nej", "other"): r"\d{1,3}%",
        ("andel", "kommun"): r"\d{1,3}(,\d)?%|x|",
        ("andel", "other"): r"\d{1,3}(,\d)?%|x",
        ("timmar", "kommun"): r"\d+,\d", ("timmar", "other"): r"\d+,\d",
        ("antal", "kommun"): r"\d+", ("antal", "other"): r"\d+",
    }
    wrong = [(r.enhet, r.indikator, r.publicerat) for r, m in zip(data.itertuples(), measure)
             if not re.fullmatch(form[(m, "kommun" if r.niva == "kommun" else "other")], r.publicerat)]
    assert not wrong


def test_shares_are_proportions(data, catalogue):
    measure = data["indikator"].map(_measure(catalogue))
    shares = data.loc[measure.isin(["ja_nej", "andel"]), "varde"].dropna()
    assert shares.between(0, 1).all()


def _fits(percent: int, n: int) -> bool:
    """Whether a whole per cent is k/n rounded (half up) for some k = 0..n."""
    return any(math.floor(100 * k / n + 0.5) == percent for k in range(n + 1))


def _yes_no_percents(data, catalogue, unit):
    measure = data["indikator"].map(_measure(catalogue))
    cells = data.loc[(data["enhet"] == unit) & (measure == "ja_nej"), "publicerat"]
    return [int(c.rstrip("%")) for c in cells]


def test_jonkopings_lan_yes_no_shares_are_twelfths(data, catalogue):
    """Jönköpings län has 13 municipalities, but its shares are of the 12 that answered.

    A county's figure for a Ja/Nej indicator is the share of *responding*
    municipalities answering Ja ("visar på antal kommuner av samtliga som svarat
    ja"). With all 13 answering, every share would be k/13 rounded to a whole
    per cent (0, 8, 15, 23, 31, 38, 46, 54, 62, 69, 77, 85, 92, 100); the
    published 17, 25, 33, 42, 58, 67, 75 and 83 % are not. They are all k/12
    (the survey's response rate was 90 %), so each share must be a rounded
    twelfth; a mistyped Jönköping cell (say 57 % or 91 %) would fail.
    """
    percents = _yes_no_percents(data, catalogue, "Jönköpings län")
    assert len(percents) == 39
    assert all(_fits(p, 12) for p in percents), [p for p in percents if not _fits(p, 12)]
    assert not all(_fits(p, 13) for p in percents)


def test_stockholms_lan_yes_no_shares_have_one_common_denominator(data, catalogue):
    """Stockholms län reports its municipalities and Stockholm's city districts; every Ja/Nej share is k/38.

    38 is the only denominator up to 60 that gives all 39 published shares, so a
    mistyped county cell would almost surely break it.
    """
    percents = _yes_no_percents(data, catalogue, "Stockholms län")
    assert [n for n in range(5, 61) if all(_fits(p, n) for p in percents)] == [38]


def test_riket_agrees_with_the_key_results_in_the_text(cell):
    """"Viktiga resultat 2015" states national figures in words; the tables must print the same."""
    assert cell("Riket", "gymnasiebehorighet") == "55%"                   # 55 procent ... behörighet
    assert cell("Riket", "gymnasiebehorighet_fodda_annat_land") == "39%"  # ... födda utomlands 39 procent
    assert cell("Riket", "hogskolebehorighet") == "28%"                   # 28 procent ... avslutat gymnasiet
    assert cell("Riket", "handlaggare_erfarenhet_3ar") == "70%"
    assert cell("Riket", "handlaggare_erfarenhet_5ar") == "49%"
    assert cell("Riket", "arbetsledning_timmar") == "2,7"                 # 2,7 timmar per vecka
    assert cell("Riket", "samlad_plan_handlaggare") == "37%"
    assert cell("Riket", "uppfoljning_oppenvard") == "27%"
    assert cell("Riket", "uppfoljning_dygnsvard") == "20%"


# ---------------------------------------------------------------------------
# (c) cells typed by hand from the source, from every table
# ---------------------------------------------------------------------------

TYPED = [
    # Självbestämmande och integritet (line 173)
    ("Sollentuna", "foraldrar_familjehem", "Ja"), ("Riket", "foraldrar_oppenvard", "32%"),
    ("Jönköpings län", "foraldrar_hvb", "17%"), ("Sigtuna", "foraldrar_oppenvard", "Ja"),
    # Intern samordning (line 206)
    ("Upplands Väsby", "intern_vald_nara_relationer", "Ja"), ("Ekerö", "intern_familjeratt", "Ja"),
    ("Sigtuna", "intern_missbruk", "Ja"), ("Stockholms län", "intern_lss_vuxna", "26%"),
    ("Upplands-Bro", "intern_lss_barn", "Ja"), ("Järfälla", "intern_lss_barn", "Nej"),
    # Extern samverkan, hälsa (line 235)
    ("Upplands Väsby", "extern_barn_ungdomsmedicin", "Ja"), ("Upplands Väsby", "extern_barn_ungdomspsykiatri", "Nej"),
    ("Stockholms län", "extern_tandvard", "8%"), ("Jönköpings län", "extern_primarvard", "92%"),
    ("Sollentuna", "extern_primarvard", "Nej"), ("Sigtuna", "extern_barnhalsovard", "Ja"),
    # Extern samverkan, fortsättning (line 252)
    ("Upplands-Bro", "extern_skola", "Ja"), ("Upplands-Bro", "extern_forskola", "Nej"),
    ("Järfälla", "extern_kriminalvarden", "Ja"), ("Riket", "extern_kriminalvarden", "6%"),
    ("Jönköpings län", "extern_kriminalvarden", "0%"), ("Jönköpings län", "extern_polis", "25%"),
    ("Sigtuna", "extern_migrationsverket", "Ja"), ("Upplands-Bro", "extern_migrationsverket", "Nej"),
    # Utbildningsnivå (line 350): the x cells
    ("Ekerö", "gymnasiebehorighet", "x"), ("Ekerö", "hogskolebehorighet_fodda_sverige", "x"),
    ("Upplands-Bro", "hogskolebehorighet", "x"), ("Sundbyberg", "hogskolebehorighet_fodda_sverige", "x"),
    ("Sigtuna", "gymnasiebehorighet_fodda_annat_land", "x"), ("Jönköpings län", "hogskolebehorighet_fodda_annat_land", "x"),
    ("Jönköpings län", "gymnasiebehorighet_fodda_annat_land", "49%"), ("Solna", "gymnasiebehorighet_fodda_sverige", "49%"),
    ("Sollentuna", "hogskolebehorighet_fodda_sverige", "49%"), ("Upplands-Bro", "gymnasiebehorighet", "60%"),
    ("Solna", "hogskolebehorighet_fodda_sverige", "17%"),
    # Trygghet och säkerhet (line 407)
    ("Riket", "bbic_licens", "92%"), ("Stockholms län", "bbic_licens", "100%"),
    ("Upplands Väsby", "information_placerade_barn", "Nej"), ("Jönköpings län", "information_placerade_barn", "75%"),
    # Kunskapsbaserad verksamhet (line 500): decimal commas
    ("Järfälla", "handlaggare_erfarenhet_3ar", "38%"), ("Sigtuna", "handlaggare_erfarenhet_5ar", "27%"),
    ("Upplands-Bro", "individuella_planer_handlaggare", "Nej"), ("Ekerö", "samlad_plan_handlaggare", "Ja"),
    ("Ekerö", "arbetsledning_timmar", "5,8"), ("Upplands-Bro", "arbetsledning_timmar", "1,5"),
    ("Jönköpings län", "arbetsledning_timmar", "2,8"),
    # Familjehemmens kompetens (line 531)
    ("Sollentuna", "samlad_plan_familjehem", "Ja"), ("Sigtuna", "samlad_plan_familjehem", "Nej"),
    ("Stockholms län", "grundutbildning_familjehem", "87%"),
    # Systematisk bedömning (line 571)
    ("Upplands-Bro", "bedomning_utagerande", "Ja"), ("Jönköpings län", "bedomning_foraldraformaga", "50%"),
    ("Sundbyberg", "bedomning_missbruk", "Ja"),
    # Manualbaserade insatser (line 629)
    ("Upplands Väsby", "foraldrastod_grupp_service", "Ja"), ("Järfälla", "foraldrastod_grupp_bistand", "Ja"),
    ("Solna", "stodgrupp_service", "Nej"), ("Upplands Väsby", "stodgrupp_bistand", "Nej"),
    ("Stockholms län", "stodgrupp_bistand", "89%"), ("Riket", "psykosocial_behandling_bistand", "34%"),
    # Systematisk uppföljning (line 654)
    ("Sigtuna", "uppfoljning_oppenvard", "Ja"), ("Sigtuna", "uppfoljning_dygnsvard", "Nej"),
    ("Jönköpings län", "uppfoljning_dygnsvard", "67%"),
    # Tillgänglighet (line 684)
    ("Ekerö", "social_jour", "Nej"), ("Sundbyberg", "social_jour", "Nej"), ("Solna", "social_jour", "Ja"),
    ("Jönköpings län", "social_jour", "42%"),
    # Bakgrundsmått (line 701): the bortfall cells, a decimal comma in a share, the counts
    ("Upplands Väsby", "bakgrund_ekonomiskt_bistand", ""), ("Solna", "bakgrund_ekonomiskt_bistand", ""),
    ("Sollentuna", "bakgrund_ekonomiskt_bistand", "1,0%"), ("Riket", "bakgrund_ekonomiskt_bistand", "2,8%"),
    ("Järfälla", "bakgrund_barn_per_handlaggare", "1442"), ("Solna", "bakgrund_barn_per_handlaggare", "349"),
    ("Solna", "bakgrund_andel_0_20_ar", "19%"), ("Upplands Väsby", "bakgrund_familjehemsvard", "73%"),
]


@pytest.mark.parametrize(("unit", "indicator", "published"), TYPED)
def test_cell_as_typed_from_the_source(cell, unit, indicator, published):
    assert cell(unit, indicator) == published


def test_the_typed_cells_cover_every_table(catalogue):
    covered = {indicator for _, indicator, _ in TYPED}
    sections = catalogue.groupby("avsnitt")["indikator"].apply(set)
    assert all(ids & covered for ids in sections), [s for s, ids in sections.items() if not ids & covered]


def _source_text() -> str:
    return source_text("004")


def test_every_cell_matches_the_source_table(data):
    """Every shipped cell equals the source's, the column found by its header name (not by position)."""
    lines = _source_text().split("\n")
    by_name = data.drop_duplicates("indikator").set_index("namn")["indikator"]
    assert by_name.index.is_unique
    published = data.set_index(["enhet", "indikator"])["publicerat"]
    seen = set()
    for i, line in enumerate(lines):
        if not line.startswith("Upplands Väsby\t") or not lines[i - 1].startswith("\t"):
            continue  # a table's first row follows the header line of indicator names
        indicators = [by_name[name.strip()] for name in lines[i - 1].split("\t")[1:]]
        for k, unit in enumerate(UNITS):
            cells = lines[i + k].split("\t")
            assert cells[0] == unit, (i + k + 1, cells[0])
            for indicator, value in zip(indicators, cells[1:], strict=True):
                assert published[(unit, indicator)] == value, (i + k + 1, unit, indicator)
                seen.add((unit, indicator))
    assert len(seen) == len(data)


@pytest.mark.parametrize(("unit", "indicator", "value"), [
    ("Sollentuna", "foraldrar_familjehem", 1.0), ("Järfälla", "foraldrar_familjehem", 0.0),
    ("Riket", "bakgrund_ekonomiskt_bistand", 0.028), ("Upplands Väsby", "arbetsledning_timmar", 4.8),
    ("Järfälla", "bakgrund_barn_per_handlaggare", 1442.0), ("Stockholms län", "extern_tandvard", 0.08),
])
def test_values(data, unit, indicator, value):
    row = data[(data["enhet"] == unit) & (data["indikator"] == indicator)]
    assert row["varde"].item() == pytest.approx(value, abs=1e-12)


def test_the_education_tables_x_cells_are_exactly_these(data):
    x = data[data["publicerat"] == "x"]
    per_unit = x.groupby("enhet").size().to_dict()
    assert per_unit == {"Upplands Väsby": 2, "Järfälla": 2, "Ekerö": 6, "Upplands-Bro": 4, "Sollentuna": 2,
                        "Sundbyberg": 4, "Solna": 2, "Sigtuna": 2, "Jönköpings län": 1}
    assert set(x["indikator"]) <= {i for i in data["indikator"] if "behorighet" in i}


def test_municipality_groups():
    groups = load_municipality_groups()
    assert list(groups["enhet"]) == MUNICIPALITIES
    assert dict(zip(groups["enhet"], groups["befolkningsgrupp"])) == {
        "Upplands Väsby": 3, "Järfälla": 4, "Ekerö": 2, "Upplands-Bro": 2, "Sollentuna": 3, "Sundbyberg": 3,
        "Solna": 4, "Sigtuna": 3}
    assert dict(zip(groups["enhet"], groups["kommuntyp"])) == {**{m: 2 for m in MUNICIPALITIES}, "Sigtuna": 5}
    assert str(groups["befolkningsgrupp"].dtype) == "int64" and groups["befolkningsgrupp"].between(1, 5).all()


# ---------------------------------------------------------------------------
# (d) the catalogue and the loaders
# ---------------------------------------------------------------------------

TYPES = {"struktur", "process", "resultat", "struktur_process", "bakgrund"}
MEASURES = {"ja_nej", "andel", "timmar", "antal"}
RULE = re.compile(r"ja|andel(>=|<=)(0(\.\d+)?|1(\.0+)?)")  # the grammar of data/README.md; empty = no rule


def test_every_indicator_has_area_type_and_measure(catalogue):
    for column in ("omrade", "delomrade", "namn", "typ", "enhet", "avsnitt", "matdatum"):
        assert catalogue[column].str.strip().ne("").all(), column
    assert set(catalogue["typ"]) <= TYPES
    assert set(catalogue["enhet"]) <= MEASURES
    assert set(catalogue["omrade"]) == {
        "Självbestämmande och integritet", "Helhetssyn och samordning", "Resultat placerade barns utbildningsnivå",
        "Trygghet och säkerhet", "Kunskapsbaserad verksamhet", "Tillgänglighet", "Bakgrundsmått"}


@pytest.mark.parametrize(("indicator", "typ", "measure"), [
    ("foraldrar_hvb", "process", "ja_nej"), ("intern_familjeratt", "struktur", "ja_nej"),
    ("extern_migrationsverket", "struktur", "ja_nej"), ("hogskolebehorighet", "resultat", "andel"),
    ("bbic_licens", "struktur_process", "ja_nej"), ("information_placerade_barn", "struktur_process", "ja_nej"),
    ("handlaggare_erfarenhet_3ar", "struktur", "andel"), ("arbetsledning_timmar", "process", "timmar"),
    ("grundutbildning_familjehem", "process", "ja_nej"), ("bedomning_missbruk", "process", "ja_nej"),
    ("stodgrupp_service", "struktur", "ja_nej"), ("uppfoljning_dygnsvard", "process", "ja_nej"),
    ("social_jour", "struktur", "ja_nej"), ("bakgrund_barn_per_handlaggare", "bakgrund", "antal"),
])
def test_type_and_measure_as_the_definitions_say(catalogue, indicator, typ, measure):
    row = catalogue.set_index("indikator").loc[indicator]
    assert (row["typ"], row["enhet"]) == (typ, measure)


def test_target_rules_parse_and_fit_the_measure(catalogue):
    for row in catalogue.itertuples():
        rule = row.mal_regel
        if rule == "":
            continue
        assert RULE.fullmatch(rule), (row.indikator, rule)
        assert row.malvarde, f"{row.indikator}: a rule without a printed target"
        assert (rule == "ja") == (row.enhet == "ja_nej"), (row.indikator, rule, row.enhet)
    assert catalogue.loc[catalogue["typ"] == "bakgrund", ["malvarde", "mal_regel"]].eq("").all().all()
    # every Ja/Nej indicator's target asks all municipalities for what Ja records
    yes_no = catalogue[catalogue["enhet"] == "ja_nej"]
    assert yes_no["mal_regel"].eq("ja").all()
    assert yes_no["malvarde"].str.contains(r"^(?:I a|A)lla kommuner", regex=True).all()
    rules = catalogue.set_index("indikator")["mal_regel"]
    assert rules["gymnasiebehorighet"] == "andel>=1"   # "Alla barn ... ska ha behörighet"
    assert rules["hogskolebehorighet"] == ""           # the target is about another thing (README)
    assert rules["arbetsledning_timmar"] == ""         # "verka för att ... ökar": a direction


def test_catalogue_texts_stand_in_the_source(catalogue):
    """Targets, dates, numerators and denominators are quoted from the source (page breaks joined)."""
    text = _source_text().replace("*", "")
    text = re.sub(r"bistånds-\s+beslut", "biståndsbeslut", text)
    text = re.sub(r"helt lediga,\s+<mätdatum>", "helt lediga, <mätdatum>", text)
    missing = [(r.indikator, column) for r in catalogue.itertuples()
               for column in ("malvarde", "riktning", "matdatum", "taljare", "namnare", "delomrade", "namn")
               if getattr(r, column) and getattr(r, column) not in text]
    assert not missing


def test_every_indicator_and_area_has_swedish_and_english_labels(catalogue):
    labels = label_catalogue()
    missing = [i for i in catalogue["indikator"] if f"oj2015.indicator.{i}" not in labels]
    assert not missing
    areas = {key: entry for key, entry in labels.items() if key.startswith("oj2015.area.")}
    assert {entry["sv"] for entry in areas.values()} == set(catalogue["omrade"])
    assert all(entry["en"] and entry["en"] != entry["sv"] for entry in areas.values())


def test_loader_dtypes(data, catalogue):
    assert list(data.columns) == ["enhet", "niva", "indikator", "namn", "publicerat", "varde", "saknas"]
    assert isinstance(data["niva"].dtype, pd.CategoricalDtype)
    assert list(data["niva"].cat.categories) == ["kommun", "lan", "riket"]
    assert isinstance(data["saknas"].dtype, pd.CategoricalDtype)
    assert list(data["saknas"].cat.categories) == ["sekretess", "bortfall"]
    assert data["varde"].dtype == "float64"
    assert data["publicerat"].map(type).eq(str).all()         # empty is "", not NA
    assert not data["publicerat"].isna().any()
    assert catalogue.map(type).eq(str).all().all() and not catalogue.isna().any().any()
