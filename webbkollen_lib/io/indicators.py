"""Reading a file of published indicators (Öppna jämförelser) in the long format, validated.

A newer Öppna jämförelser file, or a county's own compilation, in the form the
shipped ÖJ 2015 data take (:func:`webbkollen_lib.load_oppna_jamforelser`): one
row per unit and indicator, CSV (UTF-8, cp1252, comma, semicolon or tab) or
``.xlsx``. Columns:

* ``enhet`` (required): a municipality of Sweden's 290, a county
  (``Stockholms län``) or ``Riket``;
* ``indikator`` (required): an indicator id of the catalogue;
* ``publicerat`` (required): the cell as published: ``Ja``/``Nej`` for a
  municipality's answer, ``32%`` or ``32 %`` for a share, ``4,2`` or ``484``
  for a number, ``x`` for a value withheld for confidentiality, empty for no
  answer (bortfall);
* ``niva`` (optional): ``kommun``, ``lan`` or ``riket``; checked against the
  unit when given, derived from it otherwise;
* ``namn``, ``varde``, ``saknas`` (optional): as in the shipped data; a given
  ``varde`` must agree with ``publicerat``.

Nothing is coerced silently: every problem (an unknown indicator or unit, a
share above 100 %, ``Ja``/``Nej`` on a share indicator, a number that is not
one, a duplicate row, …) is listed in one :class:`~webbkollen_lib.DataError`
with the file, line, column, value and what was allowed.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.core.municipalities import NATION, counties, municipalities
from webbkollen_lib.io.registrations import read_raw_table
from webbkollen_lib.systems.oj2015.indicators import LEVELS, MISSING_REASONS, load_indicators

CONFIDENTIAL, NO_ANSWER = MISSING_REASONS  # why a value is missing: a published x, an empty cell

__all__ = ["INDICATOR_COLUMNS", "read_indicators"]

#: Columns of an indicator file: required first, then optional.
INDICATOR_COLUMNS = ("enhet", "indikator", "publicerat", "niva", "namn", "varde", "saknas")
_REQUIRED = ("enhet", "indikator", "publicerat")
_CONFIDENTIAL = "x"
_PERCENT = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)\s*%$")
_NUMBER = re.compile(r"^[0-9]+(?:[ \u00a0][0-9]{3})*(?:[.,][0-9]+)?$")


def _closest(value: str, allowed) -> str | None:
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def _level_of(unit: str, kommuner: set[str], lan: set[str]) -> str | None:
    if unit == NATION:
        return "riket"
    if unit in lan:
        return "lan"
    if unit in kommuner:
        return "kommun"
    return None


def _parse(cell: str, measure: str, level: str) -> tuple[float | None, str | None, str | None]:
    """(value, reason missing, problem) for one published cell of an indicator measured as ``measure``."""
    if cell == "":
        return None, NO_ANSWER, None
    if cell.lower() == _CONFIDENTIAL:
        return None, CONFIDENTIAL, None
    answer = cell.lower()
    if answer in ("ja", "nej"):
        if measure != "ja_nej":
            return None, None, f"Ja/Nej on a {measure} indicator"
        if level != "kommun":
            return None, None, "Ja/Nej is a municipality's answer; a county or the nation has the share answering Ja"
        return (1.0 if answer == "ja" else 0.0), None, None
    m = _PERCENT.match(cell)
    if m:
        share = float(m.group(1).replace(",", ".")) / 100
        if measure == "ja_nej" and level == "kommun":
            return None, None, "a municipality answers Ja or Nej, not a share"
        if measure not in ("ja_nej", "andel"):
            return None, None, f"a share on a {measure} indicator"
        if share > 1:
            return None, None, "a share above 100 %"
        return share, None, None
    if _NUMBER.match(cell):
        number = float(re.sub(r"[ \u00a0]", "", cell).replace(",", "."))
        if measure in ("ja_nej", "andel"):
            return None, None, f"a bare number on a {measure} indicator (a share is written with %)"
        return number, None, None
    return None, None, "not a value an indicator cell can hold"


def _allowed_cells(measure: str, level: str) -> str:
    if measure == "ja_nej":
        return "Ja, Nej, x or empty" if level == "kommun" else "a share such as 45%, x or empty"
    if measure == "andel":
        return "a share 0–100% such as 32%, x or empty"
    return "a number such as 4,2 or 484, x or empty"


def read_indicators(path, *, sheet: str | int = 0, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and check a file of published indicators; raise :class:`DataError` listing every problem.

    Parameters
    ----------
    path : path to a CSV or ``.xlsx`` file in the long format (see the module docstring).
    sheet : the Excel sheet (name or position), default the first.
    catalogue : the indicator catalogue (``indikator`` and ``enhet``, the
        value's unit); default the Öppna jämförelser 2015 catalogue
        (:func:`webbkollen_lib.systems.oj2015.indicators.load_indicators`).

    Returns
    -------
    DataFrame
        ``enhet``, ``niva``, ``indikator``, ``namn`` (from the file, else the
        catalogue's), ``publicerat``, ``varde`` (a share as a proportion, a
        number, 1/0 for a municipality's Ja/Nej; NA when missing) and
        ``saknas`` (``sekretess`` for ``x``, ``bortfall`` for an empty cell), in
        the file's order: the same form as :func:`webbkollen_lib.load_oppna_jamforelser`.
    """
    path = Path(path)
    catalogue = load_indicators() if catalogue is None else catalogue
    measure_of = dict(zip(catalogue["indikator"].astype(str), catalogue["enhet"].astype(str)))
    name_of = dict(zip(catalogue["indikator"].astype(str), catalogue["namn"].astype(str))) if "namn" in catalogue else {}
    raw = read_raw_table(path, sheet=sheet)
    header = [h.strip().lower() for h in raw.header]
    problems: list[Problem] = []
    for h in header:
        if h not in INDICATOR_COLUMNS:
            problems.append(Problem("unknown column", line=raw.header_line, column=h or "(empty)", value=h,
                                    allowed=", ".join(INDICATOR_COLUMNS), suggestion=_closest(h, INDICATOR_COLUMNS)))
    duplicated = sorted({h for h in header if header.count(h) > 1})
    for h in duplicated:
        problems.append(Problem("the column appears twice", line=raw.header_line, column=h))
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        problems.append(Problem(f"missing required column{'s' if len(missing) > 1 else ''}", line=raw.header_line,
                                value=", ".join(missing), allowed=", ".join(_REQUIRED) + " (required); "
                                + ", ".join(c for c in INDICATOR_COLUMNS if c not in _REQUIRED) + " (optional)"))
    if problems:
        raise DataError(path, problems)
    col = {h: i for i, h in enumerate(header)}
    kommuner = set(municipalities()["kommun"])
    lan = set(counties())
    units_allowed = "one of Sweden's 290 municipalities, a county (e.g. Stockholms län) or Riket"
    rows, seen = [], {}
    for cells, line in zip(raw.rows, raw.lines):
        cells = cells + [""] * (len(header) - len(cells))
        get = {h: cells[i].strip() for h, i in col.items()}
        unit, indicator, cell = get["enhet"], get["indikator"], get["publicerat"]
        level = _level_of(unit, kommuner, lan)
        ok = True
        if level is None:
            problems.append(Problem("unknown unit", line=line, column="enhet", value=unit, allowed=units_allowed,
                                    suggestion=_closest(unit, sorted(kommuner | lan | {NATION}))))
            ok = False
        elif "niva" in get and get["niva"] != "" and get["niva"] != level:
            problems.append(Problem(f"the level does not match the unit ({unit} is {level})", line=line, column="niva",
                                    value=get["niva"], allowed=level))
            ok = False
        if indicator not in measure_of:
            problems.append(Problem("unknown indicator id", line=line, column="indikator", value=indicator,
                                    allowed=f"the {len(measure_of)} ids of the indicator catalogue (load_indicators())",
                                    suggestion=_closest(indicator, measure_of)))
            ok = False
        if not ok:
            continue
        key = (unit, indicator)
        if key in seen:
            problems.append(Problem(f"a second row for {unit} and {indicator} (the first is line {seen[key]})",
                                    line=line, column="indikator", value=indicator))
            continue
        seen[key] = line
        measure = measure_of[indicator]
        value, reason, problem = _parse(cell, measure, level)
        if problem:
            problems.append(Problem(problem, line=line, column="publicerat", value=cell,
                                    allowed=_allowed_cells(measure, level)))
            continue
        if "varde" in get and get["varde"] != "":
            try:
                given = float(get["varde"].replace(",", "."))
            except ValueError:
                given = None
            if given is None or value is None or abs(given - value) > 1e-9:
                problems.append(Problem(f"varde does not agree with publicerat ({cell!r})", line=line, column="varde",
                                        value=get["varde"], allowed="empty or " + ("NA" if value is None else repr(value))))
                continue
        if "saknas" in get and get["saknas"] != "" and get["saknas"] != (reason or ""):
            problems.append(Problem(f"saknas does not agree with publicerat ({cell!r})", line=line, column="saknas",
                                    value=get["saknas"], allowed=reason or "empty"))
            continue
        rows.append({"enhet": unit, "niva": level, "indikator": indicator,
                     "namn": get.get("namn") or name_of.get(indicator, ""), "publicerat": cell,
                     "varde": np.nan if value is None else value, "saknas": reason})
    if problems:
        raise DataError(path, problems)
    if not rows:
        raise DataError(path, [Problem("no rows of indicators below the header")])
    out = pd.DataFrame(rows)
    out["niva"] = pd.Categorical(out["niva"], categories=list(LEVELS))
    out["saknas"] = pd.Categorical(out["saknas"], categories=list(MISSING_REASONS))
    out["varde"] = out["varde"].astype(float)
    return out
