"""The Öppna jämförelser 2015 report for one municipality: Socialstyrelsen's analysis guide in four steps.

Run by ``webbkollen batch --report oj2015`` (one report per municipality of
the shipped ÖJ 2015 data, notebook ``notebooks/oj2015rapport.ipynb``) or in a
notebook:

>>> from webbkollen_lib.reports.oj2015 import load_oj2015_report
>>> report = load_oj2015_report(None, "Solna")
>>> [b.title for b in report.blocks()][:2]
['Öppna jämförelser 2015: Solna', 'Steg 1. Identifiera förbättringsområden']

The four steps follow the source's chapter 4 (*Socialstyrelsens analysguide i
fyra steg*): 1. the municipality's results beside the county and the nation,
the targets met per area and the indicators where it falls short; 2. other
information: for a municipality that also took part in Webbkollen, its
Webbkollen registrations beside the related indicators, otherwise a note;
3. what more to look at (the guide's questions, and change over time, which
one year of data cannot show); 4. a goals-and-activities table to fill in.
Every word comes from the label catalogue (``oj2015report`` group); the
Webbkollen figures go through disclosure control like the municipality
report's.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from webbkollen_lib.analysis.indicators import targets_by_area
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_count
from webbkollen_lib.io import datasets
from webbkollen_lib.io.indicators import read_indicators
from webbkollen_lib.present.indicators import profile_table, related_indicators, shortfalls, targets_table
from webbkollen_lib.present.tables import summary_table
from webbkollen_lib.reports.municipality import Block
from webbkollen_lib.systems.oj2015.indicators import load_indicators, load_oppna_jamforelser

__all__ = ["IndicatorReport", "load_oj2015_report", "WEBBKOLLEN_VARIABLES"]

#: The Webbkollen variables shown beside the indicators in step 2.
WEBBKOLLEN_VARIABLES = ["avslutsorsak", "samtal_enskilt_beslut", "samtal_enskilt_avslut"]

class IndicatorReport:
    """The blocks of one municipality's ÖJ 2015 report (see the module docstring)."""

    def __init__(self, data: pd.DataFrame, catalogue: pd.DataFrame, kommun: str, *, lang: str = "sv",
                 lan: str = "Stockholms län", webbkollen: pd.DataFrame | None = None, min_cell: int = 5):
        self.lang = lc.check_lang(lang)
        units = sorted(set(data.loc[data["niva"].astype(str) == "kommun", "enhet"]))
        if kommun not in units:
            raise ValueError(f"{kommun!r} is not a municipality of the indicator data; municipalities: {', '.join(units)}")
        self.data, self.catalogue, self.kommun, self.lan = data, catalogue, kommun, lan
        self.webbkollen, self.min_cell = webbkollen, min_cell

    def _w(self, key: str, **fields) -> str:
        return lc.text(f"oj2015report.{key}", self.lang, **fields)

    def header(self) -> Block:
        return Block(self._w("title", kommun=self.kommun), self._w("intro"), notes=[self._w("source")], level=1, lang=self.lang)

    def step1(self) -> Block:
        t = targets_by_area(self.data, self.catalogue)
        own = t[t["enhet"] == self.kommun]
        n, met, unknown = int(own["med_mal"].sum()), int(own["uppfyllda"].sum()), int(own["okanda"].sum())
        sentence = self._w("step1_sentence", kommun=self.kommun, met=format_count(met, self.lang),
                           n=format_count(n, self.lang), unknown=format_count(unknown, self.lang))
        tables = [(self._w("targets_caption"), targets_table(self.data, self.catalogue, enhet=self.kommun, lang=self.lang)),
                  (self._w("profile_caption", lan=self.lan),
                   profile_table(self.data, self.catalogue, self.kommun, lan=self.lan, lang=self.lang))]
        notes = [self._w("shortfall_intro")] + shortfalls(self.data, self.catalogue, self.kommun, lang=self.lang)
        notes += [self._w("guide_step1")]
        return Block(self._w("step1_title"), sentence, tables=tables, notes=notes, lang=self.lang)

    def step2(self) -> Block:
        related = related_indicators(self.catalogue)
        web = self.webbkollen
        has_web = web is not None and self.kommun in set(web["kommun"].astype(str))
        if not has_web:
            return Block(self._w("step2_title"), self._w("step2_none", kommun=self.kommun),
                         notes=[self._w("guide_step2")], lang=self.lang)
        own = web[web["kommun"].astype(str) == self.kommun]
        variables = [v for v in WEBBKOLLEN_VARIABLES if v in own.columns]
        table = summary_table(own, variables, lang=self.lang, min_cell=self.min_cell, missing="ifany")
        beside = profile_table(self.data, self.catalogue, self.kommun, lan=self.lan, indicators=related, lang=self.lang)
        sentence = self._w("step2_sentence", kommun=self.kommun, n=format_count(len(own), self.lang))
        return Block(self._w("step2_title"), sentence,
                     tables=[(self._w("step2_indicators"), beside), (self._w("step2_webbkollen"), table)],
                     notes=[self._w("step2_synthetic"), self._w("guide_step2")], lang=self.lang)

    def step3(self) -> Block:
        return Block(self._w("step3_title"), self._w("step3_sentence"),
                     notes=[self._w(f"step3_q{i}") for i in range(1, 5)], lang=self.lang)

    def step4(self) -> Block:
        columns = [self._w(f"plan_{c}") for c in ("area", "goal", "activity", "who", "when", "followup")]
        plan = pd.DataFrame([[""] * len(columns) for _ in range(3)], columns=columns)
        return Block(self._w("step4_title"), self._w("step4_sentence"), tables=[("", plan)],
                     notes=[self._w(f"step4_q{i}") for i in range(1, 5)], lang=self.lang)

    def caveats(self) -> Block:
        return Block(self._w("caveats_title"), "", notes=[self._w(f"caveat{i}") for i in range(1, 5)], kind="caveats",
                     lang=self.lang)

    def blocks(self) -> list[Block]:
        return [self.header(), self.step1(), self.step2(), self.step3(), self.step4(), self.caveats()]

    def _repr_html_(self) -> str:
        return "\n".join(b._repr_html_() for b in self.blocks())


@lru_cache(maxsize=2)
def _webbkollen(path: str, stamp: tuple[int, int]) -> pd.DataFrame:
    # the key holds the file's modification time and size: a changed file is read again
    return datasets.load_cases(path)


def load_oj2015_report(data, kommun: str, *, lang: str = "sv", min_cell: int = 5,
                       webbkollen: str | None = None) -> IndicatorReport:
    """Read the indicators (``data``: a file; None or "" the shipped ÖJ 2015 data) and build the report.

    ``webbkollen`` is a registrations file for step 2 (default: the shipped
    synthetic Webbkollen data, which is said in the report).
    """
    frame = load_oppna_jamforelser() if data in (None, "") else read_indicators(Path(data))
    web_path = (datasets.CASES_FILE if not webbkollen else Path(webbkollen)).resolve()
    return IndicatorReport(frame, load_indicators(), kommun, lang=lang,
                           webbkollen=_webbkollen(str(web_path), datasets.file_stamp(web_path)),
                           min_cell=min_cell)
