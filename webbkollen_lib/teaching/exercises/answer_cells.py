"""Answer cells that forgive: the slips a non-programmer makes are read, with guidance in Swedish.

An exercise's answer cell is one line of Python, ``svar_1_1 = ...``. Typed
by a social worker, it often is not Python: ``svar_1_1 = 192 st`` and
``svar_1_2 = 79 %`` are syntax errors, ``svar_1_3 = b`` a NameError, a goal
with a quotation mark inside or a line break breaks the string, and the
check cell below then fails with "name 'svar_1_3' is not defined". Each of
these gave an English traceback.

:func:`setup_exercise` (called by every exercise's set-up cell) registers
an IPython input transformer, :func:`transform_cell`, that runs before
IPython parses a cell:

* an **answer cell** (only assignments to ``svar_N_K`` answer variables or
  to CAPITAL parameters such as ``KOMMUN``, and comments) whose right-hand
  side is not Python, or is a bare word that is not defined, or is a
  decimal comma (``0,73``, valid Python but a pair of numbers), is
  rewritten so that the right-hand side is read as the text it is
  (:meth:`AnswerSession.read`). The text is then read for the task's kind
  (:func:`read_answer`): ``192 st`` is the number 192, ``79 %`` the share
  0.79, ``0,73`` is 0.73, ``b`` the letter "b", a goal with quotes inside or
  several lines the text it is. The cell shows what it read and how to
  write it next time (:func:`guidance`); the check below marks it as usual.
* a **check cell** (``check("uppgift_1_3", svar_1_3, ...)``) gets the
  answer through :meth:`AnswerSession.answer`, so an answer whose cell was
  never run reaches the check as :class:`.NotAnswered`, and the check says
  "Du har inte svarat än – kör cellen ovanför" instead of a NameError.

Every other cell is left exactly as typed, and a cell the transformer
cannot make sense of too: it never raises. The session also counts each
task's wrong tries, for the tiered hints of :func:`.check`.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

from webbkollen_lib.core.labels import text as label_text
from webbkollen_lib.teaching.exercises.checking import Feedback, NotAnswered, read_number
from webbkollen_lib.teaching.exercises.registry import TASKS

try:
    from IPython import get_ipython
    from IPython.display import display
except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
    get_ipython = display = None

__all__ = [
    "SESSION_NAME",
    "AnswerSession",
    "setup_exercise",
    "current_session",
    "transform_cell",
    "read_answer",
    "guidance",
]

#: The name the session has in the notebook's namespace (hidden from ``%who``).
SESSION_NAME = "_webbkollen_svar"

_ANSWER = re.compile(r"svar_\d+_\d+")
_PARAM = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ0-9_]*")
_ASSIGN_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<name>[^\W\d]\w*)[ \t]*=(?!=)(?P<rhs>.*)$", re.DOTALL)
_PLACEHOLDER_COMMENT = re.compile(r"[ \t]*#[ \t]*Skriv ditt svar här[ \t]*$")
_NUMERIC = ("share", "count", "number", "points")
_TEXT_KINDS = ("goal", "name", "text")  # answers that may run over several lines
_QUOTES = "\"'“”‘’«»"


def _task_of(name: str):
    """The task an answer variable belongs to (``svar_1_2`` -> task ``uppgift_1_2``), or None."""
    return TASKS.get("uppgift_" + name[len("svar_"):]) if _ANSWER.fullmatch(name) else None


def _kind(name: str) -> str:
    task = _task_of(name)
    if task is not None:
        return task.kind
    return "param" if _PARAM.fullmatch(name) else "text"


def _is_target(name: str) -> bool:
    return bool(_ANSWER.fullmatch(name) or _PARAM.fullmatch(name))


# ---------------------------------------------------------------------------
# reading the text of a slip
# ---------------------------------------------------------------------------


def _strip_comment(rhs: str) -> str:
    """The right-hand side without a trailing comment (a ``#`` outside quotation marks)."""
    rhs = _PLACEHOLDER_COMMENT.sub("", rhs)
    quote = None
    for i, ch in enumerate(rhs):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or rhs[i - 1] in " \t"):
            return rhs[:i]
    return rhs


def _unquote(raw: str) -> tuple[str, bool]:
    """The text between the outer quotation marks (if any), and whether quotes had to be sorted out."""
    s = raw.strip()
    for q in ('"""', "'''"):
        if s.startswith(q):
            inner = s[3:-3] if s.endswith(q) and len(s) >= 6 else s[3:]
            return inner.strip(), True
    if len(s) >= 2 and s[0] in _QUOTES and s[-1] in _QUOTES:
        return s[1:-1].strip(), True
    # one quotation mark too few: the one at the start or end is the odd one out ("nej" inside stays)
    if s and s[0] in _QUOTES and s.count(s[0]) % 2 == 1:
        return s[1:].strip(), True
    if s and s[-1] in _QUOTES and s.count(s[-1]) % 2 == 1:
        return s[:-1].strip(), True
    return s, any(q in s for q in _QUOTES)


def _show_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 6))


def read_answer(raw: str, kind: str) -> tuple[object, str, dict]:
    """Read the text of an answer that is not Python for a task of ``kind``.

    Returns ``(value, slip, fields)``: the value the check gets, which slip
    it was (a key of ``exercise_help.answer`` in the label catalogue) and the
    fields of its guidance. ``kind`` is a task kind (``share``, ``count``,
    ``number``, ``points``, ``choice``, ``name``, ``goal``), ``param`` for a
    CAPITAL parameter or ``text``.

    >>> read_answer("192 st", "count")[:2]
    (192, 'number_unit')
    >>> read_answer("79 %", "share")[:2]
    (0.79, 'percent_share')
    >>> read_answer("b", "choice")[:2]
    ('b', 'letter')
    """
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    joined = " ".join(lines)
    text, quoted = _unquote(joined)
    if kind in _NUMERIC:
        read = read_number(text)
        if read is None:
            return text, "not_a_number", {"value": text, "example": "0.25" if kind == "share" else "12"}
        value, unit = read
        if unit in ("%", "procent"):
            if kind == "share":
                return value / 100, "percent_share", {"raw": text, "value": _show_number(value / 100)}
            if kind == "count":  # the check says that a count is not a percentage
                return text, "unit_mismatch", {"value": _show_number(value)}
        number = int(value) if kind == "count" and value.is_integer() else value
        if unit:
            return number, "number_unit", {"value": _show_number(value)}
        if "," in text:
            return number, "decimal_comma", {"raw": text, "value": _show_number(value)}
        return number, "number_unit", {"value": _show_number(value)}
    if kind == "choice" and len(text) == 1:
        return text, "letter", {"value": text}
    if len(lines) > 1:
        return text, "multiline", {"value": text, "lines": len(lines)}
    if quoted:
        return text, "quotes", {"value": text}
    return text, "text", {"value": text}


def guidance(name: str, slip: str, fields: dict) -> Feedback:
    """What an answer cell shows after reading a slip: "Svaret är sparat" and how to write it next time."""
    task = _task_of(name)
    hint = label_text(f"exercise_help.answer.{slip}", name=name, **fields)
    return Feedback(task.id if task else name, "info", label_text("exercise_help.answer.saved"), hint)


# ---------------------------------------------------------------------------
# the session: what the rewritten cells call
# ---------------------------------------------------------------------------


class AnswerSession:
    """One notebook's exercise session: reads slipped answers, finds answers for checks, counts wrong tries."""

    def __init__(self, shell):
        self.shell = shell
        self.wrong_tries: Counter = Counter()

    def read(self, name: str, raw: str):
        """The value of an answer typed as ``raw`` (not Python), after showing what was read."""
        value, slip, fields = read_answer(raw, _kind(name))
        if display is not None:
            display(guidance(name, slip, fields))
        return value

    def word(self, name: str, word: str):
        """A bare word on the right of an answer: the variable if it exists, else the word as text."""
        if word in self.shell.user_ns:
            return self.shell.user_ns[word]
        return self.read(name, word)

    def answer(self, name: str):
        """The answer variable ``name`` for a check, or :class:`.NotAnswered` when its cell was not run."""
        if name in self.shell.user_ns:
            return self.shell.user_ns[name]
        return NotAnswered(name)

    def attempt(self, task: str) -> int:
        """The number of this try if it is wrong: wrong tries so far plus one."""
        return self.wrong_tries[task] + 1

    def record(self, task: str, ok: bool) -> None:
        """Count a wrong try (a right one leaves the count)."""
        if not ok:
            self.wrong_tries[task] += 1

    def __repr__(self) -> str:
        return f"AnswerSession({sum(self.wrong_tries.values())} wrong tries)"


def current_session() -> AnswerSession | None:
    """The session of the running notebook, or None (no IPython, or :func:`setup_exercise` not called)."""
    shell = get_ipython() if get_ipython is not None else None
    if shell is None:
        return None
    session = shell.user_ns.get(SESSION_NAME)
    return session if isinstance(session, AnswerSession) else None


def setup_exercise(shell=None) -> None:
    """Make this notebook's answer cells forgiving (see the module docstring); safe to call again.

    ``shell`` is the IPython shell (default: the running one); outside
    IPython this does nothing.
    """
    shell = shell if shell is not None else (get_ipython() if get_ipython is not None else None)
    if shell is None:
        return
    if not isinstance(shell.user_ns.get(SESSION_NAME), AnswerSession):
        shell.push({SESSION_NAME: AnswerSession(shell)}, interactive=False)
    cleanup = shell.input_transformers_cleanup
    if not any(getattr(t, "__name__", "") == transform_cell.__name__ and getattr(t, "__module__", "") == __name__
               for t in cleanup):
        cleanup.append(transform_cell)


# ---------------------------------------------------------------------------
# the transformer
# ---------------------------------------------------------------------------


def _call(method: str, name: str, text: str) -> str:
    return f"{SESSION_NAME}.{method}({name!r}, {text!r})"


def _offsets(source: str) -> list[int]:
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    return starts + [total]


def _position(source: str, starts: list[int], lineno: int, col_bytes: int) -> int:
    line = source.splitlines(keepends=True)[lineno - 1]
    return starts[lineno - 1] + len(line.encode("utf-8")[:col_bytes].decode("utf-8", "ignore"))


def _span(source: str, starts: list[int], node: ast.AST) -> tuple[int, int]:
    return (_position(source, starts, node.lineno, node.col_offset),
            _position(source, starts, node.end_lineno, node.end_col_offset))


def _splice(source: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        source = source[:start] + new + source[end:]
    return source


def _is_decimal_comma(node: ast.AST, segment: str) -> bool:
    return (isinstance(node, ast.Tuple) and len(node.elts) == 2
            and all(isinstance(e, ast.Constant) and type(e.value) is int for e in node.elts)
            and re.fullmatch(r"\s*\d+\s*,\s*\d+\s*", segment) is not None)


def _rewrite_parsed(source: str, tree: ast.Module) -> str | None:
    """Edits for a cell that is Python: a check cell's answers, an answer cell's bare words and decimal commas."""
    starts = _offsets(source)
    body = tree.body
    if (len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Call)
            and isinstance(body[0].value.func, ast.Name) and body[0].value.func.id == "check"):
        edits = [(*_span(source, starts, arg), f"{SESSION_NAME}.answer({arg.id!r})")
                 for arg in body[0].value.args if isinstance(arg, ast.Name) and _ANSWER.fullmatch(arg.id)]
        return _splice(source, edits) if edits else None
    if not body or not all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
                           and _is_target(s.targets[0].id) for s in body):
        return None
    edits = []
    for stmt in body:
        name, value = stmt.targets[0].id, stmt.value
        start, end = _span(source, starts, value)
        if isinstance(value, ast.Name):
            edits.append((start, end, _call("word", name, value.id)))
        elif _ANSWER.fullmatch(name) and _is_decimal_comma(value, source[start:end]):
            edits.append((start, end, _call("read", name, source[start:end].strip())))
    return _splice(source, edits) if edits else None


def _looks_like_code(line: str) -> bool:
    """A line that is Python calling something (``print(x)``): code after an answer, not more of its text."""
    try:
        tree = ast.parse(line)
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.Call, ast.Assign, ast.AugAssign, ast.Import, ast.ImportFrom)) for node in ast.walk(tree))


def _rewrite_unparsed(source: str) -> str | None:
    """An answer cell that is not Python: each right-hand side that is not Python becomes its text."""
    groups: list[list] = []  # [indent, name, [rhs lines]]
    for line in source.splitlines():
        stripped = line.strip()
        m = _ASSIGN_LINE.match(line)
        if m and _is_target(m.group("name")):
            groups.append([m.group("indent"), m.group("name"), [m.group("rhs")]])
        elif not stripped or stripped.startswith("#"):
            if groups:
                groups[-1][2].append(line)
        elif m:  # an assignment to something else: not an answer cell
            return None
        elif groups and _kind(groups[-1][1]) in _TEXT_KINDS and not _looks_like_code(stripped):
            groups[-1][2].append(line)  # a text answer over several lines
        else:
            return None
    if not groups:
        return None
    comments_before = []
    for line in source.splitlines():
        if _ASSIGN_LINE.match(line) and _is_target(_ASSIGN_LINE.match(line).group("name")):
            break
        comments_before.append(line)
    out = list(comments_before)
    for indent, name, rhs_lines in groups:
        rhs = "\n".join(rhs_lines)
        try:
            ast.parse(rhs.strip() or "_", mode="eval")
            out.append(f"{indent}{name} ={rhs}")
            continue
        except SyntaxError:
            pass
        # trailing comment lines stay comments; the text is everything before them
        while len(rhs_lines) > 1 and (not rhs_lines[-1].strip() or rhs_lines[-1].strip().startswith("#")):
            rhs_lines = rhs_lines[:-1]
        raw = "\n".join([_strip_comment(rhs_lines[0])] + rhs_lines[1:]).strip()
        if not raw:
            return None
        out.append(f"{indent}{name} = {_call('read', name, raw)}")
    return "\n".join(out) + "\n"


def transform_cell(lines: list[str]) -> list[str]:
    """IPython cleanup transformer: forgiving answer and check cells (see the module docstring).

    Takes and returns the cell as a list of lines (with their line ends);
    any cell it does not recognise, or cannot read, is returned unchanged.
    """
    source = "".join(lines)
    try:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            new = _rewrite_unparsed(source)
        else:
            new = _rewrite_parsed(source, tree)
        if new is None:
            return lines
        ast.parse(new)  # never hand IPython something worse than it got
        return new.splitlines(keepends=True)
    except Exception:  # noqa: BLE001 - a transformer that raises is dropped by IPython; keep the cell as typed
        return lines
