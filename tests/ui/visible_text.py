"""Collect every text a person can see in a window: titles, labels, buttons, tooltips,
placeholders, menu items, tab titles, column headers, list items."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
    QWizard,
)

_TAGS = re.compile(r"<[^>]+>")


def _add(out: dict[str, str], key: str, text: str) -> None:
    text = _TAGS.sub("", text or "").replace("&", "").strip()
    if text:
        out[key] = text


def _widget_texts(widget: QWidget, key: str, out: dict[str, str]) -> None:
    _add(out, f"{key}#tooltip", widget.toolTip())
    if isinstance(widget, (QLabel, QAbstractButton)):
        _add(out, key, widget.text())
    elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
        _add(out, f"{key}#placeholder", widget.placeholderText())
    elif isinstance(widget, QGroupBox):
        _add(out, key, widget.title())
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            _add(out, f"{key}#item{i}", widget.itemText(i))
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            _add(out, f"{key}#tab{i}", widget.tabText(i))
    elif isinstance(widget, QSpinBox):
        _add(out, f"{key}#suffix", widget.suffix())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for c in range(model.columnCount()):
            header = model.headerData(c, Qt.Orientation.Horizontal)
            _add(out, f"{key}#header{c}", str(header or ""))
        for r in range(min(model.rowCount(), 50)):
            for c in range(model.columnCount()):
                _add(out, f"{key}#cell{r}.{c}", str(model.index(r, c).data() or ""))


def _menu_texts(menu: QMenu, key: str, out: dict[str, str]) -> None:
    _add(out, key, menu.title())
    for i, action in enumerate(menu.actions()):
        _add(out, f"{key}/{i}", action.text())


def visible_texts(window: QWidget) -> dict[str, str]:
    """Texts keyed by a stable path (object tree position), so two languages compare."""
    out: dict[str, str] = {}
    _add(out, "window#title", window.windowTitle())
    widgets = [window, *window.findChildren(QWidget)]
    for index, widget in enumerate(widgets):
        if widget is window or widget.isVisibleTo(window):
            _widget_texts(widget, f"{index}:{type(widget).__name__}", out)
    if isinstance(window, QMainWindow):
        for i, action in enumerate(window.menuBar().actions()):
            if action.menu() is not None:
                _menu_texts(action.menu(), f"menu{i}", out)
    if isinstance(window, QWizard):
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            _add(out, f"wizard#{which}", window.buttonText(which))
    return out
