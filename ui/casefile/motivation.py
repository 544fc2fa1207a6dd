"""The motivation tab: the timeline, every assessment, and a new one via the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.domain.stages import DEFAULT_MODEL
from app.i18n import N_, _
from app.store import MOTIVATION
from app.store.records import CaseFile, FormRecord, TimelinePoint
from ui.casefile.context import CaseContext
from ui.casefile.records import RecordHistory, author_note
from ui.casefile.state import current_records, stage_label, timeline_data
from ui.casefile.table import Column
from ui.charts import TimelineChart
from ui.common import language


def _ruler(value: object) -> str:
    return "" if value is None else str(value)


COLUMNS: list[Column[FormRecord]] = [
    Column(N_("Datum"), lambda r: r.effective),
    Column(N_("Stadium"), lambda r: stage_label(r.summary, r.data.get("model"))),
    Column(N_("Beredskap"), lambda r: _ruler(r.data.get("readiness"))),
    Column(N_("Tilltro"), lambda r: _ruler(r.data.get("confidence"))),
    Column(N_("Bedömd av"), lambda r: str(r.data.get("assessor", ""))),
    Column(N_("Nästa uppföljning"), lambda r: r.review_due or ""),
]


class MotivationTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chart = TimelineChart()
        self.history = RecordHistory(ctx, MOTIVATION, COLUMNS)
        self.new_button = self.history.add_button(self.new_assessment, primary=True)
        self.fix_button = self.history.add_button(self.correct)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.history)
        split.setSizes([240, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(split)
        self.file: CaseFile | None = None
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.history.heading.setText(_("Motivationsbedömningar"))
        self.new_button.setText(_("Ny bedömning …"))
        self.fix_button.setText(_("Rätta …"))
        self.history.model.retranslate()

    def show_file(self, file: CaseFile, points: list[TimelinePoint], today: dt.date) -> None:
        self.file = file
        self.chart.set_data(timeline_data(points, file.case.stage_model, today))
        self.history.show_records(current_records(file.motivation), author_note)
        self.fix_button.setEnabled(bool(file.motivation))

    def _start_values(self) -> dict[str, Any]:
        model = (self.file.case.stage_model if self.file else None) or DEFAULT_MODEL
        return {"assessed_on": self.ctx.today().isoformat(), "assessor": self.ctx.store.user,
                "model": model}  # fmt: skip

    def new_assessment(self) -> None:
        self.history.open_editor(
            _("Ny motivationsbedömning"),
            lambda data, _reason: self.ctx.store.record_motivation(self.ctx.case_id, data),
            data=self._start_values(),
        )

    def correct(self) -> None:
        self.history.correct_chosen(_("Rätta motivationsbedömningen från {day}"))


__all__ = ["MotivationTab"]
