"""One report per municipality: the batch runner behind ``webbkollen batch``.

:func:`run_batch` checks every parameter before any kernel starts, runs the
report notebook of a report kind (:mod:`webbkollen_lib.reports.kinds`;
``report="kommun"``, the Webbkollen municipality report, by default) once per
report unit (municipality) with papermill (in a process pool, or
any :class:`concurrent.futures.Executor` you pass, such as a
``dask.distributed`` client's ``client.get_executor(pure=False)``), exports each
executed notebook to one self-contained HTML file without code, and writes an
``index.html`` listing every report with its status.

Without ``data`` it uses the kind's shipped data (for ``kommun`` the synthetic
registrations, :data:`webbkollen_lib.io.datasets.CASES_FILE`), without
``notebook`` the kind's report notebook shipped in the package (for ``kommun``
:data:`DEFAULT_NOTEBOOK`, the repository's ``notebooks/kommunrapport.ipynb``),
so it runs from any working directory.

Output layout (``out`` defaults to ``reports/``)::

    reports/
        index.html                 every municipality of this run, with status
        <kommun>.html              one report per municipality that succeeded
        <kommun>.pdf               the same report as PDF (``formats`` with "pdf")
        <kommun>.xlsx              its tables and figures' data (``formats`` with "xlsx")
        notebooks/<kommun>.ipynb   the executed notebook of every municipality
        .webbkollen-batch.json     marks the directory as the runner's own

File names are ASCII (``Umeå`` -> ``umea.html``). Every file is written under
a temporary name and renamed into place, so a reader (or a crash) never sees
half a file. The directory belongs to the runner: a rerun replaces it cleanly,
i.e. reports and notebooks that this run did not produce (municipalities left
out this time, or a report that failed this time) are removed, and the index
lists only this run. The runner refuses to write into a non-empty directory
it did not make.

A municipality whose notebook fails does not stop the others: it gets no
HTML report, its executed notebook (with the traceback) is kept, the index
and :attr:`BatchResult.failed` name it, and ``webbkollen batch`` exits with
status 1.

See ``docs/batch.md`` for warm versus fresh kernels and distributed runs.
"""

from __future__ import annotations

import ast
import concurrent.futures as cf
import contextlib
import contextvars
import datetime as _dt
import difflib
import html
import json
import logging
import multiprocessing
import numbers
import os
import re
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
import papermill
from jupyter_core.paths import jupyter_runtime_dir
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError
from tqdm.auto import tqdm
from traitlets.config import Config

from webbkollen_lib import __version__
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.errors import DataError

# importing warm_kernel registers the warm papermill engine
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.kinds import DEFAULT_KIND, KINDS, ReportKind, get_kind
from webbkollen_lib.reports.pdf import PdfPrinter, pdf_problems
from webbkollen_lib.reports.workbook import report_blocks, report_workbook

LANGS = catalogue.LANGS
#: ``engine`` argument -> papermill engine name. "fresh" is papermill's own
#: nbclient engine: one new kernel per report.
ENGINES = {"warm": warm_kernel.ENGINE_NAME, "fresh": "nbclient"}
#: The default kind's report notebook shipped in the package: ``notebooks/kommunrapport.ipynb``
#: of the repository, mapped into the package as ``webbkollen_lib.reports.notebooks``
#: (see pyproject.toml), so the default works from any working directory.
DEFAULT_NOTEBOOK = KINDS[DEFAULT_KIND].notebook_path()
DEFAULT_OUT = Path("reports")
#: Parameters the runner passes to the default kind's notebook; its ``parameters`` cell must
#: define them (each kind names its own, :attr:`ReportKind.parameters`).
NOTEBOOK_PARAMETERS = KINDS[DEFAULT_KIND].parameters

#: The files a batch can write per report: the HTML page (always), a PDF printed from it, an Excel
#: file of its tables and figures' data.
FORMATS = ("html", "pdf", "xlsx")
DEFAULT_FORMATS = ("html",)

STATUS_OK = "ok"
STATUS_FAILED = "failed"
INDEX_NAME = "index.html"
NOTEBOOK_DIR = "notebooks"
MARKER_NAME = ".webbkollen-batch.json"
RESERVED_SLUGS = frozenset({"index"})

#: Words of the index page and the summary, {lang: {name: text}} (the label catalogue's ``batch`` group;
#: the status words are the entries named STATUS_OK and STATUS_FAILED).
_TEXT = catalogue.by_lang("batch")


class BatchConfigError(ValueError):
    """Invalid batch parameters: lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} with the batch parameters"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class BatchPlan:
    """Validated parameters of a batch (see :func:`validate_batch`).

    ``kommuner`` are the report units in report order (municipalities for the
    kinds so far); ``ar`` is None for a kind without years.
    """

    data: Path
    notebook: Path
    out: Path
    ar: int | None
    kommuner: tuple[str, ...]
    lang: str
    min_cell: int
    workers: int
    engine: str
    timeout: float | None
    kind: ReportKind = field(default=KINDS[DEFAULT_KIND], repr=False)
    min_questionnaires: int = 3
    index_note: str = ""
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: the years of the data, for a kind without a report year whose data has them (``"2012–2014"``)
    period: str = ""

    @property
    def report(self) -> str:
        """The name of the report kind."""
        return self.kind.name


@dataclass(frozen=True)
class ReportTask:
    """One report to run; picklable, so it can go to another process or machine."""

    kommun: str
    slug: str
    notebook: str
    parameters: dict
    cwd: str
    engine_name: str
    title: str
    lang: str
    timeout: float | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    min_cell: int = 5


@dataclass(frozen=True)
class ReportOutcome:
    """What a worker sends back: the executed notebook and HTML as text.

    Workers write no files in the output directory, so the parent alone
    writes them (atomically), and workers on other machines need no shared
    output directory.
    """

    kommun: str
    slug: str
    status: str
    seconds: float
    notebook_json: str | None
    html: str | None
    error: str | None
    #: seconds per stage of this report in its worker (see :data:`STAGES`)
    stages: dict = field(default_factory=dict)
    #: the Excel file of the report's tables (``formats`` with "xlsx")
    xlsx: bytes | None = None


#: The stages of one report, timed in its worker (:attr:`BatchResult.timings`): ``kernel``, from
#: papermill starting the notebook to its first cell (borrowing a warm kernel and resetting it, or
#: starting a fresh one); ``cells``, the cells running (as papermill times them: the kernel's work
#: and the messages back); ``papermill``, the rest of papermill's run (reading and parameterising
#: the notebook, writing the executed one, asking the kernel for its language); ``notebook``,
#: reading the executed notebook back and serialising it; ``export``, the HTML export; ``xlsx``, the
#: Excel file. ``write`` is the runner's own process writing the report's files, ``pdf`` it printing
#: the PDF.
STAGES = ("kernel", "cells", "papermill", "notebook", "export", "xlsx", "write", "pdf")


@dataclass(frozen=True, eq=False)
class BatchResult:
    """The outcome of :func:`run_batch`.

    ``reports`` is a tidy DataFrame, one row per municipality in report
    order, with columns ``kommun``, ``status`` (``"ok"`` or ``"failed"``),
    ``seconds`` (wall time of that report in its worker), ``html``,
    ``notebook``, ``pdf`` and ``xlsx`` (absolute paths as strings; missing for
    a failed report, and ``pdf``, ``xlsx`` for a format not asked for) and
    ``error`` (missing when ok).
    """

    reports: pd.DataFrame
    out: Path
    index: Path
    plan: BatchPlan = field(repr=False)
    #: seconds per stage (:data:`STAGES`), one row per report in report order, ``kommun`` first;
    #: missing where a stage did not run
    timings: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when every report succeeded."""
        return bool((self.reports["status"] == STATUS_OK).all())

    @property
    def failed(self) -> list[str]:
        """Municipalities whose report failed, in report order."""
        return self.reports.loc[self.reports["status"] == STATUS_FAILED, "kommun"].tolist()

    def summary(self, lang: str | None = None) -> str:
        """A few lines for people: how many succeeded, which failed and why, where the files are."""
        text = _TEXT[lang or self.plan.lang]
        n = len(self.reports)
        lines = [text["summary"].format(n_ok=n - len(self.failed), n=n)]
        failed = self.reports[self.reports["status"] == STATUS_FAILED]
        if len(failed):
            lines.append(text["failed_list"].format(names=", ".join(failed["kommun"])))
            lines += [f"  {row.kommun}: {row.error}" for row in failed.itertuples()]
            lines.append(text["failed_hint"].format(path=self.out / NOTEBOOK_DIR))
        lines.append(text["where"].format(path=self.index))
        return "\n".join(lines)


# --------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------


def validate_batch(
    data=None,
    *,
    report: str | ReportKind = DEFAULT_KIND,
    notebook=None,
    out=DEFAULT_OUT,
    ar=None,
    kommun=None,
    workers=None,
    lang: str = "sv",
    min_cell: int = 5,
    engine: str = "warm",
    timeout=None,
    min_questionnaires: int = 3,
    formats=DEFAULT_FORMATS,
) -> BatchPlan:
    """Check every batch parameter and return the plan, or raise one error listing all problems.

    Papermill passes parameters to the notebook without checking them, so this
    is the only check before kernels start. ``report`` is the report kind, a
    name in :data:`webbkollen_lib.reports.kinds.KINDS` (or a
    :class:`~webbkollen_lib.reports.kinds.ReportKind`); it decides the
    defaults, how the data is read and checked and which units it has.
    ``data=None`` means the kind's shipped data (for ``kommun`` the synthetic
    registrations, :data:`webbkollen_lib.io.datasets.CASES_FILE`), and
    ``notebook=None`` the kind's report notebook shipped in the package (for
    ``kommun`` :data:`DEFAULT_NOTEBOOK`). ``ar=None`` means the latest year
    in the data (for a kind with years); ``kommun=None`` every unit with data
    that year (a single name or a list of names otherwise); ``workers=None``
    one per CPU core available. ``formats`` are the files per report
    (:data:`FORMATS`, a list or ``"html,pdf,xlsx"``); HTML is always written,
    and "pdf" needs playwright and a Chromium (:func:`~webbkollen_lib.reports.pdf.pdf_problems`).

    Raises
    ------
    BatchConfigError
        Listing every problem: an unknown kind names the allowed ones, an
        unknown municipality the valid ones (and the closest), a year not in
        the data the years that are.
    """
    problems: list[str] = []

    kind: ReportKind | None
    try:
        kind = get_kind(report)
    except ValueError as exc:
        problems.append(f"report: {exc}")
        kind = None

    if not isinstance(lang, str) or lang not in LANGS:
        problems.append(f"lang: {lang!r} is not a supported language; allowed: {', '.join(LANGS)}")
    bad_min_cell = not _is_int(min_cell) or min_cell < 1
    if bad_min_cell:
        problems.append(
            f"min_cell: {min_cell!r} is not allowed; allowed: a whole number >= 1 (smallest count a report may show)"
        )
    bad_threshold = not _is_int(min_questionnaires) or min_questionnaires < 1
    if bad_threshold:
        problems.append(
            f"min_questionnaires: {min_questionnaires!r} is not allowed; allowed: a whole number >= 1 "
            "(fewest questionnaires a provider needs for results of its own)"
        )
    elif kind is not None and "min_questionnaires" not in kind.parameters and min_questionnaires != 3:
        problems.append(f"min_questionnaires: the {kind.name} report has no spärr; leave min_questionnaires out")
    if workers is None:
        workers = _cpu_count()
    elif not _is_int(workers) or workers < 1:
        problems.append(f"workers: {workers!r} is not allowed; allowed: a whole number >= 1")
    if not isinstance(engine, str) or engine not in ENGINES:
        problems.append(f"engine: {engine!r} is not allowed; allowed: {', '.join(ENGINES)}")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, numbers.Real) or timeout <= 0):
        problems.append(f"timeout: {timeout!r} is not allowed; allowed: None or seconds > 0")
    formats, format_problems = _formats(formats)
    problems += format_problems
    if "pdf" in formats:
        problems += pdf_problems()
    if ar is not None and not _is_int(ar):
        problems.append(f"ar: {ar!r} is not a year; allowed: a whole number such as 2017")
    elif ar is not None and kind is not None and not kind.uses_year:
        problems.append(f"ar: the {kind.name} report has no year; leave ar out")

    if kind is not None:  # an unknown kind has no notebook or data to check
        notebook = kind.notebook_path() if notebook is None else Path(notebook)
        problems += _notebook_problems(notebook, kind.parameters)
    out = Path(out)
    problems += _out_problems(out)

    names: list[str] = []
    if kommun is not None:
        items = [kommun] if isinstance(kommun, str) else kommun
        try:
            items = list(items)
        except TypeError:
            items = [kommun]
        for item in items:
            if not isinstance(item, str) or not item.strip():
                problems.append(f"kommun: {item!r} is not a municipality name; allowed: a non-empty text")
            elif item not in names:
                names.append(item)
        if not items:
            problems.append("kommun: the list of municipalities is empty; leave it out to run every municipality")

    years_by_unit: dict[str, set[int]] | None = None
    index_note = period = ""
    if kind is not None:
        data = kind.data_path() if data is None else Path(data)
        if not data.is_file():
            problems.append(f"data: {data} does not exist or is not a file")
        elif (bad_threshold and kind.threshold == "min_questionnaires") or (bad_min_cell and kind.threshold == "min_cell"):
            pass  # which units have a report depends on the threshold, refused above
        else:
            try:
                years_by_unit, index_note, period = _units(kind, data, lang, min_questionnaires, min_cell)
            except DataError as exc:
                problems.append("data: " + str(exc).replace("\n", "\n    "))  # its own list, indented
    if years_by_unit is not None and not years_by_unit:
        problems.append(f"data: {data.name} has no {kind.unit_column} to report on")
        years_by_unit = None
    if years_by_unit is not None and kind.uses_year:
        all_years = sorted(set().union(*years_by_unit.values()))
        if not all_years:
            problems.append(f"data: {data.name} has no year to report on")
        elif ar is None:
            ar = all_years[-1]
        elif _is_int(ar) and int(ar) not in all_years:
            problems.append(f"ar: {ar!r} is not in {data.name}; years in the data: {', '.join(map(str, all_years))}")
    if years_by_unit is not None:
        known = sorted(years_by_unit, key=swedish_sort_key)
        if kommun is None:
            names = [k for k, years in years_by_unit.items() if not kind.uses_year or ar in years]
        for name in names:
            if name not in years_by_unit:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                limits = {"min_questionnaires": f"too few questionnaires for a report of its own (spärr, "
                                                f"min_questionnaires {min_questionnaires})",
                          "min_cell": f"too few answers for a report of its own (min_cell {min_cell})"}
                held_back = f" or has {limits[kind.threshold]};" if kind.threshold else ""
                hint = hint[1:] if held_back else hint  # one semicolon between the two
                problems.append(
                    f"kommun: {name!r} is not in the {kind.unit_column} column of {data.name}{held_back}{hint} "
                    f"valid: {', '.join(known)}"
                )
            elif kind.uses_year and _is_int(ar) and ar in all_years and int(ar) not in years_by_unit[name]:
                years = ", ".join(map(str, sorted(years_by_unit[name])))
                problems.append(f"kommun: {name!r} has no data in {ar} in {data.name}; it has {years}")

    if problems:
        raise BatchConfigError(problems)
    names.sort(key=swedish_sort_key)
    return BatchPlan(
        data=data.resolve(),
        notebook=notebook.resolve(),
        out=out.resolve(),
        ar=int(ar) if kind.uses_year else None,
        kommuner=tuple(names),
        lang=lang,
        min_cell=int(min_cell),
        workers=int(workers),
        engine=engine,
        timeout=None if timeout is None else float(timeout),
        kind=kind,
        min_questionnaires=int(min_questionnaires),
        index_note=index_note,
        formats=formats,
        period="" if kind.uses_year else period,
    )


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _notebook_problems(path: Path, parameters: tuple[str, ...] = NOTEBOOK_PARAMETERS) -> list[str]:
    if not path.is_file():
        return [f"notebook: {path} does not exist"]
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a bad file
        return [f"notebook: {path} is not a readable notebook ({type(exc).__name__}: {exc})"]
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    needed = ", ".join(parameters)
    if not cells:
        return [f"notebook: {path} has no cell tagged 'parameters'; papermill needs one defining {needed}"]
    declared = _assigned_names(cells[0].source)
    if declared is None:
        return [f"notebook: the parameters cell of {path} is not valid Python"]
    missing = [p for p in parameters if p not in declared]
    if missing:
        return [
            f"notebook: the parameters cell of {path} does not define {', '.join(missing)}; it must define {needed}"
        ]
    return []


def _assigned_names(source: str) -> set[str] | None:
    """Names a cell assigns at top level (``x = 1``, ``x: int = 1``), or None if it does not parse.

    Python's own parser, not papermill's line patterns, which miss a line
    with a second ``=`` in its comment or an annotation such as ``list | None``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    names = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _out_problems(out: Path) -> list[str]:
    if out.exists() and not out.is_dir():
        return [f"out: {out} is a file, not a directory"]
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER_NAME).exists():
        return [
            f"out: {out} is not empty and was not made by webbkollen batch; "
            "choose a new or empty directory (a rerun replaces the runner's own directory)"
        ]
    return []


def _formats(formats) -> tuple[tuple[str, ...], list[str]]:
    """The formats asked for, HTML first and always, in :data:`FORMATS` order; and any problems."""
    items = formats.split(",") if isinstance(formats, str) else formats
    try:
        items = [str(f).strip().lower() for f in items]
    except TypeError:
        return DEFAULT_FORMATS, [f"format: {formats!r} is not a list of formats; allowed: {', '.join(FORMATS)}"]
    unknown = [f for f in items if f not in FORMATS]
    if unknown:
        return DEFAULT_FORMATS, [f"format: {', '.join(map(repr, unknown))} not allowed; allowed: {', '.join(FORMATS)} "
                                 "(comma-separated, html always written)"]
    return tuple(f for f in FORMATS if f == "html" or f in items), []


def _units(kind: ReportKind, data: Path, lang: str = "sv",
           min_questionnaires: int = 3, min_cell: int = 5) -> tuple[dict[str, set[int]], str, str]:
    """Report unit -> years with data, the index page's note on units held back, and the data's years
    (``"2012–2014"``, for a PDF's running header; "" without a year column); the file read once."""
    frame = kind.read(data)
    thresholds = {"min_questionnaires": min_questionnaires, "min_cell": min_cell}
    extra = {kind.threshold: int(thresholds[kind.threshold])} if kind.threshold else {}
    units = {str(unit): {int(y) for y in years} for unit, years in kind.units(frame, **extra).items()}
    note = kind.index_note(frame, lang if lang in LANGS else "sv", **extra) if kind.index_note else ""
    years = sorted({int(y) for y in frame["ar"].dropna()}) if "ar" in frame.columns else []
    period = "" if not years else str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    return units, note, period


def swedish_sort_key(name: str) -> tuple:
    """Sort key putting names in Swedish alphabetical order (… z, å, ä, ö).

    Other accented letters sort with their base letter (``é`` as ``e``).
    """
    special = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}  # '{|}' sort right after 'z'
    folded = "".join(special.get(ch, ch) for ch in unicodedata.normalize("NFC", name).casefold())
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return (plain, name)


def slug(name: str) -> str:
    """ASCII file name stem for a municipality: ``"Majorna-Linné"`` -> ``"majorna-linne"``."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "kommun"


def _unique_slugs(names: Iterable[str]) -> dict[str, str]:
    taken: set[str] = set(RESERVED_SLUGS)
    result = {}
    for name in names:
        base = candidate = slug(name)
        n = 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        result[name] = candidate
    return result


# --------------------------------------------------------------------------
# the worker side
# --------------------------------------------------------------------------


def execute_report(task: ReportTask) -> ReportOutcome:
    """Run one report notebook with papermill and export it to HTML.

    Runs in a worker (process, thread or remote machine). Never raises for a
    failing report: the failure is returned in the outcome, together with the
    executed notebook as far as it got.
    """
    start = time.perf_counter()
    page = notebook_json = workbook = None
    stages = {}
    with tempfile.TemporaryDirectory(prefix="webbkollen-report-") as tmp:
        output = Path(tmp) / f"{task.slug}.ipynb"
        status, error = _execute(task, output)
        executed = time.perf_counter()
        if output.exists():  # papermill writes it also after a failure
            nb = nbformat.read(output, as_version=4)
            stages.update(_papermill_stages(nb, executed - start))
            _stable_injected_cell_id(nb)
            notebook_json = nbformat.writes(nb)
            stages["notebook"] = time.perf_counter() - executed
            if status == STATUS_OK:
                exporting = time.perf_counter()
                try:
                    page = export_html(nb, title=task.title, lang=task.lang)
                except Exception as exc:
                    status, error = STATUS_FAILED, f"HTML export failed: {type(exc).__name__}: {exc}"
                stages["export"] = time.perf_counter() - exporting
            if status == STATUS_OK and "xlsx" in task.formats:
                writing = time.perf_counter()
                try:
                    workbook = report_workbook(report_blocks(nb), title=task.title, lang=task.lang,
                                               min_cell=task.min_cell)
                except Exception as exc:
                    status, error = STATUS_FAILED, f"Excel file failed: {type(exc).__name__}: {exc}"
                stages["xlsx"] = time.perf_counter() - writing
    return ReportOutcome(task.kommun, task.slug, status, time.perf_counter() - start, notebook_json,
                         page if status == STATUS_OK else None, error, stages, workbook)


def _papermill_stages(nb, seconds: float) -> dict:
    """Split papermill's ``seconds`` into kernel, cells and the rest, from the times it records in ``nb``."""
    try:
        started = _dt.datetime.fromisoformat(nb.metadata.papermill.start_time)
        first = next(c.metadata.papermill.start_time for c in nb.cells if c.metadata.papermill.get("start_time"))
        kernel = max(0.0, (_dt.datetime.fromisoformat(first) - started).total_seconds())
        cells = sum(c.metadata.papermill.get("duration") or 0.0 for c in nb.cells)
    except (AttributeError, KeyError, StopIteration, TypeError, ValueError):  # papermill timed no cell
        return {}
    return {"kernel": kernel, "cells": cells, "papermill": max(0.0, seconds - kernel - cells)}


def _execute(task: ReportTask, output: Path) -> tuple[str, str | None]:
    """Execute the notebook with papermill into ``output``; returns (status, error)."""
    quiet = _PapermillParameterNoise.active.set(True)
    try:
        papermill.execute_notebook(
            task.notebook,
            str(output),
            parameters=dict(task.parameters),
            engine_name=task.engine_name,
            progress_bar=False,
            execution_timeout=task.timeout,
            # the kernel's working directory, as for a notebook opened in Jupyter
            resources={"metadata": {"path": task.cwd}},
            **_kernel_options(),
        )
    except PapermillExecutionError as exc:
        return STATUS_FAILED, f"{exc.ename}: {exc.evalue} (cell [{exc.exec_count}])"
    except Exception as exc:  # a dead kernel, a timeout, a kernel that did not start
        return STATUS_FAILED, f"{type(exc).__name__}: {exc}"
    finally:
        _PapermillParameterNoise.active.reset(quiet)
    return STATUS_OK, None


class _PapermillParameterNoise(logging.Filter):
    """Drops papermill's parameter-inspection warnings while :func:`execute_report` runs.

    Papermill reads the parameters cell with line patterns that reject valid
    Python (a second ``=`` in a comment, an annotation like ``list | None``)
    and then warns "Unable to parse line" and "Passed unknown parameter" for
    every report. The runner has already checked the cell with Python's own
    parser (:func:`validate_batch`), so these are noise there; elsewhere in
    the process papermill's warnings are left alone.
    """

    active: contextvars.ContextVar[bool] = contextvars.ContextVar("webbkollen_batch_report", default=False)

    def filter(self, record: logging.LogRecord) -> bool:
        noise = record.getMessage().startswith(("Unable to parse line", "Passed unknown parameter"))
        return not (noise and self.active.get())


# logger filters do not see records propagated from child loggers: both need one
for _name in ("papermill", "papermill.translators"):
    logging.getLogger(_name).addFilter(_PapermillParameterNoise())


def _kernel_options() -> dict:
    """Engine options for the kernel of one report: Unix sockets where there are any.

    Over TCP, jupyter_client picks free ports by briefly binding them, so two
    worker processes starting kernels at the same moment can pick the same
    port, and one kernel fails to start ("Address already in use"). Unix
    sockets under a name of their own cannot collide. (The path is absolute:
    a relative one would resolve against the kernel's working directory.)
    """
    if os.name != "posix":
        return {}
    runtime = Path(jupyter_runtime_dir())
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    ip = str(runtime / f"webbkollen-{uuid.uuid4().hex[:12]}-ipc")
    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": ip}})}


def _stable_injected_cell_id(nb) -> None:
    """Give papermill's injected-parameters cell a fixed id instead of a random one.

    So the same notebook and parameters give byte-identical output, run after run.
    """
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []) and "id" in cell:
            cell["id"] = "injected-parameters"


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

#: Applied to reports and the index alike: readable on paper.
PRINT_CSS = """
@media print {
  @page { size: A4; margin: 20mm 16mm 18mm 16mm; }
  html, body { background: #fff !important; color: #000 !important; font-size: 11pt; }
  a { color: #000; text-decoration: underline; }
  h1, h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  img, svg, figure, .jp-RenderedImage { max-width: 100% !important; height: auto;
    break-inside: avoid; page-break-inside: avoid; }
  img { max-height: 230mm; object-fit: contain; }
  table { border-collapse: collapse; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  /* JupyterLab keeps each cell's output on one page: a report block may run on to the next */
  .jp-OutputArea-child { break-inside: auto !important; }
  /* the table behind each figure is printed open, without its button */
  details.figure-data > summary { display: none; }
  details.figure-data::details-content { content-visibility: visible; display: block; }
  /* the caveats stay together, at the end */
  section.caveats { break-inside: avoid; page-break-inside: avoid; }
}
"""

# The lab template without anything fetched from the internet: no require.js,
# MathJax, Mermaid or widget scripts from CDNs (a report shows no code and no
# widgets, and its fonts are the system's). Figures are always embedded, with
# alt text: the output's own (metadata ``{"image/png": {"alt": ...}}``) or a
# generic one in the report's language instead of nbconvert's English one.
_REPORT_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style type="text/css">
main { max-width: 60em; margin: 0 auto; }
caption { text-align: left; font-weight: bold; padding: 0.4em 0; caption-side: top; }
table.dataframe tbody th { text-align: left; }
details.figure-data > summary { cursor: pointer; text-decoration: underline; margin: 0.3em 0; }
{{ resources.webbkollen_print_css }}</style>{% endblock extra_css %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
alt="{{ ((output | get_metadata('alt', 'image/png')) or resources.webbkollen_figure_alt) | escape_html }}"
{%- set width=output | get_metadata('width', 'image/png') -%}
{%- if width is not none %} width={{ width | escape_html }}{%- endif %}
{%- set height=output | get_metadata('height', 'image/png') -%}
{%- if height is not none %} height={{ height | escape_html }}{%- endif %}
class="
{%- if output | get_metadata('unconfined', 'image/png') %} unconfined{%- endif %}
{%- if output | get_metadata('needs_background', 'image/png') == 'light' %} jp-needs-light-background{%- endif %}
{%- if output | get_metadata('needs_background', 'image/png') == 'dark' %} jp-needs-dark-background{%- endif %}
">
</div>
{%- endblock data_png %}
"""

_exporters = threading.local()


def _exporter(lang: str):
    cache = _exporters.__dict__.setdefault("by_lang", {})
    if lang not in cache:
        cache[lang] = HTMLExporter(
            template_name="lab",
            template_file="webbkollen_report.html.j2",
            extra_loaders=[jinja2.DictLoader({"webbkollen_report.html.j2": _REPORT_TEMPLATE})],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
            language_code=lang,
            # validate the notebook once, after all preprocessors, rather than after each one: same check, fewer passes
            optimistic_validation=True,
        )
    return cache[lang]


def export_html(nb, *, title: str, lang: str = "sv") -> str:
    """A self-contained HTML page of an executed notebook, without its code.

    nbconvert's ``lab`` template with code cells and prompts left out, images
    embedded as data URIs, nothing loaded from the internet (no require.js,
    MathJax, Mermaid or widget scripts), and print CSS inlined. ``nb`` is a
    notebook node or a path to a notebook. Math in Markdown is shown as its
    TeX source, since MathJax is not loaded.
    """
    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.read(nb, as_version=4)
    page, _ = _exporter(lang).from_notebook_node(
        nb,
        resources={
            "metadata": {"name": title},
            "webbkollen_print_css": PRINT_CSS,
            "webbkollen_figure_alt": catalogue.text("batch.figure_alt", lang),
        },
    )
    return page


def render_index(reports: pd.DataFrame, plan: BatchPlan, *, created: _dt.datetime | None = None) -> str:
    """The index page: one row per report unit with a link to its report and its status.

    Its title names the report kind (``batch.kind.<name>.title`` in the label catalogue). With
    PDFs or Excel files (``plan.formats``) each row links them too, and a sentence says what they are.
    """
    text = _TEXT[plan.lang]
    extra = [f for f in plan.formats if f != "html"]
    words = {f: catalogue.text(f"reportfiles.index.{f}", plan.lang) for f in extra}
    esc = html.escape
    created = created or _dt.datetime.now().astimezone()
    n_failed = int((reports["status"] == STATUS_FAILED).sum())
    rows = []
    for row in reports.itertuples():
        name = esc(row.kommun)
        link = f'<a href="{esc(Path(row.html).name)}">{name}</a>' if isinstance(row.html, str) else name
        notebook = (
            f'<a href="{NOTEBOOK_DIR}/{esc(Path(row.notebook).name)}">{esc(Path(row.notebook).name)}</a>'
            if isinstance(row.notebook, str)
            else ""
        )
        mark = "✓" if row.status == STATUS_OK else "✗"
        error = esc(row.error) if isinstance(row.error, str) else ""
        seconds = "" if pd.isna(row.seconds) else f"{row.seconds:.1f}"  # missing when the worker itself died
        files = "".join(
            f'<td><a href="{esc(Path(getattr(row, f)).name)}">{esc(words[f])}<span class="visually-hidden">: '
            f'{name}</span></a></td>' if isinstance(getattr(row, f, None), str) else "<td></td>"
            for f in extra
        )
        rows.append(
            f'<tr class="{row.status}"><th scope="row">{link}</th><td class="status">{mark} {esc(text[row.status])}</td>'
            f'<td class="num">{seconds}</td>{files}<td>{notebook}</td><td class="error">{error}</td></tr>'
        )
    summary = text["summary"].format(n_ok=len(reports) - n_failed, n=len(reports))
    if n_failed:
        failed = reports.loc[reports["status"] == STATUS_FAILED, "kommun"]
        summary += " " + text["failed_list"].format(names=", ".join(failed))
    title = plan.kind.title(plan.lang, ar=plan.ar)
    columns = [
        plan.kind.unit_header(plan.lang),
        text["status"],
        text["seconds"],
        *(words[f] for f in extra),
        text["notebook"],
        text["error"],
    ]
    header = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    formats = " ".join(catalogue.text(f"reportfiles.index.formats_{f}", plan.lang) for f in extra)
    caption = catalogue.text("reportfiles.index.caption", plan.lang)
    meta = text["meta"].format(data=plan.data.name, when=created.strftime("%Y-%m-%d %H:%M"), version=__version__)
    return f"""<!DOCTYPE html>
<html lang="{plan.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #fff; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #ccc; vertical-align: top; }}
th {{ border-bottom: 2px solid #333; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.failed td.status {{ color: #a00; font-weight: bold; }}
td.error {{ font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; white-space: pre-wrap; }}
.meta {{ color: #555; font-size: 0.9em; }}
caption {{ text-align: left; font-weight: bold; padding: 0.4em 0; }}
tbody th {{ font-weight: normal; border-bottom: 1px solid #ccc; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }}
{PRINT_CSS}
</style>
</head>
<body>
<main>
<h1>{esc(title)}</h1>
<p class="summary">{esc(summary)}</p>
{f'<p class="held-back">{esc(plan.index_note)}</p>' if plan.index_note else ""}
{f'<p class="formats">{esc(formats)}</p>' if formats else ""}
<p class="meta">{esc(meta)}</p>
<table>
<caption>{esc(caption)}</caption>
<thead><tr>{header}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main>
</body>
</html>
"""


# --------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------


def atomic_write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path`` via a temporary file in the same directory and a rename.

    A reader sees the old file or the new one, never a half-written one. (Not
    flushed to disk: a power cut may still lose the newest version.)
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _owned_files(out: Path) -> set[Path]:
    """Files in the runner's directory that a run may replace or remove."""
    found = {p for ext in FORMATS for p in out.glob(f"*.{ext}")} | {p for p in (out / NOTEBOOK_DIR).glob("*.ipynb")}
    found |= {p for p in out.glob(".*.tmp")} | {p for p in (out / NOTEBOOK_DIR).glob(".*.tmp")}
    return found


# --------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------


def run_batch(
    data=None,
    *,
    report: str | ReportKind = DEFAULT_KIND,
    notebook=None,
    out=DEFAULT_OUT,
    ar=None,
    kommun=None,
    workers=None,
    lang: str = "sv",
    min_cell: int = 5,
    engine: str = "warm",
    timeout=None,
    min_questionnaires: int = 3,
    formats=DEFAULT_FORMATS,
    executor: cf.Executor | None = None,
    progress: bool = True,
) -> BatchResult:
    """Run the report notebook for each municipality and write HTML reports and an index.

    Parameters
    ----------
    data
        The data file, read and checked by the kind's reader (for ``kommun`` a
        registrations file, CSV or .xlsx, see :func:`webbkollen_lib.read_registrations`);
        passed to the notebook as an absolute path. Default: the kind's shipped
        data (for ``kommun`` the synthetic registrations,
        :data:`webbkollen_lib.io.datasets.CASES_FILE`).
    report
        The report kind: a name in :data:`webbkollen_lib.reports.kinds.KINDS`
        (``"kommun"``, the default: the Webbkollen municipality report) or a
        :class:`~webbkollen_lib.reports.kinds.ReportKind`.
    notebook
        The report notebook; its ``parameters`` cell must define the kind's
        parameters (for ``kommun``: ``kommun``, ``ar``, ``data``, ``lang`` and
        ``min_cell``). Runs with its own folder as working directory. Default:
        the kind's report notebook shipped in the package (for ``kommun``
        :data:`DEFAULT_NOTEBOOK`, the repository's ``notebooks/kommunrapport.ipynb``).
    out
        Output directory (see the module docstring for its layout).
    ar
        Year to report; default the latest year in the data. Refused for a
        kind without years.
    kommun
        One name or a list of names of report units (for ``kommun``: the
        data's ``kommun`` column); default every unit the kind finds in the
        data (for ``kommun``: with registrations in ``ar``).
    workers
        Processes when the runner makes its own pool; default one per core.
        Ignored when ``executor`` is given.
    lang, min_cell
        Passed to the notebook: report language (``"sv"`` or ``"en"``, also
        used for the index) and the smallest count a report may show.
    engine
        ``"warm"`` (default) reuses a warm kernel per worker between reports
        (:mod:`webbkollen_lib.reports.warm_kernel`); ``"fresh"`` starts a new kernel
        per report, papermill's default.
    timeout
        Seconds a single cell may run before its report fails; default none.
    min_questionnaires
        ``ubu`` only: the spärr. A provider with fewer questionnaires gets no
        report (nor does the smallest shown one, if the held-back ones would
        otherwise be fewer than this together); the index counts them without
        naming them.
    formats
        The files per report (:data:`FORMATS`): ``"html"`` (always), ``"pdf"``
        (printed from the HTML by headless Chromium in this process,
        :mod:`webbkollen_lib.reports.pdf`) and ``"xlsx"`` (the report's
        tables and figures' data, :mod:`webbkollen_lib.reports.workbook`); a
        list or a comma-separated text.
    executor
        Any :class:`concurrent.futures.Executor`: a ``ProcessPoolExecutor``,
        a ``ThreadPoolExecutor`` or a ``dask.distributed`` client's
        ``client.get_executor(pure=False)`` (``pure=False``: dask must not
        reuse an earlier result for the same arguments; see docs/batch.md).
        It is used, not shut down. Default: a process pool of ``workers``
        processes made for this run.
    progress
        Show a progress bar (tqdm, on stderr).

    Returns
    -------
    BatchResult
        ``.reports`` (one row per municipality), ``.ok``, ``.failed``,
        ``.summary()``, ``.index``, ``.timings`` (seconds per stage of each report).

    Raises
    ------
    BatchConfigError
        Before anything runs, when a parameter is invalid.

    Examples
    --------
    >>> from webbkollen_lib.reports.batch import run_batch
    >>> result = run_batch(kommun=["Umeå"])  # the shipped data and notebook  # doctest: +SKIP
    >>> result.reports[["kommun", "status", "seconds"]]  # doctest: +SKIP
    """
    plan = validate_batch(
        data,
        report=report,
        notebook=notebook,
        out=out,
        ar=ar,
        kommun=kommun,
        workers=workers,
        lang=lang,
        min_cell=min_cell,
        engine=engine,
        timeout=timeout,
        min_questionnaires=min_questionnaires,
        formats=formats,
    )
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise BatchConfigError([f"executor: {executor!r} has no submit(); allowed: a concurrent.futures.Executor"])

    out = plan.out
    (out / NOTEBOOK_DIR).mkdir(parents=True, exist_ok=True)
    marker = out / MARKER_NAME
    if not marker.exists():
        atomic_write(marker, json.dumps({"made_by": "webbkollen batch"}) + "\n")

    slugs = _unique_slugs(plan.kommuner)
    tasks = [_task(plan, name, slugs[name]) for name in plan.kommuner]
    written: set[Path] = set()
    rows: dict[str, dict] = {}
    stages: dict[str, dict] = {}
    # PDFs are printed here, as the reports come back: the workers (dask's too) need no browser
    with (PdfPrinter() if "pdf" in plan.formats else contextlib.nullcontext()) as printer:
        for outcome in _outcomes(tasks, plan, executor, progress):
            writing = time.perf_counter()
            rows[outcome.kommun] = _write_outcome(out, outcome, written)
            stages[outcome.kommun] = {**outcome.stages, "write": time.perf_counter() - writing}
            if printer is not None and rows[outcome.kommun]["status"] == STATUS_OK:
                printing = time.perf_counter()
                rows[outcome.kommun].update(_write_pdf(out, outcome, plan, printer, written))
                stages[outcome.kommun]["pdf"] = time.perf_counter() - printing

    reports = pd.DataFrame([rows[name] for name in plan.kommuner], columns=REPORT_COLUMNS)
    reports["seconds"] = reports["seconds"].astype(float)
    timings = pd.DataFrame([{"kommun": name, **stages[name]} for name in plan.kommuner],
                           columns=["kommun", *STAGES]).astype({stage: float for stage in STAGES})
    index = atomic_write(out / INDEX_NAME, render_index(reports, plan))
    written.add(index)
    atomic_write(marker, _marker_json(plan, reports))
    for stale in _owned_files(out) - written:
        stale.unlink(missing_ok=True)
    return BatchResult(reports=reports, out=out, index=index, plan=plan, timings=timings)


#: The columns of :attr:`BatchResult.reports`.
REPORT_COLUMNS = ["kommun", "status", "seconds", "html", "notebook", "pdf", "xlsx", "error"]


def _task(plan: BatchPlan, name: str, slug_: str) -> ReportTask:
    kind = plan.kind
    values = {
        kind.unit_parameter: name,
        "ar": plan.ar,
        "data": str(plan.data),
        "lang": plan.lang,
        "min_cell": plan.min_cell,
        "min_questionnaires": plan.min_questionnaires,
    }
    return ReportTask(
        kommun=name,
        slug=slug_,
        notebook=str(plan.notebook),
        parameters={p: values[p] for p in kind.parameters},  # in the kind's order
        cwd=str(plan.notebook.parent),
        engine_name=ENGINES[plan.engine],
        title=kind.report_title(name, plan.lang, ar=plan.ar),
        lang=plan.lang,
        timeout=plan.timeout,
        formats=plan.formats,
        min_cell=plan.min_cell,
    )


def running_header(plan: BatchPlan, unit: str) -> str:
    """A PDF's running header: the report's title (unit and year), and the data's years for a kind without one."""
    title = plan.kind.report_title(unit, plan.lang, ar=plan.ar)
    return f"{title} · {plan.period}" if plan.period and plan.period not in title else title


def _outcomes(tasks: list[ReportTask], plan: BatchPlan, executor, progress: bool):
    """Yield outcomes as they finish; a worker that crashes yields a failed outcome."""
    own = executor is None
    if own:
        executor = cf.ProcessPoolExecutor(
            max_workers=max(1, min(plan.workers, len(tasks))),
            # spawn: no inherited threads or sockets in the workers, as on macOS and Windows
            mp_context=multiprocessing.get_context("spawn"),
        )
    bar = tqdm(
        total=len(tasks),
        unit=catalogue.text("batch.progress_unit", plan.lang),
        disable=not progress,
        desc="webbkollen batch",
    )
    futures: dict[cf.Future, ReportTask] = {}
    try:
        for task in tasks:
            futures[executor.submit(execute_report, task)] = task
        for future in cf.as_completed(futures):
            task = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself failed (killed, broken pool, unpicklable)
                outcome = ReportOutcome(
                    task.kommun, task.slug, STATUS_FAILED, float("nan"), None, None, f"{type(exc).__name__}: {exc}"
                )
            bar.update(1)
            if outcome.status != STATUS_OK:
                bar.set_postfix_str(f"{outcome.kommun}: {outcome.status}")
            yield outcome
    finally:
        # on an interrupt, reports not yet started are dropped
        for future in futures:
            future.cancel()
        bar.close()
        if own:
            executor.shutdown(wait=True, cancel_futures=True)


def _write_outcome(out: Path, outcome: ReportOutcome, written: set[Path]) -> dict:
    html_path = notebook_path = xlsx_path = None
    if outcome.notebook_json is not None:
        notebook_path = atomic_write(out / NOTEBOOK_DIR / f"{outcome.slug}.ipynb", outcome.notebook_json)
        written.add(notebook_path)
    if outcome.status == STATUS_OK and outcome.html is not None:
        html_path = atomic_write(out / f"{outcome.slug}.html", outcome.html)
        written.add(html_path)
    if outcome.status == STATUS_OK and outcome.xlsx is not None:
        xlsx_path = atomic_write(out / f"{outcome.slug}.xlsx", outcome.xlsx)
        written.add(xlsx_path)
    return {
        "kommun": outcome.kommun,
        "status": outcome.status,
        "seconds": outcome.seconds,
        "html": str(html_path) if html_path else None,
        "notebook": str(notebook_path) if notebook_path else None,
        "pdf": None,
        "xlsx": str(xlsx_path) if xlsx_path else None,
        "error": outcome.error,
    }


def _write_pdf(out: Path, outcome: ReportOutcome, plan: BatchPlan, printer: PdfPrinter, written: set[Path]) -> dict:
    """Print a report's HTML to PDF beside it; a failure fails the report (its other files stay)."""
    try:
        pdf = printer.print(out / f"{outcome.slug}.html", header=running_header(plan, outcome.kommun), lang=plan.lang)
    except Exception as exc:
        return {"status": STATUS_FAILED, "error": f"PDF failed: {type(exc).__name__}: {exc}"}
    path = atomic_write(out / f"{outcome.slug}.pdf", pdf)
    written.add(path)
    return {"pdf": str(path)}


def _marker_json(plan: BatchPlan, reports: pd.DataFrame) -> str:
    record = {
        "made_by": "webbkollen batch",
        "version": __version__,
        "report": plan.kind.name,
        "data": str(plan.data),
        "notebook": str(plan.notebook),
        "ar": plan.ar,
        "lang": plan.lang,
        "min_cell": plan.min_cell,
        "engine": plan.engine,
        "formats": list(plan.formats),
        "reports": json.loads(reports.to_json(orient="records", force_ascii=False)),
    }
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"
