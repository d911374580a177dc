"""Reading, validating and writing registrations and vignette ratings.

A municipality's export rarely looks like our own files: Excel on Swedish
Windows writes cp1252 with semicolons, headers are Swedish labels, answers are
spelled out ("Något förhöjd risk", "Ja"). :func:`read_registrations` accepts all
of that, checks every cell against the codebook and returns the typed
data-contract frame, or raises one :class:`~webbkollen_lib.DataError` that
lists every problem in the file with its line, column, value, what was
allowed and the closest allowed value.

Nothing is silently coerced: a value the codebook does not know is an error,
not NA. Only wholly empty rows are skipped (they hold no data).
"""

from __future__ import annotations

import csv
import difflib
import io as _io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from webbkollen_lib.codebook import Codebook, Variable, age_group, get_codebook
from webbkollen_lib.errors import DataError, Problem

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
ENCODINGS = ("utf-8", "cp1252")


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


def read_registrations(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read a municipality's registrations (CSV or .xlsx) into the data-contract form.

    Parameters
    ----------
    path
        A ``.csv``/``.txt`` file (UTF-8, UTF-8 with BOM or cp1252; comma,
        semicolon or tab separated; decimal comma allowed) or an ``.xlsx``
        workbook (header in row 1).
    sheet
        Excel only: sheet name or 0-based index.

    Headers may be codebook ids (``risk_beslut``), Swedish or English labels
    ("Risk att barnet far illa i nuvarande situation vid beslut om insats") or
    the report's short forms listed as aliases in the codebook. Values may be
    codes or their Swedish/English wording (case and surrounding white space
    ignored); yes/no as Ja/Nej, True/False, 1/0. "Inte känt" and empty cells
    are NA.

    Returns
    -------
    DataFrame
        Columns in codebook order, typed by the codebook; ``aldersgrupp``
        derived from ``alder``. ``frame.attrs["source"]`` records the file,
        encoding and separator that were read.

    Raises
    ------
    DataError
        Listing every problem found in the file.

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
    """Check an already typed frame: required columns, codes, ranges and contradictions.

    Returns the frame unchanged if it is valid; raises :class:`DataError`
    otherwise. Row numbers in the messages are the frame's positions + 1.
    """
    cb = get_codebook()
    problems: list[Problem] = []
    known = set(cb.columns(dataset))
    for column in frame.columns:
        if column not in known:
            problems.append(Problem("unknown column", column=column, suggestion=_closest(column, sorted(known))))
    for column in cb.required_columns(dataset):
        if column not in frame.columns:
            problems.append(Problem("required column is missing", column=column))
    lines = pd.Series(range(1, len(frame) + 1), index=frame.index)
    for column in frame.columns:
        if column not in known:
            continue
        var = cb.variable_of(column)
        s = frame[column]
        if var.kind in ("single", "scale"):
            bad = s.notna() & ~s.astype("object").isin(var.categories)
            for idx in s.index[bad]:
                problems.append(_bad_code(var, column, s[idx], lines[idx]))
        elif var.kind == "integer":
            numeric = pd.to_numeric(s, errors="coerce")
            for idx in s.index[s.notna() & numeric.isna()]:
                problems.append(Problem("not a whole number", lines[idx], column, s[idx]))
            problems += _range_problems(var, numeric, lines)
    problems += _required_value_problems(cb, frame, dataset, lines)
    problems += _contradictions(cb, frame, dataset, lines)
    if problems:
        raise DataError(source, problems)
    return frame


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
        False (default): headers are codebook ids and values codes, booleans
        ``True``/``False``. True: headers and values are the Swedish labels and
        yes/no is Ja/Nej, for people to read in Excel.
    sep, encoding
        CSV only. ``sep=";", encoding="utf-8-sig"`` opens cleanly in Excel on
        Swedish Windows.

    The file is written to a temporary name and renamed, so a reader never
    sees half a file. Missing values are written as empty cells.
    """
    path = Path(path)
    cb = get_codebook()
    suffix = path.suffix.lower()
    out = _to_strings(cb, frame, dataset, labels=labels, native=suffix in EXCEL_SUFFIXES)
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES:
        raise ValueError(f"{path}: cannot write {suffix or 'a file without suffix'}; use .csv or .xlsx")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    os.close(fd)
    try:
        if suffix in EXCEL_SUFFIXES:
            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                out.to_excel(writer, index=False, sheet_name="Registreringar" if dataset == "registrations" else "Bedomningar")
        else:
            out.to_csv(tmp, index=False, sep=sep, encoding=encoding, lineterminator="\n")
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
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    encoding: str | None = None
    sep: str | None = None


def read_raw_table(path, *, sheet: str | int = 0) -> RawTable:
    """Read a CSV or Excel file as strings, keeping each row's line number.

    Raises DataError for a file that is missing, empty, binary, or not a table.
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
        return _read_csv_raw(path)
    raise DataError(
        path,
        [Problem("unsupported file type", value=suffix or path.name, allowed=", ".join(CSV_SUFFIXES + EXCEL_SUFFIXES))],
    )


def _read_csv_raw(path: Path) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise DataError(path, [Problem("the file is empty")])
    if b"\x00" in data[:4096] or data[:4] == b"PK\x03\x04" or data[:5] == b"%PDF-":
        hint = "; it looks like an Excel workbook: rename it to .xlsx" if data[:4] == b"PK\x03\x04" else ""
        raise DataError(path, [Problem(f"not a text table (binary content){hint}")])
    text, encoding = _decode(path, data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = _sniff_separator(first)
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    rows, lines = [], []
    previous = 0
    try:
        for record in reader:
            start = previous + 1
            previous = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = record
                header_line = start
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise DataError(path, [Problem(f"not a readable CSV table ({exc})", line=previous + 1)]) from None
    if header is None:
        raise DataError(path, [Problem("the file is empty")])
    if header_line != 1:
        lines = lines  # line numbers stay physical; blank lines before the header are allowed
    return RawTable([h.strip() for h in header], rows, lines, encoding, sep)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DataError(path, [Problem("not a text table: the bytes are neither UTF-8 nor cp1252 text")])


def _sniff_separator(header_line: str) -> str:
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
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if path.stat().st_size == 0:
        raise DataError(path, [Problem("the file is empty")])
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DataError(path, [Problem(f"not an Excel workbook (.xlsx) ({type(exc).__name__})")]) from None
    try:
        names = workbook.sheetnames
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise DataError(path, [Problem("no such sheet", value=sheet, allowed=", ".join(names))])
            ws = workbook[names[sheet]]
        else:
            if sheet not in names:
                raise DataError(
                    path, [Problem("no such sheet", value=sheet, allowed=", ".join(names), suggestion=_closest(sheet, names))]
                )
            ws = workbook[sheet]
        header = None
        rows, lines = [], []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _excel_cell(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                continue
            rows.append(cells)
            lines.append(number)
    finally:
        workbook.close()
    if header is None:
        raise DataError(path, [Problem(f"the sheet {ws.title!r} is empty")])
    # read-only worksheets pad rows to the sheet's width: drop trailing unnamed columns
    while header and not header[-1].strip() and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in rows):
        header.pop()
        rows = [r[: len(header)] for r in rows]
    return RawTable([h.strip() for h in header], rows, lines, None, None)


def _excel_cell(value) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------
# parsing the raw table against the codebook
# --------------------------------------------------------------------------


def _read(path, dataset: str, sheet=0) -> pd.DataFrame:
    cb = get_codebook()
    raw = read_raw_table(path, sheet=sheet)
    problems: list[Problem] = []

    columns, header_problems = _map_header(cb, raw.header, dataset)
    problems += header_problems
    recognised = [c for c in columns if c is not None]
    if not recognised:
        raise DataError(
            path,
            [
                Problem(
                    "not a table of "
                    + ("registrations" if dataset == "registrations" else "vignette ratings")
                    + ": no header is a codebook id or label",
                    value=raw.header[:5],
                    allowed="ids such as " + ", ".join(cb.required_columns(dataset)),
                )
            ],
        )
    for required in cb.required_columns(dataset):
        if required not in recognised:
            problems.append(Problem("required column is missing", column=required, allowed="; ".join(_header_forms(cb[required]))))

    width = len(raw.header)
    for row, line in zip(raw.rows, raw.lines):
        if len(row) > width and any(c.strip() for c in row[width:]):
            problems.append(Problem(f"the row has {len(row)} values but the header has {width} columns", line=line))
        elif len(row) < width:
            problems.append(Problem(f"the row has {len(row)} values but the header has {width} columns", line=line))

    if not raw.rows:
        problems.append(Problem("the file has a header but no rows of data"))

    lines = pd.Series(raw.lines, dtype="int64")
    parsed: dict[str, pd.Series] = {}
    for position, column in enumerate(columns):
        if column is None or column in parsed:
            continue
        cells = [row[position].strip() if position < len(row) else "" for row in raw.rows]
        values, cell_problems = _parse_column(cb, column, raw.header[position], cells, raw.lines)
        parsed[column] = values
        problems += cell_problems

    frame = pd.DataFrame(parsed, index=pd.RangeIndex(len(raw.rows)))
    if dataset == "registrations" and "alder" in frame.columns:
        derived = age_group(frame["alder"]) if frame["alder"].notna().any() or len(frame) else frame["alder"]
        if "aldersgrupp" in frame.columns:
            clash = frame["aldersgrupp"].notna() & derived.notna() & (frame["aldersgrupp"].astype("object") != derived.astype("object"))
            for i in frame.index[clash]:
                problems.append(
                    Problem(
                        "age group does not match age",
                        lines[i],
                        "aldersgrupp",
                        frame.at[i, "aldersgrupp"],
                        allowed=f"{derived[i]} for alder {frame.at[i, 'alder']}",
                    )
                )
        frame["aldersgrupp"] = derived

    problems += _required_value_problems(cb, frame, dataset, lines)
    problems += _contradictions(cb, frame, dataset, lines)
    if problems:
        raise DataError(path, problems)

    order = [c for c in cb.columns(dataset) if c in frame.columns]
    frame = frame[order]
    frame.attrs["source"] = {"path": str(path), "encoding": raw.encoding, "sep": raw.sep, "rows": len(frame)}
    return frame


def _normalise(text) -> str:
    text = str(text).replace("\u00a0", " ").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _header_forms(var: Variable, column: str | None = None) -> list[str]:
    """Every header spelling accepted for a column."""
    column = column or var.id
    if not var.is_multi:
        return [column, var.label_sv, var.label_en, *var.aliases]
    code = var.code(column[len(var.prefix):])
    group_names = [var.label_sv, var.label_en, *var.aliases]
    option_names = [code.sv, code.en, *code.aliases]
    forms = [column]
    for g in group_names:
        for o in option_names:
            forms.append(f"{g}: {o}")
            forms.append(f"{g} - {o}")
    return forms


def _header_lookup(cb: Codebook, dataset: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for var in cb.for_dataset(dataset):
        for column in var.columns:
            for form in _header_forms(var, column):
                lookup.setdefault(_normalise(form), column)
    return lookup


def _map_header(cb: Codebook, header: list[str], dataset: str):
    lookup = _header_lookup(cb, dataset)
    columns: list[str | None] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            columns.append(None)
            problems.append(Problem(f"column {position} has no header"))
            continue
        column = lookup.get(_normalise(name))
        if column is None:
            other = _header_lookup(cb, "ratings" if dataset == "registrations" else "registrations").get(_normalise(name))
            why = (
                f"unknown column (it belongs to the {'vignette ratings' if dataset == 'registrations' else 'registrations'}, not here)"
                if other
                else "unknown column"
            )
            problems.append(
                Problem(why, column=name, allowed="a codebook id or label (see get_codebook().table())", suggestion=_closest(name, list(lookup), lookup))
            )
            columns.append(None)
            continue
        if column in seen:
            problems.append(
                Problem(f"duplicate column: {seen[column]!r} and {name!r} are both {column!r}", column=name)
            )
            columns.append(None)
            continue
        seen[column] = name
        columns.append(column)
    return columns, problems


def _closest(value, candidates, mapping: dict | None = None):
    """The closest candidate to a wrong value, as the canonical form, or None."""
    if value is None:
        return None
    match = difflib.get_close_matches(_normalise(value), [_normalise(c) for c in candidates], n=1, cutoff=0.6)
    if not match:
        return None
    if mapping is not None:
        return mapping.get(match[0], match[0])
    for c in candidates:
        if _normalise(c) == match[0]:
            return c
    return match[0]


def _value_lookup(var: Variable) -> dict[str, str | None]:
    """Normalised spelling -> code (None for codes that mean "not known")."""
    lookup: dict[str, str | None] = {}
    for code in var.codes:
        target = None if code.missing else code.code
        for form in (code.code, code.sv, code.en, *code.aliases):
            lookup.setdefault(_normalise(form), target)
    return lookup


def _yes_no_lookup(cb: Codebook) -> dict[str, bool]:
    lookup = {}
    for value, spec in cb.yes_no.items():
        for form in (spec["sv"], spec["en"], *spec.get("aliases", ())):
            lookup[_normalise(form)] = value
    return lookup


_MISSING_TEXT = {"", "na", "nan", "<na>", "none", "null", "inte känt", "okänt", "uppgift saknas", "-"}
_INT = re.compile(r"^[+-]?\d+(?:[.,]0*)?$")


def _parse_column(cb: Codebook, column: str, header: str, cells: list[str], lines: list[int]):
    var = cb.variable_of(column)
    problems: list[Problem] = []
    out: list[object] = []
    if var.kind in ("yesno", "multi"):
        lookup = _yes_no_lookup(cb)
        for cell, line in zip(cells, lines):
            key = _normalise(cell)
            if key in lookup:
                out.append(lookup[key])
            elif key in _MISSING_TEXT:
                out.append(pd.NA)
            else:
                problems.append(
                    Problem("not a yes/no answer", line, header, cell, allowed="Ja, Nej (or True/False, 1/0); empty = not known",
                            suggestion=_closest(cell, ["Ja", "Nej"]))
                )
                out.append(pd.NA)
        return pd.Series(out, dtype="boolean"), problems
    if var.kind == "integer":
        for cell, line in zip(cells, lines):
            key = cell.strip()
            if _normalise(key) in _MISSING_TEXT:
                out.append(pd.NA)
            elif _INT.match(key):
                out.append(int(re.split(r"[.,]", key)[0]))
            else:
                problems.append(Problem("not a whole number", line, header, cell, allowed=_range_text(var)))
                out.append(pd.NA)
        values = pd.Series(out, dtype="Int64")
        problems += _range_problems(var, values, pd.Series(lines), header=header)
        return values, problems
    if var.kind in ("single", "scale"):
        lookup = _value_lookup(var)
        for cell, line in zip(cells, lines):
            key = _normalise(cell)
            if key in lookup:
                out.append(lookup[key])
            elif key == "":
                out.append(None)
            else:
                problems.append(_bad_code(var, header, cell, line, lookup))
                out.append(None)
        return pd.Series(out, dtype="object").astype(var.dtype), problems
    return pd.Series([c if c != "" else pd.NA for c in cells], dtype="string"), problems


def _bad_code(var: Variable, column: str, value, line, lookup=None) -> Problem:
    lookup = lookup or _value_lookup(var)
    allowed = "; ".join(f"{c.code} ({c.sv})" for c in var.codes)
    suggestion = _closest(value, list(lookup), lookup)
    return Problem("unknown code", line, column, value, allowed=allowed, suggestion=suggestion)


def _range_text(var: Variable) -> str:
    if var.min is not None and var.max is not None:
        return f"a whole number from {var.min} to {var.max}"
    return "a whole number"


def _range_problems(var: Variable, values: pd.Series, lines: pd.Series, header: str | None = None) -> list[Problem]:
    problems = []
    if var.min is None and var.max is None:
        return problems
    numeric = pd.to_numeric(values, errors="coerce")
    low = numeric < var.min if var.min is not None else False
    high = numeric > var.max if var.max is not None else False
    bad = (low | high).fillna(False)
    for i in numeric.index[bad.to_numpy(dtype=bool)]:
        problems.append(
            Problem("out of range", int(lines[i]), header or var.id, values[i], allowed=_range_text(var))
        )
    return problems


# --------------------------------------------------------------------------
# whole-row checks
# --------------------------------------------------------------------------


def _required_value_problems(cb: Codebook, frame: pd.DataFrame, dataset: str, lines: pd.Series) -> list[Problem]:
    problems = []
    for column in cb.required_columns(dataset):
        if column not in frame.columns:
            continue
        for i in frame.index[frame[column].isna()]:
            problems.append(Problem("required value is missing", int(lines[i]), column))
    return problems


def _contradictions(cb: Codebook, frame: pd.DataFrame, dataset: str, lines: pd.Series) -> list[Problem]:
    problems: list[Problem] = []
    at = {i: int(lines[i]) for i in frame.index}

    if dataset == "registrations" and "tillfalle" in frame.columns:
        occasion = frame["tillfalle"].astype("object")
        for var in cb.for_dataset(dataset):
            allowed = var.allowed_on
            if set(allowed) >= {"uppfoljning", "avslut"}:
                continue
            for column in var.columns:
                if column not in frame.columns:
                    continue
                filled = frame[column].notna() & occasion.notna() & ~occasion.isin(allowed)
                for i in frame.index[filled]:
                    problems.append(
                        Problem(
                            f"filled in on a {occasion[i]} registration, but it is registered only at "
                            + " and ".join(allowed),
                            at[i],
                            column,
                            _display(frame.at[i, column]),
                            allowed=f"empty when tillfalle is {occasion[i]}",
                        )
                    )

    if {"ensamkommande", "ursprung"} <= set(frame.columns):
        clash = frame["ensamkommande"].fillna(False).astype(bool) & (frame["ursprung"].astype("object") == "sverige")
        for i in frame.index[clash]:
            problems.append(
                Problem(
                    "an unaccompanied minor (ensamkommande = Ja) cannot be born in Sweden",
                    at[i],
                    "ensamkommande",
                    "Ja",
                    allowed="ursprung = utlandet or not known when ensamkommande = Ja",
                )
            )

    if {"halsoundersokning", "insats"} <= set(frame.columns):
        open_care = [c.code for c in cb["insats"].codes if c.attrs.get("form") == "oppenvard"]
        clash = frame["halsoundersokning"].notna() & frame["insats"].astype("object").isin(open_care)
        for i in frame.index[clash]:
            problems.append(
                Problem(
                    "health examination applies only to children placed outside the home",
                    at[i],
                    "halsoundersokning",
                    _display(frame.at[i, "halsoundersokning"]),
                    allowed=f"empty when insats is open care ({frame.at[i, 'insats']})",
                )
            )

    for var in cb.multi_groups(dataset):
        none_columns = [f"{var.prefix}{c.code}" for c in var.codes if c.none and f"{var.prefix}{c.code}" in frame.columns]
        option_columns = [c for c in var.option_columns if c in frame.columns]
        if not none_columns:
            continue
        said_none = frame[none_columns].fillna(False).astype(bool)
        ticked = frame[option_columns].fillna(False).astype(bool) if option_columns else None
        for i in frame.index:
            nones = [c for c in none_columns if said_none.at[i, c]]
            if not nones:
                continue
            options = [c for c in option_columns if ticked.at[i, c]] if ticked is not None else []
            if options or len(nones) > 1:
                problems.append(
                    Problem(
                        f"{' and '.join(nones)} (none) ticked together with {', '.join(options or nones[1:])}",
                        at[i],
                        nones[0],
                        "Ja",
                        allowed="either a 'none' answer or one or more options, not both",
                    )
                )
    return problems


def _display(value):
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "Ja" if value else "Nej"
    return value


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def _to_strings(cb: Codebook, frame: pd.DataFrame, dataset: str, *, labels: bool, native: bool = False) -> pd.DataFrame:
    """Cells as written: strings for CSV; for Excel (``native``) numbers and booleans stay typed."""
    known = set(cb.columns(dataset))
    unknown = [c for c in frame.columns if c not in known]
    if unknown:
        raise ValueError(
            f"cannot write column(s) {unknown}: not in the codebook for {dataset} "
            f"(a derived column? drop it first)"
        )
    out = {}
    for column in frame.columns:
        var = cb.variable_of(column)
        s = frame[column]
        header = var.column_label(column, "sv") if labels else column
        if var.kind in ("yesno", "multi"):
            if labels:
                mapped = s.astype("object").map({True: "Ja", False: "Nej"})
            elif native:
                mapped = s.astype("object")
            else:
                mapped = s.astype("object").map({True: "True", False: "False"})
            values = mapped.where(s.notna(), None if native else "")
        elif var.kind in ("single", "scale"):
            codes = s.astype("object")
            if labels:
                codes = codes.map(var.code_labels("sv"))
            values = codes.where(s.notna(), None if native else "")
        elif var.kind == "integer":
            ints = s.astype("Int64")
            if native:
                values = ints.astype("object").where(ints.notna(), None)
            else:
                values = ints.astype("string").fillna("")
        else:
            values = s.astype("string").fillna("")
        out[header] = values.astype("object").to_numpy()
    return pd.DataFrame(out)
