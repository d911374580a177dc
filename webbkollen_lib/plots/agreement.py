"""The study-planning figure: precision by number of units and raters, and its text alternative."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_number
from webbkollen_lib.plots.style import DARK, sequential, style_context

__all__ = ["plot_study_plan", "study_plan_alt"]


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"agreement_extras.plan.{key}", lang, **fields)


def _coefficient(plan: pd.DataFrame, lang: str) -> str:
    name = plan.attrs.get("coefficient", "krippendorff_alpha")
    label = lc.labels("vignettes.coefficient", lang).get(name, name)
    return label.format(ac="AC2" if name == "gwet_ac2" else "AC1") if "{ac}" in label else label


def plot_study_plan(plan: pd.DataFrame, *, lang: str = "sv", ax=None) -> Figure:
    """Half-width against the number of units, one line per number of raters, the target dashed.

    ``plan`` is :func:`webbkollen_lib.agreement.plan_study`'s table. The
    numbers are in :func:`study_plan_alt`.
    """
    lc.check_lang(lang)
    raters = sorted(plan["n_raters"].unique())
    with style_context():
        if ax is None:
            fig = Figure(figsize=(7.5, 4.5))
            ax = fig.subplots()
        else:
            fig = ax.figure
        colours = sequential(len(raters) + 1)[1:]
        for colour, g in zip(colours, raters):
            part = plan[plan["n_raters"] == g].sort_values("n_units")
            ax.plot(part["n_units"], part["half_width"], marker="o", color=colour,
                    label=_w("raters", lang, n=g))
        target = float(plan["target"].iloc[0])
        ax.axhline(target, color=DARK, linestyle="--", linewidth=1,
                   label=_w("target", lang, h=format_number(target, 2, lang).rstrip("0").rstrip(",.")))
        ax.set_xscale("log")
        ticks = sorted(plan["n_units"].unique())
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
        ax.set_ylim(0, None)
        ax.set_xlabel(_w("x", lang))
        ax.set_ylabel(_w("y", lang))
        ax.set_title(_w("title", lang), fontsize=10, loc="left")
        ax.legend(frameon=False, fontsize=8)
        ax.grid(axis="y")
    return fig


def study_plan_alt(plan: pd.DataFrame, *, lang: str = "sv") -> str:
    """The figure's text alternative: every design's half-width in words.

    Examples
    --------
    >>> import pandas as pd
    >>> plan = pd.DataFrame({"n_units": [5], "n_raters": [10], "half_width": [0.31], "expected": [0.6],
    ...                      "target": [0.1]})
    >>> study_plan_alt(plan, lang="en")
    "The figure shows how precise Krippendorff's alpha is if the true value is 0.6, one line per number of raters. 5 cases and 10 raters give ±0.31."
    """
    lc.check_lang(lang)
    rows = plan.sort_values(["n_raters", "n_units"])
    designs = "; ".join(_w("alt_design", lang, units=int(r.n_units), raters=int(r.n_raters),
                           half=format_number(r.half_width, 2, lang)) for r in rows.itertuples())
    expected = format_number(float(plan["expected"].iloc[0]), 2, lang).rstrip("0").rstrip(",.")
    return _w("alt", lang, coefficient=_coefficient(plan, lang), expected=expected, values=designs + ".")
