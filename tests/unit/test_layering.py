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
    assert forbidden_imports("import ui.main_window") == ["ui.main_window"]
    assert forbidden_imports("from app.vault import vault") == []
