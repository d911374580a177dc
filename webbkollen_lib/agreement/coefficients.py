"""Inter-rater agreement: chance-corrected coefficients, inference and consensus.

Coefficients for a units x raters table (rows = units/subjects/vignettes,
columns = raters, NaN = missing rating; units may be rated by different
numbers of raters):

- :func:`percent_agreement`: pairwise (weighted) percent agreement, as irrCAC;
- :func:`fleiss_kappa`: Fleiss (1971) generalised kappa;
- :func:`conger_kappa`: Conger (1980) kappa (Cohen's kappa for two raters);
- :func:`gwet_ac1`: Gwet's AC1, or AC2 with ``weights=`` (also :func:`gwet_ac2`);
- :func:`brennan_prediger`: Brennan & Prediger (1981);
- :func:`krippendorff_alpha`: Krippendorff's alpha, ``level=`` nominal,
  ordinal, interval or ratio;
- :func:`summary`: all of the above in one DataFrame.

Each returns an :class:`AgreementResult` with ``.value``, ``.se`` (Gwet's
linearisation, optional finite-population correction), ``.ci`` (t with
n - 1 degrees of freedom, upper bound capped at 1, as irrCAC), ``.p_value``
(``alternative=`` says one- or two-sided), ``.n_units`` and ``.n_raters``.
The numbers reproduce R's irrCAC (Gwet) and the ``krippendorff`` package;
``tests/test_agreement.py`` checks them to 1e-6.

**Two different "ordinal"s.** ``weights="ordinal"`` is irrCAC's ordinal
*weight matrix* for the kappa family, AC2 and Brennan-Prediger (it depends on
category ranks only). ``krippendorff_alpha(level="ordinal")`` is Krippendorff's
ordinal *metric*, which depends on how often each category was used. They are
different statistics; this module keeps the names ``weights=`` and ``level=``
apart so the two cannot be confused.

Missing data: NaN/None/pd.NA and the answer "inte känt" (also ``inte_kant``,
``okänt``, ``unknown``) are missing ratings, never a category. Units with no
rating and raters with no rating are dropped. Percent agreement is averaged
over units rated by at least two raters; the category shares behind chance
agreement use every unit with at least one rating (irrCAC's convention).
Categories that nobody used still count when the category list is given
(``categories=`` or an ordered Categorical).

Further tools: :func:`bootstrap` (seeded, vectorised, over units and/or
raters), :func:`benchmark` (Landis-Koch, Altman, Fleiss scales with Gwet's
probabilistic benchmarking), :func:`consensus` (one vignette, many raters),
checklist agreement for multi-select questions (:func:`checklist_agreement`,
:func:`checklist_shares`, :func:`checklist_alpha`,
:func:`krippendorff_alpha_sets`), :func:`rating_vs_factor_count`, and the
reshaping helpers :func:`from_long` and :func:`counts_to_ratings`.

References
----------
Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.).
Advanced Analytics. -- Fleiss, J. L. (1971). Measuring nominal scale agreement
among many raters. *Psychological Bulletin* 76(5), 378-382. -- Conger, A. J.
(1980). Integration and generalization of kappas for multiple raters.
*Psychological Bulletin* 88(2), 322-328. -- Brennan, R. L. & Prediger, D. J.
(1981). Coefficient kappa: some uses, misuses, and alternatives. *Educational
and Psychological Measurement* 41, 687-699. -- Krippendorff, K. (2011).
Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np
import pandas as pd

from webbkollen_lib.agreement import _bca
from webbkollen_lib.agreement import _core
from webbkollen_lib.agreement import _reshape
from webbkollen_lib.agreement import _resample
from webbkollen_lib.agreement import _single
from webbkollen_lib.agreement._core import LEVELS, MISSING_CODES, WEIGHT_NAMES
from webbkollen_lib.core.errors import require_columns, require_frame

__all__ = [
    "AgreementResult",
    "BootstrapResult",
    "BENCHMARK_SCALES",
    "MIN_BOOTSTRAP_UNITS",
    "LEVELS",
    "MISSING_CODES",
    "WEIGHT_NAMES",
    "percent_agreement",
    "fleiss_kappa",
    "conger_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "brennan_prediger",
    "krippendorff_alpha",
    "summary",
    "bootstrap",
    "benchmark",
    "weight_matrix",
    "from_long",
    "counts_to_ratings",
    "consensus",
    "jaccard_distance",
    "masi_distance",
    "krippendorff_alpha_sets",
    "checklist_shares",
    "checklist_agreement",
    "checklist_alpha",
    "rating_vs_factor_count",
    "published_example",
    "NONE_OPTIONS",
]


# ---------------------------------------------------------------------------
# Result objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementResult:
    """One agreement coefficient with its precision.

    Attributes
    ----------
    coefficient : str
        Name, e.g. ``"Fleiss' kappa"``, ``"AC2"``, ``"Krippendorff's alpha"``.
    value : float
        The estimate (NaN when undefined, see ``note``).
    se : float
        Standard error by Gwet's linearisation (irrCAC), with the
        finite-population factor ``1 - n/N`` when ``population_size`` is given.
    ci : (float, float)
        Confidence interval ``value -/+ t(df, 1 - (1-confidence)/2) * se``,
        upper bound capped at 1 as irrCAC does.
    p_value : float
        Test of "coefficient = 0" with a t(df) reference; ``alternative``
        says which. (R's irrCAC >= 1.0 reports ``alternative="greater"``;
        its Python port reports two-sided.)
    n_units, n_raters : int
        Units with at least one rating; raters with at least one rating.
    n_units_paired : int
        Units rated by at least two raters (percent agreement averages over these).
    weights : str or None
        irrCAC weight name (``"identity"``, ..., ``"custom"``); None for
        Krippendorff's alpha at a ``level``.
    level : str or None
        Krippendorff's level of measurement (alpha only).
    pa, pe : float
        Percent agreement and chance agreement as irrCAC reports them.
    se_h0 : float
        Fleiss' kappa only (unweighted, every unit rated by the same number
        of raters): the standard error **under H0** (kappa = 0) of Fleiss,
        Nee & Landis (1979), R ``irr::kappam.fleiss``'s. It is right for the
        test of kappa = 0 and wrong for an interval, which needs ``se`` (the
        general one; an interval from ``se_h0`` is too narrow, as JASP's
        users found: jasp-issues #4509). NaN for the other coefficients.
    """

    coefficient: str
    value: float
    se: float
    ci: tuple
    p_value: float
    n_units: int
    n_raters: int
    n_units_paired: int
    weights: str | None
    level: str | None
    alternative: str
    confidence: float
    pa: float
    pe: float
    categories: tuple = field(repr=False)
    note: str = ""
    se_h0: float = np.nan

    def __float__(self) -> float:
        return float(self.value)

    def to_frame(self) -> pd.DataFrame:
        """One-row DataFrame (handy for concatenating several results)."""
        return pd.DataFrame(
            [{
                "coefficient": self.coefficient,
                "weights": self.weights,
                "level": self.level,
                "value": self.value,
                "se": self.se,
                "se_h0": self.se_h0,
                "ci_low": self.ci[0],
                "ci_high": self.ci[1],
                "p_value": self.p_value,
                "alternative": self.alternative,
                "pa": self.pa,
                "pe": self.pe,
                "n_units": self.n_units,
                "n_raters": self.n_raters,
                "note": self.note,
            }]
        )

    def __str__(self) -> str:
        how = f"level={self.level}" if self.level else f"weights={self.weights}"
        pct = f"{self.confidence:.0%}"
        text = (f"{self.coefficient} ({how}) = {self.value:.4f}, SE {self.se:.4f}, {pct} CI "
                f"{self.ci[0]:.4f} to {self.ci[1]:.4f}, p = {self.p_value:.3g} ({self.alternative}); "
                f"{self.n_units} units, {self.n_raters} raters")
        return text + (f". Note: {self.note}" if self.note else "")

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False, float_format=lambda v: f"{v:.4f}")


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    """Bootstrap distribution of an agreement coefficient.

    ``ci`` is the percentile interval, ``ci_bca`` the bias-corrected and
    accelerated (BCa) interval, ``se`` the standard deviation of the
    replicates (ddof=1). ``bias_correction`` (:math:`z_0`) and
    ``acceleration`` (:math:`a`, from the jackknife) are the BCa constants;
    both 0 make the BCa interval the percentile one. Replicates where the
    coefficient is undefined are NaN, counted in ``n_failed`` and left out
    of ``se`` and both intervals.
    """

    coefficient: str
    estimate: float
    se: float
    ci: tuple
    replicates: np.ndarray = field(repr=False)
    n_boot: int
    n_failed: int
    resample: str
    confidence: float
    seed: int | None
    ci_bca: tuple = (np.nan, np.nan)
    acceleration: float = np.nan
    bias_correction: float = np.nan

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{
            "coefficient": self.coefficient, "estimate": self.estimate, "se": self.se,
            "ci_low": self.ci[0], "ci_high": self.ci[1], "bca_low": self.ci_bca[0],
            "bca_high": self.ci_bca[1], "n_boot": self.n_boot, "n_failed": self.n_failed,
            "resample": self.resample,
        }])

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False, float_format=lambda v: f"{v:.4f}")


# ---------------------------------------------------------------------------
# Shared plumbing
# ---------------------------------------------------------------------------


def _check_common(confidence, population_size, alternative):
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    if alternative not in _core.ALTERNATIVES:
        raise ValueError(f"alternative must be one of {', '.join(_core.ALTERNATIVES)}; got {alternative!r}")
    if population_size is not None and not population_size > 0:
        raise ValueError(f"population_size must be a positive number of units, got {population_size!r}")


def _check_population(table, population_size):
    if population_size is not None and population_size < table.n_units:
        raise ValueError(f"population_size={population_size} is smaller than the {table.n_units} "
                         "rated units")


def _finish(name, est, table, *, weights, level, confidence, alternative, population_size):
    ci, p = _core.inference(est.value, est.se, est.df, confidence, alternative)
    return AgreementResult(
        coefficient=name, value=float(est.value), se=float(est.se), ci=ci, p_value=p,
        n_units=int(est.n_units), n_raters=int(table.n_raters), n_units_paired=int(est.n_units_paired),
        weights=weights, level=level, alternative=alternative, confidence=confidence,
        pa=float(est.pa), pe=float(est.pe), categories=table.categories, note=est.note,
    )


def _gwet(kind, name, data, categories, weights, confidence, population_size, alternative):
    _check_common(confidence, population_size, alternative)
    table = _core.encode_table(data, categories)
    _check_population(table, population_size)
    W, wname = _core.weight_matrix(weights, table.values)
    X = table.counts()
    onehot = table.onehot() if kind == "conger" else None
    est = _core.gwet_family(kind, X, W, onehot=onehot, population_size=population_size)
    if kind == "ac1":
        name = "AC1" if np.isclose(W.sum(), table.q) else "AC2"
    res = _finish(name, est, table, weights=wname, level=None, confidence=confidence,
                  alternative=alternative, population_size=population_size)
    if kind == "fleiss" and wname == "identity" and population_size is None:
        res = replace(res, se_h0=_core.fleiss_h0_se(X)[0])
    return res


# ---------------------------------------------------------------------------
# Coefficients
# ---------------------------------------------------------------------------


def percent_agreement(data, *, categories=None, weights="identity", confidence=0.95,
                      population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Pairwise percent agreement (weighted if ``weights`` is given), as irrCAC.

    .. math::

        p_a = \frac{1}{n_2}\sum_{i:\,r_i\ge 2}\sum_k
              \frac{r_{ik}(r^{\star}_{ik}-1)}{r_i(r_i-1)},\qquad
        r^{\star}_{ik}=\sum_l w_{kl} r_{il}

    where :math:`r_{ik}` raters put unit *i* in category *k*, :math:`r_i`
    raters rated unit *i* and :math:`n_2` units have :math:`r_i \ge 2`.
    It is the share of agreeing rater pairs within a unit, averaged over
    units; it is not chance-corrected.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters; NaN/None/"inte känt" = missing.
    categories : sequence, optional
        All possible categories, in order (unused ones still count).
        Default: the Categorical's categories, else the sorted values.
    weights : str or (q, q) array
        irrCAC weights: ``identity`` (default), ``linear``, ``quadratic``,
        ``ordinal``, ``radical``, ``ratio``, ``circular``, ``bipolar``, or a
        custom matrix (see :func:`weight_matrix`): symmetric, 1 on the
        diagonal, values in [0, 1]. An asymmetric matrix is refused: the
        formulas count each pair of raters both ways, so it would silently
        act as its average :math:`(W + W^\top)/2` (irrCAC takes it without
        a word).
    confidence : float
        Confidence level of ``.ci``.
    population_size : int, optional
        Number of units in the population (N); the variance is multiplied by
        ``1 - n/N``. Default: infinite.
    alternative : {"two-sided", "greater", "less"}
        Alternative hypothesis of ``.p_value``.

    References
    ----------
    Gwet (2014), *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2 & 5;
    irrCAC ``pa.coeff.raw``.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, np.nan], [2, 2, 1], [3, 3, 3]])
    >>> round(percent_agreement(ratings).value, 4)
    0.7778
    """
    return _gwet("percent", "Percent agreement", data, categories, weights, confidence,
                 population_size, alternative)


def fleiss_kappa(data, *, categories=None, weights="identity", confidence=0.95,
                 population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Fleiss' generalised kappa for any number of raters, with missing ratings.

    .. math::

        \hat\kappa_F = \frac{p_a - p_e}{1 - p_e},\qquad
        p_e = \sum_{k,l} w_{kl}\,\pi_k\pi_l,\qquad
        \pi_k = \frac{1}{n}\sum_{i=1}^{n}\frac{r_{ik}}{r_i}

    with :math:`p_a` as in :func:`percent_agreement`. Chance agreement assumes
    every rater classifies with the same overall category shares
    :math:`\pi_k`. With complete data and identity weights this is Fleiss
    (1971)'s kappa (statsmodels' ``fleiss_kappa``). Under a very skewed
    prevalence :math:`p_e` approaches 1 and kappa can be low although raters
    mostly agree (the "kappa paradox"; compare :func:`gwet_ac1`). Undefined
    (NaN, with ``.note``) when :math:`p_e = 1`, e.g. everybody used one category.

    Parameters are those of :func:`percent_agreement`; ``weights`` gives
    the weighted version (irrCAC weight names or a matrix).

    **Two standard errors.** ``.se`` is Gwet's linearisation (irrCAC), valid
    whatever kappa is: ``.ci`` uses it. ``.se_h0`` is Fleiss, Nee & Landis'
    (1979) standard error *under H0* (kappa = 0), which R's
    ``irr::kappam.fleiss`` reports with :math:`z = \hat\kappa / se_0`:

    .. math::

        se_0 = \frac{\sqrt 2}{\sum_j p_j q_j\sqrt{n m (m-1)}}
               \sqrt{\Big(\sum_j p_j q_j\Big)^2 - \sum_j p_j q_j (q_j - p_j)}

    (:math:`m` raters per unit, :math:`p_j` the share of ratings in
    category *j*, :math:`q_j = 1 - p_j`). Use it for the test only: away
    from 0 it understates the uncertainty, so an interval built on it is
    too narrow (jasp-issues #4509). It needs the same number of ratings on
    every unit and identity weights (NaN otherwise). Per category: see
    :func:`category_agreement`.

    References
    ----------
    Fleiss, J. L. (1971). *Psychological Bulletin* 76, 378-382.
    Fleiss, J. L., Nee, J. C. M. & Landis, J. R. (1979). Large sample variance
    of kappa in the case of different sets of raters. *Psychological
    Bulletin* 86, 974-977. Gwet (2014), ch. 2 & 5 (variance); irrCAC
    ``fleiss.kappa.raw``; R irr ``kappam.fleiss``.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 1], [1, 2, 2], [2, 2, 2], [1, 1, np.nan]])
    >>> round(fleiss_kappa(ratings).value, 4)
    0.6571
    """
    return _gwet("fleiss", "Fleiss' kappa", data, categories, weights, confidence,
                 population_size, alternative)


def conger_kappa(data, *, categories=None, weights="identity", confidence=0.95,
                 population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Conger's (1980) kappa; Cohen's kappa when there are two raters.

    .. math::

        \hat\kappa_C = \frac{p_a - p_e}{1 - p_e},\qquad
        p_e = \sum_{k,l} w_{kl}\Big(\bar p_{k}\bar p_{l} - \frac{s^2_{kl}}{r}\Big)

    where :math:`p_{gk}` is the share of rater *g*'s ratings in category *k*,
    :math:`\bar p_k` its mean over the *r* raters and :math:`s^2_{kl}` the
    covariance of :math:`p_{gk}, p_{gl}` over raters. Unlike Fleiss' kappa,
    chance agreement lets each rater have their own category shares, so the
    raters must be the same people across units (a column = one rater). Do
    not use it on tables made by :func:`counts_to_ratings`, whose "raters"
    are arbitrary.

    Parameters are those of :func:`percent_agreement`.

    References
    ----------
    Conger, A. J. (1980). *Psychological Bulletin* 88, 322-328.
    Gwet (2014), ch. 2 & 5; irrCAC ``conger.kappa.raw``.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1], [1, 2], [2, 2], [2, 2], [1, 1]])
    >>> round(conger_kappa(ratings).value, 4)  # = Cohen's kappa
    0.6154
    """
    return _gwet("conger", "Conger's kappa", data, categories, weights, confidence,
                 population_size, alternative)


def gwet_ac1(data, *, categories=None, weights="identity", confidence=0.95,
             population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Gwet's AC1 (identity weights) or AC2 (any other ``weights``).

    .. math::

        \widehat{AC} = \frac{p_a - p_e}{1 - p_e},\qquad
        p_e = \frac{T_w}{q(q-1)}\sum_{k=1}^{q}\pi_k(1-\pi_k)

    with :math:`T_w = \sum_{kl} w_{kl}` (so :math:`T_w = q` unweighted),
    :math:`q` the number of categories (unused ones included when the
    category list is given) and :math:`\pi_k` as in :func:`fleiss_kappa`.
    Chance agreement is the probability of agreeing by chance on a
    "hard-to-classify" unit; it stays small when one category dominates, so
    AC1 does not collapse under skewed prevalence the way kappa does.

    Parameters are those of :func:`percent_agreement`. ``weights`` takes
    irrCAC's weight names; ``weights="ordinal"`` is irrCAC's ordinal *weight
    matrix* (rank based), not Krippendorff's ordinal metric (see
    :func:`krippendorff_alpha`).

    References
    ----------
    Gwet, K. L. (2008). Computing inter-rater reliability and its variance in
    the presence of high agreement. *Br J Math Stat Psychol* 61, 29-48.
    Gwet (2014), ch. 2-5; irrCAC ``gwet.ac1.raw``.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 1], [1, 2, 2], [2, 2, 2], [1, 1, np.nan]])
    >>> round(gwet_ac1(ratings).value, 4)
    0.6757
    >>> gwet_ac1([[1, 2, 2], [3, 3, 2], [1, 1, 1]], weights="quadratic").coefficient
    'AC2'
    """
    return _gwet("ac1", "AC1", data, categories, weights, confidence, population_size, alternative)


def gwet_ac2(data, *, categories=None, weights="quadratic", confidence=0.95,
             population_size=None, alternative="two-sided") -> AgreementResult:
    """Gwet's AC2: :func:`gwet_ac1` with (by default quadratic) weights.

    Same formula, parameters and references as :func:`gwet_ac1`.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 2, 2], [3, 3, 2], [4, 4, 4], [1, 1, np.nan]])
    >>> round(gwet_ac2(ratings, weights="linear").value, 4)
    0.7401
    """
    return _gwet("ac1", "AC2", data, categories, weights, confidence, population_size, alternative)


def brennan_prediger(data, *, categories=None, weights="identity", confidence=0.95,
                     population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Brennan & Prediger's (1981) coefficient (uniform chance agreement).

    .. math::

        \hat\kappa_{BP} = \frac{p_a - p_e}{1 - p_e},\qquad p_e = \frac{T_w}{q^2}

    i.e. :math:`1/q` unweighted: chance agreement assumes raters pick every
    category with equal probability. It therefore depends on how many
    categories exist, so give the full category list.

    Parameters are those of :func:`percent_agreement`.

    References
    ----------
    Brennan, R. L. & Prediger, D. J. (1981). *Educational and Psychological
    Measurement* 41, 687-699. Gwet (2014), ch. 2 & 5; irrCAC ``bp.coeff.raw``.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 1], [1, 2, 2], [2, 2, 2], [1, 1, np.nan]])
    >>> round(brennan_prediger(ratings, categories=[1, 2, 3, 4]).value, 4)
    0.7778
    """
    return _gwet("bp", "Brennan-Prediger", data, categories, weights, confidence,
                 population_size, alternative)


def krippendorff_alpha(data, *, level=None, weights=None, categories=None, confidence=0.95,
                       population_size=None, alternative="two-sided") -> AgreementResult:
    r"""Krippendorff's alpha at a level of measurement (or with irrCAC weights).

    .. math::

        \alpha = 1 - (n_{\cdot\cdot}-1)\,
        \frac{\sum_{c,k} o_{ck}\,\delta^2_{ck}}{\sum_{c,k} n_c n_k\,\delta^2_{ck}},
        \qquad
        o_{ck} = \sum_{u:\,m_u\ge2}\frac{\#\{c\text{-}k\text{ pairs in } u\}}{m_u-1}

    over units with :math:`m_u \ge 2` ratings (Krippendorff 2011), with
    :math:`n_c = \sum_k o_{ck}` and difference functions

    - ``level="nominal"``: :math:`\delta^2_{ck} = [c \ne k]`;
    - ``level="ordinal"``: :math:`\delta^2_{ck} = (\sum_{g=c}^{k} n_g - (n_c+n_k)/2)^2`
      -- Krippendorff's rank metric, which depends on how often categories
      were used. **This is not irrCAC's** ``weights="ordinal"``;
    - ``level="interval"``: :math:`(v_c - v_k)^2` (same alpha as irrCAC
      ``weights="quadratic"``);
    - ``level="ratio"``: :math:`((v_c - v_k)/(v_c + v_k))^2` (same alpha as
      irrCAC ``weights="ratio"`` for positive values).

    :math:`v` are the category values when categories are numbers, else 1..q.
    Alternatively ``weights=`` (irrCAC names or a matrix; not together with
    ``level``) uses :math:`\delta^2 = 1 - w`, which is what irrCAC's
    ``krippen.alpha.raw`` computes.

    The standard error is Gwet's linearisation as in irrCAC's
    ``krippen.alpha.raw`` (R, version >= 1.0) with weights
    :math:`w = 1 - \delta^2/\max\delta^2`; for the ordinal level it treats the
    data-dependent metric as fixed (an approximation: prefer
    :func:`bootstrap` there). Degrees of freedom: units rated at all minus 1.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters; NaN/None/"inte känt" = missing.
    level : {"nominal", "ordinal", "interval", "ratio"}, optional
        Krippendorff's level of measurement; default ``"nominal"``.
    weights : str or (q, q) array, optional
        irrCAC weights instead of a level.
    categories, confidence, population_size, alternative
        As in :func:`percent_agreement`.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
    Krippendorff, K. (2004). *Content Analysis* (2nd ed.), ch. 11.
    Gwet (2014), ch. 2 & 5 (variance).

    Examples
    --------
    Krippendorff (2011), 4 observers x 12 units with missing values:

    >>> import numpy as np
    >>> nan = np.nan
    >>> data = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...                  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...                  [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...                  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]).T
    >>> round(krippendorff_alpha(data, level="nominal").value, 3)
    0.743
    >>> round(krippendorff_alpha(data, level="interval").value, 3)
    0.849
    """
    _check_common(confidence, population_size, alternative)
    if level is not None and weights is not None:
        raise ValueError("give either level= (Krippendorff's metrics) or weights= (irrCAC weights), "
                         "not both")
    table = _core.encode_table(data, categories)
    _check_population(table, population_size)
    X = table.counts()
    wname = None
    if weights is not None:
        W, wname = _core.weight_matrix(weights, table.values)
        delta2 = 1.0 - W
        name = "Krippendorff's alpha"
    else:
        level = "nominal" if level is None else str(level).lower()
        if level not in LEVELS:
            raise ValueError(f"level: unknown level {level!r}; allowed: {', '.join(LEVELS)} "
                             "(for irrCAC weights use weights=)")
        n_c = _pairable_counts(X)
        delta2 = _core.krippendorff_delta2(level, table.values, n_c)
        name = "Krippendorff's alpha"
    est = _core.alpha_estimate(X, delta2, population_size=population_size)
    return _finish(name, est, table, weights=wname, level=level if weights is None else None,
                   confidence=confidence, alternative=alternative, population_size=population_size)


def _pairable_counts(X):
    r = X.sum(axis=1)
    keep = r >= 2
    # n_c of the coincidence matrix: each pairable value counts once
    return X[keep].sum(axis=0)


def summary(data, *, categories=None, weights="identity", level="nominal", confidence=0.95,
            population_size=None, alternative="two-sided") -> pd.DataFrame:
    """Every coefficient for one table, one row each.

    Rows: ``percent_agreement``, ``fleiss_kappa``, ``conger_kappa``,
    ``gwet_ac1`` (AC1, or AC2 when weighted), ``brennan_prediger`` with
    ``weights``; ``krippendorff_alpha`` at ``level``. Columns: coefficient,
    weights, level, value, se, ci_low, ci_high, p_value, alternative, pa, pe,
    n_units, n_raters, note. Formulas and references: see each function.

    Examples
    --------
    >>> import numpy as np
    >>> ratings = np.array([[1, 1, 1], [1, 2, 2], [2, 2, 2], [1, 1, np.nan]])
    >>> summary(ratings)["value"].round(3).tolist()
    [0.833, 0.657, 0.684, 0.676, 0.667, 0.667]
    """
    common = dict(categories=categories, confidence=confidence, population_size=population_size,
                  alternative=alternative)
    rows = {
        "percent_agreement": percent_agreement(data, weights=weights, **common),
        "fleiss_kappa": fleiss_kappa(data, weights=weights, **common),
        "conger_kappa": conger_kappa(data, weights=weights, **common),
        "gwet_ac1": gwet_ac1(data, weights=weights, **common),
        "brennan_prediger": brennan_prediger(data, weights=weights, **common),
        "krippendorff_alpha": krippendorff_alpha(data, level=level, **common),
    }
    out = pd.concat([r.to_frame() for r in rows.values()], ignore_index=True)
    out.index = pd.Index(list(rows), name="function")
    return out


def weight_matrix(weights, categories) -> pd.DataFrame:
    r"""irrCAC's weight matrix for a list of categories, as a labelled DataFrame.

    With :math:`v_k` the category values (numbers as given, labels 1..q) and
    :math:`v_{min}, v_{max}` their range:

    - identity: :math:`w_{kl} = [k = l]`
    - linear: :math:`1 - |v_k - v_l| / (v_{max} - v_{min})`
    - quadratic: :math:`1 - (v_k - v_l)^2 / (v_{max} - v_{min})^2`
    - radical: :math:`1 - \sqrt{|v_k - v_l|} / \sqrt{v_{max} - v_{min}}`
    - ratio: :math:`1 - ((v_k - v_l)/(v_k + v_l))^2 / ((v_{max}-v_{min})/(v_{max}+v_{min}))^2`
    - circular: :math:`1 - d_{kl}/\max d`, :math:`d_{kl} = \sin^2(\pi (v_k - v_l)/(v_{max}-v_{min}+1))`
    - bipolar: :math:`1 - d_{kl}/\max d`,
      :math:`d_{kl} = (v_k - v_l)^2 / ((v_k + v_l - 2v_{min})(2v_{max} - v_k - v_l))`
    - ordinal: :math:`1 - d_{kl}/\max d`, :math:`d_{kl} = \binom{|k-l|+1}{2}` on ranks
      (irrCAC's ordinal weights; not Krippendorff's ordinal metric).

    References
    ----------
    Gwet (2014), ch. 3; irrCAC ``R/weights.gen.r``.

    Examples
    --------
    >>> weight_matrix("linear", [1, 2, 3]).to_numpy().tolist()
    [[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]
    """
    cats = _core._check_categories(categories, source="categories")
    numeric = all(_core._is_number(c) for c in cats)
    if numeric:
        cats = sorted(cats)
        values = np.asarray(cats, dtype=float)
    else:
        values = np.arange(1, len(cats) + 1, dtype=float)
    W, _ = _core.weight_matrix(weights, values)
    return pd.DataFrame(W, index=pd.Index(cats), columns=pd.Index(cats))


# ---------------------------------------------------------------------------
# Bootstrap and benchmarking
# ---------------------------------------------------------------------------

_KINDS = {
    "percent_agreement": ("percent", "Percent agreement"),
    "fleiss_kappa": ("fleiss", "Fleiss' kappa"),
    "conger_kappa": ("conger", "Conger's kappa"),
    "gwet_ac1": ("ac1", "AC1"),
    "gwet_ac2": ("ac1", "AC2"),
    "brennan_prediger": ("bp", "Brennan-Prediger"),
    "krippendorff_alpha": ("alpha", "Krippendorff's alpha"),
}


def bootstrap(data, coefficient="gwet_ac1", *, n_boot=1000, seed=None, resample="units",
              confidence=0.95, categories=None, bca=True, **options) -> BootstrapResult:
    r"""Seeded nonparametric bootstrap of any coefficient, vectorised.

    Draws ``n_boot`` resamples of the units (``resample="units"``), of the
    raters (``"raters"``) or of both (``"both"``), recomputes the coefficient
    on each, and reports the percentile interval, the BCa interval and the
    standard deviation of the replicates. Every replicate equals the point
    estimate computed on the resampled table (units left without a rating
    drop out); all replicates are computed together with array arithmetic,
    not a loop.

    The BCa interval (Efron & Tibshirani 1993, ch. 14) takes the
    :math:`\Phi(z_0 + (z_0 + z_\gamma)/(1 - a(z_0 + z_\gamma)))` percentiles of
    the replicates, :math:`\gamma = a/2, 1 - a/2`, where :math:`z_0 =
    \Phi^{-1}` (share of replicates below the estimate, ties half) corrects
    for bias and the acceleration :math:`a = \sum U^3 / (6 (\sum U^2)^{3/2})`
    comes from the jackknife, :math:`U_i = (n-1)(\bar\theta_{(\cdot)} - \theta_{(i)})`
    with :math:`\theta_{(i)}` the coefficient without unit *i* (or rater *i*
    when raters are resampled). Resampling both, the jackknives of units
    and raters are pooled as scipy pools several samples,
    :math:`a = \tfrac16\sum_j\sum_i U_{ji}^3/n_j^3 / (\sum_j\sum_i U_{ji}^2/n_j^2)^{3/2}`.
    With the same seed and resampling units (or raters) the interval is
    ``scipy.stats.bootstrap(method="BCa")``'s on the same resamples.

    With fewer than :data:`MIN_BOOTSTRAP_UNITS` (20) units a bootstrap over
    units warns (as R's ``agreement`` package does): a handful of units has
    few distinct resamples. Use at least 1,000 replicates for BCa.

    The draws are ``rng = numpy.random.default_rng(seed)``; then
    ``rng.integers(0, n_units, (n_boot, n_units))`` for units and
    ``rng.integers(0, n_raters, (n_boot, n_raters))`` for raters (in that
    order), after units and raters without ratings are dropped.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Units x raters.
    coefficient : str or callable
        A coefficient of this module, by name (``"krippendorff_alpha"``,
        ``"gwet_ac1"``, ...) or as the function. Any other callable
        ``f(table, **options) -> float or AgreementResult`` is bootstrapped
        with a plain (slower) loop.
    n_boot : int
        Number of replicates.
    seed : int, optional
        Seed for reproducible replicates.
    resample : {"units", "raters", "both"}
    confidence : float
        Level of the percentile interval.
    categories : sequence, optional
        Category list, as for the coefficient.
    bca : bool
        Compute the BCa interval (one jackknife pass: as many extra values
        as units, plus raters).
    **options
        ``weights=`` or ``level=`` for the coefficient.

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*,
    ch. 13-14 (percentile and BCa intervals).
    Gwet (2014), ch. 5 (resampling raters as well as units).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> ratings = rng.integers(1, 4, size=(40, 5)).astype(float)
    >>> res = bootstrap(ratings, "krippendorff_alpha", level="ordinal", n_boot=200, seed=7)
    >>> res.n_boot, res.ci[0] < res.estimate < res.ci[1], res.ci_bca[0] < res.estimate < res.ci_bca[1]
    (200, True, True)
    """
    if resample not in ("units", "raters", "both"):
        raise ValueError(f"resample must be 'units', 'raters' or 'both'; got {resample!r}")
    if int(n_boot) < 2:
        raise ValueError("n_boot must be at least 2")
    n_boot = int(n_boot)
    fname = coefficient if isinstance(coefficient, str) else getattr(coefficient, "__name__", None)
    known = fname in _KINDS and (isinstance(coefficient, str) or coefficient is globals().get(fname))
    if isinstance(coefficient, str) and not known:
        raise ValueError(f"coefficient: unknown name {coefficient!r}; allowed: {', '.join(_KINDS)}")
    table = _core.encode_table(data, categories)
    n, r = table.n_units, table.n_raters
    unit_idx, rater_idx = _resample.draw(n, r, n_boot, seed, resample)

    if resample in ("units", "both") and n < MIN_BOOTSTRAP_UNITS:
        warnings.warn(f"bootstrap: only {n} units; with fewer than {MIN_BOOTSTRAP_UNITS} units a bootstrap "
                      "over units has few distinct resamples and its intervals may not be stable "
                      "(as R's agreement package warns)", UserWarning, stacklevel=2)
    jack_dims = {"units": ["units"], "raters": ["raters"], "both": ["units", "raters"]}[resample]

    if not known:  # any other statistic: a plain loop over resampled tables
        func = coefficient
        base = pd.DataFrame(np.where(table.codes >= 0, table.codes, np.nan))
        cat_arg = list(range(table.q))

        def call(frame):
            try:
                res = func(frame, categories=cat_arg, **options)
            except ValueError:
                return np.nan
            return float(getattr(res, "value", res))

        estimate, name = call(base), fname or "statistic"
        reps = np.empty(n_boot)
        for b in range(n_boot):
            rows = unit_idx[b] if unit_idx is not None else np.arange(n)
            cols = rater_idx[b] if rater_idx is not None else np.arange(r)
            reps[b] = call(base.iloc[rows, cols])
        jackknives = []
        if bca:
            for dim in jack_dims:
                size = n if dim == "units" else r
                keep = ~np.eye(size, dtype=bool)
                jackknives.append(np.array([call(base.iloc[keep[i]] if dim == "units" else base.iloc[:, keep[i]])
                                            for i in range(size)]))
    else:
        point = globals()[fname](data, categories=categories, **options)
        estimate, name = point.value, point.coefficient
        setup = _vector_setup(fname, table, options, with_raters=rater_idx is not None)
        reps = _resample.replicate_values(setup.pop("kind"), table.counts(), unit_idx=unit_idx,
                                          rater_idx=rater_idx, **setup)
        jackknives = []
        if bca:
            setup = _vector_setup(fname, table, options, with_raters="raters" in jack_dims)
            kind = setup.pop("kind")
            jackknives = [_resample.jackknife_values(kind, table.counts(), which=dim, **setup) for dim in jack_dims]

    se, ci, n_failed = _resample.percentile_summary(reps, confidence)
    accel = _bca.acceleration(jackknives) if bca else np.nan
    lo, hi, z0 = _bca.interval(reps, estimate, accel, confidence) if bca else (np.nan, np.nan, np.nan)
    return BootstrapResult(coefficient=name, estimate=float(estimate), se=se, ci=ci, replicates=reps,
                           n_boot=n_boot, n_failed=n_failed, resample=resample, confidence=confidence,
                           seed=seed, ci_bca=(lo, hi), acceleration=accel, bias_correction=z0)


#: Fewer units than this and :func:`bootstrap` warns (R's ``agreement`` package uses 20).
MIN_BOOTSTRAP_UNITS = 20


def _vector_setup(fname, table, options, *, with_raters):
    """The arguments of the vectorised cores for a coefficient of this module, by name."""
    kind, _ = _KINDS[fname]
    W = delta2 = None
    level = options.get("level")
    if kind == "alpha":
        if options.get("weights") is not None:
            W, _ = _core.weight_matrix(options["weights"], table.values)
            delta2 = 1.0 - W
        else:
            level = "nominal" if level is None else level
            if level != "ordinal":  # the ordinal metric is recomputed per replicate
                delta2 = _core.krippendorff_delta2(level, table.values)
    else:
        default = "quadratic" if fname == "gwet_ac2" else "identity"
        W, _ = _core.weight_matrix(options.get("weights", default), table.values)
    D = table.onehot() if (kind == "conger" or with_raters) else None
    return {"kind": kind, "W": W, "D": D, "level": level, "values": table.values, "delta2": delta2}


BENCHMARK_SCALES = {
    "landis_koch": ((0.8, 1.0, "Almost perfect"), (0.6, 0.8, "Substantial"), (0.4, 0.6, "Moderate"),
                    (0.2, 0.4, "Fair"), (0.0, 0.2, "Slight"), (-1.0, 0.0, "Poor")),
    "altman": ((0.8, 1.0, "Very good"), (0.6, 0.8, "Good"), (0.4, 0.6, "Moderate"),
               (0.2, 0.4, "Fair"), (-1.0, 0.2, "Poor")),
    "fleiss": ((0.75, 1.0, "Excellent"), (0.4, 0.75, "Intermediate to good"), (-1.0, 0.4, "Poor")),
}
"""Benchmark scales as (lower, upper, label), highest first: Landis & Koch
(1977), Altman (1991), Fleiss (1981); bounds as irrCAC."""


def benchmark(result, se=None, *, scale="landis_koch", threshold=0.95) -> pd.DataFrame:
    r"""Place a coefficient on a benchmark scale, with Gwet's probabilistic method.

    Naively, a value is "Substantial" if it lies in (0.6, 0.8]. Gwet's method
    accounts for the standard error: the probability that the true value
    lies in interval :math:`(a, b]` is, under a normal distribution
    truncated to [-1, 1],

    .. math::

        P(a < \kappa \le b) = \frac{\Phi((\hat\kappa - a)/se) - \Phi((\hat\kappa - b)/se)}
                                   {\Phi((\hat\kappa + 1)/se) - \Phi((\hat\kappa - 1)/se)} .

    Cumulating from the top of the scale, the selected level is the highest
    interval whose cumulative probability reaches ``threshold`` (0.95).

    Parameters
    ----------
    result : AgreementResult, BootstrapResult or float
        The coefficient (a float needs ``se=``).
    se : float, optional
        Standard error, if ``result`` is a number.
    scale : {"landis_koch", "altman", "fleiss"} or sequence of (lower, upper, label)
    threshold : float
        Cumulative probability needed (Gwet uses 0.95).

    Returns
    -------
    DataFrame with one row per interval (highest first): ``lower``,
    ``upper``, ``label``, ``probability``, ``cumulative``,
    ``contains_estimate`` (the naive reading) and ``selected`` (Gwet's).

    References
    ----------
    Gwet (2014), ch. 6; Landis, J. R. & Koch, G. G. (1977). *Biometrics* 33,
    159-174; Altman, D. G. (1991). *Practical Statistics for Medical
    Research*; Fleiss, J. L. (1981). *Statistical Methods for Rates and
    Proportions* (2nd ed.); irrCAC ``landis.koch.bf`` etc.

    Examples
    --------
    >>> table = benchmark(0.67, se=0.15, scale="altman")
    >>> table.loc[table["selected"], "label"].item()
    'Moderate'
    >>> table.loc[table["contains_estimate"], "label"].item()
    'Good'
    """
    if isinstance(result, AgreementResult):
        value, se = result.value, result.se
    elif isinstance(result, BootstrapResult):
        value, se = result.estimate, result.se
    else:
        value = float(result)
        if se is None:
            raise ValueError("benchmark: give se= when the coefficient is a plain number")
    intervals = BENCHMARK_SCALES[scale] if isinstance(scale, str) and scale in BENCHMARK_SCALES else scale
    if isinstance(intervals, str):
        raise ValueError(f"scale: unknown scale {scale!r}; allowed: {', '.join(BENCHMARK_SCALES)} or a "
                         "sequence of (lower, upper, label)")
    return _core.benchmark_table(value, se, intervals, threshold)


# ---------------------------------------------------------------------------
# Reshaping
# ---------------------------------------------------------------------------


def from_long(df: pd.DataFrame, *, unit: str, rater: str, value: str, categories=None) -> pd.DataFrame:
    """Long data (one row per unit and rater) to a units x raters table.

    The value column's dtype is kept (an ordered Categorical stays one, so
    the category order travels with the table); pandas' nullable "boolean"
    is used for True/False columns with missing values. Combinations that
    were not rated are missing. A (unit, rater) pair that occurs twice is an
    error naming the rows.

    Parameters
    ----------
    df : DataFrame
    unit, rater, value : str
        Column names.
    categories : sequence, optional
        Category list for the output (values outside it are an error).

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"vinjett": ["max", "max", "assi"], "bedomare": ["a", "b", "a"],
    ...                      "risk": ["hog", "hog", "mycket_hog"]})
    >>> from_long(long, unit="vinjett", rater="bedomare", value="risk").loc["max"].tolist()
    ['hog', 'hog']
    """
    return _reshape.wide_from_long(df, unit=unit, rater=rater, value=value, categories=categories)


def counts_to_ratings(counts) -> pd.DataFrame:
    """A units x categories count table to a units x raters ratings table.

    Row *i* of the result lists category *k* ``counts[i, k]`` times, then
    NaN up to the largest row total, so every coefficient except Conger's
    kappa (which needs real rater identities) can be computed from counts.
    Columns are named ``rater_1``, ``rater_2``, ...; values are a
    Categorical whose categories are the count table's columns (in order),
    so unused categories keep counting.

    Parameters
    ----------
    counts : DataFrame or 2-D array of non-negative integers
        Units x categories; the DataFrame's columns name the categories
        (an array's categories are 0..q-1).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"ja": [3, 1], "nej": [0, 2]})
    >>> counts_to_ratings(counts).astype(str).values.tolist()
    [['ja', 'ja', 'ja'], ['ja', 'nej', 'nej']]
    """
    return _reshape.ratings_from_counts(counts)


def published_example(name: str) -> pd.DataFrame:
    """Published worked examples as units x raters tables.

    ``"fleiss_1971"``
        Fleiss (1971), Table 1: 30 patients, each diagnosed by 6 of a pool
        of psychiatrists into 5 categories (depression, personality
        disorder, schizophrenia, neurosis, other). Fleiss printed only how
        many chose each diagnosis, so rater columns are arbitrary (as in
        R irr's ``diagnoses``): use Fleiss' kappa, not Conger's.
        Reported: kappa = 0.430.
    ``"krippendorff_2011"``
        Krippendorff (2011), section C: 12 units x 4 observers, values 1-5,
        with missing values. Reported alpha: nominal 0.743, ordinal 0.815,
        interval 0.849, ratio 0.797.
    ``"krippendorff_2011_binary"``
        Krippendorff (2011), section A: 10 units x 2 observers, 0/1.
        Reported alpha: 0.095.

    The citation and the reported values are in ``.attrs["source"]`` and
    ``.attrs["reported"]``.

    Examples
    --------
    >>> table = published_example("krippendorff_2011")
    >>> table.shape, table.attrs["reported"]["nominal"]
    ((12, 4), 0.743)
    """
    return _reshape.example_table(name)


# ---------------------------------------------------------------------------
# One vignette, many raters
# ---------------------------------------------------------------------------


def consensus(values, categories=None, *, n_boot=2000, seed=0, confidence=0.95) -> pd.DataFrame:
    r"""Consensus among many raters about one unit (one vignette), with bootstrap CIs.

    Agreement coefficients need several units; for a single vignette these
    measures describe how concentrated the ratings are on an ordered scale
    with categories at positions :math:`x_k = 1..q` and shares :math:`p_k`
    (:math:`n` raters, mean :math:`\mu`, sample variance :math:`s^2`):

    - ``modal_share``: :math:`\max_k p_k`.
    - ``within_one_step``: share of ratings at most one category from the
      median category (the lower median when the cumulative share hits
      exactly one half).
    - ``tastle_wierman``: :math:`1 + \sum_k p_k \log_2(1 - |x_k - \mu| / (q - 1))`
      (Tastle & Wierman 2007): 1 unanimous, 0 split between the extremes.
    - ``leik_dispersion``: :math:`D = 2\sum_{k<q} d_k/(q-1)`,
      :math:`d_k = F_k` if :math:`F_k \le .5` else :math:`1 - F_k`, with
      :math:`F_k` cumulative shares (Leik 1966): 0 unanimous, 1 polarised.
    - ``iqv``: index of qualitative variation
      :math:`\frac{q}{q-1}(1 - \sum_k p_k^2)` (nominal; 0 unanimous).
    - ``r_wg``: :math:`1 - s^2/\sigma^2_{EU}`, :math:`\sigma^2_{EU} = (q^2 - 1)/12`
      (James, Demaree & Wolf 1984); may be negative, not truncated.
    - ``a_wg``: :math:`1 - 2s^2 / ([(H+L)\mu - \mu^2 - HL]\,\frac{n}{n-1})`
      with scale ends :math:`L = 1, H = q` (Brown & Hauenstein 2005); 1 when
      all raters agree.

    The intervals are bootstraps over raters: ``n_boot`` resamples of the n
    raters, i.e. multinomial draws of the counts with the observed shares,
    seeded by ``seed``; ``ci_low``/``ci_high`` is the percentile interval,
    ``bca_low``/``bca_high`` the BCa interval (see :func:`bootstrap`), whose
    acceleration comes from leaving out one rater at a time. With a handful
    of raters both are rough: a bootstrap cannot invent the raters who did
    not take part.

    Parameters
    ----------
    values : Series, list or 1-D array
        One rating per rater; NaN/None/"inte känt" are left out.
    categories : sequence, optional
        Ordered category list (default: the Categorical's categories, else
        the sorted values). Give it: unused categories change the scale.
    n_boot, seed, confidence
        Bootstrap settings.

    Returns
    -------
    DataFrame indexed by measure with ``value``, ``ci_low``, ``ci_high``,
    ``bca_low``, ``bca_high``, ``n_raters``, ``reading`` (how to read it) and
    ``reference``.

    References
    ----------
    Tastle, W. J. & Wierman, M. J. (2007). Consensus and dissention: a measure
    of ordinal dispersion. *Int J Approximate Reasoning* 45, 531-545.
    Leik, R. K. (1966). A measure of ordinal consensus. *Pacific Sociological
    Review* 9, 85-90. James, L. R., Demaree, R. G. & Wolf, G. (1984).
    Estimating within-group interrater reliability with and without response
    bias. *J Applied Psychology* 69, 85-98. Brown, R. D. & Hauenstein, N. M. A.
    (2005). Interrater agreement reconsidered: an alternative to the r_wg
    indices. *Organizational Research Methods* 8, 165-184.

    Examples
    --------
    The report's Max: one "något förhöjd", two "hög", four "mycket hög".

    >>> risk = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    >>> max_ratings = ["nagot_forhojd"] + ["hog"] * 2 + ["mycket_hog"] * 4
    >>> table = consensus(max_ratings, categories=risk, n_boot=200)
    >>> round(table.loc["modal_share", "value"], 3)
    0.571
    """
    if isinstance(values, pd.DataFrame):
        raise ValueError("consensus: expected one rating per rater (a Series or 1-D list); for a "
                         "units x raters table use the agreement coefficients")
    if isinstance(values, pd.Series):
        frame = values.to_frame()
    else:
        arr = np.asarray(values, dtype=object)
        if arr.ndim != 1:
            raise ValueError("consensus: expected a 1-D list of ratings (one per rater)")
        frame = pd.DataFrame({"rating": arr})
    table = _core.encode_table(frame, categories, what="consensus")
    if table.q < 2:
        raise ValueError("consensus: the scale needs at least two categories; pass categories=")
    return _single.consensus_table(table.counts().sum(axis=0), n_boot, seed, confidence)


# ---------------------------------------------------------------------------
# Multi-select checklists
# ---------------------------------------------------------------------------


def jaccard_distance(a, b) -> float:
    r"""Jaccard distance between two sets: :math:`1 - |A\cap B| / |A\cup B|`.

    Two empty sets ("ticked nothing" twice) agree: distance 0.

    References
    ----------
    Jaccard, P. (1912). *New Phytologist* 11, 37-50; Passonneau (2006).

    Examples
    --------
    >>> jaccard_distance({"a"}, {"a", "b"}), jaccard_distance(set(), set())
    (0.5, 0.0)
    """
    return _single.jaccard(frozenset(a), frozenset(b))


def masi_distance(a, b) -> float:
    r"""MASI distance (Passonneau 2006): :math:`1 - J \cdot M`.

    :math:`J` is the Jaccard similarity and :math:`M` = 1 if the sets are
    equal, 2/3 if one contains the other, 1/3 if they overlap otherwise and
    0 if they are disjoint. Two empty sets agree (distance 0). (NLTK rounds
    2/3 and 1/3 to 0.67 and 0.33; this function uses the exact fractions.)

    References
    ----------
    Passonneau, R. (2006). Measuring agreement on set-valued items (MASI) for
    semantic and pragmatic annotation. *Proceedings of LREC 2006*.

    Examples
    --------
    >>> round(masi_distance({"a"}, {"a", "b"}), 4), masi_distance({"a"}, {"b"})
    (0.6667, 1.0)
    """
    return _single.masi(frozenset(a), frozenset(b))


def krippendorff_alpha_sets(data, *, distance="masi", confidence=0.95, population_size=None,
                            alternative="two-sided") -> AgreementResult:
    r"""Krippendorff's alpha for set-valued ratings (multi-select checklists).

    Each cell holds the set of options a rater ticked for a unit (an empty
    set = ticked nothing; None/NaN = did not answer). Alpha is
    :func:`krippendorff_alpha` with the distinct sets as values and the set
    distance as :math:`\delta^2`:

    .. math::

        \alpha = 1 - (n_{\cdot\cdot}-1)\frac{\sum o_{AB}\, d(A,B)}{\sum n_A n_B\, d(A,B)}

    with ``distance="jaccard"`` (:func:`jaccard_distance`) or ``"masi"``
    (:func:`masi_distance`), or any function ``d(a, b)`` of two frozensets.
    Standard error as in :func:`krippendorff_alpha`.

    References
    ----------
    Krippendorff (2011); Passonneau, R. (2006), *LREC 2006*.

    Examples
    --------
    >>> table = [[{"a"}, {"a"}, {"a", "b"}], [set(), set(), None], [{"b"}, {"b"}, {"b"}]]
    >>> round(krippendorff_alpha_sets(table, distance="jaccard").value, 4)
    0.8293
    """
    _check_common(confidence, population_size, alternative)
    codes, distinct = _single.sets_to_codes(data)
    table = _core.encode_table(codes, categories=list(range(len(distinct))), what="sets")
    _check_population(table, population_size)
    delta2 = _single.set_distance_matrix(distinct, distance)
    est = _core.alpha_estimate(table.counts(), delta2, population_size=population_size)
    dname = distance if isinstance(distance, str) else getattr(distance, "__name__", "custom")
    res = _finish(f"Krippendorff's alpha ({dname} distance)", est, table, weights=None, level=None,
                  confidence=confidence, alternative=alternative, population_size=population_size)
    return replace(res, categories=tuple(distinct))




def _check_columns(data, columns, what):
    columns = list(columns)
    require_frame(data, what, "ratings")
    require_columns(data, columns, what)
    if not columns:
        raise ValueError(f"{what}: no option columns given")
    return columns


def checklist_shares(data: pd.DataFrame, columns: Sequence[str], *, unit="vinjett") -> pd.DataFrame:
    """Share of raters ticking each option, per unit and overall.

    A rater who did not answer the question (option NA) is left out of
    that option's denominator.

    Returns
    -------
    DataFrame indexed by option, one column per unit (e.g. vignette) and
    ``all``; the number of answers is in ``n_all``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"vinjett": ["a", "a", "b"], "hem_x": [True, False, True]})
    >>> checklist_shares(d, ["hem_x"]).loc["hem_x", ["a", "b", "all"]].tolist()
    [0.5, 1.0, 0.6666666666666666]
    """
    columns = _check_columns(data, columns, "checklist_shares")
    ticks = data[columns].astype("Float64")
    per_unit = ticks.groupby(data[unit], observed=True).mean().T.astype(float)
    per_unit.columns = list(per_unit.columns)
    per_unit["all"] = ticks.mean().astype(float)
    per_unit["n_all"] = ticks.notna().sum().astype(int)
    per_unit.index.name = "option"
    return per_unit


def checklist_agreement(data: pd.DataFrame, columns: Sequence[str], *, unit="vinjett",
                        rater="bedomare") -> pd.DataFrame:
    """Agreement per checklist option across units (binary Fleiss, AC1, alpha).

    Each option column (True = ticked) becomes a units x raters table of
    yes/no ratings (categories ``[False, True]``, so an option nobody ticked
    still has two categories); NA = the rater did not answer. Fleiss' kappa,
    Gwet's AC1 and nominal Krippendorff's alpha are computed per option.
    When almost everybody gives the same answer kappa and alpha become
    unstable or undefined (NaN) while AC1 stays near the raw agreement:
    read them next to ``share`` and ``percent_agreement``.

    Returns
    -------
    DataFrame indexed by option: ``share`` (ticked, among answers),
    ``percent_agreement``, ``fleiss_kappa``, ``gwet_ac1``,
    ``krippendorff_alpha``, ``n_units``, ``n_raters``.

    References
    ----------
    Fleiss (1971); Gwet (2014); Krippendorff (2011).
    """
    columns = _check_columns(data, columns, "checklist_agreement")
    rows = []
    for col in columns:
        wide = from_long(data, unit=unit, rater=rater, value=col)
        answers = data[col].dropna()
        row = {"option": col, "share": float(answers.astype(float).mean()) if len(answers) else np.nan}
        try:
            pa = percent_agreement(wide, categories=[False, True])
            row.update(percent_agreement=pa.value, n_units=pa.n_units, n_raters=pa.n_raters)
            row["fleiss_kappa"] = fleiss_kappa(wide, categories=[False, True]).value
            row["gwet_ac1"] = gwet_ac1(wide, categories=[False, True]).value
            row["krippendorff_alpha"] = krippendorff_alpha(wide, level="nominal",
                                                           categories=[False, True]).value
        except ValueError:  # no answers, or no unit with two answers
            row.update(percent_agreement=np.nan, fleiss_kappa=np.nan, gwet_ac1=np.nan,
                       krippendorff_alpha=np.nan, n_units=0, n_raters=0)
        rows.append(row)
    cols = ["share", "percent_agreement", "fleiss_kappa", "gwet_ac1", "krippendorff_alpha",
            "n_units", "n_raters"]
    return pd.DataFrame(rows).set_index("option")[cols]


def checklist_alpha(data: pd.DataFrame, columns: Sequence[str], *, unit="vinjett", rater="bedomare",
                    distance="masi", confidence=0.95) -> AgreementResult:
    """Whole-checklist agreement: Krippendorff's alpha on the sets of ticked options.

    Each rater's answer to the question is the set of ``columns`` ticked
    True (an empty set if none; missing if every option is NA). See
    :func:`krippendorff_alpha_sets` for the formula and distances.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"vinjett": ["a", "a", "b", "b"], "bedomare": ["x", "y", "x", "y"],
    ...                   "o1": [True, True, False, False], "o2": [False, True, False, False]})
    >>> round(checklist_alpha(d, ["o1", "o2"], distance="jaccard").value, 4)
    0.6667
    """
    columns = _check_columns(data, columns, "checklist_alpha")
    ticks = data[columns]
    answered = ticks.notna().any(axis=1).to_numpy()
    ticked = ticks.fillna(False).astype(bool).to_numpy()
    names = np.asarray(columns, dtype=object)
    sets = [frozenset(names[row]) if ok else None for row, ok in zip(ticked, answered)]
    long = pd.DataFrame({unit: data[unit].to_numpy(), rater: data[rater].to_numpy(),
                         "_set": pd.Series(sets, dtype=object).to_numpy()})
    wide = from_long(long, unit=unit, rater=rater, value="_set")
    wide = wide.astype(object).where(wide.notna(), None)
    return krippendorff_alpha_sets(wide, distance=distance, confidence=confidence)


# ---------------------------------------------------------------------------
# Rating against identified factors
# ---------------------------------------------------------------------------

NONE_OPTIONS = ("hem_ingen", "vh_ingen", "vh_info_saknas", "barn_ingen")


def rating_vs_factor_count(data: pd.DataFrame, *, rating="risk", factors=None, by="vinjett",
                           confidence=0.95, count: str | None = None) -> pd.DataFrame:
    r"""Per unit (vignette): Spearman correlation of the number of factors a rater
    identified with the rating they gave.

    The report found, for Max, that "the more risk factors identified, the
    higher the assessed risk". For each group in ``by`` this counts the
    ticked ``factors`` per rater and correlates the count with ``rating``
    (an ordered Categorical, used by rank; NA = "inte känt" is left out, as
    are raters who did not answer the checklist).

    The confidence interval uses Fisher's z with Bonett & Wright's (2000)
    variance for Spearman's rho, :math:`\tanh(\operatorname{atanh}\rho \pm
    z_{1-a/2}\sqrt{(1+\rho^2/2)/(n-3)})`; it needs n >= 4. The p-value
    (two-sided) is scipy's ``spearmanr``. With very few raters per vignette
    (the report had 7 for Max) the interval is wide: report it.

    Parameters
    ----------
    data : DataFrame
        Long vignette ratings (one row per rater and vignette).
    rating : str
        Column with the ordered rating.
    factors : sequence of str, optional
        Bool columns counted as identified factors. Default: every
        ``hem_``, ``vh_`` and ``barn_`` column except the explicit "none"
        options (``hem_ingen``, ``vh_ingen``, ``vh_info_saknas``, ``barn_ingen``).
    by : str
        Grouping column (vignette).
    count : str, optional
        A numeric column that already holds the number of factors per rater
        (e.g. ``antal_riskfaktorer``, counted from the open answers of test 1,
        which had no checklist); used instead of counting ``factors``.

    Returns
    -------
    DataFrame indexed by group: ``n``, ``rho``, ``ci_low``, ``ci_high``,
    ``p_value``, ``mean_factors``.

    References
    ----------
    Spearman, C. (1904); Bonett, D. G. & Wright, T. A. (2000). Sample size
    requirements for estimating Pearson, Kendall and Spearman correlations.
    *Psychometrika* 65, 23-28.
    """
    if rating not in data.columns or by not in data.columns:
        raise ValueError(f"rating_vs_factor_count: columns {rating!r} and {by!r} must be in the data")
    if count is not None and factors is not None:
        raise ValueError("rating_vs_factor_count: give either factors= or count=, not both")
    if count is None:
        if factors is None:
            factors = [c for c in data.columns if c.startswith(("hem_", "vh_", "barn_")) and c not in NONE_OPTIONS]
        factors = _check_columns(data, factors, "rating_vs_factor_count")
    elif count not in data.columns:
        raise ValueError(f"rating_vs_factor_count: count column {count!r} is not in the data")
    r = data[rating]
    if isinstance(r.dtype, pd.CategoricalDtype):
        if not r.dtype.ordered:
            raise ValueError(f"rating_vs_factor_count: {rating!r} must be an ordered Categorical")
        score = r.cat.codes.astype(float).where(r.cat.codes >= 0)
    elif pd.api.types.is_numeric_dtype(r):
        score = r.astype(float)
    else:
        raise ValueError(f"rating_vs_factor_count: {rating!r} must be an ordered Categorical or numeric")
    lower = r.astype(object).map(lambda v: isinstance(v, str) and v.strip().lower() in MISSING_CODES)
    score = score.mask(lower.astype(bool))
    if count is not None:
        counted = pd.to_numeric(data[count], errors="raise").astype(float)
    else:
        ticks = data[factors]
        counted = ticks.fillna(False).astype(bool).sum(axis=1).astype(float).where(ticks.notna().any(axis=1))
    return _single.spearman_by_group(score, counted, data[by], confidence)
