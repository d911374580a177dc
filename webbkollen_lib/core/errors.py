"""Errors raised on bad input."""

from __future__ import annotations

from dataclasses import dataclass


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
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        where = ", ".join(parts)
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            text += f" (value {self.value!r})"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion is not None:
            text += f"; did you mean {self.suggestion!r}?"
        return text


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
