"""Specification of group comparisons (webbkollen_lib.analysis.comparisons).

Every statistic is checked against a hand-worked example or an independent
computation in this file (closed formulas, exact enumeration, brute-force
pair counts), with scipy/statsmodels as a second opinion where they have it.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats.contingency import association
from statsmodels.stats.multitest import multipletests

from webbkollen_lib import apply_dtypes, load_cases
from webbkollen_lib.analysis.variables import resolve
from webbkollen_lib.analysis.comparisons import (
    MissingColumnError,
    compare_groups,
    contingency_test,
    cramers_v,
    difference_in_shares,
    exposure_shares,
    share_by_group,
)

Z95 = 1.959963984540054


def frame_from_table(table: dict[str, dict[str, int]], column: str, by: str = "kon") -> pd.DataFrame:
    """Registrations whose ``by`` x ``column`` counts are ``table[group][category]``."""
    rows = [(g, c) for g, counts in table.items() for c, k in counts.items() for _ in range(k)]
    return apply_dtypes(pd.DataFrame(rows, columns=[by, column]))


# ---------------------------------------------------------------------------
# chi-square and Fisher
# ---------------------------------------------------------------------------


def test_chi_square_by_hand():
    # boys 30 yes / 20 no, girls 15 yes / 35 no: expected 22.5 / 27.5 in each row
    table = np.array([[30, 20], [15, 35]])
    expected = np.array([[22.5, 27.5], [22.5, 27.5]])
    chi2 = ((table - expected) ** 2 / expected).sum()
    r = contingency_test(table)
    assert r["test"] == "chi2" and r["df"] == 1
    assert r["statistic"] == pytest.approx(chi2)
    assert r["p"] == pytest.approx(stats.chi2.sf(chi2, 1))
    assert r["cramers_v"] == pytest.approx(math.sqrt(chi2 / 100))
    yates = contingency_test(table, yates=True)
    assert yates["test"] == "chi2_yates"
    assert yates["statistic"] == pytest.approx((((abs(table - expected) - 0.5) ** 2) / expected).sum())


def test_chi_square_larger_table_matches_scipy():
    table = np.array([[25, 40, 30, 12], [30, 35, 20, 9], [10, 22, 35, 30]])
    r = contingency_test(table)
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    assert (r["test"], r["df"]) == ("chi2", dof)
    assert r["statistic"] == pytest.approx(chi2) and r["p"] == pytest.approx(p)


def test_fisher_2x2_by_hand():
    # margins 4/4 and 4/4: P(a) = C(4,a) C(4,4-a) / C(8,4); observed a = 3 has P = 16/70;
    # tables at most as probable: a = 0, 1, 3, 4 -> (1 + 16 + 16 + 1) / 70
    r = contingency_test([[3, 1], [1, 3]])
    assert r["test"] == "fisher"
    assert r["p"] == pytest.approx(34 / 70)
    assert r["p"] == pytest.approx(stats.fisher_exact([[3, 1], [1, 3]])[1])
    assert np.isnan(r["statistic"]) and np.isnan(r["df"])


def test_auto_chooses_fisher_when_an_expected_count_is_below_5():
    big = contingency_test([[30, 20], [15, 35]])
    small = contingency_test([[9, 1], [5, 5]])  # expected 3 in the "no" column
    assert big["test"] == "chi2" and big["n_small_expected"] == 0
    assert small["test"] == "fisher" and small["n_small_expected"] == 2
    forced = contingency_test([[9, 1], [5, 5]], "chi2")
    assert forced["test"] == "chi2" and forced["n_small_expected"] == 2


def exact_rxc_p(table: np.ndarray) -> float:
    """Fisher–Freeman–Halton p by enumerating every 2 x c table with the observed margins."""
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    n = table.sum()

    def log_prob(t):
        return (
            sum(math.lgamma(x + 1) for x in rows) + sum(math.lgamma(x + 1) for x in cols)
            - math.lgamma(n + 1) - sum(math.lgamma(x + 1) for x in t.ravel())
        )

    observed = log_prob(table)
    total = 0.0
    for first in itertools.product(*[range(c + 1) for c in cols]):
        if sum(first) != rows[0]:
            continue
        t = np.array([first, cols - np.array(first)])
        lp = log_prob(t)
        if lp <= observed + 1e-7:
            total += math.exp(lp)
    return total


def test_fisher_for_a_larger_table_is_the_exact_test_by_monte_carlo():
    table = np.array([[3, 1, 4], [0, 5, 2]])
    exact = exact_rxc_p(table)
    r = contingency_test(table, n_resamples=20000, random_state=1)
    assert r["test"] == "fisher_mc"
    # Monte Carlo standard error at p ~ 0.1 with 20 000 tables is ~0.002
    assert r["p"] == pytest.approx(exact, abs=0.01)
    again = contingency_test(table, n_resamples=20000, random_state=1)
    assert again["p"] == r["p"]  # reproducible with a seed


def test_degenerate_contingency_tables():
    zero_row = contingency_test([[10, 12], [0, 0], [14, 6]])
    assert zero_row["shape"] == (2, 2) and zero_row["test"] == "chi2"
    assert zero_row["p"] == pytest.approx(stats.chi2_contingency([[10, 12], [14, 6]], correction=False)[1])
    one_group = contingency_test([[10, 12], [0, 0]])
    assert one_group["test"] is None and one_group["reason"] == "one_group" and np.isnan(one_group["p"])
    one_category = contingency_test([[10, 0], [7, 0]])
    assert one_category["reason"] == "one_category" and np.isnan(one_category["cramers_v"])
    assert contingency_test([[0, 0], [0, 0]])["reason"] == "no_data"
    with pytest.raises(ValueError, match="counts"):
        contingency_test([[1, -1], [2, 2]])


# ---------------------------------------------------------------------------
# effect sizes
# ---------------------------------------------------------------------------


def test_cramers_v_against_scipy_and_by_hand():
    table = np.array([[25, 40, 30, 12], [30, 35, 20, 9], [10, 22, 35, 30]])
    assert cramers_v(table) == pytest.approx(association(table, method="cramer"))
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    n, r, c = table.sum(), 3, 4
    phi2 = max(0, chi2 / n - (r - 1) * (c - 1) / (n - 1))
    rt, ct = r - (r - 1) ** 2 / (n - 1), c - (c - 1) ** 2 / (n - 1)
    assert cramers_v(table, bias_correction=True) == pytest.approx(math.sqrt(phi2 / min(rt - 1, ct - 1)))
    assert cramers_v([[5, 0], [0, 5]]) == pytest.approx(1.0)


def wilson(k, n):
    p = k / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 / (1 + Z95**2 / n) * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    return centre - half, centre + half


def test_difference_in_shares_is_newcombes_hybrid_score_interval():
    # Newcombe (1998) method 10, from the two Wilson intervals
    k1, n1, k2, n2 = 56, 70, 48, 80
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    assert difference_in_shares(k1, n1, k2, n2) == pytest.approx((d, low, high))
    assert all(np.isnan(difference_in_shares(0, 0, 3, 5)))


# ---------------------------------------------------------------------------
# compare_groups: categorical
# ---------------------------------------------------------------------------


def test_compare_groups_for_a_yes_no_variable():
    cases = frame_from_table({"pojke": {True: 30, False: 20}, "flicka": {True: 15, False: 35}}, "samtal_enskilt_beslut")
    r = compare_groups(cases, "samtal_enskilt_beslut", by="kon")
    assert len(r) == 1
    row = r.iloc[0]
    assert (row["n_pojke"], row["n_flicka"], row["n"]) == (50, 50, 100)
    assert (row["estimate_pojke"], row["estimate_flicka"]) == (0.6, 0.3)
    assert row["test"] == "chi2" and row["test_label"] == "Pearsons chi2-test"
    assert row["statistic"] == pytest.approx(contingency_test([[30, 20], [15, 35]])["statistic"])
    assert row["effect"] == "difference_in_shares" and row["effect_size"] == pytest.approx(0.3)
    assert (row["effect_ci_low"], row["effect_ci_high"]) == pytest.approx(difference_in_shares(30, 50, 15, 50)[1:])
    assert row["effect_label"] == "Skillnad i andel, Pojke − Flicka"
    assert row["cramers_v"] == pytest.approx(math.sqrt(row["statistic"] / 100))


def test_compare_groups_for_a_scale_gives_an_omnibus_row_and_one_row_per_category():
    table = {"pojke": {"ingen_lag": 20, "nagot_forhojd": 30, "hog": 15, "mycket_hog": 5},
             "flicka": {"ingen_lag": 10, "nagot_forhojd": 25, "hog": 25, "mycket_hog": 10}}
    cases = frame_from_table(table, "risk_beslut")
    r = compare_groups(cases, "risk_beslut", by="kon", lang="en")
    assert r["category"].tolist() == [None, "ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    counts = np.array([[20, 30, 15, 5], [10, 25, 25, 10]])
    chi2, p, dof, _ = stats.chi2_contingency(counts, correction=False)
    top = r.iloc[0]
    assert (top["test"], top["df"]) == ("chi2", 3)
    assert top["p"] == pytest.approx(p) and top["effect"] == "cramers_v"
    assert top["effect_size"] == pytest.approx(association(counts, method="cramer"))
    high = r.iloc[3]
    assert high["category_label"] == "High risk"
    assert (high["estimate_pojke"], high["estimate_flicka"]) == pytest.approx((15 / 70, 25 / 70))
    assert high["effect_size"] == pytest.approx(15 / 70 - 25 / 70)
    assert np.isnan(high["p"]) and pd.isna(high["test"])  # no test per category, only the difference


def test_compare_groups_chooses_fisher_for_small_groups_and_says_so():
    cases = frame_from_table({"pojke": {True: 3, False: 1}, "flicka": {True: 1, False: 3}}, "samtal_enskilt_beslut")
    row = compare_groups(cases, "samtal_enskilt_beslut", by="kon", lang="en").iloc[0]
    assert row["test"] == "fisher" and row["test_label"] == "Fisher's exact test"
    assert row["p"] == pytest.approx(34 / 70)
    forced = compare_groups(cases, "samtal_enskilt_beslut", by="kon", test="chi2").iloc[0]
    assert forced["test"] == "chi2" and "förväntat antal < 5" in forced["note"]


def test_compare_groups_multi_select_one_row_per_option():
    cases = apply_dtypes(pd.DataFrame({
        "kon": ["pojke"] * 6 + ["flicka"] * 6,
        "hem_fysiskt_vald": [True] * 5 + [False] + [True] + [False] * 5,
        "hem_annat": [False] * 6 + [True] * 6,
        "hem_ingen": [False] * 12,
    }))
    r = compare_groups(cases, "hem", by="kon")
    assert r["category"].tolist() == ["hem_fysiskt_vald", "hem_annat", "hem_ingen"]
    violence = r.iloc[0]
    assert violence["p"] == pytest.approx(stats.fisher_exact([[5, 1], [1, 5]])[1])
    assert violence["estimate_pojke"] == pytest.approx(5 / 6)
    none = r.iloc[2]  # nobody said "none": one category only, no test
    assert np.isnan(none["p"]) and none["note"] == "bara en kategori förekommer"


def test_degenerate_groups_in_compare_groups():
    cases = frame_from_table({"pojke": {True: 8, False: 4}}, "samtal_enskilt_beslut")
    one = compare_groups(cases, "samtal_enskilt_beslut", by="kon").iloc[0]
    assert np.isnan(one["p"]) and one["note"] == "färre än två grupper med data" and one["n_flicka"] == 0
    # a zero row: one of three groups has nobody; the test runs on the other two and says so
    three = apply_dtypes(pd.DataFrame({
        "kon": ["pojke"] * 20 + ["flicka"] * 20,
        "ursprung": ["sverige"] * 10 + ["utlandet"] * 10 + ["sverige"] * 20,
        "samtal_enskilt_beslut": [True] * 8 + [False] * 2 + [True] * 3 + [False] * 7 + [True] * 10 + [False] * 10,
    }))
    r = compare_groups(three, "samtal_enskilt_beslut", by="kon_ursprung", lang="en").iloc[0]
    assert r["n_utlandet_flicka"] == 0
    assert r["p"] == pytest.approx(contingency_test([[10, 10], [8, 2], [3, 7]])["p"])
    assert "groups without data left out: Girl born abroad" in r["note"]
    # all missing
    missing = cases.assign(samtal_enskilt_beslut=pd.array([None] * 12, dtype="boolean"))
    m = compare_groups(missing, "samtal_enskilt_beslut", by="kon").iloc[0]
    assert m["n"] == 0 and np.isnan(m["p"]) and m["note"] == "inga data"


# ---------------------------------------------------------------------------
# a 0/1 column is a yes/no, not a count (issue 16, item 4)
# ---------------------------------------------------------------------------


def test_a_zero_one_column_outside_the_codebook_is_compared_as_a_yes_no():
    d = load_cases()
    flagged = d.assign(flag=d.index % 2)
    r = compare_groups(flagged, "flag", by="kon")
    assert len(r) == 1  # one yes/no row, not Welch and Mann-Whitney rows on medians 0 and 1
    row = r.iloc[0]
    boys, girls = (flagged["kon"] == "pojke").to_numpy(), (flagged["kon"] == "flicka").to_numpy()
    flag = flagged["flag"].to_numpy()
    yes_b, yes_g = int(flag[boys].sum()), int(flag[girls].sum())
    n_b, n_g = int(boys.sum()), int(girls.sum())
    assert (row["kind"], row["category"], row["estimate"]) == ("yesno", True, "share")
    assert (row["estimate_pojke"], row["estimate_flicka"]) == pytest.approx((yes_b / n_b, yes_g / n_g))
    table = [[yes_b, n_b - yes_b], [yes_g, n_g - yes_g]]
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    assert row["test"] == "chi2" and row["statistic"] == pytest.approx(chi2) and row["p"] == pytest.approx(p)
    assert row["effect"] == "difference_in_shares"
    assert (row["effect_size"], row["effect_ci_low"], row["effect_ci_high"]) == pytest.approx(
        difference_in_shares(yes_b, n_b, yes_g, n_g))


def test_a_zero_one_column_with_missing_values_and_floats_is_a_yes_no():
    cases = apply_dtypes(pd.DataFrame({"kon": ["pojke"] * 4 + ["flicka"] * 4}))
    cases["flag"] = [1.0, 1.0, 0.0, np.nan, 0.0, 0.0, 1.0, 0.0]
    var = resolve(cases, "flag")
    assert var.kind == "yesno" and var.categories == [True, False]
    assert var.values.tolist() == [True, True, False, pd.NA, False, False, True, False]
    row = compare_groups(cases, "flag", by="kon").iloc[0]
    assert (row["n_pojke"], row["estimate_pojke"]) == (3, pytest.approx(2 / 3))
    assert row["test"] == "fisher"


def test_a_zero_one_two_column_stays_a_count():
    d = load_cases()
    r = compare_groups(d.assign(k=d.index % 3), "k", by="kon")
    assert r["test"].tolist() == ["welch", "mannwhitney"] and (r["kind"] == "integer").all()
    assert resolve(d.assign(k=d.index % 3), "k").kind == "integer"


def test_codebook_integers_and_the_exposure_count_stay_counts_even_when_only_zero_and_one():
    cases = apply_dtypes(pd.DataFrame({"kon": ["pojke"] * 4 + ["flicka"] * 4, "alder": [0, 1, 1, 0, 1, 0, 0, 0],
                                       "hem_annat": [True, False] * 4, "antal_utsatthet": [0, 1] * 4}))
    assert resolve(cases, "alder").kind == "integer"
    assert resolve(cases, "antal_utsatthet").kind == "integer"  # the count added as a column
    assert resolve(cases.drop(columns="antal_utsatthet"), "antal_utsatthet").kind == "integer"  # derived
    r = compare_groups(cases, "alder", by="kon")
    assert r["test"].tolist() == ["welch", "mannwhitney"]


# ---------------------------------------------------------------------------
# no degenerate intervals in the effect sizes (issue 16, item 5)
# ---------------------------------------------------------------------------


def test_cramers_v_at_one_is_reported_without_an_interval():
    cases = frame_from_table({"pojke": {True: 12, False: 0}, "flicka": {True: 0, False: 9}}, "samtal_enskilt_beslut")
    perfect = frame_from_table({"pojke": {"ingen_lag": 6, "hog": 0}, "flicka": {"ingen_lag": 0, "hog": 7}}, "risk_beslut")
    top = compare_groups(perfect, "risk_beslut", by="kon").iloc[0]
    assert top["effect"] == "cramers_v" and top["effect_size"] == pytest.approx(1)
    assert np.isnan(top["effect_ci_low"]) and np.isnan(top["effect_ci_high"])  # no interval, so none degenerate
    # the yes/no row's effect is the difference in shares, 1 − 0 here, with a non-degenerate interval
    row = compare_groups(cases, "samtal_enskilt_beslut", by="kon").iloc[0]
    assert row["effect_size"] == 1 and row["effect_ci_low"] < 1 - 0.1 and row["effect_ci_high"] == pytest.approx(1)


@pytest.mark.parametrize("counts", [(0, 10, 0, 10), (10, 10, 10, 10), (0, 1, 1, 1), (0, 3, 3, 3)])
def test_the_difference_in_shares_never_has_a_degenerate_interval(counts):
    # Newcombe's interval is built from Wilson intervals, which never have zero width
    d, lo, hi = difference_in_shares(*counts)
    assert lo <= d <= hi and hi - lo > 0.1
    l1, u1 = wilson(counts[0], counts[1])
    l2, u2 = wilson(counts[2], counts[3])
    assert (lo, hi) == pytest.approx((d - math.sqrt((counts[0] / counts[1] - l1) ** 2 + (u2 - counts[2] / counts[3]) ** 2),
                                      d + math.sqrt((u1 - counts[0] / counts[1]) ** 2 + (counts[2] / counts[3] - l2) ** 2)))
    # a group with nobody in it: 0/0 has no share, so no difference and no interval (NaN, not [0, 0])
    assert all(np.isnan(difference_in_shares(0, 0, 3, 5)))


# ---------------------------------------------------------------------------
# compare_groups: counts
# ---------------------------------------------------------------------------


def count_frame():
    boys = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 2]
    girls = [1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 2, 4, 8]
    rows = []
    for k in boys + girls:
        rows.append({f"hem_{c}": i < k for i, c in enumerate(
            ["bristande_omsorg", "fysiskt_vald", "psykiskt_vald", "bevittnat_vald", "sexuella_overgrepp",
             "heder", "tidigare_vald", "vardnadstvist", "familjekonflikt", "annat"])})
    frame = pd.DataFrame(rows)
    frame.insert(0, "kon", ["pojke"] * len(boys) + ["flicka"] * len(girls))
    return apply_dtypes(frame), np.array(boys, float), np.array(girls, float)


def test_welch_t_test_by_hand():
    cases, x, y = count_frame()
    r = compare_groups(cases, "antal_utsatthet", by="kon")
    welch = r[r["test"] == "welch"].iloc[0]
    v1, v2 = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    t = (x.mean() - y.mean()) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1**2 / (len(x) - 1) + v2**2 / (len(y) - 1))
    assert welch["statistic"] == pytest.approx(t) and welch["df"] == pytest.approx(df)
    assert welch["p"] == pytest.approx(2 * stats.t.sf(abs(t), df))
    q = stats.t.ppf(0.975, df)
    d = x.mean() - y.mean()
    assert (welch["effect_size"], welch["effect_ci_low"], welch["effect_ci_high"]) == pytest.approx(
        (d, d - q * math.sqrt(v1 + v2), d + q * math.sqrt(v1 + v2))
    )
    assert (welch["estimate"], welch["estimate_pojke"], welch["estimate_flicka"]) == ("mean", x.mean(), y.mean())


def test_mann_whitney_and_rank_biserial_by_pair_counting():
    cases, x, y = count_frame()
    mw = compare_groups(cases, "antal_utsatthet", by="kon").query("test == 'mannwhitney'").iloc[0]
    greater = sum((a > b) for a in x for b in y)
    less = sum((a < b) for a in x for b in y)
    ties = len(x) * len(y) - greater - less
    assert mw["statistic"] == pytest.approx(greater + ties / 2)  # U of the first group
    assert mw["effect_size"] == pytest.approx((greater - less) / (len(x) * len(y)))
    assert mw["p"] == pytest.approx(stats.mannwhitneyu(x, y, alternative="two-sided").pvalue)
    assert mw["estimate_pojke"] == np.median(x)


def test_kruskal_wallis_for_more_than_two_groups():
    cases, x, y = count_frame()
    cases["ursprung"] = pd.Categorical(["sverige", "utlandet"] * 12 + ["sverige"], categories=["sverige", "utlandet"])
    cases = apply_dtypes(cases)
    r = compare_groups(cases, "antal_utsatthet", by="kon_ursprung")
    assert r["test"].tolist() == ["kruskal"]
    groups = cases.assign(k=np.concatenate([x, y]), g=cases["ursprung"].astype(str) + cases["kon"].astype(str)).groupby("g")["k"]
    samples = [s.to_numpy() for _, s in groups]
    h, p = stats.kruskal(*samples)
    assert r.iloc[0]["statistic"] == pytest.approx(h) and r.iloc[0]["p"] == pytest.approx(p)
    assert r.iloc[0]["effect_size"] == pytest.approx(h / (len(x) + len(y) - 1))
    with pytest.raises(ValueError, match="two groups"):
        compare_groups(cases, "antal_utsatthet", by="kon_ursprung", test="welch")


def test_counts_with_no_variation_or_one_group():
    cases, _, _ = count_frame()
    flat = cases.assign(**{c: False for c in cases.columns if c.startswith("hem_")})
    r = compare_groups(flat, "antal_utsatthet", by="kon")
    welch = r[r["estimate"] == "mean"].iloc[0]
    assert np.isnan(welch["p"]) and welch["note"] == "ingen variation"
    boys = cases[cases["kon"] == "pojke"]
    r1 = compare_groups(boys, "antal_utsatthet", by="kon")
    assert r1["p"].isna().all() and (r1["note"] == "färre än två grupper med data").all()


# ---------------------------------------------------------------------------
# multiple testing, options, errors
# ---------------------------------------------------------------------------


def test_multiple_testing_correction_over_the_table():
    rng = np.random.default_rng(5)
    n = 120
    cases = apply_dtypes(pd.DataFrame({
        "kon": rng.choice(["pojke", "flicka"], n),
        "samtal_enskilt_beslut": rng.random(n) < 0.5,
        "samtal_vh_beslut": rng.random(n) < 0.5,
        "sip": rng.random(n) < 0.3,
    }))
    r = compare_groups(cases, ["samtal_enskilt_beslut", "samtal_vh_beslut", "sip"], by="kon", correction="holm")
    p = r["p"].to_numpy()
    # Holm by hand: sort, multiply by (m - rank), running maximum, cap at 1
    order = np.argsort(p)
    adjusted = np.empty(3)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (3 - rank) * p[i]))
        adjusted[i] = running
    assert r["p_adjusted"].to_numpy() == pytest.approx(adjusted)
    bh = compare_groups(cases, ["samtal_enskilt_beslut", "samtal_vh_beslut", "sip"], by="kon", correction="fdr_bh")
    assert bh["p_adjusted"].to_numpy() == pytest.approx(multipletests(p, method="fdr_bh")[1])
    assert (bh["p_adjust_method"] == "fdr_bh").all()
    plain = compare_groups(cases, "sip", by="kon")
    assert plain["p_adjusted"].isna().all()


def test_groups_choose_and_order_the_compared_groups():
    cases = apply_dtypes(pd.DataFrame({
        "kon": ["pojke", "flicka"] * 20,
        "ursprung": ["utlandet"] * 20 + ["sverige"] * 20,
        "samtal_vh_beslut": [False, True] * 10 + [True] * 20,
    }))
    r = compare_groups(cases, "samtal_vh_beslut", by="kon_ursprung", groups=["utlandet_flicka", "utlandet_pojke"])
    row = r.iloc[0]
    assert (row["n"], row["estimate_utlandet_flicka"], row["estimate_utlandet_pojke"]) == (20, 1.0, 0.0)
    assert row["effect_size"] == 1.0  # first group minus second
    assert "n_sverige_pojke" not in r.columns
    with pytest.raises(ValueError, match="not categories"):
        compare_groups(cases, "samtal_vh_beslut", by="kon", groups=["pojke", "man"])


def test_errors_are_clear():
    cases, _, _ = count_frame()
    with pytest.raises(MissingColumnError, match="the analysis needs column 'risk_beslut', which the data lacks"):
        compare_groups(cases, "risk_beslut", by="kon")
    with pytest.raises(MissingColumnError, match="'ursprung'"):
        compare_groups(cases, "antal_utsatthet", by="kon_ursprung")
    with pytest.raises(ValueError, match="does not apply"):
        compare_groups(cases, "antal_utsatthet", by="kon", test="fisher")
    with pytest.raises(ValueError, match="unknown test"):
        compare_groups(cases, "antal_utsatthet", by="kon", test="ttest")
    per_variable = compare_groups(cases, ["antal_utsatthet"], by="kon", test={"antal_utsatthet": "mannwhitney"})
    assert per_variable["test"].tolist() == ["mannwhitney"]


# ---------------------------------------------------------------------------
# helpers for Exempel 1–4
# ---------------------------------------------------------------------------


def example_frame():
    return apply_dtypes(pd.DataFrame({
        "kon": ["flicka", "flicka", "flicka", "pojke", "pojke", "pojke", "pojke", "flicka"],
        "ursprung": ["sverige", "sverige", "utlandet", "sverige", "utlandet", "utlandet", "utlandet", None],
        "tillfalle": ["avslut"] * 8,
        "samtal_enskilt_beslut": [True, False, True, False, True, True, True, True],
        "avslutsorsak": ["mal_uppnatt", "oplanerat", "mal_uppnatt", "mal_uppnatt", "oplanerat", "annat", None, "mal_uppnatt"],
        "hem_fysiskt_vald": [True, False, True, False, False, False, True, True],
        "hem_ingen": [False, True, False, True, True, True, False, False],
        "vh_missbruk": [False, False, True, True, False, False, False, False],
    }))


def test_share_of_goal_met_by_group():
    r = share_by_group(example_frame(), "avslutsorsak", by="kon_ursprung", category="mal_uppnatt")
    assert r["group"].tolist() == ["sverige_flicka", "sverige_pojke", "utlandet_flicka", "utlandet_pojke"]
    assert r["n"].tolist() == [1, 1, 1, 0]
    assert r["denominator"].tolist() == [2, 1, 1, 2]  # one foreign-born boy has no reason recorded
    assert r["share"].tolist() == pytest.approx([0.5, 1.0, 1.0, 0.0])
    wide = share_by_group(example_frame(), ["samtal_enskilt_beslut"], by="kon_ursprung", wide=True)
    assert list(wide.columns) == ["Svenskfödd flicka (n = 2)", "Svenskfödd pojke (n = 1)",
                                  "Utlandsfödd flicka (n = 1)", "Utlandsfödd pojke (n = 3)"]
    assert wide.iloc[0].tolist() == ["50\u00a0%", "0\u00a0%", "100\u00a0%", "100\u00a0%"]
    with pytest.raises(ValueError, match="no category"):
        share_by_group(example_frame(), "avslutsorsak", by="kon", category="klart")


def test_exposure_shares_by_sex_and_origin():
    r = exposure_shares(example_frame(), by="kon_ursprung")
    assert set(r["exposure_group"]) == {"hem", "vh"}  # the frame has no barn_ columns
    violence = r[(r["category"] == "hem_fysiskt_vald")].set_index("group")["share"]
    assert violence.to_dict() == pytest.approx({"sverige_flicka": 0.5, "sverige_pojke": 0.0,
                                                "utlandet_flicka": 1.0, "utlandet_pojke": 1 / 3})
    assert "hem_ingen" not in set(r["category"])
    assert "hem_ingen" in set(exposure_shares(example_frame(), include_none=True)["category"])
