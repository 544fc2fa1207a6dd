"""The vault's signing identity and the profile's handover roles.

The signer's name in a sealed packet is readable by anyone holding the file, so the
dialog steers towards an organisation or function certificate and warns plainly when
a personal one is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.crypto.identity import Identity, create_identity, import_pkcs12
from app.handover.errors import NoSigningIdentity
from app.i18n import N_, _
from app.store import Store
from app.store.handover import CASEWORKER, HANDOVER_OFFICER
from ui.common.errors import ask
from ui.common.ops import Ops
from ui.handover.common import CertificateFacts, HandoverDialog, choose_file, own

PERSONAL_WARNING = N_(
    "Det här är ett personligt certifikat. Avsändarens namn i ett förseglat paket kan "
    "läsas av alla som har filen, utan att den dekrypteras. Använd hellre ett "
    "organisations- eller funktionscertifikat."
)


class PilotIdentityDialog(HandoverDialog):
    """Name and organisation for a self-issued (pilot) identity."""

    def __init__(self, parent: QWidget | None, municipality: str) -> None:
        super().__init__(
            parent,
            _("Utfärda pilotidentitet"),
            _(
                "Valvet skapar ett eget organisationscertifikat. Använd en funktion, "
                "inte en persons namn."
            ),
        )
        self.name = QLineEdit(_("Avhopparverksamheten, överlämning"))
        self.organisation = QLineEdit(municipality)
        self.unit = QLineEdit(_("Socialtjänsten"))
        form = QFormLayout()
        form.addRow(_("Funktion"), self.name)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Enhet"), self.unit)
        self.layout_.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Utfärda"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.footer.addWidget(buttons)


class PasswordDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(
            parent,
            _("Lösenord för PKCS#12"),
            _("Ange lösenordet till certifikatfilen. Det sparas inte."),
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Lösenord"))
        self.layout_.addWidget(self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Läs in certifikatet"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.footer.addWidget(buttons)


class IdentityDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None, store: Store, ops: Ops | None = None) -> None:
        super().__init__(
            parent,
            _("Signeringsidentitet och roller"),
            _(
                "Paket som lämnas över signeras med valvets identitet. Mottagaren jämför "
                "dess fingeravtryck med er per telefon."
            ),
        )
        self.store, self.ops = store, ops or own(self, Ops())
        self.setMinimumWidth(620)
        box = QGroupBox(_("Valvets signeringsidentitet"))
        inner = QVBoxLayout(box)
        self.facts = CertificateFacts(store.clock)
        self.warning = QLabel(_(PERSONAL_WARNING), wordWrap=True)
        self.warning.setObjectName("warning")
        self.import_button = QPushButton(_("Importera PKCS#12…"))
        self.issue_button = QPushButton(_("Utfärda pilotidentitet…"))
        self.import_button.clicked.connect(self.import_p12)
        self.issue_button.clicked.connect(self.issue)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.issue_button)
        row.addStretch(1)
        inner.addWidget(self.facts)
        inner.addWidget(self.warning)
        inner.addLayout(row)
        self.layout_.addWidget(box)
        self.layout_.addWidget(self._roles_box())
        self.layout_.addWidget(self._contact_box())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.footer.addWidget(close)
        self.refresh()

    def _roles_box(self) -> QGroupBox:
        box = QGroupBox(_("Roller i den här profilen"))
        inner = QVBoxLayout(box)
        self.caseworker = QCheckBox(_("Handläggare (kan förbereda ett överlämningsutkast)"))
        self.officer = QCheckBox(_("Överlämningsansvarig (kan försegla och skicka paket)"))
        self.save_roles = QPushButton(_("Spara roller"))
        self.save_roles.clicked.connect(self.store_roles)
        inner.addWidget(self.caseworker)
        inner.addWidget(self.officer)
        inner.addWidget(self.save_roles)
        return box

    def _contact_box(self) -> QGroupBox:
        """What a packet's cover tells the receiver: whom to call (utvag profile contact)."""
        box = QGroupBox(_("Kontaktuppgifter på paketets försättsblad"))
        form = QFormLayout(box)
        profile = self.store.vault.profile()
        self.contact: dict[str, QLineEdit] = {}
        for key, label in (("board", _("Nämnd")), ("unit", _("Enhet")),
                           ("phone", _("Telefon")), ("email", _("E-post"))):  # fmt: skip
            edit = QLineEdit(getattr(profile, key))
            edit.setAccessibleName(label)
            edit.setMaxLength(200)
            self.contact[key] = edit
            form.addRow(label, edit)
        self.save_contact = QPushButton(_("Spara kontaktuppgifter"))
        self.save_contact.clicked.connect(self.store_contact)
        form.addRow(self.save_contact)
        return box

    def store_contact(self) -> None:
        self.store.set_contact(**{k: e.text() for k, e in self.contact.items()})
        self.banner.show_info(_("Kontaktuppgifterna är sparade."))

    # ---------------------------------------------------------------- state
    def current(self) -> Identity | None:
        try:
            return self.store.identity()
        except NoSigningIdentity:
            return None

    def refresh(self) -> None:
        ident = self.current()
        cert = ident.certificate if ident else None
        self.facts.show_certificate(cert)
        self.warning.setVisible(bool(cert and cert.is_personal))
        if cert is None:
            self.banner.show_warning(_("Valvet har ingen signeringsidentitet ännu."))
        roles = self.store.roles()
        self.caseworker.setChecked(CASEWORKER in roles)
        self.officer.setChecked(HANDOVER_OFFICER in roles)

    # -------------------------------------------------------------- actions
    def import_p12(self) -> None:
        data = choose_file(
            self, _("Välj PKCS#12-fil"), _("PKCS#12 (*.p12 *.pfx);;Alla filer (*)"), self.banner
        )
        if data is None:
            return
        prompt = PasswordDialog(self)
        self.password_dialog = prompt
        prompt.accepted.connect(lambda: self._read_p12(data, prompt.password.text()))
        prompt.open()

    def _read_p12(self, data: bytes, password: str) -> None:
        self.banner.clear()
        self.ops.run(
            lambda: import_pkcs12(data, password),
            label=_("Läser certifikatet…"),
            on_done=self._use,
            on_error=self.banner.show_error,
        )

    def issue(self) -> None:
        dialog = PilotIdentityDialog(self, self.store.vault.profile().municipality)
        self.pilot_dialog = dialog
        dialog.accepted.connect(
            lambda: self._issue(dialog.name.text(), dialog.organisation.text(), dialog.unit.text())
        )
        dialog.open()

    def _issue(self, name: str, org: str, unit: str) -> None:
        self.banner.show_info(_("Skapar nyckel och certifikat…"))
        self.issue_button.setEnabled(False)
        self.ops.run(
            lambda: create_identity(name, org, unit, now=self.store.clock.now()),
            label=_("Skapar nyckel och certifikat…"),
            on_done=self._use,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.issue_button.setEnabled(True)
        self.banner.show_error(exc)

    def _use(self, ident: Identity) -> None:
        self.issue_button.setEnabled(True)
        cert = ident.certificate
        if cert.is_personal and not ask(
            self,
            _("Personligt certifikat"),
            _(PERSONAL_WARNING) + "\n\n" + _("Vill du ändå använda det?"),
            destructive=True,
        ):
            self.banner.show_info(_("Identiteten sparades inte."))
            return
        if self.current() is not None and not ask(
            self,
            _("Ersätt signeringsidentiteten"),
            _(
                "Valvet har redan en signeringsidentitet. Mottagande kommuner måste jämföra "
                "det nya fingeravtrycket innan de litar på era paket. Vill du ersätta den?"
            ),
            destructive=True,
        ):
            self.banner.show_info(_("Identiteten sparades inte."))
            return
        try:
            self.store.set_identity(ident)
        except Exception as exc:  # shown inline; nothing was stored
            self.banner.show_error(exc)
            return
        self.refresh()
        self.banner.show_info(
            _(
                "Signeringsidentiteten är sparad i valvet. Läs upp fingeravtrycket för "
                "mottagande kommuner."
            )
        )

    def store_roles(self) -> None:
        chosen = [
            role
            for role, box in (
                (CASEWORKER, self.caseworker),
                (HANDOVER_OFFICER, self.officer),
            )
            if box.isChecked()
        ]
        self.store.set_roles(chosen)
        self.banner.show_info(_("Rollerna är sparade."))
