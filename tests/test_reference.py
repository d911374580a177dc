"""Specification of webbkollen_lib.systems.webbkollen.reference: the report's published figures as data.

* The reference file is well formed, and its transcriptions agree with each
  other where the report does (Table 3's counts and percentages) and with
  the figures the generator calibrates to.
* compare_with_published computes each figure as the report did: checked on
  small hand-made frames with hand-worked answers.
* Every published figure holds for the shipped synthetic data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import load_cases
from webbkollen_lib.core.codebook import apply_dtypes
from webbkollen_lib.systems.webbkollen.reference import REFERENCE_FILE, analysis_frame, compare_with_published, load_published_figures
from webbkollen_lib.synthetic.cases import EXPOSURES, PUBLISHED

FIGURES = load_published_figures()


@pytest.fixture(scope="module")
def shipped_comparison():
    return compare_with_published(load_cases()).set_index("id")


# ---------------------------------------------------------------------------
# every figure holds for the shipped data
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("figure_id", FIGURES["id"].tolist())
def test_published_figure_holds_for_shipped_data(shipped_comparison, figure_id):
    row = shipped_comparison.loc[figure_id]
    assert row["ok"], (
        f"{figure_id} ({row['source']}, {row['row']} / {row['column']}): published {row['published']}, "
        f"reproduced {row['reproduced']:.3f}, tolerance {row['tolerance']} ({row['check']})"
    )


def test_counts_are_exact_and_percentages_tight(shipped_comparison):
    counts = FIGURES[FIGURES["unit"] == "count"]
    assert (counts.loc[counts["check"] == "abs", "tolerance"] == 0).all()
    percents = FIGURES[(FIGURES["unit"] == "percent") & (FIGURES["check"] == "abs")]
    wide = percents[percents["tolerance"] > 1.5]
    # wider only where the report contradicts itself, and the note says so
    assert set(wide["id"]) == {"t4text_vh_psykisk_ohalsa", "j1_sverige_flicka_nar_kunskapskrav"}
    assert wide["note"].str.contains("inconsistent").all()
    # the shipped data hit every published count exactly
    exact = counts.loc[counts["check"] == "abs", "id"]
    assert (shipped_comparison.loc[exact, "difference"] == 0).all()


# ---------------------------------------------------------------------------
# the reference file itself
# ---------------------------------------------------------------------------


def test_reference_file_is_well_formed():
    assert REFERENCE_FILE.name == "published_figures.csv"
    assert FIGURES["id"].is_unique
    assert len(FIGURES) > 150
    for column in ("source", "section", "row", "column", "unit", "statistic", "population", "condition"):
        assert (FIGURES[column].astype(str).str.len() > 0).all(), column
    assert set(FIGURES["unit"]) == {"count", "percent", "mean", "percentage points"}
    assert set(FIGURES["section"]) == {"1.3", "3.3", "4.2"}


def test_load_rejects_a_broken_file(tmp_path):
    broken = FIGURES.copy()
    broken.loc[0, "check"] = "roughly"
    path = tmp_path / "figures.csv"
    broken.to_csv(path, index=False)
    with pytest.raises(ValueError, match="roughly"):
        load_published_figures(path)


def test_table3_percentages_are_the_counts_over_416():
    t3 = FIGURES[FIGURES["source"] == "Tabell 3"].set_index("id")
    for key in ("pojke", "flicka", "0_6", "7_12", "13_18", "over_18", "sverige", "utlandet", "ensamk"):
        count = t3.loc[f"t3_{key}_n", "published"]
        percent = t3.loc[f"t3_{key}_pct", "published"]
        assert abs(100 * count / 416 - percent) <= 0.5, key
    assert t3.loc[["t3_pojke_n", "t3_flicka_n"], "published"].sum() == 416
    assert t3.loc[["t3_0_6_n", "t3_7_12_n", "t3_13_18_n", "t3_over_18_n"], "published"].sum() == 416


def test_reference_file_and_generator_targets_agree():
    """The generator calibrates to PUBLISHED; the reference file transcribes the same report."""
    f = FIGURES.set_index("id")["published"]
    for name, percent in PUBLISHED["table4"].items():
        block, code = name.split("_", 1)
        assert f[f"t4_{block}_{code}"] == percent, name
    for block, percent in PUBLISHED["any_block"].items():
        assert f[f"t4text_{block}_nagon"] == percent
    bands = ("0_2", "3_5", "6_plus")
    for r, code in enumerate(("ingen_lag", "nagot_forhojd", "hog", "mycket_hog")):
        assert [f[f"t2_{code}_{b}"] for b in bands] == list(PUBLISHED["table2"][r])
    names = {"sv_pojke": "sverige_pojke", "sv_flicka": "sverige_flicka", "utl_pojke": "utlandet_pojke",
             "utl_flicka": "utlandet_flicka"}
    for group, (n, percents) in PUBLISHED["table5"].items():
        g = names[group]
        assert f[f"t5_{g}_n"] == n
        assert [f[f"t5_{g}_{c}"] for c in ("ingen_lag", "nagot_forhojd", "hog", "mycket_hog")] == list(percents)
    for group, (n, before, after) in PUBLISHED["table7"].items():
        g = names[group]
        assert (f[f"t7_{g}_n"], f[f"t7_{g}_beslut"], f[f"t7_{g}_avslut"]) == (n, before, after)
    for group, (alone, guardian, any_talk) in PUBLISHED["exempel2"].items():
        g = names[group]
        assert (f[f"e2_{g}_enskilt_beslut"], f[f"e2_{g}_vh_beslut"], f[f"e2_{g}_samtal_avslut"]) == (alone, guardian, any_talk)
    for group, percent in PUBLISHED["exempel4"].items():
        assert f[f"e4_{names[group]}_mal_uppnatt"] == percent
    codes = ("nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt")
    for group, (n, percents) in PUBLISHED["table5b"].items():
        g = names[group]
        assert f[f"t5b_{g}_n"] == n
        assert [f[f"t5b_{g}_{c}"] for c in codes] == list(percents)
    assert f["f8_hog_lagre"] == PUBLISHED["figure8"]["hog_lower"]
    assert f["f8_mycket_hog_samma"] == PUBLISHED["figure8"]["mycket_hog_same"]
    assert (f["e1_medel_flickor"], f["e1_medel_pojkar"]) == (PUBLISHED["mean_exposures"]["flicka"],
                                                            PUBLISHED["mean_exposures"]["pojke"])
    assert (f["e1_en_utsatthet"], f["e1_2_4_utsatthet"], f["e1_5_plus_utsatthet"]) == tuple(PUBLISHED["spread"].values())
    assert (f["s42_avslut_mal_uppnatt"], f["s42_avslut_oplanerat"], f["s42_avslut_motsvarar_ej"]) == tuple(
        PUBLISHED["avslutsorsak"].values())
    assert len(EXPOSURES) == 21


# ---------------------------------------------------------------------------
# compare_with_published on hand-made data
# ---------------------------------------------------------------------------


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {"kommun": "A", "ar": 2017, "tillfalle": "avslut", "kon": "pojke", "alder": 10, "ursprung": "sverige",
            "ensamkommande": False, "risk_beslut": "hog", "risk_avslut": "hog", "avslutsorsak": "annat",
            "samtal_enskilt_beslut": True, "samtal_enskilt_avslut": False, "samtal_vh_avslut": False}
    return apply_dtypes(pd.DataFrame([{**base, **r} for r in rows]))


def _figure(id_, statistic, population, condition, published, tolerance=1.5, check="abs", unit="percent"):
    return {"id": id_, "source": "test", "section": "4.2", "row": "r", "column": "c", "unit": unit,
            "published": published, "tolerance": tolerance, "check": check, "statistic": statistic,
            "population": population, "condition": condition, "note": ""}


def test_compare_hand_worked():
    cases = _frame([
        {"kon": "flicka", "risk_beslut": "mycket_hog", "risk_avslut": "nagot_forhojd", "avslutsorsak": "mal_uppnatt",
         "hem_fysiskt_vald": True, "vh_missbruk": True},
        {"kon": "flicka", "risk_beslut": "hog", "risk_avslut": "ingen_lag", "hem_fysiskt_vald": True},
        {"kon": "pojke", "risk_beslut": None, "risk_avslut": None, "ursprung": None, "hem_fysiskt_vald": False},
        {"kon": "pojke", "risk_beslut": "hog", "risk_avslut": "hog", "samtal_enskilt_beslut": None,
         "hem_fysiskt_vald": False, "barn_skola": True},
        # not counted: a follow-up, and a closure of another year
        {"tillfalle": "uppfoljning", "risk_avslut": None, "avslutsorsak": None, "samtal_enskilt_avslut": None,
         "samtal_vh_avslut": None},
        {"ar": 2016},
    ])
    figures = pd.DataFrame([
        _figure("n", "count", "True", "True", 4, 0, unit="count"),
        _figure("girls", "percent", "True", "kon == 'flicka'", 50),  # 2 of 4
        _figure("lower", "percent", "risk_avslut_kand", "risk_lagre", 66, 1.0),  # 2 of 3 known = 66.7
        _figure("lower_tight", "percent", "risk_avslut_kand", "risk_lagre", 65, 1.0),  # 66.7 - 65 > 1
        _figure("exposures", "mean", "antal_utsatthet > 0", "antal_utsatthet", 1.5, 0.005, unit="mean"),  # (2+1+1)/3 = 1.333
        _figure("talk_known", "count", "True", "samtal_kand", 3, 0, unit="count"),
        _figure("diff", "percent_diff", "kon == 'flicka' ; kon == 'pojke'", "hem_fysiskt_vald", 0, np.nan, "above",
                "percentage points"),  # 100 - 0
        _figure("range", "percent_range", "kon == 'flicka' ; kon == 'pojke'", "avslutsorsak == 'mal_uppnatt'", 0, 60,
                unit="percentage points"),  # 50 - 0 = 50
        _figure("most", "percent", "risk_beslut_kand", "risk_beslut in ['hog', 'mycket_hog']", 50, np.nan, "above"),
        _figure("kommuner", "distinct", "True", "True", 1, 0, unit="count"),
        _figure("smallest", "min_per_municipality", "True", "True", 5, np.nan, "at_least", unit="count"),
        _figure("missing", "percent", "True", "insats == 'hvb'", 10),
    ])
    out = compare_with_published(cases, figures).set_index("id")
    assert list(out.columns) == ["source", "section", "row", "column", "unit", "published", "reproduced",
                                 "difference", "tolerance", "check", "ok", "note"]
    expected = {"n": 4, "girls": 50, "lower": 200 / 3, "lower_tight": 200 / 3, "exposures": 4 / 3, "talk_known": 3,
                "diff": 100, "range": 50, "most": 100, "kommuner": 1, "smallest": 4}
    for key, value in expected.items():
        assert out.loc[key, "reproduced"] == pytest.approx(value), key
        assert out.loc[key, "difference"] == pytest.approx(value - out.loc[key, "published"]), key
    assert out["ok"].to_dict() == {"n": True, "girls": True, "lower": True, "lower_tight": False,
                                   "exposures": False, "talk_known": True, "diff": True, "range": True,
                                   "most": True, "kommuner": True, "smallest": False, "missing": False}
    assert np.isnan(out.loc["missing", "reproduced"]) and "insats" in out.loc["missing", "note"]


def test_expressions_cannot_run_code():
    cases = _frame([{}])
    figures = pd.DataFrame([_figure("evil", "count", "True", "__import__('os').getcwd()", 0, 0)])
    with pytest.raises(ValueError, match="unsupported expression"):
        compare_with_published(cases, figures)


def test_analysis_frame_derived_columns():
    cases = _frame([
        {"hem_bristande_omsorg": True, "vh_missbruk": True, "barn_skola": True, "barn_annat": True,
         "samtal_vh_avslut": True},
        {"hem_ingen": True, "vh_ingen": True, "barn_ingen": True, "kon": "flicka", "ursprung": "utlandet",
         "hem_bristande_omsorg": False},
        {"kon": "flicka", "ursprung": None},  # no exposure answered at all: count unknown
    ])
    a = analysis_frame(cases)
    assert a["antal_utsatthet"].tolist()[:2] == [4, 0] and np.isnan(a["antal_utsatthet"].iloc[2])
    a = a.iloc[:2]
    assert a["utsatthet_band"].tolist() == ["3_5", "0_2"]
    assert a[["hem_nagon", "vh_nagon", "barn_nagon"]].values.tolist() == [[True, True, True], [False, False, False]]
    assert a["grupp"].tolist() == ["sverige_pojke", "utlandet_flicka"]
    assert a["samtal_avslut_nagot"].tolist() == [True, False]
    assert a["risk_samma"].tolist() == [True, True] and not a["risk_lagre"].any()
