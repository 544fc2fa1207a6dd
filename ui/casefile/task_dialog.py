"""The task dialog: change a task's text and due date, give it to another named user, or
remove it with a reason. It checks what it can before OK (an empty text, name or
reason, a date that is not a date) and says what to do; the store checks again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import Expect
from app.i18n import _
from app.store.records import Task
from ui.common.date_field import DateField, accept_if_dates_confirmed


class TaskMode(StrEnum):
    EDIT = "edit"
    REASSIGN = "reassign"
    REMOVE = "remove"


class TaskDialog(QDialog):
    """``values()`` after OK: (title, due, owner, reason) as typed."""

    def __init__(self, task: Task, mode: TaskMode, today: dt.date, owners: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.task, self.mode = task, mode
        self.title = QLineEdit(task.title)
        self.due = DateField(task.due or "", today=lambda: today, expect=Expect.FUTURE)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems([name for name in owners if name != task.owner])
        self.owner.setCurrentText("")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("T.ex. dubblett, inte längre aktuell"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a3261a;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("Uppgift"), self.title if mode is TaskMode.EDIT else QLabel(task.title))
        if mode is TaskMode.EDIT:
            form.addRow(_("Senast"), self.due)
        elif mode is TaskMode.REASSIGN:
            form.addRow(_("Ansvarig nu"), QLabel(task.owner))
            form.addRow(_("Ny ansvarig"), self.owner)
        else:
            form.addRow(_("Skäl till att uppgiften tas bort"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        titles = {TaskMode.EDIT: (_("Ändra uppgiften"), _("Spara")),
                  TaskMode.REASSIGN: (_("Flytta uppgiften"), _("Flytta")),
                  TaskMode.REMOVE: (_("Ta bort uppgiften"), _("Ta bort"))}  # fmt: skip
        self.setWindowTitle(titles[mode][0])
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(titles[mode][1])
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str | None, str, str]:
        return (self.title.text().strip(), self.due.value(), self.owner.currentText().strip(),
                self.reason.text().strip())  # fmt: skip

    def try_accept(self) -> None:
        """OK: refuse what is missing with a message at once; dates are checked (and an
        unusual one asked about) by the date field."""
        title, _due, owner, reason = self.values()
        missing = {
            TaskMode.EDIT: (not title, _("Skriv vad som ska göras.")),
            TaskMode.REASSIGN: (not owner, _("Skriv namnet på den som ska ha uppgiften.")),
            TaskMode.REMOVE: (not reason, _("Skriv varför uppgiften tas bort; skälet sparas.")),
        }[self.mode]
        if missing[0]:
            self.error.setText(missing[1])
            self.error.show()
            return
        accept_if_dates_confirmed(self)


__all__ = ["TaskDialog", "TaskMode"]
