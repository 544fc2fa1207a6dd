"""The "Ärendet" tab: status and its history, the intake checklist agencies use before
a defector case opens, decisions (beslut) and related persons (masked when protected)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.changes import NOTHING, Changes
from app.domain.case import CaseStatus, IntakeAnswer, IntakeItem
from app.domain.dates import Expect
from app.domain.kinds import RelationKind
from app.forms.definition import form_definition
from app.handover.payload import SUMMARY_FORM
from app.i18n import N_, _
from app.store.records import CaseFile, Decision, FormRecord, IntakeCheck, RelatedPerson
from ui.casefile.context import CaseContext
from ui.casefile.dialogs import DecisionDialog, StatusDialog
from ui.casefile.table import Column, ListModel, table_view
from ui.common import language
from ui.common.date_field import DateField, dates_confirmed
from ui.forms.dialog import FormDialog


def _status(key: str) -> str:
    try:
        return CaseStatus(key).label
    except ValueError:
        return key


def _relation(key: str) -> str:
    try:
        return RelationKind(key).label
    except ValueError:
        return key


HISTORY: list[Column[tuple[str, str, str, str]]] = [
    Column(N_("Datum"), lambda h: h[1]),
    Column(N_("Status"), lambda h: _status(h[0])),
    Column(N_("Av"), lambda h: h[2]),
    Column(N_("Anteckning"), lambda h: h[3]),
]
DECISIONS: list[Column[Decision]] = [
    Column(N_("Datum"), lambda d: d.decided_on),
    Column(N_("Insats"), lambda d: d.measure),
    Column(N_("Lagrum"), lambda d: d.legal_basis),
    Column(N_("Beslutsfattare"), lambda d: d.decision_maker),
    Column(N_("Period"), lambda d: f"{d.valid_from or '…'} – {d.valid_until or '…'}"),
    Column(N_("Överklagande"), lambda d: d.appeal_info),
]
RELATED: list[Column[RelatedPerson]] = [
    Column(N_("Namn"), lambda r: r.person.name),
    Column(N_("Relation"), lambda r: _relation(r.relation)),
    Column(N_("Skydd"), lambda r: r.person.protected_level.label),
    Column(N_("Anteckning"), lambda r: r.note),
]


class IntakeGrid(QGroupBox):
    """One row per prerequisite: answer, date and source; saved row by row."""

    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        grid = QGridLayout(self)
        self.rows: dict[IntakeItem, tuple[QLabel, QComboBox, DateField, QLineEdit]] = {}
        for index, item in enumerate(IntakeItem):
            day = DateField(today=ctx.today, expect=Expect.PAST)
            label, answer, source = QLabel(), QComboBox(), QLineEdit()
            answer.addItem("", None)
            for choice in IntakeAnswer:
                answer.addItem(choice.label, choice.value)
            for column, widget in enumerate((label, answer, day, source)):
                grid.addWidget(widget, index, column, Qt.AlignmentFlag.AlignTop)
            self.rows[item] = (label, answer, day, source)
        self.known: dict[str, IntakeCheck] = {}
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        grid.addWidget(self.save_button, len(self.rows), 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(3, 1)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setTitle(_("Förutsättningar före avhopparärende"))
        for item, (label, answer, day, source) in self.rows.items():
            label.setText(item.label)
            answer.setItemText(0, _("– ej kontrollerat –"))
            for index, choice in enumerate(IntakeAnswer, start=1):
                answer.setItemText(index, choice.label)
            day.setAccessibleName(_("Kontrollerat den: {item}").format(item=item.label))
            source.setPlaceholderText(_("Källa, t.ex. polisens avhopparsamordnare"))
        self.save_button.setText(_("Spara förutsättningarna"))

    def show_file(self, file: CaseFile) -> None:
        self.known = known = {c.item: c for c in file.intake}
        for item, (_label, answer, day, source) in self.rows.items():
            check = known.get(item.value)
            answer.setCurrentIndex(max(answer.findData(check.answer), 0) if check else 0)
            day.setText(check.checked_on or "" if check else "")
            source.setText(check.source if check else "")

    def save(self) -> None:
        """Save the rows that changed, as one piece of work off the UI thread."""
        if not dates_confirmed(day for _label, _answer, day, _source in self.rows.values()):
            return
        changed = []
        for item, (_label, answer, day, source) in self.rows.items():
            value = answer.currentData()
            if value is None:
                continue
            old = self.known.get(item.value)
            new = (str(value), day.value(), source.text().strip())
            if old is None or (old.answer, old.checked_on, old.source) != new:
                changed.append((item, IntakeAnswer(value), new[1], new[2]))
        store, case_id = self.ctx.store, self.ctx.case_id

        def verb() -> Changes:
            done = NOTHING
            for item, answer, day, source in changed:
                done = done | store.set_intake(case_id, item, answer, checked_on=day,
                                               source=source)  # fmt: skip
            return done

        self.ctx.run(verb)


class CaseDetailsTab(QScrollArea):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("caseDetails")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        body.setStyleSheet("QWidget#caseDetails { background: #f7f6f3; }")
        self.status_title, self.decisions_title, self.related_title = QLabel(), QLabel(), QLabel()
        for title in (self.status_title, self.decisions_title, self.related_title):
            title.setObjectName("subtitle")
        self.history: ListModel[tuple[str, str, str, str]] = ListModel(HISTORY)
        self.decisions: ListModel[Decision] = ListModel(DECISIONS)
        self.related: ListModel[RelatedPerson] = ListModel(RELATED)
        self.status_button, self.decision_button = QPushButton(), QPushButton()
        self.status_button.clicked.connect(self.change_status)
        self.decision_button.clicked.connect(self.new_decision)
        self.intake = IntakeGrid(ctx)
        self.dialog: StatusDialog | DecisionDialog | FormDialog | None = None
        layout = QVBoxLayout(body)
        self._summary_part(layout)
        for title, button, model in (
            (self.status_title, self.status_button, self.history),
            (self.decisions_title, self.decision_button, self.decisions),
            (self.related_title, None, self.related),
        ):
            row = QHBoxLayout()
            row.addWidget(title, 1)
            if button is not None:
                row.addWidget(button)
            layout.addLayout(row)
            view = table_view(model)
            view.setMinimumHeight(120)
            layout.addWidget(view)
            if model is self.history:
                layout.addWidget(self.intake)
        self.setWidget(body)
        self.file: CaseFile | None = None
        self.summary: FormRecord | None = None
        language.bind(self.retranslate)

    def _summary_part(self, layout: QVBoxLayout) -> None:
        """What a handover starts with: the latest case summary and a button to write it."""
        self.summary_title, self.summary_button = QLabel(), QPushButton()
        self.summary_title.setObjectName("subtitle")
        self.summary_button.clicked.connect(self.write_summary)
        self.summary_text = QLabel()
        self.summary_text.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.summary_title, 1)
        top.addWidget(self.summary_button)
        layout.addLayout(top)
        layout.addWidget(self.summary_text)

    def retranslate(self) -> None:
        self.status_title.setText(_("Status och historik"))
        self.status_button.setText(_("Ändra status …"))
        self.decisions_title.setText(_("Beslut"))
        self.decision_button.setText(_("Nytt beslut …"))
        self.related_title.setText(_("Närstående i ärendet"))
        self.summary_title.setText(_("Sammanfattning och bedömning"))
        self.summary_button.setText(_("Skriv sammanfattning …"))
        self._show_summary()
        for model in (self.history, self.decisions, self.related):
            model.retranslate()

    def show_file(self, file: CaseFile) -> None:
        self.file = file
        self.history.set_rows(list(reversed(file.status_history)))
        self.decisions.set_rows(file.decisions)
        self.related.set_rows(file.related)
        self.intake.show_file(file)
        self.summary = self.ctx.store.latest_record(file.case.id, SUMMARY_FORM)
        self._show_summary()
        self.status_button.setEnabled(file.case.status is not CaseStatus.TRANSFERRED)

    def change_status(self) -> None:
        if self.file is None:
            return
        dialog = StatusDialog(self.file.case.status, self.ctx.today().isoformat(), self)
        dialog.accepted.connect(lambda: self._set_status(dialog))
        self.dialog = dialog
        dialog.open()

    def _set_status(self, d: StatusDialog) -> None:
        store, case_id = self.ctx.store, self.ctx.case_id
        status, day, note = d.status(), d.day.value(), d.note.text().strip()
        outcome = d.outcome_value()
        self.ctx.run(lambda: store.set_status(case_id, status, on=day, note=note, outcome=outcome))

    def _show_summary(self) -> None:
        latest = self.summary
        self.summary_text.setText(
            _("Senast skriven {date}: {summary}").format(
                date=latest.effective, summary=latest.summary[:200]
            )
            if latest
            else _("Ingen sammanfattning ännu. Den är det första en mottagande kommun läser.")
        )

    def write_summary(self) -> None:
        """The case summary (summary, background, assessment, recommendations) that a
        handover starts with; each save is a new dated version, the earlier stay."""
        store, case_id = self.ctx.store, self.ctx.case_id
        latest = store.latest_record(case_id, SUMMARY_FORM)
        data = dict(latest.data) if latest else {}
        data[form_definition(SUMMARY_FORM).effective_field] = self.ctx.today().isoformat()
        dialog = FormDialog(form_definition(SUMMARY_FORM),
                            lambda values, _reason: store.add_form_record(case_id, SUMMARY_FORM,
                                                                          values),
                            self.ctx.ops, self, title=_("Sammanfattning och bedömning"),
                            data=data, today=self.ctx.today)  # fmt: skip
        self.dialog = dialog
        dialog.open()

    def new_decision(self) -> None:
        dialog = DecisionDialog(self.ctx.today().isoformat(), self)
        dialog.accepted.connect(lambda: self._add_decision(dialog))
        self.dialog = dialog
        dialog.open()

    def _add_decision(self, d: DecisionDialog) -> None:
        store, case_id = self.ctx.store, self.ctx.case_id
        fields = (d.measure.text(), d.basis.text(), d.day.text(), d.maker.text(),
                  d.appeal.text())  # fmt: skip
        start, until, grounds = d.valid_from.value(), d.valid_until.value(), d.grounds.toPlainText()
        self.ctx.run(lambda: store.add_decision(case_id, *fields, valid_from=start,
                                                valid_until=until, grounds=grounds))  # fmt: skip


__all__ = ["CaseDetailsTab"]
