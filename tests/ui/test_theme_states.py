"""What the theme shows a person: a disabled primary button looks disabled (it used to
keep the accent colour, as the #primary rule outranked :disabled), and the focused cell
of a table is outlined so keyboard users see where they are."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from ui.common import theme


def _styled(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    root = QWidget()
    root.setStyleSheet(theme.STYLESHEET)
    qtbot.addWidget(root)
    return root


def _background(button: QPushButton) -> QColor:
    image = button.grab().toImage()
    return image.pixelColor(4, image.height() // 2)


def test_a_disabled_primary_button_does_not_look_enabled(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = _styled(qtbot)
    row = QHBoxLayout(root)
    enabled, disabled, plain = QPushButton("Läs in"), QPushButton("Läs in"), QPushButton("Stäng")
    for button in (enabled, disabled):
        button.setObjectName("primary")
    disabled.setEnabled(False)
    plain.setEnabled(False)
    for button in (enabled, disabled, plain):
        button.setAutoDefault(False)
        row.addWidget(button)
    root.show()
    qtbot.waitExposed(root)
    assert _background(enabled).name() == theme.ACCENT
    assert _background(disabled).name() != theme.ACCENT
    assert _background(disabled) == _background(plain)  # disabled looks like disabled


def test_the_focused_table_cell_is_outlined(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = _styled(qtbot)
    table = QTableView(root)
    model = QStandardItemModel(3, 2, table)
    for r in range(3):
        for c in range(2):
            model.setItem(r, c, QStandardItem(""))
    table.setModel(model)
    table.resize(300, 160)
    root.show()
    qtbot.waitExposed(root)
    cell = table.visualRect(model.index(1, 0))
    unfocused = table.viewport().grab().toImage().pixelColor(cell.left() + 1, cell.center().y())
    table.setFocus()
    table.setCurrentIndex(model.index(1, 0))
    qtbot.waitUntil(table.hasFocus)
    focused = table.viewport().grab().toImage().pixelColor(cell.left() + 1, cell.center().y())
    assert focused.name() == theme.ACCENT
    assert unfocused != focused
