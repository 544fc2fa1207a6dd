"""The "new case" dialog: the client's names, personnummer/samordningsnummer (checked as
it is typed: date and check digit), and the case reference (suggested when left empty).
The person and the case are written by the store's verbs through the ops runner."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.domain.dates import Expect
from app.domain.identifiers import (
    KIND_LABELS,
    IdentifierKind,
    InvalidIdentifier,
    PersonIdentifier,
    parse_identifier,
)
from app.i18n import N_, _
from app.store import Store
from ui.common import language
from ui.common.date_field import DateField
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.widgets import Form

#: The kinds offered, in order; ``None`` recognises personnummer and samordningsnummer.
KIND_CHOICES: tuple[tuple[IdentifierKind | None, str], ...] = (
    (None, N_("Personnummer eller samordningsnummer")),
    (IdentifierKind.RESERVNUMMER, KIND_LABELS[IdentifierKind.RESERVNUMMER]),
    (IdentifierKind.NONE, KIND_LABELS[IdentifierKind.NONE]),
)


class NewCaseDialog(QDialog):
    created = Signal(str)  # case ref

    def __init__(self, store: Store, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops
        self.banner = Banner()
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.kind = QComboBox()
        for _kind, _label in KIND_CHOICES:
            self.kind.addItem("")
        self.identifier = QLineEdit()
        self.identifier_problem = QLabel(wordWrap=True)
        self.identifier_problem.setObjectName("warning")
        today = store.today
        # Empty: unknown (never the day it is typed in); a number held since birth can
        # say so, an assumed identity the day it began.
        self.valid_from = DateField(today=today, expect=Expect.PAST)
        self.ref = QLineEdit()
        self.form = Form(*self._fields())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        for edit in (self.given, self.family, self.identifier, self.ref):
            edit.textChanged.connect(self._update)
        self.judged = False  # the number is judged once typed in full or left
        self.identifier.editingFinished.connect(self._identifier_left)
        self.kind.currentIndexChanged.connect(self._update)
        self.valid_from.changed.connect(self._update)
        self.setMinimumWidth(480)
        language.bind(self.retranslate)

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.given,
            self.family,
            self.kind,
            self.identifier,
            self.identifier_problem,
            self.valid_from,
            self.ref,
        )

    def retranslate(self) -> None:
        self.setWindowTitle(_("Nytt ärende"))
        self.form.set_labels(
            _("Förnamn"), _("Efternamn"), _("Typ av nummer"), _("Nummer"), "",
            _("Numret gäller från"), _("Ärendereferens"),
        )  # fmt: skip
        self.valid_from.setPlaceholderText(_("okänt"))
        self.valid_from.setAccessibleName(_("Numret gäller från"))
        for index, (_kind, label) in enumerate(KIND_CHOICES):
            self.kind.setItemText(index, _(label))
        self.identifier.setPlaceholderText(_("ÅÅÅÅMMDD-NNNN"))
        self.ref.setPlaceholderText(_("Lämna tomt för nästa lediga nummer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Skapa ärende"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self._update()

    def parsed_identifier(self) -> PersonIdentifier:
        kind = KIND_CHOICES[self.kind.currentIndex()][0]
        return parse_identifier(
            self.identifier.text(), kind, today=self.store.today(), field=_("Nummer")
        )

    def _identifier_left(self) -> None:
        self.judged = bool(self.identifier.text().strip())
        self._update()

    def _still_typing(self) -> bool:
        """Digits (and separators) short of a full 12-digit number, not yet left: no
        message while the person is still typing it."""
        text = self.identifier.text().strip()
        if self.judged or KIND_CHOICES[self.kind.currentIndex()][0] is not None:
            return False
        digits = sum(c.isdigit() for c in text)
        return all(c.isdigit() or c in "-+ " for c in text) and digits < 12

    def _identifier_problem(self) -> str:
        kind = KIND_CHOICES[self.kind.currentIndex()][0]
        self.identifier.setEnabled(kind is not IdentifierKind.NONE)
        if kind is not IdentifierKind.NONE and not self.identifier.text().strip():
            return ""  # nothing typed yet: no complaint, but not ready either
        if self._still_typing():
            return ""
        try:
            self.parsed_identifier()
        except InvalidIdentifier as exc:
            return exc.message
        return ""

    def _update(self) -> None:
        problem = self._identifier_problem()
        self.identifier_problem.setText(problem)
        self.identifier_problem.setVisible(bool(problem))
        self._room_for_the_message()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.ready())

    def _room_for_the_message(self) -> None:
        """Grow to show a wrapped message in full (a dialog does not grow by itself for
        a label whose height depends on its width, so the message was cut off)."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        wanted = max(wanted, layout.totalMinimumSize().height())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def ready(self) -> bool:
        if not (self.given.text().strip() or self.family.text().strip()):
            return False
        if self.valid_from.text() and self.valid_from.date() is None:
            return False
        try:
            self.parsed_identifier()
        except InvalidIdentifier:
            return False
        return True

    def submit(self) -> None:
        if not self.ready():
            return
        given, family = self.given.text().strip(), self.family.text().strip()
        kind = KIND_CHOICES[self.kind.currentIndex()][0]
        identifier = self.identifier.text().strip() if kind is not IdentifierKind.NONE else ""
        since = self.valid_from.value() if identifier else None
        ref = self.ref.text().strip()
        self.banner.clear()
        self.buttons.setEnabled(False)
        store = self.store

        def create() -> Changes:
            person = store.add_person(given, family, identifier=identifier, identifier_kind=kind,
                                      identifier_valid_from=since)  # fmt: skip
            return person | store.create_case(person.new_id, ref=ref or None)

        self.ops.run(create, label=N_("Ärendet sparas …"), on_done=self._created,
                     on_error=self._failed)  # fmt: skip

    def _created(self, changes: Changes) -> None:
        self.buttons.setEnabled(True)
        self.created.emit(self.store.case(changes.new_id).ref)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_error(exc)
