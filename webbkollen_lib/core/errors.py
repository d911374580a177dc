"""The library's errors and the guards that raise them: one contract for bad input.

Every check of a caller's input goes through this module, so a reader meets
one shape of message whatever function they called: *what* is wrong,
*where* (file, line, column, or the function's argument), the *value*, and
*what was allowed*. Each error subclasses the built-in a caller would catch
anyway:

* :class:`DataError` (a ``ValueError``): a file or frame with bad values;
  lists every :class:`Problem` at once.
* :class:`MissingColumnError` (a ``KeyError`` and a ``ValueError``): the data
  lacks a column a computation needs. Both bases, because a missing column
  is a failed lookup *and* an unusable argument: ``except KeyError`` and
  ``except ValueError`` both catch it.
* ``TypeError`` from :func:`require_frame` when the data is not a DataFrame.

>>> import pandas as pd
>>> require_columns(pd.DataFrame({"kon": []}), ["kon", "alder"], what="summary_table")
Traceback (most recent call last):
...
webbkollen_lib.core.errors.MissingColumnError: summary_table: the data has no column 'alder' (it has: kon)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    ``line`` is the line or row number as a person sees it in the file
    (CSV: the header is line 1; Excel: the sheet's row number), or None
    when the problem concerns the file or a whole column.
    """

    message: str
    line: int | None = None
    column: str | None = None
    value: object = None
    allowed: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        return self.describe()

    def describe(self, words: dict | None = None) -> str:
        """The problem in one line; ``words`` translates its connecting words (default English).

        Keys: ``line``, ``column``, ``value``, ``allowed``, ``suggestion`` (see :data:`PROBLEM_WORDS`).
        """
        w = PROBLEM_WORDS if words is None else words
        parts = []
        if self.line is not None:
            parts.append(f"{w['line']} {self.line}")
        if self.column is not None:
            parts.append(f"{w['column']} {self.column!r}")
        where = ", ".join(parts)
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" ({w['value']} {self.value!r})"
        if self.allowed:
            text += f"; {w['allowed']}: {self.allowed}"
        if self.suggestion is not None:
            text += f"; {w['suggestion']} {self.suggestion!r}?"
        return text


#: The connecting words of :meth:`Problem.describe` in the library's own (English) messages.
PROBLEM_WORDS = {"line": "line", "column": "column", "value": "value", "allowed": "allowed",
                 "suggestion": "did you mean"}


class DataError(ValueError):
    """Bad input data: lists every problem found, not just the first.

    ``problems`` holds the individual :class:`Problem` records so callers
    (and tests) can inspect them; ``str(error)`` lists them one per line,
    prefixed with the file name.
    """

    def __init__(self, source, problems):
        self.source = str(source) if source is not None else None
        self.problems = list(problems)
        head = f"{self.source}: " if self.source else ""
        n = len(self.problems)
        lines = [f"{head}{n} problem{'s' if n != 1 else ''} found"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self):
        # rebuild from (source, problems), so the error survives pickling
        # (a batch runner's worker processes send it back to the parent)
        return type(self), (self.source, self.problems)


class MissingColumnError(KeyError, ValueError):
    """The data lacks a column a computation needs.

    ``column`` names the (first) missing column; ``str(error)`` is the
    readable message (a plain ``KeyError`` would show it in quotes).
    """

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return type(self), (self.message, self.column)


def needs(column: str, what: str = "column") -> MissingColumnError:
    """The error for a computation that needs ``column`` (to raise: ``raise needs("ar")``)."""
    return MissingColumnError(f"the analysis needs {what} {column!r}, which the data lacks", column)


def require_frame(data, what: str = "data", expected: str = "registrations") -> pd.DataFrame:
    """``data`` if it is a DataFrame, else a ``TypeError`` saying what was expected."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame of {expected}, got {type(data).__name__}")
    return data


def require_columns(data: pd.DataFrame, columns: Iterable[str], what: str = "this analysis",
                    hint: str | None = None) -> None:
    """Raise :class:`MissingColumnError` naming every column of ``columns`` that ``data`` lacks.

    The message names the caller (``what``), the missing columns, the columns
    the data has (up to ten) and, if given, a ``hint`` on where such data
    comes from.
    """
    missing = [c for c in columns if c not in data.columns]
    if not missing:
        return
    have = [str(c) for c in data.columns]
    shown = ", ".join(have[:10]) + (f", … ({len(have)} in all)" if len(have) > 10 else "")
    names = ", ".join(repr(c) for c in missing)
    message = (f"{what}: the data has no column{'s' if len(missing) > 1 else ''} {names} "
               f"(it has: {shown or 'no columns'})")
    if hint:
        message += f"; {hint}"
    raise MissingColumnError(message, missing[0])
