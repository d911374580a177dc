"""Specification of descriptive tables (webbkollen_lib.analysis.descriptive) and number formats (formatting).

Known answers: the report's Table 3 (counts and shares of 416 closed
interventions), Wilson intervals from the closed formula, hand-counted
multi-select tables, and the disclosure module's own mask for the same counts.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import apply_dtypes
from webbkollen_lib.analysis.descriptive import (
    OVERALL,
    MissingColumnError,
    crosstab,
    frequency_table,
    wilson_interval,
)
from webbkollen_lib.present.tables import summary_table, to_html, to_markdown
from webbkollen_lib.core.formatting import (
    NBSP,
    format_count,
    format_interval,
    format_n_percent,
    format_number,
    format_p,
    format_percent,
    text,
)

# ---------------------------------------------------------------------------
# frames
# ---------------------------------------------------------------------------


def table3_frame() -> pd.DataFrame:
    """416 closed interventions with exactly the margins of the report's Table 3."""
    n = 416
    kon = ["pojke"] * 224 + ["flicka"] * 192
    alder = [3] * 94 + [10] * 147 + [15] * 152 + [19] * 23
    ursprung = ["sverige"] * 329 + ["utlandet"] * 81 + [None] * 6
    ensamkommande = [False] * 329 + [True] * 44 + [False] * 37 + [False] * 6
    return apply_dtypes(
        pd.DataFrame(
            {
                "kommun": ["Umeå"] * n,
                "ar": [2017] * n,
                "tillfalle": ["avslut"] * n,
                "kon": kon,
                "alder": alder,
                "ursprung": ursprung,
                "ensamkommande": ensamkommande,
            }
        )
    )


def small_frame() -> pd.DataFrame:
    return apply_dtypes(
        pd.DataFrame(
            {
                "kon": ["pojke", "pojke", "pojke", "flicka", "flicka", None],
                "alder": [4, 8, 15, 9, 16, 12],
                "risk_beslut": ["hog", "hog", None, "ingen_lag", "hog", "mycket_hog"],
                # case 3 left the whole group empty; case 4 answered but left one option empty
                "hem_fysiskt_vald": [True, False, None, None, True, False],
                "hem_bristande_omsorg": [True, True, None, True, False, False],
                "hem_ingen": [False, False, None, False, False, True],
                "samtal_enskilt_beslut": [True, False, True, None, True, True],
            }
        )
    )


def row(frame, **where):
    mask = np.ones(len(frame), dtype=bool)
    for k, v in where.items():
        mask &= frame[k].map(lambda x: x == v if v is not None else x is None).to_numpy(dtype=bool)
    found = frame[mask]
    assert len(found) == 1, (where, found)
    return found.iloc[0]


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------


def test_swedish_and_english_number_formats():
    assert format_percent(0.48) == f"48{NBSP}%"
    assert format_percent(0.48, lang="en") == "48%"
    assert format_percent(0.125) == f"13{NBSP}%"  # half up, not half to even
    assert format_percent(0.0625, decimals=1) == f"6,3{NBSP}%"
    assert format_number(4.03, 2) == "4,03"
    assert format_number(2.675, 2, lang="en") == "2.68"
    assert format_number(1234.5, 1) == f"1{NBSP}234,5"
    assert format_count(1234, "en") == "1,234"
    assert format_n_percent(224, 224 / 416) == f"224 (54{NBSP}%)"
    assert format_interval(0.48, 0.6, percent=True) == f"48–60{NBSP}%"
    assert format_interval(-0.05, 0.031, percent=True, lang="en") == "-5 to 3%"
    assert format_p(0.0004) == "<0,001" and format_p(0.0312, "en") == "0.031"
    assert format_p(0.4449) == "0,44" and format_p(0.999) == ">0,99"
    assert format_percent(float("nan")) == "–"
    assert text("n_header", "en", label="Boy", n="3") == "Boy, N = 3"


def test_percent_format_agrees_with_the_disclosure_module():
    from webbkollen_lib.disclosure import format_count as d_count
    from webbkollen_lib.disclosure import format_share

    for total in range(1, 61):
        for k in range(total + 1):
            for lang in ("sv", "en"):
                assert format_percent(k / total, lang=lang) == format_share(k / total, lang=lang), (k, total)
    assert format_count(12345) == d_count(12345)


def test_bad_language_and_p_value_are_refused():
    with pytest.raises(ValueError, match="lang"):
        format_percent(0.5, lang="de")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        format_p(1.5)


# ---------------------------------------------------------------------------
# Wilson interval
# ---------------------------------------------------------------------------


def wilson_by_hand(k, n, level=0.95):
    z = {0.95: 1.959963984540054, 0.9: 1.6448536269514722}[level]
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize("k,n", [(224, 416), (0, 10), (10, 10), (1, 3), (44, 416)])
def test_wilson_interval_matches_the_closed_formula(k, n):
    low, high = wilson_interval(k, n)
    lo, hi = wilson_by_hand(k, n)
    assert low == pytest.approx(lo, abs=1e-12) and high == pytest.approx(hi, abs=1e-12)
    lo90, hi90 = wilson_by_hand(k, n, 0.9)
    assert wilson_interval(k, n, 0.9) == pytest.approx((lo90, hi90), abs=1e-12)


def test_wilson_interval_of_an_empty_group_is_nan():
    low, high = wilson_interval(np.array([0, 2]), np.array([0, 4]))
    assert np.isnan(low[0]) and np.isnan(high[0]) and low[1] > 0


# ---------------------------------------------------------------------------
# frequency_table
# ---------------------------------------------------------------------------


def test_table3_counts_and_shares_of_all_registrations():
    cases = table3_frame()
    kon = frequency_table(cases, "kon")
    assert kon["n"].tolist() == [224, 192, 0]
    assert kon["share"].tolist() == pytest.approx([224 / 416, 192 / 416, 0])
    assert kon["label"].tolist() == ["Pojke", "Flicka", "Saknas"]
    origin = frequency_table(cases, "ursprung")
    # the report: 329 (79) and 81 (19) do not sum to 100: origin is missing for 2 %
    assert origin["n"].tolist() == [329, 81, 6]
    assert [format_percent(s) for s in origin["share"]] == [f"79{NBSP}%", f"19{NBSP}%", f"1{NBSP}%"]
    assert (origin["denominator"] == 416).all() and (origin["n_missing"] == 6).all() and (origin["n_valid"] == 410).all()
    age = frequency_table(cases, "aldersgrupp", lang="en")
    assert age["label"].tolist() == ["0–6 years", "7–12 years", "13–18 years", "Over 18", "Missing"]
    assert [round(100 * s) for s in age["share"][:4]] == [23, 35, 37, 6]
    alone = frequency_table(cases, "ensamkommande")
    assert row(alone, category=True)["n"] == 44
    lo, hi = wilson_by_hand(44, 416)
    assert row(alone, category=True)["ci_low"] == pytest.approx(lo)
    assert row(alone, category=True)["ci_high"] == pytest.approx(hi)


def test_dropna_takes_shares_of_those_with_an_answer_and_still_reports_the_missing():
    origin = frequency_table(table3_frame(), "ursprung", dropna=True)
    assert origin["category"].tolist() == ["sverige", "utlandet"]
    assert origin["share"].tolist() == pytest.approx([329 / 410, 81 / 410])
    assert (origin["n_missing"] == 6).all() and (origin["denominator"] == 410).all()


def test_grouped_shares_are_column_percentages_with_zero_rows_kept():
    f = frequency_table(small_frame(), "risk_beslut", by="kon", dropna=True, overall=True)
    boys = f[f["group"] == "pojke"]
    assert boys["category"].tolist() == ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    assert boys["n"].tolist() == [0, 0, 2, 0]  # zero rows are kept
    assert boys["share"].tolist() == pytest.approx([0, 0, 1, 0])
    assert (boys["n_missing"] == 1).all() and (boys["n_total"] == 3).all()
    girls = f[f["group"] == "flicka"]
    assert girls["share"].tolist() == pytest.approx([0.5, 0, 0.5, 0])
    overall = f[f["group"] == OVERALL]
    # the registration without sex is in the overall rows only
    assert overall["n"].tolist() == [1, 0, 3, 1] and (overall["group_label"] == "Totalt").all()
    assert f.attrs["n_by_missing"] == 1
    assert set(f["group_label"]) == {"Pojke", "Flicka", "Totalt"}


def test_multi_select_shares_are_shares_of_cases():
    f = frequency_table(small_frame(), "hem", dropna=True)
    # answered cases: all but case 3 -> 5; an option left empty in an answered case is not ticked
    assert f["category"].tolist() == ["hem_bristande_omsorg", "hem_fysiskt_vald", "hem_ingen"]  # codebook order
    assert f["n"].tolist() == [3, 2, 1]
    assert (f["denominator"] == 5).all() and (f["n_missing"] == 1).all()
    assert f["share"].sum() > 1  # options overlap
    assert "100 %" in f.attrs["footnotes"][0]
    with_missing = frequency_table(small_frame(), "hem")
    assert with_missing["label"].tolist()[-1] == "Saknas"
    assert with_missing["n"].tolist() == [3, 2, 1, 1] and (with_missing["denominator"] == 6).all()


def test_an_option_column_alone_is_a_yes_no():
    f = frequency_table(small_frame(), "hem_fysiskt_vald", dropna=True)
    assert f["category"].tolist() == [True, False] and f["label"].tolist() == ["Ja", "Nej"]
    assert f["n"].tolist() == [2, 2] and (f["n_missing"] == 2).all()
    assert f["variable_label"].iloc[0] == "Identifierad utsatthet i hemmiljön: Fysiskt våld mot barnet"


def test_degenerate_tables_have_defined_results():
    cases = small_frame()
    # all missing
    none = cases.assign(risk_beslut=pd.Series([None] * 6, dtype=cases["risk_beslut"].dtype))
    f = frequency_table(none, "risk_beslut")
    assert f["n"].tolist() == [0, 0, 0, 0, 6] and f["share"].tolist() == pytest.approx([0, 0, 0, 0, 1])
    g = frequency_table(none, "risk_beslut", dropna=True)
    assert g["share"].isna().all() and (g["n_valid"] == 0).all() and g["ci_low"].isna().all()
    # one group only: every registration is a boy
    boys = cases.assign(kon=pd.Series(["pojke"] * 6, dtype=cases["kon"].dtype))
    h = frequency_table(boys, "kon", by="kon")
    assert row(h, group="pojke", category="pojke")["share"] == 1
    girls = h[h["group"] == "flicka"]
    assert (girls["n_total"] == 0).all() and girls["share"].isna().all()  # an empty group: no share, no error
    # a single category
    single = frequency_table(boys, "kon", dropna=True)
    assert single["share"].tolist() == [1.0, 0.0]
    # no rows at all
    empty = frequency_table(cases.iloc[:0], "kon")
    assert empty["n"].tolist() == [0, 0, 0] and empty["share"].isna().all()


def test_integer_and_derived_variables():
    cases = small_frame()
    age = frequency_table(cases, "alder", dropna=True)
    assert age["category"].tolist() == [4, 8, 9, 12, 15, 16]
    count = frequency_table(cases, "antal_utsatthet", dropna=True)
    # exposure count: hem options ticked (the explicit "none" is not counted); case 3 has none filled in
    assert dict(zip(count["category"], count["n"])) == {0: 1, 1: 3, 2: 1}
    assert count["variable_label"].iloc[0] == "Antal identifierade utsatthetsformer"
    exposure = frequency_table(cases.assign(ursprung=["sverige"] * 6), "kon_ursprung", dropna=True, lang="en")
    assert exposure["label"].tolist()[:2] == ["Girl born in Sweden", "Boy born in Sweden"]


def test_binned_exposure_count_as_a_variable():
    from webbkollen_lib.analysis.exposure_risk import bin_exposure_count

    cases = small_frame()
    binned = cases.assign(antal_utsatthet_klass=bin_exposure_count(cases, ((0, 0), (1, None))))
    f = frequency_table(binned, "antal_utsatthet_klass", dropna=True)
    assert f["label"].tolist() == ["0", "1 eller fler"] and f["n"].tolist() == [1, 4]
    assert f["variable_label"].iloc[0] == "Antal identifierade utsatthetsformer"


def test_a_municipality_export_gives_the_same_tables(tmp_path):
    """Written as Excel-on-Swedish-Windows would (labels, semicolons, Ja/Nej) and read back."""
    from webbkollen_lib import read_registrations, write_registrations

    cases = small_frame()
    cases.insert(0, "kommun", "Umeå")
    cases.insert(1, "ar", pd.array([2017] * 6, dtype="Int64"))
    cases.insert(2, "tillfalle", pd.Categorical(["avslut"] * 6, categories=["uppfoljning", "avslut"]))
    cases["kon"] = cases["kon"].fillna("pojke")  # sex is required in a file
    path = write_registrations(cases, tmp_path / "export.csv", labels=True, sep=";", encoding="cp1252")
    exported = read_registrations(path)
    variables = ["kon", "aldersgrupp", "risk_beslut", "hem", "samtal_enskilt_beslut", "antal_utsatthet"]
    pd.testing.assert_frame_equal(summary_table(exported, variables, by="kon"), summary_table(cases, variables, by="kon"))


def test_missing_variable_gets_a_clear_error():
    with pytest.raises(MissingColumnError, match="the analysis needs column 'avslutsorsak', which the data lacks"):
        frequency_table(small_frame(), "avslutsorsak")
    with pytest.raises(MissingColumnError, match="vh_"):
        frequency_table(small_frame(), "vh")
    with pytest.raises(KeyError):  # MissingColumnError is a KeyError
        frequency_table(small_frame(), "no_such_thing")
    with pytest.raises(ValueError, match="multi-select"):
        frequency_table(small_frame(), "kon", by="hem")
    with pytest.raises(TypeError, match="DataFrame"):
        frequency_table([1, 2], "kon")


# ---------------------------------------------------------------------------
# disclosure control
# ---------------------------------------------------------------------------


def test_min_cell_hides_exactly_what_the_disclosure_module_hides():
    from webbkollen_lib.disclosure import protect_table

    rng = np.random.default_rng(7)
    n = 60
    cases = apply_dtypes(
        pd.DataFrame(
            {
                "kon": rng.choice(["pojke", "flicka"], n),
                "risk_beslut": rng.choice(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", None], n, p=[0.45, 0.35, 0.12, 0.05, 0.03]),
            }
        )
    )
    f = frequency_table(cases, "risk_beslut", by="kon", min_cell=5, overall=True)
    counts = pd.crosstab(cases["kon"].astype(object), cases["risk_beslut"].astype(object).fillna("NA"))
    counts = counts.reindex(index=["pojke", "flicka"], columns=["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", "NA"], fill_value=0)
    expected = protect_table(counts, 5, shares=False)
    for g, label in (("pojke", "pojke"), ("flicka", "flicka"), (OVERALL, "Totalt")):
        got = f[f["group"] == g]["n"].tolist()
        want = expected.counts.loc[label, ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", "NA"]].tolist()
        assert [None if pd.isna(x) else int(x) for x in got] == [None if pd.isna(x) else int(x) for x in want]
    hidden = f[f["n"].isna()]
    assert hidden["share"].isna().all() and hidden["ci_low"].isna().all() and hidden["suppressed"].all()
    shown = f["n"].dropna().astype(int)
    assert not ((shown >= 1) & (shown <= 4)).any()
    assert any("sekretess" in note for note in f.attrs["footnotes"])


def test_summary_table_with_min_cell_shows_no_small_count():
    rng = np.random.default_rng(3)
    n = 80
    cases = apply_dtypes(
        pd.DataFrame(
            {
                "kon": rng.choice(["pojke", "flicka"], n),
                "alder": rng.integers(0, 21, n),
                "risk_beslut": rng.choice(["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"], n, p=[0.5, 0.35, 0.1, 0.05]),
                "hem_heder": rng.random(n) < 0.04,
                "hem_annat": rng.random(n) < 0.3,
            }
        )
    )
    table = summary_table(cases, ["aldersgrupp", "risk_beslut", "hem"], by="kon", min_cell=5)
    counts = []
    for cell in table.to_numpy().ravel():
        m = re.match(r"^(\d+)", cell)
        if m:
            counts.append(int(m.group(1)))
    assert counts and not any(1 <= c <= 4 for c in counts)
    assert (table.to_numpy() == "x").any()
    assert any("sekretess" in note for note in table.attrs["footnotes"])


def test_min_cell_must_be_a_whole_number():
    with pytest.raises(ValueError, match="min_cell"):
        frequency_table(small_frame(), "kon", min_cell=0)


# ---------------------------------------------------------------------------
# summary_table
# ---------------------------------------------------------------------------


def test_summary_table_reproduces_table3():
    cases = table3_frame()
    table = summary_table(cases, ["kon", "aldersgrupp", "ursprung", "ensamkommande"], missing="ifany")
    column = table["Totalt, N = 416"]
    assert column["  Pojke"] == f"224 (54{NBSP}%)"
    assert column["  Flicka"] == f"192 (46{NBSP}%)"
    assert column["  0–6 år"] == f"94 (23{NBSP}%)"
    assert column["  7–12 år"] == f"147 (35{NBSP}%)"
    assert column["  13–18 år"] == f"152 (37{NBSP}%)"
    assert column["  Över 18 år"] == f"23 (6{NBSP}%)"
    assert column["  Född i Sverige"] == f"329 (79{NBSP}%)"
    assert column["  Född utomlands"] == f"81 (19{NBSP}%)"
    assert column["Ensamkommande barn"] == f"44 (11{NBSP}%)"  # a yes/no takes one row
    # missing="ifany": only origin has a missing row
    assert list(table.index).count("  Saknas") == 1
    assert table.index.name == "Variabel"


def test_summary_table_layout_by_group_in_english():
    cases = small_frame()
    table = summary_table(cases, ["kon", "risk_beslut", "hem", "alder"], by="kon", lang="en", decimals=1)
    assert list(table.columns) == ["Boy, N = 3", "Girl, N = 2", "Overall, N = 6"]
    labels = list(table.index)
    assert labels[:4] == ["Sex", "  Boy", "  Girl", "  Missing"]
    assert "Identified exposure in the home environment ¹" in labels
    risk = labels.index("Risk that the child is harmed in the present situation at the decision")
    assert labels[risk + 1 : risk + 6] == ["  No/low risk", "  Somewhat elevated risk", "  High risk", "  Very high risk", "  Missing"]
    boys = table["Boy, N = 3"]
    assert boys.iloc[risk + 3] == "2 (66.7%)"  # of all three boys, the missing one included
    assert boys.iloc[risk + 5] == "1 (33.3%)"
    age = labels.index("Age, median (Q1–Q3)")
    q1, med, q3 = np.percentile([4, 8, 15], [25, 50, 75])
    assert boys.iloc[age] == f"{med:.1f} ({q1:.1f}–{q3:.1f})"
    notes = table.attrs["footnotes"]
    assert notes[0].startswith("¹ Several answers possible")
    assert any("Registrations with no value for Sex: 1" in n for n in notes)


def test_summary_table_swedish_decimal_comma_and_percent_of_answers():
    table = summary_table(small_frame(), ["risk_beslut"], by="kon", dropna=True, decimals=1, overall="first")
    assert list(table.columns)[0] == "Totalt, N = 6"
    assert table.loc["  Hög risk", "Pojke, N = 3"] == f"2 (100,0{NBSP}%)"
    assert table.loc["  Saknas", "Pojke, N = 3"] == "1"  # the missing as a count only
    assert any("registreringarna med uppgift" in n for n in table.attrs["footnotes"])


def test_summary_table_with_confidence_intervals_and_p_values():
    cases = table3_frame()
    table = summary_table(cases, ["ensamkommande"], by="kon", ci=0.95, add_p=True)
    assert table.columns.nlevels == 2
    lo, hi = wilson_by_hand(44, 416)
    assert table[("Totalt, N = 416", "95 % KI")].iloc[0] == f"{round(100 * lo)}–{round(100 * hi)}{NBSP}%"
    assert "p-värde" in table.columns.get_level_values(0)
    assert any(n.startswith("Test:") for n in table.attrs["footnotes"])
    md = to_markdown(table)
    assert "| Variabel |" in md and "Wilson" in md
    assert "<table" in to_html(table)


def test_summary_table_refuses_bad_options():
    with pytest.raises(ValueError, match="missing"):
        summary_table(small_frame(), ["kon"], missing="sometimes")
    with pytest.raises(ValueError, match="add_p"):
        summary_table(small_frame(), ["kon"], add_p=True)
    with pytest.raises(MissingColumnError, match="avslutsorsak"):
        summary_table(small_frame(), ["kon", "avslutsorsak"])


def test_summary_table_default_variables_are_those_the_data_has():
    table = summary_table(small_frame())
    assert "Kön" in table.index and "Identifierad utsatthet i hemmiljön ¹" in table.index
    assert "Ålder, median (Q1–Q3)" in table.index
    assert "Kön" not in summary_table(small_frame(), by="kon").index  # not the grouping variable


# ---------------------------------------------------------------------------
# crosstab (Table 5 layout)
# ---------------------------------------------------------------------------


def test_crosstab_row_percentages_like_table5():
    # Table 5: foreign-born girls (n = 16): 19 / 13 / 56 / 12 % -- 3, 2, 9, 2 girls. The report rounds
    # 2/16 = 12.5 % once up and once down so the row sums to 100; we round half up both times.
    n_levels = {"ingen_lag": 3, "nagot_forhojd": 2, "hog": 9, "mycket_hog": 2}
    risk = [k for k, v in n_levels.items() for _ in range(v)]
    cases = apply_dtypes(pd.DataFrame({"kon": ["flicka"] * 16 + ["pojke"] * 4, "ursprung": ["utlandet"] * 16 + [None] * 4,
                                       "risk_beslut": risk + ["hog"] * 4}))
    ct = crosstab(cases, "risk_beslut", by="kon_ursprung")
    assert ct.n == 16 and ct.n_missing == 4  # unknown origin is left out, as in the report
    shares = ct.shares.loc["utlandet_flicka"]
    assert shares[["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]].tolist() == [3 / 16, 2 / 16, 9 / 16, 2 / 16]
    assert ct.table.iloc[2, :4].tolist() == [f"{p}{NBSP}%" for p in (19, 13, 56, 13)]
    assert shares["total"] == 1
    label = "Utlandsfödd flicka (n = 16)"
    assert ct.table.loc[label, "Hög risk"] == f"56{NBSP}%"
    assert ct.counts.loc["total", "total"] == 16
    # groups with no members have no shares, not an error
    assert ct.shares.loc["sverige_pojke"].isna().all()


def test_crosstab_refuses_a_multi_select_group():
    with pytest.raises(ValueError, match="overlap"):
        crosstab(small_frame(), "hem", by="kon")


# ---------------------------------------------------------------------------
# the shipped synthetic data
# ---------------------------------------------------------------------------


def test_smoke_on_the_shipped_synthetic_data():
    from webbkollen_lib import load_cases  # `make test` makes the data first

    cases = load_cases()
    table = summary_table(cases, ["kon", "aldersgrupp", "ursprung", "ensamkommande", "hem", "vh", "barn", "risk_beslut"], by="kon")
    n = len(cases)
    assert table.columns[-1] == f"Totalt, N = {format_count(n)}"
    kon = frequency_table(cases, "kon")
    assert kon["n"].sum() == n
