"""Change from decision to closure: transition tables, Stuart–Maxwell/Bowker, McNemar, Table 5b.

Known answers are hand-worked here, computed by an independent numpy
implementation of the formulas, or published values.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import SquareTable

from webbkollen_lib import apply_dtypes, get_codebook
from webbkollen_lib.analysis.change import (
    EXACT_BELOW,
    change_summary,
    marginal_homogeneity,
    paired_yes_no,
    school_change,
    transition_table,
)

RISK = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]


def frame_from_table(table, categories=RISK, before="risk_beslut", after="risk_avslut", **extra):
    """One closure registration per count of a decision x closure table."""
    rows = [
        (categories[i], categories[j])
        for i in range(len(categories))
        for j in range(len(categories))
        for _ in range(int(table[i][j]))
    ]
    b, a = zip(*rows) if rows else ((), ())
    data = {"tillfalle": ["avslut"] * len(rows), before: list(b), after: list(a)}
    data.update({k: v for k, v in extra.items()})
    return apply_dtypes(pd.DataFrame(data))


# --- independent implementations of the statistics -------------------------


def stuart_maxwell_numpy(table):
    """Stuart–Maxwell X² = d' S^- d with the generalised inverse of the full k x k S.

    d_i = n_i+ - n_+i, S_ii = n_i+ + n_+i - 2 n_ii, S_ij = -(n_ij + n_ji).
    With a generalised inverse no category needs to be dropped; df = rank(S).
    """
    t = np.asarray(table, dtype=float)
    d = t.sum(axis=1) - t.sum(axis=0)
    s = -(t + t.T)
    np.fill_diagonal(s, t.sum(axis=1) + t.sum(axis=0) - 2 * np.diag(t))
    return float(d @ np.linalg.pinv(s) @ d), int(np.linalg.matrix_rank(s))


def bowker_numpy(table):
    t = np.asarray(table, dtype=float)
    i, j = np.triu_indices(len(t), 1)
    num, den = (t[i, j] - t[j, i]) ** 2, t[i, j] + t[j, i]
    return float(np.sum(num[den > 0] / den[den > 0])), len(i)


# Stuart (1955): unaided distance vision of 7477 women, right eye (rows) by
# left eye (columns). The published statistics are X² = 11.96 on 3 df
# (Stuart–Maxwell) and 19.11 on 6 df (Bowker).
VISION = [[1520, 266, 124, 66], [234, 1512, 432, 78], [117, 362, 1772, 205], [36, 82, 179, 492]]


# --- transition_table ----------------------------------------------------------


def small():
    return apply_dtypes(pd.DataFrame({
        "kommun": ["A"] * 7,
        "tillfalle": ["avslut", "avslut", "avslut", "avslut", "avslut", "avslut", "uppfoljning"],
        "kon": ["pojke", "flicka", "pojke", "flicka", "pojke", "flicka", "pojke"],
        "risk_beslut": ["hog", "hog", "ingen_lag", "mycket_hog", None, "hog", "hog"],
        "risk_avslut": ["nagot_forhojd", "hog", "hog", "mycket_hog", "hog", "ingen_lag", None],
        "risk_uppfoljning": [None, None, None, None, None, None, "hog"],
    }))


def test_transition_table_counts_by_hand_and_keeps_empty_categories():
    t = transition_table(small())
    expected = np.zeros((4, 4), int)
    expected[2, 1] = expected[2, 2] = expected[2, 0] = 1  # hog -> nagot_forhojd, hog, ingen_lag
    expected[0, 2] = 1  # ingen_lag -> hog
    expected[3, 3] = 1
    assert list(t.index) == RISK and list(t.columns) == RISK
    np.testing.assert_array_equal(t.to_numpy(), expected)
    assert t.index.name == "risk_beslut" and t.columns.name == "risk_avslut"


def test_transition_table_reports_exclusions_but_not_follow_up_registrations():
    t = transition_table(small())
    # 6 closure registrations, one without a decision risk; the follow-up one is out of scope
    assert t.attrs["n"] == 5
    assert t.attrs["n_excluded"] == 1
    assert t.attrs["excluded"] == {"missing": 1, "unknown": 0}
    assert t.attrs["n_other_occasion"] == 1


def test_transition_table_row_shares_and_empty_row_is_nan():
    t = transition_table(small(), normalize="index")
    assert t.loc["hog"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3, 0])
    assert t.loc["nagot_forhojd"].isna().all()
    assert t.loc["mycket_hog", "mycket_hog"] == 1.0


def test_transition_table_labels_from_the_codebook():
    cb = get_codebook()
    for lang in ("sv", "en"):
        t = transition_table(small(), lang=lang)
        assert list(t.index) == list(cb.value_labels("risk_beslut", lang).values())
        assert t.index.name == cb.label("risk_beslut", lang)
        assert t.columns.name == cb.label("risk_avslut", lang)
    assert transition_table(small(), lang="sv").index[0] == "Ingen/låg risk"


def test_transition_table_without_tillfalle_uses_every_row():
    data = small().drop(columns=["tillfalle"])
    t = transition_table(data)
    assert t.attrs["n"] == 5 and t.attrs["n_excluded"] == 2


def test_transition_table_excludes_unknown_codes_and_counts_them():
    data = apply_dtypes(pd.DataFrame({
        "tillfalle": ["avslut"] * 4,
        "skola_beslut": ["nar_ej_kunskapskrav", "nar_ej_kunskapskrav", "ej_bedomt", "nar_kunskapskrav"],
        "skola_avslut": ["nar_kunskapskrav", "ej_bedomt", "nar_kunskapskrav", None],
    }))
    t = transition_table(data, "skola_beslut", "skola_avslut")
    assert "ej_bedomt" not in t.index and t.shape == (4, 4)
    assert t.attrs["excluded"] == {"missing": 1, "unknown": 2}
    assert t.loc["nar_ej_kunskapskrav", "nar_kunskapskrav"] == 1 and t.to_numpy().sum() == 1
    kept = transition_table(data, "skola_beslut", "skola_avslut", drop_unknown=False)
    assert kept.shape == (5, 5) and kept.to_numpy().sum() == 3


def test_transition_table_all_missing_gives_an_empty_square_table():
    data = apply_dtypes(pd.DataFrame({"tillfalle": ["avslut"] * 3, "risk_beslut": [None] * 3, "risk_avslut": ["hog", None, None]}))
    t = transition_table(data)
    assert t.shape == (4, 4) and t.to_numpy().sum() == 0
    assert t.attrs["n"] == 0 and t.attrs["n_excluded"] == 3
    assert transition_table(data, normalize="index").isna().all().all()


def test_transition_table_errors_name_the_problem():
    with pytest.raises(KeyError, match="risk_avslut"):
        transition_table(small().drop(columns=["risk_avslut"]))
    with pytest.raises(ValueError, match="same codes"):
        transition_table(small().assign(skola_avslut=None), "risk_beslut", "skola_avslut")
    with pytest.raises(ValueError, match="never filled in on the same registration"):
        transition_table(small(), "risk_uppfoljning", "risk_avslut")
    with pytest.raises(ValueError, match="normalize"):
        transition_table(small(), normalize="rows")
    raw = pd.DataFrame({"risk_beslut": ["hog", "High"], "risk_avslut": ["hog", "hog"]})
    with pytest.raises(ValueError, match="'risk_beslut'.*High"):
        transition_table(raw)


def test_transition_table_accepts_plain_strings_with_valid_codes():
    raw = pd.DataFrame({"risk_beslut": ["hog", "hog"], "risk_avslut": ["hog", "ingen_lag"]})
    t = transition_table(raw)
    assert t.loc["hog", "ingen_lag"] == 1 and t.loc["hog", "hog"] == 1


# --- change_summary ----------------------------------------------------------------


def test_change_summary_by_hand():
    s = change_summary(small())
    assert s.loc["hog", ["n", "n_lower", "n_same", "n_higher"]].tolist() == [3, 2, 1, 0]
    assert s.loc["hog", "lower"] == pytest.approx(2 / 3)
    assert s.loc["ingen_lag", ["lower", "same", "higher"]].tolist() == [0.0, 0.0, 1.0]
    assert s.loc["mycket_hog", "same"] == 1.0
    assert s.loc["nagot_forhojd", "n"] == 0 and np.isnan(s.loc["nagot_forhojd", "lower"])
    assert s.loc["total", ["n", "n_lower", "n_same", "n_higher"]].tolist() == [5, 2, 2, 1]
    assert s.attrs["n_excluded"] == 1


def test_change_summary_report_figure_8_numbers():
    # 20 at "hög" at the decision: 13 lower at closure = 65 %; 25 at "mycket hög": 13 the same = 52 %
    table = [[0] * 4, [0] * 4, [3, 10, 6, 1], [1, 4, 7, 13]]
    s = change_summary(frame_from_table(table))
    assert s.loc["hog", "lower"] == pytest.approx(0.65)
    assert s.loc["mycket_hog", "same"] == pytest.approx(0.52)


def test_change_summary_labels():
    s = change_summary(small(), lang="sv")
    assert list(s.index)[-1] == "Totalt" and s.index[0] == "Ingen/låg risk"
    assert {"Lägre", "Samma", "Högre"} <= set(s.columns)
    assert "Higher" in change_summary(small(), lang="en").columns


def test_change_summary_needs_an_ordered_scale():
    data = apply_dtypes(pd.DataFrame({"skola_beslut": ["nar_kunskapskrav"], "skola_avslut": ["nar_kunskapskrav"]}))
    with pytest.raises(ValueError, match="ordered scale"):
        change_summary(data, "skola_beslut", "skola_avslut")


# --- marginal_homogeneity ---------------------------------------------------------------


def test_stuart_maxwell_and_bowker_on_stuarts_vision_data():
    result = marginal_homogeneity(frame_from_table(VISION))
    sm, bw = result.loc["stuart_maxwell"], result.loc["bowker"]
    stat, df = stuart_maxwell_numpy(VISION)
    assert sm["statistic"] == pytest.approx(stat, rel=1e-10) and sm["df"] == df == 3
    assert sm["statistic"] == pytest.approx(11.96, abs=0.005)
    assert sm["p"] == pytest.approx(stats.chi2.sf(stat, 3), rel=1e-6)
    stat_b, df_b = bowker_numpy(VISION)
    assert bw["statistic"] == pytest.approx(stat_b, rel=1e-10) and bw["df"] == df_b == 6
    assert bw["statistic"] == pytest.approx(19.11, abs=0.005)
    assert bw["p"] == pytest.approx(stats.chi2.sf(stat_b, 6), rel=1e-10)
    assert result["n"].tolist() == [7477, 7477] and (result["note"] == "").all()


def test_two_categories_reduce_to_mcnemar_without_correction():
    # b = 9 yes -> no, c = 3 no -> yes: (b - c)^2 / (b + c) = 3
    data = frame_from_table([[10, 9], [3, 20]], categories=[True, False],
                            before="samtal_enskilt_beslut", after="samtal_enskilt_avslut")
    result = marginal_homogeneity(data, "samtal_enskilt_beslut", "samtal_enskilt_avslut")
    assert result["statistic"].tolist() == pytest.approx([3.0, 3.0])
    assert result["df"].tolist() == [1, 1]


def test_zero_cells_are_not_shifted_by_half():
    # statsmodels' default shift_zeros=True would add 0.5 to every zero cell
    table = [[5, 6, 0, 0], [1, 5, 4, 0], [2, 0, 5, 3], [0, 1, 2, 5]]
    result = marginal_homogeneity(frame_from_table(table))
    assert result.loc["stuart_maxwell", "statistic"] == pytest.approx(stuart_maxwell_numpy(table)[0], rel=1e-10)
    assert result.loc["bowker", "statistic"] == pytest.approx(bowker_numpy(table)[0], rel=1e-10)


def test_an_empty_category_is_left_out_with_a_note():
    # nobody at "mycket hög" on either occasion: a zero row and a zero column
    table = [[6, 2, 1, 0], [7, 8, 3, 0], [2, 9, 5, 0], [0, 0, 0, 0]]
    result = marginal_homogeneity(frame_from_table(table))
    reduced = [row[:3] for row in table[:3]]
    assert result.loc["stuart_maxwell", "statistic"] == pytest.approx(stuart_maxwell_numpy(reduced)[0], rel=1e-10)
    assert result.loc["stuart_maxwell", "df"] == 2
    assert result.loc["bowker", "statistic"] == pytest.approx(bowker_numpy(reduced)[0], rel=1e-10)
    assert result.loc["bowker", "df"] == 3
    assert result.loc["bowker", "categories"] == "ingen_lag, nagot_forhojd, hog"
    assert all("mycket_hog" in note for note in result["note"])


def test_a_category_where_everyone_stayed_is_left_out():
    table = [[6, 2, 1, 0], [7, 8, 3, 0], [2, 9, 5, 0], [0, 0, 0, 12]]
    result = marginal_homogeneity(frame_from_table(table))
    stat, df = stuart_maxwell_numpy(table)  # the generalised inverse needs no dropping
    assert result.loc["stuart_maxwell", "statistic"] == pytest.approx(stat, rel=1e-10)
    assert result.loc["stuart_maxwell", "df"] == df == 2
    assert "nobody changed (mycket_hog)" in result.loc["stuart_maxwell", "note"]


def test_stuart_maxwell_sums_over_groups_of_categories_with_no_change_between_them():
    # low <-> somewhat elevated, and high <-> very high, but no movement between the pairs
    table = [[10, 8, 0, 0], [2, 10, 0, 0], [0, 0, 10, 6], [0, 0, 1, 10]]
    result = marginal_homogeneity(frame_from_table(table))
    stat, df = stuart_maxwell_numpy(table)
    assert result.loc["stuart_maxwell", "statistic"] == pytest.approx(stat, rel=1e-10)
    assert result.loc["stuart_maxwell", "statistic"] == pytest.approx(36 / 10 + 25 / 7, rel=1e-10)
    assert result.loc["stuart_maxwell", "df"] == df == 2
    assert "2 groups" in result.loc["stuart_maxwell", "note"]
    # Bowker keeps the empty pairs in df, and says so
    assert result.loc["bowker", "df"] == 6
    assert "4 off-diagonal pairs are empty" in result.loc["bowker", "note"]


def test_the_empty_pair_note_says_what_each_tool_does():
    table = np.array([[10, 8, 0, 0], [2, 10, 0, 0], [0, 0, 10, 6], [0, 0, 1, 10]], dtype=float)
    # statsmodels keeps an empty pair in df (its 1e-20 makes the term 0, not 0/0) ...
    bowker = SquareTable(table, shift_zeros=False).symmetry()
    assert bowker.df == 6 and np.isfinite(bowker.statistic)
    # ... while R's mcnemar.test computes sum(y[upper.tri(x)]^2 / x[upper.tri(x)]), 0/0 = NaN
    upper = np.triu_indices(4, 1)
    with np.errstate(invalid="ignore"):
        r_statistic = (((table - table.T) ** 2)[upper] / (table + table.T)[upper]).sum()
    assert np.isnan(r_statistic)
    en = marginal_homogeneity(frame_from_table(table), lang="en").loc["bowker", "note"]
    sv = marginal_homogeneity(frame_from_table(table), lang="sv").loc["bowker", "note"]
    assert "counted in df (as statsmodels does; R's mcnemar.test gives NaN here)" in en
    assert "som i statsmodels; R:s mcnemar.test ger här NaN" in sv
    assert "SAS" not in en and "SAS" not in sv
    one = np.array([[5, 3, 0], [2, 5, 1], [0, 4, 5]], dtype=float)  # one empty pair: (1, 3)
    assert "1 off-diagonal pair is empty: counted in df (as statsmodels does; R's mcnemar.test gives NaN here)" in (
        marginal_homogeneity(frame_from_table(one, RISK[:3]), lang="en").loc["bowker", "note"])


def test_sparse_pairs_get_a_note():
    table = [[5, 2, 0, 0], [1, 5, 3, 0], [0, 0, 5, 1], [0, 0, 2, 5]]
    note = marginal_homogeneity(frame_from_table(table)).loc["bowker", "note"]
    assert "fewer than 5" in note and "doubtful" in note


@pytest.mark.parametrize(
    "table, says",
    [
        ([[3, 0, 0, 0], [0, 4, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2]], "nobody changed"),  # only the diagonal
        ([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 7, 0], [0, 0, 0, 0]], "nobody changed"),  # one category only
        ([[0] * 4] * 4, "no pairs"),  # all missing
    ],
)
def test_undefined_tests_are_nan_with_a_note(table, says):
    result = marginal_homogeneity(frame_from_table(table))
    assert result["statistic"].isna().all() and result["p"].isna().all()
    assert all(says in note for note in result["note"])


def test_the_notes_speak_the_language_asked_for():
    table = [[10, 8, 0, 0], [2, 10, 0, 0], [0, 0, 10, 6], [0, 0, 1, 10]]
    sv = marginal_homogeneity(frame_from_table(table), lang="sv")
    en = marginal_homogeneity(frame_from_table(table), lang="en")
    assert "faller i 2 grupper" in sv.loc["stuart_maxwell", "note"]
    assert "4 par utanför diagonalen är tomma" in sv.loc["bowker", "note"]
    # the numbers do not depend on the language, and English is the default
    pd.testing.assert_frame_equal(en, marginal_homogeneity(frame_from_table(table)))
    assert sv.drop(columns="note").equals(en.drop(columns="note"))
    r = paired_yes_no(talks(3, 0, 0, 2), lang="sv").loc["Totalt"]
    assert r["note"] == "inga diskordanta par: ingen bytte svar"
    with pytest.raises(ValueError, match="lang must be one of sv, en or None"):
        marginal_homogeneity(frame_from_table(table), lang="de")


def test_marginal_homogeneity_when_every_value_is_missing():
    data = apply_dtypes(pd.DataFrame({"tillfalle": ["avslut"] * 2, "risk_beslut": ["hog", None], "risk_avslut": [None, None]}))
    result = marginal_homogeneity(data)
    assert result["n"].tolist() == [0, 0] and result["n_excluded"].tolist() == [2, 2]
    assert result["p"].isna().all()


# --- paired_yes_no ------------------------------------------------------------------------


def talks(a, b, c, d, **extra):
    """a yes/yes, b yes/no, c no/yes, d no/no (decision/closure)."""
    table = [[a, b], [c, d]]
    return frame_from_table(table, categories=[True, False],
                            before="samtal_enskilt_beslut", after="samtal_enskilt_avslut", **extra)


def test_paired_yes_no_shares_and_counts_by_hand():
    r = paired_yes_no(talks(10, 7, 2, 5)).loc["total"]
    assert r["n"] == 24 and r["n_excluded"] == 0
    assert r["share_before"] == pytest.approx(17 / 24) and r["share_after"] == pytest.approx(12 / 24)
    assert (r["n_yes_no"], r["n_no_yes"]) == (7, 2)
    assert r["difference"] == pytest.approx(-5 / 24)


def test_mcnemar_exact_below_25_discordant_pairs_matches_the_binomial_test():
    r = paired_yes_no(talks(10, 7, 2, 5)).loc["total"]
    assert r["method"] == "exact"
    assert r["p"] == pytest.approx(stats.binomtest(2, 9, 0.5).pvalue, rel=1e-12)
    assert r["statistic"] == 2


def test_mcnemar_chi_square_with_continuity_correction_from_25_discordant_pairs():
    b, c = 20, EXACT_BELOW - 20 + 3  # 28 discordant
    r = paired_yes_no(talks(30, b, c, 40)).loc["total"]
    expected = (abs(b - c) - 1) ** 2 / (b + c)
    assert r["method"] == "chi2_cc"
    assert r["statistic"] == pytest.approx(expected)
    assert r["p"] == pytest.approx(stats.chi2.sf(expected, 1))


def test_newcombe_interval_matches_the_published_example():
    # Fagerland, Lydersen & Laake (2017), ch. 8, Cavo et al. (2012): [[59, 6], [16, 80]];
    # the contingencytables R package prints estimate -0.0621 (95% CI -0.1186 to -0.0046)
    # for (first row) - (first column); ours is after - before, the mirror image.
    r = paired_yes_no(talks(59, 6, 16, 80)).loc["total"]
    assert r["difference"] == pytest.approx(10 / 161)
    assert r["ci_low"] == pytest.approx(0.0046, abs=5e-5)
    assert r["ci_high"] == pytest.approx(0.1186, abs=5e-5)


def test_newcombe_interval_by_hand_when_phi_is_zero():
    # a*d - b*c = 0 -> phi = 0: the interval is the plain square-and-add of two Wilson intervals
    from statsmodels.stats.proportion import proportion_confint

    a, b, c, d = 4, 2, 6, 3
    r = paired_yes_no(talks(a, b, c, d)).loc["total"]
    n, p1, p2 = 15, 6 / 15, 10 / 15
    l1, u1 = proportion_confint(6, n, method="wilson")
    l2, u2 = proportion_confint(10, n, method="wilson")
    assert r["ci_low"] == pytest.approx(p2 - p1 - np.hypot(p2 - l2, u1 - p1))
    assert r["ci_high"] == pytest.approx(p2 - p1 + np.hypot(u2 - p2, p1 - l1))


def test_paired_yes_no_by_group_with_missing_answers_and_groups():
    data = apply_dtypes(pd.DataFrame({
        "tillfalle": ["avslut"] * 7,
        "kon": ["pojke", "pojke", "pojke", "flicka", "flicka", "flicka", None],
        "ursprung": ["sverige"] * 7,
        "samtal_enskilt_beslut": [True, True, None, True, False, False, True],
        "samtal_enskilt_avslut": [False, True, True, True, True, None, False],
    }))
    r = paired_yes_no(data, by="kon")
    assert list(r.index) == ["pojke", "flicka", "total"]
    assert r["n"].tolist() == [2, 2, 5] and r["n_excluded"].tolist() == [1, 1, 2]
    assert r.loc["pojke", "share_after"] == 0.5 and r.loc["flicka", "share_before"] == 0.5
    assert r.loc["total", "n_yes_no"] == 2 and r.loc["total", "n_no_yes"] == 1
    labelled = paired_yes_no(data, by="kon_ursprung", lang="sv")
    assert list(labelled.index) == ["Svenskfödd flicka", "Svenskfödd pojke", "Utlandsfödd flicka", "Utlandsfödd pojke", "Totalt"]
    assert labelled.loc["Utlandsfödd pojke", "n"] == 0


def test_paired_yes_no_all_missing_and_no_discordant_pairs():
    data = apply_dtypes(pd.DataFrame({"samtal_enskilt_beslut": [True, None], "samtal_enskilt_avslut": [None, False]}))
    r = paired_yes_no(data).loc["total"]
    assert r["n"] == 0 and r["n_excluded"] == 2 and np.isnan(r["p"]) and "no registration" in r["note"]
    r = paired_yes_no(talks(3, 0, 0, 2)).loc["total"]
    assert r["p"] == 1.0 and r["difference"] == 0 and "no discordant" in r["note"]


def test_paired_yes_no_rejects_non_yes_no_columns():
    with pytest.raises(ValueError, match="yes/no"):
        paired_yes_no(small(), "risk_beslut", "risk_avslut")
    with pytest.raises(KeyError, match="no column"):
        paired_yes_no(talks(1, 1, 1, 1), by="kommun")


# --- school_change (Table 5b) ---------------------------------------------------------------


def table_5b_frame():
    """The report's Table 5b counts, plus registrations that must not count."""
    rows = []

    def add(n, kon, situation, ursprung="sverige", start="nar_ej_kunskapskrav", tillfalle="avslut"):
        rows.extend([{"tillfalle": tillfalle, "kon": kon, "ursprung": ursprung,
                      "skola_beslut": start, "skola_avslut": situation}] * n)

    for situation, n in [("nar_kunskapskrav", 6), ("nar_ej_kunskapskrav", 22),
                         ("grundskola_utan_behorighet", 2), ("ej_bedomt", 4)]:
        add(n, "pojke", situation)
    for situation, n in [("nar_kunskapskrav", 10), ("nar_ej_kunskapskrav", 19), ("ej_bedomt", 4)]:
        add(n, "flicka", situation)
    add(5, "pojke", "nar_kunskapskrav", ursprung="utlandet")  # born abroad
    add(3, "flicka", "nar_kunskapskrav", ursprung=None)  # origin unknown
    add(7, "flicka", "nar_ej_kunskapskrav", start="nar_kunskapskrav")  # met the requirements
    add(2, "pojke", None)  # situation at closure missing
    rows.append({"tillfalle": "uppfoljning", "kon": "pojke", "ursprung": "sverige",
                 "skola_beslut": "nar_ej_kunskapskrav", "skola_avslut": None})
    return apply_dtypes(pd.DataFrame(rows))


def test_school_change_reproduces_table_5b():
    t = school_change(table_5b_frame())
    assert list(t.columns) == ["pojke", "flicka"]
    assert list(t.index) == get_codebook()["skola_avslut"].categories
    percent = (t * 100).round().astype(int)
    assert percent["pojke"].tolist() == [18, 65, 6, 0, 12]
    assert percent["flicka"].tolist() == [30, 58, 0, 0, 12]
    assert t.attrs["n"] == {"pojke": 34, "flicka": 33}
    assert t.attrs["n_excluded"] == 2 and t.attrs["excluded"]["missing"] == 2


def test_school_change_counts_labels_and_no_restriction():
    counts = school_change(table_5b_frame(), normalize=False)
    assert counts.loc["nar_kunskapskrav", "pojke"] == 6 and counts.to_numpy().sum() == 67
    everyone = school_change(table_5b_frame(), restrict={}, normalize=False)
    assert everyone.loc["nar_kunskapskrav"].tolist() == [11, 13]
    labelled = school_change(table_5b_frame(), lang="sv")
    assert list(labelled.columns) == ["Pojke (n = 34)", "Flicka (n = 33)"]
    assert labelled.index[-1] == "Kan ej bedöma/inte känt/ej aktuellt"
    one = school_change(table_5b_frame(), by=None)
    assert list(one.columns) == ["total"] and one.attrs["n"] == {"total": 67}


def test_school_change_bad_start_code():
    with pytest.raises(ValueError, match="start"):
        school_change(table_5b_frame(), start="underkand")
    with pytest.raises(ValueError, match="restrict.*'ursprung'"):
        school_change(table_5b_frame(), restrict={"ursprung": "Sverige"})
