"""The transfer of a case (överflyttning): the written request with its grounds and
wishes, the other nämnd's decision, legal force, the IVO steps and the day
responsibility passes, or one of the other routes. The rules (the month after which IVO
may be asked, strongest connection, legal force) are the core's
(:mod:`app.domain.transfer`); this dialog only asks and shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from app.domain.transfer import TransferAnswer, TransferRequest, TransferRoute, responsibility
from app.i18n import _
from app.reports.files import export_ivo_application
from app.store import Store
from app.store.transfer import transfer_rule
from ui.common import reports
from ui.common.date_field import dates_confirmed
from ui.handover.common import HandoverDialog
from ui.handover.transfer_boxes import DecisionBox, NewRequestBox, RouteBox, StepsBox


def summary(request: TransferRequest) -> str:
    """The request and its steps so far, as lines."""
    if request.route is not TransferRoute.REQUEST:
        return _("{route}: {town} ({date}). {note}").format(
            route=request.route.label, town=request.to_municipality,
            date=request.requested_on, note=request.grounds_note)  # fmt: skip
    lines = [
        _("Begäran till {town} skickad {sent}.").format(
            town=request.to_municipality, sent=request.requested_on),
        _("Starkast anknytning: {text}").format(text=request.connection or "–"),
    ]
    if request.is_open:  # the month is when IVO may be asked, not a deadline for them
        lines.append(_("Kommer inget beslut får nämnden ansöka hos IVO från {date} ({rule}).")
                     .format(date=request.ivo_from, rule=transfer_rule()))  # fmt: skip
    if request.client_wishes:
        lines.append(_("Klientens önskemål: {text}").format(text=request.client_wishes))
    if request.guardian_wishes:
        lines.append(_("Vårdnadshavarnas önskemål: {text}").format(text=request.guardian_wishes))
    lines.append(_("Beslut: {answer}").format(answer=request.answer.label))
    if request.answered_on:
        lines[-1] += f" ({request.answered_on}, {request.decided_by or '–'})"
    if request.legal_force_on:
        lines.append(_("Laga kraft {date}.").format(date=request.legal_force_on))
    if request.withdrawn_on:
        lines.append(_("Återkallad {date}.").format(date=request.withdrawn_on))
    if request.ivo_applied_on:
        lines.append(_("Ansökan till IVO gjord {date}.").format(date=request.ivo_applied_on))
    if request.taken_over_on:
        lines.append(_("Ansvaret gick över {date}.").format(date=request.taken_over_on))
    return "\n".join(lines)


class TransferDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None, store: Store, case_ref: str) -> None:
        super().__init__(
            parent,
            _("Överflyttning av ärende {ref}").format(ref=case_ref),
            _(
                "Ärendet kan flyttas om klienten har starkast anknytning till den andra "
                "kommunen. Den andra nämnden svarar med ett beslut; säger den nej, eller har "
                "inget beslut kommit en månad efter begäran, får ni ansöka hos IVO. Ni har "
                "kvar ansvaret tills beslutet har vunnit laga kraft."
            ),
        )
        self.store, self.case_id, self.case_ref = store, store.case_id_for_ref(case_ref), case_ref
        self.setMinimumWidth(680)
        self.state = QLabel(wordWrap=True)
        self.responsible = QLabel(wordWrap=True)
        self.responsible.setObjectName("hint")
        today = store.today()
        self.new, self.answer = NewRequestBox(today), DecisionBox(today)
        self.steps, self.routes = StepsBox(today), RouteBox()
        self._wire()
        for widget in (self.state, self.responsible, self.new, self.answer, self.steps,
                       self.routes):  # fmt: skip
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)  # the parts a finished transfer hides leave no gaps
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Stäng"))
        close.rejected.connect(self.reject)
        self.footer.addWidget(close)
        self.refresh()

    @property
    def ivo(self) -> Any:
        return self.steps.ivo

    @property
    def withdraw_reason(self) -> Any:
        return self.answer.withdraw_reason

    def _wire(self) -> None:
        self.new.submit.clicked.connect(self.register)
        self.answer.submit.clicked.connect(self.record_decision)
        self.steps.force.clicked.connect(self.record_legal_force)
        self.steps.ivo.clicked.connect(self.apply_to_ivo)
        self.steps.ivo_pack.clicked.connect(self.save_ivo_pack)
        self.steps.appeal.clicked.connect(self.record_appeal)
        self.steps.takeover.clicked.connect(self.complete)
        self.routes.submit.clicked.connect(self.record_route)
        self.answer.withdraw.clicked.connect(self.withdraw_request)

    def refresh(self) -> None:
        request = self.store.current_transfer_request(self.case_id)
        today = self.store.today()
        self.request = request
        self.state.setText(
            summary(request) if request else _("Ärendet har ingen begäran om överflyttning.")
        )
        home = self.store.vault.profile().municipality or _("Kommunen")
        self.responsible.setText(responsibility(request, today, home))
        is_open = bool(request and request.is_open)
        pending = bool(request and request.route is TransferRoute.REQUEST
                       and not request.withdrawn_on and not request.taken_over_on)  # fmt: skip
        moved = bool(request and request.taken_over_on)
        self.new.setVisible(not pending and not moved)
        self.routes.setVisible(not pending and not moved)
        self.answer.setVisible(is_open)
        self.steps.setVisible(pending)
        may_ivo = bool(request and request.may_apply_to_ivo(today))
        self.steps.ivo.setVisible(may_ivo)
        self.steps.ivo_pack.setVisible(may_ivo or bool(request and request.ivo_applied_on))
        if request and request.waiting_past_month(today) and request.has_strongest_connection:
            self.banner.show_warning(
                _("Inget beslut har kommit en månad efter begäran ({date}). Ni får nu "
                  "ansöka om överflyttning hos IVO.").format(date=request.ivo_from)
            )  # fmt: skip

    def _run(self, verb: Callable[[], object]) -> None:
        self.banner.clear()
        try:
            verb()
        except Exception as exc:  # explained inline; nothing was stored
            self.banner.show_error(exc)
            return
        self.refresh()

    def register(self) -> None:
        box = self.new
        if not box.sent.confirmed():
            return
        self._run(lambda: self.store.request_transfer(
            self.case_id, box.town.text(), requested_on=box.sent.text(),
            connection=box.connection.toPlainText(), duration=box.duration.text(),
            client_wishes=box.wishes.toPlainText(), grounds=box.grounds(),
            grounds_note=box.note.text(), guardian_wishes=box.guardian_wishes.toPlainText(),
            child_wishes=box.child_wishes.toPlainText(),
            god_man_wishes=box.god_man_wishes.toPlainText()))  # fmt: skip

    def record_decision(self) -> None:
        box, request = self.answer, self.request
        if request is None:
            return
        if not dates_confirmed((box.on, box.takeover)):
            return
        answer = TransferAnswer.ACCEPTED if box.accepted.isChecked() else TransferAnswer.DECLINED
        takeover = box.takeover.text() if answer is TransferAnswer.ACCEPTED else None
        self._run(
            lambda: self.store.record_transfer_decision(
                request.id,
                answer,
                decided_by=box.decided_by.text(),
                decided_on=box.on.text(),
                takeover_on=takeover,
                note=box.note.text(),
            )
        )

    def record_legal_force(self) -> None:
        if self.request is not None:
            if not self.steps.force_on.confirmed():
                return
            rid, day = self.request.id, self.steps.force_on.text()
            self._run(lambda: self.store.record_legal_force(rid, day))

    def apply_to_ivo(self) -> None:
        if self.request is not None:
            rid = self.request.id
            self._run(lambda: self.store.record_ivo_application(rid))

    def record_appeal(self) -> None:
        if self.request is not None:
            rid, note = self.request.id, self.steps.appeal_note.text()
            today = self.store.today().isoformat()
            self._run(lambda: self.store.record_appeal(rid, today, note))

    def complete(self) -> None:
        if self.request is not None:
            rid = self.request.id
            self._run(lambda: self.store.complete_transfer(rid))

    def withdraw_request(self) -> None:
        if self.request is not None:
            rid, reason = self.request.id, self.answer.withdraw_reason.text()
            self._run(lambda: self.store.withdraw_transfer_request(rid, reason))

    def record_route(self) -> None:
        box = self.routes
        self._run(lambda: self.store.record_transfer_route(
            self.case_id, box.chosen(), box.town.text(), box.note.text()))  # fmt: skip

    def save_ivo_pack(self) -> Path | None:
        """Ask where, then save the material for the IVO application (PDF)."""
        if self.request is None:
            return None
        suggested = f"ivo-ansokan-{self.case_ref}-{self.store.today().isoformat()}.pdf"
        chosen = reports.ask_path(self, _("Spara underlag för ansökan till IVO"), suggested,
                                  _("PDF-fil (*.pdf)"))  # fmt: skip
        if not chosen:
            return None
        rid, store = self.request.id, self.store
        try:
            path = export_ivo_application(store, rid, Path(chosen), overwrite=True)
        except Exception as exc:  # refused or a file problem: said inline
            self.banner.show_error(exc)
            return None
        self.banner.show_info(_("Underlaget är sparat som {name}.").format(name=path.name))
        return path
