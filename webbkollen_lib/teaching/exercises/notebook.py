"""Helpers the exercise notebooks call: the ratings and text of a vignette, overview tables, ``show``.

They return objects (DataFrames, Markdown text, a displayable table) for the
notebook to show; none of them checks an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from webbkollen_lib.agreement.coefficients import checklist_shares
from webbkollen_lib.analysis.descriptive import crosstab
from webbkollen_lib.analysis.variables import resolve, resolve_group
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_count
from webbkollen_lib.io import datasets
from webbkollen_lib.present.tables import to_html, to_markdown
from webbkollen_lib.teaching.exercises.answers import agreement_numbers, label, pct
from webbkollen_lib.teaching.store import open_store

__all__ = ["vignette_ratings", "vignette_text", "agreement_overview", "checklist_overview", "count_table", "show"]


def vignette_ratings(vinjett: str = "jamila", folder=None) -> pd.DataFrame:
    """The ratings of one vignette: from a live test's answers, or the shipped synthetic ratings.

    Parameters
    ----------
    vinjett : str
        Vignette id (``assi``, ``max``, ``jamila``, ``tobias``, ``mohammad``),
        or whatever id the trainer gave the live test.
    folder : str or Path, optional
        Where the live agreement test kept its answers: the answer folder of
        the notebook form or the web workshop's ``.sqlite`` file
        (:func:`webbkollen_lib.teaching.store.open_store`; the same answers
        the results notebook shows). None: the synthetic ratings of the
        report's agreement tests.
    """
    if folder is not None:
        ratings = open_store(folder).answers(vinjett)
        if ratings.empty:
            raise ValueError(f"inga svar för vinjetten {vinjett!r} i {folder} ännu (no answers for this vignette yet)")
        return ratings.reset_index(drop=True)
    ratings = datasets.load_vignette_ratings()
    known = sorted(ratings["vinjett"].dropna().astype(str).unique())
    if vinjett not in known:
        raise ValueError(f"det finns inga bedömningar av vinjetten {vinjett!r}; välj en av {', '.join(known)}")
    return ratings[ratings["vinjett"].astype(str).eq(vinjett)].reset_index(drop=True)


def agreement_overview(ratings: pd.DataFrame) -> pd.DataFrame:
    """How far the raters of one vignette agree on the risk, in words a workshop reads.

    Rows: raters, raters with a rating ("inte känt" left out), the most common
    rating, the share choosing it, the share of pairs of raters who agree
    (pairwise percent agreement, :func:`webbkollen_lib.agreement.coefficients.percent_agreement`
    on the one vignette: Σₖ nₖ(nₖ−1) / (n(n−1))) and the share within one step
    of the median (:func:`webbkollen_lib.agreement.coefficients.consensus`).
    """
    nums = agreement_numbers(ratings)
    rows = {
        "Antal bedömare": format_count(nums["n_raters"]),
        "Antal med en riskbedömning (utan 'inte känt')": format_count(nums["n_rated"]),
        "Vanligaste bedömning": label("risk", nums["modal"]) if nums["modal"] else "–",
        "Andel som valde den vanligaste": pct(nums["modal_share"]),
        "Andel par av bedömare som är överens": pct(nums["pairs"]),
        "Andel högst ett steg från medianen": pct(nums["within_one"]),
    }
    return pd.DataFrame({"Värde": rows}).rename_axis("Mått")


def count_table(data: pd.DataFrame, variable: str, by: str, lang: str = "sv") -> pd.DataFrame:
    """Counts of ``variable`` (columns) per group of ``by`` (rows), labelled, without totals.

    The input :func:`webbkollen_lib.disclosure.protect_table` takes. Built on
    :func:`webbkollen_lib.analysis.descriptive.crosstab`, so registrations missing
    either variable are left out.
    """
    ct = crosstab(data, variable, by=by, lang=lang)
    counts = ct.counts.drop(index="total", columns="total").astype("int64")
    var, group = resolve(data, variable), resolve_group(data, by)
    counts.index = pd.Index([group.value_label(c, lang) for c in counts.index], name=group.label(lang))
    counts.columns = pd.Index([var.value_label(c, lang) for c in counts.columns], name=var.label(lang))
    return counts


def vignette_text(vinjett: str, lang: str = "sv") -> str:
    """The vignette's title and text as Markdown (a short note for a vignette id the texts lack)."""
    texts = datasets.load_vignettes()
    if vinjett not in texts:
        return f"*Ingen text finns för vinjetten '{vinjett}'.*" if lang == "sv" else f"*No text for vignette '{vinjett}'.*"
    v = texts[vinjett]
    return f"### {v[f'title_{lang}']}\n\n{v[f'text_{lang}']}"


def checklist_overview(ratings: pd.DataFrame, group: str = "hem") -> pd.DataFrame:
    """Share and number of raters ticking each option of a checklist group (``hem``, ``vh``, ``barn``).

    Labels from the codebook; the share is of the raters who answered the
    checklist (:func:`webbkollen_lib.agreement.coefficients.checklist_shares`). Raters
    who did not answer it (test 1 asked only for the risk) are left out;
    with nobody answering, every share is "–".
    """
    var = get_codebook()[group]
    columns = [c for c in var.columns if c in ratings.columns]
    answered = ratings[columns].notna().any(axis=1) if columns else pd.Series(False, index=ratings.index)
    labels = [var.code(c[len(var.prefix):]).label("sv") for c in columns]
    if answered.any():
        shares = checklist_shares(ratings[answered], columns)["all"]
        ticked = ratings.loc[answered, columns].fillna(False).astype(bool).sum()
    else:
        shares = pd.Series(np.nan, index=columns)
        ticked = pd.Series(0, index=columns)
    return pd.DataFrame(
        {"Andel som kryssade": [pct(s) for s in shares], "Antal": [format_count(int(n)) for n in ticked]},
        index=pd.Index(labels, name=f"{var.label('sv')} (svar från {int(answered.sum())} bedömare)"),
    )


@dataclass(frozen=True)
class _Shown:
    table: pd.DataFrame

    def _repr_html_(self) -> str:
        return to_html(self.table)

    def __repr__(self) -> str:
        return to_markdown(self.table)


def show(table: pd.DataFrame):
    """A summary table with its footnotes, for display: HTML in a notebook, Markdown elsewhere.

    ``summary_table`` keeps its footnotes (what the percentages are of, how
    many are missing) in ``.attrs``; a bare DataFrame would not show them.
    """
    return _Shown(table)
