"""Small helpers to act like a person in GUI tests: find a visible button by its text,
click it, type into the focused field; and the fictional sample cases the shell tests
open (written through the real store)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from app.domain.case import CaseStatus
from app.domain.identifiers import luhn_check_digit
from app.domain.kinds import ProtectedLevel
from ui.shell.main_window import MainWindow
from ui.vault.unlock import UnlockWindow

#: (ref, given name, family name, protected, status path, caseworker or None, opened)
SAMPLE_CASES = (
    ("AV-2026-001", "Ada", "Exempelsson", False,
     (CaseStatus.ASSESSMENT, CaseStatus.ACTIVE), None, "2026-02-03"),
    ("AV-2026-002", "Ylva", "Hemligdotter", True, (CaseStatus.ASSESSMENT,), None, "2026-03-14"),
    ("AV-2026-003", "Bo", "Påhittad", False, (), "Cecilia Test", "2026-05-20"),
)  # fmt: skip


def test_personnummer(birth: str = "19900101", serial: str = "980") -> str:
    """A valid personnummer in the test serial range (never a real person's)."""
    return f"{birth}-{serial}{luhn_check_digit(birth[2:] + serial)}"


test_personnummer.__test__ = False  # type: ignore[attr-defined]


def add_sample_cases(store: Any) -> None:
    """Three fictional cases, one of them for a person with protected identity."""
    for ref, given, family, protected, path, worker, opened in SAMPLE_CASES:
        level = ProtectedLevel.SKYDDAD_FOLKBOKFORING if protected else ProtectedLevel.NONE
        person = store.add_person(given, family, protected_level=level).new_id
        case = store.create_case(person, ref=ref, opened=opened, caseworker=worker).new_id
        for status in path:
            store.set_status(case, status, on=opened)


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
