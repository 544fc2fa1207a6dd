"""Small helpers to act like a person in GUI tests: find a visible button by its text,
click it, type into the focused field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from ui.shell.main_window import MainWindow
from ui.vault.unlock import UnlockWindow


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def find_window(kind: type) -> QWidget | None:
    found = [w for w in visible_windows() if isinstance(w, kind)]
    return found[-1] if found else None


def main_window() -> MainWindow | None:
    return find_window(MainWindow)  # type: ignore[return-value]


def unlock_window() -> UnlockWindow | None:
    return find_window(UnlockWindow)  # type: ignore[return-value]


def button(root: QWidget, text: str) -> QAbstractButton:
    """The visible button whose text (without & mnemonics) is ``text``."""
    for candidate in root.findChildren(QAbstractButton):
        if candidate.isVisible() and candidate.text().replace("&", "") == text:
            return candidate
    shown = [b.text() for b in root.findChildren(QAbstractButton) if b.isVisible()]
    raise AssertionError(f"no visible button {text!r}; visible: {shown}")


def click(qtbot, root: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    target = button(root, text)
    assert target.isEnabled(), f"button {text!r} is disabled"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click a check box on its indicator, where a person clicks."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key by key. QTest's own table aborts on some Swedish letters (ö),
    so those are sent as the key events a Swedish keyboard produces."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        key = ord(char.upper()) if ord(char) < 256 else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def dispose_shells(qtbot, shells: list) -> None:  # type: ignore[no-untyped-def, type-arg]
    """After a test: lock and unhook each shell, and close every window left."""
    for shell in shells:
        shell.dispose()
    for widget in QApplication.topLevelWidgets():
        widget.hide()
        widget.deleteLater()
    qtbot.wait(10)


def unlock(qtbot, passphrase: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Type the passphrase into the unlock window and click "Lås upp"."""
    from tests.conftest import PASSPHRASE

    window = unlock_window()
    assert window is not None
    type_text(qtbot, window.unlock.passphrase, passphrase or PASSPHRASE)
    click(qtbot, window, "Lås upp")
    qtbot.waitUntil(lambda: main_window() is not None, timeout=10000)


def start_unlocked(qtbot, shell):  # type: ignore[no-untyped-def]
    """Start ``shell`` on its existing vault and unlock it as a person would."""
    shell.start()
    unlock(qtbot)
    return shell
