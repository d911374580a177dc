"""Shared internals of the analysis modules: finding a variable in a frame, its kind and labels.

:func:`resolve` turns a name into the data and labels an analysis needs. A
name can be

* a data column the codebook knows (``risk_beslut``, ``kon``,
  ``hem_fysiskt_vald``: one option of a multi-select group is a yes/no);
* a multi-select group id (``hem``, ``vh``, ``barn``, ``samverkan``, …): all
  its option columns the frame has;
* a derived variable (computed with :mod:`webbkollen_lib.systems.webbkollen.derived`, never
  redefined here): ``antal_utsatthet`` (alias ``exposure_count``),
  ``kon_ursprung``, ``insatsform``, ``hem_nagon``/``vh_nagon``/``barn_nagon``,
  and ``aldersgrupp`` from ``alder`` when the frame lacks it (a derived
  variable already added as a column, e.g. ``antal_utsatthet_klass`` from
  :func:`webbkollen_lib.analysis.exposure_risk.bin_exposure_count`, keeps its labels);
* any other column of the frame (labels are then its name and its values).
  Its kind comes from its dtype: boolean is yes/no, an ordered Categorical
  a scale, another Categorical or text a single choice, and a number an
  integer, **except that a numeric column whose only values are 0 and 1
  (missing aside) is read as yes/no, 1 = yes**: such a column is almost
  always an indicator, and an analysis then compares shares (chi-square or
  Fisher, difference in shares) instead of means and medians of 0s and 1s.
  A column with any other value (0/1/2, …) stays an integer, and so do the
  codebook's integer variables (``alder``) and the exposure count, whatever
  values they take. Nothing is lost: the mean of a 0/1 column is the share
  of 1s, which the yes/no analyses report (with Wilson or Newcombe
  intervals rather than t intervals).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import MissingColumnError, require_columns, require_frame
from webbkollen_lib.systems.webbkollen import derived
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import age_group, get_codebook
from webbkollen_lib.core.formatting import text
from webbkollen_lib.core.labels import LANGS, check_lang

KINDS = ("single", "scale", "yesno", "multi", "integer")


def check_frame(data) -> pd.DataFrame:
    """``data`` if it is a registrations DataFrame (see :func:`webbkollen_lib.core.errors.require_frame`)."""
    return require_frame(data, "data", "registrations (see load_cases / read_registrations)")


def check_level(ci) -> float | None:
    if ci is None or ci is False:
        return None
    ci = float(ci)
    if not 0 < ci < 1:
        raise ValueError(f"ci must be a confidence level between 0 and 1 (e.g. 0.95), got {ci!r}")
    return ci


def needs(column: str, what: str = "column") -> MissingColumnError:
    return MissingColumnError(f"the analysis needs {what} {column!r}, which the data lacks", column)


@dataclass(frozen=True)
class Resolved:
    """A variable found in a frame: its values, kind, categories and labels.

    ``values`` is a Series (one column) or, for a multi-select group, a
    DataFrame of nullable booleans (one column per option). ``categories``
    are the codes in display order (for a multi-select group: the option
    columns; for a yes/no: ``[True, False]``; for an integer: the observed
    values, sorted).
    """

    name: str
    kind: str
    values: pd.Series | pd.DataFrame
    categories: list
    labels: dict = field(compare=False)  # lang -> variable label
    value_labels: dict = field(compare=False)  # lang -> {code: label}

    def label(self, lang: str = "sv") -> str:
        return self.labels[check_lang(lang)]

    def value_label(self, code, lang: str = "sv") -> str:
        return self.value_labels[check_lang(lang)].get(code, str(code))

    @property
    def is_multi(self) -> bool:
        return self.kind == "multi"

    def answered(self) -> pd.Series:
        """True where the variable has a value (a multi-select group: any option filled in)."""
        if self.is_multi:
            return self.values.notna().any(axis=1)
        return self.values.notna()

    def codes(self) -> pd.Series:
        """Non-multi: values as an object Series of codes (NA where missing)."""
        if self.is_multi:
            raise TypeError(f"{self.name!r} is a multi-select group, not a single column")
        return self.values.astype("object").where(self.values.notna(), None)


def _yes_no_labels() -> dict:
    cb = get_codebook()
    return {lang: {True: cb.yes_no[True][lang], False: cb.yes_no[False][lang]} for lang in LANGS}


def _from_codebook(data: pd.DataFrame, name: str) -> Resolved:
    cb = get_codebook()
    var = cb.variable_of(name)
    s = data[name]
    labels = {lang: cb.label(name, lang) for lang in LANGS}
    if var.is_multi or var.kind == "yesno":
        return Resolved(name, "yesno", _as_boolean(s, name), [True, False], labels, _yes_no_labels())
    if var.kind in ("single", "scale"):
        values = _as_codes(s, name, var.categories)
        return Resolved(
            name, var.kind, values, list(var.categories), labels,
            {lang: var.code_labels(lang) for lang in LANGS},
        )
    if var.kind == "integer":
        values = _as_integer(s, name)
        cats = sorted(int(v) for v in values.dropna().unique())
        return Resolved(name, "integer", values, cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    # free text (e.g. kommun): its values are the categories
    return _inferred(s, name, labels)


def _as_boolean(s: pd.Series, name: str) -> pd.Series:
    try:
        return s.astype("boolean")
    except (TypeError, ValueError):
        bad = [v for v in s.dropna().unique() if v not in (True, False, 0, 1)]
        raise ValueError(f"column {name!r}: value(s) {bad[:5]} are not yes/no (True/False)") from None


def _as_codes(s: pd.Series, name: str, categories) -> pd.Series:
    values = s.astype("object").where(s.notna(), None)
    bad = sorted({str(v) for v in values.dropna().unique()} - {str(c) for c in categories})
    if bad:
        raise ValueError(
            f"column {name!r}: value(s) {bad} are not among the codes {list(categories)}; "
            f"read the data with read_registrations() to validate it"
        )
    return pd.Series(pd.Categorical(values, categories=list(categories)), index=s.index, name=name)


def _as_integer(s: pd.Series, name: str) -> pd.Series:
    numeric = pd.to_numeric(s, errors="coerce")
    bad = s.notna() & (numeric.isna() | (numeric.notna() & (numeric != np.floor(numeric.fillna(0)))))
    if bad.any():
        raise ValueError(f"column {name!r}: value {s[bad].iloc[0]!r} is not a whole number")
    return numeric.astype("Int64")


def _inferred(s: pd.Series, name: str, labels: dict | None = None) -> Resolved:
    labels = labels or {lang: name for lang in LANGS}
    if isinstance(s.dtype, pd.BooleanDtype) or s.dtype == bool:
        return Resolved(name, "yesno", s.astype("boolean"), [True, False], labels, _yes_no_labels())
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = list(s.dtype.categories)
        kind = "scale" if s.dtype.ordered else "single"
        return Resolved(name, kind, s, cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    if pd.api.types.is_numeric_dtype(s.dtype):
        values = _as_integer(s, name)
        cats = sorted(int(v) for v in values.dropna().unique())
        if cats and set(cats) <= {0, 1}:
            # a 0/1 indicator is a yes/no, not a count (see the module docstring)
            return Resolved(name, "yesno", values.astype("boolean"), [True, False], labels, _yes_no_labels())
        return Resolved(name, "integer", values, cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    values = s.astype("object").where(s.notna(), None)
    cats = sorted(values.dropna().unique(), key=str)
    return Resolved(
        name, "single", pd.Series(pd.Categorical(values, categories=cats), index=s.index, name=name),
        cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS},
    )


def _multi(data: pd.DataFrame, name: str) -> Resolved:
    cb = get_codebook()
    var = cb[name]
    columns = [c for c in var.columns if c in data.columns]
    if not columns:
        raise MissingColumnError(
            f"the analysis needs the {var.prefix}* columns of the multi-select group {name!r}, "
            f"which the data lacks",
            name,
        )
    values = pd.DataFrame({c: _as_boolean(data[c], c) for c in columns}, index=data.index)
    value_labels = {lang: {c: var.code(c[len(var.prefix):]).label(lang) for c in columns} for lang in LANGS}
    return Resolved(name, "multi", values, columns, {lang: var.label(lang) for lang in LANGS}, value_labels)


# Labels of derived variables the codebook does not define (the label catalogue's ``derived`` group):
# {lang: {code: label}} for the form of care, {variable: {lang: label}} for the variables.
_CARE_FORM_LABELS = catalogue.by_lang("derived.care_form")
_DERIVED_LABELS = catalogue.by_key("derived.variable")


def _derived(data: pd.DataFrame, name: str) -> Resolved | None:
    cb = get_codebook()
    if name in ("antal_utsatthet", "exposure_count"):
        try:
            values = derived.exposure_count(data)
        except KeyError:
            raise MissingColumnError(
                "the analysis needs the identified-exposure columns (hem_*, vh_*, barn_*) "
                "to count exposures, which the data lacks",
                name,
            ) from None
        cats = sorted(int(v) for v in values.dropna().unique())
        labels = {lang: text("exposure_count", lang) for lang in LANGS}
        return Resolved(name, "integer", values.rename(name), cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    if name == "kon_ursprung":
        for column in ("kon", "ursprung"):
            if column not in data.columns:
                raise needs(column, "column")
        values = derived.sex_origin(data)
        return Resolved(
            name, "single", values, list(derived.SEX_ORIGIN_ORDER), _DERIVED_LABELS[name],
            {lang: dict(derived.SEX_ORIGIN_LABELS[lang]) for lang in LANGS},
        )
    if name == "insatsform":
        if "insats" not in data.columns:
            raise needs("insats")
        values = derived.care_form(data)
        return Resolved(name, "single", values, ["oppenvard", "heldygn"], _DERIVED_LABELS[name], _CARE_FORM_LABELS)
    if name.endswith("_nagon") and name[: -len("_nagon")] in derived.EXPOSURE_GROUPS:
        group = name[: -len("_nagon")]
        try:
            values = derived.any_exposure(data, group)
        except KeyError:
            raise MissingColumnError(
                f"the analysis needs the {cb[group].prefix}* columns, which the data lacks", name
            ) from None
        labels = {lang: text("any_option", lang, label=cb[group].label(lang)) for lang in LANGS}
        return Resolved(name, "yesno", values.rename(name), [True, False], labels, _yes_no_labels())
    if name == "aldersgrupp" and "alder" in data.columns:
        var = cb["aldersgrupp"]
        return Resolved(
            name, "scale", age_group(data["alder"]).rename(name), list(var.categories),
            {lang: var.label(lang) for lang in LANGS}, {lang: var.code_labels(lang) for lang in LANGS},
        )
    return None


def resolve(data: pd.DataFrame, name: str) -> Resolved:
    """Find ``name`` in ``data`` (see the module docstring); raise MissingColumnError if absent."""
    check_frame(data)
    if not isinstance(name, str):
        raise TypeError(f"a variable is named by a string, not {type(name).__name__} ({name!r})")
    cb = get_codebook()
    if name in data.columns:
        if name in ("kon_ursprung", "insatsform", "antal_utsatthet", "exposure_count", "antal_utsatthet_klass"):
            found = _derived_from_column(data, name)
            if found is not None:
                return found
        try:
            cb.variable_of(name)
        except KeyError:
            return _inferred(data[name], name)
        return _from_codebook(data, name)
    if name in cb and cb[name].is_multi:
        return _multi(data, name)
    found = _derived(data, name)
    if found is not None:
        return found
    if name in cb:
        raise needs(name)
    raise MissingColumnError(
        f"the analysis needs column {name!r}, which the data lacks (it is neither a data column, "
        f"a codebook variable nor a derived variable such as antal_utsatthet or kon_ursprung)",
        name,
    )


def _derived_from_column(data: pd.DataFrame, name: str) -> Resolved | None:
    """A derived variable the caller already added as a column: keep its labels."""
    s = data[name]
    if name in ("antal_utsatthet", "exposure_count"):
        values = _as_integer(s, name)
        cats = sorted(int(v) for v in values.dropna().unique())
        labels = {lang: text("exposure_count", lang) for lang in LANGS}
        return Resolved(name, "integer", values, cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    if name == "kon_ursprung":
        values = _as_codes(s, name, derived.SEX_ORIGIN_ORDER)
        return Resolved(
            name, "single", values, list(derived.SEX_ORIGIN_ORDER), _DERIVED_LABELS[name],
            {lang: dict(derived.SEX_ORIGIN_LABELS[lang]) for lang in LANGS},
        )
    if name == "insatsform":
        values = _as_codes(s, name, ["oppenvard", "heldygn"])
        return Resolved(name, "single", values, ["oppenvard", "heldygn"], _DERIVED_LABELS[name], _CARE_FORM_LABELS)
    if name == "antal_utsatthet_klass" and isinstance(s.dtype, pd.CategoricalDtype):
        # exposure_risk.bin_exposure_count(): bins labelled "0–2", "3–5", …
        cats = list(s.dtype.categories)
        labels = {lang: text("exposure_count", lang) for lang in LANGS}
        return Resolved(name, "scale", s, cats, labels, {lang: {c: str(c) for c in cats} for lang in LANGS})
    return None


def resolve_group(data: pd.DataFrame, by: str) -> Resolved:
    """The grouping variable: one column with categories (not a multi-select group)."""
    g = resolve(data, by)
    if g.is_multi:
        raise ValueError(
            f"by={by!r} is a multi-select group; group by one of its options (e.g. {g.categories[0]!r}) "
            f"or by a derived yes/no such as 'hem_nagon'"
        )
    return g


def group_order(g: Resolved) -> list:
    """Group codes in display order; yes/no groups as [True, False]."""
    return list(g.categories)

def code_positions(values: pd.Series, categories: list) -> np.ndarray:
    """Position of each value in ``categories``; -1 where missing."""
    obj = values.astype("object").where(values.notna(), None)
    return pd.Categorical(obj, categories=categories).codes.astype(np.int64)


def codebook_variable(column: str):
    """The codebook variable that holds ``column`` (a multi-select option: its group), or None."""
    cb = get_codebook()
    try:
        return cb.variable_of(column)
    except KeyError:
        return None


def code_scale(data: pd.DataFrame, column: str) -> dict:
    """The codes of a coded column: ``categories`` (in order), whether ``ordered``, and the ``unknown`` codes.

    From the codebook for a codebook variable (a yes/no or a multi-select
    option: ``[True, False]``), else from the column's pandas Categorical
    dtype; any other column raises a ValueError saying how to make it one.

    >>> import pandas as pd
    >>> code_scale(pd.DataFrame({"risk_beslut": []}), "risk_beslut")["categories"]
    ['ingen_lag', 'nagot_forhojd', 'hog', 'mycket_hog']
    """
    require_frame(data)
    require_columns(data, [column], "code_scale")
    var = codebook_variable(column)
    if var is not None and var.kind in ("single", "scale"):
        return {"categories": list(var.categories), "ordered": var.kind == "scale", "unknown": list(var.unknown_codes)}
    if var is not None and var.kind in ("yesno", "multi"):
        return {"categories": [True, False], "ordered": False, "unknown": []}
    dtype = data[column].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return {"categories": list(dtype.categories), "ordered": bool(dtype.ordered), "unknown": []}
    raise ValueError(
        f"column {column!r} is neither a codebook variable with codes nor a pandas Categorical; "
        "give it a Categorical dtype with the categories in order"
    )
