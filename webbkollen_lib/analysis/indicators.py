"""Comparing units on published indicators: profiles against county and nation, targets, ranks, thirds.

For indicator tables in long form such as Öppna jämförelser
(:func:`webbkollen_lib.systems.oj2015.indicators.load_oppna_jamforelser`): one
row per unit and indicator with the columns

* ``enhet``: the unit (a municipality, ``"Stockholms län"``, ``"Riket"``),
* ``niva``: ``kommun``, ``lan`` or ``riket``,
* ``indikator``: the indicator id,
* ``varde``: the value (a share as a proportion, a number, or 1/0 for a
  municipality's Ja/Nej; at county and national level a Ja/Nej indicator is
  the share of municipalities answering Ja),
* ``saknas``: why ``varde`` is missing (``sekretess`` for a published ``x``,
  ``bortfall`` for no answer).

and an indicator catalogue with ``indikator``, ``omrade``, ``typ``, the value's
unit (``ja_nej``, ``andel``, …; column ``enhet`` in the catalogue, ``matt`` here
after the merge) and ``mal_regel``, the machine-checkable target.

Every function returns a tidy frame of codes and numbers; labels are the
presentation layer's work. A missing value (``x`` or bortfall) is never
treated as zero or as Nej: it stays missing, and whatever depends on it
(a gap, a target check, a rank, a third) is missing too, with ``saknas``
saying why.

Target rules (``mal_regel``): ``ja`` (the unit answers Ja: ``varde == 1``),
``andel>=P`` / ``andel<=P`` (a share at least / at most ``P``, a proportion),
or empty (no checkable target). A unit meets the target when the rule holds.

Kolada-style thirds (:func:`relative_thirds`) rank the compared units from best
to worst and cut them into thirds. That colour is **relative**: the best third
of eight municipalities can still be far from the target, and the worst third
can meet it. Show it only beside that caveat.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import require_columns, require_frame

__all__ = [
    "DATA_COLUMNS",
    "CATALOGUE_COLUMNS",
    "parse_rule",
    "meets_target",
    "indicator_profile",
    "targets_by_area",
    "ranks",
    "relative_thirds",
]

DATA_COLUMNS = ("enhet", "niva", "indikator", "varde", "saknas")
CATALOGUE_COLUMNS = ("indikator", "omrade", "typ", "enhet", "mal_regel")

_RULE = re.compile(r"^\s*(?:(ja)|andel\s*(>=|<=)\s*([0-9]*\.?[0-9]+))\s*$")


def parse_rule(rule) -> tuple[str, float] | None:
    """A target rule as ``(operator, threshold)``; None for no rule.

    ``"ja"`` is ``(">=", 1.0)`` on the 1/0 scale of a Ja/Nej answer.

    >>> parse_rule("ja"), parse_rule("andel>=0.9"), parse_rule("")
    (('>=', 1.0), ('>=', 0.9), None)
    >>> parse_rule("minst hälften")
    Traceback (most recent call last):
    ...
    ValueError: target rule 'minst hälften' is not one of: ja, andel>=P, andel<=P (P a proportion, e.g. 0.9), or empty
    """
    if rule is None or (isinstance(rule, float) and np.isnan(rule)) or str(rule).strip() == "":
        return None
    m = _RULE.match(str(rule))
    if m is None:
        raise ValueError(f"target rule {rule!r} is not one of: ja, andel>=P, andel<=P (P a proportion, e.g. 0.9), or empty")
    if m.group(1):
        return (">=", 1.0)
    threshold = float(m.group(3))
    if not 0 <= threshold <= 1:
        raise ValueError(f"target rule {rule!r}: the share must be a proportion between 0 and 1")
    return (m.group(2), threshold)


def _check(data: pd.DataFrame, catalogue: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    require_frame(data, "indicator data", "indicators (one row per unit and indicator)")
    require_columns(data, DATA_COLUMNS, "indicator data")
    require_frame(catalogue, "indicator catalogue", "indicators (one row per indicator)")
    require_columns(catalogue, CATALOGUE_COLUMNS, "indicator catalogue")
    unknown = sorted(set(data["indikator"].astype(str)) - set(catalogue["indikator"].astype(str)))
    if unknown:
        raise ValueError(f"indicator data: indicator(s) {', '.join(unknown)} are not in the catalogue")
    return data, catalogue


def _with_catalogue(data: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    cat = catalogue[list(CATALOGUE_COLUMNS)].rename(columns={"enhet": "matt"})
    out = data[list(DATA_COLUMNS)].merge(cat, on="indikator", how="left", validate="many_to_one")
    out["varde"] = out["varde"].astype(float)
    out["saknas"] = out["saknas"].astype(object).where(out["saknas"].notna() & (out["saknas"].astype(str) != ""), None)
    return out


def _rule_holds(values: pd.Series, rules: pd.Series) -> pd.Series:
    """True / False where a rule exists and the value is known; NA otherwise."""
    out = pd.Series(pd.NA, index=values.index, dtype="boolean")
    for rule, idx in rules.groupby(rules.astype(str)).groups.items():
        parsed = parse_rule(rule)
        if parsed is None:
            continue
        op, threshold = parsed
        v = values.loc[idx]
        known = v.notna()
        ok = (v >= threshold - 1e-12) if op == ">=" else (v <= threshold + 1e-12)
        out.loc[idx] = ok.where(known, pd.NA).astype("boolean")
    return out


def meets_target(data: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Whether each unit meets each indicator's target: one row per unit and indicator.

    Columns: ``enhet``, ``niva``, ``indikator``, ``omrade``, ``varde``,
    ``saknas``, ``mal_regel`` and ``uppfyllt`` (nullable boolean: NA when the
    indicator has no checkable target or the value is missing). At county and
    national level a Ja/Nej indicator's value is a share of municipalities, so
    the ``ja`` rule holds there only when every municipality answered Ja.

    >>> data = pd.DataFrame({"enhet": ["A", "B", "C"], "niva": "kommun", "indikator": "rutin",
    ...                      "varde": [1.0, 0.0, None], "saknas": [None, None, "bortfall"]})
    >>> cat = pd.DataFrame({"indikator": ["rutin"], "omrade": ["samordning"], "typ": ["struktur"],
    ...                     "enhet": ["ja_nej"], "mal_regel": ["ja"]})
    >>> meets_target(data, cat)["uppfyllt"].tolist()
    [True, False, <NA>]
    """
    data, catalogue = _check(data, catalogue)
    frame = _with_catalogue(data, catalogue)
    frame["uppfyllt"] = _rule_holds(frame["varde"], frame["mal_regel"].fillna(""))
    return frame[["enhet", "niva", "indikator", "omrade", "varde", "saknas", "mal_regel", "uppfyllt"]].reset_index(drop=True)


def indicator_profile(data: pd.DataFrame, catalogue: pd.DataFrame, enhet: str, *,
                      lan: str = "Stockholms län", riket: str = "Riket") -> pd.DataFrame:
    """One unit's value of every indicator beside the county's and the nation's.

    Returns one row per indicator (catalogue order): ``indikator``, ``omrade``,
    ``typ``, ``matt`` (the value's unit), ``varde`` and ``saknas`` of the unit,
    ``lan`` and ``riket`` (their values), ``skillnad_lan`` and
    ``skillnad_riket`` (the unit minus the county / nation, for share
    indicators only, as proportions: multiply by 100 for percentage points;
    NA for Ja/Nej, where a municipality's 1/0 and a county's share of
    municipalities are not the same quantity, and for numbers), and
    ``uppfyllt`` (see :func:`meets_target`).

    Raises
    ------
    ValueError
        If ``enhet``, ``lan`` or ``riket`` is not in the data (the message lists the units).
    """
    data, catalogue = _check(data, catalogue)
    units = list(dict.fromkeys(data["enhet"].astype(str)))
    for name, what in ((enhet, "enhet"), (lan, "lan"), (riket, "riket")):
        if name not in units:
            raise ValueError(f"indicator_profile: {what} {name!r} is not in the data; units: {', '.join(units)}")
    frame = _with_catalogue(data, catalogue)
    frame["uppfyllt"] = _rule_holds(frame["varde"], frame["mal_regel"].fillna(""))
    own = frame[frame["enhet"] == enhet].set_index("indikator")
    county = frame[frame["enhet"] == lan].set_index("indikator")["varde"]
    nation = frame[frame["enhet"] == riket].set_index("indikator")["varde"]
    order = [i for i in catalogue["indikator"].astype(str) if i in own.index]
    out = own.loc[order, ["omrade", "typ", "matt", "varde", "saknas", "uppfyllt"]].copy()
    out["lan"] = county.reindex(order).to_numpy()
    out["riket"] = nation.reindex(order).to_numpy()
    share = (out["matt"] == "andel").to_numpy()
    out["skillnad_lan"] = np.where(share, out["varde"] - out["lan"], np.nan)
    out["skillnad_riket"] = np.where(share, out["varde"] - out["riket"], np.nan)
    out = out.reset_index()
    out.insert(0, "enhet", enhet)
    return out[["enhet", "indikator", "omrade", "typ", "matt", "varde", "saknas", "lan", "riket",
                "skillnad_lan", "skillnad_riket", "uppfyllt"]]


def targets_by_area(data: pd.DataFrame, catalogue: pd.DataFrame, *, niva: str = "kommun") -> pd.DataFrame:
    """Targets met per unit and område: how many indicators have a checkable target, are met, not met, unknown.

    Returns ``enhet``, ``omrade``, ``med_mal`` (indicators with a rule),
    ``uppfyllda``, ``ej_uppfyllda``, ``okanda`` (a rule but the value is
    missing) and ``andel_uppfyllda`` (of those with a known value; NA when
    none is known). Units of level ``niva`` only (default the municipalities).
    """
    met = meets_target(data, catalogue)
    met = met[(met["niva"].astype(str) == niva) & met["mal_regel"].fillna("").astype(str).str.strip().ne("")]
    grouped = met.groupby(["enhet", "omrade"], sort=False, observed=True)["uppfyllt"]
    out = pd.DataFrame({
        "med_mal": grouped.size(),
        "uppfyllda": grouped.apply(lambda s: int((s == True).sum())),  # noqa: E712 (nullable boolean)
        "ej_uppfyllda": grouped.apply(lambda s: int((s == False).sum())),  # noqa: E712
        "okanda": grouped.apply(lambda s: int(s.isna().sum())),
    }).reset_index()
    known = out["uppfyllda"] + out["ej_uppfyllda"]
    out["andel_uppfyllda"] = (out["uppfyllda"] / known.where(known > 0)).astype(float)
    return out


def _direction(catalogue: pd.DataFrame) -> pd.Series:
    """+1 where a higher value is better (the target is a floor), -1 for a ceiling, NA without a target."""
    out = {}
    for rec in catalogue.itertuples(index=False):
        parsed = parse_rule(getattr(rec, "mal_regel"))
        out[str(rec.indikator)] = np.nan if parsed is None else (1.0 if parsed[0] == ">=" else -1.0)
    return pd.Series(out, dtype=float)


def ranks(data: pd.DataFrame, catalogue: pd.DataFrame, *, groups: pd.Series | None = None,
          niva: str = "kommun") -> pd.DataFrame:
    """Each unit's rank on each indicator among the units compared (1 = best).

    Compared: the units of level ``niva``; with ``groups`` (a Series indexed
    by unit name, e.g. befolkningsgrupp or kommuntyp), each unit only among
    those in the same group. Only indicators with a direction (a target rule)
    and a numeric scale are ranked: for Ja/Nej the rank says only Ja before
    Nej. Ties share the best rank ("min" method). A missing value is not
    ranked, and ``n_jamforda`` counts the units with a value.

    Returns ``enhet``, ``indikator``, ``grupp``, ``varde``, ``rang``,
    ``n_jamforda``.
    """
    data, catalogue = _check(data, catalogue)
    frame = data[data["niva"].astype(str) == niva][["enhet", "indikator", "varde"]].copy()
    frame["varde"] = frame["varde"].astype(float)
    direction = _direction(catalogue)
    frame["riktning"] = frame["indikator"].astype(str).map(direction)
    frame = frame[frame["riktning"].notna()]
    if groups is None:
        frame["grupp"] = "alla"
    else:
        missing = sorted(set(frame["enhet"]) - set(groups.index))
        if missing:
            raise ValueError(f"ranks: groups has no value for {', '.join(missing)}")
        frame["grupp"] = frame["enhet"].map(groups)
    score = frame["varde"] * frame["riktning"]
    frame["rang"] = score.groupby([frame["indikator"], frame["grupp"]]).rank(ascending=False, method="min").astype("Int64")
    frame["n_jamforda"] = frame["varde"].notna().groupby([frame["indikator"], frame["grupp"]]).transform("sum").astype(int)
    return frame[["enhet", "indikator", "grupp", "varde", "rang", "n_jamforda"]].reset_index(drop=True)


def relative_thirds(data: pd.DataFrame, catalogue: pd.DataFrame, *, groups: pd.Series | None = None,
                    niva: str = "kommun") -> pd.DataFrame:
    """Kolada-style thirds: each unit's value in the best, middle or worst third of the units compared.

    Among the ``n`` units with a value (see :func:`ranks`), a unit is
    ``basta`` when its rank counted from the best is at most ``n/3``,
    ``samsta`` when its rank counted from the worst is at most ``n/3``, and
    ``mellan`` otherwise: symmetric, so eight municipalities give 2, 4 and 2.
    With fewer than three units compared there are no thirds (NA). Ties share
    the best rank of the tie. Ja/Nej indicators are left out: two answers make
    no thirds, and the target says more (:func:`meets_target`).

    **The third is relative, not a verdict**: show it only with that caveat
    (the label catalogue's ``oj2015.caveat.relative`` text in the reports).

    Returns the columns of :func:`ranks` plus ``tredjedel``.
    """
    ranked = ranks(data, catalogue, groups=groups, niva=niva)
    matt = catalogue.set_index("indikator")["enhet"].astype(str)
    ranked = ranked[ranked["indikator"].astype(str).map(matt) != "ja_nej"].copy()
    n = ranked["n_jamforda"].where(ranked["n_jamforda"] >= 3).astype(float)
    rank = ranked["rang"].astype(float)
    from_top, from_bottom = rank, n - rank + 1
    third = np.select([from_top <= n / 3 + 1e-9, from_bottom <= n / 3 + 1e-9], ["basta", "samsta"], default="mellan")
    ranked["tredjedel"] = pd.Series(third, index=ranked.index).where(n.notna() & rank.notna(), None)
    return ranked.reset_index(drop=True)
