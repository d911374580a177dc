"""Specification of the interactive explorer (webbkollen_lib.teaching.explorer).

The filter logic is checked against hand-worked rows and against a plain
row-by-row implementation; the widgets are driven without a kernel by
setting ``.value``, and what they display is read back as a reader would
(the HTML and the figure) to check that no count from 1 to 4 is visible.
"""

from __future__ import annotations

import re

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest
import traitlets

from webbkollen_lib.core.codebook import apply_dtypes, get_codebook
from webbkollen_lib.disclosure import cell_keys, perturb_counts, record_keys
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.teaching.explorer import (
    ALL,
    CheckList,
    Explorer,
    build_view,
    describe_filter,
    filter_cases,
    filter_mask,
    variable_choices,
)

NBSP = "\u00a0"

# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

#: Registrations per municipality in the generated frame (416 in all, as the report).
SIZES = {"Umeå": 110, "Majorna-Linné": 90, "Södermalm": 80, "Botkyrka": 70, "Örebro": 42, "Tidaholm": 24}


def make_cases(seed: int = 0) -> pd.DataFrame:
    """A valid, seeded registrations frame with every variable the explorer filters on or shows."""
    cb = get_codebook()
    rng = np.random.default_rng(seed)
    kommun = rng.permutation(np.repeat(list(SIZES), list(SIZES.values())))
    n = len(kommun)
    avslut = rng.random(n) < 0.7
    ursprung = rng.choice(np.array(["sverige", "utlandet", None], dtype=object), size=n, p=[0.78, 0.2, 0.02])
    f = {
        "kommun": kommun,
        "ar": 2017,
        "tillfalle": np.where(avslut, "avslut", "uppfoljning"),
        "kon": rng.choice(["pojke", "flicka"], size=n, p=[0.54, 0.46]),
        "alder": rng.integers(0, 21, size=n),
        "ursprung": ursprung,
        "ensamkommande": (ursprung == "utlandet") & (rng.random(n) < 0.4),
    }
    for group, p in (("hem", 0.15), ("vh", 0.15), ("barn", 0.15), ("fokus", 0.3), ("samverkan", 0.2)):
        var = cb[group]
        ticks = {c: rng.random(n) < p for c in var.option_columns}
        f.update(ticks)
        nothing = ~np.any(list(ticks.values()), axis=0)
        for i, c in enumerate(c for c in var.columns if c not in var.option_columns):
            f[c] = nothing & (rng.random(n) < 0.6) if i == 0 else np.zeros(n, bool)

    def pick(variable, only=None, p_na=0.0):
        values = rng.choice(np.array(cb[variable].categories, dtype=object), size=n)
        values[rng.random(n) < p_na] = None
        if only is not None:
            values[~only] = None
        return values

    for column in ("insats", "lagrum", "skola_beslut"):
        f[column] = pick(column)
    f["risk_beslut"] = pick("risk_beslut", p_na=0.1)
    f["risk_uppfoljning"] = pick("risk_uppfoljning", ~avslut, 0.1)
    f["risk_avslut"] = pick("risk_avslut", avslut, 0.1)
    f["maluppfyllelse"] = pick("maluppfyllelse", p_na=0.1)
    for column in ("skola_avslut", "avslutsorsak", "boende_avslut", "sysselsattning_avslut", "forsorjning_avslut"):
        f[column] = pick(column, avslut)
    for column in ("samtal_enskilt_beslut", "samtal_vh_beslut", "sip"):
        f[column] = rng.random(n) < 0.5
    for column in ("samtal_enskilt_avslut", "samtal_vh_avslut"):
        values = pd.array(rng.random(n) < 0.3, dtype="boolean")
        values[~avslut] = pd.NA
        f[column] = values
    return apply_dtypes(pd.DataFrame(f))


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return make_cases()


@pytest.fixture()
def small() -> pd.DataFrame:
    """Eight registrations, worked through by hand below."""
    frame = pd.DataFrame(
        {
            "kommun": ["Umeå", "Umeå", "Umeå", "Tidaholm", "Tidaholm", "Södermalm", "Södermalm", "Södermalm"],
            "ar": 2017,
            "tillfalle": ["avslut"] * 8,
            "kon": ["pojke", "flicka", "flicka", "pojke", "flicka", "pojke", "flicka", "pojke"],
            "alder": [3, 8, 15, 16, 19, 12, 14, 6],
            "ursprung": ["sverige", "utlandet", "sverige", None, "utlandet", "sverige", "utlandet", "sverige"],
            "ensamkommande": [False, True, False, False, True, False, False, False],
            "insats": ["kontaktperson", "hvb", "familjehem", "hvb", "stodboende", "kontaktfamilj",
                       "annan_oppenvard", "familjehem"],
            "hem_fysiskt_vald": [True, False, True, False, None, False, True, False],
            "hem_bristande_omsorg": [True, False, False, True, None, False, False, True],
            "vh_missbruk": [False, False, True, False, None, False, True, False],
            "barn_skola": [False, True, False, True, None, False, False, False],
        }
    )
    return apply_dtypes(frame)


def rows(frame: pd.DataFrame) -> list[int]:
    return frame.index.tolist()


# ---------------------------------------------------------------------------
# filter_cases: each filter alone (row numbers worked out by hand)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, [0, 1, 2, 3, 4, 5, 6, 7]),
        ({"kommun": "Umeå"}, [0, 1, 2]),
        ({"kommun": ["Tidaholm", "Södermalm"]}, [3, 4, 5, 6, 7]),
        ({"kon": "flicka"}, [1, 2, 4, 6]),
        ({"kon": ["pojke", "flicka"]}, [0, 1, 2, 3, 4, 5, 6, 7]),
        ({"aldersgrupp": "0_6"}, [0, 7]),  # ages 3 and 6
        ({"aldersgrupp": ["13_18", "over_18"]}, [2, 3, 4, 6]),  # 15, 16, 19, 14
        ({"ursprung": "utlandet"}, [1, 4, 6]),
        ({"ursprung": "inte_kant"}, [3]),  # the "not known" code selects the missing value
        ({"ursprung": ["sverige", "inte_kant"]}, [0, 2, 3, 5, 7]),
        ({"ensamkommande": True}, [1, 4]),
        ({"ensamkommande": False}, [0, 2, 3, 5, 6, 7]),
        ({"insats": "hvb"}, [1, 3]),
        ({"insats": ["familjehem", "kontaktperson"]}, [0, 2, 7]),
        ({"exposures": ["hem_fysiskt_vald"]}, [0, 2, 6]),
        ({"exposures": ["hem_fysiskt_vald", "barn_skola"]}, [0, 1, 2, 3, 6]),
        ({"exposures": ["hem_fysiskt_vald", "vh_missbruk"], "exposure_mode": "all"}, [2, 6]),
        ({"exposures": ["hem"]}, [0, 2, 3, 6, 7]),  # any home option; row 4 answered nothing
        ({"exposures": ["hem", "vh"], "exposure_mode": "all"}, [2, 6]),
    ],
)
def test_each_filter_keeps_the_rows_worked_out_by_hand(small, filters, expected):
    assert rows(filter_cases(small, **filters)) == expected


def test_filters_combine_with_and(small):
    assert rows(filter_cases(small, kon="flicka", ursprung="utlandet")) == [1, 4, 6]
    assert rows(filter_cases(small, kon="flicka", ursprung="utlandet", ensamkommande=False)) == [6]
    assert rows(filter_cases(small, kommun="Umeå", exposures=["hem_fysiskt_vald"], aldersgrupp="13_18")) == [2]
    assert rows(filter_cases(small, kommun="Södermalm", kon="pojke", insats="familjehem")) == [7]


def test_none_and_empty_mean_no_filter(small):
    everything = filter_cases(small, kommun=None, kon=[], aldersgrupp=(), ursprung="", insats=None, exposures=[])
    pd.testing.assert_frame_equal(everything, small)


def test_age_group_is_derived_from_age_when_the_column_is_absent(small):
    without = small.drop(columns="aldersgrupp")
    assert rows(filter_cases(without, aldersgrupp=["13_18", "over_18"])) == [2, 3, 4, 6]


def test_an_empty_result_is_an_empty_frame_with_the_same_columns_and_dtypes(small):
    empty = filter_cases(small, kommun="Tidaholm", kon="flicka", ensamkommande=False)
    assert len(empty) == 0
    assert list(empty.columns) == list(small.columns)
    assert empty.dtypes.equals(small.dtypes)


def test_dtypes_categories_and_index_are_kept_and_the_input_is_not_changed(cases):
    before = cases.copy()
    out = filter_cases(cases, kon="flicka", aldersgrupp=["13_18"], exposures=["hem"])
    assert 0 < len(out) < len(cases)
    assert out.dtypes.equals(cases.dtypes)
    assert list(out["risk_beslut"].cat.categories) == get_codebook()["risk_beslut"].categories
    assert out["risk_beslut"].cat.ordered
    assert set(out.index) <= set(cases.index)
    pd.testing.assert_frame_equal(cases, before)


def _naive(frame: pd.DataFrame, filters: dict) -> list:
    """Row-by-row reading of the filter rules, independent of the vectorised code."""
    cb = get_codebook()
    keep = []
    for idx, row in frame.iterrows():
        ok = True
        for name in ("kommun", "kon", "aldersgrupp", "ursprung", "ensamkommande", "insats"):
            wanted = filters.get(name)
            if wanted is None:
                continue
            wanted = wanted if isinstance(wanted, list) else [wanted]
            value = row[name]
            if pd.isna(value):
                ok &= name in cb and any(w in cb[name].missing_codes for w in wanted)
            else:
                ok &= value in wanted
        exposures = filters.get("exposures", [])
        if exposures:
            def ticked(item):
                columns = cb[item].option_columns if item in ("hem", "vh", "barn") else [item]
                return any(row[c] is True for c in columns)

            hits = [ticked(e) for e in exposures]
            ok &= any(hits) if filters.get("exposure_mode", "any") == "any" else all(hits)
        if ok:
            keep.append(idx)
    return keep


@pytest.mark.parametrize(
    "filters",
    [
        {"kommun": ["Umeå", "Örebro"], "kon": "pojke"},
        {"aldersgrupp": ["7_12", "13_18"], "ursprung": ["utlandet", "inte_kant"]},
        {"ensamkommande": True, "insats": ["hvb", "stodboende", "familjehem"]},
        {"exposures": ["hem_fysiskt_vald", "vh_missbruk", "barn_normbrytande"]},
        {"exposures": ["hem", "barn_skola"], "exposure_mode": "all", "kon": "flicka"},
        {"kommun": "Botkyrka", "exposures": ["vh"], "aldersgrupp": "0_6"},
    ],
)
def test_filter_cases_agrees_with_a_row_by_row_reading(cases, filters):
    assert rows(filter_cases(cases, **filters)) == _naive(cases, filters)
    assert filter_mask(cases, **filters).sum() == len(_naive(cases, filters))


@pytest.mark.parametrize(
    "filters, named",
    [
        ({"kon": "pojk"}, ["'pojk'", "pojke", "flicka", "did you mean 'pojke'"]),
        ({"kon": "Flicka"}, ["did you mean 'flicka'"]),  # a label instead of a code
        ({"aldersgrupp": ["13-18"]}, ["13_18", "over_18", "0_6"]),
        ({"insats": "HVB"}, ["hvb", "familjehem", "stodboende"]),
        ({"ursprung": "okand"}, ["sverige", "utlandet", "inte_kant"]),
        ({"kommun": "Umea"}, ["'Umea'", "Tidaholm", "Örebro", "did you mean 'Umeå'"]),
        ({"ensamkommande": "ja"}, ["True", "False"]),
        ({"exposures": ["hem_ingen"]}, ["hem_fysiskt_vald", "barn_skola", "vh"]),
        ({"exposure_mode": "some"}, ["any", "all"]),
    ],
)
def test_an_unknown_code_raises_naming_the_valid_ones(cases, filters, named):
    with pytest.raises(ValueError) as err:
        filter_cases(cases, **filters)
    for text in named:
        assert text in str(err.value)


def test_a_filter_on_a_column_the_data_lacks_names_it(small):
    with pytest.raises(KeyError, match="insats"):
        filter_cases(small.drop(columns="insats"), insats="hvb")
    with pytest.raises(KeyError, match="barn_"):
        filter_cases(small.drop(columns="barn_skola"), exposures=["barn"])


# ---------------------------------------------------------------------------
# describe_filter
# ---------------------------------------------------------------------------


def test_describe_filter_reads_as_a_sentence_with_codebook_labels():
    assert describe_filter({}) == "Inga filter: alla registreringar."
    assert describe_filter({"kon": "flicka", "aldersgrupp": ["13_18", "over_18"]}) == (
        "Kön: Flicka; Åldersgrupp: 13–18 år eller Över 18 år."
    )
    assert describe_filter({"kommun": "Umeå", "ensamkommande": True, "ursprung": "inte_kant"}) == (
        "Kommun/stadsdel: Umeå; Barnets ursprung: Inte känt; Ensamkommande barn: Ja."
    )
    assert describe_filter({"exposures": ["hem_fysiskt_vald", "vh_missbruk"]}) == (
        "Identifierad utsatthet, minst en av: Fysiskt våld mot barnet (Identifierad utsatthet i hemmiljön) "
        "eller Riskbruk/missbruk (Svårigheter hos vårdnadshavaren)."
    )
    assert describe_filter({"exposures": ["barn"], "exposure_mode": "all"}) == (
        "Identifierad utsatthet: Riskbeteende eller svårigheter hos barnet: minst ett alternativ."
    )


def test_describe_filter_in_english():
    assert describe_filter({"kon": "pojke", "insats": ["hvb", "familjehem"]}, lang="en") == (
        "Sex: Boy; Type of intervention: Foster family or Residential care home (HVB)."
    )
    assert describe_filter({"exposures": ["hem", "vh"], "exposure_mode": "all"}, lang="en") == (
        "Identified exposure, all of: Identified exposure in the home environment: any option "
        "and Difficulties of the guardian: any option."
    )


def test_describe_filter_refuses_unknown_filters_and_codes():
    with pytest.raises(ValueError, match="kommun, kon, aldersgrupp"):
        describe_filter({"gender": "flicka"})
    with pytest.raises(ValueError, match="pojke"):
        describe_filter({"kon": "girl"})


# ---------------------------------------------------------------------------
# one view: numbers, disclosure, too few
# ---------------------------------------------------------------------------


def published(data: pd.DataFrame, members) -> int:
    """The count the explorer publishes for a set of registrations: the cell-key method's perturbed count.

    Every count the explorer shows is the true count of its registrations plus
    the noise the cell-key method gives that set (docs/disclosure.md,
    "Repeated queries"), so the tests below pin these values, and check
    separately that they are within the noise bound of the true counts.
    """
    members = np.asarray(members, dtype=bool)
    value = perturb_counts(int(members.sum()), cell_keys(record_keys(data), members))
    assert abs(value - int(members.sum())) <= 2
    return value


def everyone(data: pd.DataFrame) -> int:
    """The published number of all registrations (416 in the test data, perturbed like any count)."""
    return published(data, np.ones(len(data), dtype=bool))


def leading_count(cell: str):
    """The count a table cell shows ("12 (50 %)", "12 (x)", "1 234"), or None ("x", "")."""
    m = re.match(r"^(\d{1,3}(?:\xa0\d{3})*)(?: \(|$)", cell.strip())
    return int(m.group(1).replace(NBSP, "")) if m else None


def shown_counts(view) -> list[int]:
    """Every count a reader sees: table cells, column Ns, the n line and the figure legend."""
    counts = [leading_count(c) for c in view.table.to_numpy().ravel()]
    texts = list(view.table.columns) + [view.n_line] + [label for _, label in view.series]
    for t in texts:
        counts += [int(x.replace(NBSP, "")) for x in re.findall(r"[Nn] = (\d[\d\xa0]*)", t)]
        counts += [int(x.replace(NBSP, "")) for x in re.findall(r"(?:Urval|Selection): (\d[\d\xa0]*)", t)]
    return [c for c in counts if c is not None]


def test_the_view_shows_the_counts_of_the_selection_beside_the_other_municipalities(cases):
    view = build_view(cases, "kon", {"kommun": "Umeå"}, figure=False)
    umea = cases[cases["kommun"] == "Umeå"]
    rest = cases[cases["kommun"] != "Umeå"]
    in_umea = (cases["kommun"] == "Umeå").to_numpy()
    girl = (cases["kon"] == "flicka").to_numpy()
    n_umea, n_rest, n_all = published(cases, in_umea), published(cases, ~in_umea), published(cases, np.ones(len(cases)))
    assert view.n_line == f"Urval: {n_umea} av {n_all} registreringar"
    assert list(view.table.columns) == [
        f"Umeå, N = {n_umea}", f"Övriga kommuner, N = {n_rest}", f"Alla deltagare, N = {n_all}"
    ]
    girls = view.table.loc["  Flicka"]
    shown = [published(cases, in_umea & girl), published(cases, ~in_umea & girl), published(cases, girl)]
    assert [leading_count(c) for c in girls] == shown
    # every count is within the noise bound of the true one
    truth = [int((umea["kon"] == "flicka").sum()), int((rest["kon"] == "flicka").sum()), int(girl.sum())]
    assert all(abs(a - b) <= 2 for a, b in zip(shown, truth))
    # shares are of the published counts only
    assert view.shares["share_Umeå"].loc["Flicka"] == pytest.approx(shown[0] / n_umea)
    assert view.shares["share_Alla deltagare"].loc["Flicka"] == pytest.approx(shown[2] / n_all)


def test_with_a_municipality_all_participants_are_the_same_target_group(cases):
    view = build_view(cases, "risk_beslut", {"kommun": "Umeå", "kon": "flicka"}, figure=False)
    girl = (cases["kon"] == "flicka").to_numpy()
    n_girls = published(cases, girl)
    n_girls_umea = published(cases, girl & (cases["kommun"] == "Umeå").to_numpy())
    # the n line counts against all registrations, as without a municipality; the comparison
    # group (the girls of every municipality) is the last column's N
    assert view.n_line == f"Urval: {n_girls_umea} av {everyone(cases)} registreringar"
    assert build_view(cases, "risk_beslut", {"kon": "flicka"}, figure=False).n_line == \
        f"Urval: {n_girls} av {everyone(cases)} registreringar"
    assert view.table.columns[-1] == f"Alla deltagare, N = {n_girls}"
    assert any("samma övriga filter" in note for note in view.notes)
    # shares are of all registrations in the column, those without an answer on the Saknas row
    high = published(cases, girl & (cases["risk_beslut"] == "hog").fillna(False).to_numpy(dtype=bool))
    missing = published(cases, girl & cases["risk_beslut"].isna().to_numpy())
    assert view.shares["share_Alla deltagare"].loc["Hög risk"] == pytest.approx(high / n_girls)
    assert view.shares["share_Alla deltagare"].loc["Saknas"] == pytest.approx(missing / n_girls)
    assert view.table.loc["  Saknas"].iloc[-1] == f"{missing} ({round(100 * missing / n_girls)}\xa0%)"


def test_a_closure_variable_is_shown_for_closure_registrations_only(cases):
    view = build_view(cases, "avslutsorsak", {"kon": "pojke"}, figure=False)
    closed = (cases["tillfalle"] == "avslut").to_numpy()
    boys = closed & (cases["kon"] == "pojke").to_numpy()
    assert view.n_line == f"Urval: {published(cases, boys)} av {published(cases, closed)} registreringar"
    assert "Bara registreringar vid avslut av insats" in view.description
    goal_met = published(cases, boys & (cases["avslutsorsak"] == "mal_uppnatt").fillna(False).to_numpy(dtype=bool))
    assert leading_count(view.table.loc["  Målet med insatsen är uppnått"].iloc[0]) == goal_met
    assert "  Saknas" not in view.table.index  # every closure has a reason in this data


def test_a_small_selection_shows_no_count_from_1_to_4(cases):
    view = build_view(cases, "insats", {"kommun": "Tidaholm"})
    assert view.n_selected == published(cases, cases["kommun"] == "Tidaholm") == 23  # 24 registrations
    raw = cases.loc[cases["kommun"] == "Tidaholm", "insats"].value_counts()
    assert ((raw >= 1) & (raw <= 4)).any(), "the test needs small cells to be meaningful"
    assert "x" in view.table.to_numpy().ravel()
    assert any("sekretesskäl" in f for f in view.footnotes)
    visible = shown_counts(view)
    assert visible and not [c for c in visible if 1 <= c <= 4]
    html = view.to_html(figure=False)
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert not [c for c in cells if (leading_count(c) or 0) in (1, 2, 3, 4)]


def test_the_selection_cannot_be_subtracted_from_all_participants(cases):
    view = build_view(cases, "insats", {"kommun": "Tidaholm"}, figure=False)
    for _, row in view.table.iterrows():
        selection, others, everyone = (leading_count(c) for c in row)
        if selection is None and row.iloc[0] == "x":
            assert others is None or everyone is None, row


def test_the_figure_draws_only_published_shares(cases):
    view = build_view(cases, "insats", {"kommun": "Tidaholm"})
    ax = view.figure.axes[0]
    bars = [p for p in ax.patches]
    k = len(view.shares)
    for j, (name, _) in enumerate(view.series):
        widths = [b.get_width() for b in bars[j * k:(j + 1) * k]]
        published = view.shares[f"share_{name}"].to_numpy(dtype=float) * 100
        assert widths == pytest.approx(np.nan_to_num(published, nan=0.0))
    hidden = view.shares["share_Tidaholm"].isna()
    assert hidden.any()
    bar_texts = [t.get_text() for t in ax.texts]
    assert bar_texts.count("x") >= int(hidden.sum())
    legend = [t.get_text() for t in view.figure.legends[0].get_texts()]
    assert legend[0].startswith("Tidaholm (n = ") and legend[1].startswith("Alla deltagare (n = ")
    assert view.png()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = view.svg().decode("utf-8")
    assert svg.count(">x<") >= int(hidden.sum()) and f"Tidaholm (n = {view.n_selected})" in svg


def test_few_registrations_outside_the_selection_hide_its_total(cases):
    # exactly three unaccompanied minors: "413 of 416" would show that there are three
    data = cases.copy()
    data["ensamkommande"] = False
    data.loc[data.index[:3], ["ursprung", "ensamkommande"]] = ["utlandet", True]
    view = build_view(data, "kon", {"ensamkommande": False}, figure=False)
    assert view.n_line == f"Urval: x av {everyone(data)} registreringar"
    assert view.n_selected is None
    assert view.table.columns[0] == "Urval, N = x"
    assert not [c for c in shown_counts(view) if 1 <= c <= 4]
    assert 413 not in shown_counts(view)


@pytest.mark.parametrize("filters", [
    {"kommun": "Tidaholm", "kon": "flicka"},  # a few
    {"kommun": "Tidaholm", "kon": "flicka", "aldersgrupp": "over_18", "ensamkommande": True},  # maybe none
    {"kon": "flicka", "ensamkommande": True, "exposures": ["hem", "vh", "barn"], "exposure_mode": "all"},
])
def test_too_few_registrations_give_a_message_and_no_number(cases, filters):
    n = len(filter_cases(cases, **filters))
    assert n < 20
    view = build_view(cases, "risk_beslut", filters)
    assert view.too_few and view.table is None and view.figure is None
    assert "för få registreringar (färre än 20)" in view.message
    assert not re.search(r"\d", view.message.replace("20", ""))
    # the only numbers: the limit and all registrations, with a municipality chosen or not
    assert re.findall(r"\d+", view.n_line) == ["20", str(everyone(cases))]


def test_an_empty_selection_reads_like_any_other_too_small_one(cases):
    none = build_view(cases, "kon", {"ursprung": "sverige", "ensamkommande": True})
    few = build_view(cases, "kon", {"ensamkommande": True, "aldersgrupp": "0_6"})
    assert len(filter_cases(cases, ursprung="sverige", ensamkommande=True)) == 0
    assert 0 < len(filter_cases(cases, ensamkommande=True, aldersgrupp="0_6")) < 20
    assert none.too_few and few.too_few
    # the same words; only the advice names the (different) filters to remove, and no number
    first = "för att resultat ska kunna visas utan risk att enskilda barn pekas ut."
    assert none.message.split(first)[0] == few.message.split(first)[0]
    assert not re.search(r"\d", (none.message + few.message).replace("20", ""))
    assert none.n_line == few.n_line == f"Urval: färre än 20 av {everyone(cases)} registreringar"


def test_variables_of_every_kind_can_be_shown(cases):
    names = [name for _, name in variable_choices(cases)]
    assert {"kon", "aldersgrupp", "risk_beslut", "hem", "samtal_enskilt_beslut", "insatsform", "kon_ursprung"} <= set(names)
    assert "alder" not in names and "kommun" not in names
    for name in ("hem", "samtal_enskilt_avslut", "insatsform", "avslutsorsak"):
        view = build_view(cases, name, {"kon": "pojke"}, figure=False)
        assert not view.too_few and len(view.table) > 0


# ---------------------------------------------------------------------------
# the widget, driven without a kernel
# ---------------------------------------------------------------------------


def visible_html_counts(explorer) -> list[int]:
    html = explorer.status.value + explorer.table_html
    counts = [leading_count(c) for c in re.findall(r"<td>(.*?)</td>", html)]
    counts += [int(x.replace(NBSP, "")) for x in re.findall(r"N = (\d[\d\xa0]*)", html)]
    counts += [int(x.replace(NBSP, "")) for x in re.findall(r"Urval: (\d[\d\xa0]*)", html)]
    return [c for c in counts if c is not None]


def test_the_filter_widgets_come_from_the_codebook(cases):
    explorer = Explorer(cases)
    assert set(explorer.filters) == {"kommun", "kon", "aldersgrupp", "ursprung", "ensamkommande", "insats",
                                     "exposures", "exposure_mode"}
    assert ("Flicka", "flicka") in explorer.filters["kon"].options
    assert ("Inte känt", "inte_kant") in explorer.filters["ursprung"].options
    assert ("13–18 år", "13_18") in explorer.filters["aldersgrupp"].options
    assert ("Hem för vård eller boende (HVB)", "hvb") in explorer.filters["insats"].options
    assert ("Fysiskt våld mot barnet", "hem_fysiskt_vald") in explorer.filters["exposures"].options
    assert [v for _, v in explorer.filters["kommun"].options][1:] == sorted(SIZES)
    english = Explorer(cases, lang="en")
    assert ("Girl", "flicka") in english.filters["kon"].options
    assert f"Selection: {everyone(cases)} of {everyone(cases)} registrations" in english.status.value


def test_setting_a_filter_redraws_the_n_and_the_table(cases):
    explorer = Explorer(cases, variable="aldersgrupp")
    assert f"Urval: {everyone(cases)} av {everyone(cases)} registreringar" in explorer.status.value
    renders, table_before = explorer.renders, explorer.table_html
    explorer.filters["kon"].value = "flicka"
    girls = cases[cases["kon"] == "flicka"]
    assert explorer.renders == renders + 1
    girl = (cases["kon"] == "flicka").to_numpy()
    assert f"Urval: {published(cases, girl)} av {everyone(cases)} registreringar" in explorer.status.value
    assert "Kön: Flicka." in explorer.status.value
    assert explorer.table_html != table_before
    n_teen = published(cases, girl & (cases["aldersgrupp"] == "13_18").to_numpy())
    assert f"<td>{n_teen} (" in explorer.table_html
    assert len(explorer.image.value) > 0

    explorer.filters["aldersgrupp"].value = ("13_18", "over_18")
    expected = published(cases, girl & cases["aldersgrupp"].isin(["13_18", "over_18"]).to_numpy())
    assert f"Urval: {expected} av {everyone(cases)}" in explorer.status.value

    explorer.variable.value = "insats"
    assert "Typ av insats" in explorer.table_html
    assert explorer.view.variable == "insats"


def test_the_exposure_filter_and_mode_are_observed(cases):
    explorer = Explorer(cases, variable="kon")
    explorer.filters["exposures"].value = ("hem_fysiskt_vald", "vh_missbruk")
    any_n = published(cases, filter_mask(cases, exposures=["hem_fysiskt_vald", "vh_missbruk"]))
    assert f"Urval: {any_n} av {everyone(cases)}" in explorer.status.value
    explorer.filters["exposure_mode"].value = "all"
    all_n = published(cases, filter_mask(cases, exposures=["hem_fysiskt_vald", "vh_missbruk"], exposure_mode="all"))
    assert all_n < 20 or f"Urval: {all_n} av {everyone(cases)}" in explorer.status.value
    assert "alla av" in explorer.status.value


def test_a_small_selection_in_the_widget_hides_counts_from_1_to_4(cases):
    explorer = Explorer(cases, variable="insats")
    explorer.filters["kommun"].value = "Tidaholm"
    assert f"Urval: {published(cases, cases['kommun'] == 'Tidaholm')} av {everyone(cases)}" in explorer.status.value
    assert "<td>x</td>" in explorer.table_html
    assert "x = Uppgiften redovisas inte av sekretesskäl" in explorer.table_html
    counts = visible_html_counts(explorer)
    assert counts and not [c for c in counts if 1 <= c <= 4]


def test_too_few_in_the_widget_shows_the_message_and_no_figure(cases):
    explorer = Explorer(cases)
    explorer.filters["kommun"].value = "Tidaholm"
    explorer.filters["kon"].value = "flicka"
    assert "för få registreringar" in explorer.table_html
    assert "<table" not in explorer.table_html
    assert len(explorer.image.value) == 0 and explorer.image.layout.display == "none"
    explorer.filters["kon"].value = ALL
    assert "<table" in explorer.table_html and len(explorer.image.value) > 0


def test_clearing_the_filters_redraws_once(cases):
    explorer = Explorer(cases)
    explorer.filters["kon"].value = "pojke"
    explorer.filters["insats"].value = ("hvb",)
    explorer.filters["exposures"].value = ("vh",)
    renders = explorer.renders
    explorer.reset.click()
    assert explorer.renders == renders + 1
    assert explorer.current_filters() == {"exposure_mode": "any"}
    assert f"Urval: {everyone(cases)} av {everyone(cases)}" in explorer.status.value


def test_the_comparison_can_be_switched_off(cases):
    explorer = Explorer(cases, variable="kon")
    explorer.filters["kommun"].value = "Umeå"
    assert f"Alla deltagare, N = {everyone(cases)}" in explorer.table_html
    explorer.compare.value = False
    n_umea = published(cases, cases["kommun"] == "Umeå")
    assert "Alla deltagare" not in explorer.table_html and f"Umeå, N = {n_umea}" in explorer.table_html
    assert len(explorer.view.series) == 1


def test_the_explorer_works_on_an_export_with_only_the_required_columns(cases):
    minimal = cases[["kommun", "ar", "tillfalle", "kon", "alder"]]
    explorer = Explorer(minimal)
    assert set(explorer.filters) == {"kommun", "kon", "aldersgrupp"}
    assert {v for _, v in explorer.variable.options} == {"tillfalle", "kon", "aldersgrupp"}
    explorer.filters["aldersgrupp"].value = ("0_6",)
    n = published(minimal, minimal["alder"] <= 6)
    assert f"Urval: {n} av {everyone(minimal)}" in explorer.status.value


# ---------------------------------------------------------------------------
# the widget as a newcomer meets it (a trainer's dry run in JupyterLab)
# ---------------------------------------------------------------------------

DROPDOWNS = ("kommun", "kon", "ursprung", "ensamkommande")


def test_every_drop_down_shows_alla_on_load_and_after_clearing(cases):
    # value None is "nothing chosen" to ipywidgets: the box would be empty instead of "Alla"
    explorer = Explorer(cases)
    for name in DROPDOWNS:
        widget = explorer.filters[name]
        assert (widget.value, widget.label, widget.index) == (ALL, "Alla", 0), name
    explorer.filters["kommun"].value = "Umeå"
    explorer.filters["kon"].value = "pojke"
    explorer.filters["ursprung"].value = "utlandet"
    explorer.filters["ensamkommande"].value = False
    explorer.reset.click()
    for name in DROPDOWNS:
        assert (explorer.filters[name].value, explorer.filters[name].label) == (ALL, "Alla"), name
    assert explorer.current_filters() == {"exposure_mode": "any"}
    assert Explorer(cases, lang="en").filters["kon"].label == "All"


def test_ensamkommande_false_is_a_filter_and_alla_is_not(cases):
    explorer = Explorer(cases, variable="kon")
    explorer.filters["ensamkommande"].value = False
    assert explorer.current_filters()["ensamkommande"] is False
    assert f"Urval: {published(cases, ~cases['ensamkommande'].to_numpy(dtype=bool))} av" in explorer.status.value


def test_choices_of_several_are_tick_boxes_that_a_tap_ticks(cases):
    explorer = Explorer(cases, variable="kon")
    for name in ("aldersgrupp", "insats", "exposures"):
        widget = explorer.filters[name]
        assert isinstance(widget, CheckList) and not isinstance(widget, w.SelectMultiple)
        assert all(isinstance(box, w.Checkbox) for box in widget.boxes.values())
        assert [code for _, code in widget.options] == list(widget.boxes)
    renders = explorer.renders
    explorer.filters["aldersgrupp"].boxes["13_18"].value = True  # one tap
    assert explorer.renders == renders + 1
    assert explorer.current_filters()["aldersgrupp"] == ["13_18"]
    explorer.filters["aldersgrupp"].boxes["0_6"].value = True
    assert explorer.filters["aldersgrupp"].value == ("0_6", "13_18")  # option order, not tap order
    expected = published(cases, cases["aldersgrupp"].isin(["0_6", "13_18"]).to_numpy())
    assert f"Urval: {expected} av {everyone(cases)}" in explorer.status.value
    explorer.filters["aldersgrupp"].boxes["0_6"].value = False
    assert explorer.filters["aldersgrupp"].value == ("13_18",)
    # setting the value ticks the boxes, and clearing unticks them
    explorer.filters["insats"].value = ("hvb", "familjehem")
    assert [c for c, box in explorer.filters["insats"].boxes.items() if box.value] == ["familjehem", "hvb"]
    explorer.reset.click()
    assert not any(box.value for f in ("aldersgrupp", "insats") for box in explorer.filters[f].boxes.values())
    assert "Ctrl" not in str(explorer.widget.children)


def test_a_tick_list_refuses_a_code_it_does_not_offer_naming_the_options(cases):
    explorer = Explorer(cases)
    with pytest.raises(traitlets.TraitError, match="'13-18' not among the options.*0_6, 7_12, 13_18, over_18"):
        explorer.filters["aldersgrupp"].value = ("13-18",)


def test_exposure_options_are_grouped_under_their_group_without_repeating_its_name(cases):
    cb = get_codebook()
    exposures = Explorer(cases).filters["exposures"]
    titles = [title for title, _ in exposures.sections]
    assert titles == [cb[g].label("sv") for g in ("hem", "vh", "barn")]
    for (title, options), group in zip(exposures.sections, ("hem", "vh", "barn")):
        codes = [code for _, code in options]
        assert codes[0] == group and options[0][0] == "Minst ett av alternativen"
        assert all(code.startswith(group + "_") for code in codes[1:])
        assert not [label for label, _ in options if title in label], title
    # every option is its own box on the page: none is hidden below a list's scroll
    assert len(exposures.boxes) == len(exposures.options) > 20
    home = exposures.sections[0][1]
    assert ("Fysiskt våld mot barnet", "hem_fysiskt_vald") in home


def test_the_combine_buttons_are_as_wide_as_their_labels(cases):
    mode = Explorer(cases).filters["exposure_mode"]
    assert mode.style.button_width == "auto"
    assert [label for label, _ in mode.options] == ["Minst en av de valda", "Alla de valda"]


def test_the_table_is_rendered_as_in_every_other_notebook(cases):
    # an Output holding the HTML of present.tables.to_html, which JupyterLab styles like any cell's table
    explorer = Explorer(cases, variable="kon")
    assert isinstance(explorer.table, w.Output)
    [output] = explorer.table.outputs
    assert output["output_type"] == "display_data"
    assert output["data"]["text/html"].startswith(to_html(explorer.view.table))
    assert explorer.table_html == output["data"]["text/html"]


def test_too_few_says_which_filter_to_remove(cases):
    explorer = Explorer(cases)
    explorer.filters["kommun"].value = "Tidaholm"
    explorer.filters["kon"].value = "flicka"
    assert explorer.view.too_few
    widen = explorer.view.widen
    assert widen, "removing one of the two filters must be enough in this data"
    for name in ("kommun", "kon"):
        rest = {"kommun": "Tidaholm", "kon": "flicka"}
        del rest[name]
        big_enough = not build_view(cases, "risk_beslut", rest, figure=False).too_few
        assert (name in widen) == big_enough
    names = {"kommun": "”Kommun/stadsdel”", "kon": "”Kön”"}
    assert " eller ".join(names[n] for n in widen) in explorer.table_html
    assert "Ta bort filtret" in explorer.table_html or "Ta bort ett av filtren" in explorer.table_html


def test_too_few_advice_when_no_single_filter_is_enough_or_there_is_no_filter(cases):
    filters = {"kommun": "Tidaholm", "kon": "flicka", "ensamkommande": True, "aldersgrupp": "over_18"}
    view = build_view(cases, "risk_beslut", filters)
    assert view.too_few and view.widen == []
    assert "Det räcker inte att ta bort ett enda filter" in view.message
    tiny = cases[cases["kommun"] == "Tidaholm"].head(10)
    view = build_view(tiny, "kon", {})
    assert view.too_few and "Hela materialet har för få" in view.message and view.n_line.endswith("färre än 20 registreringar")


def test_while_results_are_hidden_the_variable_chooser_still_answers(cases):
    explorer = Explorer(cases)
    explorer.filters["kommun"].value = "Tidaholm"
    explorer.filters["kon"].value = "flicka"
    before = explorer.table_html
    assert "”Risk att barnet far illa i nuvarande situation vid beslut om insats”" in before
    explorer.variable.value = "insats"
    assert explorer.table_html != before and "”Typ av insats” kan inte visas" in explorer.table_html
