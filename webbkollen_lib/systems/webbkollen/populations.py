"""The report's populations and the groups its examples define (Webbkollen report §4.2).

Definitions, not analyses: which registrations the report analysed
(:func:`report_population`: the closed interventions of one year), and the
derived groups its examples use: Exempel 1's registrations with identified
exposure (:func:`with_any_exposure`, :data:`EXEMPEL1_BINS`), Exempel 2's
"talk with the child at closure" (:func:`talk_at_closure`) and Table 5b's
school-start group (:func:`school_start_group`).
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import MissingColumnError, needs, require_frame
from webbkollen_lib.systems.webbkollen.derived import exposure_count

__all__ = [
    "REPORT_YEAR",
    "EXEMPEL1_BINS",
    "TALK_AT_CLOSURE",
    "report_population",
    "talk_at_closure",
    "with_talk_at_closure",
    "with_any_exposure",
    "school_start_group",
]


#: The year whose closed interventions the report's §4.2 analyses (n = 416).
REPORT_YEAR = 2017


#: Exempel 1's grouping of the exposure count: none, one, 2–4, five or more.
EXEMPEL1_BINS = ((0, 0), (1, 1), (2, 4), (5, None))


#: Name of the derived yes/no "a talk with the child at closure, alone or with the guardian".
TALK_AT_CLOSURE = "samtal_avslut_nagot"


_TALK_COLUMNS = ("samtal_enskilt_avslut", "samtal_vh_avslut")


def report_population(cases: pd.DataFrame, year: int | None = REPORT_YEAR) -> pd.DataFrame:
    """The closed interventions of ``year`` (None: of every year), as the report's §4.2 uses.

    The report analyses the 416 interventions closed in 2017; follow-up
    registrations are left out (they would count a child a second time, and
    carry no closure variables).

    Raises
    ------
    MissingColumnError
        If ``tillfalle`` (or ``ar``, when ``year`` is given) is missing.
    ValueError
        If no closure of ``year`` is in the data; the message lists the
        years that have closures.

    >>> from webbkollen_lib import apply_dtypes
    >>> d = apply_dtypes(pd.DataFrame({"ar": [2017, 2017, 2018], "tillfalle": ["avslut", "uppfoljning", "avslut"]}))
    >>> len(report_population(d)), len(report_population(d, None))
    (1, 2)
    """
    require_frame(cases)
    if "tillfalle" not in cases.columns:
        raise needs("tillfalle")
    closed = (cases["tillfalle"].astype("object") == "avslut").to_numpy()
    if year is not None:
        if "ar" not in cases.columns:
            raise needs("ar")
        in_year = (cases["ar"].astype("Float64") == year).fillna(False).to_numpy(dtype=bool)
        if not (closed & in_year).any():
            years = sorted(int(y) for y in cases.loc[closed, "ar"].dropna().unique())
            raise ValueError(
                f"the data have no closed interventions (tillfalle 'avslut') in {year}; "
                f"years with closures: {', '.join(map(str, years)) or 'none'}. Pass another year (ar=…) or None."
            )
        closed &= in_year
    return cases.loc[closed]


def talk_at_closure(cases: pd.DataFrame) -> pd.Series:
    """Whether the child was talked with at closure, alone or together with the guardian (Exempel 2).

    True when either ``samtal_enskilt_avslut`` or ``samtal_vh_avslut`` is
    yes; False when neither is yes and at least one is answered; NA when
    neither is answered (e.g. a follow-up registration). A frame with only
    one of the two columns uses that one.

    >>> from webbkollen_lib import apply_dtypes
    >>> d = apply_dtypes(pd.DataFrame({"samtal_enskilt_avslut": [True, False, False, None],
    ...                                "samtal_vh_avslut": [False, True, False, None]}))
    >>> talk_at_closure(d).tolist()
    [True, True, False, <NA>]
    """
    require_frame(cases)
    present = [c for c in _TALK_COLUMNS if c in cases.columns]
    if not present:
        raise needs(" or ".join(_TALK_COLUMNS))
    block = cases[present].astype("boolean")
    yes = block.fillna(False).any(axis=1)
    answered = block.notna().any(axis=1)
    return yes.astype("boolean").where(answered, pd.NA).rename(TALK_AT_CLOSURE)


def with_talk_at_closure(cases: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``cases`` with the column ``samtal_avslut_nagot`` (:func:`talk_at_closure`)."""
    out = cases.copy()
    out[TALK_AT_CLOSURE] = talk_at_closure(cases)
    return out


def with_any_exposure(cases: pd.DataFrame) -> pd.DataFrame:
    """The registrations with at least one identified form of exposure.

    Exempel 1's means (girls vs boys) hold over these, not over all
    registrations: the reference file's note on ``e1_medel_flickor`` works
    out why from Table 4.
    """
    require_frame(cases)
    try:
        count = exposure_count(cases)
    except MissingColumnError:
        raise needs("hem_*, vh_* and barn_*", "columns") from None
    return cases.loc[(count > 0).fillna(False).to_numpy(dtype=bool)]


def school_start_group(
    cases: pd.DataFrame, start: str = "nar_ej_kunskapskrav", origin: str | None = "sverige"
) -> pd.DataFrame:
    """The closures whose school situation at the decision was ``start``, born in ``origin`` (Table 5b).

    The same registrations :func:`webbkollen_lib.analysis.change.school_change`
    tabulates (its default ``restrict={"ursprung": "sverige"}``), for
    comparing girls and boys with :func:`significance_table`.
    """
    require_frame(cases)
    for column in ("skola_beslut", "skola_avslut"):
        if column not in cases.columns:
            raise needs(column)
    codes = get_codebook()["skola_beslut"].categories
    if start not in codes:
        raise ValueError(f"start {start!r} is not a code of skola_beslut; codes: {', '.join(codes)}")
    keep = (cases["skola_beslut"].astype("object") == start).fillna(False).to_numpy(dtype=bool)
    if "tillfalle" in cases.columns:
        keep &= (cases["tillfalle"].astype("object") == "avslut").to_numpy()
    if origin is not None:
        if "ursprung" not in cases.columns:
            raise needs("ursprung")
        keep &= (cases["ursprung"].astype("object") == origin).fillna(False).to_numpy(dtype=bool)
    return cases.loc[keep]
