"""The tasks tab: what has to be done in this case, by whom and when. Type a task and
its date and press Enter; Space or the button marks the chosen task done."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.dates import Expect
from app.domain.kinds import TaskKind
from app.i18n import N_, _
from app.store.records import CaseFile, Task
from ui.casefile.context import CaseContext
from ui.casefile.table import ALERT, MUTED, Column, ListModel, table_view
from ui.common import language
from ui.common.date_field import DateField


class TaskColumns:
    def __init__(self) -> None:
        self.today = ""

    def tone(self, task: Task) -> object:
        if task.done_at:
            return MUTED
        return ALERT if task.due and task.due < self.today else None

    def columns(self) -> list[Column[Task]]:
        return [
            Column(N_("Klar"), lambda t: "✓" if t.done_at else ""),
            Column(N_("Senast"), lambda t: t.due or "", tone=self.tone),  # type: ignore[arg-type]
            Column(N_("Ansvarig"), lambda t: t.owner),
            Column(N_("Uppgift"), task_title, tone=self.tone),  # type: ignore[arg-type]
        ]


def task_title(task: Task) -> str:
    """A stored task says what it is about (a review a raised threat level added names
    the levels); a computed reminder shows the label of its kind."""
    if task.kind == TaskKind.MANUAL.value or (task.title and not task.automatic):
        return task.title
    try:
        return TaskKind(task.kind).label
    except ValueError:
        return task.title


class TasksTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cols = TaskColumns()
        self.model: ListModel[Task] = ListModel(self.cols.columns())
        self.table = table_view(self.model)
        self.title = QLineEdit()
        self.title.returnPressed.connect(self.add)
        self.due = DateField(today=ctx.today, expect=Expect.FUTURE)
        self.due.returnPressed.connect(self.add)
        self.add_button = QPushButton()
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.toggle_done)
        adder = QHBoxLayout()
        adder.addWidget(self.title, 1)
        adder.addWidget(self.due)
        adder.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(adder)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.title.setPlaceholderText(_("Ny uppgift, t.ex. boka möte med frivården"))
        self.due.setAccessibleName(_("Senast"))
        self.due.setToolTip(_("Senast (ÅÅÅÅ-MM-DD)"))
        self.add_button.setText(_("Lägg till"))
        self.done_button.setText(_("Klar / öppna igen"))
        self.model.retranslate()

    def show_file(self, file: CaseFile) -> None:
        self.cols.today = self.ctx.today().isoformat()
        self.model.set_rows(sorted(file.tasks, key=lambda t: (t.done_at is not None, t.due or "")))

    def add(self) -> None:
        if not self.due.confirmed():
            return
        title, due = self.title.text().strip(), self.due.value()
        store, case_id = self.ctx.store, self.ctx.case_id
        self.ctx.run(lambda: store.add_task(title, case_id=case_id, due=due), on_done=self._added)

    def _added(self, _changes: object) -> None:
        self.title.clear()
        self.due.clear()
        self.title.setFocus()

    def toggle_done(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        task = self.model.row_at(rows[0]) if rows else None
        if task is not None and not task.automatic:
            store = self.ctx.store
            self.ctx.run(lambda: store.complete_task(task.id, task.done_at is None))


__all__ = ["TasksTab", "task_title"]
