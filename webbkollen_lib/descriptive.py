"""Descriptive tables: counts and shares, ``n (%)``, overall and by group.

Three functions, from tidy to publishable:

* :func:`frequency_table`: one row per category (and group) with the count,
  its denominator, the share, a Wilson confidence interval and the numbers
  valid and missing. Tidy: the input of plots and of your own tables.
* :func:`summary_table`: the publication table, in the spirit of R's
  gtsummary ``tbl_summary``: variables stacked (``Kön`` / ``  Pojke`` /
  ``  Flicka`` / ``  Saknas``), ``n (%)`` cells, one column per group with its
  N in the header and an overall column; footnotes in ``.attrs["footnotes"]``.
* :func:`crosstab`: a two-way table of shares (e.g. the report's Table 5,
  risk at decision by sex and origin), counts and display text together.

Every function takes a registrations frame in the data-contract form
(:func:`webbkollen_lib.load_cases`, :func:`webbkollen_lib.read_registrations`)
and any variable it holds: a column (``kon``, ``risk_beslut``,
``hem_fysiskt_vald``), a multi-select group (``hem``: every option, shares of
cases), or a derived variable (``antal_utsatthet``, ``kon_ursprung``,
``insatsform``, ``hem_nagon``). Labels come from the codebook, in Swedish
(``lang="sv"``, default) or English.

Missing values are counted, never dropped silently. ``dropna=False``
(default) takes shares of *all* registrations, with a row for the missing,
as the report's Table 3 does (born in Sweden 79 % + abroad 19 % < 100 %
because origin is missing for 2 %); ``dropna=True`` takes shares of those
with an answer, and the number missing is still reported.

Shares of a multi-select group are shares of cases: one registration can
tick several options, so the shares add up to more than 100 % (Table 4).
A case counts as answered when any option of the group is filled in; an
option left empty in an answered case counts as not ticked (as in
:func:`webbkollen_lib.derived.exposure_count`).

Confidence intervals are Wilson score intervals (Wilson 1927; Brown, Cai &
DasGupta 2001), computed by
``statsmodels.stats.proportion.proportion_confint(method="wilson")``:

    (p̂ + z²/2n ± z·sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)

With ``min_cell`` the counts go through :mod:`webbkollen_lib.disclosure`
(primary and secondary suppression) so the table can be published: a hidden
count, and every share and interval computed from it or from a hidden
denominator, is missing in the tidy frame and ``x`` in the display.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from webbkollen_lib._analysis import (
    MissingColumnError,
    Resolved,
    check_frame,
    check_lang,
    check_level,
    resolve,
    resolve_group,
)
from webbkollen_lib.codebook import frame_to_markdown, get_codebook
from webbkollen_lib.formatting import (
    MISSING_TEXT,
    format_count,
    format_interval,
    format_mean_sd,
    format_median_iqr,
    format_n_percent,
    format_percent,
    text,
)

__all__ = [
    "OVERALL",
    "MissingColumnError",
    "CrossTable",
    "frequency_table",
    "summary_table",
    "crosstab",
    "wilson_interval",
    "to_markdown",
    "to_html",
]

#: ``group`` value of the rows for all registrations in a grouped frequency table.
OVERALL = "__overall__"

_SUPPRESSED = "x"
_CONTINUOUS = ("median_iqr", "mean_sd", "categorical")


# ---------------------------------------------------------------------------
# small pieces
# ---------------------------------------------------------------------------


def wilson_interval(count, nobs, ci: float = 0.95):
    """Wilson score interval for ``count`` successes of ``nobs``; NaN where ``nobs`` is 0.

    Vectorised over arrays; a thin wrapper of
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.

    >>> low, high = wilson_interval(5, 10)
    >>> round(float(low), 4), round(float(high), 4)
    (0.2366, 0.7634)
    """
    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    count, nobs = np.broadcast_arrays(count, nobs)
    low = np.full(count.shape, np.nan)
    high = np.full(count.shape, np.nan)
    ok = nobs > 0
    if ok.any():
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=1 - ci, method="wilson")
        # the bounds are exactly 0 and 1 at the edges; avoid 5.6e-17 from rounding
        low[ok] = np.where(count[ok] == 0, 0.0, lo)
        high[ok] = np.where(count[ok] == nobs[ok], 1.0, hi)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def _index(values: pd.Series, categories: list) -> np.ndarray:
    """Position of each value in ``categories``; -1 where missing."""
    obj = values.astype("object").where(values.notna(), None)
    return pd.Categorical(obj, categories=categories).codes.astype(np.int64)


@dataclass
class _Counts:
    """Counts of one variable: rows = groups (+ the by-missing row), all before protection."""

    var: Resolved
    groups: list  # group codes (empty list: no grouping)
    counts: np.ndarray  # rows x K (categories, or yes-counts of options)
    n_total: np.ndarray  # rows
    n_missing: np.ndarray  # rows
    has_by_missing: bool  # last row is registrations whose group is missing

    @property
    def n_rows(self) -> int:
        return len(self.n_total)


def _count(data: pd.DataFrame, var: Resolved, by: Resolved | None) -> _Counts:
    n = len(data)
    if by is None:
        gidx = np.zeros(n, dtype=np.int64)
        groups, G = [], 1
    else:
        gidx = _index(by.values, by.categories)
        groups, G = list(by.categories), len(by.categories)
    by_missing = gidx < 0
    has_na = bool(by_missing.any())
    rows = G + int(has_na)
    row = np.where(by_missing, G, gidx)
    n_total = np.bincount(row, minlength=rows)[:rows]
    answered = var.answered().to_numpy(dtype=bool)
    n_missing = np.bincount(row[~answered], minlength=rows)[:rows]
    if var.is_multi:
        ticks = var.values.fillna(False).to_numpy(dtype=bool)
        counts = np.zeros((rows, ticks.shape[1]), dtype=np.int64)
        np.add.at(counts, row, ticks.astype(np.int64))
    else:
        k = len(var.categories)
        cidx = _index(var.values, var.categories)
        ok = cidx >= 0
        counts = np.bincount(row[ok] * k + cidx[ok], minlength=rows * k)[: rows * k].reshape(rows, k)
    return _Counts(var, groups, counts.astype(np.int64), n_total.astype(np.int64), n_missing.astype(np.int64), has_na)


@dataclass
class _Published:
    """What may be shown of a _Counts (after disclosure control), incl. the overall row."""

    counts: np.ndarray  # float, NaN = hidden; rows = groups (+by-missing) + overall
    n_total: np.ndarray
    n_missing: np.ndarray
    suppressed: np.ndarray | None  # bool, same shape as counts
    footnote: str


def _publish(c: _Counts, min_cell, protect_zeros: bool, lang: str) -> _Published:
    counts = np.vstack([c.counts, c.counts.sum(axis=0)]).astype(float)
    n_total = np.append(c.n_total, c.n_total.sum()).astype(float)
    n_missing = np.append(c.n_missing, c.n_missing.sum()).astype(float)
    if min_cell is None:
        return _Published(counts, n_total, n_missing, None, "")
    from webbkollen_lib import disclosure

    k = c.counts.shape[1]
    rows = [f"r{i}" for i in range(c.n_rows)]
    cols = [f"c{j}" for j in range(k)] + ["missing"]
    grouped = bool(c.groups)
    if c.var.is_multi:
        yes = pd.DataFrame(np.column_stack([c.counts, c.n_missing]), index=rows, columns=cols)
        if grouped:
            pt = disclosure.protect_multiselect(
                yes, pd.Series(c.n_total, index=rows), min_cell, shares=False, margins=True,
                protect_zeros=protect_zeros, lang=lang,
            )
            mask = pt.mask.to_numpy(dtype=bool)  # (rows+1) x (k+1+1): options, missing, n
        else:
            pt = disclosure.protect_multiselect(
                yes.iloc[0], int(c.n_total[0]), min_cell, shares=False, protect_zeros=protect_zeros, lang=lang
            )
            single = pt.mask.to_numpy(dtype=bool)  # options, missing, n
            mask = np.vstack([single, single])  # the only group is the overall
    else:
        table = pd.DataFrame(np.column_stack([c.counts, c.n_missing]), index=rows, columns=cols)
        if grouped:
            pt = disclosure.protect_table(table, min_cell, shares=False, margins=True, protect_zeros=protect_zeros, lang=lang)
            mask = pt.mask.to_numpy(dtype=bool)  # (rows+1) x (k+1+1): categories, missing, total
        else:
            pt = disclosure.protect_table(table.iloc[0], min_cell, shares=False, margins=True, protect_zeros=protect_zeros, lang=lang)
            single = pt.mask.to_numpy(dtype=bool)  # categories, missing, total
            mask = np.vstack([single, single])
    cell_mask = mask[:, :k]
    counts = np.where(cell_mask, np.nan, counts)
    n_missing = np.where(mask[:, k], np.nan, n_missing)
    n_total = np.where(mask[:, k + 1], np.nan, n_total)
    return _Published(counts, n_total, n_missing, cell_mask, pt.footnote(lang))


def _denominators(p: _Published, c: _Counts, dropna: bool, min_cell) -> np.ndarray:
    """Denominator per row (NaN when it may not be shown)."""
    denom = p.n_total - p.n_missing if dropna else p.n_total
    if min_cell is not None:
        denom = np.where(denom < min_cell, np.nan, denom)
    return denom


def _tidy(c: _Counts, p: _Published, *, lang: str, ci: float | None, dropna: bool, min_cell, overall: bool) -> pd.DataFrame:
    var = c.var
    k = c.counts.shape[1]
    denom_row = _denominators(p, c, dropna, min_cell)
    row_ids = list(range(len(c.groups))) if c.groups else []
    if overall or not c.groups:
        row_ids.append(c.n_rows)  # the overall row
    records = []
    for r in row_ids:
        is_overall = r == c.n_rows
        group = OVERALL if is_overall else c.groups[r]
        group_label = text("overall", lang) if is_overall else None
        n_total, n_missing = p.n_total[r], p.n_missing[r]
        n_valid = n_total - n_missing
        for j in range(k):
            code = var.categories[j]
            records.append(
                _record(var, lang, group, group_label, code, var.value_label(code, lang), p.counts[r, j], denom_row[r],
                        n_total, n_valid, n_missing, None if p.suppressed is None else bool(p.suppressed[r, j]))
            )
        if not dropna:
            denom = p.n_total[r]
            if min_cell is not None and not denom >= min_cell:
                denom = np.nan
            records.append(
                _record(var, lang, group, group_label, None, text("missing", lang), n_missing, denom,
                        n_total, n_valid, n_missing, None if p.suppressed is None else bool(np.isnan(n_missing)))
            )
    frame = pd.DataFrame.from_records(records)
    n = frame["n"].to_numpy(dtype=float)
    d = frame["denominator"].to_numpy(dtype=float)
    ok = ~np.isnan(n) & ~np.isnan(d) & (d > 0)
    frame["share"] = np.where(ok, n / np.where(ok, d, 1), np.nan)
    if ci is not None:
        low, high = wilson_interval(np.where(ok, n, 0), np.where(ok, d, 0), ci)
        frame["ci_low"], frame["ci_high"] = low, high
    else:
        frame["ci_low"] = frame["ci_high"] = np.nan
    for column in ("n", "denominator", "n_total", "n_valid", "n_missing"):
        frame[column] = pd.array(np.round(frame[column].to_numpy(dtype=float)), dtype="Int64")
    columns = ["variable", "variable_label", "kind"]
    if c.groups:
        columns += ["group", "group_label"]
    columns += ["category", "label", "n", "denominator", "share", "ci_low", "ci_high", "n_total", "n_valid", "n_missing"]
    if min_cell is not None:
        columns.append("suppressed")
    return frame[columns]


def _record(var, lang, group, group_label, code, label, n, denom, n_total, n_valid, n_missing, suppressed):
    return {
        "variable": var.name,
        "variable_label": var.label(lang),
        "kind": var.kind,
        "group": group,
        "group_label": group_label,
        "category": code,
        "label": label,
        "n": n,
        "denominator": denom,
        "n_total": n_total,
        "n_valid": n_valid,
        "n_missing": n_missing,
        "suppressed": suppressed,
    }


def _check_min_cell(min_cell):
    if min_cell is None:
        return None
    if isinstance(min_cell, bool) or not isinstance(min_cell, (int, np.integer)) or min_cell < 1:
        raise ValueError(f"min_cell must be a whole number >= 1 (or None for no disclosure control), got {min_cell!r}")
    return int(min_cell)


# ---------------------------------------------------------------------------
# frequency_table
# ---------------------------------------------------------------------------


def frequency_table(
    data: pd.DataFrame,
    variable: str,
    by: str | None = None,
    *,
    lang: str = "sv",
    ci: float | None = 0.95,
    dropna: bool = False,
    overall: bool = False,
    min_cell: int | None = None,
    protect_zeros: bool = False,
) -> pd.DataFrame:
    """Counts and shares of one variable, overall or by group: one tidy row per category.

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form.
    variable : str
        A column (``"kon"``, ``"risk_beslut"``, ``"samtal_enskilt_beslut"``,
        ``"hem_fysiskt_vald"``, ``"alder"``), a multi-select group
        (``"hem"``: one row per option, shares of cases) or a derived
        variable (``"antal_utsatthet"``, ``"kon_ursprung"``, ``"insatsform"``,
        ``"hem_nagon"``). Every category of the codebook gets a row, also
        those nobody has (n = 0); an integer variable has one row per
        observed value.
    by : str, optional
        Grouping variable (a column or a derived variable such as
        ``"kon_ursprung"``). Shares are within each group (column
        percentages). Registrations whose group is missing are left out of
        the groups (their number is ``.attrs["n_by_missing"]``) but are part
        of the overall rows.
    lang : {"sv", "en"}
        Language of ``variable_label``, ``label`` and ``group_label``.
    ci : float or None, default 0.95
        Level of the Wilson interval; None leaves ``ci_low``/``ci_high`` NaN.
    dropna : bool, default False
        False: shares of all registrations, plus a row for the missing
        (``category`` None, label ``Saknas``/``Missing``). True: shares of
        those with an answer and no missing row (``n_missing`` still says
        how many).
    overall : bool, default False
        With ``by``: also the rows for all registrations (``group ==
        OVERALL``, label ``Totalt``/``Overall``).
    min_cell : int, optional
        Disclosure control (:mod:`webbkollen_lib.disclosure`): counts from
        1 to ``min_cell - 1``, and any count they could be worked out from,
        become <NA>, as do shares and intervals computed from a hidden
        count or denominator, and shares of fewer than ``min_cell``. Adds a
        ``suppressed`` column and the footnote in ``.attrs["footnotes"]``.
    protect_zeros : bool, default False
        With ``min_cell``: hide zeros too (see :func:`~webbkollen_lib.disclosure.primary_mask`).

    Returns
    -------
    DataFrame
        Columns ``variable, variable_label, kind, [group, group_label,]
        category, label, n, denominator, share, ci_low, ci_high, n_total,
        n_valid, n_missing[, suppressed]``. ``share = n / denominator``;
        ``n_total`` is the number of registrations in the group,
        ``n_valid`` those with an answer, ``n_missing`` those without.
        For a multi-select group ``category`` is the option column
        (``hem_fysiskt_vald``) and ``n_valid`` the cases with any option
        filled in.

    Raises
    ------
    MissingColumnError
        When the data lacks the variable ("the analysis needs column …").

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke", "flicka", "pojke", None]}))
    >>> frequency_table(cases, "kon")[["label", "n", "share"]]
        label  n  share
    0   Pojke  2   0.50
    1  Flicka  1   0.25
    2  Saknas  1   0.25
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci)
    min_cell = _check_min_cell(min_cell)
    var = resolve(data, variable)
    by_var = resolve_group(data, by) if by is not None else None
    c = _count(data, var, by_var)
    p = _publish(c, min_cell, protect_zeros, lang)
    frame = _tidy(c, p, lang=lang, ci=ci, dropna=dropna, min_cell=min_cell, overall=overall)
    if by_var is not None:
        labels = {g: by_var.value_label(g, lang) for g in by_var.categories}
        is_overall = frame["group"].eq(OVERALL) if len(frame) else frame["group"]
        frame["group_label"] = [
            gl if o else labels[g] for g, gl, o in zip(frame["group"], frame["group_label"], is_overall)
        ]
    footnotes = []
    if var.is_multi:
        footnotes.append(text("multi_note", lang))
    if p.footnote:
        footnotes.append(p.footnote)
    frame.attrs.update(
        {
            "variable": variable,
            "by": by,
            "lang": lang,
            "ci": ci,
            "dropna": dropna,
            "min_cell": min_cell,
            "n_by_missing": int(c.n_total[-1]) if c.has_by_missing else 0,
            "footnotes": footnotes,
        }
    )
    return frame


# ---------------------------------------------------------------------------
# summary_table
# ---------------------------------------------------------------------------

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


def _default_variables(data: pd.DataFrame) -> list[str]:
    """Every background, process and result variable the frame has, in codebook order."""
    cb = get_codebook()
    out = []
    for v in cb.for_dataset("registrations"):
        if v.group == "admin" or v.kind == "text":
            continue
        if v.is_multi:
            if any(c in data.columns for c in v.columns):
                out.append(v.id)
        elif v.id in data.columns:
            out.append(v.id)
    return out


def summary_table(
    data: pd.DataFrame,
    variables: list[str] | str | None = None,
    by: str | None = None,
    *,
    lang: str = "sv",
    dropna: bool = False,
    missing: str = "always",
    overall: str | None = "last",
    ci: float | None = None,
    decimals: int = 0,
    continuous: str = "median_iqr",
    add_p: bool = False,
    test: str = "auto",
    min_cell: int | None = None,
    protect_zeros: bool = False,
) -> pd.DataFrame:
    """A publication-ready table of many variables, overall and by group (like gtsummary's ``tbl_summary``).

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form.
    variables : list of str, optional
        Variables as in :func:`frequency_table` (columns, multi-select
        groups such as ``"hem"``, derived variables). Default: every
        background, process and result variable the frame has, except ``by``.
    by : str, optional
        Grouping variable: one column per group, headed ``"Pojke, N = 224"``.
    lang : {"sv", "en"}
        Labels and number format (decimal comma, ``48 %`` in Swedish).
    dropna : bool, default False
        Denominator of the percentages: all registrations in the column
        (False, as the report's Table 3) or those with an answer (True).
    missing : {"always", "ifany", "no"}, default "always"
        When to show the ``Saknas``/``Missing`` row of each variable.
    overall : {"last", "first", None}, default "last"
        Where the column for all registrations goes (with ``by``).
    ci : float, optional
        Add a Wilson interval column (e.g. ``ci=0.95``) after each ``n (%)``
        column; the columns then have two levels (group, statistic).
    decimals : int, default 0
        Decimals of the percentages.
    continuous : {"median_iqr", "mean_sd", "categorical"}
        How integer variables (``alder``, ``antal_utsatthet``) are shown:
        median (Q1–Q3), mean (SD), or one row per value.
    add_p : bool, default False
        With ``by``: add a p-value column from
        :func:`webbkollen_lib.comparisons.compare_groups` (``test``), the
        tests named in a footnote. An integer variable shows the
        Mann–Whitney (2 groups) or Kruskal–Wallis p-value.
    min_cell : int, optional
        Disclosure control as in :func:`frequency_table`; hidden values are
        shown as ``x``, explained in a footnote. The overall column comes
        from the same protected table as the groups, so no hidden cell can
        be found by subtraction. (Each variable is protected on its own;
        a group's N is hidden in the header if any variable hides it.)

    Returns
    -------
    DataFrame of str
        Index: the row labels (variable labels, categories indented by two
        spaces, ``Saknas`` rows), named ``Variabel``/``Characteristic``.
        Columns: one per group and the overall column. ``.attrs`` holds
        ``"footnotes"`` (list of str; markers ¹ ² … in the labels point to
        them) and ``"rows"`` (the (variable, category) of each row). Use
        :func:`to_markdown` or :func:`to_html` to render with footnotes.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke", "flicka", "pojke"], "alder": [4, 9, 15]}))
    >>> summary_table(cases, ["aldersgrupp"], by="kon").columns.tolist()
    ['Pojke, N = 2', 'Flicka, N = 1', 'Totalt, N = 3']
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci)
    min_cell = _check_min_cell(min_cell)
    if missing not in ("always", "ifany", "no"):
        raise ValueError(f"missing must be 'always', 'ifany' or 'no', not {missing!r}")
    if overall not in ("last", "first", None):
        raise ValueError(f"overall must be 'last', 'first' or None, not {overall!r}")
    if continuous not in _CONTINUOUS:
        raise ValueError(f"continuous must be one of {', '.join(_CONTINUOUS)}, not {continuous!r}")
    if add_p and by is None:
        raise ValueError("add_p=True needs by=: a p-value compares groups")
    if by is None:
        overall = "last"
    if variables is None:
        variables = [v for v in _default_variables(data) if v != by]
    elif isinstance(variables, str):
        variables = [variables]
    if not variables:
        raise ValueError("no variables to summarise")
    by_var = resolve_group(data, by) if by is not None else None

    marked: list[str] = []  # notes pointed to by a marker in a row label

    def mark(note: str) -> str:
        if note not in marked:
            marked.append(note)
        i = marked.index(note)
        return _SUPERSCRIPTS[i] if i < len(_SUPERSCRIPTS) else f"({i + 1})"

    groups = list(by_var.categories) if by_var is not None else []
    G = len(groups)
    rows: list[tuple] = []  # (label, stat cells, ci cells, (variable, category)); cells: groups…, overall
    header_n = header_hidden = None
    n_by_missing = np.nan
    suppression_note = ""
    p_values, p_tests = _p_values(data, variables, by, test, lang) if add_p else (None, [])
    p_cells: list[str] = []

    for name in variables:
        var = resolve(data, name)
        c = _count(data, var, by_var)
        if var.kind == "integer" and continuous != "categorical":
            new_rows, shown_n, note = _continuous_rows(var, by_var, c, lang, continuous, missing, dropna, min_cell, protect_zeros)
        else:
            new_rows, shown_n, note = _categorical_rows(c, lang, dropna, missing, decimals, ci, min_cell, protect_zeros, mark)
        # shown_n: published registrations per row (groups…, [by-missing,] overall); NaN = hidden
        if header_n is None:
            header_n = np.append(c.n_total, c.n_total.sum())
            header_hidden = np.zeros(len(header_n), dtype=bool)
        header_hidden |= np.isnan(shown_n)
        suppression_note = suppression_note or note
        for row in new_rows:
            rows.append(row)
            if p_values is not None:
                p_cells.append(p_values.get(row[3], ""))
        if c.has_by_missing:
            n_by_missing = c.n_total[G]

    def header(pos: int) -> str:
        """Column header; pos indexes groups…, overall (G)."""
        label = by_var.value_label(groups[pos], lang) if pos < G else text("overall", lang)
        at = pos if pos < G else len(header_n) - 1
        n = _SUPPRESSED if header_hidden[at] else format_count(header_n[at], lang)
        return text("n_header", lang, label=label, n=n)

    positions = list(range(G))
    if by_var is None:
        positions = [G]
    elif overall == "last":
        positions = positions + [G]
    elif overall == "first":
        positions = [G] + positions

    general = [text("stat_note_valid" if dropna else "stat_note_all", lang)]
    index = pd.Index([r[0] for r in rows], name=text("characteristic", lang))
    if ci is None:
        table = pd.DataFrame({header(pos): [r[1][pos] for r in rows] for pos in positions}, index=index)
    else:
        level = f"{ci * 100:g}".replace(".", "," if lang == "sv" else ".")
        ci_name = text("ci_header", lang, level=level)
        body = {}
        for pos in positions:
            body[(header(pos), "n (%)")] = [r[1][pos] for r in rows]
            body[(header(pos), ci_name)] = [r[2][pos] for r in rows]
        table = pd.DataFrame(body, index=index)
        table.columns = pd.MultiIndex.from_tuples(table.columns)
        general.append(text("ci_note", lang, level=level))
    if p_values is not None:
        table[(text("p_header", lang), "") if ci is not None else text("p_header", lang)] = p_cells
        if p_tests:
            general.append(text("p_note", lang, tests="; ".join(p_tests)))
    if by_var is not None and not np.isnan(n_by_missing):
        hidden = header_hidden[G]
        label = by_var.label(lang).lower() if lang == "sv" else by_var.label(lang)
        general.append(text("by_missing_note", lang, label=label, overall=text("overall", lang),
                            n=_SUPPRESSED if hidden else format_count(n_by_missing, lang)))
    if suppression_note:
        general.append(suppression_note)
    footnotes = [f"{mark(n)} {n}" for n in list(marked)] + general
    table.attrs["footnotes"] = footnotes
    table.attrs["rows"] = [r[3] for r in rows]
    table.attrs["lang"] = lang
    return table


def _p_values(data, variables, by, test, lang) -> tuple[dict, list[str]]:
    """Formatted p-values keyed by (variable, option or None), and the names of the tests used."""
    from webbkollen_lib.comparisons import compare_groups
    from webbkollen_lib.formatting import format_p

    result = compare_groups(data, variables, by, test=test, lang=lang)
    out: dict = {}
    tests: list[str] = []
    for row in result.itertuples(index=False):
        if pd.isna(row.p):
            continue
        if row.kind == "integer" and row.test == "welch":
            continue  # the table shows medians: use the rank test
        key = (row.variable, row.category if row.kind == "multi" else None)
        out[key] = format_p(row.p, lang)
        if row.test_label not in tests:
            tests.append(row.test_label)
    return out, tests


def _categorical_rows(c: _Counts, lang, dropna, missing, decimals, ci, min_cell, protect_zeros, mark):
    """Rows of one categorical / yes-no / multi-select variable; cells per array position (groups…, overall)."""
    var = c.var
    p = _publish(c, min_cell, protect_zeros, lang)
    G = len(c.groups)
    positions = list(range(G)) + [c.n_rows]  # group rows then the overall row (skip the by-missing row)
    denom = _denominators(p, c, dropna, min_cell)

    def stat(n, d):
        if np.isnan(n):
            return _SUPPRESSED
        if np.isnan(d):  # the denominator is hidden or below min_cell
            return f"{format_count(n, lang)} ({_SUPPRESSED})"
        if d == 0:
            return format_count(n, lang)
        return format_n_percent(n, n / d, decimals, lang)

    def interval(n, d):
        if ci is None:
            return ""
        if np.isnan(n) or np.isnan(d):
            return _SUPPRESSED
        if d == 0:
            return MISSING_TEXT
        low, high = wilson_interval(n, d, ci)
        return format_interval(low, high, decimals, lang, percent=True)

    out = []
    label = var.label(lang)
    if var.kind == "yesno":
        j = var.categories.index(True)
        out.append((label, [stat(p.counts[r, j], denom[r]) for r in positions],
                    [interval(p.counts[r, j], denom[r]) for r in positions], (var.name, None)))
    else:
        if var.is_multi:
            label = f"{label} {mark(text('multi_note', lang))}"
        out.append((label, [""] * len(positions), [""] * len(positions), (var.name, None)))
        for j, code in enumerate(var.categories):
            out.append(("  " + var.value_label(code, lang), [stat(p.counts[r, j], denom[r]) for r in positions],
                        [interval(p.counts[r, j], denom[r]) for r in positions],
                        (var.name, code)))
    any_missing = bool(c.n_missing.sum() > 0)
    if missing == "always" or (missing == "ifany" and any_missing):
        cells = []
        for r in positions:
            m = p.n_missing[r]
            if dropna:
                cells.append(_SUPPRESSED if np.isnan(m) else format_count(m, lang))
            else:
                d = p.n_total[r]
                if min_cell is not None and not d >= min_cell:
                    d = np.nan
                cells.append(stat(m, d))
        out.append(("  " + text("missing", lang), cells, [""] * len(positions), (var.name, "__missing__")))
    return out, p.n_total, p.footnote


def _continuous_rows(var, by_var, c: _Counts, lang, continuous, missing, dropna, min_cell, protect_zeros):
    """A summary row (median (Q1–Q3) or mean (SD)) and a missing row for an integer variable."""
    G = len(c.groups)
    valid = (c.n_total - c.n_missing).astype(np.int64)
    # protect the valid/missing split like a two-category table
    shown_valid = np.append(valid, valid.sum()).astype(float)
    shown_missing = np.append(c.n_missing, c.n_missing.sum()).astype(float)
    shown_total = np.append(c.n_total, c.n_total.sum()).astype(float)
    note = ""
    if min_cell is not None:
        from webbkollen_lib import disclosure

        rows = [f"r{i}" for i in range(c.n_rows)]
        table = pd.DataFrame({"valid": valid, "missing": c.n_missing}, index=rows)
        if G:
            pt = disclosure.protect_table(table, min_cell, shares=False, protect_zeros=protect_zeros, lang=lang)
            mask = pt.mask.to_numpy(dtype=bool)
        else:
            pt = disclosure.protect_table(table.iloc[0], min_cell, shares=False, protect_zeros=protect_zeros, lang=lang)
            mask = np.vstack([pt.mask.to_numpy(dtype=bool)] * 2)
        shown_valid = np.where(mask[:, 0] | (shown_valid < min_cell), np.nan, shown_valid)
        shown_missing = np.where(mask[:, 1], np.nan, shown_missing)
        shown_total = np.where(mask[:, 2], np.nan, shown_total)
        note = pt.footnote(lang)
    values = var.values.astype("Float64")
    if by_var is not None:
        gidx = _index(by_var.values, by_var.categories)
    else:
        gidx = np.zeros(len(values), dtype=np.int64)
    positions = list(range(G)) + [c.n_rows]
    cells = []
    for r in positions:
        if r == c.n_rows:
            x = values.dropna().to_numpy(dtype=float)
        else:
            x = values[gidx == r].dropna().to_numpy(dtype=float)
        if np.isnan(shown_valid[r]):
            cells.append(_SUPPRESSED)
        elif len(x) == 0:
            cells.append(MISSING_TEXT)
        elif continuous == "mean_sd":
            sd = float(np.std(x, ddof=1)) if len(x) > 1 else np.nan
            cells.append(format_mean_sd(float(np.mean(x)), sd, 1, lang))
        else:
            q1, med, q3 = np.percentile(x, [25, 50, 75])
            decimals = 0 if all(float(v).is_integer() for v in (q1, med, q3)) else 1
            cells.append(format_median_iqr(med, q1, q3, decimals, lang))
    label = f"{var.label(lang)}, {text(continuous, lang)}"
    out = [(label, cells, [""] * len(positions), (var.name, None))]
    if missing == "always" or (missing == "ifany" and c.n_missing.sum() > 0):
        mcells = []
        for r in positions:
            m = shown_missing[r]
            if np.isnan(m):
                mcells.append(_SUPPRESSED)
            elif dropna:
                mcells.append(format_count(m, lang))
            else:
                d = shown_total[r]
                share = m / d if (not np.isnan(d) and d > 0 and (min_cell is None or d >= min_cell)) else np.nan
                mcells.append(format_n_percent(m, share, 0, lang))
        out.append(("  " + text("missing", lang), mcells, [""] * len(positions), (var.name, "__missing__")))
    return out, shown_total, note


# ---------------------------------------------------------------------------
# crosstab
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CrossTable:
    """A two-way table: counts, shares and display text together.

    Attributes
    ----------
    counts : DataFrame (Int64)
        Rows x columns (codes), with a total row and column labelled
        ``"total"``; <NA> where hidden by disclosure control.
    shares : DataFrame (float)
        Shares within rows (``normalize="index"``) or within columns
        (``"columns"``), totals included; NaN where hidden or undefined.
    table : DataFrame of str
        The display: labels from the codebook, percentages, the n of each
        row (or column) in its label, a total line.
    normalize : str
    n : int
        Registrations in the table (both variables known).
    n_missing : int
        Registrations left out because a variable is missing.
    footnotes : tuple of str
    """

    counts: pd.DataFrame
    shares: pd.DataFrame
    table: pd.DataFrame
    normalize: str
    n: int
    n_missing: int
    footnotes: tuple = ()

    def _repr_html_(self) -> str:
        html = self.table.to_html(escape=True)
        notes = "".join(f"<p><small>{_escape(n)}</small></p>" for n in self.footnotes)
        return html + notes


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cross(
    row_codes: np.ndarray,
    col_codes: np.ndarray,
    row_cats: list,
    col_cats: list,
    row_labels: list,
    col_labels: list,
    *,
    normalize: str,
    lang: str,
    decimals: int,
    min_cell,
    protect_zeros: bool,
    n_missing: int,
    row_title: str,
    footnotes: list,
) -> CrossTable:
    """Build a CrossTable from two code arrays (-1 = missing, already excluded)."""
    R, C = len(row_cats), len(col_cats)
    ok = (row_codes >= 0) & (col_codes >= 0)
    counts = np.bincount(row_codes[ok] * C + col_codes[ok], minlength=R * C).reshape(R, C)
    full = np.zeros((R + 1, C + 1))
    full[:R, :C] = counts
    full[:R, C] = counts.sum(1)
    full[R, :C] = counts.sum(0)
    full[R, C] = counts.sum()
    shown = full.copy()
    notes = list(footnotes)
    if min_cell is not None:
        from webbkollen_lib import disclosure

        pt = disclosure.protect_table(
            pd.DataFrame(counts, index=[f"r{i}" for i in range(R)], columns=[f"c{j}" for j in range(C)]),
            min_cell, shares=False, margins=True, protect_zeros=protect_zeros, lang=lang,
        )
        shown = np.where(pt.mask.to_numpy(dtype=bool), np.nan, full)
        if pt.footnote(lang):
            notes.append(pt.footnote(lang))
    if normalize == "index":
        denom = np.repeat(shown[:, C:], C + 1, axis=1)
    else:
        denom = np.repeat(shown[R:, :], R + 1, axis=0)
    bad = np.isnan(shown) | np.isnan(denom) | (denom == 0)
    if min_cell is not None:
        bad |= denom < min_cell
    shares = np.where(bad, np.nan, shown / np.where(bad, 1, denom))
    codes_r = list(row_cats) + ["total"]
    codes_c = list(col_cats) + ["total"]
    counts_df = pd.DataFrame(shown, index=pd.Index(codes_r, dtype=object), columns=pd.Index(codes_c, dtype=object))
    counts_df = counts_df.apply(lambda s: pd.array(np.round(s.to_numpy(dtype=float)), dtype="Int64"))
    shares_df = pd.DataFrame(shares, index=counts_df.index, columns=counts_df.columns)
    total = text("total", lang)

    def n_text(v):
        return _SUPPRESSED if np.isnan(v) else format_count(v, lang)

    def cell(i, j) -> str:
        if np.isnan(shown[i, j]) or np.isnan(denom[i, j]):
            return _SUPPRESSED
        if denom[i, j] == 0:
            return MISSING_TEXT  # an empty row or column: no share
        if np.isnan(shares[i, j]):
            return _SUPPRESSED  # denominator below min_cell
        return format_percent(shares[i, j], decimals, lang)

    cells = [[cell(i, j) for j in range(C + 1)] for i in range(R + 1)]
    if normalize == "index":
        index = [text("n_label", lang, label=lab, n=n_text(shown[i, C])) for i, lab in enumerate(list(row_labels) + [total])]
        columns = list(col_labels) + [total]
    else:
        index = list(row_labels) + [total]
        columns = [text("n_label", lang, label=lab, n=n_text(shown[R, j])) for j, lab in enumerate(list(col_labels) + [total])]
    table = pd.DataFrame(cells, index=pd.Index(index, name=row_title), columns=columns)
    return CrossTable(counts_df, shares_df, table, normalize, int(full[R, C]), int(n_missing), tuple(notes))


def crosstab(
    data: pd.DataFrame,
    variable: str,
    by: str,
    *,
    normalize: str = "index",
    lang: str = "sv",
    decimals: int = 0,
    min_cell: int | None = None,
    protect_zeros: bool = False,
) -> CrossTable:
    """Distribution of ``variable`` within each group of ``by``, as percentages (Table 5 of the report).

    Rows are the groups of ``by`` (their n in the label), columns the
    categories of ``variable`` plus a total. Registrations missing either
    variable are left out and counted in ``n_missing``; the report's
    Table 5 likewise leaves out cases whose origin is not known.

    Parameters
    ----------
    normalize : {"index", "columns"}
        Shares within rows (each group sums to 100 %, default) or within
        columns (each category of ``variable`` sums to 100 %).
    min_cell : int, optional
        Disclosure control of the counts (see :func:`frequency_table`).

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke", "flicka", "pojke", "pojke"],
    ...                                    "risk_beslut": ["hog", "hog", "ingen_lag", None]}))
    >>> crosstab(cases, "risk_beslut", by="kon").shares.loc["pojke", "hog"]
    0.5
    """
    check_frame(data)
    lang = check_lang(lang)
    min_cell = _check_min_cell(min_cell)
    if normalize not in ("index", "columns"):
        raise ValueError(f"normalize must be 'index' or 'columns', not {normalize!r}")
    var = resolve(data, variable)
    if var.is_multi:
        raise ValueError(
            f"{variable!r} is a multi-select group: its options overlap, so a cross table of shares "
            f"does not sum to 100 %; use frequency_table(data, {variable!r}, by={by!r})"
        )
    g = resolve_group(data, by)
    rc = _index(g.values, g.categories)
    cc = _index(var.values, var.categories)
    n_missing = int(((rc < 0) | (cc < 0)).sum())
    return _cross(
        rc, cc, list(g.categories), list(var.categories),
        [g.value_label(x, lang) for x in g.categories], [var.value_label(x, lang) for x in var.categories],
        normalize=normalize, lang=lang, decimals=decimals, min_cell=min_cell, protect_zeros=protect_zeros,
        n_missing=n_missing, row_title=g.label(lang), footnotes=[],
    )


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------


def to_markdown(table: pd.DataFrame) -> str:
    """A summary table as Markdown, footnotes below (indentation kept with no-break spaces)."""
    frame = table.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" ".join(str(x) for x in col if x) for col in frame.columns]
    name = frame.index.name or ""
    frame.insert(0, name, [str(i).replace("  ", "\u00a0\u00a0") for i in frame.index])
    body = frame_to_markdown(frame.reset_index(drop=True))
    notes = table.attrs.get("footnotes", [])
    return body + ("\n" + "\n".join(notes) + "\n" if notes else "")


def to_html(table: pd.DataFrame) -> str:
    """A summary table as HTML, indentation kept and footnotes below (for reports and notebooks)."""
    frame = table.copy()
    frame.index = [str(i).replace("  ", "\u00a0\u00a0\u00a0\u00a0") for i in frame.index]
    frame.index.name = table.index.name
    html = frame.to_html(escape=True)
    notes = "".join(f"<p><small>{_escape(n)}</small></p>" for n in table.attrs.get("footnotes", []))
    return html + notes
