"""Anything the app copies is cleared from the clipboard after a while (the setting
``clipboard_clear_seconds`` as in force, never longer than the organisation's policy)
if it is still ours, and at lock and exit. The copy is marked so that Windows clipboard
history, cloud clipboard and KDE's Klipper leave it alone.

That covers the app's own "copy" buttons and also Ctrl+C in any of its text fields: a
clipboard change while Utväg is the active application is adopted as ours."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from app.settings import CLIPBOARD_SECONDS, effective

_PRIVATE_FORMATS = {
    # Windows: keep out of clipboard history and cloud sync (as password managers do).
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': (
        b"\x01\x00\x00\x00"
    ),
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\x00\x00\x00\x00",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\x00\x00\x00\x00",
    # KDE Klipper and other Linux clipboard managers.
    "x-kde-passwordManagerHint": b"secret",
}


class ClipboardGuard(QObject):
    def __init__(self, seconds: int | None = None) -> None:
        """``seconds`` None: the built-in default as bounded by the organisation's policy
        (the shell's guard is set to the caseworker's own choice as in force)."""
        super().__init__()
        self.seconds: int = effective(CLIPBOARD_SECONDS).value if seconds is None else seconds
        self._ours = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self._clipboard().dataChanged.connect(self._adopt)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        for fmt, data in _PRIVATE_FORMATS.items():
            mime.setData(fmt, data)
        self._ours = text  # before setMimeData: its dataChanged must see it as ours
        self._clipboard().setMimeData(mime)
        self._timer.start(self.seconds * 1000)

    def _adopt(self) -> None:
        """A copy made with Ctrl+C inside the app: mark it private and time it out."""
        clipboard = self._clipboard()
        text = clipboard.text()
        if not text or text == self._ours:
            return
        active = QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        if clipboard.ownsClipboard() or active:
            self.copy(text)

    @property
    def clears_in_ms(self) -> int | None:
        """The running clear timer's interval, or None when nothing is waiting."""
        return self._timer.interval() if self._timer.isActive() else None

    @property
    def holds_ours(self) -> bool:
        return bool(self._ours) and self._clipboard().text() == self._ours

    def clear(self) -> None:
        """Clear the clipboard if it still holds what we put there."""
        self._timer.stop()
        if self.holds_ours:
            self._clipboard().clear()
        self._ours = ""
