"""The receiving side, used like a person: a tampered packet, an unknown signer that
needs an explicit (recorded) decision, a replayed packet, and a receipt round trip
that closes the sender's transfer request."""

from __future__ import annotations

from pathlib import Path

from app.store.transfer import TransferAnswer, TransferGround
from tests.ui.helpers import click, tick, type_text
from tests.ui.test_handover_export import (
    _relays_live_with_their_ops,
    export,
    open_from,
    parties,
    save_to,
    verify,
)
from ui.common.ops import Ops
from ui.handover.receipt import ReceiptImportDialog

__all__ = ["_relays_live_with_their_ops", "parties"]  # fixtures, re-exported for pytest


def _packet(qtbot, parties, tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    packet = tmp_path / "packet.pdf"
    export(qtbot, sender, ref, packet, passphrase=False, monkeypatch=monkeypatch).close()
    return packet


def _audit(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.vault.read() as conn:
        return [r[0] for r in conn.execute("SELECT event FROM audit ORDER BY id")]


def test_tampered_packet_is_refused_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, parties, tmp_path, monkeypatch
) -> None:
    _sender, receiver, _ref = parties
    data = bytearray(_packet(qtbot, parties, tmp_path, monkeypatch).read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0x5A for b in data[middle : middle + 8])
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    before = len(receiver.case_rows())
    dialog = verify(qtbot, receiver, tampered, monkeypatch)
    headline = dialog.verdict.headline.text()
    assert headline in ("Ändrat efter förseglingen", "Felaktigt eller skadat paket")
    assert "be avsändaren" in dialog.verdict.message.text().lower()
    assert not dialog.import_button.isEnabled()
    assert dialog.preview.page_count == 0
    assert len(receiver.case_rows()) == before


def test_appended_update_is_altered(qtbot, parties, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sender, receiver, _ref = parties
    packet = _packet(qtbot, parties, tmp_path, monkeypatch)
    packet.write_bytes(packet.read_bytes() + b"\n1 0 obj\n<< >>\nendobj\n%%EOF\n")
    dialog = verify(qtbot, receiver, packet, monkeypatch)
    assert dialog.verdict.headline.text() != "Giltigt och betrott"
    assert not dialog.import_button.isEnabled()


def test_unknown_signer_needs_a_recorded_decision(  # type: ignore[no-untyped-def]
    qtbot, parties, tmp_path, monkeypatch
) -> None:
    sender, receiver, _ref = parties
    packet = _packet(qtbot, parties, tmp_path, monkeypatch)
    with receiver.vault.transaction() as conn:
        conn.execute("UPDATE directory SET trusted = 0, trusted_at = NULL, trusted_by = NULL")
    dialog = verify(qtbot, receiver, packet, monkeypatch)
    assert dialog.verdict.headline.text() == "Giltigt men okänd avsändare"
    ours = sender.identity().certificate
    shown = dialog.verdict.fingerprint.text()
    assert shown.split() == ours.fingerprint_readable.split() and shown.count("\n") == 3
    assert not dialog.import_button.isEnabled()
    assert not dialog.trust_button.isEnabled()  # not before the phone comparison
    tick(qtbot, dialog.compared)
    click(qtbot, dialog, "Lita på avsändaren")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert dialog.verdict.headline.text() == "Giltigt och betrott"
    assert "handover_signer_trusted" in _audit(receiver)


def test_refusing_an_unknown_signer_is_recorded(qtbot, parties, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sender, receiver, _ref = parties
    packet = _packet(qtbot, parties, tmp_path, monkeypatch)
    with receiver.vault.transaction() as conn:
        conn.execute("UPDATE directory SET trusted = 0")
    dialog = verify(qtbot, receiver, packet, monkeypatch)
    click(qtbot, dialog, "Avvisa paketet")
    assert dialog.verdict.headline.text() == "Paketet avvisades"
    assert "handover_signer_refused" in _audit(receiver)
    assert receiver.case_rows() == []


def test_second_import_of_the_same_packet_is_refused(  # type: ignore[no-untyped-def]
    qtbot, parties, tmp_path, monkeypatch
) -> None:
    _sender, receiver, _ref = parties
    packet = _packet(qtbot, parties, tmp_path, monkeypatch)
    click(qtbot, verify(qtbot, receiver, packet, monkeypatch), "Läs in som nytt ärende")
    again = verify(qtbot, receiver, packet, monkeypatch)
    click(qtbot, again, "Läs in som nytt ärende")
    assert again.verdict.headline.text() == "Paketet lästes inte in"
    assert "redan importerat" in again.verdict.message.text()
    assert len(receiver.case_rows()) == 1


def test_receipt_round_trip_closes_the_delivery_not_the_request(  # type: ignore[no-untyped-def]
    qtbot, parties, tmp_path, monkeypatch
) -> None:
    sender, receiver, ref = parties
    case_id = sender.case_id_for_ref(ref)
    request = sender.request_transfer(
        case_id,
        "Mottagarstad kommun",
        requested_on="2026-11-20",
        connection="Uppvuxen i Mottagarstad",
        grounds=(TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    ).id
    packet = _packet(qtbot, parties, tmp_path, monkeypatch)
    dialog = verify(qtbot, receiver, packet, monkeypatch)
    click(qtbot, dialog, "Läs in som nytt ärende")
    click(qtbot, dialog, "Skapa kvitto…")
    receipt_dialog = dialog.receipt_dialog
    tick(qtbot, receipt_dialog.decline_radio)
    type_text(qtbot, receipt_dialog.reason, "Ingen plats i skyddat boende just nu")
    receipt = tmp_path / "kvitto.pdf"
    save_to(monkeypatch, receipt)
    click(qtbot, receipt_dialog, "Spara kvitto…")
    qtbot.waitUntil(lambda: receipt.exists() and bool(receipt_dialog.banner.text), timeout=20000)
    assert "kvitto.pdf" in receipt_dialog.banner.text
    assert "avböjt" in receiver.journal(dialog.imported_case)[-1].text

    back = ReceiptImportDialog(None, sender, Ops())
    qtbot.addWidget(back)
    back.show()
    open_from(monkeypatch, receipt)
    click(qtbot, back, "Öppna kvitto…")
    qtbot.waitUntil(lambda: back.verdict.isVisible(), timeout=20000)
    assert back.case_ref == ref
    assert back.verdict.headline.text() == "Avböjt"
    still = sender.transfer_request(request)  # a receipt is no decision on the request
    assert still.answer is TransferAnswer.NONE and still.is_open
    assert "Kvitto mottaget" in sender.journal(case_id)[-1].text
