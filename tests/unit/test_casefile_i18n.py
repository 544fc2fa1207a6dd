"""Every Swedish string the case-file core shows has an English translation with the
same placeholders, and every form and stage label exists in both languages."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from app.i18n import catalog
from app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    [*ROOT.glob("app/domain/*.py"), *ROOT.glob("app/forms/*.py"), *ROOT.glob("app/store/*.py"),
     ROOT / "app/stats.py", ROOT / "app/retention.py", ROOT / "app/cli_case.py"]
)  # fmt: skip
OWN = {"transfer.py"}  # another area's module inside app/store, with its own catalog


def _source_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "N_")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append(node.args[0].value)
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "template" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            found.append(node.value.value)
    return found


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("path", [p for p in MODULES if p.name not in OWN], ids=lambda p: p.name)
def test_every_string_has_english_with_the_same_placeholders(path):
    english = catalog("en")
    for text in _source_strings(path):
        assert text in english, f"{path.name}: no English for {text!r}"
        assert _fields(english[text]) == _fields(text), text


def test_casefile_catalog_is_valid_json_without_empty_translations():
    data = json.loads(resource_path("i18n", "en", "casefile.json").read_text(encoding="utf-8"))
    assert all(value.strip() for value in data.values())


def _pairs(node: object) -> list[dict[str, str]]:
    if isinstance(node, dict):
        own = [node] if set(node) == {"sv", "en"} else []
        return own + [p for value in node.values() for p in _pairs(value)]
    if isinstance(node, list):
        return [p for value in node for p in _pairs(value)]
    return []


def test_definitions_have_both_languages_everywhere():
    for folder in ("forms", "stages"):
        for path in resource_path(folder).glob("*.json"):
            pairs = _pairs(json.loads(path.read_text(encoding="utf-8")))
            assert len(pairs) > 10, path.name
            assert all(p["sv"].strip() and p["en"].strip() for p in pairs), path.name
