"""Identified exposure and assessed risk: the report's Table 2 and the analyses behind it.

The report (§3.3, "Statistiska analyser av samband mellan utsatthet och
risk") found a significant positive association between the number of
identified forms of exposure at the decision and the assessed risk that the
child is harmed. This module gives

* :func:`exposure_by_risk`: Table 2, the number of identified exposures in
  bins (0–2, 3–5, 6 or more) within each level of risk, as column
  percentages with the counts;
* :func:`ordinal_association`: Kendall's tau-b, Spearman's rho and
  Goodman–Kruskal's gamma between two ordinal variables, each with a
  confidence interval and a p-value;
* :func:`risk_model`: an ordinal (proportional-odds) logistic regression of
  the risk on exposure count, sex, age group and origin (statsmodels
  ``OrderedModel``), as odds ratios with intervals.

The exposure count is :func:`webbkollen_lib.systems.webbkollen.derived.exposure_count` (ticked
options of the hem_, vh_ and barn_ groups, "none" answers not counted);
pass ``x="antal_utsatthet"`` (alias ``"exposure_count"``).

Concordance (for tau-b and gamma)
---------------------------------
For the r x c table n_ij of x (rows, ascending) by y (columns, ascending),
A_ij = number of observations concordant with cell (i, j) (both higher or
both lower), D_ij = discordant (one higher, one lower); P = Σ n_ij A_ij and
Q = Σ n_ij D_ij are twice the numbers of concordant and discordant pairs.

* gamma = (P − Q) / (P + Q) (Goodman & Kruskal 1954). Asymptotic standard
  error (Goodman & Kruskal 1963; Agresti 2010, §7.1; the ASE1 of SAS PROC
  FREQ): ASE = 4/(P+Q)² · sqrt(Σ n_ij (Q A_ij − P D_ij)²). The interval is
  gamma ± z·ASE, cut to [−1, 1]; the p-value tests gamma = 0 with the
  standard error under independence,
  ASE0 = 2/(P+Q) · sqrt(Σ n_ij (A_ij − D_ij)² − (P − Q)²/n).
* tau-b = (P − Q) / sqrt(w_r w_c), w_r = n² − Σ n_i.², w_c = n² − Σ n_.j²
  (estimate and p-value from :func:`scipy.stats.kendalltau`). ASE1 (SAS
  PROC FREQ; Brown & Benedetti 1977): with w = sqrt(w_r w_c),
  d_ij = A_ij − D_ij, v_ij = n_i. w_c + n_.j w_r,
  ASE = 1/w² · sqrt(Σ n_ij (2 w d_ij + tau_b v_ij)² − n³ tau_b² (w_r + w_c)²).
* Spearman's rho (:func:`scipy.stats.spearmanr`, mid-ranks for ties);
  interval by Fisher's z with the Bonett & Wright (2000) standard error
  sqrt((1 + rho²/2) / (n − 3)).

At perfect association (|gamma| = 1: no discordant or no concordant pairs;
|tau-b| = 1: a diagonal table) both ASEs are 0, so the interval is the
point [±1, ±1]: degenerate, saying nothing about precision however few the
observations. The results then carry a ``note`` saying so (Spearman's
interval is undefined at |rho| = 1 and is NaN, with a note too).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.miscmodels.ordinal_model import OrderedModel

from webbkollen_lib.analysis.variables import (
    MissingColumnError,
    Resolved,
    check_frame,
    check_lang,
    check_level,
    needs,
    resolve,
)
from webbkollen_lib.analysis.descriptive import CrossTable, check_min_cell, cross_counts, code_positions
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.formatting import text

__all__ = [
    "MissingColumnError",
    "DEFAULT_BINS",
    "bin_exposure_count",
    "exposure_by_risk",
    "concordance",
    "goodman_kruskal_gamma",
    "kendall_tau_b",
    "degenerate_interval_note",
    "observed_information",
    "GRADIENT_TOL",
    "ordinal_association",
    "RiskModel",
    "risk_model",
]

#: The report's Table 2 bins: 0–2, 3–5, 6 or more identified forms of exposure.
DEFAULT_BINS = ((0, 2), (3, 5), (6, None))


# ---------------------------------------------------------------------------
# Table 2
# ---------------------------------------------------------------------------


def _check_bins(bins) -> list[tuple[int, int | None]]:
    out = []
    try:
        for low, high in bins:
            out.append((int(low), None if high is None else int(high)))
    except (TypeError, ValueError):
        raise ValueError(f"bins must be (low, high) pairs of whole numbers, high None for 'or more'; got {bins!r}") from None
    if not out:
        raise ValueError("bins is empty")
    for i, (low, high) in enumerate(out):
        if high is not None and high < low:
            raise ValueError(f"bin {i + 1} ({low}, {high}): high is below low")
        if high is None and i != len(out) - 1:
            raise ValueError(f"bin {i + 1} ({low}, None) is open-ended but is not the last bin")
        if i and low != out[i - 1][1] + 1:
            raise ValueError(
                f"bins must follow each other without gaps or overlaps: bin {i + 1} starts at {low}, "
                f"the bin before ends at {out[i - 1][1]}"
            )
    return out


def _bin_label(low: int, high: int | None, lang: str) -> str:
    if high is None:
        return text("or_more", lang, low=low)
    return str(low) if high == low else f"{low}–{high}"


def bin_exposure_count(data: pd.DataFrame, bins=DEFAULT_BINS, *, lang: str = "sv") -> pd.Series:
    """The exposure count in bins, as an ordered Categorical labelled ``0–2``, ``3–5``, ``6 eller fler``.

    NA where the count is NA (no exposure column filled in). A count
    outside every bin raises a ValueError naming it.

    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"hem_annat": [True, False], "vh_annat": [True, False]}))
    >>> bin_exposure_count(cases, ((0, 1), (2, None)), lang="en").tolist()
    ['2 or more', '0–1']
    """
    check_lang(lang)
    edges = _check_bins(bins)
    count = resolve(data, "antal_utsatthet").values
    labels = [_bin_label(lo, hi, lang) for lo, hi in edges]
    x = count.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    out = np.full(len(x), None, dtype=object)
    for (lo, hi), label in zip(edges, labels):
        inside = (x >= lo) & ((x <= hi) if hi is not None else True)
        out[inside] = label
    outside = ~np.isnan(x) & (out == None)  # noqa: E711 - elementwise
    if outside.any():
        value = int(x[outside][0])
        raise ValueError(
            f"exposure count {value} (row {int(np.flatnonzero(outside)[0]) + 1}) is in none of the bins "
            f"{', '.join(labels)}"
        )
    return pd.Series(pd.Categorical(out, categories=labels, ordered=True), index=data.index, name="antal_utsatthet_klass")


def exposure_by_risk(
    data: pd.DataFrame,
    bins=DEFAULT_BINS,
    *,
    risk: str = "risk_beslut",
    lang: str = "sv",
    decimals: int = 0,
    min_cell: int | None = None,
) -> CrossTable:
    """Table 2: number of identified forms of exposure within each level of risk, in column percentages.

    Rows are the exposure-count bins, columns the risk levels (and a
    total); each risk column sums to 100 %. Registrations with the risk or
    every exposure column missing are left out (``n_missing``).

    Parameters
    ----------
    bins : sequence of (low, high)
        Consecutive bins of the exposure count; ``high=None`` means "or
        more". Default: the report's 0–2, 3–5, 6 or more.
    risk : str
        The risk variable: ``risk_beslut`` (default), ``risk_uppfoljning``
        or ``risk_avslut``.
    min_cell : int, optional
        Disclosure control of the counts (:mod:`webbkollen_lib.disclosure`).

    Returns
    -------
    CrossTable
        ``.counts`` and ``.shares`` (bins x risk levels, codes, totals
        included), ``.table`` (the display, Table 2), ``.n``, ``.n_missing``.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"hem_annat": [True, False, True],
    ...                                    "risk_beslut": ["hog", "ingen_lag", "hog"]}))
    >>> exposure_by_risk(cases).shares.loc["0–2", "hog"]
    1.0
    """
    check_frame(data)
    lang = check_lang(lang)
    min_cell = check_min_cell(min_cell)
    if risk not in data.columns:
        raise needs(risk)
    klass = bin_exposure_count(data, bins, lang=lang)
    r = resolve(data, risk)
    labels = list(klass.cat.categories)
    rc = code_positions(klass, labels)
    cc = code_positions(r.values, r.categories)
    n_missing = int(((rc < 0) | (cc < 0)).sum())
    return cross_counts(
        rc, cc, labels, list(r.categories), labels, [r.value_label(c, lang) for c in r.categories],
        normalize="columns", lang=lang, decimals=decimals, min_cell=min_cell, protect_zeros=False,
        n_missing=n_missing, row_title=text("exposure_count", lang), footnotes=[],
    )


# ---------------------------------------------------------------------------
# ordinal association
# ---------------------------------------------------------------------------


def concordance(table) -> tuple[np.ndarray, np.ndarray]:
    """A_ij and D_ij of an r x c table: observations concordant / discordant with cell (i, j).

    Rows and columns are taken as ordered (ascending).
    """
    t = np.asarray(table, dtype=float)
    if t.ndim != 2:
        raise ValueError(f"table must be 2-D, got shape {t.shape}")

    def strictly_before(m):
        # s[i, j] = sum of m[k, l] over k < i and l < j
        c = m.cumsum(axis=0).cumsum(axis=1)
        s = np.zeros_like(m)
        s[1:, 1:] = c[:-1, :-1]
        return s

    ll = strictly_before(t)  # lower row, lower column
    hh = strictly_before(t[::-1, ::-1])[::-1, ::-1]  # higher row, higher column
    lh = strictly_before(t[:, ::-1])[:, ::-1]  # lower row, higher column
    hl = strictly_before(t[::-1, :])[::-1, :]  # higher row, lower column
    return ll + hh, lh + hl


def degenerate_interval_note(statistic: str, estimate: float, se: float) -> str | None:
    """The note on an interval of zero width: asymptotic SE 0 at |estimate| = 1 (None otherwise).

    The asymptotic (delta-method) standard errors of gamma and tau-b vanish
    at perfect association (gamma = ±1: no discordant, or no concordant,
    pairs), so estimate ± z·SE is the single point [±1, ±1]: not a
    statement of precision, however few the observations.

    >>> degenerate_interval_note("gamma", 1.0, 0.0)
    'the asymptotic SE of gamma is 0 at |gamma| = 1, so the interval [1, 1] is degenerate and not informative'
    >>> degenerate_interval_note("gamma", 0.6, 0.2) is None
    True
    """
    if not (np.isfinite(estimate) and np.isfinite(se)):
        return None
    if se > 1e-12 and abs(estimate) < 1 - 1e-12:  # rounding can leave a hair of SE at ±1
        return None
    value = f"{estimate:.3g}"
    return (
        f"the asymptotic SE of {statistic} is 0 at |{statistic}| = {abs(estimate):.3g}, "
        f"so the interval [{value}, {value}] is degenerate and not informative"
    )


def goodman_kruskal_gamma(table, ci: float = 0.95) -> dict:
    """Goodman–Kruskal's gamma of an ordered r x c table, with ASE, interval and p-value.

    See the module docstring for the formulas. Returns a dict with
    ``estimate``, ``se`` (ASE1), ``ci_low``, ``ci_high``, ``se0`` (ASE0),
    ``p`` (z-test of gamma = 0), ``concordant`` and ``discordant`` (numbers of
    pairs) and ``note``. NaN when there are no untied pairs. At perfect
    association (gamma = ±1) ASE1 is 0 and the interval is the point
    [±1, ±1]: ``note`` says it is degenerate (None otherwise).

    >>> r = goodman_kruskal_gamma([[2, 1], [1, 2]])
    >>> r["concordant"], r["discordant"], round(r["estimate"], 4), r["note"]
    (4.0, 1.0, 0.6, None)
    >>> r = goodman_kruskal_gamma([[3, 0], [0, 2]])
    >>> r["estimate"], r["se"], (r["ci_low"], r["ci_high"])
    (1.0, 0.0, (1.0, 1.0))
    >>> r["note"]
    'the asymptotic SE of gamma is 0 at |gamma| = 1, so the interval [1, 1] is degenerate and not informative'
    """
    t = np.asarray(table, dtype=float)
    A, D = concordance(t)
    P = float((t * A).sum())
    Q = float((t * D).sum())
    n = t.sum()
    out = {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "se0": np.nan, "p": np.nan,
           "concordant": P / 2, "discordant": Q / 2, "note": None}
    if P + Q == 0:
        return out
    gamma = (P - Q) / (P + Q)
    se = 4 / (P + Q) ** 2 * np.sqrt((t * (Q * A - P * D) ** 2).sum())
    var0 = (t * (A - D) ** 2).sum() - (P - Q) ** 2 / n
    se0 = 2 / (P + Q) * np.sqrt(max(var0, 0.0))
    z = stats.norm.ppf(0.5 + ci / 2)
    out.update(estimate=gamma, se=se, ci_low=max(-1.0, gamma - z * se), ci_high=min(1.0, gamma + z * se), se0=se0,
               note=degenerate_interval_note("gamma", gamma, se))
    if se0 > 0:
        out["p"] = float(2 * stats.norm.sf(abs(gamma) / se0))
    return out


def kendall_tau_b(table, ci: float = 0.95) -> dict:
    """Kendall's tau-b of an ordered r x c table with its ASE and interval (see the module docstring).

    Returns ``estimate``, ``se``, ``ci_low``, ``ci_high`` (the p-value comes
    from :func:`scipy.stats.kendalltau` in :func:`ordinal_association`) and
    ``note``: at perfect association (tau-b = ±1, a diagonal table) ASE1 is
    0 and the interval the point [±1, ±1], which ``note`` calls degenerate
    (None otherwise).

    >>> r = kendall_tau_b([[3, 0], [0, 2]])
    >>> r["estimate"], r["se"], r["note"] is not None
    (1.0, 0.0, True)
    """
    t = np.asarray(table, dtype=float)
    A, D = concordance(t)
    n = t.sum()
    P, Q = (t * A).sum(), (t * D).sum()
    wr = n**2 - (t.sum(axis=1) ** 2).sum()
    wc = n**2 - (t.sum(axis=0) ** 2).sum()
    out = {"estimate": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "note": None}
    if wr <= 0 or wc <= 0:
        return out
    w = np.sqrt(wr * wc)
    tau = (P - Q) / w
    d = A - D
    v = t.sum(axis=1)[:, None] * wc + t.sum(axis=0)[None, :] * wr
    inner = (t * (2 * w * d + tau * v) ** 2).sum() - n**3 * tau**2 * (wr + wc) ** 2
    se = np.sqrt(max(inner, 0.0)) / w**2
    z = stats.norm.ppf(0.5 + ci / 2)
    out.update(estimate=tau, se=se, ci_low=max(-1.0, tau - z * se), ci_high=min(1.0, tau + z * se),
               note=degenerate_interval_note("tau-b", tau, se))
    return out


# How each interval is computed: a method name in the results, the same in every language.
_CI_METHODS = {
    "kendall_tau_b": "asymptotic (ASE1)",
    "spearman": "Fisher z, Bonett-Wright SE",
    "goodman_kruskal_gamma": "asymptotic (ASE1)",
}


def _ordinal_codes(var: Resolved, name: str) -> np.ndarray:
    if var.is_multi:
        raise ValueError(f"{name!r} is a multi-select group, not an ordinal variable")
    if var.kind == "single":
        raise ValueError(
            f"{name!r} is a single-choice variable whose categories have no order; "
            f"an ordinal association needs an ordered scale or a count"
        )
    return code_positions(var.values, var.categories).astype(float)


def ordinal_association(
    data: pd.DataFrame,
    x: str = "antal_utsatthet",
    y: str = "risk_beslut",
    *,
    ci: float = 0.95,
    lang: str = "sv",
) -> pd.DataFrame:
    """Kendall's tau-b, Spearman's rho and Goodman–Kruskal's gamma between two ordinal variables.

    Parameters
    ----------
    x, y : str
        Ordered variables: a count (``"antal_utsatthet"``, alias
        ``"exposure_count"``), an integer such as ``"alder"``, an ordered
        scale (``"risk_beslut"``, ``"aldersgrupp"``, ``"maluppfyllelse"``)
        or a yes/no (read as no < yes). Registrations missing either are
        left out.
    ci : float
        Level of the intervals.

    Returns
    -------
    DataFrame
        One row per statistic: ``statistic`` (code), ``label``,
        ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``ci_method``, ``p``
        (two-sided test of no association: scipy's for tau-b and rho, the
        ASE0 z-test for gamma), ``n``, ``n_missing``, ``note``. NaN with
        fewer than two distinct values of either variable.

        ``note`` (None when there is nothing to say) flags an interval that
        says nothing: at perfect association the asymptotic SE of tau-b and
        gamma is 0 and their interval the point [±1, ±1] (degenerate, not
        informative); Spearman's Fisher-z interval is undefined at
        |rho| = 1 (NaN). The note is in ``lang``.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"alder": [3, 8, 14, 16, 10],
    ...     "risk_beslut": ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", "hog"]}))
    >>> ordinal_association(cases, "alder", "risk_beslut").set_index("statistic")["estimate"].round(3).tolist()
    [0.949, 0.975, 1.0]
    >>> ordinal_association(cases, "alder", "risk_beslut", lang="en").set_index("statistic").loc["goodman_kruskal_gamma", "note"]
    'the asymptotic SE of gamma is 0 at |gamma| = 1, so the interval [1, 1] is degenerate and not informative'
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci) or 0.95
    xv, yv = resolve(data, x), resolve(data, y)
    xs, ys = _ordinal_codes(xv, x), _ordinal_codes(yv, y)
    if xv.kind == "yesno":
        xs = np.where(xs < 0, -1, 1 - xs)  # categories are [True, False]: make no < yes
    if yv.kind == "yesno":
        ys = np.where(ys < 0, -1, 1 - ys)
    ok = (xs >= 0) & (ys >= 0)
    xs, ys = xs[ok], ys[ok]
    n, n_missing = int(ok.sum()), int((~ok).sum())
    rows = []
    xu, xi = np.unique(xs, return_inverse=True)
    yu, yi = np.unique(ys, return_inverse=True)
    table = np.zeros((len(xu), len(yu)))
    np.add.at(table, (xi, yi), 1)
    degenerate = len(xu) < 2 or len(yu) < 2
    z = stats.norm.ppf(0.5 + ci / 2)
    nan = float("nan")

    tau = kendall_tau_b(table, ci) if not degenerate else {"estimate": nan, "se": nan, "ci_low": nan, "ci_high": nan, "note": None}
    p_tau = float(stats.kendalltau(xs, ys, variant="b").pvalue) if not degenerate else nan
    rows.append({"statistic": "kendall_tau_b", **tau, "p": p_tau})

    if not degenerate:
        rho, p_rho = stats.spearmanr(xs, ys)
        rho, p_rho = float(rho), float(p_rho)
        note = None
        if n > 3 and abs(rho) < 1:
            se = np.sqrt((1 + rho**2 / 2) / (n - 3))
            lo, hi = np.tanh(np.arctanh(rho) - z * se), np.tanh(np.arctanh(rho) + z * se)
        else:
            se, lo, hi = nan, nan, nan
            if abs(rho) >= 1:
                note = f"no interval at |rho| = {abs(rho):.3g}: Fisher's z of rho is infinite"
        rows.append({"statistic": "spearman", "estimate": rho, "se": se, "ci_low": lo, "ci_high": hi, "p": p_rho,
                     "note": note})
    else:
        rows.append({"statistic": "spearman", "estimate": nan, "se": nan, "ci_low": nan, "ci_high": nan, "p": nan,
                     "note": None})

    g = goodman_kruskal_gamma(table, ci) if not degenerate else {
        "estimate": nan, "se": nan, "ci_low": nan, "ci_high": nan, "p": nan, "note": None}
    rows.append({"statistic": "goodman_kruskal_gamma", **{k: g[k] for k in ("estimate", "se", "ci_low", "ci_high", "p", "note")}})

    frame = pd.DataFrame(rows)
    # the notes in the language asked for (the table functions above have no lang: English)
    names = {"kendall_tau_b": "tau-b", "goodman_kruskal_gamma": "gamma"}
    frame["note"] = [
        None if note is None else (
            catalogue.text("exposure_risk.note.no_spearman_interval", lang, size=f"{abs(est):.3g}")
            if stat == "spearman" else
            catalogue.text("exposure_risk.note.degenerate", lang, statistic=names[stat], size=f"{abs(est):.3g}",
                           value=f"{est:.3g}"))
        for stat, est, note in zip(frame["statistic"], frame["estimate"], frame["note"])
    ]
    frame.insert(1, "label", [catalogue.text(f"exposure_risk.association.{s}", lang) for s in frame["statistic"]])
    frame["ci_method"] = [_CI_METHODS[s] for s in frame["statistic"]]
    frame["n"] = n
    frame["n_missing"] = n_missing
    frame = frame[["statistic", "label", "estimate", "se", "ci_low", "ci_high", "ci_method", "p", "n", "n_missing", "note"]]
    frame.attrs.update({"x": x, "y": y, "ci": ci, "table": table})
    return frame


# ---------------------------------------------------------------------------
# ordinal logistic regression
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskModel:
    """A fitted proportional-odds model of risk.

    Attributes
    ----------
    table : DataFrame
        One row per covariate term: ``term``, ``variable``, ``level``,
        ``reference``, ``label``, ``coef``, ``se``, ``odds_ratio``,
        ``ci_low``, ``ci_high`` (of the odds ratio), ``p``.
    thresholds : DataFrame
        The cut-points between risk levels on the logit (or probit) scale:
        ``between`` (``"ingen_lag|nagot_forhojd"``, …), ``estimate`` and
        ``se`` (delta method from statsmodels' θ_1-and-log-increments
        parametrisation).
    result : statsmodels OrderedResults
        The fitted model, for everything else (``.summary()``, ``.predict``…).
    n : int
        Registrations used (complete cases).
    n_dropped : int
        Registrations left out because the risk or a covariate was missing.
    outcome_levels : list
        The risk levels observed, lowest first.
    converged : bool
        The optimiser converged and the largest gradient component is small
        (see :func:`risk_model`); a ``UserWarning`` says when not.
    max_gradient : float
        The largest |∂ log L / ∂θ| at the estimates (0 at the exact maximum).
    """

    table: pd.DataFrame
    thresholds: pd.DataFrame
    result: object
    n: int
    n_dropped: int
    outcome_levels: list
    converged: bool
    max_gradient: float = float("nan")

    def _repr_html_(self) -> str:
        return self.table.to_html()


def _covariates(data: pd.DataFrame, covariates) -> tuple[list[Resolved], np.ndarray]:
    """The covariates found in the data, and where all of them are known."""
    present = np.ones(len(data), dtype=bool)
    resolved = []
    for name in covariates:
        v = resolve(data, name)
        if v.is_multi:
            raise ValueError(
                f"covariate {name!r} is a multi-select group; use one option (e.g. {v.categories[0]!r}) "
                f"or a derived yes/no such as 'hem_nagon'"
            )
        resolved.append(v)
        present &= v.values.notna().to_numpy()
    return resolved, present


def risk_model(
    data: pd.DataFrame,
    covariates=("antal_utsatthet", "kon", "aldersgrupp", "ursprung"),
    *,
    outcome: str = "risk_beslut",
    distr: str = "logit",
    ci: float = 0.95,
    lang: str = "sv",
    reference: dict | None = None,
    maxiter: int = 1000,
) -> RiskModel:
    """Ordinal logistic regression of the risk on exposure count and background (statsmodels ``OrderedModel``).

    The proportional-odds model P(risk ≤ j) = F(θ_j − x'β) (McCullagh
    1980), F logistic (``distr="logit"``) or normal (``"probit"``). A
    positive β (odds ratio exp β > 1) means higher risk levels are more
    likely. With the logit link exp β is the odds ratio of being in a
    higher risk level, for one more identified exposure or for a category
    against its reference.

    Parameters
    ----------
    covariates : sequence of str
        Integer variables (``antal_utsatthet``, alias ``exposure_count``;
        ``alder``) enter as numbers; categorical ones (``kon``,
        ``aldersgrupp``, ``ursprung``, ``kon_ursprung``, yes/no) as dummies
        against a reference: the first category that occurs, or False for a
        yes/no (``reference={"kon": "flicka"}`` to choose).
    outcome : str
        The ordered risk: ``risk_beslut`` (default), ``risk_uppfoljning``, ``risk_avslut``.
    ci : float
        Level of the odds-ratio intervals (Wald, exp of the coefficient's).

    Returns
    -------
    RiskModel

    Raises
    ------
    MissingColumnError
        "the analysis needs column 'ursprung', which the data lacks".
    ValueError
        Too few complete cases, fewer than two risk levels, or a covariate
        with one value only among the complete cases.

    Notes
    -----
    Only complete cases are used; ``n_dropped`` says how many were left
    out. Unused categories are dropped (e.g. no child over 18), so their
    dummy does not make the model singular.

    The likelihood is maximised to convergence: BFGS from statsmodels'
    start, then Newton's method (BFGS with a tight ``gtol`` if Newton
    fails). The fit counts as converged when the optimiser says so and the
    largest component of the log-likelihood's gradient is at most
    ``GRADIENT_TOL * max(1, |log L|)`` (1e-7 relative); otherwise (e.g.
    separation: a category in which every case has the same risk) a
    ``UserWarning`` names the largest gradient, ``converged`` is False and
    ``max_gradient`` holds it.
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci) or 0.95
    if isinstance(covariates, str):
        covariates = [covariates]
    covariates = list(covariates)
    if not covariates:
        raise ValueError("risk_model needs at least one covariate")
    if outcome not in data.columns:
        raise needs(outcome)
    y = resolve(data, outcome)
    if y.kind != "scale":
        raise ValueError(f"the outcome {outcome!r} must be an ordered scale (e.g. risk_beslut), not {y.kind}")
    resolved, present = _covariates(data, covariates)
    reference = dict(reference or {})
    unknown_ref = set(reference) - set(covariates)
    if unknown_ref:
        raise ValueError(f"reference names variables that are not covariates: {sorted(unknown_ref)}")
    complete = present & y.values.notna().to_numpy()
    n, n_dropped = int(complete.sum()), int((~complete).sum())
    yc = y.values[complete].astype("object")
    levels = [c for c in y.categories if (yc == c).any()]
    if len(levels) < 2:
        raise ValueError(
            f"the outcome {outcome!r} takes {len(levels)} level(s) among the {n} complete cases "
            f"({', '.join(map(str, levels)) or 'none'}); an ordinal model needs at least two"
        )
    exog, meta = {}, []
    for name, v in zip(covariates, resolved):
        values = v.values[complete]
        if v.kind == "integer":
            x = values.astype("Float64").to_numpy(dtype=float)
            if np.unique(x).size < 2:
                raise ValueError(f"covariate {name!r} has one value only among the {n} complete cases; leave it out")
            exog[name] = x
            meta.append({"term": name, "variable": name, "level": None, "reference": None,
                         "label": v.label(lang)})
            continue
        codes = values.astype("object")
        observed = [c for c in v.categories if (codes == c).any()]
        if len(observed) < 2:
            raise ValueError(
                f"covariate {name!r} has one category only ({observed[0] if observed else 'none'}) "
                f"among the {n} complete cases; leave it out"
            )
        if name in reference:
            ref = reference[name]
            if ref not in observed:
                raise ValueError(f"reference {ref!r} of {name!r} is not among its observed categories {observed}")
        else:
            ref = False if v.kind == "yesno" else observed[0]
        for level in observed:
            if level == ref:
                continue
            term = f"{name}[{level}]"
            exog[term] = (codes == level).to_numpy(dtype=float)
            meta.append({
                "term": term, "variable": name, "level": level, "reference": ref,
                "label": f"{v.label(lang)}: {v.value_label(level, lang)} ({_vs(lang)} {v.value_label(ref, lang)})",
            })
    X = pd.DataFrame(exog)
    endog = pd.Series(pd.Categorical(np.asarray(yc), categories=levels, ordered=True))
    if n <= X.shape[1] + len(levels) - 1:
        raise ValueError(f"{n} complete cases are too few for {X.shape[1]} covariate terms and {len(levels) - 1} thresholds")
    model = OrderedModel(endog, X, distr=distr)
    result, max_gradient, converged = _fit_to_convergence(model, maxiter)
    if not converged:
        warnings.warn(
            f"the ordinal model of {outcome!r} did not converge (separation or too few cases?): "
            f"the largest component of the log-likelihood's gradient at the estimates is {max_gradient:.3g} "
            f"(at most {GRADIENT_TOL * max(1.0, abs(float(result.llf))):.3g} is converged); "
            f"treat the odds ratios with care",
            UserWarning,
            stacklevel=2,
        )
    params, bse, pvalues = result.params, result.bse, result.pvalues
    conf = result.conf_int(alpha=1 - ci)
    rows = []
    for i, m in enumerate(meta):
        coef = float(params.iloc[i])
        with np.errstate(over="ignore"):  # separation: an infinite odds ratio, already warned about
            rows.append({
                **m, "coef": coef, "se": float(bse.iloc[i]), "odds_ratio": float(np.exp(coef)),
                "ci_low": float(np.exp(conf.iloc[i, 0])), "ci_high": float(np.exp(conf.iloc[i, 1])),
                "p": float(pvalues.iloc[i]),
            })
    table = pd.DataFrame(rows)
    # OrderedModel parametrises thresholds as θ_1 and log increments; report the thresholds themselves
    cuts, cut_se = _thresholds(model, result)
    thresholds = pd.DataFrame({
        "between": [f"{levels[j]}|{levels[j + 1]}" for j in range(len(levels) - 1)],
        "estimate": cuts,
        "se": cut_se,
    })
    table.attrs.update({"outcome": outcome, "n": n, "n_dropped": n_dropped, "ci": ci})
    return RiskModel(table, thresholds, result, n, n_dropped, levels, converged, max_gradient)


#: Convergence of :func:`risk_model`: the largest |∂ log L / ∂θ| at the estimates, relative to
#: max(1, |log L|). The gradient is statsmodels' central difference of log L, whose rounding noise
#: is about 1e-9 |log L|; BFGS at its default tolerance stops near 3e-6 |log L| (issue 16).
GRADIENT_TOL = 1e-7


def _fit_to_convergence(model: OrderedModel, maxiter: int) -> tuple[object, float, bool]:
    """Maximum likelihood to convergence: BFGS to get close, Newton to finish; (result, max |gradient|, converged).

    BFGS at statsmodels' default ``gtol`` stops while the gradient is still
    ~1e-3 on the shipped data (odds ratios off by ~2e-5 relative); Newton's
    method from there converges quadratically in a few steps. If Newton
    fails (a singular Hessian, a step to a worse or non-finite likelihood),
    BFGS is run on with a tight ``gtol``. Converged means the optimiser
    says so *and* the largest gradient component is at most
    ``GRADIENT_TOL * max(1, |log L|)``.
    """
    with warnings.catch_warnings():
        # statsmodels' own convergence, overflow and Hessian warnings are replaced by risk_model's one
        warnings.simplefilter("ignore")
        first = model.fit(method="bfgs", disp=False, maxiter=maxiter, cov_params_func=_covariance)
        start = np.asarray(first.params, dtype=float)
        try:
            # from near the optimum Newton needs a handful of steps; many more means divergence (separation)
            result = model.fit(start_params=start, method="newton", disp=False, maxiter=min(maxiter, 50),
                               cov_params_func=_covariance)
        except (np.linalg.LinAlgError, ValueError):
            result = None
        if result is None or not _improves(result, first):
            result = model.fit(start_params=start, method="bfgs", disp=False, maxiter=maxiter, gtol=1e-8,
                               cov_params_func=_covariance)
        gradient = model.score(np.asarray(result.params, dtype=float))
    max_gradient = float(np.max(np.abs(gradient))) if np.all(np.isfinite(gradient)) else float("inf")
    llf = float(result.llf)
    converged = (
        bool(result.mle_retvals.get("converged", False))
        and np.isfinite(llf)
        and max_gradient <= GRADIENT_TOL * max(1.0, abs(llf))
    )
    return result, max_gradient, converged


def _density_slope(distr, z: np.ndarray) -> np.ndarray:
    """f'(z), the derivative of the link's density (0 at ±inf)."""
    out = np.zeros_like(z)
    finite = np.isfinite(z)
    zf = z[finite]
    if distr is stats.logistic:
        F = stats.logistic.cdf(zf)
        out[finite] = F * (1 - F) * (1 - 2 * F)
    elif distr is stats.norm:
        out[finite] = -zf * stats.norm.pdf(zf)
    else:  # any other scipy distribution: a central difference of its density
        h = 1e-5 * np.maximum(1.0, np.abs(zf))
        out[finite] = (distr.pdf(zf + h) - distr.pdf(zf - h)) / (2 * h)
    return out


def observed_information(model: OrderedModel, params) -> np.ndarray:
    """−∂² log L at ``params`` of a statsmodels ``OrderedModel``, analytically, in its own parametrisation.

    For a registration in level j, p = F(u) − F(l) with u = θ_j − x'β and
    l = θ_{j−1} − x'β, both linear in the parameters (β, θ): with v_u, v_l
    their gradients, ∇p = f(u) v_u − f(l) v_l and
    ∇²p = f'(u) v_u v_uᵀ − f'(l) v_l v_lᵀ, so
    ∇² log p = ∇²p / p − ∇p ∇pᵀ / p². statsmodels estimates θ_1 and the
    log-increments δ_m = log(θ_m − θ_{m−1}); the chain rule with
    J = ∂(β, θ)/∂(β, θ_1, δ) gives Jᵀ (∇² log L) J plus Σ_m (∂ log L/∂θ_m)
    ∇²θ_m, the second term included so the matrix is exact away from the
    maximum too. statsmodels' own numerical Hessian is good to about 1e-5
    relative; this one to rounding.
    """
    params = np.asarray(params, dtype=float)
    X = np.asarray(model.exog, dtype=float)
    y = np.asarray(model.endog, dtype=int)
    n, k = X.shape
    cuts = model.transform_threshold_params(params)  # -inf, θ_1, …, θ_{J−1}, inf
    m = len(cuts) - 2
    eta = X @ params[:k]
    u, lo = cuts[y + 1] - eta, cuts[y] - eta
    distr = model.distr
    Fu = np.where(np.isfinite(u), distr.cdf(u), 1.0)
    Fl = np.where(np.isfinite(lo), distr.cdf(lo), 0.0)
    fu = np.where(np.isfinite(u), distr.pdf(u), 0.0)
    fl = np.where(np.isfinite(lo), distr.pdf(lo), 0.0)
    du, dl = _density_slope(distr, u), _density_slope(distr, lo)
    prob = Fu - Fl
    # gradients of u and l in (β, θ_1..θ_m); θ_J and θ_0 are infinite, their rows are unused
    vu = np.zeros((n, k + m))
    vl = np.zeros((n, k + m))
    vu[:, :k] = -X
    vl[:, :k] = -X
    rows = np.arange(n)
    upper, lower = y < m, y > 0
    vu[rows[upper], k + y[upper]] = 1.0
    vl[rows[lower], k + y[lower] - 1] = 1.0
    grad_p = fu[:, None] * vu - fl[:, None] * vl
    hess = (
        np.einsum("i,ij,ik->jk", du / prob, vu, vu)
        - np.einsum("i,ij,ik->jk", dl / prob, vl, vl)
        - np.einsum("i,ij,ik->jk", 1 / prob**2, grad_p, grad_p)
    )
    score_theta = (grad_p / prob[:, None]).sum(axis=0)[k:]
    raw = params[k:]
    jac = np.zeros((m, m))  # ∂θ / ∂(θ_1, δ_2..δ_m)
    jac[:, 0] = 1.0
    for j in range(1, m):
        jac[j, 1 : j + 1] = np.exp(raw[1 : j + 1])
    full = np.eye(k + m)
    full[k:, k:] = jac
    out = full.T @ hess @ full
    # ∂²θ_j/∂δ_c² = exp(δ_c) for c <= j: the curvature of the reparametrisation
    curvature = np.array([score_theta[c:].sum() for c in range(m)]) * np.r_[0.0, np.exp(raw[1:])]
    out[k:, k:] += np.diag(curvature)
    return -out


def _covariance(model: OrderedModel, params, retvals=None) -> np.ndarray:
    """The inverse observed information (statsmodels' ``cov_params_func``); NaN if it is singular."""
    info = observed_information(model, params)
    try:
        cov = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        return np.full(info.shape, np.nan)
    if not np.all(np.isfinite(cov)) or np.any(np.diag(cov) <= 0):
        return np.full(info.shape, np.nan)
    return (cov + cov.T) / 2


def _improves(result, first) -> bool:
    """Newton's result is usable: finite estimates and standard errors, likelihood not below BFGS's."""
    llf, llf0 = float(result.llf), float(first.llf)
    params, bse = np.asarray(result.params, dtype=float), np.asarray(result.bse, dtype=float)
    return (np.isfinite(llf) and np.all(np.isfinite(params)) and np.all(np.isfinite(bse))
            and llf >= llf0 - 1e-9 * max(1.0, abs(llf0)))


def _thresholds(model: OrderedModel, result) -> tuple[np.ndarray, np.ndarray]:
    """The cut-points θ_1 < … < θ_{J−1} and their standard errors (delta method).

    statsmodels estimates θ_1 and log-increments δ_j = log(θ_j − θ_{j−1}),
    so θ_j = θ_1 + Σ_{m=2..j} exp(δ_m); with J the Jacobian ∂θ/∂(θ_1, δ),
    Var θ = J Σ Jᵀ, Σ the covariance of (θ_1, δ).
    """
    params = np.asarray(result.params, dtype=float)
    k = model.k_vars
    raw = params[k:]
    cuts = model.transform_threshold_params(params)[1:-1]
    jac = np.zeros((len(raw), len(raw)))
    jac[:, 0] = 1.0
    for j in range(1, len(raw)):
        jac[j, 1 : j + 1] = np.exp(raw[1 : j + 1])
    cov = np.asarray(result.cov_params(), dtype=float)[k:, k:]
    se = np.sqrt(np.clip(np.diag(jac @ cov @ jac.T), 0.0, None))
    return cuts, se


def _vs(lang: str) -> str:
    return catalogue.text("exposure_risk.vs", lang)

