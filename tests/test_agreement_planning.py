"""Study planning by simulation, checked against the published large-sample variance of kappa.

For two raters and a yes/no rating the model of :mod:`webbkollen_lib.agreement.planning`
is the common-correlation model, whose kappa has the large-sample variance
(Bloch & Kraemer 1989; Fleiss, Levin & Paik 2003, ch. 18)

    var = (1 - k)/n * ((1 - k)(1 - 2k) + k (2 - k) / (2 p (1 - p))).

The formula itself is checked against a published output: statpsych's
``ci.kappa(.05, 31, 12, 4, 58)`` prints the intraclass kappa 0.6736597 with
SE 0.07479965.
"""

from __future__ import annotations

import time

import matplotlib
import numpy as np
import pytest

from webbkollen_lib import agreement as ag
from webbkollen_lib.plots.agreement import plot_study_plan, study_plan_alt

matplotlib.use("Agg")


def _bloch_kraemer_var(k, p, n):
    return (1 - k) / n * ((1 - k) * (1 - 2 * k) + k * (2 - k) / (2 * p * (1 - p)))


def test_the_variance_formula_reproduces_statpsych_published_example():
    f00, f01, f10, f11 = 31, 12, 4, 58
    n = f00 + f01 + f10 + f11
    rows = [[0, 0]] * f00 + [[0, 1]] * f01 + [[1, 0]] * f10 + [[1, 1]] * f11
    k = ag.fleiss_kappa(np.array(rows, dtype=float)).value  # Fleiss' kappa of 2 raters = intraclass kappa
    p = (2 * f11 + f01 + f10) / (2 * n)
    assert k == pytest.approx(0.6736597, abs=1e-7)
    assert np.sqrt(_bloch_kraemer_var(k, p, n)) == pytest.approx(0.07479965, abs=1e-8)


@pytest.mark.parametrize("k,p", [(0.6, 0.3), (0.4, 0.5), (0.8, 0.2)])
def test_simulated_spread_matches_the_large_sample_variance(k, p):
    n = 400
    est = ag.simulate_estimates(k, n_units=n, n_raters=2, prevalence=[1 - p, p], coefficient="fleiss_kappa",
                                n_sim=4000, seed=7)
    assert est.std(ddof=1) == pytest.approx(np.sqrt(_bloch_kraemer_var(k, p, n)), rel=0.05)
    assert est.mean() == pytest.approx(k, abs=0.01)


def test_plan_finds_the_units_the_formula_asks_for():
    # units needed for a 95 % half-width of 0.1 at kappa 0.6, prevalence 0.3, two raters
    k, p, h = 0.6, 0.3, 0.1
    needed = int(np.ceil(1.959964**2 * _bloch_kraemer_var(k, p, 1) / h**2))  # n * var is constant
    plan = ag.plan_study(k, n_units=[int(needed * 0.7), needed, int(needed * 1.4)], n_raters=[2],
                         prevalence=[1 - p, p], coefficient="fleiss_kappa", half_width=h, n_sim=2000, seed=3)
    hw = plan["half_width"].tolist()
    assert hw[0] > h > hw[2]
    assert hw[1] == pytest.approx(h, rel=0.06)


@pytest.mark.parametrize("coefficient,options", [
    ("krippendorff_alpha", {"level": "nominal"}), ("krippendorff_alpha", {"level": "ordinal"}),
    ("krippendorff_alpha", {"level": "interval"}), ("gwet_ac1", {}), ("gwet_ac2", {"weights": "quadratic"}),
    ("brennan_prediger", {}), ("percent_agreement", {}), ("fleiss_kappa", {"weights": "linear"}),
])
def test_every_plannable_coefficient_is_centred_on_the_expected_value(coefficient, options):
    est = ag.simulate_estimates(0.75, n_units=300, n_raters=6, prevalence=[0.1, 0.5, 0.3, 0.1],
                                coefficient=coefficient, n_sim=300, seed=1, **options)
    assert np.nanmean(est) == pytest.approx(0.75, abs=0.01)


def test_plan_is_reproducible_whatever_the_threads_and_meets_the_speed_goal():
    grid = dict(n_units=[5, 10, 20, 50, 100], n_raters=[5, 10, 15, 25])
    start = time.perf_counter()
    two = ag.plan_study(0.6, n_categories=4, level="ordinal", n_sim=1000, seed=2, n_jobs=2, **grid)
    elapsed = time.perf_counter() - start
    one = ag.plan_study(0.6, n_categories=4, level="ordinal", n_sim=1000, seed=2, n_jobs=1, **grid)
    assert len(two) == 20 and two.equals(one)
    assert elapsed < 30  # the goal: 20 designs x 1,000 simulations in under 30 s on 2 cores
    # more raters and more units: never much less precise
    wide = two.pivot(index="n_units", columns="n_raters", values="half_width")
    assert (np.diff(wide.to_numpy(), axis=0) < 0.02).all()


def test_plan_refuses_what_the_model_cannot_do():
    with pytest.raises(ValueError, match="Conger"):
        ag.plan_study(0.6, n_units=[10], n_raters=[3], n_categories=3, coefficient="conger_kappa")
    with pytest.raises(ValueError, match="cannot arise"):
        ag.plan_study(0.2, n_units=[10], n_raters=[3], prevalence=[0.95, 0.05], coefficient="gwet_ac1")
    with pytest.raises(ValueError, match="prevalence"):
        ag.plan_study(0.6, n_units=[10], n_raters=[3], prevalence=[0.5, 0.6])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_plan_figure_draws_a_line_per_number_of_raters(lang):
    plan = ag.plan_study(0.6, n_units=[5, 10, 20], n_raters=[5, 15], n_categories=4, n_sim=100, seed=1)
    fig = plot_study_plan(plan, lang=lang)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 3  # two designs' lines and the target
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    alt = study_plan_alt(plan, lang=lang)
    for row in plan.itertuples():  # every design's half-width is in the words
        shown = f"{row.half_width:.2f}"
        assert (shown.replace(".", ",") if lang == "sv" else shown) in alt
