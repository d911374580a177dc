"""The item tables of webbkollen_lib/systems/ubu/README.md, made from the codebook.

``python tools/ubu_readme_tables.py --write`` puts them into the README between
its table markers; ``tests/test_ubu_io.py`` checks the README holds exactly
what this prints, so the README cannot drift from the codebook.
"""

import sys
from pathlib import Path

from webbkollen_lib.systems.ubu.instrument import PARTS, get_ubu_codebook, items

cb = get_ubu_codebook()
SCALES = ("skala_skolresultat", "skala_forandring", "skala_grad", "skala_instammer")


def scale_of(v):
    if v.kind == "yesno":
        return "Ja/Nej"
    mine = [(c.code, c.sv) for c in v.codes]
    return next(s for s in SCALES if [(c.code, c.sv) for c in cb[s].codes] == mine)


def tables() -> str:
    """The README's item tables, made from the codebook."""
    out: list[str] = []
    out.append("| id | part | area | pair | ordalydelse | scale | Swedish wording (label) |")
    out.append("|---|---|---|---|---|---|---|")
    for part in PARTS:
        for i in items(part):
            v, a = cb[i], cb[i].attrs
            rev = " (reversed)" if a.get("omvand") else ""
            out.append(f"| `{v.id}` | {part} | {a.get('area') or '–'} | {a.get('pair') or '–'} | "
                  f"{a.get('ordalydelse')} | {scale_of(v)}{rev} | {v.label_sv} |")
    out.append("")
    out.append("### Background (the social worker fills these in)")
    out.append("")
    out.append("| id | ordalydelse | Swedish label | values |")
    out.append("|---|---|---|---|")
    for v in cb.for_dataset("ubu"):
        if v.attrs.get("part"):
            continue
        if v.kind == "single":
            values = "; ".join(f"`{c.code}`" + (" (outside UBU)" if c.attrs.get("utanfor") else "") for c in v.codes)
        elif v.kind == "integer":
            values = f"whole number {v.min}–{v.max}"
        else:
            values = {"yesno": "Ja/Nej", "text": "text"}[v.kind]
        out.append(f"| `{v.id}` | {v.attrs.get('ordalydelse') or '– (not marked)'} | {v.label_sv} | {values} |")
    out.append("")
    out.append("### Answer scales and missing reasons")
    out.append("")
    out.append("| scale | ordalydelse | 1 | 2 | 3 | 4 | 5 | \"-\" alternatives (missing reasons) |")
    out.append("|---|---|---|---|---|---|---|---|")
    for s in SCALES:
        v = cb[s]
        scores = [c.sv for c in v.codes if c.code in "12345"]
        reasons = "; ".join(f"`{c.code}` {c.sv}" + (f" (also: {', '.join(c.aliases)})" if c.aliases else "")
                            for c in v.codes if c.code not in "12345")
        out.append(f"| `{s}` | {v.attrs.get('ordalydelse')} | " + " | ".join(scores) + f" | {reasons} |")
    return "\n".join(out) + "\n"


README = Path(__file__).resolve().parents[1] / "webbkollen_lib" / "systems" / "ubu" / "README.md"
START, END = "<!-- tables: start (tools/ubu_readme_tables.py) -->", "<!-- tables: end -->"


def with_tables(readme: str) -> str:
    """The README text with the tables between the markers replaced by :func:`tables`."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{tables()}{END}{tail}"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    if "--write" in sys.argv[1:]:
        README.write_text(with_tables(text), encoding="utf-8")
    else:
        print(tables(), end="")
