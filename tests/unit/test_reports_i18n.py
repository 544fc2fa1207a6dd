"""Every Swedish source text of the reports (``_``/``N_`` literals and error templates in
app/reports, app/cli_reports.py and ui/common/reports.py) has English with the same named
placeholders, and the reports catalog is well formed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.i18n import catalog, set_language
from app.resources import resource_path
from tests.ui.i18n_tools import literals, placeholders
from tests.unit.test_casefile_i18n import _templates

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    [*ROOT.glob("app/reports/*.py"), ROOT / "app/cli_reports.py", ROOT / "ui/common/reports.py"]
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_text_has_english_with_the_same_placeholders(path: Path) -> None:
    english = catalog("en")
    texts = [*literals([path]), *_templates(path)]
    for text in texts:
        assert text in english, f"{path.name}: no English for {text!r}"
        assert placeholders(english[text]) == placeholders(text), text


def test_catalog_is_valid_and_has_no_empty_translations() -> None:
    data = json.loads(resource_path("i18n", "en", "reports.json").read_text(encoding="utf-8"))
    assert data and all(value.strip() for value in data.values())


def test_the_extract_renders_in_english(vault) -> None:
    from app.reports import render_register_extract
    from app.store import Store
    store = Store(vault)
    pid = store.add_person("Alva", "Exempelsson").id
    store.add_journal_entry(store.create_case(pid).id, "Första samtalet.")
    try:
        set_language("en")
        pdf = render_register_extract(
            store.register_extract(pid), requested_by="T", municipality="M"
        )
    finally:
        set_language("sv")
    assert pdf.startswith(b"%PDF")
