"""Every exercise and its tasks, gathered from the ``exNN_*`` modules in order.

Adding an exercise: write ``exNN_namn.py`` (``NUMBER``, ``NOTEBOOK``,
``TITLE`` and a ``TASKS`` dict, ids ``uppgift_NN_k``) and list it in
``_MODULES``.
"""

from __future__ import annotations

from webbkollen_lib.teaching.exercises import (
    ex01_malgruppen,
    ex02_flickor_och_pojkar,
    ex03_samtal_med_barnet,
    ex04_riskforandring,
    ex05_relativ_riskbedomning,
    ex06_samstammighet,
    ex07_matbara_mal,
    ex08_tolka_med_forsiktighet,
    ex09_egen_kommun,
)
from webbkollen_lib.teaching.exercises.checking import Task

__all__ = ["EXERCISES", "TASKS"]

_MODULES = (
    ex01_malgruppen,
    ex02_flickor_och_pojkar,
    ex03_samtal_med_barnet,
    ex04_riskforandring,
    ex05_relativ_riskbedomning,
    ex06_samstammighet,
    ex07_matbara_mal,
    ex08_tolka_med_forsiktighet,
    ex09_egen_kommun,
)

#: The exercises: number -> (file stem, Swedish title, English title).
EXERCISES: dict[int, tuple[str, str, str]] = {m.NUMBER: (m.NOTEBOOK, *m.TITLE) for m in _MODULES}

#: Every task, by id, in the order of the exercises.
TASKS: dict[str, Task] = {task_id: task for m in _MODULES for task_id, task in m.TASKS.items()}


def _check_registry() -> None:
    # a task registered under the wrong exercise, or twice, would be checked against the wrong notebook
    if len(TASKS) != sum(len(m.TASKS) for m in _MODULES):
        raise ImportError("a task id is registered by two exercises")
    for m in _MODULES:
        for task_id, task in m.TASKS.items():
            if task_id != task.id or task.exercise != m.NUMBER:
                raise ImportError(f"{m.__name__} registers {task_id!r} (task {task.id!r}) under exercise {m.NUMBER}")


_check_registry()
