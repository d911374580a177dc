"""Specification of disclosure control (webbkollen_lib.disclosure).

The central test plays the attacker: it takes only what a reader of the
published table sees (the strings, the layout and the fact that counts are
non-negative integers), writes down every equation the totals give, and for
each hidden cell computes its smallest and largest possible value by integer
programming (scipy's ``milp``; a stronger attacker than the LP relaxation the
library itself uses). It fails when a hidden cell is pinned down exactly, or
when a hidden small cell (1 .. min_cell-1) can be shown to be small.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from webbkollen_lib.disclosure import (
    MIN_CELL,
    SUPPRESSED,
    ProtectedTable,
    count_mask,
    footnote,
    format_count,
    format_share,
    min_registrations,
    multiselect_mask,
    primary_mask,
    protect_multiselect,
    protect_table,
    secondary_mask,
    too_few,
    too_few_text,
)

NBSP = "\u00a0"
CAP = 10**6  # upper bound for unknowns; an interval reaching it is "unbounded"

# ---------------------------------------------------------------------------
# the attacker (independent of the library: works from the published strings)
# ---------------------------------------------------------------------------


def parse_count(text: str):
    """Published count string -> int, or None for the suppression symbol."""
    if text == SUPPRESSED:
        return None
    assert re.fullmatch(r"\d{1,3}(\xa0\d{3})*|\d{1,3}(,\d{3})*", text), text
    return int(text.replace(NBSP, "").replace(",", ""))


def attack(known: list, equations: list[tuple[int, list[int]]]) -> dict[int, tuple[float, float]]:
    """Integer bounds of every unknown cell.

    ``known[i]`` is the published value of cell i or None; each equation says
    ``cell[total] == sum(cell[m] for m in members)``. All cells are integers >= 0.
    """
    n = len(known)
    lb = np.array([0.0 if v is None else v for v in known])
    ub = np.array([CAP if v is None else v for v in known], dtype=float)
    rows = []
    for total, members in equations:
        row = np.zeros(n)
        row[total] += 1
        for m in members:
            row[m] -= 1
        rows.append(row)
    cons = [LinearConstraint(np.array(rows), 0, 0)] if rows else []
    out = {}
    for i, v in enumerate(known):
        if v is not None:
            continue
        bounds = []
        for sense in (1.0, -1.0):
            c = np.zeros(n)
            c[i] = sense
            res = milp(c, constraints=cons, bounds=Bounds(lb, ub), integrality=np.ones(n))
            assert res.status == 0, res.message  # the true table is always feasible
            bounds.append(sense * res.fun)
        out[i] = (bounds[0], bounds[1])
    return out


def equations_1d(k: int):
    """Cells 0..k-1 then the total k."""
    return [(k, list(range(k)))]


def equations_2d(r: int, c: int):
    """(r+1) x (c+1) table with totals last, row-major ids."""
    ids = np.arange((r + 1) * (c + 1)).reshape(r + 1, c + 1)
    eqs = [(int(ids[i, c]), ids[i, :c].tolist()) for i in range(r + 1) if c > 0]
    eqs += [(int(ids[r, j]), ids[:r, j].tolist()) for j in range(c + 1) if r > 0]
    return eqs


def assert_safe(known, truth, equations, min_cell, sensitive):
    """The attacker fails on every hidden cell.

    ``sensitive[i]`` is True where cell i is itself small (a primary cell).
    """
    bounds = attack(known, equations)
    for i, (lo, hi) in bounds.items():
        assert lo <= truth[i] <= hi, (i, lo, hi, truth[i])  # sanity of the attack
        assert hi > lo, f"cell {i} = {truth[i]} is recovered exactly"
        if sensitive[i]:
            # the attacker cannot even prove that the cell is small
            assert not (1 <= lo and hi <= min_cell - 1)
            assert hi >= min_cell, f"cell {i} = {truth[i]} is bounded to [{lo}, {hi}]"
    return bounds


def attack_table(pt: ProtectedTable, counts, min_cell, protect_zeros=False):
    """Run the attacker on a protect_table() result for a Series or DataFrame."""
    low = 0 if protect_zeros else 1
    if isinstance(counts, pd.Series):
        known = [parse_count(t) for t in pt.count_text.tolist()]
        truth = counts.tolist() + [int(counts.sum())]
        eqs = equations_1d(len(counts))
    else:
        r, c = counts.shape
        known = [parse_count(t) for t in pt.count_text.to_numpy().ravel()]
        full = np.zeros((r + 1, c + 1), dtype=int)
        full[:r, :c] = counts.to_numpy()
        full[:r, c] = full[:r, :c].sum(axis=1)
        full[r, :] = full[:r, :].sum(axis=0)
        truth = full.ravel().tolist()
        eqs = equations_2d(r, c)
    sensitive = [low <= v <= min_cell - 1 for v in truth]
    return assert_safe(known, truth, eqs, min_cell, sensitive)


def attack_multiselect_series(pt: ProtectedTable, yes: pd.Series, n: int, min_cell, complement=True):
    """Cells: yes_0..yes_{k-1}, n, then the never-shown no_0..no_{k-1}."""
    k = len(yes)
    shown = [parse_count(t) for t in pt.count_text.tolist()]
    known = shown + [None] * k
    truth = yes.tolist() + [n] + [n - v for v in yes.tolist()]
    eqs = [(k, [i, k + 1 + i]) for i in range(k)]
    sensitive = [1 <= v <= min_cell - 1 for v in truth]
    if not complement:
        sensitive[k + 1 :] = [False] * k
    bounds = attack(known, eqs)
    for i, (lo, hi) in bounds.items():
        if sensitive[i]:
            assert hi >= min_cell, f"cell {i} = {truth[i]} is bounded to [{lo}, {hi}]"
        if i <= k:  # a cell shown as x
            assert hi > lo, f"cell {i} = {truth[i]} is recovered exactly"


def attack_multiselect_frame(pt: ProtectedTable, yes: pd.DataFrame, n: pd.Series, min_cell):
    """Shown grid (G+1) x (O+1): yes cells and the n column, totals last;
    then the hidden (G+1) x O grid of no cells."""
    G, O = yes.shape
    shown = [parse_count(t) for t in pt.count_text.to_numpy().ravel()]
    R = G + 1
    sid = np.arange(R * (O + 1)).reshape(R, O + 1)
    nid = R * (O + 1) + np.arange(R * O).reshape(R, O)
    y = np.vstack([yes.to_numpy(), yes.to_numpy().sum(axis=0)])
    nn = np.append(n.to_numpy(), n.sum())
    truth = np.hstack([y, nn[:, None]]).ravel().tolist() + (nn[:, None] - y).ravel().tolist()
    known = shown + [None] * (R * O)
    eqs = [(int(sid[i, O]), [int(sid[i, j]), int(nid[i, j])]) for i in range(R) for j in range(O)]
    eqs += [(int(sid[G, j]), sid[:G, j].tolist()) for j in range(O + 1)]
    eqs += [(int(nid[G, j]), nid[:G, j].tolist()) for j in range(O)]
    sensitive = [1 <= v <= min_cell - 1 for v in truth]
    bounds = attack(known, eqs)
    for i, (lo, hi) in bounds.items():
        assert lo <= truth[i] <= hi
        if sensitive[i]:
            assert hi >= min_cell, f"cell {i} = {truth[i]} is bounded to [{lo}, {hi}]"
        if i < R * (O + 1):
            assert hi > lo, f"cell {i} = {truth[i]} is recovered exactly"


def assert_no_small_count_shown(pt: ProtectedTable, min_cell, protect_zeros=False):
    low = 0 if protect_zeros else 1
    for text in np.asarray(pt.count_text).ravel():
        v = parse_count(text)
        assert v is None or not (low <= v <= min_cell - 1), text


def assert_shares_safe(pt: ProtectedTable):
    """A share is shown only next to a shown count; hidden count -> hidden share."""
    counts = np.asarray(pt.count_text).ravel()
    shares = np.asarray(pt.share_text).ravel()
    for c, s in zip(counts, shares):
        if c == SUPPRESSED:
            assert s in (SUPPRESSED, ""), (c, s)


# ---------------------------------------------------------------------------
# the attacker test itself must be able to fail
# ---------------------------------------------------------------------------


def test_attacker_breaks_primary_only_suppression():
    # 2 hidden, 10 and 20 shown, total 32 shown: 2 = 32 - 10 - 20.
    known = [None, 10, 20, 32]
    with pytest.raises(AssertionError, match="recovered exactly|bounded"):
        assert_safe(known, [2, 10, 20, 32], equations_1d(3), 5, [True, False, False, False])


def test_attacker_catches_two_small_cells_adding_up_to_less_than_min_cell():
    # 1 and 2 hidden, sum 3 = 53 - 50: each is provably < 5.
    known = [None, None, 50, 53]
    with pytest.raises(AssertionError, match="bounded"):
        assert_safe(known, [1, 2, 50, 53], equations_1d(3), 5, [True, True, False, False])


def test_attacker_breaks_a_2d_table_with_one_suppression_per_row_only():
    # rows each have two x, but column 0 has a single x: recoverable.
    #      a   b | tot
    #      2   x |  12       (x = 10)
    #      x   9 |  14       (x = 5)
    #     -------+
    #      7  19 |  26
    truth = [2, 10, 12, 5, 9, 14, 7, 19, 26]
    known = [None, None, 12, None, 9, 14, 7, 19, 26]
    with pytest.raises(AssertionError):
        assert_safe(known, truth, equations_2d(2, 2), 5, [1 <= v <= 4 for v in truth])


# ---------------------------------------------------------------------------
# primary suppression
# ---------------------------------------------------------------------------


def test_primary_mask_is_the_frequency_rule():
    counts = pd.Series([0, 1, 2, 3, 4, 5, 6, 100])
    assert primary_mask(counts).tolist() == [False, True, True, True, True, False, False, False]
    assert primary_mask(counts, min_cell=3).tolist() == [False, True, True] + [False] * 5


def test_zero_is_published_by_default_and_protected_on_request():
    counts = pd.Series([0, 7])
    assert primary_mask(counts).tolist() == [False, False]
    assert primary_mask(counts, protect_zeros=True).tolist() == [True, False]


def test_primary_mask_on_a_dataframe_keeps_labels():
    counts = pd.DataFrame({"ja": [3, 9], "nej": [0, 1]}, index=["pojke", "flicka"])
    expected = pd.DataFrame({"ja": [True, False], "nej": [False, True]}, index=["pojke", "flicka"])
    pd.testing.assert_frame_equal(primary_mask(counts), expected)


@pytest.mark.parametrize(
    "bad, where",
    [
        (pd.Series({"a": 3, "b": -1}), "row 'b'"),
        (pd.Series({"a": 3, "b": 2.5}), "row 'b'"),
        (pd.Series({"a": 3, "b": np.nan}), "row 'b'"),
        (pd.Series({"a": True, "b": 3}, dtype=object), "row 'a'"),
        (pd.DataFrame({"ja": [1, 2], "nej": [3, -4]}, index=["x", "y"]), "row 'y', column 'nej'"),
    ],
)
def test_bad_counts_are_refused_with_the_cell_named(bad, where):
    with pytest.raises(ValueError, match=re.escape(where)):
        protect_table(bad)


def test_duplicate_labels_and_multiindex_are_refused():
    with pytest.raises(ValueError, match="duplicate label 'a'"):
        protect_table(pd.Series([5, 6], index=["a", "a"]))
    mi = pd.MultiIndex.from_tuples([("a", 1), ("a", 2)])
    with pytest.raises(ValueError, match="MultiIndex"):
        protect_table(pd.DataFrame({"x": [5, 6]}, index=mi))


def test_counts_that_already_hold_totals_are_refused():
    cases = pd.DataFrame({"kon": ["pojke", "flicka", "pojke"], "ag": ["0_6", "0_6", "7_12"]})
    with_totals = pd.crosstab(cases.ag, cases.kon, margins=True)
    with pytest.raises(ValueError, match="row 'All' is the total of the others"):
        protect_table(with_totals)
    with pytest.raises(ValueError, match="is the total of the others"):
        protect_table(pd.Series({"a": 7, "b": 8, "Totalt": 15}), total_label="Summa")
    # a category that merely has such a name is fine
    assert protect_table(pd.Series({"annat": 7, "all": 30})).count_text.tolist() == ["7", "30", "37"]


def test_crosstab_with_categorical_axes():
    cases = pd.DataFrame(
        {
            "kon": pd.Categorical(["pojke"] * 12 + ["flicka"] * 9, categories=["pojke", "flicka"]),
            "ag": pd.Categorical(["0_6"] * 10 + ["7_12"] * 11, categories=["0_6", "7_12", "13_18"]),
        }
    )
    pt = protect_table(pd.crosstab(cases.ag, cases.kon, dropna=False))
    assert pt.count_text.index.tolist() == ["0_6", "7_12", "13_18", "Totalt"]
    assert pt.count_text.columns.tolist() == ["pojke", "flicka", "Totalt"]
    assert pt.count_text.loc["Totalt", "Totalt"] == "21"
    assert pt.count_text.loc["13_18"].tolist() == ["0", "0", "0"]


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="min_cell"):
        protect_table(pd.Series([5]), min_cell=0)
    with pytest.raises(ValueError, match="share_of"):
        protect_table(pd.DataFrame({"a": [5]}), share_of="rows")
    with pytest.raises(ValueError, match="lang"):
        protect_table(pd.Series([5]), lang="de")
    with pytest.raises(ValueError, match="margins=True"):
        protect_table(pd.Series([5, 6]), margins=False)


# ---------------------------------------------------------------------------
# 1-D frequency tables with a total (hand-worked)
# ---------------------------------------------------------------------------


def test_one_small_category_hides_the_next_smallest_too():
    counts = pd.Series({"a": 2, "b": 10, "c": 20})
    pt = protect_table(counts, shares=False)
    assert pt.count_text.tolist() == ["x", "x", "20", "32"]
    assert pt.count_text.index.tolist() == ["a", "b", "c", "Totalt"]
    bounds = attack_table(pt, counts, 5)
    assert bounds == {0: (0, 12), 1: (0, 12)}


def test_two_small_categories_summing_below_min_cell_hide_a_third():
    counts = pd.Series({"a": 1, "b": 2, "c": 50, "d": 60})
    pt = protect_table(counts, shares=False)
    assert pt.count_text.tolist() == ["x", "x", "x", "60", "113"]
    attack_table(pt, counts, 5)


def test_two_small_categories_summing_to_min_cell_are_enough():
    counts = pd.Series({"a": 1, "b": 4, "c": 50})
    pt = protect_table(counts, shares=False)
    assert pt.count_text.tolist() == ["x", "x", "50", "55"]
    assert attack_table(pt, counts, 5) == {0: (0, 5), 1: (0, 5)}


def test_zeros_are_not_used_as_secondary_cells():
    # hiding the zero would leave 2 + 0 = 2 recoverable as "at most 2"
    counts = pd.Series({"a": 2, "b": 0, "c": 9, "d": 30})
    pt = protect_table(counts, shares=False)
    assert pt.count_text.tolist() == ["x", "0", "x", "30", "41"]


def test_a_small_total_is_hidden_as_well():
    counts = pd.Series({"a": 3, "b": 0, "c": 0})
    pt = protect_table(counts)
    assert pt.count_text.tolist() == ["x", "0", "0", "x"]
    assert pt.share_text.tolist() == ["x", "x", "x", "x"]


def test_nothing_hidden_means_no_footnote():
    pt = protect_table(pd.Series({"a": 5, "b": 0, "c": 12}))
    assert pt.n_masked == 0 and not pt.has_masked
    assert pt.footnote() == ""
    assert pt.share_text.tolist() == ["29\xa0%", "0\xa0%", "71\xa0%", "100\xa0%"]


def test_protect_zeros_hides_zeros_and_keeps_them_unrecoverable():
    counts = pd.Series({"a": 0, "b": 9, "c": 30})
    pt = protect_table(counts, protect_zeros=True, shares=False)
    assert pt.count_text.tolist() == ["x", "x", "30", "39"]
    attack_table(pt, counts, 5, protect_zeros=True)
    assert "0–4" in pt.footnote()


def test_group_disclosure_of_a_100_percent_row_is_blocked_by_protect_zeros():
    # all 7 girls are "ja": by default that is shown (0 describes no child) ...
    counts = pd.DataFrame({"ja": [7, 20], "nej": [0, 15]}, index=["flickor", "pojkar"])
    assert protect_table(counts, shares=False).n_masked == 0
    # ... with protect_zeros the zero, and what would give it away, is hidden
    pt = protect_table(counts, shares=False, protect_zeros=True)
    assert (pt.count_text.loc[["flickor", "pojkar"], ["ja", "nej"]] == "x").all().all()
    assert pt.count_text["Totalt"].tolist() == ["7", "35", "42"]
    bounds = attack_table(pt, counts, 5, protect_zeros=True)
    assert bounds[1] == (0, 7)  # flickor/nej could be anything from 0 to 7


# ---------------------------------------------------------------------------
# 2-D group x category with row and column totals (hand-worked)
# ---------------------------------------------------------------------------


def test_2d_one_small_cell_is_protected_by_a_rectangle():
    counts = pd.DataFrame({"ja": [12, 2, 40], "nej": [30, 25, 50], "vet_ej": [0, 7, 9]}, index=["a", "b", "c"])
    pt = protect_table(counts, shares=False)
    expected = pd.DataFrame(
        {
            "ja": ["12", "x", "x", "54"],
            "nej": ["30", "25", "50", "105"],
            "vet_ej": ["0", "x", "x", "16"],
            "Totalt": ["42", "34", "99", "175"],
        },
        index=["a", "b", "c", "Totalt"],
    )
    pd.testing.assert_frame_equal(pt.count_text, expected, check_dtype=False)
    bounds = attack_table(pt, counts, 5)
    # b/ja = a; then b/vet_ej = 9 - a, c/ja = 42 - a, c/vet_ej = 7 + a, so a in [0, 9]
    assert bounds[1 * 4 + 0] == (0, 9)
    assert len(bounds) == 4


def test_2d_small_row_total_is_hidden_and_covered_in_the_totals_column():
    counts = pd.DataFrame({"ja": [2, 10, 20], "nej": [1, 15, 30]}, index=["a", "b", "c"])
    pt = protect_table(counts, shares=False)
    assert pt.count_text.loc["a", "Totalt"] == "x"
    assert (pt.count_text["Totalt"] == "x").sum() >= 2
    assert pt.count_text.loc["Totalt", "Totalt"] == "78"
    attack_table(pt, counts, 5)


def test_secondary_mask_marks_only_the_extra_cells():
    counts = pd.DataFrame({"ja": [12, 2], "nej": [30, 25]}, index=["pojke", "flicka"])
    prim = primary_mask(counts)
    sec = secondary_mask(counts, prim)
    assert sec.shape == (3, 3)
    assert sec.loc["flicka", "ja"] == False  # noqa: E712  (primary, not secondary)
    assert sec.loc[["pojke", "flicka"], ["ja", "nej"]].to_numpy().sum() == 3
    assert not sec.loc["Totalt"].any() and not sec["Totalt"].any()
    one = pd.Series({"a": 2, "b": 10, "c": 20})
    one_d = secondary_mask(one, primary_mask(one))
    assert one_d.tolist() == [False, True, False, False]
    no_margins = secondary_mask(counts, prim, margins=False)
    assert no_margins.shape == (2, 2) and not no_margins.to_numpy().any()


def test_secondary_mask_accepts_another_primary_rule():
    counts = pd.Series({"a": 30, "b": 10, "c": 20})
    prim = pd.Series({"a": True, "b": False, "c": False})  # e.g. a dominance rule
    assert secondary_mask(counts, prim).tolist() == [False, True, False, False]
    with pytest.raises(ValueError, match="same shape and labels"):
        secondary_mask(counts, prim.iloc[:2])
    with pytest.raises(ValueError, match="same shape and labels"):
        secondary_mask(counts, prim.set_axis(["c", "b", "a"]))


# ---------------------------------------------------------------------------
# shares
# ---------------------------------------------------------------------------


def test_shares_follow_their_counts_and_denominators():
    counts = pd.DataFrame({"ja": [12, 2, 40], "nej": [30, 25, 3], "vet_ej": [0, 7, 9]}, index=["a", "b", "c"])
    pt = protect_table(counts)
    assert_shares_safe(pt)
    assert pt.share_text.loc["a", "ja"] == "29\xa0%"  # 12/42
    assert pt.share_text.loc["a", "vet_ej"] == "0\xa0%"
    assert pt.share_text.loc["b", "ja"] == "x"
    assert pt.share_text.loc["Totalt", "ja"] == "42\xa0%"  # 54/128
    assert pt.shares.loc["a", "ja"] == pytest.approx(12 / 42)
    assert np.isnan(pt.shares.loc["b", "ja"])


def test_share_with_hidden_denominator_is_hidden():
    # row 'a' total (3) is small: its shares are hidden even for the shown zero
    counts = pd.DataFrame({"ja": [3, 20], "nej": [0, 30]}, index=["a", "b"])
    pt = protect_table(counts)
    assert pt.count_text.loc["a", "nej"] == "0"
    assert pt.share_text.loc["a"].tolist() == ["x", "x", "x"]


def test_share_of_column_and_total():
    counts = pd.DataFrame({"ja": [10, 30], "nej": [20, 40]}, index=["a", "b"])
    col = protect_table(counts, share_of="column")
    assert col.shares.loc["a", "ja"] == pytest.approx(10 / 40)
    assert col.share_text.loc["Totalt", "nej"] == "100\xa0%"
    tot = protect_table(counts, share_of="total")
    assert tot.shares.loc["b", "nej"] == pytest.approx(40 / 100)


def test_zero_denominator_share_is_blank():
    counts = pd.DataFrame({"ja": [0, 20], "nej": [0, 30]}, index=["a", "b"])
    pt = protect_table(counts)
    assert pt.share_text.loc["a"].tolist() == ["", "", ""]
    assert pt.count_text.loc["a"].tolist() == ["0", "0", "0"]


def test_no_hidden_value_is_kept_in_the_published_object():
    counts = pd.Series({"a": 2, "b": 10, "c": 20})
    pt = protect_table(counts)
    assert pt.counts.isna().tolist() == pt.mask.tolist() == [True, True, False, False]
    assert pt.shares.isna().tolist() == [True, True, False, False]
    assert not hasattr(pt, "primary")


# ---------------------------------------------------------------------------
# multi-select yes/no tables
# ---------------------------------------------------------------------------


def test_multiselect_hides_small_yes_and_small_no():
    yes = pd.Series({"fysiskt_vald": 12, "heder": 2, "annat": 28})
    pt = protect_multiselect(yes, 30)
    assert pt.count_text.tolist() == ["12", "x", "x", "30"]
    assert pt.count_text.index[-1] == "Antal registreringar"
    assert pt.share_text.tolist() == ["40\xa0%", "x", "x", ""]
    attack_multiselect_series(pt, yes, 30, 5)


def test_multiselect_complement_protection_can_be_turned_off():
    yes = pd.Series({"a": 12, "b": 28})
    pt = protect_multiselect(yes, 30, protect_complement=False, shares=False)
    assert pt.count_text.tolist() == ["12", "28", "30"]


def test_multiselect_small_n_hides_everything_but_zeros():
    yes = pd.Series({"a": 3, "b": 0})
    pt = protect_multiselect(yes, 3)
    assert pt.count_text.tolist() == ["x", "0", "x"]
    attack_multiselect_series(pt, yes, 3, 5)


def test_multiselect_by_group():
    yes = pd.DataFrame({"o1": [3, 10, 20], "o2": [8, 9, 1]}, index=["g1", "g2", "g3"])
    n = pd.Series([10, 12, 25], index=yes.index)
    pt = protect_multiselect(yes, n)
    assert pt.count_text.columns.tolist() == ["o1", "o2", "Antal registreringar"]
    assert pt.count_text["Antal registreringar"].tolist() == ["10", "12", "25", "47"]
    assert_no_small_count_shown(pt, 5)
    attack_multiselect_frame(pt, yes, n, 5)


def test_multiselect_refuses_yes_above_n():
    with pytest.raises(ValueError, match=r"row 'b': value 31 is larger than n = 30"):
        protect_multiselect(pd.Series({"a": 3, "b": 31}), 30)
    with pytest.raises(ValueError, match="same index"):
        protect_multiselect(pd.DataFrame({"o": [1, 2]}, index=["a", "b"]), pd.Series([5, 5], index=["b", "a"]))


# ---------------------------------------------------------------------------
# degenerate tables
# ---------------------------------------------------------------------------


def test_empty_series():
    pt = protect_table(pd.Series([], dtype="int64"))
    assert pt.count_text.tolist() == ["0"]
    assert pt.share_text.tolist() == [""]


def test_empty_dataframe():
    pt = protect_table(pd.DataFrame({"a": pd.Series([], dtype="int64")}))
    assert pt.count_text.shape == (1, 2)
    assert pt.count_text.to_numpy().ravel().tolist() == ["0", "0"]


@pytest.mark.parametrize("value, shown", [(3, "x"), (7, "7"), (0, "0")])
def test_single_cell(value, shown):
    pt = protect_table(pd.DataFrame({"a": [value]}, index=["g"]), shares=False)
    assert set(pt.count_text.to_numpy().ravel()) == {shown}


def test_all_cells_small():
    counts = pd.DataFrame({"a": [1, 2], "b": [3, 1]}, index=["g", "h"])
    pt = protect_table(counts, shares=False)
    # the grand total 7 may be shown; every other count is small or would give one away
    assert pt.count_text.loc["Totalt", "Totalt"] == "7"
    assert (pt.count_text == "x").to_numpy().sum() == 8
    attack_table(pt, counts, 5)


# ---------------------------------------------------------------------------
# properties over many tables: seeded and hypothesis-generated
# ---------------------------------------------------------------------------

small_or_any = st.one_of(st.integers(0, 6), st.integers(0, 60))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(small_or_any, min_size=1, max_size=8), min_cell=st.sampled_from([3, 5, 10]))
def test_attacker_fails_on_every_1d_table(values, min_cell):
    counts = pd.Series(values, index=[f"k{i}" for i in range(len(values))])
    pt = protect_table(counts, min_cell=min_cell)
    assert_no_small_count_shown(pt, min_cell)
    assert_shares_safe(pt)
    attack_table(pt, counts, min_cell)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    data=st.data(),
    min_cell=st.sampled_from([3, 5]),
)
def test_attacker_fails_on_every_2d_table(shape, data, min_cell):
    r, c = shape
    values = data.draw(st.lists(small_or_any, min_size=r * c, max_size=r * c))
    counts = pd.DataFrame(
        np.array(values).reshape(r, c), index=[f"g{i}" for i in range(r)], columns=[f"k{j}" for j in range(c)]
    )
    pt = protect_table(counts, min_cell=min_cell)
    assert_no_small_count_shown(pt, min_cell)
    assert_shares_safe(pt)
    attack_table(pt, counts, min_cell)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_attacker_fails_on_every_multiselect_table(data):
    n = data.draw(st.integers(0, 40))
    k = data.draw(st.integers(1, 6))
    yes = pd.Series(
        data.draw(st.lists(st.integers(0, n), min_size=k, max_size=k)), index=[f"o{i}" for i in range(k)]
    )
    pt = protect_multiselect(yes, n)
    assert_no_small_count_shown(pt, MIN_CELL)
    assert_shares_safe(pt)
    attack_multiselect_series(pt, yes, n, MIN_CELL)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_attacker_fails_on_every_grouped_multiselect_table(data):
    g = data.draw(st.integers(1, 3))
    o = data.draw(st.integers(1, 3))
    ns = data.draw(st.lists(st.integers(0, 30), min_size=g, max_size=g))
    rows = [data.draw(st.lists(st.integers(0, m), min_size=o, max_size=o)) for m in ns]
    yes = pd.DataFrame(rows, index=[f"g{i}" for i in range(g)], columns=[f"o{j}" for j in range(o)])
    n = pd.Series(ns, index=yes.index)
    pt = protect_multiselect(yes, n)
    assert_no_small_count_shown(pt, MIN_CELL)
    assert_shares_safe(pt)
    attack_multiselect_frame(pt, yes, n, MIN_CELL)


def test_attacker_fails_on_seeded_realistic_tables():
    """Tables shaped like the report's: 2-7 groups x 2-6 categories, skewed counts."""
    rng = np.random.default_rng(20171231)
    for _ in range(40):
        r, c = rng.integers(2, 8), rng.integers(2, 7)
        scale = rng.choice([2.0, 6.0, 20.0])
        counts = pd.DataFrame(rng.poisson(rng.gamma(1.0, scale, size=(r, c))))
        counts.index = [f"g{i}" for i in range(r)]
        counts.columns = [f"k{j}" for j in range(c)]
        pt = protect_table(counts)
        assert_no_small_count_shown(pt, 5)
        assert_shares_safe(pt)
        attack_table(pt, counts, 5)


# ---------------------------------------------------------------------------
# symbol, footnote, formatting, labels
# ---------------------------------------------------------------------------


def test_symbol_and_footnote():
    assert SUPPRESSED == "x"
    sv, en = footnote(5, "sv"), footnote(5, "en")
    assert sv.startswith("x = Uppgiften redovisas inte av sekretesskäl")
    assert "1–4" in sv and "mindre än 5" in sv
    assert en.startswith("x = Not shown for confidentiality") and "1–4" in en
    assert "1–9" in footnote(10, "sv")
    pt = protect_table(pd.Series({"a": 2, "b": 10, "c": 20}))
    assert pt.footnote() == sv and pt.footnote("en") == en
    assert sv in pt._repr_html_()
    assert repr(pt).endswith(sv) and "Antal" in repr(pt)


def test_swedish_and_english_number_format():
    assert format_count(1234567) == "1\xa0234\xa0567"
    assert format_count(1234567, "en") == "1,234,567"
    assert format_count(999) == "999"
    assert format_share(0.125, 1) == "12,5\xa0%"
    assert format_share(0.125, 1, "en") == "12.5%"
    assert format_share(0.005) == "1\xa0%"  # half up, not to even
    assert format_share(0.025) == "3\xa0%"
    assert format_share(1) == "100\xa0%"


def test_english_labels_and_custom_total_label():
    pt = protect_table(pd.DataFrame({"a": [10, 20]}, index=["x", "y"]), lang="en")
    assert pt.table.columns.get_level_values(0).unique().tolist() == ["Number", "Share"]
    assert pt.count_text.index[-1] == "Total"
    assert pt.count_text.loc["Total", "a"] == "30"
    custom = protect_table(pd.Series({"a": 10}), total_label="Alla")
    assert custom.count_text.index.tolist() == ["a", "Alla"]
    with pytest.raises(ValueError, match="already a category"):
        protect_table(pd.Series({"Totalt": 10}))


def test_categorical_index_keeps_its_order():
    idx = pd.CategoricalIndex(["0_6", "7_12", "13_18"], categories=["0_6", "7_12", "13_18"], ordered=True)
    pt = protect_table(pd.Series([10, 12, 30], index=idx))
    assert pt.table.index.tolist() == ["0_6", "7_12", "13_18", "Totalt"]
    assert pt.table.columns.tolist() == ["Antal", "Andel"]


# ---------------------------------------------------------------------------
# too few registrations for a report
# ---------------------------------------------------------------------------


def test_too_few_registrations():
    assert min_registrations() == 20
    assert min_registrations(3) == 12
    assert too_few(0) and too_few(19) and not too_few(20)
    per_kommun = pd.Series({"Arvika": 42, "Hammarö": 7})
    assert too_few(per_kommun).tolist() == [False, True]
    with pytest.raises(ValueError):
        too_few(-1)


def test_too_few_text_says_so_without_giving_the_number():
    sv = too_few_text("Hammarö")
    assert sv.startswith("Hammarö har för få registreringar (färre än 20)")
    assert re.findall(r"\d+", sv) == ["20"]
    en = too_few_text("Hammarö", lang="en")
    assert "fewer than 20" in en and re.findall(r"\d+", en) == ["20"]


@pytest.mark.parametrize(
    "values, dtype, shown",
    [
        ([3, -1], "int64", "-1"),
        ([3.0, 1.5], "float64", "1.5"),
        ([3.0, float("nan")], "float64", "nan"),
        ([3.0, float("inf")], "float64", "inf"),
        ([3, None], "Int64", "<NA>"),
        ([True, False], "bool", "True"),
        (["3", "tre"], "object", "'tre'"),
    ],
)
def test_counts_that_are_not_whole_numbers_are_refused_naming_the_cell(values, dtype, shown):
    index = ["pojke", "flicka"]
    bad = pd.DataFrame({"ja": pd.Series(values, dtype=dtype, index=index), "nej": [4, 6]}, index=index)
    row = "pojke" if dtype == "bool" else "flicka"
    with pytest.raises(ValueError, match=rf"row '{row}', column 'ja': value {re.escape(shown)} is not allowed"):
        protect_table(bad)


def test_whole_counts_of_any_numeric_dtype_give_the_same_table():
    ints = pd.DataFrame({"ja": [12, 2], "nej": [30, 25]}, index=["pojke", "flicka"])
    for other in (ints.astype("float64"), ints.astype("Int64"), ints.astype("uint16"), ints.astype(str)):
        assert protect_table(other).table.equals(protect_table(ints).table)


# ---------------------------------------------------------------------------
# the bare masks are the masks the protected tables publish
# ---------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), shape=st.tuples(st.integers(1, 4), st.integers(1, 5)),
       min_cell=st.sampled_from([3, 5]), margins=st.booleans(), zeros=st.booleans())
def test_count_mask_is_the_mask_protect_table_publishes(data, shape, min_cell, margins, zeros):
    values = np.array(data.draw(st.lists(small_or_any, min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])))
    table = pd.DataFrame(values.reshape(shape), index=[f"g{i}" for i in range(shape[0])],
                         columns=[f"k{j}" for j in range(shape[1])])
    opts = dict(min_cell=min_cell, margins=margins, protect_zeros=zeros)
    expected = protect_table(table, shares=margins, **opts).mask.to_numpy()
    assert (count_mask(table.to_numpy(), **opts) == expected).all()
    row = table.iloc[0]
    assert (count_mask(row.to_numpy(), **opts) == protect_table(row, shares=margins, **opts).mask.to_numpy()).all()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), shape=st.tuples(st.integers(1, 3), st.integers(1, 4)), min_cell=st.sampled_from([3, 5]),
       margins=st.booleans(), complement=st.booleans(), zeros=st.booleans())
def test_multiselect_mask_is_the_mask_protect_multiselect_publishes(data, shape, min_cell, margins, complement, zeros):
    n = np.array(data.draw(st.lists(st.integers(0, 40), min_size=shape[0], max_size=shape[0])))
    yes = np.array([[data.draw(st.integers(0, int(total))) for _ in range(shape[1])] for total in n])
    groups, options = [f"g{i}" for i in range(shape[0])], [f"o{j}" for j in range(shape[1])]
    opts = dict(min_cell=min_cell, protect_complement=complement, protect_zeros=zeros)
    table = protect_multiselect(pd.DataFrame(yes, index=groups, columns=options), pd.Series(n, index=groups),
                                margins=margins, shares=margins, **opts)
    assert (multiselect_mask(yes, n, margins=margins, **opts) == table.mask.to_numpy()).all()
    one = protect_multiselect(pd.Series(yes[0], index=options), int(n[0]), **opts)
    assert (multiselect_mask(yes[0], n[0], **opts) == one.mask.to_numpy()).all()


@pytest.mark.parametrize("bad", [np.array([1, -2]), np.array([1.5, 2.0]), np.array([np.nan, 1.0]), np.array(["1", "2"])])
def test_count_mask_refuses_what_is_not_a_count(bad):
    with pytest.raises(ValueError, match="whole numbers >= 0"):
        count_mask(bad)


def test_multiselect_mask_refuses_more_yes_than_n():
    with pytest.raises(ValueError, match="larger than its n"):
        multiselect_mask(np.array([[3, 9]]), np.array([8]))
