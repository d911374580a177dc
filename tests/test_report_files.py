"""Reports a committee can file and everyone can read: PDF, accessibility (WCAG 2.1 AA), Excel.

One report of every kind is made once for this module, as HTML, PDF and
Excel (``formats="html,pdf,xlsx"``), and then checked:

* the accessibility check (axe-core in headless Chromium, any violation of any
  impact fails) over each report and each index page; it serves the Swedish law
  on accessible digital public services (lag 2018:1937 → EN 301 549 → WCAG 2.1 AA);
* the PDF: A4, tagged, in the report's language; its text (pypdf) holds the
  unit, the year and the headline sentence of every block; every page rendered
  (pypdfium2) shows something besides the running header; the caveats are on
  the last page; every table row of the HTML is on one page of the PDF;
* no suppressed count reaches the PDF or the Excel file: the rule the HTML
  leak test applies (no count from 1 to ``min_cell - 1`` in a table cell) on the
  Excel cells, and the PDF shows no number that the HTML does not;
* the Excel file: the caveats and what ``x`` means on its first sheet, one sheet
  per table and per figure's data, the same cells as the report;
* a report printed from the browser (Chromium's print-to-PDF, no header
  options) keeps every table row whole and readable.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pypdfium2
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from a11y import assert_accessible, axe_violations, chromium_page, find_chromium
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.disclosure import SUPPRESSED, footnote
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.batch import BatchConfigError, run_batch, running_header, validate_batch
from webbkollen_lib.reports.pdf import CHROMIUM_ENV
from webbkollen_lib.reports.workbook import cell_value, report_blocks

pytestmark = pytest.mark.browser

#: One report of each kind: its unit, and the year its running header and text must show.
UNITS = {"kommun": ("Umeå", "2017"), "oj2015": ("Solna", "2015"), "ubu": ("Algårdens HVB (fiktiv)", "2012–2014"),
         "kartlaggning": ("Uppsala", "2012")}
KINDS = list(UNITS)
MIN_CELL = 5


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """kind -> the BatchResult of one report of that kind, in HTML, PDF and Excel."""
    find_chromium()  # skip (or fail in CI) before building anything
    out = tmp_path_factory.mktemp("report-files")
    results = {}
    try:
        with ThreadPoolExecutor(1) as executor:
            for kind, (unit, _) in UNITS.items():
                result = run_batch(report=kind, kommun=[unit], out=out / kind, executor=executor, progress=False,
                                   formats="html,pdf,xlsx", min_cell=MIN_CELL)
                assert result.ok, result.summary()
                results[kind] = result
    finally:
        warm_kernel.POOL.shutdown()  # leave no kernel behind for the next test module in this process
    return results


def row(made, kind):
    return made[kind].reports.iloc[0]


def squeeze(text: str) -> str:
    """Text without its spacing and ligatures: PDF text extraction wraps lines and keeps 'ﬁ' as one glyph."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def blocks(made, kind) -> list[dict]:
    return report_blocks(nbformat.read(row(made, kind)["notebook"], as_version=4))


# --------------------------------------------------------------------------
# accessibility
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page():
    with chromium_page() as p:
        yield p


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_and_index_passes_the_accessibility_check(made, page, kind):
    assert_accessible(page, Path(row(made, kind)["html"]))
    assert_accessible(page, made[kind].index)


def test_the_accessibility_check_finds_what_the_reports_had_before(page, tmp_path):
    """Negative control: empty header cells, a skipped heading level and an image without a text alternative."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="sv"><head><title>t</title></head><body><main><h1>R</h1><h2>B</h2>'
                   "<h4>Tabell</h4><table><thead><tr><th></th><th>Umeå</th></tr></thead>"
                   "<tbody><tr><th>Kön</th><td>3</td></tr></tbody></table>"
                   '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
                   '+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="></main></body></html>', encoding="utf-8")
    found = {v["id"] for v in axe_violations(page, bad)}
    assert {"empty-table-header", "heading-order", "image-alt"} <= found


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_is_a_data_table_and_x_is_explained_where_it_shows(made, kind):
    soup = BeautifulSoup(Path(row(made, kind)["html"]).read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "sv"
    tables = soup.find_all("table")
    assert tables
    for table in tables:
        assert table.caption and table.caption.get_text(strip=True), table
        assert all(th.get("scope") in ("col", "row", "colgroup") and th.get_text(strip=True)
                   for th in table.find_all("th")), table.caption
        if any(td.get_text(strip=True) == SUPPRESSED for td in table.find_all("td")):
            ids = table.get("aria-describedby", "").split()
            notes = [soup.find(id=i) for i in ids]
            assert notes and all(n is not None and n.get_text().startswith(f"{SUPPRESSED} = ") for n in notes), \
                table.caption.get_text()
    levels = [int(h.name[1]) for h in soup.find_all(re.compile("^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("kind", ["kommun", "ubu"])
def test_every_figure_states_its_numbers_and_has_its_table_one_click_away(made, kind):
    soup = BeautifulSoup(Path(row(made, kind)["html"]).read_text(encoding="utf-8"), "html.parser")
    images = soup.find_all("img")
    assert images
    for img in images:
        details = img.find_next("details")
        assert details is not None and "figure-data" in details["class"] and details.summary.get_text(strip=True)
        cells = [td.get_text() for td in details.find_all("td")]
        assert cells and len(img["alt"]) > 100
        # the text alternative is made from the same numbers as the table behind the figure
        for cell in cells:
            assert cell in img["alt"], (cell, img["alt"][:200])


# --------------------------------------------------------------------------
# the PDF
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_holds_the_unit_the_year_and_every_headline_sentence(made, kind):
    unit, year = UNITS[kind]
    reader = PdfReader(row(made, kind)["pdf"])
    pages = [p.extract_text() for p in reader.pages]
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297), "A4"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], "a tagged PDF"
    assert root["/Lang"] == "sv"
    text = squeeze(" ".join(pages))
    for page_number, page in enumerate(pages, start=1):
        # the running header (unit and year) and the page number on every page
        assert squeeze(unit) in squeeze(page) and squeeze(year) in squeeze(page), page_number
        assert squeeze(f"Sida {page_number} av {len(pages)}") in squeeze(page)
    sentences = [b["sentence"] for b in blocks(made, kind) if b["sentence"]]
    assert len(sentences) >= 3
    for sentence in sentences:
        assert squeeze(sentence) in text, sentence


@pytest.mark.parametrize("kind", KINDS)
def test_every_rendered_page_shows_more_than_its_header(made, kind):
    document = pypdfium2.PdfDocument(row(made, kind)["pdf"])
    for number in range(len(document)):
        image = document[number].render(scale=0.5).to_pil().convert("L")
        width, height = image.size
        body = image.crop((0, int(height * 0.09), width, int(height * 0.92)))  # without header and footer
        inked = sum(body.histogram()[:200])
        assert inked > 0.005 * body.width * body.height, f"{kind}: page {number + 1} is (nearly) blank"


@pytest.mark.parametrize("kind", KINDS)
def test_the_caveats_are_on_the_last_page(made, kind):
    caveats = [b for b in blocks(made, kind) if b["kind"] == "caveats"]
    assert len(caveats) == 1
    last = squeeze(pdf_pages(row(made, kind)["pdf"])[-1])
    assert squeeze(caveats[0]["title"]) in last
    for note in caveats[0]["notes"]:
        assert squeeze(note) in last, note


NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


def numbers(text: str) -> set[str]:
    return {re.sub(r"\s", "", n) for n in NUMBER.findall(unicodedata.normalize("NFKC", text))}


def figure_text(page: BeautifulSoup) -> str:
    """The text inside the page's SVG figures (axis ticks and labels), which the PDF prints as text."""
    svgs = [base64.b64decode(img["src"].split(",", 1)[1]) for img in page.find_all("img")
            if img.get("src", "").startswith("data:image/svg+xml;base64,")]
    return " ".join(" ".join(ElementTree.fromstring(svg).itertext()) for svg in svgs)


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_shows_no_number_the_html_does_not(made, kind):
    """The HTML is leak-tested cell by cell; the PDF is the same page printed, with a header and page numbers."""
    page = BeautifulSoup(Path(row(made, kind)["html"]).read_text(encoding="utf-8"), "html.parser")
    html_text = page.get_text(" ") + " " + figure_text(page)
    pages = pdf_pages(row(made, kind)["pdf"])
    header = running_header(made[kind].plan, UNITS[kind][0])
    added = numbers(header) | {str(n) for n in range(1, len(pages) + 1)}  # the running header, page numbers
    extra = numbers(" ".join(pages)) - numbers(html_text) - added
    assert extra == set(), extra


def counts_in(cell) -> list[int]:
    """The counts a cell shows: a whole number, or the n of 'n (p %)'."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return [cell]
    if isinstance(cell, str):
        match = re.fullmatch(r"(\d[\d\u00a0 ]*) \(.*\)", cell.strip())
        if match:
            return [int(re.sub(r"\D", "", match.group(1)))]
    return []


def table_sheets(book):
    return [book[name] for name in book.sheetnames[1:]]


@pytest.mark.parametrize("kind", ["kommun", "ubu"])
def test_no_small_count_in_the_excel_file(made, kind):
    """The rule of the HTML leak test (tests/test_report.py) on every cell of the Excel file's tables."""
    book = load_workbook(row(made, kind)["xlsx"])
    small, hidden = [], 0
    for sheet in table_sheets(book):
        for r in sheet.iter_rows(min_row=4):  # below the caption and the header row
            for cell in r[1:]:
                if cell.number_format != "General":
                    continue  # a share (0 %) or a mean (0.0), not a count
                small += [(sheet.title, cell.coordinate, c) for c in counts_in(cell.value) if 1 <= c < MIN_CELL]
                hidden += cell.value == SUPPRESSED
    assert small == []
    assert hidden > 0, "the check is not vacuous: these reports hide cells, and the file shows them as x"


@pytest.mark.parametrize("kind", KINDS)
def test_the_excel_file_holds_the_reports_tables_and_figures_data(made, kind):
    book = load_workbook(row(made, kind)["xlsx"])
    content = blocks(made, kind)
    tables = [t for b in content for t in b["tables"]]
    figures = [f for b in content for f in b["figures"]]
    assert book.sheetnames == ["Läs först", *(f"Tabell {n}" for n in range(1, len(tables) + 1)),
                               *(f"Diagram {n}" for n in range(1, len(figures) + 1))]
    first = [c for r in book["Läs först"].iter_rows(values_only=True) for c in r if c]
    assert footnote(MIN_CELL, "sv") in first
    caveats = next(b for b in content if b["kind"] == "caveats")["notes"]
    assert all(note in first for note in caveats)
    # every sheet: its caption, the report's (Swedish) headers and exactly the cells the report shows
    soup = BeautifulSoup(Path(row(made, kind)["html"]).read_text(encoding="utf-8"), "html.parser")
    shown = {t.caption.get_text(): [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in t.tbody.find_all("tr")]
             for t in soup.find_all("table")}
    for sheet, table in zip(table_sheets(book), tables + figures):
        assert sheet["A1"].value == table["caption"]
        assert [c.value or "" for c in sheet[3]][:len(table["header"])] == table["header"]
        rows = [[("" if v is None else v) for v in r][:len(table["header"])]
                for r in sheet.iter_rows(min_row=4, max_row=3 + len(table["rows"]), values_only=True)]
        expected = [[cell_value(c)[0] for c in r] for r in table["rows"]]
        assert rows == expected, sheet.title
        html_rows = [[c.replace("\u00a0\u00a0\u00a0\u00a0", "  ") for c in r] for r in shown[table["caption"]]]
        assert html_rows == table["rows"], sheet.title


def test_the_index_links_every_format(made):
    soup = BeautifulSoup(made["kommun"].index.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.tbody.find_all("a")]
    assert links[:3] == ["umea.html", "umea.pdf", "umea.xlsx"]
    assert catalogue.text("reportfiles.index.formats_pdf") in soup.get_text()


# --------------------------------------------------------------------------
# printed from the browser
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_printed_html_report_keeps_every_table_row_whole_and_readable(made, page, kind, tmp_path):
    """Chromium's own print-to-PDF of the HTML page (as a reader prints it): each row on one page, in full."""
    html = Path(row(made, kind)["html"])
    page.goto(html.as_uri(), wait_until="load")
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), format="A4")
    pages = [squeeze(p) for p in pdf_pages(printed)]
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    # a row's cells, as the words in them (a long cell wraps, and its lines come out between its neighbours')
    rows = [[squeeze(w) for c in tr.find_all(["th", "td"]) for w in c.get_text().split()]
            for t in soup.find_all("table") for tr in t.tbody.find_all("tr")]
    assert len(rows) > 10
    missing = [" ".join(r) for r in rows if r and not any(all(w in p for w in r) for p in pages)]
    assert missing == [], f"{len(missing)} table rows split across pages or not printed: {missing[:3]}"


# --------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------


def test_an_unknown_format_is_refused_naming_the_allowed_ones(tmp_path):
    with pytest.raises(BatchConfigError, match="format: 'docx' not allowed; allowed: html, pdf, xlsx"):
        validate_batch(formats="html,docx", out=tmp_path / "r")
    assert validate_batch(formats="xlsx,pdf", out=tmp_path / "r").formats == ("html", "pdf", "xlsx")


def test_pdf_without_a_chromium_is_refused_before_anything_runs(tmp_path, monkeypatch):
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    with pytest.raises(BatchConfigError, match="format: pdf needs a Chromium"):
        validate_batch(formats="pdf", out=tmp_path / "r")
    assert validate_batch(formats="html,xlsx", out=tmp_path / "r").formats == ("html", "xlsx")
