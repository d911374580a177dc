"""Readable tables of published indicators (Öppna jämförelser): a municipality's profile, targets, Ja/Nej overviews.

The numbers come from :mod:`webbkollen_lib.analysis.indicators`; this module
adds the words (indicator names from the label catalogue's ``oj2015`` group,
table words from its ``indicators`` group) and formats the values as the
source prints them: ``Ja``/``Nej`` for a municipality's answer, a per cent for
a share (at county and national level a Ja/Nej indicator is the share of
municipalities answering Ja), a number with a decimal comma, ``x`` where the
value is withheld for confidentiality and ``–`` where it is missing
(bortfall). A missing value is never shown as 0 or Nej.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.analysis.indicators import indicator_profile, meets_target, relative_thirds, targets_by_area
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import MISSING_TEXT, format_count, format_number, format_percent
from webbkollen_lib.disclosure import SUPPRESSED

__all__ = [
    "indicator_name",
    "area_name",
    "format_value",
    "profile_table",
    "targets_table",
    "shortfalls",
    "data_summary",
    "related_indicators",
    "published_table",
    "yes_no_overview",
    "thirds_table",
]

def indicator_name(indikator: str, lang: str = "sv") -> str:
    """The indicator's name in ``lang`` (label catalogue ``oj2015.indicator.<id>``), else its id."""
    key = f"oj2015.indicator.{indikator}"
    return lc.text(key, lang) if key in lc.catalogue() else indikator


def area_name(omrade: str, lang: str = "sv") -> str:
    """An område in ``lang``: the catalogue's ``oj2015.area`` entry whose Swedish text is ``omrade``, else ``omrade``."""
    if lang == "sv":
        return omrade
    for key in lc.keys("oj2015.area"):
        if lc.text(key, "sv") == omrade:
            return lc.text(key, lang)
    return omrade


def format_value(value, saknas, matt: str, niva: str, lang: str = "sv", decimals: int = 0) -> str:
    """One indicator value as a reader sees it (see the module docstring).

    >>> format_value(1.0, None, "ja_nej", "kommun"), format_value(0.45, None, "ja_nej", "lan")
    ('Ja', '45\\xa0%')
    >>> format_value(np.nan, "sekretess", "andel", "kommun"), format_value(np.nan, "bortfall", "antal", "kommun")
    ('x', '–')
    >>> format_value(4.8, None, "timmar", "kommun", decimals=1)
    '4,8'
    """
    lc.check_lang(lang)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return SUPPRESSED if saknas == "sekretess" else MISSING_TEXT
    if matt == "ja_nej" and niva == "kommun":
        return lc.text("indicators.answer_ja" if value >= 0.5 else "indicators.answer_nej", lang)
    if matt in ("ja_nej", "andel"):
        return format_percent(value, decimals, lang)
    return format_number(value, 0 if float(value).is_integer() and decimals == 0 else max(decimals, 1), lang)


def _met(value) -> str:
    return "" if value is pd.NA or value is None or (isinstance(value, float) and np.isnan(value)) else value


def profile_table(data: pd.DataFrame, catalogue: pd.DataFrame, enhet: str, *, lan: str = "Stockholms län",
                  riket: str = "Riket", indicators=None, lang: str = "sv") -> pd.DataFrame:
    """A municipality's indicators beside the county's and the nation's, as a table to read.

    Columns: the område, the indicator, the municipality, the county, the
    nation, the difference from the county in percentage points (share
    indicators only) and whether the target is met (``Ja``/``Nej``; empty
    without a checkable target or a known value). Rows in catalogue order;
    ``indicators`` (a list of ids) keeps only those.
    """
    p = indicator_profile(data, catalogue, enhet, lan=lan, riket=riket)
    if indicators is not None:
        p = p[p["indikator"].isin(list(indicators))]
    w = lambda key, **f: lc.text(f"indicators.{key}", lang, **f)  # noqa: E731
    met = {True: w("answer_ja"), False: w("answer_nej")}
    rows = []
    for r in p.itertuples(index=False):
        gap = r.skillnad_lan
        rows.append({
            w("area"): area_name(r.omrade, lang),
            w("indicator"): indicator_name(r.indikator, lang),
            enhet: format_value(r.varde, r.saknas, r.matt, "kommun", lang, decimals=1 if r.matt not in ("ja_nej", "andel") else 0),
            lan: format_value(r.lan, None, r.matt, "lan", lang, decimals=1 if r.matt not in ("ja_nej", "andel") else 0),
            riket: format_value(r.riket, None, r.matt, "riket", lang, decimals=1 if r.matt not in ("ja_nej", "andel") else 0),
            w("gap_county"): "" if np.isnan(gap) else format_number(100 * gap, 0, lang),
            w("target_met"): met.get(_met(r.uppfyllt), ""),
        })
    return pd.DataFrame(rows).set_index(w("indicator"))


def targets_table(data: pd.DataFrame, catalogue: pd.DataFrame, *, enhet: str | None = None, lang: str = "sv") -> pd.DataFrame:
    """Targets met per område (one municipality, or all side by side): ``k av n`` with the unknown counted apart."""
    t = targets_by_area(data, catalogue)
    if enhet is not None:
        t = t[t["enhet"] == enhet]
    w = lambda key, **f: lc.text(f"indicators.{key}", lang, **f)  # noqa: E731
    out = pd.DataFrame({
        w("unit"): t["enhet"].to_numpy(),
        w("area"): [area_name(a, lang) for a in t["omrade"]],
        w("with_target"): t["med_mal"].to_numpy(),
        w("met"): t["uppfyllda"].to_numpy(),
        w("not_met"): t["ej_uppfyllda"].to_numpy(),
        w("unknown"): t["okanda"].to_numpy(),
    })
    if enhet is not None:
        return out.drop(columns=[w("unit")]).set_index(w("area"))
    return out.set_index([w("unit"), w("area")])


def shortfalls(data: pd.DataFrame, catalogue: pd.DataFrame, enhet: str, *, lang: str = "sv") -> list[str]:
    """The indicators whose target the municipality does not meet, by område: ``["Område: a, b", …]``."""
    met = meets_target(data, catalogue)
    miss = met[(met["enhet"] == enhet) & (met["uppfyllt"] == False)]  # noqa: E712 (nullable boolean)
    out = []
    for area, group in miss.groupby("omrade", sort=False):
        names = ", ".join(indicator_name(i, lang) for i in group["indikator"])
        out.append(f"{area_name(area, lang)}: {names}")
    return out


def data_summary(data: pd.DataFrame, lang: str = "sv") -> str:
    """One sentence on an indicator table: cells, indicators, units (the municipalities by name), missing values.

    >>> d = pd.DataFrame({"enhet": ["A", "Riket"], "niva": ["kommun", "riket"], "indikator": ["i", "i"],
    ...                   "varde": [1.0, None]})
    >>> data_summary(d, "en")
    '2 cells: 1 indicators and background measures for 2 units (A, the counties and the nation); 1 without a value.'
    """
    municipalities = list(dict.fromkeys(data.loc[data["niva"].astype(str) == "kommun", "enhet"]))
    return lc.text("indicators.data_summary", lang, cells=format_count(len(data), lang),
                   indicators=data["indikator"].nunique(), units=data["enhet"].nunique(),
                   municipalities=", ".join(municipalities), missing=int(data["varde"].isna().sum()))


def related_indicators(catalogue: pd.DataFrame, words=("uppfoljning", "foraldrar")) -> list[str]:
    """The indicator ids containing any of ``words``: by default those on systematic follow-up and users' views,
    which Webbkollen's registrations speak to."""
    return [i for i in catalogue["indikator"].astype(str) if any(w in i for w in words)]


def published_table(data: pd.DataFrame, catalogue: pd.DataFrame, *, measure: str = "andel",
                    lang: str = "sv") -> pd.DataFrame:
    """The cells of one kind of indicator as published: one row per indicator, one column per unit.

    ``measure`` is the catalogue's unit of the value (``andel`` for the share
    indicators, …). The cells are the source's own text (``32%``, ``x``, empty).
    """
    ids = [i for i, m in zip(catalogue["indikator"], catalogue["enhet"].astype(str)) if m == measure]
    part = data[data["indikator"].isin(ids)]
    table = part.pivot(index="indikator", columns="enhet", values="publicerat")
    order = [i for i in ids if i in table.index]
    table = table.loc[order, list(dict.fromkeys(part["enhet"]))].fillna("")
    table.index = pd.Index([indicator_name(i, lang) for i in order], name=lc.text("indicators.indicator", lang))
    table.columns.name = None
    return table


def yes_no_overview(data: pd.DataFrame, catalogue: pd.DataFrame, *, lang: str = "sv") -> pd.DataFrame:
    """Every municipality's Ja/Nej answers side by side: one row per Ja/Nej indicator, one column per municipality.

    The county and national columns give the share of municipalities answering
    Ja. A cell is ``Ja``, ``Nej``, ``x`` or ``–`` (bortfall).
    """
    matt = catalogue.set_index("indikator")["enhet"].astype(str)
    yn = data[data["indikator"].astype(str).map(matt) == "ja_nej"]
    order_units = list(dict.fromkeys(yn["enhet"]))
    order_ind = [i for i in catalogue["indikator"] if i in set(yn["indikator"])]
    cells = {}
    for r in yn.itertuples(index=False):
        cells[(r.indikator, r.enhet)] = format_value(r.varde, r.saknas, "ja_nej", str(r.niva), lang)
    table = pd.DataFrame([[cells.get((i, u), MISSING_TEXT) for u in order_units] for i in order_ind],
                         index=pd.Index([indicator_name(i, lang) for i in order_ind],
                                        name=lc.text("indicators.indicator", lang)),
                         columns=order_units)
    return table


def thirds_table(data: pd.DataFrame, catalogue: pd.DataFrame, *, groups: pd.Series | None = None,
                 lang: str = "sv") -> pd.DataFrame:
    """Kolada-style thirds of the share and number indicators, with the caveat in ``.attrs["caveat"]``.

    One row per indicator, one column per municipality: the third
    (best/middle/worst) among the municipalities compared. The caveat says
    that the colour is relative, not a verdict; show it with the table.
    """
    t = relative_thirds(data, catalogue, groups=groups)
    words = {code: lc.text(f"indicators.third.{code}", lang) for code in ("basta", "mellan", "samsta")}
    t["ord"] = [words.get(c, "") if c is not None else "" for c in t["tredjedel"]]
    table = t.pivot(index="indikator", columns="enhet", values="ord")
    order = [i for i in catalogue["indikator"] if i in table.index]
    units = list(dict.fromkeys(t["enhet"]))
    table = table.loc[order, units].fillna("")
    table.index = pd.Index([indicator_name(i, lang) for i in order], name=lc.text("indicators.indicator", lang))
    table.columns.name = None
    table.attrs["caveat"] = lc.text("indicators.caveat_relative", lang)
    return table
