"""The UBU provider report: one provider's results beside all providers, through the spärr.

Run by ``webbkollen batch --report ubu`` (one report per provider with at
least ``min_questionnaires`` questionnaires, notebook ``notebooks/uburapport.ipynb``)
or in a notebook:

>>> from webbkollen_lib.reports.ubu import load_ubu_report
>>> report = load_ubu_report(None, "Algårdens HVB (fiktiv)")
>>> [b.title for b in report.blocks()][:2]
['UBU – vård och boende: Algårdens HVB (fiktiv)', 'Svar per part']

A provider the spärr holds back (fewer than ``min_questionnaires``
questionnaires, or held back so that the suppressed ones together cannot be
worked out from the total) has no report: asking for one is refused. Within a
report, a party's index resting on fewer than ``min_questionnaires`` answers
is ``x``, and counts below ``min_cell`` go through
:func:`webbkollen_lib.disclosure.protect_table`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from webbkollen_lib.analysis.ubu import provider_indices, response_by_part, sparr
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_count, format_percent
from webbkollen_lib.disclosure import MIN_CELL, SUPPRESSED, footnote, protect_table
from webbkollen_lib.io.datasets import file_stamp
from webbkollen_lib.io.ubu import UBU_FILE, read_ubu
from webbkollen_lib.plots.ubu import plot_provider_indices, provider_indices_alt, provider_indices_table
from webbkollen_lib.present.ubu import (
    index_table,
    min_questionnaires_note,
    part_name,
    party_table,
    response_table,
)
from webbkollen_lib.reports.municipality import Block, FigureEntry
from webbkollen_lib.systems.ubu.instrument import MIN_QUESTIONNAIRES, get_ubu_codebook

__all__ = ["ProviderReport", "load_ubu_report", "providers_with_reports", "suppressed_providers"]


def providers_with_reports(data: pd.DataFrame, min_questionnaires: int = MIN_QUESTIONNAIRES) -> list[str]:
    """The providers the spärr lets through, largest first."""
    status = sparr(data, min_questionnaires=min_questionnaires)
    return status.loc[status["status"] == "visas", "utforare"].tolist()


def suppressed_providers(data: pd.DataFrame, min_questionnaires: int = MIN_QUESTIONNAIRES) -> int:
    """How many providers the spärr holds back (counted, never named)."""
    status = sparr(data, min_questionnaires=min_questionnaires)
    return int((status["status"] != "visas").sum())


class ProviderReport:
    """The blocks of one provider's UBU report (see the module docstring)."""

    def __init__(self, data: pd.DataFrame, utforare: str, *, lang: str = "sv",
                 min_questionnaires: int = MIN_QUESTIONNAIRES, min_cell: int = MIN_CELL, synthetic: bool = True):
        self.lang = lc.check_lang(lang)
        shown = providers_with_reports(data, min_questionnaires)
        if utforare not in shown:
            known = set(data["utforare"].astype("object"))
            why = (f"has fewer than {min_questionnaires} questionnaires or is held back so that the providers "
                   f"with fewer cannot be worked out (spärr): no report of its own"
                   if utforare in known else "is not a provider in the data")
            raise ValueError(f"{utforare!r} {why}")
        self.data, self.unit = data, utforare
        self.min_questionnaires, self.min_cell, self.synthetic = min_questionnaires, min_cell, synthetic
        self.own = data[data["utforare"].astype("object") == utforare]
        self.per_provider = provider_indices(data, min_questionnaires=min_questionnaires, only=utforare)

    def _w(self, key: str, **fields) -> str:
        return lc.text(f"ubu.report.{key}", self.lang, **fields)

    def header(self) -> Block:
        notes = [self._w("synthetic")] if self.synthetic else []
        return Block(self._w("title", unit=self.unit), self._w("intro"), notes=notes, level=1, lang=self.lang)

    def _answered(self) -> dict[str, int]:
        table = response_by_part(self.own)
        answered = table[table["status"] == "besvarad"].set_index("part")["n"]
        return {**{p: int(answered[p]) for p in answered.index}, "alla": len(self.own)}

    def response(self) -> Block:
        """Parts answered and not, protected with the questionnaires as the total (a rest of 1–4 is a small count)."""
        answered = self._answered()
        yes, no = lc.text("ubu.header.answered", self.lang), lc.text("ubu.header.not_answered", self.lang)
        parts = {p: part_name(p, self.lang) for p in ("ungdom", "foralder")}
        counts = pd.DataFrame({yes: [answered[p] for p in parts], no: [len(self.own) - answered[p] for p in parts]},
                              index=list(parts.values()))
        protected = protect_table(counts, self.min_cell, lang=self.lang, total_label=lc.text("ubu.total", self.lang))
        own_text = protected.count_text[yes]
        if SUPPRESSED in own_text.tolist():
            sentence = self._w("response_sentence_hidden", unit=self.unit, n=format_count(len(self.own), self.lang))
        else:
            sentence = self._w("response_sentence", unit=self.unit, n=format_count(len(self.own), self.lang),
                               youth=own_text.iloc[0], parent=own_text.iloc[1])
        table = response_table(self.data, self.unit, lang=self.lang).set_index(lc.text("ubu.header.part", self.lang))
        for p, name in parts.items():
            if own_text.loc[name] == SUPPRESSED:
                table.loc[name, self.unit] = SUPPRESSED
        return Block(self._w("response_title"), sentence, tables=[(self._w("response_caption"), table)],
                     notes=[self._w("response_note"), footnote(self.min_cell, self.lang)], lang=self.lang)

    def indices(self) -> Block:
        table = index_table(self.per_provider, self.unit, lang=self.lang)
        figure = FigureEntry(plot_provider_indices(self.per_provider, self.unit, lang=self.lang),
                             provider_indices_alt(self.per_provider, self.unit, lang=self.lang),
                             provider_indices_table(self.per_provider, self.unit, lang=self.lang),
                             self._w("index_caption"))
        notes = [self._w("index_note"), min_questionnaires_note(self.min_questionnaires, self.lang)]
        own = self.per_provider[(self.per_provider["utforare"] == self.unit) & (self.per_provider["part"] == "alla")]
        without = {p for w in own["without"] if w for p in w.split(",")}
        if without:
            names = ", ".join(part_name(p, self.lang).lower() for p in sorted(without))
            notes.append(self._w("without_note", parties=names, min=self.min_questionnaires))
        return Block(self._w("index_title"), self._w("index_sentence"),
                     tables=[(self._w("index_caption"), table)], figures=[figure], notes=notes, lang=self.lang)

    def parties(self) -> Block:
        return Block(self._w("party_title"), self._w("party_sentence"),
                     tables=[(self._w("party_caption"), party_table(self.per_provider, self.unit, lang=self.lang))],
                     notes=[min_questionnaires_note(self.min_questionnaires, self.lang)], lang=self.lang)

    def breakdowns(self) -> Block:
        cb = get_ubu_codebook()
        yes, no = cb.yes_no[True][self.lang], cb.yes_no[False][self.lang]
        unknown = lc.text("table.missing", self.lang)
        everyone = lc.text("ubu.header.all_providers", self.lang)
        others = self.data[self.data["utforare"].astype("object") != self.unit]
        rows = {}
        # the provider and the others, so that the total row is all providers (the provider is one of them);
        # "not known" is a column, so a row's total is its questionnaires, a number the report shows
        for name, frame in ((self.unit, self.own), (lc.text("ubu.header.other_providers", self.lang), others)):
            s = frame["sammanbrott"]
            rows[name] = {yes: int((s == True).sum()), no: int((s == False).sum()),  # noqa: E712 (nullable)
                          unknown: int(s.isna().sum())}
        counts = pd.DataFrame(rows).T
        if counts[unknown].sum() == 0:
            counts = counts.drop(columns=unknown)
        if len(self.own) < self.min_cell:
            # the provider's total is in the report (its questionnaires) and below min_cell: any split of it
            # is a small count, however the cells are hidden
            total = counts.sum()
            share = format_percent(total[yes] / (total[yes] + total[no]), 0, self.lang)
            sentence = self._w("breakdown_too_few", unit=self.unit, min=self.min_cell, all=share)
            return Block(self._w("breakdown_title"), sentence, lang=self.lang)
        protected = protect_table(counts, self.min_cell, lang=self.lang)
        total = lc.text("disclosure.total", self.lang)
        shares = protected.share_text[yes]
        sentence = self._w("breakdown_sentence", unit=self.unit, own=shares.loc[self.unit], all=shares.loc[total])
        table = protected.table.rename(index={total: everyone})  # the total row is all providers
        return Block(self._w("breakdown_title"), sentence,
                     tables=[(self._w("breakdown_caption"), table)],
                     notes=[footnote(self.min_cell, self.lang)], lang=self.lang)

    def caveats(self) -> Block:
        notes = [self._w(f"caveat{i}", min=self.min_questionnaires) if i == 4 else self._w(f"caveat{i}")
                 for i in range(1, 5)]
        return Block(self._w("caveats_title"), "", notes=notes, kind="caveats", lang=self.lang)

    def blocks(self) -> list[Block]:
        return [self.header(), self.response(), self.indices(), self.parties(), self.breakdowns(), self.caveats()]

    def _repr_html_(self) -> str:
        return "\n".join(b._repr_html_() for b in self.blocks())


@lru_cache(maxsize=2)
def _read(path: str, stamp: tuple[int, int]) -> pd.DataFrame:
    # the key holds the file's modification time and size: a changed file is read again
    return read_ubu(path)


def load_ubu_report(data, utforare: str, *, lang: str = "sv", min_questionnaires: int = MIN_QUESTIONNAIRES,
                    min_cell: int = MIN_CELL) -> ProviderReport:
    """Read the questionnaires (``data``: a file; None or "" the shipped synthetic ones) and build the report."""
    path = (UBU_FILE if data in (None, "") else Path(data)).resolve()
    synthetic = path == UBU_FILE.resolve()
    return ProviderReport(_read(str(path), file_stamp(path)), utforare, lang=lang, min_questionnaires=min_questionnaires,
                          min_cell=min_cell, synthetic=synthetic)
