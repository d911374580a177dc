"""Exercise 3: Samtal med barnet vid beslut och vid avslut.

*Talks with the child at decision and at closure.*
The tasks of ``exercises/03_samtal_med_barnet.ipynb``, with the hints they give.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.systems.webbkollen.derived import SEX_ORIGIN_LABELS
from webbkollen_lib.teaching.exercises.answers import count, missing_hint, pct, report_figure, share
from webbkollen_lib.teaching.exercises.checking import Mistake, Task

NUMBER = 3
NOTEBOOK = "03_samtal_med_barnet"
TITLE = ("Samtal med barnet vid beslut och vid avslut", "Talks with the child at decision and at closure")


_TALK_BEFORE, _TALK_AFTER = "samtal_enskilt_beslut", "samtal_enskilt_avslut"
_SEX_ORIGIN_LETTERS = {"sverige_flicka": "a", "sverige_pojke": "b", "utlandet_flicka": "c", "utlandet_pojke": "d"}


def _t3_1(ctx):
    return share(ctx, _TALK_BEFORE, True)


def _t3_2(ctx):
    return share(ctx, _TALK_AFTER, True)


def _talk_by_group(ctx) -> pd.DataFrame:
    def compute():
        rows = []
        for code in _SEX_ORIGIN_LETTERS:
            before = share(ctx, _TALK_BEFORE, True, by="kon_ursprung", group=code)
            after = share(ctx, _TALK_AFTER, True, by="kon_ursprung", group=code)
            rows.append({"group": code, "label": SEX_ORIGIN_LABELS["sv"][code], "before": before, "after": after})
        frame = pd.DataFrame(rows).set_index("group")
        frame["change"] = frame["after"] - frame["before"]
        return frame

    return ctx.memo("talk_by_group", compute)


def _t3_4(ctx):
    t = _talk_by_group(ctx).dropna(subset=["change"])
    best = t["change"].max()
    return {_SEX_ORIGIN_LETTERS[g] for g in t.index[np.isclose(t["change"], best)]}


def _t3_4_hint(letter):
    code = {v: k for k, v in _SEX_ORIGIN_LETTERS.items()}[letter]

    def hint(ctx):
        t = _talk_by_group(ctx)
        best = t["change"].idxmax()
        return (
            f"För {t.loc[code, 'label'].lower()} ändras andelen från {pct(t.loc[code, 'before'])} till "
            f"{pct(t.loc[code, 'after'])}, men för {t.loc[best, 'label'].lower()} från "
            f"{pct(t.loc[best, 'before'])} till {pct(t.loc[best, 'after'])}. Jämför de två raderna i varje kolumn."
        )

    return hint


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_3_1", "Hur stor andel av barnen hade ett enskilt samtal vid beslut om insats (alla barn, de med svar)?",
        "share", _t3_1,
        mistakes=(
            Mistake(_t3_2, "Det är andelen vid avslut. Frågan gäller samtal vid beslut om insats (under utredningen)."),
            Mistake(lambda c: share(c, _TALK_BEFORE, True, dropna=False), missing_hint(_TALK_BEFORE)),
            Mistake(lambda c: count(c, _TALK_BEFORE, True), "Det är antalet. Frågan gäller andelen."),
        ),
        hint="Titta i kolumnen Totalt, raden Enskilt samtal med barnet vid beslut om insats.",
        explain=lambda c: f"{pct(_t3_1(c))} vid beslut (rapporten: {report_figure('s42_samtal_enskilt_beslut')}).",
    ),
    Task(
        "uppgift_3_2", "Hur stor andel av barnen hade ett enskilt samtal vid avslut av insatsen?",
        "share", _t3_2,
        mistakes=(
            Mistake(_t3_1, "Det är andelen vid beslut. Frågan gäller samtal vid avslut av insatsen."),
            Mistake(lambda c: share(c, _TALK_AFTER, True, dropna=False), missing_hint(_TALK_AFTER)),
            Mistake(lambda c: count(c, _TALK_AFTER, True), "Det är antalet. Frågan gäller andelen."),
        ),
        hint="Titta i kolumnen Totalt, raden Enskilt samtal med barnet vid avslut av insats.",
        explain=lambda c: f"{pct(_t3_2(c))} vid avslut (rapporten: {report_figure('s42_samtal_enskilt_avslut')}).",
    ),
    Task(
        "uppgift_3_3", "Hur många procentenheter lägre är andelen vid avslut än vid beslut?",
        "points", lambda c: 100 * (_t3_1(c) - _t3_2(c)),
        mistakes=(
            Mistake(lambda c: -100 * (_t3_1(c) - _t3_2(c)),
                    "Du har räknat avslut minus beslut. Frågan gäller hur mycket lägre: beslut minus avslut."),
            Mistake(lambda c: 100 * (1 - _t3_2(c) / _t3_1(c)),
                    "Du har räknat den relativa minskningen i procent (hur stor del av samtalen som försvann). "
                    "Frågan gäller skillnaden i procentenheter: andelen vid beslut minus andelen vid avslut."),
            Mistake(lambda c: _t3_1(c) - _t3_2(c),
                    "Svara i procentenheter: 25 procentenheter skrivs 25, inte 0.25."),
        ),
        hint="Ta procenten vid beslut minus procenten vid avslut, i kolumnen Totalt.",
        explain="Skillnaden mellan två procenttal kallas procentenheter. 57 % → 32 % är 25 procentenheter lägre, "
                "men 44 procent lägre räknat relativt.",
    ),
    Task(
        "uppgift_3_4", "I vilken grupp minskar andelen enskilda samtal minst från beslut till avslut (eller ökar)?",
        "choice", _t3_4,
        choices={"a": "Svenskfödda flickor", "b": "Svenskfödda pojkar", "c": "Utlandsfödda flickor", "d": "Utlandsfödda pojkar"},
        choice_hints={letter: _t3_4_hint(letter) for letter in "abcd"},
        concept="Hur mycket en andel minskar är andelen vid beslut minus andelen vid avslut (procentenheter). "
                "Minst minskning är den minsta skillnaden – eller en ökning.",
        where="Gå igenom kolumnerna i tabellen en i taget och jämför raden vid beslut med raden vid avslut.",
        explain="Titta också på gruppens storlek (N i kolumnrubriken): i en liten grupp flyttar ett enda barn "
                "andelen flera procentenheter.",
    ),
)}
