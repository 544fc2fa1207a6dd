"""The core (app/) never imports Qt or the UI package (style.md: the shape of the house)."""

from __future__ import annotations

import ast

from tests.conftest import REPO

FORBIDDEN = ("PySide6", "shiboken6", "ui")


def forbidden_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in FORBIDDEN]
    return found


def test_app_never_imports_qt_or_ui() -> None:
    offenders = {}
    for path in sorted((REPO / "app").rglob("*.py")):
        bad = forbidden_imports(path.read_text(encoding="utf-8"))
        if bad:
            offenders[str(path.relative_to(REPO))] = bad
    assert offenders == {}


def test_the_check_would_catch_a_qt_import() -> None:
    assert forbidden_imports("from PySide6.QtWidgets import QWidget") == ["PySide6.QtWidgets"]
    assert forbidden_imports("import ui.shell.main_window") == ["ui.shell.main_window"]
    assert forbidden_imports("from app.vault import vault") == []


# ------------------------------------------------------ the store is the only writer
SQL_CALLS = ("execute", "executemany", "executescript")
SQL_HOMES = ("app/store/", "app/vault/")


def sql_calls(source: str) -> list[int]:
    """Lines that call ``.execute(``/``.executemany(``/``.executescript(`` on anything."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    ]


def test_sql_runs_only_in_the_store_and_the_vault() -> None:
    offenders = {}
    for folder in ("app", "ui"):
        for path in sorted((REPO / folder).rglob("*.py")):
            name = path.relative_to(REPO).as_posix()
            if name.startswith(SQL_HOMES):
                continue
            lines = sql_calls(path.read_text(encoding="utf-8"))
            if lines:
                offenders[name] = lines
    assert offenders == {}


def test_the_sql_check_would_catch_a_query() -> None:
    assert sql_calls("conn.execute('SELECT 1')\nx.executemany(q, rows)") == [1, 2]
    assert sql_calls("store.vault.conn.executescript(s)") == [1]
    assert sql_calls("store.add_person('A', 'B')") == []
