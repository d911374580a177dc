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

Every report of a year counts the same participants. :class:`Participants`
counts them once, per municipality; a report takes its own municipality's
counts and sums those of its comparison group, then protects and shows them.
:func:`load_report` keeps the participants of a data file and year for as long
as the file is unchanged, so a warm batch kernel counts a national year once,
not once per report.

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
import hashlib
import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from webbkollen_lib import disclosure
from webbkollen_lib.analysis.change import change_summary, transition_table
from webbkollen_lib.analysis.descriptive import Counts, count_by_group, denominators, publish_counts
from webbkollen_lib.analysis.variables import Resolved, resolve
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count, format_percent, text
from webbkollen_lib.core.labels import LANGS, check_lang
from webbkollen_lib.io import datasets
from webbkollen_lib.io.datasets import load_cases
from webbkollen_lib.plots.figures import plot_published_shares, published_shares_alt, published_shares_table
from webbkollen_lib.plots.style import figure_svg
from webbkollen_lib.present.markup import data_table, explains_suppressed, shows_suppressed, table_cells
from webbkollen_lib.present.tables import summary_table

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


#: The MIME type under which a block also shows its content as data: its tables' and figures' cells as
#: shown (:func:`webbkollen_lib.present.markup.table_cells`), read back from the executed notebook by
#: the batch runner for the Excel file beside a report (:mod:`webbkollen_lib.reports.workbook`).
BLOCK_MIME = "application/vnd.webbkollen.block+json"


class FigureEntry(NamedTuple):
    """A figure of a block with its text alternative (its numbers in words) and the table behind it."""

    figure: Figure
    alt: str
    table: pd.DataFrame | None = None
    title: str = ""


@dataclass
class Block:
    """One section of the report: heading, sentence, protected tables, figures, notes.

    ``tables`` holds ``(caption, table)`` pairs, a table being a DataFrame of
    display text or a :class:`~webbkollen_lib.disclosure.ProtectedTable`; a
    table without a caption is captioned with the block's title. ``figures``
    holds :class:`FigureEntry` items (or plain matplotlib Figures, or
    ``(figure, text alternative)`` pairs). ``kind`` marks a block's role:
    ``"caveats"`` for the caveats, which the PDF keeps whole on the last page
    and the Excel file repeats on its first sheet.

    In HTML (:meth:`_repr_html_`) every table is a data table with a caption
    and header cells (:func:`webbkollen_lib.present.markup.data_table`), a
    table showing ``x`` points to the note explaining it, and every figure has
    its text alternative and, one click away, the table behind it.
    """

    title: str
    sentence: str = ""
    tables: list = field(default_factory=list)  # (caption, DataFrame of str, or ProtectedTable)
    figures: list = field(default_factory=list)  # FigureEntry, matplotlib Figures, or (Figure, text alternative)
    notes: list = field(default_factory=list)
    level: int = 2
    kind: str = ""
    lang: str = "sv"

    def _parts(self) -> dict:
        """What the block shows, as text: the cells of each table and figure, with their notes."""
        tables = []
        for caption, table in self.tables:
            frame, notes = _table_parts(table)
            tables.append({"caption": caption or self.title, "frame": frame, "notes": notes})
        figures = []
        for fig in self.figures:
            entry = fig if isinstance(fig, FigureEntry) else FigureEntry(*fig) if isinstance(fig, tuple) else None
            if entry is not None and entry.table is not None:
                title = catalogue.text("reportfiles.figure.data_caption", self.lang, title=entry.title or self.title)
                figures.append({"caption": title, "frame": entry.table, "alt": entry.alt})
        return {"tables": tables, "figures": figures}

    def _repr_html_(self) -> str:
        key = _block_key(self.title)
        parts = [f"<h{self.level}>{html.escape(self.title)}</h{self.level}>"]
        if self.sentence:
            parts.append(f"<p class='sentence'><b>{html.escape(self.sentence)}</b></p>")
        content = self._parts()
        # the notes that explain x: a table's own, else the block's, else one added at the block's end
        block_x = [f"{key}-n{i}" for i, note in enumerate(self.notes) if explains_suppressed(note)]
        tables_x: list[str] = []  # a table's own explanation serves the figures after it too
        extra_x = f"{key}-x"
        needs_extra = False

        def explained_by(frame, own_ids) -> list[str]:
            nonlocal needs_extra
            if not shows_suppressed(frame):
                return []
            tables_x.extend(i for i in own_ids if i not in tables_x)
            found = own_ids or block_x or tables_x[:1]
            if not found:
                needs_extra = True
                found = [extra_x]
            return found

        for t, table in enumerate(content["tables"]):
            note_ids = [f"{key}-t{t}n{i}" for i in range(len(table["notes"]))]
            own_x = [i for i, note in zip(note_ids, table["notes"]) if explains_suppressed(note)]
            parts.append(data_table(table["frame"], caption=table["caption"],
                                    describedby=explained_by(table["frame"], own_x)))
            parts += [f"<p id='{i}'><small>{html.escape(n, quote=False)}</small></p>"
                      for i, n in zip(note_ids, table["notes"])]
        data = iter(content["figures"])
        for fig in self.figures:
            parts.append(_figure_html(fig))
            if isinstance(fig, FigureEntry) and fig.table is not None:
                figure = next(data)
                summary = catalogue.text("reportfiles.figure.data_summary", self.lang)
                parts.append(f"<details class='figure-data'><summary>{html.escape(summary)}</summary>\n"
                             + data_table(figure["frame"], caption=figure["caption"],
                                          describedby=explained_by(figure["frame"], []))
                             + "\n</details>")
        for i, note in enumerate(self.notes):
            parts.append(f"<p id='{key}-n{i}'><small>{html.escape(note)}</small></p>")
        if needs_extra:
            note = catalogue.text("reportfiles.x_note", self.lang)
            parts.append(f"<p id='{extra_x}'><small>{html.escape(note)}</small></p>")
        kind = f" {self.kind}" if self.kind else ""
        return f"<section class='report-block{kind}'>\n" + "\n".join(parts) + "\n</section>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """HTML, and the same content as data (:data:`BLOCK_MIME`) for the files beside a report."""
        content = self._parts()
        data = {
            "title": self.title, "level": self.level, "kind": self.kind, "sentence": self.sentence,
            "notes": list(self.notes),
            "tables": [{"caption": t["caption"], "notes": t["notes"], **table_cells(t["frame"])}
                       for t in content["tables"]],
            "figures": [{"caption": f["caption"], "alt": f["alt"], "notes": [], **table_cells(f["frame"])}
                        for f in content["figures"]],
        }
        return {"text/html": self._repr_html_(), BLOCK_MIME: data}

    def _repr_markdown_(self) -> str:  # plain-text consoles
        return f"## {self.title}\n\n{self.sentence}"


def _block_key(title: str) -> str:
    """A stable id prefix for a block's notes: the same title gives the same ids, run after run."""
    return "b" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def _table_parts(table) -> tuple[pd.DataFrame, list[str]]:
    """A block's table as (frame of display text, its own notes)."""
    if isinstance(table, disclosure.ProtectedTable):
        note = table.footnote()
        return table.table, [note] if note else []
    if isinstance(table, pd.DataFrame):
        return table, list(table.attrs.get("footnotes", []))
    raise TypeError(f"a block's table must be a DataFrame or a ProtectedTable, not {type(table).__name__}")


def _figure_html(fig) -> str:
    """An embedded SVG; ``fig`` may be ``(figure, text alternative, …)`` so the alt text carries its numbers."""
    fig, alt = fig[:2] if isinstance(fig, tuple) else (fig, fig.axes[0].get_title() if fig.axes else "figure")
    data = base64.b64encode(figure_svg(fig)).decode("ascii")
    alt = html.escape(alt, quote=True)
    return f"<p><img alt='{alt}' style='max-width:100%' src='data:image/svg+xml;base64,{data}'/></p>"


class Participants:
    """The registrations of one year, counted once per municipality for every report of that year.

    A report shows its municipality beside its comparison group (by default
    all participants), and every count it shows is a sum of per-municipality
    counts. Those are what the reports of a year share: this class computes
    them on first use, one variable at a time, and a report takes its
    municipality's row and sums the rows of its comparison group
    (:meth:`MunicipalityReport._counts`). :func:`load_report` caches it per
    data file and year, keyed by the file's stamp.

    Reports only read it (and copy the registrations they keep); what it
    caches depends on the data alone, never on a report.

    Raises
    ------
    ValueError
        The data lack ``kommun`` or ``ar``, or have no registrations in ``ar``
        (naming the years they have).
    """

    def __init__(self, data: pd.DataFrame, ar: int):
        for column in ("kommun", "ar"):
            if column not in data.columns:
                raise ValueError(f"the data have no {column!r} column")
        self.ar = int(ar)
        self.years = sorted(int(y) for y in pd.unique(data["ar"].dropna()))
        if self.ar not in self.years:
            have = ", ".join(map(str, self.years)) or "none"
            raise ValueError(f"no registrations from {self.ar}; the data have {have}")
        self.year = data.loc[(data["ar"] == self.ar).to_numpy()]
        names = self.year["kommun"].astype(str)
        #: municipalities with registrations in the year, sorted
        self.present = sorted(pd.unique(self.year["kommun"].dropna().astype(str)))
        self.position = {name: i for i, name in enumerate(self.present)}
        # the municipality of each registration, as a grouping variable
        # (a registration without one is in no group, as it is in no report)
        municipality = pd.Categorical(names, categories=self.present)
        self._by = Resolved("kommun", "single", pd.Series(municipality, index=self.year.index), list(self.present),
                            {}, {})
        self._codes = np.asarray(municipality.codes, dtype=np.int64)  # -1: in no municipality
        self._counts: dict[str, Counts] = {}
        self._quality: dict[str, tuple] = {}
        self._changes: dict[frozenset, tuple] = {}

    def counts(self, variable: str) -> Counts:
        """Counts of ``variable`` per municipality (rows in the order of :attr:`present`)."""
        if variable not in self._counts:
            self._counts[variable] = count_by_group(self.year, resolve(self.year, variable), self._by)
        return self._counts[variable]

    def quality_counts(self, variable: str) -> tuple[np.ndarray, np.ndarray]:
        """Per municipality: the registrations ``variable`` applies to, and those of them without an answer.

        A variable applies on the occasions the codebook allows it (``allowed_on``)
        when the data say which occasion a registration is (``tillfalle``).
        """
        if variable not in self._quality:
            var = get_codebook()[variable]
            applies = np.ones(len(self.year), dtype=bool)
            if "tillfalle" in self.year.columns and set(var.allowed_on) != {"uppfoljning", "avslut"}:
                applies = self.year["tillfalle"].astype(object).isin(var.allowed_on).to_numpy()
            missing = self.year[var.columns].isna().all(axis=1).to_numpy() & applies
            known = self._codes >= 0
            size = len(self.present)
            self._quality[variable] = tuple(
                np.bincount(self._codes[known], weights=x[known], minlength=size).round().astype(np.int64)
                for x in (applies, missing)
            )
        return self._quality[variable]

    def change_counts(self, names: frozenset) -> tuple:
        """Risk lower, same and higher from decision to closure among the registrations of ``names``."""
        if names not in self._changes:
            if len(self._changes) > 8:  # custom comparison groups: keep a few
                self._changes.clear()
            rows = self.year["kommun"].astype(str).isin(names).to_numpy()
            self._changes[names] = _change_counts(self.year.loc[rows])
        return self._changes[names]


def _change_counts(frame: pd.DataFrame) -> tuple:
    """(pairs, lower, same, higher): registrations with risk at decision and closure, and how it changed."""
    summary = change_summary(frame, "risk_beslut", "risk_avslut")
    overall = summary.iloc[-1]
    if not overall["n"] > 0:  # no pairs: no shares either, and nothing lower, same or higher
        return (0, 0, 0, 0)
    return (int(overall["n"]), *(int(round(overall["n"] * overall[k])) for k in ("lower", "same", "higher")))


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
    participants : Participants, optional
        ``Participants(data, ar)`` when the caller keeps it for several
        reports (as :func:`load_report` does); computed here otherwise.

    Raises
    ------
    ValueError
        An unknown municipality or year (naming the valid ones).
    """

    def __init__(self, data: pd.DataFrame, kommun: str, ar: int, *, lang: str = "sv", min_cell: int = 5,
                 jamforelse: list[str] | None = None, synthetic: bool = False,
                 participants: Participants | None = None):
        check_lang(lang)
        self.lang, self.min_cell, self.kommun, self.ar, self.synthetic = lang, int(min_cell), kommun, int(ar), synthetic
        self.t = TEXT[lang]
        if participants is None or participants.ar != self.ar:
            participants = Participants(data, self.ar)
        self._participants = participants
        year, present = participants.year, participants.present
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
        frame = year.copy() if rows.all() else year.loc[rows].copy()
        names = frame["kommun"].astype(str)
        others = self.t["others"]
        frame[GROUP_COLUMN] = pd.Categorical(names.where(names == kommun, others), categories=[kommun, others])
        self.data = frame
        self.own = frame.loc[(names == kommun).to_numpy()]
        self.n = len(self.own)
        self.n_comparison = len(frame) if self.own_in_comparison else len(frame) - self.n
        if self.own_in_comparison and set(self.jamforelse) == set(present):
            self.comparison_name = self.t["all"]
        else:
            self.comparison_name = self.t["chosen"].format(names=", ".join(self.jamforelse))
        self.comparison_label = self.t["all_short"] if self.comparison_name == self.t["all"] else others
        self.too_few = bool(disclosure.too_few(self.n, min_cell=self.min_cell))
        # rows of the participants' counts: this municipality, and the rest of its comparison group
        self._own_row = participants.position[kommun]
        self._other_rows = [participants.position[k] for k in dict.fromkeys(self.jamforelse) if k != kommun]
        self._protected: dict = {}  # variable -> (Counts, PublishedCounts), shared by tables, sentences, figures

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

    def _counts(self, variable: str):
        """The counts of ``variable`` for the municipality and the rest of its comparison group, as published.

        What ``count_by_group`` and ``publish_counts`` give for this report's
        data grouped by municipality / others, but summed from the
        participants' per-municipality counts, and computed once per variable
        for the report's tables, sentences and figures alike.
        """
        if variable not in self._protected:
            shared = self._participants.counts(variable)
            counts = Counts(shared.var, [self.kommun, self.t["others"]], self._own_and_rest(shared.counts),
                            self._own_and_rest(shared.n_total), self._own_and_rest(shared.n_missing), False)
            self._protected[variable] = (counts, publish_counts(counts, self.min_cell, False, self.lang))
        return self._protected[variable]

    def _own_and_rest(self, per_municipality: np.ndarray) -> np.ndarray:
        """Rows (or values) per municipality -> the municipality's and the sum over the rest of its comparison group."""
        rest = per_municipality[self._other_rows].sum(axis=0)
        return np.stack([per_municipality[self._own_row], rest]).astype(per_municipality.dtype)

    def _summary(self, variables: list[str]):
        present = [v for v in variables if self._has(v)]
        missing = [v for v in variables if not self._has(v)]
        if not present:
            return None, missing
        table = summary_table(self.data, present, by=GROUP_COLUMN, lang=self.lang, min_cell=self.min_cell, overall="last",
                              precomputed={v: self._counts(v) for v in present})
        shown = table[self._comparison_column(list(table.columns))]
        shown.attrs = dict(table.attrs)
        if self.own_in_comparison:
            shown = shown.rename(columns={shown.columns[-1]: shown.columns[-1].replace(text("overall", self.lang), self.t["all_short"])})
        return shown, missing

    def _published(self, variable: str):
        """Published numbers of one variable: per category (label) share, n and denominator of the
        municipality (``own``) and the comparison group (``comparison``); hidden values are NA.

        The numbers of ``frequency_table(self.data, variable, by=GROUP_COLUMN, ci=None, dropna=False,
        overall=True, min_cell=...)``, taken from the counts the tables use.
        """
        counts, published = self._counts(variable)
        var = counts.var
        denominator = denominators(published, counts, False, self.min_cell)
        # rows of the published counts: the municipality, the others, all of them
        rows = {"own": 0, "comparison": counts.n_rows if self.own_in_comparison else 1}
        labels = pd.Index([var.value_label(code, self.lang) for code in var.categories], dtype=object, name="label")
        columns = {}
        for name, r in rows.items():
            n = published.counts[r].astype(float)
            d = np.full(len(n), denominator[r], dtype=float)
            ok = ~np.isnan(n) & ~np.isnan(d) & (d > 0)
            columns[f"share_{name}"] = np.where(ok, n / np.where(ok, d, 1), np.nan)
            columns[f"n_{name}"] = pd.array(np.round(n), dtype="Int64")
            columns[f"denominator_{name}"] = pd.array(np.round(d), dtype="Int64")
        columns["category"] = np.array(var.categories, dtype=object)
        table = pd.DataFrame(columns, index=labels)
        series = [("own", self._series_label(self.kommun, published.n_total[rows["own"]])),
                  ("comparison", self._series_label(self.comparison_label, published.n_total[rows["comparison"]]))]
        return table, series

    def _series_label(self, name: str, n) -> str:
        if pd.isna(n):
            return f"{name} (n = {disclosure.SUPPRESSED})"
        return text("n_label", self.lang, label=name, n=format_count(int(round(n)), self.lang))

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

    def _figure(self, variable: str, title: str | None = None) -> FigureEntry:
        """The figure of a variable's published shares, its text alternative and the table behind it."""
        table, series = self._published(variable)
        cb = get_codebook()
        title = title or (cb[variable].label(self.lang) if variable in cb else variable)
        shares = table.drop(columns="category")
        return FigureEntry(plot_published_shares(shares, series, title=title, lang=self.lang),
                           published_shares_alt(shares, series, title=title, lang=self.lang),
                           published_shares_table(shares, series, lang=self.lang), title)

    # -- the blocks ------------------------------------------------------------------

    def header(self) -> Block:
        """Title, who is compared with whom, the numbers behind the report and the rules."""
        t = self.t
        title = t["title"].format(kommun=self.kommun, ar=self.ar)
        block = Block(title, level=1, lang=self.lang)
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
        return Block(self.t["too_few_title"], disclosure.too_few_text(self.kommun, lang=self.lang, min_cell=self.min_cell),
                     lang=self.lang)

    def background(self) -> Block | None:
        """Sex, age group, origin, unaccompanied and identified exposure."""
        if self.too_few:
            return None
        block = Block(self.t["background"], lang=self.lang)
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
        block = Block(self.t["process"], lang=self.lang)
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
        block = Block(self.t["result"], lang=self.lang)
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
        own = _change_counts(self.own)
        # the rest of the comparison group: everyone in the report's data (shared by the reports of the
        # year) less the municipality
        everyone = self._participants.change_counts(frozenset(self.jamforelse) | {self.kommun})
        rest = [a - b for a, b in zip(everyone, own)]
        own, rest = own[1:], rest[1:]
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
        block = Block(self.t["quality"], self.t["s_quality"], lang=self.lang)
        cb = get_codebook()
        rows = []
        protected = {}  # (missing, applies) -> protected table: variables often share both numbers
        for variable in QUALITY:
            if not self._has(variable):
                continue
            var = cb[variable]
            applies, missing = self._participants.quality_counts(variable)
            m, n = int(missing[self._own_row]), int(applies[self._own_row])
            if n == 0:
                continue
            if (m, n) not in protected:
                protected[m, n] = disclosure.protect_table(pd.Series({"saknas": m, "finns": n - m}),
                                                           min_cell=self.min_cell, shares=True, lang=self.lang)
            pt = protected[m, n]
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
        block = Block(self.t["caveats"], kind="caveats", lang=self.lang)
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


@lru_cache(maxsize=4)
def _participants_cached(path: str, mtime_ns: int, size: int, ar: int) -> Participants:
    """The participants of a year of a file, counted once per kernel (keyed as :func:`_read_cached`)."""
    return Participants(_read_cached(path, mtime_ns, size), ar)


def load_report(data: str | None, kommun: str, ar: int, *, lang: str = "sv", min_cell: int = 5,
                jamforelse: list[str] | None = None) -> MunicipalityReport:
    """Read a registrations file (default: the shipped synthetic data) and build the report.

    The shipped data is found with importlib.resources
    (:data:`webbkollen_lib.io.datasets.CASES_FILE`), so the default works in any
    installation and from any working directory; the report notes when it is
    built from the synthetic data. The file is read, and its year counted
    (:class:`Participants`), once for as long as it is unchanged.
    """
    check_lang(lang)
    shipped = datasets.CASES_FILE  # looked up per call: a session may point it elsewhere
    path = Path(data) if data else shipped
    key = (str(path.resolve()), *datasets.file_stamp(path))
    frame = _read_cached(*key)
    participants = _participants_cached(*key, int(ar))
    synthetic = path.resolve() == shipped.resolve()
    return MunicipalityReport(frame, kommun, ar, lang=lang, min_cell=min_cell, jamforelse=jamforelse, synthetic=synthetic,
                              participants=participants)
