"""Locking never loses a paragraph: Ctrl+L, idle, sleep and the panic key save the
draft inside the vault first; unlocking brings the caseworker back to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.helpers import main_window, start_unlocked, type_text, unlock, unlock_window
from ui.casefile.window import CaseWindow, Tab

PARAGRAPH = "Samtal med klienten om boende. Hen vill flytta till en annan kommun."


def note_draft_key(ref: str) -> str:
    """Where the case window keeps a new journal entry while it is written."""
    return f"case:{ref}:journal:new"


def _note(view: CaseWindow):  # type: ignore[no-untyped-def]
    return view.show_tab(Tab.JOURNAL).editor.text


def _open_first_case(qtbot, shell) -> CaseWindow:  # type: ignore[no-untyped-def]
    main = main_window()
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 3, timeout=5000)
    view = main.cases.view
    index = main.cases.model.index(0, 0)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    return main.case_views()[0]


def _start_unlocked(qtbot, make_shell):  # type: ignore[no-untyped-def]
    return start_unlocked(qtbot, make_shell())


def test_ctrl_l_locks_and_keeps_the_unsaved_draft(qtbot, make_shell, sample_vault: Path) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    view = _open_first_case(qtbot, shell)
    ref = view.ref
    type_text(qtbot, _note(view), PARAGRAPH)
    qtbot.keyClick(main_window(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: unlock_window() is not None, timeout=5000)
    assert shell.is_locked
    assert main_window() is None
    # The text is in the vault, encrypted, before the key was wiped.
    vault = Vault.unlock(sample_vault, PASSPHRASE)
    assert vault.load_draft(note_draft_key(ref)) == PARAGRAPH
    vault.lock()

    unlock(qtbot)
    main = main_window()
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    restored = main.case_views()[0]
    assert restored.ref == ref
    assert restored.tabs.currentWidget() is restored._holders[Tab.JOURNAL]  # back to the text
    assert _note(restored).toPlainText() == PARAGRAPH
    assert "återställt" in restored.journal.editor.state.text()


def test_idle_lock_saves_draft_and_says_why(qtbot, make_shell, sample_vault) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    view = _open_first_case(qtbot, shell)
    type_text(qtbot, _note(view), "Halvfärdig mening utan punkt")
    shell.autolock.idle_seconds = 0.0
    shell.autolock.check()
    qtbot.waitUntil(lambda: unlock_window() is not None, timeout=5000)
    assert "inaktivitet" in unlock_window().unlock.banner.text
    shell.autolock.idle_seconds = 600.0  # (zero would lock again at once)
    unlock(qtbot)
    main = main_window()
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    assert _note(main.case_views()[0]).toPlainText() == "Halvfärdig mening utan punkt"


def test_sleep_detected_by_wall_clock_jump_locks(qtbot, make_shell, sample_vault):  # type: ignore[no-untyped-def]
    shell = _start_unlocked(qtbot, make_shell)
    shell.autolock._last_wall -= 3600  # the machine slept for an hour
    shell.autolock.check()
    assert shell.is_locked
    assert "viloläge" in unlock_window().unlock.banner.text


def test_panic_key_locks_and_hides_at_once(qtbot, make_shell, sample_vault) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    view = _open_first_case(qtbot, shell)
    type_text(qtbot, _note(view), "Känsligt")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(main_window(), Qt.Key.Key_L, modifiers)
    assert shell.is_locked
    windows = [w for w in __import__("PySide6.QtWidgets").QtWidgets.QApplication.topLevelWidgets()]
    locked = [w for w in windows if w.isVisible() and w.windowTitle() == "Utväg – låst"]
    assert locked and locked[0].isMinimized()
    assert main_window() is None


def test_draft_is_autosaved_while_typing(qtbot, make_shell, sample_vault) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    view = _open_first_case(qtbot, shell)
    type_text(qtbot, _note(view), "Skrivet strax före en krasch")
    main_window().drafts.flush()  # what the timer does every few seconds
    assert shell.vault.load_draft(note_draft_key(view.ref)) == "Skrivet strax före en krasch"
    assert "Utkastet sparades" in view.journal.editor.state.text()


def test_pause_key_is_a_panic_key_too(qtbot, make_shell, sample_vault) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    qtbot.keyClick(main_window(), Qt.Key.Key_Pause)
    assert shell.is_locked
    assert shell.unlock_window.isMinimized()


def test_draft_timer_saves_without_any_action(qtbot, make_shell, sample_vault) -> None:
    shell = _start_unlocked(qtbot, make_shell)
    view = _open_first_case(qtbot, shell)
    main_window().drafts.set_interval(1)
    type_text(qtbot, _note(view), "Sparas av klockan")
    key = note_draft_key(view.ref)
    qtbot.waitUntil(lambda: shell.vault.load_draft(key) == "Sparas av klockan", timeout=4000)
