"""Tests for UBU's statistics: indices, Cronbach's alpha, party agreement, providers and the spärr.

Every number is checked against an *independent* computation, never against
the library's own helpers (``item_scores``, ``_party_index``, ``_t_interval``):

* indices are recomputed from the raw answer codes with plain Python loops,
  from the rule in :mod:`webbkollen_lib.analysis.ubu`'s docstring (codes
  ``"1"``–``"5"`` are scores, a reverse-scored item is ``6 - x``, a party has
  an index for an area when at least half of its items there are scored, the
  combined index weighs each available party the same, share 4–5 is the
  per-questionnaire share of scored items at 4 or more, averaged over
  questionnaires, t-intervals over questionnaires clipped to the scale);
* Cronbach's alpha against pingouin's documented examples (its data sets are
  stored in ``tests/data/ubu/``; pingouin is not a dependency) and the
  textbook formula;
* Cohen's quadratically weighted kappa against statsmodels'
  :func:`~statsmodels.stats.inter_rater.cohens_kappa` (``wt="quadratic"``:
  disagreement weights ``(i - j)² / (k - 1)²``, Fleiss–Cohen, i.e. Cohen's
  quadratic weighting) on the 5 x 5 table;
* the random-intercept fit against the textbook BLUP and our own REML
  likelihood maximised with scipy;
* the spärr against an independent implementation of its rule.
"""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from scipy.stats import f as f_dist
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa

from webbkollen_lib.agreement.parties import party_agreement
from webbkollen_lib.analysis.reliability import cronbach_alpha
from webbkollen_lib.analysis.ubu import (
    AGE_GROUPS,
    answer_breakdown,
    coverage,
    indices,
    provider_effects,
    provider_lookup,
    questionnaire_index,
    response_by_part,
    sparr,
)
from webbkollen_lib.disclosure import suppress_small_units
from webbkollen_lib.io.ubu import load_ubu, load_ubu_ended
from webbkollen_lib.systems.ubu.instrument import AREAS, PARTS, area_items, get_ubu_codebook, pair_items, scale_items

DATA = Path(__file__).parent / "data" / "ubu"
nan = np.nan
TOL = 1e-12

# ---------------------------------------------------------------------------
# The instrument, transcribed from the codebook (systems/ubu/codebook.yaml)
# ---------------------------------------------------------------------------

SS, UNG, FOR = "socialsekreterare", "ungdom", "foralder"

#: area -> part -> the part's scale items in the area
AREA_ITEMS = {
    "maluppfyllelse": {
        SS: ["ss_mal_halsa", "ss_mal_utbildning", "ss_mal_beteende", "ss_mal_identitet", "ss_mal_relationer",
             "ss_mal_socialt", "ss_mal_klara_sig_sjalv", "ss_mal_helhet"],
        UNG: ["ung_fatt_hjalp", "ung_forandring"],
        FOR: ["for_barn_fatt_stod", "for_forandring"],
    },
    "trygghet": {
        SS: ["ss_trygg", "ss_omsorg"],
        UNG: ["ung_trygg", "ung_vuxen", "ung_lyssnade", "ung_konflikter"],
        FOR: ["for_trygg", "for_omsorg"],
    },
    "skola": {
        SS: ["ss_skolgang", "ss_stod_skola", "ss_skolresultat"],
        UNG: ["ung_stod_skola", "ung_skolresultat", "ung_trivdes_skola"],
        FOR: ["for_stod_skola", "for_skolresultat"],
    },
    "natverk": {
        SS: ["ss_samarbete_foralder", "ss_natverk"],
        UNG: ["ung_kontakt_familj", "ung_kontakt_vanner"],
        FOR: ["for_stod_foralder", "for_kontakt_barn", "for_samarbete"],
    },
    "kompetens": {
        SS: ["ss_kompetens_malgrupp", "ss_kompetens_metod", "ss_bemotande"],
        UNG: ["ung_personal_forstod", "ung_bemotande"],
        FOR: ["for_bemotande", "for_kompetens"],
    },
    "planering": {
        SS: ["ss_genomforandeplan", "ss_rapportering", "ss_samarbete_soc", "ss_avslut_forberett"],
        UNG: ["ung_visste_varfor", "ung_delaktig_plan", "ung_forberedd_avslut"],
        FOR: ["for_information", "for_delaktig", "for_forberedd_avslut"],
    },
    "boendemiljo": {
        SS: ["ss_boendemiljo", "ss_inflytande"],
        UNG: ["ung_inflytande", "ung_trivdes_boende", "ung_fritid"],
        FOR: ["for_boendemiljo", "for_inflytande"],
    },
    "halsa": {
        SS: ["ss_halsovard", "ss_psykiskt_mabende"],
        UNG: ["ung_lakare", "ung_mar_battre", "ung_mat_somn"],
        FOR: ["for_halsovard", "for_mar_battre"],
    },
}
#: a high answer is a bad result ("conflicts in the group"): scored 6 - answer
REVERSED = {"ung_konflikter"}
SCORE_OF = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
ALL_PARTS = (SS, UNG, FOR, "alla")


# ---------------------------------------------------------------------------
# Independent reference computations (plain Python)
# ---------------------------------------------------------------------------


def _records(data: pd.DataFrame, columns) -> list[dict]:
    """The rows as dicts of answer code (str) or None (empty cell)."""
    obj = data[list(columns)].astype("object")
    return [{c: (None if pd.isna(v) else str(v)) for c, v in row.items()} for row in obj.to_dict("records")]


def _score(item: str, code):
    if code not in SCORE_OF:
        return None  # a missing reason or an empty cell
    x = SCORE_OF[code]
    return 6 - x if item in REVERSED else x


def _ref_party(record: dict, items: list[str]):
    """(index, share 4-5) of one party on one area, or None with under half of its items scored."""
    scores = [s for s in (_score(i, record.get(i)) for i in items) if s is not None]
    if not scores or 2 * len(scores) < len(items):
        return None
    return sum(scores) / len(scores), sum(1 for s in scores if s >= 4) / len(scores)


def _ref_questionnaire(record: dict, area: str, part: str):
    parts = (SS, UNG, FOR) if part == "alla" else (part,)
    found = [r for r in (_ref_party(record, AREA_ITEMS[area][p]) for p in parts) if r is not None]
    if not found:
        return None
    return sum(r[0] for r in found) / len(found), sum(r[1] for r in found) / len(found)


def _ref_interval(values, bounds, confidence=0.95):
    n = len(values)
    if n == 0:
        return nan, nan, nan
    mean = math.fsum(values) / n
    if n < 2:
        return mean, nan, nan
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    return mean, max(bounds[0], mean - half), min(bounds[1], mean + half)


def _all_items():
    return [i for area in AREA_ITEMS.values() for items in area.values() for i in items]


def _ref_suppress(sizes: dict, m: int) -> dict:
    """The spärr from its wording: under m hidden; then hide the smallest shown (ties: the later name)
    until the hidden together hold >= m from >= 2 units (or nothing is hidden, or nothing is left to hide)."""
    order = sorted(sizes, key=lambda u: (-sizes[u], str(u)))
    status = {u: ("sparrad" if sizes[u] < m else "visas") for u in order}
    while True:
        hidden = [u for u in order if status[u] != "visas"]
        contributing = [u for u in hidden if sizes[u] > 0]
        if not contributing or (sum(sizes[u] for u in hidden) >= m and len(contributing) >= 2):
            return status
        shown = [u for u in order if status[u] == "visas"]
        if not shown:
            return status
        status[shown[-1]] = "sparrad_sekundart"


def _close(a, b, tol=TOL):
    if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
        return (isinstance(a, float) and math.isnan(a)) and (isinstance(b, float) and math.isnan(b))
    return abs(a - b) <= tol


@pytest.fixture(scope="module")
def data():
    return load_ubu()


@pytest.fixture(scope="module")
def records(data):
    return _records(data, _all_items())


def _frame(rows: list[dict], columns) -> pd.DataFrame:
    """A hand-made questionnaire frame: codes as strings, None for an unanswered part."""
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns), dtype="object")


# ---------------------------------------------------------------------------
# The transcription above is the instrument the library uses
# ---------------------------------------------------------------------------


def test_the_transcribed_area_items_and_reversed_items_are_the_codebooks():
    for area in AREAS:
        for part in PARTS:
            assert area_items(area, part) == AREA_ITEMS[area][part], (area, part)
    cb = get_ubu_codebook()
    assert {i for i in scale_items() if cb[i].attrs.get("omvand")} == REVERSED


# ---------------------------------------------------------------------------
# 1. questionnaire_index and indices
# ---------------------------------------------------------------------------

TRYGGHET = [*AREA_ITEMS["trygghet"][SS], *AREA_ITEMS["trygghet"][UNG], *AREA_ITEMS["trygghet"][FOR]]
SKOLA = [*AREA_ITEMS["skola"][SS], *AREA_ITEMS["skola"][UNG], *AREA_ITEMS["skola"][FOR]]

# Three questionnaires on trygghet, by hand:
# Q1  ss 4, 5 -> 4.5 (share 1); young 5, 4, vet_ej, conflicts 2 (reversed: 4) -> 13/3 (share 1);
#     parent 3, ej_aktuellt -> one of two scored is half -> 3 (share 0).
#     Combined: (4.5 + 13/3 + 3) / 3 = 71/18, share (1 + 1 + 0) / 3 = 2/3.
# Q2  ss 2, vet_ej -> 2 (share 0); young: one of four scored (vet_ej, ej_svarat, 3, ej_aktuellt) -> none;
#     parent's part not answered (empty) -> none. Combined 2, share 0.
# Q3  ss 1, 1 -> 1 (share 0); young 5, 5, 5, conflicts 5 (reversed: 1) -> 4 (share 3/4);
#     parent's part not answered. Combined (1 + 4) / 2 = 2.5, share 3/8.
HAND_TRYGGHET = [
    {"ss_trygg": "4", "ss_omsorg": "5", "ung_trygg": "5", "ung_vuxen": "4", "ung_lyssnade": "vet_ej",
     "ung_konflikter": "2", "for_trygg": "3", "for_omsorg": "ej_aktuellt"},
    {"ss_trygg": "2", "ss_omsorg": "vet_ej", "ung_trygg": "vet_ej", "ung_vuxen": "ej_svarat", "ung_lyssnade": "3",
     "ung_konflikter": "ej_aktuellt"},
    {"ss_trygg": "1", "ss_omsorg": "1", "ung_trygg": "5", "ung_vuxen": "5", "ung_lyssnade": "5",
     "ung_konflikter": "5"},
]
HAND_EXPECTED = {  # part -> [(index, share) per questionnaire]
    SS: [(4.5, 1.0), (2.0, 0.0), (1.0, 0.0)],
    UNG: [(13 / 3, 1.0), (nan, nan), (4.0, 0.75)],
    FOR: [(3.0, 0.0), (nan, nan), (nan, nan)],
    "alla": [(71 / 18, 2 / 3), (2.0, 0.0), (2.5, 0.375)],
}


@pytest.mark.parametrize("part", ALL_PARTS)
def test_questionnaire_index_on_three_hand_made_questionnaires(part):
    frame = _frame(HAND_TRYGGHET, TRYGGHET)
    got = questionnaire_index(frame, "trygghet", part)
    assert list(got.columns) == ["index", "share"] and got.index.equals(frame.index)
    expected = np.array(HAND_EXPECTED[part])
    np.testing.assert_allclose(got.to_numpy(dtype=float), expected, rtol=0, atol=TOL)
    # the reference implementation agrees with the hand computation
    ref = [_ref_questionnaire(r, "trygghet", part) or (nan, nan) for r in _records(frame, TRYGGHET)]
    np.testing.assert_allclose(np.array(ref), expected, rtol=0, atol=TOL)


def test_questionnaire_index_gives_numbers(data):
    """"Codes in, tidy frames of numbers out": both columns are float64, not objects."""
    for part in ALL_PARTS:
        got = questionnaire_index(data, "trygghet", part)
        assert got.dtypes.to_dict() == {"index": np.dtype("float64"), "share": np.dtype("float64")}, part


def test_the_same_hand_made_questionnaires_as_categoricals_give_the_same_indices():
    frame = _frame(HAND_TRYGGHET, TRYGGHET)
    cb = get_ubu_codebook()
    cat = frame.apply(lambda s: pd.Categorical(s, categories=cb[s.name].categories))
    for part in ALL_PARTS:
        pd.testing.assert_frame_equal(questionnaire_index(cat, "trygghet", part),
                                      questionnaire_index(frame, "trygghet", part))


def test_half_of_a_partys_items_is_enough_and_fewer_is_not():
    # the young person has four trygghet items: two scored is half, one is not
    base = {"ss_trygg": "3", "ss_omsorg": "3"}
    two = {**base, "ung_trygg": "5", "ung_vuxen": "3", "ung_lyssnade": "vet_ej", "ung_konflikter": "ej_svarat"}
    one = {**base, "ung_trygg": "5", "ung_vuxen": "vet_ej", "ung_lyssnade": "vet_ej", "ung_konflikter": "ej_svarat"}
    got = questionnaire_index(_frame([two, one], TRYGGHET), "trygghet", UNG)
    assert got["index"].tolist()[0] == 4.0 and got["share"].tolist()[0] == 0.5
    assert got["index"].isna().tolist() == [False, True] and got["share"].isna().tolist() == [False, True]
    # three skola items: two scored are enough (at least 1.5), one is not
    rows = [
        {"ss_skolgang": "2", "ung_stod_skola": "4", "ung_skolresultat": "ej_skola", "ung_trivdes_skola": "2"},
        {"ss_skolgang": "2", "ung_stod_skola": "4", "ung_skolresultat": "ej_skola", "ung_trivdes_skola": "vet_ej"},
    ]
    got = questionnaire_index(_frame(rows, SKOLA), "skola", UNG)
    assert got["index"].tolist()[0] == 3.0 and got["share"].tolist()[0] == 0.5
    assert math.isnan(got["index"].tolist()[1])
    # the social worker's single scored skola item is one of three: no index, and so the
    # combined index of the second questionnaire is nobody's
    combined = questionnaire_index(_frame(rows, SKOLA), "skola", "alla")
    assert combined["index"].tolist()[0] == 3.0
    assert combined["index"].isna().tolist() == [False, True]


def test_missing_reasons_never_enter_an_index():
    # ej_skola and vet_ej are not scores: replacing them by any other missing reason or an empty
    # cell changes nothing, while replacing them by a score does
    row = {"ss_skolgang": "5", "ss_stod_skola": "vet_ej", "ss_skolresultat": "ej_skola"}
    variants = [row, {**row, "ss_stod_skola": "ej_aktuellt", "ss_skolresultat": "vet_ej"},
                {**row, "ss_stod_skola": "ej_svarat", "ss_skolresultat": None}]
    got = questionnaire_index(_frame(variants, SKOLA), "skola", SS)
    # one of three scored: no index in any variant
    assert got["index"].isna().all()
    scored = {**row, "ss_stod_skola": "4"}
    got = questionnaire_index(_frame([scored], SKOLA), "skola", SS)
    assert got["index"].tolist() == [4.5] and got["share"].tolist() == [1.0]


def test_the_reversed_item_is_turned_in_index_and_share():
    # only the conflicts item differs: answered 1 ("no conflicts") scores 5, answered 5 scores 1
    rows = [{"ung_trygg": "3", "ung_vuxen": "3", "ung_lyssnade": "3", "ung_konflikter": c, "ss_trygg": "3"}
            for c in ("1", "5")]
    got = questionnaire_index(_frame(rows, TRYGGHET), "trygghet", UNG)
    assert got["index"].tolist() == pytest.approx([14 / 4, 10 / 4], abs=TOL)
    assert got["share"].tolist() == pytest.approx([0.25, 0.0], abs=TOL)


def test_the_combined_index_weighs_every_party_the_same_however_many_items():
    # the social worker's eight maluppfyllelse items at 5 and the young person's two at 1:
    # the item mean would be 4.2, the party mean is 3
    row = {**{i: "5" for i in AREA_ITEMS["maluppfyllelse"][SS]}, "ung_fatt_hjalp": "1", "ung_forandring": "1"}
    columns = [i for p in PARTS for i in AREA_ITEMS["maluppfyllelse"][p]]
    got = questionnaire_index(_frame([row], columns), "maluppfyllelse", "alla")
    assert got["index"].tolist() == [3.0] and got["share"].tolist() == [0.5]


def test_indices_of_the_hand_made_questionnaires():
    frame = _frame(HAND_TRYGGHET, TRYGGHET)
    table = indices(frame, areas=["trygghet"])
    assert table["part"].tolist() == list(ALL_PARTS) and (table["area"] == "trygghet").all()
    row = table.set_index("part").loc["alla"]
    values = [71 / 18, 2.0, 2.5]
    mean = sum(values) / 3
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / 2)
    half = stats.t.ppf(0.975, 2) * sd / math.sqrt(3)
    assert row["n"] == 3
    assert row["mean"] == pytest.approx(mean, abs=TOL)
    assert row["mean_low"] == pytest.approx(max(1.0, mean - half), abs=TOL)
    assert row["mean_high"] == pytest.approx(min(5.0, mean + half), abs=TOL)
    # share: (2/3, 0, 3/8); mean 25/72, its interval clipped at 0
    shares = [2 / 3, 0.0, 0.375]
    s_mean = sum(shares) / 3
    s_half = stats.t.ppf(0.975, 2) * math.sqrt(sum((v - s_mean) ** 2 for v in shares) / 2) / math.sqrt(3)
    assert row["share"] == pytest.approx(25 / 72, abs=TOL)
    assert s_mean - s_half < 0 and row["share_low"] == 0.0
    assert s_mean + s_half > 1 and row["share_high"] == 1.0
    # the parent: one questionnaire, a mean but no interval
    parent = table.set_index("part").loc[FOR]
    assert parent["n"] == 1 and parent["mean"] == 3.0 and parent["share"] == 0.0
    assert math.isnan(parent["mean_low"]) and math.isnan(parent["mean_high"]) and math.isnan(parent["share_low"])
    # the young person: two of three questionnaires (the second has too few items scored)
    young = table.set_index("part").loc[UNG]
    assert young["n"] == 2 and young["mean"] == pytest.approx((13 / 3 + 4) / 2, abs=TOL)


def test_intervals_are_clipped_to_the_scale():
    # three questionnaires at 5, 5 and 4 (ss trygghet): the t-interval reaches past 5
    rows = [{"ss_trygg": a, "ss_omsorg": a} for a in ("5", "5", "4")]
    row = indices(_frame(rows, TRYGGHET), areas=["trygghet"], parts=[SS]).iloc[0]
    mean, half = 14 / 3, stats.t.ppf(0.975, 2) * math.sqrt(1 / 3) / math.sqrt(3)
    assert mean + half > 5
    assert row["mean"] == pytest.approx(mean, abs=TOL) and row["mean_high"] == 5.0
    assert row["mean_low"] == pytest.approx(mean - half, abs=TOL)
    assert row["share"] == 1.0 and row["share_low"] == 1.0 and row["share_high"] == 1.0  # no variance
    rows = [{"ss_trygg": a, "ss_omsorg": a} for a in ("1", "1", "2")]
    row = indices(_frame(rows, TRYGGHET), areas=["trygghet"], parts=[SS]).iloc[0]
    assert row["mean_low"] == 1.0 and row["mean_high"] == pytest.approx(4 / 3 + half, abs=TOL)


def test_an_empty_group_has_no_index():
    rows = [{"ss_trygg": "vet_ej", "ss_omsorg": "3"}]
    row = indices(_frame(rows, TRYGGHET), areas=["trygghet"], parts=[UNG]).iloc[0]
    assert row["n"] == 0 and all(math.isnan(row[c]) for c in ["mean", "mean_low", "share", "share_high"])


@pytest.mark.parametrize("area", AREAS)
def test_questionnaire_index_matches_a_plain_recomputation_on_the_shipped_data(data, records, area):
    for part in ALL_PARTS:
        got = questionnaire_index(data, area, part)
        ref = [_ref_questionnaire(r, area, part) or (nan, nan) for r in records]
        np.testing.assert_allclose(got.to_numpy(dtype=float), np.array(ref), rtol=0, atol=TOL,
                                   err_msg=f"{area} {part}")
        assert got["index"].notna().sum() > 0


def _ref_indices(data, records, area, part, by):
    keys = [()] * len(records) if not by else list(zip(*[data[c].astype("object").tolist() for c in by]))
    groups: dict[tuple, list] = {}
    for key, record in zip(keys, records):
        groups.setdefault(key, []).append(_ref_questionnaire(record, area, part))
    out = {}
    for key, found in groups.items():
        idx = [f[0] for f in found if f is not None]
        share = [f[1] for f in found if f is not None]
        out[key] = (len(idx), *_ref_interval(idx, (1.0, 5.0)), *_ref_interval(share, (0.0, 1.0)))
    return out


@pytest.mark.parametrize("by", [None, "utforartyp", ["kon", "ar"]], ids=["all", "utforartyp", "kon_ar"])
@pytest.mark.parametrize("area", ["maluppfyllelse", "trygghet", "skola", "planering", "halsa"])
def test_indices_match_a_plain_recomputation_per_group(data, records, area, by):
    cols = [] if by is None else [by] if isinstance(by, str) else by
    table = indices(data, by=by, areas=[area])
    assert list(table.columns) == [*cols, "area", "part", "n", "mean", "mean_low", "mean_high", "share",
                                   "share_low", "share_high"]
    values = ["n", "mean", "mean_low", "mean_high", "share", "share_low", "share_high"]
    seen = set()
    for part in ALL_PARTS:
        ref = _ref_indices(data, records, area, part, cols)
        rows = table[table["part"] == part]
        got_keys = [tuple(r) for r in rows[cols].astype("object").itertuples(index=False)] if cols else [()]
        assert sorted(got_keys, key=str) == sorted(ref, key=str), part  # exactly the groups in the data
        for key, (_, row) in zip(got_keys, rows.iterrows()):
            for name, expected in zip(values, ref[key]):
                assert _close(float(row[name]), float(expected)), (area, part, key, name, row[name], expected)
            seen.add(part)
    assert seen == set(ALL_PARTS)


# ---------------------------------------------------------------------------
# 2. Cronbach's alpha
# ---------------------------------------------------------------------------


def test_cronbach_alpha_reproduces_pingouins_documented_example():
    """pingouin: ``pg.cronbach_alpha(data=pg.read_dataset('cronbach_alpha'), items='Items',
    scores='Scores', subject='Subj')`` -> ``(0.591719, array([0.195, 0.84]))``."""
    long = pd.read_csv(DATA / "pingouin_cronbach_alpha.csv")
    assert long.shape == (150, 3)
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    res = cronbach_alpha(wide).iloc[0]
    assert res["alpha"] == pytest.approx(0.591719, abs=1e-6)
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((0.195, 0.84), abs=1e-3)
    assert (res["n"], res["k"]) == (15, 10)
    # pingouin >= 0.5 prints the unrounded value
    assert res["alpha"] == pytest.approx(0.5917188485995826, abs=1e-12)


def test_cronbach_alpha_with_listwise_deletion_matches_pingouin_and_feldt_on_the_complete_subjects():
    """pingouin: ``pg.cronbach_alpha(data=pg.read_dataset('cronbach_wide_missing'), nan_policy='listwise')``
    -> ``(0.8016949152542373, array([0.581, 0.933]))``; psych::alpha(use = "complete.obs").

    Three of twelve subjects have a missing item. Alpha agrees. pingouin's interval takes n = 12
    (the subjects *before* deletion, ``n, k = data.shape`` ahead of ``dropna``); Feldt's interval
    is over the subjects the alpha is computed from, n = 9, which is what we report.
    """
    wide = pd.read_csv(DATA / "pingouin_cronbach_wide_missing.csv", encoding="utf-8-sig")
    assert wide.shape == (12, 11) and wide.isna().any(axis=1).sum() == 3
    res = cronbach_alpha(wide).iloc[0]
    assert res["alpha"] == pytest.approx(0.8016949152542373, abs=1e-12)
    assert (res["n"], res["k"]) == (9, 11)

    def feldt(n, k=11, a=0.05):
        d1, d2 = n - 1, (n - 1) * (k - 1)
        return 1 - (1 - res["alpha"]) * f_dist.ppf(1 - a / 2, d1, d2), 1 - (1 - res["alpha"]) * f_dist.ppf(a / 2, d1, d2)

    assert feldt(12) == pytest.approx((0.581, 0.933), abs=1e-3)  # pingouin's printed interval
    assert (res["ci_low"], res["ci_high"]) == pytest.approx(feldt(9), abs=1e-12)
    # deleting the incomplete subjects by hand gives the same result
    pd.testing.assert_frame_equal(cronbach_alpha(wide.dropna()), cronbach_alpha(wide))


def test_cronbach_alpha_textbook_formula_on_a_hand_example():
    # a = 1,2,3,4; b = 2,3,3,5; c = 1,1,2,3. Item variances 5/3, 4.75/3, 2.75/3 (sum 12.5/3);
    # sums 4, 6, 8, 12 with variance 35/3. alpha = 3/2 * (1 - 12.5/35) = 27/28.
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 3, 5], "c": [1, 1, 2, 3]})
    res = cronbach_alpha(items).iloc[0]
    assert res["alpha"] == pytest.approx(27 / 28, abs=TOL)
    assert (res["n"], res["k"]) == (4, 3)
    low = 1 - (1 / 28) * f_dist.ppf(0.975, 3, 6)
    high = 1 - (1 / 28) * f_dist.ppf(0.025, 3, 6)
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((low, high), abs=1e-10)
    # a 90 % interval is narrower and inside the 95 % one
    res90 = cronbach_alpha(items, confidence=0.90).iloc[0]
    assert res["ci_low"] < res90["ci_low"] < res90["alpha"] < res90["ci_high"] < res["ci_high"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cronbach_alpha_equals_the_covariance_form(seed):
    # alpha = k * mean covariance / (mean variance + (k - 1) * mean covariance)
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(60, 1))
    values = np.clip(np.round(3 + latent + rng.normal(scale=0.8, size=(60, 5))), 1, 5)
    cov = np.cov(values, rowvar=False, ddof=1)
    k = cov.shape[0]
    v_bar = np.trace(cov) / k
    c_bar = (cov.sum() - np.trace(cov)) / (k * (k - 1))
    expected = k * c_bar / (v_bar + (k - 1) * c_bar)
    assert cronbach_alpha(pd.DataFrame(values)).iloc[0]["alpha"] == pytest.approx(expected, abs=TOL)


def test_cronbach_alpha_is_nan_without_two_items_two_respondents_or_variance():
    one_item = cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4]})).iloc[0]
    assert math.isnan(one_item["alpha"]) and math.isnan(one_item["ci_low"]) and (one_item["n"], one_item["k"]) == (4, 1)
    one_complete = cronbach_alpha(pd.DataFrame({"a": [1, 2, nan], "b": [2, nan, 3]})).iloc[0]
    assert math.isnan(one_complete["alpha"]) and (one_complete["n"], one_complete["k"]) == (1, 2)
    # the sums are 4, 4, 4: no variance
    flat = cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]})).iloc[0]
    assert math.isnan(flat["alpha"]) and math.isnan(flat["ci_high"]) and flat["n"] == 3


def test_cronbach_alpha_deletes_incomplete_respondents_listwise():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 3, 5], "c": [1, 1, 2, 3]})
    more = pd.concat([items, pd.DataFrame({"a": [5, nan], "b": [nan, 1], "c": [1, 5]})], ignore_index=True)
    pd.testing.assert_frame_equal(cronbach_alpha(more), cronbach_alpha(items))
    assert cronbach_alpha(more).iloc[0]["n"] == 4


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1])
def test_cronbach_alpha_rejects_a_confidence_outside_0_1(confidence):
    with pytest.raises(ValueError, match="confidence"):
        cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [1, 3, 2]}), confidence=confidence)


# ---------------------------------------------------------------------------
# 3. party_agreement
# ---------------------------------------------------------------------------


def _pair_scores(data, first_item, second_item):
    pairs = []
    for r in _records(data, [first_item, second_item]):
        a, b = _score(first_item, r[first_item]), _score(second_item, r[second_item])
        if a is not None and b is not None:
            pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("topic", ["trygg", "bemotande", "skolresultat", "inflytande", "hjalp"])
def test_party_agreement_matches_direct_counts_and_statsmodels_weighted_kappa(data, topic):
    table = party_agreement(data, topics=[topic])
    assert table[["first", "second"]].values.tolist() == [[UNG, SS], [FOR, SS]]
    for _, row in table.iterrows():
        items = pair_items(topic)
        assert (row["item_first"], row["item_second"]) == (items[row["first"]], items[row["second"]])
        pairs = _pair_scores(data, row["item_first"], row["item_second"])
        n = len(pairs)
        assert row["n"] == n and n > 100
        assert row["exact"] == pytest.approx(sum(a == b for a, b in pairs) / n, abs=TOL)
        assert row["within_one"] == pytest.approx(sum(abs(a - b) <= 1 for a, b in pairs) / n, abs=TOL)
        assert row["mean_difference"] == pytest.approx(sum(a - b for a, b in pairs) / n, abs=TOL)
        counts = np.zeros((5, 5))
        for a, b in pairs:
            counts[a - 1, b - 1] += 1
        kappa = sm_cohens_kappa(counts, wt="quadratic", return_results=False)
        assert row["kappa_w"] == pytest.approx(kappa, abs=1e-10)
        assert row["kappa_low"] < row["kappa_w"] < row["kappa_high"]


def test_cohens_quadratic_kappa_by_hand_equals_statsmodels_convention():
    # Cohen's weighted kappa with disagreement weights (i - j)^2: 1 - sum(w O) / sum(w E)
    counts = np.array([[5, 2, 0, 0, 1], [1, 6, 2, 0, 0], [0, 2, 7, 3, 0], [0, 0, 2, 8, 1], [1, 0, 0, 2, 4]], float)
    n = counts.sum()
    w = np.array([[(i - j) ** 2 for j in range(5)] for i in range(5)], float)
    expected_counts = np.outer(counts.sum(1), counts.sum(0)) / n
    by_hand = 1 - (w * counts).sum() / (w * expected_counts).sum()
    assert sm_cohens_kappa(counts, wt="quadratic", return_results=False) == pytest.approx(by_hand, abs=1e-12)
    # and party_agreement on questionnaires laid out as this table
    rows = [{"ung_trygg": str(i + 1), "ss_trygg": str(j + 1)}
            for i in range(5) for j in range(5) for _ in range(int(counts[i, j]))]
    frame = _frame(rows, ["ung_trygg", "ss_trygg", "for_trygg"])
    row = party_agreement(frame, topics=["trygg"], parties=[(UNG, SS)]).iloc[0]
    assert row["n"] == n and row["kappa_w"] == pytest.approx(by_hand, abs=1e-10)
    assert row["exact"] == pytest.approx(np.trace(counts) / n, abs=TOL)


def test_party_agreement_counts_only_questionnaires_where_both_parties_scored_the_item():
    rows = [
        {"ung_trygg": "5", "ss_trygg": "4", "for_trygg": "4"},
        {"ung_trygg": "vet_ej", "ss_trygg": "4", "for_trygg": "2"},   # the young person did not score it
        {"ung_trygg": "3", "ss_trygg": "ej_aktuellt", "for_trygg": None},  # the social worker did not
        {"ung_trygg": "2", "ss_trygg": "4", "for_trygg": None},          # the parent's part not answered
        {"ung_trygg": "1", "ss_trygg": "1", "for_trygg": "ej_svarat"},
    ]
    table = party_agreement(_frame(rows, ["ung_trygg", "ss_trygg", "for_trygg"]), topics=["trygg"]).set_index("first")
    young, parent = table.loc[UNG], table.loc[FOR]
    # young vs social worker: (5, 4), (2, 4), (1, 1)
    assert young["n"] == 3
    assert young["exact"] == pytest.approx(1 / 3, abs=TOL) and young["within_one"] == pytest.approx(2 / 3, abs=TOL)
    assert young["mean_difference"] == pytest.approx((1 - 2 + 0) / 3, abs=TOL)
    # parent vs social worker: (4, 4), (2, 4)
    assert parent["n"] == 2 and parent["exact"] == 0.5 and parent["within_one"] == 0.5
    assert parent["mean_difference"] == -1.0


def test_party_agreement_with_another_pair_of_parties(data):
    row = party_agreement(data, topics=["bemotande"], parties=[(UNG, FOR)]).iloc[0]
    pairs = _pair_scores(data, "ung_bemotande", "for_bemotande")
    assert (row["first"], row["second"], row["n"]) == (UNG, FOR, len(pairs))
    assert row["mean_difference"] == pytest.approx(sum(a - b for a, b in pairs) / len(pairs), abs=TOL)


# ---------------------------------------------------------------------------
# 4. provider_effects
# ---------------------------------------------------------------------------


def _reml(groups: list[np.ndarray]):
    """REML estimates (tau2, sigma2, mu) of y_ij = mu + u_i + e_ij, by maximising the REML log-likelihood."""
    n = np.array([len(g) for g in groups], float)
    means = np.array([g.mean() for g in groups])
    ssw = np.array([((g - g.mean()) ** 2).sum() for g in groups])

    def negll(theta):
        tau2, sig2 = np.exp(theta)
        d = sig2 + n * tau2
        w = n / d
        mu = (w * means).sum() / w.sum()
        return 0.5 * (((n - 1) * np.log(sig2) + np.log(d)).sum() + np.log(w.sum())
                      + (ssw / sig2 + n * (means - mu) ** 2 / d).sum())

    var = np.concatenate(groups).var(ddof=1)
    res = optimize.minimize(negll, [np.log(var / 10), np.log(var)], method="Nelder-Mead",
                            options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
    return negll, res


@pytest.mark.parametrize("part", ["alla", UNG])
def test_provider_effects_are_textbook_blups_of_a_random_intercept_model(data, records, part):
    out = provider_effects(data, area="trygghet", part=part)
    a = out.attrs
    tau2, sigma2, overall = a["between_var"], a["within_var"], a["overall_mean"]
    # raw means and n from our own index
    per: dict[str, list[float]] = {}
    for name, record in zip(data["utforare"].astype("object"), records):
        found = _ref_questionnaire(record, "trygghet", part)
        if found is not None:
            per.setdefault(name, []).append(found[0])
    for _, row in out.iterrows():
        values = per[row["utforare"]]
        assert row["n"] == len(values)
        assert row["raw_mean"] == pytest.approx(sum(values) / len(values), abs=TOL)
        factor = row["n"] * tau2 / (row["n"] * tau2 + sigma2)
        assert row["shrinkage"] == pytest.approx(factor, abs=1e-12)
        assert row["shrunken_mean"] == pytest.approx(overall + factor * (row["raw_mean"] - overall), abs=1e-6)
    assert a["icc"] == pytest.approx(tau2 / (tau2 + sigma2), abs=TOL)
    assert 0 < a["icc"] < 1
    # the variances are the REML estimates: our own maximisation of the REML likelihood agrees
    groups = [np.array(v) for _, v in sorted(per.items())]
    negll, res = _reml(groups)
    assert res.success
    assert negll(np.log([tau2, sigma2])) - res.fun < 1e-6  # the fit is at the maximum
    assert tau2 == pytest.approx(np.exp(res.x[0]), rel=1e-3)
    assert sigma2 == pytest.approx(np.exp(res.x[1]), rel=1e-4)
    # and the overall mean is the GLS mean at those variances
    n = np.array([len(g) for g in groups])
    w = n / (sigma2 + n * tau2)
    assert overall == pytest.approx((w * np.array([g.mean() for g in groups])).sum() / w.sum(), abs=1e-8)


def _rank_desc(values: list[float]) -> list[int]:
    return [1 + sum(1 for w in values if w > v) for v in values]


def _indexed_counts(data, records, area, part) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, record in zip(data["utforare"].astype("object"), records):
        if _ref_questionnaire(record, area, part) is not None:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _shown(data, m=3) -> set[str]:
    counts: dict[str, int] = {}
    for name in data["utforare"].astype("object"):
        counts[name] = counts.get(name, 0) + 1
    return {u for u, s in _ref_suppress(counts, m).items() if s == "visas"}


@pytest.mark.parametrize("part", ["alla", FOR])
def test_provider_effects_list_the_providers_the_sparr_shows_with_enough_indices(data, records, part):
    """Returned: the providers the spärr shows with at least ``min_questionnaires`` questionnaires
    with an index (the parent's index is missing in most questionnaires, so for the parent fewer)."""
    out = provider_effects(data, area="trygghet", part=part)
    indexed = _indexed_counts(data, records, "trygghet", part)
    expected = {u for u in _shown(data) if indexed.get(u, 0) >= 3}
    assert set(out["utforare"]) == expected and (out["n"] >= 3).all()
    if part == FOR:
        assert expected < _shown(data)  # some shown providers have one or two parents' answers
    assert out["shrunken_mean"].is_monotonic_decreasing
    assert out["rank_raw"].tolist() == _rank_desc(out["raw_mean"].tolist())
    assert out["rank_shrunken"].tolist() == _rank_desc(out["shrunken_mean"].tolist())
    # shrinkage pulls toward the overall mean and never past it
    overall = out.attrs["overall_mean"]
    assert ((out["shrunken_mean"] - overall) * (out["raw_mean"] - overall) >= 0).all()
    assert ((out["shrunken_mean"] - overall).abs() <= (out["raw_mean"] - overall).abs() + 1e-12).all()
    if part == "alla":
        higher = provider_effects(data, area="trygghet", part="alla", min_questionnaires=10)
        assert set(higher["utforare"]) == {u for u in _shown(data, 10) if indexed.get(u, 0) >= 10}
        assert 0 < len(higher) < len(out)


def _providers_frame(data, sizes: dict[str, int]) -> pd.DataFrame:
    """Real questionnaires relabelled as providers of the given sizes."""
    rows, start = [], 0
    for name, size in sizes.items():
        part = data.iloc[start:start + size].copy()
        part["utforare"] = name
        rows.append(part)
        start += size
    return pd.concat(rows, ignore_index=True)


def test_provider_effects_follow_the_sparr_with_secondary_suppression(data):
    """With providers of 40, 30, 3 and 1
    questionnaires the spärr holds back the provider of 1 and, secondarily, the one of 3."""
    frame = _providers_frame(data, {"A": 40, "B": 30, "C": 3, "D": 1})
    shown = set(sparr(frame).query("status == 'visas'")["utforare"])
    assert shown == {"A", "B"}
    assert set(provider_effects(frame, area="trygghet", part="alla")["utforare"]) == shown


# ---------------------------------------------------------------------------
# 5. suppress_small_units and sparr
# ---------------------------------------------------------------------------


def test_suppress_small_units_docstring_examples():
    assert suppress_small_units(pd.Series({"A": 10, "B": 6, "C": 2}), 3).tolist() == [
        "visas", "sparrad_sekundart", "sparrad"]
    assert suppress_small_units(pd.Series({"A": 10, "B": 6, "C": 2, "D": 1}), 3).tolist() == [
        "visas", "visas", "sparrad", "sparrad"]


@pytest.mark.parametrize("sizes, expected", [
    ({"A": 10, "B": 6}, {"A": "visas", "B": "visas"}),                                 # nothing to hold back
    ({"A": 10, "B": 1, "C": 1}, {"A": "sparrad_sekundart", "B": "sparrad", "C": "sparrad"}),  # 2 < 3: all held
    ({"A": 10, "B": 2}, {"A": "sparrad_sekundart", "B": "sparrad"}),
    ({"A": 2}, {"A": "sparrad"}),
    ({"A": 9, "B": 4, "C": 3, "D": 1}, {"A": "visas", "B": "visas", "C": "sparrad_sekundart", "D": "sparrad"}),
    ({"A": 9, "B": 1, "C": 1, "D": 1}, {"A": "visas", "B": "sparrad", "C": "sparrad", "D": "sparrad"}),
    # a held-back provider of 2 needs two more: the smallest shown (3), which makes 5 from two
    ({"A": 9, "B": 5, "C": 3, "D": 2}, {"A": "visas", "B": "visas", "C": "sparrad_sekundart", "D": "sparrad"}),
    ({"A": 3, "B": 3, "C": 3}, {"A": "visas", "B": "visas", "C": "visas"}),
], ids=lambda v: str(v) if isinstance(v, dict) and len(v) < 5 else None)
def test_suppress_small_units_on_hand_cases(sizes, expected):
    got = suppress_small_units(pd.Series(sizes), 3)
    assert got.to_dict() == expected
    assert got.to_dict() == _ref_suppress(sizes, 3)


def test_suppress_small_units_breaks_ties_by_name_whatever_the_order():
    # B and C both have 5: the one later by name (C) is held back first
    sizes = {"A": 10, "B": 5, "C": 5, "D": 1}
    expected = ["visas", "visas", "sparrad_sekundart", "sparrad"]
    for perm in itertools.permutations(sizes):
        got = suppress_small_units(pd.Series({u: sizes[u] for u in perm}), 3)
        assert got.index.tolist() == ["A", "B", "C", "D"] and got.tolist() == expected, perm


@pytest.mark.parametrize("seed", range(8))
def test_suppress_small_units_matches_the_rule_on_random_sizes_in_any_order(seed):
    rng = random.Random(seed)
    for _ in range(60):
        m = rng.choice([2, 3, 5])
        sizes = {f"u{i:02d}": rng.choice([1, 1, 2, 3, 3, 4, 5, 6, 8, 12, 20]) for i in range(rng.randint(1, 9))}
        expected = _ref_suppress(sizes, m)
        names = list(sizes)
        rng.shuffle(names)
        got = suppress_small_units(pd.Series({u: sizes[u] for u in names}), m)
        assert got.to_dict() == expected, (sizes, m)
        # largest first, ties by name
        assert got.index.tolist() == sorted(sizes, key=lambda u: (-sizes[u], u))
        hidden = [u for u, s in got.items() if s != "visas"]
        primary = {u for u, s in got.items() if s == "sparrad"}
        assert primary == {u for u in sizes if sizes[u] < m}
        if hidden and len(hidden) < len(sizes):
            assert sum(sizes[u] for u in hidden) >= m and len(hidden) >= 2
        # the secondary ones are the smallest shown, and without the largest of them the rule would fail
        secondary = [u for u, s in got.items() if s == "sparrad_sekundart"]
        shown = [u for u, s in got.items() if s == "visas"]
        if secondary and shown:
            assert min(sizes[u] for u in shown) >= max(sizes[u] for u in secondary)
            rest = [u for u in hidden if u != secondary[0]]
            assert sum(sizes[u] for u in rest) < m or len(rest) < 2


def test_a_unit_with_no_questionnaires_hides_nothing_and_forces_nothing():
    """B has no questionnaires: the total minus A and C is 0, which tells nobody anything, so A and C stay;
    but B does not count as one of the two units that must share a held-back remainder either."""
    got = suppress_small_units(pd.Series({"A": 10, "B": 0, "C": 3}), 3)
    assert got.to_dict() == {"A": "visas", "C": "visas", "B": "sparrad"}
    got = suppress_small_units(pd.Series({"A": 10, "B": 0, "C": 3, "D": 2}), 3)
    assert got.to_dict() == {"A": "visas", "C": "sparrad_sekundart", "D": "sparrad", "B": "sparrad"}


@pytest.mark.parametrize("bad", [0, -1, 2.5, 3.0, True, "3", None])
def test_suppress_small_units_and_sparr_reject_a_threshold_that_is_not_a_positive_whole_number(data, bad):
    with pytest.raises(ValueError, match="min_size"):
        suppress_small_units(pd.Series({"A": 4, "B": 1}), bad)
    with pytest.raises(ValueError):
        sparr(data, min_questionnaires=bad)


def test_sparr_on_the_shipped_data_counts_each_provider_and_applies_the_rule(data):
    table = sparr(data)
    assert list(table.columns) == ["utforare", "n", "status"]
    counts: dict[str, int] = {}
    for name in data["utforare"].astype("object"):
        counts[name] = counts.get(name, 0) + 1
    assert dict(zip(table["utforare"], table["n"])) == counts
    assert dict(zip(table["utforare"], table["status"])) == _ref_suppress(counts, 3)
    assert table["n"].is_monotonic_decreasing
    assert (table["status"] == "sparrad").sum() == sum(1 for c in counts.values() if c < 3) > 0
    # another unit and threshold: municipalities at 50
    by_kommun = sparr(data, unit="kommun", min_questionnaires=50)
    kommun = data["kommun"].astype("object").value_counts().to_dict()
    assert dict(zip(by_kommun["kommun"], by_kommun["status"])) == _ref_suppress(kommun, 50)
    assert set(by_kommun.loc[by_kommun["status"] != "visas", "kommun"]) == {"Salem", "Nacka"}


def test_sparr_is_the_same_whatever_the_order_of_the_questionnaires(data):
    shuffled = data.sample(frac=1, random_state=7)
    pd.testing.assert_frame_equal(sparr(shuffled), sparr(data))
    frame = _providers_frame(data, {"A": 40, "B": 5, "C": 5, "D": 2})
    expected = {"A": "visas", "B": "visas", "C": "sparrad_sekundart", "D": "sparrad"}
    for seed in range(3):
        got = sparr(frame.sample(frac=1, random_state=seed))
        assert dict(zip(got["utforare"], got["status"])) == expected


# ---------------------------------------------------------------------------
# 6. provider_lookup
# ---------------------------------------------------------------------------


def _age_group(age) -> str | None:
    for code, (low, high) in AGE_GROUPS.items():
        if low <= age <= high:
            return code
    return None


def _ref_lookup(data, records, *, area="trygghet", part="alla", utforartyp=None, group=None, m=3):
    """(rows by provider, hidden questionnaires, hidden providers) from the docstring's rules.

    The rules count what the table's n counts: the questionnaires with an index in the area and party.
    """
    has = [_ref_questionnaire(r, area, part) is not None for r in records]
    data = data[has]
    records = [r for r, h in zip(records, has) if h]
    providers = data["utforare"].astype("object").tolist()
    types = data["utforartyp"].astype("object").tolist()
    if group is None:
        codes = [None] * len(data)
        counts: dict[str, int] = {}
        for p in providers:
            counts[p] = counts.get(p, 0) + 1
        listed = {p for p, s in _ref_suppress(counts, m).items() if s == "visas"}
    else:
        dimension, code = group
        if dimension == "aldersgrupp":
            codes = [_age_group(int(a)) for a in data["alder"]]
        else:
            codes = [None if pd.isna(v) else v for v in data[dimension].astype("object")]
        codes = ["__none__" if c is None else c for c in codes]
        parts: dict[str, dict] = {}
        for p, c in zip(providers, codes):
            parts.setdefault(p, {}).setdefault(c, 0)
            parts[p][c] += 1
        listed = {p for p, sizes in parts.items() if code in sizes and _ref_suppress(sizes, m)[code] == "visas"}
    wanted = None if utforartyp is None else {utforartyp} if isinstance(utforartyp, str) else set(utforartyp)
    selected: dict[str, list] = {}
    for p, t, c, r in zip(providers, types, codes, records):
        if wanted is not None and t not in wanted:
            continue
        if group is not None and c != group[1]:
            continue
        selected.setdefault(p, []).append((t, _ref_questionnaire(r, area, part)))
    rows, hidden_q, hidden_p = {}, 0, 0
    for p, found in selected.items():
        idx = [f[0] for _, f in found if f is not None]
        share = [f[1] for _, f in found if f is not None]
        if p not in listed or len(idx) < m:
            hidden_q += len(found)
            hidden_p += 1
            continue
        rows[p] = {"utforartyp": found[0][0], "n": len(idx), **dict(zip(
            ["mean", "mean_low", "mean_high", "share", "share_low", "share_high"],
            [*_ref_interval(idx, (1.0, 5.0)), *_ref_interval(share, (0.0, 1.0))]))}
    return rows, hidden_q, hidden_p


def _check_lookup(out, ref):
    rows, hidden_q, hidden_p = ref
    assert set(out["utforare"]) == set(rows)
    for _, row in out.iterrows():
        expected = rows[row["utforare"]]
        assert row["utforartyp"] == expected["utforartyp"] and row["n"] == expected["n"]
        for name in ["mean", "mean_low", "mean_high", "share", "share_low", "share_high"]:
            assert _close(float(row[name]), expected[name]), (row["utforare"], name)
    assert out.attrs["suppressed"] == {"questionnaires": hidden_q, "providers": hidden_p}
    means = out["mean"].tolist()
    assert out["mean"].is_monotonic_decreasing
    assert out["rank"].tolist() == _rank_desc(means)
    best = max(means)
    assert out["overlaps_best"].tolist() == [h >= best for h in out["mean_high"]]


LOOKUPS = [
    {},
    {"utforartyp": "hvb"},
    {"utforartyp": ["sis", "stodboende"]},
    {"kon": "flicka"},
    {"aldersgrupp": "16_17"},
    {"skal_placering": "eget_beteende"},
    {"ar": 2013},
    {"utforartyp": "hvb", "kon": "pojke"},
    {"area": "skola", "part": UNG, "aldersgrupp": "12_15"},
]


@pytest.mark.parametrize("kwargs", LOOKUPS, ids=lambda k: "-".join(f"{a}={b}" for a, b in k.items()) or "none")
def test_provider_lookup_matches_a_recomputation_from_its_rules(data, records, kwargs):
    kwargs = dict(kwargs)
    area, part = kwargs.pop("area", "trygghet"), kwargs.pop("part", "alla")
    utforartyp = kwargs.pop("utforartyp", None)
    group = next(iter(kwargs.items()), None)
    out = provider_lookup(data, area=area, part=part, utforartyp=utforartyp, **kwargs)
    ref = _ref_lookup(data, records, area=area, part=part, utforartyp=utforartyp, group=group)
    assert len(out) >= 3
    _check_lookup(out, ref)
    assert out.attrs["area"] == area and out.attrs["part"] == part


def test_every_filter_restricts_the_questionnaires(data):
    everyone = provider_lookup(data)

    def accounted(out, mask):
        # the questionnaires of the listed providers in the selection, plus those held back
        listed = int((mask & data["utforare"].isin(out["utforare"])).sum())
        return listed + out.attrs["suppressed"]["questionnaires"]

    assert accounted(everyone, pd.Series(True, index=data.index)) == len(data)
    manual = {
        "utforartyp": data["utforartyp"].astype("object") == "hvb",
        "kon": data["kon"].astype("object") == "flicka",
        "aldersgrupp": data["alder"].between(16, 17),
        "skal_placering": data["skal_placering"].astype("object") == "eget_beteende",
        "ar": data["ar"] == 2013,
    }
    values = {"utforartyp": "hvb", "kon": "flicka", "aldersgrupp": "16_17", "skal_placering": "eget_beteende",
              "ar": 2013}
    for name, mask in manual.items():
        out = provider_lookup(data, **{name: values[name]})
        selected = int(mask.sum())
        assert 0 < selected < len(data)
        # listed plus held back are exactly the questionnaires the filter selects
        assert accounted(out, mask) == selected, name
        assert out["n"].sum() < everyone["n"].sum()
        index = questionnaire_index(data, "trygghet", "alla")["index"].notna()
        for provider, n in zip(out["utforare"], out["n"]):
            assert n == int((mask & index & (data["utforare"] == provider)).sum()), (name, provider)
        assert out.attrs["filters"] == {name: values[name]}


def test_a_provider_with_a_few_questionnaires_outside_the_group_is_not_listed(data):
    """Provider X has 5 girls and 2 boys: listing its girls' result beside its overall result would
    give away the two boys', so it is not listed for girls. Provider Y (5 girls, 3 boys) is."""
    frame = _providers_frame(data, {"X": 7, "Y": 8, "Z": 30, "W": 30})
    frame["kon"] = frame["kon"].astype("object")
    frame.loc[frame["utforare"] == "X", "kon"] = ["flicka"] * 5 + ["pojke"] * 2
    frame.loc[frame["utforare"] == "Y", "kon"] = ["flicka"] * 5 + ["pojke"] * 3
    frame.loc[frame["utforare"].isin(["Z", "W"]), "kon"] = (["flicka"] * 10 + ["pojke"] * 20) * 2
    frame["kon"] = pd.Categorical(frame["kon"], categories=data["kon"].cat.categories)
    girls = provider_lookup(frame, kon="flicka")
    assert set(girls["utforare"]) == {"Y", "Z", "W"}
    assert girls.attrs["suppressed"] == {"questionnaires": 5, "providers": 1}
    assert girls.set_index("utforare").loc["Y", "n"] == 5
    # without a target group X is listed (7 questionnaires)
    assert "X" in set(provider_lookup(frame)["utforare"])
    # X's boys (2) are held back, so are its girls (secondarily): neither is listed
    assert "X" not in set(provider_lookup(frame, kon="pojke")["utforare"])


def test_a_provider_whose_other_groups_together_are_enough_is_listed(data):
    """Outside the group, 1 + 2 questionnaires from two other codes are together three from two
    parts: the group's own part is shown."""
    frame = _providers_frame(data, {"X": 7, "Z": 30})
    frame["skal_placering"] = frame["skal_placering"].astype("object")
    frame.loc[frame["utforare"] == "X", "skal_placering"] = ["eget_beteende"] * 4 + ["relationer"] + ["annat"] * 2
    frame.loc[frame["utforare"] == "Z", "skal_placering"] = ["eget_beteende"] * 15 + ["relationer"] * 15
    out = provider_lookup(frame, skal_placering="eget_beteende")
    assert set(out["utforare"]) == {"X", "Z"}
    # but with the other codes at 1 and 1, the held-back rest is two questionnaires: X is not listed
    frame.loc[frame["utforare"] == "X", "skal_placering"] = ["eget_beteende"] * 5 + ["relationer"] + ["annat"]
    out = provider_lookup(frame, skal_placering="eget_beteende")
    assert set(out["utforare"]) == {"Z"} and out.attrs["suppressed"] == {"questionnaires": 5, "providers": 1}


def test_ranks_ties_and_overlap_with_the_best_on_hand_made_providers(data):
    # three providers of four questionnaires each, social worker's trygghet only:
    # P: 5,5,5,4 -> 4.75; Q: 4,4,4,4 -> 4 (no variance: interval 4..4); R: 4,5,4,3 -> 4
    frame = _providers_frame(data, {"P": 4, "Q": 4, "R": 4})
    answers = ["5", "5", "5", "4", "4", "4", "4", "4", "4", "5", "4", "3"]
    for column in TRYGGHET:
        frame[column] = pd.Series([None] * len(frame), dtype="object")
    frame["ss_trygg"] = answers
    frame["ss_omsorg"] = answers
    out = provider_lookup(frame, part=SS)
    assert out["utforare"].tolist()[0] == "P" and set(out["utforare"].tolist()[1:]) == {"Q", "R"}
    assert out["rank"].tolist() == [1, 2, 2]
    by = out.set_index("utforare")
    assert by.loc["P", "mean"] == 4.75 and by.loc["Q", "mean"] == 4.0 and by.loc["R", "mean"] == 4.0
    assert not by.loc["Q", "overlaps_best"]  # 4..4 does not reach 4.75
    half = stats.t.ppf(0.975, 3) * math.sqrt(2 / 3) / 2  # R: sd sqrt(2/3), n 4
    assert by.loc["R", "mean_low"] == pytest.approx(4 - half, abs=TOL)
    assert 4 + half > 5 and by.loc["R", "mean_high"] == 5.0  # clipped, and reaches 4.75
    assert bool(by.loc["R", "overlaps_best"]) and bool(by.loc["P", "overlaps_best"])
    # one answer of Q lower: Q ranks last, and its interval (3.875 +- 0.40) stays below P's mean
    frame.loc[frame["utforare"] == "Q", "ss_trygg"] = ["4", "4", "4", "3"]
    out = provider_lookup(frame, part=SS).set_index("utforare")
    assert out["rank"].to_dict() == {"P": 1, "R": 2, "Q": 3}
    q_high = 3.875 + stats.t.ppf(0.975, 3) * math.sqrt(sum((v - 3.875) ** 2 for v in [4, 4, 4, 3.5]) / 3) / 2
    assert out.loc["Q", "mean_high"] == pytest.approx(q_high, abs=TOL)
    assert q_high < 4.75 and not out.loc["Q", "overlaps_best"] and out.loc["R", "overlaps_best"]
    # the best provider's interval reaches its own mean even with no variance (5, 5, 5, 5: 5..5)
    frame.loc[frame["utforare"] == "P", ["ss_trygg", "ss_omsorg"]] = "5"
    out = provider_lookup(frame, part=SS).set_index("utforare")
    assert out.loc["P", "mean"] == out.loc["P", "mean_low"] == out.loc["P", "mean_high"] == 5.0
    assert out.loc["P", "overlaps_best"] and out.loc["R", "overlaps_best"] and out.loc["R", "rank"] == 2


def test_provider_lookup_rejects_unknown_or_several_target_groups(data):
    with pytest.raises(ValueError, match="aldersgrupp"):
        provider_lookup(data, aldersgrupp="10_11")
    with pytest.raises(ValueError, match="one target group"):
        provider_lookup(data, kon="flicka", ar=2013)
    with pytest.raises(ValueError, match="one code"):
        provider_lookup(data, kon=["flicka", "pojke"])


# ---------------------------------------------------------------------------
# 7. response_by_part, coverage, answer_breakdown
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("by", [None, "ar", ["kommun", "utforartyp"]], ids=["all", "ar", "kommun_typ"])
def test_response_by_part_counts_match_direct_value_counts(data, by):
    cols = [] if by is None else [by] if isinstance(by, str) else by
    table = response_by_part(data, by=by)
    groups = [((), data)] if not cols else [
        (k if isinstance(k, tuple) else (k,), g) for k, g in data.groupby(cols, observed=True)]
    assert len(table) == len(groups) * 7
    indexed = table.set_index([*cols, "part", "status"]) if cols else table.set_index(["part", "status"])
    for key, group in groups:
        ss = indexed.loc[(*key, SS, "besvarad")]
        assert ss["n"] == ss["of"] == len(group) and ss["share"] == 1.0
        for part, column in (("ungdom", "del_ungdom"), ("foralder", "del_foralder")):
            counts = group[column].astype("object").value_counts()
            total = 0
            for status in ("besvarad", "avbojd", "ej_genomford"):
                row = indexed.loc[(*key, part, status)]
                assert row["n"] == counts.get(status, 0) and row["of"] == len(group)
                assert row["share"] == pytest.approx(row["n"] / len(group), abs=TOL)
                total += row["n"]
            assert total == len(group)


@pytest.mark.parametrize("by", ["kommun", ["kommun", "ar"]])
def test_coverage_counts_and_total(data, by):
    ended = load_ubu_ended()
    cols = [by] if isinstance(by, str) else by
    table = coverage(data, ended, by=by)
    assert list(table.columns) == [*cols, "enkater", "avslutade_placeringar", "share"]
    body, total = table.iloc[:-1], table.iloc[-1]
    assert all(total[c] == "Totalt" for c in cols)
    for _, row in body.iterrows():
        mask = np.ones(len(data), bool)
        ended_mask = np.ones(len(ended), bool)
        for c in cols:
            mask &= (data[c].astype("object") == row[c]).to_numpy()
            ended_mask &= (ended[c] == row[c]).to_numpy()
        assert row["enkater"] == int(mask.sum())
        assert row["avslutade_placeringar"] == int(ended.loc[ended_mask, "avslutade_placeringar"].sum())
        assert row["share"] == pytest.approx(row["enkater"] / row["avslutade_placeringar"], abs=TOL)
    assert total["enkater"] == body["enkater"].sum() == len(data)
    assert total["avslutade_placeringar"] == body["avslutade_placeringar"].sum() == ended["avslutade_placeringar"].sum()
    assert total["share"] == pytest.approx(len(data) / ended["avslutade_placeringar"].sum(), abs=TOL)
    assert 0 < total["share"] < 1


def test_coverage_on_a_hand_made_example():
    questionnaires = pd.DataFrame({"kommun": ["A", "A", "B"]})
    ended = pd.DataFrame({"kommun": ["A", "A", "B", "C"], "ar": [1, 2, 1, 1], "avslutade_placeringar": [3, 1, 6, 2]})
    table = coverage(questionnaires, ended)
    assert table["kommun"].tolist() == ["A", "B", "C", "Totalt"]
    assert table["enkater"].tolist() == [2, 1, 0, 3]
    assert table["avslutade_placeringar"].tolist() == [4, 6, 2, 12]
    assert table["share"].tolist() == pytest.approx([0.5, 1 / 6, 0.0, 0.25], abs=TOL)


def test_answer_breakdown_counts_every_answer_of_every_item(data):
    table = answer_breakdown(data)
    cb = get_ubu_codebook()
    assert table["item"].unique().tolist() == scale_items()
    for item, rows in table.groupby("item", sort=False):
        assert rows["n"].sum() == len(data), item  # every questionnaire once per item
        assert rows["answer"].tolist() == [*cb[item].categories, "ej_fragad"]
        direct = data[item].astype("object").value_counts(dropna=False)
        for answer, n in zip(rows["answer"], rows["n"]):
            expected = int(data[item].isna().sum()) if answer == "ej_fragad" else int(direct.get(answer, 0))
            assert n == expected, (item, answer)
        assert rows["part"].nunique() == 1 and rows["part"].iloc[0] == cb[item].attrs["part"]
    # the parent's items are not asked whenever the parent's part was not answered
    not_answered = int((data["del_foralder"].astype("object") != "besvarad").sum())
    asked = table[(table["item"] == "for_trygg") & (table["answer"] == "ej_fragad")]["n"].iloc[0]
    assert asked == not_answered > 0
    # missing reasons are counted, not scored
    vet_ej = table[(table["item"] == "ss_trygg") & (table["answer"] == "vet_ej")]["n"].iloc[0]
    assert vet_ej == int((data["ss_trygg"].astype("object") == "vet_ej").sum()) > 0


def test_answer_breakdown_on_chosen_columns_of_a_hand_made_frame():
    frame = _frame([{"ss_skolresultat": "ej_skola", "ung_trygg": "5"}, {"ss_skolresultat": "3"},
                    {"ss_skolresultat": "ej_skola"}], ["ss_skolresultat", "ung_trygg"])
    table = answer_breakdown(frame, columns=["ss_skolresultat", "ung_trygg"]).set_index(["item", "answer"])["n"]
    assert table[("ss_skolresultat", "ej_skola")] == 2 and table[("ss_skolresultat", "3")] == 1
    assert table[("ss_skolresultat", "ej_fragad")] == 0
    assert table[("ung_trygg", "5")] == 1 and table[("ung_trygg", "ej_fragad")] == 2
    assert table.groupby(level="item").sum().tolist() == [3, 3]
