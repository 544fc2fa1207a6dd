"""The smaller parts of the shell: language switch from Settings,
clipboard clearing, privacy cover, About versions, the ops runner, the launcher."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app import settings as s
from app.changes import Area, Changes
from tests.conftest import PASSPHRASE
from tests.ui.helpers import click, main_window, start_unlocked, type_text, unlock_window
from ui.casefile.window import Tab
from ui.common.ops import Ops
from ui.shell.about import AboutDialog
from ui.shell.clipboard import ClipboardGuard
from ui.shell.settings_dialog import SettingsDialog


def _unlocked(qtbot, make_shell):  # type: ignore[no-untyped-def]
    return start_unlocked(qtbot, make_shell())


def _settings_dialog() -> SettingsDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)]
    assert found and found[-1].isVisible()
    return found[-1]


def test_language_switch_from_settings_retranslates_open_windows(
    qtbot, make_shell, sample_vault: Path, settings: s.Settings
) -> None:
    shell = _unlocked(qtbot, make_shell)
    main = main_window()
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 3, timeout=5000)
    main.open_case("AV-2026-001")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    assert main.file_menu.title() == "&Arkiv"
    main.actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    dialog.language.setCurrentIndex(dialog.language.findText("English"))
    click(qtbot, dialog, "Spara")
    assert main.file_menu.title() == "&File"
    assert main.tabs.tabText(0) == "Cases"
    assert main.cases.new_button.text() == "New case …"
    assert main.cases.model.headerData(2, Qt.Orientation.Horizontal) == "Client"
    assert main.status.state.text() == "Unlocked"
    view = main.case_views()[0]
    assert view.tabs.tabText(0) == "Overview"
    stored = json.loads(settings.path.read_text(encoding="utf-8"))
    assert stored["language"] == "en"
    # The next unlock window is English too.
    shell.lock()
    assert unlock_window().unlock.unlock_button.text() == "Unlock"


def test_clipboard_is_cleared_after_the_delay_if_still_ours(qtbot) -> None:
    guard = ClipboardGuard(seconds=1)
    clipboard = QGuiApplication.clipboard()
    guard.copy("AV-2026-001")
    assert clipboard.text() == "AV-2026-001"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)
    guard.copy("AV-2026-002")
    # Another program copies (Utväg is not the active application then).
    clipboard.dataChanged.disconnect(guard._adopt)
    clipboard.setText("something the user copied elsewhere")
    guard.clear()
    assert clipboard.text() == "something the user copied elsewhere"


def test_lock_clears_the_clipboard(qtbot, make_shell, sample_vault: Path) -> None:
    shell = _unlocked(qtbot, make_shell)
    main = main_window()
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 3, timeout=5000)
    main.open_case("AV-2026-001")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    click(qtbot, main, "Kopiera referens")
    assert QGuiApplication.clipboard().text() == "AV-2026-001"
    shell.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_privacy_cover_hides_case_content_when_window_is_inactive(
    qtbot, make_shell, sample_vault: Path, settings: s.Settings
) -> None:
    settings.set(s.PRIVACY_COVER, True)
    _unlocked(qtbot, make_shell)
    main = main_window()
    main.activateWindow()
    other = QWidget()
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not main.isActiveWindow(), timeout=2000)
    assert main.stack.covered
    assert main.stack.cover.heading.text() == "Innehållet är dolt"
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=2000)
    assert not main.stack.covered
    other.close()


def test_about_shows_versions(qtbot, make_shell, sample_vault: Path) -> None:
    _unlocked(qtbot, make_shell)
    main_window().show_about()
    about = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog))
    texts = [label.text() for label in about.findChildren(QLabel)]
    assert "SQLCipher" in texts
    sqlcipher_value = texts[texts.index("SQLCipher") + 1]
    assert sqlcipher_value[0].isdigit(), sqlcipher_value


def test_ops_runs_off_the_ui_thread_reports_progress_and_routes_errors(qtbot) -> None:
    import threading

    ops = Ops()
    seen: dict[str, object] = {}
    changes: list[Changes] = []
    ops.changed.connect(changes.append)
    fractions: list[float] = []
    ops.busy.connect(lambda op: op and op.fraction >= 0 and fractions.append(op.fraction))
    written = Changes.of(Area.JOURNAL, Area.CASE, case_id=7, id=3)

    def work(progress):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.current_thread() is not threading.main_thread()
        progress(0.5)
        return written  # what a store verb returns

    ops.run(work, label="x", on_done=lambda r: seen.setdefault("result", r))
    qtbot.waitUntil(lambda: "result" in seen, timeout=3000)
    assert seen == {"thread": True, "result": written}
    assert changes == [written]  # exactly the verb's own value, nothing declared twice
    assert changes[0] is written
    assert fractions == [0.5]
    ops.run(lambda: 42, on_done=lambda r: seen.setdefault("read", r))  # a read changes nothing
    qtbot.waitUntil(lambda: "read" in seen, timeout=3000)
    assert changes == [written]
    errors: list[Exception] = []
    ops.error.connect(errors.append)
    ops.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], ZeroDivisionError)
    assert ops.current() is None


def test_launcher_runs_cli_commands_without_importing_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from ui import launcher\n"
        "try:\n"
        "    launcher.main(['vault', 'check', '--vault', sys.argv[1]])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        "print('qt', any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "none")],
        capture_output=True,
        text=True,
        input="någon lösenfras\n",
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "exit 4" in result.stdout, result.stdout + result.stderr
    assert "qt False" in result.stdout


def test_launcher_tells_gui_options_from_commands() -> None:
    from ui.launcher import split_gui_args

    assert split_gui_args([]) is not None
    args = split_gui_args(["--demo", "--lang", "en", "--vault", "/x"])
    assert args is not None and args.demo and args.lang == "en"
    assert split_gui_args(["vault", "check", "--vault", "/x"]) is None
    assert split_gui_args(["--version"]) is None
    assert split_gui_args(["--help"]) is None


def test_ctrl_c_in_a_case_note_is_cleared_too(
    qtbot, make_shell, sample_vault: Path, settings: s.Settings
) -> None:
    shell = _unlocked(qtbot, make_shell)
    shell.clipboard.seconds = 1
    main = main_window()
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 3, timeout=5000)
    main.open_case("AV-2026-001")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    note = main.case_views()[0].show_tab(Tab.JOURNAL).editor.text
    note.setPlainText("Adress: Påhittegatan 1")
    note.selectAll()
    qtbot.keyClick(note, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "Adress: Påhittegatan 1"
    assert clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)


def test_privacy_cover_stays_off_for_the_apps_own_dialogs(
    qtbot, make_shell, sample_vault: Path, settings: s.Settings
) -> None:
    settings.set(s.PRIVACY_COVER, True)
    _unlocked(qtbot, make_shell)
    main = main_window()
    main.activateWindow()
    qtbot.waitUntil(lambda: main.isActiveWindow(), timeout=2000)
    main.show_shortcuts()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not main and w.parentWidget() is main
    )
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow(), timeout=2000)
    assert not main.stack.covered


def test_change_passphrase_from_the_file_menu(qtbot, make_shell, sample_vault: Path) -> None:
    from app.vault.vault import Vault
    from ui.vault.passphrase_dialog import ChangePassphraseDialog

    shell = _unlocked(qtbot, make_shell)
    main = main_window()
    main.passphrase_action.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, ChangePassphraseDialog)
    )
    type_text(qtbot, dialog.current, "inte den gamla")
    type_text(qtbot, dialog.new, "en helt ny lösenfras i dag")
    type_text(qtbot, dialog.confirm, "en helt ny lösenfras i dag")
    click(qtbot, dialog, "Byt lösenfras")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    assert "Fel lösenfras" in dialog.banner.text
    dialog.current.clear()
    type_text(qtbot, dialog.current, PASSPHRASE)
    click(qtbot, dialog, "Byt lösenfras")
    qtbot.waitUntil(lambda: "bytt" in main.banner.text, timeout=10000)
    shell._close_vault()
    Vault.unlock(sample_vault, "en helt ny lösenfras i dag").lock()


def test_failed_work_without_a_handler_is_shown_in_the_window(
    qtbot, make_shell, sample_vault: Path
) -> None:
    from app.errors import VaultCorrupt

    shell = _unlocked(qtbot, make_shell)

    def broken() -> None:
        raise VaultCorrupt("testfel")

    shell.ops.run(broken)
    main = main_window()
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=3000)
    assert "Valvet är skadat" in main.banner.text


def test_backup_from_the_file_menu_runs_with_progress(
    qtbot, make_shell, sample_vault: Path, tmp_path: Path, monkeypatch
) -> None:
    from app.vault.backup import read_header
    from ui.vault import vault_actions

    _unlocked(qtbot, make_shell)
    main = main_window()
    target = tmp_path / "kopia.utvagbak"
    days: list[str] = []
    monkeypatch.setattr(
        vault_actions, "ask_backup_path", lambda parent, day: days.append(str(day)) or target
    )
    seen: list[str] = []
    main.ops.busy.connect(lambda op: op is not None and seen.append(main.status.work.text()))
    main.backup_action.trigger()
    qtbot.waitUntil(lambda: "kontrollerad" in main.banner.text, timeout=10000)
    assert "Säkerhetskopian skrivs …" in seen
    assert days == ["2026-11-23"]  # the file is named by the session's clock
    assert read_header(target) is not None


def test_idle_time_and_clipboard_delay_from_settings_apply_at_once(
    qtbot, make_shell, sample_vault: Path, settings: s.Settings
) -> None:
    shell = _unlocked(qtbot, make_shell)
    main_window().actions_by_name["settings"].trigger()
    dialog = _settings_dialog()
    dialog.idle.setValue(12)
    dialog.clipboard.setValue(45)
    click(qtbot, dialog, "Spara")
    assert shell.autolock.idle_seconds == 12 * 60
    assert shell.clipboard.seconds == 45
    assert s.Settings(settings.path).get(s.IDLE_LOCK_MINUTES) == 12
