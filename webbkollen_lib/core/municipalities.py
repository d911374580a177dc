"""Sweden's 290 municipalities and 21 counties: the names every follow-up system's data use.

Read from ``data/kommuner.csv`` beside this module: ``kommun``, ``lan``
(county, e.g. ``Stockholms län``) and ``folkmangd`` (a rounded population,
about 2017, typed in for load and speed work; not an official statistic).

>>> len(municipalities()), len(counties())
(290, 21)
>>> municipalities().query("lan == 'Jönköpings län'").shape[0]
13
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["KOMMUNER_FILE", "municipalities", "counties", "NATION"]

KOMMUNER_FILE = Path(str(resources.files(__package__) / "data" / "kommuner.csv"))

#: The name of the national level in published comparisons.
NATION = "Riket"


@lru_cache(maxsize=1)
def _read() -> pd.DataFrame:
    frame = pd.read_csv(KOMMUNER_FILE, encoding="utf-8", dtype={"kommun": str, "lan": str, "folkmangd": "int64"})
    if len(frame) != 290 or not frame["kommun"].is_unique:
        raise ValueError(f"{KOMMUNER_FILE}: expected 290 distinct municipalities, found {frame['kommun'].nunique()}")
    return frame


def municipalities() -> pd.DataFrame:
    """Sweden's 290 municipalities: ``kommun``, ``lan`` (county) and ``folkmangd`` (rounded population)."""
    return _read().copy()


def counties() -> list[str]:
    """The 21 counties' names (``"Stockholms län"``, …), sorted."""
    return sorted(_read()["lan"].unique())
