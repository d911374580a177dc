"""The label catalogue (webbkollen_lib/core/labels.yaml) is the one place for every word a person reads.

Each entry exists in Swedish and English with the same placeholders; every
key the library looks up exists; and no module keeps its own Swedish/English
dictionary beside the catalogue.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from webbkollen_lib.core import labels
from webbkollen_lib.core.labels import LANGS, by_key, by_lang, catalogue, check_lang, placeholders, text

PACKAGE = Path(__file__).resolve().parents[1] / "webbkollen_lib"
CATALOGUE_MODULE = "core/labels.py"

# Functions of the catalogue module: name -> what their first argument is.
_LOOKUPS = {"text": "key", "labels": "group", "by_lang": "group", "by_key": "group"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


# ---------------------------------------------------------------------------
# the entries
# ---------------------------------------------------------------------------


def test_the_catalogue_has_entries_in_every_area():
    areas = {key.split(".")[0] for key in catalogue()}
    expected = {"table", "comparisons", "change", "derived", "disclosure", "plot", "report", "batch", "explorer", "workshop"}
    assert expected <= areas, f"areas missing from labels.yaml: {sorted(expected - areas)}"
    assert len(catalogue()) > 150


@pytest.mark.parametrize("key", list(catalogue()))
def test_every_entry_has_non_empty_swedish_and_english(key):
    entry = catalogue()[key]
    assert set(entry) == set(LANGS), f"{key}: has {sorted(entry)}, needs exactly {LANGS}"
    for lang in LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), f"{key}.{lang} is empty"
        assert entry[lang] == entry[lang].strip(), f"{key}.{lang} has space at an end: {entry[lang]!r}"


def test_swedish_and_english_have_the_same_placeholders():
    wrong = []
    for key, entry in catalogue().items():
        try:
            sv, en = placeholders(entry["sv"]), placeholders(entry["en"])
        except ValueError as exc:  # an unbalanced brace
            wrong.append(f"{key}: not a valid template ({exc})")
            continue
        if sv != en:
            wrong.append(f"{key}: sv has {sorted(sv)}, en has {sorted(en)}")
    assert not wrong, "placeholders differ between the languages:\n" + "\n".join(wrong)


def test_placeholders_are_names_not_positions():
    bad = [f"{key}.{lang}" for key, entry in catalogue().items() for lang in LANGS
           if any(not name or name.isdigit() for name in placeholders(entry[lang]))]
    assert not bad, f"use named placeholders ({{label}}), not {{}} or {{0}}: {bad}"


# ---------------------------------------------------------------------------
# the API
# ---------------------------------------------------------------------------


def test_text_fills_placeholders_and_defaults_to_swedish():
    assert text("table.missing") == "Saknas"
    assert text("table.missing", "en") == "Missing"
    assert text("table.n_header", "sv", label="Pojke", n="224") == "Pojke, N = 224"
    assert text("table.n_header") == "{label}, N = {n}"  # no fields: the template, to fill later


def test_an_unknown_key_names_the_close_ones():
    with pytest.raises(KeyError, match=r"table\.misssing.*table\.missing"):
        text("table.misssing")
    with pytest.raises(KeyError, match="no label 'nothing.like.it'"):
        text("nothing.like.it")


@pytest.mark.parametrize("bad", ["de", "SV", "", None, 1])
def test_a_bad_language_is_refused_naming_it_and_the_allowed_ones(bad):
    with pytest.raises(ValueError, match=r"lang must be one of sv, en, not " + repr(bad).replace("(", r"\(")):
        check_lang(bad)
    with pytest.raises(ValueError, match="lang"):
        text("table.missing", bad)


def test_none_is_a_language_only_where_allowed():
    assert check_lang(None, allow_none=True) is None
    with pytest.raises(ValueError, match="lang must be one of sv, en or None, not 'de'"):
        check_lang("de", allow_none=True)


def test_group_helpers_return_the_direct_entries_of_a_group():
    assert labels.labels("change", "en")["higher"] == "Higher"
    assert by_lang("change")["sv"]["higher"] == "Högre"
    assert by_key("comparisons.test")["fisher"] == {"sv": "Fishers exakta test", "en": "Fisher's exact test"}
    report = labels.labels("report", "sv")
    assert "title" in report and "caveat" not in report, "a subgroup is not an entry of its parent"
    assert len(labels.labels("report.caveat", "sv")) == 4
    with pytest.raises(KeyError, match="no label 'plots'"):
        labels.labels("plots", "sv")


# ---------------------------------------------------------------------------
# the library looks up only keys that exist
# ---------------------------------------------------------------------------


def _lookups(path: Path) -> list[tuple[int, str, str]]:
    """(line, kind, key or group or prefix) of every catalogue lookup in a module.

    Calls through ``from webbkollen_lib.core import labels as X`` (``X.text(...)``),
    through names imported from ``webbkollen_lib.core.labels``, and through
    :func:`webbkollen_lib.core.formatting.text` (a key of the ``table`` group).
    A literal argument is a key or group; an f-string's literal start is a prefix
    that some key must have.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, functions, table_text = set(), {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "webbkollen_lib.core":
            modules |= {a.asname or a.name for a in node.names if a.name == "labels"}
        elif isinstance(node, ast.ImportFrom) and node.module == "webbkollen_lib.core.labels":
            functions |= {(a.asname or a.name): a.name for a in node.names if a.name in _LOOKUPS}.items()
        elif isinstance(node, ast.ImportFrom) and node.module == "webbkollen_lib.core.formatting":
            table_text |= {a.asname or a.name for a in node.names if a.name == "text"}
    functions = dict(functions)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f, kind, prefix = node.func, None, ""
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in modules and f.attr in _LOOKUPS:
            kind = _LOOKUPS[f.attr]
        elif isinstance(f, ast.Name) and f.id in functions:
            kind = _LOOKUPS[functions[f.id]]
        elif isinstance(f, ast.Name) and f.id in table_text:
            kind, prefix = "key", "table."
        if kind is None:
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, kind, prefix + arg.value))
        elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            found.append((node.lineno, "prefix", prefix + arg.values[0].value))
        elif prefix:
            found.append((node.lineno, "prefix", prefix))
    return found


def test_every_key_the_library_looks_up_exists():
    keys = catalogue()
    missing, n = [], 0
    for path in _modules():
        rel = _rel(path)
        if rel == CATALOGUE_MODULE:
            continue
        for line, kind, name in _lookups(path):
            n += 1
            if kind == "key":
                ok = name in keys
            elif kind == "group":
                ok = any(k.startswith(name + ".") and "." not in k[len(name) + 1:] for k in keys)
            else:
                ok = any(k.startswith(name) for k in keys)
            if not ok:
                missing.append(f"webbkollen_lib/{rel}:{line}: {kind} {name!r}")
    assert n > 60, f"only {n} catalogue lookups found: the scan no longer sees how modules call the catalogue"
    assert not missing, "lookups of labels that are not in labels.yaml:\n" + "\n".join(missing)


def test_the_lookup_scan_sees_each_kind_of_call(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from webbkollen_lib.core import labels as catalogue\n"
        "from webbkollen_lib.core.formatting import text\n"
        "catalogue.text('plot.share', 'sv')\n"
        "catalogue.labels('change', 'sv')\n"
        "catalogue.text(f'comparisons.test.{t}', 'sv')\n"
        "text('missing', 'sv')\n",
        encoding="utf-8",
    )
    assert _lookups(module) == [
        (3, "key", "plot.share"), (4, "group", "change"), (5, "prefix", "comparisons.test."), (6, "key", "table.missing"),
    ]


# ---------------------------------------------------------------------------
# no Swedish/English dictionaries outside the catalogue
# ---------------------------------------------------------------------------


def _language_dicts(path: Path, rel: str) -> list[str]:
    """Dict literals with both "sv" and "en" keys anywhere, and module-level dicts with an "sv" or "en" key."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def keys_of(node: ast.Dict) -> set:
        return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}

    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and {"sv", "en"} <= keys_of(node):
            inner = next((k.value for k in node.keys if isinstance(k, ast.Constant) and k.value in LANGS), "sv")
            found.append(f"webbkollen_lib/{rel}:{node.lineno}: dict with keys 'sv' and 'en' (first {inner!r})")
    for stmt in tree.body:
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        targets = [t.id for t in getattr(stmt, "targets", [getattr(stmt, "target", None)]) if isinstance(t, ast.Name)]
        if isinstance(value, ast.Dict):
            langs = keys_of(value) & set(LANGS)
            if langs and not {"sv", "en"} <= langs:
                found.append(f"webbkollen_lib/{rel}:{stmt.lineno}: {', '.join(targets) or 'dict'} is keyed by {sorted(langs)}")
    return found


def test_no_module_keeps_its_own_swedish_and_english_texts():
    found = []
    for path in _modules():
        rel = _rel(path)
        if rel == CATALOGUE_MODULE:
            continue
        found += _language_dicts(path, rel)
    assert not found, (
        "Swedish/English texts belong in webbkollen_lib/core/labels.yaml (look them up with "
        "webbkollen_lib.core.labels); found:\n" + "\n".join(found)
    )


def test_the_dictionary_scan_finds_both_forms(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        'WORDS = {"sv": {"a": "A"}, "en": {"a": "A"}}\n'
        'OTHER = {"x": {"sv": "X", "en": "Y"}}\n'
        'HALF = {"sv": "bara svenska"}\n'
        'FINE = {"kon": "Kön"}\n'
        "def f():\n    return {'sv': 1, 'en': 2}\n",
        encoding="utf-8",
    )
    found = _language_dicts(sample, "probe.py")
    assert sorted(int(f.split(":")[1]) for f in found) == [1, 2, 3, 6]
    assert any("HALF is keyed by ['sv']" in f for f in found)
