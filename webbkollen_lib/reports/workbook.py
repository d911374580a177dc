"""The Excel file beside a report: its tables and the figures' data, as the report shows them.

Every block of a report notebook shows its content twice: as HTML and as data
(:data:`~webbkollen_lib.reports.municipality.BLOCK_MIME`, the cells of each
table and of the table behind each figure, as text, exactly as shown). The
batch runner reads the data back from the executed notebook and writes one
workbook per report with :func:`report_workbook`:

* a first sheet (*Läs först*) with the report's title, what the file holds,
  what ``x`` means and the report's caveats, and a list of the sheets;
* one sheet per table (*Tabell 1*, …) and per figure's data (*Diagram 1*, …),
  the caption on top, the headers in the report's language, the notes below.

The cells are the protected ones the report shows, never the counts behind
them: a hidden cell is ``x`` here too. A cell that is a plain number
(``147``, ``1 234``, ``4,1``) or a share (``50 %``) is written as a number
(a share with a percent format), so it can be used in a sum or a chart; any
other cell (``74 (50 %)``, ``x``, ``3,6 (3,4–3,8)``) stays text.
"""

from __future__ import annotations

import io
import re

import nbformat
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.disclosure import footnote
from webbkollen_lib.reports.municipality import BLOCK_MIME

__all__ = ["report_blocks", "report_workbook", "cell_value"]

_SV = re.compile(r"-?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?")
_EN = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?")
_PERCENT = re.compile(r"(.*?)[\u00a0\u202f ]?%")


def report_blocks(nb) -> list[dict]:
    """The blocks a report notebook showed, in order, as data (its outputs of :data:`BLOCK_MIME`)."""
    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.read(nb, as_version=4)
    return [output["data"][BLOCK_MIME] for cell in nb.cells if cell.get("cell_type") == "code"
            for output in cell.get("outputs", []) if BLOCK_MIME in output.get("data", {})]


def cell_value(text: str, lang: str = "sv"):
    """A shown cell as Excel should hold it: a number, a share (with its number format), or the text.

    >>> cell_value("1\u00a0234")
    (1234, None)
    >>> cell_value("50\u00a0%")
    (0.5, '0 %')
    >>> cell_value("4,1")
    (4.1, '0.0')
    >>> cell_value("74 (50\u00a0%)")
    ('74 (50\u00a0%)', None)
    >>> cell_value("x")
    ('x', None)
    """
    number = _SV if lang == "sv" else _EN
    thousands, decimal = ("\u00a0\u202f ", ",") if lang == "sv" else (",", ".")
    stripped = text.strip()
    percent = _PERCENT.fullmatch(stripped)
    body = percent.group(1) if percent else stripped
    if not number.fullmatch(body):
        return text, None
    plain = body.translate({ord(c): None for c in thousands}).replace(decimal, ".")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = float(plain) if decimals else int(plain)
    places = "0" + ("." + "0" * decimals if decimals else "")
    if percent:
        return round(value / 100, decimals + 2), places + " %"
    return value, (places if decimals else None)


def _write_rows(sheet, rows: list[list[str]], first_row: int, lang: str, bold: bool = False) -> int:
    for r, row in enumerate(rows, start=first_row):
        for c, text in enumerate(row, start=1):
            value, number_format = cell_value(text, lang) if not bold else (text, None)
            cell = sheet.cell(row=r, column=c, value=value)
            if number_format:
                cell.number_format = number_format
            if bold:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return first_row + len(rows)


def _widths(sheet, rows: list[list[str]]) -> None:
    for c in range(1, max((len(r) for r in rows), default=0) + 1):
        longest = max((len(r[c - 1]) for r in rows if len(r) >= c), default=8)
        sheet.column_dimensions[get_column_letter(c)].width = min(60, max(10, longest + 2))


def _table_sheet(book: Workbook, name: str, table: dict, lang: str) -> None:
    sheet = book.create_sheet(name)
    sheet.cell(row=1, column=1, value=table["caption"]).font = Font(bold=True, size=12)
    header_row = 3
    _write_rows(sheet, [table["header"]], header_row, lang, bold=True)
    end = _write_rows(sheet, table["rows"], header_row + 1, lang)
    for i, note in enumerate(table.get("notes", [])):
        sheet.cell(row=end + 1 + i, column=1, value=note)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2 if table["header"] and table["rows"] else 1)
    _widths(sheet, [table["header"], *table["rows"]])


def report_workbook(blocks: list[dict], *, title: str, lang: str = "sv", min_cell: int = 5) -> bytes:
    """One report's workbook (see the module docstring) as the bytes of an .xlsx file.

    ``blocks`` are :func:`report_blocks` of the executed report notebook;
    ``min_cell`` is the report's, for the explanation of ``x``.
    """
    def word(key: str, **fields) -> str:
        return catalogue.text(f"reportfiles.xlsx.{key}", lang, **fields)

    book = Workbook()
    first = book.active
    first.title = word("first_sheet")
    sheets = []
    tables = [t for b in blocks for t in b.get("tables", [])]
    figures = [f for b in blocks for f in b.get("figures", [])]
    for n, table in enumerate(tables, start=1):
        sheets.append((word("table_sheet", n=n), table))
    for n, figure in enumerate(figures, start=1):
        sheets.append((word("figure_sheet", n=n), figure))
    for name, table in sheets:
        _table_sheet(book, name, table, lang)

    lines: list[tuple[str, bool]] = [(title, True), ("", False), (word("about"), False), ("", False),
                                     (word("x_heading"), True), (footnote(min_cell, lang), False)]
    caveats = [note for b in blocks if b.get("kind") == "caveats" for note in b.get("notes", [])]
    if caveats:
        lines += [("", False), (word("caveats_heading"), True)] + [(note, False) for note in caveats]
    lines += [("", False), (word("sheets_heading"), True)]
    row = 1
    for text, bold in lines:
        cell = first.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True, size=13 if row == 1 else 11)
        row += 1
    _write_rows(first, [[word("sheet"), word("content")]], row, lang, bold=True)
    for i, (name, table) in enumerate(sheets, start=row + 1):
        first.cell(row=i, column=1, value=name)
        first.cell(row=i, column=2, value=table["caption"])
    first.column_dimensions["A"].width = 100
    first.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
