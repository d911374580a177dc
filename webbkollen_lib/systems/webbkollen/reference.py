"""The report's published figures as data, and a check of any registrations against them.

``data/published_figures.csv`` (beside this module) transcribes every figure of the
Webbkollen report (SKL 2018) that the synthetic registrations reproduce:
Tables 1-5, 5b ("Tabell 5. Skolsituationen …") and 7, and the figures the text
of §3.3 and §4.2 gives (Exempel 1-4, Figures 6-8). One row per figure:

``id``
    Short unique name.
``source``, ``section``, ``row``, ``column``
    Where the figure stands in the report (table or passage, its row and
    column headings as printed).
``unit``
    ``count``, ``percent``, ``mean`` or ``percentage points``.
``published``
    The value as printed.
``tolerance``, ``check``
    How close a reproduction must be: ``abs`` means ``|reproduced -
    published| <= tolerance``; ``above`` means ``reproduced > published``
    (and at most ``tolerance`` above, if one is given), for "more than half",
    "drygt var fjärde" and statements of direction; ``at_least`` means
    ``reproduced >= published``. Counts: tolerance 0. Percentages: 1.5 points
    unless a documented inconsistency of the report forces more.
``statistic``, ``population``, ``condition``
    How the figure is computed from registrations, as pandas expressions over
    the analysis columns of :func:`analysis_frame` (see below):
    ``count`` = rows in population with condition; ``percent`` = 100 ×
    that / rows in population; ``mean`` = mean of the condition expression in
    the population; ``percent_diff`` = percent in the first population (``;``
    separated) minus percent in the second; ``percent_range`` = largest minus
    smallest percent over the populations; ``max_abs_percent_diff`` = largest
    absolute difference between two populations over several conditions;
    ``distinct`` = number of municipalities; ``min_per_municipality`` = fewest
    rows of any municipality.
``note``
    Our reading, where the report leaves room for one (data/README.md
    lists the inconsistencies found and which figure the generator honours).

Examples
--------
>>> from webbkollen_lib import load_cases
>>> from webbkollen_lib.systems.webbkollen.reference import compare_with_published
>>> table = compare_with_published(load_cases())
>>> bool(table["ok"].all())
True
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import MissingColumnError
from webbkollen_lib.systems.webbkollen.derived import any_exposure, care_form, exposure_count, sex_origin

__all__ = ["REFERENCE_FILE", "load_published_figures", "select_figures", "analysis_frame", "compare_with_published"]

REFERENCE_FILE = Path(str(resources.files(__package__) / "data" / "published_figures.csv"))

CHECKS = ("abs", "above", "at_least")
STATISTICS = ("count", "percent", "mean", "percent_diff", "percent_range", "max_abs_percent_diff", "distinct",
              "min_per_municipality")
_COLUMNS = ["id", "source", "section", "row", "column", "unit", "published", "tolerance", "check", "statistic",
            "population", "condition", "note"]


def load_published_figures(path=None) -> pd.DataFrame:
    """The published figures, one row per figure (see the module docstring for the columns)."""
    path = Path(path) if path is not None else REFERENCE_FILE
    frame = pd.read_csv(path, encoding="utf-8", dtype={"section": str}, keep_default_na=False,
                        na_values={"tolerance": [""], "published": [""]})
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {_COLUMNS}")
    problems = []
    if not frame["id"].is_unique:
        problems.append(f"duplicate ids {sorted(frame.loc[frame['id'].duplicated(), 'id'])}")
    for column, allowed in (("check", CHECKS), ("statistic", STATISTICS)):
        bad = frame.loc[~frame[column].isin(allowed), ["id", column]]
        for _, row in bad.iterrows():
            problems.append(f"{row['id']}: {column} {row[column]!r} not one of {allowed}")
    bad = frame.loc[(frame["check"] == "abs") & frame["tolerance"].isna(), "id"]
    problems += [f"{i}: check 'abs' needs a tolerance" for i in bad]
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return frame


def analysis_frame(cases: pd.DataFrame) -> pd.DataFrame:
    """Registrations with the derived columns the published figures are computed on.

    Categorical columns become plain strings (NA stays NA) and yes/no columns
    plain booleans with NA as False, so that expressions such as
    ``(grupp == 'sverige_flicka') & samtal_kand`` select exactly the rows a
    table counts. Added columns:

    ``antal_utsatthet`` number of identified exposures (hem_/vh_/barn_
    options, "none" answers excluded); ``utsatthet_band`` Table 2's
    ``0_2``/``3_5``/``6_plus``; ``hem_nagon``, ``vh_nagon``, ``barn_nagon``
    any exposure in the block; ``grupp`` sex × origin (Tables 5, 7, Figure 7);
    ``ursprung_saknas``; ``risk_beslut_kand``, ``risk_avslut_kand`` risk
    known; ``risk_lagre``, ``risk_samma`` risk lower / the same at closure
    than at decision; ``samtal_kand`` an answer on talks with the child;
    ``samtal_avslut_nagot`` a talk at closure, alone or with the guardian;
    ``insatsform`` open care or care outside the home.
    """
    out = pd.DataFrame(index=cases.index)
    for column in cases.columns:
        s = cases[column]
        if isinstance(s.dtype, pd.BooleanDtype) or s.dtype == bool:
            out[column] = s.fillna(False).astype(bool)
        elif isinstance(s.dtype, pd.CategoricalDtype):
            out[column] = s.astype("object")
        else:
            out[column] = s
    exposure_cols = [c for c in cases.columns if c.startswith(("hem_", "vh_", "barn_"))]
    if exposure_cols:
        count = exposure_count(cases)
        out["antal_utsatthet"] = count.astype("float")
        out["utsatthet_band"] = pd.cut(count.astype("float"), [-0.5, 2.5, 5.5, np.inf], labels=["0_2", "3_5", "6_plus"]).astype("object")
        for block in ("hem", "vh", "barn"):
            if any(c.startswith(block + "_") for c in exposure_cols):
                out[f"{block}_nagon"] = any_exposure(cases, block).fillna(False).astype(bool)
    if {"kon", "ursprung"} <= set(cases.columns):
        out["grupp"] = sex_origin(cases).astype("object")
    if "ursprung" in cases.columns:
        out["ursprung_saknas"] = cases["ursprung"].isna()
    for occasion in ("beslut", "avslut"):
        if f"risk_{occasion}" in cases.columns:
            out[f"risk_{occasion}_kand"] = cases[f"risk_{occasion}"].notna()
    if {"risk_beslut", "risk_avslut"} <= set(cases.columns):
        before = cases["risk_beslut"].cat.codes
        after = cases["risk_avslut"].cat.codes
        both = (before >= 0) & (after >= 0)
        out["risk_lagre"] = both & (after < before)
        out["risk_samma"] = both & (after == before)
    if "samtal_enskilt_beslut" in cases.columns:
        out["samtal_kand"] = cases["samtal_enskilt_beslut"].notna()
    talks = [c for c in ("samtal_enskilt_avslut", "samtal_vh_avslut") if c in cases.columns]
    if talks:
        out["samtal_avslut_nagot"] = cases[talks].fillna(False).astype(bool).any(axis=1)
    if "insats" in cases.columns:
        out["insatsform"] = care_form(cases).astype("object")
    return out


class UnknownColumn(MissingColumnError):
    """An expression names a column the registrations do not have."""


_COMPARE = {
    ast.Eq: np.equal, ast.NotEq: np.not_equal, ast.Lt: np.less, ast.LtE: np.less_equal,
    ast.Gt: np.greater, ast.GtE: np.greater_equal,
}


def _evaluate(frame: pd.DataFrame, expression: str, cache: dict | None = None):
    """Value of a small expression over the columns of ``frame`` (numpy arrays; NA compares False).

    The grammar is deliberately small: column names, numbers, strings, lists
    of them, ``== != < <= > >=``, ``in``, ``&``, ``|``, ``~``, ``and``, ``or``,
    ``not`` and parentheses. Anything else is an error, so a reference file
    cannot run code.
    """
    cache = {} if cache is None else cache
    key = expression.strip()
    if key not in cache:
        cache[key] = _node(frame, ast.parse(key, mode="eval").body, expression)
    return cache[key]


def _node(frame, node, expression):
    if isinstance(node, ast.Name):
        if node.id in ("True", "False"):
            return node.id == "True"
        if node.id not in frame.columns:
            raise UnknownColumn(f"the data has no column {node.id!r} (needed by {expression!r})")
        values = frame[node.id]
        return values.to_numpy(dtype=float) if values.dtype.kind in "iuf" else values.to_numpy(dtype=object)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List):
        return [_node(frame, e, expression) for e in node.elts]
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right = _node(frame, node.left, expression), _node(frame, node.comparators[0], expression)
        op = node.ops[0]
        if isinstance(op, (ast.In, ast.NotIn)):
            result = pd.Series(left).isin(right).to_numpy()
            return ~result if isinstance(op, ast.NotIn) else result
        with np.errstate(invalid="ignore"):
            result = _COMPARE[type(op)](left, right)
        return _as_bool(result)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
        left, right = _truth(frame, node.left, expression), _truth(frame, node.right, expression)
        return left & right if isinstance(node.op, ast.BitAnd) else left | right
    if isinstance(node, ast.BoolOp):
        parts = [_truth(frame, v, expression) for v in node.values]
        out = parts[0]
        for part in parts[1:]:
            out = out & part if isinstance(node.op, ast.And) else out | part
        return out
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Invert, ast.Not)):
        return ~_truth(frame, node.operand, expression)
    raise ValueError(f"unsupported expression {expression!r} (at {ast.dump(node)[:60]})")


def _as_bool(value) -> np.ndarray:
    """True where the value is true; NA, None and NaN count as False."""
    arr = np.asarray(value)
    if arr.dtype == bool:
        return arr
    if arr.dtype.kind in "iuf":
        return np.nan_to_num(arr.astype(float), nan=0.0) != 0
    return np.fromiter((v is True or (isinstance(v, np.bool_) and bool(v)) for v in arr.ravel()), dtype=bool, count=arr.size)


def _truth(frame, node, expression) -> np.ndarray:
    value = _node(frame, node, expression)
    if np.ndim(value) == 0:
        return np.full(len(frame), bool(value))
    return _as_bool(value)


def _mask(frame: pd.DataFrame, expression: str, cache: dict | None = None) -> np.ndarray:
    value = _evaluate(frame, expression, cache)
    if np.ndim(value) == 0:
        return np.full(len(frame), bool(value))
    return _as_bool(value)


def _percent(frame, population, condition, cache=None) -> float:
    pop = _mask(frame, population, cache)
    if not pop.any():
        return np.nan
    return 100.0 * (pop & _mask(frame, condition, cache)).sum() / pop.sum()


def _parts(text: str) -> list[str]:
    return [p.strip() for p in str(text).split(";")]


def _reproduce(frame: pd.DataFrame, figure, cache: dict | None = None) -> float:
    stat, population, condition = figure["statistic"], figure["population"], figure["condition"]
    if stat == "count":
        return float((_mask(frame, population, cache) & _mask(frame, condition, cache)).sum())
    if stat == "percent":
        return _percent(frame, population, condition, cache)
    if stat == "mean":
        pop = _mask(frame, population, cache)
        values = np.broadcast_to(np.asarray(_evaluate(frame, condition, cache), dtype=float), (len(frame),))
        return float(np.nanmean(values[pop])) if pop.any() else np.nan
    if stat == "percent_diff":
        pops, conds = _parts(population), _parts(condition)
        conds = conds * 2 if len(conds) == 1 else conds
        return _percent(frame, pops[0], conds[0], cache) - _percent(frame, pops[1], conds[1], cache)
    if stat == "percent_range":
        values = [_percent(frame, p, condition, cache) for p in _parts(population)]
        return max(values) - min(values)
    if stat == "max_abs_percent_diff":
        pops = _parts(population)
        return max(abs(_percent(frame, pops[0], c, cache) - _percent(frame, pops[1], c, cache)) for c in _parts(condition))
    rows = _mask(frame, population, cache) & _mask(frame, condition, cache)
    if stat == "distinct":
        return float(frame.loc[rows, "kommun"].nunique())
    if stat == "min_per_municipality":
        return float(frame.loc[rows, "kommun"].value_counts().min())
    raise ValueError(f"{figure['id']}: unknown statistic {stat!r}")


def _within(difference: float, tolerance: float, check: str) -> bool:
    if not np.isfinite(difference):
        return False
    if check == "abs":
        return abs(difference) <= tolerance + 1e-9
    if check == "above":
        return difference > 0 and (not np.isfinite(tolerance) or difference <= tolerance + 1e-9)
    if check == "at_least":
        return difference >= -1e-9
    raise ValueError(f"unknown check {check!r}")


def compare_with_published(cases: pd.DataFrame, published: pd.DataFrame | None = None, *, year: int | None = 2017) -> pd.DataFrame:
    """Compare registrations with every figure the report publishes.

    Parameters
    ----------
    cases
        Registrations in the data-contract form (e.g. :func:`webbkollen_lib.load_cases`
        or :func:`webbkollen_lib.generate_cases`). Only closures
        (``tillfalle == "avslut"``) of ``year`` are used, as in the report.
    published
        The figures (default :func:`load_published_figures`).
    year
        Registration year to keep (None keeps every year).

    Returns
    -------
    DataFrame
        One row per figure: ``id``, ``source``, ``section``, ``row``,
        ``column``, ``unit``, ``published``, ``reproduced``, ``difference``
        (reproduced - published), ``tolerance``, ``check``, ``ok`` and
        ``note``. A figure whose computation needs a column the data lacks has
        ``reproduced`` NA, ``ok`` False and says which column in ``note``.
    """
    published = load_published_figures() if published is None else published
    data = cases
    if "tillfalle" in data.columns:
        data = data[data["tillfalle"] == "avslut"]
    if year is not None and "ar" in data.columns:
        data = data[data["ar"] == year]
    frame = analysis_frame(data)
    cache: dict = {}
    rows = []
    for _, figure in published.iterrows():
        note = figure["note"]
        try:
            value = _reproduce(frame, figure, cache)
        except UnknownColumn as exc:
            value = np.nan
            note = f"cannot be computed: {exc.args[0]}" + (f"; {note}" if note else "")
        difference = value - float(figure["published"])
        tolerance = float(figure["tolerance"]) if pd.notna(figure["tolerance"]) else np.nan
        rows.append(
            {
                "id": figure["id"],
                "source": figure["source"],
                "section": figure["section"],
                "row": figure["row"],
                "column": figure["column"],
                "unit": figure["unit"],
                "published": float(figure["published"]),
                "reproduced": value,
                "difference": difference,
                "tolerance": tolerance,
                "check": figure["check"],
                "ok": _within(difference, tolerance, figure["check"]),
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def select_figures(*, sources=None, ids=None, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The published figures of some tables or passages, in the order of the reference file.

    Parameters
    ----------
    sources : str or list of str, optional
        Values of the ``source`` column, exactly as written there
        (``"Tabell 3"``, ``"Figur 7 (text, Exempel 1)"``).
    ids : str or list of str, optional
        Figure ids; an id ending in ``*`` selects every id starting with what
        comes before it (``"s42_avslut_*"``).
    published : DataFrame, optional
        The figures (default :func:`webbkollen_lib.systems.webbkollen.reference.load_published_figures`).

    Returns
    -------
    DataFrame
        The rows matching any source or id (every row when neither is given).

    Raises
    ------
    ValueError
        A source or id that matches nothing (the message lists the sources).
    """
    if published is None:
        published = load_published_figures()
    sources, ids = _as_list(sources), _as_list(ids)
    if not sources and not ids:
        return published.copy()
    keep = np.zeros(len(published), dtype=bool)
    unknown = []
    for source in sources:
        hit = (published["source"] == source).to_numpy()
        if not hit.any():
            unknown.append(f"source {source!r}")
        keep |= hit
    for id_ in ids:
        if id_.endswith("*"):
            hit = published["id"].str.startswith(id_[:-1]).to_numpy()
        else:
            hit = (published["id"] == id_).to_numpy()
        if not hit.any():
            unknown.append(f"id {id_!r}")
        keep |= hit
    if unknown:
        known = list(dict.fromkeys(published["source"]))
        raise ValueError(
            f"no published figure has {', '.join(unknown)}; the sources are: {'; '.join(known)}"
        )
    return published.loc[keep].copy()
