"""Time of ``webbkollen batch`` per report, stage by stage, against its floors, in one run.

    .venv/bin/python benchmarks/bench_batch.py [--notebook NB] [--data CSV]
        [--n-municipalities 290] [--fresh-sample 20] [--workers N]

Cases, each a real ``run_batch`` (process pool, HTML export, index) into a
temporary directory:

* floor: papermill executing a notebook that only imports the package and
  the stack it uses (``tests/data/notebooks/floor.ipynb``), fresh kernels:
  what any report costs when every report starts its own kernel;
* floor: the report notebook with every cell emptied, warm kernels, on the
  ``--n-municipalities`` synthetic municipalities: what the runner itself
  costs per report (a kernel borrowed and reset, papermill, the HTML export,
  the files);
* the shipped municipalities, warm and fresh kernels;
* ``--n-municipalities`` synthetic municipalities (default 290, the national
  run), warm kernels; fresh kernels on a sample of ``--fresh-sample`` of
  them, since a fresh kernel's time per report does not depend on how many
  there are.

"s/report" is the batch's wall time divided by its reports (pool and kernel
start-up included: what a user waits for), "ratio" that time over the
import-only floor's. The goal: a national run of 290 reports in at most 60 s
on 2 workers.

Then, for the national run, where each report's time goes: the stages timed
in the workers (``BatchResult.timings``), the report notebook's cells (as
papermill timed them), and, measured in this process on the same data, the
report's own work split into reading and counting the year (once per kernel),
tables and disclosure control, building the figures, rendering them to PNG
and IPython's display formatting.

``--notebook`` and ``--data`` default to the real report notebook and the
shipped data when both exist, else to the test fixtures. The synthetic
municipalities copy the registrations of the data's municipalities in the
latest year, renamed, so they have every column the notebook needs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The kernels must import this checkout's webbkollen_lib even when it is not
# installed: they inherit the environment through the worker processes.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from webbkollen_lib.reports.batch import STAGES, run_batch, validate_batch  # noqa: E402

FIXTURES = ROOT / "tests" / "data"
FLOOR_NOTEBOOK = FIXTURES / "notebooks" / "floor.ipynb"
GOAL_SECONDS = 60
NATIONAL = 290
GOAL_WORKERS = 2


REAL = (ROOT / "notebooks" / "kommunrapport.ipynb", ROOT / "data" / "synthetic" / "registreringar.csv")
FIXTURE = (FIXTURES / "notebooks" / "rapport.ipynb", FIXTURES / "batch" / "registreringar.csv")


def default_pair() -> tuple[Path, Path]:
    """The real report on the shipped data when both exist, else the test fixtures (never a mix)."""
    return REAL if all(p.exists() for p in REAL) else FIXTURE


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_absolute() and path.is_relative_to(ROOT) else path


def synthetic_data(source: Path, n: int, directory: Path) -> Path:
    """``n`` municipalities, each a renamed copy of a source municipality's latest year."""
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(source, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False, sep=None, engine="python")
    latest = frame["ar"].astype(int).max()
    frame = frame[frame["ar"].astype(int) == latest]
    names = sorted(frame["kommun"].unique())
    copies = []
    for i in range(n):
        rows = frame[frame["kommun"] == names[i % len(names)]].copy()
        rows["kommun"] = f"Syntetkommun {i + 1:03d}"
        copies.append(rows)
    path = directory / f"synthetic_{n}.csv"
    pd.concat(copies).to_csv(path, index=False)
    return path


def emptied(notebook: Path, directory: Path) -> Path:
    """The notebook with its parameters cell kept and every other code cell emptied (the runner's floor)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            cell.source = "pass"
    path = directory / f"{notebook.stem}_empty.ipynb"
    nbformat.write(nb, path)
    return path


def timed_batch(label: str, engine: str, notebook: Path, data: Path, out: Path, workers: int, kommun=None):
    start = time.perf_counter()
    result = run_batch(data, notebook=notebook, out=out, kommun=kommun, engine=engine, workers=workers, progress=False)
    wall = time.perf_counter() - start
    n = len(result.reports)
    row = {
        "case": label,
        "engine": engine,
        "reports": n,
        "failed": len(result.failed),
        "wall s": wall,
        "s/report": wall / n,
        "median in worker s": statistics.median(result.reports["seconds"]),
    }
    print(f"  {label:<34} {engine:<6} {n:>4} reports  {wall:7.1f} s  {wall / n:6.3f} s/report", flush=True)
    if result.failed:
        print(f"    failed: {result.failed[:5]} {result.reports['error'].dropna().iloc[0]}", flush=True)
    return row, result


def stage_breakdown(result, wall: float, workers: int) -> None:
    """Per report: the stages timed in the workers, and the notebook's cells as papermill timed them."""
    timings = result.timings.set_index("kommun")
    n = len(timings)
    busy = timings.drop(columns="write").sum().sum()  # seconds the workers spent on reports
    startup = max(0.0, wall - busy / workers)
    print(f"\nwhere the national run's time goes ({n} reports, {workers} workers, {wall:.1f} s), ms per report:")
    print(f"  {'stage':<44} {'mean':>7} {'median':>7} {'share':>6}")
    total = timings.drop(columns="write").mean().sum()
    for stage in STAGES:
        if timings[stage].isna().all():  # a stage this run's formats do not have (pdf, xlsx)
            continue
        mean, median = timings[stage].mean(), timings[stage].median()
        label = {"kernel": "kernel (its first start included in the mean)",
                 "write": "write (the runner's process, beside them)"}.get(stage, stage)
        share = "" if stage == "write" else f"{mean / total:6.0%}"
        print(f"  {label:<44} {mean * 1000:7.1f} {median * 1000:7.1f} {share:>6}")
    print(f"  {'start-up before the workers run reports':<44} {startup:6.1f} s, once")
    cells = cell_times(result)
    if cells is not None:
        print("  the report notebook's cells (papermill's timing, median):")
        for label, seconds in cells.items():
            print(f"    {label:<42} {'':>7} {seconds * 1000:7.1f}")


def cell_times(result) -> pd.Series | None:
    """Median duration of each code cell over the executed notebooks, labelled by its first line."""
    durations: dict[str, list[float]] = {}
    for path in result.reports["notebook"].dropna():
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            tags = cell.metadata.get("tags", [])
            first = next((line for line in cell.source.splitlines() if line and not line.startswith("#")), "")
            label = f"[{i}] " + ("injected parameters" if "injected-parameters" in tags else
                                 "parameters" if "parameters" in tags else first[:36])
            durations.setdefault(label, []).append(cell.metadata.get("papermill", {}).get("duration") or 0.0)
    if not durations:
        return None
    return pd.Series({label: statistics.median(values) for label, values in durations.items()})


def inside_a_report(data: Path, n: int = 20) -> None:
    """The municipality report's own work, in this process, split into its parts (one kernel's view)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.formatters import DisplayFormatter

    import webbkollen_lib.reports.municipality as report_module

    # a kernel is not a terminal: pandas shows up to 20 columns there, without measuring a terminal
    pd.set_option("display.max_columns", 20)
    formatter = DisplayFormatter()
    spent: dict[str, float] = {}

    def timed(owner, name, stage):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)
        return original

    originals = [
        (report_module, "_figure_html", timed(report_module, "_figure_html", "SVG rendering")),
        (report_module, "plot_published_shares", timed(report_module, "plot_published_shares", "figure building")),
    ]
    try:
        frame = report_module.load_cases(data)
        ar = int(frame["ar"].max())
        names = sorted(frame.loc[frame["ar"] == ar, "kommun"].astype(str).unique())

        def one(kommun):
            spent.clear()
            start = time.perf_counter()
            report = report_module.load_report(str(data), kommun, ar)
            html_time = 0.0
            for block in report.blocks():
                if block is None:
                    continue
                shown = time.perf_counter()
                formatter.format(block)
                html_time += time.perf_counter() - shown
            plt.close("all")
            return {"total": time.perf_counter() - start, **spent, "display (html, text, markdown)": html_time}

        # the first report of a kernel reads, checks and counts the year; the same report again does not
        report_module._read_cached.cache_clear()
        report_module._participants_cached.cache_clear()
        once = one(names[0])["total"] - one(names[0])["total"]
        rows = [one(kommun) for kommun in names[1 : n + 1]]
        table = pd.DataFrame(rows).fillna(0.0).mean()
        display = table["display (html, text, markdown)"] - table.get("SVG rendering", 0.0)
        parts = {
            "SVG rendering": table.get("SVG rendering", 0.0),
            "figure building": table.get("figure building", 0.0),
            "display formatting (tables as HTML, text)": display,
            "tables, sentences, disclosure control": table["total"] - table["display (html, text, markdown)"]
            - table.get("figure building", 0.0),
        }
        print(f"\ninside a report (in this process, mean of {len(rows)} reports, ms):")
        print(f"  {'once per kernel: read, check and count the year':<44} {once * 1000:9.1f}")
        for label, seconds in parts.items():
            print(f"  {label:<44} {seconds * 1000:9.1f} {seconds / table['total']:6.0%}")
        print(f"  {'a report':<44} {table['total'] * 1000:9.1f}")
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    notebook, data = default_pair()
    parser.add_argument("--notebook", type=Path, default=notebook, help="report notebook (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=data, help="registrations (default: %(default)s)")
    parser.add_argument(
        "--n-municipalities", type=int, default=NATIONAL, help="synthetic municipalities (default: %(default)s)"
    )
    parser.add_argument(
        "--fresh-sample",
        type=int,
        default=20,
        help="synthetic municipalities run with fresh kernels (default: %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=GOAL_WORKERS, help="worker processes (default: %(default)s, as the goal says)"
    )
    args = parser.parse_args(argv)

    plan = validate_batch(
        args.data, notebook=args.notebook, out=Path(tempfile.gettempdir()) / "unused-webbkollen-bench"
    )
    workers = args.workers
    print(f"notebook: {shown(args.notebook)}")
    print(f"data:     {shown(args.data)} ({len(plan.kommuner)} municipalities in {plan.ar})")
    print(f"workers:  {workers} (cores available: {plan.workers})\n", flush=True)

    rows = []
    with tempfile.TemporaryDirectory(prefix="webbkollen-bench-") as tmp:
        tmp = Path(tmp)
        synthetic = synthetic_data(args.data, args.n_municipalities, tmp)
        floor_sample = list(plan.kommuner[: max(2, 2 * workers)]) if len(plan.kommuner) >= 2 else None
        row, _ = timed_batch(
            "floor: imports only", "fresh", FLOOR_NOTEBOOK, args.data, tmp / "floor", workers, floor_sample
        )
        rows.append(row)
        row, _ = timed_batch(
            f"floor: empty report ({args.n_municipalities})", "warm", emptied(args.notebook, tmp), synthetic,
            tmp / "empty", workers,
        )
        rows.append(row)
        for engine in ("warm", "fresh"):
            row, _ = timed_batch(
                f"shipped ({len(plan.kommuner)})", engine, args.notebook, args.data, tmp / f"shipped-{engine}", workers
            )
            rows.append(row)
        row, national = timed_batch(
            f"synthetic ({args.n_municipalities})", "warm", args.notebook, synthetic, tmp / "synthetic-warm", workers
        )
        rows.append(row)
        sample = [f"Syntetkommun {i + 1:03d}" for i in range(min(args.fresh_sample, args.n_municipalities))]
        row, _ = timed_batch(
            f"synthetic sample ({len(sample)})", "fresh", args.notebook, synthetic, tmp / "synthetic-fresh",
            workers, sample,
        )
        rows.append(row)

        table = pd.DataFrame(rows)
        floor = table.loc[0, "s/report"]
        table["ratio to floor"] = table["s/report"] / floor
        print()
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))

        national_wall = table.loc[4, "wall s"]
        stage_breakdown(national, national_wall, workers)
        if args.notebook.name == "kommunrapport.ipynb":
            inside_a_report(synthetic)

    warm = table.loc[4, "s/report"]
    fresh = table.loc[5, "s/report"]
    runner = table.loc[1, "s/report"]
    print(f"\nwarm vs fresh kernels (synthetic): {fresh / warm:.1f}x faster per report")
    print(f"the runner's own floor (empty report, warm): {runner:.3f} s/report, {runner / warm:.0%} of a report")
    if args.n_municipalities == NATIONAL:
        national_seconds, how = national_wall, "measured"
    else:
        national_seconds, how = warm * NATIONAL, f"extrapolated from {args.n_municipalities} reports"
    verdict = "meets" if national_seconds <= GOAL_SECONDS and workers <= GOAL_WORKERS else "misses"
    print(
        f"national run of {NATIONAL} reports on {workers} workers: {national_seconds:.1f} s ({how}), "
        f"{national_seconds / NATIONAL:.3f} s/report, ratio to the import-only floor {warm / floor:.2f}; "
        f"it {verdict} the goal of at most {GOAL_SECONDS} s on {GOAL_WORKERS} workers"
    )
    return 0 if table["failed"].sum() == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
