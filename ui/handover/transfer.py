"""The transfer request of a case (överflyttning): record the written request, the
other municipality's answer, an application to IVO, or a withdrawal. The answer
deadline follows the transfer rules and is computed by the core."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store import Store
from app.store.transfer import TransferAnswer, TransferGround, TransferRequest, transfer_rule
from ui.common.date_field import past_date
from ui.handover.common import HandoverDialog


def summary(request: TransferRequest) -> str:
    lines = [
        _("Begäran till {town} skickad {sent}.").format(
            town=request.to_municipality, sent=request.requested_on
        ),
        _("Skriftligt svar senast {date} enligt {rule}.").format(
            date=request.answer_due, rule=transfer_rule()
        ),
        _("Skäl: {grounds}").format(grounds=", ".join(g.label for g in request.grounds)),
    ]
    if request.client_wishes:
        lines.append(_("Klientens önskemål: {text}").format(text=request.client_wishes))
    if request.guardian_wishes:
        lines.append(_("Vårdnadshavarnas önskemål: {text}").format(text=request.guardian_wishes))
    lines.append(_("Svar: {answer}").format(answer=request.answer.label))
    if request.answered_on:
        lines[-1] += f" ({request.answered_on})"
    if request.withdrawn_on:
        lines.append(_("Återkallad {date}.").format(date=request.withdrawn_on))
    if request.ivo_applied_on:
        lines.append(_("Ansökan till IVO gjord {date}.").format(date=request.ivo_applied_on))
    return "\n".join(lines)


class NewRequestBox(QGroupBox):
    def __init__(self, today: dt.date) -> None:
        super().__init__(_("Ny begäran om överflyttning"))
        self.town = QLineEdit()
        self.town.setAccessibleName(_("Kommun"))
        self.sent = past_date(today.isoformat())
        self.grounds = {g: QCheckBox(g.label) for g in TransferGround}
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Beskriv det andra skälet"))
        self.wishes = QPlainTextEdit()
        self.wishes.setMaximumHeight(80)
        self.guardian_wishes = QPlainTextEdit()
        self.guardian_wishes.setMaximumHeight(60)
        self.guardian_wishes.setPlaceholderText(_("Om klienten är ett barn"))
        self.submit = QPushButton(_("Registrera begäran"))
        grounds = QVBoxLayout()
        for box in self.grounds.values():
            grounds.addWidget(box)
        grounds.addWidget(self.note)
        form = QFormLayout(self)
        form.addRow(_("Till kommun"), self.town)
        form.addRow(_("Skriftlig begäran skickad"), self.sent)
        form.addRow(_("Skäl"), grounds)
        form.addRow(_("Klientens önskemål"), self.wishes)
        form.addRow(_("Vårdnadshavarnas önskemål"), self.guardian_wishes)
        form.addRow("", self.submit)


class AnswerBox(QGroupBox):
    def __init__(self, today: dt.date) -> None:
        super().__init__(_("Svar från den andra kommunen"))
        self.accepted = QRadioButton(TransferAnswer.ACCEPTED.label)
        self.declined = QRadioButton(TransferAnswer.DECLINED.label)
        self.accepted.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accepted)
        group.addButton(self.declined)
        self.on = past_date(today.isoformat())
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Skäl som angavs (krävs vid avböjande)"))
        self.submit = QPushButton(_("Registrera svar"))
        choice = QHBoxLayout()
        choice.addWidget(self.accepted)
        choice.addWidget(self.declined)
        choice.addStretch(1)
        form = QFormLayout(self)
        form.addRow(_("Svar"), choice)
        form.addRow(_("Daterat"), self.on)
        form.addRow(_("Skäl"), self.note)
        form.addRow("", self.submit)


class TransferDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None, store: Store, case_ref: str) -> None:
        super().__init__(
            parent,
            _("Överflyttning av ärende {ref}").format(ref=case_ref),
            _(
                "Begäran ska besvaras skriftligen inom en månad. Besvaras den inte, eller "
                "avböjs den, kan ni ansöka hos IVO."
            ),
        )
        self.store, self.case_id = store, store.case_id_for_ref(case_ref)
        self.setMinimumWidth(620)
        self.state = QLabel(wordWrap=True)
        self.new = NewRequestBox(store.today())
        self.new.submit.clicked.connect(self.register)
        self.answer = AnswerBox(store.today())
        self.answer.submit.clicked.connect(self.record_answer)
        self.ivo = QPushButton(_("Registrera ansökan till IVO idag"))
        self.ivo.clicked.connect(self.apply_to_ivo)
        self.withdraw_reason = QLineEdit()
        self.withdraw_reason.setPlaceholderText(_("Varför begäran återkallas"))
        self.withdraw = QPushButton(_("Återkalla begäran"))
        self.withdraw.clicked.connect(self.withdraw_request)
        row = QHBoxLayout()
        row.addWidget(self.withdraw_reason, 1)
        row.addWidget(self.withdraw)
        for widget in (self.state, self.new, self.answer, self.ivo):
            self.layout_.addWidget(widget)
        self.layout_.addLayout(row)
        self._withdraw_row = (self.withdraw_reason, self.withdraw)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.footer.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        request = self.store.current_transfer_request(self.case_id)
        today = self.store.today()
        self.request = request
        self.state.setText(
            summary(request) if request else _("Ärendet har ingen begäran om överflyttning.")
        )
        is_open = bool(request and request.is_open)
        self.new.setVisible(not is_open)
        self.answer.setVisible(is_open)
        for widget in self._withdraw_row:
            widget.setVisible(is_open)
        self.ivo.setVisible(bool(request and request.may_apply_to_ivo(today)))
        if request and request.is_overdue(today):
            self.banner.show_warning(
                _("Svarsfristen gick ut {date}. Ni kan ansöka om överflyttning hos IVO.").format(
                    date=request.answer_due
                )
            )

    def _run(self, verb: object) -> None:
        self.banner.clear()
        try:
            verb()  # type: ignore[operator]
        except Exception as exc:  # explained inline; nothing was stored
            self.banner.show_error(exc)
            return
        self.refresh()

    def register(self) -> None:
        box = self.new
        if not box.sent.confirmed():
            return
        grounds = tuple(g for g, check in box.grounds.items() if check.isChecked())
        self._run(
            lambda: self.store.request_transfer(
                self.case_id,
                box.town.text(),
                requested_on=box.sent.text(),
                client_wishes=box.wishes.toPlainText(),
                grounds=grounds,
                grounds_note=box.note.text(),
                guardian_wishes=box.guardian_wishes.toPlainText(),
            )
        )

    def record_answer(self) -> None:
        box, request = self.answer, self.request
        if request is None or not box.on.confirmed():
            return
        answer = TransferAnswer.ACCEPTED if box.accepted.isChecked() else TransferAnswer.DECLINED
        self._run(
            lambda: self.store.record_transfer_answer(
                request.id, answer, answered_on=box.on.text(), note=box.note.text()
            )
        )

    def apply_to_ivo(self) -> None:
        if self.request is not None:
            request_id = self.request.id
            self._run(lambda: self.store.record_ivo_application(request_id))

    def withdraw_request(self) -> None:
        if self.request is not None:
            request_id, reason = self.request.id, self.withdraw_reason.text()
            self._run(lambda: self.store.withdraw_transfer_request(request_id, reason))
