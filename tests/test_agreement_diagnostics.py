"""Rater diagnostics: leave-one-rater-out changes and each rater's position on the scale.

Both are checked against a plain recomputation: the point-estimate function
on the table without the rater's column, and the differences written out
unit by unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from webbkollen_lib import agreement as ag

nan = np.nan


def _table(seed=0, n=25, r=7, q=4):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, q + 1, n)
    data = np.where(rng.random((n, r)) < 0.65, truth[:, None], rng.integers(1, q + 1, (n, r))).astype(float)
    data[:, 2] = np.clip(data[:, 2] + 1, 1, q)  # rater 2 rates one step higher
    data[rng.random((n, r)) < 0.2] = nan
    return pd.DataFrame(data, columns=[f"r{g}" for g in range(r)])


@pytest.mark.parametrize("name,options", [
    ("percent_agreement", {}), ("fleiss_kappa", {"weights": "linear"}), ("gwet_ac1", {}),
    ("conger_kappa", {}), ("brennan_prediger", {}), ("krippendorff_alpha", {"level": "ordinal"}),
])
def test_leave_one_rater_out_equals_the_coefficient_without_that_column(name, options):
    data = _table()
    kw = {"level": options["level"]} if "level" in options else {"weights": options.get("weights", "identity")}
    out = ag.leave_one_rater_out(data, [name], categories=[1, 2, 3, 4], **kw).set_index("rater")
    full = getattr(ag, name)(data, categories=[1, 2, 3, 4], **options).value
    for g in data.columns:
        without = getattr(ag, name)(data.drop(columns=g), categories=[1, 2, 3, 4], **options).value
        assert out.loc[g, "value_without"] == pytest.approx(without, abs=1e-12), g
        assert out.loc[g, "change"] == pytest.approx(without - full, abs=1e-12), g
        assert out.loc[g, "n_ratings"] == data[g].notna().sum()
    # the rater who rates one step higher pulls agreement down most
    assert out["change"].idxmax() == "r2"


def test_rater_positions_written_out_unit_by_unit():
    data = _table(1)
    out = ag.rater_positions(data, categories=[1, 2, 3, 4])
    values = data.to_numpy()
    for g, col in enumerate(data.columns):
        diffs = []
        for row in values:
            others = np.delete(row, g)
            if not np.isnan(row[g]) and (~np.isnan(others)).any():
                diffs.append(row[g] - np.nanmean(others))
        diffs = np.array(diffs)
        half = stats.t.ppf(0.975, len(diffs) - 1) * diffs.std(ddof=1) / np.sqrt(len(diffs))
        assert out.loc[col, "n_units"] == len(diffs)
        assert out.loc[col, "difference"] == pytest.approx(diffs.mean(), abs=1e-12)
        assert (out.loc[col, "ci_low"], out.loc[col, "ci_high"]) == pytest.approx(
            (diffs.mean() - half, diffs.mean() + half), abs=1e-12)
    assert out["difference"].idxmax() == "r2" and out.loc["r2", "difference"] > 0
    assert out.attrs["group_position"] == pytest.approx(np.nanmean(values))


def test_positions_use_the_scale_order_of_labels():
    dtype = pd.CategoricalDtype(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], ordered=True)
    frame = pd.DataFrame({"a": ["hog", "nagot_forhojd"], "b": ["mycket_hog", "hog"]}).astype(dtype)
    out = ag.rater_positions(frame)
    assert out["difference"].tolist() == [-1.0, 1.0]
    assert out["mean_position"].tolist() == [2.5, 3.5]


def test_diagnostics_refuse_what_they_cannot_say():
    with pytest.raises(ValueError, match="three raters"):
        ag.leave_one_rater_out(np.array([[1, 1], [2, 1]]))
    with pytest.raises(ValueError, match="unknown coefficient"):
        ag.leave_one_rater_out(_table(), ["cohen"])


def test_rater_table_is_anonymous_and_refuses_small_groups():
    from webbkollen_lib import load_vignette_ratings
    from webbkollen_lib.disclosure import MIN_CELL
    from webbkollen_lib.present.vignettes import rater_table

    ratings = load_vignette_ratings()
    test2 = ratings[ratings["test"] == 2]
    table = rater_table(test2, seed=3, lang="en")
    ids = set(test2["bedomare"].astype(str))
    shown = " ".join(map(str, table.index)) + " " + table.to_string()
    assert not any(i in shown for i in ids if len(i) > 2)
    assert list(table.index[:3]) == ["Rater A", "Rater B", "Rater C"]
    assert len(table) == test2["bedomare"].nunique() and "not for judging" in table.attrs["caution"]
    # the letters are not in the data's order: another seed, another assignment
    assert not table.equals(rater_table(test2, seed=4, lang="en"))
    few = ratings[ratings["vinjett"] == "mohammad"]  # four raters
    assert few["bedomare"].nunique() < MIN_CELL
    with pytest.raises(ValueError, match="fewer than 5 raters"):
        rater_table(few)
