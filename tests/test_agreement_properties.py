"""Property tests (hypothesis) for webbkollen_lib.agreement.

Invariance to the order of raters and units, perfect agreement gives 1 where
the coefficient is defined, and degenerate tables give a defined value, a
NaN with an explanatory note, or a clear ValueError -- never a crash.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webbkollen_lib import agreement as ag

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

COEFFICIENTS = [
    ("percent_agreement", {}),
    ("fleiss_kappa", {}),
    ("fleiss_kappa", {"weights": "quadratic"}),
    ("conger_kappa", {}),
    ("conger_kappa", {"weights": "linear"}),
    ("gwet_ac1", {}),
    ("gwet_ac1", {"weights": "ordinal"}),
    ("brennan_prediger", {}),
    ("krippendorff_alpha", {"level": "nominal"}),
    ("krippendorff_alpha", {"level": "ordinal"}),
    ("krippendorff_alpha", {"level": "interval"}),
    ("krippendorff_alpha", {"level": "ratio"}),
]
CATS = [1, 2, 3, 4]


@st.composite
def tables(draw, min_units=2, max_units=10, min_raters=2, max_raters=6, missing=True):
    n = draw(st.integers(min_units, max_units))
    r = draw(st.integers(min_raters, max_raters))
    cells = st.one_of(st.just(np.nan), st.sampled_from(CATS)) if missing else st.sampled_from(CATS)
    values = draw(st.lists(st.lists(cells, min_size=r, max_size=r), min_size=n, max_size=n))
    return np.array(values, dtype=float)


def _compute(name, options, data):
    """The result, or None if the function refused the table with a ValueError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # no silent 0/0 inside
            return getattr(ag, name)(data, categories=CATS, **options)
    except ValueError as exc:
        assert str(exc)  # a message, not a bare error
        return None


@SETTINGS
@given(data=tables(), seed=st.integers(0, 2**16))
def test_invariant_to_order_of_raters_and_units(data, seed):
    rng = np.random.default_rng(seed)
    shuffled = data[rng.permutation(data.shape[0])][:, rng.permutation(data.shape[1])]
    for name, options in COEFFICIENTS:
        a, b = _compute(name, options, data), _compute(name, options, shuffled)
        assert (a is None) == (b is None), name
        if a is not None:
            np.testing.assert_allclose([a.value, a.se], [b.value, b.se], atol=1e-9, equal_nan=True,
                                       err_msg=name)


@SETTINGS
@given(data=tables(missing=True))
def test_never_crashes_and_stays_in_range(data):
    for name, options in COEFFICIENTS:
        res = _compute(name, options, data)
        if res is None:
            continue
        if np.isnan(res.value):
            assert res.note, name  # an undefined value says why
            continue
        assert res.value <= 1 + 1e-9, name
        if name == "percent_agreement":
            assert 0 <= res.value <= 1
        assert res.n_units >= res.n_units_paired >= 1


@SETTINGS
@given(truth=st.lists(st.sampled_from(CATS), min_size=2, max_size=10),
       r=st.integers(2, 6), mask_seed=st.integers(0, 2**16))
def test_perfect_agreement_gives_one(truth, r, mask_seed):
    data = np.repeat(np.array(truth, dtype=float)[:, None], r, axis=1)
    rng = np.random.default_rng(mask_seed)
    data[rng.random(data.shape) < 0.3] = np.nan
    data[:, :2] = np.array(truth, dtype=float)[:, None]  # every unit keeps two ratings
    two_categories = len(set(truth)) >= 2
    for name, options in COEFFICIENTS:
        res = _compute(name, options, data)
        assert res is not None, name
        if name in ("percent_agreement", "gwet_ac1", "brennan_prediger") or two_categories:
            assert res.value == pytest.approx(1.0, abs=1e-12), name
        else:  # one category only: chance agreement is 1, kappa and alpha undefined
            assert np.isnan(res.value) and res.note, name


@SETTINGS
@given(data=tables(min_units=1))
def test_adding_an_all_missing_unit_or_rater_changes_nothing(data):
    padded = np.vstack([data, np.full((1, data.shape[1]), np.nan)])
    padded = np.hstack([padded, np.full((padded.shape[0], 1), np.nan)])
    for name, options in COEFFICIENTS:
        a, b = _compute(name, options, data), _compute(name, options, padded)
        assert (a is None) == (b is None), name
        if a is not None:
            np.testing.assert_allclose([a.value, a.se], [b.value, b.se], atol=1e-12, equal_nan=True)
            assert (a.n_units, a.n_raters) == (b.n_units, b.n_raters)


@SETTINGS
@given(data=tables(min_raters=1, max_raters=1))
def test_a_single_rater_is_a_clear_error(data):
    for name, options in COEFFICIENTS:
        with pytest.raises(ValueError, match="two or more raters|at least two raters|no ratings"):
            getattr(ag, name)(data, categories=CATS, **options)


def test_everyone_picks_one_category():
    data = np.full((5, 4), 2.0)
    assert ag.gwet_ac1(data, categories=CATS).value == 1.0
    assert ag.brennan_prediger(data, categories=CATS).value == 1.0
    assert ag.percent_agreement(data).value == 1.0
    for name in ("fleiss_kappa", "conger_kappa", "krippendorff_alpha"):
        res = getattr(ag, name)(data, categories=CATS)
        assert np.isnan(res.value) and "undefined" in res.note
    # a single category in the list (no categories given): same, no crash
    assert ag.gwet_ac1(data).value == 1.0
    assert np.isnan(ag.fleiss_kappa(data).value)


def test_all_missing_table_is_a_clear_error():
    with pytest.raises(ValueError, match="no ratings"):
        ag.fleiss_kappa(np.full((3, 3), np.nan))
    with pytest.raises(ValueError, match="empty"):
        ag.fleiss_kappa(np.empty((0, 3)))
