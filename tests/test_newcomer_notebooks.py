"""The codebook notebook, the explorer notebook and the answer form as a newcomer meets them in JupyterLab.

A trainer's dry run found a bare ``(76, 63)``, pandas' ``Name: …, dtype: int64``,
English column names and True/False in the codebook notebook, the same
definition on 11 rows; *Run All* ending away from the explorer; and the answer
form's 36 tick boxes in one column with *Skicka* far below. These tests pin
what a reader sees instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from webbkollen_lib import get_codebook
from webbkollen_lib.systems.ubu.instrument import get_ubu_codebook
from webbkollen_lib.teaching.form_layout import checklist_titles, grouped_form
from webbkollen_lib.teaching.workshop import AnswerForm

ROOT = Path(__file__).resolve().parents[1]
CB = get_codebook()


# ---------------------------------------------------------------------------
# the codebook's readable tables
# ---------------------------------------------------------------------------


def test_the_codes_table_for_people_has_swedish_headers_and_ja_nej():
    table = CB.codes_table("sv")
    assert list(table.columns) == ["Variabel", "Kod", "Svenska", "Engelska", "Ordning", "Betyder okänt",
                                   "Läses som saknat värde"]
    for column in ("Betyder okänt", "Läses som saknat värde"):
        assert set(table[column]) == {"Ja", "Nej"}
    risk = table[(table["Variabel"] == "risk_beslut") & (table["Kod"] == "inte_kant")].iloc[0]
    assert (risk["Betyder okänt"], risk["Läses som saknat värde"]) == ("Ja", "Ja")
    assert set(CB.codes_table("en")["means_unknown"]) == {"Yes", "No"}


def test_the_codes_table_as_data_is_unchanged():
    # notebooks/10_ubu reads it as data: codes and booleans
    for codebook in (CB, get_ubu_codebook()):
        data = codebook.codes_table()
        assert list(data.columns) == ["variable", "code", "label_sv", "label_en", "order", "means_unknown",
                                      "read_as_missing"]
        assert data["means_unknown"].dtype == bool
    with pytest.raises(ValueError, match="lang"):
        CB.codes_table("de")


def test_definitions_are_shown_once_per_variable():
    definitions = CB.definitions("sv", dataset="registrations")
    assert list(definitions.columns) == ["id", "Variabel", "Definition", "Att tänka på"]
    assert definitions["id"].is_unique
    assert "hem" in set(definitions["id"]) and "hem_fysiskt_vald" not in set(definitions["id"])
    # the per-column table repeats a group's definition on every option; this table does not
    table = CB.table("sv", dataset="registrations")
    home = CB["hem"].definition("sv")
    assert (table["Definition"] == home).sum() == len(CB["hem"].columns) >= 10
    assert (definitions["Definition"] == home).sum() == 1
    assert (definitions[["Definition", "Att tänka på"]] != "").any(axis=1).all()


def test_the_groups_table_counts_variables_and_columns():
    groups = CB.groups_table("sv")
    assert list(groups.columns) == ["Grupp", "Antal variabler", "Antal kolumner"]
    assert list(groups["Grupp"]) == ["Registrering", "Bakgrund", "Process", "Resultat"]
    assert groups["Antal kolumner"].sum() == len(CB.columns("registrations"))
    assert groups["Antal variabler"].sum() == len(CB.for_dataset("registrations"))


def test_the_summary_is_a_sentence():
    assert CB.summary("sv") == (f"Kodboken har {len(CB.columns('registrations'))} kolumner i registreringarna "
                                f"och {len(CB.columns('ratings'))} kolumner i vinjettbedömningarna.")


def _executed(name: str):
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return nb


def test_the_codebook_notebook_shows_no_raw_python_output():
    nb = _executed("00_codebook")
    shown = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] in ("execute_result", "display_data"), output
            data = output["data"]
            assert "text/html" in data or "text/markdown" in data, data.get("text/plain")
            shown.append(data.get("text/html") or data.get("text/markdown"))
    text = "\n".join(shown)
    assert not re.search(r"^\(\d+, \d+\)$", text, re.M)
    assert "dtype:" not in text and "Name:" not in text
    assert not re.search(r">(True|False)<|\| (True|False) \|", text)
    assert "Läses som saknat värde" in text and "<td>Ja</td>" in text and "Kodboken har" in text


# ---------------------------------------------------------------------------
# the explorer notebook: Run All ends on the explorer
# ---------------------------------------------------------------------------


def test_the_explorer_is_the_last_cell_of_its_notebook():
    for path in (ROOT / "notebooks" / "utforska.py", ROOT / "notebooks" / "utforska.ipynb"):
        nb = jupytext.read(path)
        last = nb.cells[-1]
        assert last.cell_type == "code", path.name
        assert last.source.splitlines()[-1] == "explorer.widget", path.name
        assert "Explorer(" in last.source
    assert "Ctrl" not in (ROOT / "notebooks" / "utforska.py").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# the answer form: grouped, folded, the button in sight
# ---------------------------------------------------------------------------


@pytest.fixture
def form(tmp_path) -> AnswerForm:
    return AnswerForm(tmp_path, "jamila")


def _accordion(layout: w.VBox) -> w.Accordion:
    [accordion] = [c for c in layout.children if isinstance(c, w.Accordion)]
    return accordion


def test_the_checklists_are_folded_one_per_group_with_the_button_below(form):
    layout = grouped_form(form)
    accordion = _accordion(layout)
    assert accordion.selected_index is None  # all folded at first
    assert list(accordion.titles) == [CB[g].label("sv") for g in ("hem", "vh", "barn", "insatsforslag")]
    boxes = [box for fold in accordion.children for box in fold.children]
    assert boxes == list(form.checkboxes.values()) and len(boxes) == 36  # the form's own boxes, each once
    # not one of the 36 boxes stands in the top column: the button is a few rows below the risk rating
    top = list(layout.children)
    assert not [c for c in top if isinstance(c, w.Checkbox)]
    # between the risk rating and the button: the folds' heading and the folds, the motivation, the goal
    between = top[top.index(form.risk) + 1:top.index(form.button)]
    assert len(between) == 6 and isinstance(between[1], w.Accordion)
    assert form.motivation in between and form.goal in between
    assert top[-2:] == [form.button, form.message]


def test_labels_are_never_cut_and_the_folds_are_two_columns(form):
    accordion = _accordion(grouped_form(form))
    for fold in accordion.children:
        assert fold.layout.grid_template_columns == "repeat(2, max-content)"
        assert all(box.layout.width == "max-content" for box in fold.children)


def test_a_folds_title_counts_its_ticks_and_the_form_still_saves(form, tmp_path):
    layout = grouped_form(form)
    accordion = _accordion(layout)
    form.checkboxes["hem_fysiskt_vald"].value = True
    form.checkboxes["hem_psykiskt_vald"].value = True
    assert accordion.titles[0] == "Identifierad utsatthet i hemmiljön – ikryssade: 2"
    assert list(accordion.titles) == checklist_titles(form)
    form.name.value = "Anna"
    form.risk.value = "hog"
    form.button.click()
    assert "Tack Anna" in form.message.value
    assert len(list(tmp_path.glob("*.json"))) == 1
    form.clear()
    assert accordion.titles[0] == "Identifierad utsatthet i hemmiljön"


def test_without_the_goal_question_the_layout_has_no_goal_box(tmp_path):
    form = AnswerForm(tmp_path, "jamila", ask_goal=False)
    assert form.goal not in grouped_form(form).children
    with_goal = AnswerForm(tmp_path, "jamila")
    assert with_goal.goal in grouped_form(with_goal).children


def test_the_answer_notebook_displays_the_grouped_form():
    source = (ROOT / "notebooks" / "workshop" / "svara.py").read_text(encoding="utf-8")
    assert "grouped_form(formular)" in source and "formular.widget" not in source
