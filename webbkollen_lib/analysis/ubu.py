"""UBU statistics: response by part, missing reasons, indices per area, reliability, party agreement, providers.

Codes in, tidy frames of numbers out (the presentation layer adds words). The
data are :func:`webbkollen_lib.io.ubu.read_ubu`'s frame: one row per
questionnaire, items as codes ``"1"``–``"5"`` or a missing reason.

**Index of an area.** For one party and one questionnaire, the area's index is
the mean of the party's scored items in the area (reverse-scored items turned,
:func:`~webbkollen_lib.systems.ubu.instrument.item_scores`), if at least half of
those items are scored; otherwise the questionnaire has no index for that
party and area. The *combined* index (``part = "alla"``) is the mean of the
parties' indices that exist, each party weighing the same however many items
it has (the source: "Handläggarens svar, den unges och vårdnadshavares svar kan
läggs samman i index"). The *share 4–5* of a questionnaire is the share of its
scored items answered 4 or 5; the reported share is its mean over
questionnaires, so each questionnaire weighs the same. Intervals are
t-intervals over questionnaires (the questionnaire is the unit sampled).
Missing reasons and unanswered parts never enter a calculation; they are
counted by :func:`answer_breakdown` and :func:`response_by_part`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

from webbkollen_lib.analysis.reliability import cronbach_alpha
from webbkollen_lib.core.errors import require_columns, require_frame
from webbkollen_lib.disclosure import SHOWN, suppress_small_units
from webbkollen_lib.systems.ubu.instrument import (
    AREAS,
    MIN_QUESTIONNAIRES,
    PART_STATUS,
    PARTS,
    area_items,
    get_ubu_codebook,
    item_scores,
    scale_items,
)

__all__ = [
    "ALL_PARTS", "response_by_part", "coverage", "answer_breakdown", "questionnaire_index", "indices",
    "index_reliability", "sparr", "provider_indices", "provider_lookup", "provider_effects",
    "AGE_GROUPS", "GROUP_FILTERS",
]

#: The parties and the combined index.
ALL_PARTS = (*PARTS, "alla")
#: Age groups of the provider lookup (wide on purpose: narrow filters leave too few questionnaires).
AGE_GROUPS = {"12_15": (12, 15), "16_17": (16, 17), "18_21": (18, 21)}


def _data(data) -> pd.DataFrame:
    return require_frame(data, "data", expected="UBU questionnaires (read_ubu)")


def _by_list(by) -> list[str]:
    return [] if by is None else [by] if isinstance(by, str) else list(by)


def _groups(data: pd.DataFrame, by: list[str]):
    if not by:
        yield (), data
        return
    for key, group in data.groupby(by, observed=True, sort=True):
        yield (key if isinstance(key, tuple) else (key,)), group


def response_by_part(data: pd.DataFrame, by=None) -> pd.DataFrame:
    """How many questionnaires have each part answered, declined or not done, per group.

    The social worker's part is answered in every questionnaire (UBU's rule);
    the young person's and the parent's parts follow ``del_ungdom`` and
    ``del_foralder``. Columns: the ``by`` columns, ``part``, ``status``
    (``besvarad``, ``avbojd``, ``ej_genomford``), ``n``, ``of`` (questionnaires
    in the group) and ``share``.
    """
    data = _data(data)
    by = _by_list(by)
    require_columns(data, [*by, *PART_STATUS.values()], "response_by_part")
    statuses = get_ubu_codebook()["del_ungdom"].categories
    rows = []
    for key, group in _groups(data, by):
        total = len(group)
        rows.append({**dict(zip(by, key)), "part": "socialsekreterare", "status": "besvarad", "n": total, "of": total})
        for part, column in PART_STATUS.items():
            counts = group[column].astype("object").value_counts()
            for status in statuses:
                rows.append({**dict(zip(by, key)), "part": part, "status": status, "n": int(counts.get(status, 0)),
                             "of": total})
    out = pd.DataFrame(rows)
    out["share"] = out["n"] / out["of"].where(out["of"] > 0)
    return out


def coverage(data: pd.DataFrame, ended: pd.DataFrame, by="kommun") -> pd.DataFrame:
    """Questionnaires against ended placements: the share of placements followed up.

    ``ended`` has the ``by`` columns and ``avslutade_placeringar`` (the
    shipped ``ubu_avslutade.csv``). Columns: ``by``, ``enkater``,
    ``avslutade_placeringar``, ``share``; the last row (``by`` = ``"Totalt"``)
    sums them. The source found "knappt hälften" in its test period.
    """
    data = _data(data)
    by = _by_list(by)
    require_columns(ended, [*by, "avslutade_placeringar"], "coverage (ended placements)")
    counts = data.groupby(by, observed=True).size().rename("enkater").reset_index()
    sums = ended.groupby(by)["avslutade_placeringar"].sum().reset_index()
    out = sums.merge(counts, on=by, how="left").fillna({"enkater": 0})
    out["enkater"] = out["enkater"].astype(int)
    total = {**{c: "Totalt" for c in by}, "avslutade_placeringar": out["avslutade_placeringar"].sum(),
             "enkater": out["enkater"].sum()}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    out["share"] = out["enkater"] / out["avslutade_placeringar"]
    return out[[*by, "enkater", "avslutade_placeringar", "share"]]


def answer_breakdown(data: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Per item: how many answers are scores, each missing reason, and not asked (part not answered).

    Columns: ``item``, ``part``, ``area``, ``answer`` (``"1"``–``"5"``, a
    reason code, or ``ej_fragad`` for an empty cell), ``n``. Missing reasons
    are never scored, but a reader sees how many there were.
    """
    data = _data(data)
    cb = get_ubu_codebook()
    columns = scale_items() if columns is None else columns
    require_columns(data, columns, "answer_breakdown")
    rows = []
    for item in columns:
        var = cb[item]
        counts = data[item].astype("object").fillna("ej_fragad").value_counts()
        for code in [*var.categories, "ej_fragad"]:
            rows.append({"item": item, "part": var.attrs.get("part"), "area": var.attrs.get("area"), "answer": code,
                         "n": int(counts.get(code, 0))})
    return pd.DataFrame(rows)


def _party_index(scores: pd.DataFrame, columns: list[str]) -> tuple[pd.Series, pd.Series]:
    """(index, share 4–5) per questionnaire for one party's items of one area; NaN with under half scored."""
    block = scores[columns]
    scored = block.notna().sum(axis=1)
    enough = scored >= max(1, int(np.ceil(len(columns) / 2)))
    index = block.mean(axis=1).where(enough)
    high = (block >= 4).astype("float64").where(block.notna())
    share = high.sum(axis=1).div(scored.where(scored > 0)).where(enough).astype("float64")
    return index, share


def questionnaire_index(data: pd.DataFrame, area: str, part: str = "alla", *, parties=PARTS) -> pd.DataFrame:
    """Each questionnaire's index (1–5) and share 4–5 for one area and party (or ``"alla"``, combined).

    Returns a frame with ``index`` and ``share`` on ``data``'s index; NaN where
    the questionnaire has no index (too few scored items, or the part not
    answered). ``parties`` are the parties the combined index is made of
    (all three unless a provider's report holds one back).
    """
    data = _data(data)
    if area not in AREAS:
        raise ValueError(f"area must be one of {', '.join(AREAS)}, not {area!r}")
    if part not in ALL_PARTS:
        raise ValueError(f"part must be one of {', '.join(ALL_PARTS)}, not {part!r}")
    parts = tuple(parties) if part == "alla" else (part,)
    per_part = {}
    for p in parts:
        columns = area_items(area, p)
        require_columns(data, columns, f"the {area} index")
        per_part[p] = _party_index(item_scores(data, columns), columns)
    if part != "alla":
        index, share = per_part[part]
    else:
        index = pd.concat([v[0] for v in per_part.values()], axis=1).mean(axis=1)
        share = pd.concat([v[1] for v in per_part.values()], axis=1).mean(axis=1)
    return pd.DataFrame({"index": index, "share": share}, index=data.index)


def _t_interval(values: np.ndarray, confidence: float, bounds=(1.0, 5.0)) -> tuple[float, float, float]:
    """Mean and t-interval, the interval clipped to the scale's ``bounds`` (a mean cannot leave them)."""
    n = len(values)
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    if n < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf((1 + confidence) / 2, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return mean, max(bounds[0], mean - half), min(bounds[1], mean + half)


def indices(data: pd.DataFrame, by=None, *, areas=AREAS, parts=ALL_PARTS, confidence: float = 0.95,
            parties=PARTS) -> pd.DataFrame:
    """The index of every area per party and combined: mean 1–5 and share 4–5, each with n and an interval.

    Columns: the ``by`` columns, ``area``, ``part``, ``n`` (questionnaires with
    an index), ``mean``, ``mean_low``, ``mean_high``, ``share``,
    ``share_low``, ``share_high`` (intervals at ``confidence``; the share's
    clipped to 0–1). ``parties`` are the parties the combined index is made of.

    Examples
    --------
    >>> from webbkollen_lib.io.ubu import load_ubu
    >>> table = indices(load_ubu(), areas=["trygghet"], parts=["ungdom"])
    >>> table[["area", "part"]].iloc[0].tolist()
    ['trygghet', 'ungdom']
    """
    data = _data(data)
    by = _by_list(by)
    require_columns(data, by, "indices")
    per_area = {(a, p): questionnaire_index(data, a, p, parties=parties) for a in areas for p in parts}
    rows = []
    for key, group in _groups(data, by):
        for (a, p), q in per_area.items():
            sub = q.loc[group.index]
            idx = sub["index"].dropna().to_numpy()
            share = sub["share"].dropna().to_numpy()
            mean, low, high = _t_interval(idx, confidence)
            s, s_low, s_high = _t_interval(share, confidence, bounds=(0.0, 1.0))
            rows.append({**dict(zip(by, key)), "area": a, "part": p, "n": len(idx), "mean": mean, "mean_low": low,
                         "mean_high": high, "share": s, "share_low": s_low, "share_high": s_high})
    return pd.DataFrame(rows)


def index_reliability(data: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Cronbach's alpha of every area's items, per party (questionnaires with all the area's items scored).

    Columns: ``area``, ``part``, ``items`` (how many), ``alpha``, ``ci_low``,
    ``ci_high``, ``n``. An area with a single item for a party has no alpha.
    """
    data = _data(data)
    rows = []
    for a in AREAS:
        for p in PARTS:
            columns = area_items(a, p)
            result = cronbach_alpha(item_scores(data, columns), confidence=confidence).iloc[0]
            rows.append({"area": a, "part": p, "items": len(columns), "alpha": result["alpha"],
                         "ci_low": result["ci_low"], "ci_high": result["ci_high"], "n": int(result["n"])})
    return pd.DataFrame(rows)


def sparr(data: pd.DataFrame, *, unit: str = "utforare", min_questionnaires: int = MIN_QUESTIONNAIRES) -> pd.DataFrame:
    """Which providers get results of their own (the source's spärr), with secondary suppression.

    A provider with fewer than ``min_questionnaires`` questionnaires has no
    separate results and is counted only in the total ("Om det bara finns ett
    eller två svar rörande en utförare skulle dessa då enbart synas som en del
    av totalen"). Because the total is shown beside the providers that are
    shown, the suppressed providers together are the total minus the shown
    ones; so they must together have at least ``min_questionnaires``
    questionnaires from at least two providers, or else the smallest shown
    providers are suppressed too (secondary suppression) until they do.

    Returns one row per provider: ``unit``, ``n`` (questionnaires), ``status``
    (``visas``, ``sparrad`` or ``sparrad_sekundart``), largest first. The rule
    itself is :func:`webbkollen_lib.disclosure.suppress_small_units`.
    """
    data = _data(data)
    require_columns(data, [unit], "sparr")
    n = data[unit].astype("object").value_counts()
    status = suppress_small_units(n, min_questionnaires)
    return pd.DataFrame({unit: status.index, "n": n.reindex(status.index).to_numpy(), "status": status.to_numpy()})


def provider_indices(data: pd.DataFrame, *, unit: str = "utforare", areas=AREAS, parts=ALL_PARTS,
                     min_questionnaires: int = MIN_QUESTIONNAIRES, confidence: float = 0.95,
                     only=None) -> pd.DataFrame:
    """Indices per provider for the providers the spärr lets through, beside all providers.

    Columns as :func:`indices` with ``unit`` first (``"Alla"`` for all
    providers together, suppressed ones included) and ``n_questionnaires``.
    Within a shown provider, a party's index with fewer than
    ``min_questionnaires`` answers is NaN (one parent's answers are that
    parent's), and the provider's combined index for that area is made of the
    other parties only, so that nothing shown depends on the held-back answers
    (``tests/test_ubu_disclosure.py`` changes them and finds the report
    unchanged); ``without`` names the parties left out of a combined row
    (``""`` when none). ``only`` (a name or a list) limits the providers
    computed, for one provider's report; the spärr is still decided over all
    of them.
    """
    data = _data(data)
    status = sparr(data, unit=unit, min_questionnaires=min_questionnaires)
    shown = status.loc[status["status"] == "visas", unit].tolist()
    if only is not None:
        wanted = {only} if isinstance(only, str) else set(only)
        shown = [u for u in shown if u in wanted]
    per = indices(data[data[unit].isin(shown)], by=unit, areas=areas, parts=parts, confidence=confidence)
    per = per.merge(status[[unit, "n"]].rename(columns={"n": "n_questionnaires"}), on=unit)
    small = (per["part"] != "alla") & (per["n"] > 0) & (per["n"] < min_questionnaires)
    values = ["mean", "mean_low", "mean_high", "share", "share_low", "share_high"]
    per.loc[small, values] = np.nan
    per["without"] = ""
    for (provider, area), hidden in per[small].groupby([unit, "area"])["part"]:
        keep = [p for p in PARTS if p not in set(hidden)]
        at = (per[unit] == provider) & (per["area"] == area) & (per["part"] == "alla")
        if keep:
            rows = data[unit].astype("object") == provider
            again = indices(data[rows].assign(**{unit: provider}), by=unit, areas=[area], parts=["alla"],
                            confidence=confidence, parties=keep).iloc[0]
            per.loc[at, [*values, "n"]] = again[[*values, "n"]].to_numpy()
        else:  # every party held back: nothing to combine
            per.loc[at, values] = np.nan
            per.loc[at, "n"] = 0
        per.loc[at, "without"] = ",".join(p for p in PARTS if p in set(hidden))
    total = indices(data, areas=areas, parts=parts, confidence=confidence).assign(**{unit: "Alla",
                                                                                   "n_questionnaires": len(data),
                                                                                   "without": ""})
    out = pd.concat([total, per], ignore_index=True)
    return out[[unit, "n_questionnaires", *[c for c in out.columns if c not in (unit, "n_questionnaires")]]]


def _age_group(age: pd.Series) -> pd.Series:
    out = pd.Series(pd.NA, index=age.index, dtype="object")
    for code, (low, high) in AGE_GROUPS.items():
        out[(age >= low) & (age <= high)] = code
    return out


#: The target-group dimensions of the provider lookup: one at a time.
GROUP_FILTERS = ("kon", "aldersgrupp", "skal_placering", "ar")


def _group_codes(data: pd.DataFrame, dimension: str) -> pd.Series:
    if dimension == "aldersgrupp":
        return _age_group(pd.to_numeric(data["alder"]))
    return data[dimension].astype("object")


def provider_lookup(data: pd.DataFrame, *, area: str = "trygghet", part: str = "alla", utforartyp=None, kon=None,
                    aldersgrupp=None, skal_placering=None, ar=None, min_questionnaires: int = MIN_QUESTIONNAIRES,
                    confidence: float = 0.95) -> pd.DataFrame:
    """Providers ranked on one index for a kind of placement: the lookup before a placement.

    ``utforartyp`` (a code or a list) narrows the providers: it does not split
    any provider's questionnaires. The target group is **one** of ``kon``,
    ``aldersgrupp`` (:data:`AGE_GROUPS`), ``skal_placering`` or ``ar``, with one
    code: the questionnaires of each provider in that group.

    Which providers are listed is disclosure control against the differencing
    attack (a provider's result for all questionnaires, minus its result for a
    group, is the rest of its questionnaires). It counts what the table's
    ``n`` counts, the questionnaires with an index in the chosen area and party:

    * with no target group, the spärr rule over the providers (:func:`sparr`'s
      rule, on those questionnaires);
    * with a target group, a provider's questionnaires are split by every code
      of that dimension, and the spärr rule
      (:func:`webbkollen_lib.disclosure.suppress_small_units`) is applied to
      those parts as if they were units: a part with fewer than
      ``min_questionnaires`` is held back, and more are held back until the
      held-back parts together are none, or at least ``min_questionnaires``
      from at least two parts. The provider is listed when the chosen group's
      part is shown. So neither the rest of the provider (all minus the group)
      nor any sum of its other shown groups leaves a few questionnaires.

    One dimension at a time, because the intersection of two groups (girls of
    16–17) differenced against either would escape this rule. Providers not
    listed are counted in ``attrs["suppressed"]`` (questionnaires and providers).

    Columns: ``utforare``, ``utforartyp``, ``n``, ``mean``, ``mean_low``,
    ``mean_high``, ``share``, ``share_low``, ``share_high``, ``rank``
    (1 = highest mean; ties share a rank), ``overlaps_best`` (the provider's
    interval reaches the best provider's mean: not distinguishable from it).
    """
    data = _data(data)
    require_columns(data, ["utforare", "utforartyp", "kon", "alder", "skal_placering", "ar"], "provider_lookup")
    groups = {k: v for k, v in {"kon": kon, "aldersgrupp": aldersgrupp, "skal_placering": skal_placering,
                                "ar": ar}.items() if v is not None}
    if len(groups) > 1:
        raise ValueError(f"choose one target group at a time, not {', '.join(groups)}: two together could be "
                         "differenced to reveal a few questionnaires")
    for name, value in groups.items():
        if not isinstance(value, (str, int, np.integer)) or isinstance(value, bool):
            raise ValueError(f"{name} must be one code, not {value!r}")
    if "aldersgrupp" in groups and groups["aldersgrupp"] not in AGE_GROUPS:
        raise ValueError(f"aldersgrupp must be one of {', '.join(AGE_GROUPS)}, not {groups['aldersgrupp']!r}")
    # the rule counts what the table shows: questionnaires with an index in the chosen area and party
    q = questionnaire_index(data, area, part)
    data = data[q["index"].notna()]
    q = q.loc[data.index]
    providers = data["utforare"].astype("object")
    keep = pd.Series(True, index=data.index)
    if utforartyp is not None:
        wanted = [utforartyp] if isinstance(utforartyp, str) else list(utforartyp)
        keep &= data["utforartyp"].astype("object").isin(wanted)
    if groups:
        (dimension, code), = groups.items()
        raw = _group_codes(data, dimension)
        # a missing code is a part of the provider of its own (its questionnaires are in "all" too)
        codes = pd.Series([("__saknas__" if pd.isna(v) else int(v) if dimension == "ar" else v) for v in raw],
                          index=data.index, dtype="object")
        if dimension == "ar":
            code = int(code)
        in_group = (codes == code).to_numpy()
        listed = set()
        for provider, provider_codes in codes.groupby(providers, sort=False):
            status = suppress_small_units(provider_codes.value_counts(), min_questionnaires)
            if code in status.index and status[code] == SHOWN:
                listed.add(provider)
        selection = keep & in_group
    else:
        status = suppress_small_units(providers.value_counts(), min_questionnaires)
        listed = set(status.index[status == SHOWN])
        selection = keep
    rows, hidden_q, hidden_p = [], 0, 0
    for provider, group in data[selection].groupby(providers[selection], sort=True):
        sub = q.loc[group.index]
        idx, share = sub["index"].dropna().to_numpy(), sub["share"].dropna().to_numpy()
        if provider not in listed or len(idx) < min_questionnaires:
            hidden_q += len(group)
            hidden_p += 1
            continue
        mean, low, high = _t_interval(idx, confidence)
        s, s_low, s_high = _t_interval(share, confidence, bounds=(0.0, 1.0))
        rows.append({"utforare": provider, "utforartyp": str(group["utforartyp"].iloc[0]), "n": len(idx),
                     "mean": mean, "mean_low": low, "mean_high": high, "share": s, "share_low": s_low,
                     "share_high": s_high})
    columns = ["utforare", "utforartyp", "n", "mean", "mean_low", "mean_high", "share", "share_low", "share_high"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["mean", "n"], ascending=[False, False], kind="stable").reset_index(drop=True)
    out["rank"] = out["mean"].rank(ascending=False, method="min").astype("Int64")
    best = out["mean"].max() if len(out) else np.nan
    out["overlaps_best"] = out["mean_high"] >= best
    out.attrs["suppressed"] = {"questionnaires": hidden_q, "providers": hidden_p}
    out.attrs["filters"] = {**({"utforartyp": utforartyp} if utforartyp is not None else {}), **groups}
    out.attrs["area"], out.attrs["part"] = area, part
    return out


def provider_effects(data: pd.DataFrame, *, area: str = "trygghet", part: str = "alla",
                     min_questionnaires: int = MIN_QUESTIONNAIRES) -> pd.DataFrame:
    """Providers as random effects: each provider's raw mean beside its shrunken (empirical Bayes) estimate.

    Fits ``index ~ 1 + (1 | utforare)`` by REML with statsmodels
    :class:`~statsmodels.regression.mixed_linear_model.MixedLM`. A provider's
    predicted mean is the overall mean plus its BLUP: its raw mean pulled
    toward the overall mean, the more so the fewer its questionnaires
    (shrinkage factor ``n τ² / (n τ² + σ²)``). A raw ranking puts the smallest
    providers at both ends by chance alone; the shrunken one does not.

    Every provider's questionnaires inform the model (the small ones too: they
    are what the between-provider variance is estimated from), but only the
    providers the spärr shows (:func:`sparr`) with at least
    ``min_questionnaires`` questionnaires with an index are returned:
    ``utforare``, ``n`` (questionnaires with an index), ``raw_mean``,
    ``shrunken_mean``, ``shrinkage`` (weight on the provider's own mean),
    ``rank_raw``, ``rank_shrunken``. ``attrs`` holds ``overall_mean``,
    ``between_var`` (τ²), ``within_var`` (σ²) and ``icc`` (τ² / (τ² + σ²)):
    how much of the variation in the index lies between providers.
    """
    data = _data(data)
    q = questionnaire_index(data, area, part)["index"]
    frame = pd.DataFrame({"index": q, "utforare": data["utforare"].astype("object")}).dropna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels' convergence chatter; the fit is checked below
        fit = smf.mixedlm("index ~ 1", frame, groups=frame["utforare"]).fit(reml=True)
    tau2 = float(fit.cov_re.iloc[0, 0])
    sigma2 = float(fit.scale)
    overall = float(fit.fe_params.iloc[0])
    effects = {k: float(v.iloc[0]) for k, v in fit.random_effects.items()}
    raw = frame.groupby("utforare")["index"].agg(["size", "mean"])
    out = pd.DataFrame({"utforare": raw.index, "n": raw["size"].to_numpy(), "raw_mean": raw["mean"].to_numpy()})
    out["shrunken_mean"] = overall + out["utforare"].map(effects)
    out["shrinkage"] = out["n"] * tau2 / (out["n"] * tau2 + sigma2)
    status = sparr(data, min_questionnaires=min_questionnaires)
    shown = set(status.loc[status["status"] == SHOWN, "utforare"])
    out = out[out["utforare"].isin(shown) & (out["n"] >= min_questionnaires)].reset_index(drop=True)
    out["rank_raw"] = out["raw_mean"].rank(ascending=False, method="min").astype(int)
    out["rank_shrunken"] = out["shrunken_mean"].rank(ascending=False, method="min").astype(int)
    out = out.sort_values("shrunken_mean", ascending=False, kind="stable").reset_index(drop=True)
    out.attrs.update(overall_mean=overall, between_var=tau2, within_var=sigma2,
                     icc=tau2 / (tau2 + sigma2) if tau2 + sigma2 > 0 else float("nan"), area=area, part=part)
    return out
