"""Category-specific agreement: how far raters agree on *each* category.

A chance-corrected coefficient sums agreement over the whole scale. A trainer
asks something narrower: "do we agree on *hög* but not on *något förhöjd*?".
:func:`category_agreement` answers it per category with Uebersax's
proportion of specific agreement (generalised to many raters and missing
ratings) and Fleiss' per-category kappa with both of its standard errors.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from webbkollen_lib.agreement import _core
from webbkollen_lib.agreement.coefficients import _check_common

__all__ = ["category_agreement"]


def category_agreement(data, *, categories=None, confidence=0.95) -> pd.DataFrame:
    r"""Agreement on each category: specific agreement and Fleiss' per-category kappa.

    With :math:`x_{ij}` raters putting unit *i* in category *j* and
    :math:`m_i` raters rating unit *i*:

    - **specific agreement** (Uebersax 1982; R ``agreement::cat_specific``):

      .. math:: p_{s,j} = \frac{\sum_i x_{ij}(x_{ij}-1)}{\sum_i x_{ij}(m_i-1)},

      the probability that a second, randomly chosen rater of a unit also
      says *j* given that one rater said *j*. With two raters and a yes/no
      item it is the positive (or negative) agreement :math:`2a/(2a+b+c)`.
      Units with one rating drop out (they have no pair).
    - **Fleiss' per-category kappa** (Fleiss 1971, eq. 13): Fleiss' kappa of
      the yes/no table "category *j* or not",
      :math:`\kappa_j = (p_{s,j} - p_j)/(1 - p_j)` with complete data (R
      ``irr::kappam.fleiss(detail = TRUE)``); with missing ratings it is
      :func:`~webbkollen_lib.agreement.fleiss_kappa` of that yes/no table
      (irrCAC's conventions).
    - its two standard errors: ``se_h0`` = :math:`\sqrt{2/(n m (m-1))}`, the
      SE **under H0** (:math:`\kappa_j = 0`; Fleiss, Nee & Landis 1979),
      behind ``z`` and the two-sided normal ``p_value`` exactly as irr prints
      them (needs the same number *m* of ratings on every unit, NaN
      otherwise); and ``se``, Gwet's linearisation of the yes/no kappa,
      valid whatever :math:`\kappa_j` is, behind ``ci_low``/``ci_high``
      (t with n − 1 degrees of freedom, capped at 1, as every interval of
      this module). Never build an interval from ``se_h0``: it is too
      narrow away from 0 (jasp-issues #4509).

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters; NaN/None/"inte känt" = missing.
    categories : sequence, optional
        All categories, in order (a category nobody used gets a row of NaN).
    confidence : float
        Level of the interval.

    Returns
    -------
    DataFrame indexed by category: ``n_ratings``, ``share`` (:math:`p_j`),
    ``specific_agreement``, ``kappa``, ``se_h0``, ``z``, ``p_value``, ``se``,
    ``ci_low``, ``ci_high``, ``n_units``.

    References
    ----------
    Uebersax, J. S. (1982). A design-independent method for measuring the
    reliability of psychiatric diagnosis. *J Psychiatric Research* 17,
    335-342. Fleiss, J. L. (1971). *Psychological Bulletin* 76, 378-382.
    Fleiss, J. L., Nee, J. C. M. & Landis, J. R. (1979). *Psychological
    Bulletin* 86, 974-977. Fleiss, Levin & Paik (2003), *Statistical Methods
    for Rates and Proportions*, 3rd ed., ch. 18.

    Examples
    --------
    Fleiss (1971), 30 patients, 6 psychiatrists each; he reports
    :math:`\kappa_j` = .245, .245, .520, .471, .566:

    >>> from webbkollen_lib.agreement import published_example
    >>> table = category_agreement(published_example("fleiss_1971"))
    >>> table["kappa"].round(3).tolist()
    [0.245, 0.245, 0.52, 0.471, 0.566]
    """
    _check_common(confidence, None, "two-sided")
    table = _core.encode_table(data, categories)
    X = table.counts()
    m = X.sum(axis=1)
    n = X.shape[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        specific = (X * (X - 1)).sum(axis=0) / (X * (m - 1)[:, None]).sum(axis=0)
    _, se0 = _core.fleiss_h0_se(X)
    rows = []
    for j, cat in enumerate(table.categories):
        yes_no = np.column_stack([X[:, j], m - X[:, j]])
        est = _core.gwet_family("fleiss", yes_no, np.eye(2))
        ci, _ = _core.inference(est.value, est.se, est.df, confidence, "two-sided")
        z = est.value / se0[j] if np.isfinite(se0[j]) else np.nan
        rows.append({
            "category": cat, "n_ratings": int(X[:, j].sum()), "share": float(X[:, j].sum() / m.sum()),
            "specific_agreement": float(specific[j]) if np.isfinite(specific[j]) else np.nan,
            "kappa": est.value, "se_h0": float(se0[j]), "z": float(z),
            "p_value": float(2 * special.ndtr(-abs(z))) if np.isfinite(z) else np.nan,
            "se": est.se, "ci_low": ci[0], "ci_high": ci[1], "n_units": n,
        })
    return pd.DataFrame(rows).set_index("category")
