"""No silent change: a drop-down, spin box, date edit or slider takes the mouse wheel only
when it has focus. Scrolling a form over one scrolls the form instead (the wheel event
is ignored, so it travels on to the scroll area), and the wheel never gives such a
widget focus (it is polished to Qt.StrongFocus). One filter for the whole application,
installed where the QApplication is set up."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)  # a scroll bar is not a value


def _guarded(widget: QObject) -> QWidget | None:
    ok = isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)
    return cast(QWidget, widget) if ok else None


_WHEEL, _POLISH = QEvent.Type.Wheel, QEvent.Type.Polish


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind != _WHEEL and kind != _POLISH:
            return False
        widget = _guarded(watched)
        if widget is None:
            return False
        if kind == _POLISH:
            if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel gives no focus
            return False
        if widget.hasFocus():
            return False
        event.ignore()  # not accepted: Qt hands the wheel on to the parent (the form)
        return True


_guard: WheelGuard | None = None


def install(app: QApplication) -> WheelGuard:
    """Install the one guard on ``app`` (again: the same guard, installed once)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
    app.installEventFilter(_guard)  # Qt ignores a second install of the same filter
    return _guard


def uninstall(app: QApplication) -> None:
    if _guard is not None:
        app.removeEventFilter(_guard)


__all__ = ["GUARDED", "WheelGuard", "install", "uninstall"]
