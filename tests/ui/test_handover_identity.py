"""Identity, roles and directory, used like a person: issue a pilot identity, import a
PKCS#12 (wrong password, then a personal certificate with its warning), set roles,
import a recipient certificate and trust it only after the phone comparison; an
expired certificate is shown as such and cannot be chosen for a new packet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from app.crypto.identity import Certificate, Identity, export_pkcs12
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from tests.conftest import NOW
from tests.ui.helpers import click, tick, type_text
from tests.ui.test_handover_export import _relays_live_with_their_ops, open_from, parties
from tests.unit.test_handover_support import identity, make_vault
from ui.common.ops import Ops
from ui.handover.directory import DirectoryDialog
from ui.handover.export_wizard import ExportWizard
from ui.handover.identity import IdentityDialog

__all__ = ["_relays_live_with_their_ops", "parties"]  # fixtures, re-exported for pytest


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    vault = make_vault(tmp_path / "v", "Karin Lindqvist", "Exempelby kommun")
    yield Store(vault)
    vault.lock()


def _certificate(name: str, *, personal: bool = False, days: int = 365, start_days: int = -1):  # type: ignore[no-untyped-def]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Fiktiva kommunen")]
    if personal:
        attrs += [
            x509.NameAttribute(NameOID.GIVEN_NAME, "Erika"),
            x509.NameAttribute(NameOID.SURNAME, "Exempelsson"),
        ]
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, name))
    subject = x509.Name(attrs)
    start = NOW + dt.timedelta(days=start_days)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    return Identity(Certificate(cert), key)


def _answer_message_box(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the message box that is about to open (as a person would)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_issue_a_pilot_identity_and_set_roles(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = IdentityDialog(None, store, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "ingen signeringsidentitet" in dialog.banner.text
    click(qtbot, dialog, "Utfärda pilotidentitet…")
    pilot = dialog.pilot_dialog
    assert pilot.organisation.text() == "Exempelby kommun"
    pilot.name.selectAll()
    type_text(qtbot, pilot.name, "Avhopparverksamheten Exempelby")
    click(qtbot, pilot, "Utfärda")
    qtbot.waitUntil(lambda: "sparad i valvet" in dialog.banner.text, timeout=30000)
    saved = store.identity().certificate
    assert "Avhopparverksamheten Exempelby" in dialog.facts.subject.text()
    assert dialog.facts.fingerprint.text().split() == saved.fingerprint_readable.split()
    assert "(giltigt)" in dialog.facts.validity.text()
    assert not dialog.warning.isVisible()

    tick(qtbot, dialog.officer)
    click(qtbot, dialog, "Spara roller")
    assert HANDOVER_OFFICER in store.roles()

    type_text(qtbot, dialog.contact["board"], "Socialnämnden")
    type_text(qtbot, dialog.contact["phone"], "010-000 00 90")
    click(qtbot, dialog, "Spara kontaktuppgifter")
    profile = store.vault.profile()
    assert (profile.board, profile.phone) == ("Socialnämnden", "010-000 00 90")
    assert "Kontaktuppgifterna är sparade." in dialog.banner.text


def test_pkcs12_wrong_password_then_personal_certificate(  # type: ignore[no-untyped-def]
    qtbot, store, tmp_path, monkeypatch
) -> None:
    personal = _certificate("Erika Exempelsson", personal=True)
    p12 = tmp_path / "erika.p12"
    p12.write_bytes(export_pkcs12(personal, "rätt lösen"))
    open_from(monkeypatch, p12)
    dialog = IdentityDialog(None, store, Ops())
    qtbot.addWidget(dialog)
    dialog.show()

    click(qtbot, dialog, "Importera PKCS#12…")
    type_text(qtbot, dialog.password_dialog.password, "fel")
    click(qtbot, dialog.password_dialog, "Läs in certifikatet")
    qtbot.waitUntil(lambda: "PKCS#12-filen kunde inte öppnas" in dialog.banner.text, timeout=20000)
    assert not store.has_identity()

    click(qtbot, dialog, "Importera PKCS#12…")
    type_text(qtbot, dialog.password_dialog.password, "rätt lösen")
    _answer_message_box(QMessageBox.StandardButton.Yes)
    click(qtbot, dialog.password_dialog, "Läs in certifikatet")
    qtbot.waitUntil(lambda: store.has_identity(), timeout=20000)
    assert dialog.warning.isVisible()
    assert "personligt certifikat" in dialog.warning.text()


def test_directory_trusts_only_after_the_phone_comparison(  # type: ignore[no-untyped-def]
    qtbot, store, tmp_path, monkeypatch
) -> None:
    other = identity("Mottagarstad").certificate
    pem = tmp_path / "mottagarstad.cer"
    pem.write_bytes(other.der)  # DER in a .cer file
    open_from(monkeypatch, pem)
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()

    click(qtbot, dialog, "Importera certifikat…")
    trust = dialog.trust_dialog
    assert trust.facts.fingerprint.text().count("\n") == 3
    click(qtbot, trust, "Lägg till")  # without ticking the comparison
    assert not store.directory()[0].trusted
    assert dialog.table.item(0, 3).text() == "Inte jämfört"
    assert "inte betrott" in dialog.banner.text

    dialog.table.selectRow(0)
    click(qtbot, dialog, "Jämför och lita på…")
    tick(qtbot, dialog.trust_dialog.confirm)
    click(qtbot, dialog.trust_dialog, "Lägg till")
    assert store.directory()[0].trusted
    assert dialog.table.item(0, 3).text() == "Betrodd"


def test_unreadable_certificate_is_explained(qtbot, store, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "inte.cer"
    junk.write_bytes(b"not a certificate")
    open_from(monkeypatch, junk)
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog, "Importera certifikat…")
    assert "kunde inte läsas" in dialog.banner.text
    assert store.directory() == []


def test_expired_certificate_is_shown_and_cannot_receive(  # type: ignore[no-untyped-def]
    qtbot, parties
) -> None:
    sender, _receiver, ref = parties
    expired = _certificate("Gamla funktionen", days=30, start_days=-60).certificate
    sender.add_certificate(expired, trusted=True)
    dialog = DirectoryDialog(None, sender)
    qtbot.addWidget(dialog)
    dialog.show()
    statuses = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert "Certifikatet har gått ut" in statuses

    wizard = ExportWizard(None, sender, ref, ops=Ops())
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    items = [wizard.recipients.certificates.item(r) for r in range(2)]
    old = next(i for i in items if "Gamla funktionen" in i.text())
    assert "gått ut" in old.text()
    assert not old.flags() & Qt.ItemFlag.ItemIsEnabled


def test_replacing_the_identity_asks_first(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    first = identity("Exempelby")
    store.set_identity(first)
    dialog = IdentityDialog(None, store, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    other = _certificate("Avhopparverksamheten Norrby")
    _answer_message_box(QMessageBox.StandardButton.No)
    dialog._use(other)
    assert store.identity().certificate.same_as(first.certificate)
    assert dialog.banner.text == "Identiteten sparades inte."
