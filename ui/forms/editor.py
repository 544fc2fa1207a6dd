"""A form editor generated from a form definition (``resources/forms/*.json``).

Labels, help texts and options come from the definition in the current language;
validation comes from :mod:`app.forms.validate` and each message is shown under the
field that is wrong. The editor loads and returns a record as a plain dict.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import Expect
from app.forms.definition import FieldDef, FormDef
from app.forms.validate import Problem, is_empty, is_required, validate
from app.i18n import _
from ui.common import language
from ui.common.date_field import Today
from ui.forms.fields import ChoiceInput, DateInput, FieldInput, make_input
from ui.forms.records import RecordsInput

_PATH = re.compile(r"^([a-z0-9_]+)(?:\[(\d+)\]\.([a-z0-9_]+))?$")
ERROR_STYLE = "QLabel#fieldError { color: #a3261a; } QLabel#formErrors { color: #a3261a; }"


class _FieldRow:
    def __init__(self, field: FieldDef, label: QLabel, widget: FieldInput, help_: QLabel,
                 error: QLabel) -> None:  # fmt: skip
        self.field, self.label, self.input, self.help, self.error = (
            field, label, widget, help_, error
        )  # fmt: skip


class FormEditor(QWidget):
    """Edits one record of ``form``. ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, form: FormDef, parent: QWidget | None = None, *,
                 show_header: bool = True, today: Today | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.form = form
        self.setStyleSheet(ERROR_STYLE)
        self.title = QLabel()
        self.title.setObjectName("subtitle")
        self.title.setVisible(show_header)
        self.intro = QLabel()
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.intro.setVisible(show_header and bool(form.help.sv))
        self.summary = QLabel()
        self.summary.setObjectName("formErrors")
        self.summary.setWordWrap(True)
        self.summary.hide()
        body = QWidget()
        body.setObjectName("formBody")
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(4, 4, 12, 4)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.rows: dict[str, _FieldRow] = {}
        for field in form.fields:
            self._add_row(field)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        self._wire_dependent_options()
        self._expect_dates(today)
        self._showing_problems = False
        language.bind(self.retranslate)

    # ---------------------------------------------------------------- build
    def _add_row(self, field: FieldDef) -> None:
        row_index = self.grid.rowCount()
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 5, 0, 0)
        label.setMinimumWidth(150)
        label.setWordWrap(True)
        widget = RecordsInput(field) if field.type == "records" else make_input(field)
        label.setBuddy(widget.focusProxy() or widget)
        help_ = QLabel()
        help_.setObjectName("hint")
        help_.setWordWrap(True)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 6)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(help_)
        column.addWidget(error)
        self.grid.addWidget(label, row_index, 0)
        self.grid.addLayout(column, row_index, 1)
        widget.changed.connect(self._edited)
        self.rows[field.id] = _FieldRow(field, label, widget, help_, error)

    def _expect_dates(self, today: Today | None) -> None:
        """The record's own date lies today or before; its next review after today."""
        sides = {self.form.effective_field: Expect.PAST, self.form.review_field: Expect.FUTURE}
        for field_id, row in self.rows.items():
            if isinstance(row.input, DateInput):
                row.input.expect(today, sides.get(field_id, Expect.ANY))

    def _wire_dependent_options(self) -> None:
        for row in self.rows.values():
            source = row.field.options_field
            if source is not None and isinstance(row.input, ChoiceInput):
                target = row.input
                self.rows[source].input.changed.connect(
                    lambda t=target, s=source: self._refresh_options(t, s)
                )
                self._refresh_options(target, source)

    def _refresh_options(self, target: ChoiceInput, source: str) -> None:
        key = self.rows[source].input.value()
        options = target.field.options_by.get(str(key), ()) if key is not None else ()
        if options != target.options:
            target.set_options(options)
        target.setEnabled(bool(options))

    def retranslate(self) -> None:
        if self._showing_problems:  # messages come from the validator: ask again
            self.show_problems(validate(self.form, self.values()), focus=False)
        self.title.setText(self.form.title.get())
        self.intro.setText(self.form.help.get())
        for row in self.rows.values():
            row.input.retranslate()
            text = row.field.help.get()
            row.help.setText(text)
            row.help.setVisible(bool(text) and row.field.type != "int")
            row.input.setToolTip(text)
            row.input.set_name(row.field.label.get())
        self._mark_required()

    def _mark_required(self) -> None:
        data = self.values()
        for row in self.rows.values():
            mark = " *" if is_required(row.field, data) else ""
            row.label.setText(f"<b>{row.field.label.get()}</b>{mark}")

    def _edited(self) -> None:
        self._mark_required()
        self.changed.emit()

    # ------------------------------------------------------------- values
    def values(self) -> dict[str, Any]:
        """The record as stored: empty fields left out."""
        result: dict[str, Any] = {}
        for key, row in self.rows.items():
            value = row.input.value()
            if not is_empty(value):
                result[key] = value
        return result

    def set_values(self, data: dict[str, Any]) -> None:
        for key, row in self.rows.items():
            if row.field.options_field is None:
                row.input.set_value(data.get(key))
        for key, row in self.rows.items():  # dependent choices after their source
            if row.field.options_field is not None:
                row.input.set_value(data.get(key))
        self.clear_problems()
        self._mark_required()

    def is_blank(self) -> bool:
        return not any(v is not False for v in self.values().values())

    def input(self, field_id: str) -> FieldInput:
        return self.rows[field_id].input

    # --------------------------------------------------------- validation
    def validate(self) -> list[Problem]:
        """Validate with the core validator and show each message next to its field."""
        problems = validate(self.form, self.values())
        self.show_problems(problems)
        return problems

    def clear_problems(self) -> None:
        self._showing_problems = False
        self.summary.hide()
        for row in self.rows.values():
            row.error.clear()
            row.error.hide()
            if isinstance(row.input, RecordsInput):
                row.input.clear_problems()

    def show_problems(self, problems: list[Problem], *, focus: bool = True) -> None:
        self.clear_problems()
        self._showing_problems = bool(problems)
        first: QWidget | None = None
        loose: list[str] = []
        for problem in problems:
            shown = self._show_problem(problem)
            if shown is None:
                loose.append(f"{problem.path}: {problem.message}")
            first = first or shown
        if problems:
            text = _("Formuläret har {count} fel. Rätta de markerade fälten.").format(
                count=len(problems)
            )
            self.summary.setText("\n".join([text, *loose]))
            self.summary.show()
        if first is not None and focus:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(first)

    def _show_problem(self, problem: Problem) -> QWidget | None:
        match = _PATH.match(problem.path)
        if not match or match.group(1) not in self.rows:
            return None
        row = self.rows[match.group(1)]
        if match.group(2) is not None and isinstance(row.input, RecordsInput):
            return row.input.show_row_problem(int(match.group(2)), match.group(3), problem.message)
        if (
            isinstance(row.input, DateInput)
            and row.input.date_field.showing_problem() == problem.message
        ):
            return row.input  # the date field says it already
        shown = row.error.text()
        row.error.setText(f"{shown}\n{problem.message}" if shown else problem.message)
        row.error.show()
        return row.input

    def date_questions(self) -> list[str]:
        """Each date that lies where it rarely should ("… ligger i framtiden")."""
        found = []
        for row in self.rows.values():
            if isinstance(row.input, DateInput):
                question = row.input.date_field.question()
                if question:
                    found.append(f"{row.field.label.get()}: {question}")
        return found

    def error_text(self, field_id: str) -> str:
        """The message shown under a field ('' when it has none)."""
        row = self.rows[field_id]
        if not row.error.isHidden():
            return row.error.text()
        return row.input.date_field.showing_problem() if isinstance(row.input, DateInput) else ""


__all__ = ["FormEditor"]
