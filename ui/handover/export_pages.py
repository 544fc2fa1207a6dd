"""The first two pages of the export wizard: what to send, and to whom on what basis."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.crypto.identity import Certificate
from app.domain.dates import months_before
from app.handover.basis import MIN_BOARD, Receiver
from app.handover.payload import Disclosure, Period
from app.handover.schema import SECTIONS
from app.handover.workflow import MIN_REASON, Basis
from app.i18n import _
from app.store import Store
from app.store.records import Consent
from ui.common.date_field import DateField
from ui.handover.export_basis import BasisBox

CERT_ROLE = int(Qt.ItemDataRole.UserRole)


class ContentPage(QWizardPage):
    """Case, sections and the journal period (data minimisation: only what is ticked)."""

    def __init__(self, store: Store, case_ref: str | None) -> None:
        super().__init__()
        self.store = store
        self.setTitle(_("Vad ska lämnas över?"))
        self.setSubTitle(
            _(
                "Välj bara det som den mottagande kommunen behöver. Det som inte väljs "
                "finns varken i dokumentet eller i paketets data."
            )
        )
        self.case = QComboBox()
        self.case.setAccessibleName(_("Ärende"))
        for row in store.case_rows():
            self.case.addItem(f"{row.ref} – {row.name}", row.ref)
        if case_ref is not None:
            self.case.setCurrentIndex(max(self.case.findData(case_ref), 0))
        self.case.currentIndexChanged.connect(self.completeChanged)
        self.sections: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, (key, title) in enumerate(SECTIONS.items()):
            box = QCheckBox(_(title))
            box.setChecked(True)
            box.toggled.connect(self.completeChanged)
            self.sections[key] = box
            grid.addWidget(box, index // 2, index % 2)
        group = QGroupBox(_("Avsnitt"))
        group.setLayout(grid)
        self.whole_journal = QCheckBox(_("Hela journalen"))
        day = store.today()
        self.start = DateField(months_before(day, 6).isoformat(), today=store.today)
        self.until = DateField(day.isoformat(), today=store.today)
        for field, name in ((self.start, _("Journalperiod från")),
                            (self.until, _("Journalperiod till och med"))):  # fmt: skip
            field.setAccessibleName(name)
            field.changed.connect(self.completeChanged)
        self.whole_journal.toggled.connect(lambda on: self.start.setEnabled(not on))
        self.whole_journal.toggled.connect(lambda on: self.until.setEnabled(not on))
        self.sections["journal"].toggled.connect(self._journal_toggled)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("Från")))
        period.addWidget(self.start)
        period.addWidget(QLabel(_("till och med")))
        period.addWidget(self.until)
        period.addWidget(self.whole_journal)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Ärende"), self.case)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group)
        journal = QGroupBox(_("Journalperiod"))
        journal.setLayout(period)
        self.journal_box = journal
        layout.addWidget(journal)
        layout.addWidget(self._extra_group())
        layout.addStretch(1)

    def _extra_group(self) -> QGroupBox:
        """Beyond the minimum, each only by an explicit choice (recorded with the packet)."""
        self.safety_history = QCheckBox(
            _("Skicka med tidigare versioner av säkerhetsplanen (med gamla kodord)")
        )
        self.all_identities = QCheckBox(
            _("Skicka med alla identiteter, inte bara den mottagaren ska använda")
        )
        self.identity_reason = QLineEdit()
        self.identity_reason.setAccessibleName(_("Skäl för fler identiteter"))
        self.identity_reason.setPlaceholderText(_("Skäl (sparas i loggen)"))
        self.identity_reason.setEnabled(False)
        self.all_identities.toggled.connect(self.identity_reason.setEnabled)
        self.all_identities.toggled.connect(self.completeChanged)
        self.identity_reason.textChanged.connect(self.completeChanged)
        warning = QLabel(
            _(
                "Gäller skyddad folkbokföring och fingerade personuppgifter: en tidigare "
                "identitet kan röja den nya. Välj bara om mottagaren behöver den."
            )
        )
        warning.setWordWrap(True)
        box = QVBoxLayout()
        box.addWidget(self.safety_history)
        box.addWidget(self.all_identities)
        box.addWidget(self.identity_reason)
        box.addWidget(warning)
        group = QGroupBox(_("Utöver det nödvändiga"))
        group.setLayout(box)
        return group

    def disclosure(self) -> Disclosure:
        return Disclosure(
            safety_history=self.safety_history.isChecked(),
            all_identities=self.all_identities.isChecked(),
            identity_reason=self.identity_reason.text().strip()
            if self.all_identities.isChecked()
            else "",
        )

    def apply_draft(self, draft: dict[str, Any]) -> None:
        """Tick what a caseworker chose in a saved draft."""
        for key, box in self.sections.items():
            box.setChecked(key in draft.get("sections", ()))
        start, until = (draft.get("period") or [None, None])[:2]
        self.whole_journal.setChecked(not start and not until)
        if start:
            self.start.setText(start)
        if until:
            self.until.setText(until)

    def _journal_toggled(self, on: bool) -> None:
        self.journal_box.setEnabled(on)

    def case_ref(self) -> str:
        return str(self.case.currentData() or "")

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.sections.items() if box.isChecked())

    def period(self) -> Period:
        if self.whole_journal.isChecked() or "journal" not in self.chosen_sections():
            return Period()
        return Period(self.start.value(), self.until.value())

    def isComplete(self) -> bool:
        """A case, a section, and a journal period of two real dates (if one is asked)."""
        period = self.period()
        dates_ok = all(field.date() is not None for field in (self.start, self.until))
        asked = bool(period.start or period.until)
        reason_ok = not self.all_identities.isChecked() or (
            len(self.identity_reason.text().strip()) >= MIN_REASON
        )
        return (
            bool(self.case_ref() and self.chosen_sections())
            and (dates_ok or not asked)
            and reason_ok
        )


class RecipientsPage(QWizardPage):
    """The receiving nämnd (always), directory certificates or a one-time passphrase,
    and the legal basis (:class:`ui.handover.export_basis.BasisBox`)."""

    def __init__(self, store: Store, content: ContentPage) -> None:
        super().__init__()
        self.store, self.content = store, content
        self.setTitle(_("Mottagare och rättslig grund"))
        self.setSubTitle(
            _(
                "Ange den mottagande nämnden; paketet kan bara öppnas av de valda "
                "mottagarna. Försegla helst till den mottagande kommunens funktionscertifikat."
            )
        )
        party = self._party_form()
        self.by_certificate = QRadioButton(_("Till certifikat i katalogen"))
        self.by_passphrase = QRadioButton(_("Med en engångslösenfras som läses upp per telefon"))
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.by_certificate)
        self.mode.addButton(self.by_passphrase)
        self.by_certificate.setChecked(True)
        self.mode.buttonToggled.connect(self._mode_changed)
        self.certificates = QListWidget()
        self.certificates.setMaximumHeight(120)
        self.certificates.itemChanged.connect(self.completeChanged)
        self.basis_box = BasisBox(store)
        self.basis_box.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addLayout(party)
        layout.addWidget(self.by_certificate)
        layout.addWidget(self.certificates)
        layout.addWidget(self.by_passphrase)
        layout.addWidget(self.basis_box)
        layout.addStretch(1)
        self.draft: dict[str, Any] | None = None

    def _party_form(self) -> QFormLayout:
        """The receiving nämnd (required, also with a passphrase) and unit."""
        self.board = QLineEdit()
        self.board.setAccessibleName(_("Mottagande nämnd"))
        self.board.setPlaceholderText(_("T.ex. Socialnämnden i Norrby kommun"))
        self.unit = QLineEdit()
        self.unit.setAccessibleName(_("Enhet"))
        self.unit.setPlaceholderText(_("T.ex. Avhopparverksamheten"))
        for edit in (self.board, self.unit):
            edit.textChanged.connect(self._receiver_changed)
        party = QFormLayout()
        party.addRow(_("Mottagande nämnd"), self.board)
        party.addRow(_("Enhet"), self.unit)
        return party

    def initializePage(self) -> None:
        self._fill_certificates()
        self.basis_box.fill(self.content.case_ref(), self.receiver(),
                            self.content.chosen_sections())  # fmt: skip
        if self.draft is not None:
            self._apply_draft(self.draft)
            self.draft = None
        self._mode_changed()

    def _apply_draft(self, draft: dict[str, Any]) -> None:
        wanted = set(draft.get("recipients", ()))
        self.by_passphrase.setChecked(not wanted)
        self.by_certificate.setChecked(bool(wanted))
        self.board.setText(str(draft.get("board") or ""))
        self.unit.setText(str(draft.get("unit") or ""))
        for row in range(self.certificates.count()):
            item = self.certificates.item(row)
            cert = item.data(CERT_ROLE)
            if (
                cert is not None
                and cert.fingerprint in wanted
                and item.flags() & Qt.ItemFlag.ItemIsEnabled
            ):
                item.setCheckState(Qt.CheckState.Checked)
        self.basis_box.select(draft.get("consent"), str(draft.get("provision") or ""))

    def _fill_certificates(self) -> None:
        self.certificates.clear()
        now = self.store.clock.now()
        for entry in self.store.directory():
            cert = entry.certificate
            problem = cert.validity_problem(now) or (
                None if entry.trusted else _("fingeravtrycket är inte jämfört")
            )
            text = (
                f"{cert.common_name} – {cert.organisation}"
                if cert.organisation
                else (cert.common_name)
            )
            if problem:
                text += f"  ({_(problem)})"
            item = QListWidgetItem(text)
            item.setData(CERT_ROLE, cert)
            flags = Qt.ItemFlag.ItemIsUserCheckable
            if not problem:
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.certificates.addItem(item)
        if self.certificates.count() == 0:
            self.certificates.addItem(_("Katalogen är tom. Importera mottagarens certifikat."))

    def _mode_changed(self, *_args: object) -> None:
        self.certificates.setEnabled(self.by_certificate.isChecked())
        self.completeChanged.emit()

    def _receiver_changed(self, *_args: object) -> None:
        self.basis_box.set_receiver(self.receiver())

    def receiver(self) -> Receiver:
        return Receiver(self.board.text(), self.unit.text())

    def chosen_consent(self) -> Consent | None:
        return self.basis_box.chosen_consent()

    def chosen_basis(self) -> Basis:
        return self.basis_box.basis()

    def chosen_certificates(self) -> tuple[Certificate, ...]:
        if not self.by_certificate.isChecked():
            return ()
        found = []
        for row in range(self.certificates.count()):
            item = self.certificates.item(row)
            cert = item.data(CERT_ROLE)
            if cert is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(cert)
        return tuple(found)

    def isComplete(self) -> bool:
        has_recipient = self.by_passphrase.isChecked() or bool(self.chosen_certificates())
        named = len(self.board.text().strip()) >= MIN_BOARD
        return named and has_recipient and not self.basis_box.problem()


__all__ = ["ContentPage", "RecipientsPage"]
