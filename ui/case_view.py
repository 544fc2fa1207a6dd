"""A simple case view: who and what the case is, and a note that is kept as a draft in
the vault while it is written (the journal proper comes with the case file, issue 3)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.case_list import status_label
from ui.cases import CaseDetail
from ui.common import language
from ui.common.widgets import Form
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper

NOTE_DRAFT_KIND = "case-note"


def note_draft_key(ref: str) -> str:
    return f"case:{ref}:note"


class CaseView(QWidget):
    close_requested = Signal(str)  # case ref

    def __init__(self, row: CaseDetail, drafts: DraftKeeper, clipboard: ClipboardGuard) -> None:
        super().__init__()
        self.row, self.drafts, self.clipboard = row, drafts, clipboard
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.ref_label = QLabel(row.ref)
        self.identifier = QLabel(row.identifier or "–")
        self.status = QLabel()
        self.opened = QLabel(row.opened)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.clipboard.copy(self.row.ref))
        self.facts = Form(self.ref_label, self.identifier, self.status, self.opened)
        card = QFrame()
        card.setObjectName("card")
        card_layout = QHBoxLayout(card)
        card_layout.setContentsMargins(16, 12, 16, 12)
        card_layout.addLayout(self.facts, 1)
        card_layout.addWidget(self.copy_button)
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note_state = QLabel()
        self.note_state.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(card)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.note_state)
        self.restored = drafts.register(note_draft_key(row.ref), NOTE_DRAFT_KIND, self.note)
        drafts.saved.connect(self._draft_saved)
        self._saved_at = ""
        language.bind(self.retranslate)

    @property
    def ref(self) -> str:
        return self.row.ref

    @property
    def title(self) -> str:
        """The tab title: never a protected person's name."""
        return self.row.ref if self.row.masked else f"{self.row.ref} · {self.row.name}"

    def retranslate(self) -> None:
        self.heading.setText(self.row.name)
        self.facts.set_labels(_("Ärendereferens"), _("Identitetsnummer"), _("Status"), _("Öppnat"))
        self.status.setText(status_label(self.row.status))
        self.copy_button.setText(_("Kopiera referens"))
        self.copy_button.setToolTip(_("Kopierar ärendereferensen; urklippet töms efter en stund."))
        self.note_label.setText(_("Anteckning"))
        self.note.setPlaceholderText(
            _("Skriv här. Texten sparas krypterat som utkast medan du skriver.")
        )
        self._show_state()

    def _draft_saved(self, key: str) -> None:
        if key == note_draft_key(self.row.ref):
            self._saved_at = datetime.now().strftime("%H:%M:%S")
            self._show_state()

    def _show_state(self) -> None:
        if self._saved_at:
            text = _("Utkastet sparades {time}.").format(time=self._saved_at)
        elif self.restored:
            text = _("Utkastet är återställt från valvet.")
        else:
            text = _("Sparas automatiskt som utkast i valvet.")
        self.note_state.setText(text)

    def close_view(self) -> None:
        """Save the draft one last time; the caller then removes the view."""
        self.drafts.unregister(note_draft_key(self.row.ref))
