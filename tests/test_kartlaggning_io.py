"""Kartläggning 2012: the published figures, the shipped answers, and what reading a file accepts and refuses.

The source is SKL (2012) *Kartläggning om systematisk uppföljning av barn och
unga i samhällsvård* (``shared/seeds/000_…``): the response table per region,
question 3's table, question 10's mean ranks and the percentages of the text
and the summary; Bilaga 1 is the municipality questionnaire (question 1:
"Nej (gå vidare till fråga 5)"), Bilaga 2 the region's summary form.

The figures are parsed here from the source text on their own (tab-separated
table rows, percentages in the passage of each question), never through the
library, so a wrong number in ``published_figures.csv`` fails a test.

Malformed answer files are the shipped ``kartlaggning_2012.csv``'s first eight
data rows (CSV: the header is line 1, so these are lines 2–9: the eight
municipalities of Uppsala län, every one Ja on question 1) with the edits a
test names.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pandas as pd
from seeds import source_text
import pytest

from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.core.municipalities import municipalities
from webbkollen_lib.io.kartlaggning import (
    KARTLAGGNING_FILE,
    PRIORITERINGAR_FILE,
    load_kartlaggning_2012,
    load_prioriteringar_2012,
    read_kartlaggning,
    read_prioriteringar,
    validate_kartlaggning,
)
from webbkollen_lib.synthetic.kartlaggning import (
    SEED,
    generate_kartlaggning,
    generate_prioriteringar,
    write_shipped_kartlaggning,
)
from webbkollen_lib.systems.kartlaggning2012.reference import REFERENCE_FILE, compare_with_published
from webbkollen_lib.systems.kartlaggning2012.survey import (
    REGIONS_FILE,
    get_kartlaggning_codebook,
    municipality_regions,
    question_columns,
)

ROOT = Path(__file__).resolve().parents[1]
VG_FILE = REGIONS_FILE.parent / "vastra_gotaland.csv"

#: The report's region names (the response table) -> the codebook's codes, in the table's order.
REGION_NAMES = {
    "Stockholm": "stockholm", "Uppsala": "uppsala", "Södermanland": "sodermanland",
    "Östergötland": "ostergotland", "Jönköping": "jonkoping", "Kronoberg": "kronoberg", "Kalmar": "kalmar",
    "Gotland": "gotland", "Blekinge": "blekinge", "Skåne": "skane", "Halland": "halland", "Värmland": "varmland",
    "Västmanland": "vastmanland", "Dalarna": "dalarna", "Örebro": "orebro", "Gävleborg": "gavleborg",
    "Västernorrland": "vasternorrland", "Jämtland": "jamtland", "Västerbotten": "vasterbotten",
    "Norrbottn": "norrbotten", "Skaraborg": "skaraborg", "Fyrbodal": "fyrbodal", "GR": "goteborgsregionen",
    "Sjuhärad": "sjuharad",
}
VASTRA_GOTALAND = ("skaraborg", "fyrbodal", "goteborgsregionen", "sjuharad")

#: Question 3's table rows as printed -> the option's code.
Q3_ROWS = {
    "Nämndens verksamhetsmål": "verksamhetsmal", "Budget för vårdkostnader": "budget",
    "Laguppfyllelse": "laguppfyllelse", "Verksamhetens arbetsprocesser": "arbetsprocesser",
    "Statistik om de placerade barnen/unga": "statistik", "Uppgifter vid avslut av placeringen": "avslut",
    "Personalen och deras förutsättningar": "personal", "Resultat av insatsen - HVB": "resultat_hvb",
    "Resultat av insatsen – familjehem": "resultat_familjehem", "Barn och ungas uppfattning": "barn_uppfattning",
    "Vårdnadshavares uppfattning": "vh_uppfattning", "Personalens uppfattning": "personal_uppfattning",
    "Vårdgivares uppfattning": "vardgivare_uppfattning", "Andra uppgifter": "annat",
}

#: Question 10's table rows as printed (their start) -> the area's code.
Q10_ROWS = {
    "Basuppgifter för systematisk uppföljning": "basuppgifter",
    "Utveckla systematisk uppföljning – resultat av insatsen familjehem": "resultat_familjehem",
    "Utveckla systematisk uppföljning – resultat av insatsen HVB": "resultat_hvb",
    "Brukarmedverkan": "brukarmedverkan",
    "Utvecklingsarbete kring individuell uppföljning": "individuell_uppfoljning",
    "Annat alternativ": "annat",
    "Utveckla metoder för att fånga upp och systematisera personalens": "personalens_erfarenheter",
}

SKIP_MESSAGE = ("question {q} is answered, but question 1 (redovisat) is Nej, which skips to question 5: "
                "questions 2–4 are not asked")
SKIP_ALLOWED = "empty when question 1 is Nej"
SKIPPED_COLUMNS = [c for q in (2, 3, 4) for c in question_columns(q)]


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _source_text() -> str:
    return source_text("000")


@pytest.fixture(scope="module")
def source() -> str:
    return _source_text()


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    """The reference CSV read with plain pandas (not load_published_figures), indexed by id."""
    return pd.read_csv(REFERENCE_FILE, dtype=str, keep_default_na=False).set_index("id")


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return load_kartlaggning_2012()


@pytest.fixture(scope="module")
def priorities() -> pd.DataFrame:
    return load_prioriteringar_2012()


def _published(figures: pd.DataFrame, figure_id: str) -> float:
    return float(figures.loc[figure_id, "published"])


def _results_section(text: str) -> str:
    """From the national results (after the table of contents) to Bilaga 1."""
    start = text.index("Den nationella redovisningen bygger på")
    return text[start:text.index("Bilaga 1 – Kommunens enkät", start)]


def _summary_section(text: str) -> str:
    start = text.index("Sammanfattning och slutsatser\n\nSystematisk")
    return text[start:text.index("\nBakgrund och syfte\n", start)]


def _question_passages(text: str) -> dict[int, str]:
    """The results section split at its question headings "1) …" to "10) …"."""
    parts = re.split(r"\n(\d{1,2})\) ", _results_section(text))
    passages = {0: parts[0]}  # the response table and the text under it
    for number, body in zip(parts[1::2], parts[2::2]):
        passages[int(number)] = body
    return passages


def _percentages(text: str) -> set[int]:
    """Every percentage in a passage, "3 resp. 5 %" giving both 3 and 5."""
    found = {int(n) for n in re.findall(r"(\d+)\s?%", text)}
    found |= {int(n) for n in re.findall(r"(\d+) resp\.? \d+\s?%", text)}
    return found


with open(KARTLAGGNING_FILE, encoding="utf-8", newline="") as _fh:
    _ALL = list(csv.reader(_fh))
HEADER: list[str] = _ALL[0]
ROWS: list[list[str]] = _ALL[1:9]  # lines 2–9
COL = {name: i for i, name in enumerate(HEADER)}

with open(PRIORITERINGAR_FILE, encoding="utf-8", newline="") as _fh:
    _RANKS = list(csv.reader(_fh))
RANK_HEADER: list[str] = _RANKS[0]
RANK_ROWS: list[list[str]] = _RANKS[1:14]  # lines 2–14: Södermanland ranks 6 areas (2–7), Östergötland 7


def cell(line: int, column: str) -> str:
    return ROWS[line - 2][COL[column]]


def write_csv(path: Path, edits=(), rows=None, header=None, rank_file: bool = False) -> Path:
    """The first data rows with ``edits`` [(line, column id, new value)]; header renamed by ``header`` {id: text}."""
    base_header, base_rows = (RANK_HEADER, RANK_ROWS) if rank_file else (HEADER, ROWS)
    index = {name: i for i, name in enumerate(base_header)}
    rows = [list(r) for r in (base_rows if rows is None else rows)]
    for line, column, value in edits:
        rows[line - 2][index[column]] = value
    written = [(header or {}).get(h, h) for h in base_header]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([written, *rows])
    return path


def said_no(line: int, value: str = "Nej") -> list[tuple[int, str, str]]:
    """Edits making a line answer Nej on question 1 with questions 2–4 left empty, as the form asks."""
    return [(line, "redovisat", value)] + [(line, c, "") for c in SKIPPED_COLUMNS]


def problems_of(path, reader=read_kartlaggning) -> list[Problem]:
    with pytest.raises(DataError) as info:
        reader(path)
    return info.value.problems


def as_tuple(p: Problem) -> tuple:
    return (p.message, p.line, p.column, p.value, p.allowed, p.suggestion)


def _sv_header(column: str) -> str:
    """The Swedish header of a column, as a development leader's export writes it."""
    var = get_kartlaggning_codebook().variable_of(column)
    if var.kind == "multi":
        return f"{var.label_sv}: {var.code(column[len(var.prefix):]).sv}"
    return var.label_sv


def _sv_value(column: str, value: str) -> str:
    """The answer as worded on the paper form: a cross for a tick, Nej for an unticked box, labels for codes."""
    var = get_kartlaggning_codebook().variable_of(column)
    if value == "" or var.kind == "text":
        return value
    if var.kind == "multi":
        return {"True": "x", "False": "Nej"}[value]
    if var.kind == "yesno":
        return {"True": "Ja", "False": "Nej"}[value]
    if column == "region" and value == "norrbotten":
        return "Norrbottn"  # as the report's response table prints it
    return var.code(value).sv


def _swedish(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    return [_sv_header(c) for c in HEADER], [[_sv_value(c, v) for c, v in zip(HEADER, r)] for r in rows]


# --------------------------------------------------------------------------
# the published figures: every one in the source is in the reference CSV, right
# --------------------------------------------------------------------------


def test_the_response_table_of_the_source_is_the_reference_csv_and_the_regions_file(source, figures):
    rows = re.findall(r"^([^\t\n]+)\t(\d+)\t(\d+)\t(\d+)%$", source, flags=re.MULTILINE)
    assert [name for name, *_ in rows] == [*REGION_NAMES, "Total"]
    for name, kommuner, svarande, frekvens in rows:
        key = REGION_NAMES.get(name, "total")
        assert _published(figures, f"svar_{key}_kommuner") == int(kommuner), name
        assert _published(figures, f"svar_{key}_svarande") == int(svarande), name
        assert _published(figures, f"svar_{key}_frekvens") == int(frekvens), name
        assert figures.loc[f"svar_{key}_svarande", "region"] == ("" if name == "Total" else key)
    # no response figure that the table does not print
    response_ids = {i for i in figures.index if i.startswith("svar_") and figures.loc[i, "source"].startswith("Svars")}
    assert len(response_ids) == 3 * len(rows)
    # the regions' sizes (regioner.csv) are the table's, in its order
    regions_file = pd.read_csv(REGIONS_FILE, dtype={"kommuner": int})
    assert list(zip(regions_file["region"], regions_file["kommuner"])) == [
        (REGION_NAMES[name], int(k)) for name, k, _, _ in rows[:-1]]


def test_question_3_table_of_the_source_is_in_the_reference_csv(source, figures):
    rows = re.findall(r"^([^\t\n]+)\t(\d+)%\t(\d+)$", source, flags=re.MULTILINE)
    assert [name for name, _, _ in rows] == list(Q3_ROWS)
    for name, percent, count in rows:
        code = Q3_ROWS[name]
        assert _published(figures, f"q3_{code}_pct") == int(percent), name
        assert _published(figures, f"q3_{code}_antal") == int(count), name
        assert figures.loc[f"q3_{code}_antal", "variable"] == f"uppgift_{code}"
        # the printed percentage is the count over the 190 answering, rounded half up
        assert int(100 * int(count) / 190 + 0.5) == int(percent), name


def test_question_10_mean_ranks_of_the_source_are_in_the_reference_csv(source, figures):
    rows = re.findall(r"^([^\t\n]+)\t(\d),(\d)$", source, flags=re.MULTILINE)
    assert len(rows) == 7
    for printed, whole, tenth in rows:
        code = next(c for start, c in Q10_ROWS.items() if printed.startswith(start))
        assert _published(figures, f"q10_{code}") == pytest.approx(int(whole) + int(tenth) / 10), printed
        assert figures.loc[f"q10_{code}", "values"] == code
    means = figures[figures["measure"] == "medelrang"]
    assert len(means) == 7 and set(means["values"]) == set(Q10_ROWS.values())


def test_every_percentage_in_the_results_is_a_figure_of_its_question_and_back(source, figures):
    passages = _question_passages(source)
    assert sorted(passages) == list(range(11))
    percent = figures[(figures["unit"] == "percent") & ~figures["source"].str.startswith("Sammanfattning")]
    for question in range(1, 11):
        printed = _percentages(passages[question])
        ours = {int(float(v)) for v in percent.loc[percent["fraga"] == str(question), "published"]}
        assert printed == ours, (question, sorted(printed), sorted(ours))
    assert _percentages(passages[0]) >= {66, 0, 100, 46, 62, 88, 67, 55, 80, 92, 90, 71, 79, 33, 86}


def test_every_percentage_of_the_summary_is_a_summary_figure_and_back(source, figures):
    printed = _percentages(_summary_section(source))
    summary = figures[figures["source"].str.contains("Sammanfattning") & (figures["unit"] == "percent")]
    assert printed == {int(float(v)) for v in summary["published"]}
    assert printed == {66, 85, 71, 43, 34, 31, 94, 59, 33, 75, 49}


@pytest.mark.parametrize("pattern, figure_id, value", [
    (r"^Kronoberg\t8\t7\t88%$", "svar_kronoberg_frekvens", 88),
    (r"^Skåne\t33\t18\t55%$", "svar_skane_svarande", 18),
    (r"^Norrbottn\t14\t11\t79%$", "svar_norrbotten_kommuner", 14),
    (r"^Total\t290\t190\t66%$", "svar_total_svarande", 190),
    (r"^Budget för vårdkostnader\t78%\t149$", "q3_budget_antal", 149),
    (r"^Resultat av insatsen - HVB\t3%\t6$", "q3_resultat_hvb_pct", 3),
    (r"^Basuppgifter för systematisk uppföljning\t1,8$", "q10_basuppgifter", 1.8),
    (r"^Utveckla metoder för att fånga upp och systematisera personalens beprövade erfarenheter\t5,0$",
     "q10_personalens_erfarenheter", 5.0),
    (r"Majoriteten av kommunerna \(83%\) har uppgivit", "q1_ja", 83),
    (r"I en mindre andel \(15 %\) av kommunerna", "q1_nej", 15),
    (r"Majoriteten av kommunerna \(85 %\) redovisar", "sammanf_q1_ja", 85),
    (r"främst till politiker \(81%\)", "q2_politiker", 81),
    (r"En liten andel \(5%\) uppgav att inget IT-stöd finns", "q5_nej", 5),
    (r"i de flesta kommuner \(94%\)", "sammanf_q5_finns", 94),
    (r"tre fjärdedelar \(75%\)", "q7_ja_viss_man", 75),
    (r"En tredjedel av kommunerna \(33%\)", "q6_nej", 33),
    (r"Kompetensbrister rapporteras från 43% av kommunerna", "q8_kompetens", 43),
    (r"Kunskap om förbättringsmetodik \(68%\)", "q9_forbattringsmetodik", 68),
    (r"^20 län/regioner ingår i undersökningen", "svar_text_lan", 20),
    (r"Av de 24 regioner/delregioner har 21 inkommit", "svar_bortfall_regioner", 21),
    (r"i åtta län har samtliga kommuner deltagit", "svar_text_alla", 8),
    (r"Av det 10-talet län som svarat", "q10_regioner", 10),
])
def test_spot_checks_against_the_source_text(source, figures, pattern, figure_id, value):
    assert re.search(pattern, source, flags=re.MULTILINE), pattern
    assert _published(figures, figure_id) == pytest.approx(value)


def test_the_reference_csv_has_161_figures_and_only_the_summarys_85_is_not_honoured(figures):
    assert len(figures) == 161 and figures.index.is_unique
    assert list(figures.index[figures["honoured"] == "false"]) == ["sammanf_q1_ja"]
    # 83 % and 85 % of the same 190 municipalities cannot both hold: 158/190 → 83, 161/190 → 85
    counts_for = {p: [k for k in range(191) if int(100 * k / 190 + 0.5) == p] for p in (83, 85)}
    assert not set(counts_for[83]) & set(counts_for[85])


# --------------------------------------------------------------------------
# the shipped answers: typed, every honoured figure, the right municipalities
# --------------------------------------------------------------------------


def test_the_shipped_answers_read_back_typed(answers):
    cb = get_kartlaggning_codebook()
    assert list(answers.columns) == HEADER == cb.columns("kartlaggning")
    assert len(answers) == len(_ALL) - 1 == 190
    assert answers["redovisat"].dtype == "boolean"
    for column in [c for q in (2, 3, 4, 8, 9) for c in question_columns(q)]:
        assert answers[column].dtype == "boolean", column
    assert isinstance(answers["region"].dtype, pd.CategoricalDtype)
    assert list(answers["region"].cat.categories) == list(REGION_NAMES.values())
    for column in ("it_stod", "stodfunktioner", "forbattringsarbete"):
        assert list(answers[column].cat.categories) == ["ja", "ja_i_viss_man", "nej", "vet_ej"], column
    assert pd.api.types.is_string_dtype(answers["kommun"])
    # the cells read as written: "True"/"False"/"" -> True/False/NA, codes stay codes
    raw = pd.read_csv(KARTLAGGNING_FILE, dtype=str, keep_default_na=False)
    assert int((raw["uppgift_budget"] == "True").sum()) == int(answers["uppgift_budget"].sum()) == 149
    assert (answers["redovisat"].isna().to_numpy() == (raw["redovisat"] == "").to_numpy()).all()
    assert answers["it_stod"].astype(object).tolist() == raw["it_stod"].tolist()


def test_the_shipped_answers_keep_the_skip_rule(answers):
    asked = (answers["redovisat"] == True).fillna(False)  # noqa: E712
    assert int(asked.sum()) == 158 and int((answers["redovisat"] == False).sum()) == 28  # noqa: E712
    assert int(answers["redovisat"].isna().sum()) == 4
    # questions 2–4 are empty for the 32 not asked and answered (True/False) for the 158 asked
    assert answers.loc[~asked, SKIPPED_COLUMNS].isna().all().all()
    assert answers.loc[asked, SKIPPED_COLUMNS].notna().all().all()


def test_the_shipped_files_reproduce_every_honoured_figure(answers, priorities):
    table = compare_with_published(answers, priorities)
    assert len(table) == 161
    honoured = table[table["honoured"]]
    assert honoured["ok"].all(), honoured.loc[~honoured["ok"], ["id", "published", "reproduced"]].to_dict("records")
    # the one not honoured is indeed not reproduced: the answers give 83 %, not the summary's 85 %
    not_honoured = table[~table["honoured"]].set_index("id")
    assert list(not_honoured.index) == ["sammanf_q1_ja"]
    assert not not_honoured.loc["sammanf_q1_ja", "ok"]
    assert not_honoured.loc["sammanf_q1_ja", "rounded"] == 83
    assert 100 * int(answers["redovisat"].sum()) / len(answers) == pytest.approx(100 * 158 / 190)


def test_the_shipped_rankings_give_the_published_mean_ranks(priorities, figures):
    raw = pd.read_csv(PRIORITERINGAR_FILE)
    assert raw["region"].nunique() == 11  # "det 10-talet län", "nära hälften ... lämna frågan tom" of 21
    means = raw.groupby("omrade")["rang"].mean()
    for area, mean in means.items():
        published = _published(figures, f"q10_{area}")
        assert int(10 * mean + 0.5) / 10 == pytest.approx(published), area
    assert str(priorities["rang"].dtype) == "Int64"
    assert priorities["omrade"].astype(object).tolist() == raw["omrade"].tolist()


def test_exactly_the_published_number_of_municipalities_answer_in_each_region(answers, figures):
    per_region = answers["region"].astype(str).value_counts()
    for code in REGION_NAMES.values():
        assert int(per_region.get(code, 0)) == _published(figures, f"svar_{code}_svarande"), code
    assert set(per_region.index) == {c for c in REGION_NAMES.values()
                                     if _published(figures, f"svar_{c}_svarande") > 0}
    assert per_region.sum() == 190


def test_every_answering_municipality_is_real_in_its_region_and_answers_once(answers):
    real = municipalities().set_index("kommun")["lan"]
    assert len(real) == 290
    assert answers["kommun"].is_unique
    assert set(answers["kommun"]) <= set(real.index)
    county = pd.read_csv(REGIONS_FILE).set_index("region")["lan"]
    vg = pd.read_csv(VG_FILE).set_index("kommun")["region"]
    for kommun, region in zip(answers["kommun"], answers["region"].astype(str)):
        assert real[kommun] == county[region], (kommun, region)  # in the region's county
        if region in VASTRA_GOTALAND:
            assert vg[kommun] == region, (kommun, region)
    # and the list of municipalities per region adds up to the report's sizes
    places = municipality_regions()
    assert places["kommun"].is_unique and len(places) == 290
    sizes = places.groupby("region").size()
    regions_file = pd.read_csv(REGIONS_FILE).set_index("region")["kommuner"]
    assert sizes.reindex(regions_file.index).tolist() == regions_file.tolist()


# --------------------------------------------------------------------------
# the generator
# --------------------------------------------------------------------------


def test_the_generator_writes_the_shipped_files_byte_for_byte(tmp_path):
    paths = write_shipped_kartlaggning(tmp_path)
    assert [p.name for p in paths] == [KARTLAGGNING_FILE.name, PRIORITERINGAR_FILE.name]
    assert paths[0].read_bytes() == KARTLAGGNING_FILE.read_bytes()
    assert paths[1].read_bytes() == PRIORITERINGAR_FILE.read_bytes()


def test_another_seed_gives_other_answers_that_still_reproduce_every_honoured_figure(answers):
    other = generate_kartlaggning(SEED + 1)
    ranks = generate_prioriteringar(SEED + 1, answers=other)
    assert other["kommun"].tolist() != answers["kommun"].tolist()
    same_places = sorted(set(other["kommun"]) & set(answers["kommun"]))
    mine = answers.set_index("kommun").loc[same_places, SKIPPED_COLUMNS]
    theirs = other.set_index("kommun").loc[same_places, SKIPPED_COLUMNS]
    assert not mine.astype(object).equals(theirs.astype(object))
    table = compare_with_published(other, ranks)
    honoured = table[table["honoured"]]
    assert honoured["ok"].all(), honoured.loc[~honoured["ok"], ["id", "published", "reproduced"]].to_dict("records")
    # the generated frame keeps the rules the reader enforces
    assert validate_kartlaggning(other) is other


# --------------------------------------------------------------------------
# the skip rule and the municipality rules: every problem at once
# --------------------------------------------------------------------------


@pytest.mark.parametrize("question, column", [(2, "mottagare_politiker"), (3, "uppgift_budget"),
                                              (4, "kalla_annat")])
def test_a_box_ticked_after_nej_on_question_1_is_refused(tmp_path, question, column):
    path = write_csv(tmp_path / "skip.csv", [*said_no(4), (4, column, "True")])
    assert [as_tuple(p) for p in problems_of(path)] == [
        (SKIP_MESSAGE.format(q=question), 4, column, "True", SKIP_ALLOWED, None)]


def test_the_skip_rule_names_the_swedish_header_and_the_cross_as_written(tmp_path):
    header, rows = _swedish(ROWS)
    rows[5][COL["redovisat"]] = "Nej"
    for c in SKIPPED_COLUMNS:
        rows[5][COL[c]] = ""
    rows[5][COL["uppgift_budget"]] = "x"
    rows[5][COL["kalla_bbic"]] = "Markerad"  # the electronic form's word for a ticked box
    path = tmp_path / "sv.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])
    assert [as_tuple(p) for p in problems_of(path)] == [
        (SKIP_MESSAGE.format(q=3), 7, "Redovisade uppgifter: Budget för vårdkostnader", "x", SKIP_ALLOWED, None),
        (SKIP_MESSAGE.format(q=4), 7, "Uppgifternas källor: Barns behov i centrum (BBIC)", "Markerad",
         SKIP_ALLOWED, None),
    ]


def test_nej_with_questions_2_to_4_empty_or_unticked_reads_and_an_empty_question_1_keeps_its_ticks(tmp_path):
    edits = [*said_no(2), *said_no(3, "nej"), (3, "mottagare_annan", "Nej"), (3, "kalla_bbic", "False"),
             (5, "redovisat", ""), (5, "uppgift_budget", "Ja")]
    data = read_kartlaggning(write_csv(tmp_path / "ok.csv", edits))
    assert data["redovisat"].iloc[:3].tolist() == [False, False, True] and pd.isna(data["redovisat"].iloc[3])
    assert data.loc[0, SKIPPED_COLUMNS].isna().all()
    assert data.loc[1, "mottagare_annan"] == False and data.loc[1, "kalla_bbic"] == False  # noqa: E712
    assert data.loc[3, "uppgift_budget"] == True  # noqa: E712


def test_every_problem_of_a_file_is_reported_at_once_with_its_line(tmp_path):
    edits = [
        *said_no(3), (3, "uppgift_budget", "Ja"),  # the skip rule
        (4, "kommun", "Boras"),  # Borås misspelt
        (5, "region", "Skåne"),  # a municipality of Uppsala län said to be in Skåne
        (6, "kommun", cell(2, "kommun")),  # the municipality of line 2 again
        (7, "it_stod", "kanske"),  # not a code of question 5
    ]
    path = write_csv(tmp_path / "many.csv", edits)
    with pytest.raises(DataError) as info:
        read_kartlaggning(path)
    knivsta = cell(5, "kommun")
    it_stod_allowed = ("ja (Ja); ja_i_viss_man (Ja, i viss mån); nej (Nej); vet_ej (Vet ej); "
                       "empty or Inte känt = not known")
    assert [as_tuple(p) for p in info.value.problems] == [
        (SKIP_MESSAGE.format(q=3), 3, "uppgift_budget", "Ja", SKIP_ALLOWED, None),
        ("not one of Sweden's 290 municipalities", 4, "kommun", "Boras",
         "a municipality's name as in the list of municipalities (e.g. Borås)", "Borås"),
        (f"{knivsta} is in the survey region Uppsala", 5, "region", "Skåne",
         f"uppsala (Uppsala) for {knivsta}", "Uppsala"),
        ("the municipality answers twice: a municipality has one row", 6, "kommun", cell(2, "kommun"),
         "each municipality once", None),
        ("unknown code", 7, "it_stod", "kanske", it_stod_allowed, None),
    ]
    text = str(info.value).splitlines()
    assert text[0] == f"{path}: 5 problems found" and len(text) == 6
    assert text[2] == (f"  - line 4, column 'kommun': not one of Sweden's 290 municipalities (value 'Boras'); "
                       f"allowed: a municipality's name as in the list of municipalities (e.g. Borås); "
                       f"did you mean 'Borås'?")


def test_a_municipality_of_vastra_gotaland_must_be_in_our_federation(tmp_path):
    # Borås is in Sjuhärad (vastra_gotaland.csv); the row says Fyrbodal
    edits = [(2, "kommun", "Borås"), (2, "region", "Fyrbodal")]
    assert [as_tuple(p) for p in problems_of(write_csv(tmp_path / "vg.csv", edits))] == [
        ("Borås is in the survey region Sjuhärad", 2, "region", "Fyrbodal", "sjuharad (Sjuhärad) for Borås",
         "Sjuhärad")]
    data = read_kartlaggning(write_csv(tmp_path / "vg_ok.csv", [(2, "kommun", "Borås"), (2, "region", "Sjuhärad")]))
    assert data["region"].iloc[0] == "sjuharad"


def test_validate_kartlaggning_applies_the_rules_to_a_frame_of_codes(answers):
    frame = answers.head(8).copy()
    frame["redovisat"] = frame["redovisat"].astype(object)
    frame.loc[2, "redovisat"] = False
    frame.loc[2, SKIPPED_COLUMNS] = pd.NA
    frame.loc[2, "mottagare_chefer"] = True
    with pytest.raises(DataError) as info:
        validate_kartlaggning(frame, source="frame")
    assert [(p.line, p.column, p.allowed) for p in info.value.problems] == [(3, "mottagare_chefer", SKIP_ALLOWED)]
    assert validate_kartlaggning(answers) is answers


# --------------------------------------------------------------------------
# Swedish exports, Excel, Windows CSV
# --------------------------------------------------------------------------


def test_swedish_headers_and_wording_read_the_same_as_codes(tmp_path, answers):
    header, rows = _swedish(_ALL[1:])
    written = {v for row in rows for v in row}
    assert {"x", "Nej", "Ja", "Ja, i viss mån", "Vet ej", "Norrbottn", "Fyrbodal"} <= written
    assert "True" not in written and "ja_i_viss_man" not in written
    assert header[:3] == ["Kommun", "Län/region", "Redovisade verksamhetsuppföljning senaste året"]
    path = tmp_path / "svenska.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])
    pd.testing.assert_frame_equal(read_kartlaggning(path), answers)


def test_an_xlsx_export_reads_the_same_as_the_csv(tmp_path, answers):
    header, rows = _swedish(_ALL[1:])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([v if v != "" else None for v in row])
    xlsx = tmp_path / "sammanstallning.xlsx"
    workbook.save(xlsx)
    pd.testing.assert_frame_equal(read_kartlaggning(xlsx), answers)


def test_a_semicolon_separated_cp1252_csv_reads(tmp_path, answers):
    header, rows = _swedish(_ALL[1:])
    path = tmp_path / "excel_export.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    data = path.read_bytes()
    assert b"L\xe4n/region;" in data and "Län".encode("utf-8") not in data  # really cp1252
    read = read_kartlaggning(path)
    pd.testing.assert_frame_equal(read, answers)
    assert read.attrs["source"]["encoding"] == "cp1252" and read.attrs["source"]["sep"] == ";"


# --------------------------------------------------------------------------
# malformed files
# --------------------------------------------------------------------------


def _header_without(column: str) -> str:
    keep = [i for i, h in enumerate(HEADER) if h != column]
    lines = [[r[i] for i in keep] for r in [HEADER, *ROWS]]
    return "\n".join(",".join(r) for r in lines) + "\n"


@pytest.mark.parametrize("name, content, expected", [
    ("empty.csv", "", ("the file is empty (0 bytes)", None, None)),
    ("blank.csv", "\n  \n", ("the file is empty (only white space)", None, None)),
    ("header_only.csv", ",".join(HEADER) + "\n", ("the file has a header but no rows of data", 1, None)),
    ("prose.csv", "Hej! Här kommer svaren från länet.\nMvh utvecklingsledaren\n",
     ("not a table of survey answers (Kartläggning 2012): no column header is a codebook id or label", 1, None)),
    ("json.csv", '[{"kommun": "Heby"}]',
     ("not a table: it looks like JSON; save the data as CSV or .xlsx", None, None)),
    ("no_kommun.csv", _header_without("kommun"), ("required column is missing", 1, "kommun")),
    ("no_region.csv", _header_without("region"), ("required column is missing", 1, "region")),
])
def test_a_malformed_file_is_refused_naming_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_kartlaggning(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: 1 problem found")
    assert [(p.message, p.line, p.column) for p in info.value.problems] == [expected]


def test_a_missing_column_says_how_to_head_it(tmp_path):
    path = tmp_path / "no_kommun.csv"
    path.write_text(_header_without("kommun"), encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.allowed == "a column headed 'kommun' or 'Kommun' or 'Municipality'"


def test_a_text_file_named_xlsx_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_kartlaggning(path)
    assert str(info.value).startswith(f"{path}: ")
    assert "not an Excel workbook" in info.value.problems[0].message


def test_the_loaders_say_how_to_make_missing_shipped_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="make data"):
        load_kartlaggning_2012(tmp_path / "saknas.csv")


# --------------------------------------------------------------------------
# question 10's rankings
# --------------------------------------------------------------------------

RANK_ALLOWED = "a whole number from 1 to 7"
AREA_ALLOWED = "; ".join(f"{c.code} ({c.sv})" for c in get_kartlaggning_codebook()["omrade"].codes)


def test_the_first_rankings_are_what_the_cases_assume():
    assert [r[0] for r in RANK_ROWS] == ["sodermanland"] * 6 + ["ostergotland"] * 7
    assert [int(r[2]) for r in RANK_ROWS] == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("edits, expected", [
    ([(2, "rang", "0")], [("out of range", 2, "rang", "0", RANK_ALLOWED)]),
    ([(14, "rang", "8")], [("out of range", 14, "rang", "8", RANK_ALLOWED)]),
    ([(4, "rang", "tre")], [("not a whole number", 4, "rang", "tre", RANK_ALLOWED)]),
    ([(3, "rang", "1")], [("the region gives this rank to two areas: a ranking gives each rank once", 3, "rang",
                           "1", "a rank the region has not given yet")]),
    ([(9, "omrade", "basuppgifter")], [("the region ranks this area twice", 9, "omrade", "basuppgifter",
                                         "each area once per region")]),
    ([(5, "omrade", "ekonomi")], [("unknown code", 5, "omrade", "ekonomi", AREA_ALLOWED)]),
], ids=["rank_0", "rank_8", "rank_not_a_number", "same_rank_twice", "same_area_twice", "unknown_area"])
def test_a_bad_ranking_is_refused_with_line_column_and_allowed(tmp_path, edits, expected):
    path = write_csv(tmp_path / "rang.csv", edits, rank_file=True)
    problems = problems_of(path, read_prioriteringar)
    assert [(p.message, p.line, p.column, p.value, p.allowed) for p in problems] == expected


def test_two_regions_may_give_the_same_rank_and_rank_the_same_area(tmp_path):
    data = read_prioriteringar(write_csv(tmp_path / "ok.csv", rank_file=True))
    assert data.groupby("rang").size()[1] == 2
    assert (data["omrade"] == "resultat_hvb").sum() == 2


def test_every_ranking_problem_at_once_and_a_misspelt_area_gets_a_suggestion(tmp_path):
    edits = [(3, "rang", "1"), (6, "omrade", "Basuppgiter för systematisk uppföljning"), (10, "rang", "9"),
             (12, "omrade", "resultat_hvb")]
    problems = problems_of(write_csv(tmp_path / "many.csv", edits, rank_file=True), read_prioriteringar)
    assert [(p.line, p.column) for p in problems] == [(3, "rang"), (6, "omrade"), (10, "rang"), (12, "omrade")]
    assert problems[1].suggestion == "Basuppgifter för systematisk uppföljning"


def test_rankings_with_swedish_headers_and_labels_read_the_same(tmp_path, priorities):
    cb = get_kartlaggning_codebook()
    header = [cb[c].label_sv for c in RANK_HEADER]
    assert header == ["Län/region", "Utvecklingsområde", "Rang (1 = högst prioritet)"]
    rows = [[cb["region"].code(r).sv, cb["omrade"].code(a).sv, k] for r, a, k in _RANKS[1:]]
    path = tmp_path / "fraga10.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])
    pd.testing.assert_frame_equal(read_prioriteringar(path), priorities)
