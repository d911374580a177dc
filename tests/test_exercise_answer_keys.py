"""The trainer's answer key follows the group (issue 18, item 3).

Exercises 6 and 7 run on the group's own live-test answers. Their solution
notebooks work out the answers from those same answers (``answer_key``), so a
freshly simulated group, with a seed other than the shipped ratings', passes
the solutions' strict checks, whether its answers are in an answer folder
(the notebook form) or in the web workshop's SQLite file.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from webbkollen_lib.teaching import exercises as ex
from webbkollen_lib.teaching.store import SqliteStore, make_answer, save_answer

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", None]
TICKS = ["hem_fysiskt_vald", "hem_bristande_omsorg", "hem_familjekonflikt", "hem_psykiskt_vald"]
GOALS = [
    "Våldet ska upphöra.",
    "Jamila ska må bättre och föräldrarna bli tryggare.",
    "I dag tar pappa hårt i Jamila en gång i veckan. Inom sex månader ingen gång, enligt förskolan.",
    "Utgångsläge: bråk varje kväll. Inom ett halvår högst två ggr/vecka.",
    "Föräldrarna ska gå på föräldrakurs.",
]


def simulated_group(seed: int, n: int = 14) -> list[dict]:
    """A group's answers to Jamila, drawn with ``seed``: risk, ticks of the home checklist and a goal."""
    rng = np.random.default_rng(seed)
    answers = []
    for i in range(n):
        risk = LEVELS[rng.choice(len(LEVELS), p=[0.2, 0.35, 0.3, 0.05, 0.1])]
        ticked = [t for t in TICKS if rng.random() < 0.5]
        goal = GOALS[rng.integers(len(GOALS))]
        answers.append(make_answer(f"Deltagare {i + 1}", "jamila", risk, ticked, motivation="", goal=goal))
    return answers


def as_folder(answers, folder: Path) -> Path:
    for a in answers:
        save_answer(folder, a)
    return folder


def as_sqlite(answers, path: Path) -> Path:
    store = SqliteStore(path)
    store.add_vignettes(["jamila"])
    for i, a in enumerate(answers):
        store.submit(f"device-{i}", a["participant"], a)
    return path


SEED = 20261205  # not the seed of the shipped ratings


@pytest.fixture(params=["folder", "sqlite"])
def group_store(request, tmp_path) -> Path:
    answers = simulated_group(SEED)
    if request.param == "folder":
        return as_folder(answers, tmp_path / "svar")
    return as_sqlite(answers, tmp_path / "workshop.sqlite")


def test_the_simulated_group_differs_from_the_shipped_ratings(group_store):
    shipped = ex.vignette_ratings("jamila")
    group = ex.vignette_ratings("jamila", group_store)
    assert len(group) == 14
    keys = [(t, ex.answer_key(t, shipped if t != "uppgift_7_1" else shipped["mal"]),
             ex.answer_key(t, group if t != "uppgift_7_1" else group["mal"]))
            for t in ("uppgift_6_1", "uppgift_6_2", "uppgift_7_1")]
    assert all(a != b for _, a, b in keys), keys  # a fixed key would be wrong for this group


def test_answer_key_passes_its_own_check_on_the_group(group_store):
    group = ex.vignette_ratings("jamila", group_store)
    for task in ("uppgift_6_1", "uppgift_6_2", "uppgift_6_3", "uppgift_7_1"):
        data = group["mal"] if task == "uppgift_7_1" else group
        assert ex.evaluate(task, ex.answer_key(task, data), data).ok, task


def test_answer_key_is_written_as_a_participant_writes_it():
    jamila = ex.vignette_ratings("jamila")
    assert ex.answer_key("uppgift_6_1", jamila) == 0.73  # 11 of 15, two decimals
    assert ex.answer_key("uppgift_6_3", jamila) == "Fysiskt våld mot barnet"  # the label in the table
    assert ex.answer_key("uppgift_1_3") in "abcd" and isinstance(ex.answer_key("uppgift_1_1"), int)


def _with_answers(path: Path, store: Path):
    """The solution notebook with ``SVARSMAPP`` set to ``store`` right after its parameter cell."""
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("VINJETT ="))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(f"SVARSMAPP = {str(store)!r}"))
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("name", ["06_samstammighet", "07_matbara_mal"])
def test_solutions_6_and_7_pass_strict_checks_on_a_new_group(name, group_store, monkeypatch):
    monkeypatch.setenv(ex.STRICT_ENV, "1")  # a wrong key stops the run
    path = ROOT / "exercises" / "losningar" / f"{name}.ipynb"
    nb = _with_answers(path, group_store)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    shown = ["\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in c.outputs) for c in checks]
    assert checks and all(("✔" in s or "✎" in s) for s in shown), shown
    assert "14 mål" in "\n".join(shown) or name == "06_samstammighet"  # 7.1 speaks of the group's own goals
