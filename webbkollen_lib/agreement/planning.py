"""Study planning: how many units (vignettes) and raters give an interval of a chosen half-width.

:func:`plan_study` simulates agreement studies on the vectorised cores of
this package and reports, for each design of a grid, how widely the
coefficient's estimate spreads around the value expected; the figure is
:func:`webbkollen_lib.plots.agreement.plot_study_plan`.

The model (the "common correlation" model of kappa sample-size work:
Bloch & Kraemer 1989, Donner & Eliasziw 1992, R ``kappaSize``): every unit
has a true category drawn from the prevalence :math:`\\pi`; each rater gives
that category with probability :math:`\\theta` and otherwise draws a
category at random from :math:`\\pi`. Two ratings of a unit then agree with
probability :math:`\\theta^2 + (1-\\theta^2)\\,\\pi^\\top W\\pi` and every rater
keeps the shares :math:`\\pi`, so Fleiss' kappa (with any weights) and
Krippendorff's alpha (at any level) equal :math:`\\theta^2` in the
population; :math:`\\theta` is solved from the expected value for the other
coefficients (AC1/AC2, Brennan-Prediger, percent agreement).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import product
from typing import Sequence

import numpy as np
import pandas as pd

from webbkollen_lib.agreement import _core, _resample
from webbkollen_lib.agreement.coefficients import _KINDS

__all__ = ["simulate_estimates", "plan_study"]

_PLANNABLE = ("percent_agreement", "fleiss_kappa", "gwet_ac1", "gwet_ac2", "brennan_prediger",
              "krippendorff_alpha")


def _prevalence(prevalence, n_categories) -> np.ndarray:
    if prevalence is None:
        if n_categories is None or int(n_categories) < 2:
            raise ValueError("plan: give prevalence= (the categories' expected shares) or n_categories= (>= 2, "
                             "equally common)")
        return np.full(int(n_categories), 1 / int(n_categories))
    p = np.asarray(prevalence, dtype=float)
    if p.ndim != 1 or p.size < 2 or (p < 0).any() or not np.isclose(p.sum(), 1.0):
        raise ValueError(f"plan: prevalence must be two or more non-negative shares summing to 1, got {prevalence!r}")
    if n_categories is not None and int(n_categories) != p.size:
        raise ValueError(f"plan: n_categories={n_categories} but prevalence has {p.size} shares")
    return p


def _setup(coefficient, level, weights, q):
    if coefficient not in _PLANNABLE:
        hint = (" (in this model raters share the category shares, so Conger's kappa is Fleiss' kappa: plan with "
                "'fleiss_kappa')") if coefficient == "conger_kappa" else ""
        raise ValueError(f"plan: coefficient must be one of {', '.join(_PLANNABLE)}, got {coefficient!r}{hint}")
    kind, _ = _KINDS[coefficient]
    values = np.arange(1, q + 1, dtype=float)
    if kind == "alpha":
        level = "nominal" if level is None else level
        if level not in _core.LEVELS:
            raise ValueError(f"plan: unknown level {level!r}; allowed: {', '.join(_core.LEVELS)}")
        delta2 = None if level == "ordinal" else _core.krippendorff_delta2(level, values)
        return kind, None, level, values, delta2
    if coefficient == "gwet_ac2" and weights == "identity":
        weights = "quadratic"
    W, _ = _core.weight_matrix(weights, values)
    return kind, W, None, values, None


def _theta(expected, kind, W, p):
    """Probability of the true category that gives ``expected`` in the population."""
    q = p.size
    Wf = np.eye(q) if W is None else W
    pe_f = float(p @ Wf @ p)
    if kind in ("alpha", "fleiss"):
        t2 = expected
    else:
        if kind == "percent":
            pa = expected
        else:
            tw = Wf.sum()
            pe = tw * float(np.sum(p * (1 - p))) / (q * (q - 1)) if kind == "ac1" else tw / q**2
            pa = expected * (1 - pe) + pe
        t2 = (pa - pe_f) / (1 - pe_f)
    if not 0 <= t2 <= 1:
        raise ValueError(f"plan: an expected value of {expected} cannot arise in this model with prevalence "
                         f"{np.round(p, 3).tolist()} (it needs agreement below chance or above 1)")
    return float(np.sqrt(t2))


def _simulate(kind, W, level, values, delta2, p, theta, n_units, n_raters, n_sim, p_missing, rng,
              budget=3_000_000):
    q = p.size
    cum = np.cumsum(p)
    cum[-1] = 1.0
    out = []
    chunk = max(1, budget // (n_units * n_raters))
    for start in range(0, n_sim, chunk):
        s = min(chunk, n_sim - start)
        truth = np.searchsorted(cum, rng.random((s, n_units)), side="right")
        noise = np.searchsorted(cum, rng.random((s, n_units, n_raters)), side="right")
        codes = np.where(rng.random((s, n_units, n_raters)) < theta, truth[..., None], noise)
        if p_missing:
            codes = np.where(rng.random(codes.shape) < p_missing, q, codes)  # q = "missing" slot
        cells = (np.arange(s * n_units).reshape(s, n_units, 1) * (q + 1) + codes).ravel()
        Xb = np.bincount(cells, minlength=s * n_units * (q + 1)).reshape(s, n_units, q + 1)[..., :q].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out.append(_resample.values_from_counts(kind, Xb, W, np.ones((s, n_units)), level=level,
                                                    values=values, delta2=delta2))
    return np.concatenate(out)


def simulate_estimates(expected: float, *, n_units: int, n_raters: int, prevalence=None, n_categories=None,
                       coefficient="krippendorff_alpha", level="nominal", weights="identity", n_sim=1000,
                       p_missing=0.0, seed=None) -> np.ndarray:
    """``n_sim`` estimates of the coefficient from simulated studies of one design (see the module's model).

    Each estimate is the coefficient of one simulated units x raters table,
    computed for all tables at once by the same cores as the point
    estimates. NaN where a table leaves the coefficient undefined.

    Examples
    --------
    >>> est = simulate_estimates(0.6, n_units=200, n_raters=2, prevalence=[0.7, 0.3],
    ...                          coefficient="fleiss_kappa", n_sim=500, seed=1)
    >>> round(float(est.mean()), 1)
    0.6
    """
    p = _prevalence(prevalence, n_categories)
    kind, W, level, values, delta2 = _setup(coefficient, level, weights, p.size)
    theta = _theta(expected, kind, W, p)
    _check_design(n_units, n_raters, n_sim, p_missing)
    return _simulate(kind, W, level, values, delta2, p, theta, int(n_units), int(n_raters), int(n_sim),
                     float(p_missing), np.random.default_rng(seed))


def _check_design(n_units, n_raters, n_sim, p_missing):
    if int(n_units) < 2 or int(n_raters) < 2:
        raise ValueError(f"plan: a design needs at least 2 units and 2 raters, got {n_units} x {n_raters}")
    if int(n_sim) < 10:
        raise ValueError("plan: n_sim must be at least 10 (use 1,000 or more for a plan)")
    if not 0 <= p_missing < 1:
        raise ValueError(f"plan: p_missing must be in [0, 1), got {p_missing!r}")


def plan_study(expected: float, *, n_units: Sequence[int], n_raters: Sequence[int], prevalence=None,
               n_categories=None, coefficient="krippendorff_alpha", level="nominal", weights="identity",
               half_width=0.1, confidence=0.95, n_sim=1000, p_missing=0.0, seed=0, n_jobs=1) -> pd.DataFrame:
    r"""Precision of a coefficient for every design in a grid of units x raters, by simulation.

    For each design, ``n_sim`` studies are simulated under the module's
    model with the coefficient's population value ``expected`` and the
    categories' ``prevalence``; the spread of their estimates is the
    precision the design buys:

    - ``ci_low``, ``ci_high``: the :math:`(1-c)/2` and :math:`(1+c)/2`
      quantiles of the estimates (``c`` = ``confidence``), the range in
      which 95 % of such studies land;
    - ``half_width`` :math:`= (ci\_high - ci\_low)/2`, what a well-calibrated
      interval's half-width is expected to be; ``meets_target`` compares it
      with ``half_width=`` (the target);
    - ``sd`` (the true standard error of the design) and ``mean_estimate``
      (its small-sample bias shows against ``expected``).

    Simulations of different designs are independent streams of
    ``numpy.random.SeedSequence(seed)``, so the table is the same with any
    ``n_jobs`` (threads; numpy releases the GIL in the heavy parts).

    Parameters
    ----------
    expected : float
        The coefficient you expect (e.g. from an earlier test).
    n_units, n_raters : sequence of int
        The grid: every combination is one design.
    prevalence : sequence of float, optional
        The categories' expected shares, in scale order (sum 1); or
    n_categories : int, optional
        Equally common categories.
    coefficient : str
        ``krippendorff_alpha`` (default), ``fleiss_kappa``, ``gwet_ac1``,
        ``gwet_ac2``, ``brennan_prediger`` or ``percent_agreement``.
    level, weights
        Krippendorff's level; the weights of the others (categories are 1..q).
    half_width : float
        The target half-width.
    confidence : float
        Coverage of the quantile range.
    n_sim : int
        Simulated studies per design.
    p_missing : float
        Share of ratings missing at random.
    seed : int
        Seed of the whole grid.
    n_jobs : int
        Threads running designs at once.

    Returns
    -------
    DataFrame, one row per design (sorted by units, then raters):
    ``n_units``, ``n_raters``, ``n_ratings``, ``expected``, ``mean_estimate``,
    ``sd``, ``ci_low``, ``ci_high``, ``half_width``, ``target``,
    ``meets_target``, ``n_sim``, ``n_failed``. ``.attrs`` holds the
    coefficient, level/weights, prevalence, :math:`\theta` and the seed.

    References
    ----------
    Bloch, D. A. & Kraemer, H. C. (1989). 2 x 2 kappa coefficients: measures
    of agreement or association. *Biometrics* 45, 269-287. Donner, A. &
    Eliasziw, M. (1992). A goodness-of-fit approach to inference procedures
    for the kappa statistic. *Statistics in Medicine* 11, 1511-1519.
    Rotondi, M. A. & Donner, A. (2012). A confidence interval approach to
    sample size estimation for interobserver agreement studies with
    multiple raters and outcomes. *J Clinical Epidemiology* 65, 778-784.

    Examples
    --------
    >>> plan = plan_study(0.6, n_units=[20, 80], n_raters=[2, 5], n_categories=3,
    ...                   n_sim=200, seed=1)
    >>> plan[["n_units", "n_raters"]].values.tolist()
    [[20, 2], [20, 5], [80, 2], [80, 5]]
    >>> bool(plan["half_width"].iloc[0] > plan["half_width"].iloc[-1])
    True
    """
    if not 0 < confidence < 1:
        raise ValueError(f"plan: confidence must be between 0 and 1, got {confidence!r}")
    p = _prevalence(prevalence, n_categories)
    kind, W, lvl, values, delta2 = _setup(coefficient, level, weights, p.size)
    theta = _theta(expected, kind, W, p)
    designs = sorted({(int(u), int(g)) for u, g in product(n_units, n_raters)})
    for u, g in designs:
        _check_design(u, g, n_sim, p_missing)
    streams = np.random.SeedSequence(seed).spawn(len(designs))
    a = (1 - confidence) / 2

    def run(i):
        u, g = designs[i]
        est = _simulate(kind, W, lvl, values, delta2, p, theta, u, g, int(n_sim), float(p_missing),
                        np.random.default_rng(streams[i]))
        ok = est[np.isfinite(est)]
        lo, hi = np.quantile(ok, [a, 1 - a]) if ok.size >= 2 else (np.nan, np.nan)
        return {"n_units": u, "n_raters": g, "n_ratings": u * g, "expected": float(expected),
                "mean_estimate": float(ok.mean()) if ok.size else np.nan,
                "sd": float(ok.std(ddof=1)) if ok.size >= 2 else np.nan, "ci_low": float(lo), "ci_high": float(hi),
                "half_width": float((hi - lo) / 2), "target": float(half_width),
                "meets_target": bool((hi - lo) / 2 <= half_width), "n_sim": int(n_sim),
                "n_failed": int(est.size - ok.size)}

    if n_jobs and int(n_jobs) > 1:
        with ThreadPoolExecutor(max_workers=int(n_jobs)) as pool:
            rows = list(pool.map(run, range(len(designs))))
    else:
        rows = [run(i) for i in range(len(designs))]
    out = pd.DataFrame(rows)
    out.attrs = {"coefficient": coefficient, "level": lvl, "weights": None if kind == "alpha" else weights,
                 "prevalence": p.tolist(), "theta": theta, "confidence": confidence, "seed": seed}
    return out
