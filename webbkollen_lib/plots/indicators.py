"""Figures of published indicators: share indicators as dots, each municipality against the county and the nation."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_percent
from webbkollen_lib.plots.style import DARK, EDGE, LIGHT, PAIR, style_context
from webbkollen_lib.present.indicators import indicator_name

__all__ = ["plot_share_indicators", "style_yes_no"]


def plot_share_indicators(data: pd.DataFrame, catalogue: pd.DataFrame, *, lan: str = "Stockholms län",
                          riket: str = "Riket", highlight: str | None = None, lang: str = "sv") -> Figure:
    """A dot plot of every share indicator: one row each, a dot per municipality, the county and the nation marked.

    Ja/Nej indicators are left out (a municipality answers Ja or Nej; their
    county share is in :func:`webbkollen_lib.present.indicators.yes_no_overview`),
    and so are cells withheld (``x``) or missing: they get no dot, never a 0.
    ``highlight`` draws one municipality darker. The title names what the
    markers are; the figure's numbers are in the profile tables beside it.
    """
    lc.check_lang(lang)
    matt = catalogue.set_index("indikator")["enhet"].astype(str)
    shares = data[data["indikator"].astype(str).map(matt) == "andel"]
    order = [i for i in catalogue["indikator"] if i in set(shares["indikator"])]
    with style_context():
        fig = Figure(figsize=(9.0, 0.45 * len(order) + 1.6))
        ax = fig.add_subplot()
        y = {ind: k for k, ind in enumerate(order)}
        kommun = shares[(shares["niva"].astype(str) == "kommun") & shares["varde"].notna()]
        others = kommun[kommun["enhet"] != highlight]
        ax.scatter(others["varde"], others["indikator"].map(y), s=28, color=LIGHT, edgecolor=EDGE, linewidth=0.5,
                   label=lc.text("indicators.plot_municipalities", lang), zorder=2)
        if highlight is not None:
            own = kommun[kommun["enhet"] == highlight]
            ax.scatter(own["varde"], own["indikator"].map(y), s=60, color=DARK, edgecolor=EDGE, linewidth=0.5,
                       label=highlight, zorder=4)
        for unit, marker, label in ((lan, "D", lan), (riket, "|", lc.text("indicators.plot_nation", lang))):
            part = shares[(shares["enhet"] == unit) & shares["varde"].notna()]
            ax.scatter(part["varde"], part["indikator"].map(y), marker=marker, s=70, color="black",
                       linewidth=1.5, label=label, zorder=3)
        ax.set_yticks(np.arange(len(order)))
        ax.set_yticklabels([textwrap.fill(indicator_name(i, lang), 40) for i in order], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0, lang)))
        ax.grid(axis="x", alpha=0.4)
        ax.set_title(lc.text("indicators.plot_title", lang))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


def style_yes_no(table: pd.DataFrame, lang: str = "sv"):
    """A :func:`yes_no_overview` as a heat table: Ja dark, Nej light, the words kept in every cell.

    The colours only repeat what the text says (a grey-scale-safe pair from
    :mod:`webbkollen_lib.plots.style`), so the table reads the same printed in
    black and white or with a screen reader.
    """
    yes, no = lc.text("indicators.answer_ja", lang), lc.text("indicators.answer_nej", lang)
    colours = {yes: f"background-color: {PAIR[0]}; color: white", no: f"background-color: {PAIR[1]}; color: black"}
    return table.style.map(lambda cell: colours.get(cell, ""))
