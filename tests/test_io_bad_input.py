"""Bad input: what reading each malformed file in tests/data/bad/ must report.

``CASES`` is the specification. For every file it lists *all* the problems
:func:`read_registrations` reports, in the order it reports them (file-level
problems first, then by line and by column): the message, the line as a
person sees it (CSV: the header is line 1; Excel: the sheet's row), the
column as headed in the file, the offending value, a part of the "allowed"
text and the suggested closest value. A field left out must be None.

The binary files are made by ``tests/data/bad/make_xlsx.py``.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from webbkollen_lib import DataError, read_registrations
from webbkollen_lib.core.errors import Problem
from webbkollen_lib.io import read_ratings

BAD = Path(__file__).parent / "data" / "bad"


@dataclass(frozen=True)
class Expect:
    message: str
    line: int | None = None
    column: str | None = None
    value: object = None
    allowed: str | None = None  # must occur in Problem.allowed
    suggestion: str | None = None


AGE = "a whole number from 0 to 20"
KON = "pojke (Pojke); flicka (Flicka)"
RISK = "ingen_lag (Ingen/låg risk); nagot_forhojd (Något förhöjd risk); hog (Hög risk); mycket_hog (Mycket hög risk)"
YES_NO = "Ja or Nej"
ID_OR_LABEL = "a codebook id or label"
NOT_A_TABLE = "not a table of registrations: no column header is a codebook id or label"
SUFFIXES = ".csv, .txt, .tsv, .xlsx, .xlsm"
NONE_AND_OPTION = "either a 'none' answer or one or more options, not both"
CLOSURE_ONLY = "a closure-only variable filled in on a follow-up registration"

CASES: dict[str, list[Expect]] = {
    # --- files that are not a table at all --------------------------------------
    "empty.csv": [Expect("the file is empty (0 bytes)")],
    "whitespace_only.csv": [Expect("the file is empty (only white space)")],
    "header_only.csv": [Expect("the file has a header but no rows of data", line=1)],
    "binary_renamed.csv": [Expect("not a text table: the file holds binary data")],
    "pdf_like.csv": [Expect("not a text table: it looks like a PDF document")],
    "json_as_csv.csv": [Expect("not a table: it looks like JSON; save the data as CSV or .xlsx")],
    "registrations.json": [Expect("unsupported file type", value=".json", allowed=SUFFIXES)],
    "old_excel.xls": [
        Expect("unsupported file type: save it in Excel or LibreOffice as .xlsx or CSV", value=".xls", allowed=SUFFIXES)
    ],
    "spreadsheet.ods": [
        Expect("unsupported file type: save it in Excel or LibreOffice as .xlsx or CSV", value=".ods", allowed=SUFFIXES)
    ],
    "xlsx_named_csv.csv": [
        Expect("not a text table: it looks like an Excel workbook (a zip file); if it is one, give it the suffix .xlsx")
    ],
    "csv_named_xlsx.xlsx": [
        Expect("not an Excel workbook (.xlsx): it looks like a text (CSV) file; if it is one, give it the suffix .csv")
    ],
    "not_a_table.txt": [
        Expect(NOT_A_TABLE, line=1, value="Hej!", allowed="the first non-empty row) naming columns such as kommun, ar")
    ],
    "excel_title_row.xlsx": [Expect(NOT_A_TABLE, line=1, value="Uppföljning av insatser 2017", allowed="kommun, ar")],
    "excel_empty_sheet.xlsx": [Expect("the sheet 'Blad1' is empty")],
    # --- text encodings ------------------------------------------------------------
    "mixed_encodings.csv": [
        Expect(
            "the file mixes text encodings: line(s) 2 are UTF-8 but this line is not (cp1252?); save the file again as UTF-8",
            line=3,
        )
    ],
    "bom_then_cp1252.csv": [
        Expect(
            "the file mixes text encodings: it starts as UTF-8 but this line is not (cp1252?); save the file again as UTF-8",
            line=2,
        )
    ],
    "not_cp1252.csv": [Expect("not a text table: the bytes are neither UTF-8 nor cp1252 (Windows) text", line=2)],
    # --- the header ----------------------------------------------------------------
    "unknown_column.csv": [
        Expect("unknown column", 1, "risk_beslutt", "risk_beslutt", ID_OR_LABEL, suggestion="risk_beslut")
    ],
    "unknown_column_label.csv": [  # UTF-8 with BOM, semicolons, Swedish labels
        Expect("unknown column", 1, "Barnets ursprnug", "Barnets ursprnug", ID_OR_LABEL, suggestion="Barnets ursprung")
    ],
    "missing_required_column.csv": [
        Expect("required column is missing", 1, "kon", allowed="a column headed 'kon' or 'Kön' or 'Sex'")
    ],
    "duplicate_column_id.csv": [
        Expect("duplicate column: 'kon' (column 4) and 'kon' (column 6) are both 'kon'", 1, "kon", "kon", "each variable once")
    ],
    "duplicate_column_id_and_label.csv": [
        Expect("duplicate column: 'kon' (column 4) and 'Kön' (column 6) are both 'kon'", 1, "Kön", "Kön", "each variable once")
    ],
    "ratings_column_in_registrations.csv": [
        Expect("unknown column: it belongs to the vignette ratings, not to the registrations", 1, "vinjett", "vinjett", ID_OR_LABEL),
        Expect("unknown column: it belongs to the vignette ratings, not to the registrations", 1, "risk", "risk", ID_OR_LABEL),
    ],
    # --- the shape of rows -----------------------------------------------------------
    "ragged_rows.csv": [
        Expect("the row has 6 values but the header has 5 columns", line=3),
        Expect("the row has 4 values but the header has 5 columns", line=4),
    ],
    "decimal_comma_in_comma_file.csv": [
        Expect(
            'the row has 6 values but the header has 5 columns (a decimal comma in a comma-separated file? put "12,5" '
            'in quotes, or separate with ";")',
            line=2,
        )
    ],
    "value_without_header.csv": [Expect("a value in column 6, which has no header", line=3, value="oj")],
    "excel_value_without_header.xlsx": [Expect("a value in column 7, which has no header", line=3, value="oj")],
    # --- cells -----------------------------------------------------------------------
    "unknown_code_suggestion.csv": [Expect("unknown code", 3, "kon", "flika", KON, suggestion="flicka")],
    "unknown_code_no_match.csv": [Expect("unknown code", 2, "risk_beslut", "jättefarligt", RISK)],
    "age_out_of_range.csv": [
        Expect("out of range", 2, "alder", "-1", AGE),
        Expect("out of range", 3, "alder", "21", AGE),
        Expect("out of range", 4, "alder", "150", AGE),
    ],
    "age_not_a_number.csv": [Expect("not a whole number", 2, "alder", "tolv", AGE)],
    "age_decimal_comma.csv": [Expect("not a whole number", 2, "alder", "12,5", AGE)],  # 12,0 on line 3 is 12
    "missing_kon_value.csv": [
        Expect("required value is missing", 3, "kon", None, KON),
        Expect("required value is missing", 4, "kon", "Inte känt", KON),
    ],
    "yes_no_kanske.csv": [
        Expect("not a yes/no answer", 2, "ensamkommande", "kanske", YES_NO),
        Expect("not a yes/no answer", 3, "sip", "jaa", YES_NO, suggestion="Ja"),
    ],
    "cp1252_typo.csv": [  # cp1252, semicolons, Swedish labels and wording
        Expect("unknown code", 2, "Riskbedömning vid beslut", "Något förhöd risk", RISK, suggestion="Något förhöjd risk"),
        Expect("unknown code", 2, "Avslutsorsak", "Målet uppnåt", "mal_uppnatt (Målet med insatsen är uppnått)", "Målet uppnått"),
    ],
    # --- contradictions within a row --------------------------------------------------
    "closure_variable_on_followup.csv": [
        Expect(CLOSURE_ONLY, 2, "avslutsorsak", "mal_uppnatt", "empty when tillfalle is uppfoljning"),
        Expect(CLOSURE_ONLY, 4, "risk_avslut", "hog", "empty when tillfalle is uppfoljning"),
    ],
    "followup_variable_on_closure.csv": [
        Expect(
            "a follow-up-only variable filled in on a closure registration",
            3,
            "risk_uppfoljning",
            "Hög risk",
            "empty when tillfalle is avslut",
        )
    ],
    "ensamkommande_born_in_sweden.csv": [
        Expect(
            "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden (ursprung = sverige)",
            3,
            "Ensamkommande",
            "Ja",
            "ursprung utlandet or empty when ensamkommande is Ja",
        )
    ],
    "none_with_option.csv": [
        Expect("a 'none' answer ticked together with 'hem_fysiskt_vald'", 2, "hem_ingen", "Ja", NONE_AND_OPTION),
        Expect("a 'none' answer ticked together with 'vh_info_saknas'", 3, "vh_ingen", "Ja", NONE_AND_OPTION),
    ],
    "health_exam_open_care.csv": [  # line 2 is familjehem (allowed), line 4 leaves it empty (allowed)
        Expect(
            "a health examination applies only to children placed outside the home",
            3,
            "halsoundersokning",
            "Nej",
            "empty when insats is open care (here kontaktperson)",
        )
    ],
    "age_group_mismatch.csv": [
        Expect("age group does not match age", 3, "aldersgrupp", "13_18", "0_6 (0–6 år) for age 5", "0_6"),
        Expect("age group does not match age", 4, "aldersgrupp", "13-18 år", "over_18 (Över 18 år) for age 19", "Över 18 år"),
    ],
    # --- many problems at once: all of them, in line order ------------------------------
    "many_problems.csv": [
        Expect("unknown column", 1, "Okänd kolumn", "Okänd kolumn", ID_OR_LABEL),
        Expect("out of range", 3, "ar", "1917", "a whole number from 2000 to 2100"),
        Expect(
            "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden (ursprung = sverige)",
            3,
            "ensamkommande",
            "Ja",
            "ursprung utlandet",
        ),
        Expect("required value is missing", 4, "kommun", None, "any text, not empty"),
        Expect("unknown code", 4, "tillfalle", "avlsut", "uppfoljning (Uppföljning av insats); avslut", "avslut"),
        Expect("not a whole number", 4, "alder", "tolv", AGE),
        Expect("unknown code", 5, "kon", "flika", KON, "flicka"),
        Expect("out of range", 5, "alder", "25", AGE),
        Expect(CLOSURE_ONLY, 5, "avslutsorsak", "oplanerat", "empty when tillfalle is uppfoljning"),
        Expect("unknown code", 7, "risk_beslut", "farlig", RISK),  # line 6 is blank
    ],
    "excel_problems.xlsx": [  # Swedish headers; sheet row 3 is empty
        Expect("unknown code", 4, "Kön", "Flika", KON, "flicka"),
        Expect("out of range", 5, "Ålder", "25", AGE),
        Expect("unknown code", 5, "Riskbedömning vid beslut", "Mycket hg", RISK, "Mycket hög"),
    ],
}


def _fields(p: Problem) -> dict:
    return {"message": p.message, "line": p.line, "column": p.column, "value": p.value, "suggestion": p.suggestion}


def _problems(path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        read_registrations(path)
    return info.value.problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_reports_exactly_these_problems(name):
    problems = _problems(BAD / name)
    expected = CASES[name]
    assert [_fields(p) for p in problems] == [
        {"message": e.message, "line": e.line, "column": e.column, "value": e.value, "suggestion": e.suggestion}
        for e in expected
    ]
    for p, e in zip(problems, expected):
        if e.allowed is None:
            assert p.allowed is None, p
        else:
            assert p.allowed is not None and e.allowed in p.allowed, p


def test_every_file_in_the_folder_has_a_case():
    files = {p.name for p in BAD.iterdir() if p.name != "make_xlsx.py" and not p.name.startswith(".")}
    assert files == set(CASES)
    assert len(files) >= 25


def test_the_message_names_the_file_and_lists_every_problem_in_order():
    path = BAD / "many_problems.csv"
    with pytest.raises(DataError) as info:
        read_registrations(path)
    error = info.value
    assert isinstance(error, ValueError)
    lines = str(error).splitlines()
    assert lines[0] == f"{path}: 10 problems found"
    assert lines[1:] == [f"  - {p}" for p in error.problems]
    assert lines[5] == (
        "  - line 4, column 'tillfalle': unknown code (value 'avlsut'); allowed: uppfoljning (Uppföljning av insats); "
        "avslut (Avslut av insats); did you mean 'avslut'?"
    )
    numbered = [p.line for p in error.problems]
    assert numbered == sorted(numbered)


def test_data_error_survives_pickling():
    # a batch runner's worker process sends the error back to its parent
    with pytest.raises(DataError) as info:
        read_registrations(BAD / "age_out_of_range.csv")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems and str(again) == str(info.value)


def test_make_xlsx_recreates_files_that_fail_the_same_way(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_xlsx", BAD / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    made = sorted(p.name for p in tmp_path.iterdir())
    assert len(made) >= 10
    for name in made:
        assert [_fields(p) for p in _problems(tmp_path / name)] == [_fields(p) for p in _problems(BAD / name)]


# --- problems that need no file in the folder --------------------------------------------


def test_missing_file_and_directory(tmp_path):
    assert [p.message for p in _problems(tmp_path / "finns_inte.csv")] == ["file not found"]
    assert [p.message for p in _problems(tmp_path)] == ["is a directory, not a file"]


def test_missing_sheet_suggests_the_closest_name():
    with pytest.raises(DataError) as info:
        read_registrations(BAD / "excel_empty_sheet.xlsx", sheet="date")
    (p,) = info.value.problems
    assert (p.message, p.value, p.allowed, p.suggestion) == ("no such sheet", "date", "Blad1, Data", "Data")
    with pytest.raises(DataError, match="no such sheet"):
        read_registrations(BAD / "excel_empty_sheet.xlsx", sheet=5)


def test_registrations_read_as_ratings_say_where_the_columns_belong(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text("kommun,ar,vinjett,test,bedomare\nUmeå,2017,assi,3,b1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_ratings(path)
    assert [(p.message, p.line, p.column, p.value) for p in info.value.problems] == [
        ("unknown column: it belongs to the registrations, not to the vignette ratings", 1, "ar", "ar"),
        ("out of range", 2, "test", "3"),
    ]


def test_nothing_is_coerced_silently(tmp_path):
    # values that look almost right are errors, not NA and not a guess
    path = tmp_path / "nearly.csv"
    path.write_text("kommun;ar;tillfalle;kon;alder;risk_beslut;sip\nUmeå;2017;avslut;pojke;12.5;hög risk!;yes please\n")
    problems = _problems(path)
    assert [(p.column, p.value, p.message) for p in problems] == [
        ("alder", "12.5", "not a whole number"),
        ("risk_beslut", "hög risk!", "unknown code"),
        ("sip", "yes please", "not a yes/no answer"),
    ]
    assert problems[1].suggestion == "Hög risk"


def test_validate_reports_every_problem_of_a_frame():
    from webbkollen_lib import validate_registrations

    frame = pd.DataFrame(
        {
            "kommun": ["Umeå", "Umeå", None],
            "ar": [2017, 2017, 2017],
            "tillfalle": ["avslut", "uppfoljning", "avslut"],
            "kon": ["pojke", "flika", "flicka"],
            "alder": [12, 150, 3.5],
            "ursprung": ["sverige", "utlandet", None],
            "ensamkommande": [True, "Ja", False],
            "avslutsorsak": [None, "mal_uppnatt", None],
            "risk_beslutt": [None, None, None],
        }
    )
    with pytest.raises(DataError) as info:
        validate_registrations(frame, source="frame")
    got = [(p.line, p.column, p.value, p.message, p.suggestion) for p in info.value.problems]
    assert got == [
        (None, "risk_beslutt", "risk_beslutt", "unknown column", "risk_beslut"),
        (1, "ensamkommande", True, "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden (ursprung = sverige)", None),
        (2, "kon", "flika", "unknown code", "flicka"),
        (2, "alder", 150, "out of range", None),
        (2, "ensamkommande", "Ja", "not a yes/no value", None),
        (2, "avslutsorsak", "mal_uppnatt", CLOSURE_ONLY, None),
        (3, "kommun", None, "required value is missing", None),
        (3, "alder", 3.5, "not a whole number", None),
    ]
    assert str(info.value).startswith("frame: 8 problems found")
