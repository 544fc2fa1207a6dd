"""Payload: schema, data minimisation (sections and journal period absent from both the
document text and the attachment), round trip case → packet → new vault, duplicate and
replay refusal leaving the vault unchanged, and the font coverage check."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from app.errors import PacketRejected
from app.handover import render, schema, seal, verify
from app.handover.errors import PacketRefused, PayloadInvalid, UnrenderableText
from app.handover.payload import Disclosure, Period
from app.handover.payload_import import import_payload
from app.pdf.pages import secrecy_mark
from app.store.handover import HANDOVER_OFFICER
from app.store.records import SearchFilter
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import (
    export_packet,
    identity,
    open_plain,
    payload_from,
    pdf_text,
    populate,
    two_vaults,
)

__all__ = ["two_vaults"]  # the fixture, re-exported for pytest


def _without_ids(payload: dict, key: str) -> object:
    """Content with store ids dropped (they are the receiving vault's own)."""
    value = copy.deepcopy(payload["content"][key])
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            item.pop("id", None)
    return value


def test_sample_payload_is_valid_and_round_trips_through_json() -> None:
    payload = sample_payload(20)
    assert schema.decode(schema.encode(payload)) == payload


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda p: p.pop("sender"), "rot"),
        (lambda p: p["packet"].update(sequence=0), "packet/sequence"),
        (lambda p: p["content"].update(person={"x": 1}), "content/person"),
        (lambda p: p.update(sections=["threat"]), "content/person"),
        (lambda p: p.update(period={"from": "2030-01-01", "until": None}), "content/journal/0"),
    ],
)
def test_invalid_payloads_are_named(mutate, where) -> None:
    payload = sample_payload(3)
    mutate(payload)
    with pytest.raises(PayloadInvalid) as info:
        schema.validate(payload)
    assert where in info.value.message


def test_unrenderable_script_is_flagged_with_the_field() -> None:
    payload = sample_payload(2)
    payload["content"]["person"]["display_name"] = "王小明"
    with pytest.raises(UnrenderableText) as info:
        render.render(payload)
    assert "content/person/display_name" in info.value.message
    assert "U+738B" in info.value.message and "王" not in info.value.message


def test_latin_extended_and_cyrillic_render() -> None:
    text = pdf_text(open_plain(render.render(sample_payload(4))))
    for needle in ("Nowak-Öberg", "Łukasz", "Александр", "Дмитрий Петров", "Yılmaz"):
        assert needle in text
    assert text.count(secrecy_mark()) == text.count("sida ")


def test_import_files_the_senders_file_as_received_documents(two_vaults) -> None:
    """An imported case gets the receiver's own reference (the sender's kept as
    theirs); the sender's journal, assessments, plans and consents are one received
    document set with their original authors and dates, searchable, never the
    receiver's own journal entries or records; no sender consent is in force here."""
    sender, receiver = two_vaults
    ref = populate(sender)
    assert sender.consents_in_force(sender.case_id_for_ref(ref))  # in force at the sender
    payload = payload_from(sender, ref, disclosure=Disclosure(safety_history=True))
    data = seal.seal_packet(
        payload, identity("Exempelby"), recipients=[identity("Mottagarstad").certificate]
    )
    opened = verify.open_packet(
        data,
        identities=[identity("Mottagarstad")],
        trusted=[identity("Exempelby").certificate.fingerprint],
        now=NOW,
    )
    assert opened.verdict is verify.Verdict.VALID_TRUSTED
    assert opened.payload == payload
    case_id = import_payload(
        receiver,
        opened.payload,
        signer_fingerprint=opened.signer.fingerprint,
        packet_sha256=hashlib.sha256(data).hexdigest(),
    )
    imported = receiver.case(case_id)
    assert imported.ref != ref and imported.ref.startswith("AV-") and imported.their_ref == ref
    assert "Exempelby kommun" in imported.received_from
    journal = receiver.journal(case_id)
    assert [e.author for e in journal] == ["Mona Berg"]  # only the receipt, by the receiver
    assert "Inkommen handling" in journal[0].text and ref in journal[0].text
    assert "Aktuella beslut och insatser" in journal[0].text  # sections by their titles
    docs = receiver.received_documents(case_id)
    sent = payload["content"]
    entries = [d for d in docs if d.kind == "journal"]
    assert sorted(d.occurred for d in entries) == sorted(e["occurred_on"] for e in sent["journal"])
    # threats, safety plan versions, motivation, consents and the case summary
    records = (len(sent["threat_history"]) + 1 + len(sent["safety_plan"]["history"]) + 1
               + len(sent["motivation"]) + len(sent["consents"]) + 1)  # fmt: skip
    decisions = [d for d in docs if d.kind == "decision"]  # the sender's, kept as read
    assert [d.title for d in decisions] == ["Beslut: Skyddat boende", "Beslut: Ekonomiskt bistånd"]
    assert "Period: 2026-02-01 – 2027-01-31" in decisions[0].text
    assert len(docs) == len(entries) + records + len(decisions)
    assert {d.author for d in docs if d.kind != "decision"} == {"Karin Lindqvist"}
    assert {d.sender for d in docs} == {"Exempelby kommun"}
    corrected = [d for d in entries if "Rättad text om mötet." in d.text]
    assert corrected and "Fel datum i anteckningen" in corrected[0].text
    assert receiver.consents(case_id) == () and receiver.consents_in_force(case_id) == ()
    assert sum(d.kind == "consent" for d in docs) == len(sent["consents"])
    file = receiver.open_case(case_id)
    assert file.threats == () and file.safety_plans == () and file.motivation == ()
    assert [d.id for d in file.received] == [d.id for d in docs]
    hits = receiver.search("Rättad text om mötet")
    assert [h.kind for h in hits if h.case_id == case_id] == ["received"]
    only = receiver.find("Rättad tex", SearchFilter(case_id=case_id, kinds=frozenset({"received"})))
    assert only.total == 1 and only.hits[0].entry_id == corrected[0].id
    assert receiver.find("Rättad", SearchFilter(case_id=case_id + 1)).total == 0
    receiver.reveal(imported.person.id)
    again = payload_from(receiver, imported.ref)
    assert _strip_ids(again["content"]["person"]) == _strip_ids(sent["person"])
    assert again["content"]["consents"] == [] and again["content"]["threat"] is None


def _strip_ids(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def test_excluded_sections_and_period_are_absent_everywhere(two_vaults) -> None:
    sender, _receiver = two_vaults
    ref = populate(sender)
    full = payload_from(sender, ref)
    days = sorted(e["occurred_on"] for e in full["content"]["journal"])
    cut = days[len(days) // 2]
    payload = payload_from(sender, ref, ["threat", "journal"], Period(start=cut))
    assert set(payload["content"]) == {"case", "threat", "threat_history", "journal"}
    assert all(e["occurred_on"] >= cut for e in payload["content"]["journal"])
    excluded = [e for e in full["content"]["journal"] if e["occurred_on"] < cut]
    assert excluded
    data = seal.seal_packet(payload, identity("Exempelby"), passphrase="test-pass-word-1234")
    reader = open_plain(data)
    reader.decrypt("test-pass-word-1234")
    text = pdf_text(reader)
    attachment = schema.encode(payload).decode()
    for needle in ["Nowak-Öberg", "Blåbär", "Boka möte med mottagande kommun"]:
        assert needle not in text and needle not in attachment
    for entry in full["content"]["journal"]:
        tag = entry["revisions"][0]["text"][:18]  # "Anteckning nr 007."
        inside = entry["occurred_on"] >= cut
        assert (tag in attachment) == inside and (tag in text) == inside, tag
    assert "Säkerhetsplan" not in text.split("Innehåll", 1)[1].split("Rättslig", 1)[0]


def test_duplicate_and_replay_are_refused_and_change_nothing(two_vaults) -> None:
    sender, receiver = two_vaults
    ref = populate(sender)
    first = payload_from(sender, ref, sequence=1)
    second = payload_from(sender, ref, sequence=2)
    kwargs = {"signer_fingerprint": "ab" * 32, "packet_sha256": "cd" * 32}
    import_payload(receiver, second, **kwargs)
    before = _counts(receiver)
    with pytest.raises(PacketRefused) as dup:
        import_payload(receiver, second, **kwargs)
    assert "redan importerat" in dup.value.message
    with pytest.raises(PacketRefused) as replay:
        import_payload(receiver, first, **kwargs)
    assert "nummer 1" in replay.value.message
    assert isinstance(replay.value, PacketRejected)
    assert _counts(receiver) == before


def test_unknown_form_version_is_refused_before_writing(two_vaults) -> None:
    sender, receiver = two_vaults
    payload = payload_from(sender, populate(sender))
    payload["content"]["threat"]["form_version"] = 99
    before = _counts(receiver)
    with pytest.raises(PayloadInvalid):
        import_payload(receiver, payload, signer_fingerprint="ab" * 32, packet_sha256="0" * 64)
    assert _counts(receiver) == before


def test_export_is_journaled_and_audited(two_vaults, tmp_path) -> None:
    sender, _receiver = two_vaults
    ref = populate(sender)
    sender.set_roles([HANDOVER_OFFICER])
    result = export_packet(sender, ref, tmp_path / "p.pdf", sections=["threat"])
    journal = sender.journal(sender.case_id_for_ref(ref))
    assert result.packet_id in journal[-1].text
    events = [row.event for row in sender.audit_log(events=("handover_exported",))]
    assert events == ["handover_exported"]


def _counts(store) -> dict[str, int]:
    tables = ("cases", "persons", "journal_entries", "form_records", "handover_packets", "audit")
    with store.vault.read() as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_payload_json_has_form_ids_and_versions(two_vaults) -> None:
    sender, _ = two_vaults
    payload = payload_from(sender, populate(sender))
    text = json.dumps(payload)
    for form in ("threat_assessment", "safety_plan", "motivation_assessment", "consent"):
        assert f'"form": "{form}"' in text
    assert all(e["form"] == "journal_entry" for e in payload["content"]["journal"])
