"""Tables and figures for the agreement-test notebooks (report §3.3, one vignette at a time).

The Webbkollen report ran two agreement tests (*samstämmighetstest*): test 1
(autumn 2016, Assi and Max, the risk rating and an open answer) and test 2
(autumn 2017, Jamila, Tobias and Mohammad, also the exposure checklists, a
suggested intervention, the focus areas and a goal). This module turns long
vignette ratings (one row per rater and vignette, as
:func:`webbkollen_lib.load_vignette_ratings` returns) into what a trainer and
a researcher read beside the report. The statistics come from
:mod:`webbkollen_lib.agreement.coefficients`; this module selects, reshapes and labels.

Two kinds of output:

* tidy numeric frames for further work -- :func:`risk_distribution`,
  :func:`consensus_by_vignette`, :func:`agreement_across_vignettes`,
  :func:`named_factors`;
* display tables whose every label comes from the codebook (or, for the few
  words it has no place for, from this module's word list) and whose numbers
  are formatted the Swedish way by default (``lang="en"`` for English) --
  :func:`report_comparison`, :func:`risk_table`, :func:`consensus_table`,
  :func:`agreement_table`, :func:`ci_multipliers`, :func:`checklist_table`,
  :func:`checklist_set_agreement`, :func:`options_by_risk`,
  :func:`factors_by_risk`, :func:`factor_count_correlation`,
  :func:`phrase_counts`, :func:`statements_by_risk`;

and two figures, :func:`plot_risk_distribution` and
:func:`plot_factor_count_by_risk`, in the package style
(:mod:`webbkollen_lib.plots.style`).

"Inte känt" (a missing risk rating) is its own row in the distributions, as
in the report ("en svarande angav att riskbedömning inte kunde göras"), and
is left out of every agreement and consensus measure (it is not a level of
the scale).

Open answers: the synthetic motivations follow the package's convention
``"<judgement> Riskfaktorer: a; b. Skyddsfaktorer: c; d."`` (see
:func:`webbkollen_lib.synthetic.vignettes.count_named_risk_factors`). The
functions that read them fall back to the whole text when a motivation has
no such lists, so a workshop's free-text answers work too.
"""

from __future__ import annotations

import re
import textwrap
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from scipy import stats

from webbkollen_lib import agreement as ag
from webbkollen_lib.core.codebook import check_lang, get_codebook
from webbkollen_lib.core.errors import require_columns, require_frame
from webbkollen_lib.core.formatting import (
    MISSING_TEXT,
    format_count,
    format_interval,
    format_n_percent,
    format_number,
    format_p,
    format_percent,
    text,
)
from webbkollen_lib.plots.style import EDGE, PAIR, sequential, style_context, text_colour_on
from webbkollen_lib.systems.webbkollen.vignettes import compare_vignettes_with_published, published_vignette_counts

__all__ = [
    "UNKNOWN",
    "FACTOR_PREFIX",
    "REPORT_PHRASES",
    "vignette_markdown",
    "report_comparison",
    "risk_distribution",
    "risk_table",
    "plot_risk_distribution",
    "consensus_by_vignette",
    "consensus_table",
    "agreement_across_vignettes",
    "agreement_table",
    "ci_multipliers",
    "checklist_table",
    "checklist_set_agreement",
    "options_by_risk",
    "named_factors",
    "factors_by_risk",
    "factor_count_correlation",
    "plot_factor_count_by_risk",
    "phrase_counts",
    "statements_by_risk",
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

# Words the codebook has no place for; placeholders are filled by _w().
_WORDS = {
    "data": {"sv": "Datamaterialet", "en": "The data"},
    "report": {"sv": "Rapporten", "en": "The report"},
    "question": {"sv": "Fråga", "en": "Question"},
    "answer": {"sv": "Svar", "en": "Answer"},
    "match": {"sv": "Stämmer", "en": "Matches"},
    "basis": {"sv": "Underlag", "en": "Basis"},
    "of": {"sv": "{k} av {n}", "en": "{k} of {n}"},
    "n_ratings": {"sv": "Antal bedömningar", "en": "Number of ratings"},
    "n_raters": {"sv": "Bedömare", "en": "Raters"},
    "n_units": {"sv": "Ärenden", "en": "Cases"},
    "all": {"sv": "Alla", "en": "All"},
    "with_n": {"sv": "{label} (n = {n})", "en": "{label} (n = {n})"},
    "value": {"sv": "Värde", "en": "Value"},
    "ci": {"sv": "{level} % KI", "en": "{level}% CI"},
    "ci_t": {"sv": "{level} % KI (t, {df} fg)", "en": "{level}% CI (t, {df} df)"},
    "ci_width": {"sv": "KI:s bredd", "en": "CI width"},
    "ci_boot": {"sv": "{level} % KI, bootstrap över bedömare", "en": "{level}% CI, bootstrap over raters"},
    "pa": {"sv": "Observerad överensstämmelse (pa)", "en": "Observed agreement (pa)"},
    "pe": {"sv": "Väntad av slump (pe)", "en": "Expected by chance (pe)"},
    "reading": {"sv": "Så läses måttet", "en": "How to read it"},
    "share_axis": {"sv": "Andel av bedömningarna (i staplarna: antal bedömare)",
                   "en": "Share of the ratings (in the bars: number of raters)"},
    "measure": {"sv": "Mått", "en": "Measure"},
    "coefficient": {"sv": "Koefficient", "en": "Coefficient"},
    "option": {"sv": "Svarsalternativ", "en": "Option"},
    "area": {"sv": "BBIC-område", "en": "BBIC area"},
    "factor": {"sv": "Faktor i ärendet", "en": "Factor in the case"},
    "phrase": {"sv": "Uttryck", "en": "Expression"},
    "rho": {"sv": "Spearmans rho", "en": "Spearman's rho"},
    "mean_factors": {"sv": "Antal angivna faktorer, medel", "en": "Factors named, mean"},
    "statement": {"sv": "Med egna ord", "en": "In their own words"},
    "n_units_long": {"sv": "Antal ärenden (enheter)", "en": "Number of cases (units)"},
    "df": {"sv": "Frihetsgrader", "en": "Degrees of freedom"},
    "t": {"sv": "Multiplikator t", "en": "Multiplier t"},
    "t_ratio": {"sv": "Gånger bredare än med 1,96", "en": "Times wider than with 1.96"},
    "alpha_sets": {"sv": "Krippendorffs alfa ({distance})", "en": "Krippendorff's alpha ({distance})"},
    "any_open_care": {"sv": "Någon öppenvårdsinsats", "en": "Any open-care intervention"},
    "any_out_of_home": {"sv": "Någon vård utanför hemmet", "en": "Any care outside the home"},
    "both_care_other": {"sv": "Både bristande omsorg och annat skäl", "en": "Both lack of care and other reason"},
    "focus_min": {"sv": "Övriga områden: lägsta antal", "en": "Other areas: lowest number"},
    "focus_max": {"sv": "Övriga områden: högsta antal", "en": "Other areas: highest number"},
    "reported": {"sv": "Anges i rapporten", "en": "Stated in the report"},
    "implied": {"sv": "Följer av rapportens siffror", "en": "Follows from the report's numbers"},
    "decision": {"sv": "Vår tolkning", "en": "Our reading"},
}

_MEASURES = {  # consensus measure -> (label, reading)
    "modal_share": {
        "sv": ("Andel i den vanligaste nivån", "1 = alla valde samma nivå"),
        "en": ("Share in the most common level", "1 = everybody chose the same level"),
    },
    "within_one_step": {
        "sv": ("Andel högst ett steg från medianen", "1 = alla inom ett steg från mediannivån"),
        "en": ("Share within one step of the median", "1 = everybody within one step of the median level"),
    },
    "tastle_wierman": {
        "sv": ("Konsensus (Tastle & Wierman)", "1 = alla eniga, 0 = delade mellan skalans ytterlägen"),
        "en": ("Consensus (Tastle & Wierman)", "1 = unanimous, 0 = split between the ends of the scale"),
    },
    "leik_dispersion": {
        "sv": ("Ordinal spridning (Leik)", "0 = alla eniga, 1 = delade mellan skalans ytterlägen"),
        "en": ("Ordinal dispersion (Leik)", "0 = unanimous, 1 = split between the ends of the scale"),
    },
    "iqv": {
        "sv": ("Kvalitativ variation (IQV)", "0 = alla eniga, 1 = jämnt spridda över nivåerna (ordningen räknas inte)"),
        "en": ("Qualitative variation (IQV)", "0 = unanimous, 1 = spread evenly over the levels (order ignored)"),
    },
    "r_wg": {
        "sv": ("r_wg (James, Demaree & Wolf)", "1 = alla eniga, 0 eller lägre = som slumpmässiga svar"),
        "en": ("r_wg (James, Demaree & Wolf)", "1 = unanimous, 0 or below = like random answers"),
    },
    "a_wg": {
        "sv": ("a_wg (Brown & Hauenstein)", "1 = alla eniga, −1 = största möjliga oenighet"),
        "en": ("a_wg (Brown & Hauenstein)", "1 = unanimous, −1 = the largest possible disagreement"),
    },
}

_COEFFICIENTS = {
    "percent_agreement": {"sv": "Andel överensstämmande par", "en": "Percent agreement"},
    "fleiss_kappa": {"sv": "Fleiss kappa", "en": "Fleiss' kappa"},
    "conger_kappa": {"sv": "Congers kappa", "en": "Conger's kappa"},
    "gwet_ac1": {"sv": "Gwets {ac}", "en": "Gwet's {ac}"},
    "brennan_prediger": {"sv": "Brennan–Prediger", "en": "Brennan–Prediger"},
    "krippendorff_alpha": {"sv": "Krippendorffs alfa", "en": "Krippendorff's alpha"},
}

_WEIGHTS = {
    "linear": {"sv": "linjära vikter", "en": "linear weights"},
    "quadratic": {"sv": "kvadratiska vikter", "en": "quadratic weights"},
    "ordinal": {"sv": "ordinala vikter", "en": "ordinal weights"},
    "radical": {"sv": "rotvikter", "en": "radical weights"},
}
_LEVELS = {
    "nominal": {"sv": "nominell", "en": "nominal"},
    "ordinal": {"sv": "ordinal", "en": "ordinal"},
    "interval": {"sv": "intervall", "en": "interval"},
    "ratio": {"sv": "kvot", "en": "ratio"},
}
_AREAS = {
    "barnets_utveckling": {"sv": "Barnets utveckling", "en": "The child's development"},
    "foraldrarnas_formaga": {"sv": "Föräldrarnas förmåga", "en": "Parenting capacity"},
    "familj_miljo": {"sv": "Familj och miljö", "en": "Family and environment"},
}
_KIND_SECTION = {"risk": "Riskfaktorer", "skydd": "Skyddsfaktorer"}
_NONE_NAMED = "inga angivna"
_UNKNOWN_GREY = "#d9d9d9"


# ---------------------------------------------------------------------------
# plumbing
# ---------------------------------------------------------------------------


_check_lang = check_lang


def _w(key: str, lang: str, **fields) -> str:
    template = _WORDS[key][_check_lang(lang)]
    return template.format(**fields) if fields else template


def _check_ratings(ratings, columns: Iterable[str], what: str) -> None:
    require_frame(ratings, what, "vignette ratings")
    require_columns(ratings, columns, what, hint="expected long vignette ratings (one row per rater "
                    "and vignette) as load_vignette_ratings() returns")


def _vignette_order(ratings: pd.DataFrame, vignettes=None, what: str = "vignettes") -> list[str]:
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


def _of_vignettes(ratings: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    return ratings[ratings["vinjett"].astype(str).isin(order)]


def _vignette_label(code: str, lang: str) -> str:
    return get_codebook().value_labels("vinjett", lang).get(code, code)


def _risk_levels() -> list[str]:
    return list(get_codebook()["risk"].categories)


def _risk_label(code: str, lang: str) -> str:
    var = get_codebook()["risk"]
    return var.code(code).label(lang)


def _risk_codes(values: pd.Series, what: str) -> pd.Series:
    """Risk codes as objects, a missing rating (NA or "inte känt") as :data:`UNKNOWN`."""
    levels = _risk_levels()

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


def _as_scale(codes: pd.Series) -> pd.Categorical:
    """Risk codes as the ordered scale, :data:`UNKNOWN` as a missing rating."""
    return pd.Categorical(codes.where(codes != UNKNOWN), categories=_risk_levels(), ordered=True)


def _levels_present(codes: pd.Series) -> list[str]:
    return [c for c in [*_risk_levels(), UNKNOWN] if (codes == c).any()]


def _with_n(label: str, n: int, lang: str) -> str:
    return _w("with_n", lang, label=label, n=format_count(n, lang))


def _estimate(value, low, high, decimals: int, lang: str) -> str:
    if pd.isna(value):
        return MISSING_TEXT
    return f"{format_number(value, decimals, lang)} ({format_interval(low, high, decimals, lang)})"


def _ticked(values: pd.Series) -> pd.Series:
    """True where an option was ticked; NA (not answered) counts as not ticked."""
    return values.astype("boolean").fillna(False).astype(bool)


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
    _check_lang(lang)
    title = vignette.get(f"title_{lang}") or vignette["title_sv"]
    body = vignette.get(f"text_{lang}") or vignette["text_sv"]
    out = f"{heading} {title}\n\n{body}"
    if facts:
        names = {"risk": {"sv": "Riskfaktorer i ärendet", "en": "Risk factors in the case"},
                 "skydd": {"sv": "Skyddsfaktorer i ärendet", "en": "Protective factors in the case"}}
        for kind in ("risk", "skydd"):
            items = [f.get(lang) or f["sv"] for f in vignette.get("facts", []) if f["kind"] == kind]
            if items:
                out += f"\n\n**{names[kind][lang]}:**\n\n" + "\n".join(f"- {i}" for i in items)
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
    in ``ratings``, in the order of ``data/reference/vignette_counts.csv``.

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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "risk"], "report_comparison")
    order = _vignette_order(ratings, vignettes, "report_comparison")
    pub = published_vignette_counts() if published is None else published
    pub = pub[pub["vinjett"].isin(order)].reset_index(drop=True)
    cmp = compare_vignettes_with_published(_of_vignettes(ratings, order), pub)
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
            _w("basis", lang): _w(rec.basis, lang) if rec.basis in _WORDS else rec.basis,
        })
    frame = pd.DataFrame(rows)
    return frame.set_index(list(frame.columns[:3]))


# ---------------------------------------------------------------------------
# the risk rating, vignette by vignette
# ---------------------------------------------------------------------------


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
    _check_ratings(ratings, ["vinjett", "risk"], "risk_distribution")
    order = _vignette_order(ratings, vignettes, "risk_distribution")
    sub = _of_vignettes(ratings, order)
    codes = _risk_codes(sub["risk"], "risk_distribution")
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
        for code in [*_risk_levels(), UNKNOWN]:
            k = int((own == code).sum())
            rows.append({"vinjett": v, "risk": code, "n": k, "n_ratings": len(own),
                         "share": k / len(own), "published": reported.get((v, code), pd.NA)})
    out = pd.DataFrame(rows)
    out["published"] = out["published"].astype("Int64")
    return out


def risk_table(ratings: pd.DataFrame, *, vignettes=None, lang: str = "sv",
               published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The risk distribution as a table: levels down, vignettes across, the report beside the data.

    Rows are the risk levels (codebook labels), "Inte känt" and the number of
    ratings; for each vignette two columns, the data as ``n (%)`` and the
    report's count (``–`` where the report gives none).
    """
    _check_lang(lang)
    dist = risk_distribution(ratings, vignettes=vignettes, published=published)
    cb = get_codebook()
    index = [_risk_label(c, lang) for c in [*_risk_levels(), UNKNOWN]] + [_w("n_ratings", lang)]
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


def plot_risk_distribution(ratings: pd.DataFrame, *, vignettes=None, lang: str = "sv", ax=None) -> Figure:
    """One bar per vignette split by risk level (shares, with the number of raters in each part).

    Levels are one hue, light to dark (:func:`webbkollen_lib.plots.style.sequential`);
    "inte känt" is grey and dotted, so the figure reads in black and white.
    Labels come from the codebook. Pass ``ax=`` to draw into an existing Axes.
    """
    _check_lang(lang)
    dist = risk_distribution(ratings, vignettes=vignettes)
    order = list(dict.fromkeys(dist["vinjett"]))
    codes = [*_risk_levels(), UNKNOWN]
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


# ---------------------------------------------------------------------------
# consensus about one vignette
# ---------------------------------------------------------------------------


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
    _check_ratings(ratings, ["vinjett", "risk"], "consensus_by_vignette")
    order = _vignette_order(ratings, vignettes, "consensus_by_vignette")
    parts = {}
    for v in order:
        codes = _risk_codes(ratings.loc[ratings["vinjett"].astype(str) == v, "risk"], "consensus_by_vignette")
        levels = codes[codes != UNKNOWN]
        if levels.empty:
            raise ValueError(f"consensus_by_vignette: vignette {v!r} has no risk rating (all 'inte känt')")
        table = ag.consensus(levels.tolist(), categories=_risk_levels(), n_boot=n_boot, seed=seed,
                             confidence=confidence)
        parts[v] = table[["value", "ci_low", "ci_high", "n_raters"]]
    return pd.concat(parts, names=["vinjett", "measure"])


def consensus_table(ratings: pd.DataFrame, *, vignettes=None, measures: Sequence[str] | None = None,
                    n_boot: int = 2000, seed: int = 0, confidence: float = 0.95, lang: str = "sv",
                    decimals: int = 2) -> pd.DataFrame:
    """Consensus about each vignette as a table: measures down, vignettes across.

    Cells are ``value (low–high)`` with the bootstrap interval of
    :func:`consensus_by_vignette`; the last column says how to read the
    measure. ``measures`` picks and orders the rows (default: all of
    :func:`webbkollen_lib.agreement.coefficients.consensus`).
    """
    _check_lang(lang)
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
    frame = pd.DataFrame(out, index=[_MEASURES[m][lang][0] if m in _MEASURES else m for m in measures])
    frame[_w("reading", lang)] = [_MEASURES[m][lang][1] if m in _MEASURES else "" for m in measures]
    frame.index.name = _w("measure", lang)
    return frame


# ---------------------------------------------------------------------------
# agreement across the vignettes of a test
# ---------------------------------------------------------------------------


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
    _check_ratings(ratings, ["vinjett", "bedomare", value], "agreement_across_vignettes")
    order = _vignette_order(ratings, vignettes, "agreement_across_vignettes")
    sub = _of_vignettes(ratings, order).copy()
    if value == "risk":
        sub["risk"] = _as_scale(_risk_codes(sub["risk"], "agreement_across_vignettes"))
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


def _coefficient_label(name: str, row: pd.Series, lang: str) -> str:
    base = _COEFFICIENTS[name][lang]
    if name == "gwet_ac1":
        base = base.format(ac=row["coefficient"])
    if name == "krippendorff_alpha" and row["level"] in _LEVELS:
        return f"{base}, {_LEVELS[row['level']][lang]}"
    if isinstance(row["weights"], str) and row["weights"] in _WEIGHTS:
        return f"{base}, {_WEIGHTS[row['weights']][lang]}"
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
    _check_lang(lang)
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
    _check_lang(lang)
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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "bedomare"], "checklist_table")
    var, columns = _group_columns(ratings, group, "checklist_table")
    order = _vignette_order(ratings, vignettes, "checklist_table")
    sub = _of_vignettes(ratings, order)
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
        label = _COEFFICIENTS[name][lang].format(ac="AC1")
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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "bedomare"], "checklist_set_agreement")
    order = _vignette_order(ratings, vignettes, "checklist_set_agreement")
    sub = _of_vignettes(ratings, order)
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
    _check_lang(lang)
    _check_ratings(data, ["risk", *columns], "options_by_risk")
    cb = get_codebook()
    codes = _risk_codes(data["risk"], "options_by_risk")
    levels = _levels_present(codes)

    def label(c):
        if labels and c in labels:
            return labels[c]
        option = cb.option_of(c)
        return cb.variable_of(c).code(option).label(lang) if option is not None else c

    out = pd.DataFrame(index=[label(c) for c in columns])
    for lvl in levels:
        mask = (codes == lvl).to_numpy()
        out[_with_n(_risk_label(lvl, lang), int(mask.sum()), lang)] = [
            int(_ticked(data.loc[mask, c]).sum()) for c in columns]
    out[_with_n(_w("all", lang), len(data), lang)] = [int(_ticked(data[c]).sum()) for c in columns]
    return out


# ---------------------------------------------------------------------------
# the factors named in the open answer
# ---------------------------------------------------------------------------


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
    _check_ratings(ratings, ["vinjett", "motivering"], "named_factors")
    vid = vignette.get("id")
    rows = ratings[ratings["vinjett"].astype(str) == vid]
    if rows.empty:
        _vignette_order(ratings, [vid], "named_factors")  # raises naming what the data has
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
    _check_lang(lang)
    frame = named_factors(ratings, vignette, kind=kind)
    area_order = list(_AREAS)
    facts = [f for f in vignette["facts"] if f["kind"] == kind]
    facts = sorted(facts, key=lambda f: area_order.index(f["area"]) if f.get("area") in _AREAS else len(_AREAS))
    columns = [FACTOR_PREFIX + f["id"] for f in facts]
    labels = {FACTOR_PREFIX + f["id"]: _capitalise(f.get(lang) or f["sv"]) for f in facts}
    table = options_by_risk(frame, columns, labels=labels, lang=lang)
    areas = [_AREAS[f["area"]][lang] if f.get("area") in _AREAS else MISSING_TEXT for f in facts]
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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "risk", "motivering"], "factor_count_correlation")
    order = _vignette_order(ratings, vignettes, "factor_count_correlation")
    pct = format_number(confidence * 100, 0, lang)
    rows = {}
    for v in order:
        if v not in vignette_texts:
            raise ValueError(f"factor_count_correlation: no vignette text for {v!r}; texts: "
                             f"{', '.join(vignette_texts)}")
        frame = named_factors(ratings, vignette_texts[v], kind=kind)
        frame["risk"] = _as_scale(_risk_codes(frame["risk"], "factor_count_correlation"))
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


def plot_factor_count_by_risk(ratings: pd.DataFrame, *, vignettes=None, count: str = "antal_riskfaktorer",
                              lang: str = "sv") -> Figure:
    """Number of risk factors each rater named against the risk level they chose, one panel per vignette.

    Each dot is a rater (dots side by side where several have the same
    value); the short line is the level's mean. ``count`` is an integer
    column (default ``antal_riskfaktorer``, the factors named in the open
    answer). Labels come from the codebook.
    """
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "risk", count], "plot_factor_count_by_risk")
    order = _vignette_order(ratings, vignettes, "plot_factor_count_by_risk")
    sub = _of_vignettes(ratings, order)
    codes = _risk_codes(sub["risk"], "plot_factor_count_by_risk")
    levels = [c for c in [*_risk_levels(), UNKNOWN] if c != UNKNOWN or (codes == UNKNOWN).any()]
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


# ---------------------------------------------------------------------------
# the words of the open answers
# ---------------------------------------------------------------------------


def _phrase_pattern(phrase: str) -> re.Pattern:
    parts = [r"\s+".join(re.escape(word) for word in part.split()) for part in re.split(r"…|\.\.\.", phrase)]
    return re.compile(r".*?".join(p for p in parts if p), flags=re.I | re.S)


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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "risk", column], "phrase_counts")
    _vignette_order(ratings, [vignette], "phrase_counts")
    rows = ratings[ratings["vinjett"].astype(str) == vignette]
    texts = rows[column].astype(object)
    frame = pd.DataFrame({"risk": rows["risk"]})
    labels = {}
    for i, phrase in enumerate(phrases):
        pattern = _phrase_pattern(phrase)
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
    _check_lang(lang)
    _check_ratings(ratings, ["vinjett", "risk", column], "statements_by_risk")
    _vignette_order(ratings, [vignette], "statements_by_risk")
    rows = ratings[ratings["vinjett"].astype(str) == vignette]
    codes = _risk_codes(rows["risk"], "statements_by_risk")
    texts = rows[column].astype(object)
    keep = texts.notna().to_numpy()
    lead = texts[keep].map(lambda t: re.split(r"\s*Riskfaktorer:", str(t), maxsplit=1)[0].strip())
    frame = pd.DataFrame({"risk": codes[keep].to_numpy(), "text": lead.to_numpy()})
    rank = {c: i for i, c in enumerate([*_risk_levels(), UNKNOWN])}
    counted = (frame.groupby(["risk", "text"]).size().rename("n").reset_index()
               .assign(_rank=lambda d: d["risk"].map(rank))
               .sort_values(["_rank", "n", "text"], ascending=[True, False, True]))
    cb = get_codebook()
    col_label = cb.label(column, lang) if column in cb.columns("ratings") else column
    index = pd.MultiIndex.from_arrays([[_risk_label(c, lang) for c in counted["risk"]], counted["text"].to_numpy()],
                                      names=[cb["risk"].label(lang), col_label])
    return pd.DataFrame({_w("n_raters", lang): counted["n"].to_numpy()}, index=index)
