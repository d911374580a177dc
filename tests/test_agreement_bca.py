"""BCa bootstrap intervals: the same numbers as scipy.stats.bootstrap(method="BCa").

Where the designs coincide (units resampled, or raters resampled; the same
seed, hence the same resamples) the interval must equal scipy's, computed
with our *point-estimate* function called on each resampled table, so the
check is independent of the vectorised replicates and of our BCa arithmetic.
The single-vignette consensus measures draw multinomial counts, not scipy's
indices: there the arithmetic is checked on scipy's own replicates, and the
interval end to end within Monte-Carlo error.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats

from webbkollen_lib import agreement as ag
from webbkollen_lib.agreement import _bca, _single


def _ratings(seed, n=30, r=6, q=4, p_missing=0.2):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, q + 1, n)
    data = np.where(rng.random((n, r)) < 0.6, truth[:, None], rng.integers(1, q + 1, (n, r))).astype(float)
    data[rng.random((n, r)) < p_missing] = np.nan
    data[:, 0] = np.where(np.isnan(data[:, 0]), truth, data[:, 0])  # every unit keeps a rating
    return data


def _scipy_bca(data, func, axis, n_boot, seed, **options):
    size = data.shape[axis]

    def statistic(idx):
        table = data[idx] if axis == 0 else data[:, idx]
        try:  # rounded: a tie with the estimate must not hang on the last bit (see _bca)
            return round(func(table, categories=[1, 2, 3, 4], **options).value, 13)
        except ValueError:
            return np.nan

    return stats.bootstrap((np.arange(size),), statistic, vectorized=False, n_resamples=n_boot,
                           method="BCa", random_state=np.random.default_rng(seed))


CASES = [
    ("krippendorff_alpha", {"level": "ordinal"}),
    ("krippendorff_alpha", {"level": "nominal"}),
    ("fleiss_kappa", {}),
    ("gwet_ac1", {"weights": "quadratic"}),
    ("conger_kappa", {}),
    ("brennan_prediger", {}),
    ("percent_agreement", {}),
]


@pytest.mark.parametrize("name,options", CASES)
def test_bca_over_units_equals_scipy_on_the_same_resamples(name, options):
    data = _ratings(1)
    ours = ag.bootstrap(data, name, n_boot=400, seed=11, categories=[1, 2, 3, 4], **options)
    ref = _scipy_bca(data, getattr(ag, name), 0, 400, 11, **options)
    assert ours.ci_bca == pytest.approx(tuple(ref.confidence_interval), abs=1e-10)
    np.testing.assert_allclose(np.sort(ours.replicates), np.sort(ref.bootstrap_distribution), atol=1e-10)


@pytest.mark.parametrize("name,options", CASES[:3])
def test_bca_over_raters_equals_scipy_on_the_same_resamples(name, options):
    data = _ratings(2, n=25, r=9, p_missing=0.0)
    ours = ag.bootstrap(data, name, n_boot=300, seed=5, resample="raters", categories=[1, 2, 3, 4], **options)
    ref = _scipy_bca(data, getattr(ag, name), 1, 300, 5, **options)
    assert ours.ci_bca == pytest.approx(tuple(ref.confidence_interval), abs=1e-10)


def test_bca_for_both_pools_the_two_jackknives_and_differs_from_percentile():
    data = _ratings(3)
    res = ag.bootstrap(data, "krippendorff_alpha", level="ordinal", n_boot=500, seed=3, resample="both")
    # the acceleration is scipy's multi-sample formula over the unit and rater jackknives
    n, r = data.shape
    jack_u = [ag.krippendorff_alpha(np.delete(data, i, axis=0), level="ordinal").value for i in range(n)]
    jack_r = [ag.krippendorff_alpha(np.delete(data, g, axis=1), level="ordinal").value for g in range(r)]
    parts = []
    for theta, m in ((np.array(jack_u), n), (np.array(jack_r), r)):
        u = (m - 1) * (theta.mean() - theta)
        parts.append(((u**3).sum() / m**3, (u**2).sum() / m**2))
    a = sum(p[0] for p in parts) / sum(p[1] for p in parts) ** 1.5 / 6
    assert res.acceleration == pytest.approx(a, rel=1e-9)
    assert np.isfinite(res.ci_bca).all() and res.ci_bca != res.ci
    frame = res.to_frame()
    assert frame.loc[0, "bca_low"] == res.ci_bca[0] and frame.loc[0, "bca_high"] == res.ci_bca[1]


def test_bca_arithmetic_equals_scipy_on_scipys_replicates():
    rng = np.random.default_rng(4)
    x = rng.gamma(2.0, size=40)
    ref = stats.bootstrap((x,), np.mean, n_resamples=2000, method="BCa", random_state=rng)
    jack = np.array([np.delete(x, i).mean() for i in range(len(x))])
    lo, hi, _ = _bca.interval(ref.bootstrap_distribution, x.mean(), _bca.acceleration([jack]), 0.95)
    assert (lo, hi) == pytest.approx(tuple(ref.confidence_interval), abs=1e-12)


def test_consensus_has_bca_intervals_like_scipy_on_the_raters():
    cats = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    ratings = ["ingen_lag"] * 2 + ["nagot_forhojd"] * 11 + ["hog"] * 2  # Jamila, report §3.3
    table = ag.consensus(ratings, categories=cats, n_boot=20000, seed=1)
    positions = np.array([cats.index(v) for v in ratings])

    def modal(idx, axis=-1):
        counts = np.stack([(positions[idx] == k).sum(axis=axis) for k in range(4)], axis=-1)
        return _single.consensus_measures(counts)["tastle_wierman"]

    ref = stats.bootstrap((np.arange(len(ratings)),), modal, n_resamples=20000, method="BCa",
                          random_state=np.random.default_rng(1))
    row = table.loc["tastle_wierman"]
    # different draws (multinomial counts vs indices): equal within Monte-Carlo error
    assert row["bca_low"] == pytest.approx(ref.confidence_interval.low, abs=0.01)
    assert row["bca_high"] == pytest.approx(ref.confidence_interval.high, abs=0.01)
    # the leave-one-rater-out jackknife by category equals the rater-by-rater one
    jack = [modal(np.delete(np.arange(15), i)) for i in range(15)]
    counts = np.bincount(positions, minlength=4)
    by_cat = _single.consensus_jackknife(counts)["tastle_wierman"]
    assert _bca.acceleration([by_cat], [counts]) == pytest.approx(_bca.acceleration([np.array(jack)]), rel=1e-12)


def test_few_units_warn_like_girards_agreement_package():
    small = _ratings(5, n=12)
    with pytest.warns(UserWarning, match="fewer than 20 units"):
        ag.bootstrap(small, "fleiss_kappa", n_boot=50, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ag.bootstrap(small, "fleiss_kappa", n_boot=50, seed=1, resample="raters")  # raters: no warning
        ag.bootstrap(_ratings(5, n=20), "fleiss_kappa", n_boot=50, seed=1)


def test_bca_can_be_switched_off_and_custom_statistics_get_it_too():
    data = _ratings(6)
    off = ag.bootstrap(data, "gwet_ac1", n_boot=100, seed=2, bca=False)
    assert np.isnan(off.ci_bca).all()

    def median_rating(table, categories):
        return float(np.nanmedian(np.asarray(table, dtype=float)))

    def share_agreeing(table, categories):
        return round(ag.percent_agreement(table, categories=categories).value, 13)

    loop = ag.bootstrap(data, share_agreeing, n_boot=200, seed=2)
    fast = ag.bootstrap(data, "percent_agreement", n_boot=200, seed=2)
    assert loop.ci_bca == pytest.approx(fast.ci_bca, abs=1e-12)
    assert ag.bootstrap(data, median_rating, n_boot=50, seed=2).n_boot == 50
