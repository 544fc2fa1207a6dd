"""The "Today" view: reminders and tasks that are overdue, due today or due soon, across
all cases. It shows case references and what is due, never a name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UtvagError
from app.i18n import N_, _
from app.store import Store
from app.store.records import Task
from ui.casefile.table import ALERT, Column, ListModel, table_view
from ui.casefile.tasks import task_title
from ui.common import language


class DueColumns:
    def __init__(self) -> None:
        self.today = ""

    def when(self, task: Task) -> str:
        if not task.due:
            return ""
        if task.due < self.today:
            return _("Försenad")
        return _("Idag") if task.due == self.today else _("Snart")

    def tone(self, task: Task) -> object:
        return ALERT if task.due and task.due < self.today else None

    def columns(self) -> list[Column[Task]]:
        return [
            Column(N_("När"), self.when, tone=self.tone),  # type: ignore[arg-type]
            Column(N_("Datum"), lambda t: t.due or "", tone=self.tone),  # type: ignore[arg-type]
            Column(N_("Ärende"), lambda t: t.case_ref),
            Column(N_("Ansvarig"), lambda t: t.owner),
            Column(N_("Vad"), task_title),
        ]


class TodayView(QWidget):
    """``refresh()`` reads ``store.reminders()``; emits ``open_case(ref)``."""

    open_case = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 horizon_days: int = 7) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.horizon = store, horizon_days
        self.cols = DueColumns()
        self.model: ListModel[Task] = ListModel(self.cols.columns())
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
        self.model.set_rows(self.store.reminders(horizon_days=self.horizon))
        self._summarise()

    def _summarise(self) -> None:
        overdue = sum(1 for t in self.model.rows if t.due and t.due < self.cols.today)
        self.summary.setText(
            _("{overdue} försenade och {total} att göra de närmaste {days} dagarna.").format(
                overdue=overdue, total=len(self.model.rows), days=self.horizon
            )
        )

    def _activated(self, index: QModelIndex) -> None:
        task = self.model.row_at(index)
        if task is not None and task.case_ref:
            self.open_case.emit(task.case_ref)


__all__ = ["TodayView"]
