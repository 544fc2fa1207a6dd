"""No import circles: modules form layers, so a newcomer can read one without the
other and Python never sees a half-initialised module. Module-level imports must not
form a cycle anywhere in app/ and ui/; in ui/ not even through imports deferred into
functions or ``if TYPE_CHECKING`` (those hid the receipt/verify and
main_window/work_menus circles)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

from tests.conftest import REPO
from tests.unit.test_private_names import module_name


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _import_nodes(tree: ast.Module, deferred: bool) -> Iterator[ast.stmt]:
    if deferred:
        yield from (n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom))
        return
    for node in tree.body:  # module level; a try/else at top level counts too
        if _is_type_checking(node):
            continue
        inner = ast.walk(node) if isinstance(node, ast.Try | ast.If) else (node,)
        yield from (n for n in inner if isinstance(n, ast.Import | ast.ImportFrom))


def import_graph(modules: dict[str, str], *, deferred: bool = False) -> dict[str, set[str]]:
    """module -> the modules of ``modules`` it imports (``from pkg import mod`` counts
    as importing ``pkg.mod``; only absolute imports are used in this code base)."""
    graph: dict[str, set[str]] = {}
    for name, source in modules.items():
        deps: set[str] = set()
        for node in _import_nodes(ast.parse(source), deferred):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
            elif node.module:
                deps |= {
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules
                    else node.module
                    for a in node.names
                }  # fmt: skip
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _sources(folders: Iterable[str]) -> dict[str, str]:
    paths: list[Path] = [p for f in folders for p in sorted((REPO / f).rglob("*.py"))]
    return {module_name(p): p.read_text(encoding="utf-8") for p in paths}


def test_no_module_level_import_cycle_in_app_or_ui() -> None:
    assert cycles(import_graph(_sources(("app", "ui")))) == []


def test_ui_has_no_import_cycle_even_through_deferred_imports() -> None:
    graph = import_graph(_sources(("app", "ui")), deferred=True)
    ui_only = {m: {d for d in deps if d.startswith("ui")} for m, deps in graph.items()}
    assert [c for c in cycles(ui_only) if c[0].startswith("ui")] == []


def test_the_cycle_check_finds_a_circle_and_ignores_a_chain() -> None:
    modules = {
        "ui.a": "from ui.b import B\n",
        "ui.b": "def f():\n    from ui.a import A\n",
        "ui.c": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.a import A\n",
        "ui.d": "from ui import c\nimport ui.b\n",
        "ui": "",
    }
    assert cycles(import_graph(modules)) == []
    assert cycles(import_graph(modules, deferred=True)) == [["ui.a", "ui.b"]]
    assert import_graph(modules)["ui.d"] == {"ui.c", "ui.b"}
    modules["ui.b"] = "import ui.a\n"
    assert cycles(import_graph(modules)) == [["ui.a", "ui.b"]]
