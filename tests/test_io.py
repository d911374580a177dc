"""Reading and writing registrations and vignette ratings.

The specification: every way a municipality may hand us the same three
registrations (encodings, separators, headers as ids or labels, answers as
codes or the report's wording) reads to the same typed frame, ``EXPECTED``,
written out here by hand with the data-contract dtypes. Whatever
``write_registrations`` writes, ``read_registrations`` reads back unchanged.
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webbkollen_lib import DataError, get_codebook, read_registrations, validate_registrations, write_registrations
from webbkollen_lib.io import read_ratings, write_ratings

RISK = pd.CategoricalDtype(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], ordered=True)
AGE_GROUP = pd.CategoricalDtype(["0_6", "7_12", "13_18", "over_18"], ordered=True)
SKOLA = pd.CategoricalDtype(
    ["nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt"]
)
NA = None

EXPECTED = pd.DataFrame(
    {
        "kommun": pd.array(["Umeå", "Södermalm", "Majorna-Linné"], dtype="string"),
        "ar": pd.array([2017, 2017, 2016], dtype="Int64"),
        "tillfalle": pd.Categorical(["avslut", "uppfoljning", "avslut"], categories=["uppfoljning", "avslut"]),
        "kon": pd.Categorical(["pojke", "flicka", "flicka"], categories=["pojke", "flicka"]),
        "alder": pd.array([12, 4, 19], dtype="Int64"),
        "aldersgrupp": pd.Categorical(["7_12", "0_6", "over_18"], dtype=AGE_GROUP),
        "ursprung": pd.Categorical(["sverige", NA, "utlandet"], categories=["sverige", "utlandet"]),
        "ensamkommande": pd.array([False, NA, True], dtype="boolean"),
        "hem_fysiskt_vald": pd.array([True, False, NA], dtype="boolean"),
        "hem_ingen": pd.array([False, True, NA], dtype="boolean"),
        "risk_beslut": pd.Categorical(["nagot_forhojd", "hog", NA], dtype=RISK),
        "risk_avslut": pd.Categorical(["ingen_lag", NA, "mycket_hog"], dtype=RISK),
        "skola_beslut": pd.Categorical(["nar_kunskapskrav", "ej_bedomt", NA], dtype=SKOLA),
        "avslutsorsak": pd.Categorical(
            ["mal_uppnatt", NA, "oplanerat"], categories=["mal_uppnatt", "oplanerat", "motsvarar_ej_behov", "annat"]
        ),
    }
)

# --- the same three registrations, as municipalities write them -------------------------------

IDS = """\
kommun,ar,tillfalle,kon,alder,ursprung,ensamkommande,hem_fysiskt_vald,hem_ingen,risk_beslut,risk_avslut,skola_beslut,avslutsorsak
Umeå,2017,avslut,pojke,12,sverige,False,True,False,nagot_forhojd,ingen_lag,nar_kunskapskrav,mal_uppnatt
Södermalm,2017,uppfoljning,flicka,4,,,False,True,hog,,ej_bedomt,
Majorna-Linné,2016,avslut,flicka,19,utlandet,True,,,,mycket_hog,,oplanerat
"""

SWEDISH_LABELS = """\
Kommun/stadsdel;År;Registreringstillfälle;Kön;Ålder;Barnets ursprung;Ensamkommande barn;\
Identifierad utsatthet i hemmiljön: Fysiskt våld mot barnet;Identifierad utsatthet i hemmiljön: Ingen utsatthet i hemmiljön;\
Risk att barnet far illa i nuvarande situation vid beslut om insats;\
Risk att barnet far illa i nuvarande situation vid avslut av insats;Barnets skolgång vid beslut om insats;Orsak till avslut av insats
Umeå;2017;Avslut av insats;Pojke;12;Född i Sverige;Nej;Ja;Nej;Något förhöjd risk;Ingen/låg risk;\
Når kunskapskraven i de flesta ämnen;Målet med insatsen är uppnått
Södermalm;2017;Uppföljning av insats;Flicka;4;Inte känt;;Nej;Ja;Hög risk;;Kan ej bedöma/inte känt/ej aktuellt;
Majorna-Linné;2016;Avslut av insats;Flicka;19;Född utomlands;Ja;;;Inte känt;Mycket hög risk;;Oplanerat avslut
"""

REPORT_WORDING = """\
Kommun,Registreringsår,Tillfälle,Kön,Ålder vid beslut,Ursprung,Ensamkommande,Hemmet: Fysiskt våld,Hemmet: Ingen,\
Riskbedömning vid beslut,Riskbedömning vid avslut,skola_beslut,Avslutsorsak
Umeå,2017,Avslut,Pojkar,12,Svenskfödd,Nej,Ja,Nej,Något förhöjd,Ingen/låg,Når kunskapskraven i de flesta ämnen,Målet uppnått
Södermalm,2017,Uppföljning,Flickor,4,Okänt,,Nej,Ja,Hög,,Kan ej bedöma,
Majorna-Linné,2016,Avslutad,Flickor,19,Utlandsfödd,Ja,,,Kan ej bedömas,Mycket hög,,Oplanerat
"""

ENGLISH_LABELS = """\
Municipality/city district,Year,Occasion of registration,Sex,Age,Child's origin,Unaccompanied minor,\
Identified exposure in the home environment: Physical violence against the child,\
Identified exposure in the home environment: No exposure in the home environment,\
Risk that the child is harmed in the present situation at the decision,\
Risk that the child is harmed in the present situation at closure,The child's schooling at the decision,Reason for closure
Umeå,2017,Closure of intervention,Boy,12,Born in Sweden,No,Yes,No,Somewhat elevated risk,No/low risk,\
Meets the requirements in most subjects,The goal of the intervention was met
Södermalm,2017,Follow-up of intervention,Girl,4,Not known,,No,Yes,High risk,,Cannot assess/not known/not applicable,
Majorna-Linné,2016,Closure of intervention,Girl,19,Born abroad,Yes,,,Not known,Very high risk,,oplanerat
"""

CASE_AND_SPACE = """\
 KOMMUN ; Ar ;TILLFALLE; kön ;ålder;URSPRUNG;Ensamkommande;HEM_FYSISKT_VALD;hem_ingen ;Risk_Beslut;risk_avslut;skola_beslut;avslutsorsak
 Umeå ;2017; AVSLUT ;pojke ; 12 ; född i  sverige;nej;JA;nej; något FÖRHÖJD risk ;INGEN_LAG;NAR_KUNSKAPSKRAV;  Mål uppnått
Södermalm ;2017;uppföljning;FLICKA;4;  ;;NEJ;ja;HÖG RISK;;kan ej bedöma;
Majorna-Linné;2016;avslut;Flicka;19;utlandet;JA;;;;MYCKET HÖG;;OPLANERAT
"""

NA_SPELLINGS = """\
kommun;ar;tillfalle;kon;alder;ursprung;ensamkommande;hem_fysiskt_vald;hem_ingen;risk_beslut;risk_avslut;skola_beslut;avslutsorsak
Umeå;2017;avslut;pojke;12;sverige;Nej;Ja;Nej;nagot_forhojd;ingen_lag;nar_kunskapskrav;mal_uppnatt
Södermalm;2017;uppfoljning;flicka;4;Inte känt;NA;Nej;Ja;hog;;ej_bedomt;
Majorna-Linné;2016;avslut;flicka;19;utlandet;Ja;okänt;Uppgift saknas;Inte känt;mycket_hog;;oplanerat
"""

DECIMAL_COMMA = """\
kommun;ar;tillfalle;kon;alder;ursprung;ensamkommande;hem_fysiskt_vald;hem_ingen;risk_beslut;risk_avslut;skola_beslut;avslutsorsak
Umeå;2017,0;avslut;pojke;12,0;sverige;0;1;0;nagot_forhojd;ingen_lag;nar_kunskapskrav;mal_uppnatt
Södermalm;2017;uppfoljning;flicka;4,00;;;0;1;hog;;ej_bedomt;
Majorna-Linné;2016.0;avslut;flicka;19;utlandet;1;;;;mycket_hog;;oplanerat
"""


def _blank_lines_and_crlf(text: str) -> str:
    lines = text.splitlines()
    return "\r\n".join(["", lines[0], "", lines[1], "  ", lines[2], "", lines[3], "", ""])


def _quoted(text: str) -> str:
    return "\n".join(",".join(f'"{cell}"' for cell in line.split(",")) for line in text.splitlines()) + "\n"


def _trailing_separator(text: str) -> str:
    return "".join(line + ";\n" for line in text.splitlines())


# name: (file suffix, bytes, encoding and separator read_registrations must report)
CSV_VARIANTS = {
    "utf-8, comma, ids": (".csv", IDS.encode("utf-8"), "utf-8", ","),
    "utf-8 with BOM, semicolon": (".csv", IDS.replace(",", ";").encode("utf-8-sig"), "utf-8-sig", ";"),
    "cp1252, semicolon, Swedish labels": (".csv", SWEDISH_LABELS.encode("cp1252"), "cp1252", ";"),
    "tab separated .tsv": (".tsv", IDS.replace(",", "\t").encode("utf-8"), "utf-8", "\t"),
    "Excel 'Unicode text' (UTF-16, tab)": (".txt", IDS.replace(",", "\t").encode("utf-16"), "utf-16", "\t"),
    "report wording and aliases": (".csv", REPORT_WORDING.encode("utf-8"), "utf-8", ","),
    "English labels and wording": (".csv", ENGLISH_LABELS.encode("utf-8"), "utf-8", ","),
    "case and white space": (".csv", CASE_AND_SPACE.encode("utf-8"), "utf-8", ";"),
    "'Inte känt', NA, okänt": (".csv", NA_SPELLINGS.encode("cp1252"), "cp1252", ";"),
    "decimal comma, 1/0": (".csv", DECIMAL_COMMA.encode("utf-8"), "utf-8", ";"),
    "blank lines and CRLF": (".csv", _blank_lines_and_crlf(IDS).encode("utf-8"), "utf-8", ","),
    "every field quoted": (".csv", _quoted(IDS).encode("utf-8"), "utf-8", ","),
    "trailing separators": (".csv", _trailing_separator(IDS.replace(",", ";")).encode("utf-8"), "utf-8", ";"),
    "Excel's sep= line": (".csv", ("sep=;\n" + IDS.replace(",", ";")).encode("utf-8"), "utf-8", ";"),
}


@pytest.mark.parametrize("variant", list(CSV_VARIANTS))
def test_every_csv_variant_reads_to_the_same_typed_frame(tmp_path, variant):
    suffix, data, encoding, sep = CSV_VARIANTS[variant]
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    frame = read_registrations(path)
    pdt.assert_frame_equal(frame, EXPECTED)
    assert frame.attrs["source"] == {"path": str(path), "encoding": encoding, "sep": sep, "rows": 3}


def _xlsx(path, rows, *, sheet="Blad1", first_sheet=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet is not None:
        ws.title = first_sheet
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _csv_rows(text: str, sep: str) -> list[list]:
    return [line.split(sep) for line in text.splitlines()]


def test_xlsx_with_ids_and_native_excel_types(tmp_path):
    # numbers as numbers (ages as 12.0 floats too), booleans as TRUE/FALSE, empty cells as None
    rows = [_csv_rows(IDS, ",")[0]]
    for line in _csv_rows(IDS, ",")[1:]:
        cells = [None if c == "" else c for c in line]
        cells[1], cells[4] = int(cells[1]), float(cells[4])
        cells[6:9] = [None if c is None else c == "True" for c in cells[6:9]]
        rows.append(cells)
    frame = read_registrations(_xlsx(tmp_path / "export.xlsx", rows))
    pdt.assert_frame_equal(frame, EXPECTED)
    assert frame.attrs["source"]["encoding"] is None


def test_xlsx_with_swedish_labels_blank_rows_and_a_chosen_sheet(tmp_path):
    header, *body = _csv_rows(SWEDISH_LABELS, ";")
    rows = [header, [], body[0], [None] * 5, body[1], body[2]]
    path = _xlsx(tmp_path / "export.xlsx", rows, sheet="Data", first_sheet="Försättsblad")
    pdt.assert_frame_equal(read_registrations(path, sheet="Data"), EXPECTED)
    pdt.assert_frame_equal(read_registrations(path, sheet=1), EXPECTED)


def test_only_the_required_columns(tmp_path):
    path = tmp_path / "liten.csv"
    path.write_text("kommun;ar;tillfalle;kon;alder\nUmeå;2017;avslut;pojke;12\nUmeå;2017;avslut;flicka;0\n", encoding="utf-8")
    frame = read_registrations(path)
    expected = EXPECTED[["kommun", "ar", "tillfalle", "kon", "alder", "aldersgrupp"]].iloc[[0, 0]].reset_index(drop=True)
    expected["kon"] = pd.Categorical(["pojke", "flicka"], categories=["pojke", "flicka"])
    expected["alder"] = pd.array([12, 0], dtype="Int64")
    expected["aldersgrupp"] = pd.Categorical(["7_12", "0_6"], dtype=AGE_GROUP)
    pdt.assert_frame_equal(frame, expected)


def test_age_groups_follow_the_reports_bands(tmp_path):
    ages = [0, 6, 7, 12, 13, 18, 19, 20]
    path = tmp_path / "alder.csv"
    path.write_text("kommun,ar,tillfalle,kon,alder\n" + "".join(f"Umeå,2017,avslut,pojke,{a}\n" for a in ages))
    groups = read_registrations(path)["aldersgrupp"]
    assert list(groups) == ["0_6", "0_6", "7_12", "7_12", "13_18", "13_18", "over_18", "over_18"]


def test_inte_kant_is_missing_except_where_it_is_a_category(tmp_path):
    # risk: "Inte känt" means NA; schooling: "Inte känt" is the category ej_bedomt (codebook)
    path = tmp_path / "okant.csv"
    path.write_text(
        "kommun;ar;tillfalle;kon;alder;risk_beslut;skola_beslut\nUmeå;2017;avslut;pojke;12;Inte känt;Inte känt\n"
    )
    frame = read_registrations(path)
    assert pd.isna(frame.loc[0, "risk_beslut"])
    assert frame.loc[0, "skola_beslut"] == "ej_bedomt"


def test_dtypes_are_the_data_contracts(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(IDS.encode())
    frame = read_registrations(path)
    cb = get_codebook()
    assert frame.dtypes.to_dict() == {c: cb.dtypes()[c] for c in frame.columns}
    assert frame["risk_beslut"].dtype == RISK and frame["risk_beslut"].cat.ordered
    assert frame["aldersgrupp"].cat.ordered
    assert isinstance(frame["kon"].dtype, pd.CategoricalDtype) and not frame["kon"].cat.ordered
    assert list(frame["kon"].cat.categories) == ["pojke", "flicka"]
    assert frame["hem_fysiskt_vald"].dtype == "boolean" and frame["ensamkommande"].dtype == "boolean"
    assert frame["alder"].dtype == "Int64" and frame["ar"].dtype == "Int64"
    assert frame["kommun"].dtype == "string"
    assert list(frame.columns) == [c for c in cb.columns() if c in frame.columns]


# --- writing and reading back --------------------------------------------------------------

WRITE_OPTIONS = {
    "csv ids": ("out.csv", {}),
    "csv Swedish labels": ("out.csv", {"labels": True}),
    "csv for Swedish Excel": ("out.csv", {"labels": True, "sep": ";", "encoding": "utf-8-sig"}),
    "csv cp1252": ("out.csv", {"sep": ";", "encoding": "cp1252"}),
    "xlsx ids": ("out.xlsx", {}),
    "xlsx Swedish labels": ("out.xlsx", {"labels": True}),
}


@pytest.mark.parametrize("option", list(WRITE_OPTIONS))
def test_round_trip_loses_nothing(tmp_path, option):
    name, kwargs = WRITE_OPTIONS[option]
    path = write_registrations(EXPECTED, tmp_path / name, **kwargs)
    pdt.assert_frame_equal(read_registrations(path), EXPECTED)


def test_labels_are_what_people_read(tmp_path):
    path = write_registrations(EXPECTED, tmp_path / "out.csv", labels=True, sep=";")
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(";")[:5] == ["Kommun/stadsdel", "År", "Registreringstillfälle", "Kön", "Ålder"]
    assert first.split(";")[:8] == ["Umeå", "2017", "Avslut av insats", "Pojke", "12", "7–12 år", "Född i Sverige", "Nej"]
    wb = openpyxl.load_workbook(write_registrations(EXPECTED, tmp_path / "out.xlsx"))
    ws = wb["Registreringar"]
    assert [c.value for c in ws[2]][:8] == ["Umeå", 2017, "avslut", "pojke", 12, "7_12", "sverige", False]
    assert ws["G3"].value is None  # missing is an empty cell


def test_text_that_looks_like_a_formula_or_has_separators_round_trips(tmp_path):
    frame = EXPECTED.copy()
    frame["kommun"] = pd.array(['=1+1', 'Malmö; "Centrum", Öster', "NA"], dtype="string")
    for name, kwargs in [("t.xlsx", {}), ("t.csv", {"sep": ";"}), ("t2.csv", {})]:
        pdt.assert_frame_equal(read_registrations(write_registrations(frame, tmp_path / name, **kwargs)), frame)


def test_write_refuses_a_frame_it_could_not_read_back(tmp_path):
    bad = EXPECTED.astype({"kon": "object"})
    bad.loc[1, "kon"] = "flika"
    path = tmp_path / "out.csv"
    with pytest.raises(DataError) as info:
        write_registrations(bad, path)
    assert [(p.line, p.column, p.value, p.suggestion) for p in info.value.problems] == [(2, "kon", "flika", "flicka")]
    assert not path.exists() and list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="cannot be written in cp1252"):
        frame = EXPECTED.copy()
        frame["kommun"] = pd.array(["Ŝ", "a", "b"], dtype="string")
        write_registrations(frame, path, encoding="cp1252")
    with pytest.raises(ValueError, match="use .csv or .xlsx"):
        write_registrations(EXPECTED, tmp_path / "out.xls")
    with pytest.raises(ValueError, match="no rows"):
        write_registrations(EXPECTED.iloc[:0], path)
    assert list(tmp_path.iterdir()) == []


# --- validate_registrations on typed frames ----------------------------------------------------


def test_validate_accepts_a_valid_frame_and_returns_it():
    assert validate_registrations(EXPECTED) is EXPECTED
    as_objects = EXPECTED.astype(object).where(EXPECTED.notna(), None)  # codes, untyped
    assert validate_registrations(as_objects) is as_objects


def test_validate_finds_contradictions_in_a_typed_frame():
    frame = EXPECTED.copy()
    frame["avslutsorsak"] = frame["avslutsorsak"].cat.add_categories([]).astype(object)
    frame.loc[1, "avslutsorsak"] = "annat"  # closure-only, on the follow-up registration
    frame.loc[0, "aldersgrupp"] = "13_18"  # age 12
    frame["ensamkommande"] = pd.array([True, NA, True], dtype="boolean")  # row 1 is born in Sweden
    frame["hem_fysiskt_vald"] = pd.array([True, True, NA], dtype="boolean")  # row 2 said "none"
    with pytest.raises(DataError) as info:
        validate_registrations(frame)
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [
        (1, "aldersgrupp", "age group does not match age"),
        (1, "ensamkommande", "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden (ursprung = sverige)"),
        (2, "hem_ingen", "a 'none' answer ticked together with 'hem_fysiskt_vald'"),
        (2, "avslutsorsak", "a closure-only variable filled in on a follow-up registration"),
    ]
    assert info.value.problems[0].suggestion == "7_12"


def test_validate_checks_ratings_too():
    ratings = _ratings()
    assert validate_registrations(ratings, dataset="ratings") is ratings
    with pytest.raises(DataError, match="out of range"):
        validate_registrations(ratings.assign(test=pd.array([3, 1, 2, 2], dtype="Int64")), dataset="ratings")


# --- vignette ratings -----------------------------------------------------------------------


def _ratings() -> pd.DataFrame:
    """Four ratings; in test 1 only the risk was asked, so its checklist is NA, not False."""
    cb = get_codebook()
    frame = pd.DataFrame(
        {
            "kommun": pd.array(["Umeå", "Umeå", "Södermalm", "Malmö"], dtype="string"),
            "hem_fysiskt_vald": pd.array([NA, NA, True, False], dtype="boolean"),
            "hem_ingen": pd.array([NA, NA, False, True], dtype="boolean"),
            "fokus_sakerhet": pd.array([NA, NA, True, False], dtype="boolean"),
            "insats_familjehem": pd.array([NA, NA, False, False], dtype="boolean"),
            "insats_annan_oppenvard": pd.array([NA, NA, True, False], dtype="boolean"),
            "risk": pd.Categorical(["hog", NA, "nagot_forhojd", "mycket_hog"], dtype=RISK),
            "test": pd.array([1, 1, 2, 2], dtype="Int64"),
            "vinjett": pd.Categorical(["assi", "max", "jamila", "tobias"], categories=cb["vinjett"].categories),
            "bedomare": pd.array(["b001", "b001", "b002", "b003"], dtype="string"),
            "erfarenhet_ar": pd.array([3, 3, NA, 25], dtype="Int64"),
            "motivering": pd.array(['Pappan slår, "ibland"; mamman skyddar', NA, "Oro för\nskolgången", NA], dtype="string"),
            "mal": pd.array([NA, NA, "Jamila ska gå i förskolan varje dag", NA], dtype="string"),
        }
    )
    return frame[[c for c in cb.columns("ratings") if c in frame.columns]]


@pytest.mark.parametrize("name,labels", [("r.csv", False), ("r.csv", True), ("r.xlsx", False), ("r.xlsx", True)])
def test_ratings_round_trip(tmp_path, name, labels):
    ratings = _ratings()
    pdt.assert_frame_equal(read_ratings(write_ratings(ratings, tmp_path / name, labels=labels)), ratings)


def test_ratings_read_swedish_labels(tmp_path):
    path = tmp_path / "bedomningar.csv"
    path.write_text(
        "Samstämmighetstest;Ärende (vinjett);Bedömare;Kommun;Riskbedömning;Insats som bedöms behövas: Behovsprövat stöd\n"
        "2;Jamila 4 år;b002;Södermalm;Hög risk;Ja\n"
        "1;Assi;b001;Umeå;Kan ej bedömas;\n",
        encoding="cp1252",
    )
    frame = read_ratings(path)
    assert list(frame.columns) == ["kommun", "insats_behovsprovad_insats", "risk", "test", "vinjett", "bedomare"]
    assert frame["vinjett"].tolist() == ["jamila", "assi"]
    assert frame["risk"].tolist()[0] == "hog" and pd.isna(frame["risk"].iloc[1])
    assert frame["insats_behovsprovad_insats"].tolist() == [True, pd.NA]


# --- property: any valid frame survives a round trip ---------------------------------------------


def _age_group(age: int) -> str:
    return "0_6" if age <= 6 else "7_12" if age <= 12 else "13_18" if age <= 18 else "over_18"


_TEXT = st.one_of(
    st.sampled_from(["Umeå", "Majorna-Linné", "Södermalm", "Malmö; Öster", 'Sagt "nej", sen ja', "=SUMMA(A1)", "NA", "0012"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
).map(str.strip).filter(bool)


def _value(draw, var):
    if var.kind in ("yesno", "multi"):
        return draw(st.sampled_from([True, False, None]))
    return draw(st.one_of(st.none(), st.sampled_from(var.categories)))


@st.composite
def registrations(draw):
    """A valid frame of codes: random optional columns, NA where allowed, no contradictions."""
    cb = get_codebook()
    optional = [v for v in cb.for_dataset("registrations") if not v.required and v.id != "aldersgrupp"]
    chosen = draw(st.lists(st.sampled_from(optional), unique_by=lambda v: v.id, max_size=10))
    columns = {"kommun", "ar", "tillfalle", "kon", "alder", "aldersgrupp"} | {c for v in chosen for c in v.columns}
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        row = {
            "kommun": draw(_TEXT),
            "ar": draw(st.integers(2000, 2100)),
            "tillfalle": draw(st.sampled_from(["uppfoljning", "avslut"])),
            "kon": draw(st.sampled_from(["pojke", "flicka"])),
            "alder": draw(st.integers(0, 20)),
        }
        for var in chosen:
            for column in var.columns:
                row[column] = _value(draw, var)
        # respect the rules, so the frame is valid
        row["aldersgrupp"] = _age_group(row["alder"])
        for var in chosen:
            if row["tillfalle"] not in var.allowed_on:
                row.update({c: None for c in var.columns})
        if row.get("ensamkommande") and row.get("ursprung") == "sverige":
            row["ursprung"] = "utlandet"
        open_care = [c.code for c in cb["insats"].codes if c.attrs.get("form") == "oppenvard"]
        if row.get("insats") in open_care:
            row["halsoundersokning"] = None
        for var in cb.multi_groups("registrations"):
            nones = [c for c in var.columns if c not in var.option_columns]
            if any(row.get(c) for c in nones):
                first = next(c for c in nones if row.get(c))
                row.update({c: False for c in var.columns if c in row and c != first})
        rows.append(row)
    frame = pd.DataFrame(rows)
    typed = {}
    for column in (c for c in cb.columns() if c in columns):  # codebook order, as read
        dtype, values = cb.dtypes()[column], frame[column].tolist()
        typed[column] = pd.Categorical(values, dtype=dtype) if isinstance(dtype, pd.CategoricalDtype) else pd.array(values, dtype=dtype)
    return pd.DataFrame(typed)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(frame=registrations(), labels=st.booleans(), sep=st.sampled_from([",", ";", "\t"]), bom=st.booleans())
def test_any_valid_frame_round_trips(tmp_path, frame, labels, sep, bom):
    encoding = "utf-8-sig" if bom else "utf-8"
    csv_path = write_registrations(frame, tmp_path / "p.csv", labels=labels, sep=sep, encoding=encoding)
    pdt.assert_frame_equal(read_registrations(csv_path), frame)
    xlsx_path = write_registrations(frame, tmp_path / "p.xlsx", labels=labels)
    pdt.assert_frame_equal(read_registrations(xlsx_path), frame)


def test_xlsx_numbers_in_text_columns_read_as_people_see_them(tmp_path):
    # Excel stores a rater id typed as 17 as the number 17.0: it is the text "17", not "17.0"
    path = _xlsx(
        tmp_path / "r.xlsx",
        [["test", "vinjett", "bedomare", "kommun"], [2, "Jamila", 17.0, "Umeå"], [2, "Tobias", 2.5, "Umeå"]],
    )
    assert read_ratings(path)["bedomare"].tolist() == ["17", "2.5"]


# --------------------------------------------------------------------------
# files for people: no text becomes a formula in a spreadsheet
# --------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://example.org\",\"klicka\")", "+46 70 123", "-2+3", "@SUM(A1:A2)", "=1+1"]


def _with_formula_names(tmp_path):
    from webbkollen_lib import load_cases
    frame = load_cases().head(len(FORMULAS)).copy()
    frame["kommun"] = pd.array(FORMULAS, dtype="string")
    return frame


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_csv_for_people_marks_a_formula_like_text_and_reads_back_the_text(tmp_path, sep):
    from webbkollen_lib import read_registrations, write_registrations
    frame = _with_formula_names(tmp_path)
    path = write_registrations(frame, tmp_path / "for_people.csv", labels=True, sep=sep)
    import csv
    with open(path, encoding="utf-8", newline="") as fh:
        cells = [row[0] for row in csv.reader(fh, delimiter=sep)][1:]
    assert cells == ["'" + name for name in FORMULAS], "each such text is marked as text for the spreadsheet"
    back = read_registrations(path)
    assert back["kommun"].tolist() == FORMULAS


def test_a_csv_of_codes_is_written_as_the_data_are(tmp_path):
    from webbkollen_lib import read_registrations, write_registrations
    frame = _with_formula_names(tmp_path)
    path = write_registrations(frame, tmp_path / "codes.csv")
    assert "'=" not in path.read_text(encoding="utf-8")
    assert read_registrations(path)["kommun"].tolist() == FORMULAS


@pytest.mark.parametrize("labels", [True, False])
def test_an_xlsx_holds_formula_like_text_as_string_cells(tmp_path, labels):
    import openpyxl
    from webbkollen_lib import read_registrations, write_registrations
    frame = _with_formula_names(tmp_path)
    path = write_registrations(frame, tmp_path / "for_people.xlsx", labels=labels)
    sheet = openpyxl.load_workbook(path).active
    cells = [sheet.cell(row=r, column=1) for r in range(2, 2 + len(FORMULAS))]
    assert [c.value for c in cells] == FORMULAS
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    assert read_registrations(path)["kommun"].tolist() == FORMULAS
