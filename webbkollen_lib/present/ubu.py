"""UBU's readable tables: the analyses of :mod:`webbkollen_lib.analysis.ubu` with words and rounded numbers.

Every word comes from the codebook (:func:`~webbkollen_lib.systems.ubu.instrument.get_ubu_codebook`:
items and codes) or the label catalogue (group ``ubu``); numbers are rounded
for people (means to one decimal, shares to whole percent) and suppressed
values are ``x`` (:data:`webbkollen_lib.disclosure.SUPPRESSED`).
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.analysis import ubu as analysis
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_count, format_interval, format_number, format_percent
from webbkollen_lib.disclosure import MIN_CELL, SUPPRESSED, protect_table
from webbkollen_lib.systems.ubu.instrument import AREAS, MIN_QUESTIONNAIRES, get_ubu_codebook, items

__all__ = [
    "area_name", "part_name", "instrument_table", "response_table", "index_table", "party_table",
    "reliability_table", "agreement_table", "lookup_table", "effects_table", "answers_table", "coverage_table",
    "mean_with_interval", "min_questionnaires_note", "overall_index_table", "sparr_summary",
]


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"ubu.{key}", lang, **fields)


def area_name(area: str, lang: str = "sv") -> str:
    """An index area's name (``trygghet`` -> "Trygghet och omhändertagande")."""
    return _w(f"area.{area}", lang)


def part_name(part: str, lang: str = "sv") -> str:
    """A party's name (``ungdom`` -> "Ungdom"; ``alla`` -> "Alla parter")."""
    return _w(f"part.{part}", lang)


def mean_with_interval(mean, low, high, lang: str = "sv") -> str:
    """``3,6 (3,4–3,8)``; ``x`` for a suppressed (NaN) mean."""
    if pd.isna(mean):
        return SUPPRESSED
    if pd.isna(low) or pd.isna(high):
        return format_number(mean, 1, lang)
    return f"{format_number(mean, 1, lang)} ({format_interval(low, high, 1, lang)})"


def _share(value, lang) -> str:
    return SUPPRESSED if pd.isna(value) else format_percent(value, 0, lang)


def instrument_table(part: str | None = None, lang: str = "sv") -> pd.DataFrame:
    """The questionnaire as a person reads it: id, part, area, shared topic, where the wording comes from, text."""
    cb = get_ubu_codebook()
    rows = []
    for item in items(part):
        var = cb[item]
        rows.append({
            "id": item,
            lc.text("ubu.header.part", lang): part_name(var.attrs["part"], lang),
            lc.text("ubu.header.area", lang): area_name(var.attrs["area"], lang) if var.attrs.get("area") else "",
            lc.text("ubu.header.topic", lang): var.attrs.get("pair", ""),
            lc.text("ubu.header.wording", lang): lc.text(f"ubu.wording.{var.attrs.get('ordalydelse', 'egen')}", lang),
            lc.text("ubu.header.item", lang): var.label(lang),
        })
    return pd.DataFrame(rows)


def response_table(data: pd.DataFrame, unit: str | None = None, *, unit_column: str = "utforare",
                   lang: str = "sv") -> pd.DataFrame:
    """Answered parts per party: ``n (%)`` for the unit (if given) and for all questionnaires."""
    frames = {lc.text("ubu.header.all_providers", lang): data}
    if unit is not None:
        frames = {unit: data[data[unit_column].astype("object") == unit], **frames}
    columns = {}
    for name, frame in frames.items():
        table = analysis.response_by_part(frame)
        answered = table[table["status"] == "besvarad"].set_index("part")
        columns[name] = [f"{format_count(r.n, lang)} ({format_percent(r.share, 0, lang)})" for r in answered.itertuples()]
        index = [part_name(p, lang) for p in answered.index]
    out = pd.DataFrame(columns, index=index)
    out.index.name = lc.text("ubu.header.part", lang)
    return out.reset_index()


def index_table(per_provider: pd.DataFrame, unit: str, *, part: str = "alla", lang: str = "sv") -> pd.DataFrame:
    """One row per area: the unit's and all providers' mean (interval) and share 4–5.

    ``per_provider`` is :func:`webbkollen_lib.analysis.ubu.provider_indices`'s
    frame (already through the spärr: suppressed values are NaN and shown
    ``x``). The number of questionnaires behind each index is left out on
    purpose: beside the provider's number of questionnaires it would say how
    many lack an index in the area, often for a reason about the young
    person ("går inte i skola"), and that rest is usually one or two. The
    interval carries the precision.
    """
    rows = []
    everyone = lc.text("ubu.header.all_providers", lang)
    for area in AREAS:
        own = per_provider[(per_provider["utforare"] == unit) & (per_provider["area"] == area)
                           & (per_provider["part"] == part)].iloc[0]
        tot = per_provider[(per_provider["utforare"] == "Alla") & (per_provider["area"] == area)
                           & (per_provider["part"] == part)].iloc[0]
        rows.append({
            lc.text("ubu.header.area", lang): area_name(area, lang),
            f"{unit}: {lc.text('ubu.header.mean', lang)}": mean_with_interval(own["mean"], own["mean_low"],
                                                                               own["mean_high"], lang),
            f"{unit}: {lc.text('ubu.header.share', lang)}": _share(own["share"], lang),
            f"{everyone}: {lc.text('ubu.header.mean', lang)}": mean_with_interval(tot["mean"], tot["mean_low"],
                                                                                  tot["mean_high"], lang),
            f"{everyone}: {lc.text('ubu.header.share', lang)}": _share(tot["share"], lang),
        })
    return pd.DataFrame(rows).set_index(lc.text("ubu.header.area", lang))


def party_table(per_provider: pd.DataFrame, unit: str, *, lang: str = "sv") -> pd.DataFrame:
    """Areas × parties: the unit's mean (1–5) for each party and combined, ``x`` where suppressed.

    Without n, for the reason given in :func:`index_table`; how many of each
    party answered is the report's response table.
    """
    own = per_provider[per_provider["utforare"] == unit]
    table = own.pivot(index="area", columns="part", values="mean").reindex(index=list(AREAS),
                                                                          columns=list(analysis.ALL_PARTS))
    return pd.DataFrame({
        part_name(p, lang): [SUPPRESSED if pd.isna(m) else format_number(m, 1, lang) for m in table[p]]
        for p in analysis.ALL_PARTS
    }, index=pd.Index([area_name(a, lang) for a in AREAS], name=lc.text("ubu.header.area", lang)))


def overall_index_table(table: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.indices` (without ``by``) as areas × parties: ``mean (low–high)``."""
    cells = {(r.area, r.part): mean_with_interval(r.mean, r.mean_low, r.mean_high, lang) for r in table.itertuples()}
    parts = [p for p in analysis.ALL_PARTS if p in set(table["part"])]
    areas = [a for a in AREAS if a in set(table["area"])]
    return pd.DataFrame({part_name(p, lang): [cells.get((a, p), "") for a in areas] for p in parts},
                        index=pd.Index([area_name(a, lang) for a in areas], name=lc.text("ubu.header.area", lang)))


def sparr_summary(status: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """How many providers each spärr status has (:func:`~webbkollen_lib.analysis.ubu.sparr`): counts, never names."""
    counts = status["status"].value_counts()
    order = ["visas", "sparrad", "sparrad_sekundart"]
    return pd.DataFrame({
        lc.text("ubu.header.status", lang): [_w(f"sparr_status.{s}", lang) for s in order],
        lc.text("ubu.header.providers", lang): [format_count(int(counts.get(s, 0)), lang) for s in order],
    })


def reliability_table(reliability: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.index_reliability` for people: alpha (interval), items, n."""
    return pd.DataFrame({
        lc.text("ubu.header.area", lang): [area_name(a, lang) for a in reliability["area"]],
        lc.text("ubu.header.part", lang): [part_name(p, lang) for p in reliability["part"]],
        lc.text("ubu.header.items", lang): reliability["items"].astype(int),
        lc.text("ubu.header.alpha", lang): [
            "–" if pd.isna(a) else f"{format_number(a, 2, lang)} ({format_interval(lo, hi, 2, lang)})"
            for a, lo, hi in zip(reliability["alpha"], reliability["ci_low"], reliability["ci_high"])
        ],
        "n": [format_count(n, lang) for n in reliability["n"]],
    })


def agreement_table(agreement: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.agreement.parties.party_agreement` for people."""
    cb = get_ubu_codebook()
    return pd.DataFrame({
        lc.text("ubu.header.topic", lang): [cb[i].label(lang) for i in agreement["item_second"]],
        lc.text("ubu.header.parties", lang): [f"{part_name(a, lang)} – {part_name(b, lang)}"
                                              for a, b in zip(agreement["first"], agreement["second"])],
        "n": [format_count(n, lang) for n in agreement["n"]],
        lc.text("ubu.header.exact", lang): [format_percent(v, 0, lang) for v in agreement["exact"]],
        lc.text("ubu.header.within_one", lang): [format_percent(v, 0, lang) for v in agreement["within_one"]],
        lc.text("ubu.header.difference", lang): [format_number(v, 2, lang) for v in agreement["mean_difference"]],
        lc.text("ubu.header.kappa_w", lang): [
            f"{format_number(k, 2, lang)} ({format_interval(lo, hi, 2, lang)})"
            for k, lo, hi in zip(agreement["kappa_w"], agreement["kappa_low"], agreement["kappa_high"])
        ],
    })


def lookup_table(lookup: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.provider_lookup` for people: rank, provider, type, mean (interval), share, n."""
    cb = get_ubu_codebook()
    mark = _w("lookup.overlaps", lang)
    return pd.DataFrame({
        lc.text("ubu.header.rank", lang): [f"{r} {mark}" if o else str(r)
                                           for r, o in zip(lookup["rank"], lookup["overlaps_best"])],
        lc.text("ubu.header.provider", lang): lookup["utforare"],
        lc.text("ubu.header.type", lang): [cb["utforartyp"].code(t).label(lang) for t in lookup["utforartyp"]],
        lc.text("ubu.header.mean", lang): [mean_with_interval(m, lo, hi, lang) for m, lo, hi in
                                           zip(lookup["mean"], lookup["mean_low"], lookup["mean_high"])],
        lc.text("ubu.header.share", lang): [_share(s, lang) for s in lookup["share"]],
        "n": [format_count(n, lang) for n in lookup["n"]],
    })


def effects_table(effects: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.provider_effects` for people: raw and shrunken means and ranks."""
    return pd.DataFrame({
        lc.text("ubu.header.provider", lang): effects["utforare"],
        "n": [format_count(n, lang) for n in effects["n"]],
        lc.text("ubu.header.raw_mean", lang): [format_number(v, 2, lang) for v in effects["raw_mean"]],
        lc.text("ubu.header.shrunken_mean", lang): [format_number(v, 2, lang) for v in effects["shrunken_mean"]],
        lc.text("ubu.header.shrinkage", lang): [format_number(v, 2, lang) for v in effects["shrinkage"]],
        f"{lc.text('ubu.header.rank', lang)} ({lc.text('ubu.header.raw_mean', lang).lower()})": effects["rank_raw"],
        lc.text("ubu.header.rank", lang): effects["rank_shrunken"],
    })


def answers_table(breakdown: pd.DataFrame, lang: str = "sv", min_cell: int = MIN_CELL) -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.answer_breakdown` wide: per item, scored answers and each missing reason.

    Counts go through :func:`webbkollen_lib.disclosure.protect_table` (counts
    1 to ``min_cell - 1`` and what would give them away are ``x``), with the
    row totals (questionnaires) shown.
    """
    cb = get_ubu_codebook()
    scores = {"1", "2", "3", "4", "5"}
    frame = breakdown.copy()
    frame["answer"] = frame["answer"].where(~frame["answer"].isin(scores), "poang")
    wide = frame.groupby(["item", "answer"], sort=False)["n"].sum().unstack(fill_value=0)
    def header(code):
        if code in ("poang", "ej_fragad"):
            return _w(f"answer.{code}", lang)
        for item in wide.index:
            for c in cb[item].codes:
                if c.code == code:
                    return c.label(lang)
        return code
    # a reason the item does not offer is not a zero: it is blank
    offered = pd.DataFrame({c: [c in ("poang", "ej_fragad") or c in cb[i].categories for i in wide.index]
                            for c in wide.columns})
    wide.columns = [header(c) for c in wide.columns]
    wide.index = [cb[i].label(lang) for i in wide.index]
    offered.columns, offered.index = wide.columns, wide.index
    protected = protect_table(wide, min_cell, shares=False, lang=lang, total_label=_w("total", lang)).count_text
    if _w("total", lang) in protected.index:
        protected = protected.drop(index=_w("total", lang))
    protected[offered.columns] = protected[offered.columns].where(offered.to_numpy(), "–")
    protected.index.name = lc.text("ubu.header.item", lang)
    return protected.reset_index()


def coverage_table(cov: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.ubu.coverage` for people."""
    return pd.DataFrame({
        lc.text("ubu.header.kommun", lang): [_w("total", lang) if k == "Totalt" else k for k in cov.iloc[:, 0]],
        lc.text("ubu.header.enkater", lang): [format_count(v, lang) for v in cov["enkater"]],
        lc.text("ubu.header.avslutade", lang): [format_count(v, lang) for v in cov["avslutade_placeringar"]],
        lc.text("ubu.header.coverage", lang): [format_percent(v, 0, lang) for v in cov["share"]],
    })


def min_questionnaires_note(min_questionnaires: int = MIN_QUESTIONNAIRES, lang: str = "sv") -> str:
    """The footnote explaining ``x`` in UBU tables."""
    return _w("suppressed_note", lang, min=min_questionnaires)
