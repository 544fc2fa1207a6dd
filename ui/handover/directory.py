"""The directory of other parties' certificates (receiving municipalities' handover
functions, colleagues). A certificate becomes trusted only after the person confirms
they compared its fingerprint with the owner by phone; expired or not-yet-valid
certificates are shown as such and cannot receive new packets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.clock import Clock
from app.crypto.identity import Certificate, load_certificate
from app.i18n import N_, _
from app.store import Store
from app.store.handover import DirectoryEntry
from ui.handover.common import CertificateFacts, HandoverDialog, choose_file, day

CERT_FILTER = N_("Certifikat (*.pem *.crt *.cer *.der);;Alla filer (*)")


def status_text(entry: DirectoryEntry, now: dt.datetime) -> str:
    problem = entry.certificate.validity_problem(now)
    if problem:
        return _(problem).capitalize()
    return _("Betrodd") if entry.trusted else _("Inte jämfört")


class TrustDialog(HandoverDialog):
    """Shows a certificate's fingerprint and asks for the explicit phone comparison."""

    def __init__(
        self, parent: QWidget | None, cert: Certificate, clock: Clock, already: bool = False
    ) -> None:
        super().__init__(
            parent,
            _("Jämför fingeravtrycket"),
            _(
                "Ring ägaren till certifikatet på ett nummer ni redan känner till (inte ett "
                "nummer från samma meddelande som certifikatet) och läs upp fingeravtrycket "
                "grupp för grupp."
            ),
        )
        self.setMinimumWidth(600)
        self.facts = CertificateFacts(clock)
        self.facts.show_certificate(cert)
        self.layout_.addWidget(self.facts)
        self.confirm = QCheckBox(_("Jag har jämfört fingeravtrycket per telefon och det stämmer"))
        self.confirm.setChecked(already)
        self.layout_.addWidget(self.confirm)
        problem = cert.validity_problem(clock.now())
        if problem:
            self.banner.show_warning(
                _("Certifikatet kan inte användas för nya paket: {problem}.").format(
                    problem=_(problem)
                )
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Lägg till"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.footer.addWidget(self.buttons)

    @property
    def trusted(self) -> bool:
        return self.confirm.isChecked()


class DirectoryDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(
            parent,
            _("Katalog över mottagare"),
            _(
                "Certifikat för andra kommuners överlämningsfunktioner. Ett certifikat "
                "blir betrott först när fingeravtrycket har jämförts per telefon."
            ),
        )
        self.store = store
        self.resize(820, 480)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("Innehavare"), _("Organisation"), _("Giltig till"), _("Status")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.setAccessibleName(_("Katalog över mottagare"))
        self.layout_.addWidget(self.table, 1)
        self.facts = CertificateFacts(store.clock)
        self.layout_.addWidget(self.facts)
        self.import_button = QPushButton(_("Importera certifikat…"))
        self.trust_button = QPushButton(_("Jämför och lita på…"))
        # Withdrawing trust comes first; only an untrusted certificate can be removed,
        # so removing a trusted one always takes two deliberate steps.
        self.untrust_button = QPushButton(_("Dra tillbaka förtroendet"))
        self.remove_button = QPushButton(_("Ta bort ur katalogen"))
        self.import_button.clicked.connect(self.import_certificate)
        self.trust_button.clicked.connect(self.trust_selected)
        self.untrust_button.clicked.connect(self.untrust_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for button in (self.import_button, self.trust_button, self.untrust_button,
                       self.remove_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        self.footer.addLayout(row)
        self.entries: list[DirectoryEntry] = []
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.store.directory()
        now = self.store.clock.now()
        self.table.setRowCount(len(self.entries))
        for index, entry in enumerate(self.entries):
            cert = entry.certificate
            status = status_text(entry, now)
            cells = (cert.common_name, cert.organisation, day(cert.not_after), status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and (cert.validity_problem(now) or not entry.trusted):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self._selected()

    def selected(self) -> DirectoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _selected(self) -> None:
        entry = self.selected()
        self.facts.show_certificate(entry.certificate if entry else None)
        self.trust_button.setEnabled(bool(entry and not entry.trusted))
        self.untrust_button.setEnabled(bool(entry and entry.trusted))
        self.remove_button.setEnabled(bool(entry and not entry.trusted))

    def import_certificate(self) -> None:
        data = choose_file(self, _("Välj certifikat"), _(CERT_FILTER), self.banner)
        if data is not None:
            self.add(data)

    def add(self, data: bytes) -> None:
        """Read a certificate, show its fingerprint and ask for the comparison."""
        self.banner.clear()
        try:
            cert = load_certificate(data)
        except Exception as exc:
            self.banner.show_error(exc)
            return
        self._ask_trust(cert)

    def trust_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._ask_trust(entry.certificate)

    def untrust_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.store.untrust_certificate(entry.certificate.fingerprint)
        self.refresh()
        self.banner.show_info(
            _("{name} är inte längre betrott. Paket från det behöver ett nytt beslut.").format(
                name=entry.certificate.common_name
            )
        )

    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.trusted:
            return
        self.store.remove_certificate(entry.certificate.fingerprint)
        self.refresh()
        self.banner.show_info(
            _("{name} är borttaget ur katalogen.").format(name=entry.certificate.common_name)
        )

    def _ask_trust(self, cert: Certificate) -> None:
        dialog = TrustDialog(self, cert, self.store.clock)
        self.trust_dialog = dialog
        dialog.accepted.connect(lambda: self._store(cert, dialog))
        dialog.open()

    def _store(self, cert: Certificate, dialog: TrustDialog) -> None:
        self.store.add_certificate(cert, trusted=dialog.trusted)
        self.refresh()
        if dialog.trusted:
            self.banner.show_info(_("{name} är betrott.").format(name=cert.common_name))
        else:
            self.banner.show_warning(
                _(
                    "{name} är tillagt men inte betrott. Jämför fingeravtrycket innan det används."
                ).format(name=cert.common_name)
            )


__all__ = ["DirectoryDialog", "TrustDialog", "status_text"]
