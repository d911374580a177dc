"""Readable tables of the agreement tests (report §3.3), one vignette at a time.

The Webbkollen report ran two agreement tests (*samstämmighetstest*): test 1
(autumn 2016, Assi and Max, the risk rating and an open answer) and test 2
(autumn 2017, Jamila, Tobias and Mohammad, also the exposure checklists, a
suggested intervention, the focus areas and a goal). This module turns long
vignette ratings (one row per rater and vignette, as
:func:`webbkollen_lib.load_vignette_ratings` returns) into the tables a
trainer and a researcher read beside the report: :func:`report_comparison`,
:func:`risk_table`, :func:`consensus_table`, :func:`agreement_table`,
:func:`ci_multipliers`, :func:`checklist_table`,
:func:`checklist_set_agreement`, :func:`options_by_risk`,
:func:`factors_by_risk`, :func:`factor_count_correlation`,
:func:`phrase_counts`, :func:`statements_by_risk`, and
:func:`vignette_markdown` for the texts. Every label comes from the codebook
or the label catalogue; numbers are formatted the Swedish way by default
(``lang="en"`` for English).

The numbers come from :mod:`webbkollen_lib.agreement.vignettes` (tidy frames
keyed by codes) and :mod:`webbkollen_lib.agreement.coefficients`; the figures
are in :mod:`webbkollen_lib.plots.vignettes`.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from webbkollen_lib import agreement as ag
from webbkollen_lib.agreement.vignettes import (
    FACTOR_PREFIX,
    UNKNOWN,
    agreement_across_vignettes,
    as_scale,
    check_ratings,
    consensus_by_vignette,
    named_factors,
    of_vignettes,
    phrase_pattern,
    risk_codes,
    risk_distribution,
    risk_levels,
    ticked,
    levels_present,
    vignette_order,
)
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core import labels as lc
from webbkollen_lib.disclosure import MIN_CELL
from webbkollen_lib.core.formatting import (
    MISSING_TEXT,
    format_count,
    format_interval,
    format_n_percent,
    format_number,
    format_p,
    text,
)
from webbkollen_lib.systems.webbkollen.vignettes import compare_vignettes_with_published, published_vignette_counts

__all__ = [
    "vignette_markdown",
    "report_comparison",
    "risk_table",
    "consensus_table",
    "agreement_table",
    "ci_multipliers",
    "checklist_table",
    "checklist_set_agreement",
    "options_by_risk",
    "factors_by_risk",
    "factor_count_correlation",
    "phrase_counts",
    "statements_by_risk",
    "rater_table",
]


# ---------------------------------------------------------------------------
# plumbing
# ---------------------------------------------------------------------------


def _w(key: str, lang: str, **fields) -> str:
    return lc.text(f"vignettes.word.{key}", lang, **fields)


def _measure(name: str, part: str, lang: str) -> str:
    """``label`` or ``reading`` of a consensus measure; the name itself for one the catalogue lacks."""
    key = f"vignettes.measure.{name}.{part}"
    return lc.text(key, lang) if key in lc.catalogue() else (name if part == "label" else "")


def _vignette_label(code: str, lang: str) -> str:
    return get_codebook().value_labels("vinjett", lang).get(code, code)


def _risk_label(code: str, lang: str) -> str:
    var = get_codebook()["risk"]
    return var.code(code).label(lang)


def _with_n(label: str, n: int, lang: str) -> str:
    return _w("with_n", lang, label=label, n=format_count(n, lang))


def _estimate(value, low, high, decimals: int, lang: str) -> str:
    if pd.isna(value):
        return MISSING_TEXT
    return f"{format_number(value, decimals, lang)} ({format_interval(low, high, decimals, lang)})"


# ---------------------------------------------------------------------------
# the vignette texts
# ---------------------------------------------------------------------------


def vignette_markdown(vignette: dict, lang: str = "sv", *, facts: bool = False, heading: str = "###") -> str:
    """A vignette as Markdown: its title as a heading and its text; optionally its facts.

    Parameters
    ----------
    vignette : dict
        One vignette as :func:`webbkollen_lib.load_vignettes` returns it.
    lang : {"sv", "en"}
        Language of the text (falls back to Swedish when the file has no English).
    facts : bool
        Also list the risk and protective factors written into the case (the
        key a trainer compares answers with).
    heading : str
        Markdown heading marker of the title.

    Examples
    --------
    >>> v = {"title_sv": "Sara, 9 år", "text_sv": "Sara bor med sin pappa.", "facts": []}
    >>> vignette_markdown(v)
    '### Sara, 9 år\\n\\nSara bor med sin pappa.'
    """
    lc.check_lang(lang)
    title = vignette.get(f"title_{lang}") or vignette["title_sv"]
    body = vignette.get(f"text_{lang}") or vignette["text_sv"]
    out = f"{heading} {title}\n\n{body}"
    if facts:
        names = lc.labels("vignettes.facts_heading", lang)
        for kind in ("risk", "skydd"):
            items = [f.get(lang) or f["sv"] for f in vignette.get("facts", []) if f["kind"] == kind]
            if items:
                out += f"\n\n**{names[kind]}:**\n\n" + "\n".join(f"- {i}" for i in items)
    return out


# ---------------------------------------------------------------------------
# the report's counts
# ---------------------------------------------------------------------------


def _question_answer(variable: str, code: str, lang: str) -> tuple[str, str]:
    cb = get_codebook()
    if variable == "vinjett":
        return _w("n_ratings", lang), ""
    if variable == "risk":
        return cb["risk"].label(lang), _risk_label(code, lang)
    derived = {
        "oppenvard": ("insatsforslag", "any_open_care"),
        "vard_utanfor_hemmet": ("insatsforslag", "any_out_of_home"),
        "hem_bristande_omsorg_och_annat": ("hem", "both_care_other"),
        "fokus_ovriga_omraden_min": ("fokus", "focus_min"),
        "fokus_ovriga_omraden_max": ("fokus", "focus_max"),
    }
    if variable in derived:
        group, word = derived[variable]
        return cb[group].label(lang), _w(word, lang)
    try:
        var = cb.variable_of(variable)
    except KeyError:
        return variable, str(code)
    if var.is_multi:
        return var.label(lang), var.code(cb.option_of(variable)).label(lang)
    return var.label(lang), cb.value_labels(variable, lang).get(code, str(code))


def report_comparison(ratings: pd.DataFrame, *, vignettes=None, lang: str = "sv",
                      published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every count the report gives beside the same count in ``ratings``, labelled for reading.

    A readable form of :func:`webbkollen_lib.compare_vignettes_with_published`
    (which holds the numbers): one row per published count of the vignettes
    in ``ratings``, in the order of :func:`webbkollen_lib.systems.webbkollen.vignettes.published_vignette_counts`.

    Parameters
    ----------
    ratings : DataFrame
        Long vignette ratings.
    vignettes : str or sequence, optional
        Vignette codes to show (default: every vignette rated in ``ratings``).
    lang : {"sv", "en"}
    published : DataFrame, optional
        The published counts (default :func:`published_vignette_counts`).

    Returns
    -------
    DataFrame indexed by case (the codebook's ``vinjett`` label), question
    and answer, with the report's count ("10 av 12"; the number of ratings
    alone on its own row), the count in the data, whether they match
    (codebook yes/no) and the basis of the published count (stated, implied
    by the report's numbers, or our reading).
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "risk"], "report_comparison")
    order = vignette_order(ratings, vignettes, "report_comparison")
    pub = published_vignette_counts() if published is None else published
    pub = pub[pub["vinjett"].isin(order)].reset_index(drop=True)
    cmp = compare_vignettes_with_published(of_vignettes(ratings, order), pub)
    yes_no = get_codebook().yes_no

    def count(k, n, variable):
        return format_count(k, lang) if variable == "vinjett" else _w("of", lang, k=format_count(k, lang),
                                                                        n=format_count(n, lang))

    rows = []
    for rec in cmp.itertuples(index=False):
        question, answer = _question_answer(rec.variable, rec.code, lang)
        rows.append({
            get_codebook()["vinjett"].label(lang): _vignette_label(rec.vinjett, lang),
            _w("question", lang): question,
            _w("answer", lang): answer,
            _w("report", lang): count(rec.published, rec.n, rec.variable),
            _w("data", lang): count(rec.reproduced, rec.n_reproduced, rec.variable),
            _w("match", lang): yes_no[bool(rec.ok)][lang],
            _w("basis", lang): _w(rec.basis, lang) if f"vignettes.word.{rec.basis}" in lc.catalogue() else rec.basis,
        })
    frame = pd.DataFrame(rows)
    return frame.set_index(list(frame.columns[:3]))


# ---------------------------------------------------------------------------
# the risk rating, vignette by vignette
# ---------------------------------------------------------------------------


def risk_table(ratings: pd.DataFrame, *, vignettes=None, lang: str = "sv",
               published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The risk distribution as a table: levels down, vignettes across, the report beside the data.

    Rows are the risk levels (codebook labels), "Inte känt" and the number of
    ratings; for each vignette two columns, the data as ``n (%)`` and the
    report's count (``–`` where the report gives none).
    """
    lc.check_lang(lang)
    dist = risk_distribution(ratings, vignettes=vignettes, published=published)
    cb = get_codebook()
    index = [_risk_label(c, lang) for c in [*risk_levels(), UNKNOWN]] + [_w("n_ratings", lang)]
    columns, data = [], []
    for v, part in dist.groupby("vinjett", sort=False):
        label = _vignette_label(v, lang)
        n = int(part["n_ratings"].iloc[0])
        ours = [format_n_percent(r.n, r.share, lang=lang) for r in part.itertuples()] + [format_count(n, lang)]
        pub = part["published"]
        theirs = [format_count(x, lang) if pd.notna(x) else MISSING_TEXT for x in pub]
        total = int(pub.sum()) if pub.notna().any() else None
        theirs.append(format_count(total, lang) if total is not None else MISSING_TEXT)
        columns += [(label, _w("data", lang)), (label, _w("report", lang))]
        data += [ours, theirs]
    out = pd.DataFrame(dict(zip(range(len(data)), data)), index=index)
    out.columns = pd.MultiIndex.from_tuples(columns)
    out.index.name = cb["risk"].label(lang)
    return out


# ---------------------------------------------------------------------------
# consensus about one vignette
# ---------------------------------------------------------------------------


def consensus_table(ratings: pd.DataFrame, *, vignettes=None, measures: Sequence[str] | None = None,
                    n_boot: int = 2000, seed: int = 0, confidence: float = 0.95, lang: str = "sv",
                    decimals: int = 2) -> pd.DataFrame:
    """Consensus about each vignette as a table: measures down, vignettes across.

    Cells are ``value (low–high)`` with the bootstrap interval of
    :func:`consensus_by_vignette`; the last column says how to read the
    measure. ``measures`` picks and orders the rows (default: all of
    :func:`webbkollen_lib.agreement.coefficients.consensus`).
    """
    lc.check_lang(lang)
    long = consensus_by_vignette(ratings, vignettes=vignettes, n_boot=n_boot, seed=seed, confidence=confidence)
    available = list(long.index.get_level_values("measure").unique())
    measures = available if measures is None else list(measures)
    unknown = [m for m in measures if m not in available]
    if unknown:
        raise ValueError(f"consensus_table: unknown measure(s) {', '.join(unknown)}; allowed: {', '.join(available)}")
    out = {}
    for v in long.index.get_level_values("vinjett").unique():
        part = long.loc[v]
        head = _with_n(_vignette_label(v, lang), int(part["n_raters"].iloc[0]), lang)
        out[head] = [_estimate(part.at[m, "value"], part.at[m, "ci_low"], part.at[m, "ci_high"], decimals, lang)
                     for m in measures]
    frame = pd.DataFrame(out, index=[_measure(m, "label", lang) for m in measures])
    frame[_w("reading", lang)] = [_measure(m, "reading", lang) for m in measures]
    frame.index.name = _w("measure", lang)
    return frame


# ---------------------------------------------------------------------------
# agreement across the vignettes of a test
# ---------------------------------------------------------------------------


def _coefficient_label(name: str, row: pd.Series, lang: str) -> str:
    base = lc.labels("vignettes.coefficient", lang)[name]
    if name == "gwet_ac1":
        base = base.format(ac=row["coefficient"])
    levels, weights = lc.labels("vignettes.level", lang), lc.labels("vignettes.weights", lang)
    if name == "krippendorff_alpha" and row["level"] in levels:
        return f"{base}, {levels[row['level']]}"
    if isinstance(row["weights"], str) and row["weights"] in weights:
        return f"{base}, {weights[row['weights']]}"
    return base


def agreement_table(ratings: pd.DataFrame, *, value: str = "risk", vignettes=None, weights="identity",
                    level: str = "nominal", confidence: float = 0.95, n_boot: int = 1000, seed: int = 0,
                    lang: str = "sv", decimals: int = 2) -> pd.DataFrame:
    """:func:`agreement_across_vignettes` as a table to read.

    Columns: the value, the t interval (with its degrees of freedom in the
    header) and its width, the bootstrap interval over raters, observed
    agreement ``pa`` and chance agreement ``pe``. The row names say the
    weights or level. The number of units and raters is in
    ``.attrs["n_units"]`` and ``.attrs["n_raters"]``.
    """
    lc.check_lang(lang)
    t = agreement_across_vignettes(ratings, value=value, vignettes=vignettes, weights=weights, level=level,
                                   confidence=confidence, n_boot=n_boot, seed=seed)
    pct = format_number(confidence * 100, 0, lang)
    df = int(t["df"].iloc[0])
    rows = {}
    for name, row in t.iterrows():
        rows[_coefficient_label(name, row, lang)] = {
            _w("value", lang): format_number(row["value"], decimals, lang),
            _w("ci_t", lang, level=pct, df=df): format_interval(row["ci_low"], row["ci_high"], decimals, lang),
            _w("ci_width", lang): format_number(row["ci_width"], decimals, lang),
            _w("ci_boot", lang, level=pct): format_interval(row["boot_ci_low"], row["boot_ci_high"], decimals, lang),
            _w("pa", lang): format_number(row["pa"], decimals, lang),
            _w("pe", lang): format_number(row["pe"], decimals, lang) if name != "percent_agreement" else MISSING_TEXT,
        }
    out = pd.DataFrame(rows).T
    out.index.name = _w("coefficient", lang)
    if not n_boot:
        out = out.drop(columns=_w("ci_boot", lang, level=pct))
    out.attrs["n_units"] = int(t["n_units"].iloc[0])
    out.attrs["n_raters"] = int(t["n_raters"].iloc[0])
    return out


def ci_multipliers(n_units: Sequence[int] = (2, 3, 4, 5, 10, 20, 50, 100), *, confidence: float = 0.95,
                   lang: str = "sv") -> pd.DataFrame:
    r"""How much wider a confidence interval is with few units: the t multiplier by number of units.

    The coefficients' intervals are :math:`\hat\kappa \pm t_{n-1,\,1-a/2}\,\widehat{se}`
    (irrCAC). With n units the multiplier is the t quantile with n − 1
    degrees of freedom; the last column compares it with the normal
    quantile (1.96 at 95 %). And the standard error itself is estimated
    from those n units.

    Examples
    --------
    >>> ci_multipliers([2], lang="en").loc["2"].tolist()
    ['1', '12.71', '6.5']
    """
    lc.check_lang(lang)
    a = 1 - confidence
    z = stats.norm.ppf(1 - a / 2)
    rows = []
    for n in n_units:
        if int(n) < 2:
            raise ValueError(f"ci_multipliers: a confidence interval needs at least 2 units, got {n}")
        t = stats.t.ppf(1 - a / 2, int(n) - 1)
        rows.append([format_count(n, lang), format_count(int(n) - 1, lang), format_number(t, 2, lang),
                     format_number(t / z, 1, lang)])
    frame = pd.DataFrame(rows, columns=[_w(k, lang) for k in ("n_units_long", "df", "t", "t_ratio")])
    return frame.set_index(_w("n_units_long", lang))


# ---------------------------------------------------------------------------
# checklists (multi-select questions)
# ---------------------------------------------------------------------------


def _group_columns(ratings: pd.DataFrame, group: str, what: str) -> tuple:
    cb = get_codebook()
    if group not in cb or not cb[group].is_multi:
        groups = [v.id for v in cb.multi_groups("ratings")]
        raise ValueError(f"{what}: {group!r} is not a multi-select group of the ratings; allowed: {', '.join(groups)}")
    var = cb[group]
    columns = [c for c in var.columns if c in ratings.columns]
    if not columns:
        raise ValueError(f"{what}: the ratings have no {var.prefix}* columns")
    return var, columns


def checklist_table(ratings: pd.DataFrame, group: str, *, vignettes=None, lang: str = "sv",
                    decimals: int = 2) -> pd.DataFrame:
    """One checklist question, option by option: how many ticked it per vignette, and agreement.

    For each option (codebook order, the explicit "none" options included):
    ``k av n`` per vignette (raters who ticked it, of those who answered the
    question), then from :func:`webbkollen_lib.agreement.coefficients.checklist_agreement`
    the agreement across the vignettes treating the option as a yes/no
    rating: percent agreement, Gwet's AC1, Fleiss' kappa and Krippendorff's
    alpha. An option almost nobody (or almost everybody) ticks has high
    percent agreement and AC1 but an unstable or undefined (``–``) kappa
    and alpha: read them side by side.

    Parameters
    ----------
    group : str
        A multi-select group of the ratings: ``hem``, ``vh``, ``barn``,
        ``insatsforslag`` or ``fokus``.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "bedomare"], "checklist_table")
    var, columns = _group_columns(ratings, group, "checklist_table")
    order = vignette_order(ratings, vignettes, "checklist_table")
    sub = of_vignettes(ratings, order)
    agreement = ag.checklist_agreement(sub, columns)
    which = sub["vinjett"].astype(str)
    out = pd.DataFrame(index=[var.code(get_codebook().option_of(c)).label(lang) for c in columns])
    for v in order:
        block = sub.loc[which == v, columns].astype("boolean")
        answered = block.notna().any(axis=1)
        n = int(answered.sum())
        counts = block[answered].fillna(False).sum(axis=0)
        out[_vignette_label(v, lang)] = [
            _w("of", lang, k=format_count(int(counts[c]), lang), n=format_count(n, lang)) if n else MISSING_TEXT
            for c in columns
        ]
    for key, name in (("percent_agreement", "percent_agreement"), ("gwet_ac1", "gwet_ac1"),
                      ("fleiss_kappa", "fleiss_kappa"), ("krippendorff_alpha", "krippendorff_alpha")):
        label = lc.labels("vignettes.coefficient", lang)[name].format(ac="AC1")
        out[label] = [format_number(x, decimals, lang) for x in agreement.loc[columns, key]]
    out.index.name = var.label(lang)
    return out


def checklist_set_agreement(ratings: pd.DataFrame, groups: Sequence[str] = ("hem", "vh", "barn"), *,
                            vignettes=None, distance: str = "masi", confidence: float = 0.95,
                            lang: str = "sv", decimals: int = 2) -> pd.DataFrame:
    """Agreement on each checklist as a whole: Krippendorff's alpha on the sets of ticked options.

    :func:`webbkollen_lib.agreement.coefficients.checklist_alpha` for each group, with
    the set distance ``distance`` (``"masi"`` or ``"jaccard"``), its
    interval, and the numbers of vignettes and raters.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "bedomare"], "checklist_set_agreement")
    order = vignette_order(ratings, vignettes, "checklist_set_agreement")
    sub = of_vignettes(ratings, order)
    pct = format_number(confidence * 100, 0, lang)
    rows = {}
    for group in groups:
        var, columns = _group_columns(ratings, group, "checklist_set_agreement")
        res = ag.checklist_alpha(sub, columns, distance=distance, confidence=confidence)
        rows[var.label(lang)] = {
            _w("alpha_sets", lang, distance=distance.upper() if distance == "masi" else distance.capitalize()):
                format_number(res.value, decimals, lang),
            _w("ci", lang, level=pct): format_interval(res.ci[0], res.ci[1], decimals, lang),
            _w("n_units", lang): format_count(res.n_units, lang),
            _w("n_raters", lang): format_count(res.n_raters, lang),
        }
    out = pd.DataFrame(rows).T
    out.index.name = _w("question", lang)
    return out


def options_by_risk(data: pd.DataFrame, columns: Sequence[str], *, labels: dict | None = None,
                    lang: str = "sv") -> pd.DataFrame:
    """How many raters at each risk level ticked (or named) each of ``columns``.

    Rows are the columns (labelled by ``labels``, else the codebook's option
    label, else the column name); columns are the risk levels that occur in
    ``data`` (codebook order, "Inte känt" last), each with its number of
    raters, then all raters. A cell is the number of raters at that level
    with True in the column; NA (did not answer) counts as not ticked.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"risk": ["hog", "hog", "ingen_lag"], "x": [True, False, True]})
    >>> options_by_risk(d, ["x"], lang="en").loc["x"].tolist()
    [1, 1, 2]
    """
    lc.check_lang(lang)
    check_ratings(data, ["risk", *columns], "options_by_risk")
    cb = get_codebook()
    codes = risk_codes(data["risk"], "options_by_risk")
    levels = levels_present(codes)

    def label(c):
        if labels and c in labels:
            return labels[c]
        option = cb.option_of(c)
        return cb.variable_of(c).code(option).label(lang) if option is not None else c

    out = pd.DataFrame(index=[label(c) for c in columns])
    for lvl in levels:
        mask = (codes == lvl).to_numpy()
        out[_with_n(_risk_label(lvl, lang), int(mask.sum()), lang)] = [
            int(ticked(data.loc[mask, c]).sum()) for c in columns]
    out[_with_n(_w("all", lang), len(data), lang)] = [int(ticked(data[c]).sum()) for c in columns]
    return out


# ---------------------------------------------------------------------------
# the factors named in the open answer
# ---------------------------------------------------------------------------


def factors_by_risk(ratings: pd.DataFrame, vignette: dict, *, kind: str = "risk", lang: str = "sv") -> pd.DataFrame:
    """For one vignette: how many raters at each risk level named each factor of the case.

    :func:`named_factors` counted by :func:`options_by_risk`; rows are the
    facts of the vignette text (in ``lang``, first letter capitalised),
    indexed by BBIC area (the triangle's order: the child's development,
    parenting capacity, family and environment; facts without an area
    last) and fact. This is where the report's "de som bedömt något
    förhöjd risk hade missat riskfaktorer som rörde barnets hälsoproblem"
    is seen.
    """
    lc.check_lang(lang)
    frame = named_factors(ratings, vignette, kind=kind)
    area_names = lc.labels("vignettes.area", lang)
    area_order = list(area_names)
    facts = [f for f in vignette["facts"] if f["kind"] == kind]
    facts = sorted(facts, key=lambda f: area_order.index(f["area"]) if f.get("area") in area_names else len(area_names))
    columns = [FACTOR_PREFIX + f["id"] for f in facts]
    labels = {FACTOR_PREFIX + f["id"]: _capitalise(f.get(lang) or f["sv"]) for f in facts}
    table = options_by_risk(frame, columns, labels=labels, lang=lang)
    areas = [area_names[f["area"]] if f.get("area") in area_names else MISSING_TEXT for f in facts]
    table.index = pd.MultiIndex.from_arrays([areas, list(table.index)], names=[_w("area", lang), _w("factor", lang)])
    return table


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def factor_count_correlation(ratings: pd.DataFrame, vignette_texts: dict, *, vignettes=None, kind: str = "risk",
                             confidence: float = 0.95, lang: str = "sv", decimals: int = 2) -> pd.DataFrame:
    """Per vignette: does the risk rating rise with the number of factors the rater named?

    :func:`webbkollen_lib.agreement.coefficients.rating_vs_factor_count` (Spearman's rho
    with a Fisher-z interval) on the factors of :func:`named_factors`. With
    7 raters (Max) the interval is wide; where every rater gave the same
    level, or named the same number of factors, rho is undefined (``–``).

    Parameters
    ----------
    vignette_texts : dict
        ``{id: vignette}`` as :func:`webbkollen_lib.load_vignettes` returns.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "risk", "motivering"], "factor_count_correlation")
    order = vignette_order(ratings, vignettes, "factor_count_correlation")
    pct = format_number(confidence * 100, 0, lang)
    rows = {}
    for v in order:
        if v not in vignette_texts:
            raise ValueError(f"factor_count_correlation: no vignette text for {v!r}; texts: "
                             f"{', '.join(vignette_texts)}")
        frame = named_factors(ratings, vignette_texts[v], kind=kind)
        frame["risk"] = as_scale(risk_codes(frame["risk"], "factor_count_correlation"))
        factors = [c for c in frame.columns if c.startswith(FACTOR_PREFIX)]
        res = ag.rating_vs_factor_count(frame, factors=factors, by="vinjett", confidence=confidence)
        r = res.iloc[0]
        rows[_vignette_label(v, lang)] = {
            _w("n_raters", lang): format_count(r["n"], lang),
            _w("rho", lang): format_number(r["rho"], decimals, lang),
            _w("ci", lang, level=pct): format_interval(r["ci_low"], r["ci_high"], decimals, lang),
            text("p_header", lang): format_p(r["p_value"], lang),
            _w("mean_factors", lang): format_number(r["mean_factors"], 1, lang),
        }
    out = pd.DataFrame(rows).T
    out.index.name = get_codebook()["vinjett"].label(lang)
    return out


# ---------------------------------------------------------------------------
# the words of the open answers
# ---------------------------------------------------------------------------


def phrase_counts(ratings: pd.DataFrame, phrases: Sequence[str], *, vignette: str, column: str = "motivering",
                  lang: str = "sv") -> pd.DataFrame:
    """How many raters at each risk level used each expression in an open answer.

    An expression counts when it occurs in the rater's ``column`` text, case
    and line breaks ignored; "…" in an expression stands for any text in
    between ("våldet … ska upphöra" also finds "Våldet mot Jamila ska
    upphöra"). Rows are the expressions (quoted), columns the risk levels of
    the vignette's raters with their numbers, as in :func:`options_by_risk`.
    :data:`REPORT_PHRASES` holds the expressions the report quotes for Jamila.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"vinjett": ["j", "j"], "risk": ["hog", "ingen_lag"],
    ...                   "motivering": ["Fysiskt våld mot barnet.", "Svårigheter i gränssättning."]})
    >>> phrase_counts(d, ["fysiskt våld"], vignette="j", lang="en").iloc[0].tolist()
    [0, 1, 1]
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "risk", column], "phrase_counts")
    vignette_order(ratings, [vignette], "phrase_counts")
    rows = ratings[ratings["vinjett"].astype(str) == vignette]
    texts = rows[column].astype(object)
    frame = pd.DataFrame({"risk": rows["risk"]})
    labels = {}
    for i, phrase in enumerate(phrases):
        pattern = phrase_pattern(phrase)
        key = f"_phrase_{i}"
        frame[key] = [False if (t is None or t is pd.NA or (isinstance(t, float) and np.isnan(t)))
                      else bool(pattern.search(str(t))) for t in texts]
        labels[key] = f"”{phrase}”"
    table = options_by_risk(frame, list(labels), labels=labels, lang=lang)
    table.index.name = _w("phrase", lang)
    return table


def statements_by_risk(ratings: pd.DataFrame, *, vignette: str, column: str = "motivering",
                       lang: str = "sv") -> pd.DataFrame:
    """The open answers of one vignette grouped by the risk level the rater chose.

    For a motivation the judgement is shown (the text before its
    ``Riskfaktorer:`` list; the lists are in :func:`factors_by_risk`); any
    other text is shown whole. Identical answers are counted once with
    their number of raters. Missing answers are left out.

    Returns
    -------
    DataFrame indexed by (risk level, answer), ordered by risk level, then
    by how many gave the answer; one column, the number of raters.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "risk", column], "statements_by_risk")
    vignette_order(ratings, [vignette], "statements_by_risk")
    rows = ratings[ratings["vinjett"].astype(str) == vignette]
    codes = risk_codes(rows["risk"], "statements_by_risk")
    texts = rows[column].astype(object)
    keep = texts.notna().to_numpy()
    lead = texts[keep].map(lambda t: re.split(r"\s*Riskfaktorer:", str(t), maxsplit=1)[0].strip())
    frame = pd.DataFrame({"risk": codes[keep].to_numpy(), "text": lead.to_numpy()})
    rank = {c: i for i, c in enumerate([*risk_levels(), UNKNOWN])}
    counted = (frame.groupby(["risk", "text"]).size().rename("n").reset_index()
               .assign(_rank=lambda d: d["risk"].map(rank))
               .sort_values(["_rank", "n", "text"], ascending=[True, False, True]))
    cb = get_codebook()
    col_label = cb.label(column, lang) if column in cb.columns("ratings") else column
    index = pd.MultiIndex.from_arrays([[_risk_label(c, lang) for c in counted["risk"]], counted["text"].to_numpy()],
                                      names=[cb["risk"].label(lang), col_label])
    return pd.DataFrame({_w("n_raters", lang): counted["n"].to_numpy()}, index=index)


# ---------------------------------------------------------------------------
# raters, anonymously
# ---------------------------------------------------------------------------


def rater_table(ratings: pd.DataFrame, *, vignettes=None, coefficient: str = "krippendorff_alpha",
                level: str = "ordinal", min_raters: int = MIN_CELL, seed=None, lang: str = "sv",
                decimals: int = 2) -> pd.DataFrame:
    """Each rater's position against the others and what leaving them out does to agreement, anonymously.

    Raters become letters ("Bedömare A", …) in a random order (``seed``),
    never names; with fewer raters than ``min_raters`` (the disclosure
    threshold, :data:`webbkollen_lib.disclosure.MIN_CELL`) the table is
    refused, since one colleague among three or four is soon recognised.
    Numbers from :func:`webbkollen_lib.agreement.rater_positions` (scale
    steps above or below the others on the same vignettes) and
    :func:`webbkollen_lib.agreement.leave_one_rater_out`. The caution to
    read with it is in ``.attrs["caution"]``.
    """
    lc.check_lang(lang)
    check_ratings(ratings, ["vinjett", "bedomare", "risk"], "rater_table")
    order = vignette_order(ratings, vignettes, "rater_table")
    sub = of_vignettes(ratings, order).copy()
    sub["risk"] = as_scale(risk_codes(sub["risk"], "rater_table"))
    wide = ag.from_long(sub, unit="vinjett", rater="bedomare", value="risk")
    wide = wide.loc[:, wide.notna().any()]
    if wide.shape[1] < min_raters:
        raise ValueError(lc.text("agreement_extras.rater.too_few", "en", k=min_raters))
    positions = ag.rater_positions(wide)
    options = {"level": level} if coefficient == "krippendorff_alpha" else {}
    change = ag.leave_one_rater_out(wide, [coefficient], **options).set_index("rater")["change"]
    shuffled = np.random.default_rng(seed).permutation(len(positions))
    letters = [chr(ord("A") + i) if i < 26 else f"{i + 1}" for i in range(len(positions))]
    name = lc.labels("vignettes.coefficient", lang).get(coefficient, coefficient).format(ac="AC1")
    rows = []
    for i in np.argsort(shuffled):
        rater = positions.index[i]
        rows.append({
            _w("n_raters", lang): lc.text("agreement_extras.rater.label", lang, letter=letters[shuffled[i]]),
            lc.text("agreement_extras.rater.n_units", lang): format_count(int(positions.iloc[i]["n_units"]), lang),
            lc.text("agreement_extras.rater.difference", lang): format_number(positions.iloc[i]["difference"],
                                                                              decimals, lang),
            lc.text("agreement_extras.rater.change", lang, coefficient=name): format_number(change[rater], decimals,
                                                                                           lang),
        })
    out = pd.DataFrame(rows).set_index(_w("n_raters", lang))
    out.attrs["caution"] = lc.text("agreement_extras.rater.caution", lang)
    return out
