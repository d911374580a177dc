"""The interactive explorer: filter the registrations to a target group and see protected results.

The Webbkollen portal let each municipality compare its own results with all
participants and filter to a target group. This module does the same in a
notebook, for trainers (regional development leaders, method supporters) who
show it to social workers in a workshop:

* :func:`filter_cases` (pure, tested in plain pytest) selects registrations by
  municipality, sex, age group, origin, unaccompanied, intervention and
  identified exposure (any or all of the chosen forms);
* :func:`describe_filter` says in words, with codebook labels, what the
  selection is;
* :func:`build_view` makes one view of one variable for a selection: the
  number of registrations behind it, a frequency table and a bar chart of the
  same *published* numbers, with the selection beside the other participants
  and all participants (the portal view);
* :class:`Explorer` puts filter widgets (built from the codebook), a variable
  chooser and the view together; every widget is observed, so the view is
  redrawn as soon as a filter changes. It can be driven without a kernel by
  setting ``.value`` on its widgets (see ``tests/test_explorer.py``).

Disclosure control
------------------
A query interface invites the differencing attack (a group, then the same
group minus one age band, and subtract), so every count shown is published by
the **cell-key method** of :mod:`webbkollen_lib.disclosure`
(:func:`~webbkollen_lib.disclosure.record_keys`,
:func:`~webbkollen_lib.disclosure.cell_keys`,
:func:`~webbkollen_lib.disclosure.perturb_counts`; ``D = 2``, ``V = 1``):

* every count (cells, the numbers of registrations of the selection, the
  rest and all, the line "Urval: … av …") is the true count plus a noise of
  at most ±2 fixed by its set of registrations, so the same query always
  gives the same output and the difference of two overlapping queries
  carries the noise of both; zero stays zero;
* the suppression rules then run on the perturbed counts (the pattern of
  ``protect_table`` / ``protect_multiselect`` on the selection and the rest,
  and no published count from 1 to ``min_cell - 1``), so ``x`` still marks
  hidden values and no count of 1–4 is ever shown;
* shares are computed from the published counts and published column totals
  only, and the figure is drawn from those shares (a hidden value gets no
  bar, just ``x``);
* a selection whose *perturbed* number of registrations is below
  ``4 * min_cell`` (:func:`~webbkollen_lib.disclosure.too_few`) shows a
  message and no number: an empty selection reads the same as one with three
  registrations.

``tests/test_disclosure_differencing.py`` plays the attacker, with and
without the noise. What this does **not** protect against (averaging over
many different queries, anyone who has the data) is in ``docs/disclosure.md``,
"Repeated queries (the explorer)".

Examples
--------
>>> from webbkollen_lib import load_cases                        # doctest: +SKIP
>>> cases = load_cases()                                          # doctest: +SKIP
>>> girls = filter_cases(cases, kon="flicka", aldersgrupp=["13_18", "over_18"])  # doctest: +SKIP
>>> describe_filter({"kon": "flicka", "aldersgrupp": ["13_18", "over_18"]})
'Kön: Flicka; Åldersgrupp: 13–18 år eller Över 18 år.'
>>> Explorer(cases).widget                                        # doctest: +SKIP
"""

from __future__ import annotations

import base64
import difflib
import html
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import ipywidgets as w
import matplotlib as mpl
import numpy as np
import pandas as pd
import traitlets

from webbkollen_lib import disclosure
from webbkollen_lib.analysis.variables import code_positions, resolve
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.errors import MissingColumnError, require_frame
from webbkollen_lib.core.codebook import age_group, get_codebook
from webbkollen_lib.core.labels import check_lang
from webbkollen_lib.systems.webbkollen.derived import EXPOSURE_GROUPS, exposure_columns
from webbkollen_lib.disclosure import MIN_CELL, SUPPRESSED, min_registrations, too_few
from webbkollen_lib.core.formatting import format_count, format_n_percent, text
from webbkollen_lib.plots.figures import plot_published_shares
from webbkollen_lib.present.tables import to_html

__all__ = [
    "FILTERS",
    "EXPOSURE_MODES",
    "filter_cases",
    "filter_mask",
    "describe_filter",
    "variable_choices",
    "build_view",
    "View",
    "CheckList",
    "Explorer",
    "ALL",
]

#: The single-column filters, in the order they are shown and described.
FILTERS = ("kommun", "kon", "aldersgrupp", "ursprung", "ensamkommande", "insats")
#: How several chosen exposure forms combine: at least one of them, or all of them.
EXPOSURE_MODES = ("any", "all")
_FILTER_KEYS = FILTERS + ("exposures", "exposure_mode")


#: Words of the explorer that are not codebook labels: {lang: {name: text}} (the label catalogue's
#: ``explorer`` group).
EXPLORER_TEXT = catalogue.by_lang("explorer")
#: The explorer's words added for newcomers (messages that say what to widen, tick lists).
NEWCOMER_TEXT = catalogue.by_lang("newcomer.explorer")
#: The value of a drop-down filter that filters nothing ("Alla"). ipywidgets reads a Dropdown whose value
#: is None as "nothing chosen" and shows an empty box, so "all" is this code instead.
ALL = "alla"


# ---------------------------------------------------------------------------
# filters
# ---------------------------------------------------------------------------




def _as_list(value) -> list:
    """None / "" / empty -> []; a scalar -> [scalar]; a list-like -> its unique items in order."""
    if value is None:
        return []
    if isinstance(value, (str, bool, np.bool_)) or not hasattr(value, "__iter__"):
        items = [value]
    else:
        items = list(value)
    out = []
    for item in items:
        if isinstance(item, np.generic):
            item = item.item()
        if item is None or (isinstance(item, str) and item == ""):
            continue
        if item not in out:
            out.append(item)
    return out


def _codes_text(var, codes) -> str:
    return ", ".join(f"{c} ({var.code(c).sv})" for c in codes)


def _check_codes(name: str, values: list, valid: list, var=None) -> None:
    bad = [v for v in values if not isinstance(v, str) or v not in valid]
    if not bad:
        return
    allowed = _codes_text(var, valid) if var is not None else ", ".join(map(str, valid))
    hint = ""
    for b in bad:
        if isinstance(b, str):
            close = difflib.get_close_matches(b, [str(v) for v in valid], n=1, cutoff=0.6)
            if not close and var is not None:  # a label written instead of a code ("Flicka")
                close = [c.code for c in var.codes if c.code in valid and c.label("sv").casefold() == b.casefold()]
            if close:
                hint = f" (did you mean {close[0]!r}?)"
                break
    raise ValueError(f"{name}: unknown value(s) {', '.join(map(repr, bad))}{hint}; valid values are: {allowed}")


def _normalise(filters: Mapping, kommuner: list | None = None) -> dict:
    """Validate filters; return {name: [codes]} for the active ones plus exposures and mode.

    ``kommuner`` are the names present in the data (None: any name is accepted,
    as :func:`describe_filter` has no data).
    """
    unknown = [k for k in filters if k not in _FILTER_KEYS]
    if unknown:
        raise ValueError(
            f"unknown filter(s) {', '.join(map(repr, unknown))}; the filters are: {', '.join(_FILTER_KEYS)}"
        )
    cb = get_codebook()
    out: dict = {}
    for name in FILTERS:
        values = _as_list(filters.get(name))
        if not values:
            continue
        if name == "kommun":
            bad = [v for v in values if not isinstance(v, str)]
            if bad:
                raise ValueError(f"kommun: {bad[0]!r} is not a municipality name (a string)")
            if kommuner is not None:
                missing = [v for v in values if v not in kommuner]
                if missing:
                    close = difflib.get_close_matches(missing[0], kommuner, n=1, cutoff=0.6)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise ValueError(
                        f"kommun: no registrations from {', '.join(map(repr, missing))} in the data{hint}; "
                        f"valid values are: {', '.join(kommuner) or 'none'}"
                    )
        elif name == "ensamkommande":
            bad = [v for v in values if not isinstance(v, bool)]
            if bad:
                raise ValueError(
                    f"ensamkommande: unknown value(s) {', '.join(map(repr, bad))}; valid values are: True, False"
                )
        else:
            var = cb[name]
            _check_codes(name, values, var.categories + var.missing_codes, var)
        out[name] = values
    exposures = _as_list(filters.get("exposures"))
    valid_exposures = list(EXPOSURE_GROUPS) + exposure_columns()
    bad = [e for e in exposures if e not in valid_exposures]
    if bad:
        raise ValueError(
            f"exposures: unknown value(s) {', '.join(map(repr, bad))}; valid values are the groups "
            f"{', '.join(EXPOSURE_GROUPS)} (any option of the group) and the options "
            f"{', '.join(exposure_columns())}"
        )
    mode = filters.get("exposure_mode", "any")
    if mode not in EXPOSURE_MODES:
        raise ValueError(f"exposure_mode must be one of {', '.join(EXPOSURE_MODES)}, not {mode!r}")
    out["exposures"] = exposures
    out["exposure_mode"] = mode
    return out


def _column(data: pd.DataFrame, name: str) -> pd.Series:
    if name in data.columns:
        return data[name]
    if name == "aldersgrupp" and "alder" in data.columns:
        return age_group(data["alder"])
    raise MissingColumnError(f"the filter on {name!r} needs column {name!r}, which the data lacks", name)


def _exposure_condition(data: pd.DataFrame, item: str) -> np.ndarray:
    """True where the exposure option (or any option of the group) is ticked; unanswered = not ticked."""
    cb = get_codebook()
    if item in EXPOSURE_GROUPS:
        columns = [c for c in cb[item].option_columns if c in data.columns]
        if not columns:
            raise MissingColumnError(
                f"the exposure filter {item!r} needs the {cb[item].prefix}* columns, which the data lacks", item
            )
    else:
        if item not in data.columns:
            raise MissingColumnError(f"the exposure filter needs column {item!r}, which the data lacks", item)
        columns = [item]
    ticks = data[columns].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return ticks.any(axis=1)


def filter_mask(
    data: pd.DataFrame,
    *,
    kommun=None,
    kon=None,
    aldersgrupp=None,
    ursprung=None,
    ensamkommande=None,
    insats=None,
    exposures=(),
    exposure_mode: str = "any",
) -> pd.Series:
    """Which registrations :func:`filter_cases` keeps: a bool Series on ``data.index``.

    Same arguments and errors as :func:`filter_cases`.
    """
    require_frame(data, "filter_cases", "registrations (see load_cases / read_registrations)")
    raw = dict(kommun=kommun, kon=kon, aldersgrupp=aldersgrupp, ursprung=ursprung,
               ensamkommande=ensamkommande, insats=insats, exposures=exposures, exposure_mode=exposure_mode)
    kommuner = None
    if _as_list(kommun):
        if "kommun" not in data.columns:
            raise MissingColumnError("the filter on 'kommun' needs column 'kommun', which the data lacks", "kommun")
        kommuner = sorted({str(k) for k in data["kommun"].dropna()})
    spec = _normalise(raw, kommuner)
    cb = get_codebook()
    keep = np.ones(len(data), dtype=bool)
    for name in FILTERS:
        if name not in spec:
            continue
        values = spec[name]
        s = _column(data, name)
        if name == "ensamkommande":
            s = s.astype("boolean")
            hit = np.zeros(len(data), dtype=bool)
            for v in values:
                hit |= (s == v).fillna(False).to_numpy(dtype=bool)
        else:
            missing_codes = cb[name].missing_codes if name in cb else []
            codes = [v for v in values if v not in missing_codes]
            obj = s.astype("object")
            hit = obj.isin(codes).to_numpy(dtype=bool) & s.notna().to_numpy(dtype=bool)
            if len(codes) < len(values):  # a "not known" code selects the missing values
                hit |= s.isna().to_numpy(dtype=bool)
        keep &= hit
    if spec["exposures"]:
        conditions = np.column_stack([_exposure_condition(data, e) for e in spec["exposures"]])
        keep &= conditions.any(axis=1) if spec["exposure_mode"] == "any" else conditions.all(axis=1)
    return pd.Series(keep, index=data.index, name="urval")


def filter_cases(
    data: pd.DataFrame,
    *,
    kommun=None,
    kon=None,
    aldersgrupp=None,
    ursprung=None,
    ensamkommande=None,
    insats=None,
    exposures=(),
    exposure_mode: str = "any",
) -> pd.DataFrame:
    """The registrations of a target group, as the Webbkollen portal's filters chose them.

    Every filter takes one code or a list of codes (a registration matches
    when its value is any of them); None or an empty list means no filter.
    Filters combine with AND. A registration whose value is missing does not
    match, except that a variable's "not known" code (``ursprung="inte_kant"``)
    selects the missing values.

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form (:func:`webbkollen_lib.load_cases`).
    kommun : str or list of str
        Municipality / city district names as in the data (``"Umeå"``).
    kon : ``pojke``, ``flicka``
    aldersgrupp : ``0_6``, ``7_12``, ``13_18``, ``over_18``
        Derived from ``alder`` when the data has no ``aldersgrupp`` column.
    ursprung : ``sverige``, ``utlandet``, ``inte_kant`` (missing)
    ensamkommande : True or False
    insats : codes of ``insats`` in the codebook (``kontaktperson``, ``familjehem``, ``hvb``, …)
    exposures : list of str
        Identified-exposure options (``hem_fysiskt_vald``, ``vh_missbruk``,
        ``barn_skola``, …: the ``hem_``, ``vh_`` and ``barn_`` option columns of
        the codebook, "none" answers excluded) or whole groups (``"hem"``,
        ``"vh"``, ``"barn"``: any option of the group ticked). An option not
        filled in counts as not ticked.
    exposure_mode : {"any", "all"}
        ``"any"``: at least one of ``exposures`` is ticked; ``"all"``: every
        one of them is.

    Returns
    -------
    DataFrame
        The matching rows of ``data``, with its columns, dtypes (categories
        included) and index; ``data`` is not changed. May be empty.

    Raises
    ------
    ValueError
        An unknown code or municipality, naming the valid ones.
    MissingColumnError (a KeyError)
        A filter on a variable the data lacks.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({
    ...     "kommun": ["Umeå", "Umeå", "Tidaholm"], "kon": ["pojke", "flicka", "flicka"],
    ...     "alder": [4, 15, 16], "hem_fysiskt_vald": [True, False, True]}))
    >>> filter_cases(cases, kon="flicka", exposures=["hem_fysiskt_vald"])["kommun"].tolist()
    ['Tidaholm']
    >>> len(filter_cases(cases, aldersgrupp=["0_6", "13_18"]))
    3
    """
    keep = filter_mask(
        data, kommun=kommun, kon=kon, aldersgrupp=aldersgrupp, ursprung=ursprung,
        ensamkommande=ensamkommande, insats=insats, exposures=exposures, exposure_mode=exposure_mode,
    )
    return data.loc[keep.to_numpy()]


def _exposure_label(item: str, lang: str) -> str:
    cb = get_codebook()
    if item in EXPOSURE_GROUPS:
        return text("any_option", lang, label=cb[item].label(lang))
    var = cb.variable_of(item)
    return f"{var.code(cb.option_of(item)).label(lang)} ({var.label(lang)})"


def describe_filter(filters: Mapping | None = None, lang: str = "sv") -> str:
    """The active filters as one readable sentence, labels from the codebook.

    ``filters`` has the keyword arguments of :func:`filter_cases` (missing or
    None / empty = no filter); the codes are checked the same way, except that
    any municipality name is accepted.

    >>> describe_filter({"kon": "flicka", "ursprung": ["utlandet", "inte_kant"]}, lang="en")
    "Sex: Girl; Child's origin: Born abroad or Not known."
    >>> describe_filter({"exposures": ["hem_fysiskt_vald", "vh"], "exposure_mode": "all"})
    'Identifierad utsatthet, alla av: Fysiskt våld mot barnet (Identifierad utsatthet i hemmiljön) och Svårigheter hos vårdnadshavaren: minst ett alternativ.'
    >>> describe_filter({})
    'Inga filter: alla registreringar.'
    """
    lang = check_lang(lang)
    words = EXPLORER_TEXT[lang]
    spec = _normalise(dict(filters or {}))
    cb = get_codebook()
    parts = []
    for name in FILTERS:
        if name not in spec:
            continue
        if name == "kommun":
            labels = list(spec[name])
        elif name == "ensamkommande":
            labels = [cb.yes_no[v][lang] for v in spec[name]]
        else:  # in codebook order, whatever order they were chosen in
            order = [c.code for c in cb[name].codes]
            labels = [cb[name].code(v).label(lang) for v in sorted(spec[name], key=order.index)]
        joiner = f" {words['or']} "
        parts.append(f"{cb[name].label(lang)}: {joiner.join(labels)}")
    if spec["exposures"]:
        mode = spec["exposure_mode"]
        joiner = f" {words['or'] if mode == 'any' else words['and']} "
        how = words["any_of"] if mode == "any" else words["all_of"]
        items = joiner.join(_exposure_label(e, lang) for e in spec["exposures"])
        if len(spec["exposures"]) == 1:
            parts.append(f"{words['exposure']}: {items}")
        else:
            parts.append(f"{words['exposure']}, {how}: {items}")
    if not parts:
        return words["no_filter"]
    return "; ".join(parts) + "."


# ---------------------------------------------------------------------------
# one view: n, protected table, figure of the published numbers
# ---------------------------------------------------------------------------


def variable_choices(data: pd.DataFrame, lang: str = "sv") -> list[tuple[str, str]]:
    """``(label, name)`` of every variable the explorer can show for ``data``, in codebook order.

    Single-choice, scale and yes/no variables and multi-select groups the
    frame has (``aldersgrupp`` also from ``alder``), plus the derived form of
    care (``insatsform``) and sex × origin (``kon_ursprung``).
    """
    lang = check_lang(lang)
    cb = get_codebook()
    out = []
    for var in cb.for_dataset("registrations"):
        if var.kind not in ("single", "scale", "yesno", "multi"):
            continue
        present = any(c in data.columns for c in var.columns) or (var.id == "aldersgrupp" and "alder" in data.columns)
        if not present:
            continue
        out.append((var.label(lang), var.id))
        derived = {"ursprung": "kon_ursprung", "insats": "insatsform"}.get(var.id)
        if derived:
            try:
                out.append((resolve(data, derived).label(lang), derived))
            except KeyError:
                pass
    return out


@dataclass
class View:
    """One rendered view: what the explorer shows for one selection and variable.

    Holds published values only (see :mod:`webbkollen_lib.disclosure`).

    Attributes
    ----------
    variable, filters, lang, min_cell
        What was asked for.
    description : str
        The filters in words (:func:`describe_filter`).
    n_line : str
        "Urval: 123 av 416 registreringar" (``x`` when the selection's total
        is hidden; "färre än 20" when the selection is too small). The second
        number is always all registrations the variable is recorded on, with
        or without a municipality chosen; what the selection is compared with
        is in the table's column headers.
    n_selected, n_all : int or None
        The published numbers of registrations in the selection and of all
        registrations the variable is recorded on; None when hidden (or too few).
    too_few : bool
        The selection is too small to show (:func:`~webbkollen_lib.disclosure.too_few`).
    message : str
        The too-few message, or "": it names the variable asked for and says
        which filter to remove (see ``widen``).
    widen : list of str
        When too few: the filters (keys of :func:`filter_cases`, ``exposures``
        for the whole exposure filter) each of which, removed alone, gives a
        selection large enough to show; empty otherwise.
    table : DataFrame of str or None
        The display table (:func:`~webbkollen_lib.present.tables.summary_table`):
        one row per category, ``n (%)`` cells, ``x`` where hidden; columns
        Urval / Övriga deltagare / Alla deltagare with their N.
    footnotes : list of str
        The table's footnotes (the ``x`` footnote among them when anything is hidden).
    notes : list of str
        What the table is compared with, when that needs saying.
    shares : DataFrame or None
        The numbers behind the figure: one row per category (label), columns
        ``share_<series>``, ``n_<series>`` and ``denominator_<series>`` for the
        selection and all participants; NaN / <NA> where hidden.
    series : list of (name, legend label)
        The figure's series; the legend label gives the n behind each.
    figure : matplotlib Figure or None
        Drawn from ``shares`` only; :meth:`svg` and :meth:`png` render it.
    """

    variable: str
    filters: dict
    lang: str
    min_cell: int
    description: str
    n_line: str
    n_selected: int | None
    n_all: int | None
    too_few: bool
    message: str = ""
    widen: list = field(default_factory=list)
    table: pd.DataFrame | None = None
    footnotes: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    shares: pd.DataFrame | None = None
    series: list = field(default_factory=list)
    figure: object = None
    _svg: bytes | None = field(default=None, repr=False)

    def svg(self) -> bytes:
        """The figure as SVG (b"" when there is no figure); rendered once.

        Text stays text (``svg.fonttype = "none"``): three times faster than
        a PNG, which keeps the widget's updates quick, and sharp at any size.
        """
        if self.figure is None:
            return b""
        if self._svg is None:
            buffer = io.BytesIO()
            with mpl.rc_context({"svg.fonttype": "none"}):
                self.figure.savefig(buffer, format="svg")
            self._svg = buffer.getvalue()
        return self._svg

    def png(self, dpi: int = 100) -> bytes:
        """The figure as PNG bytes (b"" when there is no figure), e.g. to save for slides."""
        if self.figure is None:
            return b""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def status_html(self) -> str:
        return f"<p><b>{html.escape(self.n_line)}</b><br>{html.escape(self.description)}</p>"

    def table_html(self) -> str:
        """The table with its notes and footnotes, or the too-few message."""
        if self.too_few:
            return f"<p style='padding:0.6em;border-left:4px solid #2b5c8a'>{html.escape(self.message)}</p>"
        body = to_html(self.table)
        notes = "".join(f"<p><small>{html.escape(n)}</small></p>" for n in self.notes)
        return body + notes

    def to_html(self, figure: bool = True) -> str:
        """The whole view as HTML (the figure inlined as an SVG image)."""
        parts = [self.status_html(), self.table_html()]
        if figure and self.figure is not None:
            data = base64.b64encode(self.svg()).decode("ascii")
            parts.append(f"<img alt='' style='max-width:760px' src='data:image/svg+xml;base64,{data}'>")
        return "\n".join(parts)

    def to_text(self) -> str:
        """The view as plain text (tests, logs, a terminal)."""
        lines = [self.n_line, self.description]
        if self.too_few:
            lines.append(self.message)
        else:
            lines.append(self.table.to_string())
            lines += self.notes + list(self.footnotes)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.to_text()


def _published_int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def build_view(
    data: pd.DataFrame,
    variable: str,
    filters: Mapping | None = None,
    *,
    compare: bool = True,
    lang: str = "sv",
    min_cell: int = MIN_CELL,
    figure: bool = True,
    ptable: pd.DataFrame | None = None,
) -> View:
    """One view of ``variable`` for the registrations that ``filters`` selects.

    The portal view: the selection is set beside the registrations it is
    compared with. With a ``kommun`` filter that is the same target group
    (every other filter) in all participating municipalities: "Umeå" /
    "Övriga kommuner" / "Alla deltagare". Without one it is all
    registrations: "Urval" / "Övriga deltagare" / "Alla deltagare".

    The selection, the rest and the whole are counted in one table and
    protected together (:func:`~webbkollen_lib.analysis.descriptive.frequency_table`
    and :func:`~webbkollen_lib.present.tables.summary_table` with ``min_cell``,
    which call ``protect_table`` / ``protect_multiselect``), so no hidden cell
    can be found by subtracting one column from another. Shares are of all
    registrations in the column, the ones without an answer on the Saknas row
    (as the report's Table 3). The shares of those with an answer would need
    their number as denominator, which is hidden as soon as one to four
    answers are missing.

    A variable recorded only at some occasions (``avslutsorsak``,
    ``risk_uppfoljning``, …) is shown for the registrations of those occasions
    only, and one that applies only to care outside the home
    (``halsoundersokning``) for those interventions only; the description says
    so.

    Parameters
    ----------
    variable : str
        A column, multi-select group or derived variable (see :func:`variable_choices`).
    filters : mapping, optional
        Keyword arguments of :func:`filter_cases`.
    compare : bool, default True
        Show the rest and the whole beside the selection. Either way the
        three are protected together.
    min_cell : int, default 5
        Counts from 1 to ``min_cell - 1`` are hidden; a selection with fewer
        than ``4 * min_cell`` registrations is not shown at all
        (:func:`~webbkollen_lib.disclosure.too_few`).
    figure : bool, default True
        Draw the figure (False: tables only, faster).
    ptable : DataFrame, optional
        The cell-key perturbation table
        (:func:`~webbkollen_lib.disclosure.perturbation_table`, the default
        ``D = 2``, ``V = 1``). ``perturbation_table(0, 0)`` switches the
        noise off; only the tests do that, to show the differencing attack it
        stops.

    Returns
    -------
    View
    """
    lang = check_lang(lang)
    words = EXPLORER_TEXT[lang]
    filters = dict(filters or {})
    keep = filter_mask(data, **filters).to_numpy()
    kommuner = _as_list(filters.get("kommun"))
    if kommuner:  # the portal view: the same target group in every municipality
        target = {k: v for k, v in filters.items() if k != "kommun"}
        reference = filter_mask(data, **target).to_numpy()
    else:
        reference = np.ones(len(data), dtype=bool)
    applies, scope_text = _scope(data, variable, lang)
    keep, reference = keep & applies, reference & applies
    description = describe_filter(filters, lang)
    if scope_text:
        description = scope_text if description == words["no_filter"] else f"{description} {scope_text}"
    perturbation = disclosure.perturbation_table() if ptable is None else ptable
    keys = disclosure.record_keys(data)

    def published_n(members: np.ndarray) -> int:
        return int(disclosure.perturb_counts(int(members.sum()), disclosure.cell_keys(keys, members), perturbation))

    # the numbers of registrations are perturbed like every other count: the
    # gate below cannot then be used to tell 19 from 20 registrations either
    n_sel, n_total = published_n(keep), published_n(applies)
    shown_total = None if too_few(n_total, min_cell) else n_total
    limit = min_registrations(min_cell)
    base = dict(variable=variable, filters=filters, lang=lang, min_cell=min_cell, description=description)
    if too_few(n_sel, min_cell):
        # No number, not even 0: trying filters must not show whether a small group exists.
        if shown_total is None:
            n_line = words["n_line_few_only"].format(limit=limit)
        else:
            n_line = words["n_line_few"].format(limit=limit, total=format_count(n_total, lang))
        widen = _widen(data, filters, applies, published_n, min_cell)
        return View(
            **base,
            n_line=n_line,
            n_selected=None,
            n_all=shown_total,
            too_few=True,
            message=_too_few_message(variable, data, filters, widen, limit, lang),
            widen=widen,
        )

    whole = bool((keep == reference).all())
    var = resolve(data, variable)
    # groups (rows): the selection, the rest, all; or all alone
    groups = [reference] if whole else [keep, reference & ~keep, reference]
    counts, totals = _perturbed_counts(var, groups, keys, perturbation)
    published, n_published = _protect(var, counts, totals, whole, min_cell, lang)
    k = counts.shape[1] - 1  # categories; the last column is the registrations without an answer

    def n_text(n):
        return SUPPRESSED if n is None else format_count(n, lang)

    n_groups = [_published_int(n) for n in n_published]
    n_selected, n_published_ref = n_groups[0], n_groups[-1]
    name_in = ", ".join(kommuner) if kommuner else words["selection"]
    name_out = words["other_kommuner"] if kommuner else words["others"]
    name_all = words["all"]
    names = [name_in if kommuner else name_all] if whole else [name_in, name_out, name_all]
    shown = [0, 1, 2] if compare and not whole else [0]  # the table's columns

    # shares: of the published (perturbed) counts and column totals only
    with np.errstate(invalid="ignore", divide="ignore"):
        denom = np.where(n_published >= min_cell, n_published, np.nan)
        shares = np.minimum(published / denom[:, None], 1.0)
    show_missing = bool((counts[:, k] > 0).any())
    rows, labels, codes = _display_rows(var, k, show_missing, lang)
    marked = []
    cells = {}
    for g in shown:
        column = []
        for row, j in zip(rows, codes):
            if j is None:
                column.append("")
            elif np.isnan(published[g, j]):
                column.append(SUPPRESSED)
            elif np.isnan(denom[g]):
                column.append(f"{format_count(published[g, j], lang)} ({SUPPRESSED})")
            else:
                column.append(format_n_percent(published[g, j], shares[g, j], 0, lang))
        cells[text("n_header", lang, label=names[g], n=n_text(n_groups[g]))] = column
    table = pd.DataFrame(cells, index=pd.Index(rows, name=text("characteristic", lang)))
    if var.is_multi:
        marked.append(f"{_SUPERSCRIPT} {text('multi_note', lang)}")
    footnotes = marked + [text("stat_note_all", lang), disclosure.noise_note(lang, _max_noise(perturbation))]
    if np.isnan(published[shown]).any() or np.isnan(n_published[shown]).any() or np.isnan(denom[shown]).any():
        footnotes.append(disclosure.footnote(min_cell, lang))
    table.attrs["footnotes"] = footnotes
    table.attrs["lang"] = lang

    notes = []
    if kommuner and compare and not whole:
        target_spec = _normalise({k_: v for k_, v in filters.items() if k_ != "kommun"})
        if any(k_ in target_spec for k_ in FILTERS) or target_spec["exposures"]:
            notes.append(words["portal_note"])

    # the numbers behind the figure: published shares of the selection (and of all participants)
    series = [0] if whole else ([0, 2] if compare else [0])
    bars = [j for j in codes if j is not None]
    figure_frame = pd.DataFrame(index=pd.Index(labels, name=var.label(lang)))
    legend = []
    for g in series:
        name = names[g]
        figure_frame[f"share_{name}"] = shares[g, bars]
        figure_frame[f"n_{name}"] = pd.array([_published_int(v) for v in published[g, bars]], dtype="Int64")
        figure_frame[f"denominator_{name}"] = pd.array([_published_int(denom[g])] * len(bars), dtype="Int64")
        legend.append((name, text("n_label", lang, label=name, n=n_text(n_groups[g]))))
    view = View(
        **base,
        n_line=words["n_line"].format(n=n_text(n_selected), total=n_text(shown_total)),
        n_selected=n_selected,
        n_all=shown_total,
        too_few=False,
        table=table,
        footnotes=footnotes,
        notes=notes,
        shares=figure_frame,
        series=legend,
    )
    if figure:
        view.figure = _shares_figure(figure_frame, legend, var.label(lang), lang)
    return view


def _widen(data: pd.DataFrame, filters: dict, applies: np.ndarray, published_n, min_cell: int) -> list[str]:
    """The active filters each of which, removed alone, leaves a selection large enough to show.

    Each is judged on its own published (perturbed) number of registrations,
    exactly as if the user had removed the filter, so the advice says nothing
    that trying it would not.
    """
    spec = _normalise(filters)
    active = [name for name in FILTERS if name in spec] + (["exposures"] if spec["exposures"] else [])
    out = []
    for name in active:
        rest = {k: v for k, v in filters.items() if k != name and not (name == "exposures" and k == "exposure_mode")}
        members = filter_mask(data, **rest).to_numpy() & applies
        if not too_few(published_n(members), min_cell):
            out.append(name)
    return out


def _filter_label(name: str, lang: str) -> str:
    """A filter's name as the explorer shows it (its codebook label; "Identifierad utsatthet" for exposures)."""
    label = EXPLORER_TEXT[lang]["exposure"] if name == "exposures" else get_codebook()[name].label(lang)
    return NEWCOMER_TEXT[lang]["filter_name"].format(name=label)


def _variable_label(data: pd.DataFrame, variable: str, lang: str) -> str:
    cb = get_codebook()
    if variable in cb:
        return cb[variable].label(lang)
    try:
        return resolve(data, variable).label(lang)
    except (KeyError, ValueError):
        return variable


def _too_few_message(variable: str, data: pd.DataFrame, filters: dict, widen: list, limit: int, lang: str) -> str:
    """Why nothing is shown, naming the variable (so changing *Visa* visibly answers), and what to widen."""
    words, more = EXPLORER_TEXT[lang], NEWCOMER_TEXT[lang]
    name = more["filter_name"].format(name=_variable_label(data, variable, lang))
    first = more["too_few"].format(variable=name, limit=limit)
    spec = _normalise(filters)
    if not (any(name in spec for name in FILTERS) or spec["exposures"]):
        advice = more["widen_nothing"]
    elif len(widen) == 1:
        advice = more["widen_one"].format(filter=_filter_label(widen[0], lang))
    elif widen:
        names = f" {words['or']} ".join(_filter_label(name, lang) for name in widen)
        advice = more["widen_any"].format(filters=names)
    else:
        advice = more["widen_none"]
    return f"{first} {advice}"


_SUPERSCRIPT = "¹"


def _max_noise(ptable: pd.DataFrame) -> int:
    return int(ptable["v"].abs().max())


def _indicators(var) -> np.ndarray:
    """Registrations x (categories or options, then "no answer"): 1 where the registration is in the cell."""
    answered = var.answered().to_numpy(dtype=bool)
    if var.is_multi:
        ticks = var.values.astype("boolean").fillna(False).to_numpy(dtype=bool)
    else:
        positions = code_positions(var.values, var.categories)
        ticks = positions[:, None] == np.arange(len(var.categories))[None, :]
    return np.column_stack([ticks, ~answered]).astype(np.int64)


def _perturbed_counts(var, groups: list, keys: np.ndarray, ptable: pd.DataFrame):
    """Cell-key perturbed counts (groups x cells) and numbers of registrations (groups).

    Every count is perturbed from its own set of registrations
    (:func:`~webbkollen_lib.disclosure.perturb_counts`), so the same set gives
    the same number in every view, and the table is not additive.
    """
    cells = _indicators(var)
    counts, totals = [], []
    for members in groups:
        inside = cells * members[:, None].astype(np.int64)
        counts.append(disclosure.perturb_counts(inside.sum(axis=0), disclosure.cell_keys(keys, inside), ptable))
        totals.append(disclosure.perturb_counts(int(members.sum()), disclosure.cell_keys(keys, members), ptable))
    counts, totals = np.vstack(counts), np.asarray(totals, dtype=np.int64)
    if var.is_multi:  # an option cannot be ticked by more registrations than the column has
        counts = np.minimum(counts, totals[:, None])
    return counts, totals


def _protect(var, counts: np.ndarray, totals: np.ndarray, whole: bool, min_cell: int, lang: str):
    """The existing suppression rules on the perturbed counts: (counts, totals), NaN where hidden.

    The pattern is that of :func:`~webbkollen_lib.disclosure.protect_table`
    (:func:`~webbkollen_lib.disclosure.protect_multiselect` for a multi-select
    group) run on the perturbed cells of the selection and the rest, with
    their sums as margins; what is then published in a total's place is the
    perturbed total of its own registrations. Any published count of 1 to
    ``min_cell - 1`` is hidden as well.
    """
    k1 = counts.shape[1]
    labels = [f"c{j}" for j in range(k1)]
    if whole:
        interior = pd.Series(counts[0], index=labels)
        if var.is_multi:
            mask = disclosure.protect_multiselect(interior, int(totals[0]), min_cell, shares=False, lang=lang).mask
        else:
            mask = disclosure.protect_table(interior, min_cell, shares=False, lang=lang).mask
        mask = mask.to_numpy(dtype=bool)[None, :]
    else:
        interior = pd.DataFrame(counts[:2], index=["in", "out"], columns=labels)
        if var.is_multi:
            pt = disclosure.protect_multiselect(interior, pd.Series(totals[:2], index=["in", "out"]), min_cell,
                                                shares=False, lang=lang)
        else:
            pt = disclosure.protect_table(interior, min_cell, shares=False, lang=lang)
        mask = pt.mask.to_numpy(dtype=bool)
    values = np.column_stack([counts, totals]).astype(float)
    small = (values >= 1) & (values <= min_cell - 1)
    values[mask | small] = np.nan
    return values[:, :k1], values[:, k1]


def _display_rows(var, k: int, show_missing: bool, lang: str):
    """Row labels of the table, the figure's bar labels and the cell column of each row (None: a heading)."""
    rows, codes = [], []
    if var.kind == "yesno":
        rows.append(var.label(lang))
        codes.append(var.categories.index(True))
        labels = [var.value_label(True, lang)]
    else:
        heading = var.label(lang) + (f" {_SUPERSCRIPT}" if var.is_multi else "")
        rows.append(heading)
        codes.append(None)
        for j, code in enumerate(var.categories):
            rows.append("  " + var.value_label(code, lang))
            codes.append(j)
        labels = [var.value_label(code, lang) for code in var.categories]
    if show_missing:
        rows.append("  " + text("missing", lang))
        codes.append(k)
        labels.append(text("missing", lang))
    return rows, labels, codes


def _scope(data: pd.DataFrame, variable: str, lang: str) -> tuple[np.ndarray, str]:
    """The registrations ``variable`` is recorded on, and a sentence saying so ("" when all).

    Closure-only variables apply to ``tillfalle == "avslut"``, follow-up-only
    ones to ``"uppfoljning"`` (codebook ``occasions``); the health examination
    to care outside the home (codebook ``only_for_placements``).
    """
    cb = get_codebook()
    words = EXPLORER_TEXT[lang]
    applies = np.ones(len(data), dtype=bool)
    try:
        var = cb[variable] if variable in cb else cb.variable_of(variable)
    except KeyError:  # a derived variable: recorded wherever its sources are
        return applies, ""
    sentences = []
    occasions = var.allowed_on
    if "tillfalle" in data.columns and set(occasions) < {"uppfoljning", "avslut"}:
        applies &= data["tillfalle"].astype("object").isin(occasions).to_numpy(dtype=bool)
        labels = f" {words['or']} ".join(cb.occasion_label(o, lang).lower() for o in occasions)
        sentences.append(words["scope_occasion"].format(occasions=labels))
    if var.only_for_placements and "insats" in data.columns:
        placements = [c for c in cb["insats"].codes if c.attrs.get("form") == "heldygn"]
        applies &= data["insats"].astype("object").isin([c.code for c in placements]).to_numpy(dtype=bool)
        labels = ", ".join(c.label(lang) for c in placements)
        sentences.append(words["scope_placements"].format(placements=labels))
    return applies, " ".join(sentences)


def _shares_figure(shares: pd.DataFrame, legend: list, title: str, lang: str):
    """The view's figure: :func:`webbkollen_lib.plots.figures.plot_published_shares` of the published shares."""
    return plot_published_shares(shares, legend, title=title, lang=lang)


# ---------------------------------------------------------------------------
# the widget
# ---------------------------------------------------------------------------


class CheckList(w.Box):
    """Tick boxes for a choice of several: one tap ticks or unticks an option.

    A ``SelectMultiple`` needs Ctrl- or Cmd-click to choose more than one,
    which a touch screen or a projector's pointer does not have, and shows only
    a few rows at a time; a tick box per option has neither problem.

    ``sections`` are ``(title, [(label, code), ...])``; each is a titled column
    of boxes (``columns`` boxes side by side), and the sections sit side by
    side, wrapping onto a new line when the screen is narrow. ``.options`` are
    all the ``(label, code)`` pairs, ``.sections`` the titles and their
    options, and ``.value`` the ticked codes in option order (``()``: none).
    Setting ``.value`` ticks the boxes; ticking a box changes ``.value`` once,
    so an observer of ``value`` sees one change per tap.
    """

    value = traitlets.Tuple()

    def __init__(self, sections, *, columns: int = 1):
        self.sections = [(title, list(options)) for title, options in sections]
        self.options = [option for _, options in self.sections for option in options]
        self.boxes: dict = {}
        parts = []
        for title, options in self.sections:
            boxes = []
            for label, code in options:
                box = w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="max-content"))
                box.observe(self._ticked, names="value")
                self.boxes[code] = box
                boxes.append(box)
            grid = w.GridBox(boxes, layout=w.Layout(grid_template_columns=f"repeat({columns}, max-content)",
                                                    grid_gap="0 1.5em"))
            head = [w.HTML(f"<b>{html.escape(title)}</b>")] if title else []
            parts.append(w.VBox(head + [grid], layout=w.Layout(width="max-content", margin="0 2.5em 0.5em 0")))
        self._syncing = False
        super().__init__(parts, layout=w.Layout(display="flex", flex_flow="row wrap", align_items="flex-start"))

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        codes = [code for _, code in self.options]
        value = tuple(proposal["value"] or ())
        bad = [v for v in value if v not in codes]
        if bad:
            raise traitlets.TraitError(
                f"{', '.join(map(repr, bad))} not among the options; the options are: {', '.join(map(str, codes))}")
        return tuple(code for code in codes if code in value)

    @traitlets.observe("value")
    def _show_value(self, change) -> None:
        self._syncing = True
        try:
            for code, box in self.boxes.items():
                box.value = code in change["new"]
        finally:
            self._syncing = False

    def _ticked(self, _change) -> None:
        if not self._syncing:
            self.value = tuple(code for code, box in self.boxes.items() if box.value)


def _html_outputs(markup: str) -> tuple:
    """An Output widget's outputs that show ``markup`` as a notebook cell shows ``HTML(...)``.

    JupyterLab renders them with the same style as a table in any other
    notebook's output (an ``HTML`` widget's content is styled differently).
    """
    return ({"output_type": "display_data", "data": {"text/html": markup}, "metadata": {}},)


class Explorer:
    """Filters, a variable chooser and the protected view, redrawn on every change.

    ``.widget`` is what a notebook displays. The filter widgets are in
    ``.filters`` (keys as the arguments of :func:`filter_cases`): drop-downs
    whose first option, ``ALL`` ("Alla"), filters nothing, and tick lists
    (:class:`CheckList`) for age group, intervention and identified exposure,
    the exposure options grouped under their group's heading. The variable
    chooser is ``.variable``, the comparison switch ``.compare``; the view is
    drawn into ``.status`` (n and filters in words), ``.table`` (an ``Output``
    holding the table as every notebook shows one, :attr:`table_html`) and
    ``.image`` (the figure as SVG). ``.view`` is the last :class:`View`.

    Every label comes from the codebook (Swedish by default, ``lang="en"``).
    Only the filters the data has columns for are shown. The widgets can be
    driven without a kernel: set ``.value`` and the view is redrawn at once.

    Parameters
    ----------
    data : DataFrame
        Registrations (:func:`webbkollen_lib.load_cases`, or a municipality's
        export read with :func:`webbkollen_lib.read_registrations`).
    lang : {"sv", "en"}
    min_cell : int, default 5
        Disclosure threshold (see :func:`build_view`).
    variable : str, optional
        The variable shown first (default ``risk_beslut`` when present).
    """

    def __init__(self, data: pd.DataFrame, lang: str = "sv", min_cell: int = MIN_CELL, *, variable: str | None = None):
        self.data = data
        self.lang = check_lang(lang)
        self.min_cell = min_cell
        words, more = EXPLORER_TEXT[lang], NEWCOMER_TEXT[lang]
        cb = get_codebook()
        dropdown = {"style": {"description_width": "13em"}, "layout": w.Layout(width="28em")}
        everything = (words["all_option"], ALL)
        self.filters: dict[str, object] = {}

        if "kommun" in data.columns:
            names = sorted({str(k) for k in data["kommun"].dropna()})
            self.filters["kommun"] = w.Dropdown(options=[everything] + [(k, k) for k in names], value=ALL,
                                                description=cb["kommun"].label(lang), **dropdown)
        for name in ("kon", "ursprung"):
            if name in data.columns:
                var = cb[name]
                options = [everything] + [(c.label(lang), c.code) for c in var.codes]
                self.filters[name] = w.Dropdown(options=options, value=ALL, description=var.label(lang), **dropdown)
        if "ensamkommande" in data.columns:
            self.filters["ensamkommande"] = w.Dropdown(
                options=[everything, (cb.yes_no[True][lang], True), (cb.yes_no[False][lang], False)],
                value=ALL, description=cb["ensamkommande"].label(lang), **dropdown,
            )
        for name in ("aldersgrupp", "insats"):
            if name in data.columns or (name == "aldersgrupp" and "alder" in data.columns):
                var = cb[name]
                options = [(c.label(lang), c.code) for c in var.codes if not c.missing]
                self.filters[name] = CheckList([(var.label(lang), options)], columns=1 if len(options) <= 6 else 2)
        sections = []
        for group in EXPOSURE_GROUPS:
            columns = [c for c in cb[group].option_columns if c in data.columns]
            if columns:
                var = cb[group]
                options = [(more["any_in_group"], group)]
                options += [(var.code(cb.option_of(c)).label(lang), c) for c in columns]
                sections.append((var.label(lang), options))
        if sections:
            self.filters["exposures"] = CheckList(sections)
            self.filters["exposure_mode"] = w.ToggleButtons(
                options=[(words["mode_any"], "any"), (words["mode_all"], "all")], value="any",
                description=words["mode"], style={"button_width": "auto", "description_width": "initial"},
            )

        choices = variable_choices(data, lang)
        if not choices:
            raise ValueError("the data has no variable the explorer can show (see variable_choices)")
        names = [v for _, v in choices]
        if variable is None:
            variable = "risk_beslut" if "risk_beslut" in names else names[0]
        elif variable not in names:
            raise ValueError(f"variable {variable!r} cannot be shown for this data; choose one of {', '.join(names)}")
        self.variable = w.Dropdown(options=choices, value=variable, description=words["show"],
                                   style={"description_width": "initial"}, layout=w.Layout(width="40em"))
        self.compare = w.Checkbox(value=True, description=words["compare"], indent=False,
                                  layout=w.Layout(width="max-content"))
        self.reset = w.Button(description=words["reset"], icon="times", layout=w.Layout(width="max-content"))
        self.reset.on_click(lambda _: self.clear_filters())
        self.status = w.HTML()
        self.table = w.Output()
        self.image = w.Image(format="svg+xml", layout={"max_width": "760px"})
        self.view: View | None = None
        self.renders = 0
        self._hold = False

        for widget in (*self.filters.values(), self.variable, self.compare):
            widget.observe(self._changed, names="value")

        single = [self.filters[k] for k in ("kommun", "kon", "ursprung", "ensamkommande") if k in self.filters]
        multi = [self.filters[k] for k in ("aldersgrupp", "insats") if k in self.filters]
        spaced = w.Layout(margin="0 2.5em 0.5em 0")
        rows = [w.Box([w.VBox(single, layout=spaced), *multi],
                      layout=w.Layout(display="flex", flex_flow="row wrap", align_items="flex-start"))]
        if "exposures" in self.filters:
            rows += [w.HTML(f"<b>{html.escape(words['exposure'])}</b>"), self.filters["exposures"],
                     self.filters["exposure_mode"]]
        rows += [w.HTML(f"<small>{html.escape(more['tick_hint'])}</small>"), w.HBox([self.reset, self.compare])]
        self.widget = w.VBox([
            w.HTML(f"<h3>{html.escape(words['title'])}</h3><p>{html.escape(words['intro'])}</p>"),
            *rows,
            self.variable,
            self.status,
            self.table,
            self.image,
        ])
        self.update()

    # -- state --------------------------------------------------------------
    def current_filters(self) -> dict:
        """The filters the widgets are set to, as keyword arguments of :func:`filter_cases`."""
        out = {}
        for name, widget in self.filters.items():
            value = widget.value
            if name == "exposure_mode":
                out[name] = value
            elif isinstance(value, tuple):
                if value:
                    out[name] = list(value)
            elif value is not None and not (isinstance(value, str) and value == ALL):
                out[name] = value
        return out

    def selection(self) -> pd.DataFrame:
        """The registrations the filters select (:func:`filter_cases`)."""
        return filter_cases(self.data, **self.current_filters())

    @property
    def table_html(self) -> str:
        """The HTML the table area shows now: the table with its notes, a message, or an error."""
        return "".join(output.get("data", {}).get("text/html", "") for output in self.table.outputs)

    # -- drawing ------------------------------------------------------------
    def _changed(self, _change=None) -> None:
        if not self._hold:
            self.update()

    def update(self) -> View | None:
        """Redraw the view for the current widget values; return it (None after an error)."""
        self.renders += 1
        try:
            view = build_view(
                self.data, self.variable.value, self.current_filters(), compare=self.compare.value,
                lang=self.lang, min_cell=self.min_cell,
            )
        except (ValueError, KeyError) as exc:
            message = EXPLORER_TEXT[self.lang]["error"].format(message=exc)
            self.view = None
            self.status.value = ""
            self.table.outputs = _html_outputs(f"<p style='color:#a00'>{html.escape(message)}</p>")
            self.image.value = b""
            self.image.layout.display = "none"
            return None
        self.view = view
        self.status.value = view.status_html()
        self.table.outputs = _html_outputs(view.table_html())
        svg = view.svg()
        self.image.value = svg
        self.image.layout.display = None if svg else "none"
        return view

    def clear_filters(self) -> None:
        """Set every filter back to "Alla" (nothing ticked) and redraw once."""
        self._hold = True
        try:
            for name, widget in self.filters.items():
                if name == "exposure_mode":
                    widget.value = "any"
                elif isinstance(widget, CheckList):
                    widget.value = ()
                else:
                    widget.value = ALL
        finally:
            self._hold = False
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
