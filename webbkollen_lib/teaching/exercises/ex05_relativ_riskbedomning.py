"""Exercise 5: Varför riskskalan används relativt.

*Why the risk scale is used relatively.*
The tasks of ``exercises/05_relativ_riskbedomning.ipynb``, with the hints they give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.analysis.descriptive import crosstab
from webbkollen_lib.analysis.exposure_risk import exposure_by_risk
from webbkollen_lib.teaching.exercises.answers import missing_hint, pct, report_figure, share
from webbkollen_lib.teaching.exercises.checking import Mistake, Task

NUMBER = 5
NOTEBOOK = "05_relativ_riskbedomning"
TITLE = ("Varför riskskalan används relativt", "Why the risk scale is used relatively")


def _t5_1(ctx):
    return share(ctx, "risk_beslut", "ingen_lag") + share(ctx, "risk_beslut", "nagot_forhojd")


def _table2(ctx):
    return ctx.memo("table2", lambda: exposure_by_risk(ctx.data))


def _t5_2(ctx):
    shares = _table2(ctx).shares
    return float(shares.iloc[-2]["mycket_hog"])  # the last bin ("6 eller fler"); the last row is the total


def _t5_2_row_share(ctx):
    counts = _table2(ctx).counts
    row = counts.iloc[-2]
    return float(row["mycket_hog"] / row["total"])


def _risk_by_kommun(ctx):
    return ctx.memo("risk_kommun", lambda: crosstab(ctx.data, "risk_beslut", by="kommun"))


def _kommun_names(ctx) -> dict:
    names = [k for k in pd.unique(ctx.data["kommun"].dropna().astype(str))]
    return {k: k for k in sorted(names)}


def _t5_3(ctx):
    shares = _risk_by_kommun(ctx).shares.drop(index="total")["ingen_lag"].dropna()
    return set(shares.index[np.isclose(shares, shares.max())])


def _t5_3_hint(ctx, answer):
    ct = _risk_by_kommun(ctx)
    shares = ct.shares.drop(index="total")["ingen_lag"]
    best = shares.idxmax()
    return (
        f"I {answer} bedömdes {pct(shares[answer])} ha ingen/låg risk, men i {best} {pct(shares[best])}. "
        "Titta i kolumnen Ingen/låg risk och jämför raderna."
    )


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_5_1", "Hur stor andel av ärendena bedömdes ha ingen/låg eller något förhöjd risk vid beslut?",
        "share", _t5_1,
        mistakes=(
            Mistake(lambda c: share(c, "risk_beslut", "nagot_forhojd"),
                    "Det är bara Något förhöjd risk. Lägg till Ingen/låg risk."),
            Mistake(lambda c: share(c, "risk_beslut", "ingen_lag"),
                    "Det är bara Ingen/låg risk. Lägg till Något förhöjd risk."),
            Mistake(lambda c: 1 - _t5_1(c), "Det är andelen med hög eller mycket hög risk. Frågan gäller de två lägsta nivåerna."),
            Mistake(lambda c: share(c, "risk_beslut", "ingen_lag", dropna=False) + share(c, "risk_beslut", "nagot_forhojd", dropna=False),
                    missing_hint("risk_beslut")),
        ),
        hint="Lägg ihop andelarna för Ingen/låg risk och Något förhöjd risk (av dem med en känd bedömning).",
        explain=lambda c: f"{pct(_t5_1(c))} – alltså en majoritet, fast man kunde vänta sig att de flesta ärenden "
                          "som leder till insats bedöms ha hög risk (§3.3).",
    ),
    Task(
        "uppgift_5_2", "Av ärendena med mycket hög risk vid beslut: hur stor andel hade 6 eller fler utsatthetsformer?",
        "share", _t5_2,
        mistakes=(
            Mistake(_t5_2_row_share,
                    "Du har räknat andelen av raden (bland ärenden med 6 eller fler utsatthetsformer, hur många som "
                    "hade mycket hög risk). Tabellen har kolumnprocent: varje riskkolumn summerar till 100 %."),
            Mistake(lambda c: float(_table2(c).shares.iloc[-2]["total"]),
                    "Det är andelen i kolumnen Totalt. Titta i kolumnen Mycket hög risk."),
        ),
        hint="Titta i kolumnen Mycket hög risk, raden 6 eller fler. Varje kolumn summerar till 100 %.",
        explain=lambda c: f"{pct(_t5_2(c))} (rapporten: {report_figure('t2_mycket_hog_6_plus')}). Ju fler utsatthetsformer, desto högre bedömd risk.",
    ),
    Task(
        "uppgift_5_3", "Vilken kommun bedömde störst andel av sina ärenden som ingen/låg risk vid beslut?",
        "name", _t5_3, names=_kommun_names, name_hint=_t5_3_hint,
        concept="Frågan gäller en andel av kommunens egna ärenden, inte antalet: också en liten kommun kan ha störst andel.",
        where="Titta i tabellen per kommun, i kolumnen Ingen/låg risk, och leta upp den högsta procentsatsen.",
        hint="Titta i kolumnen Ingen/låg risk och leta upp den högsta procentsatsen.",
        explain="Skillnader mellan kommuner kan spegla olika målgrupper – men också att man bedömer relativt, i "
                "förhållande till de andra ärenden man har.",
    ),
    Task(
        "uppgift_5_4", "Vad menas med att riskbedömningen blir 'relativ'?", "choice", "b", data="none",
        choices={
            "a": "Att risk- och skyddsfaktorer vägs mot varandra enligt en fast skala.",
            "b": "Att ärendet jämförs med andra aktuella ärenden, så att samma barn kan bedömas lägre där många ärenden är tunga.",
            "c": "Att risken bedöms i förhållande till barnets ålder.",
        },
        choice_hints={
            "a": "Det är så skalan är tänkt att användas – motsatsen till en relativ bedömning.",
            "c": "Ålder spelar roll för bedömningen, men det är inte det rapporten menar med relativ bedömning.",
        },
        explain="Kommunerna beskrev att man jämförde med andra aktuella ärenden (§3.3). Skalan blir då ett mått på "
                "hur allvarligt ärendet är jämfört med verksamhetens övriga, inte på barnets risk.",
    ),
)}
