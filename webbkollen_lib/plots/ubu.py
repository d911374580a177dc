"""UBU figures: a provider's index per area beside all providers, with intervals, and the text that says the same."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from webbkollen_lib.core import labels as lc
from webbkollen_lib.core.formatting import format_number
from webbkollen_lib.plots.style import DARK, EDGE, LIGHT, style_context
from webbkollen_lib.present.ubu import area_name, mean_with_interval
from webbkollen_lib.systems.ubu.instrument import AREAS

__all__ = ["plot_provider_indices", "provider_indices_alt", "provider_indices_table"]


def _rows(per_provider: pd.DataFrame, unit: str, part: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    pick = per_provider[per_provider["part"] == part]
    own = pick[pick["utforare"] == unit].set_index("area").reindex(list(AREAS))
    everyone = pick[pick["utforare"] == "Alla"].set_index("area").reindex(list(AREAS))
    return own, everyone


def plot_provider_indices(per_provider: pd.DataFrame, unit: str, *, part: str = "alla", lang: str = "sv") -> Figure:
    """Dots with 95 % intervals: the unit's index per area (dark) and all providers' (light diamond).

    ``per_provider`` is :func:`webbkollen_lib.analysis.ubu.provider_indices`'s
    frame; a suppressed value (NaN) gets no dot, never a 0. The same numbers in
    words are :func:`provider_indices_alt`, the figure's text alternative.
    """
    lc.check_lang(lang)
    own, everyone = _rows(per_provider, unit, part)
    y = np.arange(len(AREAS))
    with style_context():
        fig = Figure(figsize=(8.0, 0.5 * len(AREAS) + 1.5))
        ax = fig.add_subplot()
        for frame, offset, colour, marker, label in ((own, -0.12, DARK, "o", unit),
                                                     (everyone, 0.12, LIGHT, "D",
                                                      lc.text("ubu.header.all_providers", lang))):
            mean, low, high = (frame[c].to_numpy(dtype=float) for c in ("mean", "mean_low", "mean_high"))
            ok = ~np.isnan(mean)
            err = np.nan_to_num(np.vstack([mean - low, high - mean])[:, ok])  # no interval (n = 1): no bar
            ax.errorbar(mean[ok], y[ok] + offset, xerr=err,
                        fmt=marker, color=colour, markeredgecolor=EDGE, ecolor=EDGE, elinewidth=1, capsize=3,
                        label=label, zorder=3)
        ax.set_yticks(y)
        ax.set_yticklabels([area_name(a, lang) for a in AREAS], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlim(1, 5)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang)))
        ax.set_xlabel(lc.text("ubu.header.mean", lang))
        ax.grid(axis="x", alpha=0.4)
        ax.set_title(lc.text("ubu.report.index_caption", lang))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False, fontsize=9)
        fig.tight_layout()
    return fig


def provider_indices_alt(per_provider: pd.DataFrame, unit: str, *, part: str = "alla", lang: str = "sv") -> str:
    """The figure's text alternative: every area's two means with their intervals, in words."""
    own, everyone = _rows(per_provider, unit, part)
    values = "; ".join(
        lc.text("ubu.report.figure_value", lang, area=area_name(a, lang), unit=unit,
                own=mean_with_interval(own.loc[a, "mean"], own.loc[a, "mean_low"], own.loc[a, "mean_high"], lang),
                all=mean_with_interval(everyone.loc[a, "mean"], everyone.loc[a, "mean_low"],
                                       everyone.loc[a, "mean_high"], lang))
        for a in AREAS
    )
    return lc.text("ubu.report.figure_alt", lang, unit=unit, values=values + ".")


def provider_indices_table(per_provider: pd.DataFrame, unit: str, *, part: str = "alla", lang: str = "sv") -> pd.DataFrame:
    """The table behind the figure: every area's two means with their intervals (``x`` where suppressed)."""
    own, everyone = _rows(per_provider, unit, part)
    columns = {name: [mean_with_interval(frame.loc[a, "mean"], frame.loc[a, "mean_low"], frame.loc[a, "mean_high"], lang)
                      for a in AREAS]
               for name, frame in ((unit, own), (lc.text("ubu.header.all_providers", lang), everyone))}
    return pd.DataFrame(columns, index=pd.Index([area_name(a, lang) for a in AREAS],
                                                name=lc.text("ubu.header.area", lang)))
