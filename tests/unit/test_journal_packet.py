"""The journal lifecycle travels in the packet (issue 12): each entry's status, the
revision that was signed, the corrections with their reasons, the additions and the
strike; the receiving vault keeps them as they were and its triggers still hold."""

from __future__ import annotations

import pytest

from app.handover import schema
from app.handover.errors import PayloadInvalid
from app.handover.payload_import import import_payload
from tests.unit.test_handover_support import payload_from, two_vaults

__all__ = ["two_vaults"]  # the fixture, re-exported for pytest

FINGERPRINT = "ab" * 32


def _journal(sender):
    person = sender.add_person("Vera", "Exempelsson").id
    case_id = sender.create_case(person, ref="EXB-2026-0099").id
    ids = {}
    for name, day in (("draft", "2026-11-01"), ("signed", "2026-11-02"),
                      ("corrected", "2026-11-03"), ("struck", "2026-11-04")):  # fmt: skip
        ids[name] = sender.add_journal_entry(case_id, f"Text {name}.", occurred=day).id
    for name in ("signed", "corrected", "struck"):
        sender.sign_journal_entry(ids[name])
    sender.correct_journal_entry(ids["corrected"], "Text rättad.", "Fel plats angiven")
    sender.add_journal_addition(ids["signed"], "Tillägg efter samtal.", "Ny uppgift")
    sender.strike_journal_entry(ids["struck"], "Skriven på fel klient")
    return "EXB-2026-0099"


def _by_text(payload):
    return {e["revisions"][0]["text"]: e for e in payload["content"]["journal"]}


def test_the_payload_carries_each_entrys_lifecycle(two_vaults) -> None:
    sender, _receiver = two_vaults
    payload = schema.validate(payload_from(sender, _journal(sender), ["journal"]))
    entries = _by_text(payload)
    assert {t: e["status"] for t, e in entries.items()} == {
        "Text draft.": "draft", "Text signed.": "signed",
        "Text corrected.": "corrected", "Text struck.": "struck",
    }  # fmt: skip
    draft, signed = entries["Text draft."], entries["Text signed."]
    assert draft["signed_at"] is None and draft["signed_revision"] is None
    assert signed["signed_by"] == sender.user and signed["signed_revision"] == 1
    assert [(a["text"], a["reason"]) for a in signed["additions"]] == [
        ("Tillägg efter samtal.", "Ny uppgift")
    ]
    corrected = entries["Text corrected."]
    assert corrected["signed_revision"] == 1
    assert [(r["text"], r["reason"]) for r in corrected["revisions"]] == [
        ("Text corrected.", None), ("Text rättad.", "Fel plats angiven")
    ]  # fmt: skip
    struck = entries["Text struck."]["struck"]
    assert (struck["struck_by"], struck["reason"]) == (sender.user, "Skriven på fel klient")


def test_a_strike_without_a_reason_is_not_a_valid_payload(two_vaults) -> None:
    sender, _receiver = two_vaults
    payload = payload_from(sender, _journal(sender), ["journal"])
    struck = _by_text(payload)["Text struck."]
    struck["struck"]["reason"] = ""
    with pytest.raises(PayloadInvalid):
        schema.validate(payload)


def test_the_receiver_keeps_the_lifecycle_as_received_documents(two_vaults) -> None:
    """The sender's entries are received documents (issue 10): each keeps its status,
    corrections, additions and strike with who, when and why; none of them becomes an
    entry of the receiver's own journal."""
    sender, receiver = two_vaults
    payload = payload_from(sender, _journal(sender), ["journal"])
    case_id = import_payload(receiver, payload, signer_fingerprint=FINGERPRINT,
                             packet_sha256="cd" * 32)  # fmt: skip
    assert [e.author for e in receiver.journal(case_id)] == [receiver.user]  # the receipt
    received = {d.content["revisions"][0]["text"]: d for d in receiver.received_documents(case_id)}
    assert set(received) == set(_by_text(payload))
    assert "(osignerad)" in received["Text draft."].title
    assert "Tillägg" in received["Text signed."].text
    assert "Tillägg efter samtal." in received["Text signed."].text
    corrected = received["Text corrected."]
    assert corrected.text.startswith("Text rättad.") and "Fel plats angiven" in corrected.text
    struck = received["Text struck."]
    assert "(makulerad)" in struck.title and "Skriven på fel klient" in struck.text
    for text, entry in _by_text(payload).items():
        assert received[text].content == entry  # the original, as received
        assert received[text].author == sender.user
