"""Ctrl+Tab / Ctrl+PgDn and Ctrl+Shift+Tab / Ctrl+PgUp move between the sections of the
case window, also while typing in one of its fields, and the shortcuts help lists them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_window import case_id, store, window
from ui.casefile.window import Tab
from ui.shell.shortcuts_dialog import ShortcutsDialog

__all__ = ["case_id", "store", "window"]  # fixtures, re-exported for pytest

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _press(qtbot, view, key: Qt.Key, modifiers) -> None:  # type: ignore[no-untyped-def]
    target = view.focusWidget() or view
    qtbot.keyClick(target, key, modifiers)


def test_ctrl_tab_and_ctrl_page_keys_move_between_sections(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.tabs.tabBar().setFocus()
    assert window.tabs.currentIndex() == 0
    _press(qtbot, window, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == 1
    _press(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == 2
    _press(qtbot, window, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == 1
    _press(qtbot, window, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert window.tabs.currentIndex() == 0
    _press(qtbot, window, Qt.Key.Key_Backtab, CTRL | SHIFT)  # round to the last section
    visible = [i for i in range(window.tabs.count()) if window.tabs.isTabVisible(i)]
    assert window.tabs.currentIndex() == visible[-1]


def test_ctrl_tab_works_from_inside_a_text_field(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    journal = window.show_tab(Tab.JOURNAL)
    index = window.tabs.currentIndex()
    field = journal.editor.text  # the journal text: plain Tab stays with the text
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == (index + 1) % window.tabs.count()


def test_the_shortcuts_help_lists_the_section_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Nästa del av ärendet" in texts and "Föregående del av ärendet" in texts
