"""Figures of the agreement tests: how the raters judged risk, and risk against the factors they named."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from webbkollen_lib.agreement.vignettes import (
    UNKNOWN,
    check_ratings,
    of_vignettes,
    risk_codes,
    risk_distribution,
    risk_levels,
    vignette_order,
)
from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count, format_percent
from webbkollen_lib.plots.style import EDGE, PAIR, sequential, style_context, text_colour_on
from webbkollen_lib.present.vignettes import _risk_label, _vignette_label, _w, _with_n

__all__ = ["plot_risk_distribution", "plot_factor_count_by_risk"]


_UNKNOWN_GREY = "#d9d9d9"


def plot_risk_distribution(ratings: pd.DataFrame, *, vignettes=None, lang: str = "sv", ax=None) -> Figure:
    """One bar per vignette split by risk level (shares, with the number of raters in each part).

    Levels are one hue, light to dark (:func:`webbkollen_lib.plots.style.sequential`);
    "inte känt" is grey and dotted, so the figure reads in black and white.
    Labels come from the codebook. Pass ``ax=`` to draw into an existing Axes.
    """
    lc.check_lang(lang)
    dist = risk_distribution(ratings, vignettes=vignettes)
    order = list(dict.fromkeys(dist["vinjett"]))
    codes = [*risk_levels(), UNKNOWN]
    colours = [*sequential(len(codes) - 1), _UNKNOWN_GREY]
    hatches = [""] * (len(codes) - 1) + ["..."]
    with style_context():
        if ax is None:
            fig = Figure(figsize=(7.5, 1.6 + 0.75 * len(order)), layout="constrained")
            ax = fig.add_subplot()
            own = True
        else:
            fig, own = ax.figure, False
        left = np.zeros(len(order))
        ypos = np.arange(len(order))
        for code, colour, hatch in zip(codes, colours, hatches):
            part = dist[dist["risk"] == code].set_index("vinjett").loc[order]
            width = part["share"].to_numpy(dtype=float) * 100
            bars = ax.barh(ypos, width, 0.6, left=left, color=colour, hatch=hatch, edgecolor=EDGE,
                           label=_risk_label(code, lang))
            ax.bar_label(bars, labels=[format_count(k, lang) if w >= 5 else ""
                                       for k, w in zip(part["n"], width)],
                         label_type="center", color=text_colour_on(colour), fontsize=9)
            left += width
        n = dist.groupby("vinjett", sort=False)["n_ratings"].first().loc[order]
        ax.set_yticks(ypos, [_with_n(_vignette_label(v, lang), int(n[v]), lang) for v in order])
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_locator(MultipleLocator(20))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: format_percent(x / 100, lang=lang)))
        ax.set_xlabel(_w("share_axis", lang))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x")
        ax.set_title(get_codebook()["risk"].label(lang), loc="left")
        handles, labels = ax.get_legend_handles_labels()
        kwargs = {"ncols": 3, "handlelength": 2.2, "handleheight": 1.2}
        if own:
            fig.legend(handles, labels, loc="outside lower center", **kwargs)
        else:
            ax.legend(handles, labels, loc="best", **kwargs)
    return fig


def plot_factor_count_by_risk(ratings: pd.DataFrame, *, vignettes=None, count: str = "antal_riskfaktorer",
                              lang: str = "sv") -> Figure:
    """Number of risk factors each rater named against the risk level they chose, one panel per vignette.

    Each dot is a rater (dots side by side where several have the same
    value); the short line is the level's mean. ``count`` is an integer
    column (default ``antal_riskfaktorer``, the factors named in the open
    answer). Labels come from the codebook.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "risk", count], "plot_factor_count_by_risk")
    order = vignette_order(ratings, vignettes, "plot_factor_count_by_risk")
    sub = of_vignettes(ratings, order)
    codes = risk_codes(sub["risk"], "plot_factor_count_by_risk")
    levels = [c for c in [*risk_levels(), UNKNOWN] if c != UNKNOWN or (codes == UNKNOWN).any()]
    values = pd.to_numeric(sub[count], errors="coerce")
    cb = get_codebook()
    ylabel = cb.label(count, lang) if count in cb.columns("ratings") else count
    with style_context():
        fig = Figure(figsize=(3.3 * len(order) + 0.8, 3.9), layout="constrained")
        axes = fig.subplots(1, len(order), sharey=True, squeeze=False)[0]
        which = sub["vinjett"].astype(str).to_numpy()
        for ax, v in zip(axes, order):
            mine = which == v
            for x, lvl in enumerate(levels):
                ys = values[mine & (codes == lvl).to_numpy()].dropna().to_numpy()
                if ys.size == 0:
                    continue
                for y in np.unique(ys):
                    k = int((ys == y).sum())
                    xs = x + (np.arange(k) - (k - 1) / 2) * 0.12
                    ax.scatter(xs, np.full(k, y), s=34, color=PAIR[0], edgecolor=EDGE, linewidth=0.6, zorder=3)
                ax.hlines(ys.mean(), x - 0.32, x + 0.32, color=EDGE, linewidth=1.4, zorder=2)
            ax.set_xticks(range(len(levels)),
                          [textwrap.fill(_risk_label(c, lang), 10) for c in levels])
            ax.set_xlim(-0.6, len(levels) - 0.4)
            ax.set_title(_with_n(_vignette_label(v, lang), int(mine.sum()), lang), loc="left")
            ax.grid(axis="y")
            ax.tick_params(axis="x", length=0)
        axes[0].set_ylabel(textwrap.fill(ylabel, 28))
        axes[0].yaxis.set_major_locator(MaxNLocator(integer=True))
        top = values[sub["vinjett"].astype(str).isin(order).to_numpy()].max()
        axes[0].set_ylim(0, (top if pd.notna(top) else 1) + 1)
    return fig
