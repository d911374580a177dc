"""Variables derived from registrations: exposure count, sex × origin group, form of care.

Every analysis that needs one of these calls the function here, so the
definition lives in one place.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import MissingColumnError

EXPOSURE_GROUPS = ("hem", "vh", "barn")


def exposure_columns(frame: pd.DataFrame | None = None) -> list[str]:
    """The identified-exposure option columns (hem_, vh_, barn_), "none" answers excluded.

    With a frame, only the columns it has.
    """
    cb = get_codebook()
    columns = [c for g in EXPOSURE_GROUPS for c in cb[g].option_columns]
    return columns if frame is None else [c for c in columns if c in frame.columns]


def exposure_count(frame: pd.DataFrame) -> pd.Series:
    """Number of identified exposure forms per registration (Table 2, Exempel 1).

    Counts the ticked options of the three exposure groups (home, guardian,
    child), not the explicit "none" answers. A registration with no exposure
    column filled in at all is NA, not 0.

    Note: the report says twelve types could be registered; the registration
    form has more options than that (10 home + 5 guardian + 6 child). We count
    every ticked option.
    """
    columns = exposure_columns(frame)
    if not columns:
        raise MissingColumnError("the data has no identified-exposure columns (hem_*, vh_*, barn_*)", "hem_*")
    ticks = frame[columns].astype("boolean")
    count = ticks.fillna(False).astype(int).sum(axis=1).astype("Int64")
    return count.where(ticks.notna().any(axis=1), pd.NA).rename("antal_utsatthet")


def any_exposure(frame: pd.DataFrame, group: str) -> pd.Series:
    """Whether any option of one exposure group (``hem``, ``vh`` or ``barn``) was ticked (Table 4 text)."""
    cb = get_codebook()
    columns = [c for c in cb[group].option_columns if c in frame.columns]
    if not columns:
        raise MissingColumnError(f"the data has no {cb[group].prefix}* columns", f"{cb[group].prefix}*")
    ticks = frame[columns].astype("boolean")
    return ticks.fillna(False).any(axis=1).astype("boolean").where(ticks.notna().any(axis=1), pd.NA).rename(f"{group}_nagon")


SEX_ORIGIN_ORDER = ("sverige_flicka", "sverige_pojke", "utlandet_flicka", "utlandet_pojke")
#: Labels of the four groups, {lang: {code: label}} (the label catalogue's ``derived.sex_origin``).
SEX_ORIGIN_LABELS = catalogue.by_lang("derived.sex_origin")


def sex_origin(frame: pd.DataFrame) -> pd.Series:
    """The report's four groups by origin and sex (Figure 7, Tables 5 and 7); NA where origin is unknown."""
    for column in ("kon", "ursprung"):
        if column not in frame.columns:
            raise MissingColumnError(f"the data has no {column!r} column, needed for groups by sex and origin", column)
    combined = frame["ursprung"].astype("object") + "_" + frame["kon"].astype("object")
    combined = combined.where(frame["ursprung"].notna() & frame["kon"].notna())
    return combined.astype(pd.CategoricalDtype(SEX_ORIGIN_ORDER)).rename("kon_ursprung")


def care_form(frame: pd.DataFrame) -> pd.Series:
    """Open care (``oppenvard``) or care outside the home (``heldygn``) from ``insats``."""
    if "insats" not in frame.columns:
        raise MissingColumnError("the data has no 'insats' column", "insats")
    forms = {c.code: c.attrs["form"] for c in get_codebook()["insats"].codes}
    return frame["insats"].astype("object").map(forms).astype(pd.CategoricalDtype(["oppenvard", "heldygn"])).rename("insatsform")
