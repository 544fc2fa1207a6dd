"""The tasks tab: what has to be done in this case, by whom and when. Type a task and
its date and press Enter; the buttons mark the chosen task done (or open it again),
change its text and date, give it to another named user, or remove it with a reason
(each through the store's verb, audited). Automatic reminders are not stored tasks and
take none of these."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.dates import Expect
from app.domain.kinds import TaskKind
from app.i18n import N_, _
from app.store.records import CaseFile, Task
from ui.casefile.context import CaseContext
from ui.casefile.table import ALERT, MUTED, Column, ListModel, table_view
from ui.casefile.task_dialog import TaskDialog, TaskMode
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
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self.open_dialog(TaskMode.EDIT))
        self.reassign_button = QPushButton()
        self.reassign_button.clicked.connect(lambda: self.open_dialog(TaskMode.REASSIGN))
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.open_dialog(TaskMode.REMOVE))
        self.dialog: TaskDialog | None = None
        self.table.selectionModel().selectionChanged.connect(self._enable)
        adder = QHBoxLayout()
        adder.addWidget(self.title, 1)
        adder.addWidget(self.due)
        adder.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for widget in (self.remove_button, self.reassign_button, self.edit_button,
                       self.done_button):  # fmt: skip
            bottom.addWidget(widget)
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
        self.edit_button.setText(_("Ändra …"))
        self.reassign_button.setText(_("Flytta till …"))
        self.reassign_button.setToolTip(_("Ge uppgiften till en annan handläggare"))
        self.remove_button.setText(_("Ta bort …"))
        self.remove_button.setToolTip(_("Ta bort uppgiften med ett skäl (loggas)"))
        self.model.retranslate()

    def show_file(self, file: CaseFile) -> None:
        self.cols.today = self.ctx.today().isoformat()
        self.model.set_rows(sorted(file.tasks, key=lambda t: (t.done_at is not None, t.due or "")))
        self._enable()

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

    def chosen(self) -> Task | None:
        """The chosen stored task (an automatic reminder is none)."""
        rows = self.table.selectionModel().selectedRows()
        task = self.model.row_at(rows[0]) if rows else None
        return task if task is not None and not task.automatic else None

    def _enable(self, *_args: object) -> None:
        task = self.chosen()
        for button in (self.done_button, self.edit_button, self.reassign_button,
                       self.remove_button):  # fmt: skip
            button.setEnabled(task is not None)

    def toggle_done(self) -> None:
        task = self.chosen()
        if task is not None:
            store = self.ctx.store
            self.ctx.run(lambda: store.complete_task(task.id, task.done_at is None))

    def open_dialog(self, mode: TaskMode) -> None:
        task = self.chosen()
        if task is None:
            return
        owners = self.ctx.store.task_owners() if mode is TaskMode.REASSIGN else ()
        dialog = TaskDialog(task, mode, self.ctx.today(), owners, self)
        dialog.accepted.connect(lambda: self._save(dialog))
        self.dialog = dialog
        dialog.open()

    def _save(self, dialog: TaskDialog) -> None:
        store, task_id = self.ctx.store, dialog.task.id
        title, due, owner, reason = dialog.values()
        verbs = {
            TaskMode.EDIT: lambda: store.edit_task(task_id, title, due),
            TaskMode.REASSIGN: lambda: store.reassign_task(task_id, owner),
            TaskMode.REMOVE: lambda: store.remove_task(task_id, reason),
        }
        self.ctx.run(verbs[dialog.mode])


__all__ = ["TasksTab", "task_title"]
