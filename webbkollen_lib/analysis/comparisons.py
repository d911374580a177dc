"""Comparisons between groups: the test chosen from the data, named, with an effect size.

:func:`compare_groups` gives one tidy table for any number of variables: per
variable (and per category) the group sizes, the share or mean in each
group, the test, its statistic, degrees of freedom and p-value, a p-value
adjusted for multiple testing, and an effect size with its confidence
interval.

Tests (``test="auto"``)
-----------------------
* Categorical variables (single choice, scale, yes/no, each option of a
  multi-select group): Pearson's chi-squared test of the groups x categories
  table (:func:`scipy.stats.chi2_contingency`, no continuity correction
  unless ``yates=True``), or **Fisher's exact test** when any expected count
  is below 5. A 2x2 table uses :func:`scipy.stats.fisher_exact`. A larger
  table uses the Fisher–Freeman–Halton test: its p-value is the probability,
  given the margins, of a table no more probable than the one observed;
  scipy 1.12 has no exact r x c version, so it is estimated by Monte Carlo
  (``n_resamples`` random tables with the observed margins, drawn by
  permuting the group labels with :func:`scipy.stats.permutation_test`,
  ``p = (1 + #{T*: P(T*) <= P(T)}) / (1 + n_resamples)``, as R's
  ``fisher.test(simulate.p.value = TRUE)``). ``random_state`` makes it
  reproducible.
* Counts and other integers (e.g. the number of identified exposures,
  ``antal_utsatthet``): with two groups both Welch's t-test
  (:func:`scipy.stats.ttest_ind`, ``equal_var=False``) and the Mann–Whitney U
  test (:func:`scipy.stats.mannwhitneyu`, two-sided); with more groups the
  Kruskal–Wallis test (:func:`scipy.stats.kruskal`).

Effect sizes
------------
* Cramér's V = sqrt(χ² / (n (min(r, c) − 1))) from the uncorrected χ² of the
  table (Cramér 1946); with ``bias_correction=True`` Bergsma's (2013)
  corrected V. Given for every categorical test, column ``cramers_v``.
* Difference in shares, first group minus second, with the Newcombe (1998)
  hybrid score interval (``statsmodels.stats.proportion.confint_proportions_2indep``,
  ``method="newcomb"``): the headline effect of each category when there
  are two groups.
* Mean difference with Welch's interval; rank-biserial correlation
  r = 2U₁/(n₁n₂) − 1 for Mann–Whitney (Kerby 2014; positive when the first
  group tends to have larger values); ε² = H / (n − 1) for Kruskal–Wallis
  (Tomczak & Tomczak 2014).

Multiple testing: ``correction`` is any method of
:func:`statsmodels.stats.multitest.multipletests` (``"holm"``, ``"fdr_bh"``,
``"bonferroni"``, …), applied across every p-value in the table. (With
Welch and Mann–Whitney both shown for a count the same question is tested
twice; pass ``test="mannwhitney"`` or ``"welch"`` to count it once.)

Registrations with the variable missing are left out of its test (the
numbers compared are in the ``n_<group>`` columns); registrations whose group
is missing are left out of every test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln
from scipy.stats.contingency import expected_freq
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from webbkollen_lib.analysis.variables import (
    MissingColumnError,
    Resolved,
    check_frame,
    check_lang,
    check_level,
    resolve,
    resolve_group,
)
from webbkollen_lib.analysis.descriptive import code_positions, frequency_table
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count, format_percent, text

__all__ = [
    "MissingColumnError",
    "compare_groups",
    "contingency_test",
    "cramers_v",
    "difference_in_shares",
    "share_by_group",
    "exposure_shares",
    "TEST_LABELS",
    "EFFECT_LABELS",
]

CATEGORICAL_TESTS = ("chi2", "fisher")
NUMERIC_TESTS = ("welch", "mannwhitney", "kruskal")
TESTS = ("auto",) + CATEGORICAL_TESTS + NUMERIC_TESTS

#: Names of the tests as shown to readers: test -> {lang: name} (the catalogue's ``comparisons.test``).
TEST_LABELS = catalogue.by_key("comparisons.test")

#: Names of the effect sizes as shown to readers (the catalogue's ``comparisons.effect``).
EFFECT_LABELS = catalogue.by_key("comparisons.effect")


def _note(key: str, lang: str, **fields) -> str:
    return catalogue.text(f"comparisons.note.{key}", lang, **fields)


# ---------------------------------------------------------------------------
# statistics on a contingency table
# ---------------------------------------------------------------------------


def cramers_v(table, bias_correction: bool = False) -> float:
    """Cramér's V of a contingency table (rows and columns with a zero total are dropped).

    V = sqrt(φ² / (min(r, c) − 1)), φ² = χ²/n, χ² without continuity
    correction. With ``bias_correction`` (Bergsma 2013):
    φ̃² = max(0, φ² − (c−1)(r−1)/(n−1)), r̃ = r − (r−1)²/(n−1),
    c̃ = c − (c−1)²/(n−1), V = sqrt(φ̃² / min(r̃ − 1, c̃ − 1)).
    NaN when the table has fewer than two non-empty rows or columns.

    >>> round(cramers_v([[10, 5], [3, 9]]), 4)
    0.4144
    """
    t = _trim(np.asarray(table, dtype=float))
    r, c = t.shape
    if r < 2 or c < 2:
        return float("nan")
    n = t.sum()
    chi2 = stats.chi2_contingency(t, correction=False)[0]
    phi2 = chi2 / n
    if not bias_correction:
        return float(np.sqrt(phi2 / (min(r, c) - 1)))
    if n <= 1:
        return float("nan")
    phi2c = max(0.0, phi2 - (c - 1) * (r - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    cc = c - (c - 1) ** 2 / (n - 1)
    denom = min(rc - 1, cc - 1)
    return float(np.sqrt(phi2c / denom)) if denom > 0 else float("nan")


def _trim(t: np.ndarray) -> np.ndarray:
    if t.ndim != 2:
        raise ValueError(f"a contingency table must be 2-D, got shape {t.shape}")
    if (t < 0).any() or not np.all(np.isfinite(t)):
        raise ValueError("a contingency table holds counts >= 0")
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def _fisher_rxc_mc(t: np.ndarray, n_resamples: int, random_state) -> float:
    """Monte-Carlo p of the Fisher–Freeman–Halton test (see the module docstring)."""
    R, C = t.shape
    rows = np.repeat(np.arange(R), t.sum(axis=1).astype(int))
    cols = np.concatenate([np.repeat(np.arange(C), t[i].astype(int)) for i in range(R)])

    # P(table | margins) ∝ 1 / prod(n_ij!): a larger sum of log(n_ij!) is a less probable table
    def statistic(x, axis=-1):
        x = np.atleast_2d(x)
        batch = x.shape[0]
        idx = x * C + cols[None, :] + (np.arange(batch) * R * C)[:, None]
        counts = np.bincount(idx.ravel(), minlength=batch * R * C).reshape(batch, R * C)
        return gammaln(counts + 1).sum(axis=1)

    res = stats.permutation_test(
        (rows,), statistic, permutation_type="pairings", vectorized=True,
        n_resamples=n_resamples, alternative="greater", random_state=random_state,
    )
    return float(res.pvalue)


def contingency_test(
    table,
    test: str = "auto",
    *,
    yates: bool = False,
    bias_correction: bool = False,
    n_resamples: int = 9999,
    random_state=0,
) -> dict:
    """Test independence of rows and columns of a table of counts.

    Rows or columns with a zero total are dropped first (they carry no
    information and would make expected counts zero).

    Parameters
    ----------
    table : array-like, groups x categories
    test : {"auto", "chi2", "fisher"}
        "auto": Fisher's exact test when any expected count is below 5,
        otherwise Pearson's chi-squared test.

    Returns
    -------
    dict
        ``test`` (``"chi2"``, ``"chi2_yates"``, ``"fisher"``, ``"fisher_mc"``,
        or None when no test is possible), ``statistic`` (χ²; NaN for
        Fisher), ``df``, ``p``, ``cramers_v``, ``n``, ``n_small_expected``,
        ``n_cells``, ``shape`` (after dropping empty rows/columns) and
        ``reason`` (``"one_group"``, ``"one_category"``, ``"no_data"`` or None).

    Examples
    --------
    >>> r = contingency_test([[3, 1], [1, 3]])
    >>> r["test"], round(r["p"], 4)
    ('fisher', 0.4857)
    """
    if test not in ("auto",) + CATEGORICAL_TESTS:
        raise ValueError(f"test must be 'auto', 'chi2' or 'fisher' for a contingency table, not {test!r}")
    t = _trim(np.asarray(table, dtype=float))
    out = {
        "test": None, "statistic": np.nan, "df": np.nan, "p": np.nan, "cramers_v": np.nan,
        "n": int(t.sum()), "n_small_expected": 0, "n_cells": int(t.size), "shape": t.shape, "reason": None,
    }
    if t.sum() == 0:
        out["reason"] = "no_data"
        return out
    if t.shape[0] < 2:
        out["reason"] = "one_group"
        return out
    if t.shape[1] < 2:
        out["reason"] = "one_category"
        return out
    expected = expected_freq(t)
    small = int((expected < 5).sum())
    out["n_small_expected"] = small
    out["cramers_v"] = cramers_v(t, bias_correction)
    chosen = test if test != "auto" else ("fisher" if small else "chi2")
    if chosen == "chi2":
        correct = yates and t.shape == (2, 2)
        chi2, p, dof, _ = stats.chi2_contingency(t, correction=correct)
        out.update(test="chi2_yates" if correct else "chi2", statistic=float(chi2), df=int(dof), p=float(p))
    elif t.shape == (2, 2):
        out.update(test="fisher", p=float(stats.fisher_exact(t.astype(int))[1]))
    else:
        out.update(test="fisher_mc", p=_fisher_rxc_mc(t, n_resamples, random_state))
    return out


def difference_in_shares(count1, nobs1, count2, nobs2, ci: float = 0.95) -> tuple[float, float, float]:
    """Difference p₁ − p₂ with the Newcombe hybrid score interval (NaN when a group is empty).

    Wraps ``confint_proportions_2indep(method="newcomb", compare="diff")``.

    >>> d, lo, hi = difference_in_shares(56, 70, 48, 80)
    >>> round(d, 4), round(lo, 4), round(hi, 4)
    (0.2, 0.0524, 0.3339)
    """
    if nobs1 <= 0 or nobs2 <= 0:
        return float("nan"), float("nan"), float("nan")
    low, high = confint_proportions_2indep(count1, nobs1, count2, nobs2, method="newcomb", compare="diff", alpha=1 - ci)
    return float(count1 / nobs1 - count2 / nobs2), float(low), float(high)


# ---------------------------------------------------------------------------
# compare_groups
# ---------------------------------------------------------------------------


def compare_groups(
    data: pd.DataFrame,
    variables: list[str] | str,
    by: str,
    *,
    groups: list | None = None,
    test: str | dict = "auto",
    correction: str | None = None,
    ci: float = 0.95,
    lang: str = "sv",
    yates: bool = False,
    bias_correction: bool = False,
    n_resamples: int = 9999,
    random_state=0,
) -> pd.DataFrame:
    """Compare groups on one or more variables: one tidy table of tests and effect sizes.

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form.
    variables : str or list of str
        Columns, multi-select groups (``"hem"``: one test per option) or
        derived variables (``"antal_utsatthet"``, ``"hem_nagon"``).
    by : str
        Grouping variable, e.g. ``"kon"``, ``"ursprung"``, ``"kon_ursprung"``.
    groups : list, optional
        Compare only these groups, in this order (e.g.
        ``["utlandet_flicka", "utlandet_pojke"]``). The first minus the
        second is the direction of every difference.
    test : str or dict
        ``"auto"`` (see the module docstring), or a test for every variable
        (``"chi2"``, ``"fisher"``, ``"welch"``, ``"mannwhitney"``,
        ``"kruskal"``), or a dict ``{variable: test}`` (others ``"auto"``).
    correction : str, optional
        Multiple-testing method of ``statsmodels.stats.multitest.multipletests``.
    ci : float
        Level of the effect-size intervals.
    lang : {"sv", "en"}
        Language of the labels, test and effect names and notes.
    yates : bool, default False
        Continuity correction of the chi-squared test of a 2x2 table.
    bias_correction : bool, default False
        Bergsma's bias-corrected Cramér's V.
    n_resamples, random_state
        Monte Carlo of Fisher's test for tables larger than 2x2.

    Returns
    -------
    DataFrame
        One row per test or estimate. Columns: ``variable, variable_label,
        kind, category, category_label, n, n_<group>…, estimate,
        estimate_<group>…, test, test_label, statistic, df, p, p_adjusted,
        p_adjust_method, effect, effect_label, effect_size, effect_ci_low,
        effect_ci_high, cramers_v, note``.

        * A single-choice or scale variable: a first row with the test of the
          whole table (``category`` None, effect Cramér's V), then a row per
          category with the share in each group (``estimate == "share"``)
          and, for two groups, the difference in shares with its interval
          (no test on these rows).
        * A yes/no variable and each option of a multi-select group: one
          row, share answering yes per group, the test, and (two groups)
          the difference in shares, else Cramér's V.
        * An integer variable: Welch's t (``estimate == "mean"``, mean
          difference) and Mann–Whitney (``"median"``, rank-biserial r) for
          two groups; Kruskal–Wallis (``"median"``, ε²) for more.
        * A numeric column the codebook does not know whose only values are
          0 and 1 (e.g. ``flag`` added to the data) is a yes/no, 1 = yes
          (:mod:`webbkollen_lib.analysis.variables`): one row as for a
          yes/no, the share of 1s per group, chi-square or Fisher and the
          difference in shares, not Welch and Mann–Whitney on medians of 0
          and 1. A column with any other value (0/1/2) and the codebook's
          integers (``alder``, ``antal_utsatthet``) stay integers.

        When no test is possible (one group with data, a single category,
        no data) the row is kept with NaN test results and the reason in
        ``note``.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke"] * 4 + ["flicka"] * 4,
    ...                                    "samtal_enskilt_beslut": [True, True, True, False, True, False, False, False]}))
    >>> r = compare_groups(cases, "samtal_enskilt_beslut", by="kon")
    >>> r.loc[0, ["test", "estimate_pojke", "estimate_flicka", "effect_size"]].tolist()
    ['fisher', 0.75, 0.25, 0.5]
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci) or 0.95
    if isinstance(variables, str):
        variables = [variables]
    if not variables:
        raise ValueError("no variables to compare")
    tests = _tests_per_variable(variables, test)
    g = resolve_group(data, by)
    codes = list(g.categories)
    if groups is not None:
        unknown = [x for x in groups if x not in codes]
        if unknown:
            raise ValueError(f"groups {unknown} are not categories of {by!r}; categories are {codes}")
        if len(set(groups)) != len(groups):
            raise ValueError(f"groups lists a group twice: {groups}")
        codes = list(groups)
    gidx_all = code_positions(g.values, g.categories)
    # position in `codes` of each registration (-1: group missing or not compared)
    remap = np.full(len(g.categories), -1)
    for i, code in enumerate(codes):
        remap[list(g.categories).index(code)] = i
    gidx = np.where(gidx_all >= 0, remap[np.maximum(gidx_all, 0)], -1)
    glabels = [g.value_label(x, lang) for x in codes]

    records = []
    for name in variables:
        var = resolve(data, name)
        chosen = tests[name]
        if var.kind == "integer":
            if chosen not in ("auto",) + NUMERIC_TESTS:
                raise ValueError(
                    f"test={chosen!r} does not apply to {name!r}, an integer variable; "
                    f"use 'auto', 'welch', 'mannwhitney' or 'kruskal'"
                )
            records += _numeric_rows(var, gidx, codes, glabels, chosen, ci, lang)
        else:
            if chosen not in ("auto",) + CATEGORICAL_TESTS:
                raise ValueError(
                    f"test={chosen!r} does not apply to {name!r}, a categorical variable; use 'auto', 'chi2' or 'fisher'"
                )
            kw = dict(yates=yates, bias_correction=bias_correction, n_resamples=n_resamples, random_state=random_state)
            records += _categorical_rows(var, gidx, codes, glabels, chosen, ci, lang, kw)

    frame = pd.DataFrame.from_records(records)
    frame["p_adjusted"] = np.nan
    frame["p_adjust_method"] = correction
    if correction is not None:
        has_p = frame["p"].notna().to_numpy()
        if has_p.any():
            frame.loc[has_p, "p_adjusted"] = multipletests(frame.loc[has_p, "p"].to_numpy(dtype=float), method=correction)[1]
    fixed = ["variable", "variable_label", "kind", "category", "category_label", "n"]
    fixed += [f"n_{c}" for c in codes] + ["estimate"] + [f"estimate_{c}" for c in codes]
    fixed += ["test", "test_label", "statistic", "df", "p", "p_adjusted", "p_adjust_method",
              "effect", "effect_label", "effect_size", "effect_ci_low", "effect_ci_high", "cramers_v", "note"]
    for column in fixed:
        if column not in frame.columns:
            frame[column] = np.nan
    frame = frame[fixed]
    frame.attrs.update({"by": by, "groups": codes, "lang": lang, "ci": ci, "correction": correction})
    return frame


def _tests_per_variable(variables, test) -> dict:
    if isinstance(test, dict):
        unknown = set(test) - set(variables)
        if unknown:
            raise ValueError(f"test names variables that are not compared: {sorted(unknown)}")
        out = {v: test.get(v, "auto") for v in variables}
    else:
        out = {v: test for v in variables}
    for v, t in out.items():
        if t not in TESTS:
            raise ValueError(f"unknown test {t!r} for {v!r}; allowed: {', '.join(TESTS)}")
    return out


def _base(var: Resolved, lang: str, category=None, category_label=None) -> dict:
    return {
        "variable": var.name,
        "variable_label": var.label(lang),
        "kind": var.kind,
        "category": category,
        "category_label": category_label,
    }


def _test_fields(result: dict, lang: str, groups_dropped: list[str]) -> dict:
    notes = []
    if result["reason"]:
        notes.append(_note(result["reason"], lang))
    if groups_dropped:
        notes.append(_note("empty_groups", lang, groups=", ".join(groups_dropped)))
    if result["n_small_expected"] and result["test"] in ("chi2", "chi2_yates"):
        notes.append(_note("small_expected", lang, k=result["n_small_expected"], m=result["n_cells"]))
    return {
        "test": result["test"],
        "test_label": catalogue.text(f"comparisons.test.{result['test']}", lang) if result["test"] else None,
        "statistic": result["statistic"],
        "df": result["df"],
        "p": result["p"],
        "cramers_v": result["cramers_v"],
        "note": "; ".join(notes) if notes else None,
    }


def _group_table(codes_of_var: np.ndarray, gidx: np.ndarray, k: int, G: int) -> np.ndarray:
    ok = (codes_of_var >= 0) & (gidx >= 0)
    return np.bincount(gidx[ok] * k + codes_of_var[ok], minlength=G * k).reshape(G, k)


def _difference(table2: np.ndarray, j: int, ci: float, glabels, lang) -> dict:
    """Difference in shares of column j between the two rows of a groups x categories table."""
    n1, n2 = table2.sum(axis=1)
    d, lo, hi = difference_in_shares(table2[0, j], n1, table2[1, j], n2, ci)
    return {
        "effect": "difference_in_shares",
        "effect_label": catalogue.text("comparisons.effect.difference_in_shares", lang, a=glabels[0], b=glabels[1]),
        "effect_size": d,
        "effect_ci_low": lo,
        "effect_ci_high": hi,
    }


def _shares(table: np.ndarray, j: int, codes) -> dict:
    n = table.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, table[:, j] / np.where(n > 0, n, 1), np.nan)
    return {f"estimate_{c}": float(s) for c, s in zip(codes, share)}


def _sizes(table: np.ndarray, codes) -> dict:
    n = table.sum(axis=1)
    return {"n": int(n.sum()), **{f"n_{c}": int(x) for c, x in zip(codes, n)}}


def _categorical_rows(var: Resolved, gidx, codes, glabels, chosen, ci, lang, kw) -> list[dict]:
    G = len(codes)
    rows = []
    if var.is_multi:
        answered = var.answered().to_numpy(dtype=bool)
        for column in var.categories:
            ticked = var.values[column].fillna(False).to_numpy(dtype=bool)
            cidx = np.where(answered, np.where(ticked, 0, 1), -1)
            rows.append(_binary_row(var, cidx, gidx, codes, glabels, chosen, ci, lang, kw, column, var.value_label(column, lang)))
        return rows
    cidx = code_positions(var.values, var.categories)
    if var.kind == "yesno":
        return [_binary_row(var, cidx, gidx, codes, glabels, chosen, ci, lang, kw, True, var.value_label(True, lang))]
    k = len(var.categories)
    table = _group_table(cidx, gidx, k, G)
    dropped = [glabels[i] for i in range(G) if table[i].sum() == 0]
    result = contingency_test(table, chosen, **kw)
    effect = "cramers_v_bc" if kw["bias_correction"] else "cramers_v"
    rows.append({
        **_base(var, lang), **_sizes(table, codes), "estimate": None,
        **_test_fields(result, lang, dropped if result["reason"] is None else []),
        "effect": effect if result["test"] else None,
        "effect_label": catalogue.text(f"comparisons.effect.{effect}", lang) if result["test"] else None,
        "effect_size": result["cramers_v"],
    })
    for j, code in enumerate(var.categories):
        row = {**_base(var, lang, code, var.value_label(code, lang)), **_sizes(table, codes), "estimate": "share", **_shares(table, j, codes)}
        if G == 2:
            row.update(_difference(table, j, ci, glabels, lang))
        rows.append(row)
    return rows


def _binary_row(var, cidx, gidx, codes, glabels, chosen, ci, lang, kw, category, category_label) -> dict:
    """One yes/no question (cidx: 0 = yes, 1 = no, -1 = missing) compared between groups."""
    G = len(codes)
    table = _group_table(cidx, gidx, 2, G)
    dropped = [glabels[i] for i in range(G) if table[i].sum() == 0]
    result = contingency_test(table, chosen, **kw)
    row = {
        **_base(var, lang, category, category_label), **_sizes(table, codes), "estimate": "share",
        **_shares(table, 0, codes), **_test_fields(result, lang, dropped if result["reason"] is None else []),
    }
    if G == 2:
        row.update(_difference(table, 0, ci, glabels, lang))
    elif result["test"]:
        effect = "cramers_v_bc" if kw["bias_correction"] else "cramers_v"
        row.update(effect=effect, effect_label=catalogue.text(f"comparisons.effect.{effect}", lang), effect_size=result["cramers_v"])
    return row


def _numeric_rows(var: Resolved, gidx, codes, glabels, chosen, ci, lang) -> list[dict]:
    G = len(codes)
    values = var.values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    samples = [values[(gidx == i) & ~np.isnan(values)] for i in range(G)]
    sizes = {"n": int(sum(len(s) for s in samples)), **{f"n_{c}": len(s) for c, s in zip(codes, samples)}}
    present = [i for i in range(G) if len(samples[i])]
    dropped = [glabels[i] for i in range(G) if not len(samples[i])]
    if chosen == "auto":
        wanted = ["welch", "mannwhitney"] if G == 2 else ["kruskal"]
    else:
        wanted = [chosen]
    rows = []
    for t in wanted:
        if t in ("welch", "mannwhitney") and G != 2:
            raise ValueError(
                f"{catalogue.text(f'comparisons.test.{t}', 'en')} compares two groups, but {G} are compared; "
                f"pass groups=[…] with two groups or use 'kruskal'"
            )
        estimate = "mean" if t == "welch" else "median"
        est = {
            f"estimate_{c}": (float(np.mean(s)) if estimate == "mean" else float(np.median(s))) if len(s) else np.nan
            for c, s in zip(codes, samples)
        }
        row = {**_base(var, lang), **sizes, "estimate": estimate, **est, "test": t, "test_label": catalogue.text(f"comparisons.test.{t}", lang)}
        row.update(_numeric_test(t, samples, present, ci, glabels, lang))
        notes = [row.pop("_note")] if row.get("_note") else []
        if dropped and not np.isnan(row.get("p", np.nan)):
            notes.append(_note("empty_groups", lang, groups=", ".join(dropped)))
        row["note"] = "; ".join(notes) if notes else None
        if np.isnan(row.get("p", np.nan)):
            row["test"] = row["test_label"] = None
        rows.append(row)
    return rows


def _numeric_test(t, samples, present, ci, glabels, lang) -> dict:
    nan = float("nan")
    out = {"statistic": nan, "df": nan, "p": nan, "effect": None, "effect_label": None,
           "effect_size": nan, "effect_ci_low": nan, "effect_ci_high": nan, "_note": None}
    n_total = sum(len(s) for s in samples)
    if n_total == 0:
        out["_note"] = _note("no_data", lang)
        return out
    if len(present) < 2:
        out["_note"] = _note("one_group", lang)
        return out
    if t == "welch":
        x, y = samples
        if len(x) < 2 or len(y) < 2:
            out["_note"] = _note("too_few", lang)
            return out
        if np.var(x) == 0 and np.var(y) == 0:
            out["_note"] = _note("no_variation", lang)
            return out
        res = stats.ttest_ind(x, y, equal_var=False)
        lo, hi = res.confidence_interval(ci)
        out.update(statistic=float(res.statistic), df=float(res.df), p=float(res.pvalue),
                   effect="mean_difference",
                   effect_label=catalogue.text("comparisons.effect.mean_difference", lang, a=glabels[0], b=glabels[1]),
                   effect_size=float(np.mean(x) - np.mean(y)), effect_ci_low=float(lo), effect_ci_high=float(hi))
    elif t == "mannwhitney":
        x, y = samples
        res = stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
        r = 2 * res.statistic / (len(x) * len(y)) - 1
        out.update(statistic=float(res.statistic), p=float(res.pvalue), effect="rank_biserial",
                   effect_label=catalogue.text("comparisons.effect.rank_biserial", lang), effect_size=float(r))
    else:  # kruskal
        data = [samples[i] for i in present]
        pooled = np.concatenate(data)
        if np.all(pooled == pooled[0]):
            out["_note"] = _note("no_variation", lang)
            return out
        res = stats.kruskal(*data)
        out.update(statistic=float(res.statistic), df=float(len(data) - 1), p=float(res.pvalue),
                   effect="epsilon_squared", effect_label=catalogue.text("comparisons.effect.epsilon_squared", lang),
                   effect_size=float(res.statistic / (len(pooled) - 1)))
    return out


# ---------------------------------------------------------------------------
# helpers for the report's examples (Exempel 1–4 of §4.2)
# ---------------------------------------------------------------------------


def share_by_group(
    data: pd.DataFrame,
    variables: list[str] | str,
    by: str,
    *,
    category=None,
    groups: list | None = None,
    lang: str = "sv",
    ci: float | None = 0.95,
    wide: bool = False,
    decimals: int = 0,
) -> pd.DataFrame:
    """Share answering ``category`` per group, for several variables (Table 7, Exempel 2 and 4).

    Shares are of the registrations with an answer (missing left out, their
    number in ``n_missing``).

    Parameters
    ----------
    variables : str or list of str
        Yes/no variables (share answering yes), single-choice variables
        (share answering ``category``, e.g. ``avslutsorsak`` with
        ``category="mal_uppnatt"``), or multi-select groups (every option).
    category : optional
        The answer whose share is shown; default yes (True) for yes/no. For a
        single-choice variable without ``category``, every category.
    groups : list, optional
        Only these groups of ``by``, in this order.
    wide : bool, default False
        False: tidy rows (variable, category, group, n, denominator, share,
        ci_low, ci_high, n_missing). True: a display table, one row per
        variable (and category), one column per group headed with its n,
        cells like ``55 %``.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke", "pojke", "flicka", "flicka"],
    ...                                    "samtal_enskilt_beslut": [True, False, True, True]}))
    >>> share_by_group(cases, "samtal_enskilt_beslut", by="kon")["share"].tolist()
    [0.5, 1.0]
    >>> share_by_group(cases, "samtal_enskilt_beslut", by="kon", wide=True, lang="en").columns.tolist()
    ['Boy (n = 2)', 'Girl (n = 2)']
    """
    check_frame(data)
    lang = check_lang(lang)
    if isinstance(variables, str):
        variables = [variables]
    g = resolve_group(data, by)
    codes = list(g.categories) if groups is None else list(groups)
    bad = [x for x in codes if x not in g.categories]
    if bad:
        raise ValueError(f"groups {bad} are not categories of {by!r}; categories are {list(g.categories)}")
    parts = []
    for name in variables:
        var = resolve(data, name)
        ft = frequency_table(data, name, by=by, lang=lang, ci=ci, dropna=True)
        ft = ft[ft["group"].isin(codes)]
        if var.kind == "yesno":
            wanted = [True] if category is None else [category]
        elif var.is_multi:
            wanted = list(var.categories)
        elif category is not None:
            wanted = [category]
        else:
            wanted = list(var.categories)
        missing = [w for w in wanted if w not in var.categories]
        if missing:
            raise ValueError(f"{name!r} has no category {missing[0]!r}; categories are {var.categories}")
        ft = ft[ft["category"].isin(wanted)]
        parts.append(ft)
    tidy = pd.concat(parts, ignore_index=True)
    tidy["group"] = pd.Categorical(tidy["group"], categories=codes)
    tidy = tidy.sort_values(["group"], kind="stable").reset_index(drop=True)
    tidy["group"] = tidy["group"].astype(object)
    keep = ["variable", "variable_label", "category", "label", "group", "group_label",
            "n", "denominator", "share", "ci_low", "ci_high", "n_total", "n_missing"]
    tidy = tidy[keep].rename(columns={"label": "category_label"})
    if not wide:
        return tidy
    several = tidy.groupby("variable", sort=False)["category"].nunique() > 1
    tidy["row"] = [
        f"{vl}: {cl}" if several[v] else vl
        for v, vl, cl in zip(tidy["variable"], tidy["variable_label"], tidy["category_label"])
    ]
    totals = tidy.groupby("group", sort=False)["n_total"].max()
    labels = {c: g.value_label(c, lang) for c in codes}
    header = {c: text("n_label", lang, label=labels[c], n=format_count(totals.get(c, 0), lang)) for c in codes}
    tidy["cell"] = [format_percent(s, decimals, lang) for s in tidy["share"]]
    order = list(dict.fromkeys(tidy["row"]))
    table = tidy.pivot(index="row", columns="group", values="cell").reindex(index=order, columns=codes)
    table.columns = [header[c] for c in codes]
    table.index.name = None
    return table


def exposure_shares(
    data: pd.DataFrame,
    by: str = "kon_ursprung",
    *,
    exposure_groups=("hem", "vh", "barn"),
    include_none: bool = False,
    lang: str = "sv",
    ci: float | None = 0.95,
) -> pd.DataFrame:
    """Share of cases with each identified exposure, per group (Figure 7, Exempel 1).

    A tidy frame from :func:`~webbkollen_lib.analysis.descriptive.frequency_table` of
    each exposure group (shares of the cases where the group was filled
    in), with a column ``exposure_group`` (``hem``, ``vh``, ``barn``). The
    explicit "none" answers are left out unless ``include_none``. Groups of
    ``by`` that are missing (e.g. origin not known) are left out, as in the
    report. An exposure group the data lacks altogether is skipped (a
    municipality may register only some); if it lacks all of them, the
    error names them.
    """
    check_frame(data)
    cb = get_codebook()
    parts = []
    present = [g for g in exposure_groups if any(c in data.columns for c in cb[g].columns)]
    if not present:
        raise MissingColumnError(
            "the analysis needs identified-exposure columns ("
            + ", ".join(f"{cb[g].prefix}*" for g in exposure_groups)
            + "), which the data lacks"
        )
    for group in present:
        ft = frequency_table(data, group, by=by, lang=lang, ci=ci, dropna=True)
        if not include_none:
            ft = ft[ft["category"].isin(cb[group].option_columns)]
        ft.insert(0, "exposure_group", group)
        parts.append(ft)
    return pd.concat(parts, ignore_index=True)

