"""What a live agreement test shows the room, as numbers: one set of functions, two front ends.

The web workshop's projector page (:mod:`webbkollen_lib.web`) and the results
notebook show the same things, computed here from a ratings frame (one
vignette's answers, from :mod:`webbkollen_lib.teaching.store`):

* :func:`risk_overview` — the group ("Ni") and the report's participants side
  by side **in percent**, every level of the scale and "inte känt";
* :func:`headline` — the one figure a social worker reads at a glance: how
  many chose the most common level, and the share of pairs of answers that
  chose the same level;
* :func:`checklist_overview` — the share ticking each option of a checklist.
  No per-option kappa or alpha for a single vignette: with one unit they sit
  near 0 whatever the group does and mislead;
* :func:`words_overview` — the words of the motivations by risk level, only
  for levels with at least :data:`MIN_WORDS_ANSWERS` answers: one "mycket
  hög" rater's words would identify them.

Frames hold codes and numbers; words and formatting are the front ends' work.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from webbkollen_lib.agreement.vignettes import UNKNOWN, risk_codes, risk_distribution, risk_levels
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook

__all__ = ["MIN_WORDS_ANSWERS", "STOPWORDS_SV", "risk_overview", "headline", "checklist_overview", "words_by_rating",
           "words_overview"]

#: Fewest answers at a risk level for its words to be shown.
MIN_WORDS_ANSWERS = 3


def _one_vignette(answers: pd.DataFrame, vignette: str) -> pd.DataFrame:
    return answers.loc[(answers["vinjett"].astype(str) == vignette).to_numpy()]


def risk_overview(answers: pd.DataFrame, vignette: str) -> pd.DataFrame:
    """The group's and the report's risk ratings of ``vignette`` in percent, level by level.

    Returns one row per level of the scale and :data:`UNKNOWN`, with ``risk``
    (code), ``n_group``, ``share_group`` (of all the group's answers, "inte
    känt" included, as the report counts), ``n_report`` and ``share_report``
    (NA when the report gives no count for the vignette).

    >>> d = pd.DataFrame({"vinjett": ["jamila"] * 4, "risk": ["hog", "hog", "nagot_forhojd", None]})
    >>> row = risk_overview(d, "jamila").set_index("risk").loc["hog"]
    >>> int(row["n_group"]), float(row["share_group"])
    (2, 0.5)
    """
    own = _one_vignette(answers, vignette)
    if own.empty:
        levels = [*risk_levels(), UNKNOWN]
        out = pd.DataFrame({"risk": levels, "n_group": 0, "share_group": np.nan})
        report = risk_distribution(pd.DataFrame({"vinjett": [vignette], "risk": [None]}))
        out["n_report"] = report["published"].to_numpy()
    else:
        dist = risk_distribution(own)
        out = pd.DataFrame({"risk": dist["risk"], "n_group": dist["n"].astype(int), "share_group": dist["share"]})
        out["n_report"] = dist["published"].to_numpy()
    total = out["n_report"].sum() if out["n_report"].notna().any() else 0
    out["n_report"] = out["n_report"].astype("Int64")
    out["share_report"] = (out["n_report"].astype("Float64") / total) if total else pd.array([pd.NA] * len(out),
                                                                                               dtype="Float64")
    return out.reset_index(drop=True)


def headline(answers: pd.DataFrame, vignette: str) -> dict:
    """How far the group agrees on the risk level of ``vignette``, in the room's own words.

    Returns ``n`` (answers), ``n_known`` (answers with a level, "inte känt"
    left out), ``modal`` (the most chosen level; the higher one on a tie, as
    the safer reading), ``n_modal``, ``n_pairs`` (pairs of answers with a
    level) and ``pairs_agree`` (the share of those pairs that chose the same
    level: :math:`\\sum_k n_k(n_k-1) / (n(n-1))`, the observed agreement of
    one unit in Fleiss' kappa). ``modal`` and ``pairs_agree`` are None below
    two answers with a level.

    >>> d = pd.DataFrame({"vinjett": ["max"] * 5, "risk": ["hog", "hog", "hog", "mycket_hog", None]})
    >>> h = headline(d, "max"); (h["n_modal"], h["n_known"], h["pairs_agree"])
    (3, 4, 0.5)
    """
    own = _one_vignette(answers, vignette)
    codes = risk_codes(own["risk"], "headline")
    known = codes[codes != UNKNOWN]
    counts = np.array([(known == level).sum() for level in risk_levels()], dtype=np.int64)
    n_known = int(counts.sum())
    out = {"n": len(own), "n_known": n_known, "modal": None, "n_modal": 0,
           "n_pairs": n_known * (n_known - 1) // 2, "pairs_agree": None}
    if n_known >= 2:
        top = np.flatnonzero(counts == counts.max())[-1]
        out.update(modal=risk_levels()[top], n_modal=int(counts[top]),
                   pairs_agree=float((counts * (counts - 1)).sum() / (n_known * (n_known - 1))))
    return out


def checklist_overview(answers: pd.DataFrame, vignette: str, group: str) -> pd.DataFrame:
    """Share of the answers to ``vignette`` ticking each option of checklist ``group`` (``hem``, ``insatsforslag``, …).

    Returns ``column``, ``code`` (the option's code within the group),
    ``n_ticked``, ``n`` (answers) and ``share``, in the codebook's order.
    """
    var = get_codebook()[group]
    own = _one_vignette(answers, vignette)
    rows = []
    for column in var.columns:
        ticked = int(own[column].astype("boolean").fillna(False).sum()) if column in own else 0
        rows.append({"column": column, "code": column[len(var.prefix):], "n_ticked": ticked, "n": len(own),
                     "share": ticked / len(own) if len(own) else np.nan})
    return pd.DataFrame(rows)


def words_overview(words: pd.DataFrame, *, min_answers: int = MIN_WORDS_ANSWERS) -> tuple[pd.DataFrame, int]:
    """The rows of a words-by-rating table whose level has at least ``min_answers`` answers.

    ``words`` is :func:`webbkollen_lib.teaching.workshop.words_by_rating`'s
    table (its last column ``n`` the answers at the level). Returns the rows
    kept and the number of levels left out.
    """
    keep = words["n"] >= min_answers
    level = words.columns[0]
    hidden = int(words.loc[~keep, level].nunique())
    return words.loc[keep].reset_index(drop=True), hidden


#: Small words left out when listing the words participants used.
STOPWORDS_SV = frozenset(
    """att av de den det dessa detta dock där efter eftersom eller en ett finns för från genom har hon
    hos han i inom inte jag kan man med men mot mycket ni nu när och om på sig sin sina sitt ska som
    så till under upp ut utan vad var vara vid vi är även barnet barn""".split()
)

def words_by_rating(answers: pd.DataFrame, *, column: str = "motivering", top: int = 6, lang: str = "sv") -> pd.DataFrame:
    """The words participants used, grouped by the risk they assigned (as the report did for Jamila).

    Each answer's text is split into lower-case words; small words
    (:data:`STOPWORDS_SV`) and words under three letters are left out; a
    word counts once per answer. Returns, per risk level, the ``top`` words
    used by most answers: columns risk level (codebook label), word, number
    of answers using it, and the number of answers at that level.
    """
    cb = get_codebook()
    labels = cb["risk"].code_labels(lang)
    unknown = cb["risk"].code("inte_kant").label(lang)
    text_ = catalogue.labels("workshop.result", lang)
    rows = []
    risk = answers["risk"].astype(object)
    for code in [*labels, None]:
        part = answers.loc[(risk == code) if code is not None else risk.isna(), column].dropna().astype(str)
        if part.empty:
            continue
        counts: dict[str, int] = {}
        for answer in part:
            for word in set(re.findall(r"[a-zåäöéü]+", answer.lower())):
                if len(word) >= 3 and word not in STOPWORDS_SV:
                    counts[word] = counts.get(word, 0) + 1
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        label = labels[code] if code is not None else unknown
        for word, k in best:
            rows.append({cb["risk"].label(lang): label, text_["word"]: word, text_["uses"]: k, "n": len(part)})
    return pd.DataFrame(rows, columns=[cb["risk"].label(lang), text_["word"], text_["uses"], "n"])
