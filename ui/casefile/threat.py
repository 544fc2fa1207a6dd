"""The threat and safety tab: threat assessments on the left, the versioned safety plan
on the right. Revising the plan creates a new version; every version stays readable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.forms.definition import form_definition
from app.i18n import N_, _
from app.store import SAFETY_PLAN, THREAT
from app.store.records import CaseFile, FormRecord
from ui.casefile.context import CaseContext
from ui.casefile.records import RecordHistory, author_note
from ui.casefile.state import current_records, threat_label
from ui.casefile.table import ALERT, Column
from ui.common import language
from ui.forms.view import value_text


def _choice(form: str, field: str, record: FormRecord) -> str:
    value = record.data.get(field)
    if value is None:
        return ""
    return value_text(form_definition(form, record.form_version).field(field), value, record.data)


THREAT_COLUMNS: list[Column[FormRecord]] = [
    Column(N_("Datum"), lambda r: r.effective),
    Column(N_("Akut"), lambda r: threat_label(r.summary),
           tone=lambda r: ALERT if r.summary in ("high", "very_high") else None),
    Column(N_("Långsiktig"), lambda r: threat_label(r.data.get("long_term_level"))),
    Column(N_("Instrument"), lambda r: _choice(THREAT, "instrument", r)),
    Column(N_("Nästa uppföljning"), lambda r: r.review_due or ""),
]  # fmt: skip

PLAN_COLUMNS: list[Column[FormRecord]] = [
    Column(N_("Version"), lambda r: str(r.revision)),
    Column(N_("Datum"), lambda r: r.effective),
    Column(N_("Av"), lambda r: r.author),
    Column(N_("Skäl"), lambda r: r.reason or _("Första versionen")),
]


class ThreatTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.threats = RecordHistory(ctx, THREAT, THREAT_COLUMNS)
        self.new_threat = self.threats.add_button(self.new_assessment, primary=True)
        self.fix_threat = self.threats.add_button(self.correct_assessment)
        self.plans = RecordHistory(ctx, SAFETY_PLAN, PLAN_COLUMNS)
        self.revise_button = self.plans.add_button(self.revise_plan, primary=True)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.threats)
        split.addWidget(self.plans)
        split.setSizes([520, 520])
        split.setHandleWidth(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(split)
        self.file: CaseFile | None = None
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.threats.heading.setText(_("Hotbedömningar"))
        self.new_threat.setText(_("Ny hotbedömning …"))
        self.fix_threat.setText(_("Rätta …"))
        self.plans.heading.setText(_("Säkerhetsplan, alla versioner"))
        self._label_revise()
        self.threats.model.retranslate()
        self.plans.model.retranslate()

    def _label_revise(self) -> None:
        has_plan = bool(self.file and self.file.safety_plans)
        self.revise_button.setText(_("Revidera planen …") if has_plan else _("Ny säkerhetsplan …"))

    def show_file(self, file: CaseFile) -> None:
        self.file = file
        self.threats.show_records(current_records(file.threats), author_note)
        self.plans.show_records(file.safety_plans, author_note)
        self.fix_threat.setEnabled(bool(file.threats))
        self._label_revise()

    def new_assessment(self) -> None:
        start = {"assessed_on": self.ctx.today().isoformat(), "assessor": self.ctx.store.user}
        self.threats.open_editor(
            _("Ny hotbedömning"),
            lambda data, _reason: self.ctx.store.record_threat(self.ctx.case_id, data),
            data=start,
        )

    def correct_assessment(self) -> None:
        self.threats.correct_chosen(_("Rätta hotbedömningen från {day}"))

    def revise_plan(self) -> None:
        plans = self.file.safety_plans if self.file else ()
        data: dict[str, Any] = dict(plans[-1].data) if plans else {}
        data["plan_date"] = self.ctx.today().isoformat()
        self.plans.open_editor(
            _("Revidera säkerhetsplanen") if plans else _("Ny säkerhetsplan"),
            lambda d, reason: self.ctx.store.revise_safety_plan(self.ctx.case_id, d, reason),
            data=data, reason_label=_("Vad ändras och varför?") if plans else "",
        )  # fmt: skip


__all__ = ["ThreatTab"]
