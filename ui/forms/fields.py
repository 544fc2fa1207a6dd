"""One input widget per field type of a form definition.

Every input has the same small surface: ``changed`` (a signal), ``value()`` (the value
as the record stores it, ``None`` when empty) and ``set_value(v)``. The editor and the
list-of-records table build their rows from :func:`make_input`, so a type is handled in
exactly one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QSpinBox,
    QWidget,
)

from app.domain.dates import Expect
from app.forms.definition import FieldDef, Option
from app.i18n import _
from ui.common.date_field import DateField, Today


class FieldInput(QWidget):
    """Base of every input: a QWidget with ``changed``, ``value`` and ``set_value``."""

    changed = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Labels that come from the definition follow the language."""

    def set_name(self, name: str) -> None:
        """The accessible name of the input and of the widget that takes its focus (a
        screen reader reads the focused widget's name; a labelled check box or the
        "Lägg till rad" button keeps its own text)."""
        self.setAccessibleName(name)
        proxy = self.focusProxy()
        if proxy is not None and not (isinstance(proxy, QAbstractButton) and proxy.text()):
            proxy.setAccessibleName(name)

    def compact(self) -> None:
        """Narrower, for a cell in a list-of-records row."""


class TextInput(FieldInput):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        if field.max_length:
            self.edit.setMaxLength(field.max_length)
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class TextAreaInput(FieldInput):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # keyboard-first: Tab leaves the box
        self.edit.setMinimumHeight(64)
        self.edit.setMaximumHeight(96)
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class DateInput(FieldInput):
    """The one date field (ui/common/date_field.py) in a form row."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.date_field = DateField()
        self.edit, self.pick, self.calendar = (
            self.date_field.edit, self.date_field.pick, self.date_field.calendar
        )  # fmt: skip
        self.date_field.changed.connect(self.changed)
        self.layout_.addWidget(self.date_field)
        self.setFocusProxy(self.edit)  # the widget that takes the keys (and the Tab order)

    def expect(self, today: Today | None, expect: Expect) -> None:
        """Where the date usually lies (the form's own date: the past; its review: ahead)."""
        self.date_field.today, self.date_field.expect = today, expect

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date_field.setAccessibleName(name)

    def compact(self) -> None:
        self.edit.setMinimumWidth(96)

    def value(self) -> str | None:
        return self.date_field.value()

    def set_value(self, value: Any) -> None:
        self.date_field.setText(None if value is None else str(value))


class ChoiceInput(FieldInput):
    """A drop-down; the first entry means "not chosen"."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        self.combo.currentIndexChanged.connect(self.changed)
        self.layout_.addWidget(self.combo)
        self.layout_.addStretch(1)
        self.setFocusProxy(self.combo)
        self.options: tuple[Option, ...] = ()
        self.set_options(field.options)

    def set_options(self, options: tuple[Option, ...]) -> None:
        """Replace the options (a stage list follows the chosen stage model)."""
        current = self.value()
        self.options = options
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for option in options:
            self.combo.addItem(option.label.get(), option.value)
        self.combo.blockSignals(False)
        self.set_value(current)
        self.retranslate()

    def retranslate(self) -> None:
        self.combo.setItemText(0, _("– välj –"))
        for index, option in enumerate(self.options, start=1):
            self.combo.setItemText(index, option.label.get())

    def compact(self) -> None:
        self.combo.setMinimumWidth(110)
        self.layout_.setStretch(0, 1)
        self.layout_.setStretch(1, 0)

    def value(self) -> str | None:
        data = self.combo.currentData()
        return None if data is None else str(data)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class MultiChoiceInput(FieldInput):
    """Check boxes in columns; the stored value is the list of checked keys in order."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.boxes: list[tuple[Option, QCheckBox]] = []
        columns = 3 if len(field.options) > 4 else 2
        for index, option in enumerate(field.options):
            box = QCheckBox(option.label.get())
            box.toggled.connect(self.changed)
            grid.addWidget(box, index // columns, index % columns)
            self.boxes.append((option, box))
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)
        if self.boxes:
            self.setFocusProxy(self.boxes[0][1])

    def retranslate(self) -> None:
        for option, box in self.boxes:
            box.setText(option.label.get())

    def value(self) -> list[str] | None:
        picked = [option.value for option, box in self.boxes if box.isChecked()]
        return picked or None

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for option, box in self.boxes:
            box.setChecked(option.value in chosen)


class IntInput(FieldInput):
    """A ruler: a slider with a spin box; the value below the range means "not given"."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        low = field.min if field.min is not None else 0
        high = field.max if field.max is not None else 9999
        self.low = low
        self.spin = QSpinBox()
        self.spin.setRange(low - 1, high)
        self.spin.setValue(low - 1)
        self.spin.setMinimumWidth(110)
        self.slider: QSlider | None = None
        if high - low <= 20:
            self.slider = QSlider(Qt.Orientation.Horizontal)
            self.slider.setRange(low, high)
            self.slider.setPageStep(1)
            self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            self.slider.setMaximumWidth(260)
            self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the spin box takes keys
            self.slider.valueChanged.connect(self._slid)
            self.layout_.addWidget(self.slider)
        self.spin.valueChanged.connect(self._spun)
        self.layout_.addWidget(self.spin)
        self.layout_.addStretch(1)
        self.setFocusProxy(self.spin)
        self.retranslate()

    def retranslate(self) -> None:
        self.spin.setSpecialValueText(_("ej angivet"))

    def _slid(self, value: int) -> None:
        self.spin.setValue(value)

    def _spun(self, value: int) -> None:
        if self.slider is not None and value >= self.low:
            self.slider.blockSignals(True)
            self.slider.setValue(value)
            self.slider.blockSignals(False)
        self.changed.emit()

    def value(self) -> int | None:
        value = self.spin.value()
        return None if value < self.low else value

    def set_value(self, value: Any) -> None:
        self.spin.setValue(self.low - 1 if value is None else int(value))


class BoolInput(FieldInput):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.box = QCheckBox()
        self.box.toggled.connect(self.changed)
        self.layout_.addWidget(self.box)
        self.layout_.addStretch(1)
        self.setFocusProxy(self.box)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setText(_("Ja"))

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


INPUTS: dict[str, type[FieldInput]] = {
    "text": TextInput,
    "textarea": TextAreaInput,
    "date": DateInput,
    "choice": ChoiceInput,
    "multichoice": MultiChoiceInput,
    "int": IntInput,
    "bool": BoolInput,
}


def make_input(field: FieldDef, parent: QWidget | None = None) -> FieldInput:
    """The input for ``field`` (list-of-records fields are built by the editor)."""
    return INPUTS[field.type](field, parent)


__all__ = ["INPUTS", "FieldInput", "make_input"]
