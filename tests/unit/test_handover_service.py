"""The handover workflow end to end: export needs the role and logs the packet; a
rejected packet changes nothing; an unknown signer needs an explicit, audited decision;
a receipt answers the transfer request in the sending vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.handover.errors import PacketRefused, RoleRequired
from app.handover.receiving import NextStep, ReceiveFlow, import_receipt
from app.store.handover import HANDOVER_OFFICER
from app.store.transfer import TransferAnswer, TransferGround
from tests.unit.test_handover_support import export_packet, identity, populate, two_vaults

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"


def _counts(store) -> dict[str, int]:
    tables = ("cases", "persons", "journal_entries", "form_records", "handover_packets", "audit")
    with store.vault.read() as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _import(store, data: bytes, accept_signer: str | None = None) -> int:
    flow = ReceiveFlow(store, data)
    flow.open()
    return flow.import_case(accept_signer=accept_signer).case_id


@pytest.fixture
def exported(two_vaults, tmp_path: Path):
    sender, receiver = two_vaults
    populate(sender)
    case_id = sender.case_id_for_ref(REF)
    sender.request_transfer(
        case_id, "Mottagarstad", requested_on="2026-11-01", connection="Familjen bor där",
        grounds=(TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    )
    recipient = identity("Mottagarstad").certificate
    with pytest.raises(RoleRequired):
        export_packet(
            sender, REF, tmp_path / "no.pdf", sections=["threat"], recipients=(recipient,)
        )
    assert not (tmp_path / "no.pdf").exists()
    sender.set_roles([HANDOVER_OFFICER])
    result = export_packet(
        sender, REF, tmp_path / "p.pdf", sections=["threat", "journal"], recipients=(recipient,)
    )
    assert result.passphrase is None
    assert result.payload["packet"]["transfer_request"]["to_municipality"] == "Mottagarstad"
    return sender, receiver, result.path.read_bytes(), result


def test_sequence_numbers_grow_per_case(exported, tmp_path: Path) -> None:
    sender, _receiver, _data, first = exported
    again = export_packet(sender, REF, tmp_path / "q.pdf", sections=["threat"])
    assert again.passphrase and len(again.passphrase) <= 32
    assert again.sequence == first.sequence + 1


def test_rejected_packets_change_nothing(exported) -> None:
    _sender, receiver, data, _result = exported
    before = _counts(receiver)
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 0x10
    for bad in (bytes(tampered), data[:-100], b"junk"):
        with pytest.raises(PacketRefused):
            _import(receiver, bad)
    with pytest.raises(PacketRefused):  # valid, but the signer is not trusted
        _import(receiver, data)
    assert _counts(receiver) == before


def test_unknown_signer_needs_an_explicit_decision(exported) -> None:
    _sender, receiver, data, _result = exported
    wrong = identity("Annanstad").certificate.fingerprint
    with pytest.raises(PacketRefused):
        _import(receiver, data, accept_signer=wrong)
    fingerprint = identity("Exempelby").certificate.fingerprint_readable
    case_id = _import(receiver, data, accept_signer=fingerprint)
    assert receiver.case(case_id).their_ref == REF != receiver.case(case_id).ref
    events = [r.event for r in receiver.audit_log()]
    assert "unknown_signer_accepted" in events and "handover_imported" in events


def test_a_receipt_closes_the_delivery_not_the_transfer_request(exported, tmp_path: Path) -> None:
    """"Mottaget och godtaget" is the packet's receipt; the answer to a transfer request
    is the other nämnd's decision, so the request stays open after the receipt."""
    sender, receiver, data, result = exported
    receiver.add_certificate(identity("Exempelby").certificate, trusted=True)
    sender.add_certificate(identity("Mottagarstad").certificate, trusted=True)
    flow = ReceiveFlow(receiver, data)
    assert flow.open().next is NextStep.IMPORT
    flow.import_case()
    flow.write_receipt("accepted", "", tmp_path / "kvitto.pdf")
    sealed = (tmp_path / "kvitto.pdf").read_bytes()
    receipt = import_receipt(sender, sealed)
    assert receipt["decision"] == "accepted"
    request = sender.transfer_requests(sender.case_id_for_ref(REF))[-1]
    assert request.answer is TransferAnswer.NONE and request.is_open
    texts = [e.text for e in sender.journal(sender.case_id_for_ref(REF))]
    assert any(result.packet_id in t and "Kvitto" in t for t in texts)
    assert not any("godtog begäran" in t for t in texts)
    with pytest.raises(PacketRefused):  # a receipt is not for the receiver's own vault
        import_receipt(receiver, sealed)
    before = _counts(sender)
    with pytest.raises(PacketRefused, match="redan antecknat"):  # once, or not at all
        import_receipt(sender, sealed)
    assert _counts(sender) == before
