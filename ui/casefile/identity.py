"""Who the case is about, masked for protected identities until the user reveals them.

Revealing goes through the store (``store.reveal``: audited, for this session only) and
asks why; hiding again is one click. Copying the reference goes through the shell's
clearing clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import ProtectedLevel
from app.i18n import _
from app.store.records import Case
from ui.common import language


def case_title(case: Case) -> str:
    """What a window title or tab may show: the name only when it is not masked."""
    person = case.person
    if person.masked:
        return _("{ref} · Skyddad identitet").format(ref=case.ref)
    return _("{ref} · {name}").format(ref=case.ref, name=person.name)


class RevealDialog(QDialog):
    """Asks why the identity is revealed; the reason goes into the audit trail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Visa skyddad identitet"))
        text = QLabel(
            _("Personen har skyddade personuppgifter. Namnet visas för dig under den här "
              "sessionen och visningen loggas. Se till att ingen obehörig ser skärmen.")
        )  # fmt: skip
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Skäl, t.ex. samtal med klienten"))
        label = QLabel(_("Skäl till visningen"))
        label.setBuddy(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Visa"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(440, 200)


class IdentityBar(QFrame):
    reveal_requested = Signal(str)  # reason
    hide_requested = Signal()
    copy_requested = Signal()
    extract_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.case: Case | None = None
        self.name = QLabel()
        self.name.setObjectName("title")
        self.facts = QLabel()
        self.facts.setObjectName("subtitle")
        self.badge = QLabel()
        self.badge.setObjectName("protectedBadge")
        self.badge.setStyleSheet(
            "QLabel#protectedBadge { background: #fbe9e7; color: #8c2a1c; border: 1px solid"
            " #e0a59c; border-radius: 9px; padding: 1px 8px; font-size: 9pt; }"
        )
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.ask_reveal)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.hide_requested)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_requested)
        self.extract_button = QPushButton()
        self.extract_button.clicked.connect(self.extract_requested)
        self.reveal_dialog: RevealDialog | None = None
        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.badge)
        top.addStretch(1)
        text.addLayout(top)
        text.addWidget(self.facts)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(text, 1)
        for button in (self.reveal_button, self.hide_button, self.extract_button,
                       self.copy_button):  # fmt: skip
            layout.addWidget(button)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.reveal_button.setText(_("Visa"))
        self.reveal_button.setToolTip(_("Visa namn och uppgifter (loggas)"))
        self.hide_button.setText(_("Dölj"))
        self.hide_button.setToolTip(_("Dölj namn och uppgifter igen"))
        self.extract_button.setText(_("Registerutdrag …"))
        self.extract_button.setToolTip(
            _("Allt valvet har om personen som PDF (dataskyddsförordningen art. 15); loggas")
        )
        self.copy_button.setText(_("Kopiera referens"))
        self.copy_button.setToolTip(_("Kopierar ärendereferensen; urklippet töms efter en stund."))
        if self.case is not None:
            self.show_case(self.case)

    def show_case(self, case: Case) -> None:
        self.case = case
        person = case.person
        protected = person.protected_level is not ProtectedLevel.NONE
        self.name.setText(_("Skyddad identitet") if person.masked else person.name)
        self.badge.setVisible(protected)
        self.badge.setText(person.protected_level.label)
        facts = [case.ref, case.status.label]
        if case.caseworker:
            facts.append(_("Handläggare: {name}").format(name=case.caseworker))
        self.facts.setText("  ·  ".join(facts))
        self.reveal_button.setVisible(person.masked)
        self.hide_button.setVisible(protected and not person.masked)

    def ask_reveal(self) -> None:
        dialog = RevealDialog(self)
        dialog.accepted.connect(lambda: self.reveal_requested.emit(dialog.reason.text().strip()))
        self.reveal_dialog = dialog
        dialog.open()


__all__ = ["IdentityBar", "RevealDialog", "case_title"]
