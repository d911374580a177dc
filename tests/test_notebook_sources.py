"""Notebooks as text: every notebook and its jupytext source say the same thing.

* every notebook in ``notebooks/`` (``workshop/`` included) is paired with a
  jupytext percent-format script of the same stem (``01_beskrivande.ipynb`` and
  ``01_beskrivande.py``), and the two hold the same cells: type, source and the
  metadata jupytext keeps (tags such as papermill's ``parameters``);
* the exercises have one source each, ``exercises/source/NN_namn.py``, and
  building from them (``tools/build_exercises.py``) gives exactly, byte for
  byte, the committed participants' and solution notebooks;
* each check fails when one side only is edited (the tests below edit copies).

Fix a failure with ``make notebooks`` (``jupytext --sync`` and the exercise build).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
EXERCISE_DIR = ROOT / "exercises"
PAIRING = "ipynb,py:percent"

sys.path.insert(0, str(ROOT / "tools"))
import build_exercises  # noqa: E402

NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
EXERCISE_SOURCES = sorted((EXERCISE_DIR / "source").glob("[0-9][0-9]_*.py"))


def _name(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _metadata_jupytext_keeps(nb) -> list[dict]:
    """Each cell's metadata as the paired script carries it (jupytext leaves out e.g. ``execution``)."""
    text = jupytext.writes(nb, fmt="py:percent")
    return [dict(c.metadata) for c in jupytext.reads(text, fmt="py:percent").cells]


def _show(source: str) -> str:
    first = source.splitlines()[0] if source else ""
    return repr(first[:70])


def pairing_problems(notebook: Path) -> list[str]:
    """What differs between ``notebook`` (.ipynb) and its paired script (.py); empty if in sync."""
    script = notebook.with_suffix(".py")
    if not script.exists():
        return [f"{_name(notebook)} has no paired script {script.name} (run: make notebooks)"]
    nb = nbformat.read(notebook, as_version=4)
    text = jupytext.read(script, fmt="py:percent")
    problems = []
    for side, formats in ((_name(notebook), nb.metadata.get("jupytext", {}).get("formats")),
                          (_name(script), text.metadata.get("jupytext", {}).get("formats"))):
        if formats != PAIRING:
            problems.append(f"{side}: jupytext formats is {formats!r}, expected {PAIRING!r}")
    kept = _metadata_jupytext_keeps(nb)
    for i, (a, b) in enumerate(zip(nb.cells, text.cells)):
        where = f"{_name(notebook)} and {script.name} differ at cell {i}"
        if a.cell_type != b.cell_type:
            problems.append(f"{where}: {a.cell_type} in the notebook, {b.cell_type} in the script")
        elif a.source != b.source:
            a_lines, b_lines = a.source.splitlines(), b.source.splitlines()
            line = next((k for k, (x, y) in enumerate(zip(a_lines, b_lines)) if x != y), min(len(a_lines), len(b_lines)))
            problems.append(
                f"{where} ({_show(a.source)}), line {line + 1}: notebook "
                f"{(a_lines[line] if line < len(a_lines) else '<end>')!r}, script "
                f"{(b_lines[line] if line < len(b_lines) else '<end>')!r}")
        elif a.metadata.get("tags", []) != b.metadata.get("tags", []):
            problems.append(f"{where} ({_show(a.source)}): tags {a.metadata.get('tags', [])} in the notebook, "
                            f"{b.metadata.get('tags', [])} in the script")
        elif kept[i] != dict(b.metadata):
            problems.append(f"{where} ({_show(a.source)}): metadata {kept[i]} in the notebook, {dict(b.metadata)} in the script")
        if problems:
            return problems  # the first differing cell is the useful one
    if len(nb.cells) != len(text.cells):
        problems.append(f"{_name(notebook)} has {len(nb.cells)} cells, {script.name} has {len(text.cells)}; "
                        f"the first unmatched is cell {min(len(nb.cells), len(text.cells))}")
    return problems


def built_exercise_problems(source_dir: Path, student_dir: Path, solution_dir: Path) -> list[str]:
    """Built exercise notebooks that are missing or differ from what the sources give, with the first differing cell."""
    problems = []
    for path, wanted in build_exercises.build(source_dir, student_dir, solution_dir, write=False).items():
        if not path.exists():
            problems.append(f"{_name(path)} is missing (run: make notebooks)")
            continue
        have = path.read_text(encoding="utf-8")
        if have == wanted:
            continue
        a, b = json.loads(have), json.loads(wanted)
        cells = zip(a.get("cells", []), b.get("cells", []))
        first = next((i for i, (x, y) in enumerate(cells) if x != y), None)
        if first is None and len(a.get("cells", [])) != len(b.get("cells", [])):
            first = min(len(a.get("cells", [])), len(b.get("cells", [])))
        where = "the notebook metadata or formatting" if first is None else f"cell {first}"
        problems.append(f"{_name(path)} differs from what {source_dir.name}/{path.stem}.py builds, first at {where} "
                        f"(run: make notebooks)")
    return problems


# ---------------------------------------------------------------------------
# the committed files
# ---------------------------------------------------------------------------


def test_there_are_notebooks_and_exercises():
    assert len(NOTEBOOKS) >= 13
    assert NOTEBOOK_DIR / "kommunrapport.ipynb" in NOTEBOOKS
    assert NOTEBOOK_DIR / "workshop" / "svara.ipynb" in NOTEBOOKS
    assert len(EXERCISE_SOURCES) >= 9


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[_name(p) for p in NOTEBOOKS])
def test_notebook_and_its_script_hold_the_same_cells(notebook):
    problems = pairing_problems(notebook)
    assert not problems, "\n".join(problems + ["run: make notebooks"])


def test_every_script_in_notebooks_has_its_notebook():
    # notebooks/__init__.py (the folder is also a package of the library) is not a notebook source
    scripts = sorted(p for p in NOTEBOOK_DIR.rglob("*.py")
                     if ".ipynb_checkpoints" not in p.parts and not p.name.startswith("__"))
    assert scripts
    assert [_name(p) for p in scripts if not p.with_suffix(".ipynb").exists()] == []


def test_papermill_parameters_cell_survives_in_the_script():
    text = jupytext.read(NOTEBOOK_DIR / "kommunrapport.py", fmt="py:percent")
    assert text.cells[0].metadata.get("tags") == ["parameters"]
    assert 'kommun: str = "Umeå"' in text.cells[0].source
    assert '# %% tags=["parameters"]' in (NOTEBOOK_DIR / "kommunrapport.py").read_text(encoding="utf-8")


def test_exercise_sources_are_scripts_only():
    assert sorted(p.name for p in (EXERCISE_DIR / "source").iterdir() if p.suffix == ".ipynb") == []
    for path in EXERCISE_SOURCES:
        nb = jupytext.read(path, fmt="py:percent")
        assert any(build_exercises.SOLUTION_TAG in c.metadata.get("tags", []) for c in nb.cells), path.name


def test_built_exercises_are_byte_identical_to_what_the_sources_give():
    problems = built_exercise_problems(EXERCISE_DIR / "source", EXERCISE_DIR, EXERCISE_DIR / "losningar")
    assert not problems, "\n".join(problems)
    built = build_exercises.build(write=False)
    assert len(built) == 2 * len(EXERCISE_SOURCES)


# ---------------------------------------------------------------------------
# the checks catch an edit on one side only
# ---------------------------------------------------------------------------


@pytest.fixture
def pair(tmp_path) -> Path:
    """A copy of the kommunrapport pair (it has a tagged cell) in tmp_path; returns the .ipynb."""
    for suffix in (".ipynb", ".py"):
        shutil.copy(NOTEBOOK_DIR / f"kommunrapport{suffix}", tmp_path / f"kommunrapport{suffix}")
    assert pairing_problems(tmp_path / "kommunrapport.ipynb") == []
    return tmp_path / "kommunrapport.ipynb"


def _edit_notebook(path: Path, edit) -> None:
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)


def _edit_script(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_to_the_script_only_is_reported(pair):
    _edit_script(pair.with_suffix(".py"), "rapport.process()", "rapport.process(detail=True)")
    [problem] = pairing_problems(pair)
    assert "kommunrapport.ipynb and kommunrapport.py differ at cell 3" in problem
    assert "rapport.process(detail=True)" in problem


def test_an_edit_to_the_notebook_only_is_reported(pair):
    def edit(nb):
        nb.cells[2].source += "\nprint('added in Jupyter')"

    _edit_notebook(pair, edit)
    [problem] = pairing_problems(pair)
    assert "differ at cell 2" in problem and "line 2" in problem


def test_a_lost_tag_is_reported(pair):
    _edit_script(pair.with_suffix(".py"), '# %% tags=["parameters"]', "# %%")
    [problem] = pairing_problems(pair)
    assert "differ at cell 0" in problem and "['parameters']" in problem


def test_a_changed_cell_type_is_reported(pair):
    def edit(nb):
        nb.cells[6] = nbformat.v4.new_markdown_cell(nb.cells[6].source)

    _edit_notebook(pair, edit)
    [problem] = pairing_problems(pair)
    assert "differ at cell 6: markdown in the notebook, code in the script" in problem


def test_an_added_cell_is_reported(pair):
    def edit(nb):
        nb.cells.append(nbformat.v4.new_code_cell("rapport.appendix()"))

    _edit_notebook(pair, edit)
    [problem] = pairing_problems(pair)
    assert "kommunrapport.ipynb has 8 cells, kommunrapport.py has 7" in problem


def test_other_kept_metadata_is_compared(pair):
    _edit_script(pair.with_suffix(".py"), "# %%\nrapport.result()", "# %% slideshow={\"slide_type\": \"slide\"}\nrapport.result()")
    [problem] = pairing_problems(pair)
    assert "differ at cell 4" in problem and "slide_type" in problem


def test_outputs_and_execution_metadata_are_not_part_of_the_pairing(tmp_path):
    # 07 is committed with outputs; jupytext keeps them in the .ipynb only
    for suffix in (".ipynb", ".py"):
        shutil.copy(NOTEBOOK_DIR / f"07_agreement_methods{suffix}", tmp_path / f"07_agreement_methods{suffix}")
    nb = nbformat.read(tmp_path / "07_agreement_methods.ipynb", as_version=4)
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert pairing_problems(tmp_path / "07_agreement_methods.ipynb") == []


def test_a_missing_script_or_pairing_is_reported(pair):
    def edit(nb):
        del nb.metadata["jupytext"]

    _edit_notebook(pair, edit)
    assert any("jupytext formats is None" in p for p in pairing_problems(pair))
    pair.with_suffix(".py").unlink()
    assert "has no paired script kommunrapport.py" in pairing_problems(pair)[0]


@pytest.fixture
def exercise_copy(tmp_path) -> tuple[Path, Path, Path]:
    """A copy of exercise 01: its source and both built notebooks."""
    source, student, solution = tmp_path / "source", tmp_path / "ex", tmp_path / "ex" / "losningar"
    for d in (source, solution):
        d.mkdir(parents=True)
    shutil.copy(EXERCISE_DIR / "source" / "01_malgruppen.py", source)
    shutil.copy(EXERCISE_DIR / "01_malgruppen.ipynb", student)
    shutil.copy(EXERCISE_DIR / "losningar" / "01_malgruppen.ipynb", solution)
    assert built_exercise_problems(source, student, solution) == []
    return source, student, solution


def test_an_edit_to_an_exercise_source_only_is_reported(exercise_copy):
    source, student, solution = exercise_copy
    _edit_script(source / "01_malgruppen.py", "svar_1_1 = 192", "svar_1_1 = 193")
    problems = built_exercise_problems(source, student, solution)
    # the answer is hidden from participants, so only the solution differs
    assert len(problems) == 1
    assert "losningar/01_malgruppen.ipynb differs from what source/01_malgruppen.py builds, first at cell 6" in problems[0]
    _edit_script(source / "01_malgruppen.py", "Hur många av de avslutade", "Hur många av alla avslutade")
    assert len(built_exercise_problems(source, student, solution)) == 2


def test_an_edit_to_a_built_exercise_only_is_reported(exercise_copy):
    source, student, solution = exercise_copy
    _edit_notebook(student / "01_malgruppen.ipynb", lambda nb: nb.cells[1].metadata.update(tags=["setup"]))
    [problem] = built_exercise_problems(source, student, solution)
    assert "01_malgruppen.ipynb differs" in problem and "first at cell 1" in problem
    assert "losningar" not in problem
    (solution / "01_malgruppen.ipynb").unlink()
    assert any("losningar/01_malgruppen.ipynb is missing" in p for p in built_exercise_problems(source, student, solution))
