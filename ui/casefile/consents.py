"""The consents tab: what may be shared with whom, given when and how, valid until,
withdrawn when. Withdrawing is a new revision of the consent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from app.forms.definition import form_definition
from app.i18n import N_, _
from app.store import CONSENT
from app.store.records import CaseFile, FormRecord
from ui.casefile.context import CaseContext
from ui.casefile.records import RecordHistory, author_note
from ui.casefile.table import MUTED, Column
from ui.common import language
from ui.common.date_field import accept_if_dates_confirmed, past_date


class ConsentColumns:
    """Columns that need today's date to say whether a consent is in force."""

    def __init__(self) -> None:
        self.today = ""

    def status(self, record: FormRecord) -> str:
        data = record.data
        if data.get("withdrawn_on"):
            return _("Återkallat {day}").format(day=data["withdrawn_on"])
        until = data.get("valid_until")
        if until and until < self.today:
            return _("Upphört {day}").format(day=until)
        return _("I kraft")

    def tone(self, record: FormRecord) -> object:
        return None if self.status(record) == _("I kraft") else MUTED

    def columns(self) -> list[Column[FormRecord]]:
        return [
            Column(N_("Mottagare"), lambda r: str(r.data.get("recipient", ""))),
            Column(N_("Givet"), lambda r: str(r.data.get("given_on", ""))),
            Column(N_("Giltigt t.o.m."), lambda r: str(r.data.get("valid_until", "") or "")),
            Column(N_("Status"), self.status, tone=self.tone),  # type: ignore[arg-type]
            Column(N_("Information"), lambda r: str(r.data.get("information", "")).split("\n")[0]),
        ]


class WithdrawDialog(QDialog):
    def __init__(self, today: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Återkalla samtycke"))
        self.day = past_date(today)
        self.how = QComboBox()
        for option in form_definition(CONSENT).field("withdrawn_how").options:
            self.how.addItem(option.label.get(), option.value)
        form = QFormLayout()
        form.addRow(_("Återkallat den"), self.day)
        form.addRow(_("Hur"), self.how)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Återkalla"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(lambda: accept_if_dates_confirmed(self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class ConsentsTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cols = ConsentColumns()
        self.history = RecordHistory(ctx, CONSENT, self.cols.columns())
        self.new_button = self.history.add_button(self.new_consent, primary=True)
        self.withdraw_button = self.history.add_button(self.withdraw)
        self.history.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.withdraw_dialog: WithdrawDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.history)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.history.heading.setText(_("Samtycken till informationsutbyte"))
        self.new_button.setText(_("Nytt samtycke …"))
        self.withdraw_button.setText(_("Återkalla …"))
        self.history.model.retranslate()

    def show_file(self, file: CaseFile) -> None:
        self.cols.today = self.ctx.today().isoformat()
        self.history.show_records([c.record for c in file.consents], author_note)
        self._enable()

    def _enable(self) -> None:
        record = self.history.chosen
        self.withdraw_button.setEnabled(record is not None and not record.data.get("withdrawn_on"))

    def new_consent(self) -> None:
        self.history.open_editor(
            _("Nytt samtycke"),
            lambda data, _reason: self.ctx.store.add_consent(self.ctx.case_id, data),
            data={"given_on": self.ctx.today().isoformat()},
        )

    def withdraw(self) -> None:
        record = self.history.chosen
        if record is None:
            return
        dialog = WithdrawDialog(self.ctx.today().isoformat(), self)
        dialog.accepted.connect(lambda: self._withdraw(record.series, dialog))
        self.withdraw_dialog = dialog
        dialog.open()

    def _withdraw(self, series: int, d: WithdrawDialog) -> None:
        store, day, how = self.ctx.store, d.day.text().strip(), str(d.how.currentData())
        self.ctx.run(lambda: store.withdraw_consent(series, day, how))


__all__ = ["ConsentsTab"]
