"""The main window's Överlämning and Uppföljning menus open the real dialogs on the
real store."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog

from app.store import Store
from tests.conftest import PASSPHRASE
from tests.ui.helpers import main_window, unlock


def _open_menu_action(window, key: str) -> None:  # type: ignore[no-untyped-def]
    actions = {a.objectName(): a for a in window.findChildren(type(window.actions()[0]))}
    actions[f"menu_{key}"].trigger()


def test_menus_open_handover_and_supervisor_windows(qtbot, make_shell, existing_vault) -> None:
    shell = make_shell()
    shell.start()
    unlock(qtbot, PASSPHRASE)
    window = main_window()
    assert window is not None and hasattr(window, "work_menus")
    titles = [m.title() for m in (window.work_menus.handover, window.work_menus.oversight)]
    assert titles == ["Ö&verlämning", "&Uppföljning"]
    before = {id(w) for w in QApplication.topLevelWidgets()}
    for key in ("directory", "log", "stats"):
        _open_menu_action(window, key)
    opened = [w for w in QApplication.topLevelWidgets()
              if id(w) not in before and isinstance(w, QDialog) and w.isVisible()]  # fmt: skip
    assert len(opened) == 3
    assert isinstance(window.work_menus.store, Store)
    for dialog in opened:
        dialog.close()
