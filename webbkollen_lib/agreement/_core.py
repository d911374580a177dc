"""Numerical core of :mod:`webbkollen_lib.agreement.coefficients` (private).

Everything here works on an *encoded* ratings table: integer category codes
(units x raters, -1 = missing) and the count matrix ``X`` (units x categories,
``X[i, k]`` = number of raters who put unit *i* in category *k*). The public
functions in :mod:`webbkollen_lib.agreement.coefficients` parse user input, call these
helpers and wrap the numbers in result objects.

The Gwet-family estimators and their variances transcribe the formulas of
R's irrCAC (Gwet 2014, *Handbook of Inter-Rater Reliability*, 4th ed.;
irrCAC ``R/agree.coeff3.raw.r``) in vectorised numpy; Krippendorff's alpha
follows Krippendorff (2011), *Computing Krippendorff's alpha-reliability*.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd
from scipy import special, stats

# Answers that mean "not known". They are missing ratings, never a category
# (the Webbkollen form's "inte känt" is stored as NA by the data contract, but
# raw exports and hand-made tables may still carry the label).
MISSING_CODES = frozenset(
    {"inte_kant", "inte känt", "inte kant", "okant", "okänt", "unknown", "not known", "vet ej", "vet_ej"}
)

WEIGHT_NAMES = ("identity", "linear", "quadratic", "ordinal", "radical", "ratio", "circular", "bipolar")
LEVELS = ("nominal", "ordinal", "interval", "ratio")
ALTERNATIVES = ("two-sided", "greater", "less")


# ---------------------------------------------------------------------------
# Input encoding
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class EncodedTable:
    """A ratings table reduced to integer codes.

    Units without any rating and raters without any rating are dropped
    (they carry no information and make irrCAC's formulas divide by zero).
    """

    codes: np.ndarray  # (n, r) int64, -1 = missing
    categories: tuple
    values: np.ndarray  # (q,) float: the category values if numeric, else 1..q
    numeric: bool
    unit_labels: np.ndarray
    rater_labels: np.ndarray
    n_units_dropped: int
    n_raters_dropped: int

    @property
    def n_units(self) -> int:
        return self.codes.shape[0]

    @property
    def n_raters(self) -> int:
        return self.codes.shape[1]

    @property
    def q(self) -> int:
        return len(self.categories)

    def counts(self) -> np.ndarray:
        """Units x categories count matrix (float)."""
        return counts_from_codes(self.codes, self.q)

    def onehot(self) -> np.ndarray:
        """Units x raters x categories indicator array (float)."""
        n, r = self.codes.shape
        out = np.zeros((n, r, self.q))
        i, g = np.nonzero(self.codes >= 0)
        out[i, g, self.codes[i, g]] = 1.0
        return out


def counts_from_codes(codes: np.ndarray, q: int) -> np.ndarray:
    n = codes.shape[0]
    cells = (np.arange(n)[:, None] * q + codes)[codes >= 0]
    return np.bincount(cells, minlength=n * q).reshape(n, q).astype(float)


def _is_number(v) -> bool:
    return isinstance(v, (Real, np.number)) and not isinstance(v, str)


def _missing_code_mask(flat: np.ndarray) -> np.ndarray:
    s = pd.Series(flat, dtype=object)
    is_str = s.map(lambda v: isinstance(v, str)).to_numpy(bool)
    out = np.zeros(len(flat), bool)
    if is_str.any():
        out[is_str] = s[is_str].str.strip().str.lower().isin(MISSING_CODES).to_numpy()
    return out


def _check_categories(categories, *, source: str) -> list:
    cats = list(categories)
    if len(cats) == 0:
        raise ValueError(f"{source}: the category list is empty")
    if pd.isna(pd.Series(cats, dtype=object)).any():
        raise ValueError(f"{source}: categories may not contain a missing value (NaN/None)")
    if len(set(cats)) != len(cats):
        dup = sorted({str(c) for c in cats if cats.count(c) > 1})
        raise ValueError(f"{source}: duplicated categories {dup}")
    unknown = [c for c in cats if isinstance(c, str) and c.strip().lower() in MISSING_CODES]
    if unknown:
        raise ValueError(
            f"{source}: {unknown[0]!r} means 'not known' and is treated as a missing rating, "
            "never as a category; remove it from categories="
        )
    return cats


def _sorted_categories(uniq: list) -> list:
    if all(_is_number(v) for v in uniq):
        return sorted(uniq)
    if all(isinstance(v, str) for v in uniq):
        return sorted(uniq)
    kinds = sorted({type(v).__name__ for v in uniq})
    raise ValueError(
        f"ratings mix value types ({', '.join(kinds)}); pass categories= (or use an ordered "
        "Categorical) so the category list is explicit"
    )


def encode_table(data, categories=None, *, what: str = "data") -> EncodedTable:
    """Turn a units x raters DataFrame or 2-D array into an EncodedTable.

    Category order: ``categories=`` if given; else the (shared) categories of
    Categorical columns; else the sorted distinct values. Numeric categories
    are always put in increasing order and their values are used by
    distance-based weights (as irrCAC does); other categories get the values
    1..q in their order.
    """
    from_dtype = False
    if isinstance(data, pd.Series):
        raise ValueError(f"{what}: expected a units x raters table (2-D), got a Series; "
                         "use .to_frame() for a single rater or from_long() for long data")
    if isinstance(data, pd.DataFrame):
        unit_labels = data.index.to_numpy()
        rater_labels = data.columns.to_numpy()
        dtypes = list(data.dtypes)
        if categories is None and dtypes and all(isinstance(d, pd.CategoricalDtype) for d in dtypes):
            first = list(dtypes[0].categories)
            for col, d in zip(data.columns, dtypes):
                if list(d.categories) != first:
                    raise ValueError(
                        f"{what}: column {col!r} has categories {list(d.categories)} but column "
                        f"{data.columns[0]!r} has {first}; pass categories= to say which list to use"
                    )
            categories = [c for c in first
                          if not (isinstance(c, str) and c.strip().lower() in MISSING_CODES)]
            from_dtype = True
        if all(isinstance(d, np.dtype) and d.kind in "fiu" for d in dtypes):
            values = data.to_numpy(dtype=float)
        else:
            values = data.to_numpy(dtype=object)
    else:
        values = np.asarray(data)
        if values.ndim != 2:
            raise ValueError(f"{what}: expected a units x raters table (2-D), got {values.ndim}-D input")
        unit_labels = np.arange(values.shape[0])
        rater_labels = np.arange(values.shape[1])
        if values.dtype.kind == "b":
            values = values.astype(object)

    n, r = values.shape
    if n == 0 or r == 0:
        raise ValueError(f"{what}: the table is empty ({n} units x {r} raters)")
    if categories is not None and not from_dtype:
        categories = _check_categories(categories, source=what)

    flat = values.ravel()
    fast = None
    if flat.dtype.kind in "fiu":
        flat = flat.astype(float)
        fast = _small_integer_codes(flat, categories)
    if fast is not None:
        return _finish_encoding(fast[0].reshape(n, r), fast[1], unit_labels, rater_labels, what)
    if flat.dtype.kind not in "f":
        flat = flat.astype(object)
        missing = _missing_code_mask(flat)
        if flat.dtype.kind == "O":
            missing |= pd.isna(flat)
        if missing.any():
            flat = flat.copy()
            flat[missing] = None
    # one hash pass: cell -> index of its distinct value (-1 = missing)
    cell_codes, distinct = pd.factorize(flat)
    distinct = list(distinct)

    if categories is None:
        if not distinct:
            raise ValueError(f"{what}: there are no ratings (every cell is missing)")
        try:
            cats = _sorted_categories(distinct)
        except ValueError as exc:
            raise ValueError(f"{what}: {exc}") from None
    else:
        cats = list(categories)
    numeric = all(_is_number(c) for c in cats)
    if numeric:
        cats = sorted(cats)

    lookup = pd.Index(cats, dtype=None if numeric else object).get_indexer(
        pd.Index(distinct, dtype=object) if not numeric else distinct) if distinct else np.array([], int)
    if (lookup < 0).any():
        bad = np.flatnonzero(np.isin(cell_codes, np.flatnonzero(lookup < 0)))
        shown = []
        for b in bad[:5]:
            i, g = divmod(int(b), r)
            shown.append(f"unit {unit_labels[i]!r}, rater {rater_labels[g]!r}: value {flat[b]!r}")
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        raise ValueError(
            f"{what}: {len(bad)} rating(s) are not among the categories: " + "; ".join(shown) + more
            + f"; allowed: {cats}. Missing ratings must be NaN/None (or 'inte känt')."
        )
    lookup = np.append(np.asarray(lookup, dtype=np.int64), -1)  # index -1 -> missing
    codes = lookup[cell_codes].reshape(n, r)
    return _finish_encoding(codes, cats, unit_labels, rater_labels, what)


def _small_integer_codes(flat: np.ndarray, categories):
    """Codes of whole-number ratings in a small range without hashing, or None (then the general path).

    The common case (ratings 1..q as floats, NaN missing) needs no
    ``pd.factorize``: the offset from the smallest value is the index of a
    lookup table. Anything else (fractions, a wide range, labels, a value
    outside ``categories``) returns None and goes the general way, which also
    writes the error messages.
    """
    lo, hi = np.fmin.reduce(flat), np.fmax.reduce(flat)  # NaN ignored; NaN only if all missing
    if not np.isfinite(lo) or not np.isfinite(hi) or hi - lo > 1000:
        return None
    span = int(hi - lo)
    offset = flat - lo
    missing = np.isnan(offset)
    offset = np.where(missing, span + 1, offset)  # the slot after the range means "missing"
    if not np.array_equal(offset, np.floor(offset)):
        return None
    offset = offset.astype(np.int64)
    present = np.bincount(offset, minlength=span + 2)[: span + 1] > 0
    used = lo + np.flatnonzero(present).astype(float)
    if categories is None:
        cats = list(used)
    else:
        if not all(_is_number(c) for c in categories):
            return None
        cats = sorted(categories)
        if not np.isin(used, np.asarray(cats, dtype=float)).all():
            return None  # a value outside the categories: the general path names it
    cat_vals = np.asarray(cats, dtype=float)
    in_range = (cat_vals >= lo) & (cat_vals <= hi)
    if not np.array_equal(cat_vals[in_range], np.floor(cat_vals[in_range])):
        return None
    table = np.full(span + 2, -1, dtype=np.int64)
    table[(cat_vals[in_range] - lo).astype(np.int64)] = np.flatnonzero(in_range)
    return table[offset], cats


def _finish_encoding(codes, cats, unit_labels, rater_labels, what) -> EncodedTable:
    """Drop units and raters without ratings and wrap the codes (the last step of :func:`encode_table`)."""
    numeric = all(_is_number(c) for c in cats)
    if numeric:
        cats = sorted(cats)
    rated = codes >= 0
    keep_u = rated.any(axis=1)
    keep_r = rated.any(axis=0)
    if not keep_u.any():
        raise ValueError(f"{what}: there are no ratings (every cell is missing)")
    if not (keep_u.all() and keep_r.all()):
        codes = codes[keep_u][:, keep_r]
    if numeric:
        vals = np.asarray(cats, dtype=float)
    else:
        vals = np.arange(1, len(cats) + 1, dtype=float)
    return EncodedTable(
        codes=codes,
        categories=tuple(cats),
        values=vals,
        numeric=numeric,
        unit_labels=np.asarray(unit_labels)[keep_u],
        rater_labels=np.asarray(rater_labels)[keep_r],
        n_units_dropped=int((~keep_u).sum()),
        n_raters_dropped=int((~keep_r).sum()),
    )


# ---------------------------------------------------------------------------
# Weights (irrCAC definitions) and Krippendorff distances
# ---------------------------------------------------------------------------


def weight_matrix(weights, values: np.ndarray) -> tuple[np.ndarray, str]:
    """irrCAC weight matrix for category values ``values`` (q,).

    Returns ``(W, name)``. Definitions as irrCAC's ``R/weights.gen.r``:
    numeric categories use their values, labels use 1..q; "ordinal" always
    uses the ranks 1..q.
    """
    q = len(values)
    if not isinstance(weights, str):
        w = np.asarray(weights, dtype=float)
        if w.shape != (q, q):
            raise ValueError(f"weights: a custom weight matrix must be {q} x {q} (one row and column "
                             f"per category), got shape {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any() or (w > 1).any():
            raise ValueError("weights: custom weights must be finite numbers between 0 and 1")
        if not np.allclose(np.diag(w), 1.0):
            raise ValueError("weights: custom weights must be 1 on the diagonal (full credit for "
                             "identical ratings)")
        if not np.allclose(w, w.T):
            raise ValueError("weights: a custom weight matrix must be symmetric (w[k, l] == w[l, k]). The "
                             "formulas count each pair of raters both ways, so an asymmetric matrix would "
                             "silently act as its average (W + W.T) / 2; pass that symmetric matrix if it "
                             "is what you mean")
        return w, "custom"
    name = weights.lower()
    if name not in WEIGHT_NAMES:
        raise ValueError(f"weights: unknown weights {weights!r}; allowed: {', '.join(WEIGHT_NAMES)} "
                         "or a square matrix")
    if q == 1 or name == "identity":
        return np.eye(q), name
    v = np.asarray(values, dtype=float)
    a, b = v[:, None], v[None, :]
    lo, hi = v.min(), v.max()
    if name == "linear":
        w = 1 - np.abs(a - b) / abs(hi - lo)
    elif name == "quadratic":
        w = 1 - (a - b) ** 2 / (hi - lo) ** 2
    elif name == "radical":
        w = 1 - np.sqrt(np.abs(a - b)) / np.sqrt(abs(hi - lo))
    elif name == "ratio":
        if (v <= 0).any():
            raise ValueError("weights='ratio' needs positive category values (the ratio (k-l)/(k+l) "
                             f"is undefined at 0); categories have values {v.tolist()}")
        w = 1 - ((a - b) / (a + b)) ** 2 / ((hi - lo) / (hi + lo)) ** 2
    elif name == "circular":
        d = np.sin(np.pi * (a - b) / (hi - lo + 1)) ** 2
        w = 1 - d / d.max()
    elif name == "bipolar":
        with np.errstate(divide="ignore", invalid="ignore"):
            d = (a - b) ** 2 / ((a + b - 2 * lo) * (2 * hi - a - b))
        d[np.eye(q, dtype=bool)] = 0.0
        w = 1 - d / d.max()
    else:  # ordinal: ranks, not values
        k = np.arange(q)
        nkl = np.abs(k[:, None] - k[None, :]) + 1
        d = nkl * (nkl - 1) / 2
        w = 1 - d / d.max()
    return w, name


def krippendorff_delta2(level: str, values: np.ndarray, n_c: np.ndarray | None = None) -> np.ndarray:
    """Krippendorff's squared difference function delta^2_ck (q x q).

    ``n_c`` (the pairable-value frequencies, shape (..., q)) is needed for the
    ordinal metric, which is rank based: delta^2_ck =
    (sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2. Batched ``n_c`` gives (..., q, q).
    """
    q = len(values)
    if level == "nominal":
        return 1.0 - np.eye(q)
    v = np.asarray(values, dtype=float)
    if level == "interval":
        return (v[:, None] - v[None, :]) ** 2
    if level == "ratio":
        s = v[:, None] + v[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(s != 0, (v[:, None] - v[None, :]) / np.where(s != 0, s, 1), 0.0)
        return d**2
    if level == "ordinal":
        n_c = np.asarray(n_c, dtype=float)
        cum = np.cumsum(n_c, axis=-1)
        k = np.arange(q)
        lo = np.minimum(k[:, None], k[None, :])
        hi = np.maximum(k[:, None], k[None, :])
        between = cum[..., hi] - cum[..., lo] + n_c[..., lo]
        return (between - (n_c[..., :, None] + n_c[..., None, :]) / 2) ** 2
    raise ValueError(f"level: unknown level {level!r}; allowed: {', '.join(LEVELS)}")


# ---------------------------------------------------------------------------
# Point estimates with Gwet's linearisation variance (irrCAC)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    value: float
    se: float
    df: int
    pa: float
    pe: float
    n_units: int
    n_units_paired: int
    note: str = ""


def _unit_agreement(X: np.ndarray, W: np.ndarray):
    """Per-unit totals r_i, pairwise weighted agreement pa_i (0 where r_i < 2)."""
    r = X.sum(axis=-1)
    sum_q = (X * (X @ W.T - 1.0)).sum(axis=-1)
    den = r * (r - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        pa_i = np.where(den > 0, sum_q / np.where(den > 0, den, 1), 0.0)
    return r, pa_i


def _variance(x_i: np.ndarray, centre: float, n: int, population_size) -> float:
    if n < 2 or not np.isfinite(centre):
        return np.nan
    f = 0.0 if population_size is None else n / population_size
    return (1 - f) / (n * (n - 1)) * float(np.sum((x_i - centre) ** 2))


_UNDEFINED = ("chance agreement is 1 (all ratings fall in categories that the weights treat as one), "
              "so the coefficient is undefined")


def gwet_family(kind: str, X: np.ndarray, W: np.ndarray, *, onehot=None, population_size=None) -> Estimate:
    """Percent agreement, Fleiss, Conger, AC1/AC2 and Brennan-Prediger.

    Notation as Gwet (2014) and irrCAC: r_i raters rated unit i, n units
    have at least one rating, n2 of them at least two. pa is averaged over
    the n2 units; the category shares pi_k over all n units.
    """
    n, q = X.shape
    r, pa_i = _unit_agreement(X, W)
    paired = r >= 2
    n2 = int(paired.sum())
    if n2 == 0:
        raise ValueError("no unit was rated by two or more raters, so agreement is undefined "
                         "(a single rater, or every unit rated once)")
    pa = float(pa_i[paired].mean())
    pi = (X / r[:, None]).mean(axis=0)
    sum_w = W.sum()
    scale = n / n2

    if kind == "percent":
        x_i = scale * pa_i
        se = np.sqrt(_variance(x_i, pa, n, population_size))
        return Estimate(pa, se, n - 1, pa, 0.0, n, n2)

    if kind == "bp":
        pe = sum_w / q**2 if q >= 2 else 0.0
    elif kind == "ac1":
        pe = sum_w * float(np.sum(pi * (1 - pi))) / (q * (q - 1)) if q >= 2 else 0.0
    elif kind == "fleiss":
        pe = float(pi @ W @ pi)
    elif kind == "conger":
        pe, lam_i = _conger_pe(onehot, W)
    else:  # pragma: no cover - internal misuse
        raise ValueError(kind)

    if np.isclose(1 - pe, 0.0, atol=1e-12):
        return Estimate(np.nan, np.nan, n - 1, pa, pe, n, n2, note=_UNDEFINED)
    value = (pa - pe) / (1 - pe)
    kap_i = scale * (pa_i - pe * paired) / (1 - pe)
    if kind == "bp":
        x_i = kap_i
    else:
        if kind == "ac1":
            pe_i = (sum_w / (q * (q - 1)) if q >= 2 else 0.0) * (X @ (1 - pi)) / r
        elif kind == "fleiss":
            pe_i = X @ ((W @ pi + W.T @ pi) / 2) / r
        else:
            pe_i = lam_i
        x_i = kap_i - 2 * (1 - value) * (pe_i - pe) / (1 - pe)
    se = np.sqrt(_variance(x_i, value, n, population_size))
    return Estimate(float(value), float(se), n - 1, pa, float(pe), n, n2)


def _conger_pe(D: np.ndarray, W: np.ndarray):
    """Conger's chance agreement and irrCAC's per-unit linearisation term.

    D is the units x raters x categories indicator array. pe = sum_kl w_kl
    (pbar_k pbar_l - s2_kl / r), with p_gk the share of rater g's ratings in
    category k, pbar its mean over raters and s2 the between-rater covariance.
    """
    n, r, q = D.shape
    if r < 2:
        raise ValueError("Conger's kappa needs at least two raters with ratings")
    C = D.sum(axis=0)  # (r, q) rater x category counts
    ng = C.sum(axis=1)  # ratings per rater
    p = C / ng[:, None]
    pbar = p.mean(axis=0)
    s2 = (p.T @ p - r * np.outer(pbar, pbar)) / (r - 1)
    pe = float(np.sum(W * (np.outer(pbar, pbar) - s2 / r)))
    eps = D.sum(axis=2)  # (n, r) rated indicator
    A = D - (eps - ng / n)[:, :, None] * p[None, :, :]
    B = A @ W.T  # (n, r, q): sum_l w_kl A_igl
    factor = (n / ng)[:, None] * (r * pbar[None, :] - p)  # (r, q)
    lam = np.einsum("igk,gk->i", B, factor)
    return pe, lam / (r * (r - 1))


def alpha_estimate(X: np.ndarray, delta2: np.ndarray, *, population_size=None) -> Estimate:
    """Krippendorff's alpha from the coincidence matrix, SE as irrCAC.

    alpha = 1 - (n.. - 1) sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck,
    o_ck = sum_u (X_uc X_uk - [c=k] X_uc) / (m_u - 1) over units with m_u >= 2.
    The variance is Gwet's linearisation as in irrCAC's ``krippen.alpha.raw``
    with weights w_ck = 1 - delta2_ck / max(delta2) (which reproduce alpha
    exactly), degrees of freedom = (units with any rating) - 1.
    """
    n0 = X.shape[0]
    r = X.sum(axis=1)
    keep = r >= 2
    n = int(keep.sum())
    if n == 0:
        raise ValueError("no unit was rated by two or more raters, so agreement is undefined "
                         "(a single rater, or every unit rated once)")
    Xa, ra = X[keep], r[keep]
    Y = Xa / (ra - 1)[:, None]
    o = Y.T @ Xa - np.diag(Y.sum(axis=0))
    n_c = o.sum(axis=0)
    n_tot = n_c.sum()
    dmax = delta2.max() if delta2.size else 0.0
    d_e = float(n_c @ delta2 @ n_c)
    if dmax <= 0 or d_e <= 0:
        return Estimate(np.nan, np.nan, n0 - 1, 1.0, 1.0, n0, n,
                        note="all pairable ratings are in one category (or at zero distance), so the "
                             "expected disagreement is 0 and alpha is undefined")
    value = 1 - (n_tot - 1) * float(np.sum(o * delta2)) / d_e

    W = 1 - delta2 / dmax
    sum_q = (Xa * (Xa @ W.T - 1)).sum(axis=1)
    rbar = ra.mean()
    eps = 1 / ra.sum()
    paprime = float(np.sum(sum_q / (rbar * (ra - 1)))) / n
    pa = (1 - eps) * paprime + eps
    pi = Xa.sum(axis=0) / (rbar * n)
    pe = float(pi @ W @ pi)
    alpha_prime = (paprime - pe) / (1 - pe)
    pa_i = sum_q / (rbar * (ra - 1)) - paprime * (ra - rbar) / rbar
    kap_i = (pa_i - pe) / (1 - pe)
    pi_w = (W @ pi + W.T @ pi) / 2
    pe_i = Xa @ pi_w / rbar - pe * (ra - rbar) / rbar
    x_i = kap_i - 2 * (1 - alpha_prime) * (pe_i - pe) / (1 - pe)
    if n < 2:
        se = np.nan
    else:
        f = 0.0 if population_size is None else n0 / population_size
        se = float(np.sqrt((1 - f) / (n * (n - 1)) * np.sum((x_i - alpha_prime) ** 2)))
    return Estimate(float(value), se, n0 - 1, float(pa), pe, n0, n)


def inference(value: float, se: float, df: int, confidence: float, alternative: str):
    """t(df) confidence interval (upper bound capped at 1, as irrCAC) and p-value."""
    if not np.isfinite(value) or not np.isfinite(se) or df < 1:
        return (np.nan, np.nan), np.nan
    # scipy.special's t functions: the same numbers as scipy.stats.t, without its overhead
    tq = special.stdtrit(df, 1 - (1 - confidence) / 2)
    ci = (float(value - tq * se), float(min(1.0, value + tq * se)))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.float64(value) / np.float64(se)
    if np.isnan(t):
        return ci, np.nan
    if alternative == "two-sided":
        p = 2 * special.stdtr(df, -abs(t))
    elif alternative == "greater":
        p = special.stdtr(df, -t)
    else:
        p = special.stdtr(df, t)
    return ci, float(p)


def benchmark_table(value: float, se: float, intervals, threshold: float) -> pd.DataFrame:
    """Gwet's benchmarking: interval membership probabilities under a normal truncated to [-1, 1]."""
    lows = np.array([iv[0] for iv in intervals], dtype=float)
    highs = np.array([iv[1] for iv in intervals], dtype=float)
    labels = [iv[2] for iv in intervals]
    if not (np.isfinite(value) and np.isfinite(se)):
        prob = np.full(len(lows), np.nan)
    elif se == 0:
        prob = ((lows < value) & (value <= highs)).astype(float)
        if value == lows.min():
            prob[np.argmin(lows)] = 1.0
    else:
        norm = stats.norm.cdf((value + 1) / se) - stats.norm.cdf((value - 1) / se)
        prob = (stats.norm.cdf((value - lows) / se) - stats.norm.cdf((value - highs) / se)) / norm
    cum = np.cumsum(prob)
    reached = np.flatnonzero(cum >= threshold - 1e-12)
    selected = np.zeros(len(lows), bool)
    if reached.size:
        selected[reached[0]] = True
    contains = (lows < value) & (value <= highs)
    if not contains.any() and np.isfinite(value) and value == lows.min():
        contains[np.argmin(lows)] = True
    return pd.DataFrame({"lower": lows, "upper": highs, "label": labels, "probability": prob,
                         "cumulative": cum, "contains_estimate": contains, "selected": selected})


def fleiss_h0_se(X: np.ndarray):
    """Standard errors of Fleiss' kappa under H0 (kappa = 0): (overall, per category (q,)).

    Fleiss, Nee & Landis (1979), as R ``irr::kappam.fleiss``:
    var0 = 2 / ((sum p q)^2 n m (m-1)) * ((sum p q)^2 - sum p q (q - p)) overall
    and 2 / (n m (m-1)) for each category, with p_j the share of all ratings in
    category j. Defined when every unit has the same number m >= 2 of ratings;
    NaN otherwise (irr drops incomplete units instead).
    """
    q = X.shape[1]
    r = X.sum(axis=1)
    nan = (np.nan, np.full(q, np.nan))
    if r.size == 0 or not np.all(r == r[0]) or r[0] < 2:
        return nan
    n, m = X.shape[0], float(r[0])
    p = X.sum(axis=0) / (n * m)
    pq = p * (1 - p)
    s = pq.sum()
    if s <= 0:
        return nan
    var0 = 2 / (s**2 * n * m * (m - 1)) * (s**2 - np.sum(pq * ((1 - p) - p)))
    return float(np.sqrt(var0)), np.full(q, np.sqrt(2 / (n * m * (m - 1))))
