"""Seeded synthetic answers to SKL's 2012 survey, calibrated to every figure the report publishes.

The report (``shared/seeds/000_…``) publishes only national totals and the
response per region; the municipalities' own answers were never published. This
generator makes answers that reproduce every published figure that can hold at
once (``systems/kartlaggning2012/data/published_figures.csv``; the test compares
them all), for the real municipalities:

1. **Who answered.** Exactly the published number of answering municipalities
   per region (Uppsala 8 of 8, Östergötland 6 of 13, …, Stockholm, GR and
   Sjuhärad none), chosen at random within the region from the real list of
   municipalities (``core/municipalities``).
2. **A latent "maturity"** per municipality (normal, plus a little for a larger
   population): larger, more mature municipalities are somewhat likelier to
   report a follow-up, to have IT and statistics support, to report results and
   users' views, and less likely to name lack of skills as an obstacle. This
   gives the answers plausible correlations; the report publishes none, so none
   is claimed to be real.
3. **Exact counts.** Each option's count is fixed first (:data:`TARGETS`):
   question 3's counts as printed, and for every percentage a count that
   rounds half up to it on the report's base of 190 answering municipalities
   (e.g. 71 % → 135 of 190). Options the report gives no figure for (question
   4's and 9's "Annat", question 6's Ja and Vet ej, …) are ours and marked so
   in :data:`OURS`. Then that many municipalities are drawn without
   replacement with weights ``exp(±β·maturity)``.
4. **The skip rule.** 158 Ja on question 1 (83 %), 28 Nej (15 %) and 4 empty
   (the 2 % the report's 83 % + 15 % leaves); questions 2–4 are answered only
   after Ja: after Nej or an empty question 1 their cells are empty.
5. **Question 10** (the region's ranking): 11 of the 21 regions that sent a
   summary rank the areas ("nära hälften" left it empty; "det 10-talet län
   som svarat"), each ranking a subset of the seven areas 1, 2, 3, …; a
   small integer programme finds rankings whose mean ranks round to the
   published ones (:func:`generate_prioriteringar`).

The defaults are what ``data/synthetic/kartlaggning_2012.csv`` and
``kartlaggning_2012_prioriteringar.csv`` were made with; the same seed gives
the same files byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from webbkollen_lib.core.municipalities import municipalities
from webbkollen_lib.systems.kartlaggning2012.reference import load_published_figures
from webbkollen_lib.systems.kartlaggning2012.survey import (
    PRIORITY_AREAS,
    get_kartlaggning_codebook,
    municipality_regions,
)

__all__ = ["generate_kartlaggning", "generate_prioriteringar", "write_shipped_kartlaggning", "TARGETS", "OURS",
           "ANSWER_FILE", "PRIORITIES_FILE", "SEED"]

SEED = 2012
ANSWER_FILE = "kartlaggning_2012.csv"
PRIORITIES_FILE = "kartlaggning_2012_prioriteringar.csv"

#: How strongly the latent maturity steers each answer (β in the weights).
BETA = 0.8

#: Exact counts of the 190 answering municipalities. A multi-select option is
#: ``column: count``; a single choice ``column: {code: count}`` (the rest of the
#: 190, if any, left empty). Question 3's counts are printed; every other count
#: rounds half up to the printed percentage of 190 (see :data:`OURS` for the
#: counts no figure fixes).
TARGETS: dict[str, int | dict[str, int]] = {
    "redovisat": {"ja": 158, "nej": 28},  # 83 %, 15 %; 4 empty
    "mottagare_politiker": 154, "mottagare_chefer": 127, "mottagare_handlaggare": 122, "mottagare_brukare": 4,
    "mottagare_annan": 11,
    "uppgift_verksamhetsmal": 102, "uppgift_budget": 149, "uppgift_laguppfyllelse": 56,
    "uppgift_arbetsprocesser": 30, "uppgift_statistik": 123, "uppgift_avslut": 29, "uppgift_personal": 49,
    "uppgift_resultat_hvb": 6, "uppgift_resultat_familjehem": 10, "uppgift_barn_uppfattning": 16,
    "uppgift_vh_uppfattning": 11, "uppgift_personal_uppfattning": 12, "uppgift_vardgivare_uppfattning": 12,
    "uppgift_annat": 8,
    "kalla_verksamhetssystem": 135, "kalla_bbic": 65, "kalla_adad": 4, "kalla_andra_instrument": 4,
    "kalla_lokala_enkater": 23, "kalla_officiell_statistik": 82, "kalla_oppna_jamforelser": 59, "kalla_annat": 15,
    "it_stod": {"ja": 67, "ja_i_viss_man": 112, "nej": 9, "vet_ej": 2},
    "stodfunktioner": {"ja": 38, "ja_i_viss_man": 83, "nej": 63, "vet_ej": 6},
    "forbattringsarbete": {"ja": 49, "ja_i_viss_man": 93, "nej": 36, "vet_ej": 9},  # 3 empty
    "hinder_it_system": 105, "hinder_tidsbrist": 137, "hinder_kompetens": 82, "hinder_annat": 42,
    "stod_it_system": 114, "stod_statistik": 112, "stod_forbattringsmetodik": 129, "stod_annat": 19,
}

#: Counts no published figure fixes: ours, chosen to be plausible.
OURS = ("kalla_annat", "it_stod: ja versus vet_ej", "stodfunktioner: ja, ja_i_viss_man, vet_ej",
        "forbattringsarbete: vet_ej and empty", "stod_annat")

#: Direction of each answer on the latent maturity: +1 likelier for mature
#: municipalities, -1 less likely, 0 unrelated.
DIRECTION = {
    "redovisat": 1, "mottagare_brukare": 1, "mottagare_handlaggare": 1,
    "uppgift_laguppfyllelse": 1, "uppgift_arbetsprocesser": 1, "uppgift_avslut": 1,
    "uppgift_resultat_hvb": 1, "uppgift_resultat_familjehem": 1, "uppgift_barn_uppfattning": 1,
    "uppgift_vh_uppfattning": 1, "uppgift_personal_uppfattning": 1, "uppgift_vardgivare_uppfattning": 1,
    "kalla_bbic": 1, "kalla_adad": 1, "kalla_andra_instrument": 1, "kalla_lokala_enkater": 1,
    "kalla_oppna_jamforelser": 1, "it_stod": 1, "stodfunktioner": 1, "forbattringsarbete": 1,
    "hinder_it_system": -1, "hinder_kompetens": -1, "stod_statistik": -1,
}

#: Regions that rank the areas in question 10 (of the 21 that sent a summary).
N_RANKING_REGIONS = 11

#: The fewest areas a region that answers question 10 ranks.
MIN_RANKED = 4


def _answering(rng: np.random.Generator) -> pd.DataFrame:
    figures = load_published_figures()
    wanted = figures[(figures["measure"] == "svarande") & (figures["region"] != "")]
    places = municipality_regions()
    chosen = []
    for region, n in zip(wanted["region"], wanted["published"].astype(int)):
        names = places.loc[places["region"] == region, "kommun"].to_numpy()
        chosen += sorted(rng.choice(names, size=n, replace=False).tolist(), key=str)
    return places.set_index("kommun").loc[chosen, ["region"]].reset_index()


def _draw(rng, eligible: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """``k`` of the ``eligible`` positions, drawn without replacement with the given weights."""
    pool = np.flatnonzero(eligible)
    if k > len(pool):
        raise ValueError(f"cannot draw {k} of {len(pool)} eligible municipalities")
    p = weights[pool] / weights[pool].sum()
    return np.sort(rng.choice(pool, size=k, replace=False, p=p))


def generate_kartlaggning(seed: int = SEED) -> pd.DataFrame:
    """One row per answering municipality: ``kommun``, ``region`` and every question's column, as codes.

    Multi-select options and question 1 are ``True``/``False`` (empty where the
    question was not asked); questions 5–7 are codes of
    ``ja / ja_i_viss_man / nej / vet_ej``.
    """
    rng = np.random.default_rng(seed)
    frame = _answering(rng)
    n = len(frame)
    population = municipalities().set_index("kommun").loc[frame["kommun"], "folkmangd"].to_numpy()
    size = np.log(population)
    maturity = rng.normal(size=n) + 0.5 * (size - size.mean()) / size.std()
    cb = get_kartlaggning_codebook()

    def weights(column: str) -> np.ndarray:
        return np.exp(BETA * DIRECTION.get(column, 0) * maturity)

    q1 = np.full(n, None, dtype=object)
    yes = _draw(rng, np.ones(n, bool), weights("redovisat"), TARGETS["redovisat"]["ja"])
    q1[yes] = True
    no = _draw(rng, q1 == None, weights("redovisat") ** -1, TARGETS["redovisat"]["nej"])  # noqa: E711
    q1[no] = False
    frame["redovisat"] = pd.array(q1, dtype="boolean")
    asked_after_yes = q1 == True  # noqa: E712

    for var in cb.for_dataset("kartlaggning"):
        if var.id in ("kommun", "region", "redovisat"):
            continue
        if var.kind == "multi":
            asked = asked_after_yes if var.attrs.get("efter_ja") else np.ones(n, bool)
            for column in var.columns:
                ticks = np.where(asked, False, None).astype(object)
                ticks[_draw(rng, asked, weights(column), TARGETS[column])] = True
                frame[column] = pd.array(ticks, dtype="boolean")
        else:  # questions 5–7: Ja first to the most mature, Nej to the least
            codes = np.full(n, None, dtype=object)
            for code, k in TARGETS[var.id].items():
                sign = {"ja": 1.0, "ja_i_viss_man": 0.3, "nej": -1.0, "vet_ej": 0.0}[code]
                w = np.exp(BETA * DIRECTION.get(var.id, 0) * sign * maturity)
                codes[_draw(rng, codes == None, w, k)] = code  # noqa: E711
            frame[var.id] = pd.Categorical(codes, categories=var.categories)
    frame["region"] = pd.Categorical(frame["region"], categories=cb["region"].categories)
    return frame[cb.columns("kartlaggning")]


def generate_prioriteringar(seed: int = SEED, *, answers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Question 10: one row per region and area it ranked (``region``, ``omrade``, ``rang``).

    :data:`N_RANKING_REGIONS` of the regions with answers rank; each ranks a
    subset of at least four of the seven areas 1, 2, 3, … (the form: "Ett
    eller flera av nedanstående alternativ"). The rankings are the solution of
    a small integer programme (``scipy.optimize.milp``): every area's mean rank
    must round half up to the published one, while as few regions as possible
    leave a named area out or add "Annat" (the report names a single "annat").
    The seed chooses which regions rank; the solver (HiGHS, deterministic)
    chooses the rankings among the many equally good ones.

    Published sums force this: the six named areas' means (1.8 + 3.2 + 3.3 +
    3.8 + 3.9 + 5.0) add up to 21.0 = 1 + … + 6, so complete rankings of the
    six fit exactly, and "Annat" at 4.7 can only stand in rankings that leave
    something out.
    """
    rng = np.random.default_rng(seed + 10)
    answers = generate_kartlaggning(seed) if answers is None else answers
    with_answers = list(dict.fromkeys(answers["region"].astype(str)))
    ranking = sorted(rng.choice(with_answers, size=N_RANKING_REGIONS, replace=False).tolist(),
                     key=with_answers.index)
    figures = load_published_figures()
    means = figures[figures["measure"] == "medelrang"].set_index("values")["published"]
    areas = list(PRIORITY_AREAS)
    R, A, K = len(ranking), len(areas), len(areas)

    def x(r, a, k):  # position of the binary "region r gives area a rank k + 1"
        return (r * A + a) * K + k

    n = R * A * K
    rows, low, high = [], [], []

    def constraint(coefs: dict[int, float], lo: float, hi: float):
        row = np.zeros(n)
        for i, c in coefs.items():
            row[i] += c
        rows.append(row), low.append(lo), high.append(hi)

    for r in range(R):
        for a in range(A):  # an area has at most one rank
            constraint({x(r, a, k): 1 for k in range(K)}, 0, 1)
        for k in range(K):  # a rank goes to at most one area, and ranks run 1, 2, 3, … without a gap
            constraint({x(r, a, k): 1 for a in range(A)}, 0, 1)
            if k:
                constraint({**{x(r, a, k): 1 for a in range(A)}, **{x(r, a, k - 1): -1 for a in range(A)}}, -1, 0)
        constraint({x(r, a, k): 1 for a in range(A) for k in range(K)}, MIN_RANKED, K)
    for a, area in enumerate(areas):
        # sum of ranks between (mean - 0.05) and (mean + 0.05) times the number of regions ranking it
        m = float(means[area])
        base = {x(r, a, k): k + 1 for r in range(R) for k in range(K)}
        constraint({i: c - (m - 0.05) for i, c in base.items()}, 0, np.inf)
        constraint({i: c - (m + 0.05) for i, c in base.items()}, -np.inf, -1e-3)
        constraint({x(r, a, k): 1 for r in range(R) for k in range(K)}, 1, R)
    cost = np.zeros(n)
    for r in range(R):
        for a, area in enumerate(areas):
            for k in range(K):
                cost[x(r, a, k)] += 1.0 if area == "annat" else -1.0  # ranking a named area is cheaper
    result = milp(cost, constraints=LinearConstraint(np.array(rows), low, high),
                  integrality=np.ones(n), bounds=Bounds(0, 1))
    if result.x is None:
        raise RuntimeError(f"no rankings reproduce question 10's mean ranks (seed {seed}): {result.message}")
    chosen = np.round(result.x).astype(int).reshape(R, A, K)
    records = [(ranking[r], areas[a], k + 1) for r in range(R) for k in range(K) for a in range(A) if chosen[r, a, k]]
    cb = get_kartlaggning_codebook()
    frame = pd.DataFrame(records, columns=["region", "omrade", "rang"])
    return frame.astype({"region": cb["region"].dtype, "omrade": cb["omrade"].dtype, "rang": "Int64"})


def write_shipped_kartlaggning(directory, seed: int = SEED) -> list[Path]:
    """Write ``kartlaggning_2012.csv`` and ``kartlaggning_2012_prioriteringar.csv`` into ``directory``."""
    directory = Path(directory)
    answers = generate_kartlaggning(seed)
    paths = [directory / ANSWER_FILE, directory / PRIORITIES_FILE]
    answers.to_csv(paths[0], index=False, encoding="utf-8", lineterminator="\n")
    generate_prioriteringar(seed, answers=answers).to_csv(paths[1], index=False, encoding="utf-8", lineterminator="\n")
    return paths
