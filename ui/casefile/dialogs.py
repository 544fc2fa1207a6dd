"""Small dialogs of the case tab: a status change and a decision (beslut)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import legal
from app.domain.case import CaseStatus, CloseOutcome, allowed_next
from app.i18n import _
from ui.common.date_field import DateField, Expect, accept_if_dates_confirmed, past_date


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
    buttons.accepted.connect(lambda: accept_if_dates_confirmed(dialog))
    buttons.rejected.connect(dialog.reject)
    return buttons


class StatusDialog(QDialog):
    """Only the statuses the case may move to next; closing asks for the outcome."""

    def __init__(self, current: CaseStatus, today: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ändra status"))
        self.next = QComboBox()
        for status in allowed_next(current):
            self.next.addItem(status.label, status.value)
        self.day = past_date(today)
        self.note = QLineEdit()
        self.outcome = QComboBox()
        for outcome in CloseOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.form = QFormLayout()
        self.form.addRow(_("Ny status"), self.next)
        self.form.addRow(_("Från och med"), self.day)
        self.form.addRow(_("Anteckning"), self.note)
        self.form.addRow(_("Utfall"), self.outcome)
        self.next.currentIndexChanged.connect(self._closing)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(_buttons(self, _("Ändra status")))
        self._closing()

    def status(self) -> CaseStatus:
        return CaseStatus(self.next.currentData())

    def outcome_value(self) -> CloseOutcome | None:
        return CloseOutcome(self.outcome.currentData()) if self._is_closing() else None

    def _is_closing(self) -> bool:
        return bool(self.next.currentData() == CaseStatus.CLOSED.value)

    def _closing(self) -> None:
        self.form.setRowVisible(self.outcome, self._is_closing())


class DecisionDialog(QDialog):
    def __init__(self, today: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nytt beslut"))
        self.measure, self.basis, self.maker = QLineEdit(), QLineEdit(), QLineEdit()
        self.day, self.appeal = past_date(today), QLineEdit()
        day = dt.date.fromisoformat(today)
        self.valid_from = DateField(today=lambda: day)  # empty: from the day of the decision
        self.valid_until = DateField(today=lambda: day, expect=Expect.FUTURE)  # empty: tills vidare
        self.grounds = QPlainTextEdit()
        self.grounds.setTabChangesFocus(True)
        self.grounds.setMaximumHeight(80)
        example = legal.cite("sol_assistance")
        self.basis.setPlaceholderText(_("T.ex. {example}").format(example=example))
        period = QHBoxLayout()
        period.addWidget(self.valid_from)
        period.addWidget(QLabel(_("till och med")))
        period.addWidget(self.valid_until)
        period.addStretch(1)
        form = QFormLayout()
        for label, widget in (
            (_("Insats"), self.measure), (_("Lagrum"), self.basis), (_("Beslutsdatum"), self.day),
            (_("Beslutsfattare"), self.maker),
        ):  # fmt: skip
            form.addRow(label, widget)
        form.addRow(_("Gäller från"), period)
        form.addRow(_("Skäl för beslutet"), self.grounds)
        form.addRow(_("Överklagande"), self.appeal)
        self.valid_from.setAccessibleName(_("Gäller från"))
        self.valid_until.setAccessibleName(_("Gäller till och med"))
        self.grounds.setAccessibleName(_("Skäl för beslutet"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, _("Spara beslutet")))
        self.resize(560, 340)


__all__ = ["DecisionDialog", "StatusDialog"]
