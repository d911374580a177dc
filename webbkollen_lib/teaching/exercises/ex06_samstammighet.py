"""Exercise 6: Samstämmighet i en vinjett – och vad som skapar oenighet.

*Agreement on a vignette, and what drives disagreement.*
The tasks of ``exercises/06_samstammighet.ipynb``, with the hints they give.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from webbkollen_lib.agreement.coefficients import checklist_shares
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.teaching.exercises.answers import agreement_numbers, pct
from webbkollen_lib.teaching.exercises.checking import Mistake, Task, Unavailable

NUMBER = 6
NOTEBOOK = "06_samstammighet"
TITLE = ("Samstämmighet i en vinjett – och vad som skapar oenighet", "Agreement on a vignette, and what drives disagreement")


def _risk_counts(ctx) -> tuple[pd.Series, int]:
    """Counts per risk level among raters with a rating, and the number of raters in all."""
    risk = ctx.data["risk"]
    levels = get_codebook()["risk"].categories
    counts = risk.astype(object).value_counts().reindex(levels, fill_value=0)
    if counts.sum() == 0:
        raise Unavailable("ingen bedömare har gjort en riskbedömning ännu")
    return counts, len(risk)


def _t6_1(ctx):
    counts, _ = _risk_counts(ctx)
    return float(counts.max() / counts.sum())


def _t6_1_all_rows(ctx):
    counts, n_all = _risk_counts(ctx)
    return float(counts.max() / n_all)


def _overview(ctx) -> pd.DataFrame:
    return ctx.memo("overview", lambda: agreement_numbers(ctx.data))


def _t6_2(ctx):
    value = _overview(ctx)["pairs"]
    if value is None or math.isnan(value):
        raise Unavailable("det behövs minst två bedömare med en riskbedömning")
    return value


def _hem_shares(ctx) -> pd.Series:
    columns = [c for c in get_codebook()["hem"].columns if c in ctx.data.columns]
    answered = ctx.data[columns].notna().any(axis=1)
    if not columns or not answered.any():
        raise Unavailable(
            "ingen bedömare har svarat på checklistan om utsatthet i hemmiljön "
            "(samstämmighetstest 1 – Assi och Max – frågade bara om risk; välj Jamila eller Tobias)"
        )
    return ctx.memo("hem", lambda: checklist_shares(ctx.data[answered], columns)["all"])


def _hem_names(ctx) -> dict:
    var = get_codebook()["hem"]
    return {f"{var.prefix}{c.code}": c.label("sv") for c in var.codes}


def _t6_3(ctx):
    shares = _hem_shares(ctx).dropna()
    return set(shares.index[np.isclose(shares, shares.max())])


def _t6_3_hint(ctx, answer):
    shares = _hem_shares(ctx)
    names = _hem_names(ctx)
    best = shares.idxmax()
    return (
        f"'{names[answer]}' kryssades av {pct(shares[answer])} av bedömarna, men '{names[best]}' av "
        f"{pct(shares[best])}. Titta på kolumnen med andelar."
    )


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_6_1", "Hur stor andel av bedömarna (med en riskbedömning) valde den vanligaste bedömningen?",
        "share", _t6_1, data="ratings",
        mistakes=(
            Mistake(_t6_1_all_rows,
                    "Du har delat med alla bedömare, också dem som svarade 'inte känt' (raden Saknas). Räkna bara "
                    "dem som gjorde en bedömning. (Rapporten räknade Jamila på alla 16: 11 av 16 = 69 %.)"),
            Mistake(lambda c: float(_risk_counts(c)[0].max()),
                    "Det är antalet som valde den vanligaste bedömningen. Frågan gäller andelen."),
        ),
        hint="Ta antalet på den vanligaste nivån och dela med antalet som gjorde en bedömning (utan raden Saknas).",
        explain=lambda c: f"{pct(_t6_1(c))} valde samma nivå. Resten valde något annat – i samma ärende.",
    ),
    Task(
        "uppgift_6_2", "Om två av bedömarna väljs på måfå: hur stor är chansen att de gjort samma riskbedömning?",
        "share", _t6_2, data="ratings",
        mistakes=(
            Mistake(_t6_1, "Det är andelen som valde den vanligaste nivån. Chansen att två bedömare är överens är "
                           "lägre: läs raden om par av bedömare."),
        ),
        hint="Läs av raden 'Andel par av bedömare som är överens' i översikten.",
        explain="Det är den okorrigerade överensstämmelsen (percent agreement) för ett enda ärende. För flera ärenden "
                "finns mått som korrigerar för slumpen (kappa, AC1, Krippendorffs alfa).",
    ),
    Task(
        "uppgift_6_3", "Vilken utsatthet i hemmiljön kryssade flest bedömare för?", "name", _t6_3, data="ratings",
        names=_hem_names, name_hint=_t6_3_hint,
        concept="Flest bedömare betyder den högsta andelen av bedömarna som kryssade för alternativet.",
        where="Titta i tabellen över utsatthet i hemmiljön, i kolumnen Andel som kryssade.",
        hint="Titta på tabellen med andelar per alternativ och välj det med högst andel.",
        explain="Där nästan alla kryssat samma alternativ är samstämmigheten hög; där hälften kryssat är den låg.",
    ),
    Task(
        "uppgift_6_4", "Vad skilde de bedömare som angav högre risk för Jamila från dem som angav lägre?",
        "choice", "b", data="none",
        choices={
            "a": "Hur många år de arbetat som socialsekreterare.",
            "b": "Om de tolkade det som hänt som fysiskt våld mot barnet eller som svårigheter att sätta gränser.",
            "c": "Vilken kommun de arbetade i.",
        },
        choice_hints={
            "a": "Erfarenhet kan spela in, men tabellen ovan visar något tydligare: jämför kryssen för fysiskt våld "
                 "med riskbedömningen.",
            "c": "Kommunen kan spela in (relativ bedömning), men tabellen ovan visar något tydligare: jämför kryssen "
                 "för fysiskt våld med riskbedömningen.",
        },
        explain="Rapporten (§3.3): de som angav ingen/låg risk skrev 'svårigheter i gränssättning', de som angav hög "
                "risk 'fysiskt våld mot barnet'. Samma information, olika tolkning.",
    ),
)}
