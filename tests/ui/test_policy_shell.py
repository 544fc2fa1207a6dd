"""IT's limits hold in the running program: the real shell (the one the launcher starts,
with the production case list) under a policy of 2 min idle lock and 10 s clipboard
clearing, for a caseworker whose own settings say 60 min and 300 s. Idle time is fed
through the shell's injectable monotonic clock; the clipboard's clear timer is Qt's own."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import settings as s
from app.store import Store
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, FakeClock
from tests.ui.helpers import (
    click,
    dispose_shells,
    main_window,
    start_unlocked,
    type_text,
    unlock,
    unlock_window,
)
from ui.casefile.window import CaseWindow
from ui.shell.lifecycle import Shell
from ui.shell.settings_dialog import SettingsDialog

STRICT = {"idle_lock_minutes": 2, "clipboard_clear_seconds": 10}


@pytest.fixture
def own_settings(tmp_path: Path) -> Path:
    """The caseworker's own, looser choice, saved as the settings dialog saves it."""
    mine = s.Settings(tmp_path / "config" / s.FILE_NAME)
    mine.set(s.IDLE_LOCK_MINUTES, 60)
    mine.set(s.CLIPBOARD_SECONDS, 300)
    mine.save()
    return mine.path


@pytest.fixture
def case_ref(existing_vault: Path) -> str:
    """One case in the vault, so there is a reference to copy."""
    vault = Vault.unlock(existing_vault, PASSPHRASE)
    store = Store(vault)
    person = store.add_person("Påhittad", "Klient").new_id
    ref = store.case(store.create_case(person).new_id).ref
    vault.lock()
    return ref


@pytest.fixture
def idle_clock() -> FakeClock:
    return FakeClock(start=1000.0)


@pytest.fixture
def real_shell(qtbot, existing_vault: Path, own_settings: Path, idle_clock: FakeClock):  # type: ignore[no-untyped-def]
    """Start the production shell on the vault and unlock it as a person does."""
    shells: list[Shell] = []

    def start() -> Shell:
        wall = FakeClock()  # a still wall clock: no "the machine slept" lock
        shell = Shell(existing_vault, s.Settings(own_settings), monotonic=idle_clock, wall=wall)
        shells.append(shell)
        return start_unlocked(qtbot, shell)

    yield start
    dispose_shells(qtbot, shells)


def _idle(shell: Shell, clock: FakeClock, seconds: float) -> None:
    """Nobody touches the machine for ``seconds``; then the auto-lock's tick runs."""
    clock.advance(seconds)
    shell.autolock.check()


def test_policy_bounds_the_idle_lock_and_clipboard_of_the_running_shell(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path, idle_clock: FakeClock, case_ref: str
) -> None:
    policy_file.write_text(json.dumps(STRICT), encoding="utf-8")
    shell = real_shell()
    main = main_window()
    main.open_case(case_ref)
    qtbot.waitUntil(lambda: bool(main.findChildren(CaseWindow)), timeout=10000)
    click(qtbot, main, "Kopiera referens")  # as the caseworker copies a reference
    assert QApplication.clipboard().text() == case_ref
    assert shell.clipboard.clears_in_ms == 10_000  # not the caseworker's 300 s
    said = main.findChildren(CaseWindow)[0].banner.text
    assert "Urklippet töms efter 10 sekunder" in said
    _idle(shell, idle_clock, 119)
    assert not shell.is_locked
    _idle(shell, idle_clock, 1)  # 2 minutes: the policy's bound, not the own 60
    assert shell.is_locked
    assert "inaktivitet" in unlock_window().unlock.banner.text
    assert QApplication.clipboard().text() == ""


def test_without_a_policy_the_caseworkers_own_times_apply(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path, idle_clock: FakeClock
) -> None:
    shell = real_shell()
    shell.clipboard.copy("AV-2026-001")
    assert shell.clipboard.clears_in_ms == 300_000
    _idle(shell, idle_clock, 59 * 60)
    assert not shell.is_locked
    _idle(shell, idle_clock, 60)
    assert shell.is_locked


def test_a_policy_tightened_while_running_holds_from_the_next_unlock(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path, idle_clock: FakeClock
) -> None:
    shell = real_shell()
    policy_file.write_text(json.dumps({"idle_lock_minutes": 1}), encoding="utf-8")
    shell.lock()
    unlock(qtbot)
    _idle(shell, idle_clock, 60)
    assert shell.is_locked


def _settings_dialog() -> SettingsDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)]
    assert found and found[-1].isVisible()
    return found[-1]


def test_settings_dialog_shows_the_bound_values_and_why(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path, own_settings: Path
) -> None:
    policy_file.write_text(json.dumps(STRICT), encoding="utf-8")
    shell = real_shell()
    main_window().actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    assert dialog.idle.value() == 2 and dialog.idle.maximum() == 2
    assert dialog.idle.reason.isVisible()
    assert dialog.idle.reason.text() == "Bestäms av organisationens policy (högst 2 min)"
    assert dialog.clipboard.value() == 10 and dialog.clipboard.maximum() == 10
    assert dialog.clipboard.reason.text() == "Bestäms av organisationens policy (högst 10 s)"
    dialog.idle.setValue(60)  # typing a larger number cannot get past the bound
    assert dialog.idle.value() == 2
    dialog.idle.setValue(1)  # a stricter own choice is still the caseworker's to make
    click(qtbot, dialog, "Spara")
    assert shell.autolock.idle_seconds == 60
    assert shell.clipboard.seconds == 10
    assert s.Settings(own_settings).get(s.IDLE_LOCK_MINUTES) == 1


def test_settings_dialog_without_a_policy_offers_the_whole_range(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path
) -> None:
    real_shell()
    main_window().actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    assert dialog.idle.value() == 60 and dialog.idle.maximum() == 240
    assert not dialog.idle.reason.isVisible()
    dialog.reject()


def test_a_policy_tightened_to_a_single_value_locks_the_field(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path
) -> None:
    policy_file.write_text(json.dumps({"idle_lock_minutes": 1}), encoding="utf-8")
    real_shell()
    main_window().actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    assert dialog.idle.value() == 1 and not dialog.idle.isEnabled()
    assert dialog.idle.reason.text() == "Bestäms av organisationens policy (högst 1 min)"
    dialog.reject()


def test_a_policy_broken_while_running_keeps_the_vault_locked(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path
) -> None:
    shell = real_shell()
    shell.lock()
    policy_file.write_text('{"idle_lock_minutes": 0}', encoding="utf-8")
    window = unlock_window()
    type_text(qtbot, window.unlock.passphrase, PASSPHRASE)
    click(qtbot, window, "Lås upp")
    qtbot.waitUntil(lambda: "policyfil" in window.unlock.banner.text, timeout=10000)
    assert shell.is_locked and main_window() is None


def test_a_policy_broken_while_unlocked_locks_when_settings_are_applied(
    qtbot, real_shell: Callable[[], Shell], policy_file: Path
) -> None:
    shell = real_shell()
    main_window().actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    policy_file.write_text('{"clipboard_clear_seconds": 1}', encoding="utf-8")
    click(qtbot, dialog, "Spara")
    assert shell.is_locked and main_window() is None
    assert "clipboard_clear_seconds = 1" in unlock_window().unlock.banner.text
