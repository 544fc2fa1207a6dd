"""The handover workflow without Qt: every export step and transition, every refusal
(state unchanged, nothing recorded), and every next step a received packet can give."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.crypto.identity import Certificate
from app.errors import Refused, ValidationError, VaultLocked
from app.handover.errors import NoSigningIdentity, PacketRefused, RoleRequired
from app.handover.receiving import NextStep, ReceiveFlow
from app.handover.verify import Verdict
from app.handover.workflow import (
    Basis,
    ExportChoice,
    ExportFlow,
    ExportStep,
    StepOutOfOrder,
    basis_options,
)
from app.store import NotFound, Store
from app.store.handover import HANDOVER_OFFICER
from tests.unit.test_handover_support import (
    HARM_TEST,
    PROVISION,
    RECEIVER,
    identity,
    make_vault,
    populate,
    two_vaults,
)

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"


@pytest.fixture
def ready(two_vaults) -> tuple[Store, Store, Certificate]:
    """A handover officer with a populated case; the receiver trusts the sender."""
    sender, receiver = two_vaults
    populate(sender)
    sender.set_roles([HANDOVER_OFFICER])
    receiver.add_certificate(identity("Exempelby").certificate, trusted=True)
    return sender, receiver, identity("Mottagarstad").certificate


def choice(store: Store, **changes) -> ExportChoice:  # type: ignore[no-untyped-def]
    base = {
        "case_ref": REF,
        "sections": ("threat", "journal"),
        "basis": Basis.of_consent(basis_options(store, REF)[0]),
        "recipients": (identity("Mottagarstad").certificate,),
        "receiver": RECEIVER,
    }
    return ExportChoice(**(base | changes))


def counts(store: Store) -> dict[str, int]:
    with store.vault.read() as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM handover_packets), (SELECT count(*) FROM"
            " journal_entries), (SELECT count(*) FROM audit WHERE event LIKE 'handover_%'),"
            " (SELECT count(*) FROM cases)"
        ).fetchone()
    return dict(zip(("packets", "journal", "handover_audit", "cases"), row, strict=True))


def exported(store: Store, out: Path, **changes) -> bytes:  # type: ignore[no-untyped-def]
    ExportFlow(store, choice(store, **changes)).run(out)
    return out.read_bytes()


# ------------------------------------------------------------------ export steps
def test_export_walks_every_step_in_order(ready, tmp_path: Path) -> None:
    sender, _receiver, _cert = ready
    flow = ExportFlow(sender, choice(sender))
    assert flow.step is ExportStep.NEW
    flow.check()
    assert flow.step is ExportStep.CHECKED
    flow.check()  # checking again is allowed (e.g. after going back in the wizard)
    document = flow.prepare()
    assert flow.step is ExportStep.PREPARED and document.startswith(b"%PDF-")
    assert flow.payload is not None and flow.payload["legal_basis"]["kind"] == "consent"
    sealed = flow.seal()
    assert flow.step is ExportStep.SEALED and flow.passphrase is None
    before = counts(sender)
    (tmp_path / "ut").mkdir()
    out = tmp_path / "ut" / "paket.pdf"
    flow.write(out)
    assert flow.step is ExportStep.WRITTEN
    assert not out.exists() and counts(sender) == before  # no name, no record yet
    changes = flow.record()
    assert flow.step is ExportStep.RECORDED and out.read_bytes() == sealed
    assert changes.case_id == sender.case_id_for_ref(REF)
    after = counts(sender)
    assert (after["packets"], after["journal"]) == (before["packets"] + 1, before["journal"] + 1)
    assert list(out.parent.iterdir()) == [out]  # the temp file became the packet


def test_passphrase_packet_gets_a_one_time_passphrase(ready, tmp_path: Path) -> None:
    sender, _receiver, _cert = ready
    flow = ExportFlow(sender, choice(sender, recipients=()))
    result = flow.run(tmp_path / "p.pdf")
    assert result.passphrase and len(result.passphrase) <= 32 and result.passphrase.isascii()
    assert result.payload["recipients"][0]["kind"] == "passphrase"
    given = ExportFlow(sender, choice(sender, recipients=())).run(
        tmp_path / "q.pdf", passphrase="given-phrase-for-test"
    )
    assert given.passphrase == "given-phrase-for-test"
    assert given.sequence == result.sequence + 1


STEPS: dict[str, Callable[[ExportFlow, Path], object]] = {
    "check": lambda f, p: f.check(),
    "prepare": lambda f, p: f.prepare(),
    "seal": lambda f, p: f.seal(),
    "write": lambda f, p: f.write(p),
    "record": lambda f, p: f.record(),
}
ORDER = list(STEPS)


@pytest.mark.parametrize("done", range(len(ORDER) + 1), ids=lambda n: f"after-{n}-steps")
def test_only_the_next_step_may_run(ready, tmp_path: Path, done: int) -> None:
    sender, _receiver, _cert = ready
    flow = ExportFlow(sender, choice(sender))
    for name in ORDER[:done]:
        STEPS[name](flow, tmp_path / "p.pdf")
    state = flow.step
    allowed = {ORDER[done]} if done < len(ORDER) else set()
    if done == 1:
        allowed.add("check")
    for name in set(ORDER) - allowed:
        with pytest.raises(StepOutOfOrder):
            STEPS[name](flow, tmp_path / "other.pdf")
        assert flow.step is state


# ------------------------------------------------------------------- refusals
def _refused(store: Store, flow: ExportFlow, error: type[Exception]) -> None:
    before = counts(store)
    with pytest.raises(error):
        flow.check()
    assert flow.step is ExportStep.NEW and counts(store) == before


def test_refusals_name_what_is_missing_and_change_nothing(ready) -> None:
    sender, _receiver, _cert = ready
    _refused(sender, ExportFlow(sender, choice(sender, sections=("nonsense",))), ValidationError)
    _refused(sender, ExportFlow(sender, choice(sender, case_ref="EXB-1999-0001")), NotFound)
    _refused(sender, ExportFlow(sender, choice(sender, basis=Basis())), Refused)
    _refused(sender, ExportFlow(sender, choice(sender, basis=Basis(consent_id=10**6))), Refused)
    sender.set_roles([])
    _refused(sender, ExportFlow(sender, choice(sender)), RoleRequired)


def test_a_consent_withdrawn_after_the_preview_stops_the_seal(ready) -> None:
    sender, _receiver, _cert = ready
    consent = basis_options(sender, REF)[0]
    flow = ExportFlow(sender, choice(sender, basis=Basis.of_consent(consent)))
    flow.check()
    flow.prepare()
    sender.withdraw_consent(consent.record.series, "2026-11-23", "oral")
    before = counts(sender)
    with pytest.raises(Refused):
        flow.seal()
    assert flow.step is ExportStep.PREPARED and counts(sender) == before


def test_a_vault_without_signing_identity_cannot_export(tmp_path: Path) -> None:
    store = Store(make_vault(tmp_path / "c", "Karin Lindqvist", "Exempelby"))
    try:
        populate(store)
        store.set_roles([HANDOVER_OFFICER])
        flow = ExportFlow(store, choice(store, basis=Basis.of_provision(PROVISION, HARM_TEST)))
        _refused(store, flow, NoSigningIdentity)
    finally:
        store.vault.lock()


def sealed_flow(store: Store) -> ExportFlow:
    flow = ExportFlow(store, choice(store))
    flow.check()
    flow.prepare()
    flow.seal()
    return flow


def test_an_output_that_cannot_be_written_records_nothing(ready, tmp_path: Path) -> None:
    sender, _receiver, _cert = ready
    flow = sealed_flow(sender)
    before = counts(sender)
    with pytest.raises(OSError):
        flow.write(tmp_path / "saknas" / "p.pdf")
    assert flow.step is ExportStep.SEALED and counts(sender) == before
    existing = tmp_path / "finns.pdf"
    existing.write_bytes(b"annat")
    with pytest.raises(FileExistsError):
        flow.write(existing)
    assert existing.read_bytes() == b"annat" and counts(sender) == before
    sealed, packet_id = flow.sealed, flow.payload["packet"]["id"]  # type: ignore[index]
    result = flow.finish(tmp_path / "ok.pdf")  # another file: the same sealed packet
    assert result.packet_id == packet_id and (tmp_path / "ok.pdf").read_bytes() == sealed
    assert counts(sender)["packets"] == before["packets"] + 1


def test_a_record_that_fails_leaves_no_packet_file(ready, tmp_path: Path) -> None:
    sender, _receiver, _cert = ready
    flow = sealed_flow(sender)
    (tmp_path / "ut").mkdir()
    flow.write(tmp_path / "ut" / "p.pdf")
    sender.vault.lock()  # e.g. the idle lock strikes between writing and recording
    with pytest.raises(VaultLocked):
        flow.record()
    assert flow.step is ExportStep.SEALED and list((tmp_path / "ut").iterdir()) == []


def test_export_record_commits_once_or_not_at_all(ready, tmp_path: Path) -> None:
    sender, _receiver, _cert = ready
    flow = ExportFlow(sender, choice(sender))
    flow.run(tmp_path / "p.pdf")
    before = counts(sender)
    with pytest.raises(Exception, match="UNIQUE"):  # the same packet logged twice
        sender.record_export(flow._sent())
    assert counts(sender) == before  # no journal entry without its packet-log row


# ------------------------------------------------------------------ receiving
def test_passphrase_packet_needs_the_passphrase(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    out = tmp_path / "p.pdf"
    result = ExportFlow(sender, choice(sender, recipients=())).run(out)
    flow = ReceiveFlow(receiver, out.read_bytes())
    opening = flow.open()
    assert opening.next is NextStep.NEEDS_PASSPHRASE and not opening.wrong_passphrase
    with pytest.raises(PacketRefused):
        flow.import_case()
    wrong = flow.open("fel-fras-helt-fel")
    assert wrong.next is NextStep.NEEDS_PASSPHRASE and wrong.wrong_passphrase
    assert result.passphrase is not None
    right = flow.open(result.passphrase.upper().replace("-", " "), preview=True)
    assert right.next is NextStep.IMPORT and right.verdict is Verdict.VALID_TRUSTED
    assert right.document is not None and right.document.startswith(b"%PDF-")
    imported = flow.import_case()
    case = receiver.case(imported.case_id)
    assert case.ref == imported.case_ref != REF and case.their_ref == REF  # ours, theirs


def test_unknown_signer_is_decided_and_recorded(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    with receiver.vault.transaction() as conn:
        conn.execute("UPDATE directory SET trusted = 0")
    flow = ReceiveFlow(receiver, data)
    opening = flow.open()
    assert opening.next is NextStep.DECIDE_SIGNER and opening.signer is not None
    before = counts(receiver)
    with pytest.raises(PacketRefused):  # not without a decision
        flow.import_case()
    assert counts(receiver) == before
    assert flow.trust_signer().next is NextStep.IMPORT
    assert receiver.trusted_fingerprints() == [opening.signer.fingerprint]
    events = [r.event for r in receiver.audit_log()]
    assert "handover_signer_trusted" in events and "directory_added" in events
    flow.import_case()
    assert counts(receiver)["cases"] == before["cases"] + 1


def test_refusing_an_unknown_signer_is_recorded(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    with receiver.vault.transaction() as conn:
        conn.execute("UPDATE directory SET trusted = 0")
    flow = ReceiveFlow(receiver, data)
    assert flow.open().next is NextStep.DECIDE_SIGNER
    flow.refuse()
    assert "handover_signer_refused" in [r.event for r in receiver.audit_log()]
    with pytest.raises(PacketRefused):
        flow.import_case()
    assert receiver.case_rows() == []


def test_refused_packets_give_their_verdict(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = bytearray(exported(sender, tmp_path / "p.pdf"))
    data[len(data) // 2] ^= 0x20
    elsewhere = exported(
        sender, tmp_path / "q.pdf", recipients=(identity("Annanstad").certificate,)
    )
    expired = exported(sender, tmp_path / "r.pdf", expires_at="2000-01-01T00:00:00+00:00")
    cases = [
        (bytes(data), {Verdict.ALTERED, Verdict.MALFORMED}),
        (elsewhere, {Verdict.NOT_FOR_THIS_VAULT}),
        (expired, {Verdict.EXPIRED}),
        (b"%PDF-1.7 inget paket", {Verdict.MALFORMED}),
    ]
    before = counts(receiver)
    for packet, verdicts in cases:
        flow = ReceiveFlow(receiver, packet)
        opening = flow.open()
        assert opening.next is NextStep.REFUSED and opening.verdict in verdicts
        assert opening.message  # the verdict in words, never an exception
        with pytest.raises(PacketRefused):
            flow.import_case()
    assert counts(receiver) == before


def test_a_second_import_is_refused_and_changes_nothing(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    first = ReceiveFlow(receiver, data)
    first.open()
    first.import_case()
    before = counts(receiver)
    again = ReceiveFlow(receiver, data)
    assert again.open().next is NextStep.IMPORT
    with pytest.raises(PacketRefused, match="redan importerat"):
        again.import_case()
    assert counts(receiver) == before


def test_receipt_is_written_then_recorded(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    flow = ReceiveFlow(receiver, exported(sender, tmp_path / "p.pdf"))
    with pytest.raises(PacketRefused):  # not before the packet is opened
        flow.write_receipt("accepted", "", tmp_path / "k.pdf")
    flow.open()
    flow.import_case()
    before = counts(receiver)
    with pytest.raises(OSError):
        flow.write_receipt("accepted", "", tmp_path / "saknas" / "k.pdf")
    assert counts(receiver) == before
    flow.write_receipt("declined", "Ingen plats just nu", tmp_path / "k.pdf")
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF-")
    assert "avböjt" in receiver.journal(flow.imported.case_id)[-1].text  # type: ignore[union-attr]
