"""Answers from Microsoft Forms, Google Forms, Mentimeter, paper and the Excel entry sheet (teaching.forms).

The specification, question by question:

* the questions to paste into each tool are the codebook's labels, generated
  by a function, and docs/forms.md holds exactly what the function writes;
* each tool's export, with its own headings and its own way of joining
  several answers, reads into a SQLite workshop and an answer folder, and
  the stores give the codes the participants chose;
* a file that does not match (an unknown option, another wording, a
  question missing, a heading twice, …) raises one error naming the row,
  the question, the value and the allowed options for every problem, and
  nothing is stored;
* the paper form prints the vignette's neutral title with a box per option,
  and the entry sheet, filled in, reads back through the same reader.
"""

from __future__ import annotations

import csv
import pickle
import re
from datetime import datetime
from pathlib import Path

import tempfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from webbkollen_lib.cli import main
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.io.registrations import read_ratings
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching import forms
from webbkollen_lib.teaching.store import SHORT_CHECKLISTS, FolderStore, SqliteStore, checklist_columns, read_answers

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "forms.md"

NICK = "Smeknamn"
RISK = "Hur bedömer du risken att barnet far illa?"
HEM = "Identifierad utsatthet i hemmiljön"
VH = "Svårigheter hos vårdnadshavaren"
BARN = "Riskbeteende eller svårigheter hos barnet"
INSATS = "Insats som bedöms behövas"
MOTIVATION = "Motivera kort: vilka risk- och skyddsfaktorer ser du?"
GOAL = "Formulera ett mål med insatsen (frivilligt)"
KOMMUN = "Kommun (frivilligt)"
QUESTIONS = [NICK, RISK, HEM, VH, BARN, INSATS, MOTIVATION, GOAL, KOMMUN]

# three participants' answers, as labels (what the tools export) and as the codes they must become
ANSWERS = [
    {"name": "Anna", "risk": "Hög risk", "hem": ["Fysiskt våld mot barnet", "Psykiskt våld mot barnet"],
     "vh": ["Psykisk ohälsa"], "barn": ["Inga svårigheter hos barnet"],
     "insats": ["Strukturerat öppenvårdsprogram"], "motivation": "Pappa slår; hon berättar själv.", "goal": ""},
    {"name": "Bo", "risk": "Något förhöjd risk", "hem": ["Bristande omsorg"], "vh": [], "barn": [],
     "insats": ["Kontaktfamilj", "Annan öppenvårdsinsats"], "motivation": "Föräldrarna vill ha hjälp.",
     "goal": "Färre konflikter"},
    {"name": "Cecilia", "risk": "Inte känt", "hem": [], "vh": ["Information om vårdnadshavaren saknas"],
     "barn": [], "insats": [], "motivation": "", "goal": ""},
]
EXPECTED = {
    "Anna": ("hog", {"hem_fysiskt_vald", "hem_psykiskt_vald", "vh_psykisk_ohalsa", "barn_ingen",
                     "insats_strukturerat_program"}),
    "Bo": ("nagot_forhojd", {"hem_bristande_omsorg", "insats_kontaktfamilj", "insats_annan_oppenvard"}),
    "Cecilia": (None, {"vh_info_saknas"}),
}


def _cells(answer: dict, sep: str, trailing: str = "") -> list[str]:
    def joined(options):
        return sep.join(options) + (trailing if options else "")

    return [answer["name"], answer["risk"], joined(answer["hem"]), joined(answer["vh"]), joined(answer["barn"]),
            joined(answer["insats"]), answer["motivation"], answer["goal"], ""]


def _xlsx(path: Path, header: list, rows: list[list]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _csv(path: Path, header: list, rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def microsoft_forms_file(path: Path, answers=ANSWERS, questions=QUESTIONS) -> Path:
    """An export as Microsoft Forms' "Öppna i Excel" writes it: its own columns, then one per question."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", *questions]
    rows = [[i, datetime(2026, 12, 5, 13, i), datetime(2026, 12, 5, 13, i + 4), "anonymous", "",
             *_cells(a, ";", ";")[:len(questions)]] for i, a in enumerate(answers, start=1)]
    return _xlsx(path, header, rows)


def google_forms_file(path: Path, answers=ANSWERS) -> Path:
    """A Google Forms CSV download: Tidstämpel, then one column per question, several answers joined with ", "."""
    rows = [[f"2026/12/05 1:0{i}:00 PM CET", *_cells(a, ", ")] for i, a in enumerate(answers, start=1)]
    return _csv(path, ["Tidstämpel", *QUESTIONS], rows)


def mentimeter_wide_file(path: Path) -> Path:
    """Mentimeter's export, one row per voter: a voter column, one column per question."""
    rows = [[f"v{i:03d}", *_cells(a, "; ")] for i, a in enumerate(ANSWERS, start=1)]
    return _xlsx(path, ["Voter ID", *QUESTIONS], rows)


def mentimeter_long_file(path: Path) -> Path:
    """Mentimeter's export, one row per answer: voter, question, answer (one row per option chosen)."""
    rows = []
    for i, a in enumerate(ANSWERS, start=1):
        voter = f"v{i:03d}"
        rows.append([voter, NICK, a["name"]])
        rows.append([voter, RISK, a["risk"]])
        for question, key in ((HEM, "hem"), (VH, "vh"), (BARN, "barn"), (INSATS, "insats")):
            rows += [[voter, question, option] for option in a[key]]
        rows.append([voter, MOTIVATION, a["motivation"]])
    return _csv(path, ["Voter ID", "Question", "Answer"], rows)


def _stores(tmp_path):
    return [SqliteStore(tmp_path / "workshop.sqlite"), FolderStore(tmp_path / "svar")]


def _check_stored(frame):
    assert sorted(frame["bedomare"]) == ["Anna", "Bo", "Cecilia"]
    assert set(frame["vinjett"].astype(str)) == {"jamila"}
    for _, row in frame.iterrows():
        risk, ticked = EXPECTED[row["bedomare"]]
        assert (None if pd.isna(row["risk"]) else row["risk"]) == risk, row["bedomare"]
        assert {c for c in checklist_columns() if row[c]} == ticked, row["bedomare"]


# ---------------------------------------------------------------------------
# the question templates
# ---------------------------------------------------------------------------


def test_the_questions_are_the_codebooks_options_with_their_codes():
    cb = get_codebook()
    q = forms.form_questions()
    risk = q[q["key"] == "risk"]
    assert risk["option"].tolist() == [c.label("sv") for c in cb["risk"].codes]
    assert risk["code"].tolist() == [c.code for c in cb["risk"].codes]
    for group in ("hem", "vh", "barn", "insatsforslag"):
        var = cb[group]
        rows = q[q["key"] == group]
        assert rows["code"].tolist() == var.columns
        assert rows["option"].tolist() == [var.code(c[len(var.prefix):]).label("sv") for c in var.columns]
        assert set(rows["kind"]) == {"multiple"}
    assert q.drop_duplicates("number")["question"].tolist() == QUESTIONS


def test_no_option_contains_a_separator_a_tool_joins_answers_with():
    # the reader splits a cell on ; and , — an option holding one would be split in two
    options = forms.form_questions()["option"].dropna()
    assert not [o for o in options if ";" in o or "," in o or '"' in o]


@pytest.mark.parametrize("tool", forms.ONLINE_TOOLS)
def test_each_template_lists_every_question_and_option_exactly(tool):
    text = forms.question_template(tool)
    blocks = re.findall(r"```text\n(.*?)\n```", text, flags=re.S)
    q = forms.form_questions()
    choices = q.dropna(subset=["option"]).groupby("number")["option"].apply(list).tolist()
    assert [b.split("\n") for b in blocks] == choices
    for number, question in enumerate(QUESTIONS, start=1):
        assert f"### Fråga {number}: {question}\n" in text


def test_the_short_form_template_asks_only_the_home_checklist():
    q = forms.form_questions(SHORT_CHECKLISTS)
    assert q.drop_duplicates("number")["key"].tolist() == ["smeknamn", "risk", "hem", "motivering"]


def test_docs_forms_md_holds_exactly_what_the_function_writes():
    doc = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- generated: template_document\(\) -->\n(.*?)\n<!-- end generated -->", doc, flags=re.S)
    assert match, "docs/forms.md lacks the generated part"
    assert match.group(1) == forms.template_document(), (
        "docs/forms.md is out of date: paste forms.template_document() between its markers")


# ---------------------------------------------------------------------------
# reading each tool's export into both stores
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("make, tool", [
    (lambda p: google_forms_file(p / "svar.csv"), "google_forms"),
    (lambda p: mentimeter_wide_file(p / "menti.xlsx"), "mentimeter"),
    (lambda p: mentimeter_long_file(p / "menti.csv"), "mentimeter"),
    (lambda p: microsoft_forms_file(p / "forms.xlsx"), "microsoft_forms"),
])
def test_an_export_reads_into_both_stores_with_the_codes_chosen(tmp_path, make, tool):
    path = make(tmp_path)
    for store in _stores(tmp_path):
        read = forms.import_form_answers(path, store, "jamila")
        assert read.tool == tool
        _check_stored(store.answers("jamila"))
    assert read.lines == [2, 3, 4] or tool == "mentimeter"


def test_the_folder_store_reads_back_through_read_answers(tmp_path):
    forms.import_form_answers(google_forms_file(tmp_path / "svar.csv"), tmp_path / "svar", "jamila")
    frame = read_answers(tmp_path / "svar")
    _check_stored(frame)
    assert frame.loc[frame["bedomare"] == "Bo", "mal"].item() == "Färre konflikter"
    assert frame.loc[frame["bedomare"] == "Anna", "motivering"].item() == "Pappa slår; hon berättar själv."


def test_a_forms_file_read_ratings_refuses_is_read(tmp_path):
    # the file a trainer has: Swedish headings of Forms, the name column as the nickname, no kommun
    header = ["ID", "Starttid", "Slutförandetid", "E-post", "Namn", RISK, HEM, VH, BARN, INSATS, MOTIVATION]
    rows = [[i, datetime(2026, 12, 5, 13, i), datetime(2026, 12, 5, 13, i + 3), "", a["name"],
             *_cells(a, ";", ";")[1:6], a["motivation"]] for i, a in enumerate(ANSWERS, start=1)]
    path = _xlsx(tmp_path / "Samstämmighet(1-3).xlsx", header, rows)
    with pytest.raises(DataError, match="not a table of vignette ratings"):
        read_ratings(path)
    store = SqliteStore(tmp_path / "w.sqlite")
    read = forms.import_form_answers(path, store, "jamila")
    assert read.tool == "microsoft_forms" and read.ignored_columns == []
    _check_stored(store.answers())


def test_without_a_nickname_question_an_empty_name_column_is_named(tmp_path):
    questions = [RISK, HEM, VH, BARN, INSATS, MOTIVATION]
    header = ["ID", "Start time", "Completion time", "Email", "Name", *questions]
    rows = [[1, datetime(2026, 12, 5, 13), datetime(2026, 12, 5, 13, 4), "anonymous", "",
             *_cells(ANSWERS[0], ";", ";")[1:6], ""]]
    error = _refused(tmp_path, _xlsx(tmp_path / "anonym.xlsx", header, rows))
    assert [(p.line, p.column, p.message) for p in error.problems] == [(2, "Name", "smeknamn saknas")]


def test_a_vignette_that_does_not_exist_is_refused_not_stored_as_a_new_case(tmp_path):
    path = google_forms_file(tmp_path / "s.csv")
    with pytest.raises(ValueError, match="okänt ärende 'jamla'; finns: assi, max, jamila"):
        forms.import_form_answers(path, tmp_path / "w.sqlite", "jamla")
    assert not (tmp_path / "w.sqlite").exists()
    # an own vignette is accepted when named, and so is one the workshop already has
    forms.import_form_answers(path, tmp_path / "w.sqlite", "sara", vignettes=["sara"])
    assert len(forms.import_form_answers(path, tmp_path / "w.sqlite", "sara").answers) == 3


def _choices(group: str):
    """A participant's ticks in one checklist: any options, or one of its "none" answers alone."""
    var = get_codebook()[group]
    nones = [c for c in var.columns if c not in var.option_columns]
    return st.one_of(st.lists(st.sampled_from(var.option_columns), unique=True),
                     st.sampled_from(nones).map(lambda c: [c]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(risk=st.sampled_from([c.code for c in get_codebook()["risk"].codes]),
       ticks=st.tuples(*(_choices(g) for g in ("hem", "vh", "barn", "insatsforslag"))),
       tool=st.sampled_from(["microsoft_forms", "google_forms", "mentimeter"]))
def test_any_answer_written_as_a_tool_writes_it_reads_back_to_the_same_codes(risk, ticks, tool):
    cb = get_codebook()
    q = forms.form_questions()
    label = dict(zip(q["code"].dropna(), q["option"].dropna()))
    sep, trailing = {"microsoft_forms": (";", ";"), "google_forms": (", ", ""), "mentimeter": ("; ", "")}[tool]
    cells = [sep.join(label[c] for c in chosen) + (trailing if chosen else "") for chosen in ticks]
    row = ["Anna", label[risk], *cells, "", "", ""]
    with tempfile.TemporaryDirectory() as folder:
        if tool == "google_forms":
            path = _csv(Path(folder) / "g.csv", ["Tidstämpel", *QUESTIONS], [["t", *row]])
        elif tool == "microsoft_forms":
            path = _xlsx(Path(folder) / "f.xlsx", ["ID", "Start time", "Completion time", "Email", "Name", *QUESTIONS],
                         [[1, "t", "t", "", "", *row]])
        else:
            path = _xlsx(Path(folder) / "m.xlsx", ["Voter ID", *QUESTIONS], [["v1", *row]])
        (answer,) = forms.read_form_answers(path, "jamila").answers
    assert answer["risk"] == (None if risk in cb["risk"].missing_codes else risk)
    assert sorted(answer["ticked"]) == sorted(c for chosen in ticks for c in chosen)


def test_the_english_entry_sheet_reads_back_in_english(tmp_path):
    path = forms.write_entry_sheet(tmp_path / "entry.xlsx", "tobias", lang="en")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Read first", "Answers"]
    sheet = workbook["Answers"]
    header = [c.value for c in sheet[1]]
    sheet["A2"], sheet["B2"] = "Ann", "High risk"
    sheet.cell(row=2, column=header.index("Identified exposure in the home environment: Custody dispute") + 1,
               value="Yes")
    workbook.save(path)
    (answer,) = forms.read_form_answers(path, "tobias", lang="en").answers
    assert (answer["participant"], answer["risk"], answer["ticked"]) == ("Ann", "hog", ["hem_vardnadstvist"])


def test_options_are_matched_whatever_the_case_and_surrounding_space(tmp_path):
    answers = [dict(ANSWERS[0], risk="  hög RISK ", hem=[" fysiskt våld mot barnet", "PSYKISKT VÅLD MOT BARNET  "])]
    read = forms.read_form_answers(google_forms_file(tmp_path / "s.csv", answers), "jamila")
    assert read.answers[0]["risk"] == "hog"
    assert {"hem_fysiskt_vald", "hem_psykiskt_vald"} <= set(read.answers[0]["ticked"])


def test_a_nickname_answering_twice_counts_once_with_the_later_answer(tmp_path):
    answers = [ANSWERS[0], ANSWERS[1], dict(ANSWERS[0], name="anna ", risk="Mycket hög risk")]
    store = SqliteStore(tmp_path / "w.sqlite")
    read = forms.import_form_answers(google_forms_file(tmp_path / "s.csv", answers), store, "jamila")
    assert read.replaced == [(2, "Anna")]
    frame = store.answers()
    assert len(frame) == 2
    assert frame.loc[frame["bedomare"].str.casefold() == "anna", "risk"].item() == "mycket_hog"


def test_importing_the_same_export_again_replaces_and_never_duplicates(tmp_path):
    path = google_forms_file(tmp_path / "s.csv")
    store = SqliteStore(tmp_path / "w.sqlite")
    forms.import_form_answers(path, store, "jamila")
    forms.import_form_answers(path, store, "jamila")
    assert len(store.answers()) == 3
    assert sorted(store.display_names().values()) == ["Anna", "Bo", "Cecilia"]


def test_a_closed_vignette_refuses_the_import_and_stores_nothing(tmp_path):
    store = SqliteStore(tmp_path / "w.sqlite")
    store.add_vignettes(["jamila"])
    store.set_open("jamila", False)
    with pytest.raises(forms.FormImportError, match="stängda"):
        forms.import_form_answers(google_forms_file(tmp_path / "s.csv"), store, "jamila")
    assert len(store.answers()) == 0


def test_the_short_form_is_read_and_stored_as_short(tmp_path):
    questions = [NICK, RISK, HEM, MOTIVATION]
    rows = [[a["name"], a["risk"], ", ".join(a["hem"]), a["motivation"]] for a in ANSWERS]
    path = _csv(tmp_path / "kort.csv", ["Timestamp", *questions], [["2026-12-05", *r] for r in rows])
    with pytest.raises(forms.FormImportError) as full:
        forms.read_form_answers(path, "jamila")
    assert {p.column for p in full.value.problems} == {VH, BARN, INSATS}
    store = SqliteStore(tmp_path / "w.sqlite")
    read = forms.import_form_answers(path, store, "jamila", groups=SHORT_CHECKLISTS)
    assert len(read.answers) == 3 and len(store.answers()) == 3


# ---------------------------------------------------------------------------
# bad files: every problem at once, precisely, and nothing stored
# ---------------------------------------------------------------------------


def _refused(tmp_path, path, **kwargs):
    stores = _stores(tmp_path)
    with pytest.raises(forms.FormImportError) as caught:
        for store in stores:
            forms.import_form_answers(path, store, "jamila", **kwargs)
    assert len(stores[0].answers()) == 0 and len(stores[1].answers()) == 0, "nothing may be stored"
    assert not list((tmp_path / "svar").glob("*.json"))
    return caught.value


def test_an_unknown_option_names_row_question_value_and_the_allowed_options(tmp_path):
    answers = [ANSWERS[0], dict(ANSWERS[1], hem=["Bristande omsorg", "Ekonomiskt bistånd"])]
    error = _refused(tmp_path, microsoft_forms_file(tmp_path / "f.xlsx", answers))
    (problem,) = error.problems
    assert (problem.line, problem.column, problem.value) == (3, HEM, "Ekonomiskt bistånd")
    assert problem.allowed.split("; ")[:2] == ["Bristande omsorg", "Fysiskt våld mot barnet"]
    assert "rad 3, fråga 'Identifierad utsatthet i hemmiljön': okänt svarsalternativ (värde 'Ekonomiskt bistånd')" \
        in str(error)
    assert "inget svar har sparats" in str(error)


def test_a_different_wording_is_not_accepted_and_the_closest_option_is_suggested(tmp_path):
    answers = [dict(ANSWERS[0], risk="Hög"), dict(ANSWERS[1], hem=["Fysiskt våld"], name="Bo")]
    error = _refused(tmp_path, google_forms_file(tmp_path / "g.csv", answers))
    assert [(p.line, p.column, p.value, p.suggestion) for p in error.problems] == [
        (2, RISK, "Hög", "Hög risk"),
        (3, HEM, "Fysiskt våld", "Fysiskt våld mot barnet"),
    ]
    assert "menade du 'Hög risk'?" in str(error)


def test_a_missing_question_column_is_named_with_the_closest_heading(tmp_path):
    questions = [NICK, RISK, "Identifierad utsatthet i hemmiljo", VH, BARN, INSATS, MOTIVATION]
    rows = [_cells(a, ", ")[:7] for a in ANSWERS]
    path = _csv(tmp_path / "g.csv", ["Tidstämpel", *questions], [["t", *r] for r in rows])
    error = _refused(tmp_path, path)
    (problem,) = error.problems
    assert problem.column == HEM and problem.line is None
    assert problem.suggestion == "Identifierad utsatthet i hemmiljo"
    assert "frågan saknas" in problem.message


def test_a_duplicate_heading_is_reported_with_its_columns(tmp_path):
    header = ["Tidstämpel", *QUESTIONS[:3], RISK, *QUESTIONS[3:]]
    rows = [["t", *c[:3], c[1], *c[3:]] for c in (_cells(a, ", ") for a in ANSWERS)]
    error = _refused(tmp_path, _csv(tmp_path / "g.csv", header, rows))
    (problem,) = error.problems
    assert problem.column == RISK
    assert "samma rubrik finns i flera kolumner (C, E)" in problem.message


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    answers = [dict(ANSWERS[0], risk=""), dict(ANSWERS[1], name="", insats=["Kontaktfamilj", "Ingen insats behövs"]),
               dict(ANSWERS[2], barn=["Skolrelaterad problematik;"])]
    error = _refused(tmp_path, google_forms_file(tmp_path / "g.csv", answers))
    found = [(p.line, p.column, p.message) for p in error.problems]
    assert found == [
        (2, RISK, "svar saknas"),
        (3, NICK, "smeknamn saknas"),
        (3, INSATS, '"Ingen insats behövs" kan inte väljas tillsammans med andra svar på samma fråga'),
        (4, BARN, "okänt svarsalternativ"),
    ]


def test_a_single_choice_question_answered_twice_in_mentimeters_long_layout_is_refused(tmp_path):
    rows = [["v1", NICK, "Anna"], ["v1", RISK, "Hög risk"], ["v1", RISK, "Mycket hög risk"], ["v1", MOTIVATION, ""]]
    rows += [["v1", q, ""] for q in (HEM, VH, BARN, INSATS)]
    error = _refused(tmp_path, _csv(tmp_path / "m.csv", ["Voter ID", "Question", "Answer"], rows))
    (problem,) = error.problems
    assert (problem.line, problem.column, problem.value) == (4, RISK, "Mycket hög risk")


def test_an_answer_without_a_voter_in_mentimeters_long_layout_is_refused(tmp_path):
    rows = [["v1", NICK, "Anna"], ["v1", RISK, "Hög risk"], ["", HEM, "Vårdnadstvist"], ["v1", MOTIVATION, ""]]
    rows += [["v1", q, ""] for q in (VH, BARN, INSATS)]
    error = _refused(tmp_path, _csv(tmp_path / "m.csv", ["Voter ID", "Question", "Answer"], rows))
    (problem,) = error.problems
    assert (problem.line, problem.column) == (4, "Voter ID")
    assert "deltagarkolumnen är tom" in problem.message


def test_a_file_of_unknown_origin_asks_for_the_tool(tmp_path):
    path = _csv(tmp_path / "x.csv", ["a", "b"], [["1", "2"]])
    with pytest.raises(forms.FormImportError, match="ange verktyget"):
        forms.read_form_answers(path, "jamila")


def test_the_error_is_a_data_error_and_survives_pickling_with_its_problems():
    error = forms.FormImportError("f.csv", [Problem("svar saknas", line=2, column=RISK)], "sv")
    assert isinstance(error, DataError) and isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.problems == error.problems


# ---------------------------------------------------------------------------
# the paper form and the entry sheet
# ---------------------------------------------------------------------------


def test_the_paper_form_has_the_neutral_title_a_box_per_option_and_a4_print_css():
    html = forms.paper_form_html("jamila")
    title = load_vignette_texts()["jamila"]["participant_title_sv"]
    assert f"<title>{title}</title>" in html and f"<h1>{title}</h1>" in html
    assert load_vignette_texts()["jamila"]["title_sv"] not in html, "the report's title would lead the answers"
    n_options = forms.form_questions()["option"].notna().sum()
    assert html.count('<span class="box" aria-hidden="true"></span>') == n_options
    assert "@page { size: A4" in html and "@media print" in html
    assert "Kryssa en ruta." in html and "Kryssa alla som stämmer." in html
    assert "Något förhöjd risk" in html and "Hem för vård eller boende (HVB)" in html


def test_the_short_paper_form_has_the_short_forms_questions_only():
    html = forms.paper_form_html("max", groups=SHORT_CHECKLISTS, include_case=False)
    assert "<h1>Max, 4 år</h1>" in html and "Ärendet" not in html
    assert HEM in html and VH not in html and INSATS not in html and GOAL not in html


def test_the_paper_form_escapes_a_trainers_own_vignette_text():
    texts = {"egen": {"participant_title_sv": "Sara <9 år>", "text_sv": "A & B\n\nC"}}
    html = forms.paper_form_html("egen", vignette_texts=texts)
    assert "<h1>Sara &lt;9 år&gt;</h1>" in html and "<p>A &amp; B</p>" in html
    with pytest.raises(ValueError, match="okänt ärende 'saknas'"):
        forms.paper_form_html("saknas", vignette_texts=texts)


def test_the_entry_sheet_has_read_first_drop_downs_with_the_exact_labels(tmp_path):
    path = forms.write_entry_sheet(tmp_path / "inmatning.xlsx", "jamila", rows=30)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Läs först", "Svar"]
    assert "Jamila, 4 år" in workbook["Läs först"]["A1"].value
    sheet = workbook["Svar"]
    header = [c.value for c in sheet[1]]
    assert header == forms.entry_sheet_columns()["heading"].tolist()
    assert header[:2] == [NICK, RISK] and f"{HEM}: Fysiskt våld mot barnet" in header
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    cb = get_codebook()
    assert lists["B2:B31"] == '"' + ",".join(c.label("sv") for c in cb["risk"].codes) + '"'
    assert lists["C2:C31"] == '"Ja"'
    assert len(lists) == 1 + forms.form_questions().query("kind == 'multiple'").shape[0]


def test_the_filled_entry_sheet_reads_back_into_the_store(tmp_path):
    path = forms.write_entry_sheet(tmp_path / "inmatning.xlsx", "jamila")
    workbook = load_workbook(path)
    sheet = workbook["Svar"]
    header = [c.value for c in sheet[1]]
    keys = {"hem": HEM, "vh": VH, "barn": BARN, "insats": INSATS}
    for row, a in enumerate(ANSWERS, start=2):
        sheet.cell(row=row, column=1, value=a["name"])
        sheet.cell(row=row, column=2, value=a["risk"])
        for key, question in keys.items():
            for option in a[key]:
                sheet.cell(row=row, column=header.index(f"{question}: {option}") + 1, value="Ja")
        sheet.cell(row=row, column=header.index(MOTIVATION) + 1, value=a["motivation"])
    workbook.save(path)
    for store in _stores(tmp_path):
        read = forms.import_form_answers(path, store, "jamila")
        assert read.tool == "inmatningsblad" and read.lines == [2, 3, 4]
        _check_stored(store.answers())


def test_a_mistyped_box_in_the_entry_sheet_is_named(tmp_path):
    path = forms.write_entry_sheet(tmp_path / "inmatning.xlsx", "jamila")
    workbook = load_workbook(path)
    sheet = workbook["Svar"]
    header = [c.value for c in sheet[1]]
    sheet.append(["Anna", "Hög risk"])
    sheet.cell(row=sheet.max_row, column=header.index(f"{HEM}: Vårdnadstvist") + 1, value="x")
    workbook.save(path)
    error = _refused(tmp_path, path)
    (problem,) = error.problems
    assert (problem.column, problem.value, problem.allowed) == (f"{HEM}: Vårdnadstvist", "x", "Ja, Nej")


# ---------------------------------------------------------------------------
# the command
# ---------------------------------------------------------------------------


def test_the_command_stores_an_export_and_says_so(tmp_path, capsys):
    path = google_forms_file(tmp_path / "svar.csv")
    assert main(["workshop-import", str(path), "--vinjett", "jamila", "--db", str(tmp_path / "w.sqlite")]) == 0
    assert "3 svar från Google Formulär sparade för jamila" in capsys.readouterr().out
    assert len(SqliteStore(tmp_path / "w.sqlite").answers()) == 3


def test_the_command_refuses_a_db_that_is_not_a_sqlite_file(tmp_path, capsys):
    path = google_forms_file(tmp_path / "svar.csv")
    assert main(["workshop-import", str(path), "--vinjett", "jamila", "--db", str(tmp_path / "workshop")]) == 2
    assert "--db must be a SQLite file" in capsys.readouterr().err
    assert not (tmp_path / "workshop").exists()


def test_the_command_lists_the_problems_and_stores_nothing(tmp_path, capsys):
    path = google_forms_file(tmp_path / "svar.csv", [dict(ANSWERS[0], risk="Hög")])
    assert main(["workshop-import", str(path), "--vinjett", "jamila", "--mapp", str(tmp_path / "svar")]) == 1
    err = capsys.readouterr().err
    assert "rad 2" in err and "menade du 'Hög risk'?" in err
    assert not (tmp_path / "svar").exists()
    assert main(["workshop-import", str(path), "--vinjett", "jamila", "--db", str(tmp_path / "w.sqlite")]) == 1
    assert not (tmp_path / "w.sqlite").exists(), "a refused import creates no workshop file"
