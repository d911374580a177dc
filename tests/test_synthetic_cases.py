"""Specification of webbkollen_lib.synthetic.cases: the synthetic registrations.

* The shipped file is exactly what the generator writes for the default seed.
* The report's default (n=416, 2017, eight municipalities) reproduces Table 3
  exactly, whatever the seed (the full set of published figures is checked
  in tests/test_reference.py).
* Fresh, uncalibrated draws have the structure the report describes
  (exposure raises risk, risk falls most where it was high, unaccompanied
  children drive the origin differences, …) and the contract's rules.
* National-size data: 290 municipalities in proportion to population.
* The calibration's building blocks are checked against hand-worked or
  brute-force answers.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from webbkollen_lib.core.codebook import apply_dtypes, get_codebook
from webbkollen_lib.io.datasets import CASES_FILE
from webbkollen_lib.io import validate_registrations
from webbkollen_lib.systems.webbkollen.reference import compare_with_published
from webbkollen_lib.synthetic import cases as C
from webbkollen_lib.synthetic.cases import DEFAULT_SEED, generate_cases, write_shipped_cases
from webbkollen_lib.synthetic.municipalities import national_municipalities, report_municipalities

CLOSURE_ONLY = [
    "risk_avslut", "samtal_enskilt_avslut", "samtal_vh_avslut", "skola_avslut", "avslutsorsak",
    "boende_avslut", "sysselsattning_avslut", "forsorjning_avslut",
]


@pytest.fixture(scope="module")
def default():
    return generate_cases()


@pytest.fixture(scope="module")
def other_seed():
    return generate_cases(seed=123)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_shipped_cases(tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="module")
def free():
    """A large uncalibrated draw in the report's setting, closures and follow-ups."""
    return generate_cases(n=40_000, seed=7, followup_share=0.25)


# ---------------------------------------------------------------------------
# shipped file and determinism
# ---------------------------------------------------------------------------


def test_shipped_file_is_what_the_generator_writes(written):
    assert written.name == "registreringar.csv"
    assert written.read_bytes() == CASES_FILE.read_bytes(), (
        "data/synthetic/registreringar.csv differs from a fresh generation; "
        "regenerate with `python -m webbkollen_lib.synthetic`"
    )


def test_shipped_file_format(written):
    text = written.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0].split(",") == get_codebook().columns("registrations")
    assert "\r" not in text and text.endswith("\n")
    cells = {cell for line in lines[1:] for cell in line.split(",")}
    assert {"True", "False", ""} <= cells
    assert not any(re.fullmatch(r"-?\d+\.\d*", cell) for cell in cells)  # no floats
    assert not cells & {"nan", "NaN", "<NA>", "None"}


def test_same_seed_same_data_and_other_seed_other_data(default, other_seed):
    pd.testing.assert_frame_equal(generate_cases(seed=DEFAULT_SEED), default)
    other = other_seed
    assert not other.equals(default)
    # but the published counts are the same
    assert (other["kon"] == "pojke").sum() == (default["kon"] == "pojke").sum() == 224


def test_free_draws_are_deterministic_too():
    a = generate_cases(n=3000, municipalities="national", years=[2016, 2017], seed=5)
    b = generate_cases(n=3000, municipalities="national", years=[2016, 2017], seed=5)
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------------------
# the report's default: Table 3 exactly, every contract column, typed form
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["default", "other_seed"])
def test_table3_exactly(which, request):
    cases = request.getfixturevalue(which)
    assert len(cases) == 416
    assert (cases["tillfalle"] == "avslut").all() and (cases["ar"] == 2017).all()
    assert cases["kon"].value_counts().to_dict() == {"pojke": 224, "flicka": 192}
    assert cases["aldersgrupp"].value_counts().to_dict() == {"0_6": 94, "7_12": 147, "13_18": 152, "over_18": 23}
    assert cases["ursprung"].value_counts(dropna=False).to_dict() == {"sverige": 329, "utlandet": 81, np.nan: 6}
    assert int(cases["ensamkommande"].sum()) == 44
    ens_kommun = cases.loc[cases["ensamkommande"], "kommun"]
    assert ens_kommun.nunique() == 4
    assert set(ens_kommun) == set(report_municipalities().query("ensamkommande > 0")["kommun"])


def test_municipalities_of_2017_uneven_with_one_large(default):
    sizes = default["kommun"].value_counts()
    expected = report_municipalities().set_index("kommun")["registreringar"]
    assert sizes.sort_index().to_dict() == expected.sort_index().to_dict()
    assert set(sizes.index) == {"Majorna-Linné", "Hammarö", "Sollentuna", "Solna", "Södermalm", "Tidaholm", "Täby", "Umeå"}
    assert sizes.min() >= 5  # Table 1, footnote 1
    assert sizes.max() > 2 * sizes.median()  # one large participant (§4.1)


def test_every_contract_column_in_codebook_order_and_typed(default):
    assert list(default.columns) == get_codebook().columns("registrations")
    pd.testing.assert_frame_equal(apply_dtypes(default), default)
    validate_registrations(default)
    assert default["risk_uppfoljning"].isna().all()  # closures only
    for column in ["insats", "lagrum", "sip", "maluppfyllelse", "boende_avslut", "skola_beslut"]:
        assert default[column].notna().sum() > 300, column


def test_calibration_for_another_seed_holds_every_published_figure(other_seed):
    table = compare_with_published(other_seed)
    assert table["ok"].all(), table.loc[~table["ok"], ["id", "published", "reproduced"]].to_string()


# ---------------------------------------------------------------------------
# structure of a fresh uncalibrated draw
# ---------------------------------------------------------------------------


def test_free_draw_is_not_calibrated_but_close(free):
    closures = free[free["tillfalle"] == "avslut"]
    boys = (closures["kon"] == "pojke").mean() * 100
    assert boys != pytest.approx(224 / 416 * 100, abs=1e-9)
    assert boys == pytest.approx(53.8, abs=2)
    table = compare_with_published(free)
    share = table.loc[table["unit"] == "percent"]
    table4 = share[share["source"] == "Tabell 4"]
    assert table4["difference"].abs().max() < 3  # Table 4 within 3 points in a large draw
    assert share["difference"].abs().median() < 3


def test_risk_at_decision_rises_with_the_number_of_exposures(free):
    from webbkollen_lib.systems.webbkollen.derived import exposure_count

    known = free["risk_beslut"].notna()
    count = exposure_count(free)[known].astype(int)
    risk = free.loc[known, "risk_beslut"].cat.codes
    rho = stats.spearmanr(count, risk).statistic
    assert rho > 0.35
    mean_risk = risk.groupby(pd.cut(count, [-1, 2, 5, 99]), observed=True).mean()
    assert mean_risk.is_monotonic_increasing


def test_risk_falls_by_closure_most_where_it_was_high(free):
    closures = free[(free["tillfalle"] == "avslut") & free["risk_beslut"].notna() & free["risk_avslut"].notna()]
    before, after = closures["risk_beslut"].cat.codes, closures["risk_avslut"].cat.codes
    lower = (after < before).groupby(closures["risk_beslut"], observed=True).mean()
    assert lower["hog"] > lower["nagot_forhojd"] > 0.3
    assert lower["hog"] == pytest.approx(0.65, abs=0.05)
    assert (after == before)[before == 3].mean() == pytest.approx(0.52, abs=0.05)
    share_before = before.value_counts(normalize=True).sort_index()
    share_after = after.value_counts(normalize=True).sort_index()
    assert share_after[0] > share_before[0] and (share_after[1:] < share_before[1:]).all()


def test_goal_met_more_often_when_risk_fell(free):
    closures = free[(free["tillfalle"] == "avslut") & free["risk_beslut"].notna() & free["risk_avslut"].notna()]
    fell = closures["risk_avslut"].cat.codes < closures["risk_beslut"].cat.codes
    goal = closures["avslutsorsak"] == "mal_uppnatt"
    assert goal[fell].mean() > goal[~fell].mean() + 0.1
    full = closures["maluppfyllelse"] == "helt_uppnatt"
    assert full[goal].mean() > 0.85 and full[~goal].mean() < 0.1


def test_unaccompanied_children_drive_the_origin_differences(free):
    ens = free["ensamkommande"]
    assert (free.loc[ens, "ursprung"] == "utlandet").all()
    assert (free.loc[ens, "kon"] == "pojke").mean() > 0.85
    assert set(free.loc[ens, "kommun"]) == set(report_municipalities().query("ensamkommande > 0")["kommun"])
    assert (free.loc[ens, "aldersgrupp"].isin(["13_18", "over_18"])).all()
    # talks: alone nearly always, with a guardian rarely (no guardian in Sweden)
    talks = free["samtal_enskilt_beslut"].notna()
    assert free.loc[ens & talks, "samtal_enskilt_beslut"].mean() > 0.85
    assert free.loc[ens & talks, "samtal_vh_beslut"].mean() < 0.1
    assert free.loc[ens, "vh_info_saknas"].mean() > 0.8
    # few exposures in the home, placed outside it, goal met less often
    assert free.loc[ens, "hem_bristande_omsorg"].mean() < free.loc[~ens, "hem_bristande_omsorg"].mean() / 3
    placed = free.loc[ens, "insats"].isin(["hvb", "familjehem", "stodboende"]).mean()
    assert placed > 0.7
    closures = free["tillfalle"] == "avslut"
    goal = free["avslutsorsak"] == "mal_uppnatt"
    assert goal[ens & closures].mean() < goal[~ens & closures].mean() - 0.15
    # boys born abroad who are not unaccompanied look like Swedish-born boys
    abroad_boys = (free["ursprung"] == "utlandet") & (free["kon"] == "pojke") & ~ens
    sv_boys = (free["ursprung"] == "sverige") & (free["kon"] == "pojke")
    for column in ["hem_bristande_omsorg", "hem_familjekonflikt"]:
        assert free.loc[abroad_boys, column].mean() == pytest.approx(free.loc[sv_boys, column].mean(), abs=0.08)


def test_placements_more_likely_at_high_risk(free):
    placed = free["insats"].isin(["familjehem", "hvb", "sarskilt_ungdomshem", "stodboende"])
    by_risk = placed[~free["ensamkommande"]].groupby(free["risk_beslut"], observed=True).mean()
    assert by_risk.is_monotonic_increasing
    lvu = (free["lagrum"] == "lvu").groupby(placed).mean()
    assert lvu[True] > 3 * lvu[False]


def test_contract_rules_on_follow_ups_and_placements(free):
    validate_registrations(free)  # the lead's validator: occasions, none answers, health examination
    follow = free["tillfalle"] == "uppfoljning"
    assert 0.2 < follow.mean() < 0.3
    for column in CLOSURE_ONLY:
        assert free.loc[follow, column].isna().all(), column
        assert free.loc[~follow, column].notna().any(), column
    assert free.loc[~follow, "risk_uppfoljning"].isna().all()
    assert free.loc[follow, "risk_uppfoljning"].notna().mean() > 0.85
    placed = free["insats"].isin(["familjehem", "hvb", "sarskilt_ungdomshem", "stodboende"])
    assert free.loc[~placed, "halsoundersokning"].isna().all()
    assert free.loc[placed, "halsoundersokning"].notna().all()


def test_none_answers_only_without_options(free):
    cb = get_codebook()
    for group, nones in (("hem", ["hem_ingen"]), ("vh", ["vh_ingen", "vh_info_saknas"]), ("barn", ["barn_ingen"]),
                         ("samverkan", ["samverkan_ingen"])):
        ticked = free[cb[group].option_columns].any(axis=1)
        said_none = free[nones].any(axis=1)
        assert not (ticked & said_none).any(), group
        assert (free[nones].sum(axis=1) <= 1).all(), group
        if group != "samverkan":
            assert (said_none == ~ticked).all(), group


def test_age_group_follows_age(free):
    bins = pd.cut(free["alder"].astype(int), [-1, 6, 12, 18, 20], labels=["0_6", "7_12", "13_18", "over_18"])
    assert (bins.astype(str) == free["aldersgrupp"].astype(str)).all()
    assert free["alder"].between(0, 20).all()


# ---------------------------------------------------------------------------
# national scale
# ---------------------------------------------------------------------------


def test_national_size_data_covers_sweden_in_proportion_to_population():
    cases = generate_cases(n=60_000, municipalities="national", years=[2016, 2017, 2018], seed=3)
    assert len(cases) == 60_000
    assert cases["kommun"].nunique() > 280
    assert sorted(cases["ar"].unique()) == [2016, 2017, 2018]
    pop = national_municipalities().set_index("kommun")["folkmangd"]
    counts = cases["kommun"].value_counts().reindex(pop.index, fill_value=0)
    assert stats.pearsonr(pop, counts).statistic > 0.99
    assert counts.idxmax() == "Stockholm"
    assert set(cases["tillfalle"]) == {"uppfoljning", "avslut"}
    validate_registrations(cases.head(5000))


def test_national_default_volume_is_tens_of_thousands_a_year():
    cases = generate_cases(municipalities="national", years=[2017], seed=2)
    assert 30_000 < len(cases) < 80_000
    assert len(national_municipalities()) == 290


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="municipalities"):
        generate_cases(municipalities="nordic")
    with pytest.raises(ValueError, match="calibrate=True"):
        generate_cases(n=100, calibrate=True)
    with pytest.raises(ValueError, match="n must"):
        generate_cases(n=-1)
    with pytest.raises(ValueError, match="followup_share"):
        generate_cases(followup_share=1.5)


# ---------------------------------------------------------------------------
# building blocks of the calibration
# ---------------------------------------------------------------------------


def test_block_pmf_equals_brute_force_enumeration():
    rng = np.random.default_rng(0)
    p = rng.random((3, 5))
    pmf = C._block_pmf(p)
    for i in range(3):
        brute = np.zeros(6)
        for ticks in itertools.product([0, 1], repeat=5):
            brute[sum(ticks)] += np.prod([p[i, j] if t else 1 - p[i, j] for j, t in enumerate(ticks)])
        np.testing.assert_allclose(pmf[i], brute, rtol=1e-12)


def test_round_range_and_readings_hand_worked():
    # 20 % of 108 needs 21.06..22.14 -> 22 only; with 50 % (54) and 31 % (33-34) no triple sums to 108
    assert C._round_range(20, 108) == (22, 22)
    assert C._readings((20, 50, 31), 108) == []
    assert C._readings((20, 50, 31), 107) == [(21, 53, 33)]
    # Table 2's "ingen/låg" column: 71 / 27 / 1 % first works with 70 registrations
    assert C._readings((71, 27, 1), 67) == [] and C._readings((71, 27, 1), 70) == [(50, 19, 1)]


def test_published_risk_tables_reproduce_tables_2_and_5():
    C5, B2 = C._published_risk_tables()
    for i, (known, percents) in enumerate(C.published_targets()["table5"].values()):
        assert C5[i, :4].sum() == known
        assert np.allclose(np.round(100 * C5[i, :4] / known), percents, atol=1)  # 12.5 % is printed as 12 and as 13
        assert all(lo <= c <= hi for c, (lo, hi) in zip(C5[i, :4], (C._round_range(p, known) for p in percents)))
    for r, percents in C.published_targets()["table2"].items():
        column = B2[:, r]
        assert np.array_equal(np.floor(100 * column / column.sum() + 0.5), percents)
    assert C5[4].sum() == 6  # the registrations of unknown origin
    assert (B2.sum(axis=0) == C5[:, :4].sum(axis=0)).all()


def test_assign_gives_exact_counts_and_follows_the_scores():
    rng = np.random.default_rng(1)
    score = np.log(np.array([[0.9, 0.1], [0.9, 0.1], [0.1, 0.9], [0.1, 0.9]]))
    for _ in range(5):
        out = C._assign(rng, score, np.array([2, 2]))
        assert out.tolist() == [0, 0, 1, 1] or np.bincount(out).tolist() == [2, 2]
    hits = sum(C._assign(rng, score * 20, np.array([2, 2])).tolist() == [0, 0, 1, 1] for _ in range(20))
    assert hits == 20  # near-certain scores are respected
    with pytest.raises(C.CalibrationError):
        C._assign(rng, score, np.array([3, 2]))


def test_fill_exposures_meets_row_counts_patterns_and_totals():
    rng = np.random.default_rng(2)
    n = 40
    count = rng.integers(1, 6, n)
    pattern = np.where(count >= 3, 7, 4)  # all three blocks, or home only
    X0 = np.zeros((n, 21), dtype=bool)  # a feasible matrix to take the totals from
    for i in range(n):
        if pattern[i] == 7:
            X0[i, [0, 10, 15]] = True
            X0[i, rng.choice(np.setdiff1d(np.arange(21), [0, 10, 15]), count[i] - 3, replace=False)] = True
        else:
            X0[i, rng.choice(10, count[i], replace=False)] = True
    cell = rng.integers(0, 5, n)
    totals = np.zeros((21, 5), dtype=int)
    for j in range(21):
        if j < 10:
            totals[j] = np.bincount(cell[X0[:, j]], minlength=5)
        else:
            totals[j, 0] = X0[:, j].sum()
    X = C._fill_exposures(rng, cell, count, pattern, rng.normal(size=(n, 21)), totals)
    assert (X.sum(axis=1) == count).all()
    assert (X.sum(axis=0) == X0.sum(axis=0)).all()
    for j in range(10):
        assert (np.bincount(cell[X[:, j]], minlength=5) == totals[j]).all()
    has = np.stack([X[:, s].any(axis=1) for s in C.BLOCKS.values()], axis=1)
    assert (has == C._PATTERN_HAS[pattern]).all()
