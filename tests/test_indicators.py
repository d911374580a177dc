"""Comparisons on published indicators (webbkollen_lib.analysis.indicators), worked out by hand on a small table.

Four municipalities A-D in one county, the county and the nation; three
indicators: a Ja/Nej routine with the target "all should have it", a share
with the target "at least 90 %", and a background number without a target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import MissingColumnError
from webbkollen_lib.analysis.indicators import (
    indicator_profile,
    meets_target,
    parse_rule,
    ranks,
    relative_thirds,
    targets_by_area,
)

CATALOGUE = pd.DataFrame({
    "indikator": ["rutin", "andel_plan", "barn_per_handlaggare"],
    "omrade": ["samordning", "planering", "bakgrund"],
    "typ": ["struktur", "process", "bakgrund"],
    "enhet": ["ja_nej", "andel", "antal"],
    "mal_regel": ["ja", "andel>=0.9", ""],
})

ROWS = [
    # enhet, niva, indikator, varde, saknas
    ("A", "kommun", "rutin", 1.0, None), ("A", "kommun", "andel_plan", 0.95, None), ("A", "kommun", "barn_per_handlaggare", 400, None),
    ("B", "kommun", "rutin", 0.0, None), ("B", "kommun", "andel_plan", 0.60, None), ("B", "kommun", "barn_per_handlaggare", 500, None),
    ("C", "kommun", "rutin", np.nan, "bortfall"), ("C", "kommun", "andel_plan", np.nan, "sekretess"), ("C", "kommun", "barn_per_handlaggare", 450, None),
    ("D", "kommun", "rutin", 1.0, None), ("D", "kommun", "andel_plan", 0.80, None), ("D", "kommun", "barn_per_handlaggare", 450, None),
    ("Länet", "lan", "rutin", 0.5, None), ("Länet", "lan", "andel_plan", 0.75, None), ("Länet", "lan", "barn_per_handlaggare", 460, None),
    ("Riket", "riket", "rutin", 0.6, None), ("Riket", "riket", "andel_plan", 0.70, None), ("Riket", "riket", "barn_per_handlaggare", 430, None),
]
DATA = pd.DataFrame(ROWS, columns=["enhet", "niva", "indikator", "varde", "saknas"])


def test_target_rules_parse_and_bad_rules_are_refused():
    assert parse_rule("ja") == (">=", 1.0)
    assert parse_rule(" andel <= 0.05 ") == ("<=", 0.05)
    assert parse_rule(None) is None and parse_rule(np.nan) is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        parse_rule("andel>=90")


def test_meets_target_keeps_missing_values_missing_never_nej():
    met = meets_target(DATA, CATALOGUE).set_index(["enhet", "indikator"])["uppfyllt"]
    assert met[("A", "rutin")] == True and met[("B", "rutin")] == False  # noqa: E712
    assert met[("A", "andel_plan")] == True and met[("D", "andel_plan")] == False  # noqa: E712
    assert pd.isna(met[("C", "rutin")]) and pd.isna(met[("C", "andel_plan")])  # bortfall and x stay unknown
    assert pd.isna(met[("A", "barn_per_handlaggare")])  # no target
    # the county's Ja/Nej value is a share of municipalities: the target holds only at 100 %
    assert met[("Länet", "rutin")] == False  # noqa: E712


def test_profile_sets_the_unit_beside_county_and_nation_with_gaps_only_for_shares():
    p = indicator_profile(DATA, CATALOGUE, "D", lan="Länet").set_index("indikator")
    assert list(p.index) == ["rutin", "andel_plan", "barn_per_handlaggare"]  # catalogue order
    assert p.loc["andel_plan", "skillnad_lan"] == pytest.approx(0.05)
    assert p.loc["andel_plan", "skillnad_riket"] == pytest.approx(0.10)
    assert np.isnan(p.loc["rutin", "skillnad_lan"])  # 1/0 against a share of municipalities: no gap
    assert np.isnan(p.loc["barn_per_handlaggare", "skillnad_lan"])  # a number, not a share
    assert (p.loc["rutin", "lan"], p.loc["rutin", "riket"]) == (0.5, 0.6)
    c = indicator_profile(DATA, CATALOGUE, "C", lan="Länet").set_index("indikator")
    assert c.loc["andel_plan", "saknas"] == "sekretess" and np.isnan(c.loc["andel_plan", "skillnad_lan"])


def test_profile_names_the_units_it_knows():
    with pytest.raises(ValueError, match="enhet 'Z' is not in the data; units: A, B, C, D, Länet, Riket"):
        indicator_profile(DATA, CATALOGUE, "Z", lan="Länet")


def test_targets_by_area_counts_met_not_met_and_unknown():
    t = targets_by_area(DATA, CATALOGUE).set_index(["enhet", "omrade"])
    assert t.loc[("A", "samordning"), ["med_mal", "uppfyllda", "ej_uppfyllda", "okanda"]].tolist() == [1, 1, 0, 0]
    assert t.loc[("C", "planering"), ["med_mal", "uppfyllda", "ej_uppfyllda", "okanda"]].tolist() == [1, 0, 0, 1]
    assert np.isnan(t.loc[("C", "planering"), "andel_uppfyllda"])
    assert ("A", "bakgrund") not in t.index  # no target, nothing to count
    assert set(t.index.get_level_values("enhet")) == {"A", "B", "C", "D"}  # municipalities only


def test_ranks_go_from_best_ties_share_and_missing_are_not_ranked():
    r = ranks(DATA, CATALOGUE).set_index(["enhet", "indikator"])
    assert r.loc[("A", "andel_plan"), "rang"] == 1 and r.loc[("D", "andel_plan"), "rang"] == 2
    assert r.loc[("B", "andel_plan"), "rang"] == 3 and pd.isna(r.loc[("C", "andel_plan"), "rang"])
    assert r.loc[("A", "andel_plan"), "n_jamforda"] == 3
    assert r.loc[("A", "rutin"), "rang"] == r.loc[("D", "rutin"), "rang"] == 1  # tie
    assert "barn_per_handlaggare" not in set(r.reset_index()["indikator"])  # no direction without a target


def test_ranks_within_groups():
    groups = pd.Series({"A": 1, "B": 1, "C": 2, "D": 2})
    r = ranks(DATA, CATALOGUE, groups=groups).set_index(["enhet", "indikator"])
    assert r.loc[("B", "andel_plan"), "rang"] == 2 and r.loc[("D", "andel_plan"), "rang"] == 1
    with pytest.raises(ValueError, match="groups has no value for D"):
        ranks(DATA, CATALOGUE, groups=groups.drop("D"))


def test_thirds_are_symmetric_and_need_three_units():
    eight = pd.DataFrame({"enhet": list("ABCDEFGH"), "niva": "kommun", "indikator": "andel_plan",
                          "varde": [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2], "saknas": None})
    t = relative_thirds(eight, CATALOGUE)
    assert t["tredjedel"].tolist() == ["basta"] * 2 + ["mellan"] * 4 + ["samsta"] * 2
    small = relative_thirds(DATA, CATALOGUE).set_index(["enhet", "indikator"])
    assert small.loc[("A", "andel_plan"), "tredjedel"] == "basta" and small.loc[("B", "andel_plan"), "tredjedel"] == "samsta"
    assert small.loc[("D", "andel_plan"), "tredjedel"] == "mellan"
    assert small.loc[("C", "andel_plan"), "tredjedel"] is None  # x is not a third
    assert "rutin" not in set(small.reset_index()["indikator"])  # Ja/Nej makes no thirds
    two = eight.head(2)
    assert relative_thirds(two, CATALOGUE)["tredjedel"].isna().all()


def test_bad_input_is_named():
    with pytest.raises(MissingColumnError, match="indicator data: the data has no column 'saknas'"):
        meets_target(DATA.drop(columns="saknas"), CATALOGUE)
    with pytest.raises(ValueError, match="indicator\\(s\\) okand are not in the catalogue"):
        meets_target(pd.concat([DATA, DATA.head(1).assign(indikator="okand")]), CATALOGUE)
