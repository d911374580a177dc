"""The 2012 survey's county report: one region's answers beside the nation, for its development leader.

Run by ``webbkollen batch --report kartlaggning`` (one report per survey region
with enough answering municipalities, notebook
``notebooks/kartlaggningsrapport.ipynb``) or in a notebook:

>>> from webbkollen_lib.reports.kartlaggning import load_kartlaggning_report
>>> report = load_kartlaggning_report(None, "Uppsala")
>>> [b.title for b in report.blocks()][:2]
['Kartläggning av systematisk uppföljning 2012: Uppsala', 'Svarsfrekvens']

The response rate comes first, every region's, those without answers too. A
region with fewer than ``min_cell`` answering municipalities has no figures of
its own, and neither has a region held back so that the small regions
together cannot be worked out from the nation (the nation is published beside
every region: :func:`webbkollen_lib.disclosure.suppress_small_units`); its
report shows the nation only. The batch runner makes no report for a region
without figures of its own.

Question 10's rankings are read from the file beside the answers named
``<answers' stem>_prioriteringar.csv`` (the shipped data follow this), if there
is one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from webbkollen_lib.analysis.kartlaggning import response_by_region
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_count, format_percent
from webbkollen_lib.disclosure import MIN_CELL, SHOWN, suppress_small_units
from webbkollen_lib.io.datasets import file_stamp
from webbkollen_lib.io.kartlaggning import KARTLAGGNING_FILE, read_kartlaggning, read_prioriteringar
from webbkollen_lib.present.kartlaggning import (
    priority_table,
    question_table,
    question_title,
    region_name,
    response_table,
)
from webbkollen_lib.reports.municipality import Block
from webbkollen_lib.systems.kartlaggning2012.survey import QUESTIONS, get_kartlaggning_codebook

__all__ = ["RegionReport", "load_kartlaggning_report", "region_status", "regions_with_reports", "region_code",
           "priorities_path"]


def region_status(answers: pd.DataFrame, min_cell: int = MIN_CELL) -> pd.Series:
    """Region code -> ``visas`` or held back (:func:`~webbkollen_lib.disclosure.suppress_small_units`)."""
    sizes = response_by_region(answers).set_index("region")["svarande"]
    return suppress_small_units(sizes, min_cell)


def regions_with_reports(answers: pd.DataFrame, min_cell: int = MIN_CELL) -> list[str]:
    """The region codes with figures of their own, in the report's order."""
    status = region_status(answers, min_cell)
    order = list(response_by_region(answers)["region"])
    return [r for r in order if status[r] == SHOWN]


def region_code(region: str) -> str:
    """A survey region's code from its code or its Swedish or English name (``"Göteborgsregionen (GR)"``)."""
    var = get_kartlaggning_codebook()["region"]
    for code in var.codes:
        if region in (code.code, code.sv, code.en, *code.aliases):
            return code.code
    raise ValueError(f"{region!r} is not a survey region; allowed: {', '.join(c.sv for c in var.codes)}")


def priorities_path(answers_path: Path) -> Path:
    """Where question 10's rankings belong to an answers file: ``<stem>_prioriteringar.csv`` beside it."""
    return answers_path.with_name(f"{answers_path.stem}_prioriteringar.csv")


class RegionReport:
    """The blocks of one region's report (see the module docstring)."""

    def __init__(self, answers: pd.DataFrame, region: str, *, priorities: pd.DataFrame | None = None,
                 lang: str = "sv", min_cell: int = MIN_CELL, synthetic: bool = True):
        self.lang = lc.check_lang(lang)
        self.region = region_code(region)
        self.answers, self.priorities = answers, priorities
        self.min_cell, self.synthetic = min_cell, synthetic
        self.shown = self.region in regions_with_reports(answers, min_cell)
        self.name = region_name(self.region, self.lang)

    def _w(self, key: str, **fields) -> str:
        return lc.text(f"kartlaggning.report.{key}", self.lang, **fields)

    def header(self) -> Block:
        notes = ([self._w("synthetic")] if self.synthetic else []) + [self._w("source")]
        return Block(self._w("title", region=self.name), self._w("intro"), notes=notes, level=1, lang=self.lang)

    def response(self) -> Block:
        table = response_by_region(self.answers).set_index("region")
        own = table.loc[self.region]
        total_n, total_answering = int(table["kommuner"].sum()), int(table["svarande"].sum())
        sentence = self._w(
            "response_sentence", region=self.name, answering=format_count(own["svarande"], self.lang),
            municipalities=format_count(own["kommuner"], self.lang),
            rate=format_percent(own["svarsfrekvens"], 0, self.lang),
            nation_answering=format_count(total_answering, self.lang),
            nation_municipalities=format_count(total_n, self.lang),
            nation_rate=format_percent(total_answering / total_n, 0, self.lang))
        notes = [self._w("nonresponse_note")]
        if not self.shown:
            notes.insert(0, self._w("too_few", region=self.name, limit=self.min_cell))
        return Block(self._w("response_title"), sentence,
                     tables=[(self._w("response_caption"), response_table(self.answers, self.lang))], notes=notes, lang=self.lang)

    def questions(self) -> Block:
        region = self.region if self.shown else None
        tables = [(question_title(q, self.lang), question_table(self.answers, q, region=region, lang=self.lang))
                  for q in QUESTIONS if q != 10]
        sentence = self._w("questions_sentence", region=self.name) if self.shown else ""
        notes = [lc.text("kartlaggning.base.svarande", self.lang), self._w("skip_note"),
                 lc.text("kartlaggning.interval_note", self.lang), self._w("caveat3")]
        return Block(self._w("questions_title"), sentence, tables=tables, notes=notes, lang=self.lang)

    def priorities_block(self) -> Block:
        if self.priorities is None or self.priorities.empty:
            return Block(self._w("priorities_title"), self._w("priorities_none", region=self.name), lang=self.lang)
        ranked = set(self.priorities["region"].astype(str))
        own = self.region if self.region in ranked else None
        sentence = self._w("priorities_sentence", n=format_count(len(ranked), self.lang))
        notes = [] if own else [self._w("priorities_none", region=self.name)]
        return Block(self._w("priorities_title"), sentence,
                     tables=[("", priority_table(self.priorities, region=own, lang=self.lang))], notes=notes, lang=self.lang)

    def caveats(self) -> Block:
        return Block(self._w("caveats_title"), "", notes=[self._w("caveat1"), self._w("caveat2")], kind="caveats",
                     lang=self.lang)

    def blocks(self) -> list[Block]:
        return [self.header(), self.response(), self.questions(), self.priorities_block(), self.caveats()]

    def _repr_html_(self) -> str:
        return "\n".join(b._repr_html_() for b in self.blocks())


@lru_cache(maxsize=4)
def _read(path: str, answers_stamp: tuple[int, int], priorities_stamp: tuple[int, int]):
    # a warm batch kernel makes many reports from one file; the key holds both files' modification
    # time and size (size -1: absent), so a changed, added or removed file is read again
    answers = read_kartlaggning(Path(path))
    beside = priorities_path(Path(path))
    return answers, (read_prioriteringar(beside) if beside.is_file() else None)


def load_kartlaggning_report(data, region: str, *, lang: str = "sv", min_cell: int = MIN_CELL) -> RegionReport:
    """Read the answers (``data``: a file; None or "" the shipped synthetic answers) and build one region's report."""
    path = (KARTLAGGNING_FILE if data in (None, "") else Path(data)).resolve()
    answers, priorities = _read(str(path), file_stamp(path), file_stamp(priorities_path(path)))
    return RegionReport(answers, region, priorities=priorities, lang=lang, min_cell=min_cell,
                        synthetic=path == KARTLAGGNING_FILE.resolve())

