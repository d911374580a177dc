"""Reading and validating UBU questionnaires (one row per ended placement, three parts).

:func:`read_ubu` reads a municipality's UBU export (CSV or .xlsx; headers as
codebook ids or Swedish/English labels; answers as codes or their wording) with
the same machinery as :func:`~webbkollen_lib.io.registrations.read_registrations`,
and enforces the source's rules for who is followed up (*Projektrapport UBU*,
§4.2 "Målgrupp" and "När ska UBU användas?"), so that every problem of the file
is reported at once with its line, column, value and what was allowed:

* the placement lasted at least 7 days (``vardtid_dagar``);
* the questionnaire was answered within 90 days of the end (``dagar_till_enkat``);
* the young person was 12–21 (``alder``);
* dygnetruntvård only, not familjehem (``utforartyp``);
* an unaccompanied minor only when placed for social problems (``ensamkommande``,
  ``skal_placering``);
* a part marked answered has answers and a declined part has none
  (``del_ungdom``, ``del_foralder``): a missing part stays missing, never imputed;
* LSU (secure youth care) only at SiS;
* the provider's organisation number is well formed and the same for every
  questionnaire of that provider; questionnaire ids are unique.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.io.registrations import read_table, validate_frame
from webbkollen_lib.systems.ubu.instrument import (
    MAX_AGE,
    MAX_DAYS_AFTER,
    MIN_AGE,
    MIN_DAYS,
    PART_STATUS,
    get_ubu_codebook,
    items,
    organisationsnummer_digits,
    valid_organisationsnummer,
)

__all__ = ["read_ubu", "validate_ubu", "load_ubu", "load_ubu_ended", "UBU_FILE", "PROVIDERS_FILE", "ENDED_FILE"]

#: The shipped synthetic questionnaires and providers (``data/synthetic/`` in the checkout).
UBU_FILE = Path(str(resources.files("webbkollen_lib.shipped") / "ubu_enkater.csv"))
PROVIDERS_FILE = Path(str(resources.files("webbkollen_lib.shipped") / "ubu_utforare.csv"))
#: Ended placements per municipality and year: the denominator of the questionnaires' coverage.
ENDED_FILE = Path(str(resources.files("webbkollen_lib.shipped") / "ubu_avslutade.csv"))

_PART_WORDS = {"ungdom": "the young person's", "foralder": "the parent's"}


def read_ubu(path, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read UBU questionnaires (CSV or .xlsx) into the codebook's form, enforcing the source's rules.

    Returns one row per questionnaire: background columns and the items of the
    three parts as codes (``"1"``–``"5"`` or a missing reason such as
    ``vet_ej``; NA where a part was not answered). Raises
    :class:`~webbkollen_lib.core.errors.DataError` listing every problem.

    Examples
    --------
    >>> from webbkollen_lib.io.ubu import read_ubu, UBU_FILE
    >>> data = read_ubu(UBU_FILE)
    >>> data["utforartyp"].cat.categories.tolist()[:2]
    ['hvb', 'stodboende']
    """
    return read_table(path, get_ubu_codebook(), dataset="ubu", sheet=sheet, rules=_rules)


def validate_ubu(frame: pd.DataFrame, *, source=None) -> pd.DataFrame:
    """Check a frame of UBU codes against the codebook and the rules; return it unchanged if valid."""
    return validate_frame(frame, get_ubu_codebook(), dataset="ubu", source=source, rules=_rules)


def load_ubu(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped synthetic UBU questionnaires (or another file read the same way)."""
    path = Path(path) if path is not None else UBU_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist. Make the synthetic data with `make data` (or `python -m webbkollen_lib.synthetic`)."
        )
    return read_ubu(path)


def load_ubu_ended(path: str | Path | None = None) -> pd.DataFrame:
    """Ended placements per municipality and year (``kommun``, ``ar``, ``avslutade_placeringar``).

    The shipped file belongs to the synthetic questionnaires; a municipality's
    own file in the same three columns is read the same way, checked for whole,
    non-negative numbers.
    """
    path = Path(path) if path is not None else ENDED_FILE
    frame = pd.read_csv(path, dtype={"kommun": "string"})
    problems = []
    for column in ("kommun", "ar", "avslutade_placeringar"):
        if column not in frame.columns:
            problems.append(Problem("required column is missing", column=column,
                                    allowed="columns kommun, ar, avslutade_placeringar"))
    for column in ("ar", "avslutade_placeringar"):
        if column in frame.columns:
            values = pd.to_numeric(frame[column], errors="coerce")
            for i in np.flatnonzero((values.isna() | (values < 0) | (values % 1 != 0)).to_numpy()):
                problems.append(Problem("not a whole number >= 0", line=int(i) + 2, column=column,
                                        value=frame[column].iloc[i], allowed="a whole number >= 0"))
    if problems:
        raise DataError(path, problems)
    return frame.astype({"ar": "int64", "avslutade_placeringar": "int64"})


def _rules(frame: pd.DataFrame, problem) -> list[Problem]:
    cb = get_ubu_codebook()
    problems: list[Problem] = []
    n = len(frame)

    def column(name) -> pd.Series:
        return frame[name].astype("object") if name in frame.columns else pd.Series([None] * n, dtype="object")

    def where(mask) -> np.ndarray:
        return np.flatnonzero(np.asarray(mask, dtype=bool))

    def in_codebook_range(name) -> pd.Series:
        # a number outside the codebook's range is reported as such already; one problem per cell
        values = pd.to_numeric(column(name), errors="coerce")
        var = cb[name]
        return values.where((values >= (var.min if var.min is not None else -np.inf))
                            & (values <= (var.max if var.max is not None else np.inf)))

    days = in_codebook_range("vardtid_dagar")
    for i in where(days < MIN_DAYS):
        problems.append(problem(f"the placement lasted fewer than {MIN_DAYS} days: UBU follows up placements "
                                f"of at least {MIN_DAYS} days", i, "vardtid_dagar", f"{MIN_DAYS} or more"))
    after = in_codebook_range("dagar_till_enkat")
    for i in where(after > MAX_DAYS_AFTER):
        problems.append(problem(f"answered more than {MAX_DAYS_AFTER} days after the placement ended: UBU asks "
                                f"within three months", i, "dagar_till_enkat", f"0 to {MAX_DAYS_AFTER}"))
    age = in_codebook_range("alder")
    for i in where((age < MIN_AGE) | (age > MAX_AGE)):
        problems.append(problem(f"UBU's questions apply to young people aged {MIN_AGE}–{MAX_AGE}", i, "alder",
                                f"a whole number from {MIN_AGE} to {MAX_AGE}"))

    for var in ("utforartyp", "skal_placering"):
        outside = [c.code for c in cb[var].codes if c.attrs.get("utanfor")]
        allowed = "; ".join(f"{c.code} ({c.sv})" for c in cb[var].codes if not c.attrs.get("utanfor"))
        for i in where(column(var).isin(outside)):
            why = ("UBU follows up dygnetruntvård (HVB, stödboende, träningsboende, SiS), not familjehem"
                   if var == "utforartyp" else
                   "an unaccompanied minor placed without social problems is outside UBU's target group")
            problems.append(problem(why, i, var, allowed))

    alone = (frame["ensamkommande"].fillna(False).astype(bool) if "ensamkommande" in frame.columns
             else pd.Series(False, index=frame.index))
    if "skal_placering" in frame.columns:
        for i in where(alone & column("skal_placering").isna()):
            problems.append(problem("an unaccompanied minor is followed up only when placed for social problems: "
                                    "give the reason (skal_placering)", i, "ensamkommande",
                                    "Ja only together with a social reason for the placement"))

    for i in where((column("lagrum") == "lsu") & column("utforartyp").notna() & (column("utforartyp") != "sis")):
        problems.append(problem("LSU (secure youth care) is carried out only at SiS", i, "lagrum",
                                "lsu only when utforartyp is sis"))

    for part, status_column in PART_STATUS.items():
        own = [c for c in items(part) if c in frame.columns]
        if status_column not in frame.columns or not own:
            continue
        status = column(status_column)
        answered = frame[own].notna().any(axis=1).to_numpy()
        for i in where((status == "besvarad").to_numpy() & ~answered):
            problems.append(problem(f"{_PART_WORDS[part]} part is marked answered but has no answers", i,
                                    status_column, f"avbojd or ej_genomford when {_PART_WORDS[part]} part is empty"))
        for i in where(status.isin(["avbojd", "ej_genomford"]).to_numpy() & answered):
            first = next(c for c in own if pd.notna(frame[c].iloc[i]))
            problems.append(problem(f"answers in {_PART_WORDS[part]} part, which is marked {status.iloc[i]}: "
                                    f"a part that was not answered has no answers", i, first,
                                    f"empty, or {status_column} besvarad"))
    own = [c for c in items("socialsekreterare") if c in frame.columns]
    if own:
        for i in where(~frame[own].notna().any(axis=1).to_numpy()):
            problems.append(problem("the social worker's part has no answers: it is answered for every "
                                    "questionnaire", i, own[0], "the social worker's answers"))

    if "organisationsnummer" in frame.columns:
        numbers = column("organisationsnummer")
        for i in where(numbers.notna() & ~numbers.map(lambda v: pd.isna(v) or valid_organisationsnummer(v))):
            problems.append(problem("not a valid organisation number (form or check digit)", i,
                                    "organisationsnummer", "NNNNNN-NNNN with a correct check digit"))
        if "utforare" in frame.columns:
            # compared as digits, among valid numbers only: 458978-6161 and 4589786161 are one number,
            # and an invalid number is reported above, not offered as the one to use
            first: dict[str, tuple[str, str]] = {}
            for i, (name, number) in enumerate(zip(column("utforare"), numbers)):
                if pd.isna(name) or pd.isna(number) or not valid_organisationsnummer(number):
                    continue
                digits = organisationsnummer_digits(number)
                if name not in first:
                    first[name] = (digits, number)
                elif first[name][0] != digits:
                    _, seen = first[name]
                    problems.append(problem(f"provider {name!r} has another organisation number in an earlier "
                                            f"row ({seen})", i, "organisationsnummer",
                                            f"{seen}, the same number for every questionnaire of the provider"))
    if "enkat_id" in frame.columns:
        ids = column("enkat_id")
        for i in where(ids.notna() & ids.duplicated()):
            problems.append(problem("duplicate questionnaire id", i, "enkat_id", "each id once"))
    return problems
