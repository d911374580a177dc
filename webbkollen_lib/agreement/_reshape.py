"""Reshaping helpers and published example tables for :mod:`webbkollen_lib.agreement.coefficients` (private)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from webbkollen_lib.agreement import _core

_FLEISS_1971 = (
    "444444 222555 233335 555555 222444 113333 333355 113334 114444 555555 144444 124444 222333 144444 "
    "224445 333335 111455 111112 224444 133555 555555 244444 224555 114444 144445 222224 111155 224444 "
    "133333 555555"
)


def wide_from_long(df, *, unit, rater, value, categories=None):
    missing_cols = [c for c in (unit, rater, value) if c not in df.columns]
    if missing_cols:
        raise ValueError(f"from_long: column(s) {missing_cols} not in the data; columns are "
                         f"{list(df.columns)}")
    dup = df.duplicated([unit, rater], keep=False)
    if dup.any():
        rows = df.loc[dup, [unit, rater]].head(6)
        shown = "; ".join(f"row {i}: {unit}={u!r}, {rater}={g!r}" for i, (u, g) in rows.iterrows())
        raise ValueError(f"from_long: {int(dup.sum())} rows repeat a ({unit}, {rater}) pair, but each "
                         f"rater may rate a unit once: {shown}")
    if df[unit].isna().any() or df[rater].isna().any():
        bad = df.index[df[unit].isna() | df[rater].isna()][:5].tolist()
        raise ValueError(f"from_long: {unit!r} or {rater!r} is missing in rows {bad}")
    u_codes, u_labels = pd.factorize(df[unit], sort=True)
    g_codes, g_labels = pd.factorize(df[rater], sort=True)
    if isinstance(df[unit].dtype, pd.CategoricalDtype):
        u_labels = pd.CategoricalIndex(u_labels, dtype=df[unit].dtype)
    col = df[value]
    out = np.full((len(u_labels), len(g_labels)), np.nan, dtype=object)
    out[u_codes, g_codes] = col.to_numpy(dtype=object)
    out[pd.isna(out)] = np.nan
    dtype = col.dtype
    if categories is not None:
        cats = _core._check_categories(categories, source="from_long categories")
        dtype = pd.CategoricalDtype(cats, ordered=True)  # the given list is the order
        present = pd.Series(out.ravel()).dropna()
        bad = present[~present.isin(cats)]
        if len(bad):
            raise ValueError(f"from_long: values {sorted(map(str, bad.unique()))[:5]} in column "
                             f"{value!r} are not among the categories {cats}")
    frame = {}
    for j, g in enumerate(g_labels):
        column = out[:, j]
        if isinstance(dtype, pd.CategoricalDtype):
            frame[g] = pd.Categorical(column, dtype=dtype)
        elif dtype == bool or str(dtype) == "boolean":
            frame[g] = pd.array([pd.NA if pd.isna(v) else bool(v) for v in column], dtype="boolean")
        else:
            frame[g] = pd.Series(column).infer_objects().to_numpy()
    wide = pd.DataFrame(frame, index=pd.Index(u_labels, name=unit))
    wide.columns.name = rater
    return wide


def ratings_from_counts(counts):
    if isinstance(counts, pd.DataFrame):
        cats = list(counts.columns)
        index = counts.index
        ordered = isinstance(counts.columns, pd.CategoricalIndex) and counts.columns.ordered
        raw = counts.to_numpy(dtype=object)
    else:
        raw = np.asarray(counts, dtype=object)
        if raw.ndim != 2:
            raise ValueError("counts_to_ratings: expected a units x categories table (2-D)")
        cats = list(range(raw.shape[1]))
        index = pd.RangeIndex(raw.shape[0])
        ordered = True
    arr = np.zeros(raw.shape, dtype=np.int64)
    for (i, k), v in np.ndenumerate(raw):
        ok = v is not None and not (isinstance(v, float) and math.isnan(v))
        try:
            iv = int(v) if ok else None
        except (TypeError, ValueError):
            iv = None
        if iv is None or iv != v or iv < 0:
            raise ValueError(f"counts_to_ratings: row {index[i]!r}, column {cats[k]!r}: value {v!r} "
                             "is not a non-negative whole number of raters")
        arr[i, k] = iv
    totals = arr.sum(axis=1)
    m = int(totals.max()) if len(totals) else 0
    codes = np.full((arr.shape[0], m), -1, dtype=np.int64)
    for i in range(arr.shape[0]):
        row = np.repeat(np.arange(arr.shape[1]), arr[i])
        codes[i, : len(row)] = row
    dtype = pd.CategoricalDtype(cats, ordered=ordered)
    data = {f"rater_{j + 1}": pd.Categorical.from_codes(codes[:, j], dtype=dtype) for j in range(m)}
    return pd.DataFrame(data, index=index)


def example_table(name):
    if name == "fleiss_1971":
        cats = ["depression", "personality_disorder", "schizophrenia", "neurosis", "other"]
        codes = np.array([[int(c) - 1 for c in row] for row in _FLEISS_1971.split()])
        dtype = pd.CategoricalDtype(cats)
        out = pd.DataFrame({f"rater_{j + 1}": pd.Categorical.from_codes(codes[:, j], dtype=dtype)
                            for j in range(6)}, index=pd.RangeIndex(1, 31, name="patient"))
        out.attrs = {"source": "Fleiss, J. L. (1971). Measuring nominal scale agreement among many "
                               "raters. Psychological Bulletin 76(5), 378-382, Table 1.",
                     "reported": {"fleiss_kappa": 0.430}}
        return out
    if name == "krippendorff_2011":
        rows = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
                "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
                "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
                "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
        out = pd.DataFrame(rows, dtype=float, index=pd.RangeIndex(1, 13, name="unit"))
        out.columns.name = "observer"
        out.attrs = {"source": "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability, "
                               "section C (4 observers, 12 units, missing values).",
                     "reported": {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}}
        return out
    if name == "krippendorff_2011_binary":
        out = pd.DataFrame({"Mary": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], "Dave": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]},
                           index=pd.RangeIndex(1, 11, name="unit"))
        out.attrs = {"source": "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability, "
                               "section A (binary data, two observers).",
                     "reported": {"nominal": 0.095}}
        return out
    raise ValueError(f"published_example: unknown example {name!r}; available: fleiss_1971, "
                     "krippendorff_2011, krippendorff_2011_binary")
