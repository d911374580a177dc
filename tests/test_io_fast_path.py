"""The columnar fast path of reading a CSV gives exactly what the csv module gives.

``read_raw_table(path, columnar=True)`` reads a plain CSV (no quote
character, every row as wide as the header) with pandas' C parser straight
into columns; any other file goes through the csv module, whose rows every
malformed-file test checks. Both must see the same header, the same line
numbers and the same stripped cells, so a file reads (and fails) the same
whichever path it takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webbkollen_lib.core.errors import DataError
from webbkollen_lib.io.registrations import read_raw_table, read_registrations

ROOT = Path(__file__).resolve().parents[1]
CSV_FILES = sorted(p for p in [*(ROOT / "tests" / "data").rglob("*.csv"), *(ROOT / "data" / "synthetic").glob("*.csv")])


def as_rows(raw):
    """The table as the csv path gives it: header, header line, data lines, rows of cells."""
    if raw.columns is None:
        return raw.header, raw.header_line, raw.lines, raw.rows
    rows = [list(cells) for cells in zip(*(list(c) for c in raw.columns))]
    return raw.header, raw.header_line, raw.lines, rows


def both(path):
    try:
        slow = as_rows(read_raw_table(path))
    except DataError as error:
        slow = str(error)
    try:
        fast = as_rows(read_raw_table(path, columnar=True))
    except DataError as error:
        fast = str(error)
    return slow, fast


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_csv_the_project_has_reads_the_same_on_both_paths(path):
    slow, fast = both(path)
    assert fast == slow


def test_the_shipped_registrations_take_the_fast_path():
    raw = read_raw_table(ROOT / "data" / "synthetic" / "registreringar.csv", columnar=True)
    assert raw.columns is not None and raw.rows is None and raw.n_rows == 416


CELL = st.text(alphabet=st.sampled_from(list("ab1 \t\u00a0\u2009åÄ-")), max_size=4)


@settings(max_examples=200, deadline=None)
@given(
    sep=st.sampled_from([",", ";", "\t"]),
    header=st.lists(st.sampled_from(["kommun", "ar", " kon", "alder ", "x"]), min_size=1, max_size=4),
    rows=st.lists(st.one_of(st.lists(CELL, min_size=0, max_size=5), st.just([])), max_size=6),
    blank_lines=st.lists(st.integers(0, 8), max_size=3),
    ending=st.sampled_from(["\n", "\r\n", "", "\n\n"]),
)
def test_any_plain_text_reads_the_same_on_both_paths(tmp_path_factory, sep, header, rows, blank_lines, ending):
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    for at in blank_lines:
        lines.insert(min(at, len(lines)), sep * (at % 3))  # empty, or only separators
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_text(ending.join(lines) + ending, encoding="utf-8")
    slow, fast = both(path)
    assert fast == slow


def test_a_file_with_a_quote_or_a_ragged_row_goes_through_the_csv_module(tmp_path):
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('kommun,ar\n"Umeå",2017\n', encoding="utf-8")
    assert read_raw_table(quoted, columnar=True).columns is None
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("kommun,ar,tillfalle,kon,alder\nUmeå,2017,avslut,pojke,12,13\n", encoding="utf-8")
    assert read_raw_table(ragged, columnar=True).columns is None
    with pytest.raises(DataError, match=r"line 2: the row has 6 values but the header has 5 columns"):
        read_registrations(ragged)
