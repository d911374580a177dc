"""Tests for webbkollen_lib.agreement.

Every coefficient is checked against an independent implementation
(irrCAC's Python port, the ``krippendorff`` package, statsmodels) on random
data with missing ratings, and against published worked examples
(Fleiss 1971; Krippendorff 2011; the outputs printed in R irrCAC's README).
Tolerance against peers: 1e-6.

Peers we deliberately do not use: statsmodels' ``aggregate_raters`` turns NaN
into a category of its own (we build count tables ourselves), and R irr's
``kripp.alpha`` is wrong on complete data with more than two raters.
"""

from __future__ import annotations

import doctest
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pytest
from irrCAC.benchmark import Benchmark
from irrCAC.datasets import distrib_6raters, raw_4raters
from irrCAC.raw import CAC
from irrCAC.weights import Weights
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from webbkollen_lib import agreement as ag

TOL = 1e-6
WEIGHTS = ["identity", "linear", "quadratic", "ordinal", "radical", "ratio", "circular", "bipolar"]
GWET_FAMILY = {  # our function -> irrCAC port method
    "gwet_ac1": "gwet",
    "fleiss_kappa": "fleiss",
    "conger_kappa": "conger",
    "brennan_prediger": "bp",
}
nan = np.nan

# ---------------------------------------------------------------------------
# Published data, transcribed
# ---------------------------------------------------------------------------

# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
# Psychological Bulletin 76(5), 378-382, Table 1: 30 patients, 6
# psychiatrists each, 5 diagnoses (1 depression, 2 personality disorder,
# 3 schizophrenia, 4 neurosis, 5 other). Fleiss printed the distribution of
# diagnoses per patient; the rows below give each patient's six diagnoses
# (as in R irr's `diagnoses` data set). Fleiss reports kappa = .430.
FLEISS_1971 = np.array([
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
], dtype=float)

# Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability,
# section C: reliability data of 4 observers (rows) coding 12 units
# (columns), values 1-5, with missing values. He reports alpha = 0.743
# (nominal), 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio).
KRIPPENDORFF_2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],  # observer B
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],  # observer D
]).T  # units x raters
KRIPPENDORFF_2011_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# Krippendorff (2011), section A: binary data, two observers, 10 units;
# alpha = 0.095.
KRIPPENDORFF_2011_BINARY = np.array([
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]).T


def _random_ratings(seed, n=40, r=6, q=5, p_missing=0.25, p_agree=0.55):
    """Units x raters with a latent true category, noise and missing ratings."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, q + 1, n)
    noise = rng.integers(1, q + 1, (n, r))
    data = np.where(rng.random((n, r)) < p_agree, truth[:, None], noise).astype(float)
    data[rng.random((n, r)) < p_missing] = np.nan
    # some units rated by a single rater, one unit by nobody
    data[0, 1:] = np.nan
    data[1, :] = np.nan
    return data


def _port(data, weights, categories=None, N=np.inf):
    return CAC(pd.DataFrame(data), weights=weights, categories=categories, digits=15, N=N)


@pytest.fixture(autouse=True)
def _quiet_port():
    # irrCAC's port emits pandas FutureWarnings; they are not ours
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", pd.errors.SettingWithCopyWarning)
        yield


# ---------------------------------------------------------------------------
# Published worked examples
# ---------------------------------------------------------------------------


def test_fleiss_1971_kappa_is_0430():
    res = ag.fleiss_kappa(FLEISS_1971)
    assert round(res.value, 3) == 0.430
    # R irr::kappam.fleiss(diagnoses) prints 0.4302445 (statsmodels' test suite)
    assert res.value == pytest.approx(0.4302445, abs=1e-7)
    assert res.n_units == 30 and res.n_raters == 6


def test_fleiss_1971_counts_round_trip_matches_statsmodels():
    counts = np.stack([(FLEISS_1971 == k).sum(axis=1) for k in range(1, 6)], axis=1)
    table = ag.counts_to_ratings(pd.DataFrame(counts, columns=[1, 2, 3, 4, 5]))
    assert ag.fleiss_kappa(table).value == pytest.approx(sm_fleiss_kappa(counts), abs=TOL)
    assert ag.fleiss_kappa(table).value == pytest.approx(ag.fleiss_kappa(FLEISS_1971).value, abs=1e-12)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_2011_reliability_data(level):
    res = ag.krippendorff_alpha(KRIPPENDORFF_2011, level=level)
    assert round(res.value, 3) == KRIPPENDORFF_2011_ALPHA[level]
    ref = krippendorff.alpha(KRIPPENDORFF_2011.T, level_of_measurement=level)
    assert res.value == pytest.approx(ref, abs=TOL)
    assert res.n_units == 12 and res.n_units_paired == 11 and res.n_raters == 4


def test_krippendorff_2011_binary_two_observers():
    assert round(ag.krippendorff_alpha(KRIPPENDORFF_2011_BINARY).value, 3) == 0.095


def test_library_copies_of_the_published_examples_match_the_transcriptions():
    fleiss = ag.published_example("fleiss_1971")
    np.testing.assert_array_equal(fleiss.apply(lambda c: c.cat.codes + 1).to_numpy(), FLEISS_1971)
    kripp = ag.published_example("krippendorff_2011")
    np.testing.assert_array_equal(kripp.to_numpy(), KRIPPENDORFF_2011)
    assert kripp.attrs["reported"] == KRIPPENDORFF_2011_ALPHA
    np.testing.assert_array_equal(ag.published_example("krippendorff_2011_binary").to_numpy(),
                                  KRIPPENDORFF_2011_BINARY)
    with pytest.raises(ValueError, match="available"):
        ag.published_example("cohen_1960")


def test_irrcac_readme_outputs_for_cac_raw4raters():
    """R irrCAC (>= 1.0) README: values, SEs (5 d.p.) and right-tailed p-values."""
    data = raw_4raters()
    published = {  # function: (value, se, p_value)
        "percent_agreement": (0.8181818, 0.12561, 2.172686e-05),
        "gwet_ac1": (0.77544, 0.14295, 0.0001043605),
        "fleiss_kappa": (0.76117, 0.15302, 0.0002095865),
        "krippendorff_alpha": (0.74342, 0.14548, 0.0001693123),
        "conger_kappa": (0.76282, 0.14917, 0.0001683533),
        "brennan_prediger": (0.77273, 0.14472, 0.0001187804),
    }
    for name, (value, se, p) in published.items():
        res = getattr(ag, name)(data, alternative="greater")
        assert res.value == pytest.approx(value, abs=6e-6), name
        assert res.se == pytest.approx(se, abs=6e-6), name
        assert res.p_value == pytest.approx(p, rel=1e-6), name


def test_irrcac_readme_outputs_for_distrib_6raters():
    """First 15 patients of Fleiss (1971) as a count table; R irrCAC README (*.dist)."""
    table = ag.counts_to_ratings(distrib_6raters())
    published = {  # function: (value, se, p_value, pa, pe)
        "gwet_ac1": (0.4448007, 0.08418757, 5.779637e-05, 0.5511111, 0.1914815),
        "fleiss_kappa": (0.4139265, 0.08119291, 8.113618e-05, 0.5511111, 0.2340741),
        "brennan_prediger": (0.4388889, 0.08312142, 5.814998e-05, 0.5511111, 0.2),
    }
    for name, (value, se, p, pa, pe) in published.items():
        res = getattr(ag, name)(table, alternative="greater")
        assert (res.value, res.se, res.pa, res.pe) == pytest.approx((value, se, pa, pe), abs=6e-8), name
        assert res.p_value == pytest.approx(p, rel=1e-5), name
    alpha = ag.krippendorff_alpha(table)
    # krippen.alpha.dist prints 0.4204384 (its SE uses a different approximation
    # from krippen.alpha.raw, which we follow; see test_irrcac_readme_outputs...)
    assert alpha.value == pytest.approx(0.4204384, abs=6e-8)
    assert alpha.pa == pytest.approx(0.5560988, abs=6e-8)


# ---------------------------------------------------------------------------
# Peers on random data with missing ratings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("weights", WEIGHTS)
def test_gwet_family_matches_irrcac_port(seed, weights):
    data = _random_ratings(seed)
    port = _port(data, weights)
    for ours, method in GWET_FAMILY.items():
        ref = getattr(port, method)()["est"]
        res = getattr(ag, ours)(data, weights=weights)
        assert res.value == pytest.approx(ref["coefficient_value"], abs=TOL), ours
        assert res.se == pytest.approx(ref["se"], abs=TOL), ours
        assert res.ci == pytest.approx(ref["confidence_interval"], abs=TOL), ours
        assert res.pa == pytest.approx(ref["pa"], abs=TOL), ours
        assert res.pe == pytest.approx(ref["pe"], abs=TOL), ours
        # the port's p-values are two-sided, except BP's: 1 - F(|t|), half of it
        ours_p = res.p_value / 2 if method == "bp" else res.p_value
        assert ours_p == pytest.approx(ref["p_value"], rel=1e-6, abs=1e-12), ours
        # units nobody rated are dropped, as the port does
        assert res.n_units == int((~np.isnan(data)).any(axis=1).sum()) == port.n
    # the port has no percent-agreement function; its pa field is the (weighted) value
    assert ag.percent_agreement(data, weights=weights).value == pytest.approx(ref["pa"], abs=TOL)


@pytest.mark.parametrize("weights", WEIGHTS)
def test_krippendorff_alpha_with_irrcac_weights_matches_port(weights):
    data = _random_ratings(3)
    ref = _port(data, weights).krippendorff()["est"]
    res = ag.krippendorff_alpha(data, weights=weights)
    assert res.value == pytest.approx(ref["coefficient_value"], abs=TOL)
    assert res.pe == pytest.approx(ref["pe"], abs=TOL)


@pytest.mark.parametrize("weights", ["identity", "quadratic", "ordinal", "bipolar"])
def test_krippendorff_alpha_se_matches_port_when_units_are_balanced(weights):
    # The port computes alpha's SE with irrCAC's pre-1.0 formula; it agrees
    # with the R 1.0 formula we use whenever every unit has the same number
    # of ratings (checked against R's printed output in the README test).
    rng = np.random.default_rng(5)
    data = _random_ratings(5, p_missing=0.0)
    for row in data:  # exactly one missing rating per unit
        row[rng.integers(0, data.shape[1])] = np.nan
    data = data[2:]
    ref = _port(data, weights).krippendorff()["est"]
    res = ag.krippendorff_alpha(data, weights=weights)
    assert res.se == pytest.approx(ref["se"], abs=TOL)
    assert res.ci == pytest.approx(ref["confidence_interval"], abs=TOL)


def test_unused_categories_and_finite_population_match_port():
    data = _random_ratings(7, q=4)
    cats = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # 5 and 6 never used
    for weights in ["identity", "quadratic", "circular"]:
        port = _port(data, weights, categories=cats, N=200)
        for ours, method in GWET_FAMILY.items():
            ref = getattr(port, method)()["est"]
            res = getattr(ag, ours)(data, weights=weights, categories=cats, population_size=200)
            assert (res.value, res.se) == pytest.approx((ref["coefficient_value"], ref["se"]), abs=TOL)
    # the unused categories change the result (they are not silently dropped)
    assert (ag.brennan_prediger(data, categories=cats).value
            != pytest.approx(ag.brennan_prediger(data).value, abs=1e-3))


def test_finite_population_correction_scales_variance():
    data = _random_ratings(8)
    inf = ag.gwet_ac1(data)
    fin = ag.gwet_ac1(data, population_size=100)
    assert fin.se == pytest.approx(inf.se * np.sqrt(1 - inf.n_units / 100), rel=1e-12)
    with pytest.raises(ValueError, match="smaller than"):
        ag.gwet_ac1(data, population_size=10)


def test_custom_weight_matrix_matches_port():
    data = _random_ratings(9, q=3)
    w = np.array([[1, 0.5, 0], [0.5, 1, 0.25], [0, 0.25, 1]])
    ref = _port(data, w).gwet()["est"]
    res = ag.gwet_ac1(data, weights=w)
    assert (res.value, res.se) == pytest.approx((ref["coefficient_value"], ref["se"]), abs=TOL)
    assert res.weights == "custom" and res.coefficient == "AC2"


@pytest.mark.parametrize("seed", [10, 11, 12])
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_alpha_matches_krippendorff_package(seed, level):
    data = _random_ratings(seed, n=60, r=5, q=6)
    ref = krippendorff.alpha(data.T, level_of_measurement=level)
    assert ag.krippendorff_alpha(data, level=level).value == pytest.approx(ref, abs=TOL)
    # with a given value domain that includes an unused category
    cats = [1, 2, 3, 4, 5, 6, 7]
    ref = krippendorff.alpha(data.T, level_of_measurement=level, value_domain=cats)
    assert ag.krippendorff_alpha(data, level=level, categories=cats).value == pytest.approx(ref, abs=TOL)


def test_krippendorff_alpha_on_labels_uses_category_order():
    labels = np.array(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], dtype=object)
    data = _random_ratings(13, q=4)
    as_labels = np.where(np.isnan(data), None, labels[np.nan_to_num(data).astype(int) - 1])
    frame = pd.DataFrame(as_labels).astype(pd.CategoricalDtype(labels, ordered=True))
    for level in ["nominal", "ordinal", "interval"]:
        ref = krippendorff.alpha(data.T, level_of_measurement=level, value_domain=[1, 2, 3, 4])
        assert ag.krippendorff_alpha(frame, level=level).value == pytest.approx(ref, abs=TOL)


def test_statsmodels_fleiss_kappa_on_complete_data():
    rng = np.random.default_rng(14)
    for q, r in [(2, 3), (4, 7), (6, 12)]:
        data = rng.integers(0, q, (50, r)).astype(float)
        data[:10] = data[:10, :1]  # some perfect units
        counts = np.stack([(data == k).sum(axis=1) for k in range(q)], axis=1)
        assert ag.fleiss_kappa(data).value == pytest.approx(sm_fleiss_kappa(counts), abs=TOL)


@pytest.mark.parametrize("wt,weights", [(None, "identity"), ("linear", "linear"), ("quadratic", "quadratic")])
def test_two_raters_conger_is_statsmodels_cohens_kappa(wt, weights):
    rng = np.random.default_rng(15)
    a = rng.integers(0, 4, 80)
    b = np.where(rng.random(80) < 0.6, a, rng.integers(0, 4, 80))
    table = np.zeros((4, 4))
    np.add.at(table, (a, b), 1)
    ours = ag.conger_kappa(np.column_stack([a, b]).astype(float), weights=weights)
    assert ours.value == pytest.approx(sm_cohens_kappa(table, wt=wt).kappa, abs=TOL)


@pytest.mark.parametrize("name", WEIGHTS)
def test_weight_matrices_match_irrcac(name):
    for cats in ([1, 2, 3, 4, 5], [1, 2, 4, 7], [0.5, 1.5, 2.0]):
        ours = ag.weight_matrix(name, cats).to_numpy()
        np.testing.assert_allclose(ours, Weights(list(cats))[name], atol=1e-12)
    # labels are spaced 1..q
    labels = ag.weight_matrix(name, ["low", "mid", "high"]).to_numpy()
    np.testing.assert_allclose(labels, Weights([1, 2, 3])[name], atol=1e-12)


def test_alpha_levels_equal_irrcac_weights_except_ordinal():
    data = _random_ratings(16, q=5)
    a = lambda **kw: ag.krippendorff_alpha(data, **kw).value  # noqa: E731
    assert a(level="nominal") == pytest.approx(a(weights="identity"), abs=1e-12)
    assert a(level="interval") == pytest.approx(a(weights="quadratic"), abs=1e-12)
    assert a(level="ratio") == pytest.approx(a(weights="ratio"), abs=1e-12)
    # Krippendorff's ordinal metric is not irrCAC's ordinal weights
    assert abs(a(level="ordinal") - a(weights="ordinal")) > 1e-3


def test_percent_agreement_matches_hand_count():
    # pairs within units: unit 1 one pair agreeing; unit 2 one of three pairs;
    # unit 3 all three; unit 4 has a single rating and is not averaged
    data = np.array([[1, 1, nan], [2, 2, 1], [3, 3, 3], [1, nan, nan]])
    res = ag.percent_agreement(data)
    assert res.value == pytest.approx((1 + 1 / 3 + 1) / 3, abs=1e-12)
    assert res.n_units == 4 and res.n_units_paired == 3


# ---------------------------------------------------------------------------
# Inference details
# ---------------------------------------------------------------------------


def test_ci_is_t_with_n_minus_1_df_and_capped_at_one():
    data = _random_ratings(17)
    res = ag.gwet_ac1(data, confidence=0.9)
    t = stats.t.ppf(0.95, res.n_units - 1)
    assert res.ci[0] == pytest.approx(res.value - t * res.se, abs=1e-12)
    assert res.ci[1] == pytest.approx(min(1.0, res.value + t * res.se), abs=1e-12)
    high = ag.percent_agreement(np.array([[1, 1], [2, 2], [1, 1], [2, 1]]))
    assert high.ci[1] == 1.0


def test_p_value_alternatives():
    res = {alt: ag.fleiss_kappa(FLEISS_1971, alternative=alt) for alt in ("two-sided", "greater", "less")}
    tstat = res["greater"].value / res["greater"].se
    assert res["greater"].p_value == pytest.approx(stats.t.sf(tstat, 29), rel=1e-12)
    assert res["less"].p_value == pytest.approx(stats.t.cdf(tstat, 29), rel=1e-12)
    assert res["two-sided"].p_value == pytest.approx(2 * stats.t.sf(abs(tstat), 29), rel=1e-12)
    assert all(r.alternative == alt for alt, r in res.items())
    with pytest.raises(ValueError, match="alternative"):
        ag.fleiss_kappa(FLEISS_1971, alternative="one-sided")


def test_summary_has_every_coefficient():
    table = ag.summary(KRIPPENDORFF_2011, level="ordinal")
    assert list(table.index) == ["percent_agreement", "fleiss_kappa", "conger_kappa", "gwet_ac1",
                                 "brennan_prediger", "krippendorff_alpha"]
    assert table.loc["krippendorff_alpha", "value"] == pytest.approx(0.8153875, abs=1e-7)
    assert table.loc["fleiss_kappa", "value"] == ag.fleiss_kappa(KRIPPENDORFF_2011).value


def test_result_object():
    res = ag.gwet_ac1(FLEISS_1971)
    assert float(res) == res.value
    frame = res.to_frame()
    assert frame.loc[0, "value"] == res.value and frame.loc[0, "ci_high"] == res.ci[1]
    assert "AC1" in str(res) and "<table" in res._repr_html_()
    with pytest.raises(AttributeError):
        res.value = 0  # frozen


# ---------------------------------------------------------------------------
# Bootstrap
# ---------------------------------------------------------------------------

BOOT_CASES = [
    ("percent_agreement", {}),
    ("fleiss_kappa", {"weights": "linear"}),
    ("conger_kappa", {"weights": "quadratic"}),
    ("gwet_ac1", {"weights": "ordinal"}),
    ("brennan_prediger", {}),
    ("krippendorff_alpha", {"level": "ordinal"}),
    ("krippendorff_alpha", {"level": "ratio"}),
    ("krippendorff_alpha", {"weights": "bipolar"}),
]


@pytest.mark.parametrize("resample", ["units", "raters", "both"])
@pytest.mark.parametrize("name,options", BOOT_CASES)
def test_bootstrap_replicates_equal_point_estimates_on_resampled_tables(name, options, resample):
    data = _random_ratings(18, n=25, r=5, q=4)[2:]  # no all-missing unit
    n, r = data.shape
    res = ag.bootstrap(data, name, n_boot=6, seed=42, resample=resample, **options)
    rng = np.random.default_rng(42)  # the documented draw order
    units = rng.integers(0, n, (6, n)) if resample != "raters" else None
    raters = rng.integers(0, r, (6, r)) if resample != "units" else None
    for b in range(6):
        table = data if units is None else data[units[b]]
        table = table if raters is None else table[:, raters[b]]
        try:
            expected = getattr(ag, name)(table, categories=[1, 2, 3, 4], **options).value
        except ValueError:
            expected = np.nan
        np.testing.assert_allclose(res.replicates[b], expected, atol=1e-10, equal_nan=True)
    assert res.estimate == getattr(ag, name)(data, **options).value


def test_bootstrap_is_seeded_and_summarises_replicates():
    a = ag.bootstrap(FLEISS_1971, "fleiss_kappa", n_boot=300, seed=1)
    b = ag.bootstrap(FLEISS_1971, ag.fleiss_kappa, n_boot=300, seed=1)
    np.testing.assert_array_equal(a.replicates, b.replicates)
    assert a.se == pytest.approx(np.std(a.replicates, ddof=1))
    assert a.ci == pytest.approx(tuple(np.percentile(a.replicates, [2.5, 97.5])))
    # bootstrap SE over units is close to Gwet's linearisation SE
    assert a.se == pytest.approx(ag.fleiss_kappa(FLEISS_1971).se, rel=0.25)


def test_bootstrap_other_callables_use_the_loop():
    def mean_rating(table, categories=None):
        return float(np.nanmean(table.to_numpy(dtype=float)))

    res = ag.bootstrap(FLEISS_1971, mean_rating, n_boot=20, seed=3)
    rng = np.random.default_rng(3)
    idx = rng.integers(0, 30, (20, 30))
    codes = FLEISS_1971 - 1  # the loop sees category codes 0..q-1
    np.testing.assert_allclose(res.replicates, [codes[i].mean() for i in idx])


def test_bootstrap_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unknown name"):
        ag.bootstrap(FLEISS_1971, "cohens_kappa")
    with pytest.raises(ValueError, match="resample"):
        ag.bootstrap(FLEISS_1971, resample="rows")


# ---------------------------------------------------------------------------
# Benchmarking
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("scale,method", [("landis_koch", "landis_koch"), ("altman", "altman"),
                                          ("fleiss", "fleiss")])
@pytest.mark.parametrize("coeff,se", [(0.67, 0.15), (0.43, 0.03), (0.1, 0.2), (0.9, 0.05)])
def test_benchmark_matches_irrcac(scale, method, coeff, se):
    ours = ag.benchmark(coeff, se=se, scale=scale)
    ref = getattr(Benchmark(coeff, se), method)()
    np.testing.assert_allclose(ours["cumulative"].round(5), ref["CumProb"], atol=1e-12)
    assert list(zip(ours["lower"], ours["upper"])) == ref["scale"]
    chosen = next(i for i, p in enumerate(ref["CumProb"]) if p >= 0.95)
    assert ours["selected"].tolist() == [i == chosen for i in range(len(ours))]


def test_benchmark_accepts_results():
    res = ag.fleiss_kappa(FLEISS_1971)
    table = ag.benchmark(res, scale="landis_koch")
    assert table.loc[table["contains_estimate"], "label"].item() == "Moderate"
    assert table["probability"].sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="se="):
        ag.benchmark(0.5)


# ---------------------------------------------------------------------------
# Input handling
# ---------------------------------------------------------------------------


def test_inte_kant_is_missing_never_a_category():
    labels = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    with_unknown = pd.DataFrame({"a": ["hog", "hog", "inte_kant"], "b": ["hog", "Inte känt", "hog"],
                                 "c": ["mycket_hog", "hog", "hog"]})
    plain = with_unknown.replace({"inte_kant": np.nan, "Inte känt": np.nan})
    r1 = ag.gwet_ac1(with_unknown, categories=labels)
    r2 = ag.gwet_ac1(plain, categories=labels)
    assert r1.value == r2.value and r1.categories == tuple(labels)
    with pytest.raises(ValueError, match="not known"):
        ag.gwet_ac1(plain, categories=labels + ["inte_kant"])


def test_ordered_categorical_gives_category_order():
    dtype = pd.CategoricalDtype(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], ordered=True)
    frame = pd.DataFrame({"a": ["hog", "ingen_lag", "hog"], "b": ["mycket_hog", "ingen_lag", "hog"]},
                         dtype=dtype)
    res = ag.gwet_ac1(frame, weights="linear")
    assert res.categories == tuple(dtype.categories)
    codes = frame.apply(lambda c: c.cat.codes + 1).to_numpy(float)
    assert res.value == pytest.approx(ag.gwet_ac1(codes, weights="linear", categories=[1, 2, 3, 4]).value)


def test_bad_values_give_a_clear_error():
    frame = pd.DataFrame({"anna": [1, 2, 7], "bo": [1, 2, 2]}, index=["u1", "u2", "u3"])
    with pytest.raises(ValueError) as err:
        ag.fleiss_kappa(frame, categories=[1, 2, 3])
    msg = str(err.value)
    assert "'u3'" in msg and "'anna'" in msg and "7" in msg and "allowed" in msg
    with pytest.raises(ValueError, match="2-D"):
        ag.fleiss_kappa(np.array([1, 2, 3]))
    with pytest.raises(ValueError, match="mix value types"):
        ag.fleiss_kappa(np.array([[1, "a"], [2, "b"]], dtype=object))
    with pytest.raises(ValueError, match="unknown weights"):
        ag.gwet_ac1(FLEISS_1971, weights="cubic")
    with pytest.raises(ValueError, match="level"):
        ag.krippendorff_alpha(FLEISS_1971, level="quadratic")
    with pytest.raises(ValueError, match="not both"):
        ag.krippendorff_alpha(FLEISS_1971, level="ordinal", weights="ordinal")
    with pytest.raises(ValueError, match="positive"):
        ag.gwet_ac1(FLEISS_1971 - 1, weights="ratio")
    with pytest.raises(ValueError, match="diagonal"):
        ag.gwet_ac1(FLEISS_1971, weights=np.zeros((5, 5)))


def test_from_long_builds_the_wide_table():
    dtype = pd.CategoricalDtype(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], ordered=True)
    long = pd.DataFrame({
        "vinjett": ["max", "max", "max", "assi", "assi"],
        "bedomare": ["r1", "r2", "r3", "r1", "r3"],
        "risk": pd.Categorical(["hog", "mycket_hog", None, "mycket_hog", "hog"], dtype=dtype),
    })
    wide = ag.from_long(long, unit="vinjett", rater="bedomare", value="risk")
    assert wide.shape == (2, 3) and list(wide.columns) == ["r1", "r2", "r3"]
    assert all(wide[c].dtype == dtype for c in wide.columns)
    assert pd.isna(wide.loc["assi", "r2"]) and pd.isna(wide.loc["max", "r3"])
    assert wide.loc["max", "r2"] == "mycket_hog"
    with pytest.raises(ValueError, match="repeat"):
        ag.from_long(pd.concat([long, long.iloc[:1]]), unit="vinjett", rater="bedomare", value="risk")
    with pytest.raises(ValueError, match="not in the data"):
        ag.from_long(long, unit="vignette", rater="bedomare", value="risk")


def test_counts_to_ratings():
    counts = pd.DataFrame({"ja": [3, 1, 0], "nej": [0, 2, 0], "vet_inte": [0, 0, 2]})
    table = ag.counts_to_ratings(counts)
    assert table.shape == (3, 3)
    assert list(table.iloc[1].astype(str)) == ["ja", "nej", "nej"]
    assert pd.isna(table.iloc[2, 2])
    assert list(table["rater_1"].cat.categories) == ["ja", "nej", "vet_inte"]
    with pytest.raises(ValueError, match="non-negative whole number"):
        ag.counts_to_ratings(pd.DataFrame({"ja": [1.5]}))


# ---------------------------------------------------------------------------
# Consensus for one vignette
# ---------------------------------------------------------------------------


def _direct_consensus(x, q):
    """The measures written out from the raw ratings (positions 1..q)."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    p = np.array([(x == k).mean() for k in range(1, q + 1)])
    mu, s2 = x.mean(), x.var(ddof=1)
    med = np.sort(x)[(n - 1) // 2]  # lower median
    tw = 1 + sum(pk * np.log2(1 - abs(k - mu) / (q - 1)) for k, pk in zip(range(1, q + 1), p) if pk > 0)
    cum = np.cumsum(p)[:-1]
    leik = 2 * sum(f if f <= 0.5 else 1 - f for f in cum) / (q - 1)
    maxvar = ((q + 1) * mu - mu**2 - q) * n / (n - 1)
    return {
        "modal_share": p.max(),
        "within_one_step": np.mean(np.abs(x - med) <= 1),
        "tastle_wierman": tw,
        "leik_dispersion": leik,
        "iqv": q / (q - 1) * (1 - (p**2).sum()),
        "r_wg": 1 - s2 / ((q**2 - 1) / 12),
        "a_wg": 1 - 2 * s2 / maxvar if maxvar > 0 else 1.0,
    }


def test_consensus_for_max_matches_direct_formulas():
    risk = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    max_ratings = ["nagot_forhojd"] + ["hog"] * 2 + ["mycket_hog"] * 4 + [None, "inte_kant"]
    table = ag.consensus(max_ratings, categories=risk, n_boot=500, seed=2)
    expected = _direct_consensus([2, 3, 3, 4, 4, 4, 4], q=4)
    for name, value in expected.items():
        assert table.loc[name, "value"] == pytest.approx(value, abs=1e-12), name
    assert (table["n_raters"] == 7).all()
    assert (table["ci_low"] <= table["value"] + 1e-12).all() and (table["value"] <= table["ci_high"] + 1e-12).all()
    again = ag.consensus(max_ratings, categories=risk, n_boot=500, seed=2)
    pd.testing.assert_frame_equal(table, again)


@pytest.mark.parametrize("seed", range(4))
def test_consensus_random_matches_direct_formulas(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, 15)
    table = ag.consensus(pd.Series(x), categories=[1, 2, 3, 4, 5], n_boot=50)
    for name, value in _direct_consensus(x, q=5).items():
        assert table.loc[name, "value"] == pytest.approx(value, abs=1e-12), name


def test_consensus_anchor_values():
    cats = [1, 2, 3, 4, 5]
    unanimous = ag.consensus([3] * 6, categories=cats, n_boot=20)["value"]
    assert unanimous["tastle_wierman"] == 1 and unanimous["leik_dispersion"] == 0
    assert unanimous["iqv"] == 0 and unanimous["r_wg"] == 1 and unanimous["a_wg"] == 1
    polar = ag.consensus([1, 1, 1, 5, 5, 5], categories=cats, n_boot=20)["value"]
    assert polar["tastle_wierman"] == pytest.approx(0) and polar["leik_dispersion"] == pytest.approx(1)
    assert polar["a_wg"] == pytest.approx(-1)
    # Tastle & Wierman: uniform shares on a 5-point scale
    uniform = ag.consensus([1, 2, 3, 4, 5], categories=cats, n_boot=20)["value"]
    assert uniform["tastle_wierman"] == pytest.approx(1 + 0.4 * (np.log2(0.5) + np.log2(0.75)))
    assert uniform["iqv"] == pytest.approx(1)


# ---------------------------------------------------------------------------
# Checklists (multi-select)
# ---------------------------------------------------------------------------


def test_set_distances():
    assert ag.jaccard_distance(set(), set()) == 0.0
    assert ag.masi_distance(set(), set()) == 0.0
    assert ag.jaccard_distance({"a"}, set()) == 1.0 and ag.masi_distance({"a"}, set()) == 1.0
    assert ag.masi_distance({"a"}, {"a", "b"}) == pytest.approx(1 - 0.5 * 2 / 3)
    assert ag.masi_distance({"a", "b"}, {"b", "c"}) == pytest.approx(1 - (1 / 3) * (1 / 3))
    assert ag.jaccard_distance({"a", "b"}, {"b", "c"}) == pytest.approx(2 / 3)


def _random_sets(seed, n=20, r=5, options="abc"):
    rng = np.random.default_rng(seed)
    base = [frozenset(o for o in options if rng.random() < 0.5) for _ in range(n)]
    table = []
    for i in range(n):
        row = []
        for _ in range(r):
            s = set(base[i])
            if rng.random() < 0.3:
                s ^= {options[rng.integers(len(options))]}
            row.append(None if rng.random() < 0.15 else frozenset(s))
        table.append(row)
    return table


@pytest.mark.parametrize("distance", ["jaccard", "masi"])
def test_set_alpha_matches_krippendorff_package_with_custom_metric(distance):
    table = _random_sets(20)
    distinct = sorted({s for row in table for s in row if s is not None}, key=lambda s: (len(s), sorted(s)))
    fn = {"jaccard": ag.jaccard_distance, "masi": ag.masi_distance}[distance]
    dist = np.array([[fn(a, b) for b in distinct] for a in distinct])
    counts = np.array([[sum(s == v for s in row) for v in distinct] for row in table])

    def metric(v1, v2, i1, i2, n_v, dtype=np.float64):
        return dist[i1, i2]

    ref = krippendorff.alpha(value_counts=counts, level_of_measurement=metric)
    assert ag.krippendorff_alpha_sets(table, distance=distance).value == pytest.approx(ref, abs=TOL)


def test_set_alpha_with_singletons_is_nominal_alpha():
    data = _random_ratings(21, q=4)[2:]
    sets = [[None if np.isnan(v) else frozenset({int(v)}) for v in row] for row in data]
    for distance in ("jaccard", "masi"):
        assert (ag.krippendorff_alpha_sets(sets, distance=distance).value
                == pytest.approx(ag.krippendorff_alpha(data).value, abs=1e-12))


def test_set_alpha_empty_sets_agree():
    table = [[set(), set(), set()], [{"a"}, {"a"}, {"a"}], [set(), set(), {"a"}]]
    res = ag.krippendorff_alpha_sets(table, distance="masi")
    assert np.isfinite(res.value)
    # identical to the binary nominal alpha (empty set = "not ticked")
    assert res.value == pytest.approx(ag.krippendorff_alpha([[0, 0, 0], [1, 1, 1], [0, 0, 1]]).value)


def _checklist_data():
    rng = np.random.default_rng(22)
    rows = []
    for vinjett, p in [("jamila", (0.8, 0.3, 0.05)), ("tobias", (0.2, 0.6, 0.1)), ("mohammad", (0.5, 0.5, 0.0))]:
        for g in range(12):
            ticks = rng.random(3) < np.array(p)
            rows.append({"vinjett": vinjett, "bedomare": f"r{g}", "hem_fysiskt_vald": ticks[0],
                         "hem_bristande_omsorg": ticks[1], "hem_heder": ticks[2]})
    data = pd.DataFrame(rows)
    opts = ["hem_fysiskt_vald", "hem_bristande_omsorg", "hem_heder"]
    data[opts] = data[opts].astype("boolean")
    data.loc[3, opts] = pd.NA  # a rater who skipped the question
    return data, opts


def test_checklist_agreement_per_option():
    data, opts = _checklist_data()
    table = ag.checklist_agreement(data, opts)
    for opt in opts:
        wide = ag.from_long(data, unit="vinjett", rater="bedomare", value=opt)
        numeric = wide.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        assert table.loc[opt, "fleiss_kappa"] == pytest.approx(
            ag.fleiss_kappa(numeric, categories=[0, 1]).value, abs=1e-12)
        assert table.loc[opt, "gwet_ac1"] == pytest.approx(ag.gwet_ac1(numeric, categories=[0, 1]).value, abs=1e-12)
        assert table.loc[opt, "krippendorff_alpha"] == pytest.approx(
            krippendorff.alpha(numeric.T, level_of_measurement="nominal", value_domain=[0, 1]), abs=TOL)
        assert table.loc[opt, "share"] == pytest.approx(np.nanmean(numeric))
    shares = ag.checklist_shares(data, opts)
    assert shares.loc["hem_heder", "jamila"] == pytest.approx(data.loc[data.vinjett == "jamila", "hem_heder"].mean())
    assert shares.loc["hem_heder", "n_all"] == 35


def test_checklist_alpha_on_sets_of_ticks():
    data, opts = _checklist_data()
    res = ag.checklist_alpha(data, opts, distance="jaccard")
    sets = {}
    for _, row in data.iterrows():
        answered = row[opts].notna().any()
        sets[(row.vinjett, row.bedomare)] = frozenset(o for o in opts if row[o] is True) if answered else None
    units = sorted(data.vinjett.unique())
    raters = sorted(data.bedomare.unique())
    table = [[sets.get((u, g)) for g in raters] for u in units]
    assert res.value == pytest.approx(ag.krippendorff_alpha_sets(table, distance="jaccard").value, abs=1e-12)
    assert res.n_units == 3


# ---------------------------------------------------------------------------
# Rating against identified factors
# ---------------------------------------------------------------------------


def test_rating_vs_factor_count():
    rng = np.random.default_rng(23)
    dtype = pd.CategoricalDtype(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], ordered=True)
    rows = []
    for vinjett in ["jamila", "tobias"]:
        for g in range(15):
            k = rng.integers(0, 6)
            factors = {f"hem_f{j}": j < k for j in range(6)}
            risk = dtype.categories[min(3, k // 2 + rng.integers(0, 2))]
            rows.append({"vinjett": vinjett, "bedomare": f"r{g}", "risk": risk, "hem_ingen": k == 0, **factors})
    data = pd.DataFrame(rows)
    data["risk"] = data["risk"].astype(dtype)
    data.loc[0, "risk"] = np.nan  # inte känt
    table = ag.rating_vs_factor_count(data)
    for vinjett, group in data.groupby("vinjett"):
        group = group.dropna(subset=["risk"])
        count = group[[f"hem_f{j}" for j in range(6)]].sum(axis=1)
        rho, p = stats.spearmanr(count, group["risk"].cat.codes)
        n = len(group)
        half = stats.norm.ppf(0.975) * np.sqrt((1 + rho**2 / 2) / (n - 3))
        assert table.loc[vinjett, "n"] == n
        assert table.loc[vinjett, "rho"] == pytest.approx(rho, abs=1e-12)
        assert table.loc[vinjett, "p_value"] == pytest.approx(p, abs=1e-12)
        assert table.loc[vinjett, "ci_low"] == pytest.approx(np.tanh(np.arctanh(rho) - half), abs=1e-12)
        assert table.loc[vinjett, "ci_high"] == pytest.approx(np.tanh(np.arctanh(rho) + half), abs=1e-12)


# ---------------------------------------------------------------------------
# Docstring examples run
# ---------------------------------------------------------------------------


def test_docstring_examples():
    result = doctest.testmod(ag.coefficients, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 20 and result.failed == 0


def test_bootstrap_gwet_ac2_uses_its_quadratic_default():
    a = ag.bootstrap(KRIPPENDORFF_2011, "gwet_ac2", n_boot=50, seed=4)
    b = ag.bootstrap(KRIPPENDORFF_2011, "gwet_ac1", weights="quadratic", n_boot=50, seed=4)
    np.testing.assert_allclose(a.replicates, b.replicates)
    assert a.estimate == ag.gwet_ac1(KRIPPENDORFF_2011, weights="quadratic").value


def test_checklist_option_nobody_ticked_is_defined_where_possible():
    data, opts = _checklist_data()
    data["hem_heder"] = data["hem_heder"].where(data["hem_heder"].isna(), False)
    row = ag.checklist_agreement(data, opts).loc["hem_heder"]
    assert row["share"] == 0 and row["percent_agreement"] == 1 and row["gwet_ac1"] == 1
    assert np.isnan(row["fleiss_kappa"]) and np.isnan(row["krippendorff_alpha"])


def test_set_and_consensus_errors_are_clear():
    with pytest.raises(ValueError, match="unknown set distance"):
        ag.krippendorff_alpha_sets([[{"a"}, {"a"}]], distance="dice")
    with pytest.raises(ValueError, match="is not a set"):
        ag.krippendorff_alpha_sets([[{"a"}, "a"]])
    with pytest.raises(ValueError, match="at least two categories"):
        ag.consensus(["hog", "hog"])
    with pytest.raises(ValueError, match="one rating per rater"):
        ag.consensus(pd.DataFrame({"a": [1, 2]}))


def test_rating_vs_factor_count_takes_a_count_column_for_test_1():
    """Test 1 asked no checklist: the number of factors comes from the open answers."""
    from scipy.stats import spearmanr

    from webbkollen_lib import load_vignette_ratings

    ratings = load_vignette_ratings()
    max_ = ratings[ratings["vinjett"] == "max"]
    result = ag.rating_vs_factor_count(ratings[ratings["test"] == 1], count="antal_riskfaktorer")
    expected = spearmanr(max_["risk"].cat.codes, max_["antal_riskfaktorer"].astype(float)).statistic
    assert result.loc["max", "n"] == 7
    assert result.loc["max", "rho"] == pytest.approx(expected)
    assert result.loc["max", "rho"] > 0.8
