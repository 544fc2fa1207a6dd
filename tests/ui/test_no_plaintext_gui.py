"""After a GUI session with case data (a case created, a note typed, locked), no file
in the vault folder, the settings folder or the temp folder holds the data in clear."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import file_clock_now
from tests.ui.helpers import click, main_window, start_unlocked, type_text
from ui.case_dialogs import NewCaseDialog
from ui.casefile.window import Tab

MARKER = "Zyxmarkörqvist"


def _files_with_marker(root: Path, since: float) -> list[str]:
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.upper().encode()]
    found = []
    # os.walk skips folders that vanish while it runs (other programs' temp folders).
    walked = (Path(top) / name for top, _dirs, files in os.walk(root) for name in files)
    for path in walked:
        try:
            if not path.is_file() or path.stat().st_mtime < since or path.stat().st_size > 50e6:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if any(needle in data for needle in needles):
            found.append(str(path))
    return found


def test_case_data_typed_in_the_gui_never_lands_in_clear_files(
    qtbot, make_shell, existing_vault: Path, settings, tmp_path: Path
) -> None:
    started = file_clock_now(tmp_path) - 1
    settings.save()
    shell = make_shell()
    start_unlocked(qtbot, shell)
    main = main_window()
    click(qtbot, main, "Nytt ärende …")
    dialog = next(w for w in main.findChildren(NewCaseDialog) if w.isVisible())
    type_text(qtbot, dialog.given, MARKER)
    dialog.kind.setCurrentIndex(2)
    click(qtbot, dialog, "Skapa ärende")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    editor = main.case_views()[0].show_tab(Tab.JOURNAL).editor.text
    type_text(qtbot, editor, f"Samtal med {MARKER} om flytten")
    main.drafts.flush()
    main.activateWindow()  # the window manager does this when the dialog closes
    qtbot.waitUntil(main.isActiveWindow, timeout=2000)
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.is_locked
    roots = [existing_vault, settings.path.parent, Path(tempfile.gettempdir())]
    leaks = [f for root in roots for f in _files_with_marker(root, started)]
    # pytest's own tmp folders hold only this test's vault (checked above as encrypted)
    leaks = [f for f in leaks if "pytest-of-" not in f or f.startswith(str(existing_vault))]
    assert leaks == [], leaks
    assert os.listdir(existing_vault)  # the vault is there, and encrypted
