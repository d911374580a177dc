"""Exercise 9: Din kommun jämfört med alla.

*Your municipality compared with all.*
The tasks of ``exercises/09_egen_kommun.ipynb``, with the hints they give.
"""

from __future__ import annotations

import pandas as pd

import webbkollen_lib.disclosure as disclosure
from webbkollen_lib.analysis.descriptive import frequency_table
from webbkollen_lib.teaching.exercises.answers import category_row, pct
from webbkollen_lib.teaching.exercises.checking import Mistake, Task, Unavailable

NUMBER = 9
NOTEBOOK = "09_egen_kommun"
TITLE = ("Din kommun jämfört med alla", "Your municipality compared with all")


def _kommun(ctx) -> str:
    kommun = ctx.opt("kommun")
    if kommun is None:
        raise Unavailable("ange kommunen: check(..., kommun=KOMMUN)")
    present = set(ctx.data["kommun"].dropna().astype(str))
    if kommun not in present:
        raise Unavailable(f"det finns inga registreringar från {kommun!r}; välj en av {', '.join(sorted(present))}")
    return kommun


def _local(ctx) -> pd.DataFrame:
    kommun = _kommun(ctx)
    return ctx.memo(("local", kommun), lambda: ctx.data.loc[(ctx.data["kommun"].astype(object) == kommun).to_numpy()])


def _goal_met(frame: pd.DataFrame, dropna: bool = True) -> float:
    ft = frequency_table(frame, "avslutsorsak", dropna=dropna, ci=None)
    return float(category_row(ft, "mal_uppnatt")["share"])


def _t9_1(ctx):
    return _goal_met(_local(ctx))


def _t9_2(ctx):
    diff = _goal_met(_local(ctx)) - _goal_met(ctx.data)
    return "c" if abs(diff) < 0.05 else ("a" if diff > 0 else "b")


def _t9_2_hint(ctx):
    return (
        f"I {_kommun(ctx)} avslutades {pct(_goal_met(_local(ctx)))} med att målet uppnåtts, bland alla deltagare "
        f"{pct(_goal_met(ctx.data))}. Jämför den mörka och den ljusa stapeln för 'Målet med insatsen är uppnått'."
    )


def _t9_3(ctx):
    return "b" if disclosure.too_few(len(_local(ctx))) else "a"


def _t9_3_hint(ctx):
    n = len(_local(ctx))
    limit = disclosure.min_registrations()
    return (
        f"{_kommun(ctx)} har {n} registreringar. Gränsen för en egen rapport är {limit}: med färre blir nästan "
        "varje uppdelning så små tal att de måste döljas, och ett litet antal kan peka ut ett barn."
    )


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_9_1", "Hur stor andel av insatserna i din kommun avslutades med att målet var uppnått?", "share", _t9_1,
        mistakes=(
            Mistake(lambda c: _goal_met(c.data),
                    "Det är andelen för alla deltagare (den ljusa stapeln). Frågan gäller din kommun (den mörka)."),
            Mistake(lambda c: _goal_met(_local(c), dropna=False),
                    "Du har räknat med registreringar som saknar avslutsorsak i nämnaren. Diagrammet räknar andelen "
                    "av dem som har ett svar."),
        ),
        hint="Läs av den mörka stapeln för 'Målet med insatsen är uppnått'.",
        explain=lambda c: f"{pct(_t9_1(c))} i {_kommun(c)}.",
    ),
    Task(
        "uppgift_9_2", "Är andelen med uppnått mål i din kommun högre eller lägre än bland alla deltagare?", "choice", _t9_2,
        choices={"a": "Högre (minst 5 procentenheter)", "b": "Lägre (minst 5 procentenheter)", "c": "Ungefär lika (mindre än 5 procentenheter ifrån)"},
        choice_hints={letter: _t9_2_hint for letter in "abc"},
        concept="Jämför andelen i din kommun med andelen bland alla deltagare. Skillnaden räknas i procentenheter, "
                "och gränsen här är 5 procentenheter.",
        where="Titta i diagrammet vid 'Målet med insatsen är uppnått': den mörka stapeln är din kommun, den ljusa alla deltagare.",
        explain="En skillnad mellan din kommun och alla kan ha många förklaringar: olika målgrupper, olika insatser, "
                "olika sätt att registrera. Och kommunen ingår själv i 'alla'.",
    ),
    Task(
        "uppgift_9_3", "Kan kommunen få en egen rapport utan risk att enskilda barn pekas ut?", "choice", _t9_3,
        choices={"a": "Ja", "b": "Nej, den har för få registreringar"},
        choice_hints={"a": _t9_3_hint, "b": _t9_3_hint},
        concept="En kommun med för få registreringar får ingen egen rapport: med små tal kan ett enskilt barn pekas ut.",
        where="Titta på antalet registreringar för kommunen i tabellen ovan och jämför med gränsen för en egen rapport.",
        explain="Med få registreringar blir nästan varje tal i en uppdelning så litet att det måste döljas.",
    ),
)}
