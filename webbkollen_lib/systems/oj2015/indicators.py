"""Öppna jämförelser 2015 as data: the published cells, the indicator catalogue, the municipality groups.

All three tables are package data beside this module (``data/``, described in
``data/README.md``) and are returned as published; nothing is recomputed.

:func:`load_oppna_jamforelser`: one row per unit and indicator (572 rows):

``enhet``
    The unit as printed: one of the eight municipalities, ``Riket``,
    ``Stockholms län`` or ``Jönköpings län``.
``niva``
    ``kommun``, ``lan`` or ``riket`` (Categorical, in that order).
``indikator``
    The indicator id (ASCII snake_case Swedish), a key of :func:`load_indicators`.
``namn``
    The indicator's name as printed in the table header.
``publicerat``
    The cell exactly as published (``Ja``, ``Nej``, ``32%``, ``2,8%``, ``4,8``,
    ``484``, ``x``, or ``""`` for an empty cell), a string; empty is ``""``,
    never NA.
``varde``
    The value (float): a share as a proportion (``32%`` -> 0.32), a number as
    a number (``4,8`` -> 4.8), a municipality's ``Ja`` -> 1 and ``Nej`` -> 0
    (so that a county's or the nation's share of municipalities answering Ja
    is on the same scale); NaN for ``x`` and for an empty cell.
``saknas``
    Why ``varde`` is missing (Categorical): ``sekretess`` for ``x`` ("x =
    sekretess (1-3 personer) eller kvot med stor statistisk osäkerhet pga små
    tal"), ``bortfall`` for an empty cell ("Tom cell=bortfall"), else NA.

:func:`load_indicators`: one row per indicator, in the source's order, with
``indikator``, ``kvalitetsomrade``, ``omrade``, ``delomrade``, ``namn``,
``typ``, ``enhet``, ``malvarde``, ``riktning``, ``mal_regel``, ``matdatum``,
``taljare``, ``namnare`` and ``avsnitt`` (``data/README.md`` defines each,
and the grammar of ``mal_regel``). Text columns hold ``""`` where the source
states nothing.

:func:`load_municipality_groups`: ``enhet``, ``befolkningsgrupp`` (1–5) and
``kommuntyp`` (1–10, SKL's classification) of the eight municipalities.

Examples
--------
>>> data = load_oppna_jamforelser()
>>> data.shape
(572, 7)
>>> row = data[(data["enhet"] == "Riket") & (data["indikator"] == "foraldrar_oppenvard")].iloc[0]
>>> row["publicerat"], row["varde"]
('32%', 0.32)
>>> load_indicators().set_index("indikator").loc["arbetsledning_timmar", "enhet"]
'timmar'
>>> load_municipality_groups().set_index("enhet").loc["Sigtuna", "kommuntyp"]
5
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = [
    "LEVELS",
    "MISSING_REASONS",
    "DATA_FILE",
    "CATALOGUE_FILE",
    "GROUPS_FILE",
    "DATA_PATH",
    "load_oppna_jamforelser",
    "load_indicators",
    "load_municipality_groups",
]

#: Levels of a unit, from the smallest.
LEVELS = ("kommun", "lan", "riket")
#: Why a value is missing: a published ``x``, or an empty cell.
MISSING_REASONS = ("sekretess", "bortfall")

DATA_FILE = "oppna_jamforelser_2015.csv"
CATALOGUE_FILE = "indikatorer.csv"
GROUPS_FILE = "kommuner.csv"

#: The shipped data file as a path (for readers and the batch runner's default input).
DATA_PATH = Path(str(resources.files(__package__) / "data" / DATA_FILE))

_DATA_COLUMNS = ["enhet", "niva", "indikator", "namn", "publicerat", "varde", "saknas"]
_CATALOGUE_COLUMNS = ["indikator", "kvalitetsomrade", "omrade", "delomrade", "namn", "typ", "enhet", "malvarde",
                      "riktning", "mal_regel", "matdatum", "taljare", "namnare", "avsnitt"]
_GROUP_COLUMNS = ["enhet", "befolkningsgrupp", "kommuntyp"]


def _read(name: str, columns: list[str], **kwargs) -> pd.DataFrame:
    with resources.files(__package__).joinpath("data", name).open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, **kwargs)
    if list(frame.columns) != columns:
        raise ValueError(f"{name}: columns {list(frame.columns)}, expected {columns}")
    return frame


def load_oppna_jamforelser() -> pd.DataFrame:
    """Every published cell of Öppna jämförelser 2015 for the eight municipalities, the counties and Riket.

    One row per unit and indicator; see the module docstring for the columns
    and their types.
    """
    text = {c: str for c in _DATA_COLUMNS if c != "varde"}
    frame = _read(DATA_FILE, _DATA_COLUMNS, dtype={**text, "varde": float}, keep_default_na=False,
                  na_values={"varde": [""]})
    frame["niva"] = pd.Categorical(frame["niva"], categories=list(LEVELS))
    frame["saknas"] = pd.Categorical(frame["saknas"].replace("", None), categories=list(MISSING_REASONS))
    return frame


def load_indicators() -> pd.DataFrame:
    """The indicator catalogue: one row per indicator id, in the order of the source's tables."""
    return _read(CATALOGUE_FILE, _CATALOGUE_COLUMNS, dtype=str, keep_default_na=False)


def load_municipality_groups() -> pd.DataFrame:
    """Befolkningsgrupp (1–5) and SKL's kommuntyp (1–10) of the eight municipalities."""
    return _read(GROUPS_FILE, _GROUP_COLUMNS, dtype={"enhet": str, "befolkningsgrupp": int, "kommuntyp": int})
