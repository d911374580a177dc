"""Vectorised helpers for single-vignette consensus and set-valued ratings (private).

Used by :func:`webbkollen_lib.agreement.coefficients.consensus`,
:func:`webbkollen_lib.agreement.coefficients.krippendorff_alpha_sets` and the checklist
functions. Every consensus measure is a function of the category counts only,
so a bootstrap over raters is a multinomial draw of counts, computed for all
replicates at once.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from webbkollen_lib.agreement import _bca

CONSENSUS_MEASURES = {
    # name: (range / reading, reference)
    "modal_share": ("share of raters in the most common category; 1 = unanimous",
                    "e.g. Gwet (2014) ch. 1"),
    "within_one_step": ("share of raters at most one category from the (lower) median; 1 = all "
                        "within one step", "descriptive"),
    "tastle_wierman": ("0 = split between the two extremes, 1 = unanimous",
                       "Tastle & Wierman (2007)"),
    "leik_dispersion": ("ordinal dispersion: 0 = unanimous, 1 = split between the two extremes",
                        "Leik (1966)"),
    "iqv": ("index of qualitative variation (nominal): 0 = unanimous, 1 = spread evenly",
            "Mueller & Schuessler (1961); Agresti & Agresti (1978)"),
    "r_wg": ("1 - observed variance / uniform-null variance (A^2-1)/12; 1 = unanimous, "
             "<= 0 = no more agreement than random responding", "James, Demaree & Wolf (1984)"),
    "a_wg": ("1 - 2 x observed variance / maximum variance possible at that mean; 1 = unanimous, "
             "-1 = maximal disagreement", "Brown & Hauenstein (2005)"),
}


def consensus_measures(counts: np.ndarray) -> dict[str, np.ndarray]:
    """All consensus measures for counts of shape (..., q), category positions 1..q."""
    counts = np.asarray(counts, dtype=float)
    q = counts.shape[-1]
    n = counts.sum(axis=-1)
    p = counts / n[..., None]
    x = np.arange(1, q + 1, dtype=float)
    out = {}
    out["modal_share"] = p.max(axis=-1)

    cum = np.cumsum(p, axis=-1)
    # lower median: first category whose cumulative share reaches one half
    med = np.argmax(cum >= 0.5 - 1e-12, axis=-1)
    near = np.abs(np.arange(q) - med[..., None]) <= 1
    out["within_one_step"] = np.sum(p * near, axis=-1)

    mu = np.sum(p * x, axis=-1)
    width = x[-1] - x[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = 1 - np.abs(x - mu[..., None]) / width
        terms = np.where(p > 0, p * np.log2(np.where(p > 0, inner, 1.0)), 0.0)
    out["tastle_wierman"] = 1 + terms.sum(axis=-1)

    f = cum[..., :-1]
    d = np.where(f <= 0.5, f, 1 - f)
    out["leik_dispersion"] = 2 * d.sum(axis=-1) / (q - 1)

    out["iqv"] = q / (q - 1) * (1 - np.sum(p**2, axis=-1))

    with np.errstate(divide="ignore", invalid="ignore"):
        var_pop = np.sum(p * (x - mu[..., None]) ** 2, axis=-1)
        s2 = var_pop * n / (n - 1)
        out["r_wg"] = 1 - s2 / ((q**2 - 1) / 12)
        lo, hi = x[0], x[-1]
        max_var = ((hi + lo) * mu - mu**2 - hi * lo) * (n / (n - 1))
        awg = 1 - 2 * s2 / max_var
        # mean at an end of the scale: every rater gave that end -> perfect agreement
        awg = np.where(np.isclose(s2, 0.0), 1.0, awg)
    out["a_wg"] = np.where(n >= 2, awg, np.nan)
    out["r_wg"] = np.where(n >= 2, out["r_wg"], np.nan)
    return out


# ---------------------------------------------------------------------------
# Set distances (multi-select checklists)
# ---------------------------------------------------------------------------


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    return 1.0 - len(a & b) / len(a | b)


def masi(a: frozenset, b: frozenset) -> float:
    if a == b:
        return 0.0
    inter = len(a & b)
    if inter == 0:
        return 1.0
    j = inter / len(a | b)
    m = 2 / 3 if (a <= b or b <= a) else 1 / 3
    return 1.0 - j * m


SET_DISTANCES = {"jaccard": jaccard, "masi": masi}


def set_distance_matrix(sets: list[frozenset], distance) -> np.ndarray:
    if isinstance(distance, str):
        if distance not in SET_DISTANCES:
            raise ValueError(f"distance: unknown set distance {distance!r}; allowed: "
                             f"{', '.join(SET_DISTANCES)} or a function d(a, b)")
        fn = SET_DISTANCES[distance]
    else:
        fn = distance
    v = len(sets)
    out = np.zeros((v, v))
    for i in range(v):
        for j in range(i + 1, v):
            out[i, j] = out[j, i] = fn(sets[i], sets[j])
    return out


def consensus_jackknife(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Each measure without one rater: entry k leaves out a rater of category k (NaN if nobody chose k).

    Raters of one category are exchangeable, so the n leave-one-rater-out
    values are these q values, each repeated ``counts[k]`` times.
    """
    counts = np.asarray(counts, dtype=float)
    q = counts.shape[-1]
    left = counts[None, :] - np.eye(q)
    values = consensus_measures(np.where(left < 0, 0, left))
    return {name: np.where(counts > 0, v, np.nan) for name, v in values.items()}


def consensus_table(counts: np.ndarray, n_boot: int, seed, confidence: float) -> pd.DataFrame:
    """Point values, percentile and BCa bootstrap intervals (multinomial draws of the counts)."""
    n = int(counts.sum())
    point = consensus_measures(counts)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(n, counts / n, size=int(n_boot))
    reps = consensus_measures(draws)
    with np.errstate(divide="ignore", invalid="ignore"):
        jack = consensus_jackknife(counts)
    a = 1 - confidence
    rows = []
    for name, (reading, ref) in CONSENSUS_MEASURES.items():
        rep = reps[name][np.isfinite(reps[name])]
        lo, hi = (np.percentile(rep, [100 * a / 2, 100 * (1 - a / 2)]) if rep.size >= 2
                  else (np.nan, np.nan))
        accel = _bca.acceleration([jack[name]], [counts])
        bca_lo, bca_hi, _ = _bca.interval(rep, float(point[name]), accel, confidence)
        rows.append({"measure": name, "value": float(point[name]), "ci_low": float(lo),
                     "ci_high": float(hi), "bca_low": bca_lo, "bca_high": bca_hi, "n_raters": n,
                     "reading": reading, "reference": ref})
    return pd.DataFrame(rows).set_index("measure")


def _as_set(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA:
        return None
    if isinstance(v, (set, frozenset, list, tuple)):
        return frozenset(v)
    raise ValueError(f"krippendorff_alpha_sets: cell value {v!r} is not a set (use a set, list or "
                     "tuple of ticked options; None/NaN for a missing answer)")


def sets_to_codes(data):
    """Units x raters table of sets -> (float codes with NaN, distinct sets in code order)."""
    if isinstance(data, pd.DataFrame):
        raw = data.to_numpy(dtype=object)
        units, raters = data.index.to_numpy(), data.columns.to_numpy()
    else:
        raw = np.empty((len(data), len(data[0]) if len(data) else 0), dtype=object)
        for i, row in enumerate(data):
            if len(row) != raw.shape[1]:
                raise ValueError(f"krippendorff_alpha_sets: row {i} has {len(row)} cells, expected "
                                 f"{raw.shape[1]}")
            for j, v in enumerate(row):
                raw[i, j] = v
        units, raters = np.arange(raw.shape[0]), np.arange(raw.shape[1])
    sets = np.empty(raw.shape, dtype=object)
    for (i, j), v in np.ndenumerate(raw):
        try:
            sets[i, j] = _as_set(v)
        except ValueError as exc:
            raise ValueError(f"unit {units[i]!r}, rater {raters[j]!r}: {exc}") from None
    distinct = sorted({s for s in sets.ravel() if s is not None}, key=lambda s: (len(s), sorted(map(str, s))))
    if not distinct:
        raise ValueError("krippendorff_alpha_sets: there are no answers (every cell is missing)")
    lookup = {s: k for k, s in enumerate(distinct)}
    codes = np.array([[-1 if s is None else lookup[s] for s in row] for row in sets], dtype=float)
    codes[codes < 0] = np.nan
    return codes, distinct


def spearman_by_group(score: pd.Series, count: pd.Series, groups: pd.Series, confidence: float) -> pd.DataFrame:
    """Spearman's rho of count vs score per group, Fisher-z CI with Bonett-Wright variance."""
    by = groups.name
    data = pd.DataFrame({"_g": groups})
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    rows = []
    for key, idx in data.groupby("_g", observed=True).groups.items():
        s, c = score.loc[idx], count.loc[idx]
        ok = s.notna() & c.notna()
        n = int(ok.sum())
        rho = p = lo = hi = np.nan
        if n >= 3 and s[ok].nunique() > 1 and c[ok].nunique() > 1:
            res = stats.spearmanr(c[ok], s[ok])
            rho, p = float(res.statistic), float(res.pvalue)
            if n >= 4 and abs(rho) < 1:
                half = z * math.sqrt((1 + rho**2 / 2) / (n - 3))
                lo, hi = math.tanh(math.atanh(rho) - half), math.tanh(math.atanh(rho) + half)
            elif abs(rho) == 1:
                lo = hi = rho
        rows.append({by: key, "n": n, "rho": rho, "ci_low": lo, "ci_high": hi, "p_value": p,
                     "mean_factors": float(c[ok].mean()) if n else np.nan})
    return pd.DataFrame(rows).set_index(by)

