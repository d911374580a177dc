"""Tiny helper to write notebooks from Python source: ``build(path, cells)``.

Cells are strings; a string starting with ``"md:"`` is a Markdown cell, one
starting with ``"params:"`` is the papermill ``parameters`` cell. Notebooks
are written without outputs (nbval executes them in the tests).
"""

import sys

import nbformat


def build(path, cells, kernel="python3"):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for text in cells:
        if text.startswith("md:"):
            nb.cells.append(nbformat.v4.new_markdown_cell(text[3:].strip("\n")))
        elif text.startswith("params:"):
            cell = nbformat.v4.new_code_cell(text[7:].strip("\n"))
            cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
        else:
            nb.cells.append(nbformat.v4.new_code_cell(text.strip("\n")))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    nbformat.write(nb, path)
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.exit("import this module; it has no command line")
