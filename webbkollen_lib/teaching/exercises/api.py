"""Check a participant's answer to a task of the exercises in ``exercises/``.

Each task of an exercise notebook ends with a cell such as::

    check("uppgift_1_2", svar_1_2, fall);

:func:`check` works out the expected answer **from the data it is given**
with the library (``frequency_table``, ``transition_table``, ``protect_table``,
…), never from a stored number, so the checks stay right when the synthetic
data are regenerated or when a trainer runs the exercises on a municipality's
own export. It compares the answer with a tolerance that allows for reading
rounded percentages off a table, and on a wrong answer it tries to recognise
the likely mistake and says so in Swedish:

* the wrong denominator (missing answers counted in, all registrations
  instead of one group, a row share read instead of a column share);
* a count where a share was asked for, or a percentage where a proportion
  was asked for (``57`` instead of ``0.57``), or a decimal comma
  (``0,57`` is two numbers in Python);
* two groups or two occasions swapped (decision vs closure, girls vs boys);
* one cell of a table where several had to be added.

:func:`check` shows the feedback (HTML with ✔/✘ in a notebook, plain text
elsewhere) and returns True or False. An answer left as ``...`` gives a
friendly "Du har inte svarat än" and never raises. With the environment
variable ``WEBBKOLLEN_STRICT_CHECKS=1`` a wrong or missing answer raises
AssertionError with the hint instead; the tests set it when they run the
solution notebooks.

:func:`evaluate` is the same without side effects (it returns a
:class:`.Feedback`), :func:`expected_answer` gives the right answer and
:func:`anticipated_mistakes` the wrong answers each task recognises, with the
hint each gets (the tests feed them back to :func:`evaluate`).

The free-text task (formulating a measurable goal) is checked by
:func:`.goal_elements` (see :mod:`.goals`).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from webbkollen_lib.io import datasets
from webbkollen_lib.teaching.exercises.checking import (
    NOT_ANSWERED,
    PERCENT_HINT,
    Context,
    Feedback,
    NotAnswered,
    Task,
    Unavailable,
    as_set,
    check_choice,
    check_name,
    check_number,
    check_ungraded,
    error_message,
    raise_if_strict,
    resolve,
    show_feedback,
    task_title,
)
from webbkollen_lib.core.labels import text as label_text
from webbkollen_lib.teaching.exercises.answer_cells import current_session
from webbkollen_lib.teaching.exercises.ex07_matbara_mal import GOAL_OPTIONS
from webbkollen_lib.teaching.exercises.goals import goal_feedback
from webbkollen_lib.teaching.exercises.notebook import vignette_ratings
from webbkollen_lib.teaching.exercises.registry import TASKS

__all__ = ["tasks", "name_options", "expected_answer", "answer_key", "anticipated_mistakes", "evaluate", "check"]


def tasks(exercise: int | None = None) -> pd.DataFrame:
    """Every task (or one exercise's): id, exercise, kind and question."""
    rows = [
        {"uppgift": t.id, "ovning": t.exercise, "typ": t.kind, "fraga": t.question}
        for t in TASKS.values()
        if exercise is None or t.exercise == exercise
    ]
    return pd.DataFrame(rows)


def name_options(task: str, data=None, **options) -> dict:
    """The answers a ``name`` task accepts (code -> label), e.g. the municipalities in the data."""
    t = _task(task)
    if t.kind != "name":
        raise ValueError(f"{task} is a {t.kind} task, not a name task")
    return t.names(_context(t, data, options))


def _task(task_id: str) -> Task:
    try:
        return TASKS[task_id]
    except KeyError:
        raise KeyError(f"no task {task_id!r}; tasks are {', '.join(TASKS)}") from None


def _default_data(task: Task):
    if task.data == "cases":
        # through the module, so that datasets.CASES_FILE is read at call time
        return datasets.load_cases()
    if task.data == "ratings":
        return vignette_ratings("jamila")
    if task.data == "goals":
        return vignette_ratings("jamila")["mal"]
    return None


def _context(task: Task, data, options) -> Context:
    return Context(_default_data(task) if data is None and task.data != "none" else data, options)


def expected_answer(task: str, data=None, **options):
    """The right answer to a task, worked out from ``data`` (default: the shipped synthetic data).

    Shares are proportions (0–1), ``points`` tasks percentage points, choices
    a set of accepted letters, ``name`` tasks a set of accepted codes. Raises
    ValueError when the data cannot answer the task.
    """
    t = _task(task)
    ctx = _context(t, data, options)
    try:
        return resolve(t.expected, ctx)
    except (Unavailable, KeyError) as exc:
        raise ValueError(f"{task_title(task)}: {error_message(exc)}") from None


def answer_key(task: str, data=None, **options):
    """The right answer written as a participant writes it, worked out from ``data``: the solutions' answers.

    A share or number with two decimals (0.57), a count as a whole number,
    a choice as its letter, a name task as the label shown in the table. The
    solution notebooks of exercises 6 and 7 use it on the group's own
    answers, so that the trainer's key follows the group.
    """
    t = _task(task)
    value = expected_answer(task, data, **options)
    if t.kind == "choice":
        return sorted(as_set(value))[0]
    if t.kind == "name":
        code = sorted(as_set(value))[0]
        return t.names(_context(t, data, options)).get(code, code)
    if t.kind == "count":
        return int(value)
    if t.kind in ("share", "number", "points"):
        return round(float(value), 2)
    return value


def anticipated_mistakes(task: str, data=None, **options) -> list[tuple[Any, str]]:
    """The wrong answers a task recognises, each with (the start of) the hint it gets.

    Mistakes that would give the right answer on these data (or the same
    answer as an earlier mistake) are left out: they cannot be told apart.
    For a share task the right answer in per cent is included (the
    "percent instead of proportion" mistake).
    """
    t = _task(task)
    ctx = _context(t, data, options)
    out: list[tuple[Any, str]] = []
    if not t.graded:
        return out
    if t.kind in ("share", "count", "number", "points"):
        expected = float(resolve(t.expected, ctx))
        seen = [expected]
        for m in t.mistakes:
            try:
                value = float(m.value(ctx))
            except (Unavailable, KeyError, ZeroDivisionError):
                continue
            if math.isnan(value) or any(abs(value - s) <= max(t.tol, 1e-9) for s in seen):
                continue
            seen.append(value)
            out.append((value, resolve(m.hint, ctx)))
        if t.kind == "share" and not any(abs(100 * expected - s) <= t.tol for s in seen):
            out.append((round(100 * expected, 1), PERCENT_HINT))
    elif t.kind in ("choice",):
        right = as_set(resolve(t.expected, ctx))
        for letter in t.choices:
            if letter not in right and letter in t.choice_hints:
                out.append((letter, resolve(t.choice_hints[letter], ctx)))
    elif t.kind == "name":
        right = as_set(resolve(t.expected, ctx))
        for code in t.names(ctx):
            if code not in right:
                out.append((code, t.name_hint(ctx, code)))
    elif t.kind == "goal":
        for text in (GOAL_OPTIONS["a"], GOAL_OPTIONS["b"], GOAL_OPTIONS["d"]):
            out.append((text, goal_feedback(task, text).hint))
    return out


def evaluate(task: str, answer, data=None, attempt: int | None = None, **options) -> Feedback:
    """Check an answer without showing anything or raising: returns a :class:`.Feedback`.

    Parameters
    ----------
    task : str
        Task id, e.g. ``"uppgift_1_2"`` (see :func:`tasks`).
    answer
        The participant's answer; ``...`` (or None) means not answered yet.
    data : DataFrame, optional
        The data the exercise works on: registrations for most exercises,
        the vignette ratings in exercise 6, the goal texts (or ratings with a
        ``mal`` column) in exercise 7. Default: the shipped synthetic data.
    attempt : int, optional
        Which wrong try this would be, for the tiered hints of choice and
        name tasks (1: the concept, 2: where to look, 3 or more: the specific
        hint). None (default): the specific hint at once.
    **options
        Task settings the notebook lets participants change, e.g.
        ``kommun=`` (exercise 9) or ``min_cell=`` (task 8.4).
    """
    t = _task(task)
    if isinstance(answer, NotAnswered):
        return Feedback(task, "unanswered", NOT_ANSWERED, label_text("exercise_help.answer.not_run", name=answer.name))
    if answer is ... or answer is None:
        return Feedback(task, "unanswered", NOT_ANSWERED,
                        "Skriv ditt svar i stället för ... i cellen ovan, kör den och kör sedan den här cellen igen.")
    if t.kind == "goal":
        return goal_feedback(task, answer)
    ctx = _context(t, data, options)
    if not t.graded:
        return check_ungraded(t, ctx, answer)
    try:
        expected = resolve(t.expected, ctx)
    except (Unavailable, KeyError) as exc:
        return Feedback(task, "error", "Uppgiften kan inte kontrolleras med de här data.", error_message(exc))
    if t.kind in ("share", "count", "number", "points"):
        return check_number(t, ctx, float(expected), answer)
    if t.kind == "choice":
        return check_choice(t, ctx, as_set(expected), answer, attempt)
    if t.kind == "name":
        return check_name(t, ctx, as_set(expected), answer, attempt)
    raise ValueError(f"unknown task kind {t.kind!r}")  # pragma: no cover


def check(task: str, answer, data=None, **options) -> bool:
    """Check an answer, show the feedback and return True when it is right.

    Shows HTML (✔/✘) in a notebook and plain text elsewhere (through
    ``IPython.display.display``). An unanswered task (``...``) gives "Du har
    inte svarat än". When the environment variable ``WEBBKOLLEN_STRICT_CHECKS``
    is ``1``, a wrong, missing or uncheckable answer raises AssertionError
    with the hint instead of returning False. Arguments as :func:`evaluate`.

    In a notebook whose set-up cell called
    :func:`~webbkollen_lib.teaching.exercises.setup_exercise`, the wrong
    tries of each task are counted, so the hints of a choice or name task
    come in tiers (concept, where to look, then the specific hint).
    """
    session = current_session()
    attempt = session.attempt(task) if session is not None else None
    feedback = evaluate(task, answer, data, attempt=attempt, **options)
    if session is not None and feedback.status == "wrong":
        session.record(task, ok=False)
    raise_if_strict(feedback)
    show_feedback(feedback)
    return feedback.ok
