"""The shared verbs: export needs the role and logs the packet; a rejected packet
changes nothing; an unknown signer needs an explicit, audited decision; a receipt
answers the transfer request in the sending vault."""

from __future__ import annotations

import pytest

from app.handover import service, vaultdata
from app.handover.errors import PacketRefused, RoleRequired
from app.store.transfer import TransferAnswer, TransferGround
from tests.unit.test_handover_support import identity, populate, two_vaults

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"


def _counts(store) -> dict[str, int]:
    tables = ("cases", "persons", "journal_entries", "form_records", "handover_packets")
    with store.vault.read() as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def exported(two_vaults):
    sender, receiver = two_vaults
    populate(sender)
    case_id = sender.case_id_for_ref(REF)
    sender.request_transfer(
        case_id, "Mottagarstad", requested_on="2026-11-01", grounds=(TransferGround.THREAT,)
    )
    with pytest.raises(RoleRequired):
        service.export_packet(
            sender, REF, sections=["threat"], recipients=[identity("Mottagarstad").certificate]
        )
    vaultdata.set_roles(sender.vault, [vaultdata.HANDOVER_OFFICER])
    result = service.export_packet(
        sender,
        REF,
        sections=["threat", "journal"],
        recipients=[identity("Mottagarstad").certificate],
    )
    assert result.passphrase is None
    assert result.payload["packet"]["transfer_request"]["to_municipality"] == "Mottagarstad"
    return sender, receiver, result


def test_sequence_numbers_grow_per_case(exported) -> None:
    sender, _receiver, first = exported
    again = service.export_packet(sender, REF, sections=["threat"], use_passphrase=True)
    assert again.passphrase and len(again.passphrase) <= 32
    assert again.payload["packet"]["sequence"] == first.payload["packet"]["sequence"] + 1


def test_rejected_packets_change_nothing(exported) -> None:
    _sender, receiver, result = exported
    before = _counts(receiver)
    tampered = bytearray(result.data)
    tampered[len(tampered) // 2] ^= 0x10
    for data in (bytes(tampered), result.data[:-100], b"junk"):
        with pytest.raises(PacketRefused):
            service.import_packet(receiver, data)
    with pytest.raises(PacketRefused):  # valid, but the signer is not trusted
        service.import_packet(receiver, result.data)
    assert _counts(receiver) == before


def test_unknown_signer_needs_an_explicit_decision(exported) -> None:
    _sender, receiver, result = exported
    wrong = identity("Annanstad").certificate.fingerprint
    with pytest.raises(PacketRefused):
        service.import_packet(receiver, result.data, accept_signer=wrong)
    fingerprint = identity("Exempelby").certificate.fingerprint_readable
    case_id = service.import_packet(receiver, result.data, accept_signer=fingerprint)
    assert receiver.case(case_id).ref == REF
    events = [r.event for r in receiver.audit_log()]
    assert "unknown_signer_accepted" in events and "handover_imported" in events


def test_receipt_answers_the_transfer_request(exported) -> None:
    sender, receiver, result = exported
    vaultdata.add_certificate(receiver.vault, identity("Exempelby").certificate, trusted=True)
    vaultdata.add_certificate(sender.vault, identity("Mottagarstad").certificate, trusted=True)
    service.import_packet(receiver, result.data)
    sealed = service.make_receipt(receiver, result.data, "accepted", "")
    receipt = service.import_receipt(sender, sealed)
    assert receipt["decision"] == "accepted"
    request = sender.transfer_requests(sender.case_id_for_ref(REF))[-1]
    assert request.answer is TransferAnswer.ACCEPTED
    texts = [e.text for e in sender.journal(sender.case_id_for_ref(REF))]
    assert any(result.payload["packet"]["id"] in t and "Kvitto" in t for t in texts)
    with pytest.raises(PacketRefused):  # a receipt is not for the receiver's own vault
        service.import_receipt(receiver, sealed)
