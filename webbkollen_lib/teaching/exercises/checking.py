"""The checking machinery: tasks, the feedback they give, and how an answer is compared.

A :class:`Task` says what is asked and how the right answer and the likely
wrong ones (:class:`Mistake`) are worked out from the data, through a
:class:`Context` that holds the data, the notebook's options and a memo of
library results. The comparisons here (:func:`check_number`,
:func:`check_choice`, :func:`check_name`) turn an answer into a
:class:`Feedback` with the hint for the mistake it looks like.

This module knows no exercise: the tasks live in the ``exNN_*`` modules, the
lookup by task id in :mod:`.api`.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from webbkollen_lib.core.labels import text as label_text

try:
    from IPython.display import display
except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
    display = None

__all__ = [
    "STRICT_ENV",
    "NOT_ANSWERED",
    "SHARE_TOL",
    "PERCENT_HINT",
    "PERCENT_NOTE",
    "DECIMAL_COMMA_HINT",
    "Feedback",
    "NotAnswered",
    "read_number",
    "tiered_hint",
    "Context",
    "Unavailable",
    "Mistake",
    "Task",
    "resolve",
    "task_title",
    "error_message",
    "join",
    "as_set",
    "check_number",
    "check_choice",
    "check_name",
    "check_ungraded",
    "raise_if_strict",
    "show_feedback",
]

#: Environment variable that turns a wrong or missing answer into an AssertionError.
STRICT_ENV = "WEBBKOLLEN_STRICT_CHECKS"

#: The message for an answer still left as ``...``.
NOT_ANSWERED = "Du har inte svarat än"

SHARE_TOL = 0.006  # a percentage read off a table ("57 %") is within 0.005 of the share
PERCENT_HINT = (
    "Det ser ut som att du har svarat i procent. Skriv andelen som ett decimaltal "
    "mellan 0 och 1: 57 % skrivs 0.57."
)
DECIMAL_COMMA_HINT = (
    "I Python skrivs decimaltal med punkt: skriv 0.57, inte 0,57. Med komma blir det två tal, "
    "(0, 57)."
)
PERCENT_NOTE = "Svara som ett decimaltal mellan 0 och 1, t.ex. 0.25."


# ---------------------------------------------------------------------------
# feedback
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one answer.

    Attributes
    ----------
    task : str
        Task id, e.g. ``"uppgift_1_2"``.
    status : {"right", "wrong", "unanswered", "error", "noted", "info"}
        ``"error"``: the task cannot be checked on these data (a variable is
        missing, or nobody answered the question in a live test);
        ``"noted"``: an answer to a task that is not marked (the goal count
        of exercise 7), acknowledged; ``"info"``: what an answer cell read
        from a slip (see :mod:`.answer_cells`).
    message : str
        The headline ("Rätt!", "Inte riktigt.", "Du har inte svarat än").
    hint : str
        What to look at, or which mistake the answer looks like.
    details : DataFrame, optional
        A table to show below the message (the goal check's elements).
    """

    task: str
    status: str
    message: str
    hint: str = ""
    details: pd.DataFrame | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.status in ("right", "noted")

    @property
    def title(self) -> str:
        return task_title(self.task)

    def text(self) -> str:
        """Plain-text form, as shown outside a notebook."""
        mark = _MARKS[self.status][1]
        lines = [f"{mark} {self.title}: {self.message}"]
        if self.hint:
            lines.append(f"  {self.hint}")
        if self.details is not None:
            lines.append(self.details.to_string())
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        colour, mark = _MARKS[self.status]
        hint = f"<div style='margin-top:4px'>{_html(self.hint)}</div>" if self.hint else ""
        details = self.details.to_html(escape=True) if self.details is not None else ""
        return (
            f"<div style='border-left:4px solid {colour};padding:6px 10px;margin:4px 0'>"
            f"<span style='color:{colour};font-weight:bold;font-size:1.2em'>{mark}</span> "
            f"<b>{_html(self.title)}:</b> {_html(self.message)}{hint}{details}</div>"
        )


_MARKS = {
    "right": ("#1a7f37", "✔"),
    "wrong": ("#b42318", "✘"),
    "unanswered": ("#6e7781", "…"),
    "error": ("#9a6700", "!"),
    "noted": ("#0b5cad", "✎"),
    "info": ("#0b5cad", "ℹ"),
}


class NotAnswered:
    """The value a check cell gets for an answer variable that does not exist yet (its cell was not run).

    :mod:`.answer_cells` passes it instead of raising NameError, so that the
    check can say what to do.
    """

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"NotAnswered({self.name!r})"


def _html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def task_title(task_id: str) -> str:
    """``"uppgift_1_2"`` -> ``"Uppgift 1.2"`` (other ids unchanged)."""
    m = re.fullmatch(r"uppgift_(\d+)_(\d+)", task_id)
    return f"Uppgift {m.group(1)}.{m.group(2)}" if m else task_id


def error_message(exc: Exception) -> str:
    """An exception's message as a sentence: capital first letter, full stop."""
    text = str(exc.args[0]) if exc.args else str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def join(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b och c"``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


# ---------------------------------------------------------------------------
# tasks
# ---------------------------------------------------------------------------


class Context:
    """The data and options a task is checked against, with a memo for library results."""

    def __init__(self, data, options: dict):
        self.data = data
        self.options = options
        self._memo: dict = {}

    def memo(self, key, fn):
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    def opt(self, name, default=None):
        return self.options.get(name, default)


class Unavailable(Exception):
    """The expected answer cannot be worked out from these data."""


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer (worked out from the data) and the hint it gets."""

    value: Callable[[Context], Any]
    hint: str | Callable[[Context], str]


@dataclass(frozen=True)
class Task:
    """One task: what is asked, how the answer is worked out, which mistakes are recognised.

    ``kind`` is ``share`` (a proportion 0–1), ``count`` (a whole number),
    ``number`` (any number, ``tolerance`` given), ``points`` (percentage
    points), ``choice`` (a letter), ``name`` (a code or label from a list) or
    ``goal`` (free text).

    A choice or name task with ``concept`` and ``where`` gives tiered hints:
    the first wrong try a pointer to the concept, the second where to look,
    only from the third the specific hint (which may name the value). A task
    with ``graded=False`` is not marked: a readable answer is acknowledged
    with ``acknowledge(ctx, answer)``.
    """

    id: str
    question: str
    kind: str
    expected: Callable[[Context], Any] | Any
    data: str = "cases"  # what the default data are: cases, ratings, goals or none
    mistakes: tuple[Mistake, ...] = ()
    hint: str | Callable[[Context], str] = ""
    explain: str | Callable[[Context], str] = ""
    tolerance: float | None = None
    choices: dict = field(default_factory=dict)  # choice: letter -> text
    choice_hints: dict = field(default_factory=dict)  # choice: letter -> hint
    names: Callable[[Context], dict] | None = None  # name: code -> label
    name_hint: Callable[[Context, str], str] | None = None
    # tiered hints (choice and name tasks whose specific hint gives the value away):
    # 1st wrong try the concept, 2nd where to look, from the 3rd the specific hint
    concept: str | Callable[[Context], str] = ""
    where: str | Callable[[Context], str] = ""
    graded: bool = True  # False: any readable answer is acknowledged, not marked
    acknowledge: Callable[[Context, Any], str] | None = None  # graded=False: the note shown

    @property
    def exercise(self) -> int:
        return int(self.id.split("_")[1])

    @property
    def tol(self) -> float:
        if self.tolerance is not None:
            return self.tolerance
        return {"share": SHARE_TOL, "count": 0.0, "points": 1.01}.get(self.kind, 1e-9)


def resolve(value, ctx: Context):
    """A task field that is either a value or a function of the context."""
    return value(ctx) if callable(value) else value


# ---------------------------------------------------------------------------
# comparing an answer
# ---------------------------------------------------------------------------


class _BadAnswer(Exception):
    pass


#: A number as a participant may write it: sign, decimal point or comma, a unit after it.
_NUMBER = re.compile(
    r"(?P<number>[+-]?(\d+([.,]\d*)?|[.,]\d+))\s*"
    r"(?P<unit>%|procent|st|st\.|stycken|styck|procentenheter|procentenhet|p\.e\.|pe|ggr|gånger)?",
    re.IGNORECASE,
)
_PERCENT_UNITS = {"%", "procent"}


def read_number(text: str) -> tuple[float, str] | None:
    """A number written as text, and its unit: ``"192 st"`` -> ``(192.0, "st")``, ``"0,73"`` -> ``(0.73, "")``.

    Spaces (also non-breaking) and a decimal comma are allowed; the unit is
    lower-cased (``%``, ``procent``, ``st``, ``procentenheter``, ``p.e.`` …).
    Anything else gives None.

    >>> read_number("79 %"), read_number("0,73"), read_number("många")
    ((79.0, '%'), (0.73, ''), None)
    """
    s = str(text).strip().replace("\u00a0", " ")
    m = _NUMBER.fullmatch(s)
    if m is None:
        return None
    return float(m.group("number").replace(",", ".")), (m.group("unit") or "").lower()


def _parse_number(answer, kind: str) -> float:
    if isinstance(answer, (bool, np.bool_)):
        raise _BadAnswer("Svara med ett tal, inte True eller False.")
    if isinstance(answer, numbers.Real):
        value = float(answer)
    elif isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, numbers.Integral) for x in answer):
        raise _BadAnswer(DECIMAL_COMMA_HINT)
    elif isinstance(answer, str):
        read = read_number(answer)
        if read is None:
            raise _BadAnswer(f"'{answer}' är inget tal. Skriv bara talet, t.ex. 0.25 eller 12.")
        value, unit = read
        percent = unit in _PERCENT_UNITS
        if percent and kind == "share":
            value /= 100
        elif percent and kind == "count":
            raise _BadAnswer("Frågan gäller ett antal, inte en procentsats.")
    else:
        raise _BadAnswer("Svara med ett tal, t.ex. 0.25 eller 12.")
    if math.isnan(value):
        raise _BadAnswer("Svaret är inget tal (nan).")
    return value


def check_number(t: Task, ctx: Context, expected: float, answer) -> Feedback:
    """Compare a numeric answer (share, count, number, points) with the expected value."""
    try:
        value = _parse_number(answer, t.kind)
    except _BadAnswer as exc:
        return Feedback(t.id, "wrong", "Inte riktigt.", str(exc))
    tol = t.tol
    if abs(value - expected) <= tol + 1e-12:
        return Feedback(t.id, "right", "Rätt!", resolve(t.explain, ctx))
    mistakes = []
    for m in t.mistakes:
        try:
            mistakes.append((float(m.value(ctx)), m))
        except (Unavailable, KeyError, ZeroDivisionError):
            continue
    for mv, m in mistakes:
        if not math.isnan(mv) and abs(value - mv) <= tol + 1e-12:
            return Feedback(t.id, "wrong", "Inte riktigt.", resolve(m.hint, ctx))
    if t.kind == "share" and value > 1:
        if abs(value / 100 - expected) <= tol:
            return Feedback(t.id, "wrong", "Nästan – men i fel enhet.", PERCENT_HINT)
        for mv, m in mistakes:
            if abs(value / 100 - mv) <= tol:
                return Feedback(t.id, "wrong", "Inte riktigt.", f"{resolve(m.hint, ctx)} {PERCENT_HINT}")
        return Feedback(t.id, "wrong", "Inte riktigt.", f"En andel ligger mellan 0 och 1. {PERCENT_NOTE} {resolve(t.hint, ctx)}".strip())
    if t.kind == "share" and value < 0:
        return Feedback(t.id, "wrong", "Inte riktigt.", f"En andel kan inte vara negativ. {resolve(t.hint, ctx)}".strip())
    if t.kind == "count":
        if 0 < value < 1:
            return Feedback(t.id, "wrong", "Inte riktigt.", f"Frågan gäller ett antal (ett heltal), inte en andel. {resolve(t.hint, ctx)}".strip())
        if not value.is_integer():
            return Feedback(t.id, "wrong", "Inte riktigt.", f"Ett antal är ett heltal. {resolve(t.hint, ctx)}".strip())
    if t.kind == "points" and abs(value * 100 - expected) <= tol:
        return Feedback(t.id, "wrong", "Nästan – men i fel enhet.", "Svara i procentenheter: 25 procentenheter skrivs 25, inte 0.25.")
    near = {"share": 0.02, "count": 1.0}.get(t.kind, 3 * tol)
    if abs(value - expected) <= near:
        advice = {
            "share": "Kontrollera avrundningen: skriv andelen med två decimaler, t.ex. 0.57.",
            "count": "Räkna en gång till.",
        }.get(t.kind, "Kontrollera avrundningen.")
        return Feedback(t.id, "wrong", "Nästan!", f"Du är nära. {advice} {resolve(t.hint, ctx)}".strip())
    return Feedback(t.id, "wrong", "Inte riktigt.", resolve(t.hint, ctx))


def tiered_hint(t: Task, ctx: Context, specific, attempt: int | None) -> str:
    """The hint for a wrong try: concept (1st), where to look (2nd), the specific hint (3rd on, or ``attempt=None``)."""
    if attempt is None or not (t.concept and t.where) or attempt >= 3:
        return resolve(specific, ctx)
    key, hint = ("concept", t.concept) if attempt <= 1 else ("where", t.where)
    return f"{label_text(f'exercise_help.tier.{key}', hint=resolve(hint, ctx))} {label_text('exercise_help.tier.more')}"


def check_ungraded(t: Task, ctx: Context, answer) -> Feedback:
    """An answer to a task that is not marked: unreadable -> the reading hint, else acknowledged."""
    if t.kind in ("share", "count", "number", "points"):
        try:
            answer = _parse_number(answer, t.kind)
        except _BadAnswer as exc:
            return Feedback(t.id, "wrong", "Inte riktigt.", str(exc))
    try:
        note = t.acknowledge(ctx, answer) if t.acknowledge else ""
    except (Unavailable, KeyError) as exc:
        return Feedback(t.id, "error", "Uppgiften kan inte kontrolleras med de här data.", error_message(exc))
    return Feedback(t.id, "noted", label_text("exercise_help.noted.message"), note)


def as_set(value) -> set:
    """The accepted answers of a choice or name task as a set."""
    if isinstance(value, (set, frozenset, list, tuple)):
        return set(value)
    return {value}


def _normal(answer) -> str:
    s = str(answer).strip().strip("'\"").strip()
    return re.sub(r"[\s).:]+$", "", s).casefold()


def check_choice(t: Task, ctx: Context, expected: set, answer, attempt: int | None = None) -> Feedback:
    """Compare a letter with the accepted letters (quotes, case and a trailing ``)`` ignored)."""
    letters = ", ".join(t.choices)
    if not isinstance(answer, str):
        return Feedback(t.id, "wrong", "Inte riktigt.", f"Svara med en bokstav inom citattecken, t.ex. \"a\" ({letters}).")
    letter = _normal(answer)
    if letter not in t.choices:
        return Feedback(t.id, "wrong", "Inte riktigt.", f"Svara med en av bokstäverna {letters}.")
    if letter in expected:
        return Feedback(t.id, "right", "Rätt!", resolve(t.explain, ctx))
    hint = tiered_hint(t, ctx, t.choice_hints.get(letter, t.hint), attempt)
    return Feedback(t.id, "wrong", "Inte riktigt.", hint or "Läs frågan och tabellen en gång till.")


def check_name(t: Task, ctx: Context, expected: set, answer, attempt: int | None = None) -> Feedback:
    """Compare a code or label with the accepted codes (case ignored)."""
    names = t.names(ctx)
    if not isinstance(answer, str):
        return Feedback(t.id, "wrong", "Inte riktigt.", "Svara med namnet inom citattecken, t.ex. \"Umeå\".")
    wanted = _normal(answer)
    lookup = {_normal(code): code for code in names}
    lookup.update({_normal(label): code for code, label in names.items()})
    code = lookup.get(wanted)
    if code is None:
        shown = ", ".join(f"'{c}'" for c in list(names)[:12])
        return Feedback(t.id, "wrong", "Inte riktigt.", f"'{answer}' finns inte bland svaren. Skriv ett av: {shown}.")
    if code in expected:
        return Feedback(t.id, "right", "Rätt!", resolve(t.explain, ctx))
    return Feedback(t.id, "wrong", "Inte riktigt.", tiered_hint(t, ctx, lambda c: t.name_hint(c, code), attempt))


# ---------------------------------------------------------------------------
# showing feedback
# ---------------------------------------------------------------------------


def raise_if_strict(feedback: Feedback) -> None:
    """In strict mode (``WEBBKOLLEN_STRICT_CHECKS=1``) a feedback that is not right raises AssertionError."""
    if not feedback.ok and os.environ.get(STRICT_ENV, "") == "1":
        raise AssertionError(feedback.text())


def show_feedback(feedback: Feedback) -> None:
    """Show a feedback: HTML in a notebook, plain text elsewhere (through IPython's ``display``)."""
    if display is None:  # pragma: no cover - IPython is a dependency through ipykernel
        print(feedback.text())  # noqa: T201 - the one place feedback is shown outside a notebook
        return
    display(feedback)
