"""Every writing verb of the store says exactly what it changed (typed areas and the
rows concerned), and what it says is enough: re-reading only the parts of a case file
the change names gives the same file as reading it all again, and the case list and
the reminders change only when a change names an area they read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from app.clock import FixedClock
from app.domain.case import CaseStatus, IntakeAnswer, IntakeItem
from app.domain.identifiers import luhn_check_digit
from app.domain.kinds import ActorKind, ProtectedLevel, RelationKind
from app.store import NOTHING, REMINDER_AREAS, ROW_AREAS, Area, Changes, Store
from app.store.transfer import TransferAnswer, TransferRoute

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
A = Area


@dataclass
class Seed:
    person: int
    other: int  # a protected person, related to the case
    case: int
    entry: int
    motivation_series: int
    consent_series: int
    actor: int
    task: int
    transfer: int


def _number(birth: str, serial: str) -> str:
    return f"{birth}-{serial}{luhn_check_digit(birth[2:] + serial)}"


@pytest.fixture
def store(vault: Any) -> Store:
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def seed(store: Store) -> Seed:
    person = store.add_person("Alva", "Exempelsson", identifier=_number("19900101", "980")).new_id
    other = store.add_person(
        "Ylva", "Hemligdotter", protected_level=ProtectedLevel.SKYDDAD_FOLKBOKFORING
    ).new_id
    case = store.create_case(person, opened="2026-09-01").new_id
    store.link_person(case, other, RelationKind.PARTNER)
    entry = store.add_journal_entry(case, "Första samtalet.", occurred="2026-09-02").new_id
    motivation = store.record_motivation(case, {
        "assessed_on": "2026-09-10", "assessor": "Handläggare", "model": "transtheoretical",
        "stage": "contemplation", "next_review": "2026-11-25"})  # fmt: skip
    consent = store.add_consent(case, {
        "information": "Hotbild", "recipient": "Polisen", "purpose": "Skydd",
        "given_on": "2026-09-03", "given_how": "written", "valid_until": "2026-12-10"})  # fmt: skip
    actor = store.add_actor(ActorKind.POLICE, "Polisen region Exempel").new_id
    store.link_actor(case, actor, "Kontakt")
    task = store.add_task("Boka möte", case_id=case, due="2026-11-20").new_id
    transfer = store.request_transfer(
        case, "Norrby kommun", requested_on="2026-10-01", connection="Uppvuxen i Norrby"
    ).new_id
    return Seed(person, other, case, entry, store.form_record_series(motivation.new_id)[0].series,
                consent.new_id, actor, task, transfer)  # fmt: skip


def _signed(store: Store, seed: Seed) -> Store:
    """The seed's entry signed first (the verb after it needs a signed entry)."""
    store.sign_journal_entry(seed.entry)
    return store


Verb = Callable[[Store, Seed], Changes]
VERBS: dict[str, tuple[Verb, frozenset[Area]]] = {
    "update_person": (lambda s, d: s.update_person(d.person, interpreter="arabiska"),
                      frozenset({A.PERSON})),
    "set_protected_level": (lambda s, d: s.set_protected_level(
        d.person, ProtectedLevel.SEKRETESSMARKERING), frozenset({A.PERSON})),
    "add_identifier": (lambda s, d: s.add_identifier(d.person, _number("19900101", "981")),
                       frozenset({A.PERSON})),
    "reveal": (lambda s, d: s.reveal(d.other, "samtal"), frozenset({A.PERSON})),
    "update_case": (lambda s, d: s.update_case(d.case, police_ref="5000-K1-26"),
                    frozenset({A.CASE})),
    "set_status": (lambda s, d: s.set_status(d.case, CaseStatus.ASSESSMENT),
                   frozenset({A.CASE})),
    "set_intake": (lambda s, d: s.set_intake(d.case, next(iter(IntakeItem)), IntakeAnswer.YES),
                   frozenset({A.INTAKE})),
    "unlink_person": (lambda s, d: s.unlink_person(d.case, d.other), frozenset({A.RELATED})),
    "add_journal_entry": (lambda s, d: s.add_journal_entry(d.case, "Hembesök."),
                          frozenset({A.JOURNAL, A.CASE})),
    "correct_journal_entry": (lambda s, d: s.correct_journal_entry(
        d.entry, "Första samtalet, på kontoret.", "förtydligande"), frozenset({A.JOURNAL})),
    "sign_journal_entry": (lambda s, d: s.sign_journal_entry(d.entry), frozenset({A.JOURNAL})),
    "edit_journal_draft": (lambda s, d: s.edit_journal_draft(d.entry, "Första samtalet, kort."),
                           frozenset({A.JOURNAL})),
    "discard_journal_draft": (lambda s, d: s.discard_journal_draft(d.entry),
                              frozenset({A.JOURNAL})),
    "add_journal_addition": (lambda s, d: _signed(s, d).add_journal_addition(
        d.entry, "Klienten ringde senare."), frozenset({A.JOURNAL})),
    "strike_journal_entry": (lambda s, d: _signed(s, d).strike_journal_entry(
        d.entry, "fel klient"), frozenset({A.JOURNAL})),
    "record_threat": (lambda s, d: s.record_threat(d.case, {
        "assessed_on": "2026-11-01", "assessor": "Polisen", "instrument": "police",
        "threat_kinds": ["violence"], "acute_level": "high", "long_term_level": "moderate",
        "source": "police", "reliability": "probably_true", "next_review": "2026-11-24"}),
        frozenset({A.THREAT, A.CASE})),
    "revise_safety_plan": (lambda s, d: s.revise_safety_plan(d.case, {
        "plan_date": "2026-11-02", "review_date": "2026-11-26"}),
        frozenset({A.SAFETY_PLAN, A.CASE})),
    "correct_form_record": (lambda s, d: s.correct_form_record(d.motivation_series, {
        "assessed_on": "2026-09-10", "assessor": "Handläggare", "model": "transtheoretical",
        "stage": "preparation", "next_review": "2026-11-25"}, "fel stadium"),
        frozenset({A.MOTIVATION, A.CASE})),
    "withdraw_consent": (lambda s, d: s.withdraw_consent(d.consent_series, "2026-11-20", "oral"),
                         frozenset({A.CONSENT, A.CASE})),
    "update_actor": (lambda s, d: s.update_actor(d.actor, phone="010-000 00 00"),
                     frozenset({A.ACTOR})),
    "unlink_actor": (lambda s, d: s.unlink_actor(d.case, d.actor), frozenset({A.ACTOR})),
    "add_decision": (lambda s, d: s.add_decision(
        d.case, "Skyddat boende", "4 kap. 1 § SoL", "2026-11-22", "Enhetschef"),
        frozenset({A.DECISION, A.CASE})),
    "add_task": (lambda s, d: s.add_task("Ring frivården", case_id=d.case, due="2026-11-23"),
                 frozenset({A.TASK})),
    "complete_task": (lambda s, d: s.complete_task(d.task), frozenset({A.TASK})),
    "edit_task": (lambda s, d: s.edit_task(d.task, "Boka möte med polisen", "2026-11-27"),
                  frozenset({A.TASK})),
    "reassign_task": (lambda s, d: s.reassign_task(d.task, "Kim Kollega"), frozenset({A.TASK})),
    "remove_task": (lambda s, d: s.remove_task(d.task, "dubblett"), frozenset({A.TASK})),
    "record_transfer_decision": (lambda s, d: s.record_transfer_decision(
        d.transfer, TransferAnswer.DECLINED, decided_by="Norrby socialnämnd",
        decided_on="2026-11-02", note="ingen plats"),
        frozenset({A.TRANSFER, A.JOURNAL, A.CASE})),
    "record_transfer_route": (lambda s, d: s.record_transfer_route(
        d.case, TransferRoute.HOME_KEEPS, "Söderby", "Skyddat boende i Söderby"),
        frozenset({A.TRANSFER, A.JOURNAL, A.CASE})),
    "withdraw_transfer_request": (lambda s, d: s.withdraw_transfer_request(
        d.transfer, "klienten stannar"), frozenset({A.TRANSFER, A.JOURNAL, A.CASE})),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(VERBS))
def test_each_verb_names_exactly_its_areas_and_its_case(store: Store, seed: Seed, name: str):
    verb, expected = VERBS[name]
    changes = verb(store, seed)
    assert changes.areas == expected
    assert all(isinstance(area, Area) for area in changes.areas)
    if changes.case_id is not None:
        assert changes.case_id == seed.case
    assert changes.concerns(seed.case, frozenset({seed.person, seed.other}))
    assert not changes.concerns(seed.case + 1) or changes.case_id is None


@pytest.mark.parametrize("name", sorted(VERBS))
def test_reading_again_only_what_a_change_names_shows_the_same_case(
    store: Store, seed: Seed, name: str
):
    before = store.open_case(seed.case, audit=False)
    rows, reminders = store.case_rows(), store.reminders()
    changes = VERBS[name][0](store, seed)
    assert store.refresh_case(before, changes) == store.open_case(seed.case, audit=False)
    if store.case_rows() != rows:
        assert changes.touches(*ROW_AREAS)
    if store.reminders() != reminders:
        assert changes.touches(*REMINDER_AREAS)


def test_creating_verbs_name_the_new_row(store: Store):
    person = store.add_person("Bo", "Påhittad")
    assert person.areas == {A.PERSON} and person.person_id == person.new_id
    case = store.create_case(person.new_id)
    assert case.areas == {A.CASE}
    assert (case.case_id, case.person_id, case.new_id) == (case.id, person.new_id, case.id)
    assert store.case(case.new_id).person.id == person.new_id
    actor = store.add_actor(ActorKind.KRIMINALVARDEN, "Frivården")
    assert actor.areas == {A.ACTOR} and actor.case_id is None
    assert actor.concerns(case.new_id)  # a shared actor may be shown in any case
    with pytest.raises(ValueError):
        _ = NOTHING.new_id


def test_two_verbs_as_one_piece_of_work_name_both(store: Store):
    person = store.add_person("Cim", "Testlund")
    case = store.create_case(person.new_id)
    both = person | case
    assert both.areas == {A.PERSON, A.CASE}
    assert (both.case_id, both.person_id, both.new_id) == (case.new_id, person.new_id, case.new_id)
    elsewhere = Changes.of(A.TASK, case_id=case.new_id + 1)
    mixed = case | elsewhere
    assert (mixed.case_id, mixed.person_id) == (None, None)  # unsure: every case looks
    assert mixed.concerns(case.new_id) and mixed.concerns(case.new_id + 1)
    assert (NOTHING | case) == case and not NOTHING.touches(*Area)
