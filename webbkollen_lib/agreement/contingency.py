"""Two raters' contingency table in, every coefficient with both variance conventions out.

irrCAC has two sets of functions for two raters. The per-unit ("raw")
functions, which this package follows everywhere, estimate the variance
from the n units with divisor :math:`n(n-1)`; the table functions
(``kappa2.table``, ``scott2.table``, ``gwet.ac1.table``, ``bp2.table``,
``pa2.table``) use :math:`n^2`, so their standard errors are smaller by
:math:`\\sqrt{(n-1)/n}`. Neither is wrong (the difference is the usual
:math:`n` against :math:`n-1`, and vanishes with many units);
:func:`contingency_agreement` reports both, named apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.agreement import _core
from webbkollen_lib.agreement import coefficients as _coef

__all__ = ["contingency_agreement"]

_ROWS = (
    ("percent_agreement", "Percent agreement"),
    ("conger_kappa", "Cohen's kappa"),
    ("fleiss_kappa", "Scott's pi"),
    ("gwet_ac1", "Gwet's AC1/AC2"),
    ("brennan_prediger", "Brennan-Prediger"),
    ("krippendorff_alpha", "Krippendorff's alpha"),
)


def _ratings(table):
    if isinstance(table, pd.DataFrame):
        rows, cols = list(table.index), list(table.columns)
        if rows != cols:
            raise ValueError("contingency_agreement: the table's rows (rater A) and columns (rater B) must list the "
                             f"same categories in the same order; rows {rows}, columns {cols}")
        cats = rows
        counts = table.to_numpy()
    else:
        counts = np.asarray(table)
        cats = list(range(1, counts.shape[0] + 1)) if counts.ndim == 2 else []
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] < 2:
        raise ValueError(f"contingency_agreement: expected a square q x q table (q >= 2), got shape {counts.shape}")
    counts = counts.astype(float)
    if not np.isfinite(counts).all() or (counts < 0).any() or not np.array_equal(counts, np.round(counts)):
        raise ValueError("contingency_agreement: the cells must be non-negative whole numbers of units")
    k = np.arange(len(cats))
    a = np.repeat(np.repeat(k, len(cats)), counts.ravel().astype(int))
    b = np.repeat(np.tile(k, len(cats)), counts.ravel().astype(int))
    frame = pd.DataFrame({"rater_a": pd.Categorical.from_codes(a, categories=cats),
                          "rater_b": pd.Categorical.from_codes(b, categories=cats)})
    return frame, cats


def contingency_agreement(table, *, weights="identity", confidence=0.95) -> pd.DataFrame:
    r"""Every two-rater coefficient from a q x q contingency table, with both standard errors.

    Cell :math:`(k, l)` counts the units that rater A put in category *k*
    and rater B in category *l*. The coefficients are those of this
    package on the units x 2 table behind it (Cohen's kappa is
    :func:`~webbkollen_lib.agreement.conger_kappa`, Scott's pi is
    :func:`~webbkollen_lib.agreement.fleiss_kappa` with two raters), and:

    - ``se`` -- the per-unit (irrCAC ``*.raw``) convention,
      :math:`\widehat{var} = \frac{1}{n(n-1)}\sum_i (x_i - \bar x)^2`, which
      every other function of this package reports; ``ci_low``/``ci_high``
      use it;
    - ``se_table`` -- irrCAC's table functions' convention,
      :math:`\widehat{var} = \frac{1}{n^2}\sum_i (x_i - \bar x)^2`, i.e.
      :math:`se\sqrt{(n-1)/n}`; ``ci_low_table``/``ci_high_table`` use it
      (with the same t quantile, as irrCAC).

    Parameters
    ----------
    table : DataFrame or 2-D array
        Counts, rater A down, rater B across; a DataFrame's index and
        columns name the categories (same order).
    weights : str or (q, q) array
        As for the coefficients (Krippendorff's alpha takes them as
        :math:`\delta^2 = 1 - w`).
    confidence : float

    Returns
    -------
    DataFrame indexed by function name: ``coefficient``, ``value``, ``se``,
    ``ci_low``, ``ci_high``, ``se_table``, ``ci_low_table``,
    ``ci_high_table``, ``n_units``.

    References
    ----------
    Gwet (2014), ch. 2 & 5; irrCAC ``R/agree.coeff2.r`` (the table
    functions) and ``R/agree.coeff3.raw.r``.

    Examples
    --------
    >>> out = contingency_agreement([[20, 5], [3, 72]])
    >>> round(out.loc["conger_kappa", "value"], 4)
    0.7808
    >>> bool(out.loc["conger_kappa", "se_table"] < out.loc["conger_kappa", "se"])
    True
    """
    frame, cats = _ratings(table)
    n = len(frame)
    rows = []
    for name, label in _ROWS:
        if name == "krippendorff_alpha":
            res = _coef.krippendorff_alpha(frame, weights=weights, confidence=confidence)
        else:
            res = getattr(_coef, name)(frame, weights=weights, confidence=confidence)
        se_table = res.se * np.sqrt((n - 1) / n)
        ci_table, _ = _core.inference(res.value, se_table, n - 1, confidence, "two-sided")
        rows.append({"function": name, "coefficient": label if name != "gwet_ac1" else res.coefficient,
                     "value": res.value, "se": res.se, "ci_low": res.ci[0], "ci_high": res.ci[1],
                     "se_table": se_table, "ci_low_table": ci_table[0], "ci_high_table": ci_table[1],
                     "n_units": n})
    return pd.DataFrame(rows).set_index("function")
