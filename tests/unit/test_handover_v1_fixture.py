"""A receiver of today still verifies and imports packets sealed with the first payload
schema (``utvag-handover/1``): frozen packets in tests/data/handover-v1/, made by
tests/data/make_handover_v1.py from a fictional case on main before handover-v2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.crypto.identity import import_pkcs12, load_certificate
from app.handover import schema
from app.handover.receiving import NextStep, ReceiveFlow
from app.handover.verify import Verdict
from app.store import Store
from tests.conftest import NOW
from tests.unit.test_handover_support import make_vault

DATA = Path(__file__).parents[1] / "data" / "handover-v1"
REF = "EXB-2025-0042"


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").strip()


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Store]:
    vault = make_vault(tmp_path / "r", "Mona Berg", "Mottagarstad")
    store = Store(vault, clock=FixedClock(NOW))
    key = import_pkcs12((DATA / "receiver.p12").read_bytes(), _text("P12-PASSWORD.txt"))
    store.set_identity(key)
    yield store
    vault.lock()


def _check_imported(store: Store, case_id: int) -> None:
    """What the receiving caseworker sees of the imported v1 case."""
    file = store.open_case(case_id)
    assert file.case.their_ref == REF != file.case.ref and file.case.person.masked
    store.reveal(file.case.person.id, reason="test")
    file = store.open_case(case_id)
    assert "Fixturby" in file.case.received_from
    assert (file.case.person.given_names, file.case.person.family_name) == (
        "Aleksandr Łukasz", "Nowak-Öberg")  # fmt: skip
    # the sender's file is a received document set; the journal holds only the receipt
    assert [e.author for e in file.journal] == [store.user]
    docs = file.received
    notes = [d for d in docs if d.kind == "journal" and d.text.startswith("Anteckning nr ")]
    assert len(notes) == 11  # the twelfth is the corrected one, now "Rättad text om mötet."
    (corrected,) = [d for d in docs if d.text.startswith("Rättad text om mötet.")]
    assert "Fel datum i anteckningen" in corrected.text
    assert corrected.content["revisions"][0]["text"].startswith("Anteckning nr 003.")
    kinds = [d.kind for d in docs]
    assert (kinds.count("threat_assessment"), kinds.count("safety_plan"),
            kinds.count("motivation_assessment")) == (4, 3, 6)  # fmt: skip
    assert file.consents == ()  # received as history, never in force here
    (consent,) = [d for d in docs if d.kind == "consent"]
    assert consent.content["data"]["recipient"] == "Mottagarstads kommun, avhopparverksamheten"


def test_v1_passphrase_packet_verifies_previews_and_imports(receiver: Store) -> None:
    flow = ReceiveFlow(receiver, (DATA / "phrase.pdf").read_bytes())
    assert flow.open().next is NextStep.NEEDS_PASSPHRASE
    opening = flow.open(_text("PASSPHRASE.txt"), preview=True)
    assert opening.verdict is Verdict.VALID_UNKNOWN_SIGNER
    sender = load_certificate((DATA / "sender.pem").read_bytes())
    assert opening.signer is not None and opening.signer.same_as(sender)
    assert opening.document and opening.document.startswith(b"%PDF")
    assert opening.payload is not None  # read in today's shape, saying what it came as
    assert opening.payload["schema"] == schema.SCHEMA_ID
    assert opening.payload["packet"]["format"] == "utvag-handover/1"
    imported = flow.import_case(accept_signer=sender.fingerprint_readable)
    _check_imported(receiver, imported.case_id)


def test_v1_certificate_packet_from_a_trusted_sender_imports(receiver: Store) -> None:
    receiver.add_certificate(load_certificate((DATA / "sender.pem").read_bytes()), trusted=True)
    flow = ReceiveFlow(receiver, (DATA / "certificate.pdf").read_bytes())
    opening = flow.open(preview=True)
    assert opening.verdict is Verdict.VALID_TRUSTED and opening.next is NextStep.IMPORT
    assert opening.payload is not None
    assert opening.payload["packet"]["transfer_request"]["client_wishes"] == (
        "Vill bo nära sin syster.")  # fmt: skip
    _check_imported(receiver, flow.import_case().case_id)


def test_v1_packet_changed_by_one_byte_is_refused(receiver: Store) -> None:
    data = bytearray((DATA / "phrase.pdf").read_bytes())
    data[len(data) // 2] ^= 0x01
    opening = ReceiveFlow(receiver, bytes(data)).open(_text("PASSPHRASE.txt"))
    assert opening.next is NextStep.REFUSED
    assert opening.verdict in (Verdict.ALTERED, Verdict.MALFORMED)
