"""A date the store cannot read is refused wherever it comes from (task due dates, journal
dates, form records, the CLI), with a Swedish message that says what is wrong, and
nothing is saved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.cli import run
from app.clock import FixedClock
from app.domain.dates import (
    Expect,
    date_problem,
    normalised,
    parse_date,
    typed_date_problem,
    typing_problem,
    unexpected_side,
)
from app.errors import ValidationError
from app.forms.validate import FormInvalid
from app.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NOT_A_DATE = "Det är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-24."
BAD = {
    "fredag": NOT_A_DATE,
    "10/12": NOT_A_DATE,
    "2026-13-45": "Månad 13 och dag 45 finns inte. Skriv en månad från 01 till 12 och en dag"
    " från 01 till 31.",
    "2026-13-01": "Månad 13 finns inte. Skriv en månad från 01 till 12.",
    "2026-02-30": "Dag 30 finns inte i 2026-02, som har 28 dagar.",
}


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def case_id(store):
    person = store.add_person("Alva", "Exempelsson").id
    return store.create_case(person).id


def _consent(given: str) -> dict[str, str]:
    return {"information": "Hotbild", "recipient": "Polisen", "purpose": "Skydd",
            "given_on": given, "given_how": "written"}  # fmt: skip


@pytest.mark.parametrize(("typed", "message"), BAD.items())
def test_the_one_date_check_says_what_is_wrong(typed, message):
    assert date_problem(typed) == message
    with pytest.raises(ValidationError) as refused:
        parse_date(typed)
    assert refused.value.message == message


def test_real_dates_pass_including_a_leap_day():
    assert date_problem("2028-02-29") is None
    assert parse_date(" 2026-12-24 ").isoformat() == "2026-12-24"
    assert date_problem("2027-02-29") == "Dag 29 finns inte i 2027-02, som har 28 dagar."
    assert date_problem("0001-01-01") == "Året 0001 verkar fel. Skriv ett år från 1900 till 2200."


@pytest.mark.parametrize(("typed", "message"), BAD.items())
def test_store_refuses_a_bad_task_due_date_and_saves_nothing(store, case_id, typed, message):
    with pytest.raises(ValidationError) as refused:
        store.add_task("Boka möte", case_id=case_id, due=typed)
    assert refused.value.message == message
    assert store.tasks(case_id) == []


@pytest.mark.parametrize(("typed", "message"), BAD.items())
def test_store_refuses_a_bad_journal_date_and_saves_nothing(store, case_id, typed, message):
    with pytest.raises(ValidationError) as refused:
        store.add_journal_entry(case_id, "Samtal med klienten.", occurred=typed)
    assert refused.value.message == message
    assert store.journal(case_id) == ()


@pytest.mark.parametrize(("typed", "message"), BAD.items())
def test_store_refuses_a_bad_date_in_a_form_record(store, case_id, typed, message):
    with pytest.raises(FormInvalid) as refused:
        store.add_consent(case_id, _consent(typed))
    assert [(p.path, p.message) for p in refused.value.problems] == [("given_on", message)]
    assert store.consents(case_id) == ()


def test_valid_dates_are_saved(store, case_id):
    store.add_task("Boka möte", case_id=case_id, due="2026-12-24")
    store.add_journal_entry(case_id, "Samtal med klienten.", occurred="2026-11-20")
    store.add_consent(case_id, _consent("2026-11-01"))
    assert [t.due for t in store.tasks(case_id)] == ["2026-12-24"]
    assert [e.occurred for e in store.journal(case_id)] == ["2026-11-20"]
    assert len(store.consents(case_id)) == 1


@pytest.mark.parametrize(("typed", "message"), BAD.items())
def test_cli_refuses_a_bad_date_with_the_same_message(capsys, tmp_path, typed, message):
    code = run(["stats", "--vault", str(tmp_path / "none"), "--from", typed])
    err = capsys.readouterr().err
    assert code == 2
    assert f"Fel datum {typed}: {message}" in err
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-1", None),  # can still become a date: no message while typing
        ("202612", None),
        ("2026-13", "Månad 13 finns inte. Skriv en månad från 01 till 12."),
        ("2026-13-45", BAD["2026-13-45"]),
        ("2026-02-30", BAD["2026-02-30"]),
        ("f", NOT_A_DATE),
        ("10/12", NOT_A_DATE),
        ("0001", "Året 0001 verkar fel. Skriv ett år från 1900 till 2200."),
    ],
)
def test_a_date_being_typed_is_checked_as_far_as_it_goes(typed, message):
    assert typing_problem(typed) == message


def test_a_finished_date_says_what_is_wrong_and_compact_dates_are_read():
    assert typed_date_problem("2026-13") == "Månad 13 finns inte. Skriv en månad från 01 till 12."
    assert typed_date_problem("2026-1-5") == NOT_A_DATE
    assert typed_date_problem("20261224") is None and normalised("20261224") == "2026-12-24"
    assert typed_date_problem("  ") is None


def test_a_date_on_the_unexpected_side_of_today_asks_to_be_confirmed():
    today = NOW.date()
    assert unexpected_side("2027-05-01", today, Expect.PAST) == (
        "2027-05-01 ligger i framtiden (i dag är det 2026-11-23). Stämmer datumet?")  # fmt: skip
    assert unexpected_side("2026-11-23", today, Expect.PAST) is None
    assert unexpected_side("2026-11-01", today, Expect.FUTURE) == (
        "2026-11-01 har redan passerat (i dag är det 2026-11-23). Stämmer datumet?")  # fmt: skip
    assert unexpected_side("2027-05-01", today, Expect.ANY) is None
    assert unexpected_side("fredag", today, Expect.PAST) is None  # a problem, not a question
