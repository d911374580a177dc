"""The agreement tests' vignettes as numbers: risk distributions, consensus and agreement per vignette.

Long vignette ratings (one row per rater and vignette, as
:func:`webbkollen_lib.load_vignette_ratings` returns) in, tidy frames keyed
by codes out; no labels and no ``lang`` here. The readable tables are in
:mod:`webbkollen_lib.present.vignettes` and the figures in
:mod:`webbkollen_lib.plots.vignettes`.

"Inte känt" (a missing risk rating) is its own code, :data:`UNKNOWN`, in the
distributions, as in the report, and is left out of every agreement and
consensus measure (it is not a level of the scale).

Open answers: the synthetic motivations follow the package's convention
``"<judgement> Riskfaktorer: a; b. Skyddsfaktorer: c; d."`` (see
:func:`webbkollen_lib.synthetic.vignettes.count_named_risk_factors`). The
functions that read them fall back to the whole text when a motivation has
no such lists, so a workshop's free-text answers work too.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from webbkollen_lib.agreement import coefficients as ag
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import require_columns, require_frame
from webbkollen_lib.systems.webbkollen.vignettes import compare_vignettes_with_published, published_vignette_counts

__all__ = [
    "UNKNOWN",
    "FACTOR_PREFIX",
    "REPORT_PHRASES",
    "risk_distribution",
    "consensus_by_vignette",
    "agreement_across_vignettes",
    "named_factors",
]


#: Code of a missing risk rating ("Inte känt") in the tables of this module.
UNKNOWN = "inte_kant"


#: Prefix of the columns :func:`named_factors` adds (one per fact of the vignette).
FACTOR_PREFIX = "faktor_"


#: The expressions the report quotes for Jamila (§3.3, "Identifierad utsatthet
#: och riskbedömning" and "Mål med insatsen"), for :func:`phrase_counts`.
#: "…" stands for any text in between. The report's "vägleda utan att vara
#: hårdhänta" is shortened to its core so that "vägleda Jamila utan att vara
#: hårdhänta" counts as well; "utgångsläge" is the baseline no goal stated.
REPORT_PHRASES = {
    "jamila": {
        "motivering": (
            "svårigheter i gränssättning",
            "hård uppfostringsstil",
            "fysiskt våld mot barnet",
            "fungerande skyddsfaktorer",
            "skyddsfaktorerna är bristande",
        ),
        "mal": (
            "verktyg att hantera",
            "utan att vara hårdhänta",
            "våldet … ska upphöra",
            "utgångsläge",
        ),
    },
}


_KIND_SECTION = {"risk": "Riskfaktorer", "skydd": "Skyddsfaktorer"}


_NONE_NAMED = "inga angivna"


def check_ratings(ratings, columns: Iterable[str], what: str) -> None:
    require_frame(ratings, what, "vignette ratings")
    require_columns(ratings, columns, what, hint="expected long vignette ratings (one row per rater "
                    "and vignette) as load_vignette_ratings() returns")


def vignette_order(ratings: pd.DataFrame, vignettes=None, what: str = "vignettes") -> list[str]:
    """The vignettes to show: as given (checked), else those rated, in codebook order."""
    present = set(ratings["vinjett"].dropna().astype(str))
    if vignettes is None:
        known = get_codebook()["vinjett"].categories
        order = [v for v in known if v in present] + sorted(present - set(known))
    else:
        order = [vignettes] if isinstance(vignettes, str) else [str(v) for v in vignettes]
        absent = [v for v in order if v not in present]
        if absent:
            raise ValueError(f"{what}: no ratings of {', '.join(absent)}; the data has "
                             f"{', '.join(sorted(present)) or 'no vignettes'}")
    if not order:
        raise ValueError(f"{what}: the ratings hold no vignette (column 'vinjett' is empty)")
    return order


def of_vignettes(ratings: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    return ratings[ratings["vinjett"].astype(str).isin(order)]


def risk_levels() -> list[str]:
    return list(get_codebook()["risk"].categories)


def risk_codes(values: pd.Series, what: str) -> pd.Series:
    """Risk codes as objects, a missing rating (NA or "inte känt") as :data:`UNKNOWN`."""
    levels = risk_levels()

    def one(v):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return UNKNOWN
        s = str(v)
        if s.strip().lower() in ag.MISSING_CODES:
            return UNKNOWN
        return s

    codes = values.astype(object).map(one)
    bad = sorted(set(codes) - set(levels) - {UNKNOWN})
    if bad:
        raise ValueError(f"{what}: column 'risk' holds {', '.join(map(repr, bad))}, not risk codes; allowed: "
                         f"{', '.join(levels)} or missing (inte känt)")
    return codes


def as_scale(codes: pd.Series) -> pd.Categorical:
    """Risk codes as the ordered scale, :data:`UNKNOWN` as a missing rating."""
    return pd.Categorical(codes.where(codes != UNKNOWN), categories=risk_levels(), ordered=True)


def levels_present(codes: pd.Series) -> list[str]:
    return [c for c in [*risk_levels(), UNKNOWN] if (codes == c).any()]


def ticked(values: pd.Series) -> pd.Series:
    """True where an option was ticked; NA (not answered) counts as not ticked."""
    return values.astype("boolean").fillna(False).astype(bool)


def risk_distribution(ratings: pd.DataFrame, *, vignettes=None,
                      published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Number of raters at each risk level per vignette, with the report's count beside it.

    Every level of the scale gets a row, also those nobody chose, and so
    does :data:`UNKNOWN` ("inte känt", a missing rating). ``share`` is of all
    ratings of the vignette, "inte känt" included, as the report counts
    ("Elva av 16 (69 %)").

    Returns
    -------
    DataFrame with ``vinjett``, ``risk`` (code), ``n``, ``n_ratings``,
    ``share`` and ``published`` (the report's count, from
    :func:`compare_vignettes_with_published`; NA where the report gives none).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"vinjett": ["max"] * 3, "risk": ["hog", "hog", None]})
    >>> risk_distribution(d).set_index("risk").loc[["hog", "inte_kant"], ["n", "share"]].values.tolist()
    [[2.0, 0.6666666666666666], [1.0, 0.3333333333333333]]
    """
    check_ratings(ratings, ["vinjett", "risk"], "risk_distribution")
    order = vignette_order(ratings, vignettes, "risk_distribution")
    sub = of_vignettes(ratings, order)
    codes = risk_codes(sub["risk"], "risk_distribution")
    pub = published_vignette_counts() if published is None else published
    pub = pub[(pub["variable"] == "risk") & pub["vinjett"].isin(order)].reset_index(drop=True)
    reported = {}
    if len(pub):
        cmp = compare_vignettes_with_published(sub, pub)
        reported = {(r.vinjett, r.code): int(r.published) for r in cmp.itertuples(index=False)}
    rows = []
    which = sub["vinjett"].astype(str)
    for v in order:
        own = codes[which == v]
        for code in [*risk_levels(), UNKNOWN]:
            k = int((own == code).sum())
            rows.append({"vinjett": v, "risk": code, "n": k, "n_ratings": len(own),
                         "share": k / len(own), "published": reported.get((v, code), pd.NA)})
    out = pd.DataFrame(rows)
    out["published"] = out["published"].astype("Int64")
    return out


def consensus_by_vignette(ratings: pd.DataFrame, *, vignettes=None, n_boot: int = 2000, seed: int = 0,
                          confidence: float = 0.95) -> pd.DataFrame:
    """:func:`webbkollen_lib.agreement.coefficients.consensus` of the risk rating for each vignette.

    The scale is the codebook's four risk levels (a level nobody chose still
    counts); "inte känt" is left out. Each vignette's bootstrap over raters
    uses ``seed``.

    Returns
    -------
    DataFrame indexed by (``vinjett``, ``measure``) with ``value``,
    ``ci_low``, ``ci_high``, ``n_raters`` (raters with a risk level).
    """
    check_ratings(ratings, ["vinjett", "risk"], "consensus_by_vignette")
    order = vignette_order(ratings, vignettes, "consensus_by_vignette")
    parts = {}
    for v in order:
        codes = risk_codes(ratings.loc[ratings["vinjett"].astype(str) == v, "risk"], "consensus_by_vignette")
        levels = codes[codes != UNKNOWN]
        if levels.empty:
            raise ValueError(f"consensus_by_vignette: vignette {v!r} has no risk rating (all 'inte känt')")
        table = ag.consensus(levels.tolist(), categories=risk_levels(), n_boot=n_boot, seed=seed,
                             confidence=confidence)
        parts[v] = table[["value", "ci_low", "ci_high", "n_raters"]]
    return pd.concat(parts, names=["vinjett", "measure"])


def agreement_across_vignettes(ratings: pd.DataFrame, *, value: str = "risk", vignettes=None,
                               weights="identity", level: str = "nominal", confidence: float = 0.95,
                               n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Every coefficient of :func:`webbkollen_lib.agreement.coefficients.summary` for the vignettes × raters table.

    The long ratings become a units × raters table
    (:func:`webbkollen_lib.agreement.coefficients.from_long`: a row per vignette, a column
    per rater, missing where a rater did not rate a vignette). To the
    summary's columns this adds what the number of units means for the
    interval:

    - ``df`` = units − 1 and ``t`` = :math:`t_{df,\\,1-a/2}`, the multiplier of
      the standard error in the interval (1.96 with many units; 12.7 with 2);
    - ``ci_width`` = ``ci_high`` − ``ci_low`` (irrCAC caps the upper bound at
      1 only, so with very few units the lower bound can fall below the
      possible range);
    - ``boot_ci_low``, ``boot_ci_high``: percentile interval of
      :func:`webbkollen_lib.agreement.coefficients.bootstrap` over **raters**
      (``n_boot`` draws, ``seed``), i.e. the uncertainty from which social
      workers happened to answer, for these vignettes only. With two or
      three units a bootstrap over units has only a handful of distinct
      resamples and is not computed. ``n_boot=0`` skips the bootstrap.

    Parameters
    ----------
    value : str
        Column rated (default the risk rating; its ordered Categorical gives
        the category list, unused levels included).
    weights, level
        As in :func:`webbkollen_lib.agreement.coefficients.summary`.

    Returns
    -------
    DataFrame indexed by function name (``percent_agreement``, ...).
    """
    check_ratings(ratings, ["vinjett", "bedomare", value], "agreement_across_vignettes")
    order = vignette_order(ratings, vignettes, "agreement_across_vignettes")
    sub = of_vignettes(ratings, order).copy()
    if value == "risk":
        sub["risk"] = as_scale(risk_codes(sub["risk"], "agreement_across_vignettes"))
    wide = ag.from_long(sub, unit="vinjett", rater="bedomare", value=value)
    table = ag.summary(wide, weights=weights, level=level, confidence=confidence)
    table["df"] = table["n_units"] - 1
    table["t"] = stats.t.ppf(1 - (1 - confidence) / 2, table["df"].astype(float))
    table["ci_width"] = table["ci_high"] - table["ci_low"]
    table["boot_ci_low"] = np.nan
    table["boot_ci_high"] = np.nan
    if n_boot:
        for name in table.index:
            options = {"level": level} if name == "krippendorff_alpha" else {"weights": weights}
            boot = ag.bootstrap(wide, name, n_boot=n_boot, seed=seed, resample="raters",
                                confidence=confidence, **options)
            table.loc[name, ["boot_ci_low", "boot_ci_high"]] = boot.ci
    return table


def _section(motivation, kind: str):
    """Lower-cased items of the "Riskfaktorer:"/"Skyddsfaktorer:" list, or [whole text] if no lists."""
    if motivation is None or motivation is pd.NA or (isinstance(motivation, float) and np.isnan(motivation)):
        return None
    s = str(motivation)
    head = _KIND_SECTION[kind]
    other = _KIND_SECTION["skydd" if kind == "risk" else "risk"]
    m = re.search(rf"{head}:\s*(.*?)(?:\.\s*{other}:|\.\s*$|$)", s, flags=re.S)
    if m is None:
        if re.search(rf"{other}:", s):
            return []  # a structured answer without this list names none
        return [s.lower()]
    body = m.group(1).strip().rstrip(".")
    if body.lower() == _NONE_NAMED:
        return []
    return [item.strip().lower() for item in body.split(";") if item.strip()]


def named_factors(ratings: pd.DataFrame, vignette: dict, *, kind: str = "risk") -> pd.DataFrame:
    """The ratings of one vignette with a yes/no column per fact of the case the rater named.

    For each fact of ``vignette`` of the given ``kind`` (``"risk"`` or
    ``"skydd"``) a column ``faktor_<fact id>`` (:data:`FACTOR_PREFIX`) is
    True when the rater's open answer (``motivering``) names it: the fact's
    phrase appears in an item of the answer's ``Riskfaktorer:`` list (or
    ``Skyddsfaktorer:`` list), case ignored. A free-text answer without
    these lists is searched whole. A missing answer gives NA.

    Pass the result to :func:`webbkollen_lib.agreement.coefficients.rating_vs_factor_count`
    with ``factors=`` its ``faktor_`` columns. (In the synthetic data the
    number of risk factors named equals ``antal_riskfaktorer``.)

    Parameters
    ----------
    vignette : dict
        The vignette text, as :func:`webbkollen_lib.load_vignettes` returns.

    Returns
    -------
    DataFrame: the rows of ``ratings`` for this vignette (index kept) plus
    the ``faktor_`` columns (nullable boolean) in the order of the facts.
    """
    if kind not in _KIND_SECTION:
        raise ValueError(f"named_factors: kind must be 'risk' or 'skydd', not {kind!r}")
    check_ratings(ratings, ["vinjett", "motivering"], "named_factors")
    vid = vignette.get("id")
    rows = ratings[ratings["vinjett"].astype(str) == vid]
    if rows.empty:
        vignette_order(ratings, [vid], "named_factors")  # raises naming what the data has
    facts = [f for f in vignette.get("facts", []) if f["kind"] == kind]
    if not facts:
        raise ValueError(f"named_factors: vignette {vid!r} has no facts of kind {kind!r}")
    sections = rows["motivering"].map(lambda t: _section(t, kind))
    out = rows.copy()
    for fact in facts:
        phrase = fact["sv"].strip().lower()
        out[FACTOR_PREFIX + fact["id"]] = pd.array(
            [pd.NA if items is None else any(phrase in item for item in items) for items in sections],
            dtype="boolean")
    return out


def phrase_pattern(phrase: str) -> re.Pattern:
    parts = [r"\s+".join(re.escape(word) for word in part.split()) for part in re.split(r"…|\.\.\.", phrase)]
    return re.compile(r".*?".join(p for p in parts if p), flags=re.I | re.S)
