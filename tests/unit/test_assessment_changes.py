"""Saving an assessment says what changed against the previous one, in the caseworker's
words; a raised acute threat level adds a safety-plan review task (audited, due within
two Swedish working days); a lowered or unchanged level adds none."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.clock import FixedClock
from app.domain.kinds import TaskKind
from app.domain.workdays import add_working_days, holidays
from app.forms.definition import form_definition
from app.forms.diff import record_changes
from app.i18n import set_language
from app.store import SAFETY_PLAN, THREAT, Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # a Monday


def threat(level: str, day: str = "2026-11-01", **extra: object) -> dict[str, object]:
    return {"assessed_on": day, "assessor": "Polisen", "instrument": "police",
            "threat_kinds": ["violence"], "acute_level": level, "long_term_level": "moderate",
            "source": "police", "reliability": "probably_true", "next_review": "2026-12-20",
            **extra}  # fmt: skip


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def case_id(store):
    return store.create_case(store.add_person("Alva", "Exempelsson").id, opened="2026-09-01").id


def test_the_summary_names_each_changed_field_with_labels_and_values():
    form = form_definition(THREAT)
    before = threat("high")
    after = threat("very_high", "2026-11-23", threat_kinds=["violence", "extortion"])
    lines = [c.line() for c in record_changes(form, before, after)]
    assert lines == [
        "Bedömningsdatum: 2026-11-01 → 2026-11-23",
        "Typ av hot: Våld → Våld, Utpressning",
        "Akut hotnivå: Hög → Mycket hög",
    ]
    assert record_changes(form, before, dict(before)) == []


def test_the_summary_follows_the_language_and_marks_empty_values():
    form = form_definition(THREAT)
    set_language("en")
    try:
        lines = [c.line() for c in record_changes(form, threat("high"), threat("low"))]
    finally:
        set_language("sv")
    assert lines == ["Acute threat level: High → Low"]
    first = {c.field: c for c in record_changes(form, None, threat("high"))}
    assert first["acute_level"].line() == "Akut hotnivå: – → Hög"


def test_a_safety_plan_row_change_names_the_row_and_the_field():
    form = form_definition(SAFETY_PLAN)
    row = {"measure": "Nytt telefonnummer", "category": "new_phone", "responsible": "Handläggaren",
           "status": "planned"}  # fmt: skip
    before = {"plan_date": "2026-11-01", "review_date": "2026-12-01", "measures": [row]}
    after = {**before, "measures": [{**row, "status": "done"}], "relocation_planned": False}
    assert [c.line() for c in record_changes(form, before, after)] == [
        "Skyddsåtgärder, rad 1 · Status: Planerad → Genomförd"
    ]


def test_a_raised_level_adds_a_safety_plan_review_due_in_two_working_days(store, case_id):
    store.record_threat(case_id, threat("high"))
    assert store.tasks(case_id) == []
    changes = store.record_threat(case_id, threat("very_high", "2026-11-23"))
    assert "task" in changes.areas  # the case window refreshes its tasks
    (task,) = store.tasks(case_id)
    assert task.kind == TaskKind.REVIEW_SAFETY_PLAN.value
    assert task.title == "Se över säkerhetsplanen: akut hotnivå höjd från hög till mycket hög"
    assert task.due == "2026-11-25"  # Monday + two working days
    assert task.owner == "Test Handläggare"
    (event,) = store.audit_log(events=["task_added"])
    assert event.details["task"] == task.id and event.details["because"] == "threat_raised"


def test_a_lowered_or_unchanged_level_or_a_first_assessment_adds_no_task(store, case_id):
    store.record_threat(case_id, threat("very_high"))  # the first: nothing to compare with
    store.record_threat(case_id, threat("very_high", "2026-11-10"))
    changes = store.record_threat(case_id, threat("moderate", "2026-11-20"))
    assert "task" not in changes.areas
    assert store.tasks(case_id) == []


def test_correcting_an_assessment_upwards_adds_the_review_too(store, case_id):
    store.record_threat(case_id, threat("moderate"))
    (record,) = store.open_case(case_id).threats
    store.correct_form_record(record.series, threat("high"), "Fel nivå angavs")
    assert [t.kind for t in store.tasks(case_id)] == [TaskKind.REVIEW_SAFETY_PLAN.value]


def test_the_dialog_is_told_the_same_review_before_saving(store, case_id):
    store.record_threat(case_id, threat("high"))
    previous = store.latest_record(case_id, THREAT)
    review = store.plan_review(THREAT, previous, threat("very_high"))
    assert review is not None and review.due == date(2026, 11, 25)
    assert review.notice == ("Hotnivån höjs från hög till mycket hög. En uppgift att se över"
                             " säkerhetsplanen läggs till, senast 2026-11-25.")  # fmt: skip
    assert store.plan_review(THREAT, previous, threat("low")) is None


def test_working_days_skip_weekends_and_swedish_holidays():
    assert add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)  # Fri → Tue
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # over Christmas
    assert add_working_days(date(2027, 3, 25), 2) == date(2027, 3, 31)  # over Easter
    days = holidays(2026)
    assert date(2026, 6, 19) in days and date(2026, 6, 20) in days  # midsommar
    assert date(2026, 10, 31) in days and date(2026, 5, 14) in days  # alla helgon, Kristi h.


def test_one_open_review_at_a_time(store, case_id):
    store.record_threat(case_id, threat("low"))
    store.record_threat(case_id, threat("moderate", "2026-11-10"))
    store.record_threat(case_id, threat("high", "2026-11-20"))  # the review is still open
    (task,) = store.tasks(case_id)
    previous = store.latest_record(case_id, THREAT)
    assert store.plan_review(THREAT, previous, threat("very_high")) is None  # nothing to say
    store.complete_task(task.id)
    assert store.plan_review(THREAT, previous, threat("very_high")) is not None
    store.record_threat(case_id, threat("very_high", "2026-11-23"))
    assert [t.title for t in store.tasks(case_id)] == [
        "Se över säkerhetsplanen: akut hotnivå höjd från hög till mycket hög"
    ]
