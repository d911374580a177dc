"""The explorer does not answer differencing attacks (docs/disclosure.md, "Repeated queries").

An attacker asks the explorer for a group and for the same group minus one
age band, one municipality, one sex or one exposure, reads the two published
counts of one category and subtracts. Without the defence the difference is
the true count of the (hidden) target cell; with the cell-key method every
published count carries its own bounded noise, so the attacker, who knows the
mechanism and its bound ``D``, is left with an interval of ``4·D + 1`` values
per pair. We let the attacker intersect the intervals of *every* pair that
isolates the same target, and count a recovery when one value remains.

Each attack is run twice on the same targets: with the noise switched off
(``perturbation_table(0, 0)``) the same attacker recovers every target, so
these tests would fail if the explorer published true counts.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import load_cases
from webbkollen_lib.core.codebook import apply_dtypes, get_codebook
from webbkollen_lib.disclosure import (
    CKM_MAX_NOISE,
    CKM_VARIANCE,
    cell_keys,
    perturb_counts,
    perturbation_table,
    record_keys,
)
from webbkollen_lib.teaching.explorer import Explorer, build_view, filter_mask

NBSP = "\u00a0"
AGES = ["0_6", "7_12", "13_18", "over_18"]
NO_NOISE = perturbation_table(0, 0)
NOISE = perturbation_table()


def leading_count(cell: str):
    m = re.match(r"^(\d{1,3}(?:\xa0\d{3})*)(?: \(|$)", cell.strip())
    return int(m.group(1).replace(NBSP, "")) if m else None


class Attacker:
    """Reads only what the explorer shows: the selection's column of the table."""

    def __init__(self, data, ptable, max_noise):
        self.data, self.ptable, self.max_noise = data, ptable, max_noise
        self.cache = {}

    def published(self, variable, filters, row):
        key = (variable, repr(sorted(filters.items())))
        if key not in self.cache:
            self.cache[key] = build_view(self.data, variable, filters, compare=False, figure=False, ptable=self.ptable)
        view = self.cache[key]
        if view.too_few or row not in view.table.index:
            return None
        return leading_count(view.table.loc[row].iloc[0])

    def attack(self, variable, row, pairs):
        """Values of the target consistent with every pair; None when no pair was answered."""
        lo, hi, answered = 0, np.inf, False
        for outer, inner in pairs:
            a, b = self.published(variable, outer, row), self.published(variable, inner, row)
            if a is None or b is None:
                continue
            answered = True
            diff = a - b
            lo, hi = max(lo, diff - 2 * self.max_noise), min(hi, diff + 2 * self.max_noise)
        return (lo, hi) if answered else None


def recovered(interval, truth) -> bool:
    """The attacker has pinned the target to one value from 1 to 4 (and it is right)."""
    return interval is not None and interval[0] == interval[1] == truth and 1 <= truth <= 4


def true_count(data, variable, code, outer, inner):
    target = filter_mask(data, **outer).to_numpy() & ~filter_mask(data, **inner).to_numpy()
    return int((data.loc[target, variable].astype("object") == code).sum())


def age_pairs(base, band):
    """Every (outer, inner) pair of age-band sets that differ by ``band`` alone."""
    others = [a for a in AGES if a != band]
    out = []
    for r in range(1, len(others) + 1):
        for rest in itertools.combinations(others, r):
            out.append(({**base, "aldersgrupp": [band, *rest]}, {**base, "aldersgrupp": list(rest)}))
    return out


def kommun_pairs(base, kommun, kommuner, rng, n=6):
    others = [k for k in kommuner if k != kommun]
    out = []
    for _ in range(n):
        rest = list(rng.choice(others, size=rng.integers(2, len(others) + 1), replace=False))
        out.append(({**base, "kommun": [kommun, *rest]}, {**base, "kommun": rest}))
    return out


def targets_of_shipped_data(seed=2024, per_family=8):
    """Seeded targets (variable, category, pairs, truth) of each attack family on the shipped data."""
    cases = load_cases()
    cb = get_codebook()
    rng = np.random.default_rng(seed)
    kommuner = sorted(cases["kommun"].unique())
    variable = "risk_beslut"
    families = {"age": [], "kommun": [], "kon": [], "exposure": []}
    for kommun in kommuners_by_size(cases):
        base = {"kommun": kommun}
        for band in AGES:
            pairs = age_pairs(base, band)
            for code in cb[variable].categories:
                t = true_count(cases, variable, code, *pairs[-1])
                if 1 <= t <= 4:
                    families["age"].append((variable, code, pairs, t))
    bases = [{"kommun": k} for k in kommuner]
    bases += [{"aldersgrupp": a, "ursprung": u} for a in AGES for u in ("sverige", "utlandet")]
    bases += [{"insats": i} for i in cb["insats"].categories]
    for base in bases:
        for sex, other in (("flicka", "pojke"), ("pojke", "flicka")):
            pairs = [(base, {**base, "kon": other})]
            for code in cb[variable].categories:
                t = true_count(cases, variable, code, *pairs[0])
                if 1 <= t <= 4:
                    families["kon"].append((variable, code, pairs, t))
    for kommun in kommuner:
        base = {"kommun": kommun}
        for e1, e2 in (("hem_fysiskt_vald", "hem_psykiskt_vald"), ("vh_missbruk", "vh_psykisk_ohalsa"), ("hem", "barn")):
            pairs = [({**base, "exposures": [e1, e2]}, {**base, "exposures": [e1]})]
            for code in cb[variable].categories:
                t = true_count(cases, variable, code, *pairs[0])
                if 1 <= t <= 4:
                    families["exposure"].append((variable, code, pairs, t))
    for kommun in kommuner:
        for sex in ("flicka", "pojke"):
            base = {"kon": sex}
            pairs = kommun_pairs(base, kommun, kommuner, rng)
            for code in cb[variable].categories:
                t = true_count(cases, variable, code, *pairs[0])
                if 1 <= t <= 4:
                    families["kommun"].append((variable, code, pairs, t))
    out = {}
    for name, items in families.items():
        order = rng.permutation(len(items))
        out[name] = [items[i] for i in order]
    return cases, out, per_family


def kommuners_by_size(cases):
    return cases["kommun"].value_counts().index[:4].tolist()


def run(cases, targets, ptable, max_noise):
    attacker = Attacker(cases, ptable, max_noise)
    cb = get_codebook()
    results = []
    for variable, code, pairs, truth in targets:
        row = "  " + cb[variable].code(code).label("sv")
        results.append((attacker.attack(variable, row, pairs), truth))
    return results


@pytest.fixture(scope="module")
def shipped():
    return targets_of_shipped_data()


@pytest.mark.parametrize("family", ["age", "kommun", "kon", "exposure"])
def test_differencing_on_the_shipped_data_recovers_no_small_count(shipped, family):
    cases, families, per_family = shipped
    # the targets the attack works on without the defence, in seeded order
    working = []
    for target in families[family]:
        (interval, truth), = run(cases, [target], NO_NOISE, 0)
        if recovered(interval, truth):
            working.append(target)
        if len(working) == per_family:
            break
    assert len(working) >= 3, f"the {family} attack needs targets it can win without the defence"
    with_noise = run(cases, working, NOISE, CKM_MAX_NOISE)
    assert not [r for r in with_noise if recovered(*r)]
    # one pair leaves 4·D + 1 candidate values; intersecting several narrows that, never to one
    widths = [hi - lo for (lo, hi), _ in ((i, t) for i, t in with_noise if i is not None)]
    assert widths and min(widths) >= 1


def hand_made(n_per_kommun=(40, 40, 40), small=(2, 1, 3)):
    """Municipalities where every age band and sex is large except a few girls over 18: an easy target."""
    rows = []
    for k, (n, s) in enumerate(zip(n_per_kommun, small)):
        for i in range(n):
            rows.append({"kommun": f"Kommun {k}", "ar": 2017, "tillfalle": "avslut", "kon": ["pojke", "flicka"][i % 2],
                         "alder": [3, 9, 15][i % 3], "risk_beslut": ["hog", "nagot_forhojd"][(i // 2) % 2]})
        for i in range(s):
            rows.append({"kommun": f"Kommun {k}", "ar": 2017, "tillfalle": "avslut", "kon": "flicka", "alder": 19,
                         "risk_beslut": "hog"})
    return apply_dtypes(pd.DataFrame(rows))


@pytest.mark.parametrize("seed", range(6))
def test_differencing_on_frames_made_for_the_attack_recovers_nothing(seed):
    rng = np.random.default_rng(seed)
    data = hand_made(n_per_kommun=tuple(int(x) for x in rng.integers(36, 60, 3)),
                     small=tuple(int(x) for x in rng.integers(1, 5, 3)))
    kommuner = sorted(data["kommun"].unique())
    targets = []
    for kommun in kommuner:
        base = {"kommun": kommun}
        t = true_count(data, "risk_beslut", "hog", base, {**base, "aldersgrupp": AGES[:3]})
        targets.append(("risk_beslut", "hog", age_pairs(base, "over_18"), t))
        # one municipality: all girls vs the girls of the others
        pairs = kommun_pairs({"kon": "flicka"}, kommun, kommuner, rng, n=4)
        targets.append(("risk_beslut", "hog", pairs, true_count(data, "risk_beslut", "hog", *pairs[0])))
    small = [t for t in targets if 1 <= t[3] <= 4]
    assert small
    without = run(data, small, NO_NOISE, 0)
    assert all(recovered(*r) for r in without), "without the defence the attacker must win here"
    with_noise = run(data, small, NOISE, CKM_MAX_NOISE)
    assert not [r for r in with_noise if recovered(*r)]


def test_the_same_query_twice_gives_the_same_output():
    cases = load_cases()
    filters = {"kon": "flicka", "aldersgrupp": ["13_18", "over_18"]}
    first = build_view(cases, "insats", filters, figure=False)
    again = build_view(cases.copy(), "insats", dict(filters), figure=False)
    assert first.to_html() == again.to_html()
    pd.testing.assert_frame_equal(first.shares, again.shares)
    # and the widget shows the same after other queries in between
    explorer = Explorer(cases, variable="insats")
    explorer.filters["kon"].value = "flicka"
    explorer.filters["aldersgrupp"].value = ("13_18", "over_18")
    shown = explorer.table_html
    explorer.filters["kon"].value = "pojke"
    explorer.filters["kon"].value = "flicka"
    assert explorer.table_html == shown == first.table_html()


def test_the_same_set_of_registrations_gets_the_same_noise_in_any_query():
    cases = load_cases()
    keys = record_keys(cases)
    girls = (cases["kon"] == "flicka").to_numpy()
    # the girls as "the selection" and as "the other participants" beside the boys
    as_selection = build_view(cases, "kon", {"kon": "flicka"}, figure=False)
    beside_boys = build_view(cases, "kon", {"kon": "pojke"}, figure=False)
    expected = perturb_counts(int(girls.sum()), cell_keys(keys, girls))
    assert as_selection.n_selected == expected
    assert beside_boys.table.columns[1] == f"Övriga deltagare, N = {expected}"


def test_record_keys_are_stable_uniform_and_depend_on_the_data():
    cases = load_cases()
    keys = record_keys(cases)
    assert (keys == record_keys(cases.copy())).all()
    u = keys / 2**32
    assert 0.4 < u.mean() < 0.6 and len(np.unique(keys)) == len(keys)
    changed = cases.copy()
    changed.loc[changed.index[0], "alder"] = int(changed["alder"].iloc[0]) + 1
    assert (record_keys(changed) != keys).mean() > 0.99  # nobody can compute keys without the data


@pytest.mark.parametrize("D, V", [(2, 1.0), (3, 2.0), (1, 0.5)])
def test_the_perturbation_is_bounded_and_unbiased_as_documented(D, V):
    pt = perturbation_table(D, V)
    assert pt["v"].abs().max() <= D
    for i, rows in pt.groupby("i"):
        assert rows["p"].sum() == pytest.approx(1)
        assert (rows["lower"].iloc[0], rows["upper"].iloc[-1]) == (0, 1)
        assert (i + rows["v"] >= 0).all()
        if i == 0:
            assert rows["v"].tolist() == [0]
        else:
            assert (rows["p"] * rows["v"]).sum() == pytest.approx(0, abs=1e-9)
            assert (rows["p"] * rows["v"] ** 2).sum() == pytest.approx(V, abs=1e-6)
    # the lookup draws from the table: uniform keys give the documented mean and variance
    rng = np.random.default_rng(1)
    for count in (1, 2, 7, 250):
        noise = perturb_counts(np.full(200_000, count), rng.random(200_000), pt) - count
        assert np.abs(noise).max() <= D
        assert noise.mean() == pytest.approx(0, abs=0.01)
        assert noise.var() == pytest.approx(V, abs=0.02)


def test_on_real_queries_every_published_count_is_within_the_bound():
    cases = load_cases()
    keys = record_keys(cases)
    for filters in ({"kon": "flicka"}, {"kommun": "Umeå"}, {"aldersgrupp": ["13_18"]}):
        view = build_view(cases, "risk_beslut", filters, compare=False, figure=False)
        sel = filter_mask(cases, **filters).to_numpy()
        assert abs(view.n_selected - int(sel.sum())) <= CKM_MAX_NOISE
        for code in get_codebook()["risk_beslut"].categories:
            label = "  " + get_codebook()["risk_beslut"].code(code).label("sv")
            shown = leading_count(view.table.loc[label].iloc[0])
            members = sel & (cases["risk_beslut"].astype("object") == code).to_numpy()
            if shown is not None:
                assert shown == perturb_counts(int(members.sum()), cell_keys(keys, members))
                assert abs(shown - int(members.sum())) <= CKM_MAX_NOISE


def test_zero_stays_zero_and_no_published_count_is_from_1_to_4():
    rng = np.random.default_rng(0)
    assert (perturb_counts(np.zeros(10_000, int), rng.random(10_000)) == 0).all()
    assert CKM_VARIANCE > 0
    cases = load_cases()
    kommuner = sorted(cases["kommun"].unique())
    seen_zero = False
    for i, kommun in enumerate(kommuner):
        for variable in ("insats", "hem", "risk_beslut"):
            view = build_view(cases, variable, {"kommun": kommun, "kon": ["pojke", "flicka"][i % 2]}, figure=False)
            if view.too_few:
                continue
            cells = [leading_count(c) for c in view.table.to_numpy().ravel()]
            cells += [int(n.replace(NBSP, "")) for n in re.findall(r"N = (\d[\d\xa0]*)", " ".join(view.table.columns))]
            shown = [c for c in cells if c is not None]
            assert not [c for c in shown if 1 <= c <= 4], (kommun, variable)
            seen_zero |= 0 in shown
    assert seen_zero
