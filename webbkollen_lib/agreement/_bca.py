"""Bias-corrected and accelerated (BCa) bootstrap intervals (private).

Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, ch. 14.3 and
eq. 15.36; the arithmetic is scipy's ``stats.bootstrap(method="BCa")`` so the
two agree to rounding on the same replicates:

- bias correction :math:`z_0 = \\Phi^{-1}(\\hat p)`, with :math:`\\hat p` the
  share of replicates below the estimate, ties counted half (a tie is a
  replicate within 1e-12 of the estimate: the same resample summed in another
  order differs in the last bit);
- acceleration from the jackknife. With :math:`U_{ji} = (n_j - 1)(\\bar\\theta_{j\\cdot} -
  \\theta_{j(i)})` for each resampled dimension *j* (units; raters) and each
  left-out element *i*,
  :math:`a = \\tfrac16 \\sum_j \\sum_i U_{ji}^3 / n_j^3 \\big/ (\\sum_j \\sum_i U_{ji}^2/n_j^2)^{3/2}`
  (one dimension: Efron & Tibshirani's 14.15; several: the sum over
  samples that scipy uses for multi-sample statistics);
- the interval is the :math:`\\Phi(z_0 + (z_0 + z_\\gamma)/(1 - a(z_0 + z_\\gamma)))`
  percentiles of the replicates, :math:`\\gamma = a/2,\\ 1 - a/2`
  (``numpy.percentile``'s linear interpolation, as scipy).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri


def acceleration(jackknives, weights=None) -> float:
    """Efron's acceleration from one or more sets of jackknife values.

    ``jackknives`` is a list of 1-D arrays, one per resampled dimension
    (leave-one-unit-out values; leave-one-rater-out values). ``weights``
    (same shapes) counts how many identical elements each value stands for
    (a category's raters in the single-vignette case); default 1 each.
    Jackknife values that are NaN (the coefficient undefined without that
    element) are left out.
    """
    nums, dens = 0.0, 0.0
    weights = [None] * len(jackknives) if weights is None else weights
    for theta, w in zip(jackknives, weights):
        theta = np.asarray(theta, dtype=float)
        w = np.ones_like(theta) if w is None else np.asarray(w, dtype=float)
        ok = np.isfinite(theta) & (w > 0)
        theta, w = theta[ok], w[ok]
        n = w.sum()
        if n < 2:
            continue
        u = (n - 1) * (np.sum(w * theta) / n - theta)
        nums += np.sum(w * u**3) / n**3
        dens += np.sum(w * u**2) / n**2
    if dens <= 0:
        return 0.0
    return float(nums / dens**1.5 / 6)


def interval(replicates, estimate: float, accel: float, confidence: float):
    """(low, high, z0) of the BCa interval; NaNs where it cannot be computed.

    Replicates that are NaN (the coefficient undefined on that resample) are
    left out, as in the percentile interval.
    """
    reps = np.asarray(replicates, dtype=float)
    reps = reps[np.isfinite(reps)]
    if reps.size < 2 or not np.isfinite(estimate):
        return np.nan, np.nan, np.nan
    # ties with the estimate count half; "equal" allows for rounding, since a
    # replicate summed in another order can miss an exact tie by 1e-16
    tol = 1e-12 * max(1.0, abs(estimate))
    share = ((reps < estimate - tol).sum() + (reps <= estimate + tol).sum()) / (2 * reps.size)
    z0 = ndtri(share)
    if not np.isfinite(z0):  # every replicate on one side of the estimate
        return np.nan, np.nan, float(z0)
    alpha = (1 - confidence) / 2
    ends = []
    for z in (ndtri(alpha), -ndtri(alpha)):
        level = ndtr(z0 + (z0 + z) / (1 - accel * (z0 + z)))
        ends.append(float(np.percentile(reps, 100 * level)) if np.isfinite(level) else np.nan)
    return ends[0], ends[1], float(z0)
