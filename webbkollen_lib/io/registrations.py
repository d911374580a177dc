"""Reading, validating and writing registrations and vignette ratings.

A municipality's export rarely looks like our own files: Excel on Swedish
Windows writes cp1252 with semicolons, headers are Swedish labels, answers are
spelled out ("Något förhöjd risk", "Ja"). :func:`read_registrations` accepts all
of that, checks every cell against the codebook and returns the typed
data-contract frame, or raises one :class:`~webbkollen_lib.DataError` that
lists every problem in the file with its line, column, value, what was
allowed and the closest allowed value.

Nothing is silently coerced: a value the codebook does not know is an error,
not NA. Only wholly empty rows, and wholly empty columns without a header,
are skipped (they hold no data).
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io as _io
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import IllegalCharacterError
from python_calamine import CalamineError, CalamineWorkbook, XmlError, ZipError

from webbkollen_lib.core.codebook import Codebook, Variable, age_group, get_codebook
from webbkollen_lib.core.errors import DataError, Problem

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SHEET_NAMES = {"registrations": "Registreringar", "ratings": "Bedomningar"}
_DATASET_NAMES = {"registrations": "registrations", "ratings": "vignette ratings", "ubu": "UBU questionnaires",
                  "kartlaggning": "survey answers (Kartläggning 2012)",
                  "prioritering": "regions' rankings of development areas (Kartläggning 2012, question 10)"}

# Cells read as "not known" (NA) in every coded column, besides the codebook's
# own "not known" codes: empty, what R and pandas write for NA, and the
# report's wordings.
_NA_TEXT = frozenset({"", "na", "<na>", "nan", "inte känt", "inte_kant", "okänt", "uppgift saknas"})
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]0*)?$")  # 12, 12.0 and (decimal comma) 12,0


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


def read_registrations(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read a municipality's registrations (CSV or .xlsx) into the data-contract form.

    Parameters
    ----------
    path
        A ``.csv``/``.txt``/``.tsv`` file (UTF-8, UTF-8 with BOM, UTF-16 with
        BOM or cp1252; comma, semicolon or tab separated; decimal comma
        allowed) or an ``.xlsx`` workbook. The header is the first non-empty
        line or row.
    sheet
        Excel only: sheet name or 0-based index.

    Headers may be codebook ids (``risk_beslut``), Swedish or English labels
    ("Risk att barnet far illa i nuvarande situation vid beslut om insats") or
    the report's short forms listed as aliases in the codebook. Values may be
    codes or their Swedish/English wording (case and surrounding white space
    ignored); yes/no as Ja/Nej, Yes/No, True/False, 1/0. Empty cells, "Inte
    känt", "Okänt" and "NA" are missing (NA), except where the codebook makes
    "inte känt" a category of its own (``skola_*``: ``ej_bedomt``). Blank lines
    are skipped.

    Returns
    -------
    DataFrame
        The file's columns in codebook order, typed by the codebook, with
        ``aldersgrupp`` derived from ``alder``. ``frame.attrs["source"]``
        records the file, encoding and separator that were read.

    Raises
    ------
    DataError
        Listing every problem found in the file, in line order.

    Examples
    --------
    >>> from webbkollen_lib import read_registrations
    >>> cases = read_registrations("export_umea_2017.csv")  # doctest: +SKIP
    """
    return _read(path, "registrations", sheet=sheet)


def read_ratings(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read vignette ratings (agreement tests) like :func:`read_registrations`."""
    return _read(path, "ratings", sheet=sheet)


def validate_registrations(frame: pd.DataFrame, *, dataset: str = "registrations", source=None) -> pd.DataFrame:
    """Check a frame of codes: columns, codes, types, ranges and contradictions.

    Values must be in the data-contract form (codes, booleans, whole numbers,
    strings); the dtypes need not be. Returns the frame unchanged if it is
    valid; raises :class:`DataError` otherwise. Line numbers in the messages
    are the frame's row positions + 1.
    """
    return validate_frame(frame, get_codebook(), dataset=dataset, source=source)


def validate_frame(frame: pd.DataFrame, cb: Codebook, *, dataset: str, source=None, rules=None) -> pd.DataFrame:
    """:func:`validate_registrations` against any system's codebook, with that system's row ``rules``.

    ``rules(frame, problem)`` returns the :class:`Problem` s of a system's own
    rules between the columns of a row (see :func:`read_table`).
    """
    given, frame = frame, frame.reset_index(drop=True)
    problems = _column_name_problems(frame.columns, dataset, cb)
    lines = np.arange(1, len(frame) + 1)
    known, counts = set(cb.columns(dataset)), frame.columns.value_counts()
    typed: dict[str, pd.Series] = {}
    for column in frame.columns.unique():
        if column not in known or counts[column] > 1:  # reported above
            continue
        var = cb.variable_of(column)
        column_problems, valid = _typed_value_problems(var, column, frame[column], lines, cb)
        problems += column_problems
        typed[column] = _as_dtype(var, frame[column].astype("object").where(valid, None))
    # contradictions only between values that are themselves valid
    problems += _row_problems(pd.DataFrame(typed, index=frame.index), dataset, lines, frame, {}, cb, rules)
    if problems:
        raise DataError(source, _in_line_order(problems, list(frame.columns)))
    return given


def write_registrations(
    frame: pd.DataFrame,
    path,
    *,
    labels: bool = False,
    sep: str = ",",
    encoding: str = "utf-8",
    dataset: str = "registrations",
) -> Path:
    """Write registrations to ``.csv`` or ``.xlsx`` so that reading them back loses nothing.

    Parameters
    ----------
    labels
        False (default): headers are codebook ids and values codes, yes/no
        ``True``/``False``. True: headers and values are the Swedish labels
        and yes/no is Ja/Nej, for people to read in Excel; a text that a
        spreadsheet would run as a formula (it begins with ``=``, ``+``,
        ``-``, ``@``, a tab or a carriage return) is written ``'=…`` in CSV, so
        the spreadsheet shows it as text, and reading the file back gives the
        text without the mark. In .xlsx such a text is always a string cell.
    sep, encoding
        CSV only. ``sep=";", encoding="utf-8-sig"`` opens cleanly in Excel on
        Swedish Windows.

    The frame is checked first with :func:`validate_registrations` (a frame
    that could not be read back raises :class:`DataError` and nothing is
    written). Missing values are written as empty cells. The file is written
    to a temporary name and renamed, so a reader never sees half a file.
    ``read_registrations(path)`` returns the frame again, in codebook column
    order, with ``aldersgrupp`` derived; text loses surrounding white space
    and an empty text is missing.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + (".xlsx",):
        raise ValueError(f"{path}: cannot write {suffix or 'a file without suffix'}; use .csv or .xlsx")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: the folder {path.parent} does not exist")
    validate_registrations(frame, dataset=dataset, source=path)
    if frame.empty:
        raise ValueError(f"{path}: the frame has no rows; a file with only a header is not a table to read back")
    header, rows = _cells_for_writing(frame, labels=labels, excel=suffix == ".xlsx")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        if suffix == ".xlsx":
            _write_xlsx(tmp, SHEET_NAMES[dataset], header, rows, path)
        else:
            _write_csv(tmp, header, rows, sep, encoding, path)
        os.chmod(tmp, _default_mode())  # mkstemp makes the file private; give it the usual permissions
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_ratings(frame: pd.DataFrame, path, **kwargs) -> Path:
    """Write vignette ratings like :func:`write_registrations`."""
    return write_registrations(frame, path, dataset="ratings", **kwargs)


# --------------------------------------------------------------------------
# raw table: rows of strings with the line numbers a person sees
# --------------------------------------------------------------------------


@dataclass
class RawTable:
    """A file's cells as stripped strings with the line (sheet row) number of each row.

    ``rows`` holds the data rows as lists; a columnar read
    (``read_raw_table(columnar=True)``) of a plain file may instead give
    ``columns``, one ``pd.Categorical`` of strings per header cell (codes and
    distinct cells), every row exactly as wide as the header, and leave
    ``rows`` None.
    """

    header: list[str]
    header_line: int
    rows: list[list[str]] | None
    lines: list[int]
    encoding: str | None = None
    sep: str | None = None
    columns: list[pd.Categorical] | None = None

    @property
    def n_rows(self) -> int:
        return len(self.lines)


def read_raw_table(path, *, sheet: str | int = 0, columnar: bool = False) -> RawTable:
    """Read a CSV or Excel file as stripped strings, keeping each row's line number.

    Wholly empty lines (rows) are skipped; the first non-empty one is the
    header. Raises DataError for a file that is missing, empty, binary, in an
    unknown encoding, or of an unsupported type.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(path, [Problem("file not found")])
    if path.is_dir():
        raise DataError(path, [Problem("is a directory, not a file")])
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_excel_raw(path, sheet)
    if suffix in CSV_SUFFIXES:
        return _read_csv_raw(path, columnar=columnar)
    how = "save it in Excel or LibreOffice as .xlsx or CSV" if suffix in (".xls", ".ods") else ""
    raise DataError(
        path,
        [
            Problem(
                "unsupported file type" + (f": {how}" if how else ""),
                value=suffix or path.name,
                allowed=", ".join(CSV_SUFFIXES + EXCEL_SUFFIXES),
            )
        ],
    )


def _read_csv_raw(path: Path, columnar: bool = False) -> RawTable:
    data = path.read_bytes()
    if not data:
        raise DataError(path, [Problem("the file is empty (0 bytes)")])
    hint = _binary_hint(data)
    if hint:
        raise DataError(path, [Problem(f"not a text table: {hint}")])
    if columnar and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        fast = _plain_csv_columns(data)
        if fast is not None:
            return fast
    text, encoding = _decode(path, data)
    if not text.strip():
        raise DataError(path, [Problem("the file is empty (only white space)")])
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        raise DataError(path, [Problem("not a table: it looks like JSON; save the data as CSV or .xlsx")])
    if stripped[:1] == "<":
        raise DataError(path, [Problem("not a table: it looks like HTML or XML; save the data as CSV or .xlsx")])
    first = next(line for line in text.splitlines() if line.strip())
    declared = re.fullmatch(r"\s*sep=(.)\s*", first)  # Excel's "sep=;" line names the separator
    if declared:
        sep, text = declared.group(1), text.replace(first, "", 1)  # a blank line now: line numbers stay
    else:
        sep = _sniff_separator(first)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    end = 0  # physical line on which the previous record ended

    def records():
        nonlocal end
        for record in reader:
            start, end = end + 1, reader.line_num
            yield start, [c.strip() for c in record]

    try:
        header, header_line, rows, lines = _header_and_rows(records())
    except csv.Error as exc:
        raise DataError(path, [Problem(f"not a readable CSV table ({exc})", line=end + 1)]) from None
    return RawTable(header, header_line, rows, lines, encoding, sep)


def _header_and_rows(numbered) -> tuple[list[str] | None, int, list[list[str]], list[int]]:
    """From (line, stripped cells) records: the header (the first row with a value), its line, the rows and
    their lines; wholly empty rows are left out."""
    header, header_line, rows, lines = None, 0, [], []
    for number, cells in numbered:
        if not any(cells):
            continue
        if header is None:
            header, header_line = cells, number
        else:
            rows.append(cells)
            lines.append(number)
    return header, header_line, rows, lines


def _plain_csv_columns(data: bytes) -> RawTable | None:
    """The columnar fast path of a CSV read: pandas' C parser on the bytes, for a file the csv module reads alike.

    Taken only for a plain UTF-8 file: no quote character (so every record is
    one physical line and no cell holds the separator or a line break), no
    lone carriage return, and every line that is not blank exactly as wide as
    the header. Any other file returns None and goes through the csv module,
    which also reports the rows that do not fit. Works on the bytes, never on
    the file as one string, so a national file of a million rows needs little
    more memory than its size. Cells are stripped as the csv path strips them
    (on each column's distinct cells), wholly empty rows are left out, and
    lines are the physical line numbers.
    """
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    if b'"' in body or body.count(b"\r") != body.count(b"\r\n") or not _is_utf8_stream(body):
        return None
    lines = body.split(b"\n")
    first = next((i for i, line in enumerate(lines) if line.decode("utf-8").strip()), None)
    if first is None or lines[first].lstrip()[:1] in (b"{", b"[", b"<"):
        return None
    declared = re.fullmatch(r"\s*sep=(.)\s*", lines[first].decode("utf-8").rstrip("\r"))
    sep = declared.group(1) if declared else _sniff_separator(lines[first].decode("utf-8").rstrip("\r"))
    sep_bytes = sep.encode("utf-8")
    if len(sep_bytes) != 1:
        return None
    start = first + 1 if declared else first
    header_at = next((i for i in range(start, len(lines)) if lines[i].replace(sep_bytes, b"").strip()), None)
    if header_at is None or header_at == len(lines) - 1:
        return None
    width = lines[header_at].count(sep_bytes)
    counts = [line.count(sep_bytes) for line in lines[header_at + 1:]]
    for i in (i for i, count in enumerate(counts) if count != width):
        if lines[header_at + 1 + i].replace(sep_bytes, b"").strip():
            return None  # a row of another width: the csv path says which
    header = [cell.strip() for cell in lines[header_at].decode("utf-8").split(sep)]
    expected = len(counts) - (1 if lines[-1] == b"" else 0)
    del lines, counts
    if expected < 1:
        return None  # a header without rows: the csv path says so
    try:
        frame = pd.read_csv(_io.BytesIO(body), sep=sep, header=None, skiprows=header_at + 1, dtype="category",
                            keep_default_na=False, na_filter=False, quoting=csv.QUOTE_NONE,
                            skip_blank_lines=False, encoding="utf-8", engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    if frame.shape != (expected, width + 1):
        return None
    columns, blank = [], np.ones(expected, dtype=bool)
    for k in range(width + 1):
        cells = frame.iloc[:, k].array
        stripped = [str(c).strip() for c in cells.categories]
        if stripped != list(cells.categories):  # white space at a cell's end: strip, merging what becomes equal
            positions, distinct = pd.factorize(np.asarray(stripped, dtype=object))
            cells = pd.Categorical.from_codes(positions[cells.codes], categories=distinct)
        empty = list(cells.categories).index("") if "" in cells.categories else -1
        blank &= cells.codes == empty
        columns.append(cells)
    keep = ~blank
    lines_kept = (np.arange(expected) + header_at + 2)[keep].tolist()
    columns = [c if keep.all() else c[keep] for c in columns]
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    return RawTable(header, header_at + 1, None, lines_kept, encoding, sep, columns)


def _is_utf8_stream(data: bytes, chunk: int = 1 << 24) -> bool:
    """Whether bytes are UTF-8, checked in chunks so no string of the whole file is made."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(data), chunk):
            decoder.decode(data[at:at + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _binary_hint(data: bytes) -> str | None:
    """What a file that is not text looks like, or None if it may be text."""
    if data.startswith(b"PK\x03\x04"):
        return "it looks like an Excel workbook (a zip file); if it is one, give it the suffix .xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "it looks like an old Excel workbook (.xls); save it in Excel as .xlsx or CSV"
    if data.startswith(b"%PDF"):
        return "it looks like a PDF document"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in data[:4096]:
        return "the file holds binary data"
    return None


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and encoding of a CSV file: UTF-16 or UTF-8 by BOM, else UTF-8, else cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DataError(path, [Problem("not a text table: it starts like UTF-16 text but is not")]) from None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        bad_line = body.count(b"\n", 0, exc.start) + 1
    utf8_lines = [n for n, line in enumerate(body.split(b"\n"), start=1) if not line.isascii() and _is_utf8(line)]
    if bom or utf8_lines:
        # A cp1252 line added to a UTF-8 file (or the other way round) would
        # otherwise be read as mojibake ("UmeÃ¥") without a word.
        where = f"line(s) {', '.join(map(str, utf8_lines[:5]))} are UTF-8" if utf8_lines else "it starts as UTF-8"
        message = f"the file mixes text encodings: {where} but this line is not (cp1252?); save the file again as UTF-8"
        raise DataError(path, [Problem(message, line=bad_line)])
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        problem = Problem("not a text table: the bytes are neither UTF-8 nor cp1252 (Windows) text", line=line)
        raise DataError(path, [problem]) from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sniff_separator(header_line: str) -> str:
    """The separator of a header line: the most frequent of ; , and tab outside quotes."""
    counts = {sep: _count_outside_quotes(header_line, sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: (counts[s], s == ";"))
    return best if counts[best] else ","


def _count_outside_quotes(line: str, sep: str) -> int:
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


def _read_excel_raw(path: Path, sheet) -> RawTable:
    with open(path, "rb") as fh:
        data = fh.read(4096)
    if not data:
        raise DataError(path, [Problem("the file is empty (0 bytes)")])
    if not data.startswith(b"PK\x03\x04"):
        hint = _binary_hint(data) or "it looks like a text (CSV) file; if it is one, give it the suffix .csv"
        raise DataError(path, [Problem(f"not an Excel workbook (.xlsx): {hint}")])
    # calamine (Rust) reads; openpyxl writes (write_registrations)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ZipError, XmlError, OSError, ValueError) as exc:
        raise DataError(path, [Problem(f"not an Excel workbook (.xlsx) ({type(exc).__name__}: {exc})")]) from None
    try:
        names = workbook.sheet_names
        if isinstance(sheet, int) and 0 <= sheet < len(names):
            title = names[sheet]
        elif isinstance(sheet, str) and sheet in names:
            title = sheet
        else:
            suggestion = _closest(str(sheet), {_normalise(n): (n, n) for n in names})
            problem = Problem("no such sheet", value=sheet, allowed=", ".join(names), suggestion=suggestion)
            raise DataError(path, [problem])
        try:
            # skip_empty_area=False: the rows start at the sheet's row 1, so row numbers are the sheet's
            values = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
        except (CalamineError, XmlError, ValueError) as exc:
            raise DataError(path, [Problem(f"the sheet {title!r} cannot be read ({type(exc).__name__}: {exc})")]) \
                from None
    finally:
        workbook.close()
    header, header_line, rows, lines = _header_and_rows(
        (number, [_excel_cell(v) for v in row]) for number, row in enumerate(values, start=1))
    if header is None:
        raise DataError(path, [Problem(f"the sheet {title!r} is empty")])
    # A sheet is a rectangle: pad every row (and the header) to the widest row.
    width = max([len(header), *map(len, rows)])
    header = header + [""] * (width - len(header))
    rows = [r + [""] * (width - len(r)) for r in rows]
    return RawTable(header, header_line, rows, lines, None, None)


def _excel_cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------
# spellings: every accepted way of writing a header or a value
# --------------------------------------------------------------------------


def _normalise(text) -> str:
    text = str(text).replace("\u00a0", " ").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _spellings(pairs) -> dict[str, tuple[object, str]]:
    """Normalised spelling -> (target, spelling as in the codebook); the first pair wins."""
    lookup: dict[str, tuple[object, str]] = {}
    for target, form in pairs:
        lookup.setdefault(_normalise(form), (target, form))
    return lookup


def _header_forms(var: Variable, column: str) -> list[str]:
    """Every header spelling accepted for a column: id, labels, aliases."""
    if not var.is_multi:
        return [column, var.label_sv, var.label_en, *var.aliases]
    code = var.code(column[len(var.prefix):])
    forms = [column]
    for group in (var.label_sv, var.label_en, *var.aliases):
        for option in (code.sv, code.en, *code.aliases):
            forms += [f"{group}: {option}", f"{group} - {option}"]
    return forms


@lru_cache(maxsize=None)
def _header_spellings(cb: Codebook, dataset: str) -> dict[str, tuple[object, str]]:
    return _spellings(
        (column, form)
        for var in cb.for_dataset(dataset)
        for column in var.columns
        for form in _header_forms(var, column)
    )


@lru_cache(maxsize=None)
def _value_spellings(cb: Codebook, variable: str) -> dict[str, tuple[object, str]]:
    """Spellings of a single-choice or scale variable's answers; "not known" codes map to None."""
    var = cb[variable]
    return _spellings(
        (None if code.missing else code.code, form)
        for code in var.codes
        for form in (code.code, code.sv, code.en, *code.aliases)
    )


@lru_cache(maxsize=None)
def _yes_no_spellings(cb: Codebook) -> dict[str, tuple[object, str]]:
    yes_no = cb.yes_no
    return _spellings(
        (value, form) for value, spec in yes_no.items() for form in (spec["sv"], spec["en"], *spec.get("aliases", ()))
    )


def _closest(value, spellings: dict[str, tuple[object, str]], cutoff: float = 0.6) -> str | None:
    """The accepted spelling closest to a wrong value (difflib ratio >= cutoff), or None.

    Ties go to the spelling listed first in the codebook (the code, then the
    Swedish label). One-letter spellings ("x", "j", "1") are never suggested.
    """
    key = _normalise(value)
    scored = [
        (difflib.SequenceMatcher(None, key, candidate).ratio(), -rank, form)
        for rank, (candidate, (_, form)) in enumerate(spellings.items())
        if len(candidate) > 1
    ]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= cutoff else None


# --------------------------------------------------------------------------
# reading a raw table against the codebook
# --------------------------------------------------------------------------


def _read(path, dataset: str, sheet=0) -> pd.DataFrame:
    return read_table(path, get_codebook(), dataset=dataset, sheet=sheet)


def read_table(path, cb: Codebook, *, dataset: str, sheet=0, rules=None) -> pd.DataFrame:
    """Read a CSV or Excel file against any system's codebook, listing every problem at once.

    This is :func:`read_registrations`'s machinery for another system's data
    (UBU's questionnaires: :func:`webbkollen_lib.io.ubu.read_ubu`). ``rules``,
    if given, is ``rules(frame, problem) -> list[Problem]``: the system's own
    rules between the columns of a row, run on the typed values (NA where a
    cell was invalid); ``problem(message, i, column, allowed, suggestion=None)``
    makes a :class:`Problem` for row position ``i`` that names the file's line,
    the column's header as written and the value as written.
    """
    path = Path(path)
    raw = read_raw_table(path, sheet=sheet, columnar=True)
    columns, problems = _map_header(raw, dataset, cb)
    if not any(columns):
        first_row = (raw.sep or ";").join(raw.header).rstrip(raw.sep or ";")
        raise DataError(
            path,
            [
                Problem(
                    f"not a table of {_DATASET_NAMES[dataset]}: no column header is a codebook id or label",
                    line=raw.header_line,
                    value=first_row if len(first_row) <= 80 else first_row[:77] + "...",
                    allowed="a header row (the first non-empty row) naming columns such as "
                    + ", ".join(cb.required_columns(dataset))
                    + f" (see {cb.help})",
                )
            ],
        )

    # Rows that do not fit the header cannot be read cell by cell: report them and leave them out.
    width = len(raw.header)
    rows, lines = [], []
    for row, line in zip(raw.rows or [], raw.lines if raw.rows is not None else []):
        if len(row) < width or any(row[width:]):
            hint = ""
            if any("\n" in cell for cell in row):
                hint = ' (a quote " that is never closed?)'
            elif raw.sep == "," and len(row) > width:
                hint = ' (a decimal comma in a comma-separated file? put "12,5" in quotes, or separate with ";")'
            message = f"the row has {len(row)} values but the header has {width} columns{hint}"
            problems.append(Problem(message, line=line))
        else:
            rows.append(row)
            lines.append(line)
    if raw.columns is not None:  # a columnar read: every row fits the header
        lines = raw.lines
    if not raw.n_rows:
        problems.append(Problem("the file has a header but no rows of data", line=raw.header_line))

    parsed: dict[str, pd.Series] = {}
    shown: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for position, column in enumerate(columns):
        cells = raw.columns[position] if raw.columns is not None else [row[position] for row in rows]
        if column is None and not raw.header[position]:
            problems += [
                Problem(f"a value in column {position + 1}, which has no header", line=line, value=cell)
                for cell, line in zip(cells, lines)
                if cell
            ]
        if column is None or column in parsed:  # unknown or duplicate: reported with the header
            continue
        names[column] = raw.header[position]
        shown[column] = cells
        parsed[column], column_problems = _parse_column(cb.variable_of(column), names[column], cells, lines, cb)
        problems += column_problems

    frame = pd.DataFrame(parsed, index=pd.RangeIndex(len(lines)))
    problems += _row_problems(frame, dataset, lines, _Shown(shown, frame.index), names, cb, rules)
    if problems:
        raise DataError(path, _in_line_order(problems, raw.header))
    if dataset == "registrations" and "alder" in frame.columns:
        frame["aldersgrupp"] = age_group(frame["alder"])
    frame = frame[[c for c in cb.columns(dataset) if c in frame.columns]]
    frame.attrs["source"] = {"path": str(path), "encoding": raw.encoding, "sep": raw.sep, "rows": len(frame)}
    return frame


class _Shown:
    """The cells as written, by column, made into Series only for the columns a problem names.

    Building a frame of every cell as text costs as much as the rest of a clean
    read; a clean file never looks at it.
    """

    def __init__(self, cells: dict[str, list], index: pd.Index):
        self._cells, self._index, self._series = cells, index, {}
        self.columns = pd.Index(list(cells))

    def __getitem__(self, column: str) -> pd.Series:
        if column not in self._series:
            self._series[column] = pd.Series(self._cells[column], index=self._index, dtype=object)
        return self._series[column]


def _map_header(raw: RawTable, dataset: str, cb: Codebook) -> tuple[list[str | None], list[Problem]]:
    """The codebook column of each header cell (None if unknown), and the header's problems."""
    spellings = _header_spellings(cb, dataset)
    others = [d for d in cb.datasets if d != dataset]
    line = raw.header_line
    columns: list[str | None] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}  # column -> position of its first header
    for position, name in enumerate(raw.header):
        column = spellings.get(_normalise(name), (None,))[0] if name else None
        columns.append(column)
        if column is None and name:  # a column without a header is an error only if it holds values
            message = "unknown column"
            other = next((d for d in others if _normalise(name) in _header_spellings(cb, d)), None)
            if other is not None:
                message += f": it belongs to the {_DATASET_NAMES[other]}, not to the {_DATASET_NAMES[dataset]}"
            allowed = f"a codebook id or label (see {cb.help})"
            problems.append(Problem(message, line, name, name, allowed=allowed, suggestion=_closest(name, spellings)))
        elif column in first:
            earlier = raw.header[first[column]]
            message = (
                f"duplicate column: {earlier!r} (column {first[column] + 1}) and {name!r} "
                f"(column {position + 1}) are both {column!r}"
            )
            problems.append(Problem(message, line, name, name, allowed="each variable once"))
        elif column is not None:
            first[column] = position
    for required in cb.required_columns(dataset):
        if required not in first:
            forms = " or ".join(repr(f) for f in dict.fromkeys(_header_forms(cb[required], required)))
            problems.append(Problem("required column is missing", line, required, allowed=f"a column headed {forms}"))
    return columns, problems


def _parse_column(
    var: Variable, name: str, cells: list[str], lines: list[int], cb: Codebook
) -> tuple[pd.Series, list[Problem]]:
    """Typed values of one column's cells, and a problem for each cell that is not allowed.

    A column holds few distinct spellings (codes, Ja/Nej, ages), so each distinct
    cell is parsed once and the results are spread back over the rows; problems
    are then made only for the rows whose cell is wrong, in row order.
    """
    if var.kind in ("yesno", "multi"):
        spellings = _yes_no_spellings(cb)
    elif var.kind in ("single", "scale"):
        spellings = _value_spellings(cb, var.id)
    else:
        spellings = {}
    if isinstance(cells, pd.Categorical):  # a columnar read has factorised the column already
        positions, distinct = cells.codes, np.asarray(cells.categories, dtype=object)
    else:
        positions, distinct = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
    parsed = [_parse_cell(var, cell, spellings) for cell in distinct]
    values = [value for value, _ in parsed]
    bad = [i for i, (value, message) in enumerate(parsed)
           if message or (var.required and value is pd.NA)]
    problems = []
    if bad:
        suggestions = {i: (_closest(distinct[i], spellings) if spellings and parsed[i][1] else None) for i in bad}
        for row in np.flatnonzero(np.isin(positions, bad)):
            i = positions[row]
            cell, message = distinct[i], parsed[i][1]
            if message:
                problems.append(Problem(message, lines[row], name, cell, allowed=_allowed(var),
                                        suggestion=suggestions[i]))
            else:
                problems.append(Problem("required value is missing", lines[row], name, cell or None,
                                        allowed=_allowed(var)))
    return _as_dtype(var, _spread(var, values, positions)), problems


def _spread(var: Variable, values: list, positions: np.ndarray) -> pd.Series:
    """The distinct cells' values put back in row order, typed without a round trip through objects."""
    missing = np.array([v is pd.NA or v is None for v in values] or [True])
    if var.kind in ("yesno", "multi") and all(m or isinstance(v, bool) for v, m in zip(values, missing)):
        truth = np.array([v is True for v in values] or [False])
        return pd.Series(pd.arrays.BooleanArray(truth[positions], missing[positions]))
    if var.kind == "integer" and all(m or isinstance(v, int) for v, m in zip(values, missing)):
        numbers = np.array([0 if m else v for v, m in zip(values, missing)] or [0], dtype="int64")
        return pd.Series(pd.arrays.IntegerArray(numbers[positions], missing[positions]))
    if isinstance(var.dtype, pd.CategoricalDtype):
        categories = list(var.dtype.categories)
        where = {c: k for k, c in enumerate(categories)}
        lookup = np.array([where.get(v, -1) if v is not pd.NA and v is not None else -1 for v in values] or [-1])
        codes = lookup[positions] if len(positions) else np.array([], dtype=int)
        return pd.Series(pd.Categorical.from_codes(codes, dtype=var.dtype))
    return pd.Series(np.array(values, dtype=object)[positions] if values else [], dtype="object")


def _parse_cell(var: Variable, cell: str, spellings: dict) -> tuple[object, str | None]:
    """(value, None) for an allowed cell, (value or NA, what is wrong) otherwise."""
    if var.kind == "text":
        if cell.startswith(TEXT_MARK) and cell[1:2] and cell[1:].startswith(FORMULA_STARTS):
            cell = cell[1:]  # written for people as '=… so a spreadsheet shows it as text: the text is =…
        return (cell or pd.NA), None
    key = _normalise(cell)
    if key in spellings:
        target = spellings[key][0]
        return (pd.NA if target is None else target), None
    if key in _NA_TEXT:
        return pd.NA, None
    if var.kind == "integer":
        if not _WHOLE_NUMBER.match(cell):
            return pd.NA, "not a whole number"
        number = int(re.split(r"[.,]", cell)[0])
        return number, None if _in_range(var, number) else "out of range"
    return pd.NA, "not a yes/no answer" if var.kind in ("yesno", "multi") else "unknown code"


def _in_range(var: Variable, number) -> bool:
    return (var.min is None or number >= var.min) and (var.max is None or number <= var.max)


def _allowed(var: Variable) -> str:
    """What a cell of the variable may hold, for people."""
    if var.kind in ("yesno", "multi"):
        return "Ja or Nej (also Yes/No, True/False, 1/0); empty = not known"
    if var.kind == "integer":
        if var.min is not None and var.max is not None:
            return f"a whole number from {var.min} to {var.max}"
        return "a whole number"
    if var.kind == "text":
        return "any text" + (", not empty" if var.required else "")
    codes = "; ".join(f"{c.code} ({c.sv})" for c in var.codes if not c.missing)
    return codes if var.required else codes + "; empty or Inte känt = not known"


def _as_dtype(var: Variable, s: pd.Series) -> pd.Series:
    """A column of valid values (codes, booleans, whole numbers, text) with the data-contract dtype."""
    if s.dtype == var.dtype:
        return s
    if var.kind == "integer":
        missing = s.isna().to_numpy()
        numbers = np.zeros(len(s), dtype="int64")
        numbers[~missing] = s.to_numpy(dtype=object)[~missing].astype("int64")
        return pd.Series(pd.arrays.IntegerArray(numbers, missing), index=s.index)
    if isinstance(var.dtype, pd.CategoricalDtype):
        return s.astype("object").where(s.notna(), None).astype(var.dtype)
    return s.astype(var.dtype)


# --------------------------------------------------------------------------
# checks on frames of codes (validate_registrations)
# --------------------------------------------------------------------------


def _column_name_problems(columns: pd.Index, dataset: str, cb: Codebook) -> list[Problem]:
    known = cb.columns(dataset)
    spellings = _spellings((c, c) for c in known)
    allowed = f"a column of the {_DATASET_NAMES[dataset]} in the codebook"
    problems = [
        Problem("unknown column", column=str(c), value=c, allowed=allowed, suggestion=_closest(c, spellings))
        for c in columns
        if c not in known
    ]
    problems += [
        Problem("duplicate column", column=str(c), value=c, allowed="each variable once")
        for c in columns[columns.duplicated()].unique()
    ]
    problems += [
        Problem("required column is missing", column=c) for c in cb.required_columns(dataset) if c not in columns
    ]
    return problems


def _typed_value_problems(
    var: Variable, column: str, s: pd.Series, lines, cb: Codebook
) -> tuple[list[Problem], np.ndarray]:
    """Problems with the values of one column of a frame of codes, and which values are valid."""
    present = s.notna().to_numpy()
    if var.kind in ("single", "scale"):
        ok = s.astype("object").isin(var.categories).to_numpy()
        message, allowed = "unknown code", _allowed(var)
    elif var.kind in ("yesno", "multi"):
        ok = s.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
        message, allowed = "not a yes/no value", "True, False or NA"
    elif var.kind == "integer":
        ok = s.map(_is_whole_number).to_numpy(dtype=bool)
        message, allowed = "not a whole number", _allowed(var)
    else:
        ok = s.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        message, allowed = "not text", "a string"
    problems = []
    for i in np.flatnonzero(present & ~ok):
        value = _plain(s.iloc[i])
        suggestion = _closest(value, _value_spellings(cb, var.id)) if var.kind in ("single", "scale") else None
        problems.append(Problem(message, int(lines[i]), column, value, allowed=allowed, suggestion=suggestion))
    if var.kind == "integer":
        for i in np.flatnonzero(present & ok):
            if not _in_range(var, s.iloc[i]):
                problems.append(Problem("out of range", int(lines[i]), column, _plain(s.iloc[i]), allowed=allowed))
    if var.required:
        problems += [
            Problem("required value is missing", int(lines[i]), column, allowed=_allowed(var))
            for i in np.flatnonzero(~present)
        ]
    return problems, present & ok


def _is_whole_number(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, (float, np.floating)) and float(value).is_integer()


def _plain(value):
    """A numpy scalar as the plain Python value, so messages read 150, not np.int64(150)."""
    return value.item() if isinstance(value, np.generic) else value


# --------------------------------------------------------------------------
# contradictions within a row (reading and validating)
# --------------------------------------------------------------------------


def _row_problems(
    frame: pd.DataFrame, dataset: str, lines, shown: pd.DataFrame, names: dict, cb: Codebook, rules=None
) -> list[Problem]:
    """Contradictions between the columns of one row.

    ``frame`` holds typed codes (NA where a cell was not valid), ``shown`` the
    values as the person wrote them and ``names`` the headers as written;
    ``rules`` is a system's own row rules (:func:`read_table`).
    """
    problems: list[Problem] = []
    n = len(frame)

    def problem(message, i, column, allowed, suggestion=None):
        value = shown[column].iloc[i] if column in shown.columns else frame[column].iloc[i]
        return Problem(message, int(lines[i]), names.get(column, column), _plain(value), allowed, suggestion)

    def codes(column) -> pd.Series:
        if column in frame.columns:
            return frame[column].astype("object")
        return pd.Series(None, index=frame.index, dtype="object")

    def ticked(column) -> np.ndarray:
        return frame[column].fillna(False).to_numpy(dtype=bool) if column in frame.columns else np.zeros(n, bool)

    if dataset == "registrations" and {"alder", "aldersgrupp"} <= set(frame.columns):
        given, derived = codes("aldersgrupp"), age_group(frame["alder"]).astype("object")
        groups = cb["aldersgrupp"]
        for i in np.flatnonzero((given.notna() & derived.notna() & (given != derived)).to_numpy()):
            code = derived.iloc[i]
            written_as_code = _normalise(shown["aldersgrupp"].iloc[i]) == given.iloc[i]
            allowed = f"{code} ({groups.code(code).sv}) for age {frame['alder'].iloc[i]}"
            suggestion = code if written_as_code else groups.code(code).sv
            problems.append(problem("age group does not match age", i, "aldersgrupp", allowed, suggestion))

    if dataset == "registrations":
        occasion = codes("tillfalle")
        only = {"avslut": "closure", "uppfoljning": "follow-up"}
        for var in cb.for_dataset(dataset):
            if set(var.allowed_on) >= set(only):
                continue
            for column in (c for c in var.columns if c in frame.columns):
                wrong = frame[column].notna() & occasion.notna() & ~occasion.isin(var.allowed_on)
                for i in np.flatnonzero(wrong.to_numpy()):
                    occ = occasion.iloc[i]
                    when = " and ".join(only[o] for o in var.allowed_on)
                    message = f"a {when}-only variable filled in on a {only[occ]} registration"
                    problems.append(problem(message, i, column, f"empty when tillfalle is {occ}"))

    if "ensamkommande" in frame.columns:
        for i in np.flatnonzero(ticked("ensamkommande") & (codes("ursprung") == "sverige").to_numpy()):
            message = "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden (ursprung = sverige)"
            allowed = "ursprung utlandet or empty when ensamkommande is Ja"
            problems.append(problem(message, i, "ensamkommande", allowed))

    if "halsoundersokning" in frame.columns and "insats" in frame.columns:
        open_care = [c.code for c in cb["insats"].codes if c.attrs.get("form") == "oppenvard"]
        insats = codes("insats")
        for i in np.flatnonzero((frame["halsoundersokning"].notna() & insats.isin(open_care)).to_numpy()):
            message = "a health examination applies only to children placed outside the home"
            allowed = f"empty when insats is open care (here {insats.iloc[i]})"
            problems.append(problem(message, i, "halsoundersokning", allowed))

    for var in cb.multi_groups(dataset):
        nones = [c for c in var.columns if c not in var.option_columns and c in frame.columns]
        options = [c for c in var.option_columns if c in frame.columns]
        if not nones:
            continue
        ticks = {c: ticked(c) for c in nones + options}
        n_nones = np.sum([ticks[c] for c in nones], axis=0)
        any_option = np.any([ticks[c] for c in options], axis=0) if options else np.zeros(n, bool)
        for i in np.flatnonzero((n_nones > 0) & (any_option | (n_nones > 1))):
            said = [c for c in nones if ticks[c][i]]
            also = said[1:] + [c for c in options if ticks[c][i]]
            message = "a 'none' answer ticked together with " + ", ".join(repr(names.get(c, c)) for c in also)
            problems.append(problem(message, i, said[0], "either a 'none' answer or one or more options, not both"))
    if rules is not None:
        problems += rules(frame, problem)
    return problems


def _in_line_order(problems: list[Problem], header: list) -> list[Problem]:
    """Problems as a person reads the file: file-level first, then by line and column."""
    position = {}
    for i, name in enumerate(header):
        position.setdefault(name, i)
    return sorted(
        problems,
        key=lambda p: (p.line is not None, p.line or 0, p.column is not None, position.get(p.column, len(position))),
    )


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def _cells_for_writing(frame: pd.DataFrame, *, labels: bool, excel: bool) -> tuple[list[str], list[list]]:
    """Header and rows as written: strings for CSV; for Excel numbers and booleans stay typed."""
    cb = get_codebook()
    header, columns = [], []
    for column in frame.columns:
        var = cb.variable_of(column)
        s = _as_dtype(var, frame[column]).astype("object")
        header.append(var.column_label(column, "sv") if labels else column)
        if var.kind in ("yesno", "multi"):
            if labels:
                s = s.map({True: cb.yes_no[True]["sv"], False: cb.yes_no[False]["sv"]}, na_action="ignore")
            elif not excel:
                s = s.map({True: "True", False: "False"}, na_action="ignore")
        elif var.kind in ("single", "scale") and labels:
            s = s.map(var.code_labels("sv"), na_action="ignore")
        elif var.kind == "integer" and not excel:
            s = s.map(str, na_action="ignore")
        elif var.kind == "text" and labels and not excel:
            s = s.map(_as_text_in_a_spreadsheet, na_action="ignore")
        empty = None if excel else ""
        columns.append([empty if pd.isna(v) else v for v in s])
    return header, [list(row) for row in zip(*columns)]


#: A text cell that begins with one of these is a formula to a spreadsheet ("=HYPERLINK(…)", "+46…", "@SUM(…)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The mark a spreadsheet reads as "this is text": a file for people puts it before such a cell.
TEXT_MARK = "'"


def _as_text_in_a_spreadsheet(value: str) -> str:
    """``'=…`` for a text that a spreadsheet would run as a formula (OWASP's CSV-injection advice)."""
    return TEXT_MARK + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _write_csv(tmp, header, rows, sep, encoding, path) -> None:
    buffer = _io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise ValueError(
            f"{path}: line {line}: {text[exc.start:exc.end]!r} cannot be written in {encoding}; "
            "use encoding='utf-8' or 'utf-8-sig'"
        ) from None
    Path(tmp).write_bytes(data)


def _write_xlsx(tmp, sheet_name, header, rows, path) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    ws = workbook.create_sheet(sheet_name)

    def cell(value):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # a string cell, never a formula: a formula has no value until Excel computes it, and a
            # text from a municipality's data must not run in the reader's spreadsheet
            c = WriteOnlyCell(ws, value=value)
            c.data_type = "s"
            return c
        return value

    for number, row in enumerate([header, *rows], start=1):
        try:
            ws.append([cell(v) for v in row])
        except IllegalCharacterError:
            message = f"{path}: row {number}: a control character that Excel cannot store; write CSV instead"
            raise ValueError(message) from None
    workbook.save(tmp)


def table_file_bytes(frame: pd.DataFrame, fmt: str, *, sheet_name: str = "Tabell") -> bytes:
    r"""A table for people as the bytes of a ``csv`` or ``xlsx`` file, its headers as the frame's columns.

    For exports that are not a codebook dataset (a workshop's answers with
    their nicknames, say). Text that a spreadsheet would run as a formula is
    neutralised as in :func:`write_registrations` with ``labels=True``: ``'=…``
    in CSV (semicolon-separated UTF-8 with a byte order mark, which Excel on
    Swedish Windows opens as columns), a string cell in xlsx. Missing values
    are empty cells.

    >>> table_file_bytes(pd.DataFrame({"svar": ["=1+1", "ok"]}), "csv").decode("utf-8-sig")
    "svar\r\n'=1+1\r\nok\r\n"
    """
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"fmt {fmt!r} is not allowed; allowed: 'csv', 'xlsx'")
    header = [str(c) for c in frame.columns]
    rows = [[None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row]
            for row in frame.astype(object).itertuples(index=False)]
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else _as_text_in_a_spreadsheet(v) for v in row] for row in rows])
        return buffer.getvalue().encode("utf-8-sig")
    fd, tmp = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        _write_xlsx(tmp, sheet_name, header, rows, sheet_name)
        return Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)


def _default_mode() -> int:
    """The permissions a newly created file gets under the current umask (e.g. 0644)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
