"""Number formats, and the table words every table, figure and report shares.

One place decides how a number looks to a reader, so tables, plots and the
per-municipality reports agree:

* Swedish (``lang="sv"``): decimal comma, thousands grouped with a no-break
  space, a no-break space before the per cent sign: ``1 234``, ``4,03``,
  ``48 %``.
* English (``lang="en"``): ``1,234``, ``4.03``, ``48%``.

Rounding is half up (``0.125`` -> ``13 %``), as in printed statistics,
not Python's half-to-even. The conventions are the same as
:func:`webbkollen_lib.disclosure.format_share` and
:func:`~webbkollen_lib.disclosure.format_count`, so a protected table and an
unprotected one look alike.

Examples
--------
>>> format_percent(0.4837)
'48\\xa0%'
>>> format_n_percent(224, 224 / 416)
'224 (54\\xa0%)'
>>> format_number(4.031, decimals=2, lang="en")
'4.03'
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.labels import check_lang

__all__ = [
    "NBSP",
    "round_half_up",
    "MISSING_TEXT",
    "text",
    "format_count",
    "format_number",
    "format_percent",
    "format_n_percent",
    "format_interval",
    "format_p",
    "format_p_statement",
    "format_mean_sd",
    "format_median_iqr",
]

#: No-break space: between thousands and before "%" in Swedish.
NBSP = "\u00a0"

#: What an undefined number (NaN, e.g. a share of an empty group) is shown as.
MISSING_TEXT = "–"


def text(key: str, lang: str = "sv", **fields) -> str:
    """A table word of the label catalogue (``"missing"`` -> ``"Saknas"``/``"Missing"``), placeholders filled.

    Short for ``webbkollen_lib.core.labels.text("table." + key, ...)``: the
    words live in the catalogue's ``table`` group
    (:mod:`webbkollen_lib.core.labels`).

    >>> text("n_header", "sv", label="Pojke", n="224")
    'Pojke, N = 224'
    """
    return catalogue.text(f"table.{key}", lang, **fields)


def _is_missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _round_half_up(value: float, decimals: int) -> Decimal:
    # Decimal(repr(x)) keeps the number as printed (2.675 stays 2.675, not 2.67499…)
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value, decimals: int = 0) -> float:
    """``value`` rounded half up, as printed statistics round (``87.5`` -> ``88.0``, not Python's ``88``/``54``).

    >>> round_half_up(54.5), round(54.5)
    (55.0, 54)
    >>> round_half_up(3.25, 1)
    3.3
    """
    return float(_round_half_up(value, decimals))


def _digits(value: Decimal, decimals: int, lang: str, group: bool = False) -> str:
    text_ = f"{value:,.{decimals}f}" if group else f"{value:.{decimals}f}"
    if text_.startswith("-") and float(value) == 0:
        text_ = text_[1:]  # no "-0"
    if lang == "sv":
        text_ = text_.replace(",", NBSP).replace(".", ",")
    return text_


def format_count(value, lang: str = "sv") -> str:
    """A whole number with thousands grouped: ``1 234`` (sv, no-break space) or ``1,234`` (en).

    >>> format_count(1234, "en")
    '1,234'
    """
    check_lang(lang)
    if _is_missing(value):
        return MISSING_TEXT
    return _digits(Decimal(int(value)), 0, lang, group=True)


def format_number(value, decimals: int = 1, lang: str = "sv") -> str:
    """A number with a fixed number of decimals, decimal comma in Swedish.

    >>> format_number(4.03, 2)
    '4,03'
    >>> format_number(-0.004, 2)
    '0,00'
    """
    check_lang(lang)
    if _is_missing(value):
        return MISSING_TEXT
    return _digits(_round_half_up(value, decimals), decimals, lang, group=True)


def format_percent(share, decimals: int = 0, lang: str = "sv", sign: bool = True) -> str:
    """A share in [0, 1] as a percentage: ``48 %`` (sv) or ``48%`` (en).

    ``sign=False`` leaves out the per cent sign (for a column headed "%").
    NaN (e.g. the share of an empty group) gives ``–``.

    >>> format_percent(0.125, 1)
    '12,5\\xa0%'
    >>> format_percent(0.125, lang="en")
    '13%'
    """
    check_lang(lang)
    if _is_missing(share):
        return MISSING_TEXT
    pct = Decimal(repr(float(share))) * 100
    digits = _digits(pct.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), decimals, lang)
    if not sign:
        return digits
    return digits + (NBSP + "%" if lang == "sv" else "%")


def format_n_percent(n, share, decimals: int = 0, lang: str = "sv") -> str:
    """The ``n (%)`` cell of a descriptive table: ``224 (54 %)``.

    >>> format_n_percent(9, float("nan"))
    '9'
    """
    count = format_count(n, lang)
    if _is_missing(n):
        return MISSING_TEXT
    if _is_missing(share):
        return count
    return f"{count} ({format_percent(share, decimals, lang)})"


def format_interval(low, high, decimals: int = 0, lang: str = "sv", percent: bool = False) -> str:
    """A confidence interval: ``48–60 %`` (sv), ``48–60%`` (en); ``-5 till 3`` when a bound is negative.

    ``percent=True`` reads the bounds as shares and prints percentages (or
    percentage points for a difference of shares).

    >>> format_interval(0.48, 0.6, percent=True, lang="en")
    '48–60%'
    >>> format_interval(-0.052, 0.031, decimals=1, percent=True)
    '-5,2 till 3,1\\xa0%'
    """
    check_lang(lang)
    if _is_missing(low) or _is_missing(high):
        return MISSING_TEXT
    scale = 100 if percent else 1
    lo = format_number(float(Decimal(repr(float(low))) * scale), decimals, lang)
    hi = format_number(float(Decimal(repr(float(high))) * scale), decimals, lang)
    negative = lo.startswith("-") or hi.startswith("-")
    joined = f"{lo} {catalogue.text('format.to', lang)} {hi}" if negative else f"{lo}–{hi}"
    if percent:
        joined += NBSP + "%" if lang == "sv" else "%"
    return joined


def format_p(p, lang: str = "sv") -> str:
    """A p-value: ``<0,001``; three decimals below 0.1, two above; ``>0,99``.

    >>> format_p(0.0004), format_p(0.0312, "en"), format_p(0.4449)
    ('<0,001', '0.031', '0,44')
    """
    check_lang(lang)
    if _is_missing(p):
        return MISSING_TEXT
    p = float(p)
    if not 0 <= p <= 1:
        raise ValueError(f"a p-value must lie in [0, 1], got {p!r}")
    if p < 0.001:
        return "<" + format_number(0.001, 3, lang)
    if p > 0.99:
        return ">" + format_number(0.99, 2, lang)
    decimals = 3 if p < 0.1 else 2
    return format_number(p, decimals, lang)


def format_p_statement(p, lang: str = "sv") -> str:
    """A p-value in running text: ``p < 0,001``, ``p = 0,031``, ``p > 0,99``.

    :func:`format_p` is the table cell (``<0,001``); put ``p = `` in front of
    it and a small p reads ``p = <0,001``. Here the relation is the sign.

    >>> format_p_statement(0.0004), format_p_statement(0.0312, "en"), format_p_statement(0.999)
    ('p < 0,001', 'p = 0.031', 'p > 0,99')
    """
    cell = format_p(p, lang)
    if cell == MISSING_TEXT:
        return f"p = {cell}"
    if cell[0] in "<>":
        return f"p {cell[0]} {cell[1:]}"
    return f"p = {cell}"


def format_mean_sd(mean, sd, decimals: int = 1, lang: str = "sv") -> str:
    """``4,0 (1,9)``: mean (standard deviation)."""
    if _is_missing(mean):
        return MISSING_TEXT
    return f"{format_number(mean, decimals, lang)} ({format_number(sd, decimals, lang)})"


def format_median_iqr(median, q1, q3, decimals: int = 0, lang: str = "sv") -> str:
    """``12 (7–15)``: median (first quartile – third quartile)."""
    if _is_missing(median):
        return MISSING_TEXT
    return f"{format_number(median, decimals, lang)} ({format_interval(q1, q3, decimals, lang)})"
