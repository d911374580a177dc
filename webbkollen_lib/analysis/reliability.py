"""Internal consistency of a scale: Cronbach's alpha with Feldt's interval.

One function, pingouin's :func:`pingouin.cronbach_alpha` in wide form: the
package does not depend on pingouin (it would pull scikit-learn and newer numpy
and scipy into every report kernel), so the test suite checks this function
against pingouin's documented example and R ``psych::alpha``'s formula.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import f as f_dist

from webbkollen_lib.core.errors import require_frame

__all__ = ["cronbach_alpha"]


def cronbach_alpha(data: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    r"""Cronbach's alpha of the columns of ``data`` (one row per respondent, one column per item).

    .. math::

        \alpha = \frac{k}{k-1}\left(1 - \frac{\sum_{i=1}^{k}\sigma^2_{Y_i}}{\sigma^2_X}\right)

    with :math:`k` items, item variances :math:`\sigma^2_{Y_i}` and the
    variance :math:`\sigma^2_X` of the respondents' sums (sample variances,
    ``ddof=1``). Respondents with any missing item are left out (listwise, as
    ``psych::alpha(use = "complete.obs")`` and pingouin do). The interval is
    Feldt's (Feldt, Woodruff & Salih 1987):

    .. math::

        \big[\,1 - (1-\alpha)\,F_{1-a/2}(n-1, (n-1)(k-1)),\;
               1 - (1-\alpha)\,F_{a/2}(n-1, (n-1)(k-1))\,\big]

    where :math:`F_p` is the *p* quantile of the F distribution and
    :math:`a = 1 -` ``confidence``.

    Returns
    -------
    DataFrame
        One row: ``alpha``, ``ci_low``, ``ci_high``, ``n`` (complete
        respondents), ``k`` (items). Fewer than two items or two complete
        respondents, or no variance in the sums, give NaN for alpha and its
        interval (with ``n`` and ``k`` as they are).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of
    tests. *Psychometrika* 16(3), 297–334. Feldt, L. S., Woodruff, D. J. &
    Salih, F. A. (1987). Statistical inference for coefficient alpha.
    *Applied Psychological Measurement* 11(1), 93–103.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 4], "c": [1, 3, 3, 4, 5]})
    >>> cronbach_alpha(items).round(3)
       alpha  ci_low  ci_high  n  k
    0  0.945   0.723    0.994  5  3
    """
    require_frame(data, "data", expected="item scores")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    values = data.apply(pd.to_numeric, errors="raise").to_numpy(dtype=float)
    k = values.shape[1]
    complete = values[~np.isnan(values).any(axis=1)]
    n = len(complete)
    alpha = low = high = float("nan")
    if k >= 2 and n >= 2:
        total_var = complete.sum(axis=1).var(ddof=1)
        if total_var > 0:
            alpha = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / total_var)
            a = 1 - confidence
            df1, df2 = n - 1, (n - 1) * (k - 1)
            low = 1 - (1 - alpha) * f_dist.isf(a / 2, df1, df2)
            high = 1 - (1 - alpha) * f_dist.isf(1 - a / 2, df1, df2)
    return pd.DataFrame({"alpha": [alpha], "ci_low": [low], "ci_high": [high], "n": [n], "k": [k]})
