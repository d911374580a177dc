"""Answers collected outside the web workshop: Microsoft Forms, Google Forms, Mentimeter, paper and Excel.

Municipalities have Microsoft 365, and some trainers collect a vignette's
ratings in a tool they already use. This module keeps those answers in the
codebook's codes, in the same stores as the web workshop
(:mod:`webbkollen_lib.teaching.store`):

* :func:`form_questions` — the questions of the answer form as a tidy frame
  (one row per question and option, with the code each option stands for),
  built from the codebook and the label catalogue; :func:`question_template`
  renders it for one tool (the exact question texts, types and option strings
  to paste) and :func:`template_document` for all three (``docs/forms.md``
  holds its output, checked by a test, so the document cannot drift);
* :func:`read_form_answers` — a tool's export (Microsoft Forms ``.xlsx``,
  Google Forms ``.csv``, Mentimeter ``.xlsx``/``.csv``, or the Excel entry
  sheet) read back into validated answers (:func:`~webbkollen_lib.teaching.store.make_answer`),
  option labels mapped to codes; every problem of the file is reported at
  once in a :class:`FormImportError`, naming the row, the question, the value
  and the allowed options; :func:`import_form_answers` stores them, all or
  nothing;
* :func:`paper_form_html` and :func:`write_entry_sheet` — the fallback when
  the network fails: a printable A4 form for a chosen vignette, and an
  ``.xlsx`` entry sheet (one row per paper form, drop-down lists with the
  exact option labels) that :func:`read_form_answers` reads like any export.

How each export looks (what the reader assumes):

* **Microsoft Forms** (*Öppna i Excel*): columns ``ID``, ``Start time``,
  ``Completion time``, ``Email``, ``Name`` (also in Swedish), then one column
  per question headed by the question text; several answers to one question
  in one cell joined with ``;`` and a trailing ``;``.
* **Google Forms** (CSV download): ``Tidstämpel``/``Timestamp`` first, then one
  column per question; several answers joined with ``", "``.
* **Mentimeter** (results export): either one row per participant (a voter
  column such as ``Voter ID``/``Participant`` and one column per question,
  several answers joined with ``;`` or ``", "``) or one row per answer
  (columns voter, question and answer; a question with several answers has
  one row per answer). See ``docs/forms.md`` on what was assumed.
* **Entry sheet** (:func:`write_entry_sheet`): the sheet *Svar*, one column per
  question, and for a question with several answers one column per option
  (``"<question>: <option>"``) holding *Ja* or nothing.

A participant is the nickname given (the nickname question, else the tool's
name column); a nickname answering twice counts once, with the later answer,
as in the web workshop.
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineError, CalamineWorkbook, XmlError, ZipError

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.core.labels import check_lang
from webbkollen_lib.io.registrations import read_raw_table
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching.store import (
    CHECKLISTS,
    SHORT_CHECKLISTS,
    SQLITE_SUFFIXES,
    FolderStore,
    SqliteStore,
    make_answer,
    normalise_nickname,
    ratings_frame,
)

__all__ = [
    "TOOLS",
    "ONLINE_TOOLS",
    "SEPARATORS",
    "FormAnswers",
    "FormImportError",
    "form_questions",
    "question_template",
    "template_document",
    "detect_tool",
    "read_form_answers",
    "import_form_answers",
    "store_answers",
    "device_of",
    "paper_form_html",
    "entry_sheet_columns",
    "write_entry_sheet",
]

#: Where answers can come from: three online tools and the Excel entry sheet of the paper form.
TOOLS = ("microsoft_forms", "google_forms", "mentimeter", "inmatningsblad")
#: The tools a question template is written for.
ONLINE_TOOLS = TOOLS[:3]
#: How each tool joins several answers to one question in one cell.
SEPARATORS = {"microsoft_forms": (";",), "google_forms": (",",), "mentimeter": (";", ","), "inmatningsblad": ()}

# Column headings the tools add themselves (normalised: case folded, white space collapsed).
_FORMS_META = ("id", "start time", "completion time", "email", "name", "last modified time",
               "starttid", "sluttid", "slutförandetid", "tid för slutförande", "e-post", "namn",
               "senaste ändringstid", "total points", "quiz feedback", "totalpoäng")
_FORMS_MARKERS = ("start time", "completion time", "starttid", "sluttid", "slutförandetid", "tid för slutförande")
_GOOGLE_META = ("tidstämpel", "timestamp", "e-postadress", "email address", "poäng", "score")
_NAME_COLUMNS = ("name", "namn", "voter name", "participant name")
_VOTER_COLUMNS = ("voter id", "voter", "voter_id", "participant", "participant id", "deltagare", "deltagar-id",
                  "röstande", "respondent", "respondent id")
_QUESTION_COLUMNS = ("question", "question title", "slide", "fråga")
_ANSWER_COLUMNS = ("answer", "response", "vote", "svar", "röst")
_META_OTHER = ("date", "datum", "time", "tid", "segment", "segmentation", "session")

#: Lines to write on for a text question on the paper form.
_PAPER_LINES = {"smeknamn": 1, "motivering": 6, "mal": 3, "kommun": 1}
_TEXT_KEYS = ("motivering", "mal", "kommun")


def _norm(text) -> str:
    """A heading or an option as compared: NFC, white space collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


def _name(text: str) -> str:
    """A nickname as stored: NFC, white space collapsed, case kept (as the web workshop stores it)."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _check_tool(tool: str, allowed=TOOLS) -> str:
    if tool not in allowed:
        raise ValueError(f"tool must be one of {', '.join(allowed)}, not {tool!r}")
    return tool


def _check_groups(groups) -> tuple[str, ...]:
    groups = tuple(groups)
    unknown = [g for g in groups if g not in CHECKLISTS]
    if unknown or not groups:
        raise ValueError(f"groups must be checklists among {', '.join(CHECKLISTS)}, not {list(groups)!r}")
    return groups


# --------------------------------------------------------------------------
# the questions
# --------------------------------------------------------------------------


def form_questions(groups=CHECKLISTS, lang: str = "sv") -> pd.DataFrame:
    """The answer form's questions and options, one row per option (one row for a text question).

    Columns: ``number`` (the question's place in the form, from 1), ``key``
    (``smeknamn``, ``risk``, a checklist group such as ``hem``, ``motivering``,
    ``mal``, ``kommun``), ``question`` (the text to paste), ``kind``
    (``text``, ``long_text``, ``single`` or ``multiple``), ``required``,
    ``option`` (the option's label, NA for a text question) and ``code``
    (what the option is stored as: a risk code or a checklist column).
    The words are the web workshop's (``web.form``) and the codebook's, so
    all the ways of answering ask the same questions in the same words.

    >>> q = form_questions()
    >>> q.loc[q["key"] == "risk", "option"].tolist()[:2]
    ['Ingen/låg risk', 'Något förhöjd risk']
    """
    lang = check_lang(lang)
    groups = _check_groups(groups)
    cb = get_codebook()
    words = catalogue.labels("web.form", lang)
    rows: list[dict] = []

    def add(key, question, kind, required, options=((None, None),)):
        number = len({r["key"] for r in rows}) + 1
        for code, option in options:
            rows.append({"number": number, "key": key, "question": question, "kind": kind, "required": required,
                         "option": option, "code": code})

    add("smeknamn", words["nickname"], "text", True)
    risk = cb["risk"]
    add("risk", words["risk"], "single", True, [(c.code, c.label(lang)) for c in risk.codes])
    for group in groups:
        var = cb[group]
        add(group, var.label(lang), "multiple", False,
            [(column, var.code(column[len(var.prefix):]).label(lang)) for column in var.columns])
    add("motivering", words["motivation"], "long_text", False)
    if tuple(groups) != SHORT_CHECKLISTS:
        add("mal", words["goal"], "long_text", False)
        add("kommun", words["kommun"], "text", False)
    frame = pd.DataFrame(rows, columns=["number", "key", "question", "kind", "required", "option", "code"])
    frame["option"] = frame["option"].astype("string")
    frame["code"] = frame["code"].astype("string")
    return frame


def question_template(tool: str, groups=CHECKLISTS, lang: str = "sv") -> str:
    """The questions to paste into ``tool`` (Markdown): per question its text, type, whether required, options.

    Options stand one per line in a code block, ready to copy; they are the
    codebook's labels, which :func:`read_form_answers` maps back to codes.
    """
    _check_tool(tool, ONLINE_TOOLS)
    questions = form_questions(groups, lang)
    t = catalogue.labels("forms.template", lang)
    kinds = catalogue.labels(f"forms.kind.{tool}", lang)
    lines = [f"## {t['heading'].format(tool=catalogue.text(f'forms.tool.{tool}', lang))}", "",
             t["intro"], "", t[f"note_{tool}"], ""]
    for number, q in questions.groupby("number", sort=True):
        first = q.iloc[0]
        lines += [f"### {t['number'].format(n=number)}: {first['question']}", "",
                  f"- {t['kind']}: {kinds[first['kind']]}",
                  f"- {t['required']}: {t['required_yes'] if first['required'] else t['required_no']}"]
        if first["kind"] in ("single", "multiple"):
            lines += [f"- {t['options']}:", "", "```text", *q["option"].tolist(), "```"]
        lines.append("")
    return "\n".join(lines)


def template_document(groups=CHECKLISTS, lang: str = "sv") -> str:
    """:func:`question_template` for every online tool, one after the other (the generated part of docs/forms.md)."""
    return "\n".join(question_template(tool, groups, lang) for tool in ONLINE_TOOLS)


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------


class FormImportError(DataError):
    """Every problem of an export at once, in the reader's language (Swedish by default); nothing was stored.

    A :class:`~webbkollen_lib.core.errors.DataError`: ``problems`` holds the
    :class:`~webbkollen_lib.core.errors.Problem` records (``line`` the
    spreadsheet row or CSV line, ``column`` the question's text).
    """

    def __init__(self, source, problems, lang: str = "sv"):
        super().__init__(source, problems)
        self.lang = lang
        words = catalogue.labels("forms.error", lang)
        head = f"{self.source}: " if self.source else ""
        lines = [head + words["summary"].format(n=len(self.problems))]
        lines += [f"  - {p.describe(words)}" for p in self.problems]
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return type(self), (self.source, self.problems, self.lang)


# --------------------------------------------------------------------------
# reading an export
# --------------------------------------------------------------------------


@dataclass
class FormAnswers:
    """What :func:`read_form_answers` read: valid answers, ready to store.

    ``answers`` are :func:`~webbkollen_lib.teaching.store.make_answer` dicts,
    one per participant in file order; ``lines`` the row each comes from;
    ``replaced`` (row, nickname) of earlier answers a later one by the same
    nickname replaced; ``ignored_columns`` the headings that are neither a
    question nor the tool's own.
    """

    source: str
    tool: str
    vignette: str
    groups: tuple[str, ...]
    answers: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    replaced: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        """The answers as the stores' ratings frame (``bedomare`` the nickname)."""
        return ratings_frame([{"vinjett": a["vinjett"], "bedomare": a["participant"], "kommun": a["kommun"],
                               "risk": a["risk"], "ticked": a["ticked"], "motivering": a["motivering"],
                               "mal": a["mal"], "saved_at": a["saved_at"]} for a in self.answers])


@dataclass
class _Table:
    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def _sheet_names(path: Path) -> list[str]:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ZipError, XmlError, OSError, ValueError):
        return []  # not a workbook: read_raw_table says why
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def detect_tool(header, sheet_names=(), lang: str = "sv") -> str | None:
    """Which tool made a file, from its headings (and an ``.xlsx`` file's sheet names); None if it cannot tell."""
    if catalogue.text("forms.sheet.answers", lang) in sheet_names and \
            catalogue.text("forms.sheet.read_first", lang) in sheet_names:
        return "inmatningsblad"
    heads = {_norm(h) for h in header}
    if "id" in heads and heads & set(_FORMS_MARKERS):
        return "microsoft_forms"
    if heads & {"tidstämpel", "timestamp"}:
        return "google_forms"
    if heads & set(_VOTER_COLUMNS):
        return "mentimeter"
    return None


def _find(header: list[str], names) -> int | None:
    wanted = set(names)
    return next((i for i, h in enumerate(header) if _norm(h) in wanted), None)


def _from_long(raw, questions: pd.DataFrame, problems: list[Problem], words: dict) -> _Table:
    """Mentimeter's one-answer-per-row layout as one row per participant, at the row of their first answer.

    A question with several answers collects its rows (joined with ``;``);
    any other question answered in more than one row is a problem.
    """
    voter, question, answer = (_find(raw.header, n) for n in (_VOTER_COLUMNS, _QUESTION_COLUMNS, _ANSWER_COLUMNS))
    name = _find(raw.header, _NAME_COLUMNS)
    multiple = {_norm(t) for t, k in zip(questions["question"], questions["kind"]) if k == "multiple"}
    header: list[str] = []
    by_voter: dict[str, dict] = {}
    for cells, line in zip(raw.rows, raw.lines):
        key = _norm(cells[question])
        if key not in {_norm(h) for h in header}:
            header.append(cells[question])
        if not cells[voter]:
            problems.append(Problem(words["no_voter"], line=line, column=raw.header[voter]))
            continue
        entry = by_voter.setdefault(cells[voter], {"line": line, "cells": {}, "name": ""})
        if name is not None and cells[name]:
            entry["name"] = cells[name]
        if not cells[answer]:
            continue
        before = entry["cells"].setdefault(key, [])
        if before and key not in multiple:
            problems.append(Problem(words["several_answers"], line=line, column=cells[question], value=cells[answer]))
            continue
        before.append(cells[answer])
    out_header = [raw.header[voter], *([raw.header[name]] if name is not None else []), *header]
    rows, lines = [], []
    for who, entry in by_voter.items():
        rows.append([who, *([entry["name"]] if name is not None else []),
                     *(";".join(entry["cells"].get(_norm(q), [])) for q in header)])
        lines.append(entry["line"])
    return _Table(out_header, rows, lines)


def read_form_answers(path, vignette: str, *, tool: str = "auto", groups=CHECKLISTS, lang: str = "sv",
                      vignettes=None) -> FormAnswers:
    """Read a tool's export of the answer form into validated answers (nothing is stored).

    Parameters
    ----------
    path
        The export: ``.xlsx`` or ``.csv`` (any encoding and separator
        :func:`~webbkollen_lib.io.registrations.read_raw_table` reads).
    vignette
        The vignette the answers are to (one form per vignette).
    tool
        One of :data:`TOOLS`, or ``"auto"`` (default): told from the
        headings (:func:`detect_tool`).
    groups
        The checklists the form asked (``SHORT_CHECKLISTS`` for the short form).
    lang
        The language of the question texts and options, and of the errors.
    vignettes
        The vignette ids that exist (default: the shipped ones); ``vignette``
        must be one of them, so a typo is refused instead of stored as a new case.

    Raises
    ------
    FormImportError
        Listing every problem: duplicate headings, a question missing, an
        unknown option (with the allowed ones and the closest), an answer
        missing, a nickname missing, "none" ticked with other options.
    """
    lang = check_lang(lang)
    groups = _check_groups(groups)
    vignette = (vignette or "").strip()
    known = list(load_vignette_texts()) if vignettes is None else list(vignettes)
    if vignette not in known:
        raise ValueError(catalogue.text("forms.error.unknown_vignette", lang, vignette=repr(vignette),
                                        allowed=", ".join(known)))
    path = Path(path)
    words = catalogue.labels("forms.error", lang)
    sheet_names = _sheet_names(path)
    if tool == "auto" and catalogue.text("forms.sheet.answers", lang) in sheet_names:
        tool = detect_tool([], sheet_names, lang) or "auto"
    if tool != "auto":
        _check_tool(tool)
    sheet = catalogue.text("forms.sheet.answers", lang) if tool == "inmatningsblad" else 0
    raw = read_raw_table(path, sheet=sheet)  # calamine for .xlsx; any encoding and separator for .csv
    if tool == "auto":
        tool = detect_tool(raw.header, sheet_names, lang)
        if tool is None:
            allowed = ", ".join(TOOLS)
            raise FormImportError(path, [Problem(words["unknown_tool"], value=", ".join(raw.header[:6]),
                                                 allowed=allowed)], lang)
    problems: list[Problem] = []
    duplicates = _duplicate_headings(raw.header, words)
    problems += duplicates
    long_layout = tool == "mentimeter" and all(
        _find(raw.header, n) is not None for n in (_VOTER_COLUMNS, _QUESTION_COLUMNS, _ANSWER_COLUMNS))
    questions = form_questions(groups, lang)
    table = _from_long(raw, questions, problems, words) if long_layout and not duplicates else \
        _Table(raw.header, raw.rows, raw.lines)
    columns, column_problems, used = _map_columns(table.header, questions, tool, words)
    problems += column_problems
    ignored = [h for i, h in enumerate(table.header) if i not in used and h and not _is_meta(h)]
    if not table.rows:
        problems.append(Problem(words["no_rows"]))
    result = FormAnswers(str(path), tool, vignette, groups, ignored_columns=ignored)
    # the rows are read even when a question is missing, so every problem is reported at once
    kept: dict[str, int] = {}
    for cells, line in zip(table.rows, table.lines):
        answer, row_problems = _read_row(cells, line, columns, questions, tool, vignette, words, lang, table.header)
        problems += row_problems
        if answer is None:
            continue
        key = normalise_nickname(answer["participant"])
        if key in kept:
            at = kept[key]
            result.replaced.append((result.lines[at], result.answers[at]["participant"]))
            result.answers[at], result.lines[at] = answer, line
        else:
            kept[key] = len(result.answers)
            result.answers.append(answer)
            result.lines.append(line)
    if problems:
        raise FormImportError(path, problems, lang)
    return result


def _is_meta(heading: str) -> bool:
    h = _norm(heading)
    return h in (*_FORMS_META, *_GOOGLE_META, *_NAME_COLUMNS, *_VOTER_COLUMNS, *_META_OTHER)


def _duplicate_headings(header: list[str], words: dict) -> list[Problem]:
    seen: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        if _norm(h):
            seen.setdefault(_norm(h), []).append(i)
    return [Problem(words["duplicate_header"].format(columns=", ".join(get_column_letter(i + 1) for i in where)),
                    column=header[where[0]])
            for where in seen.values() if len(where) > 1]


def _map_columns(header, questions, tool, words):
    """question key -> column position (or for a checklist given per option: {code: position}); problems; used.

    A heading in more than one column (reported by :func:`_duplicate_headings`) is read from none of them.
    """
    counts = pd.Series([_norm(h) for h in header], dtype=object).value_counts()
    twice = set(counts[counts > 1].index)
    position = {_norm(h): i for i, h in enumerate(header) if _norm(h) not in twice}
    columns: dict[str, object] = {}
    problems: list[Problem] = []
    used: set[int] = set()
    missing: list[tuple[str, str]] = []
    for key, q in questions.groupby("key", sort=False):
        text, kind = q["question"].iloc[0], q["kind"].iloc[0]
        if _norm(text) in position:
            columns[key] = position[_norm(text)]
            used.add(columns[key])
            continue
        if _norm(text) in twice:
            continue
        if kind == "multiple":
            per_option = {code: position.get(_norm(f"{text}: {option}")) for code, option in zip(q["code"], q["option"])}
            if any(p is not None for p in per_option.values()):
                for (code, p), option in zip(per_option.items(), q["option"]):
                    if p is None and _norm(f"{text}: {option}") not in twice:
                        missing.append((key, f"{text}: {option}"))
                    else:
                        used.add(p)
                columns[key] = per_option
                continue
        if key == "smeknamn":
            name = _find(header, _NAME_COLUMNS)
            if name is not None:
                columns[key] = name
                used.add(name)
            else:
                problems.append(Problem(words["missing_name"], column=text))
            continue
        if key in ("mal", "kommun"):
            continue  # optional questions
        missing.append((key, text))
    unused = {_norm(h): h for i, h in enumerate(header) if i not in used and h and not _is_meta(h) and _norm(h) not in twice}
    for key, text in missing:
        message = words["short_form_hint"] if key in CHECKLISTS else words["missing_question"]
        problems.append(Problem(message, column=text, suggestion=_closest(text, list(unused.values()))))
    return columns, problems, used


def _read_row(cells, line, columns, questions, tool, vignette, words, lang, header):
    problems: list[Problem] = []
    # a problem names the column as the file heads it (the name column when it gives the nickname)
    texts = {key: header[columns[key]] if isinstance(columns.get(key), int) else text
             for key, text in zip(questions["key"], questions["question"])}
    cb = get_codebook()

    def cell(key) -> str:
        at = columns.get(key)
        return cells[at].strip() if isinstance(at, int) and at < len(cells) else ""

    nickname = _name(cell("smeknamn"))
    if not nickname and "smeknamn" in columns:
        problems.append(Problem(words["no_name"], line=line, column=texts["smeknamn"]))
    risk_q = questions[questions["key"] == "risk"]
    risk_by_label = {_norm(o): c for o, c in zip(risk_q["option"], risk_q["code"])}
    risk_value = cell("risk")
    risk = None
    if "risk" not in columns:
        pass  # reported once, as a missing question
    elif not risk_value:
        problems.append(Problem(words["no_answer"], line=line, column=texts["risk"],
                                allowed=_allowed(risk_q["option"])))
    elif _norm(risk_value) not in risk_by_label:
        problems.append(_unknown(risk_value, risk_q["option"], line, texts["risk"], words))
    else:
        risk = risk_by_label[_norm(risk_value)]
    ticked: list[str] = []
    yes, no = _norm(cb.yes_no[True][lang]), _norm(cb.yes_no[False][lang])
    for group in (k for k in texts if k in CHECKLISTS):
        q = questions[questions["key"] == group]
        by_label = {_norm(o): c for o, c in zip(q["option"], q["code"])}
        label_of = dict(zip(q["code"], q["option"]))
        at = columns.get(group)
        chosen: list[str] = []
        if isinstance(at, dict):  # one column per option (the entry sheet)
            for code, position in at.items():
                value = cells[position].strip() if position is not None and position < len(cells) else ""
                if _norm(value) == yes:
                    chosen.append(code)
                elif _norm(value) not in ("", no):
                    problems.append(Problem(words["yes_or_empty"], line=line, column=header[position],
                                            value=value, allowed=f"{cb.yes_no[True][lang]}, {cb.yes_no[False][lang]}"))
        else:
            for piece in _split(cell(group), tool):
                if _norm(piece) in by_label:
                    chosen.append(by_label[_norm(piece)])
                else:
                    problems.append(_unknown(piece, q["option"], line, texts[group], words))
        var = cb[group]
        nones = [c for c in chosen if c not in var.option_columns]
        if nones and len(set(chosen)) > 1:
            problems.append(Problem(words["exclusive"].format(none=label_of[nones[0]]), line=line,
                                    column=texts[group], value=cell(group) or None))
        ticked += chosen
    if problems or not nickname or risk is None and "risk" not in columns:
        return None, problems
    answer = make_answer(nickname, vignette, risk, ticked, cell("motivering"), cell("mal"), cell("kommun"))
    return answer, []


def _split(value: str, tool: str) -> list[str]:
    pieces = [value]
    for sep in SEPARATORS[tool] or (";",):
        pieces = [part for piece in pieces for part in piece.split(sep)]
    return [p.strip() for p in pieces if p.strip()]


def _allowed(options) -> str:
    return "; ".join(options)


def _closest(value: str, options) -> str | None:
    """The option ``value`` most likely meant: a close spelling, else the one option it begins, else None."""
    spellings = {_norm(o): o for o in options}
    close = difflib.get_close_matches(_norm(value), list(spellings), n=1, cutoff=0.6)
    if close:
        return spellings[close[0]]
    begun = [o for n, o in spellings.items() if _norm(value) and n.startswith(_norm(value))]
    return begun[0] if len(begun) == 1 else None


def _unknown(value, options, line, column, words) -> Problem:
    return Problem(words["unknown_option"], line=line, column=column, value=value, allowed=_allowed(options),
                   suggestion=_closest(value, options))


# --------------------------------------------------------------------------
# storing
# --------------------------------------------------------------------------


def device_of(nickname: str) -> str:
    """The device id an imported participant gets in a :class:`SqliteStore`: one per nickname, stable across imports."""
    return "import-" + hashlib.sha1(normalise_nickname(nickname).encode("utf-8")).hexdigest()[:32]


def _target(store) -> FolderStore | SqliteStore:
    if isinstance(store, (FolderStore, SqliteStore)):
        return store
    path = Path(store)
    return SqliteStore(path) if path.suffix.lower() in SQLITE_SUFFIXES else FolderStore(path)


def store_answers(store, read: FormAnswers, lang: str = "sv") -> FolderStore | SqliteStore:
    """Store what :func:`read_form_answers` read in ``store`` (a store, a ``.sqlite`` file, created if missing, or a folder).

    In a :class:`SqliteStore` the vignette is added to the workshop if it is
    not in it; a vignette whose answers the trainer has closed raises
    :class:`FormImportError` before anything is stored. Each participant is
    the device :func:`device_of` their nickname, so importing the same export
    again replaces, never duplicates. Returns the store.
    """
    target = _target(store)
    if isinstance(target, SqliteStore):
        state = dict(target.vignettes())
        if state.get(read.vignette) is False:
            message = catalogue.text("forms.error.closed", lang, vignette=read.vignette)
            raise FormImportError(read.source, [Problem(message)], lang)
        target.add_vignettes([read.vignette])
        form = "kort" if read.groups == SHORT_CHECKLISTS else "full"
        for answer in read.answers:
            target.submit(device_of(answer["participant"]), answer["participant"], answer, form=form)
    else:
        for answer in read.answers:
            target.save(answer)
    return target


def import_form_answers(path, store, vignette: str, *, tool: str = "auto", groups=CHECKLISTS,
                        lang: str = "sv", vignettes=None) -> FormAnswers:
    """Read an export (:func:`read_form_answers`) and store its answers (:func:`store_answers`): all or nothing.

    ``vignettes`` (default: the shipped ones) are the vignette ids that
    exist; a ``.sqlite`` workshop's own vignettes are added to them.
    """
    known = list(load_vignette_texts()) if vignettes is None else list(vignettes)
    if isinstance(store, SqliteStore) or (not isinstance(store, FolderStore) and Path(store).is_file()
                                          and Path(store).suffix.lower() in SQLITE_SUFFIXES):
        known += [v for v, _ in _target(store).vignettes() if v not in known]
    read = read_form_answers(path, vignette, tool=tool, groups=groups, lang=lang, vignettes=known)
    store_answers(store, read, lang)
    return read


# --------------------------------------------------------------------------
# the paper form and the entry sheet
# --------------------------------------------------------------------------


def _vignette(vignette: str, vignette_texts, lang: str) -> dict:
    texts = load_vignette_texts() if vignette_texts is None else vignette_texts
    if vignette not in texts:
        raise ValueError(catalogue.text("forms.error.unknown_vignette", lang, vignette=repr(vignette),
                                        allowed=", ".join(texts)))
    return texts[vignette]


def paper_form_html(vignette: str, *, groups=CHECKLISTS, lang: str = "sv", vignette_texts: dict | None = None,
                    include_case: bool = True) -> str:
    """A printable A4 answer form for ``vignette`` (self-contained HTML; print it from the browser).

    The title is the vignette's neutral participant title
    (``participant_title_sv``); with ``include_case`` the case text follows.
    Boxes are drawn as squares to tick, in the order of the entry sheet's
    columns (:func:`write_entry_sheet`), so the forms are typed in box by box.
    """
    lang = check_lang(lang)
    case = _vignette(vignette, vignette_texts, lang)
    questions = form_questions(groups, lang)
    words = catalogue.labels("forms.paper", lang)
    items = []
    for number, q in questions.groupby("number", sort=True):
        first = q.iloc[0]
        items.append({"number": number, "text": first["question"], "kind": first["kind"],
                      "options": q["option"].tolist() if first["kind"] in ("single", "multiple") else [],
                      "hint": words["one"] if first["kind"] == "single" else words["any"],
                      "lines": _PAPER_LINES.get(first["key"], 1)})
    text = case.get(f"text_{lang}") or case["text_sv"]
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True)
    template = environment.from_string(
        resources.files("webbkollen_lib.teaching").joinpath("templates/pappersformular.html").read_text("utf-8"))
    return template.render(
        lang=lang, title=case.get(f"participant_title_{lang}") or case["participant_title_sv"],
        instructions=words["instructions"], case_heading=catalogue.text("web.form.case", lang),
        answer_heading=catalogue.text("web.form.your_answer", lang),
        paragraphs=[p for p in text.split("\n\n") if p.strip()] if include_case else [],
        questions=items, for_trainer=words["for_trainer"])


def entry_sheet_columns(groups=CHECKLISTS, lang: str = "sv") -> pd.DataFrame:
    """The entry sheet's columns in order: ``heading``, ``key``, ``kind`` and the ``options`` its drop-down offers.

    One column per question; a question with several answers has one column
    per option, headed ``"<question>: <option>"``, offering *Ja*.
    """
    cb = get_codebook()
    rows = []
    for _, q in form_questions(groups, lang).groupby("number", sort=True):
        first = q.iloc[0]
        if first["kind"] == "multiple":
            rows += [{"heading": f"{first['question']}: {option}", "key": first["key"], "kind": "yes",
                      "options": (cb.yes_no[True][lang],)} for option in q["option"]]
        elif first["kind"] == "single":
            rows.append({"heading": first["question"], "key": first["key"], "kind": "single",
                         "options": tuple(q["option"])})
        else:
            rows.append({"heading": first["question"], "key": first["key"], "kind": first["kind"], "options": ()})
    return pd.DataFrame(rows, columns=["heading", "key", "kind", "options"])


def write_entry_sheet(path, vignette: str, *, groups=CHECKLISTS, rows: int = 40, lang: str = "sv",
                      vignette_texts: dict | None = None) -> Path:
    """Write the ``.xlsx`` entry sheet for typing in the paper forms of ``vignette``.

    A sheet *Läs först* (what to do, the case, how to read it in) and a
    sheet *Svar* with the headings :func:`entry_sheet_columns` gives and
    ``rows`` rows with drop-down lists of the exact option labels (Excel's
    data validation, so a typed value outside the list is refused).
    :func:`read_form_answers` reads the filled sheet (tool ``inmatningsblad``).
    """
    lang = check_lang(lang)
    case = _vignette(vignette, vignette_texts, lang)
    title = case.get(f"participant_title_{lang}") or case["participant_title_sv"]
    columns = entry_sheet_columns(groups, lang)
    sheet_words = catalogue.labels("forms.sheet", lang)
    path = Path(path)
    workbook = Workbook()
    first = workbook.active
    first.title = sheet_words["read_first"]
    lines = [sheet_words["title"].format(case=title), sheet_words["vignette"].format(vignette=vignette), "",
             sheet_words["how"], catalogue.text("forms.template.note_inmatningsblad", lang), "",
             sheet_words["read_back"].format(file=path.name, vignette=vignette)]
    for row, line in enumerate(lines, start=1):
        first.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True, vertical="top")
    first["A1"].font = Font(bold=True, size=14)
    first.column_dimensions["A"].width = 110
    sheet = workbook.create_sheet(sheet_words["answers"])
    last = rows + 1
    error = catalogue.text("forms.error.unknown_option", lang)
    for i, column in enumerate(columns.itertuples(), start=1):
        cell = sheet.cell(row=1, column=i, value=column.heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = {"long_text": 60, "single": 24, "yes": 14}.get(column.kind, 20)
        if column.options:
            validation = DataValidation(type="list", formula1='"' + ",".join(column.options) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle=error, error=_allowed(column.options))
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
        for row in range(2, last + 1):
            sheet.cell(row=row, column=i).alignment = Alignment(wrap_text=column.kind == "long_text", vertical="top")
    sheet.row_dimensions[1].height = 90
    sheet.freeze_panes = "B2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
