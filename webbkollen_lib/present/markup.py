"""Tables as accessible HTML, and the same cells as plain data (for the reports' Excel files).

A report's table is a *data table*: a ``<caption>`` naming it, header cells
(``<th scope="col">``, ``scope="colgroup"`` over a column group,
``scope="row"`` for a row's label) and no header cell without text, so that a
screen reader announces each cell with its row and column (WCAG 2.1, 1.3.1).
A table that shows the disclosure symbol ``x`` points to the note explaining
it with ``aria-describedby``, so the explanation is read with the table.

:func:`table_cells` gives the cells of a frame as text, exactly as
:func:`data_table` shows them; the Excel file beside a report is written from
those cells, so it holds what the report shows and nothing more.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"Antal": ["12", "x"]}, index=pd.Index(["Flicka", "Pojke"], name="Kön"))
>>> print(data_table(frame, caption="Kön", describedby=["not-1"]))  # doctest: +NORMALIZE_WHITESPACE
<table class="dataframe" aria-describedby="not-1">
<caption>Kön</caption>
<thead>
<tr><th scope="col">Kön</th><th scope="col">Antal</th></tr>
</thead>
<tbody>
<tr><th scope="row">Flicka</th><td>12</td></tr>
<tr><th scope="row">Pojke</th><td>x</td></tr>
</tbody>
</table>
>>> table_cells(frame)["rows"]
[['Flicka', '12'], ['Pojke', 'x']]
>>> shows_suppressed(frame)
True
"""

from __future__ import annotations

import html

import pandas as pd

from webbkollen_lib.disclosure import SUPPRESSED

__all__ = ["data_table", "table_cells", "shows_suppressed", "explains_suppressed", "cell_text"]

#: A row label's leading double spaces (an indented level of a summary table) become these.
INDENT = "\u00a0\u00a0\u00a0\u00a0"


def cell_text(value) -> str:
    """A cell as the reader sees it: missing values are empty."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # list-likes
        pass
    return str(value)


def _label(value) -> str:
    text = cell_text(value)
    return text.replace("  ", INDENT) if text.startswith("  ") else text


def _has_row_labels(frame: pd.DataFrame) -> bool:
    """A plain 0, 1, 2, … index without a name is a row number, not a label: it is not shown."""
    index = frame.index
    return not (isinstance(index, pd.RangeIndex) and index.name is None)


def _corners(frame: pd.DataFrame) -> list[str]:
    """The top-left cell of each header row: the column levels' names, the index's name in the last row."""
    names = [cell_text(n) for n in frame.columns.names]
    index_name = cell_text(frame.index.name) if frame.index.nlevels == 1 else " / ".join(
        cell_text(n) for n in frame.index.names if cell_text(n))
    if index_name:
        if names[-1] and len(names) > 1 and not names[-2]:
            names[-2] = names[-1]  # the last level's name moves up a row: the index's name takes its place
        names[-1] = index_name
    return names


def _header_rows(frame: pd.DataFrame) -> list[list[tuple[str, int]]]:
    """Per column level, the (text, span) of each header cell, equal neighbours merged above the last level."""
    columns = frame.columns
    rows = []
    for level in range(columns.nlevels):
        values = [cell_text(c[level] if columns.nlevels > 1 else c) for c in columns]
        if level == columns.nlevels - 1:
            rows.append([(v, 1) for v in values])
            continue
        merged: list[tuple[str, int]] = []
        for i, value in enumerate(values):
            same_above = columns.nlevels > 1 and i > 0 and all(
                columns[i][k] == columns[i - 1][k] for k in range(level + 1))
            if merged and same_above:
                merged[-1] = (merged[-1][0], merged[-1][1] + 1)
            else:
                merged.append((value, 1))
        rows.append(merged)
    return rows


def _flat_columns(frame: pd.DataFrame) -> list[str]:
    if frame.columns.nlevels == 1:
        return [cell_text(c) for c in frame.columns]
    return [" – ".join(dict.fromkeys(t for t in (cell_text(x) for x in c) if t)) for c in frame.columns]


def _row_label(label) -> str:
    if isinstance(label, tuple):
        return " – ".join(t for t in (_label(x) for x in label) if t)
    return _label(label)


def _header_cell(text: str, scope: str, span: int = 1) -> str:
    if not text.strip():  # a header cell must say something; an empty one is a plain cell
        return "<td></td>" if span == 1 else f'<td colspan="{span}"></td>'
    colspan = f' colspan="{span}"' if span > 1 else ""
    return f'<th scope="{scope}"{colspan}>{html.escape(text, quote=False)}</th>'


def data_table(frame: pd.DataFrame, *, caption: str = "", describedby=(), css_class: str = "dataframe") -> str:
    """A frame of display text (or numbers) as an accessible HTML data table.

    ``caption`` names the table (``<caption>``); ``describedby`` are ids of
    notes that explain it (the ``x`` footnote), set as ``aria-describedby``.
    A frame with a plain unnamed 0, 1, 2, … index gets no row headers.
    """
    described = " ".join(describedby)
    attrs = f' class="{css_class}"' + (f' aria-describedby="{html.escape(described)}"' if described else "")
    lines = [f"<table{attrs}>"]
    if caption:
        lines.append(f"<caption>{html.escape(caption, quote=False)}</caption>")
    lines.append("<thead>")
    rows = _header_rows(frame)
    labels = _has_row_labels(frame)
    corners = _corners(frame)
    last = len(rows) - 1
    for level, cells in enumerate(rows):
        corner = _header_cell(corners[level], "col") if labels else ""
        scope = "col" if level == last else "colgroup"
        lines.append("<tr>" + corner + "".join(_header_cell(t, scope, s) for t, s in cells) + "</tr>")
    lines.append("</thead>")
    lines.append("<tbody>")
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None)):
        head = _header_cell(_row_label(label), "row") if labels else ""
        body = "".join(f"<td>{html.escape(cell_text(v), quote=False)}</td>" for v in values)
        lines.append(f"<tr>{head}{body}</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


def table_cells(frame: pd.DataFrame) -> dict:
    """The cells :func:`data_table` shows, as text: ``{"header": [...], "rows": [[...], ...]}``.

    Column levels are joined into one header (``"Antal – Samma"``); the first
    column holds the row labels when the table has them.
    """
    labels = _has_row_labels(frame)
    corner = [" / ".join(t for t in _corners(frame) if t)] if labels else []
    rows = [([_row_label(label).replace(INDENT, "  ")] if labels else []) + [cell_text(v) for v in values]
            for label, values in zip(frame.index, frame.itertuples(index=False, name=None))]
    return {"header": corner + _flat_columns(frame), "rows": rows}


def shows_suppressed(frame: pd.DataFrame) -> bool:
    """Whether any cell shows the disclosure symbol (alone, or as a share's or count's place)."""
    return any(cell_text(v).strip() == SUPPRESSED for v in frame.to_numpy().ravel())


def explains_suppressed(note: str) -> bool:
    """Whether a note is the explanation of the disclosure symbol (it begins ``x = …``)."""
    return note.startswith(f"{SUPPRESSED} = ")
