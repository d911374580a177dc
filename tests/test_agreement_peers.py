"""Cases from the peers' own test suites, kept as ours.

- the ``krippendorff`` package's doctests (``krippendorff.alpha``, 8 cases);
- statsmodels' ``stats/tests/test_inter_rater.py``: Fleiss' kappa on count
  tables (Wikipedia's example, Randolph's online calculator), Cohen's kappa
  against a SAS printout and against R ``irr::kappa2`` on irr's ``anxiety``
  data, and ``irr::kappam.fleiss(diagnoses)``'s z;
- irrCAC's Python port's table functions, whose convention (variance over
  n, not n - 1) :func:`contingency_agreement` offers as ``se_table``;
- the port's silent symmetrisation of an asymmetric weight matrix, which we
  refuse.

Also here: the fast encoding of whole-number ratings gives what the general
path gives.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from irrCAC.table import CAC as TableCAC

from webbkollen_lib import agreement as ag
from webbkollen_lib.agreement import _core

nan = np.nan

# krippendorff.alpha's docstring (package version 0.9.0): reliability data, observers x units
K_DOC = np.array([[nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
                  [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
                  [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4]]).T
K_DOC_COUNTS = np.array([[1, 0, 0, 0], [0, 0, 0, 0], [0, 2, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 1],
                         [0, 0, 0, 3], [1, 0, 1, 0], [0, 2, 0, 0], [2, 0, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0],
                         [0, 0, 2, 0], [0, 0, 0, 0], [0, 0, 1, 1]])
K_2011 = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
                   [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
                   [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
                   [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]).T
WORDS = ["very low", "low", "mid", "high", "very high"]


def test_krippendorff_package_doctests():
    assert round(ag.krippendorff_alpha(K_DOC, level="nominal").value, 6) == 0.691358
    assert round(ag.krippendorff_alpha(K_DOC, level="interval").value, 6) == 0.810845
    counts = pd.DataFrame(K_DOC_COUNTS, columns=[1, 2, 3, 4])
    assert round(ag.krippendorff_alpha(ag.counts_to_ratings(counts), level="nominal").value, 6) == 0.691358
    assert round(ag.krippendorff_alpha(K_2011, level="ordinal").value, 3) == 0.815
    assert round(ag.krippendorff_alpha(K_2011, level="ordinal", categories=[1, 2, 3, 4, 5]).value, 3) == 0.815
    assert round(ag.krippendorff_alpha(K_2011, level="ratio").value, 3) == 0.797
    words = pd.DataFrame(K_2011).apply(lambda c: c.map(lambda v: nan if np.isnan(v) else WORDS[int(v) - 1]))
    assert round(ag.krippendorff_alpha(words, level="ordinal", categories=WORDS).value, 3) == 0.815
    assert round(ag.krippendorff_alpha(words, level="nominal").value, 3) == 0.743


def _from_counts(rows):
    return ag.counts_to_ratings(pd.DataFrame(np.asarray(rows)))


# statsmodels: Wikipedia's Fleiss example (10 subjects x 14 raters, 5 categories)
WIKIPEDIA = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]


@pytest.mark.parametrize("counts,fleiss,free", [
    ([[7, 1], [3, 5]], 0.161905, 0.214286),  # Randolph's calculator: fixed and free marginal kappa
    ([[7, 0], [0, 7]], 1.0, 1.0),
    ([[6, 1, 0], [0, 7, 0]], 0.708333, 0.785714),
])
def test_statsmodels_fleiss_cases(counts, fleiss, free):
    table = _from_counts(counts)
    assert ag.fleiss_kappa(table).value == pytest.approx(fleiss, abs=6e-6)
    # Randolph's free-marginal kappa is Brennan-Prediger
    assert ag.brennan_prediger(table).value == pytest.approx(free, abs=6e-6)


def test_statsmodels_wikipedia_and_irr_diagnoses():
    assert round(ag.fleiss_kappa(_from_counts(WIKIPEDIA)).value, 3) == 0.210
    res = ag.fleiss_kappa(ag.published_example("fleiss_1971"))
    # irr::kappam.fleiss(diagnoses): value 0.4302445, z 17.65183 (z uses the SE under H0)
    assert res.value == pytest.approx(0.4302445, abs=1e-7)
    assert res.value / res.se_h0 == pytest.approx(17.65183, abs=1e-5)


# statsmodels' table10 and its SAS printout: Kappa 0.4842, ASE 0.1380
TABLE10 = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]


def test_sas_cohens_kappa_ase_is_the_table_convention():
    out = ag.contingency_agreement(TABLE10)
    assert round(out.loc["conger_kappa", "value"], 4) == 0.4842
    assert round(out.loc["conger_kappa", "se_table"], 4) == 0.1380
    # the per-unit SE is larger by sqrt(n / (n - 1)), n = 19
    assert out.loc["conger_kappa", "se"] == pytest.approx(out.loc["conger_kappa", "se_table"] * np.sqrt(19 / 18))


# irr's anxiety data (20 subjects x 3 raters), as in statsmodels' tests
ANXIETY = np.array([3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2, 4, 2, 4, 3, 3,
                    2, 3, 3, 3, 2, 2, 1, 3, 3, 4, 2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
                   dtype=float).reshape(20, 3, order="F")


@pytest.mark.parametrize("weights,irr_value", [
    ("identity", -0.006289308),  # kappa2(anxiety[,2:3])
    ("linear", 0.1459075),  # kappa2(anxiety[,2:3], "equal")
    ("quadratic", 0.2520325),  # kappa2(anxiety[,2:3], "squared")
])
def test_irr_kappa2_on_anxiety(weights, irr_value):
    pair = ANXIETY[:, 1:3]
    ranks = np.searchsorted(np.unique(pair), pair) + 1.0  # irr weighs the levels present by rank
    assert ag.conger_kappa(ranks, weights=weights).value == pytest.approx(irr_value, abs=1e-7)


@pytest.mark.parametrize("weights", ["identity", "linear", "quadratic"])
def test_irrcac_port_table_functions_are_the_table_convention(weights):
    table = np.array([[12, 3, 1], [2, 15, 4], [0, 3, 10]])
    ours = ag.contingency_agreement(table, weights=weights)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        port = TableCAC(pd.DataFrame(table), weights=weights, digits=10)
        for name, method in [("percent_agreement", "pa2"), ("conger_kappa", "cohen"), ("fleiss_kappa", "scott"),
                             ("gwet_ac1", "gwet"), ("brennan_prediger", "bp"), ("krippendorff_alpha", "krippendorff")]:
            est = getattr(port, method)()["est"]
            se = np.ravel(est["se"])[0]
            assert ours.loc[name, "value"] == pytest.approx(est["coefficient_value"], abs=1e-9), name
            assert ours.loc[name, "se_table"] == pytest.approx(se, abs=1e-9), name
            assert ours.loc[name, "se"] == pytest.approx(se * np.sqrt(50 / 49), abs=1e-9), name


def test_asymmetric_custom_weights_are_refused_not_averaged():
    data = np.array([[1, 2, 2], [3, 3, 2], [1, 1, 1], [2, 3, 3]], dtype=float)
    asym = np.array([[1, 0.8, 0], [0.2, 1, 0.5], [0, 0.5, 1]])
    with pytest.raises(ValueError, match="symmetric"):
        ag.gwet_ac1(data, weights=asym)
    # what it would have meant: the average, which is accepted
    ag.gwet_ac1(data, weights=(asym + asym.T) / 2)


@pytest.mark.parametrize("data,categories", [
    (np.array([[1, 2, nan], [3, 3, 1], [nan, nan, nan], [2, 2, 2]]), None),
    (np.array([[1, 2, nan], [3, 3, 1], [2, 2, 2]]), [0, 1, 2, 3, 4]),
    (np.array([[10, 20], [30, 30], [20, nan]]), None),
    (np.array([[-1, 0], [1, 1]]), [-1, 0, 1]),
])
def test_fast_encoding_of_whole_numbers_equals_the_general_path(data, categories):
    fast = _core.encode_table(data, categories)
    general = _core.encode_table(data.astype(object), categories)
    np.testing.assert_array_equal(fast.codes, general.codes)
    assert fast.categories == general.categories and fast.n_units_dropped == general.n_units_dropped
    with pytest.raises(ValueError, match="not among the categories"):
        _core.encode_table(np.array([[1.0, 5.0]]), [1, 2, 3])
