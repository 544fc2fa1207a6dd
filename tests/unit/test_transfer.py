"""Transfer requests (överflyttning): deadline rule, answers, IVO, reminders, journal,
audit. No Qt; a fresh encrypted vault per test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.clock import FixedClock
from app.domain.case import CaseStatus
from app.errors import Refused, ValidationError
from app.store.base import NotFound
from app.store.transfer import (
    REMINDER_KIND,
    IvoOutcome,
    TransferAnswer,
    TransferGround,
    TransferMixin,
    TransferRoute,
    ivo_possible_from,
)
from app.vault.vault import Vault


def _store_class() -> type[Any]:
    from app.store import Store  # the one facade

    assert issubclass(Store, TransferMixin)
    return Store


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
        "connection": "Uppvuxen i Norrby; modern och systern bor där.",
        "duration": "Stödet väntas pågå minst ett år.",
        "client_wishes": "Vill bo nära sin syster.",
        "grounds": (TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    }
    args.update(kw)
    return int(store.request_transfer(case_id, "Norrby kommun", **args).id)


def _audit_events(vault: Vault) -> list[str]:
    with vault.read() as conn:
        return [r[0] for r in conn.execute("SELECT event FROM audit ORDER BY id")]


def _decide(store: Any, tid: int, answer: TransferAnswer = TransferAnswer.ACCEPTED, **kw: Any):
    args: dict[str, Any] = {"decided_by": "Norrby socialnämnd, individutskottet",
                            "decided_on": "2026-03-09", "takeover_on": "2026-04-01"}  # fmt: skip
    args.update(kw)
    return store.record_transfer_decision(tid, answer, **args)


@pytest.mark.parametrize(
    ("sent", "month"),
    [
        ("2026-03-02", "2026-04-02"),
        ("2026-01-31", "2026-02-28"),
        ("2028-01-31", "2028-02-29"),
        ("2026-12-15", "2027-01-15"),
        ("2026-05-31", "2026-06-30"),
    ],
)
def test_ivo_may_be_asked_one_calendar_month_after_the_request(sent: str, month: str) -> None:
    assert ivo_possible_from(date.fromisoformat(sent)).isoformat() == month


def test_request_is_stored_journalled_and_audited(store: Any, case_id: int, vault: Vault) -> None:
    request = store.transfer_request(_request(store, case_id))
    assert request.to_municipality == "Norrby kommun" and request.route is TransferRoute.REQUEST
    assert (request.requested_on, request.ivo_from) == ("2026-03-02", "2026-04-02")
    assert request.grounds == (TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT)
    assert request.has_strongest_connection and request.is_open
    entry = store.journal(case_id)[-1]
    assert "Starkast anknytning: Uppvuxen i Norrby" in entry.text
    assert "minst ett år" in entry.text and "Vill bo nära sin syster." in entry.text
    # the month is when IVO may be asked, never the other side's deadline
    assert "ansöka hos IVO från 2026-04-02" in entry.text and "senast" not in entry.text
    assert entry.kind == "system" and entry.occurred == "2026-03-02"
    # a record of what the officer did: signed by them at once, never an editable draft
    assert entry.signed_at is not None and entry.signed_by == store.user
    with pytest.raises(Refused, match="signerad"):
        store.edit_journal_draft(entry.id, "Något annat")
    assert store.journal(case_id)[-1].text == entry.text
    assert "transfer_requested" in _audit_events(vault)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"grounds": (TransferGround.THREAT,)}, "connection"),  # the threat alone is no ground
        ({"connection": " "}, "connection"),
        ({"grounds": (TransferGround.STRONGEST_CONNECTION, TransferGround.OTHER)}, "grounds_note"),
        ({"requested_on": "2026-13-01"}, "requested_on"),
        ({"requested_on": "2026-03-11"}, "requested_on"),  # tomorrow
    ],
)
def test_invalid_requests_are_refused(store: Any, case_id: int, kw: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        _request(store, case_id, **kw)
    assert info.value.params.get("field") == field
    assert store.transfer_requests(case_id) == ()


def test_only_one_open_request_per_case(store: Any, case_id: int) -> None:
    _request(store, case_id)
    with pytest.raises(Refused):
        _request(store, case_id)
    with pytest.raises(NotFound):
        store.transfer_request(999)


def test_the_decision_names_who_decided_and_the_takeover_day(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    with pytest.raises(ValidationError):
        _decide(store, tid, decided_by=" ")
    with pytest.raises(ValidationError):
        _decide(store, tid, TransferAnswer.DECLINED)  # a no needs its reason
    with pytest.raises(ValidationError):
        _decide(store, tid, decided_on="2026-03-01")  # before the request
    _decide(store, tid)
    request = store.transfer_request(tid)
    assert request.answer is TransferAnswer.ACCEPTED and not request.is_open
    assert (request.decided_by, request.answered_on, request.takeover_on) == (
        "Norrby socialnämnd, individutskottet", "2026-03-09", "2026-04-01")  # fmt: skip
    text = store.journal(case_id)[-1].text
    assert "individutskottet" in text and "laga kraft" in text
    with pytest.raises(Refused):
        _decide(store, tid, TransferAnswer.DECLINED, note="nej")


def test_the_old_municipality_stays_responsible_until_legal_force(
    store: Any, case_id: int, clock: FixedClock
) -> None:
    from app.domain.transfer import responsibility

    tid = _request(store, case_id)
    _decide(store, tid)
    clock.set("2026-04-05")
    with pytest.raises(Refused, match="laga kraft"):
        store.complete_transfer(tid)
    assert "Exempelby är ansvarig tills" in responsibility(
        store.transfer_request(tid), clock.today(), "Exempelby")  # fmt: skip
    store.record_legal_force(tid, "2026-03-31")
    store.complete_transfer(tid, "2026-04-05")
    request = store.transfer_request(tid)
    assert request.moved(clock.today()) and request.taken_over_on == "2026-04-05"
    assert "Norrby kommun har tagit över" in responsibility(request, clock.today(), "Exempelby")
    assert "gick över till Norrby kommun" in store.journal(case_id)[-1].text
    with pytest.raises(Refused):
        store.complete_transfer(tid)


def test_the_month_rule_for_ivo(store: Any, case_id: int, clock: FixedClock, vault: Vault) -> None:
    """No decision: IVO may be asked from the day one month after the request, not before."""
    tid = _request(store, case_id)
    with pytest.raises(Refused, match="en månad"):
        store.record_ivo_application(tid)
    clock.set("2026-04-01")
    assert not store.transfer_request(tid).may_apply_to_ivo(clock.today())
    clock.set("2026-04-02")
    assert store.transfer_request(tid).may_apply_to_ivo(clock.today())
    store.record_ivo_application(tid)
    assert store.transfer_request(tid).ivo_applied_on == "2026-04-02"
    assert "utan beslut en månad efter begäran" in store.journal(case_id)[-1].text
    assert "transfer_ivo_applied" in _audit_events(vault)
    with pytest.raises(Refused):
        store.record_ivo_application(tid)


def test_ivo_after_a_no_then_ivo_decision_appeal_and_legal_force(store: Any, case_id: int) -> None:
    tid = _request(store, case_id)
    _decide(store, tid, TransferAnswer.DECLINED, note="Ingen anknytning enligt Norrby")
    store.record_ivo_application(tid, "2026-03-10")
    with pytest.raises(Refused):
        store.record_legal_force(tid, "2026-03-10")  # no decision to move yet
    store.record_ivo_decision(tid, IvoOutcome.TRANSFER, "2026-03-10", takeover_on="2026-05-01")
    store.record_legal_force(tid, "2026-03-10")
    store.record_appeal(tid, "2026-03-10", "Norrby överklagar till förvaltningsrätten")
    request = store.transfer_request(tid)
    assert request.decided_to_move and request.legal_force_on is None  # appealed: not final
    assert request.takeover_refusal(date(2026, 3, 10)) is not None


def test_a_transfer_cannot_go_to_ivo_without_a_strongest_connection_ground(
    store: Any, case_id: int, vault: Vault
) -> None:
    """A request recorded before the ground was required (or altered) stays out of IVO,
    declined or not, and its application pack is refused too."""
    from app.reports.ivo_application import render_ivo_application

    tid = _request(store, case_id)
    _decide(store, tid, TransferAnswer.DECLINED, note="Nej")
    with vault.transaction() as conn:
        conn.execute("UPDATE transfer_requests SET grounds = '[\"threat\"]' WHERE id = ?", (tid,))
    request = store.transfer_request(tid)
    assert not request.may_apply_to_ivo(date(2026, 3, 10))
    with pytest.raises(Refused, match="starkast anknytning"):
        store.record_ivo_application(tid)
    with pytest.raises(Refused, match="starkast anknytning"):
        render_ivo_application(store.open_case(case_id), request, date(2026, 3, 10))
    assert store.transfer_request(tid).ivo_applied_on is None


def test_the_ivo_application_pack_has_what_ivo_asks_for(store: Any, case_id: int) -> None:
    from app.reports.ivo_application import render_ivo_application
    from tests.unit.test_handover_support import open_plain, pdf_text

    tid = _request(store, case_id, god_man_wishes="God man stöder flytten.")
    _decide(store, tid, TransferAnswer.DECLINED, note="Ingen plats")
    pdf = render_ivo_application(store.open_case(case_id), store.transfer_request(tid),
                                 date(2026, 3, 10), board="Exempelby socialnämnd")  # fmt: skip
    text = pdf_text(open_plain(pdf))
    for needle in ("Skäl för starkast anknytning", "Uppvuxen i Norrby", "Vill bo nära sin syster",
                   "God man stöder flytten.", "Pågående vård eller åtgärd", "varaktighet",
                   "minst ett år", "Ingen plats", "Justerat beslutsprotokoll",
                   "Kopia av begäran", "Exempelby socialnämnd", "Box 423"):  # fmt: skip
        assert needle in text, needle


def test_a_month_passed_without_a_decision_is_a_reminder(
    store: Any, case_id: int, clock: FixedClock
) -> None:
    tid = _request(store, case_id)
    assert store.transfer_reminders() == [] and store.overdue_transfer_answers() == []
    clock.set("2026-03-28")
    (soon,) = store.transfer_reminders()
    assert soon.kind == REMINDER_KIND and soon.due == "2026-04-02" and "möjlig från" in soon.title
    clock.set("2026-04-03")
    (passed,) = store.transfer_reminders()
    assert "ansökan till IVO möjlig sedan 2026-04-02" in passed.title
    assert [r.id for r in store.overdue_transfer_answers()] == [tid]
    _decide(store, tid, decided_on="2026-04-03")
    assert store.transfer_reminders() == [] and store.overdue_transfer_answers() == []


def test_withdraw(store: Any, case_id: int, clock: FixedClock) -> None:
    tid = _request(store, case_id)
    with pytest.raises(ValidationError):
        store.withdraw_transfer_request(tid, " ")
    store.withdraw_transfer_request(tid, "Klienten vill stanna")
    assert store.transfer_request(tid).withdrawn_on == "2026-03-10"
    clock.set("2026-05-01")
    assert store.transfer_reminders() == [] and store.transfer_request_payload(case_id) is None


def test_the_other_routes(store: Any, case_id: int) -> None:
    """The client moves and applies there (information only with consent to that
    municipality); the home municipality keeps responsibility while they live elsewhere."""
    with pytest.raises(Refused, match="samtycke"):
        store.record_transfer_route(case_id, TransferRoute.CLIENT_MOVES, "Norrby kommun",
                                    "Klienten ansöker om bistånd i Norrby.")  # fmt: skip
    store.add_consent(case_id, {
        "given_on": "2026-03-01", "recipient": "Norrby kommun, socialtjänsten",
        "purpose": "Överlämning vid flytt", "information": "Ärendet", "given_how": "written",
        "recipient_kind": "other_municipality"})  # fmt: skip
    store.record_transfer_route(case_id, TransferRoute.CLIENT_MOVES, "Norrby kommun",
                                "Klienten ansöker om bistånd i Norrby.")  # fmt: skip
    assert "med klientens samtycke" in store.journal(case_id)[-1].text
    store.record_transfer_route(case_id, TransferRoute.HOME_KEEPS, "Söderby",
                                "Skyddat boende i Söderby; hemkommunen har ansvaret.")  # fmt: skip
    routes = [r.route for r in store.transfer_requests(case_id)]
    assert routes == [TransferRoute.CLIENT_MOVES, TransferRoute.HOME_KEEPS]
    assert not any(r.may_apply_to_ivo(date(2027, 1, 1)) for r in store.transfer_requests(case_id))


def test_the_payload_carries_grounds_wishes_and_the_decision(store: Any, case_id: int) -> None:
    import json

    jsonschema = pytest.importorskip("jsonschema")
    from app.resources import resource_path

    tid = _request(store, case_id)
    _decide(store, tid)
    got = store.transfer_request_payload(case_id)
    assert got["connection"].startswith("Uppvuxen") and got["ivo_possible_from"] == "2026-04-02"
    assert got["decision"] == {"answer": "accepted", "decided_on": "2026-03-09",
                               "decided_by": "Norrby socialnämnd, individutskottet",
                               "takeover_on": "2026-04-01"}  # fmt: skip
    schema = json.loads(resource_path("schemas", "handover-v1.json").read_text("utf-8"))
    jsonschema.validate(got, {"$defs": schema["$defs"], "$ref": "#/$defs/transfer"})


def test_a_transfer_does_not_block_marking_the_case_transferred(store: Any, case_id: int) -> None:
    _decide(store, _request(store, case_id))
    store.set_status(case_id, CaseStatus.ASSESSMENT)
    store.set_status(case_id, CaseStatus.TRANSFERRED)
    assert store.case(case_id).status is CaseStatus.TRANSFERRED
