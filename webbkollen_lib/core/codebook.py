"""The codebook: every Webbkollen follow-up variable, its codes and labels.

The variables, codes and their Swedish and English labels live in
``codebook.yaml`` (the Webbkollen system's data contract); this module turns
them into objects that drive pandas dtypes, labels and the readable codebook
table. Words that are not variable or code labels (the readable table's
headers, sheet names) come from the label catalogue,
:mod:`webbkollen_lib.core.labels`, which also decides the languages
(:data:`LANGS`, :func:`check_lang`).

Two datasets share the codebook (see ``shared/docs/data-contract.md``):
``"registrations"`` (one row per registration of an intervention at follow-up
or closure) and ``"ratings"`` (one row per rater and vignette in the agreement
tests).

Examples
--------
>>> from webbkollen_lib import get_codebook
>>> cb = get_codebook()
>>> cb["risk_beslut"].categories
['ingen_lag', 'nagot_forhojd', 'hog', 'mycket_hog']
>>> cb.label("hem_fysiskt_vald", lang="en")
'Identified exposure in the home environment: Physical violence against the child'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.labels import LANGS, check_lang

DATASETS = ("registrations", "ratings")
OCCASIONS = ("beslut", "uppfoljning", "avslut")
KINDS = ("text", "integer", "single", "scale", "yesno", "multi")

# The codebook is the Webbkollen system's own definition; the class here is generic.
_YAML = Path(str(resources.files("webbkollen_lib.systems.webbkollen") / "codebook.yaml"))


@dataclass(frozen=True)
class Code:
    """One answer option of a variable."""

    code: str
    sv: str
    en: str
    aliases: tuple[str, ...] = ()
    missing: bool = False  # means "not known": read as NA
    unknown: bool = False  # a real category that means unknown / not applicable
    none: bool = False  # the explicit "none" option of a multi-select group
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "sv") -> str:
        return _pick(self.sv, self.en, lang)


@dataclass(frozen=True)
class Variable:
    """One variable of the codebook (a multi-select group counts as one)."""

    id: str
    kind: str
    group: str
    label_sv: str
    label_en: str
    datasets: tuple[str, ...]
    occasions: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    prefix: str | None = None
    required: bool = False
    min: int | None = None
    max: int | None = None
    derived_from: str | None = None
    aliases: tuple[str, ...] = ()
    definition_sv: str = ""
    definition_en: str = ""
    caveat_sv: str = ""
    caveat_en: str = ""
    only_for_placements: bool = False
    # a system's own keys (UBU: part, area, pair, wording, reverse), kept as written
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    # -- labels --------------------------------------------------------------
    def label(self, lang: str = "sv") -> str:
        return _pick(self.label_sv, self.label_en, lang)

    def definition(self, lang: str = "sv") -> str:
        return _pick(self.definition_sv, self.definition_en, lang)

    def caveat(self, lang: str = "sv") -> str:
        return _pick(self.caveat_sv, self.caveat_en, lang)

    # -- codes ---------------------------------------------------------------
    @property
    def categories(self) -> list[str]:
        """The codes that are categories (``missing`` codes excluded), in order."""
        return [c.code for c in self.codes if not c.missing]

    @property
    def missing_codes(self) -> list[str]:
        """Codes that mean "not known" and are read as NA."""
        return [c.code for c in self.codes if c.missing]

    @property
    def unknown_codes(self) -> list[str]:
        """Codes kept as categories that nevertheless mean unknown / not applicable."""
        return [c.code for c in self.codes if c.unknown]

    def code(self, code: str) -> Code:
        for c in self.codes:
            if c.code == code:
                return c
        raise KeyError(f"{self.id}: no code {code!r}; codes are {', '.join(self.categories)}")

    def code_labels(self, lang: str = "sv") -> dict[str, str]:
        """Mapping code -> label for the categories, in order."""
        return {c.code: c.label(lang) for c in self.codes if not c.missing}

    # -- columns -------------------------------------------------------------
    @property
    def is_multi(self) -> bool:
        return self.kind == "multi"

    @property
    def columns(self) -> list[str]:
        """Data columns: the id itself, or one bool column per option of a group."""
        if self.is_multi:
            return [f"{self.prefix}{c.code}" for c in self.codes]
        return [self.id]

    @property
    def option_columns(self) -> list[str]:
        """Columns of a multi-select group's substantive options (no "none" options)."""
        return [f"{self.prefix}{c.code}" for c in self.codes if not c.none]

    def column_label(self, column: str, lang: str = "sv") -> str:
        if not self.is_multi:
            return self.label(lang)
        code = self.code(column[len(self.prefix):])
        return f"{self.label(lang)}: {code.label(lang)}"

    @property
    def dtype(self):
        """pandas dtype of the variable's column(s)."""
        if self.kind in ("yesno", "multi"):
            return pd.BooleanDtype()
        if self.kind == "integer":
            return pd.Int64Dtype()
        if self.kind in ("single", "scale"):
            return pd.CategoricalDtype(self.categories, ordered=self.kind == "scale")
        return pd.StringDtype()

    @property
    def allowed_on(self) -> tuple[str, ...]:
        """Registration occasions (``tillfalle``) this variable may be filled in on."""
        if not self.occasions or "beslut" in self.occasions:
            return ("uppfoljning", "avslut")
        return tuple(o for o in self.occasions if o != "beslut")


class Codebook:
    """All variables, looked up by id or by data column."""

    def __init__(self, variables: list[Variable], occasion_labels, group_labels, kind_labels, yes_no):
        self.variables: dict[str, Variable] = {v.id: v for v in variables}
        self.occasion_labels = occasion_labels
        self.group_labels = group_labels
        self.kind_labels = kind_labels
        self.yes_no = yes_no
        # where a person finds the codebook's table, named in reading errors
        self.help = "get_codebook().table()"
        # the datasets this codebook describes, in first-seen order
        self.datasets: tuple[str, ...] = tuple(dict.fromkeys(d for v in variables for d in v.datasets))
        self._by_column: dict[str, tuple[Variable, str | None]] = {}
        for v in variables:
            for c in v.codes if v.is_multi else ():
                self._by_column[f"{v.prefix}{c.code}"] = (v, c.code)
        for v in variables:
            if not v.is_multi and v.datasets:
                self._by_column[v.id] = (v, None)

    def __getitem__(self, id_: str) -> Variable:
        try:
            return self.variables[id_]
        except KeyError:
            raise KeyError(f"no variable {id_!r} in the codebook") from None

    def __contains__(self, id_: str) -> bool:
        return id_ in self.variables

    def __iter__(self):
        return iter(self.variables.values())

    def __len__(self) -> int:
        return len(self.variables)

    def for_dataset(self, dataset: str = "registrations") -> list[Variable]:
        if dataset not in self.datasets:
            raise ValueError(f"dataset must be one of {', '.join(self.datasets)}, not {dataset!r}")
        return [v for v in self if dataset in v.datasets]

    def columns(self, dataset: str = "registrations") -> list[str]:
        """Every data column of a dataset, in codebook order."""
        return [c for v in self.for_dataset(dataset) for c in v.columns]

    def required_columns(self, dataset: str = "registrations") -> list[str]:
        return [v.id for v in self.for_dataset(dataset) if v.required]

    def variable_of(self, column: str) -> Variable:
        """The variable a data column belongs to (a group for ``hem_*`` etc.)."""
        try:
            return self._by_column[column][0]
        except KeyError:
            raise KeyError(f"no column {column!r} in the codebook") from None

    def option_of(self, column: str) -> str | None:
        """The option code of a multi-select column, or None."""
        return self._by_column[column][1] if column in self._by_column else None

    def multi_groups(self, dataset: str = "registrations") -> list[Variable]:
        return [v for v in self.for_dataset(dataset) if v.is_multi]

    def dtypes(self, dataset: str = "registrations") -> dict[str, object]:
        return {c: v.dtype for v in self.for_dataset(dataset) for c in v.columns}

    def label(self, column: str, lang: str = "sv") -> str:
        """Human label of a data column (variable label, or group: option)."""
        return self.variable_of(column).column_label(column, lang)

    def value_labels(self, column: str, lang: str = "sv") -> dict:
        """Mapping value -> label for a column (codes, or True/False for yes/no)."""
        check_lang(lang)
        v = self.variable_of(column)
        if v.kind in ("yesno", "multi"):
            return {True: self.yes_no[True][lang], False: self.yes_no[False][lang]}
        return v.code_labels(lang)

    def occasion_label(self, occasion: str, lang: str = "sv") -> str:
        return self.occasion_labels[occasion][check_lang(lang)]

    # -- readable tables ---------------------------------------------------------
    def table(self, lang: str = "sv", dataset: str | None = None) -> pd.DataFrame:
        """One row per data column: id, label, kind, codes, occasions, group, definition, caveat.

        This is the codebook as a person reads it; export it with
        :meth:`to_csv`, :meth:`to_excel` or :meth:`to_markdown`.
        """
        check_lang(lang)
        rows = []
        variables = self.for_dataset(dataset) if dataset else [v for v in self if v.datasets]
        for v in variables:
            for col in v.columns:
                if v.is_multi:
                    codes = f"{self.yes_no[True][lang]} / {self.yes_no[False][lang]}"
                    missing = ""
                elif v.kind == "yesno":
                    codes = f"{self.yes_no[True][lang]} / {self.yes_no[False][lang]}"
                    missing = ""
                elif v.kind == "integer":
                    codes = f"{v.min}–{v.max}" if v.min is not None else ""
                    missing = ""
                else:
                    codes = "; ".join(f"{c.code} = {c.label(lang)}" for c in v.codes if not c.missing)
                    missing = "; ".join(
                        f"{c.code} = {c.label(lang)}" for c in v.codes if c.missing or c.unknown
                    )
                rows.append(
                    {
                        "id": col,
                        "label": v.column_label(col, lang),
                        "kind": self.kind_labels[v.kind][lang],
                        "codes": codes,
                        "unknown_codes": missing,
                        "occasions": ", ".join(self.occasion_labels[o][lang] for o in v.occasions),
                        "group": self.group_labels[v.group][lang],
                        "datasets": ", ".join(v.datasets),
                        "definition": v.definition(lang),
                        "caveat": v.caveat(lang),
                    }
                )
        # the English headers are the column names themselves
        return pd.DataFrame(rows).rename(columns=catalogue.labels("codebook.header", lang))

    def codes_table(self, lang: str | None = None) -> pd.DataFrame:
        """One row per code of every single-choice and scale variable.

        Without ``lang`` the table is data: English column names
        (``variable``, ``code``, ``label_sv``, ``label_en``, ``order``,
        ``means_unknown``, ``read_as_missing``) and True/False. With ``lang``
        it is for people, as the notebook and the Excel file show it: the
        column names from the label catalogue (``Variabel``, ``Kod``, …) and
        the yes/no columns as the codebook's Ja/Nej (Yes/No).

        >>> get_codebook().codes_table("sv").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'Variabel': 'tillfalle', 'Kod': 'uppfoljning', 'Svenska': 'Uppföljning av insats',
         'Engelska': 'Follow-up of intervention', 'Ordning': 1, 'Betyder okänt': 'Nej', 'Läses som saknat värde': 'Nej'}
        """
        check_lang(lang, allow_none=True)
        rows = [
            {
                "variable": v.id,
                "code": c.code,
                "label_sv": c.sv,
                "label_en": c.en,
                "order": i,
                "means_unknown": c.missing or c.unknown,
                "read_as_missing": c.missing,
            }
            for v in self
            if v.kind in ("single", "scale")
            for i, c in enumerate(v.codes, start=1)
        ]
        frame = pd.DataFrame(rows, columns=["variable", "code", "label_sv", "label_en", "order", "means_unknown",
                                            "read_as_missing"])
        if lang is None:
            return frame
        yes_no = {True: self.yes_no[True][lang], False: self.yes_no[False][lang]}
        for column in ("means_unknown", "read_as_missing"):
            frame[column] = frame[column].map(yes_no)
        return frame.rename(columns=catalogue.labels("newcomer.codebook.header", lang))

    def definitions(self, lang: str = "sv", dataset: str | None = None) -> pd.DataFrame:
        """One row per variable with a definition or a caveat: id, label, definition, caveat.

        A multi-select group is one row (its options share the group's
        definition), where :meth:`table` repeats it on every option's column.
        """
        check_lang(lang)
        variables = self.for_dataset(dataset) if dataset else [v for v in self if v.datasets]
        rows = [
            {"id": v.id, "label": v.label(lang), "definition": v.definition(lang), "caveat": v.caveat(lang)}
            for v in variables
            if v.definition(lang) or v.caveat(lang)
        ]
        frame = pd.DataFrame(rows, columns=["id", "label", "definition", "caveat"])
        return frame.rename(columns=catalogue.labels("codebook.header", lang))

    def groups_table(self, lang: str = "sv", dataset: str = "registrations") -> pd.DataFrame:
        """Background, process and result (the report's figure 3): variables and data columns per group."""
        check_lang(lang)
        rows: dict[str, dict] = {}
        for v in self.for_dataset(dataset):
            row = rows.setdefault(v.group, {"group": self.group_labels[v.group][lang], "n_variables": 0, "n_columns": 0})
            row["n_variables"] += 1
            row["n_columns"] += len(v.columns)
        frame = pd.DataFrame(list(rows.values()), columns=["group", "n_variables", "n_columns"])
        return frame.rename(columns=catalogue.labels("newcomer.codebook.header", lang))

    def summary(self, lang: str = "sv") -> str:
        """How many data columns each dataset has, as one sentence.

        >>> get_codebook().summary("en")
        'The codebook has 76 columns in the registrations and 63 columns in the vignette ratings.'
        """
        return catalogue.text("newcomer.codebook.summary", lang, registrations=len(self.columns("registrations")),
                              ratings=len(self.columns("ratings")))

    def to_csv(self, path, lang: str = "sv") -> Path:
        path = Path(path)
        self.table(lang).to_csv(path, index=False, encoding="utf-8")
        return path

    def to_excel(self, path, lang: str = "sv") -> Path:
        path = Path(path)
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            self.table(lang).to_excel(writer, sheet_name=catalogue.text("codebook.sheet.variables", lang), index=False)
            self.codes_table(lang).to_excel(writer, sheet_name=catalogue.text("codebook.sheet.codes", lang), index=False)
        return path

    def to_markdown(self, lang: str = "sv", columns: list[str] | None = None) -> str:
        """The codebook as a Markdown table (no extra dependency)."""
        frame = self.table(lang)
        if columns is not None:
            frame = frame[columns]
        return frame_to_markdown(frame)


def frame_to_markdown(frame: pd.DataFrame) -> str:
    """Render a DataFrame as a GitHub-flavoured Markdown table."""

    def cell(x) -> str:
        text = "" if pd.isna(x) else str(x)
        return text.replace("|", "\\|").replace("\n", " ")

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(x) for x in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body]) + "\n"


def _pick(sv: str, en: str, lang: str) -> str:
    """The codebook label in ``lang`` (the codebook stores each label as an sv and an en field)."""
    return sv if check_lang(lang) == "sv" else en


def _parse_code(raw: dict) -> Code:
    known = {"code", "sv", "en", "aliases", "missing", "unknown", "none"}
    return Code(
        code=str(raw["code"]),
        sv=str(raw["sv"]),
        en=str(raw["en"]),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        missing=bool(raw.get("missing", False)),
        unknown=bool(raw.get("unknown", False)),
        none=bool(raw.get("none", False)),
        attrs={k: v for k, v in raw.items() if k not in known},
    )


_VARIABLE_KEYS = {
    "id", "kind", "group", "label", "datasets", "occasions", "codes", "codes_from", "prefix", "required",
    "min", "max", "derived_from", "aliases", "definition", "caveat", "only_for_placements",
}


def _parse(raw: dict, name: str = "codebook.yaml") -> Codebook:
    by_id = {r["id"]: r for r in raw["variables"]}
    variables = []
    for r in raw["variables"]:
        codes_raw = by_id[r["codes_from"]]["codes"] if "codes_from" in r else r.get("codes", ())
        definition = r.get("definition") or {}
        caveat = r.get("caveat") or {}
        variables.append(
            Variable(
                id=r["id"],
                kind=r["kind"],
                group=r["group"],
                label_sv=r["label"]["sv"],
                label_en=r["label"]["en"],
                datasets=tuple(r.get("datasets", ())),
                occasions=tuple(r.get("occasions", ())),
                codes=tuple(_parse_code(c) for c in codes_raw),
                prefix=r.get("prefix"),
                required=bool(r.get("required", False)),
                min=r.get("min"),
                max=r.get("max"),
                derived_from=r.get("derived_from"),
                aliases=tuple(str(a) for a in r.get("aliases", ())),
                definition_sv=definition.get("sv", ""),
                definition_en=definition.get("en", ""),
                caveat_sv=caveat.get("sv", ""),
                caveat_en=caveat.get("en", ""),
                only_for_placements=bool(r.get("only_for_placements", False)),
                attrs={k: v for k, v in r.items() if k not in _VARIABLE_KEYS},
            )
        )
    for v in variables:
        if v.kind not in KINDS:
            raise ValueError(f"{name}: variable {v.id!r} has unknown kind {v.kind!r}")
        for o in v.occasions:
            if o not in OCCASIONS:
                raise ValueError(f"{name}: variable {v.id!r} has unknown occasion {o!r}")
    yes_no = {bool(k): v for k, v in raw["yes_no"].items()}
    return Codebook(variables, raw.get("occasion_labels", {}), raw["group_labels"], raw["kind_labels"], yes_no)


def load_codebook(path) -> Codebook:
    """Parse a codebook file in ``codebook.yaml``'s format (another follow-up system's instrument).

    Each system keeps its own codebook beside its other definitions (UBU:
    ``systems/ubu/codebook.yaml``); the class, the readers and the readable
    tables are shared. Keys a variable has beyond the common ones are kept in
    :attr:`Variable.attrs`.
    """
    path = Path(path)
    with open(path, encoding="utf-8") as fh:
        return _parse(yaml.safe_load(fh), name=path.name)


@lru_cache(maxsize=1)
def get_codebook() -> Codebook:
    """The Webbkollen codebook (parsed once, then cached; treat it as read-only)."""
    return load_codebook(_YAML)


def age_group(age: pd.Series) -> pd.Series:
    """``aldersgrupp`` from ``alder`` (0–6, 7–12, 13–18, over 18), as in the report's Table 3."""
    var = get_codebook()["aldersgrupp"]
    bins = [var.code(c).attrs["min"] - 0.5 for c in var.categories] + [var.code(var.categories[-1]).attrs["max"] + 0.5]
    grouped = pd.cut(pd.to_numeric(age, errors="raise").astype("float"), bins=bins, labels=var.categories)
    return grouped.astype(var.dtype)


def apply_dtypes(frame: pd.DataFrame, dataset: str = "registrations") -> pd.DataFrame:
    """Give a frame of codes the data-contract dtypes, and derive ``aldersgrupp``.

    Scales become ordered Categoricals, single choices Categoricals, yes/no
    and multi-select options nullable booleans, integers ``Int64``, text
    ``string``. Columns the codebook does not know are left as they are.

    This assumes the values are already valid codes (a value outside the
    categories raises instead of silently becoming NA). To read and validate
    a municipality's file, use :func:`webbkollen_lib.read_registrations`.
    """
    cb = get_codebook()
    out = frame.copy()
    for column, dtype in cb.dtypes(dataset).items():
        if column not in out.columns:
            continue
        s = out[column]
        if isinstance(dtype, pd.CategoricalDtype):
            present = set(s.dropna().astype(str).unique())
            bad = present - set(dtype.categories)
            if bad:
                raise ValueError(
                    f"column {column!r}: value(s) {sorted(bad)} not among the codes "
                    f"{list(dtype.categories)}; use read_registrations() to validate a file"
                )
            out[column] = s.astype("object").where(s.notna(), None).astype(dtype)
        elif isinstance(dtype, pd.BooleanDtype):
            out[column] = s.astype("boolean")
        elif isinstance(dtype, pd.Int64Dtype):
            out[column] = s.astype("Int64")
        else:
            out[column] = s.astype("string")
    if dataset == "registrations" and "alder" in out.columns:
        groups = age_group(out["alder"])
        if "aldersgrupp" in out.columns:
            out["aldersgrupp"] = groups
        else:
            out.insert(out.columns.get_loc("alder") + 1, "aldersgrupp", groups)
    return out
