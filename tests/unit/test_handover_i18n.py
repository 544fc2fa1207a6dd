"""Every Swedish source text of the handover area (``_``/``N_`` literals and error
templates) has an English translation with the same named placeholders."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from app.i18n import catalog, set_language
from app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    [
        *ROOT.glob("app/handover/*.py"),
        ROOT / "app/cli_handover.py",
        ROOT / "app/cli_basis.py",
        ROOT / "app/crypto/identity.py",
        ROOT / "app/crypto/onetime.py",
    ]
)
_FIELD = re.compile(r"\{(\w+)\}")


def _source_texts(path: Path) -> list[str]:
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
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and any(
                isinstance(t, ast.Name) and t.id in ("template", "PERSONAL_WARNING")
                for t in node.targets
            )
        ):
            found.append(node.value.value)
    return [t for t in found if isinstance(t, str)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_text_has_english_with_the_same_placeholders(path: Path) -> None:
    english = catalog("en")
    for text in _source_texts(path):
        assert text in english, f"{path.name}: no English for {text!r}"
        assert sorted(_FIELD.findall(english[text])) == sorted(_FIELD.findall(text)), text


def test_catalog_is_valid_and_complete() -> None:
    data = json.loads(resource_path("i18n", "en", "handover.json").read_text(encoding="utf-8"))
    assert data and all(value.strip() for value in data.values())


def test_verdict_messages_translate() -> None:
    from app.handover.verify import Verdict

    try:
        set_language("en")
        assert Verdict.ALTERED.label == "Changed after sealing"
    finally:
        set_language("sv")
    assert Verdict.ALTERED.label == "Ändrat efter förseglingen"
