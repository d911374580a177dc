"""Synthetic registrations of closed interventions, calibrated to the Webbkollen report.

:func:`generate_cases` draws registrations from a small generative model of how
the follow-up variables depend on each other, the dependence the report
describes (SKL 2018, *Webbkollen Barn och Unga*, §3.3 and §4.2):

* municipality → unaccompanied minor (only four of the 2017 participants
  followed up unaccompanied children) → sex, origin and age;
* background → identified exposure: every option has a logistic model in a
  latent severity of the case, the age group, sex, origin and being
  unaccompanied (unaccompanied boys have few exposures in the home, which is
  what drives the differences by origin, §4.2 Exempel 1);
* number of exposures → risk at decision (ordered logit; more exposures, higher
  risk, Table 2), with a municipality effect (the "relative" assessment of
  §3.3) and higher risk for girls born abroad (Table 5);
* background → talks with the child, school situation, intervention, legal
  basis, focus, cooperation, SIP, health examination;
* risk at decision → risk at closure (it tends to fall, most where it was high,
  Figure 8) → reason for closure and goal attainment (the goal is met more
  often when the risk fell, less often for unaccompanied children, Exempel 4)
  → housing, occupation and support at closure.

**Calibration.** For the report's own setting (the eight 2017 participants,
``n=416``, ``year=2017``, closures only) the draw is calibrated so that every
figure in the reference file
``webbkollen_lib/systems/webbkollen/data/published_figures.csv`` is
reproduced (counts exactly, percentages to the report's rounding wherever the
report is consistent); the calibration's targets are read from that file
(:func:`published_targets`). Calibration keeps the model: an integer plan of
the cells the report publishes (exposure count × risk × group, exposure
option × group, …) is chosen as the table closest (L1) to the model's
expected counts for this draw that satisfies the published figures (a small
integer programme, solved with HiGHS through :func:`scipy.optimize.milp`), and
rows are then given values by a Gumbel-perturbed assignment that respects the
plan (:func:`scipy.optimize.linear_sum_assignment`, a linear programme for the
exposure matrix). With other settings the model is drawn as is, vectorised;
it then reproduces the published figures approximately. The plain draw is
vectorised: every model function is evaluated once per type of row (the few
discrete covariates it depends on) and rows draw from the type's table, so a
million registrations take a few seconds (``benchmarks/bench_synthetic.py``).

Scale: ``municipalities="national"`` spreads registrations over Sweden's 290
municipalities in proportion to population (about 5 closed or followed-up
interventions per 1,000 inhabitants a year), over several ``years``.

All of it is synthetic: no row describes a real child.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp
from scipy.sparse import coo_matrix
from scipy.special import expit

from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.io.registrations import write_registrations
from webbkollen_lib.systems.webbkollen.reference import REFERENCE_FILE, load_published_figures

from .municipalities import national_municipalities, report_municipalities

__all__ = [
    "DEFAULT_SEED",
    "REPORT_N",
    "REPORT_YEAR",
    "CASES_FILE_NAME",
    "generate_cases",
    "write_shipped_cases",
    "CalibrationError",
    "published_targets",
]

DEFAULT_SEED = 2017
REPORT_N = 416
REPORT_YEAR = 2017
CASES_FILE_NAME = "registreringar.csv"
# Closed or followed-up interventions registered per inhabitant and year in the
# national setting: about 50,000 a year for Sweden (tens of thousands, as the
# issue asks); an assumption for load work, not a statistic.
NATIONAL_RATE = 0.005
NATIONAL_FOLLOWUP_SHARE = 0.35


class CalibrationError(RuntimeError):
    """The calibration to the published figures found no solution (should not happen)."""


# ---------------------------------------------------------------------------
# codes (all from the codebook, so data and labels cannot drift apart)
# ---------------------------------------------------------------------------


def _cats(variable: str) -> list[str]:
    return get_codebook()[variable].categories


def _options(group: str) -> list[str]:
    return get_codebook()[group].option_columns


HEM = ("bristande_omsorg", "fysiskt_vald", "psykiskt_vald", "bevittnat_vald", "sexuella_overgrepp",
       "heder", "tidigare_vald", "vardnadstvist", "familjekonflikt", "annat")
VH = ("fysisk_ohalsa", "psykisk_ohalsa", "missbruk", "kriminalitet", "annat")
BARN = ("fysisk_ohalsa", "psykisk_ohalsa", "missbruk", "normbrytande", "skola", "annat")
EXPOSURES = tuple(f"hem_{x}" for x in HEM) + tuple(f"vh_{x}" for x in VH) + tuple(f"barn_{x}" for x in BARN)
BLOCKS = {"hem": slice(0, 10), "vh": slice(10, 15), "barn": slice(15, 21)}
_BLOCK_OF = np.array([0] * 10 + [1] * 5 + [2] * 6)
_BLOCK_SIZE = np.array([10, 5, 6])
_J = {name: j for j, name in enumerate(EXPOSURES)}

# index constants for categorical codes
AGE_GROUPS = ("0_6", "7_12", "13_18", "over_18")
RISK = ("ingen_lag", "nagot_forhojd", "hog", "mycket_hog")
SKOLA = ("nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt")
INSATS = ("kontaktperson", "kvalificerad_kontaktperson", "kontaktfamilj", "strukturerat_program",
          "behovsprovad_insats", "annan_oppenvard", "familjehem", "hvb", "sarskilt_ungdomshem", "stodboende")
HELDYGN = np.array([False] * 6 + [True] * 4)
AVSLUT = ("mal_uppnatt", "oplanerat", "motsvarar_ej_behov", "annat")
MAL = ("ej_uppnatt", "delvis_uppnatt", "helt_uppnatt")
BOENDE = ("vardnadshavare", "familjehem", "hvb", "sarskilt_ungdomshem", "stodboende", "eget_boende", "annat")
SYSS = ("skola", "arbete", "praktik", "ingen_sysselsattning", "annat")
FORS = ("vardnadshavare", "egen_inkomst", "ekonomiskt_bistand", "annat")
FOKUS = ("halsa", "utbildning", "kanslor_beteende", "identitet", "familj_relationer", "socialt_upptradande",
         "klara_sig_sjalv", "grundlaggande_omsorg", "sakerhet", "kanslomassigt_stod", "stimulans_vagledning",
         "stabilitet", "familjens_situation", "natverk", "boende", "ekonomi_arbete", "social_integrering",
         "lokalsamhalle")
SAMVERKAN = ("skola", "halso_sjukvard", "bup", "polis", "annan_socialtjanst", "annan")

# The eight calibration groups: sex × origin, with unaccompanied minors apart.
GROUPS = ("sv_pojke", "sv_flicka", "utl_pojke_ensam", "utl_pojke", "utl_flicka_ensam", "utl_flicka",
          "okand_pojke", "okand_flicka")


def _check_codes() -> None:
    """The model's code lists must be the codebook's (fails loudly if the codebook changes)."""
    pairs = {
        "aldersgrupp": AGE_GROUPS, "risk_beslut": RISK, "skola_beslut": SKOLA, "insats": INSATS,
        "avslutsorsak": AVSLUT, "maluppfyllelse": MAL, "boende_avslut": BOENDE,
        "sysselsattning_avslut": SYSS, "forsorjning_avslut": FORS,
    }
    for variable, codes in pairs.items():
        if tuple(_cats(variable)) != codes:
            raise RuntimeError(f"synthetic model codes for {variable} differ from the codebook: {codes} vs {_cats(variable)}")
    groups = {"hem": HEM, "vh": VH, "barn": BARN, "fokus": FOKUS, "samverkan": SAMVERKAN}
    for group, codes in groups.items():
        prefix = get_codebook()[group].prefix
        if tuple(c[len(prefix):] for c in _options(group)) != codes:
            raise RuntimeError(f"synthetic model options for {group} differ from the codebook")


# ---------------------------------------------------------------------------
# model parameters
# ---------------------------------------------------------------------------
# Exposure model: logit P(option) = a + b*severity + age[group] + girl*g
#   + unaccompanied*e + born_abroad_not_unaccompanied*f + (that and girl)*fg.
# Intercepts were tuned so that the expected shares under the report's mix
# match Table 4; the other effects encode what §4.2 says (Exempel 1: girls born
# abroad more often neglect, physical violence and family conflict; other
# family conflicts more often for Swedish-born girls; witnessed violence the
# same for all; unaccompanied children few home and guardian exposures).
#                         a      b    age 0_6 7_12 13_18 >18   girl    ens    abroad  abroad girl
_EXPOSURE_PARAMS = {
    "hem_bristande_omsorg": (-0.30, 0.6, (0.5, 0.1, -0.3, -1.2), 0.15, -2.6, 0.0, 1.3),
    "hem_fysiskt_vald": (-1.47, 0.6, (0.0, 0.3, 0.0, -1.0), 0.15, -2.6, 0.1, 1.5),
    "hem_psykiskt_vald": (-2.75, 0.6, (0.0, 0.2, 0.1, -0.8), 0.25, -2.0, 0.0, 0.5),
    "hem_bevittnat_vald": (-1.69, 0.6, (0.4, 0.2, -0.2, -0.8), 0.00, 0.0, 0.0, 0.0),
    "hem_sexuella_overgrepp": (-4.23, 0.6, (-0.3, 0.2, 0.2, -0.5), 0.90, -1.0, 0.0, 0.0),
    "hem_heder": (-5.99, 0.6, (-1.0, 0.0, 0.6, 0.4), 0.80, 1.5, 2.8, 0.8),
    "hem_tidigare_vald": (-1.79, 0.6, (0.0, 0.2, 0.1, 0.0), 0.15, -0.5, 0.0, 0.0),
    "hem_vardnadstvist": (-2.81, 0.6, (0.5, 0.4, -0.4, -3.0), 0.00, -4.0, 0.0, 0.0),
    "hem_familjekonflikt": (-0.57, 0.6, (-0.4, 0.0, 0.35, -0.2), 0.50, -2.4, 0.1, 1.0),
    "hem_annat": (-1.86, 0.6, (0.0, 0.0, 0.0, 0.3), 0.15, 1.0, 0.0, 0.0),
    "vh_fysisk_ohalsa": (-2.91, 0.6, (0.0, 0.0, 0.0, 0.0), 0.00, -3.0, 0.0, 0.0),
    "vh_psykisk_ohalsa": (-1.71, 0.6, (0.4, 0.1, -0.2, -0.5), 0.25, -3.5, 0.0, 0.0),
    "vh_missbruk": (-2.35, 0.6, (0.2, 0.1, 0.0, -0.5), 0.00, -4.0, 0.0, 0.0),
    "vh_kriminalitet": (-4.59, 0.6, (0.0, 0.0, 0.0, 0.0), 0.00, -3.0, 0.0, 0.0),
    "vh_annat": (-2.85, 0.6, (0.0, 0.0, 0.0, 0.0), 0.25, -1.0, 0.0, 0.0),
    "barn_fysisk_ohalsa": (-4.72, 0.6, (0.3, 0.0, 0.0, 0.2), 0.00, 0.0, 0.0, 0.0),
    "barn_psykisk_ohalsa": (-1.72, 0.6, (-2.5, -0.4, 0.7, 0.8), 1.00, 0.9, 0.0, 0.0),
    "barn_missbruk": (-3.09, 0.6, (-6.0, -3.0, 0.9, 1.1), -0.10, 0.0, 0.0, 0.0),
    "barn_normbrytande": (-2.43, 0.6, (-6.0, -0.6, 0.9, 0.6), -0.30, 0.0, 0.0, 0.0),
    "barn_skola": (-0.95, 0.6, (-6.0, 0.4, 0.8, -0.6), 0.00, -0.5, 0.0, 0.0),
    "barn_annat": (-3.19, 0.6, (-0.5, 0.0, 0.2, 0.2), 0.30, 0.0, 0.0, 0.0),
}

# Risk at decision: ordered logit in the number of exposures k, through k**0.78
# (the step from one exposure to two weighs more than from eight to nine);
# parameters fitted to Tables 2 and 5.
_RISK_PER_EXPOSURE = 1.30
_RISK_EXPONENT = 0.78
_RISK_CUTS = np.array([1.51, 4.11, 6.29])  # P(risk <= level m) = expit(cut_m - eta)
_RISK_GIRL_ABROAD = -0.2  # girls born abroad have many exposures; Table 5 puts most of them at "hög"
_RISK_UNACCOMPANIED = 1.5  # few exposures, yet risk like the Swedish-born (Table 5)
_RISK_MUNICIPALITY_SD = 0.35  # "relative" assessment differs between municipalities (§3.3)
_RISK_UNKNOWN = 0.065  # "inte känt" at decision

# Change of risk from decision to closure: rows = risk at decision, columns = at closure (Figure 8).
_RISK_TRANSITION = np.array(
    [
        [0.86, 0.11, 0.03, 0.00],
        [0.44, 0.46, 0.08, 0.02],
        [0.24, 0.41, 0.28, 0.07],
        [0.07, 0.17, 0.24, 0.52],
    ]
)
_RISK_FOLLOWUP_TRANSITION = np.array(
    [
        [0.90, 0.08, 0.02, 0.00],
        [0.30, 0.60, 0.08, 0.02],
        [0.12, 0.38, 0.43, 0.07],
        [0.03, 0.12, 0.25, 0.60],
    ]
)
_RISK_UNKNOWN_AT_CLOSURE = 0.02  # extra "inte känt" at closure


# ---------------------------------------------------------------------------
# small vectorised helpers
# ---------------------------------------------------------------------------


def _sample(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One categorical draw per row of an n × K weight matrix (rows need not be normalised).

    Inverse CDF, accumulated column by column on a column-major copy: much
    faster than a row-wise cumulative sum for the few categories used here.
    """
    p = np.asfortranarray(p)
    n, k = p.shape
    u = rng.random(n) * p.sum(axis=1)
    acc = p[:, 0].copy()
    code = (acc < u).astype(np.int16)
    for j in range(1, k - 1):
        acc += p[:, j]
        code += acc < u
    return code


def _sample_table(rng: np.random.Generator, table: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """One categorical draw per row from the row of ``table`` (types × K weights) given by ``kind``."""
    cum = np.cumsum(np.asarray(table, dtype=float), axis=1)
    cum = cum / cum[:, -1:]
    u = rng.random(len(kind))
    code = np.zeros(len(kind), dtype=np.int16)
    for j in range(table.shape[1] - 1):
        code += cum[kind, j] < u
    return code


def _row_count(flags: np.ndarray) -> np.ndarray:
    """Number of True per row of a 2-D bool array (a byte matmul: much faster than ``sum(axis=1)``)."""
    flags = np.ascontiguousarray(flags)
    if flags.shape[1] < 255:
        return (flags.view(np.uint8) @ np.ones(flags.shape[1], dtype=np.uint8)).astype(np.int64)
    return flags.sum(axis=1)


def _ordered_logit(eta: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """P(Y = m), m = 0..len(cuts), for an ordered logit with P(Y <= m) = expit(cut_m - eta)."""
    cum = expit(cuts[None, :] - np.asarray(eta)[..., None])
    cum = np.concatenate([np.zeros(cum.shape[:-1] + (1,)), cum, np.ones(cum.shape[:-1] + (1,))], axis=-1)
    return np.diff(cum, axis=-1)


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``weights`` summing to ``total`` (Hamilton's method)."""
    weights = np.asarray(weights, dtype=float)
    if total == 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    quota = weights / weights.sum() * total
    out = np.floor(quota).astype(int)
    rest = total - out.sum()
    order = np.argsort(-(quota - out), kind="stable")
    out[order[:rest]] += 1
    return out


# ---------------------------------------------------------------------------
# the model, stage by stage (each returns probabilities given the stages before)
# ---------------------------------------------------------------------------


def _p_girl(ens: np.ndarray) -> np.ndarray:
    # Table 3: 192 girls of 416; 2 of the 44 unaccompanied are girls (our choice:
    # most unaccompanied minors were boys; "the majority of the boys born abroad").
    return np.where(ens, 2 / 44, 190 / 372)


# P(sverige, utlandet, unknown) for boys / girls who are not unaccompanied (Table 3 less the 44)
_ORIGIN = np.array([[157, 23, 2], [172, 14, 4]]) / np.array([[182], [190]])


def _logp_age_group(girl, ens, origin) -> np.ndarray:
    """Log-weights of the four age groups (Table 3: 94/147/152/23)."""
    n = len(girl)
    base = np.log(np.array([0.268, 0.428, 0.274, 0.045]))
    z = np.tile(base, (n, 1))
    abroad = (origin == 1) & ~ens
    z[abroad] += np.array([-0.6, -0.1, 0.5, 0.9])
    z[girl & ~ens] += np.array([0.0, -0.1, 0.15, 0.1])
    z[ens] = np.log(np.array([1e-9, 1e-9, 0.91, 0.09]))
    return z


_AGE_WEIGHTS = {
    0: np.array([1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),  # 0..6
    1: np.ones(6),  # 7..12
    2: np.array([0.9, 1.0, 1.1, 1.2, 1.1, 0.7]),  # 13..18
    3: np.array([0.75, 0.25]),  # 19..20
}
_AGE_START = np.array([0, 7, 13, 19])
_ENS_AGE_WEIGHTS = np.array([0.03, 0.10, 0.25, 0.32, 0.25, 0.05])  # 13..18 for unaccompanied


def _draw_age(rng, age_group: np.ndarray, ens: np.ndarray) -> np.ndarray:
    """Age in whole years within the age group (types: age group × unaccompanied)."""
    table = np.zeros((8, 7))
    for g, w in _AGE_WEIGHTS.items():
        table[2 * g, : len(w)] = w
        table[2 * g + 1, : len(w)] = _ENS_AGE_WEIGHTS if g == 2 else w
    kind = 2 * age_group.astype(np.int64) + ens
    return (_AGE_START[age_group] + _sample_table(rng, table, kind)).astype(np.int16)


# Besides the case's severity, the child's own difficulties cluster (a child
# with one problem often has several), and so do the guardian's.
_BLOCK_LOADING = np.array([0.0, 0.5, 1.1])


def _exposure_logits(girl, ens, origin, age_group, severity, block_latent) -> np.ndarray:
    """Logits of the 21 exposure options (n × 21, float32)."""
    params = [_EXPOSURE_PARAMS[name] for name in EXPOSURES]
    a = np.array([p[0] for p in params])
    b = np.array([p[1] for p in params], dtype=np.float32)
    age = np.array([p[2] for p in params]).T  # 4 × 21
    g = np.array([p[3] for p in params])
    e = np.array([p[4] for p in params])
    f = np.array([p[5] for p in params])
    fg = np.array([p[6] for p in params])
    # every row is one of 4 × 2 × 2 × 2 background types: tabulate their fixed part once
    ag, gi, en, ab = np.meshgrid(np.arange(4), [0, 1], [0, 1], [0, 1], indexing="ij")
    ag, gi, en, ab = (x.ravel() for x in (ag, gi, en, ab))
    ab = ab * (1 - en)
    table = (a + age[ag] + gi[:, None] * g + en[:, None] * e + ab[:, None] * f + (ab * gi)[:, None] * fg).astype(np.float32)
    abroad = ((origin == 1) & ~ens).astype(np.int64)
    kind = ((age_group.astype(np.int64) * 2 + girl) * 2 + ens) * 2 + abroad
    z = table[kind]
    z += severity.astype(np.float32)[:, None] * b
    loading = _BLOCK_LOADING.astype(np.float32)
    for k, sl in enumerate(BLOCKS.values()):
        if loading[k]:
            z[:, sl] += (block_latent[:, k].astype(np.float32) * loading[k])[:, None]
    return z


# Nearly every registration names some exposure in the home (93 %) and two in
# three a difficulty of the guardian (65 %), more than independent options
# give; when a draw names none in the block, one option is added with this
# probability (chosen in proportion to the options' probabilities).
_RESCUE_HEM = 0.65
_RESCUE_VH = 0.55


def _exposure_model(c) -> tuple[np.ndarray, np.ndarray]:
    """Per-option probabilities (n × 21) and per-block rescue probabilities (n × 3)."""
    p = expit(_exposure_logits(c["girl"], c["ens"], c["origin"], c["age_group"], c["severity"], c["block_latent"]))
    rescue = np.zeros((c["n"], 3))
    rescue[:, 0] = _RESCUE_HEM
    rescue[:, 1] = np.where(c["ens"], 0.0, _RESCUE_VH)
    return p, rescue


def _draw_exposures(rng, p: np.ndarray, rescue: np.ndarray) -> np.ndarray:
    X = rng.random(p.shape, dtype=np.float32) < p
    for b, sl in enumerate(BLOCKS.values()):
        if not rescue[:, b].any():
            continue
        rows = np.flatnonzero((_row_count(X[:, sl]) == 0) & (rng.random(len(p)) < rescue[:, b]))
        pick = _sample(rng, p[rows, sl])
        X[rows, sl.start + pick] = True
    return X


def _risk_eta(count, girl, ens, origin, municipality_effect) -> np.ndarray:
    girl_abroad = (origin == 1) & girl & ~ens
    return _RISK_PER_EXPOSURE * np.power(count, _RISK_EXPONENT) + _RISK_GIRL_ABROAD * girl_abroad + _RISK_UNACCOMPANIED * ens + municipality_effect


def _p_risk_unknown(girl, ens, origin) -> np.ndarray:
    p = np.full(len(girl), _RISK_UNKNOWN)
    p[(origin == 1) & girl] = 0.01
    p[ens] = 0.10
    return p


# -- talks with the child (Exempel 2, Table 7) -------------------------------

_P_SAMTAL_KNOWN = 0.97


def _logit_samtal_enskilt_beslut(c) -> np.ndarray:
    base = np.array([-1.5, 0.2, 0.55, 0.5])[c["age_group"]]
    abroad = (c["origin"] == 1) & ~c["ens"]
    return base + 0.3 * c["girl"] + 2.6 * c["ens"] + 0.5 * abroad - 0.9 * c["girl_abroad"]


def _logit_samtal_vh_beslut(c, enskilt) -> np.ndarray:
    base = np.array([1.15, 0.6, 0.25, -0.75])[c["age_group"]]
    return base - 3.5 * c["ens"] + 1.5 * c["girl_abroad"] - 0.3 * enskilt + 0.1 * c["girl"]


def _logit_samtal_enskilt_avslut(c, enskilt) -> np.ndarray:
    base = np.array([-0.8, 0.0, 0.2, 0.2])[c["age_group"]]
    return -2.2 + base + 1.3 * enskilt + 2.7 * c["ens"] + 1.8 * c["girl_abroad"] + 0.45 * c["girl"]


def _logit_samtal_vh_avslut(c, vh) -> np.ndarray:
    base = np.array([0.3, 0.0, -0.2, -1.0])[c["age_group"]]
    return -1.9 + base + 1.2 * vh - 2.5 * c["ens"] + 0.3 * c["girl_abroad"]


# -- school (Table 5b) -----------------------------------------------------------

_NEG = -30.0  # log-weight of an impossible answer


def _logw_skola_beslut(c) -> np.ndarray:
    """Log-weights over SKOLA at decision, by age, school problems and being unaccompanied."""
    n = len(c["age"])
    age = c["age"]
    skola = c["X"][:, _J["barn_skola"]].astype(float)
    psyk = c["X"][:, _J["barn_psykisk_ohalsa"]].astype(float)
    z = np.full((n, 5), _NEG)
    young = age <= 5
    z[young, 4] = 0.0
    six = age == 6
    z[six, 0], z[six, 4] = -2.2, 0.0
    grund = (age >= 7) & (age <= 15)
    z[grund, 0] = 0.0
    z[grund, 1] = (-1.2 + 1.4 * skola + 0.4 * psyk)[grund]
    z[grund, 4] = -1.5
    gymn = (age >= 16) & (age <= 18)
    z[gymn, 0] = 0.0
    z[gymn, 1] = (-0.9 + 1.2 * skola)[gymn]
    z[gymn, 2] = (-1.6 + 1.0 * skola)[gymn]
    z[gymn & (age >= 17), 3] = (-1.8 + 0.8 * skola)[gymn & (age >= 17)]
    z[gymn, 4] = -1.3
    adult = age >= 19
    z[adult] = np.array([-0.5, -3.0, -1.0, 0.2, 0.0])
    z[c["ens"] & ~young, 4] += 2.5
    return z


def _logw_skola_avslut(c, beslut, improved) -> np.ndarray:
    """Log-weights over SKOLA at closure given the situation at decision."""
    n = len(beslut)
    age = c["age"] + 1  # a year on, roughly
    girl = c["girl"].astype(float)
    z = np.full((n, 5), _NEG)
    b = beslut
    # meets the requirements at decision
    r = b == 0
    z[r] = np.array([2.5, 0.0, _NEG, _NEG, -0.5])
    z[r & (age >= 15), 2] = -2.0
    # does not meet them: improvement more likely when the risk fell, a little more for girls (Table 5b)
    r = b == 1
    z[r, 0] = (-1.4 + 0.7 * improved + 0.45 * girl)[r]
    z[r, 1] = 0.0
    z[r & (age >= 15), 2] = -1.9
    z[r, 4] = -1.55
    r = b == 2
    z[r] = np.array([-0.5, _NEG, 1.5, 0.3, -0.5])
    r = b == 3
    z[r] = np.array([-0.5, _NEG, _NEG, 1.5, -0.3])
    r = b == 4
    school_age = age >= 6
    z[r & ~school_age] = np.array([_NEG, _NEG, _NEG, _NEG, 0.0])
    z[r & school_age] = np.array([0.0, -0.5, _NEG, _NEG, 0.8])
    z[r & school_age & c["ens"]] = np.array([-0.2, 0.3, _NEG, _NEG, 0.3])
    z[(b == -1)] = np.array([0.0, -0.5, _NEG, _NEG, 0.8])
    return z


# -- intervention, legal basis, focus, cooperation --------------------------------

_INSATS_BASE = np.log(np.array([0.085, 0.045, 0.075, 0.065, 0.045, 0.46, 0.11, 0.075, 0.02, 0.02]))


def _logw_insats(c) -> np.ndarray:
    n = len(c["age"])
    z = np.tile(_INSATS_BASE, (n, 1))
    risk = np.where(c["risk_beslut"] >= 0, c["risk_beslut"], 1).astype(float)
    z[:, HELDYGN] += 0.55 * (risk - 1.0)[:, None]
    ens = c["ens"]
    z[ens, :6] -= 2.0
    z[ens, 6] += 1.2
    z[ens, 7] += 2.2
    z[ens, 8] -= 3.0
    z[ens, 9] += 3.0
    ag = c["age_group"]
    z[:, 2] += np.array([0.6, 0.4, -1.0, -3.0])[ag]
    z[:, 1] += np.array([-2.0, 0.0, 0.8, 0.5])[ag]
    age = c["age"]
    z[age < 16, 9] = _NEG
    z[age >= 18, 9] += 1.0
    z[age < 12, 8] = _NEG
    X = c["X"]
    norm = X[:, _J["barn_normbrytande"]].astype(float)
    missb = X[:, _J["barn_missbruk"]].astype(float)
    z[:, 8] += 1.5 * norm + 1.2 * missb
    z[:, 3] += 0.6 * norm + 0.6 * missb
    return z


def _p_lvu(c, insats) -> np.ndarray:
    heldygn = HELDYGN[insats].astype(float)
    risk = c["risk_beslut"]
    z = -4.2 + 2.2 * heldygn + 1.0 * (risk == 3) + 0.5 * (risk == 2) + 3.0 * (insats == 8) - 1.0 * c["ens"]
    return expit(z)


# focus of the intervention: base log-odds and links to identified exposure
_FOKUS_BASE = np.array([-1.4, -1.6, 0.0, -1.9, -0.4, -1.6, -2.0, -1.2, -1.3, -0.6, -0.5, -1.1, -1.0, -1.3, -2.3, -2.3, -1.9, -2.4])
_FOKUS_LINKS = {
    "halsa": {"barn_fysisk_ohalsa": 1.5, "barn_psykisk_ohalsa": 0.8, "hem_bristande_omsorg": 0.4},
    "utbildning": {"barn_skola": 2.2},
    "kanslor_beteende": {"barn_psykisk_ohalsa": 1.0, "barn_normbrytande": 0.8, "barn_annat": 0.5},
    "identitet": {"hem_heder": 1.5},
    "familj_relationer": {"hem_familjekonflikt": 1.2, "hem_vardnadstvist": 1.0},
    "socialt_upptradande": {"barn_normbrytande": 1.4, "barn_missbruk": 0.8},
    "grundlaggande_omsorg": {"hem_bristande_omsorg": 1.6, "vh_missbruk": 0.5},
    "sakerhet": {"hem_fysiskt_vald": 1.6, "hem_psykiskt_vald": 1.0, "hem_bevittnat_vald": 1.0, "hem_sexuella_overgrepp": 1.5},
    "kanslomassigt_stod": {"vh_psykisk_ohalsa": 0.6, "hem_bristande_omsorg": 0.5},
    "stimulans_vagledning": {"hem_familjekonflikt": 0.5, "barn_normbrytande": 0.5},
    "stabilitet": {"vh_missbruk": 1.0, "vh_psykisk_ohalsa": 0.6},
    "familjens_situation": {"vh_psykisk_ohalsa": 0.5, "vh_missbruk": 0.5, "vh_kriminalitet": 0.8},
    "natverk": {"hem_bristande_omsorg": 0.3},
    "ekonomi_arbete": {"vh_fysisk_ohalsa": 0.5, "vh_annat": 0.5},
}


def _fokus_logits(c) -> np.ndarray:
    W = np.zeros((len(EXPOSURES), len(FOKUS)))
    for f, links in _FOKUS_LINKS.items():
        for e, w in links.items():
            W[_J[e], FOKUS.index(f)] = w
    z = c["X"].astype(np.float32) @ W.astype(np.float32)
    z += _FOKUS_BASE.astype(np.float32)
    z += (0.3 * c["severity"]).astype(np.float32)[:, None]
    ag = c["age_group"]
    z[:, FOKUS.index("utbildning")] += np.array([-3.0, 0.3, 0.3, -0.5])[ag]
    z[:, FOKUS.index("stimulans_vagledning")] += np.array([0.5, 0.2, -0.2, -1.5])[ag]
    z[:, FOKUS.index("klara_sig_sjalv")] += np.array([-2.0, -0.5, 0.5, 1.5])[ag] + 1.8 * c["ens"]
    z[:, FOKUS.index("social_integrering")] += 2.0 * c["ens"]
    z[:, FOKUS.index("boende")] += 1.5 * c["ens"]
    return z


_SAMVERKAN_BASE = np.array([-0.6, -1.6, -2.2, -2.9, -1.7, -2.0])
_SAMVERKAN_LINKS = {
    "skola": {"barn_skola": 1.5, "barn_normbrytande": 0.4},
    "halso_sjukvard": {"barn_fysisk_ohalsa": 1.5, "vh_psykisk_ohalsa": 0.4, "hem_bristande_omsorg": 0.3},
    "bup": {"barn_psykisk_ohalsa": 1.8},
    "polis": {"barn_normbrytande": 1.6, "hem_fysiskt_vald": 0.8, "hem_sexuella_overgrepp": 1.2, "hem_heder": 1.2},
    "annan_socialtjanst": {"vh_missbruk": 0.9, "vh_kriminalitet": 0.6, "hem_bevittnat_vald": 0.5},
    "annan": {"hem_annat": 0.4},
}


def _samverkan_logits(c) -> np.ndarray:
    W = np.zeros((len(EXPOSURES), len(SAMVERKAN)))
    for s, links in _SAMVERKAN_LINKS.items():
        for e, w in links.items():
            W[_J[e], SAMVERKAN.index(s)] = w
    z = c["X"].astype(np.float32) @ W.astype(np.float32)
    z += _SAMVERKAN_BASE.astype(np.float32)
    z += (0.25 * c["severity"]).astype(np.float32)[:, None]
    z[:, 0] += np.array([-0.8, 0.4, 0.4, -1.0])[c["age_group"]]
    z[:, 5] += 1.0 * c["ens"]
    return z


# -- results at closure ------------------------------------------------------------


def _logw_risk_closure(c, transition) -> np.ndarray:
    """Log-weights of risk at closure (or follow-up) given risk at decision; NA decision -> row of NEG."""
    rb, ens = c["risk_beslut"], c["ens"]
    logt = np.log(np.maximum(transition, 1e-9))
    # unaccompanied children's risk falls a little less often
    lower = np.arange(4)[None, :] < np.arange(4)[:, None]
    logt_ens = logt - 0.25 * lower
    z = np.where(ens[:, None], logt_ens[np.maximum(rb, 0)], logt[np.maximum(rb, 0)])
    z[rb < 0] = _NEG
    return z


_AVSLUT_BASE = np.log(np.array([0.52, 0.185, 0.18, 0.12]))


def _logw_avslutsorsak(c, risk_closure) -> np.ndarray:
    n = len(risk_closure)
    z = np.tile(_AVSLUT_BASE, (n, 1))
    rb, ra = c["risk_beslut"], risk_closure
    known = (rb >= 0) & (ra >= 0)
    fell = known & (ra < rb)
    rose = known & (ra > rb)
    z[fell, 0] += 0.8
    z[rose] += np.array([-1.2, 0.4, 0.8, 0.0])
    z[ra < 0] += np.array([-0.5, 0.5, 0.0, 0.2])
    z[c["ens"]] += np.array([-1.1, 0.3, 0.0, 1.0])
    z[c["age_group"] == 2] += np.array([0.0, 0.35, 0.0, 0.0])
    z[c["age_group"] == 3] += np.array([0.0, 0.3, 0.0, 0.4])
    return z


_MAL_GIVEN_AVSLUT = np.array(
    # ej, delvis, helt, inte känt
    [
        [0.00, 0.07, 0.93, 0.00],
        [0.40, 0.35, 0.03, 0.22],
        [0.62, 0.28, 0.00, 0.10],
        [0.28, 0.37, 0.10, 0.25],
    ]
)
_MAL_AT_FOLLOWUP = np.array([0.10, 0.55, 0.15, 0.20])

# housing at closure by intervention (rows INSATS, columns BOENDE + inte känt)
_BOENDE = np.array(
    [
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.005, 0.005, 0.01, 0.01, 0.01],
        [0.25, 0.65, 0.03, 0.00, 0.02, 0.02, 0.01, 0.02],
        [0.35, 0.10, 0.30, 0.05, 0.10, 0.04, 0.03, 0.03],
        [0.25, 0.05, 0.25, 0.30, 0.05, 0.03, 0.04, 0.03],
        [0.05, 0.02, 0.03, 0.00, 0.45, 0.40, 0.03, 0.02],
    ]
)


def _boende_table() -> np.ndarray:
    """Housing at closure (BOENDE + inte känt) by type = insats × unaccompanied × adult at closure."""
    table = np.zeros((10, 2, 2, len(BOENDE) + 1))
    for ens in (0, 1):
        for adult in (0, 1):
            p = _BOENDE.copy()
            if adult:
                p[:, 5] += 0.2
            if ens:
                p[:, 0] = 0.0  # no guardian in Sweden
                p[:, 4] += 0.1
            table[:, ens, adult] = p
    return table.reshape(40, -1)


def _boende_kind(c, insats) -> np.ndarray:
    return (insats.astype(np.int64) * 2 + c["ens"]) * 2 + (c["age"] + 1 >= 18)


_AGE_AT_CLOSURE = np.arange(22)


def _sysselsattning_table() -> np.ndarray:
    """Occupation at closure (SYSS + inte känt) by type = age at closure (0-21) × unaccompanied."""
    table = np.zeros((22, 2, 6))
    for age in _AGE_AT_CLOSURE:
        if age <= 5:
            p = [0.0, 0.0, 0.0, 0.0, 0.92, 0.08]
        elif age <= 16:
            p = [0.93, 0.0, 0.0, 0.03, 0.02, 0.02]
        elif age <= 18:
            p = [0.80, 0.04, 0.04, 0.08, 0.02, 0.02]
        else:
            p = [0.35, 0.20, 0.12, 0.23, 0.05, 0.05]
        table[age, 0] = p
        table[age, 1] = [0.70, 0.06, 0.08, 0.10, 0.03, 0.03] if age >= 17 else p
    return table.reshape(44, -1)


def _forsorjning_table() -> np.ndarray:
    """Means of support at closure (FORS + inte känt) by type = age at closure (0-21) × unaccompanied."""
    table = np.zeros((22, 2, 5))
    for age in _AGE_AT_CLOSURE:
        adult = age >= 18
        table[age, 0] = [0.30, 0.22, 0.33, 0.10, 0.05] if adult else [0.95, 0.0, 0.0, 0.03, 0.02]
        table[age, 1] = [0.0, 0.20, 0.50, 0.25, 0.05] if adult else [0.0, 0.0, 0.05, 0.90, 0.05]
    return table.reshape(44, -1)


def _age_kind(c) -> np.ndarray:
    return (c["age"].astype(np.int64) + 1) * 2 + c["ens"]

# ---------------------------------------------------------------------------
# setting: which municipality and year each row belongs to
# ---------------------------------------------------------------------------


def _report_setting(n: int, year: int) -> dict:
    table = report_municipalities()
    sizes = _largest_remainder(table["registreringar"].to_numpy(), n)
    ens_rate = table["ensamkommande"].to_numpy() / table["registreringar"].to_numpy()
    return {
        "names": table["kommun"].tolist(),
        "kommun": np.repeat(np.arange(len(table)), sizes),
        "ens_rate": ens_rate,
        "ens_exact": table["ensamkommande"].to_numpy(),
        "ar": np.full(n, year, dtype=np.int64),
    }


# Share of registrations that concern unaccompanied minors, by year, nationally:
# many arrived in 2015, so interventions for them peak in 2016-2017.
_ENS_BY_YEAR = {2014: 0.05, 2015: 0.08, 2016: 0.12, 2017: 0.11, 2018: 0.07, 2019: 0.04}


def _national_setting(rng, n: int | None, years: list[int]) -> dict:
    table = national_municipalities()
    pop = table["folkmangd"].to_numpy(dtype=float)
    k = len(table)
    # municipalities differ in how many unaccompanied minors they received
    factor = rng.gamma(2.0, 0.5, size=k)
    if n is None:
        counts = rng.poisson(NATIONAL_RATE * np.tile(pop, len(years)))
    else:
        weights = np.tile(pop, len(years))
        counts = rng.multinomial(n, weights / weights.sum())
    cell = np.repeat(np.arange(k * len(years)), counts)
    year_idx, kommun = np.divmod(cell, k)
    years_arr = np.asarray(years, dtype=np.int64)
    ens_year = np.array([_ENS_BY_YEAR.get(int(y), 0.03) for y in years_arr])
    return {
        "names": table["kommun"].tolist(),
        "kommun": kommun,
        "ens_rate_row": np.minimum(ens_year[year_idx] * factor[kommun], 0.5),
        "ar": years_arr[year_idx],
    }


# ---------------------------------------------------------------------------
# uncalibrated draw (vectorised; any size)
# ---------------------------------------------------------------------------


def _context(rng, girl, ens, origin, age_group, kommun, n_kommun, municipality_effect=None) -> dict:
    n = len(girl)
    if municipality_effect is None:
        municipality_effect = rng.normal(0.0, _RISK_MUNICIPALITY_SD, size=n_kommun)
    return {
        "n": n,
        "girl": girl,
        "ens": ens,
        "origin": origin,
        "girl_abroad": (origin == 1) & girl & ~ens,
        "age_group": age_group.astype(np.int16),
        "age": _draw_age(rng, age_group, ens),
        "kommun": kommun,
        "municipality": municipality_effect[kommun],
        "severity": rng.standard_normal(n),
        "block_latent": rng.standard_normal((n, 3)),
    }


def _type_grid(*factors):
    """Rows as types of a few discrete covariates.

    ``factors`` are (values, lo, hi) with integer values in lo..hi. Returns
    each row's type index and, for every type, the value of each factor, so a
    model function can be evaluated once per type instead of once per row.
    """
    kind = np.zeros(len(factors[0][0]), dtype=np.int64)
    for values, lo, hi in factors:
        kind = kind * (hi - lo + 1) + (np.asarray(values).astype(np.int64) - lo)
    grids = np.meshgrid(*[np.arange(lo, hi + 1) for _, lo, hi in factors], indexing="ij")
    return kind, [g.ravel() for g in grids]


def _grid_context(size: int, **values) -> dict:
    """A model context for the types of a grid; ``X`` has the exposure columns given by name."""
    c = {"n": size}
    X = np.zeros((size, len(EXPOSURES)), dtype=bool)
    for key, value in values.items():
        if key in _J:
            X[:, _J[key]] = value
        else:
            c[key] = value
    c["X"] = X
    return c


def _age_group_of(age: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.array([6, 12, 18]), age, side="left").astype(np.int16)


def _free_skola_beslut(rng, c) -> np.ndarray:
    X = c["X"]
    kind, (age, ens, skola, psyk) = _type_grid(
        (c["age"], 0, 20), (c["ens"], 0, 1), (X[:, _J["barn_skola"]], 0, 1), (X[:, _J["barn_psykisk_ohalsa"]], 0, 1))
    grid = _grid_context(len(age), age=age, ens=ens.astype(bool), barn_skola=skola, barn_psykisk_ohalsa=psyk)
    return _sample_table(rng, np.exp(_logw_skola_beslut(grid)), kind)


def _free_skola_avslut(rng, c, beslut, improved) -> np.ndarray:
    kind, (age, girl, ens, b, imp) = _type_grid(
        (c["age"], 0, 20), (c["girl"], 0, 1), (c["ens"], 0, 1), (beslut, -1, 4), (improved, 0, 1))
    grid = _grid_context(len(age), age=age, girl=girl.astype(bool), ens=ens.astype(bool))
    return _sample_table(rng, np.exp(_logw_skola_avslut(grid, b, imp.astype(float))), kind)


def _free_insats(rng, c) -> np.ndarray:
    X = c["X"]
    kind, (age, ens, risk, norm, missb) = _type_grid(
        (c["age"], 0, 20), (c["ens"], 0, 1), (c["risk_beslut"], -1, 3),
        (X[:, _J["barn_normbrytande"]], 0, 1), (X[:, _J["barn_missbruk"]], 0, 1))
    grid = _grid_context(len(age), age=age, age_group=_age_group_of(age), ens=ens.astype(bool), risk_beslut=risk,
                         barn_normbrytande=norm, barn_missbruk=missb)
    return _sample_table(rng, np.exp(_logw_insats(grid)), kind)


def _free_avslutsorsak(rng, c, closure_risk) -> np.ndarray:
    kind, (rb, ra, ens, ag) = _type_grid(
        (c["risk_beslut"], -1, 3), (closure_risk, -1, 3), (c["ens"], 0, 1), (c["age_group"], 0, 3))
    grid = _grid_context(len(rb), risk_beslut=rb, ens=ens.astype(bool), age_group=ag)
    return _sample_table(rng, np.exp(_logw_avslutsorsak(grid, ra)), kind)


def _free_age_group(rng, girl, ens, origin) -> np.ndarray:
    kind, (g, e, o) = _type_grid((girl, 0, 1), (ens, 0, 1), (origin, -1, 1))
    return _sample_table(rng, np.exp(_logp_age_group(g.astype(bool), e.astype(bool), o)), kind)


def _draw_free(rng, c: dict, followup: np.ndarray) -> dict:
    """Draw every variable after the background from the model (no calibration)."""
    n = c["n"]
    p_option, rescue = _exposure_model(c)
    X = _draw_exposures(rng, p_option, rescue)
    del p_option
    c["X"] = X
    c["count"] = _row_count(X)
    p = _ordered_logit(_risk_eta(c["count"], c["girl"], c["ens"], c["origin"], c["municipality"]), _RISK_CUTS)
    risk = _sample(rng, p)
    risk[rng.random(n) < _p_risk_unknown(c["girl"], c["ens"], c["origin"])] = -1
    c["risk_beslut"] = risk

    out = _draw_samtal_free(rng, c, followup)
    skola_beslut = _free_skola_beslut(rng, c)
    out.update(_draw_process(rng, c, insats=_free_insats(rng, c)))
    closure_risk = _sample_transition(rng, c, followup)
    out["risk_uppfoljning"] = np.where(followup, closure_risk, -1)
    out["risk_avslut"] = np.where(followup, -1, closure_risk)
    avslut = _free_avslutsorsak(rng, c, closure_risk)
    improved = (closure_risk >= 0) & (c["risk_beslut"] >= 0) & (closure_risk < c["risk_beslut"])
    skola_avslut = _free_skola_avslut(rng, c, skola_beslut, improved)
    out.update(_draw_closure_situation(rng, c, out["insats"], avslut, followup))
    out["skola_beslut"] = skola_beslut
    out["skola_avslut"] = np.where(followup, -1, skola_avslut)
    out["avslutsorsak"] = np.where(followup, -1, avslut)
    return out


def _sample_transition(rng, c, followup) -> np.ndarray:
    kind, (rb, ens, fu) = _type_grid((c["risk_beslut"], -1, 3), (c["ens"], 0, 1), (followup, 0, 1))
    grid = {"risk_beslut": rb, "ens": ens.astype(bool)}
    table = np.where(fu[:, None].astype(bool), np.exp(_logw_risk_closure(grid, _RISK_FOLLOWUP_TRANSITION)),
                     np.exp(_logw_risk_closure(grid, _RISK_TRANSITION)))
    closure = _sample_table(rng, table, kind)
    closure[c["risk_beslut"] < 0] = -1
    closure[rng.random(c["n"]) < _RISK_UNKNOWN_AT_CLOSURE] = -1
    return closure


def _draw_samtal_free(rng, c, followup) -> dict:
    n = c["n"]
    known = rng.random(n) < _P_SAMTAL_KNOWN
    e_b = rng.random(n) < expit(_logit_samtal_enskilt_beslut(c))
    v_b = rng.random(n) < expit(_logit_samtal_vh_beslut(c, e_b))
    e_a = rng.random(n) < expit(_logit_samtal_enskilt_avslut(c, e_b))
    v_a = rng.random(n) < expit(_logit_samtal_vh_avslut(c, v_b))
    closing = known & ~followup
    return {
        "samtal_enskilt_beslut": np.where(known, e_b, -1).astype(np.int8),
        "samtal_vh_beslut": np.where(known, v_b, -1).astype(np.int8),
        "samtal_enskilt_avslut": np.where(closing, e_a, -1).astype(np.int8),
        "samtal_vh_avslut": np.where(closing, v_a, -1).astype(np.int8),
    }


def _draw_process(rng, c, insats=None) -> dict:
    """Intervention, legal basis, focus, cooperation, SIP and health examination (no published targets)."""
    n = c["n"]
    if insats is None:
        insats = _sample(rng, np.exp(_logw_insats(c)))
    lvu = rng.random(n) < _p_lvu(c, insats)
    fokus = rng.random((n, len(FOKUS)), dtype=np.float32) < expit(_fokus_logits(c))
    samverkan = rng.random((n, len(SAMVERKAN)), dtype=np.float32) < expit(_samverkan_logits(c))
    n_samverkan = _row_count(samverkan)
    none_said = (n_samverkan == 0) & (rng.random(n) < 0.9)
    sip = rng.random(n) < expit(-2.6 + 1.1 * samverkan[:, 2] + 0.7 * samverkan[:, 1] + 0.4 * (n_samverkan >= 3))
    heldygn = HELDYGN[insats]
    halso = np.where(heldygn, (rng.random(n) < np.where(insats == 6, 0.75, 0.65)).astype(np.int8), -1).astype(np.int8)
    out = {"insats": insats, "lagrum": lvu.astype(np.int16), "sip": sip, "halsoundersokning": halso}
    for j, code in enumerate(FOKUS):
        out[f"fokus_{code}"] = fokus[:, j]
    for j, code in enumerate(SAMVERKAN):
        out[f"samverkan_{code}"] = samverkan[:, j]
    out["samverkan_ingen"] = none_said
    return out


def _draw_closure_situation(rng, c, insats, avslut, followup) -> dict:
    n = c["n"]
    mal = _sample_table(rng, _MAL_GIVEN_AVSLUT, avslut.astype(np.int64))
    if followup.any():
        mal = np.where(followup, _sample_table(rng, _MAL_AT_FOLLOWUP[None, :], np.zeros(n, dtype=np.int64)), mal)
    boende = _sample_table(rng, _boende_table(), _boende_kind(c, insats))
    syss = _sample_table(rng, _sysselsattning_table(), _age_kind(c))
    fors = _sample_table(rng, _forsorjning_table(), _age_kind(c))
    na = lambda codes, k: np.where((codes >= k) | followup, -1, codes)  # noqa: E731 - last code = inte känt
    return {
        "maluppfyllelse": np.where(mal >= 3, -1, mal),
        "boende_avslut": na(boende, len(BOENDE)),
        "sysselsattning_avslut": na(syss, len(SYSS)),
        "forsorjning_avslut": na(fors, len(FORS)),
    }


# ---------------------------------------------------------------------------
# assembling the typed frame
# ---------------------------------------------------------------------------


def _columns_from(c: dict, drawn: dict, names: list[str], ar: np.ndarray, followup: np.ndarray) -> dict:
    """Every codebook column as a numpy array: category codes (-1 = NA), bools, or int8 with -1 = NA."""
    X = c["X"]
    cols = {
        "kommun": ("names", c["kommun"], names),
        "ar": ar,
        "tillfalle": np.where(followup, 0, 1).astype(np.int16),
        "kon": c["girl"].astype(np.int16),
        "alder": c["age"].astype(np.int64),
        "aldersgrupp": c["age_group"],
        "ursprung": c["origin"],
        "ensamkommande": c["ens"],
    }
    for j, name in enumerate(EXPOSURES):
        cols[name] = X[:, j]
    for block, sl in BLOCKS.items():
        cols[f"{block}_none"] = _row_count(X[:, sl]) == 0
    cols["hem_ingen"] = cols.pop("hem_none")
    vh_none = cols.pop("vh_none")
    # no information about the guardian for most unaccompanied minors
    cols["vh_ingen"] = vh_none & ~c["ens"]
    cols["vh_info_saknas"] = vh_none & c["ens"]
    cols["barn_ingen"] = cols.pop("barn_none")
    cols["risk_beslut"] = c["risk_beslut"]
    cols.update(drawn)
    return cols


def _frame(cols: dict) -> pd.DataFrame:
    cb = get_codebook()
    dtypes = cb.dtypes("registrations")
    data = {}
    for column in cb.columns("registrations"):
        value = cols[column]
        dtype = dtypes[column]
        if column == "kommun":
            _, idx, names = value
            lookup = np.asarray(names, dtype=object)
            data[column] = pd.array(lookup[idx], dtype=dtype)
        elif isinstance(dtype, pd.CategoricalDtype):
            data[column] = pd.Categorical.from_codes(np.asarray(value, dtype=np.int16), dtype=dtype)
        elif isinstance(dtype, pd.BooleanDtype):
            value = np.asarray(value)
            if value.dtype == bool:
                data[column] = pd.arrays.BooleanArray(value, np.zeros(len(value), dtype=bool))
            else:
                data[column] = pd.arrays.BooleanArray(value == 1, value < 0)
        elif isinstance(dtype, pd.Int64Dtype):
            value = np.asarray(value, dtype=np.int64)
            data[column] = pd.arrays.IntegerArray(value, np.zeros(len(value), dtype=bool))
        else:
            data[column] = pd.array(value, dtype=dtype)
    return pd.DataFrame(data)


def _generate_free_chunk(rng, setting: dict, rows: slice, followup_share: float, municipality_effect) -> dict:
    kommun = setting["kommun"][rows]
    n = len(kommun)
    if "ens_rate_row" in setting:
        p_ens = setting["ens_rate_row"][rows]
    else:
        p_ens = setting["ens_rate"][kommun]
    ens = rng.random(n) < p_ens
    girl = rng.random(n) < _p_girl(ens)
    origin = np.where(ens, 1, _sample_table(rng, _ORIGIN, girl.astype(np.int64))).astype(np.int16)
    origin[origin == 2] = -1
    age_group = _free_age_group(rng, girl, ens, origin)
    c = _context(rng, girl, ens, origin, age_group, kommun, len(setting["names"]), municipality_effect)
    followup = rng.random(n) < followup_share
    drawn = _draw_free(rng, c, followup)
    return _columns_from(c, drawn, setting["names"], setting["ar"][rows], followup)




# ---------------------------------------------------------------------------
# calibration to the report (n = 416, 2017)
# ---------------------------------------------------------------------------
# The published figures the calibration honours (report §3.3 end and §4.2) are read
# from the one transcription of the report, the reference file
# webbkollen_lib/systems/webbkollen/data/published_figures.csv (with source and note
# for each figure), so the generator's targets and the figures the data are checked
# against cannot drift apart.

# The report's groups of Tables 5 and 7 / Exempel 2 and 4 as the reference file names them.
_FIGURE_GROUP = {"sv_pojke": "sverige_pojke", "sv_flicka": "sverige_flicka", "utl_pojke": "utlandet_pojke",
                 "utl_flicka": "utlandet_flicka"}
_T2_BANDS = ("0_2", "3_5", "6_plus")


def _target_ids() -> dict:
    """The generator's targets as reference-file ids: the structure of :func:`published_targets`.

    Keys and their order are the ones the calibration iterates over (the order
    fixes the draw, so it must not change).
    """
    g = _FIGURE_GROUP
    return {
        # Table 4: share (%) of the 416 with each identified exposure
        "table4": {name: f"t4_{name}" for name in EXPOSURES},
        # §4.2 text to Table 4: any exposure in the home / of the guardian / of the child (%)
        "any_block": {block: f"t4text_{block}_nagon" for block in ("hem", "vh", "barn")},
        # Table 2: % of each risk level at decision (0-3, RISK order) with 0-2 / 3-5 / 6+ exposures
        "table2": {r: tuple(f"t2_{code}_{band}" for band in _T2_BANDS) for r, code in enumerate(RISK)},
        # Exempel 1: share with exactly one exposure, 2-4, 5 or more (%); means girls / boys
        "spread": {"one": "e1_en_utsatthet", "two_to_four": "e1_2_4_utsatthet", "five_plus": "e1_5_plus_utsatthet"},
        "mean_exposures": {"flicka": "e1_medel_flickor", "pojke": "e1_medel_pojkar"},
        # Figure 7 (text): other family conflicts, Swedish-born girls / boys (%)
        "figure7_familjekonflikt": {"sv_flicka": "f7_familjekonflikt_sv_flicka",
                                    "sv_pojke": "f7_familjekonflikt_sv_pojke"},
        # Table 5: risk at decision by sex and origin: n and % per level
        "table5": {name: (f"t5_{g[name]}_n", tuple(f"t5_{g[name]}_{code}" for code in RISK))
                   for name in ("sv_pojke", "sv_flicka", "utl_pojke", "utl_flicka")},
        # Table 7: n, % talk alone at decision, at closure
        "table7": {name: (f"t7_{g[name]}_n", f"t7_{g[name]}_beslut", f"t7_{g[name]}_avslut")
                   for name in ("sv_flicka", "utl_flicka", "sv_pojke", "utl_pojke")},
        # Exempel 2: % alone, % with guardian at decision; % any talk at closure
        "exempel2": {name: (f"e2_{g[name]}_enskilt_beslut", f"e2_{g[name]}_vh_beslut", f"e2_{g[name]}_samtal_avslut")
                     for name in ("sv_flicka", "sv_pojke", "utl_flicka", "utl_pojke")},
        # §4.2 text and Exempel 2, all groups: % alone at decision, with guardian at decision, alone at closure
        "samtal_overall": {"enskilt_beslut": "s42_samtal_enskilt_beslut", "vh_beslut": "e2_samtal_vh_beslut",
                           "enskilt_avslut": "s42_samtal_enskilt_avslut"},
        # §4.2 text: reasons for closure (%): goal met, unplanned, did not match needs
        "avslutsorsak": {"mal_uppnatt": "s42_avslut_mal_uppnatt", "oplanerat": "s42_avslut_oplanerat",
                         "motsvarar_ej_behov": "s42_avslut_motsvarar_ej"},
        # Exempel 4: goal met (%) by group
        "exempel4": {name: f"e4_{g[name]}_mal_uppnatt"
                     for name in ("sv_flicka", "utl_flicka", "sv_pojke", "utl_pojke")},
        # Table 5b (the second "Tabell 5"): school at closure for Swedish-born children not
        # meeting the requirements at decision: n and % per SKOLA code
        "table5b": {name: (f"t5b_{g[name]}_n", tuple(f"t5b_{g[name]}_{code}" for code in SKOLA))
                    for name in ("sv_pojke", "sv_flicka")},
        # Figure 8 (text): % of "hög" lower at closure; % of "mycket hög" unchanged
        "figure8": {"hog_lower": "f8_hog_lagre", "mycket_hog_same": "f8_mycket_hog_samma"},
    }


def _map_leaves(structure, function):
    """``structure`` (dicts and tuples of ids) with every id replaced by ``function(id)``."""
    if isinstance(structure, dict):
        return {key: _map_leaves(value, function) for key, value in structure.items()}
    if isinstance(structure, tuple):
        return tuple(_map_leaves(value, function) for value in structure)
    return function(structure)


def _leaves(structure) -> list:
    """The ids in a structure of dicts and tuples, in order."""
    out = []
    _map_leaves(structure, out.append)
    return out


def _target_value(figures: pd.DataFrame, figure_id: str) -> int | float:
    """One published value: a float for a mean, else a whole number as int (as the report prints it)."""
    row = figures.loc[figure_id]
    value = float(row["published"])
    if row["unit"] == "mean":
        return value
    if not value.is_integer():
        raise ValueError(f"{REFERENCE_FILE}: {figure_id} ({row['unit']}) is {value}; the generator's targets "
                         "are whole counts and percentages")
    return int(value)


@lru_cache(maxsize=None)
def published_targets() -> MappingProxyType:
    """The report's figures the calibration honours, read from the reference file by id.

    A read-only mapping: ``table4`` {exposure: %}, ``any_block`` {block: %},
    ``table2`` {risk level 0-3: (% 0-2, % 3-5, % 6+)}, ``spread`` {one,
    two_to_four, five_plus: %}, ``mean_exposures`` {flicka, pojke: mean},
    ``figure7_familjekonflikt`` {group: %}, ``table5`` {group: (n, (% per
    risk level))}, ``table7`` {group: (n, % alone at decision, % alone at
    closure)}, ``exempel2`` {group: (% alone, % with guardian at decision, %
    any talk at closure)}, ``samtal_overall`` {enskilt_beslut, vh_beslut,
    enskilt_avslut: %}, ``avslutsorsak`` {code: %}, ``exempel4`` {group: %},
    ``table5b`` {group: (n, (% per school code))}, ``figure8`` {hog_lower,
    mycket_hog_same: %}. Counts and percentages are ints, means floats.
    Every value is the ``published`` column of
    :func:`~webbkollen_lib.systems.webbkollen.reference.load_published_figures`;
    a target whose id is missing there is an error.
    """
    figures = load_published_figures().set_index("id")
    ids = _target_ids()
    missing = sorted(i for i in _leaves(ids) if i not in figures.index)
    if missing:
        raise ValueError(f"{REFERENCE_FILE}: no row for the generator's target(s) {missing}")
    targets = _map_leaves(ids, lambda figure_id: _target_value(figures, figure_id))
    return MappingProxyType({key: MappingProxyType(value) for key, value in targets.items()})


# Our reading of the group sizes (Table 3 with Tables 5 and 7; see
# webbkollen_lib/systems/webbkollen/data/README.md):
# sex × origin, unaccompanied minors apart.
GROUP_SIZES = {
    "sv_pojke": 157, "sv_flicka": 172, "utl_pojke_ensam": 42, "utl_pojke": 23,
    "utl_flicka_ensam": 2, "utl_flicka": 14, "okand_pojke": 2, "okand_flicka": 4,
}
# Registrations without an answer on talks with the child (Table 7's n are those with one).
SAMTAL_UNKNOWN = {"sv_pojke": 8, "sv_flicka": 4, "utl_pojke": 2}
_KMAX = 12  # most exposures the calibrated data may have on one registration


def _round_range(percent: float, denominator: int) -> tuple[int, int]:
    """Counts x with 100 x / denominator within half a point of ``percent`` (the report rounds to whole %)."""
    lo = int(np.ceil((percent - 0.5) * denominator / 100 - 1e-9))
    hi = int(np.floor((percent + 0.5) * denominator / 100 + 1e-9))
    return max(lo, 0), min(hi, denominator)


def _closest_in_range(expected: float, lo: int, hi: int) -> int:
    return int(min(max(round(expected), lo), hi))


def _group_index(girl, ens, origin) -> np.ndarray:
    """Index into GROUPS for each row."""
    g = np.where(origin == 0, np.where(girl, 1, 0), 0)
    g = np.where(origin == 1, np.where(girl, np.where(ens, 4, 5), np.where(ens, 2, 3)), g)
    g = np.where(origin < 0, np.where(girl, 7, 6), g)
    return g.astype(np.int64)


# report groups of Tables 5 and 7 / Figure 7 (origin known) in terms of GROUPS
_REPORT_GROUPS = {"sv_pojke": (0,), "sv_flicka": (1,), "utl_pojke": (2, 3), "utl_flicka": (4, 5)}


def _assign(rng, score: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Give each row one category so that category m is used ``counts[m]`` times.

    Maximises the sum of ``score`` (log-probabilities) plus independent Gumbel
    noise: without the count constraint this is exactly a draw from the
    softmax of ``score`` (the Gumbel-max trick); with it, a draw conditioned,
    approximately, on the counts. Solved as an assignment problem.
    """
    n, k = score.shape
    counts = np.asarray(counts, dtype=int)
    if counts.sum() != n or (counts < 0).any():
        raise CalibrationError(f"cannot give {n} rows the counts {counts.tolist()}")
    if n == 0:
        return np.zeros(0, dtype=np.int16)
    noisy = np.maximum(score, _NEG * 10) + rng.gumbel(size=score.shape)
    slots = np.repeat(np.arange(k), counts)
    _, col = linear_sum_assignment(noisy[:, slots], maximize=True)
    out = slots[col].astype(np.int16)
    if (score[np.arange(n), out] <= _NEG).any():
        raise CalibrationError("the planned counts force an impossible value on some row")
    return out


def _top_k(rng, logit: np.ndarray, k: int) -> np.ndarray:
    """Choose exactly ``k`` rows to be True: the k largest logit + logistic noise."""
    noisy = logit + rng.logistic(size=len(logit))
    out = np.zeros(len(logit), dtype=bool)
    if k > 0:
        out[np.argsort(-noisy, kind="stable")[:k]] = True
    return out


def _calibrated_background(rng, setting: dict) -> dict:
    """Municipality, unaccompanied, sex, origin and age with the report's exact counts (Table 3)."""
    kommun = setting["kommun"]
    n = len(kommun)
    ens = np.zeros(n, dtype=bool)
    for k, count in enumerate(setting["ens_exact"]):
        rows = np.flatnonzero(kommun == k)
        ens[rng.choice(rows, size=count, replace=False)] = True
    sizes = GROUP_SIZES
    girl = np.zeros(n, dtype=bool)
    ens_rows = np.flatnonzero(ens)
    girl[rng.choice(ens_rows, size=sizes["utl_flicka_ensam"], replace=False)] = True
    other = np.flatnonzero(~ens)
    n_girls = sizes["sv_flicka"] + sizes["utl_flicka"] + sizes["okand_flicka"]
    girl[rng.choice(other, size=n_girls, replace=False)] = True
    origin = np.ones(n, dtype=np.int16)
    for is_girl, (sv, utl, okand) in (
        (False, (sizes["sv_pojke"], sizes["utl_pojke"], sizes["okand_pojke"])),
        (True, (sizes["sv_flicka"], sizes["utl_flicka"], sizes["okand_flicka"])),
    ):
        rows = rng.permutation(np.flatnonzero(~ens & (girl == is_girl)))
        origin[rows[:sv]] = 0
        origin[rows[sv: sv + utl]] = 1
        origin[rows[sv + utl: sv + utl + okand]] = -1
    targets = np.array([94, 147, 152, 23])  # Table 3
    age_group = _assign(rng, _logp_age_group(girl, ens, origin), targets)
    return _context(rng, girl, ens, origin, age_group, kommun, len(setting["names"]))


class _Programme:
    """A small mixed-integer linear programme, collected row by row and solved with HiGHS."""

    def __init__(self):
        self.lb, self.ub, self.integer, self.cost = [], [], [], []
        self.rows: list[tuple[np.ndarray, np.ndarray, float, float]] = []

    def variables(self, shape, lb=0.0, ub=np.inf, integer=True) -> np.ndarray:
        size = int(np.prod(shape))
        start = len(self.lb)
        ub = np.broadcast_to(np.asarray(ub, dtype=float), shape).ravel()
        self.lb += [lb] * size
        self.ub += ub.tolist()
        self.integer += [int(integer)] * size
        self.cost += [0.0] * size
        return np.arange(start, start + size).reshape(shape)

    def add(self, index, coef, lo=-np.inf, hi=np.inf) -> None:
        index = np.asarray(index)
        coef = np.broadcast_to(np.asarray(coef, dtype=float), index.shape).ravel()
        self.rows.append((index.ravel(), coef, lo, hi))

    def near(self, x: np.ndarray, expected: np.ndarray, weight: float = 1.0) -> None:
        """Add weight * |x - expected| to the objective (L1 distance to the model's expectation)."""
        d = self.variables(x.shape, integer=False)
        for xi, di, ei in zip(x.ravel(), d.ravel(), np.asarray(expected, dtype=float).ravel()):
            self.add([xi, di], [1.0, -1.0], hi=ei)
            self.add([xi, di], [1.0, 1.0], lo=ei)
            self.cost[di] = weight

    def solve(self, rng, time_limit: float = 60.0) -> np.ndarray:
        n = len(self.lb)
        # a tiny random cost breaks ties, so the optimum is unique and does not depend on the solver's path
        cost = np.asarray(self.cost) + 1e-4 * rng.random(n) * np.asarray(self.integer)
        r, cidx, vals, lo, hi = [], [], [], [], []
        for i, (index, coef, l, h) in enumerate(self.rows):
            r += [i] * len(index)
            cidx += index.tolist()
            vals += coef.tolist()
            lo.append(l)
            hi.append(h)
        A = coo_matrix((vals, (r, cidx)), shape=(len(self.rows), n)).tocsr()
        result = milp(
            cost,
            constraints=LinearConstraint(A, lo, hi),
            integrality=np.asarray(self.integer),
            bounds=Bounds(self.lb, self.ub),
            options={"time_limit": time_limit, "mip_rel_gap": 0.0},
        )
        if result.x is None:
            raise CalibrationError(f"no integer plan satisfies the published figures ({result.message})")
        return np.round(result.x).astype(np.int64)


def _block_pmf(p: np.ndarray) -> np.ndarray:
    """P(number of options ticked = 0..m) for independent options (Poisson-binomial, by recursion)."""
    n, m = p.shape
    pmf = np.zeros((n, m + 1))
    pmf[:, 0] = 1.0
    for j in range(m):
        q = p[:, j : j + 1]
        shifted = pmf[:, :-1] * q
        pmf *= 1.0 - q
        pmf[:, 1:] += shifted
    return pmf


def _exposure_distributions(p: np.ndarray, rescue: np.ndarray):
    """Per row: P(count k, pattern) (n × KMAX+1 × 8) and marginal P(option) (n × 21) under the model.

    A pattern says which of the blocks home / guardian / child have an
    exposure: index 4*home + 2*guardian + child.
    """
    n = len(p)
    pmfs, marginal = [], np.empty_like(p, dtype=float)
    for b, sl in enumerate(BLOCKS.values()):
        pb = p[:, sl].astype(float)
        pmf = _block_pmf(pb)
        none = pmf[:, 0].copy()
        r = rescue[:, b]
        pmf[:, 0] = none * (1 - r)
        pmf[:, 1] += none * r
        pmfs.append(pmf)
        marginal[:, sl] = pb + (r * none)[:, None] * pb / pb.sum(axis=1, keepdims=True)
    joint = np.zeros((n, _KMAX + 1, 8))
    ph, pv, pc = pmfs
    for h in range(ph.shape[1]):
        for v in range(pv.shape[1]):
            for c in range(pc.shape[1]):
                k = h + v + c
                if k > _KMAX:
                    continue
                pattern = 4 * (h > 0) + 2 * (v > 0) + (c > 0)
                joint[:, k, pattern] += ph[:, h] * pv[:, v] * pc[:, c]
    return joint, marginal


_PATTERN_SIZE = np.array([bin(p).count("1") for p in range(8)])
_PATTERN_HAS = np.array([[(p >> (2 - b)) & 1 for b in range(3)] for p in range(8)], dtype=bool)  # pattern × block
_PATTERN_MAX = np.array([_BLOCK_SIZE[_PATTERN_HAS[p]].sum() for p in range(8)])


def _risk_given_count(c) -> np.ndarray:
    """P(risk at decision = level | k exposures) per row: n × (KMAX+1) × 5 (last = not known)."""
    k = np.arange(_KMAX + 1)
    eta0 = _risk_eta(0, c["girl"], c["ens"], c["origin"], c["municipality"])
    levels = _ordered_logit(eta0[:, None] + _RISK_PER_EXPOSURE * np.power(k, _RISK_EXPONENT)[None, :], _RISK_CUTS)
    unknown = _p_risk_unknown(c["girl"], c["ens"], c["origin"])[:, None, None]
    return np.concatenate([levels * (1 - unknown), np.broadcast_to(unknown, levels.shape[:2] + (1,))], axis=2)


def _readings(percents, total: int) -> list[tuple[int, ...]]:
    """Every vector of counts summing to ``total`` whose percentages round to ``percents``.

    Sorted by distance to the exact quotas, closest first.
    """
    ranges = [range(lo, hi + 1) for lo, hi in (_round_range(p, total) for p in percents)]
    found = [c for c in itertools.product(*ranges) if sum(c) == total]
    quota = np.asarray(percents, dtype=float) * total / 100
    return sorted(found, key=lambda c: (float(np.abs(np.asarray(c) - quota).sum()), c))


def _published_risk_tables() -> tuple[np.ndarray, np.ndarray]:
    """Integer readings of Table 5 (group × risk, with "inte känt") and Table 2 (band × risk).

    Table 5's cells: counts of its n that round to its percentages. Table 2's
    column totals must be at least Table 5's (the registrations of unknown
    origin, left out of Table 5, make up the difference) and such that every
    column percentage of Table 2 is reproduced. Of the readings that fit in
    the 6 registrations of unknown origin, the one needing fewest of them (and
    then closest to the exact quotas) is taken; see
    webbkollen_lib/systems/webbkollen/data/README.md.
    Returns (C5, B2): C5 is the four report groups + unknown origin × 5 (risk
    levels and not known); B2 is band (0-2, 3-5, 6+) × 4 risk levels.
    """
    table5, table2 = published_targets()["table5"], published_targets()["table2"]
    sizes = {name: sum(GROUP_SIZES[GROUPS[g]] for g in idx) for name, idx in _REPORT_GROUPS.items()}
    unknown_origin = GROUP_SIZES["okand_pojke"] + GROUP_SIZES["okand_flicka"]
    rows = [(_readings(percents, known), known) for known, percents in table5.values()]
    best = None
    for choice in itertools.product(*(r for r, _ in rows)):
        known_total = np.sum(choice, axis=0)
        columns, extra = [], 0
        for r, percents in table2.items():
            for total in range(known_total[r], known_total[r] + unknown_origin + 1):
                readings = _readings(percents, total)
                if readings:
                    columns.append(readings[0])
                    extra += total - known_total[r]
                    break
            else:
                break
        if len(columns) < 4 or extra > unknown_origin:
            continue
        distance = sum(float(np.abs(np.asarray(c) - np.asarray(p) * k / 100).sum())
                       for c, (k, p) in zip(choice, table5.values()))
        key = (extra, distance)
        if best is None or key < best[0]:
            best = (key, choice, columns)
    if best is None:
        raise CalibrationError("Tables 2, 3 and 5 cannot all be reproduced")
    _, choice, columns = best
    C5 = np.zeros((5, 5), dtype=int)
    for i, (name, (known, _)) in enumerate(table5.items()):
        C5[i, :4] = choice[i]
        C5[i, 4] = sizes[name] - known
    B2 = np.array(columns, dtype=int).T
    C5[4, :4] = B2.sum(axis=0) - C5[:4, :4].sum(axis=0)
    C5[4, 4] = unknown_origin - C5[4, :4].sum()
    return C5, B2


_BANDS = np.array([0, 0, 0, 1, 1, 1] + [2] * (_KMAX + 1 - 6))  # exposure count -> Table 2 band
_BOYS, _GIRLS = (0, 2, 3, 6), (1, 4, 5, 7)  # GROUPS by sex


def _plan_counts_and_risk(rng, group, pk, risk_k, C5, B2) -> tuple[np.ndarray, np.ndarray]:
    """Integer plan of exposure counts and risk at decision.

    Returns D (sex × KMAX+1: registrations with k exposures) and Q (group ×
    band × risk, band = Table 2's 0-2 / 3-5 / 6+, risk with "not known" last),
    the plan closest (L1) to the model's expectation for this draw that
    reproduces Table 5 (C5), Table 2 (B2), the spread of the number of
    exposures and the means by sex (Exempel 1) and Table 4's total.
    """
    G, K, R = len(GROUPS), _KMAX + 1, 5
    targets = published_targets()
    sizes = np.array([GROUP_SIZES[g] for g in GROUPS])
    ED = np.stack([pk[np.isin(group, idx)].sum(axis=0) for idx in (_BOYS, _GIRLS)])
    EQ = np.zeros((G, 3, R))
    for g in range(G):
        rows = group == g
        joint = np.einsum("ik,ikr->kr", pk[rows], risk_k[rows])
        for band in range(3):
            EQ[g, band] = joint[_BANDS == band].sum(axis=0)
    m = _Programme()
    D = m.variables((2, K))
    Q = m.variables((G, 3, R))
    m.near(D, ED)
    m.near(Q, EQ)
    n = sizes.sum()
    for s, idx in enumerate((_BOYS, _GIRLS)):
        idx = list(idx)
        m.add(D[s], 1.0, sizes[idx].sum(), sizes[idx].sum())
        for band in range(3):  # a sex's registrations in a band, by count and by group
            m.add(np.concatenate([D[s, _BANDS == band], Q[idx, band].ravel()]),
                  np.concatenate([np.ones((_BANDS == band).sum()), -np.ones(len(idx) * R)]), 0, 0)
    for g in range(G):
        m.add(Q[g], 1.0, sizes[g], sizes[g])
    for i, idx in enumerate(list(_REPORT_GROUPS.values()) + [(6, 7)]):
        for r in range(R):
            m.add(Q[list(idx), :, r], 1.0, C5[i, r], C5[i, r])
    for band in range(3):
        for r in range(4):
            m.add(Q[:, band, r], 1.0, B2[band, r], B2[band, r])
    lo, hi = _round_range(targets["spread"]["one"], n)
    m.add(D[:, 1], 1.0, lo, hi)
    lo, hi = _round_range(targets["spread"]["two_to_four"], n)
    m.add(D[:, 2:5], 1.0, lo, hi)
    quarter = targets["spread"]["five_plus"]  # "drygt var fjärde": more than a quarter; we say at most 29 %
    m.add(D[:, 5:], 1.0, int(np.floor(quarter * n / 100)) + 1, int(np.floor((quarter + 4) * n / 100)))
    kk = np.arange(K, dtype=float)
    # the exposures must add up to Table 4's: its percentages of 416 sum to 350 %, 1,456
    # exposures; we allow 10 either way (each percentage is rounded)
    total = sum(targets["table4"].values()) * n / 100
    m.add(D, np.broadcast_to(kk, D.shape), np.ceil(total - 10), np.floor(total + 10))
    for s, (sex, idx) in enumerate((("pojke", _BOYS), ("flicka", _GIRLS))):
        mean = targets["mean_exposures"][sex]
        size = sizes[list(idx)].sum()
        # mean over the registrations with at least one exposure (see README): sum k D / (size - D0)
        lo_bound, hi_bound = mean - 0.005 + 1e-6, mean + 0.005 - 1e-6
        m.add(D[s], np.where(kk == 0, lo_bound, kk), lo=lo_bound * size)
        m.add(D[s], np.where(kk == 0, hi_bound, kk), hi=hi_bound * size)
    x = m.solve(rng)
    return x[D], x[Q]


def _plan_patterns(rng, count, log_pattern) -> np.ndarray:
    """How many registrations have each block pattern (8), given the counts.

    Closest (L1) to the model's expectation with the any-exposure shares of
    §4.2 (home 93 %, guardian 65 %, child about half) and room for every row:
    a pattern's blocks must be able to hold the row's count.
    """
    n = len(count)
    with np.errstate(over="ignore"):
        E = np.exp(log_pattern[np.arange(n), count])
    E = E / E.sum(axis=1, keepdims=True)
    m = _Programme()
    P = m.variables(8)
    m.near(P, E.sum(axis=0))
    m.add(P, 1.0, n, n)
    m.add(P[0], 1.0, (count == 0).sum(), (count == 0).sum())
    for size in (2, 3):
        m.add(P[_PATTERN_SIZE >= size], 1.0, hi=(count >= size).sum())
    # patterns a row with k exposures can take: size <= k <= capacity of the blocks
    for patterns in ([1], [2], [4], [1, 2], [1, 2, 4], [3], [1, 2, 3]):
        cap = max(_PATTERN_MAX[p] for p in patterns)
        m.add(P[patterns], 1.0, hi=((count >= 1) & (count <= cap)).sum())
    for b, block in enumerate(("hem", "vh", "barn")):
        lo, hi = _round_range(published_targets()["any_block"][block], n)
        m.add(P[_PATTERN_HAS[:, b]], 1.0, lo, hi)
    return m.solve(rng)[P]


_HEM_OPTIONS = np.arange(10)


def _report_cell(group: np.ndarray) -> np.ndarray:
    """Report group of each row: 0..3 as _REPORT_GROUPS (sv_pojke, sv_flicka, utl_pojke, utl_flicka), 4 = unknown origin."""
    cell = np.full(len(group), 4)
    for i, idx in enumerate(_REPORT_GROUPS.values()):
        cell[np.isin(group, idx)] = i
    return cell


def _block_share_bounds(count, pattern) -> tuple[np.ndarray, np.ndarray]:
    """Fewest and most exposures each row can have in each block, given its count and pattern (n × 3)."""
    has = _PATTERN_HAS[pattern]
    size = _BLOCK_SIZE[None, :] * has
    others_max = size.sum(axis=1, keepdims=True) - size
    others_min = has.sum(axis=1, keepdims=True) - has
    lo = np.where(has, np.maximum(1, count[:, None] - others_max), 0)
    hi = np.where(has, np.minimum(size, count[:, None] - others_min), 0)
    return lo, hi


def _plan_options(rng, cell, count, pattern, expected) -> np.ndarray:
    """Option totals: home options by report group (21 × 5; guardian and child options in column 0).

    Closest (L1) to the model's expectation given each row's count,
    reproducing Table 4 and Figure 7's statements: other family conflicts for
    Swedish-born girls 55 % and boys 43 %; witnessed violence alike in all four
    groups (each within 18.25-19.75 %); girls born abroad far more often than
    boys born abroad neglect, physical violence and family conflict (we ask at
    least 20 points); no other difference in the home between Swedish-born
    girls and boys (we ask at most 4.5 points).
    """
    n = len(count)
    C = 5
    sizes = np.bincount(cell, minlength=C)
    with_any = np.bincount(cell, weights=(count > 0), minlength=C)
    E = np.zeros((21, C))
    for c in range(C):
        E[_HEM_OPTIONS, c] = expected[cell == c][:, _HEM_OPTIONS].sum(axis=0)
    E[10:, 0] = expected[:, 10:].sum(axis=0)
    m = _Programme()
    ub = np.zeros((21, C))
    ub[_HEM_OPTIONS] = with_any[None, :]
    ub[10:, 0] = (count > 0).sum()
    T = m.variables((21, C), ub=ub)
    m.near(T, E)
    m.add(T, 1.0, count.sum(), count.sum())
    for j, name in enumerate(EXPOSURES):
        lo, hi = _round_range(published_targets()["table4"][name], n)
        m.add(T[j], 1.0, lo, hi)
    # room for every row: each block of its pattern holds between lo and hi of its exposures
    has = _PATTERN_HAS[pattern]
    share_lo, share_hi = _block_share_bounds(count, pattern)
    for c in range(C):
        rows = cell == c
        m.add(T[_HEM_OPTIONS, c], 1.0, share_lo[rows, 0].sum(), share_hi[rows, 0].sum())
        for j in _HEM_OPTIONS:
            m.add(T[j, c], 1.0, hi=has[rows, 0].sum())
    for b in (1, 2):
        opts = np.flatnonzero(_BLOCK_OF == b)
        m.add(T[opts, 0], 1.0, share_lo[:, b].sum(), share_hi[:, b].sum())
        for j in opts:
            m.add(T[j, 0], 1.0, hi=has[:, b].sum())
    names = list(_REPORT_GROUPS)
    fk, bev = _J["hem_familjekonflikt"], _J["hem_bevittnat_vald"]
    for name, p in published_targets()["figure7_familjekonflikt"].items():
        c = names.index(name)
        lo, hi = _round_range(p, sizes[c])
        m.add(T[fk, c], 1.0, lo, hi)
    for c in range(4):
        m.add(T[bev, c], 1.0, int(np.ceil(0.1825 * sizes[c])), int(np.floor(0.1975 * sizes[c])))
    fg, fb = names.index("utl_flicka"), names.index("utl_pojke")
    for name in ("hem_bristande_omsorg", "hem_fysiskt_vald", "hem_familjekonflikt"):
        j = _J[name]
        m.add([T[j, fg], T[j, fb]], [sizes[fb], -sizes[fg]], lo=0.20 * sizes[fg] * sizes[fb])
    sg, sb = names.index("sv_flicka"), names.index("sv_pojke")
    for j in _HEM_OPTIONS:
        if j in (fk, bev):
            continue
        limit = 0.045 * sizes[sg] * sizes[sb]
        m.add([T[j, sg], T[j, sb]], [sizes[sb], -sizes[sg]], -limit, limit)
    return m.solve(rng)[T]


def _fill_exposures(rng, cell, count, pattern, logit, totals) -> np.ndarray:
    """The exposure matrix with fixed row counts, block patterns and option totals.

    Maximises the sum over ticked options of their log-odds plus logistic
    noise: a Bernoulli draw conditioned on the plan. The constraints (row
    totals and, nested in them, at least one option per block of the row's
    pattern; option totals, home options by report group) form two laminar
    families, so the matrix is totally unimodular and the optimal vertex the
    dual simplex returns is a 0/1 matrix.
    """
    n = len(count)
    allowed = _PATTERN_HAS[pattern][:, _BLOCK_OF]
    rows, cols = np.nonzero(allowed)
    nv = len(rows)
    weight = logit[rows, cols] + rng.logistic(size=nv)
    target = np.where(np.isin(cols, _HEM_OPTIONS), cols * 5 + cell[rows], cols * 5)
    used, target = np.unique(target, return_inverse=True)
    b_eq = np.concatenate([count, totals.ravel()[used]])
    A_eq = coo_matrix(
        (np.ones(2 * nv), (np.concatenate([rows, n + target]), np.tile(np.arange(nv), 2))),
        shape=(n + len(used), nv),
    ).tocsr()
    A_ub = coo_matrix((-np.ones(nv), (rows * 3 + _BLOCK_OF[cols], np.arange(nv))), shape=(3 * n, nv)).tocsr()
    b_ub = -_PATTERN_HAS[pattern].ravel().astype(float)
    result = linprog(-weight, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(0, 1), method="highs-ds")
    if result.x is None:
        raise CalibrationError(f"the planned exposure totals cannot be filled in ({result.message})")
    x = np.round(result.x)
    if np.abs(x - result.x).max() > 1e-6:
        raise CalibrationError("the exposure programme returned a fractional solution")
    X = np.zeros((n, 21), dtype=bool)
    X[rows[x > 0.5], cols[x > 0.5]] = True
    return X


def _calibrated_exposure_and_risk(rng, c) -> tuple[np.ndarray, np.ndarray]:
    """Identified exposure and risk at decision, reproducing Tables 2, 4, 5, Figure 7 and Exempel 1."""
    p, rescue = _exposure_model(c)
    joint, marginal = _exposure_distributions(p, rescue)
    risk_k = _risk_given_count(c)
    group = _group_index(c["girl"], c["ens"], c["origin"])
    pk = joint.sum(axis=2)
    C5, B2 = _published_risk_tables()
    D, Q = _plan_counts_and_risk(rng, group, pk, risk_k, C5, B2)
    n, K, R = c["n"], _KMAX + 1, 5
    with np.errstate(divide="ignore"):
        log_kr = np.log(pk)[:, :, None] + np.log(risk_k)  # n × K × R
        log_pattern = np.log(joint)
    # band and risk by group (Q), then the count within the band by sex (D)
    band_risk = np.full(n, -1, dtype=np.int64)
    for g in range(len(GROUPS)):
        rows = np.flatnonzero(group == g)
        score = np.stack([np.logaddexp.reduce(log_kr[rows][:, _BANDS == b], axis=1) for b in range(3)], axis=1)
        band_risk[rows] = _assign(rng, score.reshape(len(rows), 3 * R), Q[g].ravel())
    band, risk = np.divmod(band_risk, R)
    count = np.zeros(n, dtype=np.int64)
    for s, idx in enumerate((_BOYS, _GIRLS)):
        for b in range(3):
            rows = np.flatnonzero(np.isin(group, idx) & (band == b))
            score = log_kr[rows, :, risk[rows]].copy()
            score[:, _BANDS != b] = _NEG * 2
            counts = np.where(_BANDS == b, D[s], 0)
            count[rows] = _assign(rng, score, counts)
    risk = np.where(risk == 4, -1, risk).astype(np.int16)
    # block patterns (the any-exposure shares), then option totals, then the fill
    P = _plan_patterns(rng, count, log_pattern)
    pattern = _assign(rng, log_pattern[np.arange(n), count], P).astype(np.int64)
    expected = marginal * (count / np.maximum(marginal.sum(axis=1), 1e-9))[:, None]
    cell = _report_cell(group)
    T = _plan_options(rng, cell, count, pattern, expected)
    clipped = np.clip(marginal, 1e-9, 1 - 1e-9)
    logit = np.log(clipped) - np.log1p(-clipped)
    X = _fill_exposures(rng, cell, count, pattern, logit, T)
    if not (_row_count(X) == count).all():
        raise CalibrationError("exposure counts do not match the plan")
    return X, risk


def _count_near(expected: float, percent: float, denominator: int) -> int:
    """The count whose percentage of ``denominator`` is nearest ``percent`` (rounding to the report's
    whole percent where possible), and of those the nearest the model's expectation."""
    lo, hi = _round_range(percent, denominator)
    if lo <= hi:
        return _closest_in_range(expected, lo, hi)
    candidates = np.arange(denominator + 1)
    miss = np.abs(100 * candidates / denominator - percent)
    best = candidates[miss == miss.min()]
    return int(best[np.argmin(np.abs(best - expected))])


def _free_count(expected: float, fixed: int, known_total: int, percent: float, free_n: int) -> int:
    """Count for the rows no figure speaks of (unknown origin) so that the overall share rounds to ``percent``."""
    lo, hi = _round_range(percent, known_total)
    lo, hi = max(lo - fixed, 0), min(hi - fixed, free_n)
    if lo > hi:
        raise CalibrationError(f"no count of the unspecified rows gives an overall {percent} %")
    return _closest_in_range(expected, lo, hi)


def _calibrated_samtal(rng, c, cell) -> dict:
    """Talks with the child reproducing Table 7 and Exempel 2 (and the overall 57 / 53 / 32 %)."""
    n = c["n"]
    names = list(_REPORT_GROUPS)
    known = np.ones(n, dtype=bool)
    for name, k in SAMTAL_UNKNOWN.items():
        rows = np.flatnonzero(cell == names.index(name))
        known[rng.choice(rows, size=k, replace=False)] = False
    e_b = np.zeros(n, dtype=bool)
    v_b = np.zeros(n, dtype=bool)
    e_a = np.zeros(n, dtype=bool)
    v_a = np.zeros(n, dtype=bool)
    targets = published_targets()
    overall = targets["samtal_overall"]
    n_known = known.sum()
    fixed = {"e_b": 0, "v_b": 0, "e_a": 0}
    order = names + ["okand"]
    for ci, name in enumerate(order):
        rows = np.flatnonzero(known & (cell == ci))
        m = len(rows)
        sub = {key: value[rows] for key, value in c.items() if isinstance(value, np.ndarray) and len(value) == n}
        published = name in targets["table7"]
        if published:
            table_n, _, p_ea = targets["table7"][name]
            if table_n != m:
                raise CalibrationError(f"Table 7 n for {name} is {table_n}, the data has {m}")
            p_eb, p_vb, p_any = targets["exempel2"][name]
        else:
            p_eb = p_vb = p_ea = None

        def draw(logit, share, done, overall_share):
            """The m most likely rows by a Gumbel-perturbed logit, as many as the group's published
            share (or, for a group the report gives no share for, as the overall share still needs)."""
            expected = expit(logit).sum()
            k = _count_near(expected, share, m) if published else _free_count(expected, done, n_known, overall_share, m)
            return _top_k(rng, logit, k)

        e_b[rows] = draw(_logit_samtal_enskilt_beslut(sub), p_eb, fixed["e_b"], overall["enskilt_beslut"])
        v_b[rows] = draw(_logit_samtal_vh_beslut(sub, e_b[rows]), p_vb, fixed["v_b"], overall["vh_beslut"])
        e_a[rows] = draw(_logit_samtal_enskilt_avslut(sub, e_b[rows]), p_ea, fixed["e_a"], overall["enskilt_avslut"])
        logit_va = _logit_samtal_vh_avslut(sub, v_b[rows])
        alone = e_a[rows]
        # with the guardian at closure: free where there was a talk alone; elsewhere as many as make
        # Exempel 2's share with any talk at closure
        va = rng.random(m) < expit(logit_va)
        if published:
            k_any = _count_near(alone.sum() + expit(logit_va[~alone]).sum(), p_any, m)
            extra = k_any - alone.sum()
            if extra < 0:
                raise CalibrationError(f"Exempel 2: fewer talks at closure than talks alone for {name}")
            va[~alone] = _top_k(rng, logit_va[~alone], extra)
        v_a[rows] = va
        fixed["e_b"] += e_b[rows].sum()
        fixed["v_b"] += v_b[rows].sum()
        fixed["e_a"] += e_a[rows].sum()
    as_code = lambda flags: np.where(known, flags, -1).astype(np.int8)  # noqa: E731
    return {
        "samtal_enskilt_beslut": as_code(e_b),
        "samtal_vh_beslut": as_code(v_b),
        "samtal_enskilt_avslut": as_code(e_a),
        "samtal_vh_avslut": as_code(v_a),
    }


def _calibrated_skola_beslut(rng, c, cell) -> np.ndarray:
    """School at decision: Table 5b's 34 Swedish-born boys and 33 girls not meeting the requirements."""
    w = np.exp(_logw_skola_beslut(c))
    out = _sample(rng, w)
    names = list(_REPORT_GROUPS)
    for name, (k, _) in published_targets()["table5b"].items():
        rows = np.flatnonzero(cell == names.index(name))
        p = w[rows] / w[rows].sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore"):
            logit = np.log(p[:, 1]) - np.log1p(-np.minimum(p[:, 1], 1 - 1e-12))
        chosen = _top_k(rng, np.maximum(logit, _NEG), k)
        if (p[chosen, 1] <= 0).any():
            raise CalibrationError(f"too few school-age children for Table 5b ({name})")
        rest = w[rows[~chosen]].copy()
        rest[:, 1] = 0.0
        out[rows[~chosen]] = _sample(rng, rest)
        out[rows[chosen]] = 1
    return out


def _calibrated_skola_avslut(rng, c, cell, beslut, improved) -> np.ndarray:
    """School at closure: Table 5b for the Swedish-born not meeting the requirements at decision."""
    logw = _logw_skola_avslut(c, beslut, improved)
    out = _sample(rng, np.exp(logw))
    names = list(_REPORT_GROUPS)
    for name, (k, percents) in published_targets()["table5b"].items():
        rows = np.flatnonzero((cell == names.index(name)) & (beslut == 1))
        readings = _readings(percents, len(rows))
        if len(rows) != k or not readings:
            raise CalibrationError(f"Table 5b cannot be reproduced for {name}")
        out[rows] = _assign(rng, logw[rows], np.array(readings[0]))
    return out


def _calibrated_risk_closure(rng, c) -> np.ndarray:
    """Risk at closure: Figure 8 (65 % of "hög" lower, 52 % of "mycket hög" the same); the rest as the model."""
    rb = c["risk_beslut"]
    logw = _logw_risk_closure(c, _RISK_TRANSITION)
    n = c["n"]
    out = np.full(n, -1, dtype=np.int16)
    for f in range(4):
        rows = np.flatnonzero(rb == f)
        m = len(rows)
        p = np.exp(logw[rows])
        p /= p.sum(axis=1, keepdims=True)
        expected = p.sum(axis=0) * (1 - _RISK_UNKNOWN_AT_CLOSURE)
        unknown = int(round(_RISK_UNKNOWN_AT_CLOSURE * m))
        if f in (2, 3):
            # choose how many are not known at closure so that the published share is reachable
            percent = published_targets()["figure8"]["hog_lower" if f == 2 else "mycket_hog_same"]
            for delta in (0, -1, 1, -2, 2):
                lo, hi = _round_range(percent, m - (unknown + delta))
                if unknown + delta >= 0 and lo <= hi:
                    unknown += delta
                    break
            known = m - unknown
            if f == 2:
                lower = _count_near(expected[:2].sum(), percent, known)
                counts = np.concatenate([_largest_remainder(expected[:2], lower), _largest_remainder(expected[2:], known - lower)])
            else:
                same = _count_near(expected[3], percent, known)
                counts = np.concatenate([_largest_remainder(expected[:3], known - same), [same]])
        else:
            counts = _largest_remainder(expected, m - unknown)
        score = np.concatenate([logw[rows], np.full((m, 1), np.log(_RISK_UNKNOWN_AT_CLOSURE))], axis=1)
        out[rows] = _assign(rng, score, np.append(counts, unknown))
    out[out == 4] = -1
    return out


def _calibrated_avslutsorsak(rng, c, cell, risk_closure) -> np.ndarray:
    """Reason for closure: goal met by group (Exempel 4) and overall 50 / 21 / 17 %."""
    logw = _logw_avslutsorsak(c, risk_closure)
    p = np.exp(logw)
    p /= p.sum(axis=1, keepdims=True)
    n = c["n"]
    out = np.zeros(n, dtype=np.int16)
    goal = np.zeros(n, dtype=bool)
    fixed = 0
    names = list(_REPORT_GROUPS)
    targets = published_targets()
    overall = targets["avslutsorsak"]
    for ci, name in enumerate(names + ["okand"]):
        rows = np.flatnonzero(cell == ci)
        expected = p[rows, 0].sum()
        if name in targets["exempel4"]:
            k = _count_near(expected, targets["exempel4"][name], len(rows))
        else:
            k = _free_count(expected, fixed, n, overall["mal_uppnatt"], len(rows))
        with np.errstate(divide="ignore"):
            logit = np.log(p[rows, 0]) - np.log1p(-p[rows, 0])
        goal[rows] = _top_k(rng, logit, k)
        fixed += k
    rest = np.flatnonzero(~goal)
    q = p[rest, 1:] / p[rest, 1:].sum(axis=1, keepdims=True)
    unplanned = _count_near(q[:, 0].sum(), overall["oplanerat"], n)
    mismatch = _count_near(q[:, 1].sum(), overall["motsvarar_ej_behov"], n)
    other = len(rest) - unplanned - mismatch
    out[rest] = 1 + _assign(rng, logw[rest, 1:], np.array([unplanned, mismatch, other]))
    out[goal] = 0
    return out


def _draw_calibrated(rng, c: dict) -> dict:
    """Every variable after the background for the report's setting, calibrated (closures only)."""
    n = c["n"]
    X, risk = _calibrated_exposure_and_risk(rng, c)
    c["X"] = X
    c["count"] = _row_count(X)
    c["risk_beslut"] = risk
    group = _group_index(c["girl"], c["ens"], c["origin"])
    cell = _report_cell(group)
    followup = np.zeros(n, dtype=bool)
    out = _calibrated_samtal(rng, c, cell)
    skola_beslut = _calibrated_skola_beslut(rng, c, cell)
    out.update(_draw_process(rng, c))
    closure_risk = _calibrated_risk_closure(rng, c)
    avslut = _calibrated_avslutsorsak(rng, c, cell, closure_risk)
    improved = (closure_risk >= 0) & (risk >= 0) & (closure_risk < risk)
    skola_avslut = _calibrated_skola_avslut(rng, c, cell, skola_beslut, improved)
    out.update(_draw_closure_situation(rng, c, out["insats"], avslut, followup))
    out["risk_uppfoljning"] = np.full(n, -1, dtype=np.int16)
    out["risk_avslut"] = closure_risk
    out["skola_beslut"] = skola_beslut
    out["skola_avslut"] = skola_avslut
    out["avslutsorsak"] = avslut
    return out


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------

_CHUNK = 1 << 18  # rows per vectorised chunk in the uncalibrated draw (bounds memory)


def generate_cases(
    n: int | None = None,
    year: int = REPORT_YEAR,
    seed: int = DEFAULT_SEED,
    *,
    municipalities: str = "report",
    years=None,
    followup_share: float | None = None,
    calibrate: bool | None = None,
) -> pd.DataFrame:
    """Synthetic registrations of interventions, in the data-contract form.

    Parameters
    ----------
    n
        Number of registrations. Default: 416 (the report's closed
        interventions of 2017) for ``municipalities="report"``; for
        ``"national"``, a Poisson number per municipality and year around
        :data:`NATIONAL_RATE` × population (about 50,000 a year).
    year
        Registration year (``ar``) for the report setting, and the default
        single year of the national one.
    seed
        Seed of the generator; the same seed and arguments give the same frame.
    municipalities
        ``"report"``: the eight 2017 participants of the report's Table 1,
        registrations split unevenly as in
        :func:`~webbkollen_lib.synthetic.municipalities.report_municipalities`.
        ``"national"``: Sweden's 290 municipalities in proportion to population.
    years
        National setting only: the registration years (default ``[year]``);
        registrations are spread evenly over them.
    followup_share
        Share of registrations made at follow-up (``tillfalle ==
        "uppfoljning"``) rather than closure; closure-only variables are then
        empty and ``risk_uppfoljning`` is filled. Default 0 for the report
        (it analysed closures only) and 0.35 for the national setting.
    calibrate
        Reproduce the report's published figures exactly (see
        ``webbkollen_lib/systems/webbkollen/data/published_figures.csv``).
        Default: when the setting is the report's own
        (``municipalities="report"``, ``n=416``, ``year=2017``, closures
        only), whatever the seed. Other settings are drawn from the model
        without calibration and match the figures only approximately.

    Returns
    -------
    DataFrame
        One row per registration, columns and dtypes of the codebook: the
        :func:`webbkollen_lib.apply_dtypes` form, built directly from
        ``get_codebook().dtypes()`` (calling ``apply_dtypes`` would cost
        seconds per million rows; a test checks the two agree). Ordered by
        municipality (report Table 1 order, or year then municipality
        nationally).

    Examples
    --------
    >>> from webbkollen_lib.synthetic import generate_cases
    >>> cases = generate_cases()  # the shipped data: 416 closures, 2017
    >>> int((cases["kon"] == "pojke").sum()), int(cases["ensamkommande"].sum())
    (224, 44)
    >>> big = generate_cases(100_000, municipalities="national", years=[2016, 2017], seed=1)
    >>> big["kommun"].nunique() > 250
    True
    """
    if municipalities not in ("report", "national"):
        raise ValueError(f"municipalities must be 'report' or 'national', not {municipalities!r}")
    if n is not None and (int(n) != n or n < 0):
        raise ValueError(f"n must be a whole number >= 0, not {n!r}")
    if followup_share is None:
        followup_share = 0.0 if municipalities == "report" else NATIONAL_FOLLOWUP_SHARE
    if not 0.0 <= followup_share <= 1.0:
        raise ValueError(f"followup_share must lie between 0 and 1, not {followup_share!r}")
    if municipalities == "report":
        if years is not None and list(years) != [year]:
            raise ValueError("years applies to municipalities='national'; the report setting has one year")
        n = REPORT_N if n is None else int(n)
    years = [int(year)] if years is None else [int(y) for y in years]
    report_default = municipalities == "report" and n == REPORT_N and year == REPORT_YEAR and followup_share == 0.0
    if calibrate is None:
        calibrate = report_default
    elif calibrate and not report_default:
        raise ValueError(
            "calibrate=True needs the report's own setting (municipalities='report', n=416, year=2017, "
            "followup_share=0); other settings are drawn from the model as is"
        )
    _check_codes()
    root = np.random.SeedSequence(seed)
    setting_seq, chunk_seq = root.spawn(2)
    setting_rng = np.random.default_rng(setting_seq)
    if municipalities == "report":
        setting = _report_setting(n, year)
    else:
        setting = _national_setting(setting_rng, n, years)
    municipality_effect = setting_rng.normal(0.0, _RISK_MUNICIPALITY_SD, size=len(setting["names"]))
    total = len(setting["kommun"])
    if calibrate:
        rng = np.random.default_rng(chunk_seq)
        c = _calibrated_background(rng, setting)
        c["municipality"] = municipality_effect[c["kommun"]]
        drawn = _draw_calibrated(rng, c)
        cols = _columns_from(c, drawn, setting["names"], setting["ar"], np.zeros(total, dtype=bool))
        return _frame(cols)
    starts = list(range(0, total, _CHUNK)) or [0]
    parts = []
    for start, seq in zip(starts, chunk_seq.spawn(len(starts))):
        rows = slice(start, min(start + _CHUNK, total))
        parts.append(_generate_free_chunk(np.random.default_rng(seq), setting, rows, followup_share, municipality_effect))
    cols = parts[0] if len(parts) == 1 else _concat_columns(parts)
    return _frame(cols)


def _concat_columns(parts: list[dict]) -> dict:
    out = {}
    for key, value in parts[0].items():
        if key == "kommun":
            out[key] = ("names", np.concatenate([p[key][1] for p in parts]), value[2])
        else:
            out[key] = np.concatenate([p[key] for p in parts])
    return out


def write_shipped_cases(directory, seed: int = DEFAULT_SEED) -> Path:
    """Write the shipped registrations, ``registreringar.csv``, into ``directory``.

    UTF-8, comma separated, header = codebook ids, values = codes, yes/no as
    ``True``/``False``, missing values empty, rows in the generator's order.
    The same seed gives a byte-identical file. Returns the path written.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = write_registrations(generate_cases(seed=seed), directory / CASES_FILE_NAME)
    return path
