"""The 2012 survey's readable tables: :mod:`webbkollen_lib.analysis.kartlaggning` with words and rounded numbers.

Every word comes from the survey's codebook (questions, alternatives, regions:
:func:`~webbkollen_lib.systems.kartlaggning2012.survey.get_kartlaggning_codebook`)
or the label catalogue (group ``kartlaggning``). Shares are whole per cent
rounded half up, as the report prints them.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.analysis import kartlaggning as analysis
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_count, format_interval, format_number, format_percent
from webbkollen_lib.systems.kartlaggning2012.reference import compare_with_published
from webbkollen_lib.systems.kartlaggning2012.survey import QUESTIONS, get_kartlaggning_codebook

__all__ = ["region_name", "alternative_name", "question_title", "response_table", "question_table",
           "priority_table", "reproduction_table"]


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"kartlaggning.{key}", lang, **fields)


def region_name(region: str, lang: str = "sv") -> str:
    """A survey region's name (``goteborgsregionen`` -> "Göteborgsregionen (GR)"; ``riket`` -> "Riket")."""
    if region == analysis.NATION:
        return _w("nation", lang)
    return get_kartlaggning_codebook()["region"].code(region).label(lang)


def alternative_name(question: int, alternative: str, lang: str = "sv") -> str:
    """An answer alternative's words (``(3, "budget")`` -> "Budget för vårdkostnader")."""
    if alternative == analysis.NO_ANSWER:
        return _w("no_answer", lang)
    if alternative == analysis.NOT_ASKED:
        return _w("not_asked", lang)
    cb = get_kartlaggning_codebook()
    var = cb[QUESTIONS[question]]
    if var.kind == "yesno":
        return cb.yes_no[alternative == "ja"][lang]
    return var.code(alternative).label(lang)


def question_title(question: int, lang: str = "sv") -> str:
    """"Fråga 3. Redovisade uppgifter"."""
    return f"{_w('question', lang, n=question)}. {get_kartlaggning_codebook()[QUESTIONS[question]].label(lang)}"


def response_table(answers: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """The report's response table: every region (those without answers too) and the total."""
    table = analysis.response_by_region(answers)
    total = pd.DataFrame([{"region": analysis.NATION, "kommuner": table["kommuner"].sum(),
                           "svarande": table["svarande"].sum()}])
    total["svarsfrekvens"] = total["svarande"] / total["kommuner"]
    rows = pd.concat([table, total], ignore_index=True)
    index = pd.Index([region_name(r, lang) if r != analysis.NATION else _w("total", lang) for r in rows["region"]],
                     name=_w("header.region", lang))
    return pd.DataFrame({
        _w("header.municipalities", lang): [format_count(v, lang) for v in rows["kommuner"]],
        _w("header.answering", lang): [format_count(v, lang) for v in rows["svarande"]],
        _w("header.rate", lang): [format_percent(v, 0, lang) for v in rows["svarsfrekvens"]],
    }, index=index)


def _share_interval(row, lang: str) -> str:
    if pd.isna(row.andel):
        return ""
    return f"{format_percent(row.andel, 0, lang)} ({format_interval(row.ci_low, row.ci_high, 0, lang, percent=True)})"


def question_table(answers: pd.DataFrame, question: int, *, region: str | None = None, base: str = "svarande",
                   lang: str = "sv") -> pd.DataFrame:
    """One question's alternatives: the region's count and share (if ``region``) beside the nation's share.

    Shares carry their 95 % Wilson interval; the alternatives are the index.
    """
    nation = analysis.survey_table(answers, base=base)
    nation = nation[nation["fraga"] == question].reset_index(drop=True)
    if nation.empty:
        raise ValueError(f"the answers have no column of question {question}")
    share = f"{_w('header.share', lang)} ({_w('header.interval', lang)})"
    table = {}
    if region is not None:
        own = analysis.survey_table(answers, region=region, base=base)
        own = own[own["fraga"] == question].set_index("alternativ").reindex(nation["alternativ"])
        name = region_name(region, lang)
        table[f"{name}: {_w('header.count', lang).lower()}"] = [format_count(n, lang) for n in own["antal"]]
        table[f"{name}: {share.lower()}"] = [_share_interval(r, lang) for r in own.itertuples()]
    table[f"{_w('nation', lang)}: {share.lower()}"] = [_share_interval(r, lang) for r in nation.itertuples()]
    index = pd.Index([alternative_name(question, a, lang) for a in nation["alternativ"]],
                     name=_w("header.alternative", lang))
    return pd.DataFrame(table, index=index)


def priority_table(priorities: pd.DataFrame, *, region: str | None = None, lang: str = "sv") -> pd.DataFrame:
    """Question 10: each area's mean rank over the regions that ranked it (and the region's own rank)."""
    means = analysis.priority_means(priorities)
    area = get_kartlaggning_codebook()["omrade"]
    table = {
        _w("header.mean_rank", lang): [format_number(m, 1, lang) if pd.notna(m) else "" for m in means["medelrang"]],
        _w("header.regions", lang): [format_count(n, lang) for n in means["regioner"]],
    }
    if region is not None:
        own = priorities[priorities["region"].astype(str) == region]
        ranks = own.set_index(own["omrade"].astype(str))["rang"].reindex(means["omrade"])
        table[_w("header.own_rank", lang)] = ["" if pd.isna(r) else format_count(r, lang) for r in ranks]
    index = pd.Index([area.code(a).label(lang) for a in means["omrade"]], name=_w("header.area", lang))
    return pd.DataFrame(table, index=index)


def reproduction_table(answers: pd.DataFrame, priorities: pd.DataFrame | None = None, *,
                       question: int | None = None, lang: str = "sv") -> pd.DataFrame:
    """Every published figure (of one ``question``, 0 = the response table) beside the one the answers give.

    Our reading of each figure (its ``note``) is in the reference file and
    ``systems/kartlaggning2012/README.md``.
    """
    table = compare_with_published(answers, priorities)
    if question is not None:
        table = table[table["fraga"] == question]

    def number(value, unit):
        if pd.isna(value):
            return ""
        if unit == "percent":
            return format_percent(value / 100, 0, lang)
        return format_number(value, 1, lang) if unit == "mean" else format_count(value, lang)

    return pd.DataFrame({
        _w("header.figure", lang): table["id"].to_numpy(),
        _w("header.source", lang): table["source"].to_numpy(),
        _w("header.published", lang): [number(v, u) for v, u in zip(table["published"], table["unit"])],
        _w("header.ours", lang): [number(v, u) for v, u in zip(table["rounded"], table["unit"])],
        _w("header.ok", lang): [_w("ja" if ok else "nej", lang) for ok in table["ok"]],
    })
