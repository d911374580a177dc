"""Specification of webbkollen_lib.systems.webbkollen.reference: the report's published figures as data.

* The reference file is well formed, and its transcriptions agree with each
  other where the report does (Table 3's counts and percentages, figures
  printed twice).
* The generator's calibration targets are read from it, each from the row
  that computes what the generator uses it for; there is no second copy.
* compare_with_published computes each figure as the report did: checked on
  small hand-made frames with hand-worked answers.
* Every published figure holds for the shipped synthetic data.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import load_cases
from webbkollen_lib.core.codebook import apply_dtypes
from webbkollen_lib.systems.webbkollen.reference import REFERENCE_FILE, analysis_frame, compare_with_published, load_published_figures
from webbkollen_lib.synthetic import cases as cases_module
from webbkollen_lib.synthetic.cases import EXPOSURES, published_targets

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


# ---------------------------------------------------------------------------
# the generator's targets are the reference file's figures
# ---------------------------------------------------------------------------

GROUPS4 = {"sv_pojke", "sv_flicka", "utl_pojke", "utl_flicka"}
REPORT_GROUP = {"sv_pojke": "sverige_pojke", "sv_flicka": "sverige_flicka", "utl_pojke": "utlandet_pojke",
                "utl_flicka": "utlandet_flicka"}
RISK = ("ingen_lag", "nagot_forhojd", "hog", "mycket_hog")
SKOLA = ("nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt")


@pytest.fixture()
def fresh_targets():
    """published_targets() re-read (it is cached), and the cache cleared again afterwards."""
    cases_module.published_targets.cache_clear()
    yield
    cases_module.published_targets.cache_clear()


def _leaves(structure):
    if isinstance(structure, Mapping):
        return [leaf for value in structure.values() for leaf in _leaves(value)]
    if isinstance(structure, tuple):
        return [leaf for value in structure for leaf in _leaves(value)]
    return [structure]


def test_generator_targets_are_read_from_the_reference_file():
    """Every target the calibration uses is one row of the reference file, value and type."""
    ids, targets = cases_module._target_ids(), published_targets()
    f = FIGURES.set_index("id")
    assert list(targets) == list(ids)
    flat_ids, flat_values = _leaves(ids), _leaves(targets)
    assert len(flat_ids) == len(flat_values) == len(set(flat_ids)) == 111
    assert not set(flat_ids) - set(f.index), "targets without a row in the reference file"
    for figure_id, value in zip(flat_ids, flat_values):
        assert value == f.loc[figure_id, "published"], figure_id
        # ints where the calibration counts (ranges, readings, Table 7's n == rows); floats for the means
        assert type(value) is (float if f.loc[figure_id, "unit"] == "mean" else int), figure_id


def test_generator_targets_are_complete():
    t = published_targets()
    assert set(t) == {"table4", "any_block", "table2", "spread", "mean_exposures", "figure7_familjekonflikt",
                      "table5", "table7", "exempel2", "samtal_overall", "avslutsorsak", "exempel4", "table5b",
                      "figure8"}
    assert len(EXPOSURES) == 21 and tuple(t["table4"]) == EXPOSURES
    assert list(t["any_block"]) == ["hem", "vh", "barn"]
    assert list(t["table2"]) == [0, 1, 2, 3] and all(len(bands) == 3 for bands in t["table2"].values())
    assert list(t["spread"]) == ["one", "two_to_four", "five_plus"]
    assert list(t["mean_exposures"]) == ["flicka", "pojke"]
    assert list(t["figure7_familjekonflikt"]) == ["sv_flicka", "sv_pojke"]
    for key in ("table5", "table7", "exempel2", "exempel4"):
        assert set(t[key]) == GROUPS4, key
    assert all(len(percents) == 4 for _, percents in t["table5"].values())
    assert all(len(row) == 3 for key in ("table7", "exempel2") for row in t[key].values())
    assert list(t["table5b"]) == ["sv_pojke", "sv_flicka"]
    assert all(len(percents) == 5 for _, percents in t["table5b"].values())
    assert list(t["samtal_overall"]) == ["enskilt_beslut", "vh_beslut", "enskilt_avslut"]
    assert list(t["avslutsorsak"]) == ["mal_uppnatt", "oplanerat", "motsvarar_ej_behov"]
    assert list(t["figure8"]) == ["hog_lower", "mycket_hog_same"]
    with pytest.raises(TypeError):
        t["table4"]["hem_heder"] = 99  # shared by every caller (cached): read-only


def test_each_target_id_measures_what_the_generator_uses_it_for():
    """The id a target is read from computes the right statistic (its population and condition)."""
    ids = cases_module._target_ids()
    f = FIGURES.set_index("id")
    cond, pop = f["condition"], f["population"]
    for name, i in ids["table4"].items():
        assert (pop[i], cond[i]) == ("True", name)
    for block, i in ids["any_block"].items():
        assert (pop[i], cond[i]) == ("True", f"{block}_nagon")
    for r, bands in ids["table2"].items():
        for band, i in zip(("0_2", "3_5", "6_plus"), bands):
            assert (pop[i], cond[i]) == (f"risk_beslut == '{RISK[r]}'", f"utsatthet_band == '{band}'")
    assert [cond[i] for i in ids["spread"].values()] == [
        "antal_utsatthet == 1", "(antal_utsatthet >= 2) & (antal_utsatthet <= 4)", "antal_utsatthet >= 5"]
    for sex, i in ids["mean_exposures"].items():
        assert f.loc[i, "statistic"] == "mean" and pop[i] == f"(kon == '{sex}') & (antal_utsatthet > 0)"
    for group, i in ids["figure7_familjekonflikt"].items():
        assert (pop[i], cond[i]) == (f"grupp == '{REPORT_GROUP[group]}'", "hem_familjekonflikt")
    for group, (n, percents) in ids["table5"].items():
        g = REPORT_GROUP[group]
        assert (f.loc[n, "unit"], pop[n], cond[n]) == ("count", f"grupp == '{g}'", "risk_beslut_kand")
        for code, i in zip(RISK, percents):
            assert (pop[i], cond[i]) == (f"(grupp == '{g}') & risk_beslut_kand", f"risk_beslut == '{code}'")
    for group, (n, before, after) in ids["table7"].items():
        g = REPORT_GROUP[group]
        assert (f.loc[n, "unit"], pop[n], cond[n]) == ("count", f"grupp == '{g}'", "samtal_kand")
        assert [cond[before], cond[after]] == ["samtal_enskilt_beslut", "samtal_enskilt_avslut"]
        assert pop[before] == pop[after] == f"(grupp == '{g}') & samtal_kand"
    for group, row in ids["exempel2"].items():
        assert {pop[i] for i in row} == {f"(grupp == '{REPORT_GROUP[group]}') & samtal_kand"}
        assert [cond[i] for i in row] == ["samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_avslut_nagot"]
    for talk, i in ids["samtal_overall"].items():
        assert (pop[i], cond[i]) == ("samtal_kand", f"samtal_{talk}")
    for code, i in ids["avslutsorsak"].items():
        assert (pop[i], cond[i]) == ("True", f"avslutsorsak == '{code}'")
    for group, i in ids["exempel4"].items():
        assert (pop[i], cond[i]) == (f"grupp == '{REPORT_GROUP[group]}'", "avslutsorsak == 'mal_uppnatt'")
    for group, (n, percents) in ids["table5b"].items():
        population = f"(grupp == '{REPORT_GROUP[group]}') & (skola_beslut == 'nar_ej_kunskapskrav')"
        assert (f.loc[n, "unit"], pop[n]) == ("count", population)
        for code, i in zip(SKOLA, percents):
            assert (pop[i], cond[i]) == (population, f"skola_avslut == '{code}'")
    assert (cond[ids["figure8"]["hog_lower"]], cond[ids["figure8"]["mycket_hog_same"]]) == ("risk_lagre", "risk_samma")


def test_transcriptions_of_one_figure_agree_except_where_the_report_does_not():
    """Where two passages print the same figure, the file has it twice: same value, unless a note says why."""
    f = FIGURES.set_index("id")
    pairs = [(i, "t4_" + i.removeprefix("t4text_")) for i in f.index
             if i.startswith("t4text_") and not i.endswith("_nagon")]
    pairs += [(i, "t5b_" + i.removeprefix("j1_")) for i in f.index if i.startswith("j1_")]
    pairs += [("s42_samtal_enskilt_beslut", "e2_samtal_enskilt_beslut"),
              ("s42_mal_uppnatt_halften", "s42_avslut_mal_uppnatt")]
    assert len(pairs) == 19
    differ = {a for a, b in pairs if f.loc[a, "published"] != f.loc[b, "published"]}
    assert differ == {"t4text_vh_psykisk_ohalsa", "j1_sverige_flicka_nar_kunskapskrav"}
    assert all("inconsistent" in f.loc[a, "note"] for a in differ)
    # the generator honours the table: its target is the table's figure
    targets = published_targets()
    assert targets["table4"]["vh_psykisk_ohalsa"] == f.loc["t4_vh_psykisk_ohalsa", "published"] == 32
    assert targets["table5b"]["sv_flicka"][1][0] == f.loc["t5b_sverige_flicka_nar_kunskapskrav", "published"] == 30


def test_a_target_missing_from_the_reference_file_is_an_error(fresh_targets, monkeypatch):
    without = FIGURES[FIGURES["id"] != "f7_familjekonflikt_sv_pojke"].reset_index(drop=True)
    monkeypatch.setattr(cases_module, "load_published_figures", lambda: without)
    with pytest.raises(ValueError, match="f7_familjekonflikt_sv_pojke"):
        cases_module.published_targets()


def test_a_fractional_percentage_target_is_an_error(fresh_targets, monkeypatch):
    changed = FIGURES.copy()
    changed.loc[changed["id"] == "t4_hem_heder", "published"] = 2.4
    monkeypatch.setattr(cases_module, "load_published_figures", lambda: changed)
    with pytest.raises(ValueError, match=r"t4_hem_heder .*2\.4"):
        cases_module.published_targets()


def test_the_targets_follow_the_reference_file(fresh_targets, monkeypatch):
    """Change a figure in the file and the generator's target changes with it: no second copy."""
    changed = FIGURES.copy()
    changed.loc[changed["id"] == "f8_hog_lagre", "published"] = 70.0
    monkeypatch.setattr(cases_module, "load_published_figures", lambda: changed)
    assert cases_module.published_targets()["figure8"]["hog_lower"] == 70


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
