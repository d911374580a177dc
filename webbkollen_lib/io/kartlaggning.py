"""Reading and validating answers to the 2012 survey (one row per municipality) and question 10's rankings.

:func:`read_kartlaggning` reads the municipalities' answers as a regional
development leader collects them (CSV or .xlsx; headers as codebook ids or
Swedish/English labels; answers as codes or their wording, a ticked box as
Ja, x, 1 or "Markerad") with the same machinery as
:func:`~webbkollen_lib.io.registrations.read_registrations`, so that every
problem of the file is reported at once with its line, column, value and what
was allowed. Besides the codebook's codes it enforces:

* **the skip rule**: Nej on question 1 goes on to question 5, so a box ticked
  in questions 2–4 after Nej is an error (an empty question 1 is left as it is:
  the answer is not known, and the ticks are kept);
* ``kommun`` is one of Sweden's 290 municipalities, in the survey region the
  row names, and answers once.

:func:`read_prioriteringar` reads question 10 of the regions' summary forms
(``region``, ``omrade``, ``rang``): one rank per region and area, ranks 1–7,
no rank given twice by one region.

:func:`read_county_forms` reads the regions' summary forms as SKL received
them (Bilaga 2; written by ``county_form(answers, header=True).to_csv(…)``),
checking that each is whole and adds up, so that
:func:`~webbkollen_lib.analysis.kartlaggning.compile_table` can compile the
nation from the forms alone.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.io.registrations import read_raw_table, read_table, validate_frame
from webbkollen_lib.systems.kartlaggning2012.survey import (
    NO_ANSWER,
    NOT_ASKED,
    QUESTIONS,
    SKIPPED_AFTER_NO,
    form_layout,
    get_kartlaggning_codebook,
    municipality_regions,
    question_columns,
    regions,
)

__all__ = ["read_kartlaggning", "validate_kartlaggning", "read_prioriteringar", "validate_prioriteringar",
           "read_county_forms", "FORM_COLUMNS",
           "load_kartlaggning_2012", "load_prioriteringar_2012", "KARTLAGGNING_FILE", "PRIORITERINGAR_FILE"]

#: The shipped synthetic answers and rankings (``data/synthetic/`` in the checkout).
KARTLAGGNING_FILE = Path(str(resources.files("webbkollen_lib.shipped") / "kartlaggning_2012.csv"))
PRIORITERINGAR_FILE = Path(str(resources.files("webbkollen_lib.shipped") / "kartlaggning_2012_prioriteringar.csv"))


def read_kartlaggning(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read municipalities' answers (CSV or .xlsx) into the codebook's form, enforcing the skip rule.

    Returns one row per municipality: ``kommun``, ``region``, question 1 and
    every multi-select option as nullable booleans (True = ticked), questions
    5–7 as codes. Raises :class:`~webbkollen_lib.core.errors.DataError` listing
    every problem.

    Examples
    --------
    >>> from webbkollen_lib.io.kartlaggning import read_kartlaggning, KARTLAGGNING_FILE
    >>> answers = read_kartlaggning(KARTLAGGNING_FILE)
    >>> len(answers), int(answers["redovisat"].sum())
    (190, 158)
    """
    return read_table(path, get_kartlaggning_codebook(), dataset="kartlaggning", sheet=sheet, rules=_answer_rules)


def validate_kartlaggning(frame: pd.DataFrame, *, source=None) -> pd.DataFrame:
    """Check a frame of answers against the codebook and the rules; return it unchanged if valid."""
    return validate_frame(frame, get_kartlaggning_codebook(), dataset="kartlaggning", source=source,
                          rules=_answer_rules)


def read_prioriteringar(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read question 10's rankings (``region``, ``omrade``, ``rang``; CSV or .xlsx), every problem at once."""
    return read_table(path, get_kartlaggning_codebook(), dataset="prioritering", sheet=sheet, rules=_ranking_rules)


def validate_prioriteringar(frame: pd.DataFrame, *, source=None) -> pd.DataFrame:
    """Check a frame of rankings; return it unchanged if valid."""
    return validate_frame(frame, get_kartlaggning_codebook(), dataset="prioritering", source=source,
                          rules=_ranking_rules)


def _shipped(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist. Make the synthetic data with `make data` (or `python -m webbkollen_lib.synthetic`)."
        )
    return path


def load_kartlaggning_2012(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped synthetic answers of the 190 municipalities (or another file read the same way).

    Synthetic: the report published national totals only; these answers
    reproduce every published figure that can hold at once
    (:func:`~webbkollen_lib.systems.kartlaggning2012.reference.compare_with_published`),
    for the real municipalities, but no row is that municipality's real answer.
    """
    return read_kartlaggning(_shipped(Path(path) if path is not None else KARTLAGGNING_FILE))


def load_prioriteringar_2012(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped synthetic question 10 rankings of the 11 regions that ranked (or another file)."""
    return read_prioriteringar(_shipped(Path(path) if path is not None else PRIORITERINGAR_FILE))


def _answer_rules(frame: pd.DataFrame, problem) -> list[Problem]:
    problems: list[Problem] = []
    if "redovisat" in frame.columns:
        said_no = (frame["redovisat"].astype("boolean") == False).fillna(False).to_numpy()  # noqa: E712
        for question in SKIPPED_AFTER_NO:
            for column in (c for c in question_columns(question) if c in frame.columns):
                ticked = frame[column].astype("boolean").fillna(False).to_numpy()
                for i in np.flatnonzero(said_no & ticked):
                    problems.append(problem(
                        f"question {question} is answered, but question 1 ({QUESTIONS[1]}) is Nej, which skips to "
                        f"question 5: questions 2–4 are not asked", i, column, "empty when question 1 is Nej"))

    if "kommun" in frame.columns:
        places = municipality_regions().set_index("kommun")
        names = frame["kommun"].astype("object")
        known = names.isin(places.index)
        for i in np.flatnonzero((names.notna() & ~known).to_numpy()):
            close = difflib.get_close_matches(str(names.iloc[i]), list(places.index), n=1, cutoff=0.7)
            problems.append(problem("not one of Sweden's 290 municipalities", i, "kommun",
                                    "a municipality's name as in the list of municipalities (e.g. Borås)",
                                    close[0] if close else None))
        if "region" in frame.columns:
            given = frame["region"].astype("object")
            home = names.map(places["region"])
            cb = get_kartlaggning_codebook()["region"]
            for i in np.flatnonzero((known & given.notna() & (home != given)).to_numpy()):
                right = home.iloc[i]
                problems.append(problem(f"{names.iloc[i]} is in the survey region {cb.code(right).sv}", i, "region",
                                        f"{right} ({cb.code(right).sv}) for {names.iloc[i]}", cb.code(right).sv))
        for i in np.flatnonzero((names.notna() & names.duplicated()).to_numpy()):
            problems.append(problem("the municipality answers twice: a municipality has one row", i, "kommun",
                                    "each municipality once"))
    return problems


def _ranking_rules(frame: pd.DataFrame, problem) -> list[Problem]:
    problems: list[Problem] = []
    if not {"region", "omrade"} <= set(frame.columns):
        return problems
    pairs = frame[["region", "omrade"]].astype("object")
    for i in np.flatnonzero((pairs.notna().all(axis=1) & pairs.duplicated()).to_numpy()):
        problems.append(problem("the region ranks this area twice", i, "omrade", "each area once per region"))
    if "rang" in frame.columns:
        ranks = frame[["region", "rang"]].astype("object")
        for i in np.flatnonzero((ranks.notna().all(axis=1) & ranks.duplicated()).to_numpy()):
            problems.append(problem("the region gives this rank to two areas: a ranking gives each rank once", i,
                                    "rang", "a rank the region has not given yet"))
    return problems


#: The columns of a summary-form file (and their Swedish headers, also accepted).
FORM_COLUMNS = {"region": "Län/region", "fraga": "Fråga", "variabel": "Variabel", "alternativ": "Svarsalternativ",
                "antal": "Antal"}


def read_county_forms(paths) -> pd.DataFrame:
    """Read one or more regions' summary forms (CSV or .xlsx) into one frame, every problem of every file at once.

    A form has one row per ``region``, question (``fraga``; 0 is the header),
    ``variabel`` and ``alternativ``, with ``antal`` municipalities: the layout of
    :func:`~webbkollen_lib.systems.kartlaggning2012.survey.form_layout`, every
    row present (write 0, not nothing). Checked: the region is a survey region
    (code or name) and appears in one file only; every alternative belongs to
    its question; counts are whole numbers ≥ 0; ``kommuner`` is the region's
    number of municipalities and ``svarande`` at most that; a single-choice
    question's alternatives (with ``ej_svar`` and, for questions 2–4,
    ``ej_tillfragad``) add up to ``svarande``, and no option of a
    multi-select question exceeds the municipalities asked. Raises
    :class:`~webbkollen_lib.core.errors.DataError` naming the file, line,
    column, value and what is allowed.

    >>> import tempfile, pathlib
    >>> from webbkollen_lib.analysis.kartlaggning import county_form, compile_table
    >>> form = county_form(load_kartlaggning_2012(), header=True)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "formular.csv"
    >>> form.to_csv(path, index=False)
    >>> back = read_county_forms(path)
    >>> int(compile_table(back).query("alternativ == 'budget'")["antal"].iloc[0])
    149
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise ValueError("paths: give at least one summary-form file")
    layout = form_layout()
    known = {(int(f), v, a) for f, v, a in layout.itertuples(index=False)}
    by_question = layout.groupby("fraga")["alternativ"].agg(list)
    region_var = get_kartlaggning_codebook()["region"]
    spellings = {}
    for code in region_var.codes:
        for form in (code.code, code.sv, code.en, *code.aliases):
            spellings[form.casefold()] = code.code
    sizes = regions().set_index("region")["kommuner"]
    frames, errors, seen_regions = [], [], {}
    for path in map(Path, paths):
        raw = read_raw_table(path)
        problems: list[Problem] = []
        header = {name.casefold(): i for i, name in enumerate(raw.header)}
        where = {}
        for column, swedish in FORM_COLUMNS.items():
            position = header.get(column, header.get(swedish.casefold()))
            if position is None:
                problems.append(Problem("required column is missing", column=column,
                                        allowed=f"columns {', '.join(FORM_COLUMNS)} (or {', '.join(FORM_COLUMNS.values())})"))
            where[column] = position
        if problems:
            errors.append(DataError(path, problems))
            continue
        rows, keys = [], {}
        for cells, line in zip(raw.rows, raw.lines):
            cell = {c: (cells[i] if i < len(cells) else "") for c, i in where.items()}
            region = spellings.get(cell["region"].casefold())
            if region is None:
                problems.append(Problem("not a survey region", line, "region", cell["region"],
                                        ", ".join(c.code for c in region_var.codes)))
            try:
                question = int(cell["fraga"])
            except ValueError:
                question = None
            if question is None or question not in by_question.index:
                problems.append(Problem("not a question of the summary form", line, "fraga", cell["fraga"],
                                        "0 (the header) or 1–9"))
            elif (question, cell["variabel"], cell["alternativ"]) not in known:
                variable = layout.loc[layout["fraga"] == question, "variabel"].iloc[0]
                bad = "variabel" if cell["variabel"] != variable else "alternativ"
                allowed = variable if bad == "variabel" else ", ".join(by_question[question])
                problems.append(Problem(f"not a row of question {question} on the form", line, bad, cell[bad],
                                        allowed))
                question = None
            try:
                count = int(cell["antal"])
                if count < 0 or str(count) != cell["antal"].lstrip("+"):
                    raise ValueError
            except ValueError:
                problems.append(Problem("not a whole number of municipalities", line, "antal", cell["antal"],
                                        "a whole number >= 0"))
                count = np.nan
            if region is None or question is None:
                continue  # a row that is no row of the form; a bad count still marks its row as given
            key = (region, question, cell["alternativ"])
            if key in keys:
                problems.append(Problem(f"the row is given twice (first on line {keys[key]})", line, "alternativ",
                                        cell["alternativ"], "each alternative once per region"))
                continue
            keys[key] = line
            rows.append((region, question, cell["variabel"], cell["alternativ"], count, line))
        frame = pd.DataFrame(rows, columns=[*FORM_COLUMNS, "rad"])
        for region, own in frame.groupby("region", sort=False):
            if region in seen_regions:
                problems.append(Problem(f"the region's form is also in {seen_regions[region]}",
                                        int(own["rad"].iloc[0]), "region", region, "each region in one form"))
                continue
            seen_regions[region] = path.name
            problems += _form_sums(own, layout, int(sizes[region]))
        if problems:
            errors.append(DataError(path, problems))
        else:
            frames.append(frame.astype({"antal": "int64"}))
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise DataError(", ".join(e.source for e in errors),
                        [Problem(f"{Path(e.source).name}: {p}") for e in errors for p in e.problems])
    forms = pd.concat(frames, ignore_index=True).drop(columns="rad")
    order = {key: i for i, key in enumerate(zip(layout["fraga"], layout["alternativ"]))}
    region_order = {r: i for i, r in enumerate(sizes.index)}
    forms["_o"] = [(region_order[r], order[(f, a)]) for r, f, a in zip(forms["region"], forms["fraga"],
                                                                      forms["alternativ"])]
    return forms.sort_values("_o").drop(columns="_o").reset_index(drop=True)


def _form_sums(own: pd.DataFrame, layout: pd.DataFrame, municipalities: int) -> list[Problem]:
    """One region's form is whole and adds up (see :func:`read_county_forms`)."""
    problems = []
    region = own["region"].iloc[0]
    count = {(f, a): (n, line) for f, a, n, line in own[["fraga", "alternativ", "antal", "rad"]].itertuples(index=False)}
    first = int(own["rad"].iloc[0])
    missing = [f"{f}:{a}" for f, a in zip(layout["fraga"], layout["alternativ"]) if (f, a) not in count]
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        problems.append(Problem(f"the form of {region} has no row for {shown}: write 0 where no municipality "
                                f"ticked", first, "alternativ", None, "every row of the form (form_layout())"))

    def known(*keys) -> bool:  # present and a valid count (a bad one is reported already)
        return all(k in count and pd.notna(count[k][0]) for k in keys)

    if known((0, "kommuner")) and count[(0, "kommuner")][0] != municipalities:
        given, given_line = count[(0, "kommuner")]
        problems.append(Problem(f"{region} has {municipalities} municipalities", given_line, "antal", int(given),
                                str(municipalities)))
    if not known((0, "svarande")):
        return problems
    answering, line = int(count[(0, "svarande")][0]), count[(0, "svarande")][1]
    if answering > municipalities:
        problems.append(Problem("more answering municipalities than the region has", line, "antal", answering,
                                f"0 to {municipalities}"))
    cb = get_kartlaggning_codebook()
    for question, variable in QUESTIONS.items():
        if question == 10:
            continue
        alternatives = layout.loc[layout["fraga"] == question, "alternativ"].tolist()
        if not known(*((question, a) for a in alternatives)):
            continue
        not_asked = int(count[(question, NOT_ASKED)][0]) if question in SKIPPED_AFTER_NO else 0
        if cb[variable].kind == "multi":
            for alternative in alternatives:
                n, at = count[(question, alternative)]
                if alternative != NOT_ASKED and n > answering - not_asked:
                    problems.append(Problem(f"more municipalities than were asked question {question} "
                                            f"({answering - not_asked})", at, "antal", int(n),
                                            f"0 to {answering - not_asked}"))
        else:
            total = sum(count[(question, a)][0] for a in alternatives)
            if total != answering:
                n, at = count[(question, NO_ANSWER)]
                problems.append(Problem(f"question {question}'s alternatives add up to {int(total)}, but {answering} "
                                        f"municipalities answered", at, "antal", int(n),
                                        f"counts adding up to svarande ({answering})"))
    return problems
