"""Kasta utkast (discard a draft): where a draft is kept (the journal editor, a form
dialog), the person can throw it away after a question; the text is gone from the
screen and from the vault."""

from __future__ import annotations

import pytest

from tests.ui.helpers import click
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_window import case_id, store, window
from ui.casefile.window import Tab
from ui.common import errors

__all__ = ["case_id", "store", "window"]  # fixtures, re-exported for pytest


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The question is answered "Ja"; what was asked is kept."""
    asked: list[str] = []

    def yes(parent, title, text, *, destructive=False):  # type: ignore[no-untyped-def]
        asked.append(text)
        return True

    monkeypatch.setattr(errors, "ask", yes)
    return asked


def test_discard_the_journal_draft(qtbot, window, store, answers) -> None:  # type: ignore[no-untyped-def]
    journal = window.show_tab(Tab.JOURNAL)
    editor = journal.editor
    assert not editor.discard_button.isVisible()  # nothing typed, no draft
    qtbot.keyClicks(editor.text, "Samtal om boende, fel klient")
    key = window.ctx.draft_key("journal", "new")
    window.ctx.drafts.flush()
    assert store.vault.load_draft(key)
    click(qtbot, editor, "Kasta texten")
    assert answers and "utkastet" in answers[0]
    assert editor.text.toPlainText() == ""
    window.ctx.drafts.flush()
    assert not store.vault.load_draft(key)
    assert not editor.discard_button.isVisible()


def test_discard_a_form_draft(qtbot, window, store, answers) -> None:  # type: ignore[no-untyped-def]
    window.show_tab(Tab.THREAT)
    click(qtbot, window.threat, "Ny hotbedömning …")
    dialog = window.threat.threats.dialog
    dialog.editor.set_values({**dialog.editor.values(), "acute_level": "high"})
    window.ctx.drafts.flush()
    key = window.ctx.draft_key("form", "threat_assessment", "new")
    assert store.vault.load_draft(key)
    click(qtbot, dialog, "Kasta utkast")
    assert answers
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.ctx.drafts.flush()
    assert not store.vault.load_draft(key)
    assert store.latest_record(window.case_id, "threat_assessment") is None  # nothing saved
