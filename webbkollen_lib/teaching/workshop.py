"""The live agreement test in notebooks: an answer form and the group's results.

The web workshop (``webbkollen workshop``, :mod:`webbkollen_lib.web`) is the
first way: participants answer on their phones and the answers go to a
SQLite file. These notebooks are the offline fallback (one notebook passed
round, or each on their own machine writing to a shared folder), and the
results notebook reads either store (:mod:`webbkollen_lib.teaching.store`):
a workshop's ``.sqlite`` file or an answer folder.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
from IPython.display import HTML, Markdown

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.labels import check_lang
from webbkollen_lib.teaching import projector
from webbkollen_lib.teaching.live import STOPWORDS_SV, words_by_rating  # noqa: F401  (their old home)
from webbkollen_lib.teaching.store import (  # noqa: F401  (the answer functions' old home)
    CHECKLISTS,
    answer_path,
    checklist_columns,
    make_answer,
    open_store,
    read_answers,
    save_answer,
)

# --------------------------------------------------------------------------
# the form
# --------------------------------------------------------------------------


class AnswerForm:
    """An ipywidgets form for one vignette; ``.widget`` is what the notebook displays.

    Everything a participant sees comes from the codebook, in Swedish by
    default. The form can be driven without a kernel (tests set ``.value``
    on the widgets and call :meth:`submit`).
    """

    def __init__(self, folder: str | Path, vignette: str, lang: str = "sv", kommun: str = "", ask_goal: bool = True):
        cb = get_codebook()
        self.folder = Path(folder)
        self.vignette = vignette
        self.lang = check_lang(lang)
        text = catalogue.labels("workshop.form", lang)
        self.name = w.Text(description=text["name"], placeholder=text["name_hint"], style={"description_width": "initial"})
        self.kommun = w.Text(value=kommun, description=text["kommun"], style={"description_width": "initial"})
        risk_var = cb["risk"]
        options = [(c.label(lang), c.code) for c in risk_var.codes]
        self.risk = w.RadioButtons(options=options, value=None, description="", layout={"width": "max-content"})
        self.checkboxes: dict[str, w.Checkbox] = {}
        sections = []
        for group in CHECKLISTS:
            var = cb[group]
            boxes = []
            for column in var.columns:
                box = w.Checkbox(value=False, description=var.code(column[len(var.prefix):]).label(lang), indent=False)
                self.checkboxes[column] = box
                boxes.append(box)
            sections.append(w.VBox([w.HTML(f"<b>{var.label(lang)}</b>"), *boxes]))
        self.motivation = w.Textarea(placeholder=text["motivation_hint"], layout={"width": "100%", "height": "6em"})
        self.goal = w.Textarea(placeholder=text["goal_hint"], layout={"width": "100%", "height": "4em"})
        self.button = w.Button(description=text["submit"], button_style="primary", icon="check")
        self.message = w.HTML()
        self.button.on_click(lambda _: self.submit())
        parts = [
            w.HTML(f"<h3>{text['title']}</h3>"),
            self.name,
            self.kommun,
            w.HTML(f"<b>{risk_var.label(lang)}</b>"),
            self.risk,
            *sections,
            w.HTML(f"<b>{text['motivation']}</b>"),
            self.motivation,
        ]
        if ask_goal:
            parts += [w.HTML(f"<b>{text['goal']}</b>"), self.goal]
        parts += [self.button, self.message]
        self.widget = w.VBox(parts)

    def ticked(self) -> list[str]:
        return [c for c, box in self.checkboxes.items() if box.value]

    def submit(self) -> Path | None:
        """Validate and save the answer; show a message either way."""
        text = catalogue.labels("workshop.form", self.lang)
        if self.risk.value is None:
            self.message.value = f"<span style='color:#a00'>{text['need_risk']}</span>"
            return None
        try:
            answer = make_answer(
                self.name.value,
                self.vignette,
                self.risk.value,
                self.ticked(),
                self.motivation.value,
                self.goal.value,
                self.kommun.value,
            )
        except ValueError as exc:
            self.message.value = f"<span style='color:#a00'>{exc}</span>"
            return None
        path = save_answer(self.folder, answer)
        self.message.value = text["saved"].format(name=answer["participant"])
        return path

    def clear(self) -> None:
        """Empty the form for the next participant (a notebook passed round)."""
        self.name.value = ""
        self.risk.value = None
        for box in self.checkboxes.values():
            box.value = False
        self.motivation.value = ""
        self.goal.value = ""


# --------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------

class WorkshopResults:
    """What the results notebook shows, for one vignette and one store (a workshop's .sqlite file or a folder).

    The same views as the web workshop's projector page, from the same
    functions (:mod:`webbkollen_lib.teaching.projector`): the group and the
    report side by side in percent under one headline (:meth:`result`), the
    consensus measures (:meth:`deep`), the checklists as shares
    (:meth:`checklists`) and the words by risk level (:meth:`words`). Every
    method returns something a notebook displays; with no answers yet it
    says so instead of failing, so the trainer can re-run the notebook as
    answers come in.
    """

    def __init__(self, folder: str | Path, vignette: str, lang: str = "sv"):
        self.store = open_store(folder)
        self.folder, self.vignette, self.lang = self.store.path, vignette, check_lang(lang)
        self.answers = self.store.answers(vignette)
        self.n = len(self.answers)
        self._t = catalogue.labels("workshop.result", lang)

    @property
    def title(self) -> str:
        """The vignette's participant title, as the phones and the projector show it."""
        return projector.case_title(self.vignette, self.lang)

    def _show(self, view: dict):
        if self.n == 0:
            return Markdown(f"*{self._t['none'].format(vignette=self.title, folder=self.folder)}*")
        return HTML(projector.notebook_html(view, lang=self.lang))

    def result(self):
        """The group ("Ni") and the report in percent, the headline, the "inte känt" answers explained."""
        return self._show(projector.result_view(self.answers, self.vignette, lang=self.lang))

    def deep(self):
        """The consensus measures with their bootstrap intervals (from three known ratings)."""
        return self._show(projector.deep_view(self.answers, self.vignette, lang=self.lang))

    def checklists(self, groups=CHECKLISTS):
        """The share of the group ticking each option of the checklists."""
        return self._show(projector.checklist_view(self.answers, self.vignette, groups=groups, lang=self.lang))

    def words(self):
        """The motivations' words by risk level; levels with fewer than three answers hidden."""
        return self._show(projector.words_view(self.answers, self.vignette, lang=self.lang))
