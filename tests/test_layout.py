"""The package layout (issue 14): no import cycle anywhere, long modules say why.

Imports are read from the source (every ``import`` and ``from ... import``: at module
level, inside functions and under ``TYPE_CHECKING`` alike), so a cycle that only shows
when a lazy import runs, or only to the type checker, fails here too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import burden

PACKAGE = Path(burden.__file__).parent
LONG_MODULE = 600  # lines; a longer module states at its top why it is one module


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of the package that `path` imports (a name imported from a package
    counts as its submodule when there is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if not node.module.startswith("burden"):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
    return found & set(modules)


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        # A submodule importing from its own package (its __init__) is how Python
        # loads it in any case, not a cycle of the code.
        graph[name] = {
            t for t in _imports(path, modules) if t != name and not name.startswith(t + ".")
        }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root, children_of_root in graph.items():
        if root in index:
            continue
        work = [(root, iter(sorted(children_of_root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_the_package() -> None:
    assert _cycles(_graph()) == []


def test_the_graph_sees_lazy_and_type_only_imports() -> None:
    graph = _graph()
    # burden.cli imports the report only inside a function (a fast --version).
    assert "burden.report.seed" in graph["burden.cli"] or "burden.report" in str(
        graph["burden.cli"]
    )
    assert "burden.money" in graph["burden.compare._compare"]


def test_long_modules_state_why_they_are_one_module() -> None:
    unexplained = []
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LONG_MODULE:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "Why one module:" not in doc:
            unexplained.append(f"{name} ({text.count(chr(10))} lines)")
    assert unexplained == [], "state 'why one module' at the top of: " + ", ".join(unexplained)
