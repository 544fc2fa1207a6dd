"""Nothing typed is lost: every registered editor is saved as a draft *inside the vault*
every few seconds while it changes, right before the vault locks, and when its view
closes. A registered editor that is empty picks up its draft again (after an unlock or
after a crash). Drafts never touch a temp file, the settings or a log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from app.vault.vault import Vault

log = logging.getLogger(__name__)


class DraftKeeper(QObject):
    saved = Signal(str)  # draft key

    def __init__(self, vault: Vault, interval_seconds: int = 3) -> None:
        super().__init__()
        self.vault = vault
        self._editors: dict[str, tuple[str, QPlainTextEdit]] = {}
        self._dirty: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_seconds * 1000)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        #: Called with the exception when a draft cannot be saved (shown inline).
        self.on_error: Callable[[Exception], object] = lambda exc: None

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(seconds * 1000)

    def register(self, key: str, kind: str, editor: QPlainTextEdit) -> bool:
        """Track ``editor``; fill it from a saved draft if it is empty. Returns whether a
        draft was restored."""
        restored = False
        if not editor.toPlainText():
            text = self.vault.load_draft(key)
            if text:
                editor.setPlainText(text)
                restored = True
        self._editors[key] = (kind, editor)
        editor.textChanged.connect(lambda: self._dirty.add(key))
        return restored

    def unregister(self, key: str) -> None:
        """Save one last time and stop tracking (the view is closing)."""
        self._save(key)
        self._editors.pop(key, None)
        self._dirty.discard(key)

    def discard(self, key: str) -> None:
        """The text was used (e.g. saved as a journal entry): forget the draft."""
        self._dirty.discard(key)
        self.vault.delete_draft(key)

    def flush(self) -> None:
        """Save every changed editor now."""
        for key in list(self._dirty):
            self._save(key)

    def _save(self, key: str) -> None:
        if key not in self._dirty or key not in self._editors:
            return
        kind, editor = self._editors[key]
        text = editor.toPlainText()
        try:
            if text.strip():
                self.vault.save_draft(key, kind, text)
            else:
                self.vault.delete_draft(key)
        except Exception as exc:
            log.warning("draft not saved: %s", type(exc).__name__)
            self.on_error(exc)
            return
        self._dirty.discard(key)
        self.saved.emit(key)

    def stop(self) -> None:
        self.flush()
        self._timer.stop()
        self._editors.clear()
