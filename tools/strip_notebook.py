"""Keep what running a notebook adds out of the repository: git's clean filter for ``*.ipynb``.

JupyterLab saves a notebook as it was run: outputs, execution counts, the
kernel's ``language_info`` (its Python version), timings and widget state. In
this repository the notebooks are text (each ``.ipynb`` is paired with a
jupytext ``.py`` source), so running one must not leave a tracked file
modified. ``.gitattributes`` sends every ``*.ipynb`` through this script
(``filter=nbstrip``) whenever git reads the working file (``git status``,
``git diff``, ``git add``); the file on disk keeps its outputs, the repository
never sees them.

What is removed: every code cell's outputs and execution count, the cells'
``execution`` / ``ExecuteTime`` timings, the notebook's saved widget state
(``metadata.widgets``), and everything in ``metadata.language_info`` but its
``name`` (which a notebook always has, as a kernel writes it; from the
kernelspec's language when the file had none). What is kept: the outputs of a cell marked ``# NBVAL_CHECK_OUTPUT``
(they are the expected results that ``make test``'s ``nbval --nbval-lax``
compares against; their execution count is set to the cell's place among the
code cells, as a run from the top numbers it, since nbval needs one), and
everything else byte for byte. Stripping a stripped notebook changes nothing.

Set the filter up once per clone (``make setup`` does it)::

    git config filter.nbstrip.clean ".venv/bin/python tools/strip_notebook.py"

Other uses::

    python tools/strip_notebook.py < in.ipynb > out.ipynb   # what git does
    python tools/strip_notebook.py --check FILE...          # exit 1 naming each file not stripped
    python tools/strip_notebook.py --in-place FILE...       # strip files on disk
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

#: The marker of a cell whose outputs nbval compares (they stay in the repository).
CHECK_OUTPUT = "NBVAL_CHECK_OUTPUT"
#: Cell metadata that only records a run.
RUN_METADATA = ("execution", "ExecuteTime")


def strip(nb) -> None:
    """Remove, in place, what a run adds to a notebook (see the module docstring)."""
    position = 0
    for cell in nb.cells:
        for key in RUN_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        position += 1
        if CHECK_OUTPUT in cell.source:
            # nbval refuses a stored output without a count ("unrun reference cell"): the count is the
            # cell's place among the code cells, which a run from the top gives it, not the last run's
            cell.execution_count = position
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = position
        else:
            cell.execution_count = None
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    info = nb.metadata.get("language_info") or {}
    name = info.get("name") or nb.metadata.get("kernelspec", {}).get("language")
    if name:
        nb.metadata["language_info"] = {"name": name}


def strip_text(text: str) -> str:
    """A notebook's JSON text, stripped; written as nbformat writes (and jupytext and the exercise build)."""
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    strip(nb)
    return nbformat.writes(nb, version=nbformat.NO_CONVERT) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="notebooks (none: read stdin, write stdout)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="name every file that is not stripped; exit 1 if any")
    mode.add_argument("--in-place", action="store_true", help="strip the files on disk")
    args = parser.parse_args(argv)
    if not args.files:
        if args.check or args.in_place:
            parser.error("--check and --in-place need files")
        data = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(strip_text(data).encode("utf-8"))
        return 0
    if not (args.check or args.in_place):
        parser.error("with files, say --check or --in-place")
    unstripped = []
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        stripped = strip_text(text)
        if stripped != text:
            if args.in_place:
                path.write_text(stripped, encoding="utf-8")
            else:
                unstripped.append(path)
    if unstripped:
        for path in unstripped:
            print(f"{path}: not stripped as the clean filter leaves it: outputs, execution counts or run metadata (run: python tools/strip_notebook.py --in-place {path})",
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
