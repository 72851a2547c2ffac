"""The package's import structure: no cycles between modules, no reaching into another package's private names.

Read from the source with ast (no import runs), so the test sees imports inside functions too:
a cycle hidden in a function body is still a cycle in the design. Imports under
``if TYPE_CHECKING:`` are left out: they name a type for a checker and never run.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mapapp"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "node_modules" not in p.parts}


# An import of another package's private name, kept for a reason written here; none today (the matcher
# keeps its own compiled automaton, mapapp.match_cache, so the gazetteer no longer makes its records).
KNOWN_PRIVATE_IMPORTS: set[str] = set()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    return skip


def _imports(path: Path, name: str, known: set[str]) -> set[tuple[str, str]]:
    """(module imported, name imported from it or '') for every mapapp import in the file that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skip = _type_checking_nodes(tree)
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {(a.name, "") for a in node.names if a.name.startswith("mapapp")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("mapapp"):
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add((sub, "") if sub in known else (base, a.name))
    return out


def _graph():
    mods = _modules()
    known = set(mods)
    return mods, {m: _imports(p, m, known) for m, p in mods.items()}


def _owner(module: str, known: set[str]) -> str:
    while module not in known and "." in module:
        module = module.rpartition(".")[0]
    return module


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _is_parent(a: str, b: str) -> bool:
    return b.startswith(a + ".")


def test_no_import_cycles():
    """Between modules, as they import each other when the code runs."""
    mods, imports = _graph()
    known = set(mods)
    edges = {m: {_owner(t, known) for t, _ in targets} - {m} for m, targets in imports.items()}
    # A package's __init__ re-exports its modules: that is not a dependency of theirs on it.
    edges = {m: {t for t in ts if not _is_parent(m, t)} for m, ts in edges.items()}
    assert _cycles(edges) == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_reaches_into_another_packages_private_names():
    mods, imports = _graph()
    known = set(mods)
    found = []
    for m, targets in imports.items():
        here = m if mods[m].name == "__init__.py" else m.rpartition(".")[0]
        for target, name in targets:
            owner = _owner(target, known)
            there = owner if mods[owner].name == "__init__.py" else owner.rpartition(".")[0]
            private_module = any(_private(part) for part in owner.split(".")[len(there.split(".")) - 1:] if part)
            if (private_module or _private(name)) and here != there:
                found.append(f"{m} -> {target}{'.' + name if name else ''}")
    assert sorted(set(found) - KNOWN_PRIVATE_IMPORTS) == []


def test_the_checks_see_what_they_look_for(tmp_path):
    """The graph is read right: a cycle and a private import planted in a copy are found."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    mods = _modules()
    assert "mapapp.pipeline" in mods and "mapapp.zones.describe" in mods
    imports = _imports(mods["mapapp.pipeline"], "mapapp.pipeline", set(mods))
    assert ("mapapp.zones", "describe_zones") in imports
