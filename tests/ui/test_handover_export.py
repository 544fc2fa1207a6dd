"""The export wizard, used like a handover officer: choose the content, recipients and
legal basis, look at the preview, seal, read the one-time passphrase, then verify and
import the packet in a second vault. Real handover core, no mocks."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget, QWizard

from app.clock import FixedClock
from app.handover.schema import SECTIONS
from app.store import Store
from app.store.handover import CASEWORKER, HANDOVER_OFFICER
from tests.ui.helpers import click, tick, type_text
from tests.unit.test_handover_support import identity, make_vault, populate
from ui.common.ops import Ops
from ui.handover.export_pages import RecipientsPage
from ui.handover.export_wizard import ExportWizard
from ui.handover.verify import VerifyDialog
from ui.shell.clipboard import ClipboardGuard

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
CONSENT = {
    "information": "Hotbild, säkerhetsplan och journal inför överflyttning.",
    "recipient": "Mottagarstad kommun, avhopparverksamheten",
    "recipient_kind": "other_municipality",
    "purpose": "Överflyttning av ärendet",
    "data_categories": list(SECTIONS),
    "given_on": "2026-11-02",
    "given_how": "written",
    "valid_until": "2027-05-01",
}


@pytest.fixture(autouse=True)
def _relays_live_with_their_ops() -> Iterator[None]:
    """Each test's background work and windows end with the test: work is awaited,
    windows closed with deleteLater (which processEvents never runs) are destroyed now
    rather than inside a later test's event loop, and Python's cycles are collected
    here on the UI thread."""
    yield
    assert QThreadPool.globalInstance().waitForDone(30000)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def parties(tmp_path: Path) -> Iterator[tuple[Store, Store, str]]:
    """Sender (handover officer, populated case) and receiver, each trusting the other."""
    sender = make_vault(tmp_path / "a", "Karin Lindqvist", "Exempelby kommun")
    receiver = make_vault(tmp_path / "b", "Mona Berg", "Mottagarstad kommun")
    ours, theirs = identity("Exempelby"), identity("Mottagarstad")
    out, into = Store(sender, clock=FixedClock(NOW)), Store(receiver, clock=FixedClock(NOW))
    out.set_identity(ours)
    into.set_identity(theirs)
    out.set_roles([CASEWORKER, HANDOVER_OFFICER])
    into.set_roles([HANDOVER_OFFICER])
    out.add_certificate(theirs.certificate, trusted=True)
    into.add_certificate(ours.certificate, trusted=True)
    ref = populate(out)
    out.add_consent(out.case_id_for_ref(ref), CONSENT)
    yield out, into, ref
    sender.lock()
    receiver.lock()


def press(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    target = wizard.button(which)
    assert target.isVisible() and target.isEnabled(), f"{which} not available"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def next_page(qtbot, wizard: QWizard) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, wizard, QWizard.WizardButton.NextButton)


def name(qtbot, page: RecipientsPage) -> None:  # type: ignore[no-untyped-def]
    """The receiving nämnd and unit, typed as the officer types them."""
    type_text(qtbot, page.board, "Socialnämnden i Mottagarstad kommun")
    type_text(qtbot, page.unit, "Avhopparverksamheten")


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def open_from(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def export(  # type: ignore[no-untyped-def]
    qtbot,
    store: Store,
    ref: str,
    out: Path,
    *,
    passphrase: bool,
    monkeypatch: pytest.MonkeyPatch,
    untick: tuple[str, ...] = ("actors",),
) -> ExportWizard:
    ops = Ops()
    wizard = ExportWizard(None, store, ref, ops=ops, clipboard=ClipboardGuard())
    qtbot.addWidget(wizard)
    wizard.show()
    for key in untick:
        tick(qtbot, wizard.content.sections[key])
    tick(qtbot, wizard.content.whole_journal)
    next_page(qtbot, wizard)
    page = wizard.recipients
    name(qtbot, page)
    if passphrase:
        tick(qtbot, page.by_passphrase)
    else:
        item = page.certificates.item(0)
        assert "Mottagarstad" in item.text()
        item.setCheckState(Qt.CheckState.Checked)
    assert page.chosen_consent() is not None, "the consent in force is offered first"
    assert "Mottagarstad" in page.basis_box.verdict.text()
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=20000)
    assert wizard.preview_page.preview.page_count >= 2
    assert "actors" not in wizard.prepared.payload["sections"]  # type: ignore[union-attr]
    next_page(qtbot, wizard)
    save_to(monkeypatch, out)
    click(qtbot, wizard.seal_page, "Välj…")
    assert wizard.seal_page.path.text() == str(out)
    click(qtbot, wizard.seal_page, "Försegla och spara")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=20000)
    assert ops.wait()
    return wizard


def verify(qtbot, store: Store, packet: Path, monkeypatch: pytest.MonkeyPatch) -> VerifyDialog:  # type: ignore[no-untyped-def]
    dialog = VerifyDialog(None, store, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    open_from(monkeypatch, packet)
    click(qtbot, dialog, "Öppna paket…")
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    qtbot.wait(100)  # let the newly shown rows lay out, as they would before a person clicks
    return dialog


def visible_text(root: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(w.text() for w in root.findChildren(QLabel) if w.isVisible())


def test_export_to_passphrase_then_import(qtbot, parties, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sender, receiver, ref = parties
    packet = tmp_path / "packet.pdf"
    wizard = export(qtbot, sender, ref, packet, passphrase=True, monkeypatch=monkeypatch)
    phrase = wizard.done_page.passphrase.text()
    assert len(phrase) <= 32 and phrase.isascii() and wizard.done_page.passphrase.isVisible()
    click(qtbot, wizard.done_page, "Kopiera")
    assert QGuiApplication.clipboard().text() == phrase
    assert packet.read_bytes().startswith(b"%PDF-")
    assert phrase.encode() not in packet.read_bytes()
    assert "Förseglat överlämningspaket" in sender.journal(sender.case_id_for_ref(ref))[-1].text
    wizard.close()
    assert wizard.passphrase == "" and wizard.done_page.passphrase.text() == ""

    dialog = verify(qtbot, receiver, packet, monkeypatch)
    assert "lösenfras" in dialog.verdict.headline.text()
    assert not dialog.import_button.isEnabled()
    type_text(qtbot, dialog.passphrase, phrase.replace("-", " ").upper())
    click(qtbot, dialog, "Lås upp")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert dialog.verdict.headline.text() == "Giltigt och betrott"
    assert dialog.preview.page_count >= 2
    click(qtbot, dialog, "Läs in som nytt ärende")
    assert dialog.imported_case is not None
    case = receiver.case(dialog.imported_case)
    assert "Exempelby" in case.received_from
    assert "mottaget från Exempelby kommun" in dialog.verdict.message.text()
    assert receiver.actors() == []  # the unticked section did not travel


def test_export_to_directory_certificate_and_mark_transferred(  # type: ignore[no-untyped-def]
    qtbot, parties, tmp_path, monkeypatch
) -> None:
    sender, receiver, ref = parties
    case_id = sender.case_id_for_ref(ref)
    from app.domain.case import CaseStatus

    sender.set_status(case_id, CaseStatus.ASSESSMENT)
    packet = tmp_path / "cert.pdf"
    wizard = export(qtbot, sender, ref, packet, passphrase=False, monkeypatch=monkeypatch)
    assert not wizard.done_page.passphrase_box.isVisible()
    click(qtbot, wizard.done_page, "Markera ärendet som överflyttat")
    assert sender.case(case_id).status is CaseStatus.TRANSFERRED
    wizard.close()

    dialog = verify(qtbot, receiver, packet, monkeypatch)
    assert dialog.verdict.headline.text() == "Giltigt och betrott"
    assert not dialog.passphrase.isVisible()
    click(qtbot, dialog, "Läs in som nytt ärende")
    assert dialog.imported_case is not None
    assert not dialog.import_button.isEnabled()


def test_caseworker_saves_a_draft_for_the_officer(qtbot, parties) -> None:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    sender.set_roles([CASEWORKER])
    wizard = ExportWizard(None, sender, ref, ops=Ops())
    qtbot.addWidget(wizard)
    wizard.show()
    tick(qtbot, wizard.content.sections["actors"])
    next_page(qtbot, wizard)
    name(qtbot, wizard.recipients)
    tick(qtbot, wizard.recipients.by_passphrase)
    assert "handläggare" in wizard.content.subTitle()
    draft = wizard.button(QWizard.WizardButton.FinishButton)
    assert draft.isVisible() and draft.text() == "Spara utkast till överlämningsansvarig"
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    qtbot.mouseClick(draft, Qt.MouseButton.LeftButton)
    assert sender.vault.load_draft(f"handover:{ref}") is not None

    sender.set_roles([HANDOVER_OFFICER])
    officer = ExportWizard(None, sender, ref, ops=Ops())
    qtbot.addWidget(officer)
    officer.show()
    assert officer.draft_loaded and "utkast" in officer.content.subTitle()
    assert not officer.content.sections["actors"].isChecked()
    next_page(qtbot, officer)
    assert officer.recipients.by_passphrase.isChecked()
    assert officer.recipients.board.text() == "Socialnämnden i Mottagarstad kommun"


def test_unrenderable_script_is_flagged_before_sealing(qtbot, parties) -> None:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    person = sender.case(sender.case_id_for_ref(ref)).person.id
    sender.update_person(person, given_names="王小明")
    wizard = ExportWizard(None, sender, ref, ops=Ops())
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    name(qtbot, wizard.recipients)
    tick(qtbot, wizard.recipients.by_passphrase)
    next_page(qtbot, wizard)
    banner = wizard.preview_page.banner
    qtbot.waitUntil(lambda: "typsnitt" in banner.text, timeout=20000)
    assert "U+738B" in banner.text and "王" not in banner.text
    assert wizard.prepared is None and wizard.preview_page.preview.page_count == 0
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


POLICE = CONSENT | {"recipient": "Polisen, region Exempel", "recipient_kind": "police"}


def test_a_police_only_consent_never_permits_a_packet_to_a_municipality(qtbot, parties) -> None:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    case_id = sender.case_id_for_ref(ref)
    for consent in sender.consents_in_force(case_id):
        sender.withdraw_consent(consent.record.series, "2026-11-20", "written")
    sender.add_consent(case_id, POLICE)
    wizard = ExportWizard(None, sender, ref, ops=Ops())
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard)
    page = wizard.recipients
    name(qtbot, page)
    tick(qtbot, page.by_passphrase)
    box = page.basis_box
    assert page.chosen_consent() is None, "a consent to the police is never offered"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no harm test yet
    box.consent.setCurrentIndex(0)  # the officer picks the police consent by hand
    assert page.chosen_consent() is not None
    assert "Kan inte användas" in box.verdict.text() and "Polisen" in box.verdict.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    box.consent.setCurrentIndex(box.consent.count() - 1)  # without consent, under a provision
    type_text(qtbot, box.reasoning, "Mottagande nämnd behöver hotbilden före flytten.")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.choice().basis.consent_id is None and wizard.choice().basis.provision
