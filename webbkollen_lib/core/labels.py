"""The label catalogue: every word a person reads that is not a codebook label, in Swedish and English.

Table words ("Saknas", "Totalt"), sentence templates of the reports, plot and
widget texts, notes and footnotes all live in ``labels.yaml`` beside this
module, one entry per text, each with a Swedish (``sv``, the default) and an
English (``en``) version. Entries are grouped by area and looked up by a
dotted key: ``table.missing``, ``comparisons.test.chi2``, ``report.s_goal``,
``plot.share``, ``explorer.reset``, ``workshop.form.submit``,
``batch.summary``, ``disclosure.footnote``, …

What a variable or an answer option is called (``kon`` -> "Kön", ``flicka``
-> "Flicka") is *not* here: those labels belong to the data contract and stay
in the codebook (``systems/webbkollen/codebook.yaml``), read through
:mod:`webbkollen_lib.core.codebook`.

Templates hold ``{placeholders}`` that :func:`text` fills; the Swedish and
English version of an entry have the same placeholders (a test checks it).
This module is also the one place that decides which languages exist
(:data:`LANGS`) and how a bad ``lang`` is refused (:func:`check_lang`).

Examples
--------
>>> text("table.missing")
'Saknas'
>>> text("table.n_label", "en", label="Boy", n=3)
'Boy (n = 3)'
>>> labels("change", "en")["higher"]
'Higher'
"""

from __future__ import annotations

import difflib
import string
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["LANGS", "check_lang", "text", "labels", "by_lang", "by_key", "keys", "catalogue", "placeholders"]

#: The languages every label exists in; the first is the default.
LANGS = ("sv", "en")

_RESOURCE = "labels.yaml"


def check_lang(lang, *, allow_none: bool = False):
    """Return ``lang`` if labels exist in it, else raise a ValueError naming it and the allowed ones.

    ``allow_none=True`` also lets ``None`` through (functions where None means
    "keep the codes, no labels").

    >>> check_lang("en")
    'en'
    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of sv, en, not 'de'
    """
    if lang is None and allow_none:
        return None
    if not isinstance(lang, str) or lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}{' or None' if allow_none else ''}, not {lang!r}")
    return lang


def _flatten(node, prefix: str, out: dict) -> None:
    if not isinstance(node, dict) or not node:
        raise ValueError(f"{_RESOURCE}: {prefix or 'the top level'} must be a group of entries or an entry with sv and en")
    if set(node) == set(LANGS):
        for lang in LANGS:
            if not isinstance(node[lang], str):
                raise ValueError(f"{_RESOURCE}: {prefix}.{lang} must be text, got {node[lang]!r}")
        out[prefix] = {lang: node[lang] for lang in LANGS}
        return
    for name, child in node.items():
        if not isinstance(name, str) or not name or "." in name:
            raise ValueError(f"{_RESOURCE}: key {name!r} under {prefix or 'the top level'} must be a non-empty name without dots")
        if name in LANGS:
            raise ValueError(f"{_RESOURCE}: {prefix or 'the top level'} mixes languages and named entries; "
                             f"an entry has exactly the keys {', '.join(LANGS)}")
        _flatten(child, f"{prefix}.{name}" if prefix else name, out)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every entry: dotted key -> ``{"sv": ..., "en": ...}``, in file order (read once, cached; read-only)."""
    raw = yaml.safe_load(resources.files(__package__).joinpath(_RESOURCE).read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    _flatten(raw, "", out)
    return out


def keys(prefix: str = "") -> list[str]:
    """Every key, or those in the group ``prefix`` (at any depth), in file order."""
    if not prefix:
        return list(catalogue())
    return [k for k in catalogue() if k.startswith(prefix + ".")]


def _unknown(key: str) -> KeyError:
    close = difflib.get_close_matches(key, catalogue(), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return KeyError(f"no label {key!r} in the catalogue (webbkollen_lib/core/{_RESOURCE}){hint}")


def text(key: str, lang: str = "sv", **fields) -> str:
    """The text of one entry in ``lang``, its ``{placeholders}`` filled from ``fields``.

    Without fields the template is returned as it is (to fill later).

    >>> text("table.n_header", "sv", label="Pojke", n="224")
    'Pojke, N = 224'
    """
    check_lang(lang)
    try:
        template = catalogue()[key][lang]
    except KeyError:
        raise _unknown(key) from None
    return template.format(**fields) if fields else template


def labels(prefix: str, lang: str = "sv") -> dict[str, str]:
    """The entries directly in group ``prefix``: last key part -> text in ``lang``, in file order.

    >>> labels("comparisons.effect", "en")["cramers_v"]
    "Cramér's V"
    """
    check_lang(lang)
    return dict(_group(prefix, lang))  # a copy: callers may change their dict, never the cache


@lru_cache(maxsize=None)
def _group(prefix: str, lang: str) -> dict[str, str]:
    # Reports look up the same few groups for every table they protect; scanning
    # the whole catalogue each time was a measurable part of a report's time.
    start = prefix + "."
    out = {k[len(start):]: v[lang] for k, v in catalogue().items() if k.startswith(start) and "." not in k[len(start):]}
    if not out:
        raise _unknown(prefix)
    return out


def by_lang(prefix: str) -> dict[str, dict[str, str]]:
    """``{lang: labels(prefix, lang)}``: the shape of tables indexed ``[lang][name]``."""
    return {lang: labels(prefix, lang) for lang in LANGS}


def by_key(prefix: str) -> dict[str, dict[str, str]]:
    """``{name: {"sv": ..., "en": ...}}``: the shape of tables indexed ``[name][lang]``."""
    table = by_lang(prefix)
    return {name: {lang: table[lang][name] for lang in LANGS} for name in table[LANGS[0]]}


def placeholders(template: str) -> set[str]:
    """The names of the ``{placeholders}`` of a template.

    >>> sorted(placeholders("{label}, N = {n}"))
    ['label', 'n']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
