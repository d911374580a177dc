"""Synthetic ratings and texts of the five vignettes in the agreement tests (report §3.3).

The Webbkollen report describes two agreement tests (*samstämmighetstest*)
in which social workers rated the same constructed cases:

* test 1, autumn 2016: Assi (15, 12 ratings) and Max (4, 7 ratings); only the
  risk rating and an open question on risk and protective factors;
* test 2, autumn 2017: Jamila (4, 16 ratings), Tobias (16, 15 ratings) and
  Mohammad (16, 4 ratings); identified exposure, risk, suggested intervention,
  intervention focus and two open questions (motivation, goal).

:func:`generate_vignette_ratings` makes one row per rater and vignette that
reproduces every count the report gives exactly (see
:func:`webbkollen_lib.systems.webbkollen.vignettes.published_vignette_counts`)
and the structure its text describes. What the report leaves open is drawn
from a seeded generator and documented in ``data/synthetic/README.md``
(section "Vignette ratings"). Nothing here describes a real person.

The vignette texts and the report's counts are definitions of the Webbkollen
system and live in :mod:`webbkollen_lib.systems.webbkollen.vignettes`.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.core.codebook import apply_dtypes, get_codebook
from webbkollen_lib.core.errors import DataError, Problem
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts

__all__ = [
    "DEFAULT_SEED",
    "RATINGS_FILE_NAME",
    "generate_vignette_ratings",
    "write_shipped_ratings",
    "count_named_risk_factors",
]

DEFAULT_SEED = 2017
RATINGS_FILE_NAME = "vinjettbedomningar.csv"


VIGNETTES = ("assi", "max", "jamila", "tobias", "mohammad")
TEST_OF = {"assi": 1, "max": 1, "jamila": 2, "tobias": 2, "mohammad": 2}

# Report Table 1: the municipalities / city districts taking part each year.
# Test 1 (autumn 2016) raters come from the 2016 participants, test 2 (autumn
# 2017) raters from the 2017 participants.
MUNICIPALITIES = {
    1: (
        "Arvika", "Askim-Frölunda-Högsbo", "Majorna-Linné", "Hallsberg", "Hammarö", "Lidköping",
        "Nordmaling", "Solna", "Södermalm", "Tidaholm", "Täby", "Umeå",
    ),
    2: ("Majorna-Linné", "Hammarö", "Sollentuna", "Solna", "Södermalm", "Tidaholm", "Täby", "Umeå"),
}

RISK_LEVELS = ("ingen_lag", "nagot_forhojd", "hog", "mycket_hog")

# Who rated what (the report gives only the number of ratings per vignette;
# the overlap is our choice, see the README): test 1 has 12 raters, all rated
# Assi and 7 of them also Max; test 2 has 16 raters, all rated Jamila, 15 of
# them Tobias and 4 of those 15 Mohammad.
N_RATERS = {1: 12, 2: 16}
N_RATINGS = {"assi": 12, "max": 7, "jamila": 16, "tobias": 15, "mohammad": 4}

# Groups of Max's risk factors that the raters who chose a lower risk missed
# (report: "hade missat riskfaktorer som rörde barnets hälsoproblem och brist
# på hälso- och sjukvård, liksom mammans brist på rutiner och känslomässigt stöd").
MAX_MISSED_BY_LOWER = ("halso_sjukvard", "tillvaxt", "tandstatus", "rutiner", "kanslomassigt_stod")
# Assi: "flera missade eller inte bedömde föräldraförmågan som bristande".
ASSI_CHILD_FACTORS = ("skola", "missbruk", "kriminalitet")
ASSI_PARENTING_FACTOR = "vagledning_gransattning"

# The key words of the Jamila motivations by risk level (report §3.3).
JAMILA_WORDS = {
    "ingen_lag": "svårigheter i gränssättning",
    "nagot_forhojd": "hård uppfostringsstil",
    "hog": "fysiskt våld mot barnet",
}
BASELINE_WORD = "utgångsläge"



# ---------------------------------------------------------------------------
# columns
# ---------------------------------------------------------------------------

def _group_columns(group: str) -> list[str]:
    return get_codebook()[group].columns


def _columns() -> list[str]:
    return [
        "test", "vinjett", "bedomare", "kommun", "erfarenhet_ar", "risk", "antal_riskfaktorer",
        *_checklist_columns(), "motivering", "mal",
    ]


def _checklist_columns() -> list[str]:
    return [c for g in ("hem", "vh", "barn", "insatsforslag", "fokus") for c in _group_columns(g)]


def _insats_form() -> dict[str, str]:
    """insats code -> "oppenvard" / "heldygn", from the codebook's ``insats`` variable."""
    return {c.code: c.attrs["form"] for c in get_codebook()["insats"].codes}


# ---------------------------------------------------------------------------
# allocation helpers: exact counts, random placement
# ---------------------------------------------------------------------------

def _choose(rng, candidates, k: int, weights=None) -> np.ndarray:
    """k distinct elements of ``candidates``, with probability proportional to ``weights``."""
    candidates = np.asarray(candidates)
    if k > len(candidates):
        raise RuntimeError(f"cannot choose {k} of {len(candidates)} candidates")
    if k == 0:
        return candidates[:0]
    p = None
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        p = w / w.sum()
    return rng.choice(candidates, size=k, replace=False, p=p)


def _tick(rng, table: pd.DataFrame, column: str, k: int, among=None, weights=None) -> None:
    """Tick ``column`` in exactly k more rows of ``among`` (row positions) that lack it."""
    among = np.arange(len(table)) if among is None else np.asarray(among)
    w = None if weights is None else np.asarray(weights, dtype=float)
    free = ~table[column].to_numpy(dtype=bool)[among]
    chosen = _choose(rng, among[free], k, None if w is None else w[free])
    table.iloc[chosen, table.columns.get_loc(column)] = True


def _allocate(rng, table: pd.DataFrame, counts: dict[str, int], rows, cover=None, weights=None) -> None:
    """Tick ``counts[option]`` of ``rows`` per option so that every row of ``cover`` has at least one.

    First every row of ``cover`` (default: all ``rows``) still without a tick
    among the options gets one, drawn in proportion to the ticks left per
    option; the ticks left over then go to rows that lack that option
    (weighted by ``weights[option]`` if given). Counts are exact by construction.
    """
    rows = np.asarray(rows)
    cover = rows if cover is None else np.asarray(cover)
    left = dict(counts)
    options = list(counts)
    for r in rng.permutation(cover):
        if table.iloc[r][options].any():
            continue
        avail = [o for o in options if left[o] > 0]
        if not avail:
            raise RuntimeError(f"too few ticks {counts} to give each of {len(cover)} rows one")
        p = np.array([left[a] for a in avail], dtype=float)
        o = avail[rng.choice(len(avail), p=p / p.sum())]
        table.iloc[r, table.columns.get_loc(o)] = True
        left[o] -= 1
    for o in options:
        _tick(rng, table, o, left[o], among=rows, weights=None if weights is None else weights.get(o))


def _partition(rng, n: int, counts: dict[str, int], fixed: dict[int, str] | None = None,
               weights: dict[str, np.ndarray] | None = None) -> list[str]:
    """Give each of n rows exactly one option so that option o is used counts[o] times."""
    if sum(counts.values()) != n:
        raise RuntimeError(f"counts {counts} do not add up to {n}")
    out: list[str | None] = [None] * n
    left = dict(counts)
    for r, o in (fixed or {}).items():
        out[r] = o
        left[o] -= 1
    for o in list(left)[:-1]:
        free = np.array([i for i in range(n) if out[i] is None])
        w = None if not weights or o not in weights else np.asarray(weights[o], float)[free]
        for i in _choose(rng, free, left[o], w):
            out[i] = o
    last = list(left)[-1]
    return [last if o is None else o for o in out]


def _bool_table(n: int, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(False, index=range(n), columns=columns)


# ---------------------------------------------------------------------------
# open answers
# ---------------------------------------------------------------------------

def _motivering(summary: str, risk: list[str], skydd: list[str]) -> str:
    """The open answer: a judgement, then the risk and protective factors named.

    Fact phrases are joined with "; " (they may contain commas), so the
    factors named can be read back with :func:`count_named_risk_factors`.
    """
    named_risk = "; ".join(risk) if risk else "inga angivna"
    named_skydd = "; ".join(skydd) if skydd else "inga angivna"
    return f"{summary} Riskfaktorer: {named_risk}. Skyddsfaktorer: {named_skydd}."


_RISK_LIST = re.compile(r"Riskfaktorer: (.*?)\.(?: Skyddsfaktorer:|$)")


def count_named_risk_factors(motivering: pd.Series) -> pd.Series:
    """Number of risk factors listed after "Riskfaktorer:" in each motivation (NA if none).

    This reads back the synthetic open answers (``"…; …"`` after
    ``Riskfaktorer:``); ``antal_riskfaktorer`` must equal it.
    """

    def one(text):
        if text is None or pd.isna(text):
            return pd.NA
        m = _RISK_LIST.search(str(text))
        if not m:
            return pd.NA
        body = m.group(1).strip()
        return 0 if body == "inga angivna" else len(body.split("; "))

    return motivering.map(one).astype("Int64")


# ---------------------------------------------------------------------------
# the vignettes
# ---------------------------------------------------------------------------

def _facts(vignette: dict, kind: str) -> dict[str, str]:
    return {f["id"]: f["sv"] for f in vignette["facts"] if f["kind"] == kind}


def _need_facts(vignette: dict, ids) -> None:
    have = {f["id"] for f in vignette["facts"]}
    missing = [i for i in ids if i not in have]
    if missing:
        raise DataError(
            vignette.get("path"),
            [Problem(f"vignette {vignette['id']!r} lacks the fact(s) the rating model needs",
                     value=", ".join(missing), allowed="the shipped vignette files (webbkollen_lib/systems/webbkollen/data/vignettes/)")],
        )


def _named(rng, facts: dict[str, str], p: float, always=(), never=()) -> list[str]:
    """Fact ids a rater names: those in ``always``, others with probability p, never ``never``."""
    out = []
    for fid in facts:
        if fid in never:
            continue
        if fid in always or rng.random() < p:
            out.append(fid)
    return out


def _rate_assi(rng, vignette) -> dict:
    n = N_RATINGS["assi"]
    risk_f, skydd_f = _facts(vignette, "risk"), _facts(vignette, "skydd")
    _need_facts(vignette, (*ASSI_CHILD_FACTORS, ASSI_PARENTING_FACTOR))
    risk = list(rng.permutation(["mycket_hog"] * 10 + ["hog"] * 2))
    # "flera missade ... föräldraförmågan": several (here 3-6) miss the parenting factor.
    n_missed = int(rng.integers(3, 7))
    missed = set(_choose(rng, np.arange(n), n_missed).tolist())
    summaries = {
        "mycket_hog": [
            "Assis eget riskbeteende är omfattande och allvarligt och förstärks av kriminaliteten i nätverket.",
            "Omfattande eget riskbeteende på flera områden samtidigt; skyddsfaktorerna räcker inte.",
        ],
        "hog": [
            "Allvarligt eget riskbeteende, men relationen till föräldrarna är en viktig skyddsfaktor.",
        ],
    }
    motivering, antal = [], []
    for i in range(n):
        never = {ASSI_PARENTING_FACTOR} if i in missed else set()
        always = set(ASSI_CHILD_FACTORS) | ({ASSI_PARENTING_FACTOR} if i not in missed else set())
        named = _named(rng, risk_f, 0.9, always=always, never=never)
        # the "hög" judgement leans on the protective relationship, so those raters name it
        skydd = list(skydd_f) if risk[i] == "hog" else _named(rng, skydd_f, 0.75)
        text = _motivering(str(rng.choice(summaries[risk[i]])), [risk_f[f] for f in named],
                           [skydd_f[f] for f in skydd])
        motivering.append(text)
        antal.append(len(named))
    return {"risk": risk, "motivering": motivering, "antal_riskfaktorer": antal}


def _rate_max(rng, vignette) -> dict:
    """Max: the more risk factors named, the higher the risk (strictly ordered by level).

    * mycket hög (4): name every factor of the health/routine group and miss
      at most one other factor;
    * hög (2): miss 2-3 of the health/routine group and at most one other;
    * något förhöjd (1): miss the whole health/routine group and 1-2 others.
    With 14 risk factors in the vignette (5 in the group) the counts are
    13-14, 10-12 and 7-8: no overlap between levels.
    """
    risk_f, skydd_f = _facts(vignette, "risk"), _facts(vignette, "skydd")
    _need_facts(vignette, MAX_MISSED_BY_LOWER)
    group = list(MAX_MISSED_BY_LOWER)
    others = [f for f in risk_f if f not in group]
    risk = list(rng.permutation(["nagot_forhojd"] * 1 + ["hog"] * 2 + ["mycket_hog"] * 4))
    summaries = {
        "nagot_forhojd": "Mamman behöver stöd i föräldraskapet, men Max trivs i förskolan och den väger upp mycket.",
        "hog": "Flera allvarliga brister i omsorgen om Max; förskolan är en viktig skyddsfaktor.",
        "mycket_hog": (
            "Omfattande och långvariga brister i omsorgen som redan påverkar Max hälsa och utveckling; "
            "förskolan kan inte kompensera för det."
        ),
    }
    motivering, antal = [], []
    for level in risk:
        if level == "mycket_hog":
            miss_group, miss_other = [], int(rng.integers(0, 2))
        elif level == "hog":
            miss_group, miss_other = list(_choose(rng, group, int(rng.integers(2, 4)))), int(rng.integers(0, 2))
        else:
            miss_group, miss_other = group, int(rng.integers(1, 3))
        missed = set(miss_group) | set(_choose(rng, others, miss_other).tolist())
        named = [f for f in risk_f if f not in missed]
        # the lower raters lean on the pre-school; the highest say it cannot compensate
        skydd = list(skydd_f) if level != "mycket_hog" else _named(rng, skydd_f, 0.5)
        motivering.append(_motivering(summaries[level], [risk_f[f] for f in named], [skydd_f[f] for f in skydd]))
        antal.append(len(named))
    return {"risk": risk, "motivering": motivering, "antal_riskfaktorer": antal}


def _rate_jamila(rng, vignette) -> dict:
    n = N_RATINGS["jamila"]
    risk_f, skydd_f = _facts(vignette, "risk"), _facts(vignette, "skydd")
    _need_facts(vignette, ("oro_for_vald", "berattar_om_slag", "tar_hart", "blir_arg", "svart_med_granser",
                           "vill_ha_hjalp"))
    # risk: 11 något förhöjd, 2 ingen/låg, 2 hög, 1 inte känt (NA)
    risk = list(rng.permutation(["nagot_forhojd"] * 11 + ["ingen_lag"] * 2 + ["hog"] * 2 + [None]))
    pos = {lvl: [i for i, r in enumerate(risk) if r == lvl] for lvl in (*RISK_LEVELS, None)}
    low_a, low_b = pos["ingen_lag"]
    unknown = pos[None][0]
    violence = [i for i in range(n) if i not in (low_a, low_b, unknown)]  # 11 nf + 2 hög
    high = np.array([3.0 if risk[i] == "hog" else 1.0 for i in violence])

    hem = _bool_table(n, _group_columns("hem"))
    # The raters who saw limit-setting difficulties did not tick violence: one said
    # "ingen utsatthet", the other "bristande omsorg"; the rater who could not assess
    # the risk ticked "annat skäl". All others (13) ticked physical violence.
    hem.loc[low_a, "hem_ingen"] = True
    hem.loc[low_b, "hem_bristande_omsorg"] = True
    hem.loc[unknown, "hem_annat"] = True
    hem.loc[violence, "hem_fysiskt_vald"] = True
    _tick(rng, hem, "hem_bristande_omsorg", 6 - 1, among=violence)
    _tick(rng, hem, "hem_psykiskt_vald", 1, among=violence, weights=high)
    _tick(rng, hem, "hem_bevittnat_vald", 1, among=violence, weights=high)
    nf = [i for i in violence if risk[i] == "nagot_forhojd"]
    _tick(rng, hem, "hem_annat", 2 - 1, among=nf)

    vh = _bool_table(n, _group_columns("vh"))
    w_annat = np.array([3.0 if r == "hog" else 1.0 for r in risk])
    for i, o in enumerate(_partition(rng, n, {"vh_info_saknas": 3, "vh_annat": 3, "vh_ingen": 10},
                                     fixed={unknown: "vh_info_saknas"}, weights={"vh_annat": w_annat})):
        vh.loc[i, o] = True

    barn = _bool_table(n, _group_columns("barn"))
    for i, o in enumerate(_partition(rng, n, {"barn_skola": 1, "barn_annat": 8, "barn_ingen": 7})):
        barn.loc[i, o] = True

    # 13 of 16 need open care; the other three (the two no/low raters and the rater
    # who could not assess the risk) said no intervention is needed (our decision).
    insats = _bool_table(n, _group_columns("insatsforslag"))
    no_insats = [low_a, low_b, unknown]
    insats.loc[no_insats, "insats_ingen"] = True
    _allocate(rng, insats, {"insats_annan_oppenvard": 11, "insats_strukturerat_program": 4,
                            "insats_kontaktfamilj": 2, "insats_kontaktperson": 1,
                            "insats_behovsprovad_insats": 1}, rows=violence)

    # Focus: only raters suggesting an intervention tick focus areas. Emotions and
    # behaviour 11, stimulation and guidance 12, every other area 7-9 (drawn, with
    # both 7 and 9 present as the report's "varierar mellan sju till nio").
    fokus = _bool_table(n, _group_columns("fokus"))
    breadth = rng.beta(2, 2, size=len(violence)) + 0.2
    _tick(rng, fokus, "fokus_kanslor_beteende", 11, among=violence, weights=breadth)
    _tick(rng, fokus, "fokus_stimulans_vagledning", 12, among=violence, weights=breadth)
    rest = [c for c in fokus.columns if c not in ("fokus_kanslor_beteende", "fokus_stimulans_vagledning")]
    counts = rng.integers(7, 10, size=len(rest))
    at7, at9 = _choose(rng, np.arange(len(rest)), 2)
    if 7 not in counts:
        counts[at7] = 7
    if 9 not in counts:
        counts[at9] = 9
    for c, k in zip(rest, counts):
        _tick(rng, fokus, c, int(k), among=violence, weights=breadth)

    summaries = {
        "ingen_lag": [
            "Det handlar om svårigheter i gränssättning, inte om våld. Det finns fungerande skyddsfaktorer.",
            "Svårigheter i gränssättning; föräldrarna vill ha hjälp och det finns fungerande skyddsfaktorer.",
        ],
        "nagot_forhojd": [
            "Föräldrarna har en hård uppfostringsstil som behöver förändras.",
            "Hård uppfostringsstil, men föräldrarna är öppna för stöd.",
            "Risken gäller en hård uppfostringsstil hos föräldrarna; det finns också skyddsfaktorer.",
        ],
        "hog": [
            "Bedömningen gäller fysiskt våld mot barnet, och skyddsfaktorerna är bristande.",
            "Det är fråga om fysiskt våld mot barnet. Skyddsfaktorerna är bristande.",
        ],
        None: ["Riskbedömning kan inte göras utifrån underlaget; mer information behövs."],
    }
    goals = {
        "ingen_lag": [
            "Föräldrarna ska få verktyg att hantera när Jamila blir arg.",
            "Föräldrarna ska kunna sätta gränser för Jamila på ett lugnt sätt och få verktyg att hantera när hon blir arg.",
        ],
        "nagot_forhojd": [
            "Föräldrarna ska vägleda Jamila utan att vara hårdhänta.",
            "Föräldrarna ska lära sig att vägleda Jamila utan att vara hårdhänta och sluta ta hårt i henne.",
            "Jamila ska få en trygg uppfostran där föräldrarna vägleder utan att vara hårdhänta.",
            "Föräldrarna ska få verktyg att hantera när Jamila blir arg, utan att ta hårt i henne.",
        ],
        "hog": [
            "Våldet ska upphöra.",
            "Våldet mot Jamila ska upphöra och hon ska känna sig trygg hemma.",
        ],
    }
    motivering, antal, mal = [], [], []
    for i, level in enumerate(risk):
        if level == "ingen_lag":
            named = _named(rng, risk_f, 0.0, always=("svart_med_granser", "blir_arg"))
            skydd = _named(rng, skydd_f, 0.8, always=("vill_ha_hjalp",))
        elif level == "hog":
            named = _named(rng, risk_f, 0.6, always=("oro_for_vald", "berattar_om_slag", "tar_hart"),
                           never=("svart_med_granser",))
            skydd = _named(rng, skydd_f, 0.15)
        elif level == "nagot_forhojd":
            named = _named(rng, risk_f, 0.5, always=("tar_hart",))
            skydd = _named(rng, skydd_f, 0.5)
        else:
            named = _named(rng, risk_f, 0.0, always=("oro_for_vald",))
            skydd = []
        motivering.append(_motivering(str(rng.choice(summaries[level])), [risk_f[f] for f in named],
                                      [skydd_f[f] for f in skydd]))
        antal.append(len(named))
        mal.append(None if level is None else str(rng.choice(goals[level])))
    return {"risk": risk, "motivering": motivering, "antal_riskfaktorer": antal, "mal": mal,
            **_frames_to_columns(hem, vh, barn, insats, fokus)}


def _rate_tobias(rng, vignette) -> dict:
    n = N_RATINGS["tobias"]
    risk_f, skydd_f = _facts(vignette, "risk"), _facts(vignette, "skydd")
    _need_facts(vignette, ("droger", "bron", "foraldrarnas_alkohol", "berattar_oppet"))
    risk = list(rng.permutation(["nagot_forhojd"] * 2 + ["hog"] * 5 + ["mycket_hog"] * 8))

    # "tolv av femton ... bristande omsorg och 'annat skäl'": the same 12 raters ticked both.
    hem = _bool_table(n, _group_columns("hem"))
    pair = _choose(rng, np.arange(n), 12)
    hem.loc[pair, ["hem_bristande_omsorg", "hem_annat"]] = True
    # The other three each tick at least one of the remaining answers; the ticks
    # these three do not use go to any rater.
    _allocate(rng, hem, {"hem_tidigare_vald": 4, "hem_psykiskt_vald": 1, "hem_familjekonflikt": 1},
              rows=np.arange(n), cover=[i for i in range(n) if i not in set(pair.tolist())])

    vh = _bool_table(n, _group_columns("vh"))
    for i, o in enumerate(_partition(rng, n, {"vh_annat": 1, "vh_missbruk": 14})):
        vh.loc[i, o] = True

    barn = _bool_table(n, _group_columns("barn"))
    barn["barn_missbruk"] = True
    breadth = rng.beta(2, 2, size=n) + 0.2
    for c, k in (("barn_skola", 12), ("barn_psykisk_ohalsa", 8), ("barn_normbrytande", 5), ("barn_annat", 2)):
        _tick(rng, barn, c, k, weights=breadth)

    # Three suggest care outside the home (one each: foster family, HVB, special
    # youth home), chosen among the very-high raters (our choice); all 15 suggest
    # open care, so those three ticked both.
    insats = _bool_table(n, _group_columns("insatsforslag"))
    very_high = [i for i, r in enumerate(risk) if r == "mycket_hog"]
    for i, c in zip(_choose(rng, very_high, 3), ("insats_familjehem", "insats_hvb", "insats_sarskilt_ungdomshem")):
        insats.loc[i, c] = True
    _allocate(rng, insats, {"insats_strukturerat_program": 12, "insats_kvalificerad_kontaktperson": 6,
                            "insats_behovsprovad_insats": 5, "insats_kontaktperson": 4,
                            "insats_annan_oppenvard": 3}, rows=np.arange(n))

    # Focus: "nästan samtliga delområden" by most raters (counts drawn: 9-15 of 15
    # for the areas the case touches, 3-8 for housing, employment/income and
    # community resources, which the vignette does not raise).
    fokus = _bool_table(n, _group_columns("fokus"))
    peripheral = ("fokus_boende", "fokus_ekonomi_arbete", "fokus_lokalsamhalle")
    for c in fokus.columns:
        k = int(rng.integers(3, 9)) if c in peripheral else int(rng.integers(9, 16))
        _tick(rng, fokus, c, k, weights=breadth)

    summaries = {
        "nagot_forhojd": [
            "Riskfaktorerna är allvarliga, men skyddsfaktorerna bedöms fungera.",
        ],
        "hog": [
            "Allvarliga riskfaktorer som bara delvis vägs upp av skyddsfaktorerna.",
            "Hög risk: riskfaktorerna är omfattande och skyddsfaktorerna har begränsad funktion.",
        ],
        "mycket_hog": [
            "Omfattande och långvariga riskfaktorer och svaga skyddsfaktorer; Tobias liv och hälsa är i fara.",
            "Allvarligt drogbruk och självmordsrisk; skyddsfaktorerna räcker inte.",
        ],
    }
    goals = [
        "Tobias ska sluta använda droger.",
        "Tobias ska vara drogfri och gå i skolan.",
        "Tobias ska vara drogfri, må bättre och gå i skolan regelbundet.",
        "Tobias ska inte använda alkohol eller droger och ska ha en vuxen att vända sig till.",
        "Föräldrarna ska ta ansvar för Tobias och Tobias ska vara drogfri.",
        "Tobias ska må bättre psykiskt och inte använda droger.",
    ]
    baseline_goal = (
        "Utgångsläge: Tobias har tagit kokain, amfetamin och cannabis i ungefär ett år och går sällan i skolan. "
        "Mål: om sex månader är Tobias drogfri, vilket visas med drogtester varannan vecka, och går i skolan "
        "minst fyra dagar i veckan."
    )
    with_baseline = int(rng.integers(n))
    motivering, antal, mal = [], [], []
    for i, level in enumerate(risk):
        # The same factors whatever the level (report: "likvärdiga risk- och skyddsfaktorer
        # oavsett grad av risk"); only the judgement of their weight differs.
        named = _named(rng, risk_f, 0.8, always=("droger", "bron", "foraldrarnas_alkohol"))
        skydd = _named(rng, skydd_f, 0.6, always=("berattar_oppet",))
        motivering.append(_motivering(str(rng.choice(summaries[level])), [risk_f[f] for f in named],
                                      [skydd_f[f] for f in skydd]))
        antal.append(len(named))
        mal.append(baseline_goal if i == with_baseline else str(rng.choice(goals)))
    return {"risk": risk, "motivering": motivering, "antal_riskfaktorer": antal, "mal": mal,
            **_frames_to_columns(hem, vh, barn, insats, fokus)}


def _rate_mohammad(rng, vignette) -> dict:
    """Mohammad: the report gives nothing but the number of ratings; everything is drawn."""
    n = N_RATINGS["mohammad"]
    risk_f, skydd_f = _facts(vignette, "risk"), _facts(vignette, "skydd")
    risk = [str(r) for r in rng.choice(RISK_LEVELS, size=n, p=[0.05, 0.35, 0.45, 0.15])]
    hem = _bool_table(n, _group_columns("hem"))
    vh = _bool_table(n, _group_columns("vh"))
    barn = _bool_table(n, _group_columns("barn"))
    insats = _bool_table(n, _group_columns("insatsforslag"))
    fokus = _bool_table(n, _group_columns("fokus"))
    p_fokus = {
        "halsa": .9, "utbildning": .8, "kanslor_beteende": .9, "identitet": .5, "familj_relationer": .5,
        "socialt_upptradande": .3, "klara_sig_sjalv": .5, "grundlaggande_omsorg": .2, "sakerhet": .3,
        "kanslomassigt_stod": .4, "stimulans_vagledning": .3, "stabilitet": .5, "familjens_situation": .3,
        "natverk": .6, "boende": .3, "ekonomi_arbete": .1, "social_integrering": .6, "lokalsamhalle": .4,
    }
    p_insats = {"kvalificerad_kontaktperson": .5, "annan_oppenvard": .5, "strukturerat_program": .2,
                "stodboende": .1, "hvb": .1}
    summaries = {
        "ingen_lag": "Mohammad har ett fungerande boende och vuxna omkring sig.",
        "nagot_forhojd": "Tecken på psykisk ohälsa, men det finns flera skyddsfaktorer.",
        "hog": "Psykisk ohälsa, isolering och skolfrånvaro hos en ung person utan föräldrar i Sverige.",
        "mycket_hog": "Allvarlig psykisk ohälsa och isolering; risken för att han skadar sig är stor.",
    }
    goals = [
        "Mohammad ska sova bättre och må bättre.",
        "Mohammad ska gå i skolan varje dag.",
        "Mohammad ska få behandling för sin psykiska ohälsa och ha en meningsfull fritid.",
        "Mohammad ska ha vuxna att prata med om sin oro.",
    ]
    motivering, antal, mal = [], [], []
    for i in range(n):
        if rng.random() < 0.4:
            hem.loc[i, "hem_ingen"] = True
        else:
            hem.loc[i, "hem_annat"] = True
            hem.loc[i, "hem_tidigare_vald"] = bool(rng.random() < 0.3)
        vh.loc[i, "vh_info_saknas" if rng.random() < 0.7 else "vh_annat"] = True
        for code, p in (("psykisk_ohalsa", .9), ("skola", .6), ("annat", .2)):
            barn.loc[i, f"barn_{code}"] = bool(rng.random() < p)
        if not barn.loc[i].any():
            barn.loc[i, "barn_ingen"] = True
        for code, p in p_insats.items():
            insats.loc[i, f"insats_{code}"] = bool(rng.random() < p)
        if not insats.loc[i].any():
            insats.loc[i, "insats_annan_oppenvard"] = True
        for code, p in p_fokus.items():
            fokus.loc[i, f"fokus_{code}"] = bool(rng.random() < p)
        # More factors named with a higher risk, as in the report's Table 2 (our choice).
        named = _named(rng, risk_f, {"ingen_lag": .5, "nagot_forhojd": .6, "hog": .75, "mycket_hog": .9}[risk[i]])
        skydd = _named(rng, skydd_f, 0.6)
        motivering.append(_motivering(summaries[risk[i]], [risk_f[f] for f in named], [skydd_f[f] for f in skydd]))
        antal.append(len(named))
        mal.append(str(rng.choice(goals)))
    return {"risk": risk, "motivering": motivering, "antal_riskfaktorer": antal, "mal": mal,
            **_frames_to_columns(hem, vh, barn, insats, fokus)}


def _frames_to_columns(*frames: pd.DataFrame) -> dict:
    return {c: frame[c].tolist() for frame in frames for c in frame.columns}


_RATERS_OF = {"assi": _rate_assi, "max": _rate_max, "jamila": _rate_jamila,
              "tobias": _rate_tobias, "mohammad": _rate_mohammad}


def _raters(rng, test: int, first: int) -> pd.DataFrame:
    """Synthetic raters of one test: id, municipality (that year's participants), experience.

    Years of experience are right-skewed (gamma, shape 1.6, scale 4.5: median
    about 5, a tail to 20+), capped at 30; drawn independently of the ratings.
    """
    n = N_RATERS[test]
    return pd.DataFrame({
        "bedomare": [f"R{first + i:03d}" for i in range(n)],
        "kommun": rng.choice(MUNICIPALITIES[test], size=n).tolist(),
        "erfarenhet_ar": np.minimum(np.rint(rng.gamma(1.6, 4.5, size=n)), 30).astype(int).tolist(),
    })


def generate_vignette_ratings(seed: int = DEFAULT_SEED, vignettes: dict | None = None) -> pd.DataFrame:
    """Synthetic ratings of the five vignettes in the Webbkollen agreement tests (report §3.3).

    One row per rater and vignette, in the data-contract form: ``test``,
    ``vinjett``, ``bedomare`` (synthetic id ``R001`` …), ``kommun`` (one of
    that year's participants in the report's Table 1), ``erfarenhet_ar``,
    ``risk`` (ordered ``ingen_lag`` < ``nagot_forhojd`` < ``hog`` <
    ``mycket_hog``; NA = "inte känt"), ``antal_riskfaktorer`` (the number of
    risk factors named in the open answer), the ``hem_*``, ``vh_*``,
    ``barn_*``, ``insats_*`` and ``fokus_*`` options (nullable booleans; NA
    throughout test 1, which asked only for the risk and the open answer),
    ``motivering`` and ``mal`` (NA in test 1, and where a rater gave no goal).

    Every count the report gives is reproduced exactly, whatever the seed
    (:func:`compare_vignettes_with_published`); so is the structure the text
    describes: for Max the raters who chose a lower risk named fewer risk
    factors and missed the child's health and health care and the mother's
    routines and emotional support; for Jamila the words of the motivation
    follow the risk ("svårigheter i gränssättning" for no/low,
    "hård uppfostringsstil" for somewhat elevated, "fysiskt våld mot barnet"
    with lacking protective factors for high). Where the report is silent
    (which raters gave which answer, Mohammad, the focus counts it does not
    give) the values are drawn; ``data/synthetic/README.md`` lists each choice.

    Parameters
    ----------
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same frame.
    vignettes : dict, optional
        Vignette texts as returned by :func:`load_vignette_texts` (the fact
        phrases of the open answers come from them); default the shipped ones.

    Examples
    --------
    >>> ratings = generate_vignette_ratings(seed=1)
    >>> ratings.groupby("vinjett", observed=True).size().to_dict()
    {'assi': 12, 'max': 7, 'jamila': 16, 'tobias': 15, 'mohammad': 4}
    """
    texts = load_vignette_texts() if vignettes is None else vignettes
    missing = [v for v in VIGNETTES if v not in texts]
    if missing:
        raise ValueError(f"vignette texts lack {', '.join(missing)}; the ratings need all of {', '.join(VIGNETTES)}")
    rng = np.random.default_rng(seed)
    raters = {1: _raters(rng, 1, first=1), 2: _raters(rng, 2, first=1 + N_RATERS[1])}
    who = {
        "assi": np.arange(N_RATERS[1]),
        "max": np.sort(_choose(rng, np.arange(N_RATERS[1]), N_RATINGS["max"])),
        "jamila": np.arange(N_RATERS[2]),
    }
    who["tobias"] = np.sort(_choose(rng, np.arange(N_RATERS[2]), N_RATINGS["tobias"]))
    who["mohammad"] = np.sort(_choose(rng, who["tobias"], N_RATINGS["mohammad"]))

    parts = []
    for vinjett in VIGNETTES:
        test = TEST_OF[vinjett]
        part = raters[test].iloc[who[vinjett]].reset_index(drop=True)
        cols = _RATERS_OF[vinjett](rng, texts[vinjett])
        part = part.assign(test=test, vinjett=vinjett, **cols)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    for c in _columns():
        if c not in frame.columns:  # test 1: the checklists and the goal were not asked
            frame[c] = pd.NA
    frame = frame[_columns()]
    frame["risk"] = frame["risk"].astype(object).where(frame["risk"].notna(), None)
    frame = apply_dtypes(frame, dataset="ratings")
    frame["antal_riskfaktorer"] = frame["antal_riskfaktorer"].astype("Int64")
    frame = frame.sort_values(["test", "vinjett", "bedomare"], kind="stable").reset_index(drop=True)
    return frame


def write_shipped_ratings(directory, seed: int = DEFAULT_SEED) -> Path:
    """Write ``vinjettbedomningar.csv`` (the shipped vignette ratings) into ``directory``.

    UTF-8, comma-separated, header = column ids, codes as values, booleans
    ``True``/``False``, empty cells for missing values, rows ordered by test,
    vignette and rater; byte-identical for the same seed. Returns the path.
    """
    path = Path(directory) / RATINGS_FILE_NAME
    frame = generate_vignette_ratings(seed=seed)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", na_rep="")
    return path
