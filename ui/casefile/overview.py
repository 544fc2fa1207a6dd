"""The overview tab: the case at a glance, then the timeline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.domain.case import CasePhase, TargetGroup
from app.i18n import N_, _
from app.store.records import CaseFile, TimelinePoint
from ui.casefile.child_cards import fill_child_cards
from ui.casefile.state import current_records, stage_label, threat_label, timeline_data
from ui.casefile.tasks import task_title
from ui.charts import TimelineChart
from ui.common import language

CARD_STYLE = (
    "QLabel#cardTitle { color: #6b6b6b; font-size: 9pt; font-weight: 600; }"
    " QLabel#cardValue { font-size: 13pt; font-weight: 600; color: #1f4e5f; }"
    ' QLabel#cardValue[alert="true"] { color: #a3261a; }'
    ' QFrame#card[overdue="true"] { border-left: 4px solid #c2410c; }'
    ' QFrame#card[child="true"] { background: #eef4f6; border-top: 3px solid #1f4e5f; }'
    " QLabel#overdue { color: #9a3412; font-size: 9pt; font-weight: 600; }"
)

#: Without a consent, only a provision allowing disclosure, after a harm test.
NO_CONSENT = N_(
    "Inget samtycke i kraft: uppgifter får bara lämnas ut om en sekretessbrytande "
    "bestämmelse tillåter det och en menprövning är gjord och dokumenterad."
)


class Card(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.value = QLabel()
        self.value.setObjectName("cardValue")
        self.value.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.warning = QLabel()
        self.warning.setObjectName("overdue")
        self.warning.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addWidget(self.warning)
        layout.addStretch(1)

    def fill(self, title: str, value: str, detail: str = "", *, alert: bool = False,
             warning: str = "") -> None:  # fmt: skip
        """``alert`` colours the value (a high threat); ``warning`` marks the card (an
        overdue review) with a line saying so."""
        self.title.setText(title.upper())
        self.value.setText(value)
        self.value.setProperty("alert", alert)
        self.setProperty("overdue", bool(warning))
        for widget in (self, self.value):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))


class OverviewTab(QScrollArea):
    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("overviewBody")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        body.setStyleSheet(CARD_STYLE + " QWidget#overviewBody { background: #f7f6f3; }")
        self.status, self.stage, self.threat = Card(), Card(), Card()
        self.plan, self.tasks, self.consents = Card(), Card(), Card()
        # A child's case says so first: age, guardians, best interests, own views.
        self.child, self.guardians, self.child_views = Card(), Card(), Card()
        self.child_row = QWidget()
        child_grid = QGridLayout(self.child_row)
        child_grid.setContentsMargins(0, 0, 0, 0)
        child_grid.setSpacing(10)
        for index, card in enumerate((self.child, self.guardians, self.child_views)):
            card.setProperty("child", True)
            child_grid.addWidget(card, 0, index)
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, card in enumerate(
            (self.status, self.stage, self.threat, self.plan, self.tasks, self.consents)
        ):
            grid.addWidget(card, index // 3, index % 3)
        self.chart_title = QLabel()
        self.chart_title.setObjectName("cardTitle")
        self.chart = TimelineChart()
        self.chart.setMinimumHeight(240)
        chart_card = QFrame()
        chart_card.setObjectName("card")
        chart_layout = QVBoxLayout(chart_card)
        chart_layout.setContentsMargins(12, 10, 12, 10)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.child_row)
        layout.addLayout(grid)
        layout.addWidget(chart_card, 1)
        self.setWidget(body)
        self.file: CaseFile | None = None
        self.today = today
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.chart_title.setText(_("Motivation och hotnivå över tid").upper())
        if self.file is not None:
            self._fill_cards(self.file)

    def show_file(self, file: CaseFile, points: list[TimelinePoint], today: dt.date) -> None:
        self.file, self.today = file, today
        self._fill_cards(file)
        self.chart.set_data(timeline_data(points, file.case.stage_model, today))

    def _fill_cards(self, file: CaseFile) -> None:
        case, today = file.case, self.today.isoformat()
        details = [TargetGroup(case.target_group).label if case.target_group else ""]
        if case.phase:
            details.append(_("Fas: {phase}").format(phase=CasePhase(case.phase).label))
        details.append(_("Öppnat {day}").format(day=case.opened))
        self.status.fill(_("Status"), case.status.label, "\n".join(d for d in details if d))
        motivation = current_records(file.motivation)
        last = motivation[-1] if motivation else None
        self.stage.fill(
            _("Motivationsstadium"), stage_label(case.stage, case.stage_model),
            _review_text(last.effective if last else None, last.review_due if last else None),
            warning=_overdue(last.review_due if last else None, today),
        )  # fmt: skip
        threats = current_records(file.threats)
        latest = threats[-1] if threats else None
        self.threat.fill(
            _("Akut hotnivå"), threat_label(case.threat_level),
            _review_text(latest.effective if latest else None,
                         latest.review_due if latest else None),
            alert=case.threat_level in ("high", "very_high"),
            warning=_overdue(latest.review_due if latest else None, today),
        )  # fmt: skip
        self._fill_plan(file, today)
        self._fill_tasks(file, today)
        self.child_row.setVisible(file.child is not None)
        if file.child is not None:
            fill_child_cards(self, file.child, today)
        in_force = [c for c in file.consents if c.in_force]
        lines = [
            _("{to} (t.o.m. {day})").format(to=c.recipient, day=c.valid_until)
            if c.valid_until else c.recipient
            for c in in_force
        ]  # fmt: skip
        if not in_force:
            lines = [_(NO_CONSENT)]
        self.consents.fill(_("Samtycken i kraft"), str(len(in_force)), "\n".join(lines[:4]))

    def _fill_plan(self, file: CaseFile, today: str) -> None:
        if not file.safety_plans:
            self.plan.fill(_("Säkerhetsplan"), _("Ingen plan ännu"))
            return
        plan = file.safety_plans[-1]
        self.plan.fill(
            _("Säkerhetsplan"),
            _("Version {n}").format(n=len(file.safety_plans)),
            _plan_text(plan.effective, plan.review_due),
            warning=_overdue(plan.review_due, today),
        )

    def _fill_tasks(self, file: CaseFile, today: str) -> None:
        open_tasks = [t for t in file.tasks if t.done_at is None]
        overdue = [t for t in open_tasks if t.due and t.due < today]
        lines = [f"{t.due or '–'}  {task_title(t)}" for t in open_tasks[:4]]
        if overdue:
            lines.insert(0, _("{count} försenade").format(count=len(overdue)))
        if not open_tasks:
            lines = [_("Inget att göra just nu.")]
        self.tasks.fill(_("Öppna uppgifter"), str(len(open_tasks)), "\n".join(lines),
                        alert=bool(overdue))  # fmt: skip


def _overdue(review: str | None, today: str) -> str:
    if review and review < today:
        return _("Uppföljningen är försenad sedan {day}").format(day=review)
    return ""


def _plan_text(effective: str, review: str | None) -> str:
    parts = [_("Gäller från {day}").format(day=effective)]
    if review:
        parts.append(_("Ses över senast {day}").format(day=review))
    return "\n".join(parts)


def _review_text(effective: str | None, review: str | None) -> str:
    parts = []
    if effective:
        parts.append(_("Bedömd {day}").format(day=effective))
    if review:
        parts.append(_("Nästa uppföljning {day}").format(day=review))
    return "\n".join(parts)


__all__ = ["OverviewTab"]
