"""The vignettes of the Webbkollen agreement tests (report §3.3): their texts and the report's counts.

The five constructed cases (Assi, Max, Jamila, Tobias, Mohammad) are
definitions of the Webbkollen system, shipped as package data:

* the texts, one YAML file each in ``data/vignettes/`` beside this module
  (the format is documented in ``data/vignettes/README.md``; a trainer can
  write a vignette of their own in the same format), read and checked by
  :func:`read_vignette_text` and :func:`load_vignette_texts`;
* every count the report gives for the ratings (``data/vignette_counts.csv``),
  :func:`published_vignette_counts`, and :func:`compare_vignettes_with_published`
  to hold any ratings frame against them.
"""

from __future__ import annotations

import difflib
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import DataError, Problem

__all__ = [
    "VIGNETTES_DIR",
    "COUNTS_FILE",
    "published_vignette_counts",
    "compare_vignettes_with_published",
    "load_vignette_texts",
    "read_vignette_text",
]

_DATA = resources.files(__package__) / "data"
VIGNETTES_DIR = Path(str(_DATA / "vignettes"))
COUNTS_FILE = Path(str(_DATA / "vignette_counts.csv"))

_FACT_KINDS = ("risk", "skydd")
_FACT_AREAS = ("barnets_utveckling", "foraldrarnas_formaga", "familj_miljo")


def _group_columns(group: str) -> list[str]:
    return get_codebook()[group].columns


def _insats_form() -> dict[str, str]:
    """insats code -> "oppenvard" / "heldygn", from the codebook's ``insats`` variable."""
    return {c.code: c.attrs["form"] for c in get_codebook()["insats"].codes}


# ---------------------------------------------------------------------------
# published counts
# ---------------------------------------------------------------------------

def published_vignette_counts(path=None) -> pd.DataFrame:
    """Every count the report gives for the vignette ratings (``data/vignette_counts.csv``).

    One row per count: ``test``, ``vinjett``, ``variable`` (a data column, or
    a derived quantity, see :func:`compare_vignettes_with_published`),
    ``code`` (the code counted; ``True`` for an option column, ``inte_kant``
    for a missing risk), ``count``, ``n`` (ratings of the vignette),
    ``basis`` (``reported`` = stated in the report; ``implied`` = follows
    from the report's numbers, e.g. zero for an option its full list of
    answers does not name; ``decision`` = our reading where the report is
    ambiguous or silent) and ``source`` (the passage, report §3.3).
    """
    path = Path(path) if path is not None else COUNTS_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for c in ("test", "count", "n"):
        frame[c] = frame[c].astype(int)
    return frame


def _reproduce(sub: pd.DataFrame, variable: str, code: str) -> int:
    if variable == "vinjett":
        return int(len(sub))
    if variable == "risk":
        hit = sub["risk"].isna() if code == "inte_kant" else sub["risk"] == code
        return int(hit.sum())
    if variable in ("oppenvard", "vard_utanfor_hemmet"):
        form = "oppenvard" if variable == "oppenvard" else "heldygn"
        columns = [f"insats_{code}" for code, f in _insats_form().items() if f == form]
        return int(sub[columns].fillna(False).any(axis=1).sum())
    if variable == "hem_bristande_omsorg_och_annat":
        return int((sub["hem_bristande_omsorg"].fillna(False) & sub["hem_annat"].fillna(False)).sum())
    if variable in ("fokus_ovriga_omraden_min", "fokus_ovriga_omraden_max"):
        others = [c for c in _group_columns("fokus")
                  if c not in ("fokus_kanslor_beteende", "fokus_stimulans_vagledning")]
        per_area = sub[others].fillna(False).sum()
        return int(per_area.min() if variable.endswith("_min") else per_area.max())
    if variable in sub.columns and code in ("True", "False"):
        return int((sub[variable] == (code == "True")).fillna(False).sum())
    raise ValueError(f"vignette_counts: unknown variable/code {variable!r}/{code!r}")


def compare_vignettes_with_published(ratings: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each published count next to the count in ``ratings``.

    Returns the rows of :func:`published_vignette_counts` with ``published``
    (the report's count), ``reproduced`` (the same count in ``ratings``),
    ``n_reproduced`` (ratings of that vignette) and ``ok`` (both equal).
    Derived variables: ``vinjett`` (number of ratings), ``oppenvard`` /
    ``vard_utanfor_hemmet`` (raters ticking any open-care / out-of-home
    intervention), ``hem_bristande_omsorg_och_annat`` (both ticked),
    ``fokus_ovriga_omraden_min`` / ``_max`` (fewest / most raters ticking
    any focus area other than emotions-and-behaviour and stimulation-and-guidance).
    """
    published = published_vignette_counts() if published is None else published
    rows = []
    for rec in published.itertuples(index=False):
        sub = ratings[ratings["vinjett"].astype(str) == rec.vinjett]
        rows.append({"reproduced": _reproduce(sub, rec.variable, rec.code), "n_reproduced": int(len(sub))})
    out = published.rename(columns={"count": "published"}).reset_index(drop=True)
    out = pd.concat([out, pd.DataFrame(rows)], axis=1)
    out["ok"] = (out["published"] == out["reproduced"]) & (out["n"] == out["n_reproduced"])
    return out[["test", "vinjett", "variable", "code", "n", "published", "reproduced", "n_reproduced",
                "ok", "basis", "source"]]


# ---------------------------------------------------------------------------
# vignette texts (YAML)
# ---------------------------------------------------------------------------

_REQUIRED = ("id", "name", "age", "title_sv", "text_sv", "facts")
_OPTIONAL = ("test", "title_en", "text_en", "source", "participant_title_sv", "participant_title_en")
_FACT_REQUIRED = ("id", "kind", "sv")
_FACT_OPTIONAL = ("en", "area")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _key_lines(text: str) -> dict[tuple, int]:
    """Line number (1-based) of every mapping key and sequence item, by path."""
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = path + (k.value,)
                lines[key] = k.start_mark.line + 1
                walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[path + (i,)] = item.start_mark.line + 1
                walk(item, path + (i,))

    try:
        walk(yaml.compose(text), ())
    except yaml.YAMLError:
        pass
    return lines


def _key_name(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _is_text(x) -> bool:
    return isinstance(x, str) and x.strip() != ""


def read_vignette_text(path) -> dict:
    """Read and check one vignette file (YAML); raise :class:`DataError` naming file, line and key.

    The format is documented in ``data/vignettes/README.md``. Required keys:
    ``id`` (lower-case ASCII, equal to the file name without ``.yaml``),
    ``name``, ``age`` (0-20), ``title_sv``, ``text_sv`` and ``facts`` (a
    list of risk and protective factors, each with ``id``, ``kind``
    (``risk`` or ``skydd``) and ``sv``, optionally ``en`` and ``area``
    (``barnets_utveckling``, ``foraldrarnas_formaga``, ``familj_miljo``)).
    Optional: ``test``, ``title_en``, ``text_en``, ``source``. Returns a
    dict with every key (missing optional ones as None) plus ``path``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, [Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(path, [Problem(f"not valid YAML: {problem}", line=line)]) from None
    lines = _key_lines(text)
    problems: list[Problem] = []

    def bad(key: tuple, message: str, value=None, allowed=None, suggestion=None):
        where = lines.get(key)
        problems.append(Problem(f"key {_key_name(key)!r}: {message}", line=where, value=value,
                                allowed=allowed, suggestion=suggestion))

    if not isinstance(raw, dict):
        raise DataError(path, [Problem("the file must be a YAML mapping of keys (id: …, name: …, …)",
                                       allowed=", ".join(_REQUIRED + _OPTIONAL))])
    known = _REQUIRED + _OPTIONAL
    for key in raw:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            bad((key,), "unknown key", allowed=", ".join(known), suggestion=close[0] if close else None)
    for key in _REQUIRED:
        if key not in raw or raw[key] is None:
            problems.append(Problem(f"key {key!r}: missing (required)", allowed=", ".join(_REQUIRED)))

    vid = raw.get("id")
    if vid is not None:
        if not isinstance(vid, str) or not _ID.match(vid):
            bad(("id",), "must be lower-case ASCII letters, digits and _ (starting with a letter)", value=vid)
        elif vid != path.stem:
            bad(("id",), f"must equal the file name {path.stem!r} (without .yaml)", value=vid)
    for key in ("name", "title_sv", "text_sv", "title_en", "text_en", "source", "participant_title_sv",
                "participant_title_en"):
        if key in raw and raw[key] is not None and not _is_text(raw[key]):
            bad((key,), "must be non-empty text", value=raw[key])
    age = raw.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 20):
        bad(("age",), "must be a whole number of years", value=age, allowed="0-20")
    test = raw.get("test")
    if test is not None and (isinstance(test, bool) or not isinstance(test, int) or test < 1):
        bad(("test",), "must be a positive whole number (1, 2, …) or left out", value=test)

    facts = raw.get("facts")
    if facts is not None and (not isinstance(facts, list) or not facts):
        bad(("facts",), "must be a list with at least one fact (- id: …, kind: …, sv: …)")
        facts = None
    seen: set[str] = set()
    for i, fact in enumerate(facts or []):
        if not isinstance(fact, dict):
            bad(("facts", i), "each fact must be a mapping with id, kind and sv", value=fact)
            continue
        fknown = _FACT_REQUIRED + _FACT_OPTIONAL
        for key in fact:
            if key not in fknown:
                close = difflib.get_close_matches(str(key), fknown, n=1)
                bad(("facts", i, key), "unknown key", allowed=", ".join(fknown),
                    suggestion=close[0] if close else None)
        for key in _FACT_REQUIRED:
            if key not in fact or fact[key] is None:
                bad(("facts", i), f"fact lacks {key!r} (required)", allowed=", ".join(_FACT_REQUIRED))
        fid = fact.get("id")
        if fid is not None:
            if not isinstance(fid, str) or not _ID.match(fid):
                bad(("facts", i, "id"), "must be lower-case ASCII letters, digits and _", value=fid)
            elif fid in seen:
                bad(("facts", i, "id"), "the same fact id appears twice", value=fid)
            else:
                seen.add(fid)
        kind = fact.get("kind")
        if kind is not None and kind not in _FACT_KINDS:
            close = difflib.get_close_matches(str(kind), _FACT_KINDS, n=1)
            bad(("facts", i, "kind"), "unknown kind of fact", value=kind, allowed=", ".join(_FACT_KINDS),
                suggestion=close[0] if close else None)
        area = fact.get("area")
        if area is not None and area not in _FACT_AREAS:
            close = difflib.get_close_matches(str(area), _FACT_AREAS, n=1)
            bad(("facts", i, "area"), "unknown BBIC area", value=area, allowed=", ".join(_FACT_AREAS),
                suggestion=close[0] if close else None)
        for key in ("sv", "en"):
            if key in fact and fact[key] is not None and not _is_text(fact[key]):
                bad(("facts", i, key), "must be non-empty text", value=fact[key])
            elif _is_text(fact.get(key)) and (";" in fact[key] or fact[key].rstrip().endswith(".")):
                bad(("facts", i, key), "a fact is a short phrase: no ';' and no full stop at the end",
                    value=fact[key])
    if problems:
        raise DataError(path, problems)

    out = {key: raw.get(key) for key in known}
    out["text_sv"] = raw["text_sv"].strip()
    if out["text_en"] is not None:
        out["text_en"] = out["text_en"].strip()
    out["facts"] = [{k: f.get(k) for k in _FACT_REQUIRED + _FACT_OPTIONAL} for f in facts]
    # participants see a title that does not state the disagreement the test should reveal
    out["participant_title_sv"] = out["participant_title_sv"] or f"{out['name']}, {out['age']} år"
    out["participant_title_en"] = out["participant_title_en"] or f"{out['name']}, {out['age']}"
    out["path"] = str(path)
    return out


def load_vignette_texts(directory=None) -> dict:
    """All vignette texts in a directory (``*.yaml``), checked, keyed by id.

    Parameters
    ----------
    directory : path, optional
        Default: the shipped texts in ``data/vignettes/`` (Assi, Max, Jamila,
        Tobias and the invented Mohammad). A trainer can point this at a
        folder of their own files in the same format (``data/vignettes/README.md``).

    Returns
    -------
    dict
        ``{id: vignette}`` ordered by test (files without a test last), then
        by file name. Each vignette is a dict as returned by :func:`read_vignette_text`.

    Raises
    ------
    DataError
        Naming the file, line and key of every problem found (all files are
        checked before raising); also when two files share an id.
    FileNotFoundError
        If the directory does not exist.
    """
    directory = Path(directory) if directory is not None else VIGNETTES_DIR
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such directory of vignette files")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not files:
        raise DataError(directory, [Problem("no vignette files (*.yaml) in the directory")])
    texts, errors = {}, []
    for f in files:
        try:
            v = read_vignette_text(f)
        except DataError as exc:
            errors.append(exc)
            continue
        if v["id"] in texts:
            errors.append(DataError(f, [Problem("the same id as another file", column=None, value=v["id"])]))
            continue
        texts[v["id"]] = v
    if len(errors) == 1:
        raise errors[0]
    if errors:
        problems = [Problem(f"{Path(e.source).name}: {p}") for e in errors for p in e.problems]
        raise DataError(directory, problems)
    order = sorted(texts.values(), key=lambda v: (v["test"] is None, v["test"] or 0, Path(v["path"]).name))
    return {v["id"]: v for v in order}
