"""People and cases through the store: identifiers with validity, the status machine,
the intake checklist, the case list and its filters, and protected identities."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.clock import FixedClock
from app.domain.case import (
    CaseStatus,
    CloseOutcome,
    IntakeAnswer,
    IntakeItem,
    InvalidTransition,
    ReferralSource,
    TargetGroup,
)
from app.domain.identifiers import IdentifierKind, InvalidIdentifier
from app.domain.kinds import ProtectedLevel, RelationKind
from app.errors import Refused, ValidationError
from app.store import ROW_AREAS, CaseFilter, Store, filter_rows

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SECRET_NAME = "Ylva Hemligdotter"


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


def _protected(store):
    person = store.add_person(
        "Ylva", "Hemligdotter", protected_level=ProtectedLevel.SKYDDAD_FOLKBOKFORING,
        identifier="901261-9830",
    ).id  # fmt: skip
    return person, store.create_case(person, target_group=TargetGroup.VIOLENT_EXTREMISM).id


def test_person_with_personnummer_gets_birth_date_and_identifier(store):
    pid = store.add_person("Alva", "Exempelsson", identifier="900101-9802",
                           languages=["sv", "ar"], interpreter="arabiska").id  # fmt: skip
    person = store.person(pid)
    assert person.name == "Alva Exempelsson" and person.birth_date == "1990-01-01"
    assert person.languages == ("sv", "ar") and person.interpreter == "arabiska"
    (ident,) = person.identifiers
    assert ident.kind is IdentifierKind.PERSONNUMMER and ident.display() == "19900101-9802"
    assert ident.valid_from is None and ident.valid_to is None  # unknown, not the day typed


def test_invalid_identifier_is_refused_and_nothing_saved(store):
    with pytest.raises(InvalidIdentifier):
        store.add_person("Alva", "Exempelsson", identifier="900101-9803")
    assert store.case_rows() == []


def test_new_identity_keeps_the_person_and_the_old_number_with_its_validity(store):
    pid = store.add_person("Alva", "Exempelsson", identifier="900101-9802").id
    store.add_identifier(pid, "121212-9819", valid_from="2026-12-01")
    old, new = store.person(pid).identifiers
    assert old.valid_to == "2026-12-01" and new.valid_to is None
    assert (old.valid_from, new.valid_from) == (None, "2026-12-01")
    assert [p.id for p in store.find_persons("19900101-9802")] == [pid]
    assert [p.id for p in store.find_persons("121212-9819")] == [pid]


def test_reservnummer_and_no_number(store):
    pid = store.add_person("Ali", "Exempel", identifier="rn-77",
                           identifier_kind=IdentifierKind.RESERVNUMMER).id  # fmt: skip
    assert store.person(pid).identifiers[0].value == "RN-77"
    none = store.add_person("Okänd", "", identifier_kind=IdentifierKind.NONE).id
    assert store.person(none).identifiers[0].kind is IdentifierKind.NONE


def test_person_details_can_be_changed(store):
    pid = store.add_person("Alva", "Exempelsson").id
    store.update_person(pid, family_name="Nyberg", contact={"phone": "000-00 00 00"})
    person = store.person(pid)
    assert person.name == "Alva Nyberg" and person.contact == {"phone": "000-00 00 00"}


def test_case_gets_a_reference_and_starts_as_a_request(store):
    pid = store.add_person("Alva", "Exempelsson").id
    cid = store.create_case(
        pid, target_group=TargetGroup.CRIMINAL_NETWORK, referral_source=ReferralSource.POLICE,
        police_ref="5000-K1-26",
    ).id  # fmt: skip
    case = store.case(cid)
    assert case.ref == "AV-2026-0001" and case.status is CaseStatus.REQUEST
    assert case.municipality == "Exempelstad" and case.caseworker == "Test Handläggare"
    assert case.police_ref == "5000-K1-26" and case.referral_source == "police"
    with pytest.raises(Refused):
        store.create_case(pid, ref="AV-2026-0001")


def test_status_machine_is_enforced_and_history_kept(store):
    cid = store.create_case(store.add_person("Alva", "E").id).id
    with pytest.raises(InvalidTransition):
        store.set_status(cid, CaseStatus.PAUSED)
    store.set_status(cid, CaseStatus.ASSESSMENT, on="2026-11-01")
    store.set_status(cid, CaseStatus.ACTIVE, on="2026-11-10")
    with pytest.raises(ValidationError, match="utfall"):
        store.set_status(cid, CaseStatus.CLOSED)
    store.set_status(cid, CaseStatus.CLOSED, on="2026-11-20", outcome=CloseOutcome.EXIT_COMPLETED)
    file = store.open_case(cid)
    assert file.case.closed == "2026-11-20" and file.case.close_outcome == "exit_completed"
    assert [s[0] for s in file.status_history] == ["request", "assessment", "active", "closed"]


def test_intake_checklist_records_date_and_source(store):
    cid = store.create_case(store.add_person("Alva", "E").id).id
    store.set_intake(cid, IntakeItem.SIGNED_CONDITIONS, IntakeAnswer.YES,
                     checked_on="2026-11-05", source="Villkorsblankett")  # fmt: skip
    store.set_intake(cid, IntakeItem.MOTIVATED, IntakeAnswer.UNCLEAR, source="Samtal")
    intake = store.open_case(cid).intake
    assert [(i.item, i.answer) for i in intake] == [("motivated", "unclear"),
                                                    ("signed_conditions", "yes")]  # fmt: skip
    assert intake[1].checked_on == "2026-11-05" and intake[1].source == "Villkorsblankett"


def test_case_list_filters_and_sorts(store):
    a = store.create_case(store.add_person("Alva", "Exempelsson").id,
                          target_group=TargetGroup.CRIMINAL_NETWORK).id  # fmt: skip
    b = store.create_case(store.add_person("Bo", "Provsson").id).id
    store.set_status(b, CaseStatus.ASSESSMENT)
    rows = store.case_rows()
    assert [r.id for r in filter_rows(rows, CaseFilter(text="alva"))] == [a]
    assert [r.id for r in filter_rows(rows, CaseFilter(text="0002"))] == [b]
    assert [r.id for r in filter_rows(rows, CaseFilter(statuses=frozenset({"assessment"})))] == [b]
    groups = frozenset({"criminal_network"})
    assert [r.id for r in filter_rows(rows, CaseFilter(target_groups=groups))] == [a]
    assert [r.id for r in store.list_cases(CaseFilter(text="bo prov"))] == [b]
    by_ref = filter_rows(rows, CaseFilter(sort="ref", descending=False))
    assert [r.ref for r in by_ref] == ["AV-2026-0001", "AV-2026-0002"]


def test_protected_name_never_appears_in_the_case_list(store):
    pid, _cid = _protected(store)
    rows = store.case_rows()
    assert rows[0].masked and rows[0].name == "Skyddad identitet"
    assert all("ylva" not in r.search_key for r in rows)
    assert SECRET_NAME not in repr(rows)
    assert filter_rows(rows, CaseFilter(text="Ylva")) == []
    masked = store.person(pid)
    assert masked.masked and masked.identifiers == () and "Ylva" not in repr(masked)


def test_reveal_shows_the_name_and_is_audited(store):
    pid, cid = _protected(store)
    changes = store.reveal(pid, reason="Telefonsamtal med klienten")
    assert changes.touches(*ROW_AREAS) and changes.person_id == pid
    assert store.case_rows()[0].name == SECRET_NAME
    assert store.open_case(cid).case.person.name == SECRET_NAME
    (event,) = store.audit_log(events=["identity_revealed"])
    assert event.subject == f"person:{pid}" and event.actor == "Test Handläggare"
    assert event.details == {"reason": "Telefonsamtal med klienten"}
    store.hide(pid)
    assert store.case_rows()[0].masked


def test_a_new_store_session_starts_masked(store, vault):
    pid, _cid = _protected(store)
    store.reveal(pid)
    assert Store(vault).case_rows()[0].masked


def test_related_protected_family_member_is_masked(store):
    cid = store.create_case(store.add_person("Alva", "Exempelsson").id).id
    child = store.add_person(
        "Lilla", "Hemlig", protected_level=ProtectedLevel.SEKRETESSMARKERING
    ).id
    store.link_person(cid, child, RelationKind.CHILD)
    (related,) = store.open_case(cid).related
    assert related.relation == "child" and related.person.masked
    assert "Lilla" not in repr(related)


def test_case_list_sees_writes_made_outside_the_store(store, vault):
    store.create_case(store.add_person("Alva", "Exempelsson").id)
    assert len(store.case_rows()) == 1
    with vault.transaction() as conn:  # e.g. a handover import writing in one transaction
        conn.execute("UPDATE cases SET caseworker = 'Ny Handläggare'")
    assert store.case_rows()[0].caseworker == "Ny Handläggare"
