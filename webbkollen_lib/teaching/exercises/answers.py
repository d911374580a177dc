"""Helpers that work out expected answers from the data, shared by several exercises.

Each is a small library call (memoised per check in the :class:`.Context`)
or a way to print a number as the tables and the report print it. Helpers
used by one exercise only live in that exercise's module.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.agreement.coefficients import consensus, percent_agreement
from webbkollen_lib.analysis.descriptive import frequency_table
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count, format_number, format_percent
from webbkollen_lib.systems.webbkollen.reference import load_published_figures
from webbkollen_lib.teaching.exercises.checking import Context, Unavailable

__all__ = [
    "freq",
    "category_row",
    "share",
    "count",
    "pct",
    "num",
    "report_figure",
    "label",
    "missing_hint",
    "agreement_numbers",
]


def freq(ctx: Context, variable: str, *, by=None, dropna=True) -> pd.DataFrame:
    """:func:`~webbkollen_lib.analysis.descriptive.frequency_table` of the context's data, without intervals."""
    return ctx.memo(("freq", variable, by, dropna), lambda: frequency_table(ctx.data, variable, by=by, dropna=dropna, ci=None))


def category_row(frame: pd.DataFrame, category, group=None) -> pd.Series:
    """The one row of a frequency table for a category (None: the missing row), in a group."""
    rows = frame[frame["category"].eq(category) if category is not None else frame["category"].isna()]
    if group is not None:
        rows = rows[rows["group"].eq(group)]
    if len(rows) != 1:
        raise Unavailable(f"hittar inte kategorin {category!r}" + (f" i gruppen {group!r}" if group else ""))
    return rows.iloc[0]


def share(ctx, variable, category, *, group=None, by=None, dropna=True) -> float:
    """The share of a category (of those with an answer unless ``dropna=False``)."""
    return float(category_row(freq(ctx, variable, by=by, dropna=dropna), category, group)["share"])


def count(ctx, variable, category, *, group=None, by=None) -> int:
    """The number of registrations in a category."""
    return int(category_row(freq(ctx, variable, by=by), category, group)["n"])


def pct(share, decimals: int = 0) -> str:
    """A share as the tables print it ("57 %")."""
    return format_percent(share, decimals)


def num(value, decimals: int = 2) -> str:
    """A number as the tables print it (decimal comma)."""
    return format_number(value, decimals)


def report_figure(figure_id: str) -> str:
    """A figure the report publishes, as the report prints it, read from ``data/reference/``."""
    row = load_published_figures().set_index("id").loc[figure_id]
    if row["unit"] == "percent":
        return f"{format_count(row['published'])} %"
    if row["unit"] == "mean":
        return format_number(row["published"], 2)
    return format_count(row["published"])


def label(variable: str, code) -> str:
    """The Swedish label of a code (the code itself when the codebook lacks it)."""
    cb = get_codebook()
    try:
        return cb[variable].code_labels("sv").get(code, str(code))
    except KeyError:
        return str(code)


def missing_hint(variable):
    """The hint for a share worked out with the registrations missing ``variable`` in the denominator."""

    def hint(ctx):
        ft = freq(ctx, variable)
        n_missing = int(ft["n_missing"].iloc[0])
        return (
            f"Du har delat med alla {len(ctx.data)} registreringar, också de {n_missing} som saknar svar. "
            "Tabellen (och rapporten) räknar andelen av dem som har ett svar."
        )

    return hint


def agreement_numbers(ratings: pd.DataFrame) -> dict:
    """How far the raters of one vignette agree on the risk, as numbers.

    Keys: ``n_raters``, ``n_rated`` (without "inte känt"), ``modal`` (the most
    common rating), ``modal_share``, ``pairs`` (pairwise percent agreement)
    and ``within_one`` (share within one step of the median).
    """
    levels = get_codebook()["risk"].categories
    risk = ratings["risk"].astype(object)
    known = risk.dropna()
    out = {"n_raters": len(risk), "n_rated": len(known), "modal": None, "modal_share": np.nan, "pairs": np.nan, "within_one": np.nan}
    if len(known):
        counts = known.value_counts().reindex(levels, fill_value=0)
        out["modal"] = counts.idxmax()
        out["modal_share"] = float(counts.max() / counts.sum())
        table = consensus(known.tolist(), categories=levels, n_boot=200)
        out["within_one"] = float(table.loc["within_one_step", "value"])
    if len(known) >= 2:
        out["pairs"] = float(percent_agreement(pd.DataFrame([known.tolist()]), categories=levels).value)
    return out
