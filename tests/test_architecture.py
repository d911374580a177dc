"""The package's layout is its architecture (docs/architecture.md): these tests keep it true.

Layers, bottom to top; a module may import from its own layer's folder and
from the layers below it, never from above:

    core  <  systems  <  io  <  analysis, agreement, disclosure, synthetic  <  present, plots  <  reports, teaching, web  <  cli

Imports sit at module top, so the import graph below is the whole graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "webbkollen_lib"

# Rank of each top-level part of the package; a module may import only parts of lower or equal rank.
LAYERS = {
    "core": 0,
    "systems": 1,
    "io": 2,
    "analysis": 3, "agreement": 3, "disclosure": 3, "synthetic": 3,
    "present": 4, "plots": 4,
    "reports": 5, "teaching": 5, "web": 5,
    "cli": 6, "__main__": 7, "__init__": 8,
}
# Within the same rank these directions are allowed (the other one is not): a single order keeps them acyclic.
SAME_RANK = {
    ("analysis", "disclosure"), ("synthetic", "io"), ("plots", "present"), ("agreement", "analysis"),
    ("teaching", "reports"), ("web", "teaching"),
}

# Imports that must stay inside a function, and why.
FUNCTION_IMPORTS_ALLOWED = {
    # the function's source is sent to and run inside a fresh Jupyter kernel
    ("reports/warm_kernel.py", "_kernel_install"),
    # dask.distributed is optional (the `distributed` extra) and slow to import: only for --scheduler
    ("cli.py", "_dask_client"),
    # playwright is optional (the `pdf` extra): only for `webbkollen batch --format pdf`
    ("reports/pdf.py", "_playwright"),
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[str, int, str | None]]:
    """(imported module, line, enclosing function or None) for every import of a webbkollen_lib module.

    ``from webbkollen_lib import __version__`` is not counted: the root package
    imports nothing eagerly, so reading its version ties no layers together.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, func):
        for child in ast.iter_child_nodes(node):
            f = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = _name(path).split(".")
                    if path.name != "__init__.py":
                        pkg = pkg[:-1]
                    pkg = pkg[: len(pkg) - (child.level - 1)]
                    base = ".".join(pkg + ([base] if base else []))
                if base.startswith("webbkollen_lib"):
                    for alias in child.names:
                        if base == "webbkollen_lib" and alias.name == "__version__":
                            continue
                        sub = f"{base}.{alias.name}"
                        found.append((sub if _is_module(sub) else base, child.lineno, func))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("webbkollen_lib"):
                        found.append((alias.name, child.lineno, func))
            visit(child, f)

    visit(tree, None)
    return found


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        name = _name(path)
        graph[name] = {m for m, _, _ in _imports(path) if m != name}
    return graph


def test_every_subpackage_is_a_known_layer():
    parts = {_part(_name(p)) for p in _modules()}
    assert parts <= set(LAYERS), f"new top-level parts without a layer: {sorted(parts - set(LAYERS))}; add them to LAYERS and docs/architecture.md"


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def dfs(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            # a package's __init__ importing its own submodules is how re-exports work, not a cycle
            if state.get(nxt) == 1 and not (node.startswith(nxt + ".") or nxt.startswith(node + ".")):
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                dfs(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            dfs(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_imports_only_go_down_the_layers():
    wrong = []
    for path in _modules():
        name = _name(path)
        src = _part(name)
        for target, line, _ in _imports(path):
            dst = _part(target)
            if src == dst or src == "__init__":
                continue
            if LAYERS[dst] > LAYERS[src] or (LAYERS[dst] == LAYERS[src] and (src, dst) not in SAME_RANK):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {src} imports {target} ({dst})")
    assert not wrong, "imports against the layers (docs/architecture.md):\n" + "\n".join(wrong)


def test_imports_are_at_module_top():
    inside = []
    for path in _modules():
        rel = str(path.relative_to(PACKAGE))
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node, func):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if (rel, child.name) in FUNCTION_IMPORTS_ALLOWED:
                        continue  # nested functions included: they run where their parent runs
                    visit(child, child.name)
                elif isinstance(child, (ast.Import, ast.ImportFrom)) and func is not None:
                    inside.append(f"{rel}:{child.lineno} in {func}()")
                else:
                    visit(child, func)

        visit(tree, None)
    # the top-level __init__ imports lazily on purpose (cheap `import webbkollen_lib` in report kernels)
    inside = [i for i in inside if not i.startswith("__init__.py:")]
    assert not inside, "imports inside functions hide the dependency graph:\n" + "\n".join(sorted(set(inside)))


@pytest.mark.parametrize("name", ["load_cases", "read_registrations", "summary_table", "compare_groups",
                                  "MissingColumnError", "DataError", "run_batch"])
def test_the_top_level_api_stays(name):
    import webbkollen_lib

    assert name in webbkollen_lib.__all__
    assert getattr(webbkollen_lib, name) is not None


def test_the_architecture_document_names_every_layer():
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [part for part in LAYERS if part not in ("__main__", "__init__", "cli") and f"`{part}" not in doc]
    assert not missing, f"docs/architecture.md does not describe: {missing}"
