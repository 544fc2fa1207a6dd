"""Coming back: restore a vault from a backup on first run, and drafts left by a crash
reappear at the next unlock."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.crypto.kdf import TEST_PARAMS
from app.store import Store
from app.vault.backup import create_backup
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE
from tests.ui.helpers import (
    add_sample_cases,
    click,
    main_window,
    start_unlocked,
    tick,
    type_text,
    unlock_window,
)
from ui.casefile.journal import DRAFT_KIND
from ui.shell.lock_reason import LockReason
from ui.shell.main_window import SESSION_DRAFT
from ui.vault.restore_dialog import RestoreDialog
from ui.vault.wizard import FirstRunWizard


def journal_draft_key(ref: str) -> str:
    return f"case:{ref}:journal:new"


def _journal_text(view) -> str:  # type: ignore[no-untyped-def]
    return view.journal.editor.text.toPlainText()


def _backup(tmp_path: Path) -> tuple[Path, str]:
    vault, key = Vault.create(tmp_path / "old", PASSPHRASE, PROFILE, params=TEST_PARAMS)
    add_sample_cases(Store(vault))
    vault.save_draft(journal_draft_key("AV-2026-001"), DRAFT_KIND, "från den gamla datorn")
    create_backup(vault, tmp_path / "b.utvagbak")
    vault.lock()
    return tmp_path / "b.utvagbak", key


def _restore_dialog(qtbot, make_shell) -> RestoreDialog:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.start()
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard))
    click(qtbot, wizard, "Återställ från säkerhetskopia …")
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreDialog))


def test_first_run_can_restore_a_backup_with_the_recovery_key(
    qtbot, make_shell, vault_dir: Path, tmp_path: Path
) -> None:
    backup, key = _backup(tmp_path)
    dialog = _restore_dialog(qtbot, make_shell)
    type_text(qtbot, dialog.file, str(backup))
    tick(qtbot, dialog.use_key)
    assert dialog.key.isVisible() and not dialog.passphrase.isVisible()
    type_text(qtbot, dialog.key, key)
    type_text(qtbot, dialog.new_passphrase, "en ny lösenfras på den nya datorn")
    click(qtbot, dialog, "Återställ")
    qtbot.waitUntil(lambda: main_window() is not None, timeout=10000)
    main = main_window()
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    assert _journal_text(main.case_views()[0]) == "från den gamla datorn"
    main.teardown()
    main.vault.lock()
    Vault.unlock(vault_dir, "en ny lösenfras på den nya datorn").lock()


def test_wrong_passphrase_for_backup_is_shown_in_the_dialog(
    qtbot, make_shell, tmp_path: Path
) -> None:
    backup, _key = _backup(tmp_path)
    dialog = _restore_dialog(qtbot, make_shell)
    type_text(qtbot, dialog.file, str(backup))
    type_text(qtbot, dialog.passphrase, "inte den")
    click(qtbot, dialog, "Återställ")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    assert "Fel lösenfras" in dialog.banner.text
    assert main_window() is None


def test_drafts_left_by_a_crash_come_back_at_unlock(qtbot, make_shell, vault_dir: Path) -> None:
    vault, _key = Vault.create(vault_dir, PASSPHRASE, PROFILE, params=TEST_PARAMS)
    add_sample_cases(Store(vault))
    vault.save_draft(journal_draft_key("AV-2026-003"), DRAFT_KIND, "skrivet innan strömmen gick")
    vault.save_draft(SESSION_DRAFT, "session", json.dumps(["AV-2026-001"]))
    vault.lock()  # (a crash leaves the same rows; they were committed as they were typed)
    start_unlocked(qtbot, make_shell())
    main = main_window()
    qtbot.waitUntil(lambda: len(main.case_views()) == 2, timeout=5000)
    notes = {v.ref: _journal_text(v) for v in main.case_views()}
    assert notes == {"AV-2026-001": "", "AV-2026-003": "skrivet innan strömmen gick"}


def test_user_input_keeps_the_vault_open_and_suspend_locks_it(
    qtbot, make_shell, sample_vault: Path
) -> None:
    shell = start_unlocked(qtbot, make_shell())
    autolock = shell.autolock
    autolock.last_input -= 10_000
    assert autolock.idle_for() > 9_000
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(main_window(), event)
    assert autolock.idle_for() < 5
    autolock.check()
    assert not shell.is_locked
    autolock._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert shell.is_locked


def test_windows_session_lock_and_suspend_messages_are_recognised() -> None:
    import ctypes

    from ui.shell.session_events import (
        PBT_APMSUSPEND,
        WM_POWERBROADCAST,
        WM_WTSSESSION_CHANGE,
        WTS_SESSION_LOCK,
        SessionWatcher,
        _Msg,
    )

    reasons: list[str] = []
    watcher = SessionWatcher(reasons.append)
    for message, wparam in (
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK),
        (WM_POWERBROADCAST, PBT_APMSUSPEND),
        (WM_WTSSESSION_CHANGE, 0x8),  # unlock: nothing to do
    ):
        msg = _Msg(None, message, wparam, 0)
        handled = watcher.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))
        assert handled == (False, 0)  # never swallow the message
    assert reasons == [LockReason.SESSION, LockReason.SLEEP]
    assert all(isinstance(reason, LockReason) for reason in reasons)
    assert watcher.nativeEventFilter(b"xcb_generic_event_t", 0) == (False, 0)


def test_linux_screen_lock_signal_locks_the_vault(qtbot, make_shell, sample_vault: Path) -> None:
    shell = start_unlocked(qtbot, make_shell())
    shell.screensaver.active_changed(False)
    assert not shell.is_locked
    shell.screensaver.active_changed(True)
    assert shell.is_locked
    assert "datorn låstes" in unlock_window().unlock.banner.text
