"""Exercise 4: Läsa en övergångstabell: risk vid beslut och vid avslut.

*Reading a transition table: risk at decision and at closure.*
The tasks of ``exercises/04_riskforandring.ipynb``, with the hints they give.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.analysis.change import change_summary, transition_table
from webbkollen_lib.teaching.exercises.answers import count, pct, report_figure
from webbkollen_lib.teaching.exercises.checking import Mistake, Task

NUMBER = 4
NOTEBOOK = "04_riskforandring"
TITLE = ("Läsa en övergångstabell: risk vid beslut och vid avslut", "Reading a transition table: risk at decision and at closure")


def _transitions(ctx, normalize=None) -> pd.DataFrame:
    return ctx.memo(("tt", normalize), lambda: transition_table(ctx.data, "risk_beslut", "risk_avslut", normalize=normalize))


def _changes(ctx) -> pd.DataFrame:
    return ctx.memo("cs", lambda: change_summary(ctx.data, "risk_beslut", "risk_avslut"))


def _t4_1(ctx):
    return int(_transitions(ctx).loc["hog"].sum())


def _t4_2(ctx):
    return float(_changes(ctx).loc["hog", "lower"])


def _t4_3(ctx):
    return float(_changes(ctx).loc["mycket_hog", "same"])


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_4_1", "Hur många ärenden i tabellen hade hög risk vid beslut?", "count", _t4_1,
        mistakes=(
            Mistake(lambda c: int(_transitions(c)["hog"].sum()),
                    "Du har summerat kolumnen Hög risk: det är antalet med hög risk vid avslut. "
                    "Raderna är bedömningen vid beslut."),
            Mistake(lambda c: int(_transitions(c).loc["hog", "hog"]),
                    "Det är bara de som hade hög risk både vid beslut och vid avslut (en cell). Summera hela raden."),
            Mistake(lambda c: count(c, "risk_beslut", "hog"),
                    "Du har räknat alla med hög risk vid beslut, också de som saknar bedömning vid avslut. Tabellen "
                    "bygger bara på ärenden med en bedömning vid båda tillfällena: summera raden i tabellen."),
        ),
        hint="Raderna är risken vid beslut. Summera hela raden Hög risk.",
        explain=lambda c: f"{_t4_1(c)} ärenden hade hög risk vid beslut och en bedömning även vid avslut.",
    ),
    Task(
        "uppgift_4_2", "Av ärendena med hög risk vid beslut: hur stor andel bedömdes ha lägre risk vid avslut?",
        "share", _t4_2,
        mistakes=(
            Mistake(lambda c: float(_transitions(c, "index").loc["hog", "nagot_forhojd"]),
                    "Du har bara tagit med en cell. Lägre risk än hög är både något förhöjd och ingen/låg: lägg ihop dem."),
            Mistake(lambda c: float(_changes(c).loc["hog", "same"]),
                    "Det är andelen som fick samma bedömning (hög) vid avslut."),
            Mistake(lambda c: float(_changes(c).loc["hog", "n_lower"] / _transitions(c).to_numpy().sum()),
                    "Du har delat med alla ärenden i tabellen. Nämnaren ska vara raden: de som hade hög risk vid beslut."),
            Mistake(lambda c: float(_changes(c).loc["hog", "n_lower"]), "Det är antalet. Frågan gäller andelen av raden."),
        ),
        hint="Gå till raden Hög risk. Lägg ihop andelarna i cellerna till vänster om diagonalen (lägre risk).",
        explain=lambda c: f"{pct(_t4_2(c))} av dem med hög risk vid beslut hade lägre risk vid avslut (rapporten: {report_figure('f8_hog_lagre')}).",
    ),
    Task(
        "uppgift_4_3", "Av ärendena med mycket hög risk vid beslut: hur stor andel hade samma bedömning vid avslut?",
        "share", _t4_3,
        mistakes=(
            Mistake(lambda c: float(_transitions(c, "columns").loc["mycket_hog", "mycket_hog"]),
                    "Du har räknat andelen av kolumnen (de med mycket hög risk vid avslut). Frågan utgår från "
                    "bedömningen vid beslut: räkna andelen av raden."),
            Mistake(lambda c: float(_changes(c).loc["mycket_hog", "lower"]),
                    "Det är andelen som fick lägre risk vid avslut. Frågan gäller samma bedömning (diagonalen)."),
            Mistake(lambda c: int(_transitions(c).loc["mycket_hog", "mycket_hog"]),
                    "Det är antalet. Frågan gäller andelen av raden."),
        ),
        hint="Gå till raden Mycket hög risk och läs av cellen där kolumnen också är Mycket hög risk (diagonalen).",
        explain=lambda c: f"{pct(_t4_3(c))} (rapporten: {report_figure('f8_mycket_hog_samma')}).",
    ),
    Task(
        "uppgift_4_4", "Vad visar övergångstabellen?", "choice", "b", data="none",
        choices={
            "a": "Att insatserna sänkte risken för barnen.",
            "b": "Hur bedömningen vid avslut förhåller sig till bedömningen vid beslut i samma ärende – inte varför den ändrades.",
            "c": "Att riskbedömningen är tillförlitlig, eftersom de flesta ändras åt samma håll.",
        },
        choice_hints={
            "a": "Tabellen har ingen jämförelsegrupp utan insats. Risken kan ha ändrats av andra skäl, bedömningarna "
                 "kan vara gjorda av olika personer, och en bedömning kan vara relativ (§3.3).",
            "c": "Att ändringarna går åt samma håll säger inget om tillförlitligheten. Samstämmighetstesterna (övning 6) "
                 "visade att olika socialsekreterare ofta bedömer samma ärende olika.",
        },
        explain="Tabellen beskriver förändring i bedömningen. Den kan väcka frågor om insatserna, men inte besvara om "
                "insatserna orsakade förändringen.",
    ),
)}
