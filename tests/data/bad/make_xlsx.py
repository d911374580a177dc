"""Write the binary files of tests/data/bad/ (the text files are kept as they are).

Run from anywhere: ``python tests/data/bad/make_xlsx.py``. Each file is
small and holds one kind of problem; tests/test_io_bad_input.py says what
reading it must report (and checks that files made afresh fail the same way;
workbooks are not byte-identical between runs, openpyxl stamps the time).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ["kommun", "ar", "tillfalle", "kon", "alder"]


def workbook(rows, title="Blad1", cells=()):
    """A workbook whose first sheet holds ``rows`` from row 1 (None = empty row) and extra ``cells``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row or (), start=1):
            ws.cell(row=number, column=column, value=value)
    for ref, value in cells:
        ws[ref] = value
    return wb


def main() -> None:
    # Swedish headers; row 3 is empty, so the problems are on sheet rows 4 and 5.
    workbook(
        [
            ["Kommun/stadsdel", "År", "Tillfälle", "Kön", "Ålder", "Riskbedömning vid beslut"],
            ["Umeå", 2017, "Avslut", "Pojke", 12, "Hög risk"],
            None,
            ["Umeå", 2017, "Avslut", "Flika", 12, "Hög risk"],
            ["Umeå", 2017, "Avslut", "Flicka", 25, "Mycket hg"],
        ]
    ).save(HERE / "excel_problems.xlsx")

    # A value in column G, which has no header.
    workbook(
        [HEADER, ["Umeå", 2017, "avslut", "pojke", 12], ["Umeå", 2017, "avslut", "pojke", 12]],
        cells=[("G3", "oj")],
    ).save(HERE / "excel_value_without_header.xlsx")

    # The first sheet is empty (the data is on the second).
    wb = workbook([], title="Blad1")
    wb.create_sheet("Data").append(HEADER)
    wb.save(HERE / "excel_empty_sheet.xlsx")

    # A title row above the header: the first non-empty row is not a header.
    workbook([["Uppföljning av insatser 2017"], None, HEADER, ["Umeå", 2017, "avslut", "pojke", 12]]).save(
        HERE / "excel_title_row.xlsx"
    )

    # A real workbook saved with the suffix .csv.
    workbook([HEADER, ["Umeå", 2017, "avslut", "pojke", 12]]).save(HERE / "xlsx_named_csv.csv")

    # CSV text saved with the suffix .xlsx.
    (HERE / "csv_named_xlsx.xlsx").write_text("kommun,ar,tillfalle,kon,alder\nUmeå,2017,avslut,pojke,12\n", encoding="utf-8")

    # Binary files that are not tables.
    (HERE / "binary_renamed.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06")
    (HERE / "pdf_like.csv").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    # Old Excel (OLE2 header) and an OpenDocument spreadsheet (a zip): unsupported suffixes.
    (HERE / "old_excel.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56)
    with zipfile.ZipFile(HERE / "spreadsheet.ods", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")


if __name__ == "__main__":
    main()
