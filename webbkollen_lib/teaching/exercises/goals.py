"""The measurable-goal check: which elements of a goal that can be followed up a text has.

:func:`goal_elements` is a keyword search for the four elements of a goal
that can be followed up: a baseline ("i dag", "utgångsläge"), a number or
frequency, a time frame and who observes or how it is measured. It is a
rough aid for discussion, not grading: a goal can have every element and
still be a poor goal, and a good goal phrased in unusual words can be missed.
:func:`goal_feedback` is how a free-text (``goal``) task is checked.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from webbkollen_lib.teaching.exercises.checking import NOT_ANSWERED, Feedback, join

__all__ = ["GOAL_ELEMENTS", "goal_elements", "goal_table", "goal_feedback"]

#: The elements of a measurable goal: id -> (name, what to add, regular expression).
GOAL_ELEMENTS = {
    "utgangslage": (
        "Utgångsläge",
        "hur det ser ut i dag, t.ex. 'I dag …' eller 'Utgångsläge: …'",
        r"\butgångsläge\w*|\bnuläge\w*|\bi ?dag\b|\bjust nu\b|\bför närvarande\b|\bhittills\b|"
        r"\bsenaste (veckan|veckorna|månaden|månaderna|halvåret|året)\b|\b(före|innan) insatsen\b|"
        r"\bvid beslut\w*\b|\bvid start\w*\b|\bbaslinje\w*\b",
    ),
    "matt": (
        "Antal eller frekvens",
        "något som går att räkna, t.ex. 'tre gånger i veckan', 'ingen gång', 'minst fyra dagar'",
        r"\bgång(er)?\b|\bggr\b|\bgg\b|\bper (dag|vecka|v|månad|mån|år|termin)\b|\bi (veckan|månaden|året|terminen)\b|"
        r"/ ?(dag|dygn|vecka|v|v\.|månad|mån|mån\.|år|termin)\b|\b\d+ ?ggr\b|"
        r"\bvarje (dag|vardag|vecka|månad|morgon|kväll)\b|\bvarannan\b|\bdagligen\b|\bveckovis\b|\baldrig\b|"
        r"\bprocent\b|%|\b\d+ av \d+\b|\bpoäng\b|"
        r"\b(minst|högst|färre än|fler än|mer än|mindre än) (\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\b",
    ),
    "tid": (
        "Tidsram",
        "när målet ska vara nått, t.ex. 'inom sex månader' eller 'vid uppföljningen i juni'",
        r"\b(inom|om|efter|senast|till|före|innan|under|på) (de |den )?(\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|"
        r"nio|tio|elva|tolv|kommande|närmaste|nästa)\b[^.]{0,20}?\b(dag|dagar|vecka|veckor|veckorna|v|månad|"
        r"månader|månaderna|mån|halvår|halvåret|kvartal|kvartalet|år|året|termin|terminen)(\b|\.)|"
        r"\b(inom|om|efter|senast|under|på) (ett |en )?(halvår|halvåret|kvartal|kvartalet)\b|"
        r"\bvid (nästa )?(uppföljning|avslut)\w*|"
        r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b|"
        r"\b20\d\d\b|\b(vår|höst)terminen\b|\b(under|till|före) (våren|hösten|sommaren|vintern)\b",
    ),
    "vem": (
        "Vem som observerar",
        "vem som ser eller mäter förändringen, t.ex. 'enligt förskolan', 'föräldrarna för dagbok', 'drogtester'",
        r"\benligt\b|\b(rapporter\w*|berättar för|skatta\w*|skattning\w*|observer\w*|registrer\w*|noter\w*|"
        r"dokumenter\w*|mäts|mäter|mäta|följs upp|följer upp|bedöms av|visas med|visas genom|dagbok\w*|"
        r"anteckning\w*|drogtest\w*|urinprov\w*|närvaro\w*|frånvaro\w*)\b",
    ),
}

_GOAL_PATTERNS = {key: re.compile(pattern, re.IGNORECASE) for key, (_, _, pattern) in GOAL_ELEMENTS.items()}


def goal_elements(text: str) -> dict[str, bool]:
    """Which elements of a measurable goal a text has (a keyword search; a rough aid).

    The elements (:data:`GOAL_ELEMENTS`) are those the report found missing
    (§3.3: "Gemensamt för samtliga målformuleringar var avsaknad av
    utgångsläge") plus what makes a change observable: a baseline, a number
    or frequency, a time frame, and who observes or how it is measured.
    Swedish keywords only; a good goal in other words can be missed.

    >>> goal_elements("Våldet ska upphöra.")
    {'utgangslage': False, 'matt': False, 'tid': False, 'vem': False}
    >>> goal_elements("I dag 3 gånger i veckan; inom sex månader ingen gång, enligt förskolan.")
    {'utgangslage': True, 'matt': True, 'tid': True, 'vem': True}
    """
    text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    return {key: bool(pattern.search(text)) for key, pattern in _GOAL_PATTERNS.items()}


def goal_table(goals) -> pd.DataFrame:
    """One row per goal text with ✔/– for each element of :data:`GOAL_ELEMENTS` (missing goals left out)."""
    texts = [g for g in pd.Series(list(goals), dtype=object) if isinstance(g, str) and g.strip()]
    rows = []
    for t in texts:
        found = goal_elements(t)
        rows.append({"Mål": t, **{GOAL_ELEMENTS[k][0]: "✔" if v else "–" for k, v in found.items()}})
    columns = ["Mål"] + [name for name, _, _ in GOAL_ELEMENTS.values()]
    return pd.DataFrame(rows, columns=columns)


def goal_feedback(task: str, answer) -> Feedback:
    """Check a free-text goal: right when it has every element, else which elements it lacks."""
    if not isinstance(answer, str):
        return Feedback(task, "wrong", "Inte riktigt.", f"Skriv målet som text inom citattecken: svar_{task.split('_', 1)[1]} = \"I dag …\".")
    if not answer.strip():
        return Feedback(task, "unanswered", NOT_ANSWERED, "Skriv ditt mål mellan citattecknen.")
    found = goal_elements(answer)
    details = pd.DataFrame(
        {"Finns": ["✔" if found[k] else "–" for k in GOAL_ELEMENTS], "Att tänka på": [v[1] for v in GOAL_ELEMENTS.values()]},
        index=pd.Index([v[0] for v in GOAL_ELEMENTS.values()], name="Del av målet"),
    )
    note = " (En grov hjälp som letar efter nyckelord – diskutera målet med en kollega.)"
    missing = [GOAL_ELEMENTS[k][0].lower() for k, v in found.items() if not v]
    if not missing:
        return Feedback(task, "right", "Målet har alla fyra delarna!",
                        "Fråga dig också: beskriver målet en förändring för barnet, och vet alla hur det ska mätas?" + note,
                        details)
    tips = "; ".join(f"{GOAL_ELEMENTS[k][0].lower()}: {GOAL_ELEMENTS[k][1]}" for k, v in found.items() if not v)
    return Feedback(task, "wrong", f"Målet saknar {join(missing)}.", f"Lägg till {tips}.{note}", details)
