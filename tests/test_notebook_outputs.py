"""Running a notebook leaves no tracked file modified: git reads every .ipynb through a clean filter.

``.gitattributes`` sends ``*.ipynb`` through ``tools/strip_notebook.py``
(``filter=nbstrip``; ``make setup`` configures it in the clone). The filter
removes outputs, execution counts, timings, widget state and the kernel's
version, keeps the outputs nbval compares (cells marked ``NBVAL_CHECK_OUTPUT``),
and changes nothing in a stripped notebook; every tracked notebook is stored
stripped, so a fresh clone is clean and ``make test`` (nbval) sees the same
expected outputs as before.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "strip_notebook.py"
sys.path.insert(0, str(ROOT / "tools"))
import strip_notebook  # noqa: E402

TRACKED = sorted(
    p for p in (*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb"), *ROOT.glob("tests/data/**/*.ipynb"))
    if ".ipynb_checkpoints" not in p.parts
)


def run_notebook_as_jupyterlab_saves_it(nb) -> None:
    """What a run and an autosave add: outputs, counts, timings, widget state, the kernel's full language_info."""
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        cell.execution_count = i
        cell.metadata["execution"] = {"iopub.execute_input": "2026-12-05T13:40:00.000000Z"}
        cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": f"'{i}'"}, execution_count=i),
                        nbformat.v4.new_output("stream", name="stdout", text="hej\n")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python",
                                    "codemirror_mode": {"name": "ipython", "version": 3}}


def small_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Titel"),
        nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint('kappa 0.430')"),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    return nb


def test_the_filter_strips_what_a_run_adds_and_keeps_the_outputs_nbval_checks():
    nb = small_notebook()
    run_notebook_as_jupyterlab_saves_it(nb)
    stripped = nbformat.reads(strip_notebook.strip_text(nbformat.writes(nb)), as_version=4)
    plain, checked = stripped.cells[1], stripped.cells[2]
    assert plain.outputs == [] and plain.execution_count is None
    assert plain.metadata == {"tags": ["parameters"]}  # kept, the run's timing gone
    assert "execution" not in checked.metadata
    assert [o["output_type"] for o in checked.outputs] == ["execute_result", "stream"]
    # nbval needs a count beside a stored output; the place among the code cells, not the last run's count
    assert checked.execution_count == checked.outputs[0]["execution_count"] == 2
    assert "widgets" not in stripped.metadata
    assert stripped.metadata["language_info"] == {"name": "python"}
    assert stripped.cells[0].source == "# Titel"


def test_stripping_is_idempotent_and_a_stripped_run_equals_the_committed_file():
    nb = small_notebook()
    committed = strip_notebook.strip_text(nbformat.writes(nb) + "\n")
    ran = copy.deepcopy(nb)
    run_notebook_as_jupyterlab_saves_it(ran)
    # the checked cell's output is stored as the run gives it (count removed)
    expected = nbformat.reads(committed, as_version=4)
    expected.cells[2].execution_count = 2
    expected.cells[2].outputs = [
        nbformat.v4.new_output("execute_result", data={"text/plain": "'3'"}, execution_count=2),
        nbformat.v4.new_output("stream", name="stdout", text="hej\n"),
    ]
    expected_text = nbformat.writes(expected) + "\n"
    once = strip_notebook.strip_text(nbformat.writes(ran))
    assert once == expected_text
    assert strip_notebook.strip_text(once) == once


def test_a_notebook_without_language_info_gets_the_name_a_kernel_would_write():
    nb = small_notebook()
    del nb.metadata["language_info"]
    stripped = json.loads(strip_notebook.strip_text(nbformat.writes(nb)))
    assert stripped["metadata"]["language_info"] == {"name": "python"}


@pytest.mark.parametrize("path", TRACKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_notebook_in_the_repository_is_stored_stripped(path):
    text = path.read_text(encoding="utf-8")
    assert strip_notebook.strip_text(text) == text, (
        f"{path.relative_to(ROOT)} is not stripped: run python tools/strip_notebook.py --in-place {path.relative_to(ROOT)}")


def test_the_notebooks_nbval_compares_keep_their_expected_outputs():
    for name in ("07_agreement_methods", "13_agreement_for_researchers"):
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        checked = [c for c in nb.cells if c.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in c.source]
        assert checked and all(c.outputs and c.execution_count for c in checked), name


def test_the_command_line_checks_and_strips_files(tmp_path):
    nb = small_notebook()
    run_notebook_as_jupyterlab_saves_it(nb)
    path = tmp_path / "ran.ipynb"
    nbformat.write(nb, path)
    check = subprocess.run([sys.executable, str(SCRIPT), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 1 and "ran.ipynb: not stripped as the clean filter leaves it" in check.stderr
    subprocess.run([sys.executable, str(SCRIPT), "--in-place", str(path)], check=True)
    assert subprocess.run([sys.executable, str(SCRIPT), "--check", str(path)]).returncode == 0
    piped = subprocess.run([sys.executable, str(SCRIPT)], input=path.read_bytes(), capture_output=True, check=True)
    assert piped.stdout == path.read_bytes()


def git(repo: Path, *args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd or repo, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_a_clone_with_the_filter_a_run_notebook_is_not_a_change(tmp_path):
    repo = tmp_path / "clone"
    (repo / "tools").mkdir(parents=True)
    (repo / "notebooks").mkdir()
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    shutil.copy(SCRIPT, repo / "tools" / "strip_notebook.py")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "test")
    # what make setup configures, with this interpreter in place of .venv/bin/python
    git(repo, "config", "filter.nbstrip.clean", f"{sys.executable} tools/strip_notebook.py")
    nb = small_notebook()
    path = repo / "notebooks" / "analys.ipynb"
    path.write_text(strip_notebook.strip_text(nbformat.writes(nb)), encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")

    ran = copy.deepcopy(nb)
    run_notebook_as_jupyterlab_saves_it(ran)
    ran.cells[2].outputs = []  # the checked cell as committed (no output yet): only its count would change
    nbformat.write(ran, path)
    assert json.loads(path.read_text(encoding="utf-8"))["cells"][1]["outputs"], "the file on disk keeps its outputs"
    # no change in content: git diff is empty (from a subfolder too) and adding stages nothing. (git status
    # may list the file until then: it first compares the file's size with the one recorded at the last add.)
    assert git(repo, "diff") == "" and git(repo, "diff", "HEAD", cwd=repo / "notebooks") == ""
    git(repo, "add", "-A", cwd=repo / "notebooks")
    assert git(repo, "diff", "--cached", "--name-only") == ""
    assert git(repo, "status", "--porcelain") == ""

    # an edit to a cell is still a change, and what is committed has no outputs
    ran.cells[1].source = "2 + 2"
    nbformat.write(ran, path)
    assert git(repo, "status", "--porcelain").strip() == "M notebooks/analys.ipynb"
    git(repo, "commit", "-q", "-am", "edit")
    stored = json.loads(git(repo, "show", "HEAD:notebooks/analys.ipynb"))
    assert "".join(stored["cells"][1]["source"]) == "2 + 2" and stored["cells"][1]["outputs"] == []
    assert stored["cells"][1]["execution_count"] is None and "widgets" not in stored["metadata"]


def test_the_repository_routes_notebooks_through_the_filter_and_make_setup_configures_it():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.ipynb filter=nbstrip" in attributes
    dry = subprocess.run(["make", "-n", "nbstrip"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "git config filter.nbstrip.clean '.venv/bin/python tools/strip_notebook.py'" in dry
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "setup: $(STAMP) nbstrip" in makefile
