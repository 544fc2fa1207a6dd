"""Find every translatable literal (``_("…")`` and ``N_("…")``) in the source."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def literals(paths: Iterable[Path]) -> dict[str, list[str]]:
    """Each Swedish source string with the places it appears (file:line)."""
    found: dict[str, list[str]] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.py"))


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
