"""Choosing a provider before a placement: UBU results per provider for a kind of placement, as a widget.

Kommunförbundet Västernorrland let social workers draw statistics on the HVB
they use "inför en placering som underlag för vilket HVB man ska välja"
(``shared/seeds/003_…``). :class:`ProviderLookup` does that on UBU data in a
notebook: choose the index (area), whose answers, the type of placement and
one target group (sex, age group, reason for placement or year); the providers
with enough questionnaires are ranked with their intervals and n, the spärr
and the lookup's differencing rule applied
(:func:`webbkollen_lib.analysis.ubu.provider_lookup`), and a caveat against
reading small differences as real. :func:`lookup_view` is the same without
widgets (a function returning the table and the sentences).

It can be driven without a kernel by setting ``.value`` on its widgets (the
tests do).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from webbkollen_lib.analysis.ubu import AGE_GROUPS, ALL_PARTS, provider_lookup
from webbkollen_lib.core import labels as lc
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.present.ubu import area_name, lookup_table, part_name
from webbkollen_lib.systems.ubu.instrument import AREAS, MIN_QUESTIONNAIRES, get_ubu_codebook

__all__ = ["LookupView", "lookup_view", "ProviderLookup", "GROUPS"]

#: The target-group dimensions, in the order the widget offers them.
GROUPS = ("kon", "aldersgrupp", "skal_placering", "ar")


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"ubu.lookup.{key}", lang, **fields)


@dataclass
class LookupView:
    """One answer of the lookup: the readable table, the numbers behind it and its sentences."""

    table: pd.DataFrame
    numbers: pd.DataFrame
    summary: str
    caveat: str

    def to_html(self) -> str:
        parts = [f"<p>{html.escape(self.summary)}</p>"]
        parts.append(to_html(self.table) if len(self.table) else "")
        parts.append(f"<p><small>{html.escape(self.caveat)}</small></p>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def lookup_view(data: pd.DataFrame, *, area: str = "trygghet", part: str = "alla", utforartyp=None,
                group: str | None = None, code=None, lang: str = "sv",
                min_questionnaires: int = MIN_QUESTIONNAIRES) -> LookupView:
    """The lookup for one choice: ``group`` is one of :data:`GROUPS` (or None) and ``code`` its value."""
    lc.check_lang(lang)
    if group is not None and group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)} or None, not {group!r}")
    if (group is None) != (code is None):
        raise ValueError("give group and code together (or neither)")
    filters = {group: code} if group is not None else {}
    numbers = provider_lookup(data, area=area, part=part, utforartyp=utforartyp,
                              min_questionnaires=min_questionnaires, **filters)
    hidden = numbers.attrs["suppressed"]
    if len(numbers):
        # how many questionnaires are held back is a count of young people, often a small one: not said
        summary = _w("summary", lang, n=len(numbers), min=min_questionnaires, hidden_p=hidden["providers"])
    else:
        summary = _w("none", lang)
    table = lookup_table(numbers, lang).set_index(lc.text("ubu.header.rank", lang)) if len(numbers) else pd.DataFrame()
    return LookupView(table=table, numbers=numbers, summary=summary, caveat=_w("caveat", lang))


class ProviderLookup:
    """The lookup as ipywidgets: dropdowns for index, party, type and one target group; the ranked table below.

    Parameters
    ----------
    data : DataFrame
        UBU questionnaires (:func:`webbkollen_lib.io.ubu.read_ubu` / ``load_ubu``).
    lang : {"sv", "en"}
    min_questionnaires : int
        The spärr (default 3).
    """

    def __init__(self, data: pd.DataFrame, lang: str = "sv", min_questionnaires: int = MIN_QUESTIONNAIRES):
        self.data, self.lang, self.min_questionnaires = data, lc.check_lang(lang), min_questionnaires
        cb = get_ubu_codebook()
        wide, layout = {"description_width": "initial"}, {"width": "auto"}
        every = _w("all", lang)
        self.area = w.Dropdown(options=[(area_name(a, lang), a) for a in AREAS], value="trygghet",
                               description=_w("area", lang), style=wide, layout=layout)
        self.part = w.Dropdown(options=[(part_name(p, lang), p) for p in ALL_PARTS], value="alla",
                               description=_w("part", lang), style=wide, layout=layout)
        self.type = w.Dropdown(options=[(every, None)] + [(c.label(lang), c.code) for c in cb["utforartyp"].codes
                                                         if not c.attrs.get("utanfor")],
                               value=None, description=_w("type", lang), style=wide, layout=layout)
        self.group = w.Dropdown(options=[(every, None)] + [(self._group_label(g), g) for g in GROUPS], value=None,
                                description=lc.text("ubu.lookup.group", lang), style=wide, layout=layout)
        self.code = w.Dropdown(options=[(every, None)], value=None, description="", style=wide, layout=layout)
        self.output = w.HTML()
        self.view: LookupView | None = None
        self.group.observe(self._group_changed, names="value")
        self._hold = False
        for widget in (self.area, self.part, self.type, self.code):
            widget.observe(lambda _change: None if self._hold else self.update(), names="value")
        self.widget = w.VBox([
            w.HTML(f"<h3>{html.escape(_w('title', lang))}</h3>"),
            w.HBox([w.VBox([self.area, self.part, self.type]), w.VBox([self.group, self.code])]),
            self.output,
        ])
        self.update()

    def _group_label(self, group: str) -> str:
        return _w({"kon": "sex", "aldersgrupp": "age", "skal_placering": "reason", "ar": "year"}[group], self.lang)

    def _codes(self, group: str) -> list[tuple[str, object]]:
        cb = get_ubu_codebook()
        if group == "aldersgrupp":
            return [(_w(f"age_group.{g}", self.lang), g) for g in AGE_GROUPS]
        if group == "ar":
            return [(str(y), int(y)) for y in sorted(set(self.data["ar"].dropna().astype(int)))]
        return [(c.label(self.lang), c.code) for c in cb[group].codes if not c.attrs.get("utanfor")]

    def _group_changed(self, change) -> None:
        group = change["new"]
        options = self._codes(group) if group is not None else [(_w("all", self.lang), None)]
        self._hold = True  # new options select the first code: one redraw, below
        try:
            self.code.options = options
            self.code.value = options[0][1]
        finally:
            self._hold = False
        self.update()

    def update(self) -> LookupView:
        """Redraw the table for the widgets' current values."""
        group = self.group.value
        code = self.code.value if group is not None else None
        self.view = lookup_view(self.data, area=self.area.value, part=self.part.value, utforartyp=self.type.value,
                                group=group if code is not None else None, code=code, lang=self.lang,
                                min_questionnaires=self.min_questionnaires)
        self.output.value = self.view.to_html()
        return self.view

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
