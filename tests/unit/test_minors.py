"""Children in the case file: age from the identifier on the store's clock, guardians
with what they may be told (masked like any protected person), and the child's records
(best interests, own views, consent and wishes) with the 15-year rule."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.clock import FixedClock
from app.demo import fictional_personnummer
from app.domain.case import CaseStatus, CloseOutcome
from app.domain.kinds import ProtectedLevel
from app.domain.minors import BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT, MayBeTold, age_on
from app.errors import Refused, ValidationError
from app.store import Store
from tests.unit.test_handover_support import two_vaults

__all__ = ["two_vaults"]  # the fixture, re-exported for pytest

TODAY = "2026-11-23"


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(TODAY))


def number(born: str, coordination: bool = False) -> str:
    return fictional_personnummer(random.Random(1), date.fromisoformat(born), coordination)


def child(store, born="2010-03-15", level=ProtectedLevel.NONE, **kw):
    pid = store.add_person("Nora", "Exempelsson", identifier=number(born, **kw),
                           protected_level=level).id  # fmt: skip
    return pid, store.create_case(pid).id


VIEWS = {"heard_on": TODAY, "how": "alone", "own_words": "Jag vill gå kvar i min skola.",
         "weight": "Nora är 16 år och mogen; åsikten väger tungt."}  # fmt: skip
BEST = {"assessed_on": TODAY, "assessor": "Test", "analysis": "Flytten skyddar Nora.",
        "views_weighed": "yes", "conclusion": "Skyddat boende med skolgång är bäst."}  # fmt: skip


def wishes(by="child", consent="yes", **extra):
    return {"given_on": TODAY, "given_by": by, "concerns": "transfer", "consent": consent,
            "wishes": "Vill bo nära mormor.", **extra}  # fmt: skip


def test_age_comes_from_the_identifier_and_the_stores_clock(store, vault):
    pid, _cid = child(store, born="2010-11-24")
    assert store.person_age(pid) == 15  # the birthday is tomorrow on the store's clock
    later = Store(vault, clock=FixedClock("2026-11-24"))
    assert later.person_age(pid) == 16
    coordination, _ = child(store, born="2012-05-01", coordination=True)  # day + 60
    assert store.person_age(coordination) == 14
    unknown = store.add_person("Utan", "Nummer").id
    assert store.person_age(unknown) is None
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17


def test_a_childs_case_carries_guardians_and_records_an_adults_does_not(store):
    pid, cid = child(store)
    store.add_guardian(pid, "Maria", "Exempelsson", contact={"phone": "070-000 00 00"})
    store.add_child_record(cid, BEST_INTERESTS, BEST)
    file = store.open_case(cid)
    assert file.child is not None and file.child.age == 16 and file.child.may_consent
    assert [g.person.name for g in file.child.guardians] == ["Maria Exempelsson"]
    assert file.child.current(BEST_INTERESTS).data["conclusion"].startswith("Skyddat")
    adult = store.create_case(
        store.add_person("Vuxen", "Person", identifier=number("1990-01-05")).id
    )
    assert store.open_case(adult.id).child is None
    with pytest.raises(Refused, match="inte ett barn"):
        store.add_child_record(adult.id, CHILD_VIEWS, VIEWS)


def test_what_a_guardian_may_be_told_needs_a_reason_when_limited(store):
    pid, _cid = child(store)
    with pytest.raises(ValidationError, match="inte får veta"):
        store.add_guardian(pid, "Karl", "Exempelsson", may_be_told=MayBeTold.NOTHING)
    link = store.add_guardian(pid, "Karl", "Exempelsson", may_be_told=MayBeTold.NOTHING,
                              told_note="Hotbild från Karl; sekretess gäller").id  # fmt: skip
    (guardian,) = store.guardians(pid)
    assert guardian.may_be_told is MayBeTold.NOTHING and "sekretess" in guardian.told_note
    store.set_guardian_disclosure(link, MayBeTold.ALL)
    assert store.guardians(pid)[0].may_be_told is MayBeTold.ALL
    events = [r.event for r in store.audit_log()]
    assert "guardian_added" in events and "guardian_changed" in events


def test_protected_guardians_and_guardians_of_a_protected_child_are_masked(store):
    pid, _cid = child(store)
    hidden = ProtectedLevel.SKYDDAD_FOLKBOKFORING
    store.add_guardian(pid, "Hemlig", "Förälder", protected_level=hidden,
                       contact={"address": "Okänd väg 1"})  # fmt: skip
    store.add_guardian(pid, "Öppen", "Förälder")
    shown = {g.person.name: g.person for g in store.guardians(pid)}
    assert "Hemlig Förälder" not in shown and "Öppen Förälder" in shown
    masked = next(p for p in shown.values() if p.masked)
    assert masked.contact == {} and masked.given_names == ""
    protected, _ = child(store, level=ProtectedLevel.SEKRETESSMARKERING)
    store.add_guardian(protected, "Syns", "Inte")
    assert [g.person.masked for g in store.guardians(protected)] == [True]
    store.reveal(protected, reason="Samtal")
    assert [g.person.name for g in store.guardians(protected)] == ["Syns Inte"]


def test_a_child_under_15_gives_wishes_but_not_their_own_consent(store):
    _pid, young = child(store, born="2013-06-01")
    with pytest.raises(ValidationError, match="under 15"):
        store.add_child_record(young, WISHES_CONSENT, wishes())
    store.add_child_record(young, WISHES_CONSENT, wishes(consent="not_asked"))
    store.add_child_record(young, WISHES_CONSENT, wishes(by="guardians", guardian_name="Maria"))
    _pid, older = child(store, born="2010-01-01")
    store.add_child_record(older, WISHES_CONSENT, wishes())
    assert len(store.open_case(young).child.records[WISHES_CONSENT]) == 2


def test_the_forms_validate_the_childs_views(store):
    _pid, cid = child(store)
    with pytest.raises(ValidationError):  # heard, but the child's own words are missing
        store.add_child_record(
            cid, CHILD_VIEWS, {k: v for k, v in VIEWS.items() if k != "own_words"}
        )
    with pytest.raises(ValidationError):  # not heard: say why
        store.add_child_record(cid, CHILD_VIEWS, {**VIEWS, "how": "not_heard", "own_words": ""})
    store.add_child_record(cid, CHILD_VIEWS, VIEWS)
    with pytest.raises(ValidationError):  # guardians' wishes name the guardian
        store.add_child_record(cid, WISHES_CONSENT, wishes(by="guardian"))


def test_culling_a_childs_file_takes_the_guardians_along(store):
    pid = store.add_person("Nora", "Exempelsson", identifier=number("2000-03-16")).id
    cid = store.create_case(pid, opened="2014-05-01").id  # a child then, an adult now
    store.add_guardian(pid, "Maria", "Exempelsson")
    shared = store.add_guardian(pid, "Delad", "Vårdnadshavare").id
    sibling, _ = child(store, born="2012-01-01")
    with store.vault.transaction() as conn:  # the same guardian for a sibling
        guardian = conn.execute(
            "SELECT guardian_id FROM guardians WHERE id = ?", (shared,)
        ).fetchone()[0]
        conn.execute("INSERT INTO guardians (child_id, guardian_id, created, author)"
                     " VALUES (?, ?, '2026-01-01', 'x')", (sibling, guardian))  # fmt: skip
    store.add_journal_entry(cid, "Sista.", occurred="2015-01-01")
    store.set_status(cid, CaseStatus.CLOSED, on="2015-01-02", outcome=CloseOutcome.OTHER)
    store.cull([pid], decided_by="Eva", decision="Beslut 1")
    with store.vault.read() as conn:
        names = {r[0] for r in conn.execute("SELECT display_name FROM persons")}
    assert "Maria Exempelsson" not in names and "Delad Vårdnadshavare" in names
    assert [g.person.name for g in store.guardians(sibling)] == ["Delad Vårdnadshavare"]


# ------------------------------------------------------------------ the packet
def test_a_childs_case_travels_in_the_packet_with_guardians_records_and_wishes(two_vaults):
    from app.handover import render
    from app.handover.payload_import import import_payload
    from app.store.transfer import TransferGround
    from tests.unit.test_handover_support import open_plain, payload_from, pdf_text

    sender, receiver = two_vaults
    pid, cid = child(sender)
    hidden = ProtectedLevel.SKYDDAD_FOLKBOKFORING
    sender.add_guardian(pid, "Maria", "Exempelsson", contact={"phone": "070-000 00 98"},
                        may_be_told=MayBeTold.LIMITED, told_note="Inte vistelseorten")  # fmt: skip
    sender.add_guardian(pid, "Karl", "Provberg", protected_level=hidden)
    sender.add_child_record(cid, CHILD_VIEWS, VIEWS)
    sender.add_child_record(cid, WISHES_CONSENT, wishes())
    grounds = (TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT)
    place = "Mormor bor i Provby; barnet bodde där till 12 års ålder."
    with pytest.raises(ValidationError, match="vårdnadshavarnas önskemål"):
        sender.request_transfer(cid, "Provby kommun", connection=place, grounds=grounds)
    maria = "Maria vill att flytten sker efter jul."
    with pytest.raises(ValidationError, match="barnets egna önskemål"):  # she is 16
        sender.request_transfer(cid, "Provby kommun", connection=place, grounds=grounds,
                                guardian_wishes=maria)  # fmt: skip
    sender.request_transfer(cid, "Provby kommun", connection=place, grounds=grounds,
                            guardian_wishes=maria, child_wishes="Vill bo hos mormor.")  # fmt: skip
    payload = payload_from(sender, sender.case(cid).ref)
    assert "child" in payload["sections"]
    guardians = payload["content"]["child"]["guardians"]
    assert {g["person"]["display_name"] for g in guardians} == {
        "Maria Exempelsson",
        "Karl Provberg",
    }
    assert {r["form"] for r in payload["content"]["child"]["records"]} == {
        CHILD_VIEWS,
        WISHES_CONSENT,
    }
    assert payload["packet"]["transfer_request"]["guardian_wishes"].startswith("Maria vill")
    text = pdf_text(open_plain(render.render(payload)))
    assert "Barnets egna åsikter" in text and "Jag vill gå kvar i min skola." in text
    assert "Inte vistelseorten" in text and "Maria Exempelsson" in text

    new_case = import_payload(
        receiver, payload, signer_fingerprint="ab" * 32, packet_sha256="0" * 64
    )
    file = receiver.open_case(new_case)
    # the child's records arrive as received documents, the guardians as people
    assert file.child is not None and not file.child.records[CHILD_VIEWS]
    assert {d.kind for d in file.received} >= {CHILD_VIEWS, WISHES_CONSENT}
    views = next(d for d in file.received if d.kind == CHILD_VIEWS)
    assert "Jag vill gå kvar i min skola." in views.text
    shown = {g.person.name: g for g in file.child.guardians}
    assert shown["Maria Exempelsson"].may_be_told is MayBeTold.LIMITED
    assert sum(g.person.masked for g in file.child.guardians) == 1  # Karl stays protected


def test_an_adults_packet_has_no_childs_section(two_vaults):
    from tests.unit.test_handover_support import payload_from

    sender, _receiver = two_vaults
    adult = sender.add_person("Vuxen", "Person", identifier=number("1990-01-05")).id
    payload = payload_from(sender, sender.case(sender.create_case(adult).id).ref)
    assert "child" not in payload["sections"] and "child" not in payload["content"]


def test_the_demo_has_a_minors_case_with_all_of_it(store):
    from app.demo import fill_demo

    ids = fill_demo(store, cases=3, seed=5)
    file = store.open_case(ids[1])
    assert file.child is not None and file.child.age == 16
    assert len(file.child.guardians) == 2 and any(g.person.masked for g in file.child.guardians)
    assert all(file.child.records[form] for form in (BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT))
    request = store.current_transfer_request(ids[1])
    assert request is not None and request.guardian_wishes and request.client_wishes
    assert file.case.status.value == "active"


def test_the_register_extract_holds_the_childs_records(store):
    from app.reports.register_extract import render_register_extract

    pid, cid = child(store)
    store.add_child_record(cid, CHILD_VIEWS, VIEWS)
    pdf = render_register_extract(store.register_extract(pid), requested_by="A", municipality="B")
    from tests.unit.test_handover_support import open_plain, pdf_text

    text = pdf_text(open_plain(pdf))
    assert "Barnets bästa, åsikter och önskemål" in text and "Jag vill gå kvar i min skola." in text
