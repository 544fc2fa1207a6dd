"""Saving an export (statistics, log review) where the user chooses: asked once, written
atomically, recorded in the audit trail. Tests replace :data:`ask_path`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.errors import file_problem
from app.fsutil import atomic_write
from app.i18n import _
from app.store import Store
from ui.common.errors import Banner
from ui.common.savepath import ask_save_path


def _ask(parent: QWidget, title: str, suggested: str) -> str:
    return ask_save_path(parent, title, suggested, _("CSV-fil (*.csv)"))


#: (parent, title, suggested file name) -> chosen path, "" when cancelled
ask_path: Callable[[QWidget, str, str], str] = _ask


def save_export(parent: QWidget, store: Store, title: str, suggested: str, text: str,
                kind: str, banner: Banner) -> Path | None:  # fmt: skip
    """Ask where, write ``text`` (UTF-8 with BOM so spreadsheet programs read å, ä, ö),
    and audit the export by kind and file name (never its content). A place that cannot
    be written gets a message in ``banner`` (and None)."""
    chosen = ask_path(parent, title, suggested)
    if not chosen:
        return None
    path = Path(chosen)
    try:
        atomic_write(path, text.encode("utf-8-sig"))
    except OSError as exc:
        banner.show_error(file_problem(exc, path))
        return None
    store.vault.audit("exported", None, kind=kind, file=path.name)
    return path


__all__ = ["ask_path", "save_export"]
