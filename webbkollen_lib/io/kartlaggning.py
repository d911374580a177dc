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
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import Problem
from webbkollen_lib.io.registrations import read_table, validate_frame
from webbkollen_lib.systems.kartlaggning2012.survey import (
    QUESTIONS,
    SKIPPED_AFTER_NO,
    get_kartlaggning_codebook,
    municipality_regions,
    question_columns,
)

__all__ = ["read_kartlaggning", "validate_kartlaggning", "read_prioriteringar", "validate_prioriteringar",
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
