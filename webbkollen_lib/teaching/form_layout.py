"""The answer form laid out so that a participant sees it whole: the checklists folded, one group at a time.

:class:`~webbkollen_lib.teaching.workshop.AnswerForm` stacks its 36 tick
boxes in one column, with *Skicka* some 1,500 pixels down and long labels
cut at the box's default width. :func:`grouped_form` lays out the same
widgets (the form keeps working as before: the same boxes are ticked, the
same button saves) as

* name and municipality side by side, then the risk rating;
* one fold (an ``Accordion``) per checklist, closed at first, its title saying
  how many boxes are ticked, its boxes in two columns as wide as their labels;
* the motivation (and the goal), then the button and its message.

In a notebook (``notebooks/workshop/svara.ipynb``)::

    formular = AnswerForm("svar", "jamila")
    grouped_form(formular)       # displayed in place of formular.widget
"""

from __future__ import annotations

import html

import ipywidgets as w

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.teaching.store import CHECKLISTS
from webbkollen_lib.teaching.workshop import AnswerForm

__all__ = ["grouped_form", "checklist_titles"]


def _groups(form: AnswerForm) -> list[tuple[str, list[str]]]:
    """The checklists the form has: (group id, its columns in the form's order)."""
    cb = get_codebook()
    out = []
    for group in CHECKLISTS:
        columns = [c for c in cb[group].columns if c in form.checkboxes]
        if columns:
            out.append((group, columns))
    return out


def checklist_titles(form: AnswerForm) -> list[str]:
    """Each fold's title: the group's label and, once any is ticked, how many ("… (2 ikryssade)")."""
    cb = get_codebook()
    titles = []
    for group, columns in _groups(form):
        label = cb[group].label(form.lang)
        n = sum(form.checkboxes[c].value for c in columns)
        titles.append(catalogue.text("newcomer.form.ticked", form.lang, label=label, n=n) if n else label)
    return titles


def grouped_form(form: AnswerForm) -> w.VBox:
    """The form's own widgets in a layout that fits a screen: what a notebook displays instead of ``form.widget``."""
    words = catalogue.labels("workshop.form", form.lang)
    cb = get_codebook()
    folds = []
    for _, columns in _groups(form):
        boxes = [form.checkboxes[c] for c in columns]
        for box in boxes:
            box.layout.width = "max-content"  # the whole label, never cut at the default width
        folds.append(w.GridBox(boxes, layout=w.Layout(grid_template_columns="repeat(2, max-content)",
                                                      grid_gap="0 2em")))
    accordion = w.Accordion(children=folds, titles=tuple(checklist_titles(form)))
    accordion.selected_index = None  # all folded: the button stays in sight

    def retitle(_change=None):
        accordion.titles = tuple(checklist_titles(form))

    for box in form.checkboxes.values():
        box.observe(retitle, names="value")

    parts = [
        w.HTML(f"<h3>{html.escape(words['title'])}</h3>"),
        w.Box([form.name, form.kommun], layout=w.Layout(display="flex", flex_flow="row wrap", grid_gap="0.5em 2em")),
        w.HTML(f"<b>{html.escape(cb['risk'].label(form.lang))}</b>"),
        form.risk,
        w.HTML(f"<b>{html.escape(catalogue.text('newcomer.form.checklists', form.lang))}</b>"),
        accordion,
        w.HTML(f"<b>{html.escape(words['motivation'])}</b>"),
        form.motivation,
    ]
    if form.goal in form.widget.children:
        parts += [w.HTML(f"<b>{html.escape(words['goal'])}</b>"), form.goal]
    parts += [form.button, form.message]
    return w.VBox(parts)
