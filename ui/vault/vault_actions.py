"""The main window's vault-level actions: back up, change passphrase, About, and the
shortcuts help. Each opens its dialog window-modally (``open()``, never a nested event
loop, so an auto-lock can always close it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.i18n import N_, _
from app.store import Store
from app.vault import facts
from app.vault.vault import Vault
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.savepath import ask_save_path, dated


def open_dialog(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_shortcuts(parent: QWidget) -> QDialog:
    from ui.shell.shortcuts_dialog import ShortcutsDialog

    return open_dialog(ShortcutsDialog(parent))


def show_about(parent: QWidget, vault: Vault) -> QDialog:
    from ui.shell.about import AboutDialog

    return open_dialog(AboutDialog(facts.cipher_version(vault), parent))


def change_passphrase(parent: QWidget, vault: Vault, ops: Ops, banner: Banner) -> QDialog:
    from ui.vault.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(vault, ops, parent)
    dialog.changed.connect(lambda: banner.show_info(lambda: _("Lösenfrasen är bytt.")))
    return open_dialog(dialog)


def new_keys(
    parent: QWidget, vault: Vault, ops: Ops, banner: Banner, new_passphrase: bool
) -> QDialog:
    from ui.vault.rekey_dialog import NewKeysDialog

    dialog = NewKeysDialog(vault, ops, parent, new_passphrase=new_passphrase)
    done = N_("Valvet har nya nycklar. Gamla nyckelfiler öppnar inget nytt.")
    dialog.rotated.connect(lambda: banner.show_info(lambda: _(done)))
    return open_dialog(dialog)


def ask_backup_path(parent: QWidget, day: dt.date) -> Path | None:
    """Where to write a backup made on ``day`` (the session clock's)."""
    path = ask_save_path(
        parent,
        _("Säkerhetskopiera valvet"),
        dated("utvag-backup", day, ".utvagbak"),
        _("Säkerhetskopior (*.utvagbak)"),
    )
    return Path(path) if path else None


def warn_culled_backups(store: Store, banner: Banner) -> bool:
    """Warn while backups made before a culling are not confirmed destroyed."""
    from ui.casefile.retention import backup_text, pending_backups

    backups = pending_backups(store)
    if backups:
        banner.show_warning(lambda: backup_text(backups))
    return bool(backups)


def run_backup(vault: Vault, path: Path, ops: Ops, banner: Banner) -> None:
    from app.vault.backup import create_backup

    ops.run(
        lambda progress: create_backup(vault, path, progress),
        label=N_("Säkerhetskopian skrivs …"),
        on_done=lambda _r: banner.show_info(
            lambda: _("Säkerhetskopian är sparad och kontrollerad.")
        ),
        on_error=banner.show_error,
    )
