"""Agreement between UBU's parties: the young person, the parent and the social worker on the items they share.

UBU asks the parties about the same things (was the young person safe, did
they get support with schoolwork, …: the items sharing a ``pair`` key in
``systems/ubu/codebook.yaml``). Each questionnaire is then a unit rated by two
fixed raters, the parties, which is the design of Cohen's kappa; no UBU report
asked how far the parties agree.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.agreement.coefficients import conger_kappa, krippendorff_alpha
from webbkollen_lib.core.errors import require_frame
from webbkollen_lib.systems.ubu.instrument import SCORES, item_scores, pair_items, pairs

__all__ = ["party_agreement"]


def party_agreement(data: pd.DataFrame, *, parties=(("ungdom", "socialsekreterare"), ("foralder", "socialsekreterare")),
                    topics=None, confidence: float = 0.95) -> pd.DataFrame:
    """How far two parties agree on the items they share, questionnaire by questionnaire.

    For each shared topic (:func:`~webbkollen_lib.systems.ubu.instrument.pairs`)
    and pair of parties, over the questionnaires where both scored the item:
    ``n``, ``exact`` (share giving the same answer), ``within_one`` (at most one
    step apart), ``mean_difference`` (first party minus second: who is more
    positive), Cohen's quadratically weighted kappa (``kappa_w``, the agreement
    module's :func:`~webbkollen_lib.agreement.conger_kappa` with two raters)
    and Krippendorff's ordinal alpha (``alpha``) with its interval. The two
    parties are raters of the same placement: the parties are fixed, so
    Cohen's kappa (each party its own marginal distribution) fits.
    """
    data = require_frame(data, "data", expected="UBU questionnaires (read_ubu)")
    topics = pairs() if topics is None else list(topics)
    categories = list(SCORES.values())
    rows = []
    for topic in topics:
        members = pair_items(topic)
        for first, second in parties:
            if first not in members or second not in members:
                continue
            scores = item_scores(data, [members[first], members[second]]).dropna()
            table = pd.DataFrame(scores.to_numpy(), columns=[first, second])
            diff = table[first] - table[second]
            row = {"topic": topic, "first": first, "second": second, "item_first": members[first],
                   "item_second": members[second], "n": len(table)}
            if len(table) >= 2:
                kappa = conger_kappa(table, categories=categories, weights="quadratic", confidence=confidence)
                alpha = krippendorff_alpha(table, level="ordinal", categories=categories, confidence=confidence)
                row.update(exact=float((diff == 0).mean()), within_one=float((diff.abs() <= 1).mean()),
                           mean_difference=float(diff.mean()), kappa_w=kappa.value, kappa_low=kappa.ci[0],
                           kappa_high=kappa.ci[1], alpha=alpha.value, alpha_low=alpha.ci[0], alpha_high=alpha.ci[1])
            rows.append(row)
    return pd.DataFrame(rows)
