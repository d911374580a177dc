"""The 2012 survey's published figures as data, and a check of any answers against them.

``data/published_figures.csv`` (beside this module) transcribes every figure the
report publishes about its answers: the response table (24 regions × number of
municipalities, answering, response rate, and the total), question 3's table
(percent and count of 14 items), question 10's mean ranks, and every percentage
the text and the summary give for questions 1, 2 and 4–9. One row per figure:

``id``
    Short unique name.
``source``, ``fraga``
    Where the figure stands (table, passage or summary) and its question (0 =
    the response table).
``measure``
    What is counted: ``kommuner`` (municipalities in the region), ``svarande``
    (answering municipalities), ``svarsfrekvens`` (percent answering),
    ``antal`` (answering municipalities whose ``variable`` is one of
    ``values``), ``andel`` (that, in percent of all answering municipalities:
    the report's base, also for questions 2–4 which Nej on question 1 skips),
    ``medelrang`` (question 10: mean rank of the area ``values`` over the
    regions that ranked it), ``regioner_med_svar``, ``lan_med_svar``,
    ``regioner_alla_svarat`` (regions or counties with any answer, regions
    where every municipality answered) and ``regioner_rangordnat`` (regions
    that ranked the areas).
``variable``, ``values``, ``region``
    The column counted, the codes that count (``;``-separated; ``True`` for a
    ticked option or Ja) and the region (empty: the nation).
``unit``, ``published``, ``tolerance``
    ``count`` (reproduced exactly, or within ``tolerance``), ``percent``
    (reproduced when it rounds half up to the printed whole per cent, as the
    report rounds: 87.5 → 88) or ``mean`` (rounds half up to the printed
    decimal).
``honoured``
    ``false`` for a figure that contradicts another one and cannot hold beside
    it (the summary's 85 % on question 1 against the results' 83 %).
``note``
    Our reading where the report leaves room for one.

>>> figures = load_published_figures()
>>> len(figures), int((~figures["honoured"]).sum())
(161, 1)
>>> from webbkollen_lib.io.kartlaggning import load_kartlaggning_2012, load_prioriteringar_2012
>>> table = compare_with_published(load_kartlaggning_2012(), load_prioriteringar_2012())
>>> bool(table.loc[table["honoured"], "ok"].all())
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import MissingColumnError
from webbkollen_lib.core.formatting import round_half_up
from webbkollen_lib.systems.kartlaggning2012.survey import municipality_regions, regions

__all__ = ["REFERENCE_FILE", "MEASURES", "load_published_figures", "reproduce", "compare_with_published"]

REFERENCE_FILE = Path(str(resources.files(__package__) / "data" / "published_figures.csv"))

MEASURES = ("kommuner", "svarande", "svarsfrekvens", "antal", "andel", "medelrang", "regioner_med_svar",
            "lan_med_svar", "regioner_alla_svarat", "regioner_rangordnat")
UNITS = ("count", "percent", "mean")
_COLUMNS = ["id", "source", "fraga", "measure", "variable", "values", "region", "unit", "published", "tolerance",
            "honoured", "note"]


def load_published_figures(path=None) -> pd.DataFrame:
    """The published figures, one row per figure (see the module docstring for the columns)."""
    path = Path(path) if path is not None else REFERENCE_FILE
    frame = pd.read_csv(path, encoding="utf-8", keep_default_na=False, dtype=str)
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {_COLUMNS}")
    problems = []
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        if row.measure not in MEASURES:
            problems.append(f"line {line}, measure: {row.measure!r}; allowed {', '.join(MEASURES)}")
        if row.unit not in UNITS:
            problems.append(f"line {line}, unit: {row.unit!r}; allowed {', '.join(UNITS)}")
        if row.honoured not in ("true", "false"):
            problems.append(f"line {line}, honoured: {row.honoured!r}; allowed true, false")
        for column in ("published", "tolerance"):
            value = getattr(row, column)
            if value != "" or column == "published":
                try:
                    float(value)
                except ValueError:
                    problems.append(f"line {line}, {column}: {value!r} is not a number")
    if not frame["id"].is_unique:
        problems.append(f"duplicate ids: {sorted(frame.loc[frame['id'].duplicated(), 'id'])}")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return frame.assign(
        fraga=frame["fraga"].astype(int),
        published=frame["published"].astype(float),
        tolerance=pd.to_numeric(frame["tolerance"].replace("", np.nan)),
        honoured=frame["honoured"] == "true",
    )


def _matches(column: pd.Series, values: str) -> pd.Series:
    codes = values.split(";")
    if codes == ["True"] or codes == ["False"]:
        return column.astype("boolean").fillna(not (codes == ["True"])) == (codes == ["True"])
    return column.astype("object").isin(codes)


def reproduce(answers: pd.DataFrame, priorities: pd.DataFrame | None = None,
              figures: pd.DataFrame | None = None) -> pd.Series:
    """Each figure computed from municipality ``answers`` (and question 10's ``priorities``), by id.

    ``answers`` has one row per answering municipality (``kommun``, ``region``
    and the question columns, as :func:`~webbkollen_lib.io.kartlaggning.read_kartlaggning`
    returns them); ``priorities`` one row per region and area ranked (``region``,
    ``omrade``, ``rang``). A figure whose data are not given is NaN.
    """
    figures = load_published_figures() if figures is None else figures
    for column in ("kommun", "region"):
        if column not in answers.columns:
            raise MissingColumnError(column, list(answers.columns))
    places = municipality_regions()
    answering_regions = answers["region"].astype(str)
    values = {}
    for row in figures.itertuples(index=False):
        scope = answers if not row.region else answers[answering_regions == row.region]
        population = places if not row.region else places[places["region"] == row.region]
        if row.measure == "kommuner":
            value = len(population)
        elif row.measure == "svarande":
            value = len(scope)
        elif row.measure == "svarsfrekvens":
            value = 100 * len(scope) / len(population)
        elif row.measure in ("antal", "andel"):
            if row.variable not in scope.columns:
                value = np.nan
            else:
                hits = int(_matches(scope[row.variable], row.values).sum())
                value = hits if row.measure == "antal" else (100 * hits / len(scope) if len(scope) else np.nan)
        elif row.measure == "regioner_med_svar":
            value = answering_regions.nunique()
        elif row.measure == "lan_med_svar":
            value = regions().set_index("region").loc[answering_regions.unique(), "lan"].nunique()
        elif row.measure == "regioner_alla_svarat":
            sizes = places.groupby("region").size()
            counts = answering_regions.value_counts().reindex(sizes.index, fill_value=0)
            value = int((counts == sizes).sum())
        elif priorities is None:
            value = np.nan
        elif row.measure == "regioner_rangordnat":
            value = priorities["region"].astype(str).nunique()
        else:  # medelrang
            ranks = pd.to_numeric(priorities.loc[priorities["omrade"].astype(str) == row.values, "rang"])
            value = float(ranks.mean()) if len(ranks) else np.nan
        values[row.id] = value
    return pd.Series(values, dtype="float64", name="reproduced")


def compare_with_published(answers: pd.DataFrame, priorities: pd.DataFrame | None = None,
                           figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every published figure beside the one the answers give, and whether they agree.

    Returns the figures with ``reproduced`` (unrounded), ``rounded`` (as the
    report prints it: whole per cent, one decimal for mean ranks) and ``ok``.
    A figure marked ``honoured = false`` contradicts another one; it is listed
    with an honest ``ok`` (normally False).
    """
    figures = load_published_figures() if figures is None else figures
    reproduced = reproduce(answers, priorities, figures).reindex(figures["id"]).to_numpy()
    decimals = figures["unit"].map({"count": 0, "percent": 0, "mean": 1}).to_numpy()
    rounded = np.array([round_half_up(v, int(d)) if np.isfinite(v) else np.nan for v, d in zip(reproduced, decimals)])
    tolerance = figures["tolerance"].fillna(0).to_numpy()
    ok = np.abs(rounded - figures["published"].to_numpy()) <= tolerance + 1e-9
    return figures.assign(reproduced=reproduced, rounded=rounded, ok=ok & np.isfinite(reproduced))
