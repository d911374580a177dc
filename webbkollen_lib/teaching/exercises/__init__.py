"""Check functions and helpers for the workshop exercises in ``exercises/``.

A notebook cell such as ``check("uppgift_1_2", svar_1_2, fall)`` works out the
right answer from the data with the library, compares, and shows feedback
that names the likely mistake (see :mod:`.api` for how).

Where things live:

* :mod:`.api`: the public check functions (:func:`check`, :func:`evaluate`,
  :func:`expected_answer`, :func:`answer_key`, :func:`anticipated_mistakes`, :func:`tasks`,
  :func:`name_options`), which look a task up by id;
* :mod:`.checking`: the machinery (:class:`Feedback`, :class:`Task`,
  ``Mistake``, the context, how a number, letter or name is compared, strict
  mode);
* :mod:`.answers`: helpers that work out expected values from the data,
  shared by several exercises;
* :mod:`.answer_cells`: forgiving answer cells (:func:`setup_exercise`,
  called by every exercise's set-up cell: ``192 st``, ``79 %``, ``0,73``,
  an unquoted letter or a goal with quotes or line breaks is read, with
  guidance in Swedish, instead of a Python error);
* :mod:`.goals`: the measurable-goal check (:func:`goal_elements`,
  :func:`goal_table`);
* :mod:`.notebook`: helpers the notebooks call (:func:`vignette_ratings`,
  :func:`vignette_text`, :func:`agreement_overview`,
  :func:`checklist_overview`, :func:`count_table`, :func:`show`);
* ``ex01_malgruppen`` … ``ex09_egen_kommun``: one module per exercise
  notebook, with its tasks and hints, gathered by :mod:`.registry`.
"""

from webbkollen_lib.teaching.exercises.api import (
    anticipated_mistakes,
    answer_key,
    check,
    evaluate,
    expected_answer,
    name_options,
    tasks,
)
from webbkollen_lib.teaching.exercises.answer_cells import read_answer, setup_exercise
from webbkollen_lib.teaching.exercises.checking import NOT_ANSWERED, STRICT_ENV, Feedback, NotAnswered
from webbkollen_lib.teaching.exercises.checking import Mistake, Task  # noqa: F401 - importable here too, for type hints
from webbkollen_lib.teaching.exercises.ex07_matbara_mal import GOAL_OPTIONS
from webbkollen_lib.teaching.exercises.goals import GOAL_ELEMENTS, goal_elements, goal_table
from webbkollen_lib.teaching.exercises.notebook import (
    agreement_overview,
    checklist_overview,
    count_table,
    show,
    vignette_ratings,
    vignette_text,
)
from webbkollen_lib.teaching.exercises.registry import EXERCISES, TASKS

__all__ = [
    "STRICT_ENV",
    "NOT_ANSWERED",
    "EXERCISES",
    "GOAL_ELEMENTS",
    "GOAL_OPTIONS",
    "Feedback",
    "NotAnswered",
    "setup_exercise",
    "read_answer",
    "check",
    "evaluate",
    "expected_answer",
    "anticipated_mistakes",
    "answer_key",
    "TASKS",
    "tasks",
    "name_options",
    "goal_elements",
    "goal_table",
    "vignette_ratings",
    "vignette_text",
    "agreement_overview",
    "checklist_overview",
    "count_table",
    "show",
]
