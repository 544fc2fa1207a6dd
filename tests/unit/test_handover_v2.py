"""handover-v2 (issue 11 items 1 and 2): the document reads as a Swedish handover in
its order with human labels, decisions and reasons; earlier safety-plan versions and
other identities of a shielded person travel only by an explicit, recorded choice; an
identifier's "valid from" is unknown unless entered."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from reportlab.graphics.shapes import PolyLine

from app.domain.kinds import ProtectedLevel
from app.errors import ValidationError
from app.handover import chart, render, schema
from app.handover.payload import Disclosure
from app.handover.workflow import Basis, ExportChoice, ExportFlow
from app.store.handover import HANDOVER_OFFICER
from app.vault.migrations.m0012_handover_v2 import CLEAR_TYPED_DATES
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import (
    HARM_TEST,
    PROVISION,
    RECEIVER,
    open_plain,
    payload_from,
    pdf_text,
    personnummer,
    populate,
    two_vaults,
)

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"
#: Part titles in the order a Swedish handover has them.
ORDER = (
    "Överlämning av ärende",
    "Sammanfattning och bakgrund",
    "Klienten",
    "Aktuella beslut och insatser",
    "Skäl för överlämningen och klientens önskemål",
    "Aktuell hotbild",
    "Säkerhetsplan",
    "Motivation över tid",
    "Bedömning och rekommendationer",
    "Samtycken",
    "Aktörer",
    "Öppna uppgifter",
    "Journal",
    "Tekniska uppgifter",
)


def _text(payload: dict) -> str:
    """The document's text without white space (the extraction splits lines anywhere)."""
    return "".join(pdf_text(open_plain(render.render(payload))).split())


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _has(text: str, needle: str) -> bool:
    return "".join(needle.split()) in text


def _outline(pdf: bytes) -> list[str]:
    """The bookmarks' titles, in order: the document's structure as a reader sees it."""
    node = open_plain(pdf).root["/Outlines"].get_object()["/First"]
    titles = []
    while node is not None:
        node = node.get_object()
        titles.append(str(node["/Title"]))
        node = node.get("/Next")
    return titles


def test_the_document_follows_a_swedish_handovers_order_with_human_labels() -> None:
    payload = sample_payload(12)
    assert _outline(render.render(payload)) == ["Försättsblad", *ORDER[1:]]
    text = _text(payload)
    places = [text.find(_squeeze(title)) for title in ORDER[1:]]
    cover = text[: text.find(_squeeze("Sammanfattning och bakgrund"), 1)]
    for needle in ("Socialnämnden", "Karin Lindqvist, Överlämningsansvarig", "010-000 00 90",
                   "avhopp@exempelby.example", "Mottagarstads kommun", "Paket-id"):  # fmt: skip
        assert _has(cover, needle), needle
    technical = text[text.rfind(_squeeze("Tekniska uppgifter")) :]
    assert "formulär" not in text and "threat_assessment" not in text.replace(technical, "")
    assert _has(technical, "case_summary v1") and _has(technical, "threat_assessment v1")
    assert -1 not in places


def test_decisions_reasons_and_wishes_are_in_the_text() -> None:
    text = _text(sample_payload(6))
    for needle in ("Skyddat boende", "2026-02-01 – 2027-01-31", "Akut hot; klienten kan inte",
                   "från beslutsdagen – tills vidare", "Hotbilden kräver flytt",
                   "Vill flytta närmare sin syster.", "Motivationen är stabil",
                   "Fortsatt stöd med boende"):  # fmt: skip
        assert _has(text, needle), needle


def test_journal_shows_written_signed_and_a_correction_in_full() -> None:
    text = _text(sample_payload(6))
    assert _has(text, "Skriven 2025-03-03 14:15 av Karin Lindqvist")
    assert _has(text, "signerad 2025-03-03 17:15 av Karin Lindqvist")
    original = text.index(_squeeze("Ursprunglig text (skriven"))
    correction = text.index("Rättad", original)
    assert _has(text[correction : correction + 200], "Fel tidsangivelse i första versionen.")
    assert text.index("Nytext:", correction) > correction


def test_one_identifier_format_and_an_unknown_valid_from() -> None:
    text = _text(sample_payload(2))
    assert "19980714-9985" in text and "199807149985" not in text
    assert _has(text, "Personnummer 19980714-9985 okänt")


def test_v1_payloads_are_upgraded_and_say_so() -> None:
    v1 = sample_payload(3)
    v1["schema"] = "utvag-handover/1"
    del v1["receiver"]
    for key in ("summary", "decisions", "identity_disclosure"):
        del v1["content"][key]
    v1["sections"] = [s for s in v1["sections"] if s not in ("summary", "decisions")]
    for key in ("board", "phone", "email"):
        del v1["sender"][key]
    del v1["content"]["safety_plan"]["history_included"]
    for entry in v1["content"]["journal"]:
        del entry["written_at"]
    upgraded = schema.validate(v1)
    assert upgraded["schema"] == schema.SCHEMA_ID and upgraded["packet"]["format"] == v1["schema"]
    first = upgraded["content"]["journal"][0]
    assert first["written_at"] == first["revisions"][0]["created_at"]
    assert _has(_text(upgraded), "utvag-handover/2 (mottaget som utvag-handover/1)")
    v1["content"]["decisions"] = []  # a v2 key in a v1 packet is refused
    with pytest.raises(Exception, match="utvag-handover"):
        schema.validate(v1)


def test_the_chart_draws_stages_as_steps_held_until_the_next_assessment() -> None:
    payload = sample_payload(4)
    content = payload["content"]
    drawing = chart.timeline(content["motivation"], [content["threat"]], [])
    assert drawing is not None
    lines = [s for s in drawing.contents if isinstance(s, PolyLine)]
    stage = lines[0].points  # drawn before the threat steps
    points = list(zip(stage[::2], stage[1::2], strict=True))
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        assert x0 == x1 or y0 == y1  # only horizontal and vertical segments
    assert points[-1][0] == pytest.approx(drawing.width - 10)  # the last stage holds


# --------------------------------------------------------------- the case file
def _shielded(store) -> int:
    """The populated case's client gets an assumed identity (fingerade personuppgifter)."""
    case_id = store.case_id_for_ref(REF)
    person = store.case(case_id).person.id
    store.set_protected_level(person, ProtectedLevel.FINGERADE_PERSONUPPGIFTER)
    store.add_identifier(person, personnummer("850612988"), valid_from="2026-06-01")
    return person


def test_only_the_identity_to_use_travels_unless_chosen_with_a_reason(two_vaults) -> None:
    sender, _receiver = two_vaults
    populate(sender)
    _shielded(sender)
    payload = payload_from(sender, REF)
    ids = payload["content"]["person"]["identifiers"]
    new = personnummer("850612988")  # YYMMDD-NNNC
    assert [i["value"] for i in ids] == ["19" + new.replace("-", "")]
    assert payload["content"]["identity_disclosure"] == {
        "all_identities": False, "reason": "", "withheld": 1}  # fmt: skip
    text = _text(payload)
    assert "19" + new in text and "980714" not in text
    assert _has(text, "1 tidigare eller andra identiteter lämnades kvar")
    reason = "Polisen behöver koppla ärendet till tidigare utredning."
    both = payload_from(sender, REF, disclosure=Disclosure(all_identities=True,
                                                            identity_reason=reason))  # fmt: skip
    assert len(both["content"]["person"]["identifiers"]) == 2
    assert _has(_text(both), reason)


def test_the_choice_needs_a_reason_and_is_recorded(two_vaults, tmp_path: Path) -> None:
    sender, _receiver = two_vaults
    populate(sender)
    _shielded(sender)
    sender.set_roles([HANDOVER_OFFICER])
    basis = Basis.of_provision(PROVISION, HARM_TEST)
    bare = Disclosure(all_identities=True, identity_reason="behövs")
    with pytest.raises(ValidationError, match="skälet sparas"):
        ExportFlow(sender, ExportChoice(REF, ("person",), basis, disclosure=bare,
                                        receiver=RECEIVER)).check()  # fmt: skip
    reason = "Mottagaren ska samordna med polisens tidigare ärende."
    chosen = Disclosure(safety_history=True, all_identities=True, identity_reason=reason)
    flow = ExportFlow(sender, ExportChoice(REF, ("person", "safety_plan"), basis,
                                           disclosure=chosen, receiver=RECEIVER))  # fmt: skip
    flow.run(tmp_path / "p.pdf")
    entry = sender.journal(sender.case_id_for_ref(REF))[-1]
    assert reason in entry.text and "gamla kodord" in entry.text
    (event, *_older) = sender.audit_log(events=("handover_exported",))
    assert event.details["disclosed"] == ["safety_history", "all_identities"]


def test_earlier_safety_plans_travel_only_when_chosen(two_vaults) -> None:
    sender, _receiver = two_vaults
    populate(sender)
    plan = payload_from(sender, REF)["content"]["safety_plan"]
    assert plan["current"]["version"] == 3 and plan["history"] == []
    assert plan["history_included"] is False
    chosen = payload_from(sender, REF, disclosure=Disclosure(safety_history=True))
    assert [r["version"] for r in chosen["content"]["safety_plan"]["history"]] == [1, 2]
    warning = "De innehåller kodord och åtgärder som inte längre gäller"
    assert not _has(_text(payload_from(sender, REF)), warning)
    assert _has(_text(chosen), warning)


def test_decisions_keep_period_and_grounds_and_ended_ones_stay_home(two_vaults) -> None:
    sender, _receiver = two_vaults
    populate(sender)
    case_id = sender.case_id_for_ref(REF)
    sender.add_decision(case_id, "Kontaktperson", "Socialtjänstlagen", "2025-01-10", "Chef",
                        valid_from="2025-01-10", valid_until="2025-06-30")  # fmt: skip
    with pytest.raises(ValidationError):
        sender.add_decision(case_id, "Boende", "Socialtjänstlagen", "2026-01-10", "Chef",
                            valid_from="2026-02-01", valid_until="2026-01-01")  # fmt: skip
    decisions = payload_from(sender, REF)["content"]["decisions"]
    assert [d["measure"] for d in decisions] == ["Skyddat boende", "Ekonomiskt bistånd"]
    assert decisions[0]["valid_until"] == "2027-01-31" and decisions[0]["grounds"]


def test_valid_from_is_unknown_unless_entered_and_the_migration_invents_nothing(
    two_vaults,
) -> None:
    store, _receiver = two_vaults
    pid = store.add_person("Alva", "Exempelsson", identifier=personnummer("900101980")).id
    (ident,) = store.person(pid).identifiers
    assert ident.valid_from is None
    store.add_identifier(pid, personnummer("900101981"))
    old, new = store.person(pid).identifiers
    assert new.valid_from is None and old.valid_to == store.today().isoformat()
    typed = store.add_person("Bo", "Exempel", identifier=personnummer("800101982"),
                             identifier_valid_from="1980-01-01").id  # fmt: skip
    with store.vault.transaction() as conn:  # rows as the old code wrote them
        conn.execute("UPDATE person_identifiers SET valid_from = substr(created, 1, 10)"
                     " WHERE person_id = ?", (pid,))  # fmt: skip
        for statement in CLEAR_TYPED_DATES.split(";"):
            if statement.strip():
                conn.execute(statement)
    assert [i.valid_from for i in store.person(pid).identifiers] == [None, None]
    assert [i.valid_from for i in store.person(typed).identifiers] == ["1980-01-01"]


def test_the_profile_carries_the_cover_contact(two_vaults) -> None:
    store, _receiver = two_vaults
    store.set_contact(board="Socialnämnden", phone="010-000 00 90", email="avhopp@x.example")
    profile = store.vault.profile()
    assert (profile.board, profile.phone, profile.email) == (
        "Socialnämnden", "010-000 00 90", "avhopp@x.example")  # fmt: skip
    with pytest.raises(TypeError):
        store.set_contact(name="Någon annan")
