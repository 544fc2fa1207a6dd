"""The demo's transfer case walks the whole procedure between two vaults (request →
decision → legal force → packet → receipt → takeover), each step in the journal of the
vault where it happened; the receipt never answers the request; the receiver's journal
holds only its own entries, the sender's file is received material."""

from __future__ import annotations

from app.demo_transfer import DECIDED_BY, walk_transfer
from app.domain.transfer import TransferAnswer
from tests.unit.test_handover_support import two_vaults

__all__ = ["two_vaults"]  # the fixture, re-exported for pytest


def _order(texts: list[str], needles: list[str]) -> list[int]:
    return [next(i for i, t in enumerate(texts) if needle in t) for needle in needles]


def test_the_demo_transfer_is_in_both_journals(two_vaults) -> None:  # type: ignore[no-untyped-def]
    sender, receiver = two_vaults
    case_id, received = walk_transfer(sender, receiver)
    texts = [e.text for e in sender.journal(case_id)]
    steps = ["Skriftlig begäran om överflyttning", DECIDED_BY, "vann laga kraft",
             "Överlämningspaket", "Kvitto mottaget", "Ansvaret för ärendet gick över"]  # fmt: skip
    found = _order([t.replace("överlämningspaket", "Överlämningspaket") for t in texts], steps)
    assert found == sorted(found), texts
    (request,) = sender.transfer_requests(case_id)
    assert request.answer is TransferAnswer.ACCEPTED and request.decided_by == DECIDED_BY
    assert request.taken_over_on == sender.today().isoformat()
    theirs = [e.text for e in receiver.journal(received)]
    assert _order(theirs, ["Inkommen handling", "Kvitto skickat", "Nämnden tog över"]) == [0, 1, 2]
    assert {e.author for e in receiver.journal(received)} == {receiver.user}
    docs = receiver.received_documents(received)
    assert {d.author for d in docs} == {sender.user} and any(d.kind == "journal" for d in docs)
    assert receiver.consents_in_force(received) == ()
    assert receiver.case(received).their_ref == sender.case(case_id).ref
