"""Exercise 8: Tolka med försiktighet.

*Interpreting with care.*
The tasks of ``exercises/08_tolka_med_forsiktighet.ipynb``, with the hints they give.
"""

from __future__ import annotations

import numpy as np

import webbkollen_lib.disclosure as disclosure
from webbkollen_lib.analysis.descriptive import crosstab
from webbkollen_lib.teaching.exercises.answers import count, num
from webbkollen_lib.teaching.exercises.checking import Mistake, Task, Unavailable
from webbkollen_lib.teaching.exercises.notebook import count_table

NUMBER = 8
NOTEBOOK = "08_tolka_med_forsiktighet"
TITLE = ("Tolka med försiktighet", "Interpreting with care")


def _risk_by_sex_origin(ctx):
    return ctx.memo("risk_so", lambda: crosstab(ctx.data, "risk_beslut", by="kon_ursprung"))


def _t8_2(ctx):
    return int(_risk_by_sex_origin(ctx).counts.loc["utlandet_flicka", "total"])


def _t8_2_all_girls_abroad(ctx):
    return count(ctx, "kon_ursprung", "utlandet_flicka")


def _t8_3(ctx):
    n = _t8_2(ctx)
    if n == 0:
        raise Unavailable("det finns inga utlandsfödda flickor med riskbedömning i data")
    return 1 / n


def _protected(ctx):
    min_cell = ctx.opt("min_cell", disclosure.MIN_CELL)
    return ctx.memo(("pt", min_cell), lambda: disclosure.protect_table(count_table(ctx.data, "avslutsorsak", by="kommun"), min_cell))


def _t8_4(ctx):
    return _protected(ctx).n_masked


def _t8_4_primary(ctx):
    counts = count_table(ctx.data, "avslutsorsak", by="kommun")
    return int(np.asarray(disclosure.primary_mask(counts, ctx.opt("min_cell", disclosure.MIN_CELL))).sum())


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_8_1", "Data har en rad per registrering. Hur många barn handlar det om?", "choice", "b", data="none",
        choices={
            "a": "Lika många barn som rader.",
            "b": "Högst lika många som rader – samma barn kan ha registrerats flera gånger, och det finns inget id att räkna barnen med.",
            "c": "Fler barn än rader, eftersom syskon räknas på samma rad.",
        },
        choice_hints={
            "a": "Webbkollen registrerade per insats, utan personnummer eller annat id (§2.1). Ett barn med två "
                 "insatser, eller som registrerats både vid uppföljning och avslut, finns på flera rader.",
            "c": "Varje registrering gäller ett barn och en insats; syskon registreras var för sig.",
        },
        explain="Dubbelregistrering: siffrorna gäller insatser, inte barn. Skriv 'insatser' eller 'registreringar', "
                "inte 'barn', när du redovisar.",
    ),
    Task(
        "uppgift_8_2", "Hur många utlandsfödda flickor har en känd riskbedömning vid beslut?", "count", _t8_2,
        mistakes=(
            Mistake(_t8_2_all_girls_abroad,
                    "Det är alla utlandsfödda flickor, också de utan riskbedömning. Tabellen räknar bara dem med "
                    "en känd bedömning: läs n på raden."),
            Mistake(lambda c: int(_risk_by_sex_origin(c).counts.loc["total", "total"]),
                    "Det är alla i tabellen. Läs n på raden Utlandsfödd flicka."),
        ),
        hint="Läs av n i radrubriken Utlandsfödd flicka (n = …).",
        explain="Så få barn gör att procenttalen i raden blir mycket osäkra.",
    ),
    Task(
        "uppgift_8_3", "Hur mycket ändras andelen 'hög risk' för utlandsfödda flickor om en enda flicka bedömts annorlunda?",
        "share", _t8_3, tolerance=0.006,
        mistakes=(
            Mistake(lambda c: 1 / int(_risk_by_sex_origin(c).counts.loc["total", "total"]),
                    "Du har delat med alla i tabellen. En flicka är en av flickorna: dela 1 med antalet utlandsfödda "
                    "flickor med känd riskbedömning."),
            Mistake(lambda c: 1 / _t8_2_all_girls_abroad(c),
                    "Du har delat med alla utlandsfödda flickor, också dem utan riskbedömning. Andelen räknas på dem "
                    "med en känd bedömning."),
        ),
        hint="En flicka av n flickor är 1/n av gruppen. Använd n från uppgift 8.2.",
        explain=lambda c: f"Ett enda barn flyttar andelen {num(100 * _t8_3(c), 1)} procentenheter. Små grupper ger "
                          "stora hopp i procenttalen.",
    ),
    Task(
        "uppgift_8_4", "Hur många tal i den skyddade tabellen visas som x?", "count", _t8_4,
        mistakes=(
            Mistake(_t8_4_primary,
                    "Du har räknat de små talen (1–4) i den oskyddade tabellen. Fler tal döljs: annars kunde man räkna "
                    "fram de små talen ur summorna (sekundär röjandekontroll). Räkna x i den skyddade tabellen."),
        ),
        hint="Räkna alla x i den skyddade tabellen under Antal, också i raden och kolumnen Totalt.",
        explain="Ett litet tal kan peka ut ett barn. Därför döljs små tal – och de tal de kan räknas fram ur.",
    ),
    Task(
        "uppgift_8_5", "Kan resultaten sägas gälla för barn med insatser i hela Sverige?", "choice", "b", data="none",
        choices={
            "a": "Ja, fyrahundra ärenden är många.",
            "b": "Nej, kommunerna deltog frivilligt och alla ärenden registrerades inte, så vi vet inte hur representativa data är.",
            "c": "Ja, om skillnaderna är statistiskt säkerställda.",
        },
        choice_hints={
            "a": "Många ärenden ger mindre slumposäkerhet, men hjälper inte om urvalet är snedvridet: kommunerna "
                 "valde själva att delta och registrerade inte alla ärenden.",
            "c": "Ett signifikanstest förutsätter ett slumpmässigt urval. Det säger inget om hur representativa "
                 "kommunerna och ärendena är.",
        },
        explain="Rapporten betonar att resultaten ska tolkas med stor försiktighet: de är 'lärande exempel', inte "
                "representativa siffror (§2.2, §4.2).",
    ),
)}
