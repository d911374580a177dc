"""Speed of webbkollen_lib.agreement against its peers, in one run.

    python benchmarks/bench_agreement.py

Data: 1,000 units x 30 raters, 5 ordered categories, 10 % of ratings
missing (seeded). Cases:

* Krippendorff's alpha (ordinal, and nominal) -- peer: the ``krippendorff``
  package (target: ours no slower, ratio >= 1);
* the Gwet family with standard errors (AC1, AC2 quadratic, Fleiss,
  Conger, Brennan-Prediger) -- peer: irrCAC's Python port (``irrCAC.raw.CAC``);
* 1,000 bootstrap replicates over units -- peers: the same packages called
  in a loop over resampled tables (timed on fewer replicates and scaled to
  1,000, marked "scaled");
* what the researchers' tools cost (no peer): a 1,000-replicate bootstrap
  of ordinal alpha with its BCa interval (goal: under 0.5 s) and a planning
  grid of 20 designs x 1,000 simulated studies on 2 threads (goal: under 30 s).

Times: ``ours_ms``/``peer_ms`` are medians of runs that alternate between
ours and the peer (so both meet the same machine load), ``best_ratio`` the
ratio of the best-of times. Every pair of values is checked to agree
(|difference| < 1e-6) before it is timed. ratio = peer time / our time, so
ratio > 1 means we are faster; the goal for ordinal alpha is our time <=
0.8 x the ``krippendorff`` package's (ratio >= 1.25), by medians.
"""

from __future__ import annotations

import sys
import timeit
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import krippendorff  # noqa: E402
from irrCAC.raw import CAC  # noqa: E402

from webbkollen_lib import agreement as ag  # noqa: E402

N_UNITS, N_RATERS, N_CATEGORIES, P_MISSING = 1000, 30, 5, 0.10
N_BOOT = 1000


def make_data(seed=2017):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, N_CATEGORIES + 1, N_UNITS)
    step = rng.integers(-1, 2, (N_UNITS, N_RATERS))
    data = np.clip(truth[:, None] + np.where(rng.random((N_UNITS, N_RATERS)) < 0.5, 0, step),
                   1, N_CATEGORIES).astype(float)
    data[rng.random(data.shape) < P_MISSING] = np.nan
    return data


def best_time(func, repeats: int = 3) -> float:
    """Best of ``repeats`` single runs, in seconds."""
    return min(timeit.repeat(func, repeat=repeats, number=1))


def alternating(ours, peer, runs: int = 15):
    """(our median, peer median, our best, peer best) of ``runs`` alternating single runs, in seconds."""
    a, b = [], []
    for _ in range(runs):
        a.append(timeit.timeit(ours, number=1))
        b.append(timeit.timeit(peer, number=1))
    return float(np.median(a)), float(np.median(b)), min(a), min(b)


def check(ours, peer, label):
    if not abs(ours - peer) < 1e-6:
        raise SystemExit(f"{label}: values differ (ours {ours!r}, peer {peer!r}); not timing apples and pears")


def main():
    warnings.simplefilter("ignore")  # the irrCAC port's pandas warnings
    data = make_data()
    frame = pd.DataFrame(data)
    rows = []

    def add(case, ours_s, peer_s, peer, note="", best_ratio=np.nan):
        rows.append({"case": case, "ours_ms": 1e3 * ours_s, "peer_ms": 1e3 * peer_s, "peer": peer,
                     "ratio": peer_s / ours_s, "best_ratio": best_ratio, "note": note})

    def add_alternating(case, ours, peer, peer_name, runs=15, note="medians"):
        med_a, med_b, best_a, best_b = alternating(ours, peer, runs)
        add(case, med_a, med_b, peer_name, note, best_b / best_a)

    # --- Krippendorff's alpha -------------------------------------------------
    for level in ("ordinal", "nominal"):
        ours = lambda: ag.krippendorff_alpha(data, level=level)  # noqa: E731
        peer = lambda: krippendorff.alpha(data.T, level_of_measurement=level)  # noqa: E731
        check(ours().value, peer(), f"alpha {level}")
        add_alternating(f"alpha {level} (value + SE)", ours, peer, "krippendorff", runs=31)

    # --- Gwet family with SEs ---------------------------------------------------
    family = [("AC1", ag.gwet_ac1, "gwet", "identity"), ("AC2 quadratic", ag.gwet_ac1, "gwet", "quadratic"),
              ("Fleiss' kappa", ag.fleiss_kappa, "fleiss", "identity"),
              ("Conger's kappa", ag.conger_kappa, "conger", "identity"),
              ("Brennan-Prediger", ag.brennan_prediger, "bp", "identity")]
    for label, func, method, weights in family:
        ours = lambda: func(data, weights=weights)  # noqa: E731
        peer = lambda: getattr(CAC(frame, weights=weights, digits=15), method)()  # noqa: E731
        ref = peer()["est"]
        res = ours()
        check(res.value, ref["coefficient_value"], label)
        check(res.se, ref["se"], f"{label} SE")
        add_alternating(f"{label} (value + SE)", ours, peer, "irrCAC port", runs=2 if method == "conger" else 3)

    # --- bootstrap ----------------------------------------------------------------
    rng = np.random.default_rng(1)

    def loop(stat, reps):
        idx = rng.integers(0, N_UNITS, (reps, N_UNITS))
        return lambda: [stat(data[i]) for i in idx]

    ours = lambda: ag.bootstrap(data, "krippendorff_alpha", level="ordinal", n_boot=N_BOOT, seed=1)  # noqa: E731
    k_reps = 100
    peer = loop(lambda d: krippendorff.alpha(d.T, level_of_measurement="ordinal"), k_reps)
    add(f"bootstrap alpha ordinal, {N_BOOT} reps", best_time(ours, 3),
        best_time(peer, 1) * N_BOOT / k_reps, "krippendorff loop", f"scaled from {k_reps}")

    ours = lambda: ag.bootstrap(data, "gwet_ac1", n_boot=N_BOOT, seed=1)  # noqa: E731
    p_reps = 10
    peer = loop(lambda d: CAC(pd.DataFrame(d), digits=15).gwet(), p_reps)
    add(f"bootstrap AC1, {N_BOOT} reps", best_time(ours, 3), best_time(peer, 1) * N_BOOT / p_reps,
        "irrCAC port loop", f"scaled from {p_reps}")

    ours = lambda: ag.bootstrap(data, "conger_kappa", n_boot=N_BOOT, seed=1, resample="both")  # noqa: E731
    add(f"bootstrap Conger, units+raters, {N_BOOT} reps", best_time(ours, 1), np.nan, "-", "no peer")

    # --- what the researchers' tools cost ------------------------------------------
    bca = lambda: ag.bootstrap(data, "krippendorff_alpha", level="ordinal", n_boot=N_BOOT, seed=1)  # noqa: E731
    bca_s = float(np.median([timeit.timeit(bca, number=1) for _ in range(5)]))
    add(f"BCa interval alpha ordinal, {N_BOOT} reps", bca_s, np.nan, "-", "median of 5; goal < 500 ms")
    no_bca = lambda: ag.bootstrap(data, "krippendorff_alpha", level="ordinal", n_boot=N_BOOT, seed=1,  # noqa: E731
                                  bca=False)
    add(f"  of which the jackknife ({N_UNITS} values)", bca_s - best_time(no_bca, 3), np.nan, "-", "")
    grid = dict(n_units=[10, 20, 50, 100, 200], n_raters=[2, 5, 10, 30])
    plan = lambda: ag.plan_study(0.6, n_categories=N_CATEGORIES, level="ordinal", n_sim=1000, seed=1,  # noqa: E731
                                 n_jobs=2, **grid)
    plan_s = best_time(plan, 2)
    add("planning grid: 20 designs x 1,000 studies (ordinal alpha)", plan_s, np.nan, "-",
        "2 threads; goal < 30 s")

    table = pd.DataFrame(rows)
    print(f"webbkollen_lib.agreement benchmark: {N_UNITS} units x {N_RATERS} raters, "
          f"{N_CATEGORIES} categories, {P_MISSING:.0%} missing")
    with pd.option_context("display.width", 160, "display.max_columns", 10):
        print(table.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    print("ratio = peer time / our time (> 1: we are faster)")
    alpha = table.loc[table["case"].str.startswith("alpha ordinal")].iloc[0]
    share = alpha["ours_ms"] / alpha["peer_ms"]
    print(f"goal 'alpha (ordinal, value + SE) <= 0.8 x krippendorff's value, by medians': "
          f"{'met' if share <= 0.8 else 'NOT met'} ({share:.2f} x; best-of ratio {alpha['best_ratio']:.2f})")
    print(f"goal 'BCa interval for alpha in under 0.5 s': {'met' if bca_s < 0.5 else 'NOT met'} ({bca_s:.3f} s)")
    print(f"goal 'planning grid in under 30 s on 2 cores': {'met' if plan_s < 30 else 'NOT met'} ({plan_s:.2f} s)")


if __name__ == "__main__":
    main()
