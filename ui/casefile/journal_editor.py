"""The new-entry panel of the journal: date, kind, communicated, text.

Keyboard-first: the text box is where Ctrl+N lands; Tab moves on; Ctrl+S saves and
Ctrl+Enter saves and starts the next entry (the keys are routed by the journal tab).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import Expect
from app.domain.kinds import JournalKind
from app.i18n import _
from ui.common import language
from ui.common.date_field import DateField

KINDS = [k for k in JournalKind if k is not JournalKind.SYSTEM]


class JournalEditor(QFrame):
    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.heading = QLabel()
        self.heading.setObjectName("subtitle")
        self.day = DateField(today=lambda: self._today, expect=Expect.PAST, required=True)
        self._today = today
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind.label, kind.value)
        self.communicated = QCheckBox()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(160)
        self.state = QLabel()
        self.state.setObjectName("hint")
        self.state.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("primary")
        self.next_button = QPushButton()
        self.discard_button = QPushButton()  # "Kasta texten": shown while there is text
        self.discard_button.hide()
        self.text.textChanged.connect(
            lambda: self.discard_button.setVisible(bool(self.text.toPlainText().strip()))
        )
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.day)
        self.form.addRow(QLabel(), self.kind)
        self.form.addRow("", self.communicated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.reset(today)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Ny anteckning"))
        for widget, text in ((self.day, _("Datum")), (self.kind, _("Typ"))):
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(text)
                label.setBuddy(widget)
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, kind.label)
        self.communicated.setText(_("Kommunicerad med klienten"))
        self.text.setPlaceholderText(
            _("Skriv anteckningen här. Ctrl+S sparar, Ctrl+Enter sparar och börjar en ny.")
        )
        self.save_button.setText(_("Spara"))
        self.save_button.setToolTip(_("Spara anteckningen (Ctrl+S)"))
        self.discard_button.setText(_("Kasta texten"))
        self.discard_button.setToolTip(_("Töm anteckningen och ta bort utkastet i valvet"))
        self.next_button.setText(_("Spara och ny"))
        self.next_button.setToolTip(_("Spara och börja nästa anteckning (Ctrl+Enter)"))

    def reset(self, today: dt.date) -> None:
        self._today = today  # the session's clock, as the journal tab read it
        self.day.setText(today.isoformat())
        self.kind.setCurrentIndex(0)
        self.communicated.setChecked(False)
        self.text.clear()

    def values(self) -> tuple[str, JournalKind, str, bool]:
        """(text, kind, occurred, communicated)."""
        return (self.text.toPlainText().strip(), JournalKind(self.kind.currentData()),
                self.day.text(), self.communicated.isChecked())  # fmt: skip

    def start(self) -> None:
        self.text.setFocus()


__all__ = ["KINDS", "JournalEditor"]
