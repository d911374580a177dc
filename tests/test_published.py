"""Specification of webbkollen_lib.present.published: the report's figures beside ours, and readable results.

Every number is checked against a hand-worked example or scipy/numpy on the
same small data; the comparison with the report is checked on hand-made
reference rows, so these tests do not depend on the shipped synthetic data.
"""

from __future__ import annotations

import csv
import doctest

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from webbkollen_lib import apply_dtypes
from webbkollen_lib.core.formatting import NBSP, format_p
from webbkollen_lib.present.published import (
    DERIVED_LABELS,
    EXEMPEL1_BINS,
    TALK_AT_CLOSURE,
    caveat_notes,
    exposure_count_bands,
    participation_table,
    published_vs_ours,
    readable,
    significance_table,
)
from webbkollen_lib.systems.webbkollen.populations import (
    report_population,
    school_start_group,
    talk_at_closure,
    with_any_exposure,
    with_talk_at_closure,
)
from webbkollen_lib.systems.webbkollen.reference import REFERENCE_FILE, select_figures

PCT = NBSP + "%"


def closures(**columns) -> pd.DataFrame:
    """Closed interventions of 2017 with the given columns (lists of equal length)."""
    n = len(next(iter(columns.values())))
    base = {"kommun": ["Umeå"] * n, "ar": [2017] * n, "tillfalle": ["avslut"] * n}
    return apply_dtypes(pd.DataFrame({**base, **columns}))


def figure(id_, *, source="Tabell X", row="r", column="c", unit="percent", published=50.0, tolerance=1.5,
           check="abs", statistic="percent", population="True", condition="True", note=""):
    return {"id": id_, "source": source, "section": "4.2", "row": row, "column": column, "unit": unit,
            "published": published, "tolerance": tolerance, "check": check, "statistic": statistic,
            "population": population, "condition": condition, "note": note}


# ---------------------------------------------------------------------------
# report_population
# ---------------------------------------------------------------------------


def test_report_population_keeps_closures_of_the_year():
    d = apply_dtypes(pd.DataFrame({
        "ar": [2016, 2017, 2017, 2017],
        "tillfalle": ["avslut", "avslut", "uppfoljning", "avslut"],
        "kon": ["pojke", "flicka", "pojke", "pojke"],
    }))
    assert report_population(d).index.tolist() == [1, 3]
    assert report_population(d, None).index.tolist() == [0, 1, 3]
    assert report_population(d, 2016).index.tolist() == [0]


def test_report_population_says_which_years_have_closures():
    d = apply_dtypes(pd.DataFrame({"ar": [2019, 2020, 2021], "tillfalle": ["avslut", "avslut", "uppfoljning"]}))
    with pytest.raises(ValueError, match=r"no closed interventions .* in 2017; years with closures: 2019, 2020"):
        report_population(d)
    with pytest.raises(KeyError, match="tillfalle"):
        report_population(pd.DataFrame({"ar": [2017]}))


# ---------------------------------------------------------------------------
# select_figures
# ---------------------------------------------------------------------------


def small_reference() -> pd.DataFrame:
    return pd.DataFrame([
        figure("t3_a", source="Tabell 3"),
        figure("t3_b", source="Tabell 3"),
        figure("s42_avslut_x", source="Text §4.2"),
        figure("s42_samtal_y", source="Text §4.2"),
        figure("t4_z", source="Tabell 4"),
    ])


def test_select_figures_by_source_id_and_prefix_in_file_order():
    ref = small_reference()
    assert select_figures(sources="Tabell 3", published=ref)["id"].tolist() == ["t3_a", "t3_b"]
    assert select_figures(ids="s42_avslut_*", published=ref)["id"].tolist() == ["s42_avslut_x"]
    picked = select_figures(sources=["Tabell 4"], ids=["t3_b", "s42_*"], published=ref)
    assert picked["id"].tolist() == ["t3_b", "s42_avslut_x", "s42_samtal_y", "t4_z"]
    assert len(select_figures(published=ref)) == 5


def test_select_figures_names_what_matched_nothing():
    with pytest.raises(ValueError, match=r"source 'Tabell 9'.*id 'q_\*'.*sources are: Tabell 3; Text §4.2; Tabell 4"):
        select_figures(sources=["Tabell 9"], ids=["q_*"], published=small_reference())


def test_select_figures_reads_the_reference_file():
    with open(REFERENCE_FILE, encoding="utf-8", newline="") as f:
        expected = [r["id"] for r in csv.DictReader(f) if r["source"] == "Tabell 3"]
    assert expected and select_figures(sources="Tabell 3")["id"].tolist() == expected


# ---------------------------------------------------------------------------
# published_vs_ours
# ---------------------------------------------------------------------------


def test_published_vs_ours_hand_worked():
    # 3 boys, 1 girl: boys 75 %, girls 25 %
    cases = closures(kon=["pojke", "pojke", "pojke", "flicka"], alder=[3, 8, 14, 16])
    ref = pd.DataFrame([
        figure("boys_n", row="Pojke", column="n", unit="count", published=3, tolerance=0, statistic="count",
               condition="kon == 'pojke'"),
        figure("boys_pct", row="Pojke", column="%", published=74, condition="kon == 'pojke'"),
        figure("girls_pct", row="Flicka", column="%", published=30, condition="kon == 'flicka'",
               note="our reading"),
        figure("majority", row="Majoriteten", column="%", published=50, tolerance=np.nan, check="above",
               condition="kon == 'pojke'", note="our reading"),
        figure("at_least", row="Minst", column="n", unit="count", published=4, tolerance=np.nan, check="at_least",
               statistic="count"),
        figure("mean_age", row="Ålder", column="medel", unit="mean", published=10.25, tolerance=0.005,
               statistic="mean", condition="alder"),
    ])
    result = published_vs_ours(cases, published=ref)
    t = result.table
    assert t.index.names == ["Källa", "Rad", "Kolumn"]
    cells = t.reset_index().set_index("Rad")
    assert cells.loc["Pojke"].iloc[0][["Rapporten", "Våra data", "Skillnad", "Krav", "Inom kravet"]].tolist() == [
        "3", "3", "0", "exakt", "Ja"]
    boys = cells.loc["Pojke"].iloc[1]
    assert boys[["Rapporten", "Våra data", "Skillnad", "Krav", "Inom kravet"]].tolist() == [
        "74" + PCT, "75,0" + PCT, "+1,0 %-enheter", "±1,5 %-enheter", "Ja"]
    girls = cells.loc["Flicka"]
    assert girls[["Rapporten", "Våra data", "Skillnad", "Inom kravet", "Not"]].tolist() == [
        "30" + PCT, "25,0" + PCT, "-5,0 %-enheter", "Nej", "¹"]
    majority = cells.loc["Majoriteten"]
    assert majority[["Rapporten", "Våra data", "Skillnad", "Krav", "Inom kravet", "Not"]].tolist() == [
        "mer än 50" + PCT, "75,0" + PCT, "", "", "Ja", "¹"]  # the same note gets the same marker
    assert cells.loc["Minst"][["Rapporten", "Våra data", "Inom kravet"]].tolist() == ["minst 4", "4", "Ja"]
    assert cells.loc["Ålder"][["Rapporten", "Våra data", "Skillnad", "Inom kravet"]].tolist() == [
        "10,25", "10,250", "0,000", "Ja"]  # (3 + 8 + 14 + 16) / 4
    assert (result.n, result.n_ok) == (6, 5)
    assert result.sentence == "5 av 6 värden ur rapporten återskapas inom kravet; raderna med Nej avviker."
    assert result.footnotes == ("¹ our reading",)
    assert result.tidy["reproduced"].tolist() == pytest.approx([3, 75, 25, 75, 4, 10.25])
    html = result._repr_html_()
    assert "5 av 6 värden" in html and "our reading" in html and "<table" in html


def test_published_vs_ours_in_english_and_all_within():
    cases = closures(kon=["pojke", "flicka"], alder=[3, 8])
    ref = pd.DataFrame([figure("boys_pct", row="Boys", published=50, condition="kon == 'pojke'")])
    result = published_vs_ours(cases, published=ref, lang="en")
    assert list(result.table.columns) == ["Report", "Our data", "Difference", "Criterion", "Within"]
    assert result.table.iloc[0].tolist() == ["50%", "50.0%", "0.0 pp", "±1.5 pp", "Yes"]
    assert result.sentence == "The report's figure is reproduced within the criterion."
    two = pd.DataFrame([figure("a", published=50, condition="kon == 'pojke'"),
                        figure("b", published=10, condition="kon == 'flicka'")])
    assert published_vs_ours(cases, published=two).sentence == (
        "1 av 2 värden ur rapporten återskapas inom kravet; raderna med Nej avviker.")
    two.loc[1, "published"] = 50
    assert published_vs_ours(cases, published=two).sentence == "Båda värdena ur rapporten återskapas inom kravet."


def test_published_vs_ours_uses_only_closures_of_the_year():
    cases = apply_dtypes(pd.DataFrame({
        "kommun": ["Umeå"] * 4, "ar": [2017, 2017, 2016, 2017],
        "tillfalle": ["avslut", "avslut", "avslut", "uppfoljning"],
        "kon": ["pojke", "flicka", "pojke", "pojke"], "alder": [1, 2, 3, 4],
    }))
    ref = pd.DataFrame([figure("n", unit="count", published=2, tolerance=0, statistic="count")])
    assert published_vs_ours(cases, published=ref).tidy["reproduced"].tolist() == [2]
    assert published_vs_ours(cases, published=ref, year=None).tidy["reproduced"].tolist() == [3]


# ---------------------------------------------------------------------------
# Exempel 2: talks at closure
# ---------------------------------------------------------------------------


def test_talk_at_closure_truth_table():
    d = apply_dtypes(pd.DataFrame({
        "samtal_enskilt_avslut": [True, False, False, None, True, None],
        "samtal_vh_avslut": [False, True, False, None, None, False],
    }))
    assert talk_at_closure(d).tolist() == [True, True, False, pd.NA, True, False]
    assert talk_at_closure(d).name == TALK_AT_CLOSURE
    only_alone = apply_dtypes(pd.DataFrame({"samtal_enskilt_avslut": [True, None]}))
    assert talk_at_closure(only_alone).tolist() == [True, pd.NA]
    with pytest.raises(KeyError, match="samtal_enskilt_avslut or samtal_vh_avslut"):
        talk_at_closure(pd.DataFrame({"kon": ["pojke"]}))


def test_participation_table_shares_per_group():
    d = closures(
        kon=["pojke", "pojke", "flicka", "flicka"],
        samtal_enskilt_beslut=[True, False, True, True],
        samtal_vh_beslut=[False, False, True, False],
        samtal_enskilt_avslut=[False, False, True, False],
        samtal_vh_avslut=[True, False, False, False],
    )
    assert TALK_AT_CLOSURE in with_talk_at_closure(d).columns and TALK_AT_CLOSURE not in d.columns
    t = participation_table(d, by="kon")
    assert t.columns.tolist() == ["Pojke (n = 2)", "Flicka (n = 2)"]
    assert t.index[2] == DERIVED_LABELS[TALK_AT_CLOSURE]["sv"]
    assert t.to_numpy().tolist() == [["50" + PCT, "100" + PCT], ["0" + PCT, "50" + PCT], ["50" + PCT, "50" + PCT]]


# ---------------------------------------------------------------------------
# Exempel 1: number of exposures
# ---------------------------------------------------------------------------


def exposure_frame() -> pd.DataFrame:
    # counts 0, 1, 3, 5, NA (nothing filled in)
    return closures(
        kon=["pojke", "flicka", "flicka", "pojke", "pojke"],
        hem_fysiskt_vald=[False, True, True, True, None],
        hem_annat=[False, False, True, True, None],
        vh_missbruk=[False, False, True, True, None],
        barn_skola=[False, False, False, True, None],
        barn_annat=[False, False, False, True, None],
    )


def test_with_any_exposure_keeps_counts_above_zero():
    assert with_any_exposure(exposure_frame()).index.tolist() == [1, 2, 3]


def test_exposure_count_bands_counts_each_band():
    t = exposure_count_bands(exposure_frame(), ci=None)
    rows = t.index.tolist()
    assert [r.strip("\u00a0 ") for r in rows[1:5]] == ["0", "1", "2–4", "5 eller fler"]
    assert t.iloc[1:6, 0].tolist() == ["1 (20" + PCT + ")"] * 4 + ["1 (20" + PCT + ")"]  # one each, one missing
    assert EXEMPEL1_BINS[0] == (0, 0)


# ---------------------------------------------------------------------------
# Table 5b
# ---------------------------------------------------------------------------


def test_school_start_group_selects_as_school_change_does():
    d = apply_dtypes(pd.DataFrame({
        "tillfalle": ["avslut", "avslut", "avslut", "uppfoljning", "avslut"],
        "ursprung": ["sverige", "utlandet", "sverige", "sverige", None],
        "skola_beslut": ["nar_ej_kunskapskrav", "nar_ej_kunskapskrav", "nar_kunskapskrav", "nar_ej_kunskapskrav",
                         "nar_ej_kunskapskrav"],
        "skola_avslut": ["nar_kunskapskrav", "ej_bedomt", "nar_kunskapskrav", None, "ej_bedomt"],
    }))
    assert school_start_group(d).index.tolist() == [0]
    assert school_start_group(d, origin=None).index.tolist() == [0, 1, 4]
    with pytest.raises(ValueError, match="not a code of skola_beslut"):
        school_start_group(d, start="godkand")


# ---------------------------------------------------------------------------
# significance_table
# ---------------------------------------------------------------------------


def test_significance_table_two_groups_yes_no_against_scipy():
    # girls 9 of 12 yes, boys 3 of 12 yes
    d = closures(kon=["flicka"] * 12 + ["pojke"] * 12,
                 samtal_enskilt_beslut=[True] * 9 + [False] * 3 + [True] * 3 + [False] * 9)
    t = significance_table(d, "samtal_enskilt_beslut", by="kon", groups=["flicka", "pojke"])
    row = t.iloc[0]
    p = stats.chi2_contingency([[9, 3], [3, 9]], correction=False)[1]  # expected counts 6: chi-squared
    assert t.index.tolist() == ["Enskilt samtal med barnet vid beslut om insats"]
    assert row["Flicka (n = 12)"] == "75" + PCT and row["Pojke (n = 12)"] == "25" + PCT
    assert row["Test"] == "Pearsons chi2-test"
    assert row["p-värde"] == format_p(p)
    effect = [c for c in t.columns if c.startswith("Skillnad i andel")]
    assert effect == ["Skillnad i andel, Flicka − Pojke, %-enheter (95 % KI)"]
    assert row[effect[0]].startswith("50 (")


def test_significance_table_single_choice_rows_and_fisher():
    d = closures(kon=["flicka"] * 4 + ["pojke"] * 4,
                 risk_beslut=["hog"] * 3 + ["ingen_lag"] + ["ingen_lag"] * 3 + ["hog"])
    t = significance_table(d, "risk_beslut", by="kon", groups=["flicka", "pojke"])
    assert t.index[0].startswith("Risk att barnet far illa")
    levels = ["Ingen/låg risk", "Något förhöjd risk", "Hög risk", "Mycket hög risk"]
    assert [i.strip("\u00a0") for i in t.index[1:]] == levels
    assert t.iloc[0]["Test"] == "Fishers exakta test"
    assert t.iloc[0]["p-värde"] == format_p(stats.fisher_exact([[1, 3], [3, 1]])[1])
    assert t.iloc[3]["Flicka (n = 4)"] == "75" + PCT and t.iloc[3]["Test"] == ""
    # two effect sizes: Cramér's V on the test row, differences on the category rows
    assert t.iloc[0]["Effektmått"] == "Cramérs V" and t.iloc[0]["Effekt (95 % KI)"] == "0,50"
    assert t.iloc[3]["Effekt (95 % KI)"].startswith("50 (")
    # the measure is named where it changes, in percentage points for a difference
    assert t["Effektmått"].tolist() == ["Cramérs V", "Skillnad i andel, Flicka − Pojke, %-enheter", "", "", ""]


def test_significance_table_count_means_against_scipy_and_correction():
    x, y = [1, 2, 3, 4, 6], [1, 1, 2, 2]
    d = closures(kon=["flicka"] * 5 + ["pojke"] * 4, alder=x + y)
    t = significance_table(d, "alder", by="kon", groups=["flicka", "pojke"], correction="holm")
    assert t.index.tolist() == ["Ålder, medelvärde", "Ålder, median"]
    assert t.iloc[0]["Flicka (n = 5)"] == "3,20" and t.iloc[1]["Pojke (n = 4)"] == "1,5"
    welch = stats.ttest_ind(x, y, equal_var=False).pvalue
    mw = stats.mannwhitneyu(x, y, alternative="two-sided").pvalue
    assert t.iloc[0]["p-värde"] == format_p(welch) and t.iloc[1]["p-värde"] == format_p(mw)
    holm = sorted([welch, mw])
    adjusted = {min(holm[0] * 2, 1), min(max(holm[0] * 2, holm[1]), 1)}
    assert set(t["p-värde justerat (holm)"]) == {format_p(p) for p in adjusted}


# ---------------------------------------------------------------------------
# readable
# ---------------------------------------------------------------------------


def test_readable_formats_estimates_p_values_and_intervals():
    r = pd.DataFrame({"label": ["a", "b"], "estimate": [0.4412, -0.1], "ci_low": [0.37, -0.25],
                      "ci_high": [0.5, 0.05], "p": [1e-9, 0.2345], "n": pd.array([387, 20], dtype="Int64")})
    out = readable(r, index="label")
    assert out.columns.tolist() == ["Skattning", "95 % KI", "p-värde", "n"]
    assert out.loc["a"].tolist() == ["0,44", "0,37–0,50", "<0,001", "387"]
    assert out.loc["b"].tolist() == ["-0,10", "-0,25 till 0,05", "0,23", "20"]
    assert readable(r, columns=["label", "p"], lang="en").iloc[1].tolist() == ["b", "0.23"]


def test_readable_shares_points_and_codes():
    r = pd.DataFrame({"share_before": [0.553], "share_after": [0.274], "difference": [-0.279],
                      "ci_low": [-0.352], "ci_high": [-0.201], "method": ["exact"], "p": [0.0004]},
                     index=pd.Index(["sverige_flicka"], name="kon_ursprung"))
    out = readable(r, percent=["share_before", "share_after"], points=["difference"])
    assert out.index.name == "Kön och ursprung"
    assert out.iloc[0].tolist() == ["55" + PCT, "27" + PCT, "-27,9", "-35,2 till -20,1", "McNemar, exakt (binomial)",
                                    "<0,001"]
    square = pd.DataFrame({"statistic": [87.3], "df": pd.array([3], dtype="int64")},
                          index=pd.Index(["stuart_maxwell"], name="test"))
    assert readable(square).index.tolist() == ["Stuart–Maxwells test (marginell homogenitet)"]
    change = pd.DataFrame({"lower": [0.65, 0.4]}, index=pd.Index(["hog", "total"], name="risk_beslut"))
    out = readable(change, percent=True, index_variable="risk_beslut")
    assert out.index.tolist() == ["Hög risk", "Totalt"] and out.columns.tolist() == ["Lägre"]
    assert out["Lägre"].tolist() == ["65" + PCT, "40" + PCT]


def test_readable_names_a_missing_column():
    with pytest.raises(KeyError, match="no column"):
        readable(pd.DataFrame({"p": [0.1]}), columns=["estimate"])


# ---------------------------------------------------------------------------
# caveats
# ---------------------------------------------------------------------------


def test_caveat_notes_lists_each_caveat_once():
    notes = caveat_notes(["kon", "risk_beslut", "risk_avslut", "tillfalle"])
    lines = notes.splitlines()
    assert len(lines) == 2  # kon has none; the three risk variables share one
    assert lines[0].startswith("- **Risk att barnet far illa") and "relativ" in lines[0]
    assert "unikt id" in lines[1]
    assert "unique id" in caveat_notes(["tillfalle"], lang="en")


def test_docstring_examples():
    import webbkollen_lib.present.published as shown
    import webbkollen_lib.systems.webbkollen.populations as defined

    results = [doctest.testmod(m, optionflags=doctest.NORMALIZE_WHITESPACE) for m in (shown, defined)]
    assert sum(r.attempted for r in results) >= 4 and sum(r.failed for r in results) == 0
