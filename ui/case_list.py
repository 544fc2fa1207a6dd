"""The case list: a table model over a plain Python list, with instant search.

Filtering and sorting work on the Python list and reset the model; no
QSortFilterProxyModel (design §4b: ~6 µs per row per change through a proxy, against
10–44 ms for 100k rows this way). ``data()`` compares roles as plain ints.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import CaseStatus
from app.i18n import N_, _
from ui.common import language

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
FONT = int(Qt.ItemDataRole.FontRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
USER = int(Qt.ItemDataRole.UserRole)
HORIZONTAL = Qt.Orientation.Horizontal

_MASKED_COLOUR = QColor("#6b6b6b")


@cache
def _masked_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


COLUMNS = (N_("Referens"), N_("Klient"), N_("Status"), N_("Handläggare"), N_("Öppnat"))


def status_label(key: str) -> str:
    try:
        return CaseStatus(key).label
    except ValueError:
        return key


def _cell(row: Any, column: int) -> str:
    if column == 0:
        return str(row.ref)
    if column == 1:
        return str(row.name)  # the store has already masked a protected person's name
    if column == 2:
        return status_label(row.status)
    if column == 3:
        return str(row.caseworker)
    return str(row.opened)


_SORT_KEYS: tuple[Callable[[Any], Any], ...] = (
    lambda r: r.ref,
    lambda r: (r.masked, r.name.casefold()),
    lambda r: r.status,
    lambda r: r.caseworker.casefold(),
    lambda r: r.opened,
)


class CaseTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[Any] = []
        self.rows: list[Any] = []
        self.query = ""
        self.sort_column = 4
        self.sort_order = Qt.SortOrder.DescendingOrder

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        role = int(role)
        if role == DISPLAY:
            return _cell(self.rows[index.row()], index.column())
        if role == USER:
            return self.rows[index.row()].ref
        if index.column() != 1 or not self.rows[index.row()].masked:
            return None
        if role == TOOLTIP:
            return _("Namnet visas inte i listan eftersom personen har skyddad identitet.")
        if role == FONT:
            return _masked_font()
        if role == FOREGROUND:
            return _MASKED_COLOUR
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if int(role) == DISPLAY and orientation == HORIZONTAL:
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._rebuild()

    def set_rows(self, rows: list[Any]) -> None:
        self.all_rows = list(rows)
        self._rebuild()

    def set_query(self, text: str) -> None:
        self.query = text.strip().casefold()
        self._rebuild()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(HORIZONTAL, 0, len(COLUMNS) - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _rebuild(self) -> None:
        terms = self.query.split()
        rows = [r for r in self.all_rows if all(t in r.search_key for t in terms)]
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        rows.sort(key=_SORT_KEYS[self.sort_column], reverse=descending)
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class CaseListPanel(QWidget):
    open_case = Signal(str)  # case ref
    new_case = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_query)
        self.search.textChanged.connect(self._update_count)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_case)
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.setSortingEnabled(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in ((0, 130), (2, 190), (3, 170), (4, 100)):
            self.view.setColumnWidth(column, width)
        self.view.activated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Sök på referens, namn eller handläggare …"))
        self.new_button.setText(_("Nytt ärende …"))
        self.new_button.setToolTip(_("Skapa ett nytt ärende (Ctrl+N)"))
        self.model.retranslate()
        self._update_count()

    def set_rows(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = len(self.model.rows), len(self.model.all_rows)
        if shown == total:
            one = total == 1
            text = _("{count} ärende") if one else _("{count} ärenden")
            self.count.setText(text.format(count=total))
        else:
            self.count.setText(_("{shown} av {count} ärenden").format(shown=shown, count=total))

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.data(index, USER))

    def clear(self) -> None:
        self.search.clear()
        self.model.set_rows([])
