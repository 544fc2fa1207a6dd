"""Signed receipts: built by the receiver, sealed to the packet's signer, verified by
the sender; wrong key, untrusted receiver and tampering are refused."""

from __future__ import annotations

import hashlib

import pytest

from app.errors import ValidationError
from app.handover import receipt as receipts
from app.handover import seal
from app.handover.verify import Verdict
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import identity


@pytest.fixture(scope="module")
def sealed_receipt() -> tuple[dict, bytes]:
    payload = sample_payload(2)
    packet = seal.seal_packet(
        payload, identity("Exempelby"), recipients=[identity("Mottagarstad").certificate]
    )
    receipt = receipts.build_receipt(
        payload,
        hashlib.sha256(packet).hexdigest(),
        "declined",
        "Klienten har flyttat vidare.",
        {"municipality": "Mottagarstad kommun", "unit": "Avhopp", "officer": "Mona Berg"},
        now=NOW,
    )
    sealed = receipts.seal_receipt(
        receipt, identity("Mottagarstad"), identity("Exempelby").certificate
    )
    return receipt, sealed


def test_sender_verifies_the_receipt(sealed_receipt) -> None:
    receipt, sealed = sealed_receipt
    opened = receipts.open_receipt(
        sealed,
        identities=[identity("Exempelby")],
        trusted=[identity("Mottagarstad").certificate.fingerprint],
        now=NOW,
    )
    assert opened.verdict is Verdict.VALID_TRUSTED
    assert opened.payload == receipt and opened.payload["decision"] == "declined"


def test_receipt_is_for_the_sender_only(sealed_receipt) -> None:
    _receipt, sealed = sealed_receipt
    opened = receipts.open_receipt(sealed, identities=[identity("Annanstad")], now=NOW)
    assert opened.verdict is Verdict.NOT_FOR_THIS_VAULT


def test_untrusted_and_tampered_receipts(sealed_receipt) -> None:
    _receipt, sealed = sealed_receipt
    unknown = receipts.open_receipt(sealed, identities=[identity("Exempelby")], now=NOW)
    assert unknown.verdict is Verdict.VALID_UNKNOWN_SIGNER
    mutated = bytearray(sealed)
    mutated[len(sealed) // 3] ^= 0x20
    bad = receipts.open_receipt(bytes(mutated), identities=[identity("Exempelby")], now=NOW)
    assert bad.verdict in (Verdict.ALTERED, Verdict.MALFORMED)


def test_a_packet_is_not_a_receipt() -> None:
    payload = sample_payload(2)
    packet = seal.seal_packet(
        payload, identity("Mottagarstad"), recipients=[identity("Exempelby").certificate]
    )
    opened = receipts.open_receipt(packet, identities=[identity("Exempelby")], now=NOW)
    assert opened.verdict is Verdict.MALFORMED


def test_decline_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        receipts.build_receipt(
            sample_payload(1),
            "0" * 64,
            "declined",
            " ",
            {"municipality": "M", "unit": "", "officer": "O"},
            now=NOW,
        )
