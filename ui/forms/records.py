"""A list-of-records field (protective measures, emergency contacts, threat actors ...):
one row of inputs per record, built with the same inputs as the rest of the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.forms.definition import FieldDef
from app.forms.validate import is_empty
from app.i18n import _
from ui.forms.fields import FieldInput, make_input


class _Row:
    def __init__(self, inputs: dict[str, FieldInput], remove: QToolButton, error: QLabel):
        self.inputs = inputs
        self.remove = remove
        self.error = error

    def widgets(self) -> list[QWidget]:
        return [*self.inputs.values(), self.remove, self.error]


class RecordsInput(FieldInput):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.headers: list[QLabel] = []
        for column, sub in enumerate(field.fields):
            header = QLabel()
            header.setObjectName("hint")
            self.grid.addWidget(header, 0, column)
            self.headers.append(header)
            self.grid.setColumnStretch(column, 3 if sub.type == "text" else 1)
        self.rows: list[_Row] = []
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_clicked)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.empty_hint)
        bottom.addStretch(1)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self.grid)
        box.addLayout(bottom)
        self.layout_.addLayout(box, 1)
        self.setFocusProxy(self.add_button)
        self.retranslate()

    def retranslate(self) -> None:
        for header, sub in zip(self.headers, self.field.fields, strict=True):
            header.setText(sub.label.get() + (" *" if sub.required else ""))
            header.setToolTip(sub.help.get())
        self.add_button.setText(_("Lägg till rad"))
        self.empty_hint.setText(_("Inga rader ännu.") if not self.rows else "")
        for row in self.rows:
            row.remove.setToolTip(_("Ta bort raden"))
            row.remove.setAccessibleName(_("Ta bort raden"))
            number = self.rows.index(row) + 1
            for sub, sub_input in zip(self.field.fields, row.inputs.values(), strict=True):
                sub_input.retranslate()
                sub_input.set_name(
                    _("{field}, rad {number}").format(field=sub.label.get(), number=number)
                )

    def _add_clicked(self) -> None:
        row = self.add_row()
        next(iter(row.inputs.values())).setFocus()
        self.changed.emit()

    def add_row(self, values: dict[str, Any] | None = None) -> _Row:
        inputs: dict[str, FieldInput] = {}
        grid_row = 1 + 2 * len(self.rows)
        for column, sub in enumerate(self.field.fields):
            sub_input = make_input(sub)
            sub_input.compact()
            if values and sub.id in values:
                sub_input.set_value(values[sub.id])
            sub_input.changed.connect(self.changed)
            self.grid.addWidget(sub_input, grid_row, column)
            inputs[sub.id] = sub_input
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        row = _Row(inputs, remove, error)
        remove.clicked.connect(lambda: self.remove_row(row))
        self.grid.addWidget(remove, grid_row, len(self.field.fields))
        self.grid.addWidget(error, grid_row + 1, 0, 1, len(self.field.fields))
        self.rows.append(row)
        self._tab_before_add_button(row)
        self.retranslate()
        return row

    def _tab_before_add_button(self, row: _Row) -> None:
        """A new row's fields come in Tab order where they are on screen: after the rows
        above, before "Lägg till rad" (and so before the dialog's Spara/Avbryt); new
        widgets would otherwise join the end of the window's focus chain."""
        chain = [sub.focusProxy() or sub for sub in row.inputs.values()] + [row.remove]
        previous: QWidget = self.add_button.previousInFocusChain() or self.add_button
        while previous is self or not previous.focusPolicy() & Qt.FocusPolicy.TabFocus:
            previous = previous.previousInFocusChain() or self.add_button  # focusable ones only
        for widget in chain:
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.add_button)

    def remove_row(self, row: _Row) -> None:
        values = [self._row_value(r) for r in self.rows if r is not row]
        self.set_value(values)
        self.changed.emit()

    def _clear_rows(self) -> None:
        for row in self.rows:
            for widget in row.widgets():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []

    @staticmethod
    def _row_value(row: _Row) -> dict[str, Any]:
        values = {key: sub.value() for key, sub in row.inputs.items()}
        return {k: v for k, v in values.items() if not is_empty(v) and v is not False}

    def value(self) -> list[dict[str, Any]] | None:
        rows = [self._row_value(r) for r in self.rows]
        rows = [r for r in rows if r]
        return rows or None

    def set_value(self, value: Any) -> None:
        self._clear_rows()
        for record in value or ():
            self.add_row(record)
        self.retranslate()

    def show_row_problem(self, index: int, sub_id: str, message: str) -> QWidget | None:
        if not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        label = self.field.fields[[f.id for f in self.field.fields].index(sub_id)].label.get()
        shown = row.error.text()
        text = _("{field}: {problem}").format(field=label, problem=message)
        row.error.setText(f"{shown}\n{text}" if shown else text)
        row.error.show()
        return row.inputs.get(sub_id)

    def clear_problems(self) -> None:
        for row in self.rows:
            row.error.clear()
            row.error.hide()


__all__ = ["RecordsInput"]
