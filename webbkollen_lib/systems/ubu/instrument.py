"""UBU's instrument: parts, index areas, items, shared items and the source's rules.

Everything here is read from ``codebook.yaml`` beside this module or stated by
the source (*Projektrapport UBU – vård och boende*, 2012, §4.2); the numbers a
rule uses are constants so the reader, the generator and the docs quote the
same ones.

Examples
--------
>>> from webbkollen_lib.systems.ubu.instrument import get_ubu_codebook, items, PARTS
>>> PARTS
('socialsekreterare', 'ungdom', 'foralder')
>>> len(items("ungdom")), len(items("foralder"))
(24, 20)
>>> items("ungdom", area="trygghet")
['ung_trygg', 'ung_vuxen', 'ung_lyssnade', 'ung_konflikter']
>>> pair_items("trygg")
{'socialsekreterare': 'ss_trygg', 'ungdom': 'ung_trygg', 'foralder': 'for_trygg'}
>>> valid_organisationsnummer("202100-5448")  # Skatteverket
True
>>> valid_organisationsnummer("202100-5449"), valid_organisationsnummer("20210-05448")
(False, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from webbkollen_lib.core.codebook import Codebook, load_codebook

__all__ = [
    "PARTS", "AREAS", "PART_STATUS", "MIN_DAYS", "MAX_DAYS_AFTER", "MIN_AGE", "MAX_AGE",
    "MIN_QUESTIONNAIRES", "SCORES", "get_ubu_codebook", "items", "scale_items", "area_items",
    "pairs", "pair_items", "missing_reasons", "valid_organisationsnummer", "organisationsnummer_digits", "item_scores",
]

CODEBOOK_PATH = Path(str(resources.files("webbkollen_lib.systems.ubu") / "codebook.yaml"))

#: The three parties, in the order the source lists the parts.
PARTS = ("socialsekreterare", "ungdom", "foralder")

#: The index areas the source names (§4.2 "Index/rapporter"), in its order:
#: måluppfyllelse, trygghet/omhändertagande, stöd i skolarbete, nätverk,
#: kompetens, planering, boendemiljö/inflytande i vardagen, hälsa.
AREAS = ("maluppfyllelse", "trygghet", "skola", "natverk", "kompetens", "planering", "boendemiljo", "halsa")

#: The column saying whether a party's part was answered (the social worker's always is).
PART_STATUS = {"ungdom": "del_ungdom", "foralder": "del_foralder"}

#: "Om placeringen pågått minst sju dagar."
MIN_DAYS = 7
#: "Om det inte förflutit mer than tre månader sedan avslut": 90 days.
MAX_DAYS_AFTER = 90
#: The young person's questions apply from 12; LVU placements can last until 21.
MIN_AGE, MAX_AGE = 12, 21
#: The spärr discussed in the source: no separate results for a provider with
#: fewer than "två-tre enkäter"; we take the stricter three.
MIN_QUESTIONNAIRES = 3

#: The answer codes that are scores; every other code of an item is a missing reason.
SCORES = {"1": 1.0, "2": 2.0, "3": 3.0, "4": 4.0, "5": 5.0}


@lru_cache(maxsize=1)
def get_ubu_codebook() -> Codebook:
    """The UBU codebook (parsed once, then cached; treat it as read-only)."""
    cb = load_codebook(CODEBOOK_PATH)
    cb.help = "get_ubu_codebook().table()"
    return cb


def items(part: str | None = None, *, area: str | None = None) -> list[str]:
    """The questionnaire items (not background) of a part and/or an area, in codebook order."""
    if part is not None and part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    if area is not None and area not in AREAS:
        raise ValueError(f"area must be one of {', '.join(AREAS)}, not {area!r}")
    return [
        v.id
        for v in get_ubu_codebook().for_dataset("ubu")
        if v.attrs.get("part") and (part is None or v.attrs["part"] == part)
        and (area is None or v.attrs.get("area") == area)
    ]


def scale_items(part: str | None = None) -> list[str]:
    """The items answered on the 1–5 scale (every item except the yes/no violation question)."""
    cb = get_ubu_codebook()
    return [i for i in items(part) if cb[i].kind == "single"]


def area_items(area: str, part: str | None = None) -> list[str]:
    """The scale items of an index area (of one part, or of all three)."""
    return [i for i in items(part, area=area) if i in scale_items()]


def pairs() -> list[str]:
    """The keys of the topics two or three parties are asked about, in codebook order."""
    cb = get_ubu_codebook()
    return list(dict.fromkeys(v.attrs["pair"] for v in cb.for_dataset("ubu") if v.attrs.get("pair")))


def pair_items(pair: str) -> dict[str, str]:
    """Part -> item for one shared topic."""
    found = {
        v.attrs["part"]: v.id for v in get_ubu_codebook().for_dataset("ubu") if v.attrs.get("pair") == pair
    }
    if not found:
        raise ValueError(f"no shared topic {pair!r}; topics: {', '.join(pairs())}")
    return found


def missing_reasons(item: str) -> list[str]:
    """The "-" alternatives of an item: codes kept and counted but never scored."""
    return [c.code for c in get_ubu_codebook()[item].codes if c.code not in SCORES]


def item_scores(data: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The items as numbers 1–5, NaN for a missing reason or an unasked question; reversed items turned.

    An item marked ``omvand`` (a high answer is a bad result, e.g. conflicts in
    the group) is scored ``6 - answer``, so that in every index a higher score
    is better.
    """
    cb = get_ubu_codebook()
    columns = scale_items() if columns is None else columns
    out = {}
    for c in columns:
        s = data[c].astype("object").map(SCORES).astype("float64")
        out[c] = 6.0 - s if cb[c].attrs.get("omvand") else s
    return pd.DataFrame(out, index=data.index)


_ORGNR = re.compile(r"^(\d{6})[-\u2013\u2014]?(\d{4})$")


def organisationsnummer_digits(value: str) -> str | None:
    """The ten digits of an organisation number written NNNNNN-NNNN, NNNNNNNNNN or with an en dash; else None."""
    m = _ORGNR.match(str(value).strip())
    return m.group(1) + m.group(2) if m else None


def valid_organisationsnummer(value: str) -> bool:
    """Whether a Swedish organisation number has the form NNNNNN-NNNN and a correct check digit.

    The check digit is the Luhn (mod 10) digit over the first nine digits. A
    provider run as a sole trader (*enskild firma*) has its owner's personal
    identity number as organisation number (the source, §4.2 *Sekretess*), so
    a third digit below 2 is accepted too; the reports never print the number.
    The dash may be a hyphen or an en dash (Excel's autocorrect), or left out.
    """
    text = organisationsnummer_digits(value)
    if text is None:
        return False
    digits = [int(d) for d in text]
    total = 0
    for i, d in enumerate(digits[:9]):
        p = d * (2 if i % 2 == 0 else 1)
        total += p - 9 if p > 9 else p
    return (10 - total % 10) % 10 == digits[9]
