"""UBU questionnaires: what reading a file must accept, what it must refuse, and what the shipped data are.

The source is *Projektrapport UBU – vård och boende* (FoU Södertörn, 2012):
§4.2 "Målgrupp" and "När ska UBU användas?" give the rules for who is followed
up, §3 the three parts and the school-results item quoted verbatim, §4.2
"Bortfall" the missing parts, §5.2.1 the coverage ("knappt hälften").

Every malformed file here is the shipped ``ubu_enkater.csv``'s first eight
data rows with one change (CSV: the header is line 1, the first data row line
2). For each rule of :func:`webbkollen_lib.io.ubu._rules`, ``CASES`` lists
*all* the problems :func:`read_ubu` reports: the message, the line, the column
as headed in the file, the value as written in the file and the allowed text.

The first eight rows (lines 2–9) have eight different providers; lines 2, 3,
7 and 9 are at SiS, lines 5 and 8 at an HVB; the parent's part is answered on
lines 2, 4 and 8, declined on line 3 and not done on the others; the young
person's part is answered on every line.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.io.ubu import PROVIDERS_FILE, UBU_FILE, read_ubu, validate_ubu
from webbkollen_lib.synthetic.ubu import generate_ubu, write_shipped_ubu
from webbkollen_lib.systems.ubu.instrument import (
    MAX_AGE,
    MAX_DAYS_AFTER,
    MIN_AGE,
    MIN_DAYS,
    get_ubu_codebook,
    item_scores,
    items,
    missing_reasons,
    valid_organisationsnummer,
)

SHIPPED = UBU_FILE.parent
ENDED_FILE = SHIPPED / "ubu_avslutade.csv"

with open(UBU_FILE, encoding="utf-8", newline="") as _fh:
    _ALL = list(csv.reader(_fh))
HEADER: list[str] = _ALL[0]
ROWS: list[list[str]] = _ALL[1:9]  # lines 2–9
COL = {name: i for i, name in enumerate(HEADER)}


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def cell(line: int, column: str) -> str:
    """The value of the shipped file at a line (2 = first data row) and column."""
    return ROWS[line - 2][COL[column]]


def write_csv(path: Path, edits=(), headers: dict[str, str] | None = None, rows=None) -> Path:
    """The eight valid rows with ``edits`` [(line, column id, new value)] and columns renamed by ``headers``."""
    rows = [list(r) for r in (ROWS if rows is None else rows)]
    for line, column, value in edits:
        rows[line - 2][COL[column]] = value
    header = [(headers or {}).get(h, h) for h in HEADER]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])
    return path


def problems_of(path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        read_ubu(path)
    return info.value.problems


def as_tuple(p: Problem) -> tuple:
    return (p.message, p.line, p.column, p.value, p.allowed)


def blank(line: int, part: str) -> list[tuple[int, str, str]]:
    """Edits emptying every item of a part on a line."""
    return [(line, c, "") for c in items(part)]


@dataclass(frozen=True)
class Case:
    edits: list
    expected: list  # of (message, line, column as headed, value as written, allowed)
    headers: dict | None = None


FIRST_PROVIDER = cell(2, "utforare")
FIRST_NUMBER = cell(2, "organisationsnummer")  # 458978-6161
BAD_CHECK_DIGIT = FIRST_NUMBER[:-1] + str((int(FIRST_NUMBER[-1]) + 1) % 10)
ORGNR_MESSAGE = "not a valid organisation number (form or check digit)"
ORGNR_ALLOWED = "NNNNNN-NNNN with a correct check digit"
UTFORARTYP_ALLOWED = (
    "hvb (HVB); stodboende (Stödboende); traningsboende (Träningsboende); sis (SiS särskilt ungdomshem)"
)
SKAL_ALLOWED = (
    "eget_beteende (Den unges eget beteende (missbruk, kriminalitet, annat normbrytande)); "
    "psykisk_ohalsa (Den unges psykiska ohälsa); "
    "brister_i_hemmet (Brister i hemmet (omsorg, våld, missbruk hos föräldrar)); "
    "relationer (Relationsproblem i familjen); hedersrelaterat (Hedersrelaterat våld och förtryck); "
    "annat (Annat socialt skäl)"
)
FAMILJEHEM = "UBU follows up dygnetruntvård (HVB, stödboende, träningsboende, SiS), not familjehem"
AGE_MESSAGE = "UBU's questions apply to young people aged 12–21"
AGE_ALLOWED = "a whole number from 12 to 21"

CASES: dict[str, Case] = {
    # "Om placeringen pågått minst sju dagar."
    "placement_6_days": Case(
        [(3, "vardtid_dagar", "6")],
        [("the placement lasted fewer than 7 days: UBU follows up placements of at least 7 days",
          3, "vardtid_dagar", "6", "7 or more")],
    ),
    "placement_0_days_swedish_header": Case(
        [(5, "vardtid_dagar", "0")],
        [("the placement lasted fewer than 7 days: UBU follows up placements of at least 7 days",
          5, "Vårdtid", "0", "7 or more")],
        headers={"vardtid_dagar": "Vårdtid"},
    ),
    # "Om det inte förflutit mer än tre månader sedan avslut."
    "answered_91_days_after": Case(
        [(4, "dagar_till_enkat", "91")],
        [("answered more than 90 days after the placement ended: UBU asks within three months",
          4, "dagar_till_enkat", "91", "0 to 90")],
    ),
    # 12 years (the questions to the young person) to 21 (LVU can last until 21)
    "age_11": Case([(2, "alder", "11")], [(AGE_MESSAGE, 2, "alder", "11", AGE_ALLOWED)]),
    "age_22_swedish_header": Case(
        [(6, "alder", "22")],
        [(AGE_MESSAGE, 6, "Ålder", "22", AGE_ALLOWED)],
        headers={"alder": "Ålder"},
    ),
    # dygnetruntvård "(utom familjehemsvård)"
    "familjehem_code": Case(
        [(5, "utforartyp", "familjehem")],
        [(FAMILJEHEM, 5, "utforartyp", "familjehem", UTFORARTYP_ALLOWED)],
    ),
    "familjehem_swedish_label": Case(
        [(7, "utforartyp", "Familjehem")],
        [(FAMILJEHEM, 7, "Typ av placering", "Familjehem", UTFORARTYP_ALLOWED)],
        headers={"utforartyp": "Typ av placering"},
    ),
    # "inte avsett att användas som uppföljning av ensamkommande barn, om det inte är så att
    # dessa placerats utifrån social problematik"
    "unaccompanied_reception_only": Case(
        [(3, "skal_placering", "ensamkommande_mottagande"), (3, "ensamkommande", "Ja")],
        [("an unaccompanied minor placed without social problems is outside UBU's target group",
          3, "skal_placering", "ensamkommande_mottagande", SKAL_ALLOWED)],
    ),
    "unaccompanied_without_reason": Case(
        [(4, "ensamkommande", "Ja"), (4, "skal_placering", "")],
        [("an unaccompanied minor is followed up only when placed for social problems: give the reason "
          "(skal_placering)", 4, "ensamkommande", "Ja", "Ja only together with a social reason for the placement")],
    ),
    # LSU: "Vid verkställighet enligt LSU"; sluten ungdomsvård is carried out at SiS
    "lsu_at_hvb": Case(
        [(5, "lagrum", "lsu")],
        [("LSU (secure youth care) is carried out only at SiS", 5, "lagrum", "lsu", "lsu only when utforartyp is sis")],
    ),
    # §4.2 "Bortfall": a part not answered falls away; a part answered has answers
    "youth_part_answered_but_empty": Case(
        blank(3, "ungdom"),
        [("the young person's part is marked answered but has no answers", 3, "del_ungdom", "besvarad",
          "avbojd or ej_genomford when the young person's part is empty")],
    ),
    "parent_part_declined_with_answer": Case(
        [(3, "for_stod_foralder", "4")],
        [("answers in the parent's part, which is marked avbojd: a part that was not answered has no answers",
          3, "for_stod_foralder", "4", "empty, or del_foralder besvarad")],
    ),
    "parent_part_not_done_with_answer_in_its_middle": Case(
        [(5, "for_trygg", "Stämmer helt")],
        [("answers in the parent's part, which is marked ej_genomford: a part that was not answered has no "
          "answers", 5, "for_trygg", "Stämmer helt", "empty, or del_foralder besvarad")],
    ),
    "social_worker_part_empty": Case(
        blank(6, "socialsekreterare"),
        [("the social worker's part has no answers: it is answered for every questionnaire", 6, "ss_mal_halsa",
          "", "the social worker's answers")],
    ),
    # the provider, "efter kontroll av organisationsnummer"
    "orgnr_bad_check_digit": Case(
        [(2, "organisationsnummer", BAD_CHECK_DIGIT)],
        [(ORGNR_MESSAGE, 2, "organisationsnummer", BAD_CHECK_DIGIT, ORGNR_ALLOWED)],
    ),
    "orgnr_bad_form": Case(
        [(3, "organisationsnummer", "49617-59844"), (4, "organisationsnummer", "498911-467")],
        [(ORGNR_MESSAGE, 3, "Org.nr", "49617-59844", ORGNR_ALLOWED),
         (ORGNR_MESSAGE, 4, "Org.nr", "498911-467", ORGNR_ALLOWED)],
        headers={"organisationsnummer": "Org.nr"},
    ),
    "same_provider_two_numbers": Case(
        [(6, "utforare", FIRST_PROVIDER), (6, "organisationsnummer", cell(6, "organisationsnummer"))],
        [(f"provider {FIRST_PROVIDER!r} has another organisation number in an earlier row ({FIRST_NUMBER})",
          6, "organisationsnummer", cell(6, "organisationsnummer"),
          f"{FIRST_NUMBER}, the same number for every questionnaire of the provider")],
    ),
    "duplicate_questionnaire_id": Case(
        [(9, "enkat_id", cell(4, "enkat_id"))],
        [("duplicate questionnaire id", 9, "Enkät", cell(4, "enkat_id"), "each id once")],
        headers={"enkat_id": "Enkät"},
    ),
}


# --------------------------------------------------------------------------
# the rules, one malformed file each
# --------------------------------------------------------------------------


def test_the_valid_rows_read_without_a_problem(tmp_path):
    data = read_ubu(write_csv(tmp_path / "valid.csv"))
    assert len(data) == 8
    assert data["enkat_id"].tolist() == [f"U{i:05d}" for i in range(1, 9)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_reports_line_column_value_and_allowed(tmp_path, name):
    case = CASES[name]
    path = write_csv(tmp_path / f"{name}.csv", case.edits, case.headers)
    assert [as_tuple(p) for p in problems_of(path)] == case.expected


def test_every_rule_of_the_reader_has_a_case():
    # one case per message the rules can give (a new rule needs a new case)
    import inspect

    from webbkollen_lib.io import ubu

    source = inspect.getsource(ubu._rules)
    assert source.count("problems.append(problem(") == 12
    rules = {message[:25] for case in CASES.values() for message, *_ in case.expected}
    # twelve checks; the one for the codes outside UBU (familjehem, reception only) has two messages
    assert len(rules) == 13, sorted(rules)


def test_the_limits_themselves_are_allowed(tmp_path):
    # exactly 7 days, exactly 90 days after, aged 12 and 21, unaccompanied with a social reason,
    # LSU at SiS, a declined part left empty, one owner's number for two units
    edits = [
        (2, "vardtid_dagar", str(MIN_DAYS)),
        (3, "dagar_till_enkat", str(MAX_DAYS_AFTER)),
        (4, "alder", str(MIN_AGE)),
        (5, "alder", str(MAX_AGE)),
        (6, "ensamkommande", "Ja"), (6, "skal_placering", "Annat socialt skäl"),
        (9, "lagrum", "LSU (sluten ungdomsvård)"),
        (8, "organisationsnummer", cell(7, "organisationsnummer")),  # another unit of the same owner
        *blank(7, "ungdom"), (7, "del_ungdom", "Avböjd"),
    ]
    data = read_ubu(write_csv(tmp_path / "limits.csv", edits))
    assert data["vardtid_dagar"].iloc[0] == 7 and data["dagar_till_enkat"].iloc[1] == 90
    assert data["alder"].iloc[2:4].tolist() == [12, 21]
    assert bool(data["ensamkommande"].iloc[4]) and data["skal_placering"].iloc[4] == "annat"
    assert data["lagrum"].iloc[7] == "lsu" and data["utforartyp"].iloc[7] == "sis"
    assert data["organisationsnummer"].iloc[6] == data["organisationsnummer"].iloc[5]
    assert data["del_ungdom"].iloc[5] == "avbojd" and data.loc[5, items("ungdom")].isna().all()


def test_one_over_each_limit_is_refused(tmp_path):
    edits = [(2, "vardtid_dagar", str(MIN_DAYS - 1)), (3, "dagar_till_enkat", str(MAX_DAYS_AFTER + 1)),
             (4, "alder", str(MIN_AGE - 1)), (5, "alder", str(MAX_AGE + 1))]
    problems = problems_of(write_csv(tmp_path / "over.csv", edits))
    assert [(p.line, p.column, p.value) for p in problems] == [
        (2, "vardtid_dagar", "6"), (3, "dagar_till_enkat", "91"), (4, "alder", "11"), (5, "alder", "22")]


def test_all_problems_of_a_file_are_reported_at_once_in_line_order(tmp_path):
    edits = [
        (2, "alder", "11"),
        (2, "lagrum", "lsu"),  # line 2 is SiS: allowed
        (3, "for_helhet", "5"),  # parent declined
        (4, "kon", "flika"),  # the codebook's own check, reported with the rules
        (5, "lagrum", "lsu"),  # HVB
        (5, "vardtid_dagar", "3"),
        (6, "utforartyp", "familjehem"),
        (7, "organisationsnummer", "123"),
        (8, "dagar_till_enkat", "120"),
        (9, "enkat_id", cell(2, "enkat_id")),
        *blank(9, "socialsekreterare"),
    ]
    path = write_csv(tmp_path / "many.csv", edits)
    with pytest.raises(DataError) as info:
        read_ubu(path)
    problems = info.value.problems
    assert [(p.line, p.column) for p in problems] == [
        (2, "alder"),
        (3, "for_helhet"),
        (4, "kon"),
        (5, "lagrum"),
        (5, "vardtid_dagar"),
        (6, "utforartyp"),
        (7, "organisationsnummer"),
        (8, "dagar_till_enkat"),
        (9, "enkat_id"),
        (9, "ss_mal_halsa"),
    ]
    text = str(info.value).splitlines()
    assert text[0] == f"{path}: 10 problems found"
    assert len(text) == 11


# --------------------------------------------------------------------------
# Swedish exports: labels as headers, wording as answers, Excel
# --------------------------------------------------------------------------


def _as_swedish_wording(rows: list[list[str]]) -> tuple[list[str], list[list[object]]]:
    """Header as Swedish labels; codes as their Swedish wording, yes/no as Ja/Nej, integers as numbers."""
    cb = get_ubu_codebook()
    header = [cb[c].label_sv for c in HEADER]
    out = []
    for row in rows:
        new = []
        for column, value in zip(HEADER, row):
            var = cb[column]
            if value == "":
                new.append(None)
            elif var.kind == "single":
                new.append(var.code(value).sv)
            elif var.kind == "yesno":
                new.append({"True": "Ja", "False": "Nej"}[value])
            elif var.kind == "integer":
                new.append(int(value))
            else:
                new.append(value)
        out.append(new)
    return header, out


def test_xlsx_with_swedish_labels_and_wording_reads_to_the_same_codes(tmp_path):
    rows = _ALL[1:61]
    header, worded = _as_swedish_wording(rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in worded:
        sheet.append(row)
    xlsx = tmp_path / "ubu_export.xlsx"
    workbook.save(xlsx)
    written = {v for row in worded for v in row}
    assert {"Stämmer helt", "Vet ej", "Ja", "Nej", "Ej aktuellt", "Stor förbättring", "Besvarad"} <= written
    assert "Utförare (enhet)" in header and "5" not in written

    from_xlsx = read_ubu(xlsx)
    from_codes = read_ubu(write_csv(tmp_path / "codes.csv", rows=rows))
    pd.testing.assert_frame_equal(from_xlsx, from_codes)
    assert from_xlsx["ss_trygg"].iloc[0] == cell(2, "ss_trygg")


def test_xlsx_problems_name_the_sheet_row_and_the_swedish_header(tmp_path):
    header, worded = _as_swedish_wording(ROWS)
    worded[1][COL["alder"]] = 11
    worded[2][COL["utforartyp"]] = "Familjehem"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in worded:
        sheet.append(row)
    workbook.save(tmp_path / "bad.xlsx")
    assert [as_tuple(p) for p in problems_of(tmp_path / "bad.xlsx")] == [
        (AGE_MESSAGE, 3, "Ålder när placeringen avslutades", "11", AGE_ALLOWED),
        (FAMILJEHEM, 4, "Typ av placering", "Familjehem", UTFORARTYP_ALLOWED),
    ]


def test_the_source_school_results_item_reads_in_its_own_words(tmp_path):
    # §3: "Hur förändrades dina skolresultat under placeringen? (-) Barnet har ej svarat (-) Går inte i
    # skola (1) Stor försämring (2) Försämring (3) Varken försämring eller förbättring (4) Förbättring
    # (5) Stor förbättring (-) Vet ej"
    cb = get_ubu_codebook()
    assert cb["ung_skolresultat"].label_sv == "Hur förändrades dina skolresultat under placeringen?"
    assert cb["ung_skolresultat"].attrs["ordalydelse"] == "kalla"
    words = ["Barnet har ej svarat", "Går inte i skola", "Stor försämring", "Försämring",
             "Varken försämring eller förbättring", "Förbättring", "Stor förbättring", "Vet ej"]
    edits = [(line, "ung_skolresultat", w) for line, w in zip(range(2, 10), words)]
    data = read_ubu(write_csv(tmp_path / "skola.csv", edits))
    assert data["ung_skolresultat"].astype(object).tolist() == [
        "ej_svarat", "ej_skola", "1", "2", "3", "4", "5", "vet_ej"]


# --------------------------------------------------------------------------
# missing: reasons are codes, a part not answered is NA
# --------------------------------------------------------------------------


def test_missing_reasons_stay_distinct_codes_not_na(tmp_path):
    edits = [
        (2, "ss_mal_halsa", "Inget mål inom området"), (3, "ss_mal_halsa", "Ej aktuellt"),
        (4, "ss_mal_halsa", "vet_ej"), (5, "ss_mal_halsa", "Har ej svarat"),
        (2, "ung_skolresultat", "Går inte i skola"), (3, "ung_skolresultat", "Ungdomen har ej svarat"),
        (4, "ung_skolresultat", "4"),
    ]
    data = read_ubu(write_csv(tmp_path / "reasons.csv", edits))
    assert data["ss_mal_halsa"].iloc[:4].astype(object).tolist() == ["ej_aktuellt", "ej_aktuellt", "vet_ej",
                                                                       "ej_svarat"]
    assert data["ung_skolresultat"].iloc[:3].astype(object).tolist() == ["ej_skola", "ej_svarat", "4"]
    assert data["ss_mal_halsa"].iloc[:4].notna().all()
    # ... and are never scored
    scores = item_scores(data, ["ss_mal_halsa", "ung_skolresultat"])
    assert scores["ss_mal_halsa"].iloc[:4].isna().all()
    assert scores["ung_skolresultat"].iloc[:2].isna().all() and scores["ung_skolresultat"].iloc[2] == 4.0
    assert missing_reasons("ss_mal_halsa") == ["ej_svarat", "ej_aktuellt", "vet_ej"]
    assert missing_reasons("ung_skolresultat") == ["ej_svarat", "ej_skola", "vet_ej"]


def test_the_shipped_file_keeps_every_missing_reason_as_a_code():
    data = read_ubu(UBU_FILE)
    for code in ("vet_ej", "ej_skola", "ej_aktuellt", "ej_svarat"):
        counts = {c: int((data[c].astype(object) == code).sum()) for c in items() if code in missing_reasons(c)}
        assert sum(counts.values()) > 0, code
    raw = pd.read_csv(UBU_FILE, dtype=str, keep_default_na=False)
    for column in items():
        # a cell with an answer (a score or a reason) is never NA after reading, an empty cell always is
        assert (data[column].isna().to_numpy() == (raw[column] == "").to_numpy()).all(), column


def test_a_part_not_answered_stays_empty_never_imputed():
    data = read_ubu(UBU_FILE)
    for part, status in (("ungdom", "del_ungdom"), ("foralder", "del_foralder")):
        own = items(part)
        not_answered = data[status] != "besvarad"
        assert not_answered.sum() > 0
        assert data.loc[not_answered, own].isna().all().all()
        assert data.loc[~not_answered, own].notna().any(axis=1).all()
        scored = [c for c in own if c != "ung_allvarlig_krankning"]
        assert item_scores(data.loc[not_answered], scored).isna().all().all()
    # the social worker's part is answered for every questionnaire
    assert data[items("socialsekreterare")].notna().any(axis=1).all()


def test_a_declined_part_written_as_empty_cells_reads_as_na(tmp_path):
    edits = [*blank(4, "ungdom"), (4, "del_ungdom", "avbojd")]
    data = read_ubu(write_csv(tmp_path / "declined.csv", edits))
    assert data.loc[2, items("ungdom")].isna().all()
    assert data.loc[[0, 1, 3], items("ungdom")].notna().any(axis=1).all()


# --------------------------------------------------------------------------
# the shipped file and validate_ubu
# --------------------------------------------------------------------------


def test_the_shipped_file_reads_and_its_plain_codes_validate():
    data = read_ubu(UBU_FILE)
    assert len(data) == len(_ALL) - 1 == 609
    assert list(data.columns) == HEADER
    plain = data.astype(object).where(data.notna(), None)
    assert validate_ubu(plain) is plain


def test_validate_ubu_applies_the_rules_to_a_frame_of_codes():
    data = read_ubu(UBU_FILE)
    plain = data.astype(object).where(data.notna(), None).iloc[:5].copy()
    plain.loc[1, "alder"] = 22
    plain.loc[3, "utforartyp"] = "familjehem"
    with pytest.raises(DataError) as info:
        validate_ubu(plain, source="frame")
    assert [(p.line, p.column, p.value, p.message) for p in info.value.problems] == [
        (2, "alder", 22, AGE_MESSAGE), (4, "utforartyp", "familjehem", FAMILJEHEM)]


# --------------------------------------------------------------------------
# organisation numbers
# --------------------------------------------------------------------------


def test_skatteverkets_organisation_number_is_valid():
    assert valid_organisationsnummer("202100-5448")  # Skatteverket
    assert valid_organisationsnummer(" 202100-5448 ")
    assert valid_organisationsnummer("2021005448")  # the hyphen may be left out


@pytest.mark.parametrize("number", [
    "202100-5449",  # check digit
    "202100-5440",  # check digit
    "212100-5448",  # a changed digit the check digit catches
    "20210-05448",  # hyphen in the wrong place
    "202100-544",  # too short
    "202100-54480",  # too long
    "20210054",  # too short without hyphen
    "2021OO-5448",  # letters O for zeros
    "",
])
def test_invalid_organisation_numbers(number):
    assert not valid_organisationsnummer(number)


# --------------------------------------------------------------------------
# the generator
# --------------------------------------------------------------------------

NAMES = ("ubu_enkater.csv", "ubu_utforare.csv", "ubu_avslutade.csv")


def test_write_shipped_ubu_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    paths = write_shipped_ubu(tmp_path)
    assert [p.name for p in paths] == list(NAMES)
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_the_command_line_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "webbkollen_lib.synthetic", str(out)], check=True, capture_output=True)
    for name in NAMES:
        assert (out / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_another_seed_gives_other_questionnaires(tmp_path):
    write_shipped_ubu(tmp_path, seed=1)
    assert (tmp_path / "ubu_enkater.csv").read_bytes() != UBU_FILE.read_bytes()


@pytest.fixture(scope="module")
def shipped():
    return read_ubu(UBU_FILE)


def test_providers_range_from_one_or_two_questionnaires_to_forty_and_more(shipped):
    per_provider = shipped.groupby("utforare", observed=True).size()
    assert per_provider.min() <= 2
    assert per_provider.max() >= 40
    assert (per_provider <= 2).sum() >= 3  # "En del HVB är mycket små och antalet svar blir få"


def test_questionnaires_are_knappt_halften_of_the_ended_placements(shipped):
    ended = pd.read_csv(ENDED_FILE)
    share = len(shipped) / ended["avslutade_placeringar"].sum()
    assert 0.40 <= share < 0.50
    # and no municipality has more questionnaires than ended placements in a year
    made = shipped.groupby(["kommun", "ar"], observed=True).size().rename("enkater").reset_index()
    both = made.merge(ended, on=["kommun", "ar"], how="left", validate="one_to_one")
    assert both["avslutade_placeringar"].notna().all()
    assert (both["enkater"] <= both["avslutade_placeringar"]).all()


def test_fewer_than_half_of_the_parents_answered(shipped):
    assert (shipped["del_foralder"] == "besvarad").mean() < 0.5
    assert (shipped["del_ungdom"] == "besvarad").mean() > 0.5  # the young people mostly did


@pytest.mark.parametrize("seed", [1, 7, 2013])
def test_every_generated_row_passes_the_rules(seed):
    data = generate_ubu(seed)
    assert validate_ubu(data) is data
    # the rules, checked here without the reader too
    assert data["vardtid_dagar"].min() >= MIN_DAYS and data["dagar_till_enkat"].max() <= MAX_DAYS_AFTER
    assert data["alder"].between(MIN_AGE, MAX_AGE).all()
    assert "familjehem" not in set(data["utforartyp"])
    assert set(data.loc[data["lagrum"] == "lsu", "utforartyp"]) <= {"sis"}


def test_the_shipped_rows_pass_each_rule_checked_directly(shipped):
    assert shipped["vardtid_dagar"].min() >= 7 and shipped["dagar_till_enkat"].max() <= 90
    assert shipped["alder"].min() >= 12 and shipped["alder"].max() <= 21
    assert (shipped["utforartyp"] != "familjehem").all()
    assert (shipped.loc[shipped["lagrum"] == "lsu", "utforartyp"] == "sis").all()
    assert shipped["enkat_id"].is_unique


def test_unaccompanied_minors_only_with_a_social_reason(shipped):
    social = {"eget_beteende", "psykisk_ohalsa", "brister_i_hemmet", "relationer", "hedersrelaterat", "annat"}
    alone = shipped[shipped["ensamkommande"].fillna(False).astype(bool)]
    assert len(alone) > 0
    assert set(alone["skal_placering"].astype(object)) <= social
    assert alone["skal_placering"].notna().all()
    assert not (shipped["skal_placering"] == "ensamkommande_mottagande").any()


def test_fictitious_providers_have_unused_organisation_numbers(shipped):
    providers = pd.read_csv(PROVIDERS_FILE, dtype=str)
    assert providers["organisationsnummer"].str.startswith("4").all()  # first digit 4 is not in use
    assert providers["organisationsnummer"].map(valid_organisationsnummer).all()
    assert providers["organisationsnummer"].str.fullmatch(r"\d{6}-\d{4}").all()
    assert providers["organisationsnummer"].is_unique and providers["utforare"].is_unique
    assert providers["utforare"].str.endswith("(fiktiv)").all()
    # every questionnaire names a listed provider with the listed number
    listed = dict(zip(providers["utforare"], providers["organisationsnummer"]))
    pairs = shipped[["utforare", "organisationsnummer"]].astype(object).drop_duplicates()
    assert pairs["utforare"].is_unique
    assert all(listed[name] == number for name, number in pairs.itertuples(index=False))


# --------------------------------------------------------------------------
# one problem per cell, and organisation numbers as people write them
# --------------------------------------------------------------------------


def test_an_age_outside_the_codebook_range_is_one_problem_not_two(tmp_path):
    found = problems_of(write_csv(tmp_path / "f.csv", [(2, "alder", "26")]))
    assert [(p.line, p.column, p.message) for p in found] == [(2, "alder", "out of range")]


def test_a_number_written_with_and_without_its_hyphen_or_with_an_en_dash_is_one_number(tmp_path):
    digits = FIRST_NUMBER.replace("-", "")
    edits = [(3, "utforare", FIRST_PROVIDER), (3, "organisationsnummer", digits),
             (4, "utforare", FIRST_PROVIDER), (4, "organisationsnummer", digits[:6] + "\u2013" + digits[6:])]
    data = read_ubu(write_csv(tmp_path / "f.csv", edits))
    assert (data["utforare"].astype("object") == FIRST_PROVIDER).sum() >= 3


def test_an_invalid_first_number_is_never_offered_as_the_one_to_use(tmp_path):
    edits = [(2, "organisationsnummer", BAD_CHECK_DIGIT), (3, "utforare", FIRST_PROVIDER),
             (3, "organisationsnummer", FIRST_NUMBER)]
    found = problems_of(write_csv(tmp_path / "f.csv", edits))
    assert [(p.line, p.message) for p in found] == [(2, ORGNR_MESSAGE)]


def test_a_sole_trader_with_a_personal_identity_number_as_organisation_number_is_accepted():
    # the source, §4.2 Sekretess: "enskild firma (med personnummer som organisationsnummer)"
    assert valid_organisationsnummer("811218-9876")
    assert not valid_organisationsnummer("811218-9875")


def test_the_violation_question_is_never_left_empty_in_an_answered_part():
    data = read_ubu(UBU_FILE)
    answered = data["del_ungdom"].astype("object") == "besvarad"
    assert data.loc[answered, "ung_allvarlig_krankning"].notna().all()
    assert data.loc[~answered, "ung_allvarlig_krankning"].isna().all()


def test_the_readme_tables_are_the_codebook():
    tool = Path(__file__).resolve().parents[1] / "tools" / "ubu_readme_tables.py"
    result = subprocess.run([sys.executable, str(tool)], capture_output=True, text=True, check=True)
    readme = (Path(__file__).resolve().parents[1] / "webbkollen_lib" / "systems" / "ubu" / "README.md").read_text(
        encoding="utf-8")
    start, end = "<!-- tables: start (tools/ubu_readme_tables.py) -->\n", "<!-- tables: end -->"
    assert readme.split(start, 1)[1].split(end, 1)[0] == result.stdout
