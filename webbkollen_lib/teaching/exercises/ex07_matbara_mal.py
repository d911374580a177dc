"""Exercise 7: Mätbara mål med utgångsläge.

*Measurable goals with a baseline.*
The tasks of ``exercises/07_matbara_mal.ipynb``, with the hints they give.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.core.labels import text as label_text
from webbkollen_lib.teaching.exercises.checking import Task, Unavailable, join
from webbkollen_lib.teaching.exercises.goals import GOAL_ELEMENTS, goal_elements

NUMBER = 7
NOTEBOOK = "07_matbara_mal"
TITLE = ("Mätbara mål med utgångsläge", "Measurable goals with a baseline")


#: The four goals of task 7.2; exactly one has every element of :data:`GOAL_ELEMENTS`.
GOAL_OPTIONS = {
    "a": "Våldet ska upphöra.",
    "b": "Inom sex månader ska Jamila må bättre och föräldrarna vara tryggare i sin föräldraroll.",
    "c": (
        "I dag berättar Jamila för förskolan ungefär en gång i veckan att pappa har slagit henne. Inom sex "
        "månader ska hon inte ha berättat om något slag på tre månader, enligt förskolans anteckningar och "
        "samtal med Jamila vid varje uppföljning."
    ),
    "d": "Föräldrarna ska gå på föräldrakurs två gånger i veckan under hösten.",
}


def _goal_texts(ctx) -> list[str]:
    data = ctx.data
    if isinstance(data, pd.DataFrame):
        if "mal" not in data.columns:
            raise Unavailable("data har ingen kolumn 'mal' med målformuleringar")
        data = data["mal"]
    return [g for g in pd.Series(list(data), dtype=object) if isinstance(g, str) and g.strip()]


def _t7_1(ctx):
    texts = _goal_texts(ctx)
    if not texts:
        raise Unavailable("det finns inga målformuleringar i data")
    return sum(goal_elements(t)["utgangslage"] for t in texts)


def _t7_1_note(ctx, answer) -> str:
    """The acknowledgement of task 7.1: what the keyword search found, as a starting point for discussion."""
    texts = _goal_texts(ctx)
    shown = str(int(answer)) if float(answer).is_integer() else str(answer)
    return label_text("exercise_help.noted.goals_counted", n=_t7_1(ctx), total=len(texts), answer=shown)


def _t7_2(ctx):
    return {k for k, t in GOAL_OPTIONS.items() if all(goal_elements(t).values())}


def _goal_option_hint(letter):
    def hint(ctx):
        missing = [GOAL_ELEMENTS[k][0].lower() for k, v in goal_elements(GOAL_OPTIONS[letter]).items() if not v]
        extra = " Det beskriver dessutom en aktivitet (att gå på kurs), inte en förändring för Jamila." if letter == "d" else ""
        return f"Mål {letter} saknar {join(missing)}.{extra}"

    return hint


TASKS: dict[str, Task] = {t.id: t for t in (
    # not marked: the guide calls the keyword search "a rough aid for discussion, no grading"
    Task(
        "uppgift_7_1", "Hur många av målformuleringarna anger ett utgångsläge?", "count", _t7_1, data="goals",
        graded=False, acknowledge=_t7_1_note,
        hint="Ett utgångsläge beskriver hur det ser ut i dag (när, hur ofta), t.ex. 'I dag …'. Läs målen en gång till.",
        explain="Rapporten (§3.3): 'Gemensamt för samtliga målformuleringar var avsaknad av utgångsläge' för Jamila; "
                "för Tobias angav en av femton ett utgångsläge.",
    ),
    Task(
        "uppgift_7_2", "Vilket av målen går att följa upp?", "choice", _t7_2, data="none",
        choices=dict(GOAL_OPTIONS),
        choice_hints={letter: _goal_option_hint(letter) for letter in GOAL_OPTIONS},
        concept="Ett mål som går att följa upp har fyra delar: utgångsläge, antal eller frekvens, tidsram och vem som observerar.",
        where="Läs målen ett i taget och leta efter de fyra delarna, som i tabellen ovan: 'I dag …', 'gånger i veckan', "
              "'inom …', 'enligt …'.",
        explain="Mål c säger hur det är i dag, hur ofta, till när och vem som ser det. Då går det att avgöra om "
                "målet är uppnått vid uppföljningen.",
    ),
    Task("uppgift_7_3", "Formulera ett mätbart mål med utgångsläge för Jamila.", "goal", None, data="none"),
)}
