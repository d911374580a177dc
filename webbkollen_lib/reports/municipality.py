"""The per-municipality report: one municipality beside all participants, safe to publish.

:class:`MunicipalityReport` holds everything ``notebooks/kommunrapport.ipynb``
shows; the notebook only displays its blocks. Each block (background,
process, result, data quality) is a :class:`Block`: a heading, one short
sentence in plain Swedish (or English), tables that have been through
:mod:`webbkollen_lib.disclosure`, and figures drawn from the *published*
numbers only, so no figure reveals a value its table hides.

The comparison group is, as in the Webbkollen portal, all participating
municipalities together (the municipality itself included). The
municipality, the others and all are protected as one table, so a hidden
cell cannot be recovered by subtracting the municipality from the total.

A municipality with too few registrations (:func:`~webbkollen_lib.disclosure.too_few`)
gets a report that says so and nothing else.

Examples
--------
>>> from webbkollen_lib import load_cases
>>> from webbkollen_lib.reports.municipality import MunicipalityReport
>>> report = MunicipalityReport(load_cases(), "Umeå", 2017)      # doctest: +SKIP
>>> report.result().sentence                                      # doctest: +SKIP
'I Umeå avslutades 48 % av insatserna med uppnått mål, jämfört med 50 % för alla deltagande kommuner.'
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from webbkollen_lib import disclosure
from webbkollen_lib.analysis.change import change_summary, transition_table
from webbkollen_lib.analysis.descriptive import frequency_table
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count, format_percent, text
from webbkollen_lib.core.labels import LANGS, check_lang
from webbkollen_lib.io import datasets
from webbkollen_lib.io.datasets import load_cases
from webbkollen_lib.plots.figures import plot_published_shares
from webbkollen_lib.present.tables import summary_table, to_html

GROUP_COLUMN = "_jamforelse"

BACKGROUND = ["kon", "aldersgrupp", "ursprung", "ensamkommande", "hem_nagon", "vh_nagon", "barn_nagon"]
PROCESS = ["insatsform", "insats", "samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_enskilt_avslut", "samtal_vh_avslut"]
RESULT = ["avslutsorsak", "maluppfyllelse", "risk_beslut", "risk_avslut"]
QUALITY = [
    "kon", "alder", "ursprung", "ensamkommande", "hem", "vh", "barn", "insats",
    "samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_enskilt_avslut", "samtal_vh_avslut",
    "skola_beslut", "skola_avslut", "risk_beslut", "risk_avslut", "avslutsorsak", "maluppfyllelse",
]

# Derived variables and the columns they need.
_NEEDS = {
    "hem_nagon": ["hem_"],
    "vh_nagon": ["vh_"],
    "barn_nagon": ["barn_"],
    "insatsform": ["insats"],
    "aldersgrupp": ["alder"],
}

#: The report's words and sentence templates, {lang: {name: text}} (the label catalogue's ``report``
#: group), with ``caveat_list`` the caveats in order (``report.caveat``).
TEXT = {
    lang: {**catalogue.labels("report", lang), "caveat_list": list(catalogue.labels("report.caveat", lang).values())}
    for lang in LANGS
}


@dataclass
class Block:
    """One section of the report: heading, sentence, protected tables, figures, notes."""

    title: str
    sentence: str = ""
    tables: list = field(default_factory=list)  # (caption, DataFrame of str or object with _repr_html_)
    figures: list = field(default_factory=list)  # matplotlib Figures, or (Figure, text alternative) pairs
    notes: list = field(default_factory=list)
    level: int = 2

    def _repr_html_(self) -> str:
        parts = [f"<h{self.level}>{html.escape(self.title)}</h{self.level}>"]
        if self.sentence:
            parts.append(f"<p class='sentence'><b>{html.escape(self.sentence)}</b></p>")
        for caption, table in self.tables:
            if caption:
                parts.append(f"<h4>{html.escape(caption)}</h4>")
            parts.append(_table_html(table))
        for fig in self.figures:
            parts.append(_figure_html(fig))
        for note in self.notes:
            parts.append(f"<p><small>{html.escape(note)}</small></p>")
        return "\n".join(parts)

    def _repr_markdown_(self) -> str:  # plain-text consoles
        return f"## {self.title}\n\n{self.sentence}"


def _table_html(table) -> str:
    if isinstance(table, pd.DataFrame):
        return to_html(table)
    return table._repr_html_()


def _figure_html(fig) -> str:
    """An embedded PNG; ``fig`` may be ``(figure, text alternative)`` so the alt text carries its numbers."""
    fig, alt = fig if isinstance(fig, tuple) else (fig, fig.axes[0].get_title() if fig.axes else "figure")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = html.escape(alt, quote=True)
    return f"<p><img alt='{alt}' style='max-width:100%' src='data:image/png;base64,{data}'/></p>"


class MunicipalityReport:
    """The report for one municipality and year.

    Parameters
    ----------
    data : DataFrame
        Registrations of every participating municipality (data-contract form).
    kommun : str
        The municipality, as named in ``data["kommun"]``.
    ar : int
        Registration year; only that year's registrations are used.
    lang : {"sv", "en"}
    min_cell : int
        Counts from 1 to ``min_cell - 1`` are never shown (see
        :mod:`webbkollen_lib.disclosure`).
    jamforelse : list of str, optional
        Municipalities in the comparison group; default all in the data for
        the year (the portal's "alla deltagande kommuner").
    synthetic : bool
        Say in the header that the data are synthetic.

    Raises
    ------
    ValueError
        An unknown municipality or year (naming the valid ones).
    """

    def __init__(self, data: pd.DataFrame, kommun: str, ar: int, *, lang: str = "sv", min_cell: int = 5,
                 jamforelse: list[str] | None = None, synthetic: bool = False):
        check_lang(lang)
        self.lang, self.min_cell, self.kommun, self.ar, self.synthetic = lang, int(min_cell), kommun, int(ar), synthetic
        self.t = TEXT[lang]
        for column in ("kommun", "ar"):
            if column not in data.columns:
                raise ValueError(f"the data have no {column!r} column")
        years = sorted(int(y) for y in pd.unique(data["ar"].dropna()))
        if self.ar not in years:
            raise ValueError(f"no registrations from {self.ar}; the data have {', '.join(map(str, years)) or 'none'}")
        year = data.loc[(data["ar"] == self.ar).to_numpy()]
        present = sorted(pd.unique(year["kommun"].dropna().astype(str)))
        if kommun not in present:
            raise ValueError(f"no registrations from {kommun!r} in {self.ar}; the data have: {', '.join(present)}")
        if jamforelse is None:
            jamforelse = present
        unknown = sorted(set(jamforelse) - set(present))
        if unknown:
            raise ValueError(f"jamforelse names municipalities without registrations in {self.ar}: {', '.join(unknown)}; "
                             f"the data have: {', '.join(present)}")
        self.jamforelse = list(jamforelse)
        self.own_in_comparison = kommun in self.jamforelse
        rows = year["kommun"].astype(str).isin(set(self.jamforelse) | {kommun}).to_numpy()
        frame = year.loc[rows].copy()
        others = self.t["others"]
        frame[GROUP_COLUMN] = pd.Categorical(
            frame["kommun"].astype(str).where(frame["kommun"].astype(str) == kommun, others), categories=[kommun, others]
        )
        self.data = frame
        self.own = frame.loc[(frame["kommun"].astype(str) == kommun).to_numpy()]
        self.n = len(self.own)
        self.n_comparison = len(frame) if self.own_in_comparison else len(frame) - self.n
        if self.own_in_comparison and set(self.jamforelse) == set(present):
            self.comparison_name = self.t["all"]
        else:
            self.comparison_name = self.t["chosen"].format(names=", ".join(self.jamforelse))
        self.comparison_label = self.t["all_short"] if self.comparison_name == self.t["all"] else others
        self.too_few = bool(disclosure.too_few(self.n, min_cell=self.min_cell))

    # -- shared pieces --------------------------------------------------------------

    def _has(self, variable: str) -> bool:
        needs = _NEEDS.get(variable, [variable])
        cb = get_codebook()
        if variable in cb and cb[variable].is_multi:
            needs = [cb[variable].prefix]
        return all(any(c == n or (n.endswith("_") and c.startswith(n)) for c in self.data.columns) for n in needs)

    def _comparison_column(self, columns) -> list:
        """Which columns of a by-group summary to show: the municipality and all (or the others)."""
        if self.own_in_comparison:
            return [columns[0], columns[-1]]
        return [columns[0], columns[1]]

    def _summary(self, variables: list[str]):
        present = [v for v in variables if self._has(v)]
        missing = [v for v in variables if not self._has(v)]
        if not present:
            return None, missing
        table = summary_table(self.data, present, by=GROUP_COLUMN, lang=self.lang, min_cell=self.min_cell, overall="last")
        shown = table[self._comparison_column(list(table.columns))]
        shown.attrs = dict(table.attrs)
        if self.own_in_comparison:
            shown = shown.rename(columns={shown.columns[-1]: shown.columns[-1].replace(text("overall", self.lang), self.t["all_short"])})
        return shown, missing

    def _published(self, variable: str):
        """Published numbers of one variable: per category (label) share, n and denominator of the
        municipality (``own``) and the comparison group (``comparison``); hidden values are NA."""
        freq = frequency_table(self.data, variable, by=GROUP_COLUMN, lang=self.lang, ci=None, dropna=False,
                               overall=True, min_cell=self.min_cell)
        freq = freq[freq["category"].notna()]
        own = freq[freq["group"] == self.kommun]
        other = freq[freq["group"] != self.kommun]
        if self.own_in_comparison:
            comp = other[other["group_label"] == text("overall", self.lang)]
        else:
            comp = other[other["group"] == self.t["others"]]
        columns = {}
        for name, part in (("own", own), ("comparison", comp)):
            part = part.set_index("label")
            columns[f"share_{name}"] = part["share"].astype(float)
            columns[f"n_{name}"] = part["n"]
            columns[f"denominator_{name}"] = part["denominator"]
        table = pd.DataFrame(columns)
        table["category"] = own.set_index("label")["category"]
        series = [("own", self._series_label(self.kommun, own["n_total"].iloc[0] if len(own) else 0)),
                  ("comparison", self._series_label(self.comparison_label, comp["n_total"].iloc[0] if len(comp) else 0))]
        return table, series

    def _series_label(self, name: str, n) -> str:
        if pd.isna(n):
            return f"{name} (n = {disclosure.SUPPRESSED})"
        return text("n_label", self.lang, label=name, n=format_count(int(n), self.lang))

    def _share_pair(self, variable: str, category) -> tuple[float, float] | None:
        if not self._has(variable):
            return None
        table, _ = self._published(variable)
        row = table[table["category"].astype(object) == category]
        if row.empty:
            return None
        return float(row["share_own"].iloc[0]), float(row["share_comparison"].iloc[0])

    def _sentence(self, key: str, what: str, pairs: list) -> str:
        if any(p is None for p in pairs):
            return self.t["s_unavailable"].format(what=self.t[what])
        values = [v for p in pairs for v in p]
        if any(pd.isna(v) for v in values[::2]):
            return self.t["s_hidden"].format(kommun=self.kommun, what=self.t[what])
        fields = dict(zip("abcd", (format_percent(v, lang=self.lang) if not pd.isna(v) else disclosure.SUPPRESSED
                                   for v in _order(values))))
        return self.t[key].format(kommun=self.kommun, comparison=self.comparison_name, **fields)

    def _figure(self, variable: str, title: str | None = None):
        table, series = self._published(variable)
        cb = get_codebook()
        title = title or (cb[variable].label(self.lang) if variable in cb else variable)
        return plot_published_shares(table.drop(columns="category"), series, title=title, lang=self.lang)

    # -- the blocks ------------------------------------------------------------------

    def header(self) -> Block:
        """Title, who is compared with whom, the numbers behind the report and the rules."""
        t = self.t
        title = t["title"].format(kommun=self.kommun, ar=self.ar)
        block = Block(title, level=1)
        block.sentence = t["subtitle"].format(kommun=self.kommun, comparison=self.comparison_name)
        n_text = disclosure.format_count(self.n, self.lang) if not disclosure.too_few(self.n, self.min_cell) else None
        if n_text is not None:
            block.notes.append(t["n_line"].format(kommun=self.kommun, n=n_text, ar=self.ar,
                                                  comparison_cap=self.comparison_name[0].upper() + self.comparison_name[1:],
                                                  n_all=format_count(self.n_comparison, self.lang)))
        block.notes.append(t["rule"].format(min_cell=self.min_cell))
        if self.synthetic:
            block.notes.append(t["synthetic"])
        return block

    def too_few_block(self) -> Block:
        """The whole report for a municipality with too few registrations."""
        return Block(self.t["too_few_title"], disclosure.too_few_text(self.kommun, lang=self.lang, min_cell=self.min_cell))

    def background(self) -> Block | None:
        """Sex, age group, origin, unaccompanied and identified exposure."""
        if self.too_few:
            return None
        block = Block(self.t["background"])
        girls = self._share_pair("kon", "flicka")
        home = self._share_pair("hem_nagon", True)
        block.sentence = " ".join([self._sentence("s_sex", "w_sex", [girls]), self._sentence("s_home", "w_home", [home])])
        table, missing = self._summary(BACKGROUND)
        if table is not None:
            block.tables.append(("", table))
        if self._has("hem"):
            block.figures.append(self._figure("hem", self.t["hem_options"]))
        if missing:
            block.notes.append(self.t["missing_vars"].format(names=", ".join(missing)))
        return block

    def process(self) -> Block | None:
        """Intervention and talks with the child at the decision and at closure."""
        if self.too_few:
            return None
        block = Block(self.t["process"])
        before = self._share_pair("samtal_enskilt_beslut", True)
        after = self._share_pair("samtal_enskilt_avslut", True)
        pairs = [before, after]
        block.sentence = self._sentence("s_talk", "w_talk", pairs)
        table, missing = self._summary(PROCESS)
        if table is not None:
            block.tables.append(("", table))
        if self._has("insats"):
            block.figures.append(self._figure("insats"))
        if missing:
            block.notes.append(self.t["missing_vars"].format(names=", ".join(missing)))
        return block

    def result(self) -> Block | None:
        """Reason for closure, goal attainment, risk at decision and closure and the change between them."""
        if self.too_few:
            return None
        block = Block(self.t["result"])
        goal = self._share_pair("avslutsorsak", "mal_uppnatt")
        sentences = [self._sentence("s_goal", "w_goal", [goal])]
        table, missing = self._summary(RESULT)
        if table is not None:
            block.tables.append(("", table))
        if self._has("risk_beslut") and self._has("risk_avslut"):
            change, shares = self._risk_change()
            sentences.append(self._sentence("s_risk", "w_risk", [shares]))
            block.tables.append((self.t["change_title"], change))
            block.tables.append((self.t["transition_title"].format(kommun=self.kommun), self._transition()))
            block.figures.append(self._figure("risk_avslut"))
        block.sentence = " ".join(sentences)
        if missing:
            block.notes.append(self.t["missing_vars"].format(names=", ".join(missing)))
        return block

    def _risk_change(self):
        """Lower / same / higher from decision to closure, municipality and comparison, protected together."""
        def counts(frame):
            summary = change_summary(frame, "risk_beslut", "risk_avslut")
            overall = summary.iloc[-1]
            return [int(round(overall["n"] * overall[k])) for k in ("lower", "same", "higher")]

        own = counts(self.own)
        rest = counts(self.data.loc[(self.data[GROUP_COLUMN] != self.kommun).to_numpy()])
        names = [self.t["lower"], self.t["same"], self.t["higher"]]
        grid = pd.DataFrame([own, rest], index=[self.kommun, self.t["others"]], columns=names)
        protected = disclosure.protect_table(grid, min_cell=self.min_cell, shares=True, share_of="row", lang=self.lang)
        shares = protected.shares
        own_lower = shares.iloc[0, 0]
        comp_lower = shares.iloc[-1, 0] if self.own_in_comparison else shares.iloc[1, 0]
        return protected, (own_lower, comp_lower)

    def _transition(self):
        counts = transition_table(self.own, "risk_beslut", "risk_avslut", lang=self.lang)
        return disclosure.protect_table(counts, min_cell=self.min_cell, shares=False, lang=self.lang)

    def data_quality(self) -> Block | None:
        """Registrations without an answer, per variable, in the municipality (protected per variable)."""
        if self.too_few:
            return None
        block = Block(self.t["quality"], self.t["s_quality"])
        cb = get_codebook()
        rows = []
        for variable in QUALITY:
            if not self._has(variable):
                continue
            var = cb[variable]
            applies = pd.Series(True, index=self.own.index)
            if "tillfalle" in self.own.columns and set(var.allowed_on) != {"uppfoljning", "avslut"}:
                applies = self.own["tillfalle"].astype(object).isin(var.allowed_on)
            missing = self.own[var.columns].isna().all(axis=1) & applies
            m, n = int(missing.sum()), int(applies.sum())
            if n == 0:
                continue
            pt = disclosure.protect_table(pd.Series({"saknas": m, "finns": n - m}), min_cell=self.min_cell,
                                          shares=True, lang=self.lang)
            rows.append({self.t["variable"]: var.label(self.lang),
                         "n": pt.count_text.iloc[-1],
                         self.t["missing_title"]: pt.count_text.iloc[0],
                         "%": pt.share_text.iloc[0]})
        if rows:
            table = pd.DataFrame(rows).set_index(self.t["variable"])
            block.tables.append((self.kommun, table))
            block.notes.append(disclosure.footnote(self.min_cell, self.lang))
        return block

    def caveats(self) -> Block | None:
        """What the report insists a reader keeps in mind."""
        if self.too_few:
            return None
        block = Block(self.t["caveats"])
        block.notes.extend(self.t["caveat_list"])
        return block

    def blocks(self) -> list[Block]:
        """Every block in order (just the header and the too-few notice when there are too few)."""
        if self.too_few:
            return [self.header(), self.too_few_block()]
        return [self.header(), self.background(), self.process(), self.result(), self.data_quality(), self.caveats()]

    def _repr_html_(self) -> str:
        return "\n".join(b._repr_html_() for b in self.blocks() if b is not None)


def _order(values: list) -> list:
    """(own1, comp1, own2, comp2) -> (own1, own2, comp1, comp2) for two-pair sentences; identity for one pair."""
    if len(values) == 4:
        return [values[0], values[2], values[1], values[3]]
    return values


@lru_cache(maxsize=2)
def _read_cached(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Read and validate a registrations file once per kernel: a warm batch kernel makes many reports
    from the same file. The key includes modification time and size, so a changed file is read again."""
    return load_cases(path)


def load_report(data: str | None, kommun: str, ar: int, *, lang: str = "sv", min_cell: int = 5,
                jamforelse: list[str] | None = None) -> MunicipalityReport:
    """Read a registrations file (default: the shipped synthetic data) and build the report.

    The shipped data is found with importlib.resources
    (:data:`webbkollen_lib.io.datasets.CASES_FILE`), so the default works in any
    installation and from any working directory; the report notes when it is
    built from the synthetic data.
    """
    shipped = datasets.CASES_FILE  # looked up per call: a session may point it elsewhere
    path = Path(data) if data else shipped
    frame = _read_cached(str(path.resolve()), *datasets.file_stamp(path)).copy()
    synthetic = path.resolve() == shipped.resolve()
    return MunicipalityReport(frame, kommun, ar, lang=lang, min_cell=min_cell, jamforelse=jamforelse, synthetic=synthetic)
