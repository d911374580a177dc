"""Nothing shown beside a protected table may be computed from a cell it hides.

The attacker knows everything the table shows (every published count, share,
interval, p-value, header and footnote) and the suppression rule. For a
hidden cell it enumerates every candidate dataset with the same published
margins, renders the same table for each, and keeps the candidates whose
output is identical to what it sees. If only the true one is left, the hidden
cell is singled out. These tests run that attacker over many small tables,
with every derived value ``summary_table`` can print beside the counts
(p-values, Wilson intervals, shares), for a yes/no, a single choice and a
multi-select group.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from webbkollen_lib import apply_dtypes, summary_table

MIN_CELL = 5


def yes_no(a: int, n1: int, c: int, n2: int) -> pd.DataFrame:
    """Boys: a of n1 with a SIP; girls: c of n2."""
    return apply_dtypes(pd.DataFrame({
        "kon": ["pojke"] * n1 + ["flicka"] * n2,
        "sip": [True] * a + [False] * (n1 - a) + [True] * c + [False] * (n2 - c),
    }))


def rendered(frame: pd.DataFrame, variables, **options) -> str:
    table = summary_table(frame, variables, by="kon", min_cell=MIN_CELL, lang="en", **options)
    return table.to_string() + "\n" + "\n".join(table.attrs["footnotes"])


def test_the_reviewers_reproducer_no_longer_singles_out_the_hidden_cell():
    seen = rendered(yes_no(3, 20, 12, 26), ["sip"], add_p=True)
    candidates = [a for a in range(16) if rendered(yes_no(a, 20, 15 - a, 26), ["sip"], add_p=True) == seen]
    assert 3 in candidates and len(candidates) > 1, candidates
    assert "p-value is not shown" in seen


def test_without_the_rule_the_same_attacker_would_succeed():
    """The attack is real: the raw p-value of compare_groups tells the candidates apart."""
    from webbkollen_lib import compare_groups

    def p(a):
        return round(float(compare_groups(yes_no(a, 20, 15 - a, 26), ["sip"], by="kon")["p"].iloc[0]), 3)

    observed = p(3)
    assert [a for a in range(1, 5) if p(a) == observed] == [3]


@pytest.mark.parametrize("options", [{"add_p": True}, {"add_p": True, "ci": 0.95}, {"ci": 0.95}],
                         ids=["p", "p+ci", "ci"])
def test_no_derived_value_singles_out_a_hidden_yes_no_cell(options):
    """Every table of two groups of these sizes, rendered once; a table that hides a cell must look like another."""
    singled_out = []
    for n1, n2 in ((12, 9), (20, 26)):
        outputs: dict[str, list] = {}
        for a, c in itertools.product(range(n1 + 1), range(n2 + 1)):
            outputs.setdefault(rendered(yes_no(a, n1, c, n2), ["sip"], **options), []).append((a, c))
        for seen, candidates in outputs.items():
            first_line = seen.split("\n")[2]  # the variable's row: does the table hide a cell?
            if " x" in first_line and len(candidates) == 1:
                singled_out.append((n1, n2, *candidates[0]))
    assert singled_out == [], f"hidden cells singled out by the visible output: {singled_out[:10]}"


def single_choice(counts_boys, counts_girls) -> pd.DataFrame:
    codes = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    rows = []
    for sex, counts in (("pojke", counts_boys), ("flicka", counts_girls)):
        for code, k in zip(codes, counts):
            rows += [{"kon": sex, "risk_beslut": code}] * k
    return apply_dtypes(pd.DataFrame(rows))


def test_no_p_value_singles_out_a_hidden_cell_of_a_single_choice():
    boys, girls = (9, 3, 12, 6), (7, 8, 2, 10)  # two primary cells (3 and 2)
    seen = rendered(single_choice(boys, girls), ["risk_beslut"], add_p=True)
    # move registrations between the two hidden cells' rows and columns, keeping every margin
    candidates = []
    for shift in range(-3, 4):
        b = (boys[0], boys[1] + shift, boys[2] - shift, boys[3])
        g = (girls[0], girls[1] - shift, girls[2] + shift, girls[3])
        if min(b + g) < 0:
            continue
        if rendered(single_choice(b, g), ["risk_beslut"], add_p=True) == seen:
            candidates.append(shift)
    assert 0 in candidates and len(candidates) > 1, candidates


def multi(ticked_boys: int, ticked_girls: int, n1: int = 15, n2: int = 18) -> pd.DataFrame:
    frame = pd.DataFrame({
        "kon": ["pojke"] * n1 + ["flicka"] * n2,
        "hem_fysiskt_vald": [True] * ticked_boys + [False] * (n1 - ticked_boys) + [True] * ticked_girls
        + [False] * (n2 - ticked_girls),
        "hem_annat": [True, False] * (n1 // 2) + [True] * (n1 % 2) + [False, True] * (n2 // 2) + [False] * (n2 % 2),
    })
    return apply_dtypes(frame)


def test_no_p_value_singles_out_a_hidden_option_of_a_multi_select_group():
    seen = rendered(multi(2, 9), ["hem"], add_p=True)
    candidates = [a for a in range(12) if rendered(multi(a, 11 - a), ["hem"], add_p=True) == seen]
    assert 2 in candidates and len(candidates) > 1, candidates


def test_p_values_without_hidden_inputs_are_still_shown():
    table = summary_table(yes_no(10, 20, 15, 26), ["sip"], by="kon", add_p=True, min_cell=MIN_CELL, lang="en")
    assert table.iloc[0, -1] not in ("x", "")
    assert not any("p-value is not shown" in f for f in table.attrs["footnotes"])


def test_the_general_attacker_finds_the_leak_when_the_rule_is_switched_off(monkeypatch):
    import webbkollen_lib.present.tables as tables

    monkeypatch.setattr(tables, "_hidden_test_inputs", lambda var, p, G: set())
    outputs: dict[str, list] = {}
    for a, c in itertools.product(range(13), range(10)):
        outputs.setdefault(rendered(yes_no(a, 12, c, 9), ["sip"], add_p=True), []).append((a, c))
    singled_out = [c for seen, c in outputs.items() if " x" in seen.split("\n")[2] and len(c) == 1]
    assert len(singled_out) > 10
