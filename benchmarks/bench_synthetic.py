"""Speed of the synthetic registrations, in one run.

    python benchmarks/bench_synthetic.py [ROWS]

Times ``generate_cases(ROWS, municipalities="national", years=2015..2019)``
(default one million rows, uncalibrated, vectorised; best of three) and
reports seconds per
million registrations against a floor: numpy drawing the same number of
uniform random numbers the generator consumes (counted on a small run, per
row), which no generator of this model can beat. ratio = our time / floor.
Also times the calibrated default (the shipped 416 registrations), whose
cost is the calibration (integer programmes and assignments), not the rows.

The issue's target: one million registrations in a few seconds.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webbkollen_lib.synthetic import cases as C  # noqa: E402

YEARS = [2015, 2016, 2017, 2018, 2019]
_DRAWING = ("random", "standard_normal", "normal", "gamma", "poisson", "multinomial", "logistic", "gumbel")


class _Counting:
    """A numpy Generator that counts the random numbers it hands out."""

    def __init__(self, rng):
        self._rng = rng
        self.count = 0

    def __getattr__(self, name):
        method = getattr(self._rng, name)
        if name not in _DRAWING:
            return method

        def counted(*args, **kwargs):
            out = method(*args, **kwargs)
            self.count += int(np.size(out))
            return out

        return counted


def draws_per_row(rows: int = 20_000) -> float:
    """Random numbers the uncalibrated generator uses per registration (counted, not guessed)."""
    made = []
    real = np.random.default_rng

    def counting_rng(seed=None):
        made.append(_Counting(real(seed)))
        return made[-1]

    C.np.random.default_rng = counting_rng
    try:
        C.generate_cases(rows, municipalities="national", years=YEARS, seed=1)
    finally:
        C.np.random.default_rng = real
    return sum(r.count for r in made) / rows


def best_time(func, repeats: int = 3) -> float:
    """Best of ``repeats`` single runs, in seconds."""
    return min(timeit.repeat(func, repeat=repeats, number=1))


def floor_seconds(draws: int) -> float:
    rng = np.random.default_rng(0)
    block = 1 << 24

    def draw():
        for done in range(0, draws, block):
            rng.random(min(block, draws - done))

    return best_time(draw)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    rows = int(argv[0]) if argv else 1_000_000
    C.generate_cases(1000, municipalities="national", seed=0)  # warm up: codebook, imports

    per_row = draws_per_row()
    ours = best_time(lambda: C.generate_cases(rows, municipalities="national", years=YEARS, seed=1))
    cases = C.generate_cases(1000, municipalities="national", years=YEARS, seed=1)
    floor = floor_seconds(int(per_row * rows))
    calibrated = best_time(C.generate_cases)

    per_million = ours / rows * 1e6
    print(f"generate_cases, national, {rows:,} rows x {cases.shape[1]} columns, {len(YEARS)} years, "
          f"290 municipalities (best of 3)")
    print(f"  ours : {ours:7.2f} s  = {per_million:6.2f} s per million registrations")
    print(f"  floor: {floor:7.2f} s  numpy drawing the same {per_row:.0f} uniforms per row "
          f"({floor / rows * 1e6:.2f} s per million)")
    print(f"  ratio ours / floor: {ours / floor:.1f}")
    print(f"calibrated default (416 registrations reproducing the report): {calibrated:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
