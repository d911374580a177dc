"""The report kinds ``webbkollen batch`` can run: one registry entry per kind.

A *report kind* is what the batch runner needs to know about one kind of
report, besides the runner's own machinery: which packaged notebook to run,
which data to use when none is given, how to read and check a data file, which
report units (municipalities, …) a data file has, which parameters the
notebook takes, and the words of the index page. ``webbkollen batch --report
KIND`` and :func:`webbkollen_lib.reports.batch.run_batch` (``report=``) look a
kind up in :data:`KINDS` with :func:`get_kind`.

Adding a kind is one entry in :data:`KINDS` plus its notebook:

1. the report notebook in ``notebooks/`` (a jupytext pair), its ``parameters``
   cell defining the kind's :attr:`ReportKind.parameters`, and its file name
   under ``"webbkollen_lib.reports.notebooks"`` in ``[tool.setuptools.package-data]``
   of ``pyproject.toml`` so the wheel ships it;
2. a reader that raises :class:`~webbkollen_lib.core.errors.DataError` for a bad
   file, a default data file shipped in the package, and a function listing
   the report units of a data frame with the years each has data for;
3. the words ``name``, ``title``, ``report_title`` and ``unit`` in the group
   ``batch.kind.<name>`` of the label catalogue (``core/labels.yaml``);
4. the entry in :data:`KINDS`. ``tests/test_batch.py`` checks every
   registered kind (notebook, default data, units, words, wheel mapping).

Examples
--------
>>> get_kind("kommun").notebook
'kommunrapport.ipynb'
>>> get_kind("kommun").parameters
('kommun', 'ar', 'data', 'lang', 'min_cell')
>>> get_kind("kommun").title("en", ar=2017)
'Municipal reports 2017'
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.io import datasets
from webbkollen_lib.io.indicators import read_indicators
from webbkollen_lib.io.kartlaggning import KARTLAGGNING_FILE, read_kartlaggning
from webbkollen_lib.io.registrations import read_registrations
from webbkollen_lib.disclosure import SHOWN, suppress_small_units
from webbkollen_lib.io.ubu import UBU_FILE, read_ubu
from webbkollen_lib.systems.kartlaggning2012.survey import get_kartlaggning_codebook
from webbkollen_lib.systems.oj2015.indicators import DATA_PATH as OJ2015_FILE

__all__ = ["NOTEBOOK_PACKAGE", "ReportKind", "KINDS", "get_kind", "registrations_by_kommun"]

#: The package the report notebooks are shipped in (``notebooks/`` of the repository,
#: mapped by ``[tool.setuptools.package-dir]`` in ``pyproject.toml``).
NOTEBOOK_PACKAGE = "webbkollen_lib.reports.notebooks"

#: The parameters the runner can pass a report notebook, besides the unit
#: (whose name is the kind's :attr:`ReportKind.unit_parameter`).
RUNNER_PARAMETERS = ("ar", "data", "lang", "min_cell", "min_questionnaires")

#: The words each kind has in the label catalogue group ``batch.kind.<name>``.
KIND_WORDS = ("name", "title", "report_title", "unit")


@dataclass(frozen=True)
class ReportKind:
    """One kind of batch report.

    Attributes
    ----------
    name
        The kind's name on the command line (``--report kommun``); also names
        its words in the label catalogue, ``batch.kind.<name>.*``.
    notebook
        The report notebook: a file name in the package's notebooks
        (:data:`NOTEBOOK_PACKAGE`, ``notebooks/`` in the repository), or an
        absolute path.
    default_data
        The data used when none is given: a path, or a function of no
        arguments returning one (looked up at each run, so a session may point
        the shipped data elsewhere).
    read
        Reads and checks a data file, raising
        :class:`~webbkollen_lib.core.errors.DataError` listing its problems;
        the runner calls it once per run to validate the data and list its units.
    units
        Takes what ``read`` returned and gives every report unit in it with the
        years it has data for: ``{"Umeå": {2016, 2017}, …}``. For a kind
        without years (``uses_year=False``) the sets may be empty.
    parameters
        The parameters passed to the notebook, in this order; its
        ``parameters`` cell must define them. Each is :attr:`unit_parameter`
        or one of :data:`RUNNER_PARAMETERS`.
    unit_parameter
        The notebook parameter that receives the unit (``"kommun"``).
    unit_column
        The data's column holding the units, named in error messages.
    shipped_data
        What the default data are, for the message when ``--data`` is not given.
    index_note
        For a kind that holds units back (UBU's spärr): ``index_note(frame,
        lang, **{threshold: value})`` gives the index page's sentence about the
        units without a report, counted and never named.
    threshold
        The runner parameter that decides which units hold enough for a
        report of their own, passed to ``units`` and ``index_note`` as a
        keyword (``"min_questionnaires"`` for UBU, ``"min_cell"`` for the
        2012 survey's regions); None (the default) for a kind whose every unit
        with data gets a report. Defaults to ``"min_questionnaires"`` for a
        kind with that parameter.
    uses_year
        Whether ``--ar`` applies: a report per unit *and year* (default: the
        latest year in the data), or per unit only (``--ar`` is refused).
    """

    name: str
    notebook: str | Path
    default_data: Callable[[], Path] | Path
    read: Callable[[Path], pd.DataFrame]
    units: Callable[..., Mapping[str, set[int]]]
    parameters: tuple[str, ...]
    unit_parameter: str = "kommun"
    unit_column: str = "kommun"
    uses_year: bool = True
    shipped_data: str = "the shipped synthetic data"
    index_note: Callable[..., str] | None = None
    threshold: str | None = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"ReportKind name {self.name!r} must be a simple name such as 'kommun'")
        params = tuple(self.parameters)
        object.__setattr__(self, "parameters", params)
        known = (self.unit_parameter, *RUNNER_PARAMETERS)
        unknown = [p for p in params if p not in known]
        if unknown:
            raise ValueError(
                f"report kind {self.name!r}: the runner cannot pass {', '.join(unknown)}; "
                f"parameters are taken from {', '.join(known)}"
            )
        for needed in (self.unit_parameter, "data"):
            if needed not in params:
                raise ValueError(f"report kind {self.name!r}: parameters must include {needed!r}")
        if not self.uses_year and "ar" in params:
            raise ValueError(f"report kind {self.name!r} has no year (uses_year=False) but passes 'ar'")
        if self.threshold is None and "min_questionnaires" in params:
            object.__setattr__(self, "threshold", "min_questionnaires")
        if self.threshold is not None and self.threshold not in params:
            raise ValueError(f"report kind {self.name!r}: its threshold {self.threshold!r} must be one of its parameters")

    def notebook_path(self) -> Path:
        """The report notebook as a file path (found in the installed package for a file name)."""
        path = Path(self.notebook)
        if path.is_absolute():
            return path
        return Path(str(resources.files(NOTEBOOK_PACKAGE) / str(self.notebook)))

    def data_path(self) -> Path:
        """The default data file."""
        return Path(self.default_data() if callable(self.default_data) else self.default_data)

    def word(self, word: str, lang: str = "sv", **fields) -> str:
        """One of the kind's words (:data:`KIND_WORDS`) from the label catalogue, filled in."""
        return catalogue.text(f"batch.kind.{self.name}.{word}", lang, **fields)

    def title(self, lang: str = "sv", *, ar: int | None = None) -> str:
        """The index page's title, naming the kind (``"Kommunrapporter 2017"``)."""
        return self.word("title", lang, ar=ar)

    def report_title(self, unit: str, lang: str = "sv", *, ar: int | None = None) -> str:
        """The title of one report's HTML page (``"Kommunrapport Umeå 2017"``)."""
        return self.word("report_title", lang, unit=unit, ar=ar)

    def unit_header(self, lang: str = "sv") -> str:
        """The index column header of the report units."""
        return self.word("unit", lang)


def registrations_by_kommun(frame: pd.DataFrame) -> dict[str, set[int]]:
    """Municipality -> the years it has registrations in (a frame from :func:`read_registrations`)."""
    pairs = frame[["kommun", "ar"]].dropna().drop_duplicates()
    result: dict[str, set[int]] = {}
    for kommun, ar in pairs.itertuples(index=False):
        result.setdefault(str(kommun), set()).add(int(ar))
    return result


def _shipped_registrations() -> Path:
    # read at call time: a session (the exercises' checks) may point CASES_FILE elsewhere
    return datasets.CASES_FILE


#: The per-municipality Webbkollen report: one report per municipality with
#: registrations in the year, from a registrations file.
KOMMUN = ReportKind(
    name="kommun",
    notebook="kommunrapport.ipynb",
    default_data=_shipped_registrations,
    read=read_registrations,
    units=registrations_by_kommun,
    parameters=("kommun", "ar", "data", "lang", "min_cell"),
)

def indicators_by_kommun(frame: pd.DataFrame) -> dict[str, set[int]]:
    """Municipality -> no years, for an indicator table (:func:`read_indicators`): one report per municipality."""
    return {str(u): set() for u in dict.fromkeys(frame.loc[frame["niva"].astype(str) == "kommun", "enhet"])}


def _shipped_oj2015() -> Path:
    return OJ2015_FILE


#: Öppna jämförelser 2015: one report per municipality of an indicator table
#: (Socialstyrelsen's analysis guide in four steps, :mod:`webbkollen_lib.reports.oj2015`).
OJ2015 = ReportKind(
    name="oj2015",
    notebook="oj2015rapport.ipynb",
    default_data=_shipped_oj2015,
    read=read_indicators,
    units=indicators_by_kommun,
    parameters=("kommun", "data", "lang", "min_cell"),
    unit_column="enhet",
    uses_year=False,
    shipped_data="the published Öppna jämförelser 2015 data (real figures, not synthetic)",
)

def _ubu_status(frame: pd.DataFrame, min_questionnaires: int) -> pd.Series:
    # the disclosure rule itself, not analysis.ubu.sparr: the runner should not import statsmodels
    return suppress_small_units(frame["utforare"].astype("object").value_counts(), min_questionnaires)


def ubu_providers(frame: pd.DataFrame, *, min_questionnaires: int = 3) -> dict[str, set[int]]:
    """Provider -> no years, for the providers the spärr lets through (:func:`~webbkollen_lib.analysis.ubu.sparr`)."""
    status = _ubu_status(frame, min_questionnaires)
    return {str(u): set() for u in status.index[status == SHOWN]}


def ubu_index_note(frame: pd.DataFrame, lang: str = "sv", *, min_questionnaires: int = 3) -> str:
    """The index page's line on the providers held back: how many, never which."""
    status = _ubu_status(frame, min_questionnaires)
    return catalogue.text("batch.suppressed_units", lang, min=min_questionnaires, n=int((status != SHOWN).sum()))


def _shipped_ubu() -> Path:
    return UBU_FILE


#: UBU – vård och boende: one report per provider with enough questionnaires
#: (the spärr), the provider beside all providers (:mod:`webbkollen_lib.reports.ubu`).
UBU = ReportKind(
    name="ubu",
    notebook="uburapport.ipynb",
    default_data=_shipped_ubu,
    read=read_ubu,
    units=ubu_providers,
    parameters=("utforare", "data", "lang", "min_cell", "min_questionnaires"),
    unit_parameter="utforare",
    unit_column="utforare",
    uses_year=False,
    shipped_data="the shipped synthetic UBU questionnaires (fictitious providers)",
    index_note=ubu_index_note,
)

def _region_status(frame: pd.DataFrame, min_cell: int) -> pd.Series:
    # the disclosure rule on the answering municipalities per region, all 24 regions counted
    # (reports.kartlaggning.region_status, without importing the report's presentation layer)
    regions = get_kartlaggning_codebook()["region"]
    sizes = frame["region"].astype("object").value_counts().reindex(regions.categories, fill_value=0)
    return suppress_small_units(sizes, min_cell)


def kartlaggning_regions(frame: pd.DataFrame, *, min_cell: int = 5) -> dict[str, set[int]]:
    """Region (its Swedish name) -> no years, for the regions with figures of their own (:func:`read_kartlaggning`)."""
    status = _region_status(frame, min_cell)
    regions = get_kartlaggning_codebook()["region"]
    return {regions.code(r).sv: set() for r in regions.categories if status[r] == SHOWN}


def kartlaggning_index_note(frame: pd.DataFrame, lang: str = "sv", *, min_cell: int = 5) -> str:
    """The index page's line on the regions without a report: held back (counted) and without answers (named)."""
    status = _region_status(frame, min_cell)
    sizes = frame["region"].astype("object").value_counts()
    regions = get_kartlaggning_codebook()["region"]
    none = [regions.code(r).label(lang) for r in regions.categories if sizes.get(r, 0) == 0]
    held_back = sum(1 for r in regions.categories if status[r] != SHOWN and sizes.get(r, 0) > 0)
    return catalogue.text("kartlaggning.index_note", lang, min=min_cell, n=held_back, none=", ".join(none) or "–")


def _shipped_kartlaggning() -> Path:
    return KARTLAGGNING_FILE


#: The 2012 survey: one report per survey region with enough answering
#: municipalities, the region beside the nation (:mod:`webbkollen_lib.reports.kartlaggning`).
KARTLAGGNING = ReportKind(
    name="kartlaggning",
    notebook="kartlaggningsrapport.ipynb",
    default_data=_shipped_kartlaggning,
    read=read_kartlaggning,
    units=kartlaggning_regions,
    parameters=("region", "data", "lang", "min_cell"),
    unit_parameter="region",
    unit_column="region",
    uses_year=False,
    shipped_data="the shipped synthetic answers to the 2012 survey (real municipalities, synthetic answers)",
    index_note=kartlaggning_index_note,
    threshold="min_cell",
)

#: Every report kind, by name; the first is the default. A new kind is one
#: entry here, its notebook (listed in pyproject's package-data) and its words
#: in ``batch.kind.<name>`` of ``core/labels.yaml``; the tests over KINDS check
#: all three.
KINDS: dict[str, ReportKind] = {KOMMUN.name: KOMMUN, OJ2015.name: OJ2015, UBU.name: UBU,
                                KARTLAGGNING.name: KARTLAGGNING}

DEFAULT_KIND = KOMMUN.name


def get_kind(name: str | ReportKind) -> ReportKind:
    """The report kind called ``name`` (a :class:`ReportKind` is returned as it is).

    Raises
    ------
    ValueError
        For an unknown name, naming the allowed kinds (and the closest).
    """
    if isinstance(name, ReportKind):
        return name
    if isinstance(name, str) and name in KINDS:
        return KINDS[name]
    close = difflib.get_close_matches(name, list(KINDS), n=1, cutoff=0.6) if isinstance(name, str) else []
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"{name!r} is not a report kind; allowed: {', '.join(KINDS)}{hint}")
