"""Change over time within a registration: the decision compared with closure.

The report's §4.2 "Jämförelser över tid" compares, for the same registration,
what was recorded at the decision on the intervention with what was recorded
when it was closed: the risk assessment (Figure 8), talks with the child
(Table 7) and the school situation (Table 5b). The portal had no person id
(report §2.1), so the only pairs that exist are the two values on one
registration: ``risk_beslut`` and ``risk_avslut`` on a closure registration,
never a follow-up registration paired with a later closure.

Rules shared by every function here
-----------------------------------
* **Scope.** When the frame has ``tillfalle``, only registrations on which
  both variables can be filled in are looked at (the codebook's occasions:
  ``*_avslut`` only on closure registrations). Follow-up registrations are
  therefore not counted as "dropped" when the after-variable is a closure one.
* **Pairs.** A registration counts only when both values are present.
  ``NA`` ("inte känt", not registered) is excluded, and by default so are
  codes the codebook marks as meaning unknown (``ej_bedomt`` for schooling).
  How many were excluded, and why, is reported: in ``table.attrs`` for
  tables, in columns for the tidy test results.
* **Categories.** Every category of the codebook is kept, also when nobody
  is in it, so tables from different municipalities line up.

Results hold codes; pass ``lang="sv"`` or ``"en"`` to get codebook labels.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats
from scipy.sparse.csgraph import connected_components
from statsmodels.stats.contingency_tables import SquareTable, mcnemar
from statsmodels.stats.proportion import proportion_confint
from statsmodels.tools.sm_exceptions import SingularMatrixWarning

from webbkollen_lib.analysis.variables import code_scale, codebook_variable
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import MissingColumnError, require_columns, require_frame
from webbkollen_lib.systems.webbkollen.derived import SEX_ORIGIN_LABELS, sex_origin
from webbkollen_lib.core.formatting import format_count, text
from webbkollen_lib.core.labels import check_lang

__all__ = [
    "EXACT_BELOW",
    "SPARSE_PAIR",
    "CHANGE_LABELS",
    "transition_table",
    "change_summary",
    "marginal_homogeneity",
    "paired_yes_no",
    "school_change",
    "paired_codes",
    "pairing_scope",
]

#: McNemar's test is exact (binomial) when fewer discordant pairs than this.
EXACT_BELOW = 25

#: An off-diagonal pair of cells with fewer registrations than this (but more
#: than none) makes the chi-square approximation of Bowker's and Stuart–
#: Maxwell's tests doubtful; the result then carries a note.
SPARSE_PAIR = 5

#: Words of the change tables that are not codebook labels: {lang: {column: word}}
#: (the label catalogue's ``change`` group).
CHANGE_LABELS = catalogue.by_lang("change")

TOTAL = "total"
_DERIVED_GROUPS = {"kon_ursprung": (sex_origin, SEX_ORIGIN_LABELS)}


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def transition_table(
    data: pd.DataFrame,
    before: str = "risk_beslut",
    after: str = "risk_avslut",
    normalize: str | None = None,
    *,
    drop_unknown: bool = True,
    lang: str | None = None,
) -> pd.DataFrame:
    """Cross-table of the value at the decision (rows) by the value at closure (columns).

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form.
    before, after : str
        Columns with the same codes (a codebook scale or single choice, a
        yes/no variable, or any pair of Categoricals with equal categories).
    normalize : {None, "index", "columns", "all"}
        None gives counts; ``"index"`` row shares (Figure 8: of those at
        each level at the decision, the share at each level at closure);
        ``"columns"`` column shares, ``"all"`` shares of all pairs. A row
        with nobody in it has NaN shares, not zeros.
    drop_unknown : bool, default True
        Also exclude codes the codebook marks as meaning unknown
        (``ej_bedomt``); NA is always excluded.
    lang : {None, "sv", "en"}
        None keeps codes; otherwise rows, columns and axis names get codebook
        labels.

    Returns
    -------
    DataFrame
        Square, every category kept. ``attrs`` holds ``n`` (pairs used),
        ``n_excluded`` and ``excluded`` (``{"missing": .., "unknown": ..}``),
        counted among registrations in scope (see the module docstring), and,
        when the frame has ``tillfalle``, ``n_other_occasion``: registrations
        out of scope (e.g. follow-ups for a closure variable), not counted as
        excluded.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> d = apply_dtypes(pd.DataFrame({"risk_beslut": ["hog", "hog", None],
    ...                                "risk_avslut": ["nagot_forhojd", "hog", "hog"]}))
    >>> t = transition_table(d)
    >>> int(t.loc["hog", "nagot_forhojd"]), t.attrs["n"], t.attrs["n_excluded"]
    (1, 2, 1)
    """
    if normalize not in (None, "index", "columns", "all"):
        raise ValueError(f"normalize must be None, 'index', 'columns' or 'all', not {normalize!r}")
    check_lang(lang, allow_none=True)
    pairs, cats, info = paired_codes(data, before, after, drop_unknown=drop_unknown)
    counts = _count_matrix(pairs, before, after, cats)
    table = pd.DataFrame(
        counts,
        index=pd.Index(cats, name=before),
        columns=pd.Index(cats, name=after),
    )
    if normalize == "index":
        table = table.div(table.sum(axis=1).replace(0, np.nan), axis=0)
    elif normalize == "columns":
        table = table.div(table.sum(axis=0).replace(0, np.nan), axis=1)
    elif normalize == "all":
        table = table / (counts.sum() if counts.sum() else np.nan)
    if lang is not None:
        table = _label_square(table, before, after, lang)
    table.attrs = _attrs(info, before, after)
    return table


def change_summary(
    data: pd.DataFrame,
    before: str = "risk_beslut",
    after: str = "risk_avslut",
    *,
    lang: str | None = None,
) -> pd.DataFrame:
    """Per level at the decision: how many were lower, the same, higher at closure.

    This is the text of Figure 8 ("I 65 procent av dessa ärenden bedöms
    risken som lägre vid avslut"). Needs an ordered scale.

    Returns
    -------
    DataFrame
        One row per starting level plus ``"total"``; columns ``n``,
        ``n_lower``, ``n_same``, ``n_higher`` and the shares ``lower``,
        ``same``, ``higher`` (of ``n``; NaN when ``n`` is 0). Nobody can be
        lower than the lowest level, so its ``lower`` is 0 by construction.
        ``attrs`` as in :func:`transition_table`. With ``lang`` the rows and
        columns carry labels.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> d = apply_dtypes(pd.DataFrame({"risk_beslut": ["hog", "hog", "ingen_lag"],
    ...                                "risk_avslut": ["nagot_forhojd", "hog", "hog"]}))
    >>> s = change_summary(d)
    >>> int(s.loc["hog", "n"]), s.loc["hog", ["lower", "same", "higher"]].tolist()
    (2, [0.5, 0.5, 0.0])
    """
    check_lang(lang, allow_none=True)
    spec = code_scale(data, before)
    if not spec["ordered"]:
        raise ValueError(
            f"change_summary needs an ordered scale; {before!r} has unordered codes "
            f"({', '.join(map(str, spec['categories']))}). Use transition_table instead."
        )
    counts = transition_table(data, before, after)
    info = counts.attrs
    t = counts.to_numpy()
    k = t.shape[0]
    lower = np.array([t[i, :i].sum() for i in range(k)])
    same = np.diag(t).copy()
    higher = np.array([t[i, i + 1 :].sum() for i in range(k)])
    n = t.sum(axis=1)
    index = list(counts.index) + [TOTAL]
    out = pd.DataFrame(
        {
            "n": np.append(n, n.sum()),
            "n_lower": np.append(lower, lower.sum()),
            "n_same": np.append(same, same.sum()),
            "n_higher": np.append(higher, higher.sum()),
        },
        index=pd.Index(index, name=before, dtype=object),
    ).astype("int64")
    denom = out["n"].replace(0, np.nan)
    for key in ("lower", "same", "higher"):
        out[key] = out[f"n_{key}"] / denom
    if lang is not None:
        words = catalogue.labels("change", lang)
        labels = {**_value_labels(before, lang), TOTAL: text("total", lang)}
        out.index = pd.Index([labels.get(c, c) for c in out.index], name=_column_label(before, lang))
        out.columns = [words.get(c, c) for c in out.columns]
    out.attrs = dict(info)
    return out


def marginal_homogeneity(
    data: pd.DataFrame,
    before: str = "risk_beslut",
    after: str = "risk_avslut",
    *,
    drop_unknown: bool = True,
    lang: str | None = None,
) -> pd.DataFrame:
    """Stuart–Maxwell test of marginal homogeneity and Bowker's test of symmetry.

    For the square table :math:`n_{ij}` (decision ``i``, closure ``j``):

    * **Stuart–Maxwell** (Stuart 1955, Maxwell 1970): do the distributions at
      decision and at closure differ? With :math:`d_i = n_{i+} - n_{+i}` and
      :math:`S_{ii} = n_{i+} + n_{+i} - 2n_{ii}`, :math:`S_{ij} = -(n_{ij} + n_{ji})`,
      both for :math:`i, j < k`, :math:`X^2 = d^\\top S^{-1} d \\sim \\chi^2_{k-1}`.
      Computed by statsmodels ``SquareTable(table, shift_zeros=False).homogeneity()``.
    * **Bowker** (1948): is the table symmetric, :math:`p_{ij} = p_{ji}`?
      :math:`X^2 = \\sum_{i<j} (n_{ij} - n_{ji})^2 / (n_{ij} + n_{ji}) \\sim
      \\chi^2_{k(k-1)/2}`. statsmodels ``SquareTable(...).symmetry()``.

    For two categories both reduce to McNemar's test without continuity
    correction. statsmodels' default ``shift_zeros=True`` would add 0.5 to
    every cell when one is zero; that changes the statistics, so it is off.

    Sparse tables
    -------------
    A category in which nobody changed (no registration moved into or out of
    it: an empty category, or one where everyone stayed) carries no
    information on change, and it makes :math:`S` singular. Such categories
    are left out of both tests (and of the degrees of freedom); ``note`` says
    which. If the remaining categories fall into separate groups with no
    movement between them, :math:`S` is block diagonal and the Stuart–Maxwell
    statistic is the sum of the groups' statistics with the sum of their
    degrees of freedom (the generalised-inverse form of the test). An empty
    off-diagonal pair (:math:`n_{ij} = n_{ji} = 0`) between kept categories
    adds 0 to Bowker's statistic but counts in its degrees of freedom, as in
    statsmodels (``SquareTable.symmetry`` adds 1e-20 to each pair's
    denominator and keeps df = k(k−1)/2); the note says so, since that makes
    the test conservative. Other tools differ: R's ``mcnemar.test`` divides
    0 by 0 there and returns a NaN statistic and p-value, and SAS PROC FREQ
    documents df = r(r−1)/2 without saying how an empty pair is treated. A pair with fewer than :data:`SPARSE_PAIR` registrations
    makes the chi-square approximation doubtful; the note says that too.
    When nobody changed at all the tests are undefined: NaN with a note.

    Returns
    -------
    DataFrame
        Index ``test`` (``"stuart_maxwell"``, ``"bowker"``); columns
        ``statistic``, ``df``, ``p``, ``n`` (pairs used), ``n_excluded``,
        ``categories`` (the codes tested, comma separated) and ``note``
        ("" when there is nothing to say), in ``lang`` (default None: English;
        the notes come from the label catalogue).

    References
    ----------
    Stuart, A. (1955). A test for homogeneity of the marginal distributions in
    a two-way classification. *Biometrika* 42, 412–416.
    Maxwell, A. E. (1970). Comparing the classification of subjects by two
    independent judges. *Br J Psychiatry* 116, 651–655.
    Bowker, A. H. (1948). A test for symmetry in contingency tables. *JASA* 43,
    572–574. Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed., §11.2–11.3.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> d = apply_dtypes(pd.DataFrame({"risk_beslut": ["hog"] * 6 + ["ingen_lag"] * 2,
    ...                                "risk_avslut": ["ingen_lag"] * 6 + ["hog"] * 2}))
    >>> round(marginal_homogeneity(d).loc["bowker", "statistic"], 3)  # (6-2)^2/(6+2)
    2.0
    """
    check_lang(lang, allow_none=True)
    table = transition_table(data, before, after, drop_unknown=drop_unknown)
    info = table.attrs
    rows = _square_tests(table.to_numpy(), [str(c) for c in table.index], lang)
    out = pd.DataFrame(rows).set_index("test")
    out.insert(3, "n", info["n"])
    out.insert(4, "n_excluded", info["n_excluded"])
    out["df"] = out["df"].astype("int64")
    out.attrs = dict(info)
    return out


def paired_yes_no(
    data: pd.DataFrame,
    before: str = "samtal_enskilt_beslut",
    after: str = "samtal_enskilt_avslut",
    by: str | pd.Series | None = None,
    *,
    alpha: float = 0.05,
    lang: str | None = None,
) -> pd.DataFrame:
    """Share "yes" at the decision and at closure, McNemar's test and the paired difference.

    For each group (Table 7: talks with the child alone, by sex and origin)
    the registrations with both answers form the paired table

    ============  ==========  =========
    before/after  yes         no
    ============  ==========  =========
    yes           :math:`a`   :math:`b`
    no            :math:`c`   :math:`d`
    ============  ==========  =========

    * shares ``share_before`` :math:`(a+b)/n`, ``share_after`` :math:`(a+c)/n`
      and ``difference`` = after − before = :math:`(c-b)/n`;
    * McNemar's test of :math:`b = c` (statsmodels ``mcnemar``): exact
      two-sided binomial when :math:`b + c <` :data:`EXACT_BELOW`, otherwise
      the chi-square :math:`(|b-c|-1)^2/(b+c)` with continuity correction;
      ``statistic`` is :math:`\\min(b, c)` for the exact test;
    * a ``1 - alpha`` confidence interval for the difference by Newcombe's
      square-and-add method for paired proportions (Newcombe 1998b, method
      10): Wilson intervals for both shares combined with the correlation
      estimate :math:`\\phi` (set to 0 when :math:`0 \\le ad - bc \\le n/2`).

    Parameters
    ----------
    by : str or Series, optional
        A column (``"kon"``), ``"kon_ursprung"`` (the report's sex × origin
        groups, derived when the frame lacks it), or a Series aligned with
        ``data``. Registrations whose group is missing count only in the
        total row.

    Returns
    -------
    DataFrame
        One row per group plus ``"total"``: ``n`` (pairs used),
        ``n_excluded`` (one or both answers missing), ``n_yes_before``,
        ``n_yes_after``, ``share_before``, ``share_after``, ``n_yes_no``
        (:math:`b`), ``n_no_yes`` (:math:`c`), ``difference``, ``ci_low``,
        ``ci_high``, ``method`` (``"exact"`` or ``"chi2_cc"``),
        ``statistic``, ``p`` and ``note`` (in ``lang``; English when it is None).

    References
    ----------
    McNemar, Q. (1947). *Psychometrika* 12, 153–157.
    Newcombe, R. G. (1998). Improved confidence intervals for the difference
    between binomial proportions based on paired data. *Stat Med* 17, 2635–2650.
    Fagerland, M. W., Lydersen, S., Laake, P. (2017). *Statistical Analysis of
    Contingency Tables*, ch. 8.
    """
    check_lang(lang, allow_none=True)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha!r}")
    for column in (before, after):
        _require(data, [column])
        var = codebook_variable(column)
        if var is not None and var.kind not in ("yesno", "multi"):
            raise ValueError(f"paired_yes_no needs yes/no columns; {column!r} is a {var.kind} variable")
    scope = pairing_scope(data, before, after)
    frame = data.loc[scope]
    yes_before = _as_bool(frame[before], before)
    yes_after = _as_bool(frame[after], after)
    groups, order, group_labels = _groups(frame, by)
    rows = []
    keys = [] if groups is None else order
    for key in keys + [TOTAL]:
        in_group = pd.Series(True, index=frame.index) if key == TOTAL else (groups == key).fillna(False)
        rows.append({"group": key, **_yes_no_row(yes_before[in_group], yes_after[in_group], alpha, lang)})
    out = pd.DataFrame(rows).set_index("group")
    out.index.name = by if isinstance(by, str) else (getattr(by, "name", None) or "group")
    if lang is not None:
        labels = {**group_labels(lang), TOTAL: text("total", lang)}
        out.index = pd.Index([labels.get(k, str(k)) for k in out.index], name=out.index.name)
    out.attrs = {"before": before, "after": after, "alpha": alpha}
    return out


def school_change(
    data: pd.DataFrame,
    by: str | pd.Series | None = "kon",
    restrict: Mapping | None = None,
    *,
    before: str = "skola_beslut",
    after: str = "skola_avslut",
    start: str | list[str] = "nar_ej_kunskapskrav",
    normalize: bool = True,
    lang: str | None = None,
) -> pd.DataFrame:
    """The school situation at closure of those who did not meet the requirements at the decision (Table 5b).

    The report (§4.2, Exempel 1) restricts to children born in Sweden,
    "eftersom en stor andel av de utlandsfödda barnen är ensamkommande, där
    skolsituationen ännu inte har kunnat bedömas vid beslut", and shows,
    separately for boys and girls, the situation at closure as shares. Every
    category of ``after`` is a row, including ``ej_bedomt`` ("Kan ej
    bedöma/inte känt/ej aktuellt"), as in the report.

    Parameters
    ----------
    by : str, Series or None
        Groups, as in :func:`paired_yes_no`; None for one column ``"total"``.
    restrict : mapping, optional
        Column -> value (or list of values) that the registrations must have.
        Default ``{"ursprung": "sverige"}``; pass ``{}`` for everybody.
    start : str or list of str
        The code(s) of ``before`` that select the children; default
        ``"nar_ej_kunskapskrav"``.
    normalize : bool, default True
        Shares of each group's column (True) or counts (False).
    lang : {None, "sv", "en"}
        Labels; the group columns then read "Pojke (n=34)" as in the report.

    Returns
    -------
    DataFrame
        Rows: codes of ``after``; columns: groups. ``attrs["n"]`` holds the
        number per group, ``attrs["n_excluded"]`` the selected registrations
        left out (``after`` missing, or group missing) and ``attrs["excluded"]``
        the split by reason.
    """
    check_lang(lang, allow_none=True)
    restrict = {"ursprung": "sverige"} if restrict is None else dict(restrict)
    _require(data, [before, after, *restrict])
    scope = pairing_scope(data, before, after)
    frame = data.loc[scope]
    for column, wanted in restrict.items():
        values = list(wanted) if _is_listlike(wanted) else [wanted]
        var = codebook_variable(column)
        if var is not None and var.kind in ("single", "scale"):
            bad = [v for v in values if v not in var.categories]
            if bad:
                raise ValueError(
                    f"restrict: {bad} not among the codes of {column!r}; allowed: {', '.join(var.categories)}"
                )
        frame = frame.loc[frame[column].isin(values).fillna(False).astype(bool)]
    spec_before = code_scale(data, before)
    spec_after = code_scale(data, after)
    starts = [start] if isinstance(start, str) else list(start)
    bad = [s for s in starts if s not in spec_before["categories"]]
    if bad:
        raise ValueError(
            f"start: {bad} not among the codes of {before!r}; allowed: {', '.join(map(str, spec_before['categories']))}"
        )
    first = _as_codes(frame[before], before, spec_before["categories"])
    frame = frame.loc[first.isin(starts).to_numpy()]
    second = _as_codes(frame[after], after, spec_after["categories"])
    groups, order, group_labels = _groups(frame, by)
    if groups is None:
        groups = pd.Series(TOTAL, index=frame.index)
        order = [TOTAL]

        def group_labels(lang_):
            return {TOTAL: text("total", lang_)}

    missing_after = second.isna().to_numpy()
    missing_group = groups.isna().to_numpy() & ~missing_after
    keep = ~missing_after & ~missing_group
    cats = spec_after["categories"]
    cells = np.zeros((len(cats), len(order)), dtype="int64")
    row_of = {c: i for i, c in enumerate(cats)}
    col_of = {g: j for j, g in enumerate(order)}
    rows = second[keep].map(row_of).to_numpy(int)
    columns = groups[keep].map(col_of)
    if columns.isna().any():
        raise ValueError(f"group value(s) {sorted(map(str, groups[keep][columns.isna()].unique()))} not among {order}")
    np.add.at(cells, (rows, columns.to_numpy(int)), 1)
    counts = pd.DataFrame(cells, index=pd.Index(cats, name=after), columns=pd.Index(order, name=_name(by)))
    n = counts.sum(axis=0)
    out = counts.div(n.replace(0, np.nan), axis=1) if normalize else counts
    if lang is not None:
        labels = group_labels(lang)
        out = out.rename(index=_value_labels(after, lang))
        out.index.name = _column_label(after, lang)
        out.columns = [text("n_label", lang, label=labels.get(g, str(g)), n=format_count(int(n[g]), lang)) for g in order]
    out.attrs = {
        "n": {str(g): int(n[g]) for g in order},
        "n_excluded": int((~keep).sum()),
        "excluded": {"missing": int(missing_after.sum()), "no_group": int(missing_group.sum())},
        "before": before,
        "after": after,
        "start": starts,
        "restrict": {k: v for k, v in restrict.items()},
    }
    return out


# ---------------------------------------------------------------------------
# the tests on a square table of counts
# ---------------------------------------------------------------------------


def _note(key: str, lang: str | None, **fields) -> str:
    """A note of the change tests from the catalogue (``change.note.*``); English when ``lang`` is None."""
    return catalogue.text(f"change.note.{key}", lang or "en", **fields)


def _square_tests(counts: np.ndarray, categories: list[str], lang: str | None = None) -> list[dict]:
    """Stuart–Maxwell and Bowker on a k x k table of counts (see marginal_homogeneity)."""
    counts = np.asarray(counts, dtype=float)
    off = counts + counts.T
    np.fill_diagonal(off, 0)
    informative = off.sum(axis=1) > 0
    kept = [c for c, keep in zip(categories, informative) if keep]
    dropped = [c for c, keep in zip(categories, informative) if not keep]
    common = []
    if dropped and kept:
        common.append(_note("left_out_one" if len(dropped) == 1 else "left_out_many", lang,
                            n=len(dropped), codes=", ".join(dropped)))
    if len(kept) < 2:
        note = _note("nobody_changed" if counts.sum() else "no_pairs", lang)
        return [
            {"test": t, "statistic": np.nan, "df": 0, "p": np.nan, "categories": "", "note": note}
            for t in ("stuart_maxwell", "bowker")
        ]
    table = counts[np.ix_(informative, informative)]
    pair_sums = (table + table.T)[np.triu_indices(len(kept), 1)]
    if ((pair_sums > 0) & (pair_sums < SPARSE_PAIR)).any():
        few = int(((pair_sums > 0) & (pair_sums < SPARSE_PAIR)).sum())
        common.append(_note("sparse", lang, few=few, pairs=len(pair_sums), limit=SPARSE_PAIR))

    # Stuart–Maxwell, one connected group of categories at a time
    n_groups, labels = connected_components((off[np.ix_(informative, informative)] > 0).astype(int), directed=False)
    statistic, df = 0.0, 0
    sm_notes = list(common)
    for g in range(n_groups):
        members = labels == g
        with warnings.catch_warnings():
            warnings.simplefilter("error", SingularMatrixWarning)
            try:
                res = SquareTable(table[np.ix_(members, members)], shift_zeros=False).homogeneity()
            except SingularMatrixWarning:  # pragma: no cover - excluded by construction above
                res = None
        if res is None or not np.isfinite(res.statistic):  # pragma: no cover
            statistic, df = np.nan, 0
            sm_notes.append(_note("not_inverted", lang))
            break
        statistic += float(res.statistic)
        df += int(res.df)
    if n_groups > 1:
        groups = [", ".join(k for k, lab in zip(kept, labels) if lab == g) for g in range(n_groups)]
        sm_notes.append(_note("groups", lang, n=n_groups, groups="; ".join(groups)))
    sm_p = float(stats.chi2.sf(statistic, df)) if df > 0 and np.isfinite(statistic) else np.nan

    bowker = SquareTable(table, shift_zeros=False).symmetry()
    b_notes = list(common)
    empty = int((pair_sums == 0).sum())
    if empty:
        b_notes.append(_note("empty_many" if empty > 1 else "empty_one", lang, n=empty))
    return [
        {"test": "stuart_maxwell", "statistic": statistic, "df": df, "p": sm_p,
         "categories": ", ".join(kept), "note": "; ".join(sm_notes)},
        {"test": "bowker", "statistic": float(bowker.statistic), "df": int(bowker.df), "p": float(bowker.pvalue),
         "categories": ", ".join(kept), "note": "; ".join(b_notes)},
    ]


# ---------------------------------------------------------------------------
# paired yes/no
# ---------------------------------------------------------------------------


def _yes_no_row(before: pd.Series, after: pd.Series, alpha: float, lang: str | None = None) -> dict:
    both = before.notna() & after.notna()
    x = before[both].astype(bool).to_numpy()
    y = after[both].astype(bool).to_numpy()
    n = int(both.sum())
    a = int((x & y).sum())
    b = int((x & ~y).sum())
    c = int((~x & y).sum())
    d = n - a - b - c
    row = {
        "n": n,
        "n_excluded": int((~both).sum()),
        "n_yes_before": a + b,
        "n_yes_after": a + c,
        "share_before": (a + b) / n if n else np.nan,
        "share_after": (a + c) / n if n else np.nan,
        "n_yes_no": b,
        "n_no_yes": c,
        "difference": (c - b) / n if n else np.nan,
        "ci_low": np.nan,
        "ci_high": np.nan,
        "method": "",
        "statistic": np.nan,
        "p": np.nan,
        "note": "",
    }
    if n == 0:
        row["note"] = _note("no_pairs_yes_no", lang)
        return row
    low, high = _newcombe_paired_ci(a, b, c, d, alpha)
    exact = b + c < EXACT_BELOW
    res = mcnemar(np.array([[a, b], [c, d]]), exact=exact, correction=True)
    row.update(ci_low=low, ci_high=high, method="exact" if exact else "chi2_cc",
               statistic=float(res.statistic), p=float(res.pvalue))
    if b + c == 0:
        row["note"] = _note("no_discordant", lang)
    return row


def _newcombe_paired_ci(a: int, b: int, c: int, d: int, alpha: float) -> tuple[float, float]:
    """CI for share_after - share_before by Newcombe's (1998) square-and-add method 10.

    ``a`` yes/yes, ``b`` yes/no, ``c`` no/yes, ``d`` no/no (before/after).
    """
    n = a + b + c + d
    p1, p2 = (a + b) / n, (a + c) / n  # before, after
    l1, u1 = proportion_confint(a + b, n, alpha=alpha, method="wilson")
    l2, u2 = proportion_confint(a + c, n, alpha=alpha, method="wilson")
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    phi = 0.0
    if margins > 0:
        cross = a * d - b * c
        if cross > n / 2:
            phi = (cross - n / 2) / np.sqrt(margins)
        elif cross < 0:
            phi = cross / np.sqrt(margins)
    delta = p2 - p1
    low = delta - np.sqrt(max((p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2, 0.0))
    high = delta + np.sqrt(max((u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2, 0.0))
    return float(max(low, -1.0)), float(min(high, 1.0))


# ---------------------------------------------------------------------------
# columns, codes, scope
# ---------------------------------------------------------------------------


def _require(data: pd.DataFrame, columns) -> None:
    require_frame(data)
    require_columns(data, columns, "this analysis of change")


def _as_codes(series: pd.Series, column: str, categories: list) -> pd.Series:
    """The column as an object Series of codes, NA kept; unknown values raise."""
    if isinstance(series.dtype, pd.BooleanDtype) or series.dtype == bool:
        values = series.astype("boolean").astype(object)
    else:
        values = series.astype(object)
    values = values.where(series.notna(), None)
    present = pd.unique(values.dropna())
    bad = [v for v in present if v not in categories]
    if bad:
        raise ValueError(
            f"column {column!r}: value(s) {sorted(map(str, bad))} not among the codes "
            f"{', '.join(map(str, categories))}"
        )
    return values


def _as_bool(series: pd.Series, column: str) -> pd.Series:
    try:
        return series.astype("boolean")
    except (TypeError, ValueError):
        raise ValueError(f"column {column!r} must hold yes/no values (True/False/NA)") from None


def pairing_scope(data: pd.DataFrame, before: str, after: str) -> np.ndarray:
    """Boolean mask of the registrations on which both variables can be filled in (codebook occasions)."""
    _require(data, [before, after])
    if "tillfalle" not in data.columns:
        return np.ones(len(data), dtype=bool)
    allowed = None
    for column in (before, after):
        var = codebook_variable(column)
        if var is not None and var.datasets:
            allowed = set(var.allowed_on) if allowed is None else allowed & set(var.allowed_on)
    if allowed is None:
        return np.ones(len(data), dtype=bool)
    if not allowed:
        raise ValueError(
            f"{before!r} and {after!r} are never filled in on the same registration, so they cannot "
            "be paired (registrations carry no person id: report §2.1)"
        )
    return data["tillfalle"].astype(object).isin(allowed).to_numpy()


def paired_codes(data: pd.DataFrame, before: str, after: str, *, drop_unknown: bool):
    """Paired codes of two columns on the registrations that carry both, the categories used, and what was excluded.

    Returns ``(pairs, categories, info)``: a two-column frame of codes, the
    categories in order (without the unknown codes when ``drop_unknown``), and
    counts of the registrations used and left out. Shared with the figures
    (:mod:`webbkollen_lib.plots.figures`).
    """
    _require(data, [before, after])
    if before == after:
        raise ValueError(f"before and after are the same column ({before!r})")
    spec_b, spec_a = code_scale(data, before), code_scale(data, after)
    if spec_b["categories"] != spec_a["categories"]:
        raise ValueError(
            f"{before!r} and {after!r} must have the same codes in the same order to be compared; "
            f"{before!r}: {spec_b['categories']}, {after!r}: {spec_a['categories']}"
        )
    scope = pairing_scope(data, before, after)
    frame = data.loc[scope]
    x = _as_codes(frame[before], before, spec_b["categories"])
    y = _as_codes(frame[after], after, spec_a["categories"])
    missing = (x.isna() | y.isna()).to_numpy()
    unknown_codes = sorted(set(spec_b["unknown"]) | set(spec_a["unknown"])) if drop_unknown else []
    unknown = ~missing & (x.isin(unknown_codes) | y.isin(unknown_codes)).to_numpy()
    keep = ~missing & ~unknown
    cats = [c for c in spec_b["categories"] if c not in unknown_codes]
    pairs = pd.DataFrame({before: x[keep].to_numpy(), after: y[keep].to_numpy()})
    info = {
        "n": int(keep.sum()),
        "n_excluded": int((~keep).sum()),
        "excluded": {"missing": int(missing.sum()), "unknown": int(unknown.sum())},
    }
    if "tillfalle" in data.columns:
        info["n_other_occasion"] = int((~scope).sum())
    return pairs, cats, info


def _count_matrix(pairs: pd.DataFrame, before: str, after: str, cats: list) -> np.ndarray:
    pos = {c: i for i, c in enumerate(cats)}
    counts = np.zeros((len(cats), len(cats)), dtype="int64")
    if len(pairs):
        np.add.at(counts, (pairs[before].map(pos).to_numpy(int), pairs[after].map(pos).to_numpy(int)), 1)
    return counts


def _attrs(info: dict, before: str, after: str) -> dict:
    return {**info, "before": before, "after": after}


def _groups(frame: pd.DataFrame, by):
    """(group Series or None, ordered group codes, function lang -> labels)."""
    if by is None:
        return None, [], lambda lang: {}
    if isinstance(by, pd.Series):
        groups = by.reindex(frame.index)
        name = by.name
    elif isinstance(by, str) and by in frame.columns:
        groups = frame[by]
        name = by
    elif isinstance(by, str) and by in _DERIVED_GROUPS:
        func, _ = _DERIVED_GROUPS[by]
        groups = func(frame)
        name = by
    else:
        raise MissingColumnError(
            f"the data has no column {by!r} to group by (derived groups: {', '.join(_DERIVED_GROUPS)})", by
        )
    if isinstance(groups.dtype, pd.CategoricalDtype):
        order = list(groups.dtype.categories)
    else:
        spec_var = codebook_variable(name) if isinstance(name, str) else None
        if spec_var is not None and spec_var.kind in ("single", "scale"):
            order = list(spec_var.categories)
        elif spec_var is not None and spec_var.kind in ("yesno", "multi"):
            order = [True, False]
        else:
            order = sorted(pd.unique(groups.dropna()), key=str)
    groups = groups.astype(object).where(groups.notna(), None)

    def labels(lang):
        if isinstance(name, str) and name in _DERIVED_GROUPS:
            return dict(_DERIVED_GROUPS[name][1][lang])
        if isinstance(name, str) and codebook_variable(name) is not None:
            return _value_labels(name, lang)
        return {}

    return groups, order, labels


def _name(by) -> str:
    if by is None:
        return "group"
    return by if isinstance(by, str) else (by.name or "group")


def _is_listlike(value) -> bool:
    return isinstance(value, (list, tuple, set, frozenset, pd.Index, np.ndarray, pd.Series))


def _value_labels(column: str, lang: str) -> dict:
    var = codebook_variable(column)
    return get_codebook().value_labels(column, lang) if var is not None else {}


def _column_label(column: str, lang: str) -> str:
    return get_codebook().label(column, lang) if codebook_variable(column) is not None else column


def _label_square(table: pd.DataFrame, before: str, after: str, lang: str) -> pd.DataFrame:
    out = table.copy()
    out.index = pd.Index([_value_labels(before, lang).get(c, str(c)) for c in table.index], name=_column_label(before, lang))
    out.columns = pd.Index([_value_labels(after, lang).get(c, str(c)) for c in table.columns], name=_column_label(after, lang))
    return out
