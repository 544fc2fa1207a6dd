"""The journal lifecycle in the case window (issue 12): the status column says
Osignerad, Signerad, Rättad or Makulerad; a draft is edited and discarded ("Kasta
utkast") by its author; a signed entry is corrected (Rätta is on, never greyed out
without a word), added to and struck with a reason; a struck entry stays readable,
marked; every button that is off says why."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_window import case_id, store, window
from ui.casefile.window import Tab

__all__ = ["case_id", "store", "window"]  # fixtures, re-exported for pytest

CTRL = Qt.KeyboardModifier.ControlModifier


def _status(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [row[3] for row in window.journal.model.texts()]


def _open_journal(window, select: int = 0) -> None:  # type: ignore[no-untyped-def]
    window.reload()
    window.show_tab(Tab.JOURNAL)
    window.journal.table.selectRow(select)


def _save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.reason if dialog.reason.isVisible() else dialog.text, Qt.Key.Key_S,
                   CTRL)  # fmt: skip


def test_a_draft_is_edited_without_a_reason(qtbot, window, store, case_id):
    entry = store.add_journal_entry(case_id, "Utkast om boendet.").id
    _open_journal(window)
    assert _status(window) == ["Osignerad"]
    qtbot.keyClick(window.journal.table, Qt.Key.Key_R, CTRL)
    dialog = window.journal.correction
    assert dialog.windowTitle().startswith("Ändra utkastet")
    assert not dialog.reason.isVisibleTo(dialog)  # a draft needs no reason
    dialog.text.selectAll()
    type_text(qtbot, dialog.text, "Utkast om boendet och arbetet.")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: store.journal_entry(entry).text.endswith("arbetet."), timeout=5000)
    qtbot.waitUntil(lambda: "arbetet" in window.journal.detail.toPlainText(), timeout=5000)
    assert _status(window) == ["Osignerad"]


def test_a_draft_is_discarded_after_a_question(qtbot, window, store, case_id, monkeypatch):
    store.add_journal_entry(case_id, "Skrevs på fel klient.")
    _open_journal(window)
    asked = []
    monkeypatch.setattr("ui.common.errors.ask",
                        lambda *args, **kw: asked.append(args[2]) or False)  # fmt: skip
    click(qtbot, window.journal, "Kasta utkast")
    assert asked and "kan inte tas fram" in asked[0]
    assert len(store.journal(case_id)) == 1  # "no" keeps it
    monkeypatch.setattr("ui.common.errors.ask", lambda *args, **kw: True)
    click(qtbot, window.journal, "Kasta utkast")
    qtbot.waitUntil(lambda: window.journal.model.rows == [], timeout=5000)
    assert store.journal(case_id) == ()


def test_someone_elses_draft_says_why_it_cannot_be_touched(qtbot, window, store, case_id):
    store.vault.actor = "Annan Handläggare"
    store.add_journal_entry(case_id, "Kollegans utkast.")
    store.vault.actor = None
    _open_journal(window)
    for button in (window.journal.correct_button, window.journal.sign_button,
                   window.journal.discard_button):  # fmt: skip
        assert not button.isEnabled() and "Annan Handläggare" in button.toolTip()
    assert "bara hen kan" in window.journal.hint.text()


def test_a_signed_entry_takes_an_addition(qtbot, window, store, case_id):
    entry = store.add_journal_entry(case_id, "Samtal om skolan.").id
    store.sign_journal_entry(entry)
    _open_journal(window)
    assert not window.journal.sign_button.isEnabled()
    click(qtbot, window.journal, "Tillägg …")
    dialog = window.journal.correction
    assert dialog.text.toPlainText() == ""
    type_text(qtbot, dialog.text, "Skolan ringde och bekräftade.")
    type_text(qtbot, dialog.reason, "Uppgift som kom senare")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: _status(window) == ["Signerad · Tillägg"], timeout=5000)
    shown = window.journal.detail.toPlainText()
    assert "Samtal om skolan." in shown and "Skolan ringde och bekräftade." in shown
    assert "Uppgift som kom senare" in shown


def test_a_struck_entry_stays_visible_as_struck(qtbot, window, store, case_id):
    entry = store.add_journal_entry(case_id, "Anteckning om fel person.").id
    store.sign_journal_entry(entry)
    _open_journal(window)
    click(qtbot, window.journal, "Makulera …")
    dialog = window.journal.correction
    assert dialog.focusWidget() is dialog.reason and not dialog.text.isVisibleTo(dialog)
    click(qtbot, dialog, "Makulera")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "makuleras" in dialog.error.text() and not store.journal_entry(entry).struck
    type_text(qtbot, dialog.reason, "Skriven på fel klient")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: _status(window) == ["Makulerad"], timeout=5000)
    shown = window.journal.detail.toPlainText()
    assert "MAKULERAD av Test Handläggare" in shown and "Skriven på fel klient" in shown
    assert "Anteckning om fel person." in shown  # still readable
    for button in (window.journal.correct_button, window.journal.add_button,
                   window.journal.strike_button, window.journal.discard_button):  # fmt: skip
        assert not button.isEnabled() and "makulerad" in button.toolTip().casefold()
    assert window.journal.copy_button.isEnabled()


def test_the_status_column_follows_the_language(qtbot, window, store, case_id):
    from ui.common import language

    store.sign_journal_entry(store.add_journal_entry(case_id, "Text.").id)
    _open_journal(window)
    language.language().apply("en")  # the ui conftest switches back to Swedish
    assert _status(window) == ["Signed"]
    assert window.journal.strike_button.text() == "Strike out …"
