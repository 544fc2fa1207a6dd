"""Keyboard and screen readers in every dialog (tests/ui/dialog_catalog.py): each input
has an accessible name (a label tied to it as buddy, a form row, or an explicit name),
as a screen reader reads it through Qt's accessibility interface."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tests.ui.dialog_catalog import Kit, build_all, kit
from tests.ui.test_handover_export import parties

__all__ = ["kit", "parties"]  # fixtures, re-exported for pytest

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads. On Linux Qt gives a combo box its current item as
    name (that names the value, not the field) and the label as a "labelled by"
    relation: for a combo box, its own name or its label's text."""
    if isinstance(widget, QComboBox):
        labels = [
            label.text()
            for label in widget.window().findChildren(QLabel)
            if label.buddy() is widget and label.text().strip()
        ]
        return widget.accessibleName() or " ".join(labels)
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def _inputs(dialog: QWidget) -> list[QWidget]:
    found = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box: the box carries the name
        unlabelled_button = isinstance(widget, QAbstractButton) and not widget.text()
        focusable = widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(dialog)
        if (isinstance(widget, INPUTS) or unlabelled_button) and focusable:
            found.append(widget)
    return found


def test_every_input_in_every_dialog_has_an_accessible_name(kit: Kit) -> None:
    unnamed = []
    for name, dialog in build_all(kit):
        dialog.show()
        for add in [b for b in dialog.findChildren(QAbstractButton) if b.text() == "Lägg till rad"]:
            add.click()  # the fields of a new row are named too
        QApplication.processEvents()  # new rows are shown by a queued call
        for widget in _inputs(dialog):
            if not accessible_name(widget):
                unnamed.append(f"{name}: {type(widget).__name__} {widget.objectName()!r}")
        dialog.close()
    assert not unnamed, "\n".join(unnamed)
