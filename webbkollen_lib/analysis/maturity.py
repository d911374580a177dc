"""Follow-up maturity 2012 → 2015 → 2017: one question asked three ways by three Swedish sources.

Three sources say how far the social child and youth care follows up what it
does for placed children. They ask different questions of different
respondents in different populations, so they are put **side by side, not
on a line**: the table is not a trend, and no interval or test is made across
sources (a difference between two of them is as much the question's as the
time's).

Sources (``kalla``):

``kartlaggning_2012``
    SKL (2012) *Kartläggning om systematisk uppföljning av barn och unga i
    samhällsvård* (``shared/seeds/000_…``): a questionnaire answered in the
    autumn of 2011 by 190 of the 290 municipalities (the development leaders
    of 21 of 24 regions sent answers; none from Stockholm's county,
    Göteborgsregionen or Sjuhärad). Its **published** figures, read through
    :func:`webbkollen_lib.systems.kartlaggning2012.reference.load_published_figures`;
    every share is of all answering municipalities.
``oj2015``
    Öppna jämförelser 2015, social barn- och ungdomsvård (``shared/seeds/004_…``):
    Socialstyrelsen's web survey of October–November 2014 (response rate 90 %
    by the source's text), as FoU-Nordväst published it. The **national
    value** (``Riket``: the share of the responding municipalities answering
    Ja), read through :func:`webbkollen_lib.systems.oj2015.indicators.load_oppna_jamforelser`.
``webbkollen_2017``
    SKL (2018) *Webbkollen Barn och Unga* (``shared/seeds/002_…``): caseworkers
    in the municipalities / city districts that volunteered registered their
    closed interventions; the report analyses those closed in 2017. Its
    **published** figures (:func:`webbkollen_lib.systems.webbkollen.reference.load_published_figures`);
    where it publishes none, a share **computed from the package's synthetic
    registrations** (``publicerad`` False: a worked example, not a finding).

Themes (``tema``), each with the 2012 question as its reference:

``foljer_upp``
    Any follow-up at all: 2012 question 1 (the municipality reported a
    verksamhetsuppföljning including placed children last year); ÖJ 2015 asks
    no such question; Webbkollen: how many municipalities registered in 2017
    (a count: every participant shown registered, by the report's selection).
``resultat_hvb``, ``resultat_familjehem``
    Results of the placement followed up: 2012 question 3 (results of HVB /
    familjehem reported in the follow-up); ÖJ's "used results of systematic
    follow-ups to develop dygnsvård" (HVB and familjehem together, and Ja
    needs the use too); Webbkollen: the share of the 2017 closed HVB /
    familjehem interventions with a registered goal attainment (synthetic).
``barns_uppfattning``
    The child's view: 2012 question 3 (children's view reported); ÖJ 2015 has
    no indicator on it; Webbkollen: the share of closures with an individual
    talk with the child at closure (a talk, not a collected view).
``vh_uppfattning_familjehem``, ``vh_uppfattning_hvb``
    The guardians' / parents' view: 2012 question 3 (guardians' view reported;
    not split by placement); ÖJ: parents' view of familjehem / HVB surveyed
    and used to develop the care; Webbkollen registers no parents' view.
``anvander_resultat``
    Results used in improvement work: 2012 question 7 (Ja or Ja, i viss mån;
    any follow-up, mostly budget and statistics); ÖJ's dygnsvård indicator
    again; Webbkollen gives no figure (the report describes use in words).
``bbic_underlag``, ``oj_underlag``
    What the follow-up is built on: 2012 question 4 (BBIC; Öppna
    jämförelser); ÖJ 2015's ordinary BBIC licence (a licence, not use in
    follow-up) and nothing on the use of ÖJ; Webbkollen's variables are BBIC's
    by design, and it asks nothing about ÖJ.

Each row says how its question relates to the reference (``jamforbar``:
``referens``, ``narliggande`` close, ``annan_fraga`` a different question,
``saknas`` no figure) and its main caveat (``forbehall``); the words for every
code are in the label catalogue, group ``mognad`` (``mognad.tema.<code>``,
``mognad.kalla.<code>``, ``mognad.jamforbar.<code>``,
``mognad.forbehall.<code>``, ``mognad.niva.<code>``, ``mognad.enhet.<code>``,
``mognad.bas.<code>``).

Every number is read from the shipped data through the package's loaders;
this module types none.

Examples
--------
>>> table = follow_up_maturity()
>>> row = table.set_index(["tema", "kalla"]).loc[("resultat_hvb", "kartlaggning_2012")]
>>> row["fraga_id"], row["andel"], int(row["n"]), int(row["bas"]), bool(row["publicerad"])
('q3_resultat_hvb_pct', 3.0, 6, 190, True)
>>> table.set_index(["tema", "kalla"]).loc[("resultat_hvb", "oj2015"), ["fraga_id", "niva", "andel"]].tolist()
['uppfoljning_dygnsvard', 'riket', 20.0]
>>> table.groupby("tema").size().unique().tolist()
[3]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from webbkollen_lib.core.errors import require_columns, require_frame
from webbkollen_lib.io.datasets import load_cases
from webbkollen_lib.systems.kartlaggning2012.reference import load_published_figures as load_kartlaggning_figures
from webbkollen_lib.systems.oj2015.indicators import load_oppna_jamforelser
from webbkollen_lib.systems.webbkollen.populations import REPORT_YEAR, report_population
from webbkollen_lib.systems.webbkollen.reference import load_published_figures as load_webbkollen_figures

__all__ = [
    "SOURCES",
    "THEMES",
    "COMPARABILITY",
    "CAVEATS",
    "LEVELS",
    "UNITS",
    "BASES",
    "COLUMNS",
    "follow_up_maturity",
    "source_overview",
]

#: The sources, oldest first; the year each is named for is the last four characters of its code.
SOURCES = ("kartlaggning_2012", "oj2015", "webbkollen_2017")

#: The themes, in the order of the table.
THEMES = ("foljer_upp", "resultat_hvb", "resultat_familjehem", "barns_uppfattning", "vh_uppfattning_familjehem",
          "vh_uppfattning_hvb", "anvander_resultat", "bbic_underlag", "oj_underlag")

#: How a row's question relates to the theme's reference question (2012).
COMPARABILITY = ("referens", "narliggande", "annan_fraga", "saknas")

#: Level of the figure: the nation (the answering municipalities) or the volunteering participants.
LEVELS = ("riket", "deltagare")

#: What a share counts: municipalities or registrations (closed interventions).
UNITS = ("kommuner", "registreringar")

#: What the base (denominator) of a row is.
BASES = ("k12_svarande", "oj_svarande", "wk_deltagare", "wk_avslut_samtal", "wk_avslut_hvb", "wk_avslut_familjehem")

COLUMNS = ["tema", "ar", "kalla", "fraga_id", "niva", "enhet", "andel", "n", "bas", "bas_kod", "publicerad",
           "jamforbar", "forbehall"]

# The 2012 base: all answering municipalities (the report's base for every share).
_K12_BASE = "svar_total_svarande"
_K12_POPULATION = "svar_total_kommuner"
# Webbkollen: municipalities that registered in 2017, and the closed interventions of 2017.
_WK_MUNICIPALITIES = "t1_kommuner_2017"
_WK_CLOSURES = "t3_totalt"
# The synthetic rows: the registered result at closure, among the closures of one kind of intervention.
_WK_RESULT = "maluppfyllelse"
_WK_INTERVENTION = "insats"


class _Spec(NamedTuple):
    tema: str
    kalla: str
    kind: str  # k12 | oj | wk_published | wk_count | wk_synthetic | none
    fraga_id: str = ""
    n_id: str = ""  # k12: the count figure beside the percent; wk_synthetic: the intervention code
    jamforbar: str = "saknas"
    forbehall: str = ""
    bas_kod: str = ""


_K12, _OJ, _WK = SOURCES

_SPEC = (
    _Spec("foljer_upp", _K12, "k12", "q1_ja", "", "referens", "k12_definition", "k12_svarande"),
    _Spec("foljer_upp", _OJ, "none", forbehall="oj_ingen_fraga"),
    _Spec("foljer_upp", _WK, "wk_count", _WK_MUNICIPALITIES, "", "annan_fraga", "wk_urval", "wk_deltagare"),

    _Spec("resultat_hvb", _K12, "k12", "q3_resultat_hvb_pct", "q3_resultat_hvb_antal", "referens", "k12_fraga3",
          "k12_svarande"),
    _Spec("resultat_hvb", _OJ, "oj", "uppfoljning_dygnsvard", "", "narliggande", "oj_dygnsvard", "oj_svarande"),
    _Spec("resultat_hvb", _WK, "wk_synthetic", _WK_RESULT, "hvb", "annan_fraga", "wk_syntetisk", "wk_avslut_hvb"),

    _Spec("resultat_familjehem", _K12, "k12", "q3_resultat_familjehem_pct", "q3_resultat_familjehem_antal",
          "referens", "k12_fraga3", "k12_svarande"),
    _Spec("resultat_familjehem", _OJ, "oj", "uppfoljning_dygnsvard", "", "narliggande", "oj_dygnsvard",
          "oj_svarande"),
    _Spec("resultat_familjehem", _WK, "wk_synthetic", _WK_RESULT, "familjehem", "annan_fraga", "wk_syntetisk",
          "wk_avslut_familjehem"),

    _Spec("barns_uppfattning", _K12, "k12", "q3_barn_uppfattning_pct", "q3_barn_uppfattning_antal", "referens",
          "k12_fraga3", "k12_svarande"),
    _Spec("barns_uppfattning", _OJ, "none", forbehall="oj_inga_barn"),
    _Spec("barns_uppfattning", _WK, "wk_published", "s42_samtal_enskilt_avslut", "", "annan_fraga", "wk_samtal",
          "wk_avslut_samtal"),

    _Spec("vh_uppfattning_familjehem", _K12, "k12", "q3_vh_uppfattning_pct", "q3_vh_uppfattning_antal", "referens",
          "k12_ej_uppdelat", "k12_svarande"),
    _Spec("vh_uppfattning_familjehem", _OJ, "oj", "foraldrar_familjehem", "", "narliggande", "oj_foraldrar",
          "oj_svarande"),
    _Spec("vh_uppfattning_familjehem", _WK, "none", forbehall="wk_ej_registrerat"),

    _Spec("vh_uppfattning_hvb", _K12, "k12", "q3_vh_uppfattning_pct", "q3_vh_uppfattning_antal", "referens",
          "k12_ej_uppdelat", "k12_svarande"),
    _Spec("vh_uppfattning_hvb", _OJ, "oj", "foraldrar_hvb", "", "narliggande", "oj_foraldrar", "oj_svarande"),
    _Spec("vh_uppfattning_hvb", _WK, "none", forbehall="wk_ej_registrerat"),

    _Spec("anvander_resultat", _K12, "k12", "q7_ja_viss_man", "", "referens", "k12_viss_man", "k12_svarande"),
    _Spec("anvander_resultat", _OJ, "oj", "uppfoljning_dygnsvard", "", "narliggande", "oj_anvant", "oj_svarande"),
    _Spec("anvander_resultat", _WK, "none", forbehall="wk_i_ord"),

    _Spec("bbic_underlag", _K12, "k12", "q4_bbic", "", "referens", "k12_fraga4", "k12_svarande"),
    _Spec("bbic_underlag", _OJ, "oj", "bbic_licens", "", "annan_fraga", "oj_licens", "oj_svarande"),
    _Spec("bbic_underlag", _WK, "none", forbehall="wk_bbic_konstruktion"),

    _Spec("oj_underlag", _K12, "k12", "q4_oppna_jamforelser", "", "referens", "k12_fraga4", "k12_svarande"),
    _Spec("oj_underlag", _OJ, "none", forbehall="oj_ingen_fraga"),
    _Spec("oj_underlag", _WK, "none", forbehall="wk_ingen_fraga"),
)

#: Every caveat code a row can carry, in the order of the table.
CAVEATS = tuple(dict.fromkeys(s.forbehall for s in _SPEC))

_LEVEL = {_K12: "riket", _OJ: "riket", _WK: "deltagare"}
_NATION = "riket"


def _year(source: str) -> int:
    return int(source[-4:])


def _published(figures: pd.DataFrame, figure_id: str, source: str) -> float:
    hit = figures.loc[figures["id"] == figure_id, "published"]
    if len(hit) != 1:
        raise KeyError(f"{source}: no published figure {figure_id!r}")
    return float(hit.iloc[0])


def _oj_national(oj: pd.DataFrame, indicator: str) -> float:
    """The national value of an ÖJ indicator, as a percent (the share of responding municipalities answering Ja)."""
    hit = oj[(oj["indikator"].astype(str) == indicator) & (oj["niva"].astype(str) == _NATION)]
    if len(hit) != 1:
        raise KeyError(f"oj2015: no national value of indicator {indicator!r}")
    return float(np.round(float(hit["varde"].iloc[0]) * 100, 10))


def _synthetic_share(closures: pd.DataFrame, intervention: str) -> tuple[float, int, int]:
    """(percent, n, base): closures of ``intervention`` with a registered (known) result."""
    kind = closures[_WK_INTERVENTION].astype("object") == intervention
    base = int(kind.sum())
    n = int(closures.loc[kind.to_numpy(), _WK_RESULT].notna().sum())
    return (100 * n / base if base else np.nan), n, base


def follow_up_maturity(*, cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """The follow-up maturity table: one row per theme and source, codes and numbers only.

    Parameters
    ----------
    cases
        Webbkollen registrations for the rows the report publishes no figure
        for (``publicerad`` False); default the package's synthetic
        registrations (:func:`webbkollen_lib.io.datasets.load_cases`). Their
        closed interventions of 2017 are used.

    Returns
    -------
    DataFrame
        One row per (``tema``, ``kalla``), themes in :data:`THEMES` order and
        sources oldest first, with the columns

        * ``tema``, ``kalla``: theme and source codes; ``ar``: the year the
          source is named for (2012: the report on answers of autumn 2011;
          2015: ÖJ 2015 on answers of autumn 2014; 2017: the registrations
          of 2017, reported 2018);
        * ``fraga_id``: the figure's id in the source's own data (a 2012 or
          Webbkollen figure id, an ÖJ indicator id, or for a synthetic row the
          registration variable); empty where the source has no figure;
        * ``niva``: ``riket`` or ``deltagare`` (Webbkollen's volunteering
          municipalities, pooled); ``enhet``: what the share counts,
          ``kommuner`` or ``registreringar``;
        * ``andel``: the share in **percent** (NaN where there is none);
          ``n``: the count with the trait and ``bas``: the count of the base,
          where known; ``bas_kod``: what the base is;
        * ``publicerad``: True for a published figure, False for one computed
          from (synthetic) registrations, NA where there is no figure;
        * ``jamforbar`` and ``forbehall``: comparability and caveat codes
          (see the module docstring).
    """
    if cases is not None:
        require_frame(cases)
        require_columns(cases, ["tillfalle", "ar", _WK_INTERVENTION, _WK_RESULT])
    k12 = load_kartlaggning_figures()
    oj = load_oppna_jamforelser()
    wk = load_webbkollen_figures()
    closures = None
    k12_base = int(_published(k12, _K12_BASE, _K12))

    rows = []
    for spec in _SPEC:
        andel, n, bas, published = np.nan, pd.NA, pd.NA, pd.NA
        if spec.kind == "k12":
            andel = _published(k12, spec.fraga_id, spec.kalla)
            n = int(_published(k12, spec.n_id, spec.kalla)) if spec.n_id else pd.NA
            bas, published = k12_base, True
        elif spec.kind == "oj":
            andel, published = _oj_national(oj, spec.fraga_id), True
        elif spec.kind == "wk_published":
            andel, published = _published(wk, spec.fraga_id, spec.kalla), True
        elif spec.kind == "wk_count":
            n, published = int(_published(wk, spec.fraga_id, spec.kalla)), True
        elif spec.kind == "wk_synthetic":
            if closures is None:
                closures = report_population(load_cases() if cases is None else cases, REPORT_YEAR)
            andel, n, bas = _synthetic_share(closures, spec.n_id)
            published = False
        has_figure = spec.kind != "none"
        rows.append({
            "tema": spec.tema,
            "ar": _year(spec.kalla),
            "kalla": spec.kalla,
            "fraga_id": spec.fraga_id,
            "niva": _LEVEL[spec.kalla] if has_figure else pd.NA,
            "enhet": ("registreringar" if spec.kind in ("wk_published", "wk_synthetic") else "kommuner")
            if has_figure else pd.NA,
            "andel": andel,
            "n": n,
            "bas": bas,
            "bas_kod": spec.bas_kod or pd.NA,
            "publicerad": published,
            "jamforbar": spec.jamforbar,
            "forbehall": spec.forbehall,
        })
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype({"ar": "int64", "fraga_id": "string", "niva": "string", "enhet": "string",
                         "andel": "float64", "n": "Int64", "bas": "Int64", "bas_kod": "string",
                         "publicerad": "boolean", "jamforbar": "string", "forbehall": "string"})


def source_overview() -> pd.DataFrame:
    """Whom each source counted: one row per source, codes and published counts.

    Columns: ``kalla``, ``ar``, ``enheter`` (answering / registering units:
    the 2012 answering municipalities, Webbkollen's 2017 participants; NA for
    ÖJ, whose number of respondents the shipped data do not give), ``av``
    (of how many municipalities, where the source says), ``registreringar``
    (Webbkollen's closed interventions of 2017). The words (who answered,
    what was asked, when) are ``mognad.vem.<kalla>``, ``mognad.fragade.<kalla>``
    and ``mognad.nar.<kalla>`` in the label catalogue.

    >>> source_overview().set_index("kalla").loc["kartlaggning_2012", ["enheter", "av"]].tolist()
    [190, 290]
    """
    k12 = load_kartlaggning_figures()
    wk = load_webbkollen_figures()
    rows = [
        {"kalla": _K12, "enheter": int(_published(k12, _K12_BASE, _K12)),
         "av": int(_published(k12, _K12_POPULATION, _K12)), "registreringar": pd.NA},
        {"kalla": _OJ, "enheter": pd.NA, "av": pd.NA, "registreringar": pd.NA},
        {"kalla": _WK, "enheter": int(_published(wk, _WK_MUNICIPALITIES, _WK)), "av": pd.NA,
         "registreringar": int(_published(wk, _WK_CLOSURES, _WK))},
    ]
    table = pd.DataFrame(rows)
    table.insert(1, "ar", [_year(s) for s in table["kalla"]])
    return table.astype({"ar": "int64", "enheter": "Int64", "av": "Int64", "registreringar": "Int64"})
