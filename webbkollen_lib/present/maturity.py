"""Follow-up maturity 2012 → 2015 → 2017 as people read it: :mod:`webbkollen_lib.analysis.maturity` with words.

Every word comes from the label catalogue (group ``mognad``); shares are whole
per cent, a synthetic share says so, and ``–`` marks a source without a share
for the theme.

>>> sources_table().shape[0]
3
>>> overview_table().shape
(9, 3)
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.analysis.maturity import SOURCES, THEMES, follow_up_maturity, source_overview
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import MISSING_TEXT, format_percent

__all__ = ["word", "share_text", "count_text", "sources_table", "overview_table", "maturity_table"]


def word(group: str, code, lang: str = "sv") -> str:
    """The catalogue's words for a code of the maturity table (``–`` where there is none)."""
    return MISSING_TEXT if pd.isna(code) or code == "" else lc.text(f"mognad.{group}.{code}", lang)


def share_text(share, lang: str = "sv", *, published: bool = True) -> str:
    """A percent of the table (0–100) as text; a synthetic one says so."""
    if pd.isna(share):
        return MISSING_TEXT
    return format_percent(share / 100, lang=lang) + ("" if published else f" ({word('publicerad', 'nej', lang).lower()})")


def count_text(n, base, lang: str = "sv") -> str:
    """``6 av 190``; the count alone without a base, ``–`` without a count."""
    if pd.isna(n):
        return MISSING_TEXT
    return str(n) if pd.isna(base) else lc.text("mognad.antal_av", lang, n=n, bas=base)


def sources_table(lang: str = "sv") -> pd.DataFrame:
    """The three sources: who answered, what was asked, when."""
    sources = source_overview()
    return pd.DataFrame({
        word("kolumn", "vem", lang): [lc.text(f"mognad.vem.{row['kalla']}", lang, **row.dropna().to_dict())
                                      for _, row in sources.iterrows()],
        word("kolumn", "fragade", lang): [word("fragade", k, lang) for k in sources["kalla"]],
        word("kolumn", "nar", lang): [word("nar", k, lang) for k in sources["kalla"]],
    }, index=pd.Index([word("kalla", k, lang) for k in sources["kalla"]], name=word("kolumn", "kalla", lang)))


def overview_table(table: pd.DataFrame | None = None, lang: str = "sv") -> pd.DataFrame:
    """One theme per row and one source per column, each cell the share (``–`` where the source has none)."""
    table = follow_up_maturity() if table is None else table
    cells = [share_text(a, lang, published=p) for a, p in zip(table["andel"], table["publicerad"].fillna(True))]
    wide = table.assign(cell=cells).pivot(index="tema", columns="kalla", values="cell").loc[list(THEMES), list(SOURCES)]
    wide.index = [word("tema", t, lang) for t in wide.index]
    wide.columns = [word("kalla", k, lang) for k in wide.columns]
    return wide


def maturity_table(table: pd.DataFrame | None = None, lang: str = "sv") -> pd.DataFrame:
    """Every row of :func:`~webbkollen_lib.analysis.maturity.follow_up_maturity` with its words: what it counts,
    how its question differs from 2012's, where it stands in its source and its caveat."""
    t = follow_up_maturity() if table is None else table
    return pd.DataFrame({
        word("kolumn", "tema", lang): [word("tema", x, lang) for x in t["tema"]],
        word("kolumn", "kalla", lang): [word("kalla", x, lang) for x in t["kalla"]],
        word("kolumn", "andel", lang): [share_text(a, lang) for a in t["andel"]],
        word("kolumn", "antal", lang): [count_text(n, b, lang) for n, b in zip(t["n"], t["bas"])],
        word("kolumn", "enhet", lang): [word("enhet", x, lang) for x in t["enhet"]],
        word("kolumn", "bas", lang): [word("bas", x, lang) for x in t["bas_kod"]],
        word("kolumn", "jamforbar", lang): [word("jamforbar", x, lang) for x in t["jamforbar"]],
        word("kolumn", "fraga_id", lang): [x or MISSING_TEXT for x in t["fraga_id"]],
        word("kolumn", "publicerad", lang): [MISSING_TEXT if pd.isna(p) else word("publicerad", "ja" if p else "nej", lang)
                                             for p in t["publicerad"]],
        word("kolumn", "forbehall", lang): [word("forbehall", x, lang) for x in t["forbehall"]],
    })
