"""Vectorised bootstrap replicates for :mod:`webbkollen_lib.agreement.coefficients` (private).

A bootstrap replicate is described by resampling multiplicities: how often
each unit (``unit_w``, shape (B, n)) and each rater (``rater_w``, (B, r)) was
drawn. Every coefficient is a function of sums over units and raters, so all
B replicates are computed together with matrix products instead of a loop.
"""

from __future__ import annotations

import numpy as np

from webbkollen_lib.agreement._core import _unit_agreement, krippendorff_delta2


def multiplicities(idx: np.ndarray, size: int) -> np.ndarray:
    """(B, size) counts of how often each index occurs in each row of ``idx``."""
    b = idx.shape[0]
    flat = (idx + np.arange(b)[:, None] * size).ravel()
    return np.bincount(flat, minlength=b * size).reshape(b, size).astype(float)


def draw(n: int, r: int, n_boot: int, seed, resample: str):
    """The documented draws: units first, then raters, from default_rng(seed)."""
    rng = np.random.default_rng(seed)
    unit_idx = rng.integers(0, n, size=(n_boot, n)) if resample in ("units", "both") else None
    rater_idx = rng.integers(0, r, size=(n_boot, r)) if resample in ("raters", "both") else None
    return unit_idx, rater_idx


def percentile_summary(reps: np.ndarray, confidence: float):
    """(se, (low, high), n_failed) over the finite replicates."""
    ok = np.isfinite(reps)
    a = 1 - confidence
    if ok.sum() >= 2:
        lo, hi = np.percentile(reps[ok], [100 * a / 2, 100 * (1 - a / 2)])
        se = float(np.std(reps[ok], ddof=1))
    else:
        lo = hi = se = np.nan
    return se, (float(lo), float(hi)), int((~ok).sum())


def replicate_values(kind, X, W, unit_idx, rater_idx, *, D=None, level=None, values=None, delta2=None,
                     budget=4_000_000):
    """All replicates, in chunks of B that keep the work arrays near ``budget`` floats."""
    n = X.shape[0]
    r = D.shape[1] if D is not None else 0
    n_boot = len(unit_idx) if unit_idx is not None else len(rater_idx)

    def weights(start, stop):
        uw = (multiplicities(unit_idx[start:stop], n) if unit_idx is not None
              else np.ones((stop - start, n)))
        rw = multiplicities(rater_idx[start:stop], r) if rater_idx is not None else None
        return uw, rw

    return _in_chunks(kind, X, W, n_boot, weights, D=D, level=level, values=values, delta2=delta2,
                      budget=budget)


def jackknife_values(kind, X, W, which, *, D=None, level=None, values=None, delta2=None, budget=4_000_000):
    """Leave-one-out values: without each unit (``which="units"``) or each rater (``"raters"``).

    The same arithmetic as a bootstrap replicate whose multiplicities are 1
    for every element but the one left out (0), so a jackknife value is the
    point estimate on the table without that unit or rater.
    """
    n = X.shape[0]
    size = n if which == "units" else D.shape[1]

    def weights(start, stop):
        rows = np.arange(stop - start)
        drop = np.ones((stop - start, size))
        drop[rows, np.arange(start, stop)] = 0.0
        if which == "units":
            return drop, None
        return np.ones((stop - start, n)), drop

    return _in_chunks(kind, X, W, size, weights, D=D, level=level, values=values, delta2=delta2,
                      budget=budget)


def _in_chunks(kind, X, W, total, weights, *, D, level, values, delta2, budget):
    n, q = X.shape
    r = D.shape[1] if D is not None else 0
    per_rep = n * q * max(q if kind == "alpha" else 1, r if kind == "conger" else 1)
    chunk = max(1, int(budget // max(per_rep, 1)))
    parts = []
    for start in range(0, total, chunk):
        stop = min(total, start + chunk)
        uw, rw = weights(start, stop)
        parts.append(batch_values(kind, X, W, uw, D=D, rater_w=rw, level=level, values=values,
                                  delta2=delta2))
    return np.concatenate(parts)


def _batched_counts(X, D, unit_w, rater_w):
    """Counts per replicate: (B, n, q) if raters are resampled, else X (n, q)."""
    if rater_w is None:
        return X
    n, r, q = D.shape
    Dt = D.transpose(1, 0, 2).reshape(r, n * q)
    return (rater_w @ Dt).reshape(len(rater_w), n, q)


def batch_values(kind: str, X, W, unit_w, *, D=None, rater_w=None, level=None, values=None,
                 delta2=None) -> np.ndarray:
    """Coefficient values for B replicates at once.

    ``unit_w`` (B, n) and ``rater_w`` (B, r) are resampling multiplicities
    (how often each unit / rater was drawn). A replicate is computed exactly
    as the point estimate on the resampled table would be: units left with
    no rating drop out, pa averages over units with >= 2 ratings.
    """
    Xb = _batched_counts(X, D, unit_w, rater_w)
    return values_from_counts(kind, Xb, W, unit_w, D=D, rater_w=rater_w, level=level, values=values,
                              delta2=delta2)


def values_from_counts(kind: str, Xb, W, unit_w, *, D=None, rater_w=None, level=None, values=None,
                       delta2=None) -> np.ndarray:
    """Coefficient values from counts ``Xb`` of shape (n, q) shared by all B, or (B, n, q).

    ``unit_w`` (B, n) weights the units. Conger's kappa needs the indicator
    array ``D`` of the one table behind ``Xb`` (so not for B different tables).
    """
    B = unit_w.shape[0]
    q = Xb.shape[-1]
    r = Xb.sum(axis=-1)  # (n,) or (B, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "alpha":
            return _batch_alpha(Xb, r, unit_w, level, values, delta2)
        _, pa_i = _unit_agreement(Xb, W)
        rated = unit_w * (r >= 1)
        paired = unit_w * (r >= 2)
        n_b = rated.sum(axis=-1)
        pa = (paired * pa_i).sum(axis=-1) / paired.sum(axis=-1)
        if kind == "percent":
            return pa
        share = np.where(r[..., None] > 0, Xb / np.where(r > 0, r, 1)[..., None], 0.0)
        if share.ndim == 2:
            pi = unit_w @ share / n_b[:, None]
        else:
            pi = np.einsum("bn,bnk->bk", unit_w, share) / n_b[:, None]
        sum_w = W.sum()
        if kind == "bp":
            pe = np.full(B, sum_w / q**2 if q >= 2 else 0.0)
        elif kind == "ac1":
            pe = sum_w * np.sum(pi * (1 - pi), axis=1) / (q * (q - 1)) if q >= 2 else np.zeros(B)
        elif kind == "fleiss":
            pe = np.einsum("bk,kl,bl->b", pi, W, pi)
        elif kind == "conger":
            pe = _batch_conger_pe(D, W, unit_w, rater_w)
        else:  # pragma: no cover
            raise ValueError(kind)
        out = (pa - pe) / (1 - pe)
        out[np.isclose(1 - pe, 0.0, atol=1e-12)] = np.nan
        return out


def _batch_conger_pe(D, W, unit_w, rater_w):
    n, r, q = D.shape
    B = unit_w.shape[0]
    C = (unit_w @ D.reshape(n, r * q)).reshape(B, r, q)
    ng = C.sum(axis=2)
    valid = ng > 0
    p = np.where(valid[..., None], C / np.where(valid, ng, 1)[..., None], 0.0)
    mult = np.ones((B, r)) if rater_w is None else rater_w
    mult = mult * valid
    r_eff = mult.sum(axis=1)
    pbar = np.einsum("bg,bgk->bk", mult, p) / r_eff[:, None]
    pp = np.einsum("bg,bgk,bgl->bkl", mult, p, p)
    outer = pbar[:, :, None] * pbar[:, None, :]
    s2 = (pp - r_eff[:, None, None] * outer) / (r_eff - 1)[:, None, None]
    pe = np.einsum("kl,bkl->b", W, outer - s2 / r_eff[:, None, None])
    pe[r_eff < 2] = np.nan
    return pe


def _batch_alpha(Xb, r, unit_w, level, values, delta2):
    paired = unit_w * (r >= 2)
    wgt = np.where(r >= 2, paired / np.where(r >= 2, r - 1, 1), 0.0)  # (B, n)
    if Xb.ndim == 2:
        Y = wgt[:, :, None] * Xb[None, :, :]
        o = np.matmul(Y.transpose(0, 2, 1), Xb)
    else:
        Y = wgt[:, :, None] * Xb
        o = np.matmul(Y.transpose(0, 2, 1), Xb)
    diag = Y.sum(axis=1)
    q = diag.shape[1]
    o[:, np.arange(q), np.arange(q)] -= diag
    n_c = o.sum(axis=2)
    n_tot = n_c.sum(axis=1)
    if delta2 is None:
        d2 = krippendorff_delta2(level, values, n_c)  # ordinal: (B, q, q)
    else:
        d2 = delta2
    if d2.ndim == 2:
        d_e = np.einsum("bk,kl,bl->b", n_c, d2, n_c)
        d_o = np.einsum("bkl,kl->b", o, d2)
    else:
        d_e = np.einsum("bk,bkl,bl->b", n_c, d2, n_c)
        d_o = np.einsum("bkl,bkl->b", o, d2)
    out = 1 - (n_tot - 1) * d_o / d_e
    out[~(d_e > 0)] = np.nan
    return out
