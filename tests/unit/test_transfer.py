"""Transfer requests (överflyttning): deadline rule, answers, IVO, reminders, journal,
audit. No Qt; a fresh encrypted vault per test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.clock import FixedClock
from app.domain.case import CaseStatus
from app.errors import Refused, ValidationError
from app.store import Area
from app.store.base import NotFound
from app.store.transfer import (
    REMINDER_KIND,
    TransferAnswer,
    TransferGround,
    TransferMixin,
    answer_deadline,
)
from app.vault.vault import Vault


def _store_class() -> type[Any]:
    try:
        from app.store import Store  # the one facade, once the mixin is added to it

        if issubclass(Store, TransferMixin):
            return Store  # type: ignore[no-any-return]
    except ImportError:
        pass
    from app.store.cases import CasesMixin
    from app.store.journal import JournalMixin
    from app.store.people import PeopleMixin

    class _Store(TransferMixin, CasesMixin, PeopleMixin, JournalMixin):
        pass

    return _Store


@pytest.fixture
def clock() -> FixedClock:  # type: ignore[override]
    return FixedClock("2026-03-10")


@pytest.fixture
def store(vault: Vault, clock: FixedClock) -> Any:
    return _store_class()(vault, clock=clock)


@pytest.fixture
def case_id(store: Any) -> int:
    person = store.add_person("Fiktiv", "Testsson").id
    return int(store.create_case(person, opened="2026-01-05").id)


def _request(store: Any, case_id: int, **kw: Any) -> int:
    args: dict[str, Any] = {
        "requested_on": "2026-03-02",
        "client_wishes": "Vill bo nära sin syster.",
        "grounds": (TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    }
    args.update(kw)
    return int(store.request_transfer(case_id, "Norrby kommun", **args).id)


def _audit_events(vault: Vault) -> list[str]:
    with vault.read() as conn:
        return [r[0] for r in conn.execute("SELECT event FROM audit ORDER BY id")]


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        ("2026-03-02", "2026-04-02"),
        ("2026-01-31", "2026-02-28"),
        ("2028-01-31", "2028-02-29"),
        ("2026-12-15", "2027-01-15"),
        ("2026-05-31", "2026-06-30"),
    ],
)
def test_answer_deadline_is_one_calendar_month(sent: str, due: str) -> None:
    assert answer_deadline(date.fromisoformat(sent)).isoformat() == due


def test_request_is_stored_journalled_and_audited(store: Any, case_id: int, vault: Vault) -> None:
    changes = _request(store, case_id)
    request = store.transfer_request(changes)
    assert request.to_municipality == "Norrby kommun"
    assert request.requested_on == "2026-03-02"
    assert request.answer_due == "2026-04-02"
    assert request.grounds == (TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT)
    assert request.answer is TransferAnswer.NONE and request.is_open
    assert request.case_ref == store.case(case_id).ref
    entry = store.journal(case_id)[-1]
    assert "Norrby kommun" in entry.text and "2026-04-02" in entry.text
    assert "Vill bo nära sin syster." in entry.text
    assert entry.kind == "system" and entry.occurred == "2026-03-02"
    assert "transfer_requested" in _audit_events(vault)


def test_changes_tell_the_screens_what_to_refresh(store: Any, case_id: int) -> None:
    changes = store.request_transfer(
        case_id, "Norrby", requested_on="2026-03-01", grounds=(TransferGround.THREAT,)
    )
    assert changes.touches(Area.TRANSFER) and changes.touches(Area.JOURNAL)
    assert changes.case_id == case_id


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"grounds": ()}, "grounds"),
        ({"grounds": (TransferGround.OTHER,)}, "grounds_note"),
        ({"requested_on": "2026-13-01"}, "requested_on"),
        ({"requested_on": "2026-03-11"}, "requested_on"),  # tomorrow
    ],
)
def test_invalid_requests_are_refused(store: Any, case_id: int, kw: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        _request(store, case_id, **kw)
    assert info.value.params.get("field") == field
    assert store.transfer_requests(case_id) == ()


def test_municipality_is_required(store: Any, case_id: int) -> None:
    with pytest.raises(ValidationError):
        store.request_transfer(case_id, "  ", grounds=(TransferGround.THREAT,))


def test_other_ground_with_note(store: Any, case_id: int) -> None:
    tid = _request(store, case_id, grounds=(TransferGround.OTHER,), grounds_note="Arbete")
    assert store.transfer_request(tid).grounds_note == "Arbete"
    assert "Arbete" in store.journal(case_id)[-1].text


def test_only_one_open_request_per_case(store: Any, case_id: int) -> None:
    _request(store, case_id)
    with pytest.raises(Refused):
        _request(store, case_id)
    assert len(store.transfer_requests(case_id)) == 1


def test_unknown_case_and_request(store: Any) -> None:
    with pytest.raises(NotFound):
        store.request_transfer(999, "Norrby", grounds=(TransferGround.THREAT,))
    with pytest.raises(NotFound):
        store.transfer_request(999)


def test_accepted_answer_closes_request(store: Any, case_id: int, vault: Vault) -> None:
    tid = _request(store, case_id)
    store.record_transfer_answer(tid, TransferAnswer.ACCEPTED, answered_on="2026-03-09",
                                 via="kvitto 1234")  # fmt: skip
    request = store.transfer_request(tid)
    assert request.answer is TransferAnswer.ACCEPTED and not request.is_open
    assert request.answered_on == "2026-03-09"
    text = store.journal(case_id)[-1].text
    assert "godtog" in text and "kvitto 1234" in text
    assert "transfer_answered" in _audit_events(vault)
    with pytest.raises(Refused):
        store.record_transfer_answer(tid, TransferAnswer.DECLINED, note="nej")
    # a new request may follow once the first is answered
    _request(store, case_id)


def test_decline_needs_reason_and_is_journalled(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    with pytest.raises(ValidationError):
        store.record_transfer_answer(tid, TransferAnswer.DECLINED)
    with pytest.raises(ValidationError):
        store.record_transfer_answer(tid, TransferAnswer.NONE)
    with pytest.raises(ValidationError):
        store.record_transfer_answer(tid, TransferAnswer.ACCEPTED, answered_on="2026-03-01")
    store.record_transfer_answer(tid, TransferAnswer.DECLINED, note="Ingen anknytning")
    request = store.transfer_request(tid)
    assert request.answer is TransferAnswer.DECLINED and request.answer_note == "Ingen anknytning"
    assert "avböjde" in store.journal(case_id)[-1].text


def test_late_answer_is_noted(store: Any, case_id: int, clock: FixedClock) -> None:
    tid = _request(store, case_id)
    clock.set("2026-04-20")
    store.record_transfer_answer(tid, TransferAnswer.ACCEPTED)
    assert "efter svarsfristen 2026-04-02" in store.journal(case_id)[-1].text


def test_overdue_answers_appear_among_reminders(
    store: Any, case_id: int, clock: FixedClock
) -> None:
    tid = _request(store, case_id)
    assert store.transfer_reminders() == []  # due 2026-04-02, today 2026-03-10
    assert store.overdue_transfer_answers() == []
    clock.set("2026-03-28")
    (upcoming,) = store.transfer_reminders()
    assert upcoming.kind == REMINDER_KIND and upcoming.automatic
    assert upcoming.due == "2026-04-02" and "väntas" in upcoming.title
    clock.set("2026-04-03")
    (late,) = store.transfer_reminders()
    assert "dröjt" in late.title and late.case_ref == store.case(case_id).ref
    assert [r.id for r in store.overdue_transfer_answers()] == [tid]
    store.record_transfer_answer(tid, TransferAnswer.ACCEPTED)
    assert store.transfer_reminders() == [] and store.overdue_transfer_answers() == []


def test_ivo_application_only_when_declined_or_overdue(
    store: Any, case_id: int, clock: FixedClock, vault: Vault
) -> None:
    tid = _request(store, case_id)
    with pytest.raises(Refused):
        store.record_ivo_application(tid)
    assert not store.transfer_request(tid).may_apply_to_ivo(date(2026, 3, 10))
    clock.set("2026-04-03")
    assert store.transfer_request(tid).may_apply_to_ivo(date(2026, 4, 3))
    store.record_ivo_application(tid)
    assert store.transfer_request(tid).ivo_applied_on == "2026-04-03"
    assert "IVO" in store.journal(case_id)[-1].text
    assert "transfer_ivo_applied" in _audit_events(vault)
    with pytest.raises(Refused):
        store.record_ivo_application(tid)


def test_ivo_after_decline(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    store.record_transfer_answer(tid, TransferAnswer.DECLINED, note="Ingen plats")
    store.record_ivo_application(tid, "2026-03-10")
    assert store.transfer_request(tid).ivo_applied_on == "2026-03-10"


def test_accepted_request_cannot_go_to_ivo(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    store.record_transfer_answer(tid, TransferAnswer.ACCEPTED)
    with pytest.raises(Refused):
        store.record_ivo_application(tid)


def test_withdraw(store: Any, case_id: int, clock: FixedClock) -> None:
    tid = _request(store, case_id)
    with pytest.raises(ValidationError):
        store.withdraw_transfer_request(tid, " ")
    store.withdraw_transfer_request(tid, "Klienten vill stanna")
    request = store.transfer_request(tid)
    assert request.withdrawn_on == "2026-03-10" and not request.is_open
    clock.set("2026-05-01")
    assert store.transfer_reminders() == []
    assert store.transfer_request_payload(case_id) is None
    with pytest.raises(Refused):
        store.withdraw_transfer_request(tid, "igen")


def test_current_request_and_payload(store: Any, case_id: int) -> None:
    assert store.current_transfer_request(case_id) is None
    assert store.transfer_request_payload(case_id) is None
    tid = _request(store, case_id)
    assert store.current_transfer_request(case_id).id == tid
    assert store.transfer_request_payload(case_id) == {
        "to_municipality": "Norrby kommun",
        "requested_on": "2026-03-02",
        "client_wishes": "Vill bo nära sin syster.",
        "grounds": ["strongest_connection", "threat"],
        "answer_due": "2026-04-02",
    }


def test_payload_matches_the_handover_schema(store: Any, case_id: int) -> None:
    import json

    jsonschema = pytest.importorskip("jsonschema")
    from app.resources import resource_path

    schema = json.loads(resource_path("schemas", "handover-v1.json").read_text("utf-8"))
    _request(store, case_id)
    sub = {"$defs": schema["$defs"], "$ref": "#/$defs/transfer"}
    jsonschema.validate(store.transfer_request_payload(case_id), sub)


def test_transfer_does_not_block_marking_case_transferred(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    store.record_transfer_answer(tid, TransferAnswer.ACCEPTED)
    store.set_status(case_id, CaseStatus.ASSESSMENT)
    store.set_status(case_id, CaseStatus.TRANSFERRED)
    assert store.case(case_id).status is CaseStatus.TRANSFERRED


def test_survives_reopening_the_vault(store: Any, case_id: int, vault: Vault) -> None:
    tid = _request(store, case_id)
    with vault.read() as conn:
        raw = conn.execute("SELECT grounds FROM transfer_requests WHERE id = ?", (tid,))
        assert raw.fetchone()[0] == '["strongest_connection", "threat"]'
