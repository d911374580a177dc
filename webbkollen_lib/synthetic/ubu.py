"""Seeded synthetic UBU questionnaires: three parties, eight municipalities, fictitious providers.

:func:`generate_ubu` draws ended placements in dygnetruntvård and the UBU
questionnaires that "knappt hälften" of them get (source §5.2.1), for the
Södertörn municipalities that built UBU (Botkyrka, Haninge, Huddinge, Nacka,
Salem, Södertälje) and Linköping and Norrköping, which installed it in spring
2012 (§5). Nothing is real: the providers are fictitious (names ending in
"(fiktiv)", organisation numbers with the unused first digit 4, valid in form
and check digit but belonging to no one), and no row describes a real young
person.

The model, in drawing order (parameters in the module constants):

1. **Providers**: :data:`N_PROVIDERS` units of four types, each with a size
   weight from a heavy-tailed (log-normal) distribution, so that a few
   providers have 40+ questionnaires and many have one or two, and a quality
   ``q`` (normal, sd :data:`PROVIDER_SD`) that raises every answer about it.
2. **Ended placements** per municipality and year (:data:`ENDED`); each gets
   a questionnaire with probability :data:`RESPONSE` (the source's "knappt
   hälften").
3. **Background**: provider by size weight within the municipality's
   preferences, sex, age (12–21), legal ground (LSU only at SiS), reason,
   unaccompanied (only with a social reason), diagnosis, length of stay
   (at least 7 days), days to the questionnaire (at most 90), breakdown
   (more likely at a weaker provider).
4. **Latent experience**: a shared part ``q + e`` and party-specific parts,
   so the young person and the social worker agree moderately
   (:data:`YOUTH_SW_SHARED`) and the parent sits between; a breakdown lowers
   the trygghet and måluppfyllelse answers of every party (:data:`BREAKDOWN_SHIFT`).
5. **Parts answered**: the young person's part mostly, the parent's part in
   fewer than half (:data:`PARENT_ANSWERS`), less often when the young person
   did not answer; a part not answered is empty, never imputed.
6. **Answers**: each item ``round(centre + latent + area effect + noise)``
   clipped to 1–5 (reverse-scored items turned), and the "-" alternatives
   drawn as distinct missing reasons (no goal in an area, not in school,
   don't know, did not answer).

The defaults are what ``data/synthetic/ubu_enkater.csv`` was made with; the
same seed gives the same file byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from webbkollen_lib.systems.ubu.instrument import AREAS, PART_STATUS, get_ubu_codebook, items, scale_items

__all__ = ["generate_ubu", "generate_ubu_providers", "ended_placements", "write_shipped_ubu", "UBU_MUNICIPALITIES"]

SEED = 2012

#: The municipalities and their ended placements in dygnetruntvård per year
#: (ours, in proportion to population; the source gives no counts).
UBU_MUNICIPALITIES = {
    "Botkyrka": 62, "Haninge": 55, "Huddinge": 70, "Nacka": 48, "Salem": 10, "Södertälje": 64,
    "Linköping": 80, "Norrköping": 74,
}
YEARS = (2012, 2013, 2014)
#: Share of ended placements that get a questionnaire: "knappt hälften".
RESPONSE = 0.46
N_PROVIDERS = 60
PROVIDER_SD = 0.35
YOUTH_SW_SHARED = 0.55
BREAKDOWN_SHIFT = -0.9
YOUTH_ANSWERS = 0.86
PARENT_ANSWERS = 0.45

_TYPES = ("hvb", "stodboende", "traningsboende", "sis")
_TYPE_P = (0.62, 0.14, 0.09, 0.15)
_ORIENTATION = ("missbruk", "kriminalitet", "neuropsykiatri", "psykisk_ohalsa", "relationer", "bred")
_FIRST = ("Ek", "Björk", "Lind", "Al", "Rönn", "Asp", "Hassel", "Gran", "Tall", "Sälg", "Lönn", "Oxel",
          "Hägg", "Idegran", "Alm", "Fläder")
_SECOND = ("backen", "gården", "udden", "viken", "dalen", "hagen", "lunden", "näset", "berget", "ängen")
_TYPE_WORD = {"hvb": "HVB", "stodboende": "stödboende", "traningsboende": "träningsboende", "sis": "ungdomshem"}
_REASONS = ("eget_beteende", "psykisk_ohalsa", "brister_i_hemmet", "relationer", "hedersrelaterat", "annat")
_REASON_P = (0.42, 0.16, 0.2, 0.12, 0.04, 0.06)
#: Area effects on the answer centre: some areas go better than others (ours).
_AREA_SHIFT = {"maluppfyllelse": -0.3, "trygghet": 0.25, "skola": -0.2, "natverk": 0.0, "kompetens": 0.2,
               "planering": 0.1, "boendemiljo": 0.15, "halsa": 0.05, None: 0.1}
_CENTRE = 3.85


def _orgnr(rng: np.random.Generator) -> str:
    """A form-valid organisation number with the unused first digit 4: belongs to no real organisation."""
    digits = [4, int(rng.integers(0, 10)), int(rng.integers(2, 10))] + [int(d) for d in rng.integers(0, 10, 6)]
    total = 0
    for i, d in enumerate(digits):
        p = d * (2 if i % 2 == 0 else 1)
        total += p - 9 if p > 9 else p
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return f"{s[:6]}-{s[6:]}"


def generate_ubu_providers(n: int = N_PROVIDERS, seed: int = SEED) -> pd.DataFrame:
    """The fictitious providers: name, organisation number, type, orientation, size weight, quality."""
    rng = np.random.default_rng([seed, 1])
    types = rng.choice(_TYPES, size=n, p=_TYPE_P)
    names, seen = [], set()
    for t in types:
        while True:
            name = f"{rng.choice(_FIRST)}{rng.choice(_SECOND)}s {_TYPE_WORD[t]} (fiktiv)"
            if name not in seen:
                seen.add(name)
                names.append(name)
                break
    numbers = []
    while len(numbers) < n:
        number = _orgnr(rng)
        if number not in numbers:
            numbers.append(number)
    weight = rng.lognormal(0.0, 1.25, n)
    weight[types == "sis"] *= 1.8  # SiS homes take young people from the whole region
    orientation = np.where(types == "sis", "kriminalitet", rng.choice(_ORIENTATION, size=n))
    return pd.DataFrame({
        "utforare": names, "organisationsnummer": numbers, "utforartyp": types, "inriktning": orientation,
        "vikt": np.round(weight / weight.sum(), 6), "kvalitet": np.round(rng.normal(0, PROVIDER_SD, n), 4),
    })


def ended_placements() -> pd.DataFrame:
    """Ended placements per municipality and year (the denominator of the questionnaires' coverage)."""
    rows = [(k, y, n) for k, n in UBU_MUNICIPALITIES.items() for y in YEARS]
    return pd.DataFrame(rows, columns=["kommun", "ar", "avslutade_placeringar"])


def _clip_round(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x), 1, 5).astype(int)


def generate_ubu(seed: int = SEED, *, response: float = RESPONSE) -> pd.DataFrame:
    """Synthetic UBU questionnaires in the codebook's form (codes; NA where a part was not answered).

    Examples
    --------
    >>> data = generate_ubu()
    >>> int(data["vardtid_dagar"].min()) >= 7, int(data["dagar_till_enkat"].max()) <= 90
    (True, True)
    """
    cb = get_ubu_codebook()
    rng = np.random.default_rng(seed)
    providers = generate_ubu_providers(seed=seed)
    ended = ended_placements()
    # which ended placements get a questionnaire: binomial per municipality and year
    counts = rng.binomial(ended["avslutade_placeringar"].to_numpy(), response)
    kommun = np.repeat(ended["kommun"].to_numpy(), counts)
    ar = np.repeat(ended["ar"].to_numpy(), counts)
    n = len(kommun)

    # every municipality uses every provider, with its own taste (a random tilt on the size weights)
    p_idx = np.empty(n, dtype=int)
    for k in UBU_MUNICIPALITIES:
        rows = np.flatnonzero(kommun == k)
        tilt = providers["vikt"].to_numpy() * rng.lognormal(0, 0.6, len(providers))
        p_idx[rows] = rng.choice(len(providers), size=len(rows), p=tilt / tilt.sum())
    prov = providers.iloc[p_idx].reset_index(drop=True)
    q = prov["kvalitet"].to_numpy()
    typ = prov["utforartyp"].to_numpy()

    kon = np.where(rng.random(n) < 0.6, "pojke", "flicka")
    alder = np.clip(np.rint(rng.normal(16.0, 1.7, n)), 12, 21).astype(int)
    alder = np.where(typ == "stodboende", np.clip(alder + 2, 16, 21), alder)
    lagrum = np.where(rng.random(n) < 0.55, "sol", "lvu").astype(object)
    lagrum[(typ == "sis") & (rng.random(n) < 0.3)] = "lsu"
    lagrum[typ == "sis"] = np.where(lagrum[typ == "sis"] == "sol", "lvu", lagrum[typ == "sis"])
    skal = rng.choice(_REASONS, size=n, p=_REASON_P)
    ensamkommande = (rng.random(n) < 0.07) & (typ != "sis")
    diagnos = rng.random(n) < 0.35
    vardtid = np.maximum(7, np.rint(rng.lognormal(np.log(150), 0.8, n))).astype(int)
    dagar = np.minimum(90, np.rint(rng.exponential(18, n))).astype(int)
    breakdown = rng.random(n) < 1 / (1 + np.exp(-(-1.1 - 1.6 * q)))
    vardtid = np.where(breakdown, np.maximum(7, vardtid // 3), vardtid)
    metod = rng.choice(["normativ", "icke_normativ", "ingen", "vet_ej"], size=n, p=[0.35, 0.35, 0.22, 0.08])
    som_avsett = np.where(np.isin(metod, ["normativ", "icke_normativ"]),
                          rng.choice(["ja", "delvis", "nej", "vet_ej"], size=n, p=[0.55, 0.3, 0.08, 0.07]), None)

    youth_part = rng.random(n) < YOUTH_ANSWERS
    parent_p = np.where(youth_part, PARENT_ANSWERS, PARENT_ANSWERS * 0.6)
    parent_part = rng.random(n) < parent_p
    status = {
        "ungdom": np.where(youth_part, "besvarad", np.where(rng.random(n) < 0.65, "avbojd", "ej_genomford")),
        "foralder": np.where(parent_part, "besvarad", np.where(rng.random(n) < 0.45, "avbojd", "ej_genomford")),
    }

    # latent experience: shared + party-specific; breakdown lowers safety and goal answers
    shared = q + rng.normal(0, 0.55, n)
    latent = {
        "socialsekreterare": shared + rng.normal(0, 0.45, n),
        "ungdom": q + YOUTH_SW_SHARED * (shared - q) + rng.normal(0, 0.6, n),
        "foralder": shared + rng.normal(0, 0.55, n),
    }
    answered = {"socialsekreterare": np.ones(n, bool), "ungdom": youth_part, "foralder": parent_part}
    frame = {
        "enkat_id": [f"U{i + 1:05d}" for i in range(n)], "kommun": kommun, "ar": ar,
        "kvartal": rng.integers(1, 5, n), "utforare": prov["utforare"], "organisationsnummer": prov["organisationsnummer"],
        "utforartyp": typ, "inriktning": prov["inriktning"], "skal_placering": skal, "lagrum": lagrum, "kon": kon,
        "alder": alder, "ensamkommande": ensamkommande, "diagnos": diagnos, "vardtid_dagar": vardtid,
        "dagar_till_enkat": dagar, "sammanbrott": breakdown, "metod": metod, "metod_som_avsett": som_avsett,
        "del_ungdom": status["ungdom"], "del_foralder": status["foralder"],
    }
    in_school = alder < 19
    for part in ("socialsekreterare", "ungdom", "foralder"):
        for item in items(part):
            var = cb[item]
            area = var.attrs.get("area")
            if var.kind == "yesno":  # the serious-violation question: rare, commoner at weaker providers
                p = 1 / (1 + np.exp(-(-3.0 - 1.2 * q + 0.6 * breakdown)))
                # always answered when the part is: a yes/no item has no code for "did not answer",
                # so an empty cell keeps one meaning, "not asked"
                values = np.where(rng.random(n) < p, True, False).astype(object)
            else:
                x = _CENTRE + _AREA_SHIFT[area] + latent[part] + rng.normal(0, 0.7, n)
                if area in ("trygghet", "maluppfyllelse"):
                    x = x + BREAKDOWN_SHIFT * breakdown
                scores = _clip_round(x)
                if var.attrs.get("omvand"):
                    scores = 6 - scores
                values = scores.astype(str).astype(object)
                reasons = [c.code for c in var.codes if c.unknown]
                u = rng.random(n)
                if "ej_skola" in reasons:
                    values[~in_school & (u < 0.7)] = "ej_skola"
                    values[in_school & (u < 0.05)] = "ej_skola"
                if "ej_aktuellt" in reasons:
                    values[(u > 0.86)] = "ej_aktuellt"
                if "vet_ej" in reasons:
                    values[(u > 0.80) & (u <= (0.83 if part != "foralder" else 0.86))] = "vet_ej"
                if "ej_svarat" in reasons and part == "ungdom":
                    values[(u > 0.78) & (u <= 0.80)] = "ej_svarat"
            values = np.where(answered[part], values, None)
            frame[item] = values
    out = pd.DataFrame(frame)
    # background codes in the codebook's order, so the file reads like an export
    return out[[c for c in cb.columns("ubu") if c in out.columns]]


def write_shipped_ubu(directory, seed: int = SEED) -> list[Path]:
    """Write ``ubu_enkater.csv``, ``ubu_utforare.csv`` and ``ubu_avslutade.csv`` into ``directory``."""
    directory = Path(directory)
    data = generate_ubu(seed)
    providers = generate_ubu_providers(seed=seed)[["utforare", "organisationsnummer", "utforartyp", "inriktning"]]
    paths = [directory / "ubu_enkater.csv", directory / "ubu_utforare.csv", directory / "ubu_avslutade.csv"]
    data.to_csv(paths[0], index=False, encoding="utf-8", lineterminator="\n")
    providers.to_csv(paths[1], index=False, encoding="utf-8", lineterminator="\n")
    ended_placements().to_csv(paths[2], index=False, encoding="utf-8", lineterminator="\n")
    return paths
