"""Rater diagnostics: what each rater does to the coefficients, and where each rater sits on the scale.

**Caution.** These numbers are about people. In a workshop or a report show
them only anonymously (letters in a random order, never names or
initials), only to the group itself, and never when fewer raters took part
than the disclosure threshold (``webbkollen_lib.disclosure.MIN_CELL``, 5):
with three or four colleagues "rater B" is soon someone. They are for
improving a vignette test or a training, not for judging a social worker.
The readable, anonymised table is
:func:`webbkollen_lib.present.vignettes.rater_table`, which enforces both.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import special

from webbkollen_lib.agreement import _core, _resample
from webbkollen_lib.agreement import coefficients as _coef

__all__ = ["leave_one_rater_out", "rater_positions"]

_DEFAULT = ("percent_agreement", "fleiss_kappa", "gwet_ac1", "krippendorff_alpha")


def leave_one_rater_out(data, coefficients: Sequence[str] = _DEFAULT, *, categories=None,
                        weights="identity", level="nominal") -> pd.DataFrame:
    r"""How much each coefficient changes when one rater is left out.

    For every rater *g* and coefficient :math:`\theta`,
    ``change`` :math:`= \theta_{(-g)} - \theta`: positive when agreement is
    higher without that rater (the rater pulls it down). These are the
    jackknife values behind :func:`~webbkollen_lib.agreement.bootstrap`'s
    BCa interval over raters, computed together with array arithmetic.
    A rater whose removal leaves no unit with two ratings gives NaN.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters; the column labels name the raters.
    coefficients : sequence of str
        Names of this module's coefficients (default: percent agreement,
        Fleiss' kappa, AC1 and Krippendorff's alpha).
    categories, weights, level
        As for the coefficients (``level`` for alpha, ``weights`` for the rest).

    Returns
    -------
    Tidy DataFrame: ``rater``, ``coefficient`` (function name), ``value_all``,
    ``value_without``, ``change``, ``n_ratings`` (the rater's ratings).

    References
    ----------
    Efron, B. & Tibshirani, R. (1993), ch. 11 (the jackknife); Gwet (2014),
    ch. 5. Read the module's caution on showing these numbers.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 2], [2, 2, 1], [3, 3, 1], [1, 1, 3]])
    >>> out = leave_one_rater_out(ratings, ["percent_agreement"])
    >>> out.set_index("rater")["value_without"].round(3).tolist()
    [0.0, 0.0, 1.0]
    """
    names = [coefficients] if isinstance(coefficients, str) else list(coefficients)
    unknown = [c for c in names if c not in _coef._KINDS]
    if unknown:
        raise ValueError(f"leave_one_rater_out: unknown coefficient(s) {unknown}; allowed: {', '.join(_coef._KINDS)}")
    table = _core.encode_table(data, categories)
    if table.n_raters < 3:
        raise ValueError("leave_one_rater_out: needs at least three raters (without one, two must remain)")
    X = table.counts()
    n_ratings = (table.codes >= 0).sum(axis=0)
    parts = []
    for name in names:
        options = {"level": level} if name == "krippendorff_alpha" else {"weights": weights}
        if name == "gwet_ac2" and weights == "identity":
            options = {"weights": "quadratic"}
        value_all = getattr(_coef, name)(data, categories=categories, **options).value
        setup = _coef._vector_setup(name, table, options, with_raters=True)
        kind = setup.pop("kind")
        with np.errstate(divide="ignore", invalid="ignore"):
            without = _resample.jackknife_values(kind, X, which="raters", **setup)
        parts.append(pd.DataFrame({"rater": table.rater_labels, "coefficient": name, "value_all": value_all,
                                   "value_without": without, "change": without - value_all,
                                   "n_ratings": n_ratings}))
    return pd.concat(parts, ignore_index=True)


def rater_positions(data, *, categories=None, confidence=0.95) -> pd.DataFrame:
    r"""Each rater's mean position on the ordered scale against the other raters of the same units.

    Categories are positions :math:`1..q` in their order (ranks, not
    values). For rater *g* and each unit *i* they rated together with at
    least one other rater, :math:`d_{gi} = x_{gi} - \bar x_{(-g)i}`, the
    rater's position minus the mean of the others' on that unit;
    ``difference`` is the mean of :math:`d_{gi}` over those units (positive:
    the rater rates systematically *higher*, e.g. sees more risk), with a t
    interval over the units (n − 1 degrees of freedom; NaN with fewer than
    two units). Comparing with the others on the *same* units keeps a rater
    who happened to rate the harder vignettes from looking severe.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters of an ordered scale (an ordered Categorical, numbers,
        or ``categories=`` in order).
    confidence : float
        Level of the interval.

    Returns
    -------
    DataFrame indexed by rater: ``n_units`` (units shared with others),
    ``mean_position``, ``others_position`` (the others' mean on those units),
    ``difference``, ``ci_low``, ``ci_high``. The whole group's mean position
    is in ``.attrs["group_position"]``.

    References
    ----------
    Read the module's caution before showing these numbers. Compare R
    ``irr::rater.bias`` (two raters) and Gwet (2014), ch. 10.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 2], [2, 2, 3], [3, 3, 3], [1, 2, 2]])
    >>> rater_positions(ratings)["difference"].round(3).tolist()
    [-0.5, -0.125, 0.625]
    """
    _coef._check_common(confidence, None, "two-sided")
    table = _core.encode_table(data, categories)
    pos = np.where(table.codes >= 0, table.codes + 1.0, np.nan)  # (n, r) positions 1..q
    rated = ~np.isnan(pos)
    total = np.nansum(pos, axis=1)
    count = rated.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        others = (total[:, None] - np.nan_to_num(pos)) / (count[:, None] - 1)
    shared = rated & (count[:, None] >= 2)
    d = np.where(shared, pos - others, np.nan)
    k = shared.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_d = np.nansum(d, axis=0) / k
        sd = np.sqrt(np.nansum((d - mean_d) ** 2, axis=0) / (k - 1))
        tq = special.stdtrit(np.maximum(k - 1, 1), 1 - (1 - confidence) / 2)
        half = np.where(k >= 2, tq * sd / np.sqrt(k), np.nan)
        own = np.nansum(np.where(shared, pos, 0), axis=0) / k
        oth = np.nansum(np.where(shared, others, 0), axis=0) / k
    out = pd.DataFrame({"n_units": k, "mean_position": own, "others_position": oth, "difference": mean_d,
                        "ci_low": mean_d - half, "ci_high": mean_d + half},
                       index=pd.Index(table.rater_labels, name="rater"))
    out.attrs["group_position"] = float(np.nanmean(pos))
    return out
