"""Unlock as a caseworker does it: a wrong passphrase shows a message and the delay,
the right one opens the vault; Caps Lock is pointed out; binding is stated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.helpers import click, main_window, type_text, unlock_window


def test_wrong_passphrase_shows_message_and_countdown_then_right_one_opens(
    qtbot, make_shell, existing_vault: Path, clock
) -> None:
    shell = make_shell()
    shell.start()
    window = unlock_window()
    assert window is not None and "Lås upp Utväg" in window.unlock.heading.text()
    panel = window.unlock
    assert not panel.unlock_button.isEnabled()  # nothing typed yet

    type_text(qtbot, panel.passphrase, "fel lösenfras")
    qtbot.keyClick(panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.banner.isVisible(), timeout=10000)
    assert "Fel lösenfras" in panel.banner.text
    assert panel.countdown.isVisible()
    assert "Du kan försöka igen om" in panel.countdown.text()
    assert not panel.unlock_button.isEnabled()
    assert shell.is_locked

    qtbot.waitUntil(lambda: not panel.countdown.isVisible(), timeout=5000)
    clock.advance(1)  # the session clock is pinned: the one-second delay passes on it too
    panel.passphrase.clear()
    type_text(qtbot, panel.passphrase, PASSPHRASE)
    click(qtbot, window, "Lås upp")
    qtbot.waitUntil(lambda: main_window() is not None, timeout=10000)
    assert not shell.is_locked
    main = main_window()
    assert "Upplåst" in main.status.state.text()
    assert str(existing_vault) in main.status.folder_label.text()


def test_failed_attempt_is_audited_after_the_next_unlock(
    qtbot, make_shell, existing_vault: Path, clock
) -> None:
    shell = make_shell()
    shell.start()
    panel = unlock_window().unlock
    type_text(qtbot, panel.passphrase, "inte rätt")
    click(qtbot, unlock_window(), "Lås upp")
    qtbot.waitUntil(lambda: panel.countdown.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: not panel.countdown.isVisible(), timeout=5000)
    clock.advance(1)  # the session clock is pinned: the one-second delay passes on it too
    panel.passphrase.clear()
    type_text(qtbot, panel.passphrase, PASSPHRASE)
    click(qtbot, unlock_window(), "Lås upp")
    qtbot.waitUntil(lambda: shell.vault is not None, timeout=10000)
    with shell.vault.read() as conn:
        events = [row[0] for row in conn.execute("SELECT event FROM audit")]
    assert "unlock_failed" in events


def test_caps_lock_warning_and_binding_state(qtbot, make_shell, existing_vault: Path) -> None:
    shell = make_shell()
    shell.start()
    window = unlock_window()
    panel = window.unlock
    assert not panel.caps.isVisible()
    type_text(qtbot, panel.passphrase, "ABC")  # capitals without Shift
    assert panel.caps.isVisible()
    assert "Caps Lock" in panel.caps.text()
    type_text(qtbot, panel.passphrase, "d")
    assert not panel.caps.isVisible()
    # The test keyring works, so the vault is bound to "this computer".
    assert "Bundet till den här datorn" in panel.binding.text()


def test_passphrase_only_vault_says_why(qtbot, make_shell, vault_dir: Path) -> None:
    vault, _key = Vault.create(vault_dir, PASSPHRASE, _profile(), bind_device=False)
    vault.lock()
    shell = make_shell()
    shell.start()
    text = unlock_window().unlock.binding.text()
    assert "Endast lösenfras" in text
    assert "bindningen stängdes av" in text


def test_recovery_key_path_opens_and_sets_new_passphrase(
    qtbot, make_shell, vault_dir: Path
) -> None:
    vault, key = Vault.create(vault_dir, PASSPHRASE, _profile())
    vault.lock()
    shell = make_shell()
    shell.start()
    window = unlock_window()
    click(qtbot, window, "Använd återställningsnyckel …")
    recovery = window.recovery
    assert recovery.isVisible()
    type_text(qtbot, recovery.key, key.replace("-", "").lower()[:-1] + "0")  # a typo
    type_text(qtbot, recovery.passphrase, "ny och lång lösenfras")
    type_text(qtbot, recovery.confirm, "ny och lång lösenfras")
    click(qtbot, window, "Öppna och byt lösenfras")
    qtbot.waitUntil(lambda: recovery.banner.isVisible(), timeout=10000)
    assert "felskriven" in recovery.banner.text or "stämmer inte" in recovery.banner.text
    recovery.key.clear()
    type_text(qtbot, recovery.key, key)
    click(qtbot, window, "Öppna och byt lösenfras")
    qtbot.waitUntil(lambda: main_window() is not None, timeout=10000)
    shell._close_vault()
    Vault.unlock(vault_dir, "ny och lång lösenfras").lock()


def _profile():  # type: ignore[no-untyped-def]
    from tests.conftest import PROFILE

    return PROFILE
