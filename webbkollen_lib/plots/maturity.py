"""The follow-up maturity figure: one panel per source, published shares only, and its text alternative."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from webbkollen_lib.analysis.maturity import SOURCES, THEMES, follow_up_maturity
from webbkollen_lib.core import labels as lc
from webbkollen_lib.plots.style import DARK, style_context
from webbkollen_lib.present.maturity import share_text, word

__all__ = ["plot_maturity", "maturity_alt"]


def _published(table: pd.DataFrame | None) -> pd.DataFrame:
    table = follow_up_maturity() if table is None else table
    return table[table["publicerad"].fillna(False).astype(bool) & table["andel"].notna()]


def plot_maturity(table: pd.DataFrame | None = None, lang: str = "sv") -> Figure:
    """One panel per source, so the eye compares themes within a source and draws no line between years.

    Filled dots are shares of municipalities, hollow ones shares of closed
    interventions; synthetic rows and rows without a share are left out.
    """
    shown = _published(table)
    rows = {t: i for i, t in enumerate(reversed(THEMES))}
    with style_context():
        fig = Figure(figsize=(11.5, 5))
        axes = fig.subplots(1, len(SOURCES), sharey=True)
        for ax, source in zip(axes, SOURCES):
            part = shown[shown["kalla"] == source]
            for unit, fill in (("kommuner", DARK), ("registreringar", "white")):
                points = part[part["enhet"] == unit]
                ax.scatter(points["andel"], [rows[t] for t in points["tema"]], marker="o", s=55,
                           facecolors=fill, edgecolors=DARK, linewidths=1.2, zorder=3)
                for share, theme in zip(points["andel"], points["tema"]):
                    ax.annotate(share_text(share, lang), (share, rows[theme]), xytext=(7, 0),
                                textcoords="offset points", va="center", fontsize=8)
            ax.set_title(word("kalla", source, lang), fontsize=10)
            ax.set_xlim(0, 100)
            ax.set_xlabel(word("figur", "x", lang))
            ax.grid(axis="x")
        axes[0].set_yticks(list(rows.values()), [textwrap.fill(word("tema", t, lang), 34) for t in rows], fontsize=8)
        axes[0].set_ylim(-0.5, len(rows) - 0.5)
        fig.legend(handles=[Line2D([], [], marker="o", linestyle="", markerfacecolor=DARK, markeredgecolor=DARK,
                                   label=word("figur", "ifylld", lang)),
                            Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=DARK,
                                   label=word("figur", "ihalig", lang))],
                   loc="lower center", ncol=2, frameon=False)
        fig.suptitle(word("figur", "titel", lang), x=0.01, ha="left", fontweight="bold")
        fig.tight_layout(rect=(0, 0.06, 1, 0.97))
    return fig


def maturity_alt(table: pd.DataFrame | None = None, lang: str = "sv") -> str:
    """The figure's text alternative: every share it shows, theme by theme, and what it leaves out."""
    shown = _published(table)
    parts = []
    for theme in THEMES:
        values = [f"{word('kalla', r.kalla, lang)} {share_text(r.andel, lang)} ({word('enhet', r.enhet, lang).lower()})"
                  for r in shown[shown["tema"] == theme].itertuples()]
        parts.append(f"{word('tema', theme, lang)}: {'; '.join(values) if values else word('figur', 'ingen', lang)}.")
    return lc.text("mognad.figur.alt", lang, values=" ".join(parts)) + "\n\n" + word("figur", "utelamnat", lang)
