"""New keys from the File menu: a re-key with a new passphrase, and a new recovery key;
the recovery key is shown once and must be confirmed before the dialog closes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.errors import WrongPassphrase
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.helpers import click, main_window, type_text
from tests.ui.test_shell_parts import _unlocked
from ui.vault.rekey_dialog import NewKeysDialog

RECOVERY_KEY = re.compile(r"^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$")
NEW = "en helt ny lösenfras efter läckan"


def _dialog() -> NewKeysDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewKeysDialog)]
    assert found and found[-1].isVisible()
    return found[-1]


def _confirm_key(qtbot, dialog: NewKeysDialog) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.key_label.isVisible(), timeout=30000)
    key = dialog.key_label.text()
    assert RECOVERY_KEY.match(key)
    assert not dialog.current.isVisible()
    done = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert done.text() == "Klar" and not done.isEnabled()
    dialog.reject()  # Escape: the new key must be confirmed first
    assert dialog.isVisible()
    dialog.written.setChecked(True)
    click(qtbot, dialog, "Klar")
    assert not dialog.isVisible()
    return key


@pytest.mark.parametrize("new_passphrase", [True, False])
def test_new_keys_from_the_file_menu(
    qtbot, make_shell, existing_vault: Path, new_passphrase: bool, clock
) -> None:
    shell = _unlocked(qtbot, make_shell)
    main = main_window()
    action = main.rekey_action if new_passphrase else main.recovery_key_action
    action.trigger()
    dialog = _dialog()
    assert dialog.new.isVisible() == new_passphrase
    type_text(qtbot, dialog.current, PASSPHRASE)
    if new_passphrase:
        type_text(qtbot, dialog.new, NEW)
        type_text(qtbot, dialog.confirm, NEW)
    click(qtbot, dialog, "Byt nycklar")
    key = _confirm_key(qtbot, dialog)
    assert "nya nycklar" in main.banner.text
    assert dialog.current.text() == "" and dialog.key_label.text() == ""  # wiped
    shell._close_vault()
    passphrase = NEW if new_passphrase else PASSPHRASE
    if new_passphrase:
        with pytest.raises(WrongPassphrase):
            Vault.unlock(existing_vault, PASSPHRASE, clock=clock)
        clock.advance(60)  # past the delay after the failed attempt
    Vault.unlock(existing_vault, passphrase, clock=clock).lock()
    Vault.recover(existing_vault, key, "ytterligare en ny lösenfras", clock=clock).lock()
