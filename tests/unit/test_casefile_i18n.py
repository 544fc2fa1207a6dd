"""Error templates of the case-file core have English with the same placeholders, the
catalog is well formed, and every form and stage label exists in both languages."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from app.i18n import catalog
from app.resources import resource_path
from tests.ui.i18n_tools import placeholders

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    [*ROOT.glob("app/domain/*.py"), *ROOT.glob("app/forms/*.py"), *ROOT.glob("app/store/*.py"),
     ROOT / "app/stats.py", ROOT / "app/retention.py", ROOT / "app/cli_case.py"]
)  # fmt: skip
OWN = {"transfer.py"}  # another area's module inside app/store, with its own catalog


def _templates(path: Path) -> list[str]:
    """Error templates (``template = "..."``): literals the ``_()`` scan in
    tests/ui/test_translations.py does not see."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "template" for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            found.append(node.value.value)
    return found


@pytest.mark.parametrize("path", [p for p in MODULES if p.name not in OWN], ids=lambda p: p.name)
def test_every_error_template_has_english_with_the_same_placeholders(path):
    english = catalog("en")
    for text in _templates(path):
        assert text in english, f"{path.name}: no English for {text!r}"
        assert placeholders(english[text]) == placeholders(text), text


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
