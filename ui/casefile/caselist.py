"""The case list of the main window, with filters: status, stage, threat level,
responsible caseworker and "needs attention", sortable, with instant search.

Filtering and sorting run on the Python list (``app.store.filter_rows``) and reset the
model: no QSortFilterProxyModel (design §4b). Names arrive from the store already masked
for protected people, and the search never looks inside a masked name. The main window
paints a first page at once on unlock and hands over the whole list when it has been
read off the UI thread (``set_rows`` keeps the filters).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import CaseStatus
from app.domain.kinds import ThreatLevel
from app.domain.stages import stage_models
from app.i18n import N_, _
from app.store import CaseFilter, filter_rows
from app.store.records import CaseRow
from ui.casefile.state import stage_label, threat_label
from ui.casefile.table import ALERT, MUTED, Column, ListModel, table_view
from ui.common import language

SORT_FIELDS = ("attention", "ref", "name", "status", "stage", "threat", "caseworker",
               "last_entry")  # fmt: skip


def _status(row: CaseRow) -> str:
    try:
        return CaseStatus(row.status).label
    except ValueError:
        return row.status


COLUMNS: list[Column[CaseRow]] = [
    Column(N_("!"), lambda r: "●" if r.attention else "", tone=lambda r: ALERT,
           tooltip=lambda r: _("Något behöver åtgärdas") if r.attention else ""),
    Column(N_("Referens"), lambda r: r.ref),
    Column(N_("Klient"), lambda r: r.name, tone=lambda r: MUTED if r.masked else None,
           tooltip=lambda r: _("Skyddad identitet: namnet visas inte i listan") if r.masked
           else ""),
    Column(N_("Status"), _status),
    Column(N_("Stadium"), lambda r: stage_label(r.stage, None) if r.stage else ""),
    Column(N_("Hotnivå"), lambda r: threat_label(r.threat_level) if r.threat_level else "",
           tone=lambda r: ALERT if r.threat_level in ("high", "very_high") else None),
    Column(N_("Handläggare"), lambda r: r.caseworker),
    Column(N_("Senaste händelse"), lambda r: r.last_entry or ""),
]  # fmt: skip


#: Pixels per column (0: the client column stretches).
COLUMN_WIDTHS = (28, 120, 0, 170, 150, 110, 150, 130)


def _stage_options() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for model in stage_models().values():
        for stage in model.stages:
            seen.setdefault(stage.id, stage.label.get())
    return list(seen.items())


class CaseListWidget(QWidget):
    """``set_rows(store.case_rows())``; emits ``open_case(ref)`` on Enter/double-click
    and ``new_case`` from its button."""

    open_case = Signal(str)
    new_case = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[CaseRow] = []
        self.sort, self.descending = "last_entry", True
        self.model: ListModel[CaseRow] = ListModel(COLUMNS)
        self.view = table_view(self.model, stretch=2)
        self.view.setSortingEnabled(False)
        header = self.view.horizontalHeader()
        # Fixed widths: measuring the cells again on every keystroke's reset costs more
        # than the filter itself.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                self.view.setColumnWidth(column, width)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        self.view.activated.connect(self._activated)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status, self.stage, self.threat, self.worker = (QComboBox() for _i in range(4))
        self.attention = QCheckBox()
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_case)
        self.count = QLabel()
        self.count.setObjectName("hint")
        for box in (self.status, self.stage, self.threat, self.worker):
            box.currentIndexChanged.connect(self.apply)
        self.search.textChanged.connect(self.apply)
        self.attention.toggled.connect(self.apply)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for box in (self.status, self.stage, self.threat, self.worker):
            filters.addWidget(box, 1)
        filters.addWidget(self.attention)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Sök på referens, namn eller handläggare …"))
        self.attention.setText(_("Behöver åtgärd"))
        self.new_button.setText(_("Nytt ärende …"))
        self.new_button.setToolTip(_("Skapa ett nytt ärende (Ctrl+N)"))
        self._fill(self.status, _("Alla statusar"), [(s.value, s.label) for s in CaseStatus])
        self._fill(self.stage, _("Alla stadier"), _stage_options())
        self._fill(self.threat, _("Alla hotnivåer"), [(t.value, t.label) for t in ThreatLevel])
        workers = sorted({r.caseworker for r in self.all_rows if r.caseworker})
        self._fill(self.worker, _("Alla handläggare"), [(w, w) for w in workers])
        self.model.retranslate()
        self._show_count()

    @staticmethod
    def _fill(box: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for value, label in items:
            box.addItem(label, value)
        box.setCurrentIndex(max(box.findData(current), 0) if current is not None else 0)
        box.blockSignals(False)

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.all_rows = list(rows)
        workers = sorted({r.caseworker for r in rows if r.caseworker})
        self._fill(self.worker, _("Alla handläggare"), [(w, w) for w in workers])
        self.apply()

    def current_filter(self) -> CaseFilter:
        def picked(box: QComboBox) -> frozenset[str]:
            value = box.currentData()
            return frozenset() if value is None else frozenset({str(value)})

        return CaseFilter(
            text=self.search.text(), statuses=picked(self.status), stages=picked(self.stage),
            threat_levels=picked(self.threat), caseworker=self.worker.currentData(),
            attention_only=self.attention.isChecked(), sort=self.sort, descending=self.descending,
        )  # fmt: skip

    def apply(self) -> None:
        flt = self.current_filter()
        if self.sort == "attention":  # a flag, not a text: sort it here
            rows = filter_rows(self.all_rows, replace(flt, sort="last_entry", descending=True))
            rows.sort(key=lambda r: r.attention, reverse=self.descending)
        else:
            rows = filter_rows(self.all_rows, flt)
        self.model.set_rows(rows)
        self._show_count()

    def _header_clicked(self, column: int) -> None:
        field = SORT_FIELDS[column]
        self.descending = not self.descending if field == self.sort else False
        self.sort = field
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        self.view.horizontalHeader().setSortIndicator(column, order)
        self.apply()

    def _show_count(self) -> None:
        shown, total = len(self.model.rows), len(self.all_rows)
        if shown != total:
            text = _("{shown} av {count} ärenden").format(shown=shown, count=total)
        else:
            text = (_("{count} ärende") if total == 1 else _("{count} ärenden")).format(count=total)
        self.count.setText(text)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.open_case.emit(row.ref)

    def clear(self) -> None:
        """Forget every row and the search (before a lock)."""
        self.search.clear()
        self.set_rows([])


__all__ = ["CaseListWidget"]
