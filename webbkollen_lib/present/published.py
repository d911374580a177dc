"""The report's analyses as the notebooks show them: each published figure beside ours, readable tables.

The notebooks ``01``–``04`` reproduce the tables, figures and examples of the
Webbkollen report (SKL 2018, §3.3 and §4.2). They call the analysis modules
for the numbers; this module holds the few pieces that are specific to
showing those numbers next to the report's:

* :func:`published_vs_ours`: the figures of one table or passage (rows of
  ``systems/webbkollen/data/published_figures.csv``, chosen with
  :func:`select_figures`) beside the same figures computed from the data by
  :func:`webbkollen_lib.systems.webbkollen.reference.compare_with_published`, as a readable
  table (:class:`PublishedComparison`);
* :func:`report_population`: the registrations the report analysed (closed
  interventions of one year);
* :func:`talk_at_closure`, :func:`with_talk_at_closure`,
  :func:`participation_table`: Exempel 2's "talk with the child at closure,
  alone or together with the guardian";
* :func:`with_any_exposure`, :func:`exposure_count_bands`: Exempel 1's
  counts of identified exposure;
* :func:`school_start_group`: the children of Table 5b (born in Sweden, not
  meeting the requirements at the decision);
* :func:`significance_table` and :func:`readable`: test results and
  estimates from :mod:`webbkollen_lib.analysis.comparisons`,
  :mod:`webbkollen_lib.analysis.change` and :mod:`webbkollen_lib.analysis.exposure_risk` as
  tables a person reads (tests and effect sizes named as those modules name
  them, Swedish number format);
* :func:`caveat_notes`: the codebook's caveats of the variables used.

No number is typed here: published values come from the reference file,
reproduced ones from the analysis modules.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from webbkollen_lib.analysis.comparisons import compare_groups, share_by_group
from webbkollen_lib.analysis.exposure_risk import bin_exposure_count
from webbkollen_lib.analysis.variables import resolve_group
from webbkollen_lib.present.tables import summary_table
from webbkollen_lib.systems.webbkollen.populations import (
    EXEMPEL1_BINS,
    REPORT_YEAR,
    TALK_AT_CLOSURE,
    report_population,
    school_start_group,
    talk_at_closure,
    with_any_exposure,
    with_talk_at_closure,
)
from webbkollen_lib.systems.webbkollen.reference import compare_with_published, select_figures
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import (
    MISSING_TEXT,
    NBSP,
    format_count,
    format_interval,
    format_number,
    format_p,
    format_percent,
    text,
)

__all__ = [
    "REPORT_YEAR",
    "EXEMPEL1_BINS",
    "TALK_AT_CLOSURE",
    "PublishedComparison",
    "report_population",
    "select_figures",
    "published_vs_ours",
    "talk_at_closure",
    "with_talk_at_closure",
    "participation_table",
    "with_any_exposure",
    "exposure_count_bands",
    "school_start_group",
    "significance_table",
    "readable",
    "caveat_notes",
]


#: Labels of the variables derived for the report's examples (the codebook has no place for them).
DERIVED_LABELS = lc.by_key("published.derived")

_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"published.word.{key}", lang, **fields)


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# ---------------------------------------------------------------------------
# published beside ours
# ---------------------------------------------------------------------------


def _decimals_of(value: float) -> int:
    """Decimals a published value was printed with (4.03 -> 2, 54 -> 0)."""
    text_ = repr(float(value))
    if "e" in text_ or float(value).is_integer():
        return 0
    return len(text_.split(".")[1])


def _value(value: float, unit: str, decimals: int, lang: str) -> str:
    if value is None or not np.isfinite(value):
        return MISSING_TEXT
    if unit == "count":
        return format_count(round(value), lang)
    number = format_number(value, decimals, lang)
    if unit == "percent":
        return number + (NBSP + "%" if lang == "sv" else "%")
    if unit == "percentage points":
        return f"{number} {_w('points', lang)}"
    return number


def _signed(value: float, unit: str, decimals: int, lang: str) -> str:
    if value is None or not np.isfinite(value):
        return MISSING_TEXT
    if unit == "count":
        decimals = 0
    number = format_number(value, decimals, lang)
    if number.lstrip("-").strip("0,.") and not number.startswith("-"):
        number = "+" + number
    if unit in ("percent", "percentage points"):
        return f"{number} {_w('points', lang)}"
    return number


@dataclass(frozen=True)
class PublishedComparison:
    """Published figures beside ours: a readable table, the numbers behind it and the notes.

    Attributes
    ----------
    table : DataFrame of str
        Index (source, row, column) as printed in the report; columns: the
        report's figure (what it claims: ``54 %``, ``mer än 50 %``), ours,
        the difference (for figures compared within a tolerance), the
        criterion, whether ours meets it (Ja/Nej) and a note marker.
    tidy : DataFrame
        :func:`webbkollen_lib.systems.webbkollen.reference.compare_with_published` for the
        selected figures (numbers, not text).
    footnotes : tuple of str
        The reference file's notes (our reading of the report), marked ¹ ² …
    lang : str
    """

    table: pd.DataFrame
    tidy: pd.DataFrame
    footnotes: tuple
    lang: str

    @property
    def n(self) -> int:
        """Number of published figures compared."""
        return len(self.tidy)

    @property
    def n_ok(self) -> int:
        """Number reproduced within the criterion."""
        return int(self.tidy["ok"].sum())

    @property
    def sentence(self) -> str:
        """One sentence: how many of the figures the data reproduce."""
        if self.n == 1:
            return _w("one_ok" if self.n_ok else "one_not", self.lang)
        if self.n_ok == self.n:
            return _w("both_ok" if self.n == 2 else "all_ok", self.lang, n=self.n)
        return _w("some_ok", self.lang, k=self.n_ok, n=self.n)

    def _repr_html_(self) -> str:
        parts = [f"<p>{html.escape(self.sentence)}</p>", self.table.to_html(escape=True)]
        if self.footnotes:
            parts.append(f"<p><small>{html.escape(_w('notes_title', self.lang))}</small></p>")
            parts += [f"<p><small>{html.escape(note)}</small></p>" for note in self.footnotes]
        return "\n".join(parts)

    def __repr__(self) -> str:
        lines = [self.sentence, self.table.to_string()]
        if self.footnotes:
            lines += [_w("notes_title", self.lang), *self.footnotes]
        return "\n".join(lines)


def published_vs_ours(
    cases: pd.DataFrame,
    *,
    sources=None,
    ids=None,
    year: int | None = REPORT_YEAR,
    lang: str = "sv",
    published: pd.DataFrame | None = None,
) -> PublishedComparison:
    """The report's figures of some tables or passages beside the same figures computed from ``cases``.

    The figures are chosen with :func:`select_figures` (``sources``,
    ``ids``) and computed by
    :func:`webbkollen_lib.systems.webbkollen.reference.compare_with_published` (closures of
    ``year``, as in the report; its ``population`` and ``condition`` say how
    each figure is computed). Only the selected figures are computed.

    How a figure is compared (the reference file's ``check``):

    * ``abs``: ours must lie within ``tolerance`` of the report's
      (``exakt`` when the tolerance is 0; ``±1,5 %-enheter`` for most
      percentages, which the report rounds to whole numbers);
    * ``above``: the report says "more than" (``majoriteten``, ``drygt``, a
      direction of change): ours must be higher, and at most ``tolerance``
      higher when one is given;
    * ``at_least``: ours must be at least the report's.

    Ours is shown with one more decimal than the report prints, so a
    rounding difference is visible as such.

    Returns
    -------
    PublishedComparison
        Displays in a notebook as a sentence ("Alla 18 värden …"), the table
        and the notes.
    """
    lc.check_lang(lang)
    selected = select_figures(sources=sources, ids=ids, published=published)
    tidy = compare_with_published(cases, selected, year=year)
    yes_no = get_codebook().yes_no
    notes: list[str] = []
    rows = []
    for rec in tidy.itertuples(index=False):
        unit, check, tol = rec.unit, rec.check, rec.tolerance
        shown = _decimals_of(rec.published)
        report = _value(rec.published, unit, shown, lang)
        if check == "above":
            report = _w("more_than", lang, v=report)
        elif check == "at_least":
            report = _w("at_least", lang, v=report)
        tol_unit = "percentage points" if unit == "percent" else unit
        tol_text = _value(tol, tol_unit, _decimals_of(tol) if np.isfinite(tol) else 0, lang)
        if check == "abs":
            criterion = _w("exact", lang) if tol == 0 else f"±{tol_text}"
        elif check == "above" and np.isfinite(tol):
            criterion = _w("at_most_above", lang, v=tol_text)
        else:
            criterion = ""
        difference = _signed(rec.difference, unit, shown + 1, lang) if check == "abs" else ""
        marker = ""
        note = rec.note if isinstance(rec.note, str) else ""
        if note:
            if note not in notes:
                notes.append(note)
            i = notes.index(note)
            marker = _MARKS[i] if i < len(_MARKS) else f"({i + 1})"
        rows.append({
            _w("source", lang): rec.source,
            _w("row", lang): rec.row,
            _w("column", lang): rec.column,
            _w("report", lang): report,
            _w("ours", lang): _value(rec.reproduced, unit, shown + 1 if unit != "count" else 0, lang),
            _w("difference", lang): difference,
            _w("criterion", lang): criterion,
            _w("within", lang): yes_no[bool(rec.ok)][lang],
            _w("note", lang): marker,
        })
    table = pd.DataFrame(rows)
    index = [_w("source", lang), _w("row", lang), _w("column", lang)]
    if len(table):
        table = table.set_index(index)
    if not notes:
        table = table.drop(columns=[_w("note", lang)], errors="ignore")
    footnotes = tuple(f"{_MARKS[i] if i < len(_MARKS) else f'({i + 1})'} {n}" for i, n in enumerate(notes))
    return PublishedComparison(table, tidy, footnotes, lang)


# ---------------------------------------------------------------------------
# Exempel 2: talks with the child
# ---------------------------------------------------------------------------


def _derived_label(name: str, fallback: str, lang: str) -> str:
    return DERIVED_LABELS[name][lang] if name in DERIVED_LABELS else fallback


def participation_table(
    cases: pd.DataFrame,
    by: str = "kon_ursprung",
    *,
    groups: list | None = None,
    lang: str = "sv",
    decimals: int = 0,
) -> pd.DataFrame:
    """Exempel 2: talks with the child at the decision (alone; with the guardian) and at closure (either), per group.

    :func:`webbkollen_lib.analysis.comparisons.share_by_group` (``wide=True``) of
    ``samtal_enskilt_beslut``, ``samtal_vh_beslut`` and
    :func:`talk_at_closure`: shares of the registrations with an answer,
    one column per group headed with its n.
    """
    variables = ["samtal_enskilt_beslut", "samtal_vh_beslut", TALK_AT_CLOSURE]
    table = share_by_group(with_talk_at_closure(cases), variables, by, groups=groups, lang=lang, wide=True,
                           decimals=decimals)
    return table.rename(index={TALK_AT_CLOSURE: DERIVED_LABELS[TALK_AT_CLOSURE][lang]})


# ---------------------------------------------------------------------------
# Exempel 1: the number of identified exposures
# ---------------------------------------------------------------------------


def exposure_count_bands(
    cases: pd.DataFrame, bins=EXEMPEL1_BINS, *, lang: str = "sv", ci: float | None = 0.95
) -> pd.DataFrame:
    """Exempel 1: registrations by number of identified exposures (none, one, 2–4, five or more).

    :func:`webbkollen_lib.present.tables.summary_table` of the count in ``bins``
    (:func:`webbkollen_lib.analysis.exposure_risk.bin_exposure_count`), with Wilson
    intervals; render with :func:`webbkollen_lib.present.tables.to_html`.
    """
    klass = bin_exposure_count(cases, bins, lang=lang)
    return summary_table(cases.assign(antal_utsatthet_klass=klass), ["antal_utsatthet_klass"], lang=lang, ci=ci,
                         missing="ifany")


# ---------------------------------------------------------------------------
# Table 5b: the school situation
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# readable results
# ---------------------------------------------------------------------------


def _indent(label: str) -> str:
    return NBSP * 4 + label


def significance_table(
    data: pd.DataFrame,
    variables,
    by: str,
    *,
    groups: list | None = None,
    lang: str = "sv",
    decimals: int = 0,
    correction: str | None = None,
    **kwargs,
) -> pd.DataFrame:
    """Group comparisons as a table to read: shares (or means) per group, the test, p and the effect size.

    Runs :func:`webbkollen_lib.analysis.comparisons.compare_groups` (``groups``,
    ``correction`` and ``**kwargs`` are passed on) and shows one row per
    test or category: the share answering yes (a yes/no or an option of a
    multi-select group), the share in each category (indented under the
    variable's row, which holds the test of the whole table), or the mean
    and median of a count. The test and the effect size are named as
    ``compare_groups`` names them (``test_label``, ``effect_label``); a
    difference in shares is in percentage points, first group minus second.

    Returns
    -------
    DataFrame of str
        Index: the variables (and categories); columns: one per group headed
        ``Label (n = …)`` (the largest n of the group over the rows; a
        row's own n leaves out registrations without an answer), the test,
        the p-value (and the adjusted one with ``correction``), the effect
        size with its interval, and notes where ``compare_groups`` has any.
        For the numbers themselves call ``compare_groups`` with the same
        arguments.
    """
    lc.check_lang(lang)
    variables = _as_list(variables)
    result = compare_groups(data, variables, by, groups=groups, lang=lang, correction=correction, **kwargs)
    g = resolve_group(data, by)
    codes = result.attrs["groups"]
    level = format_number(result.attrs["ci"] * 100, 0, lang)
    n_max = {c: int(result[f"n_{c}"].max()) for c in codes}
    headers = {c: text("n_label", lang, label=g.value_label(c, lang), n=format_count(n_max[c], lang)) for c in codes}
    several = len(variables) > 1
    labels, records = [], []
    for rec in result.to_dict("records"):
        name = rec["variable"]
        var_label = _derived_label(name, rec["variable_label"], lang)
        if rec["kind"] == "multi":
            label = f"{var_label}: {rec['category_label']}" if several else rec["category_label"]
        elif rec["kind"] in ("single", "scale") and rec["category"] is not None and not _isnan(rec["category"]):
            label = _indent(rec["category_label"])
        elif rec["kind"] == "integer":
            label = f"{var_label}, {_w(rec['estimate'], lang)}"
        else:
            label = var_label
        cells = {}
        for c in codes:
            value = rec.get(f"estimate_{c}")
            if rec["estimate"] == "share":
                cells[headers[c]] = format_percent(value, decimals, lang)
            elif rec["estimate"] in ("mean", "median"):
                cells[headers[c]] = format_number(value, 2 if rec["estimate"] == "mean" else 1, lang)
            else:
                cells[headers[c]] = ""
        labels.append(label)
        records.append({**cells, **_effect_cells(rec, lang, decimals), "_p": rec["p"], "_p_adj": rec["p_adjusted"],
                        "_test": _text_or_empty(rec["test_label"]), "_note": _text_or_empty(rec["note"])})
    frame = pd.DataFrame(records, index=pd.Index(labels, name=_w("variable", lang)))
    out = frame[[headers[c] for c in codes]].copy()
    out[_w("test", lang)] = frame["_test"]
    out[_w("p", lang)] = [format_p(p, lang) if not _isnan(p) else "" for p in frame["_p"]]
    if correction is not None:
        out[_w("p_adjusted", lang, method=correction)] = [
            format_p(p, lang) if not _isnan(p) else "" for p in frame["_p_adj"]
        ]
    # a difference in shares is in percentage points: say so in its label
    effect_labels = [lab + _w("points_suffix", lang) if pts and lab else lab
                     for lab, pts in zip(frame["_effect_label"], frame["_points"])]
    distinct = {x for x in effect_labels if x}
    if len(distinct) == 1:
        out[_w("effect_header", lang, label=distinct.pop(), level=level)] = frame["_effect"]
    elif distinct:
        # name the measure where it changes, not on every row
        previous = [None] + effect_labels[:-1]
        shown = [lab if lab and lab != before else "" for lab, before in zip(effect_labels, previous)]
        out[_w("effect", lang)] = shown
        out[_w("effect_value", lang, level=level)] = frame["_effect"]
    if frame["_note"].astype(bool).any():
        out[_w("remark", lang)] = frame["_note"]
    return out


def _text_or_empty(value) -> str:
    return value if isinstance(value, str) else ""


def _isnan(value) -> bool:
    try:
        return value is None or value is pd.NA or bool(np.isnan(value))
    except (TypeError, ValueError):
        return False


def _effect_cells(rec: dict, lang: str, decimals: int) -> dict:
    effect = rec.get("effect")
    if not isinstance(effect, str):
        return {"_effect_label": "", "_effect": "", "_points": False}
    size, low, high = rec["effect_size"], rec["effect_ci_low"], rec["effect_ci_high"]
    points = effect == "difference_in_shares"
    scale = 100 if points else 1
    places = decimals if points else (3 if effect == "epsilon_squared" else 2)
    value = format_number(size * scale, places, lang) if not _isnan(size) else MISSING_TEXT
    if not _isnan(low) and not _isnan(high):
        value += f" ({format_interval(low * scale, high * scale, places, lang)})"
    label = _text_or_empty(rec["effect_label"])
    return {"_effect_label": label, "_effect": value, "_points": points}


def readable(
    frame: pd.DataFrame,
    *,
    lang: str = "sv",
    columns=None,
    percent=(),
    points=(),
    decimals: int = 2,
    ci: float | None = None,
    index_variable: str | None = None,
    index: str | None = None,
) -> pd.DataFrame:
    """A tidy result (estimates, tests, shares) as text to read, in the Swedish or English number format.

    For results such as :func:`webbkollen_lib.analysis.exposure_risk.ordinal_association`,
    ``risk_model(...).table``, :func:`webbkollen_lib.analysis.change.paired_yes_no`,
    :func:`~webbkollen_lib.analysis.change.marginal_homogeneity`,
    :func:`~webbkollen_lib.analysis.change.change_summary` or
    :func:`~webbkollen_lib.analysis.change.school_change`.

    * ``ci_low`` and ``ci_high`` become one interval column ``ci`` (placed
      where ``ci_low`` was), headed ``95 % KI`` (level from ``ci``, else
      ``frame.attrs["ci"]``, else ``1 - attrs["alpha"]``, else 0.95);
    * a column named ``p`` or ``p_…`` is a p-value (``<0,001``);
    * columns in ``percent`` are shares shown as ``55 %`` (``True``: every
      float column that is not a p-value); columns in ``points`` are
      differences of shares shown in percentage points (one decimal); the
      interval follows ``difference``/``estimate`` when that is in either;
    * other floats get ``decimals`` decimals, whole numbers none;
    * codes the analysis modules write (``stuart_maxwell``, ``exact``, …)
      and column names get labels; with ``index_variable`` the index codes
      get that codebook variable's labels (``total`` → ``Totalt``).

    Parameters
    ----------
    columns : list of str, optional
        Columns to keep, in order (after the interval is formed: name it
        ``"ci"``).
    index : str, optional
        A column (e.g. ``"label"``) to make the index, replacing a plain
        row number.

    Examples
    --------
    >>> r = pd.DataFrame({"label": ["Kendalls tau-b"], "estimate": [0.4412], "ci_low": [0.37],
    ...                   "ci_high": [0.5], "p": [1e-9]})
    >>> readable(r, index="label").to_dict("records")
    [{'Skattning': '0,44', '95 % KI': '0,37–0,50', 'p-värde': '<0,001'}]
    """
    lc.check_lang(lang)
    out = frame.copy()
    attrs = dict(frame.attrs)
    if ci is None:
        ci = attrs.get("ci") if isinstance(attrs.get("ci"), float) else None
    if ci is None and isinstance(attrs.get("alpha"), float):
        ci = 1 - attrs["alpha"]
    ci = 0.95 if ci is None else ci
    percent_cols = set(out.columns) if percent is True else set(_as_list(percent))
    point_cols = set(_as_list(points))
    if {"ci_low", "ci_high"} <= set(out.columns):
        if "difference" in point_cols or "estimate" in point_cols:
            scale, places, as_pct = 100, 1, False
        elif "difference" in percent_cols or "estimate" in percent_cols or "ci" in percent_cols:
            scale, places, as_pct = 1, 0, True
        else:
            scale, places, as_pct = 1, decimals, False
        interval = [
            format_interval(lo * scale, hi * scale, places, lang, percent=as_pct)
            for lo, hi in zip(out["ci_low"], out["ci_high"])
        ]
        position = list(out.columns).index("ci_low")
        out = out.drop(columns=["ci_low", "ci_high"])
        out.insert(position, "ci", interval)
        percent_cols.discard("ci")
    if columns is not None:
        missing = [c for c in columns if c not in out.columns]
        if missing:
            raise KeyError(f"no column(s) {missing} to keep; the frame has {list(out.columns)}")
        out = out[list(columns)]
    values = lc.labels("published.value", lang)
    for column in out.columns:
        s = out[column]
        if column == "ci":
            continue
        is_p = column == "p" or str(column).startswith("p_")
        if is_p:
            out[column] = [format_p(v, lang) if not _isnan(v) else "" for v in s]
        elif column in point_cols:
            out[column] = [format_number(v * 100, 1, lang) for v in s]
        elif pd.api.types.is_float_dtype(s.dtype) and (column in percent_cols):
            out[column] = [format_percent(v, 0, lang) for v in s]
        elif pd.api.types.is_integer_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            out[column] = [format_count(v, lang) if not isinstance(v, (bool, np.bool_)) else str(v) for v in s]
        elif pd.api.types.is_float_dtype(s.dtype):
            out[column] = [format_number(v, decimals, lang) for v in s]
        else:
            out[column] = ["" if _isnan(v) else values.get(v, str(v)) if isinstance(v, str) else str(v) for v in s]
    ci_header = _w("ci", lang, level=format_number(ci * 100, 0, lang))
    labels = {**_change_words(lang), **lc.labels("published.column", lang), "ci": ci_header}
    if index is not None:
        if index not in out.columns:
            raise KeyError(f"no column {index!r} to make the index; the columns are {list(out.columns)}")
        out = out.set_index(index)
    out = out.rename(columns=lambda c: labels.get(c, c))
    index_labels = dict(values)
    name = out.index.name
    if index_variable is not None:
        index_labels.update(get_codebook().value_labels(index_variable, lang))
        index_labels["total"] = text("total", lang)
        name = index_variable
    out.index = pd.Index([index_labels.get(i, i) if isinstance(i, str) else i for i in out.index],
                         name=_name_label(name, lang, labels))
    return out


def _name_label(name, lang: str, columns: dict):
    """A readable name for an index named by a code (``kon_ursprung``, ``risk_beslut``, ``test``)."""
    if not isinstance(name, str):
        return name
    derived = lc.labels("derived.variable", lang)
    if name in derived:
        return derived[name]
    if name == "test":  # marginal_homogeneity's index (not the vignette variable "test")
        return _w("test", lang)
    try:
        return get_codebook().label(name, lang)
    except KeyError:
        return columns.get(name, name)


def _change_words(lang: str) -> dict:
    return lc.labels("change", lang)


# ---------------------------------------------------------------------------
# caveats
# ---------------------------------------------------------------------------


def caveat_notes(variables, lang: str = "sv") -> str:
    """The codebook's caveats of ``variables`` as a Markdown list (``- **Label**: caveat``).

    Variables without a caveat are skipped; a caveat shared by several
    variables (the three risk assessments) is listed once, under the first.
    """
    lc.check_lang(lang)
    cb = get_codebook()
    seen, lines = set(), []
    for name in _as_list(variables):
        var = cb[name] if name in cb else cb.variable_of(name)
        note = var.caveat(lang)
        if not note or note in seen:
            continue
        seen.add(note)
        lines.append(f"- **{var.label(lang)}**: {note}")
    return "\n".join(lines)
