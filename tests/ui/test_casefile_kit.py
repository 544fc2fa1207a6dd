"""Typing helpers for the case-file GUI tests.

``qtbot.keyClicks`` aborts on characters outside ASCII (QTest's key table asserts), and
a caseworker types å, ä and ö all day: :func:`type_text` sends real key events with the
character as event text, the way a keyboard layout delivers it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    for char in text:
        if char.isascii() and char != "\n":
            qtbot.keyClick(widget, char)
            continue
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     char))  # fmt: skip


def test_type_text_handles_swedish_letters(qtbot):
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    type_text(qtbot, edit, "Häftapparat på ö")
    assert edit.text() == "Häftapparat på ö"
