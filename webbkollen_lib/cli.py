"""The ``webbkollen`` command (also ``python -m webbkollen_lib``).

One subcommand per job; each is a ``_<name>_command(subparsers)`` that adds
its parser and sets ``handler``, a function of the parsed arguments that
returns the exit status. Subcommands:

``webbkollen batch``
    One HTML report per municipality plus an index (with ``--format html,pdf,xlsx`` also a PDF
    and an Excel file of its tables per report) (:mod:`webbkollen_lib.reports.batch`),
    of the report kind ``--report`` (:mod:`webbkollen_lib.reports.kinds`;
    ``kommun``, the Webbkollen municipality report, by default).
    Exit status 0 when every report succeeded, 1 when any failed, 2 for
    invalid parameters, an unknown kind included (nothing has run then).
    Without ``--data`` it reports on the kind's shipped data (and
    says so), without ``--notebook`` it runs the kind's report notebook
    shipped in the package: it needs no checkout and works from any directory.
    With ``--scheduler tcp://host:8786`` the reports run on that
    dask.distributed cluster's workers instead of local processes (the
    ``distributed`` extra: ``pip install 'webbkollen[distributed]'``).

``webbkollen workshop``
    The live agreement test over the web (:mod:`webbkollen_lib.web`): serves
    the participant pages and the projector page, prints the address, QR
    code, workshop code and the trainer's link; answers go to ``--db``
    (continued if it exists). Exit status 2 for invalid parameters.

``webbkollen workshop-import``
    Answers collected in Microsoft Forms, Google Forms or Mentimeter, or typed
    into the paper form's Excel entry sheet, read into a workshop's SQLite
    file (``--db``) or an answer folder (``--mapp``)
    (:mod:`webbkollen_lib.teaching.forms`, ``docs/forms.md``). Exit status 0
    when every answer was stored, 1 when the file has problems (each is
    listed; nothing is stored), 2 for invalid parameters.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from webbkollen_lib.reports import batch
from webbkollen_lib.reports.batch import BatchConfigError, run_batch
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.errors import DataError
from webbkollen_lib.reports.kinds import DEFAULT_KIND, KINDS, get_kind
from webbkollen_lib.teaching import forms
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching.store import CHECKLISTS, SHORT_CHECKLISTS, SQLITE_SUFFIXES, FolderStore
from webbkollen_lib.web import server as workshop_server

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.handler(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="webbkollen",
        description="Systematic follow-up in Swedish social child and youth care (Webbkollen Barn och Unga).",
    )
    subparsers = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    _batch_command(subparsers)
    _workshop_command(subparsers)
    _workshop_import_command(subparsers)
    return parser


def _batch_command(subparsers) -> None:
    p = subparsers.add_parser(
        "batch",
        help="one HTML report per municipality, and an index",
        description=(
            "Run the report notebook of a report kind once per municipality with papermill and write "
            "self-contained HTML reports and index.html. Every parameter is checked "
            "before any report starts. Exit status: 0 all reports done, 1 some failed, "
            "2 invalid parameters."
        ),
    )
    p.add_argument(
        "--report",
        default=DEFAULT_KIND,
        metavar="KIND",
        help=f"report kind, one of: {', '.join(KINDS)} (default: %(default)s, the Webbkollen municipality report); "
        "it decides the notebook, the default data and how the data is checked",
    )
    p.add_argument(
        "--data",
        help="data file of the report kind; for kommun a registrations file, CSV or .xlsx (default: the kind's "
        "shipped synthetic data, for kommun data/synthetic/registreringar.csv in the repository)",
    )
    p.add_argument("--out", default=str(batch.DEFAULT_OUT), help="output directory (default: %(default)s)")
    p.add_argument("--ar", type=int, help="year to report (default: the latest year in the data)")
    p.add_argument(
        "--kommun",
        action="append",
        metavar="NAME",
        help="report unit: a municipality as in the data's kommun column (the kind's unit: a provider for ubu, "
        "a survey region's name for kartlaggning); repeat for several (default: all with data that year)",
    )
    p.add_argument("--workers", type=int, help="parallel reports (default: one per CPU core)")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the reports on the dask.distributed cluster of this scheduler, e.g. tcp://10.0.0.5:8786, "
        "instead of local processes (--workers then has no effect); needs pip install 'webbkollen[distributed]'",
    )
    p.add_argument("--lang", default="sv", help="report language: sv or en (default: %(default)s)")
    p.add_argument("--min-cell", type=int, default=5,
                   help="smallest count a report may show; for kartlaggning the fewest answering municipalities "
                   "a region needs for figures of its own (default: %(default)s)")
    p.add_argument(
        "--min-questionnaires", type=int, default=3,
        help="ubu only: fewest questionnaires a provider needs for a report of its own, the spärr (default: %(default)s)",
    )
    p.add_argument(
        "--notebook",
        help="report notebook (default: the kind's one shipped in the package, for kommun "
        "notebooks/kommunrapport.ipynb in the repository)",
    )
    p.add_argument(
        "--engine",
        default="warm",
        help="warm: reuse a warm kernel per worker (fast); fresh: a new kernel per report (default: %(default)s)",
    )
    p.add_argument("--timeout", type=float, help="seconds a cell may run before its report fails (default: no limit)")
    p.add_argument(
        "--format",
        default="html",
        metavar="FORMATS",
        help="files per report, comma-separated: html (always), pdf (A4, printed by headless Chromium; needs "
        "playwright and chromium), xlsx (the report's tables and figures' data); e.g. html,pdf,xlsx "
        "(default: %(default)s)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(handler=_run_batch)


def _run_batch(args: argparse.Namespace) -> int:
    if args.data is None and args.report in KINDS:  # an unknown kind is reported by run_batch below
        kind = get_kind(args.report)
        print(f"No --data given: using {kind.shipped_data} ({kind.data_path()})", file=sys.stderr)
    parameters = dict(
        report=args.report,
        notebook=args.notebook,
        out=args.out,
        ar=args.ar,
        kommun=args.kommun,
        workers=args.workers,
        lang=args.lang,
        min_cell=args.min_cell,
        min_questionnaires=args.min_questionnaires,
        engine=args.engine,
        timeout=args.timeout,
        formats=args.format,
    )
    client = None
    try:
        if args.scheduler is not None:
            batch.validate_batch(args.data, **parameters)  # every parameter first, as without a cluster
            client = _dask_client(args.scheduler)
        result = run_batch(
            args.data,
            **parameters,
            executor=None if client is None else client.get_executor(pure=False),
            progress=not args.no_progress,
        )
    except BatchConfigError as exc:
        print(f"webbkollen batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if client is not None:
            client.close()
    print(result.summary())
    return EXIT_OK if result.ok else EXIT_FAILED


def _dask_client(address: str):
    """A dask.distributed client of the scheduler at ``address``, or BatchConfigError saying why not.

    ``distributed`` is an optional dependency (the ``distributed`` extra), so
    it is imported only here, when a cluster is asked for.
    """
    try:
        from distributed import Client
    except ImportError:
        raise BatchConfigError(
            ["scheduler: running on a dask cluster needs dask.distributed: pip install 'webbkollen[distributed]'"]
        ) from None
    try:
        return Client(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchConfigError(
            [f"scheduler: cannot reach the dask scheduler at {address} ({type(exc).__name__}: {exc})"]
        ) from None


def _workshop_command(subparsers) -> None:
    p = subparsers.add_parser(
        "workshop",
        help="the live agreement test: participants answer on their phones, the projector shows the group",
        description=(
            "Serve a live agreement test: participants open the address (or scan the QR code), type the "
            "workshop code and a nickname and rate the vignette; the trainer's projector page shows the "
            "group beside the report. Answers are kept in a SQLite file; starting again with the same "
            "file continues the same workshop. See docs/workshop.md."
        ),
    )
    p.add_argument("--vinjett", "--vignette", dest="vignettes", action="append", metavar="ID",
                   help="a vignette to rate (repeat for several; default jamila): assi, max, jamila, tobias, mohammad")
    p.add_argument("--db", default=workshop_server.DEFAULT_DB,
                   help="the workshop's SQLite file (default %(default)s in the current folder)")
    p.add_argument("--lan", action="store_true",
                   help="listen on the local network so phones can connect (default: this computer only)")
    p.add_argument("--port", type=int, default=workshop_server.DEFAULT_PORT, help="port (default %(default)s)")
    p.add_argument("--kort", "--short", dest="short", action="store_true",
                   help="the short form for a 20-minute slot: risk, the home situation and a justification")
    p.add_argument("--lang", choices=["sv", "en"], default="sv", help="the pages' default language")
    p.add_argument("--no-qr", action="store_true", help="do not print the QR code in the terminal")
    p.set_defaults(handler=_run_workshop)


def _run_workshop(args) -> int:
    try:
        workshop = workshop_server.prepare(args.db, vignettes=tuple(args.vignettes or ("jamila",)), lan=args.lan,
                                           port=args.port, short_form=args.short, lang=args.lang)
    except (ValueError, OSError) as exc:
        print(f"webbkollen workshop: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(workshop.banner(qr=not args.no_qr), flush=True)
    try:
        workshop_server.serve(workshop)
    except OSError as exc:  # e.g. the port is taken
        print(f"webbkollen workshop: cannot listen on {workshop.host}:{workshop.port}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _workshop_import_command(subparsers) -> None:
    p = subparsers.add_parser(
        "workshop-import",
        help="read answers from Microsoft Forms, Google Forms, Mentimeter or the paper form's entry sheet",
        description=(
            "Read a vignette's answers exported from Microsoft Forms (.xlsx), Google Forms (.csv), Mentimeter "
            "(.xlsx or .csv) or typed into the paper form's Excel entry sheet, and store them in a workshop's "
            "SQLite file or an answer folder. Every problem of the file is listed and nothing is stored until "
            "there are none. See docs/forms.md."
        ),
    )
    p.add_argument("file", help="the export (.xlsx or .csv)")
    p.add_argument("--vinjett", "--vignette", dest="vignette", required=True, metavar="ID",
                   help="the vignette the answers are to: assi, max, jamila, tobias, mohammad or an own id")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="the workshop's SQLite file (created if missing)")
    where.add_argument("--mapp", "--folder", dest="folder", help="an answer folder (one file per answer)")
    p.add_argument("--verktyg", "--tool", dest="tool", choices=["auto", *forms.TOOLS], default="auto",
                   help="the tool the file comes from (default: told from its headings)")
    p.add_argument("--kort", "--short", dest="short", action="store_true",
                   help="the short form: risk, the home situation and a justification")
    p.add_argument("--vinjettmapp", "--vignette-folder", dest="vignette_folder", metavar="DIR",
                   help="a folder of own vignette files (.yaml): their ids are accepted too")
    p.add_argument("--lang", choices=["sv", "en"], default="sv", help="the language of the questions and messages")
    p.set_defaults(handler=_run_workshop_import)


def _run_workshop_import(args) -> int:
    if args.db and Path(args.db).suffix.lower() not in SQLITE_SUFFIXES:
        print(f"webbkollen workshop-import: --db must be a SQLite file ({', '.join(SQLITE_SUFFIXES)}), "
              f"not {args.db!r}; for an answer folder use --mapp", file=sys.stderr)
        return EXIT_USAGE
    store = args.db or FolderStore(args.folder)
    try:
        vignettes = None
        if args.vignette_folder:
            vignettes = [*load_vignette_texts(), *load_vignette_texts(args.vignette_folder)]
        read = forms.import_form_answers(args.file, store, args.vignette, tool=args.tool, lang=args.lang,
                                         groups=SHORT_CHECKLISTS if args.short else CHECKLISTS, vignettes=vignettes)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    except (ValueError, OSError) as exc:
        print(f"webbkollen workshop-import: {exc}", file=sys.stderr)
        return EXIT_USAGE
    words = catalogue.labels("forms.cli", args.lang)
    print(words["stored"].format(n=len(read.answers), tool=catalogue.text(f"forms.tool.{read.tool}", args.lang),
                                 vignette=read.vignette, store=args.db or args.folder))
    for line, name in read.replaced:
        print(words["replaced"].format(line=line, name=name))
    if read.ignored_columns:
        print(words["ignored"].format(columns="; ".join(read.ignored_columns)))
    return EXIT_OK
