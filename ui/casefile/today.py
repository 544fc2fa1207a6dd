"""The "Today" view: reminders and tasks that are overdue, due today or due soon, across
all cases, grouped by client (case): a heading row per case, most urgent case first,
then its tasks by date. It shows case references and what is due, never a name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UtvagError
from app.i18n import N_, _
from app.store import Store
from app.store.records import Task
from ui.casefile.table import ALERT, Column, ListModel, table_view
from ui.casefile.tasks import task_title
from ui.common import language


@dataclass(frozen=True)
class Group:
    """The heading row of one case's tasks ("" : tasks of no case)."""

    case_ref: str
    count: int
    overdue: int


Row = Task | Group


class DueColumns:
    def __init__(self) -> None:
        self.today = ""

    def when(self, row: Row) -> str:
        if isinstance(row, Group):
            return self.heading(row)
        if not row.due:
            return ""
        if row.due < self.today:
            return _("Försenad")
        return _("Idag") if row.due == self.today else _("Snart")

    @staticmethod
    def heading(group: Group) -> str:
        ref = group.case_ref or _("Utan ärende")
        text = _("{ref}: {count} att göra").format(ref=ref, count=group.count)
        if group.overdue:
            text += ", " + _("{overdue} försenade").format(overdue=group.overdue)
        return text

    def tone(self, row: Row) -> QColor | None:
        if isinstance(row, Group):
            return ALERT if row.overdue else None
        return ALERT if row.due and row.due < self.today else None

    def columns(self) -> list[Column[Row]]:
        return [
            Column(N_("När"), self.when, tone=self.tone),
            Column(N_("Datum"), lambda t: _task_cell(t, lambda x: x.due or ""), tone=self.tone),
            Column(N_("Ärende"), lambda t: _task_cell(t, lambda x: x.case_ref)),
            Column(N_("Ansvarig"), lambda t: _task_cell(t, lambda x: x.owner)),
            Column(N_("Vad"), lambda t: _task_cell(t, task_title)),
        ]


def _task_cell(row: Row, cell: Callable[[Task], str]) -> str:
    return "" if isinstance(row, Group) else cell(row)


def grouped(tasks: list[Task], today: str) -> list[Row]:
    """A heading per case followed by its tasks by date; the case with the earliest due
    task first (tasks of no case last)."""
    by_case = sorted(tasks, key=lambda t: (t.case_ref == "", t.case_ref))
    groups = [list(items) for _ref, items in groupby(by_case, key=lambda t: t.case_ref)]
    groups.sort(key=lambda items: (items[0].case_ref == "",
                                   min(t.due or "9999" for t in items)))  # fmt: skip
    rows: list[Row] = []
    for items in groups:
        items.sort(key=lambda t: (t.due or "9999", t.id))
        overdue = sum(1 for t in items if t.due and t.due < today)
        rows.append(Group(items[0].case_ref, len(items), overdue))
        rows += items
    return rows


class TodayView(QWidget):
    """``refresh()`` reads ``store.reminders()``; emits ``open_case(ref)``."""

    open_case = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 horizon_days: int = 7) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.horizon = store, horizon_days
        self.cols = DueColumns()
        self.model: ListModel[Row] = ListModel(self.cols.columns())
        self.view = table_view(self.model)
        self.view.activated.connect(self._activated)
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        language.bind(self.retranslate)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the reminders each time the view comes to the front."""
        try:
            self.refresh()
        except UtvagError:  # e.g. the vault locked meanwhile: the shell covers the window
            self.model.set_rows([])
        super().showEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(_("Idag"))
        self.model.retranslate()
        self._summarise()

    def refresh(self, today: dt.date | None = None) -> None:
        self.cols.today = (today or self.store.today()).isoformat()
        self.view.clearSpans()
        self.model.set_rows(grouped(self.store.reminders(horizon_days=self.horizon),
                                    self.cols.today))  # fmt: skip
        for number, row in enumerate(self.model.rows):
            if isinstance(row, Group):
                self.view.setSpan(number, 0, 1, len(self.model.columns))
        self._summarise()

    def tasks(self) -> list[Task]:
        """The rows that are tasks (not case headings)."""
        return [row for row in self.model.rows if isinstance(row, Task)]

    def _summarise(self) -> None:
        tasks = self.tasks()
        overdue = sum(1 for t in tasks if t.due and t.due < self.cols.today)
        self.summary.setText(
            _("{overdue} försenade och {total} att göra de närmaste {days} dagarna.").format(
                overdue=overdue, total=len(tasks), days=self.horizon
            )
        )

    def _activated(self, index: QModelIndex) -> None:
        task = self.model.row_at(index)
        if task is not None and task.case_ref:
            self.open_case.emit(task.case_ref)


__all__ = ["Group", "TodayView", "grouped"]
