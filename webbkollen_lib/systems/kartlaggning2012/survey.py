"""The 2012 survey's structure: its questionnaire, the skip rule and its 24 regions.

Source: SKL (2012) *Kartläggning om systematisk uppföljning av barn och unga i
samhällsvård* (``shared/seeds/000_…``): a municipality questionnaire of nine
questions (Bilaga 1), summed per region by the regional development leader on a
summary form that adds question 10, the region's ranking of seven development
areas (Bilaga 2).

The survey has 24 regions: the 21 counties, with Västra Götaland split into four
local-authority federations (Skaraborg, Fyrbodal, Göteborgsregionen, Sjuhärad),
each with its own development leader. The source gives how many municipalities
each region has; which Västra Götaland municipality belongs to which of the four
is our assignment (``data/vastra_gotaland.csv``, made to match the source's
counts: real federation membership differs at the edges, e.g. Kungsbacka in
Halland belongs to Göteborgsregionen).

>>> regions().head(2)[["region", "lan", "kommuner"]].to_dict("records")
[{'region': 'stockholm', 'lan': 'Stockholms län', 'kommuner': 26}, {'region': 'uppsala', 'lan': 'Uppsala län', 'kommuner': 8}]
>>> municipality_regions().groupby("region").size()["skaraborg"]
15
>>> question_columns(3)[:2]
['uppgift_verksamhetsmal', 'uppgift_budget']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from webbkollen_lib.core.codebook import Codebook, load_codebook
from webbkollen_lib.core.municipalities import municipalities

__all__ = [
    "CODEBOOK_PATH", "REGIONS_FILE", "get_kartlaggning_codebook", "regions", "municipality_regions",
    "QUESTIONS", "SKIPPED_AFTER_NO", "question_variable", "question_columns", "PRIORITY_AREAS", "YEAR",
    "NO_ANSWER", "NOT_ASKED", "FORM_HEADER", "form_alternatives", "form_layout",
]

_DATA = resources.files(__package__) / "data"
CODEBOOK_PATH = Path(str(resources.files(__package__) / "codebook.yaml"))
REGIONS_FILE = Path(str(_DATA / "regioner.csv"))
_VG_FILE = Path(str(_DATA / "vastra_gotaland.csv"))

#: The year the survey was answered (autumn 2011; the report is dated February 2012).
YEAR = 2011

#: Question number -> the codebook variable holding its answer (a multi-select
#: group for 2, 3, 4, 8 and 9; question 10 is the region's ranking).
QUESTIONS: dict[int, str] = {1: "redovisat", 2: "mottagare", 3: "uppgift", 4: "kalla", 5: "it_stod",
                             6: "stodfunktioner", 7: "forbattringsarbete", 8: "hinder", 9: "stod", 10: "omrade"}

#: Nej on question 1 goes on to question 5: these questions are not asked.
SKIPPED_AFTER_NO: tuple[int, ...] = (2, 3, 4)


@lru_cache(maxsize=1)
def get_kartlaggning_codebook() -> Codebook:
    """The survey's codebook (parsed once, then cached; treat it as read-only)."""
    cb = load_codebook(CODEBOOK_PATH)
    cb.help = "get_kartlaggning_codebook().table()"
    return cb


def question_variable(question: int):
    """The codebook variable of a question number (1–10)."""
    if question not in QUESTIONS:
        raise ValueError(f"the survey has questions 1–10, not {question!r}")
    return get_kartlaggning_codebook()[QUESTIONS[question]]


def question_columns(question: int) -> list[str]:
    """The data columns of a question: one per option for a multi-select question."""
    return list(question_variable(question).columns)


@lru_cache(maxsize=1)
def _regions() -> pd.DataFrame:
    frame = pd.read_csv(REGIONS_FILE, encoding="utf-8", dtype={"region": str, "lan": str, "kommuner": "int64"})
    codes = get_kartlaggning_codebook()["region"].categories
    if list(frame["region"]) != list(codes):
        raise ValueError(f"{REGIONS_FILE}: regions {list(frame['region'])} differ from the codebook's {list(codes)}")
    return frame


def regions() -> pd.DataFrame:
    """The 24 survey regions in the report's order: ``region`` (code), ``lan`` (county), ``kommuner``."""
    return _regions().copy()


@lru_cache(maxsize=1)
def _municipality_regions() -> pd.DataFrame:
    kommuner = municipalities()[["kommun", "lan"]]
    vg = pd.read_csv(_VG_FILE, encoding="utf-8", dtype=str)
    by_county = _regions().groupby("lan")["region"].agg(list)
    single = {lan: rs[0] for lan, rs in by_county.items() if len(rs) == 1}
    frame = kommuner.merge(vg, on="kommun", how="left")
    frame["region"] = frame["region"].fillna(frame["lan"].map(single))
    unplaced = frame.loc[frame["region"].isna(), "kommun"].tolist()
    if unplaced:
        raise ValueError(f"{_VG_FILE}: municipalities without a survey region: {unplaced}")
    counts = frame.groupby("region").size()
    expected = _regions().set_index("region")["kommuner"]
    wrong = {r: (int(counts.get(r, 0)), int(n)) for r, n in expected.items() if counts.get(r, 0) != n}
    if wrong:
        raise ValueError(f"survey regions whose municipalities do not add up to the source's count (ours, source): {wrong}")
    order = {r: i for i, r in enumerate(_regions()["region"])}
    frame = frame.assign(_o=frame["region"].map(order)).sort_values(["_o", "kommun"], kind="stable")
    return frame.drop(columns="_o").reset_index(drop=True)[["kommun", "region", "lan"]]


def municipality_regions() -> pd.DataFrame:
    """All 290 municipalities with their survey region and county: ``kommun``, ``region``, ``lan``."""
    return _municipality_regions().copy()


#: The summary form's alternative counting municipalities that left a question empty.
NO_ANSWER = "ej_svar"
#: The summary form's alternative counting municipalities not asked (questions 2–4 after Nej on question 1).
NOT_ASKED = "ej_tillfragad"
#: ``variabel`` of the summary form's header rows (``fraga = 0``: ``kommuner`` and ``svarande``).
FORM_HEADER = "svar"


def form_alternatives(variable: str) -> list[tuple[str, str]]:
    """``(data column, alternative code)`` of one question's answer alternatives, in the form's order.

    >>> form_alternatives("redovisat")
    [('redovisat', 'ja'), ('redovisat', 'nej')]
    >>> form_alternatives("hinder")[0]
    ('hinder_it_system', 'it_system')
    """
    var = get_kartlaggning_codebook()[variable]
    if var.kind == "multi":
        return list(zip(var.option_columns, var.categories))
    if var.kind == "yesno":
        return [(var.id, "ja"), (var.id, "nej")]
    return [(var.id, code) for code in var.categories]


def form_layout() -> pd.DataFrame:
    """Every row a region's summary form has: ``fraga``, ``variabel``, ``alternativ``, in the form's order.

    The header (``fraga`` 0: ``kommuner``, ``svarande``), then per question 1–9
    its alternatives, :data:`NO_ANSWER` and, for questions 2–4, :data:`NOT_ASKED`.

    >>> layout = form_layout()
    >>> len(layout), layout.iloc[0].tolist()
    (63, [0, 'svar', 'kommuner'])
    """
    rows = [(0, FORM_HEADER, "kommuner"), (0, FORM_HEADER, "svarande")]
    for question, variable in QUESTIONS.items():
        if question == 10:
            continue
        rows += [(question, variable, code) for _, code in form_alternatives(variable)]
        rows.append((question, variable, NO_ANSWER))
        if question in SKIPPED_AFTER_NO:
            rows.append((question, variable, NOT_ASKED))
    return pd.DataFrame(rows, columns=["fraga", "variabel", "alternativ"])


#: Question 10's seven development areas, in the form's order.
PRIORITY_AREAS: tuple[str, ...] = tuple(get_kartlaggning_codebook()["omrade"].categories)
