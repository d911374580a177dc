"""Category-specific agreement and the two standard errors of Fleiss' kappa.

Checked against published values -- Fleiss (1971)'s per-category kappas,
R irr's printed z for the same data, R agreement's README output of
``cat_specific`` -- and against irrCAC's Python port on the yes/no tables.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from irrCAC.raw import CAC
from scipy import stats

from webbkollen_lib import agreement as ag

nan = np.nan

# R agreement (Girard), data-raw/ordered.R: 20 objects x 5 raters, categories 0-3.
GIRARD_ORDERED = np.array([
    [1, 1, 2, nan, 2], [1, 1, 0, 1, nan], [2, 3, 3, 3, nan], [nan, 0, 0, nan, 0], [0, 0, 0, nan, 0],
    [0, 0, 0, nan, 0], [1, 0, 2, nan, 1], [1, nan, 2, 0, nan], [2, 2, 2, nan, 2], [2, 1, 1, 1, nan],
    [nan, 1, 0, 0, nan], [0, 0, 0, 0, nan], [1, 2, 2, 2, nan], [3, 3, 2, 2, 3], [1, 1, 1, nan, 1],
    [1, 1, 1, nan, 1], [2, 1, 2, nan, 2], [1, 2, 3, 3, nan], [1, 1, 0, 1, nan], [0, 0, 0, nan, 0],
])


def test_fleiss_1971_per_category_kappas_and_irr_statistics():
    table = ag.category_agreement(ag.published_example("fleiss_1971"))
    # Fleiss (1971), the per-category kappas he reports
    assert table["kappa"].round(3).tolist() == [0.245, 0.245, 0.520, 0.471, 0.566]
    # irr::kappam.fleiss(detail = TRUE): se = sqrt(2 / (n m (m - 1))), z = kappa / se, two-sided normal p
    se0 = np.sqrt(2 / (30 * 6 * 5))
    assert table["se_h0"].tolist() == pytest.approx([se0] * 5, rel=1e-12)
    assert table["z"].tolist() == pytest.approx((table["kappa"] / se0).tolist(), rel=1e-12)
    assert table["p_value"].tolist() == pytest.approx((2 * stats.norm.sf(table["z"].abs())).tolist(), rel=1e-9)
    # specific agreement and kappa: kappa_j = (p_sj - p_j) / (1 - p_j) with complete data
    k = (table["specific_agreement"] - table["share"]) / (1 - table["share"])
    assert table["kappa"].tolist() == pytest.approx(k.tolist(), abs=1e-12)


def test_fleiss_kappa_carries_both_standard_errors_named_apart():
    res = ag.fleiss_kappa(ag.published_example("fleiss_1971"))
    # irr::kappam.fleiss(diagnoses) prints z = 17.7
    assert round(res.value / res.se_h0, 1) == 17.7
    # the general (linearised) SE is the one behind the interval, and it is far wider here
    assert res.se > 2 * res.se_h0
    assert res.ci[0] == pytest.approx(res.value - 2.0452296 * res.se, abs=1e-6)  # t(29) quantile
    assert "se_h0" in res.to_frame().columns
    # only for unweighted Fleiss' kappa with the same number of ratings on every unit
    assert np.isnan(ag.fleiss_kappa(ag.published_example("krippendorff_2011")).se_h0)
    assert np.isnan(ag.fleiss_kappa(ag.published_example("fleiss_1971"), weights="linear").se_h0)
    assert np.isnan(ag.gwet_ac1(ag.published_example("fleiss_1971")).se_h0)


def test_specific_agreement_equals_r_agreement_readme():
    table = ag.category_agreement(GIRARD_ORDERED)
    # README of R agreement: cat_specific(ordered) estimates
    assert table["specific_agreement"].round(3).tolist() == [0.812, 0.605, 0.483, 0.519]


def test_two_raters_yes_no_specific_agreement_is_positive_and_negative_agreement():
    a, b, c, d = 20, 5, 3, 72  # yes-yes, yes-no, no-yes, no-no
    rows = [[1, 1]] * a + [[1, 0]] * b + [[0, 1]] * c + [[0, 0]] * d
    table = ag.category_agreement(np.array(rows, dtype=float))
    assert table.loc[1.0, "specific_agreement"] == pytest.approx(2 * a / (2 * a + b + c))
    assert table.loc[0.0, "specific_agreement"] == pytest.approx(2 * d / (2 * d + b + c))


@pytest.mark.parametrize("seed", [0, 1])
def test_per_category_kappa_with_missing_ratings_matches_irrcac_port_on_the_yes_no_table(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 5, 50)
    data = np.where(rng.random((50, 6)) < 0.6, truth[:, None], rng.integers(1, 5, (50, 6))).astype(float)
    data[rng.random(data.shape) < 0.3] = nan
    table = ag.category_agreement(data, categories=[1, 2, 3, 4, 5])
    for j in [1, 2, 3, 4]:
        yes_no = np.where(np.isnan(data), nan, (data == j).astype(float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = CAC(pd.DataFrame(yes_no), digits=15).fleiss()["est"]
        assert table.loc[j, "kappa"] == pytest.approx(ref["coefficient_value"], abs=1e-9)
        assert table.loc[j, "se"] == pytest.approx(ref["se"], abs=1e-9)
        assert table.loc[j, ["ci_low", "ci_high"]].tolist() == pytest.approx(list(ref["confidence_interval"]), abs=1e-9)
    # unequal numbers of ratings: no H0 standard error (irr would drop the incomplete units)
    assert table["se_h0"].isna().all() and table["z"].isna().all()
    # a category nobody used: a row of NaN agreement, not an error
    assert table.loc[5, "n_ratings"] == 0 and np.isnan(table.loc[5, "kappa"])
