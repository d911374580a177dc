"""Speed and memory of validated reading, against pandas reading the same file, in one run.

    python benchmarks/bench_io.py [--national-rows 50933] [--big-rows 1000000] [--xlsx-rows 20000]

Each case writes its file once (synthetic registrations, ``generate_cases``
uncalibrated, written by ``write_registrations``) into a temporary folder and
then times, best of three:

* **CSV, one national year** (50,933 rows): ``read_registrations`` (every
  code, range and cross-column rule checked, typed columns) against
  ``pandas.read_csv`` of the same file (no checks, no types). Goal: ≤ 3×.
* **CSV, a million rows**: ``read_registrations`` in a child process, its wall
  time and peak memory (``VmHWM``). Goal: under 10 s and 2 GB.
* **.xlsx** (20,000 rows): ``read_registrations`` against
  ``pandas.read_excel(engine="calamine")``. Goals: under 1.5 s and ≤ 1.5×.

Every line prints the measured values, the peer or floor, the ratio and
whether the goal is met; the exit status is 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from webbkollen_lib.io.registrations import read_registrations, write_registrations  # noqa: E402
from webbkollen_lib.synthetic import generate_cases  # noqa: E402

# Peak memory from /proc/self/status (VmHWM, this process's own high-water mark): ru_maxrss would
# include the parent's peak, which Linux carries across fork and exec.
CHILD = """
import json, sys, time
from webbkollen_lib.io.registrations import read_registrations
start = time.perf_counter()
frame = read_registrations(sys.argv[1])
seconds = time.perf_counter() - start
status = open("/proc/self/status").read()
peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
print(json.dumps({"seconds": seconds, "rows": len(frame), "peak_mb": peak_kb / 1024}))
"""


def best_of(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def write(rows: int, path: Path) -> Path:
    frame = generate_cases(n=rows, municipalities="national", calibrate=False, seed=1)
    return write_registrations(frame, path)


def line(what: str, ours: float, peer: float | None, unit: str, goal: str, ok: bool) -> str:
    ratio = f"{ours / peer:5.2f}x" if peer else "   -  "
    peer_text = f"{peer:7.2f} {unit}" if peer else "        -"
    return f"{what:<44} {ours:7.2f} {unit}  peer {peer_text}  ratio {ratio}  goal {goal:<18} {'ok' if ok else 'MISSED'}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national-rows", type=int, default=50_933)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        national = write(args.national_rows, folder / "national.csv")
        ours = best_of(lambda: read_registrations(national))
        peer = best_of(lambda: pd.read_csv(national))
        results.append(line(f"read_registrations CSV {args.national_rows:,} rows", ours, peer, "s", "<= 3x read_csv",
                            ours <= 3 * peer))

        xlsx = write(args.xlsx_rows, folder / "rows.xlsx")
        ours = best_of(lambda: read_registrations(xlsx))
        peer = best_of(lambda: pd.read_excel(xlsx, engine="calamine"))
        results.append(line(f"read_registrations xlsx {args.xlsx_rows:,} rows", ours, peer, "s",
                            "< 1.5 s, <= 1.5x", ours < 1.5 and ours <= 1.5 * peer))

        big = write(args.big_rows, folder / "big.csv")
        child = subprocess.run([sys.executable, "-c", CHILD, str(big)], capture_output=True, text=True, check=True,
                               env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        measured = json.loads(child.stdout)
        peer = best_of(lambda: pd.read_csv(big), repeat=1)
        results.append(line(f"read_registrations CSV {args.big_rows:,} rows", measured["seconds"], peer, "s",
                            "< 10 s", measured["seconds"] < 10))
        results.append(line(f"  peak memory of that read ({big.stat().st_size / 1e6:.0f} MB file)",
                            measured["peak_mb"], None, "MB", "< 2048 MB", measured["peak_mb"] < 2048))
    print("\n".join(results))
    return 0 if all(r.endswith(" ok") for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
