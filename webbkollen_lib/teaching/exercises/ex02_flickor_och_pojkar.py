"""Exercise 2: Jämföra flickor och pojkar.

*Comparing girls and boys.*
The tasks of ``exercises/02_flickor_och_pojkar.ipynb``, with the hints they give.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.analysis.comparisons import compare_groups, share_by_group
from webbkollen_lib.core.formatting import format_p_statement
from webbkollen_lib.teaching.exercises.answers import num, pct, report_figure
from webbkollen_lib.teaching.exercises.checking import Mistake, Task, Unavailable

NUMBER = 2
NOTEBOOK = "02_flickor_och_pojkar"
TITLE = ("Jämföra flickor och pojkar", "Comparing girls and boys")


def _sbg(ctx, variable, by, category=None) -> pd.DataFrame:
    return ctx.memo(("sbg", variable, by, category), lambda: share_by_group(ctx.data, variable, by=by, category=category, ci=None))


def _sbg_value(ctx, variable, by, group, column="share", category=None):
    t = _sbg(ctx, variable, by, category)
    rows = t[t["group"].eq(group)]
    if len(rows) != 1:
        raise Unavailable(f"gruppen {group!r} finns inte i data")
    return float(rows.iloc[0][column])


def _t2_1(ctx):
    return _sbg_value(ctx, "hem_familjekonflikt", "kon", "flicka")


def _t2_1_of_all(ctx):
    return _sbg_value(ctx, "hem_familjekonflikt", "kon", "flicka", "n") / len(ctx.data)


def _t2_1_girls_among_cases(ctx):
    t = _sbg(ctx, "hem_familjekonflikt", "kon")
    return float(t.loc[t["group"].eq("flicka"), "n"].sum() / t["n"].sum())


def _compare_count(ctx, test):
    frame = ctx.memo(("cg", test), lambda: compare_groups(ctx.data, "antal_utsatthet", by="kon", test=test))
    return frame.iloc[0]


def _t2_2(ctx):
    row = _compare_count(ctx, "welch")
    return float(row["estimate_flicka"] - row["estimate_pojke"])


def _t2_3(ctx):
    return "a" if _compare_count(ctx, "mannwhitney")["p"] < 0.05 else "b"


def _t2_3_hint(ctx):
    p = _compare_count(ctx, "mannwhitney")["p"]
    return (
        f"Titta på kolumnen p-värde: {format_p_statement(p)}. Är p mindre än 0,05 säger man att skillnaden är "
        "statistiskt säkerställd på 5 %-nivån; är p större kan skillnaden lika gärna bero på slumpen."
    )


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_2_1", "Hur stor andel av flickorna hade 'Andra familjekonflikter' som identifierad utsatthet?",
        "share", _t2_1,
        mistakes=(
            Mistake(lambda c: _sbg_value(c, "hem_familjekonflikt", "kon", "pojke"),
                    "Det är pojkarnas andel. Titta i kolumnen för flickor."),
            Mistake(_t2_1_of_all,
                    "Du har delat med alla registreringar. Nämnaren ska vara flickorna: andelen av flickorna."),
            Mistake(_t2_1_girls_among_cases,
                    "Du har räknat hur stor andel av ärendena med familjekonflikt som gällde flickor. Det är en annan "
                    "fråga: här ska du dela med antalet flickor."),
            Mistake(lambda c: _sbg_value(c, "hem_familjekonflikt", "kon", "flicka", "n"),
                    "Det är antalet flickor med familjekonflikt. Frågan gäller andelen av flickorna."),
        ),
        hint="Titta i kolumnen för flickor, raden Andra familjekonflikter.",
        explain=lambda c: f"{pct(_t2_1(c))} av flickorna, mot {pct(_sbg_value(c, 'hem_familjekonflikt', 'kon', 'pojke'))} av pojkarna.",
    ),
    Task(
        "uppgift_2_2", "Hur många fler utsatthetsformer har flickor i genomsnitt än pojkar (flickor minus pojkar)?",
        "number", _t2_2, tolerance=0.11,
        mistakes=(
            Mistake(lambda c: -_t2_2(c), "Du har räknat pojkar minus flickor. Räkna flickornas medelvärde minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "welch")["estimate_flicka"]),
                    "Det är flickornas medelvärde. Frågan gäller skillnaden: flickornas minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "welch")["estimate_pojke"]),
                    "Det är pojkarnas medelvärde. Frågan gäller skillnaden: flickornas minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "mannwhitney")["estimate_flicka"] - _compare_count(c, "mannwhitney")["estimate_pojke"]),
                    "Det är skillnaden mellan medianerna. Frågan gäller medelvärdena (talet före parentesen)."),
        ),
        hint="Medelvärdet är talet före parentesen (inom parentes står standardavvikelsen). Ta flickornas minus pojkarnas.",
        explain=lambda c: f"Flickor har i genomsnitt {num(_t2_2(c))} fler identifierade utsatthetsformer än pojkar "
                          f"(rapporten: {report_figure('e1_medel_flickor')} mot {report_figure('e1_medel_pojkar')}).",
    ),
    Task(
        "uppgift_2_3", "Är skillnaden i antal utsatthetsformer mellan flickor och pojkar statistiskt säkerställd på 5 %-nivån?",
        "choice", _t2_3,
        choices={"a": "Ja", "b": "Nej"},
        choice_hints={"a": _t2_3_hint, "b": _t2_3_hint},
        concept="Statistiskt säkerställd på 5 %-nivån betyder att p-värdet är mindre än 0,05.",
        where="Titta i tabellen med medelvärden, i kolumnen p-värde på raden för antalet utsatthetsformer.",
        explain="Kom ihåg: statistiskt säkerställd betyder inte att skillnaden är stor eller viktig, bara att den "
                "knappast beror på slumpen – och bara om data är ett slumpmässigt urval, vilket de inte är här.",
    ),
    Task(
        "uppgift_2_4", "Varför avslutas insatser för utlandsfödda pojkar mer sällan med att målet uppnåtts?",
        "choice", "b", data="none",
        choices={
            "a": "Socialtjänsten arbetar sämre med utlandsfödda pojkar.",
            "b": "Många av dem är ensamkommande, och deras insatser avslutas oftare av andra skäl (t.ex. flytt).",
            "c": "Det är slumpen, eftersom gruppen är liten.",
        },
        choice_hints={
            "a": "Data säger inget om hur väl socialtjänsten arbetar. Byt grupp till 'ensamkommande' i cellen ovan och "
                 "se vad som händer med skillnaden.",
            "c": "Gruppen utlandsfödda pojkar är inte särskilt liten. Byt grupp till 'ensamkommande' i cellen ovan: "
                 "skillnaden följer med de ensamkommande barnen.",
        },
        explain="Rapporten förklarar skillnaden med att insatserna för ensamkommande i högre utsträckning avslutades "
                "utan att målet var uppfyllt. En tredje variabel (ensamkommande) ligger bakom skillnaden.",
    ),
)}
