"""Descriptive tables: counts and shares, ``n (%)``, overall and by group.

Three functions, from tidy to publishable:

* :func:`frequency_table`: one row per category (and group) with the count,
  its denominator, the share, a Wilson confidence interval and the numbers
  valid and missing. Tidy: the input of plots and of your own tables.
* :func:`webbkollen_lib.present.tables.summary_table` (in the presentation
  layer, since it calls the group comparisons for its p-values): the
  publication table, in the spirit of R's gtsummary ``tbl_summary``.
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
:func:`webbkollen_lib.systems.webbkollen.derived.exposure_count`).

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

from webbkollen_lib import disclosure
from webbkollen_lib.analysis.variables import (
    MissingColumnError,
    Resolved,
    check_frame,
    check_lang,
    check_level,
    code_positions,
    resolve,
    resolve_group,
)
from webbkollen_lib.core.formatting import (
    MISSING_TEXT,
    format_count,
    format_percent,
    text,
)

__all__ = [
    "OVERALL",
    "MissingColumnError",
    "CrossTable",
    "frequency_table",
    "crosstab",
    "wilson_interval",
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



@dataclass
class Counts:
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


def count_by_group(data: pd.DataFrame, var: Resolved, by: Resolved | None) -> Counts:
    n = len(data)
    if by is None:
        gidx = np.zeros(n, dtype=np.int64)
        groups, G = [], 1
    else:
        gidx = code_positions(by.values, by.categories)
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
        cidx = code_positions(var.values, var.categories)
        ok = cidx >= 0
        counts = np.bincount(row[ok] * k + cidx[ok], minlength=rows * k)[: rows * k].reshape(rows, k)
    return Counts(var, groups, counts.astype(np.int64), n_total.astype(np.int64), n_missing.astype(np.int64), has_na)


@dataclass
class PublishedCounts:
    """What may be shown of a Counts (after disclosure control), incl. the overall row."""

    counts: np.ndarray  # float, NaN = hidden; rows = groups (+by-missing) + overall
    n_total: np.ndarray
    n_missing: np.ndarray
    suppressed: np.ndarray | None  # bool, same shape as counts
    footnote: str


def publish_counts(c: Counts, min_cell, protect_zeros: bool, lang: str) -> PublishedCounts:
    counts = np.vstack([c.counts, c.counts.sum(axis=0)]).astype(float)
    n_total = np.append(c.n_total, c.n_total.sum()).astype(float)
    n_missing = np.append(c.n_missing, c.n_missing.sum()).astype(float)
    if min_cell is None:
        return PublishedCounts(counts, n_total, n_missing, None, "")
    k = c.counts.shape[1]
    grouped = bool(c.groups)
    # the masks protect_multiselect / protect_table would publish; their formatted text is not needed here
    if c.var.is_multi:
        if grouped:
            mask = disclosure.multiselect_mask(np.column_stack([c.counts, c.n_missing]), c.n_total, min_cell,
                                               margins=True, protect_zeros=protect_zeros)
        else:  # options, missing, n; the only group is the overall
            mask = np.vstack([disclosure.multiselect_mask(np.append(c.counts[0], c.n_missing[0]), int(c.n_total[0]),
                                                          min_cell, protect_zeros=protect_zeros)] * 2)
    else:
        table = np.column_stack([c.counts, c.n_missing])
        if grouped:  # (rows+1) x (k+1+1): categories, missing, total
            mask = disclosure.count_mask(table, min_cell, margins=True, protect_zeros=protect_zeros)
        else:
            mask = np.vstack([disclosure.count_mask(table[0], min_cell, margins=True, protect_zeros=protect_zeros)] * 2)
    cell_mask = mask[:, :k]
    counts = np.where(cell_mask, np.nan, counts)
    n_missing = np.where(mask[:, k], np.nan, n_missing)
    n_total = np.where(mask[:, k + 1], np.nan, n_total)
    note = disclosure.footnote(min_cell, lang, protect_zeros) if mask.any() else ""
    return PublishedCounts(counts, n_total, n_missing, cell_mask, note)


def denominators(p: PublishedCounts, c: Counts, dropna: bool, min_cell) -> np.ndarray:
    """Denominator per row (NaN when it may not be shown)."""
    denom = p.n_total - p.n_missing if dropna else p.n_total
    if min_cell is not None:
        denom = np.where(denom < min_cell, np.nan, denom)
    return denom


def _tidy(c: Counts, p: PublishedCounts, *, lang: str, ci: float | None, dropna: bool, min_cell, overall: bool) -> pd.DataFrame:
    var = c.var
    k = c.counts.shape[1]
    denom_row = denominators(p, c, dropna, min_cell)
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


def check_min_cell(min_cell):
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
    min_cell = check_min_cell(min_cell)
    var = resolve(data, variable)
    by_var = resolve_group(data, by) if by is not None else None
    c = count_by_group(data, var, by_var)
    p = publish_counts(c, min_cell, protect_zeros, lang)
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


def cross_counts(
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
    min_cell = check_min_cell(min_cell)
    if normalize not in ("index", "columns"):
        raise ValueError(f"normalize must be 'index' or 'columns', not {normalize!r}")
    var = resolve(data, variable)
    if var.is_multi:
        raise ValueError(
            f"{variable!r} is a multi-select group: its options overlap, so a cross table of shares "
            f"does not sum to 100 %; use frequency_table(data, {variable!r}, by={by!r})"
        )
    g = resolve_group(data, by)
    rc = code_positions(g.values, g.categories)
    cc = code_positions(var.values, var.categories)
    n_missing = int(((rc < 0) | (cc < 0)).sum())
    return cross_counts(
        rc, cc, list(g.categories), list(var.categories),
        [g.value_label(x, lang) for x in g.categories], [var.value_label(x, lang) for x in var.categories],
        normalize=normalize, lang=lang, decimals=decimals, min_cell=min_cell, protect_zeros=protect_zeros,
        n_missing=n_missing, row_title=g.label(lang), footnotes=[],
    )
