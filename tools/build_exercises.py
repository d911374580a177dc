"""Build the participants' and the solution notebooks of the exercises from one source each.

    python tools/build_exercises.py           # write exercises/NN_*.ipynb and exercises/losningar/NN_*.ipynb
    python tools/build_exercises.py --check   # exit 1 if the built notebooks are not up to date

Sources are ``exercises/source/NN_namn.py``: jupytext percent-format
scripts (``# %%`` starts a code cell, ``# %% [markdown]`` a Markdown cell),
edited by hand or opened as a notebook in Jupyter with jupytext installed.
A cell tagged ``solution`` (``# %% tags=["solution"]``) holds an answer:

* in the participants' version (``exercises/NN_namn.ipynb``) a code cell
  tagged ``solution`` becomes a placeholder cell tagged ``answer``, one line
  ``name = ...  # Skriv ditt svar här`` per variable the solution assigns
  (comment lines at the top of the cell are kept); a Markdown cell tagged
  ``solution`` (a worked answer) is left out;
* in the solution version (``exercises/losningar/NN_namn.ipynb``) every cell
  is kept and a note saying it is the solution is put first.

As nbgrader and scikit-learn-mooc do, one source means the two versions
cannot drift apart. The output is deterministic (no outputs, no execution
counts, cell ids ``exNN-MM`` from the exercise number and the cell's
position in the source), so ``--check`` (and ``tests/test_notebook_sources.py``)
can compare it byte for byte. ``make notebooks`` runs this build after
re-syncing the paired notebooks in ``notebooks/``.
"""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "exercises" / "source"
STUDENT_DIR = ROOT / "exercises"
SOLUTION_DIR = ROOT / "exercises" / "losningar"

SOLUTION_TAG = "solution"
ANSWER_TAG = "answer"
PLACEHOLDER = "{name} = ...  # Skriv ditt svar här"
SOLUTION_NOTE = (
    "> **Lösningsförslag.** Det här är versionen med svaren ifyllda, för kursledaren. "
    "Deltagarnas version (utan svar) finns i `exercises/{name}`."
)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def placeholder(source: str) -> str:
    """The participants' version of a solution cell: its leading comments and ``name = ...`` per answer."""
    tree = ast.parse(source)
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names.append(node.targets[0].id)
        else:
            raise ValueError(
                f"a solution cell may only assign answers (name = value); found {ast.unparse(node)[:60]!r}"
            )
    if not names:
        raise ValueError(f"solution cell assigns no answer:\n{source}")
    comments = []
    for line in source.splitlines():
        if line.startswith("#"):
            comments.append(line)
        else:
            break
    return "\n".join(comments + [PLACEHOLDER.format(name=n) for n in names])


def _clean(cell) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    for key in ("execution", "collapsed", "scrolled", "papermill"):
        cell.metadata.pop(key, None)


def _normalised(nb):
    nb = copy.deepcopy(nb)
    nb.metadata = nbformat.from_dict({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    for cell in nb.cells:
        _clean(cell)
    return nb


def student_version(nb):
    """Solution code cells -> placeholders tagged ``answer``; solution Markdown cells removed."""
    out = _normalised(nb)
    cells = []
    for cell in out.cells:
        tags = _tags(cell)
        if SOLUTION_TAG in tags:
            if cell.cell_type != "code":
                continue
            cell.source = placeholder(cell.source)
            cell.metadata["tags"] = [ANSWER_TAG] + [t for t in tags if t != SOLUTION_TAG]
        cells.append(cell)
    out.cells = cells
    return out


def solution_version(nb, name: str):
    """Every cell kept, with a note first saying this is the solution."""
    out = _normalised(nb)
    note = nbformat.v4.new_markdown_cell(SOLUTION_NOTE.format(name=name))
    note["id"] = "losningsforslag"
    out.cells.insert(0, note)
    return out


def read_source(path: Path):
    """The exercise source ``NN_namn.py`` as a notebook, with the cell ids ``exNN-00``, ``exNN-01``, …"""
    path = Path(path)
    nb = jupytext.read(path, fmt="py:percent")
    number = path.name[:2]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"ex{number}-{i:02d}"
    return nb


def _dumps(nb) -> str:
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def build(source_dir: Path = SOURCE_DIR, student_dir: Path = STUDENT_DIR, solution_dir: Path = SOLUTION_DIR,
          write: bool = True) -> dict[Path, str]:
    """Build every exercise; return {path: text}. With ``write`` the files are written."""
    sources = sorted(Path(source_dir).glob("[0-9][0-9]_*.py"))
    if not sources:
        raise FileNotFoundError(f"no exercise sources (NN_name.py) in {source_dir}")
    out: dict[Path, str] = {}
    for path in sources:
        nb = read_source(path)
        name = path.with_suffix(".ipynb").name
        out[Path(student_dir) / name] = _dumps(student_version(nb))
        out[Path(solution_dir) / name] = _dumps(solution_version(nb, name))
    if write:
        for target, text in out.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return out


def stale(source_dir: Path = SOURCE_DIR, student_dir: Path = STUDENT_DIR, solution_dir: Path = SOLUTION_DIR) -> list[Path]:
    """Built notebooks that are missing or differ from what the sources give."""
    wanted = build(source_dir, student_dir, solution_dir, write=False)
    return [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--check"]:
        bad = stale()
        for p in bad:
            print(f"out of date: {p.relative_to(ROOT)}")
        if bad:
            print("run: python tools/build_exercises.py")
        return 1 if bad else 0
    if argv:
        print(__doc__)
        return 2
    for p in build():
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
