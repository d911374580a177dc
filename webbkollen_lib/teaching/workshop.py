"""The live agreement test in notebooks: an answer form and the group's results.

The web workshop (``webbkollen workshop``, :mod:`webbkollen_lib.web`) is the
first way: participants answer on their phones and the answers go to a
SQLite file. These notebooks are the offline fallback (one notebook passed
round, or each on their own machine writing to a shared folder), and the
results notebook reads either store (:mod:`webbkollen_lib.teaching.store`):
a workshop's ``.sqlite`` file or an answer folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import pandas as pd
from IPython.display import Markdown

from webbkollen_lib.agreement.coefficients import rating_vs_factor_count
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.labels import check_lang
from webbkollen_lib.plots import vignettes as pv
from webbkollen_lib.present import vignettes as va
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

#: Small words left out when listing the words participants used.
STOPWORDS_SV = frozenset(
    """att av de den det dessa detta dock där efter eftersom eller en ett finns för från genom har hon
    hos han i inom inte jag kan man med men mot mycket ni nu när och om på sig sin sina sitt ska som
    så till under upp ut utan vad var vara vid vi är även barnet barn""".split()
)

def words_by_rating(answers: pd.DataFrame, *, column: str = "motivering", top: int = 6, lang: str = "sv") -> pd.DataFrame:
    """The words participants used, grouped by the risk they assigned (as the report did for Jamila).

    Each answer's text is split into lower-case words; small words
    (:data:`STOPWORDS_SV`) and words under three letters are left out; a
    word counts once per answer. Returns, per risk level, the ``top`` words
    used by most answers: columns risk level (codebook label), word, number
    of answers using it, and the number of answers at that level.
    """
    cb = get_codebook()
    labels = cb["risk"].code_labels(lang)
    unknown = cb["risk"].code("inte_kant").label(lang)
    text_ = catalogue.labels("workshop.result", lang)
    rows = []
    risk = answers["risk"].astype(object)
    for code in [*labels, None]:
        part = answers.loc[(risk == code) if code is not None else risk.isna(), column].dropna().astype(str)
        if part.empty:
            continue
        counts: dict[str, int] = {}
        for answer in part:
            for word in set(re.findall(r"[a-zåäöéü]+", answer.lower())):
                if len(word) >= 3 and word not in STOPWORDS_SV:
                    counts[word] = counts.get(word, 0) + 1
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        label = labels[code] if code is not None else unknown
        for word, k in best:
            rows.append({cb["risk"].label(lang): label, text_["word"]: word, text_["uses"]: k, "n": len(part)})
    return pd.DataFrame(rows, columns=[cb["risk"].label(lang), text_["word"], text_["uses"], "n"])


class WorkshopResults:
    """What the results notebook shows, for one vignette and one store (a workshop's .sqlite file or a folder).

    Every method returns something a notebook displays; with too few answers
    it returns a short message instead of failing, so the trainer can re-run
    the notebook as answers come in (3 participants or 60).
    """

    def __init__(self, folder: str | Path, vignette: str, lang: str = "sv"):
        self.store = open_store(folder)
        self.folder, self.vignette, self.lang = self.store.path, vignette, check_lang(lang)
        self.answers = self.store.answers(vignette)
        self.n = len(self.answers)
        self._t = catalogue.labels("workshop.result", lang)

    def _message(self, text_: str):
        return Markdown(f"*{text_}*")

    def _enough(self, k: int, what: str):
        if self.n == 0:
            return self._message(self._t["none"].format(vignette=self.vignette, folder=self.folder))
        if self.n < k:
            return self._message(self._t["few"].format(n=self.n, k=k, what=self._t[what]))
        return None

    def summary(self):
        """How many have answered."""
        return self._enough(1, "consensus") or self._message(self._t["n_line"].format(n=self.n, vignette=self.vignette))

    def risk_table(self):
        """The group's risk ratings beside the report's published distribution for the same vignette."""
        return self._enough(1, "consensus") or va.risk_table(self.answers, lang=self.lang)

    def risk_figure(self):
        return self._enough(1, "consensus") or pv.plot_risk_distribution(self.answers, lang=self.lang)

    def consensus(self):
        """Consensus measures for the group's ratings, with bootstrap CIs over participants."""
        return self._enough(3, "consensus") or va.consensus_table(self.answers, lang=self.lang, n_boot=500)

    def exposure_agreement(self, group: str = "hem"):
        """Share ticking each option of a checklist and the agreement per option."""
        return self._enough(3, "consensus") or va.checklist_table(self.answers, group, lang=self.lang)

    def factors_vs_rating(self):
        """Number of exposure options ticked against the risk assigned (Spearman with CI)."""
        return self._enough(4, "factors") or rating_vs_factor_count(self.answers)

    def words(self, top: int = 6):
        """The words participants used, grouped by their risk rating."""
        enough = self._enough(1, "words")
        if enough is not None:
            return enough
        table = words_by_rating(self.answers, top=top, lang=self.lang)
        return self._message(self._t["no_words"]) if table.empty else table.set_index(list(table.columns[:2]))
