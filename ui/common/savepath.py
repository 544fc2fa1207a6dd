"""Where save dialogs start: the user's Documents folder (platformdirs), with a file name
that says what the file is and, where a day belongs to it, the day from the session's
clock ("utvag-backup-2026-11-23.utvagbak"); never the program's working folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QFileDialog, QWidget


def documents() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def in_documents(name: str) -> str:
    return str(documents() / name)


def dated(stem: str, day: dt.date, suffix: str) -> str:
    """``stem-ÅÅÅÅ-MM-DD.suffix``."""
    return f"{stem}-{day.isoformat()}{suffix}"


def ask_save_path(parent: QWidget | None, title: str, name: str, file_filter: str) -> str:
    """The save dialog, in Documents with ``name`` filled in ("" when cancelled); the
    dialog itself asks before replacing an existing file."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, in_documents(name), file_filter)
    return path


__all__ = ["ask_save_path", "dated", "documents", "in_documents"]
