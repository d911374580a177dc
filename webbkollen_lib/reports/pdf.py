"""Reports as PDF: the HTML report printed by headless Chromium (Playwright), for committee papers.

A social services committee's papers (*nämndhandlingar*) are PDFs attached to
the agenda and archived. :class:`PdfPrinter` prints a report's own HTML page
with Chromium's print-to-PDF, the engine that shows the page on screen and
that the accessibility check (axe-core) runs in, so the PDF is the checked
page on paper:

* A4, the report's title (unit and year) in a running header, "Sida 3 av 7"
  in the footer;
* a *tagged* PDF (Chromium builds its structure tree from the page's
  accessibility tree: headings, tables with their header cells, figures with
  their text alternatives, the document's language) with an outline of the
  headings;
* the report's print CSS (``batch.PRINT_CSS``): table rows never split across
  pages, header rows repeated, figures fitted to the page, the tables behind
  the figures printed open, the caveats kept whole on the last page.

The printer needs a Chromium (or Chrome) executable: ``$WEBBKOLLEN_CHROMIUM``,
else ``chromium``, ``chromium-browser``, ``google-chrome`` on the ``PATH``
(Debian: ``apt-get install chromium``), and the Python package ``playwright``
(the ``pdf`` extra), which drives it; no browser is downloaded.
:func:`pdf_problems` says what is missing before a batch starts. Nothing is
fetched from the network while printing (the browser context is offline; a
report is self-contained).
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from webbkollen_lib.core import labels as catalogue

__all__ = ["PdfPrinter", "find_chromium", "pdf_problems", "CHROMIUM_ENV", "LAUNCH_ARGS", "MARGIN"]

#: The environment variable naming the Chromium executable, if not on the PATH.
CHROMIUM_ENV = "WEBBKOLLEN_CHROMIUM"
#: Chromium's names on the PATH, tried in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Headless, no sandbox (containers), nothing running in the background that could go to the network.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
#: The page margins; the running header and the footer are printed inside the top and bottom ones.
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}


def find_chromium() -> str | None:
    """The Chromium executable to print with: ``$WEBBKOLLEN_CHROMIUM`` or the first on the PATH; None if none."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return named if Path(named).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _playwright():
    """Playwright's synchronous API, or ImportError saying how to install it.

    Imported here, not at module top: ``playwright`` is an optional dependency
    (the ``pdf`` extra) that only a batch writing PDFs needs.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ImportError("writing PDFs needs playwright: pip install 'webbkollen[pdf]'") from exc
    return sync_playwright


def pdf_problems() -> list[str]:
    """What stops this machine from writing PDFs ([] when nothing does), for the batch's parameter check."""
    problems = []
    try:
        _playwright()
    except ImportError as exc:
        problems.append(f"format: pdf: {exc}")
    if find_chromium() is None:
        named = os.environ.get(CHROMIUM_ENV)
        where = f"${CHROMIUM_ENV} = {named} is not a file" if named else \
            f"none of {', '.join(CHROMIUM_NAMES)} is on the PATH and ${CHROMIUM_ENV} is not set"
        problems.append(f"format: pdf needs a Chromium to print with: {where} (Debian: apt-get install chromium)")
    return problems


def _header(title: str) -> str:
    return ('<div style="font-family: sans-serif; font-size: 8pt; color: #333; width: 100%; '
            f'margin: 0 {MARGIN["left"]}; padding-top: 4mm;">{html.escape(title)}</div>')


def _footer(lang: str) -> str:
    page = catalogue.text("reportfiles.pdf.page", lang, page='<span class="pageNumber"></span>',
                          pages='<span class="totalPages"></span>')
    return ('<div style="font-family: sans-serif; font-size: 8pt; color: #333; width: 100%; '
            f'margin: 0 {MARGIN["right"]}; text-align: right;">{page}</div>')


class PdfPrinter:
    """One headless Chromium that prints report pages to PDF; use it as a context manager::

        with PdfPrinter() as printer:
            pdf = printer.print(Path("reports/umea.html"), header="Kommunrapport Umeå 2017")

    (tests/test_report_files.py runs it on a report of every kind.)
    """

    def __init__(self, executable: str | None = None):
        self.executable = executable or find_chromium()
        if self.executable is None:
            raise RuntimeError("; ".join(pdf_problems()) or "no Chromium found")
        self._playwright = self._browser = self._context = None

    def __enter__(self) -> PdfPrinter:
        self._playwright = _playwright()().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=LAUNCH_ARGS)
            # offline: a report is self-contained, and printing must not reach the network
            self._context = self._browser.new_context(offline=True)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the browser and stop Playwright (safe to call twice)."""
        for thing in (self._context, self._browser):
            try:
                if thing is not None:
                    thing.close()
            except Exception:  # already gone
                pass
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._context = None

    def print(self, page: Path, *, header: str, lang: str = "sv") -> bytes:
        """The PDF of the HTML file ``page``: A4, ``header`` on every page, page numbers, tagged."""
        if self._context is None:
            raise RuntimeError("PdfPrinter is not open: use it in a with statement")
        tab = self._context.new_page()
        try:
            tab.goto(Path(page).resolve().as_uri(), wait_until="load")
            tab.emulate_media(media="print")
            return tab.pdf(format="A4", margin=MARGIN, display_header_footer=True, header_template=_header(header),
                           footer_template=_footer(lang), print_background=True, tagged=True, outline=True)
        finally:
            tab.close()
