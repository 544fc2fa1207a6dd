"""Assessments, safety plans and consents are dated, versioned form records; the case
shows the current stage and threat level; reminders and the timeline follow them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlcipher3

from app.clock import FixedClock
from app.domain.kinds import ActorKind
from app.errors import ValidationError
from app.forms.validate import FormInvalid
from app.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def motivation(day: str, stage: str, model: str = "transtheoretical", review: str = "2026-12-20"):
    return {"assessed_on": day, "assessor": "Handläggare", "model": model, "stage": stage,
            "next_review": review}  # fmt: skip


def threat(day: str, level: str, review: str = "2026-12-20"):
    return {"assessed_on": day, "assessor": "Polisen", "instrument": "police",
            "threat_kinds": ["violence"], "acute_level": level, "long_term_level": "moderate",
            "source": "police", "reliability": "probably_true", "next_review": review}  # fmt: skip


def plan(day: str, review: str, **extra):
    return {"plan_date": day, "review_date": review, **extra}


def consent(given: str, until: str | None = None):
    data = {"information": "Hotbild", "recipient": "Polisen", "purpose": "Skydd",
            "given_on": given, "given_how": "written"}  # fmt: skip
    return data | ({"valid_until": until} if until else {})


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def case_id(store):
    return store.create_case(store.add_person("Alva", "Exempelsson").id, opened="2026-09-01").id


def test_current_stage_and_threat_come_from_the_latest_assessment(store, case_id):
    store.record_motivation(case_id, motivation("2026-09-10", "precontemplation"))
    store.record_motivation(case_id, motivation("2026-11-01", "preparation"))
    store.record_motivation(case_id, motivation("2026-10-01", "contemplation"))  # late entry
    store.record_threat(case_id, threat("2026-10-01", "very_high"))
    store.record_threat(case_id, threat("2026-11-15", "moderate"))
    case = store.case(case_id)
    assert (case.stage, case.stage_model, case.threat_level) == (
        "preparation", "transtheoretical", "moderate")  # fmt: skip
    row = store.case_rows()[0]
    assert (row.stage, row.threat_level) == ("preparation", "moderate")
    history = [r.summary for r in store.open_case(case_id).motivation]
    assert history == ["precontemplation", "contemplation", "preparation"]


def test_invalid_assessment_is_refused_with_the_field_and_nothing_saved(store, case_id):
    with pytest.raises(FormInvalid) as err:
        store.record_motivation(case_id, motivation("2026-11-01", "ambivalence"))
    assert [p.path for p in err.value.problems] == ["stage"]
    assert store.open_case(case_id).motivation == ()


def test_records_keep_form_id_and_version(store, case_id):
    store.record_threat(case_id, threat("2026-11-01", "high"))
    (record,) = store.open_case(case_id).threats
    assert (record.form, record.form_version) == ("threat_assessment", 1)
    assert record.data["acute_level"] == "high" and record.author == "Test Handläggare"


def test_safety_plan_revisions_keep_every_version_readable(store, case_id):
    store.revise_safety_plan(case_id, plan("2026-10-01", "2026-11-01", safe_places="Hos mormor"))
    newer = plan("2026-11-10", "2026-12-10", safe_places="Skyddat boende")
    store.revise_safety_plan(case_id, newer, reason="Ny hotbild")
    first, second = store.open_case(case_id).safety_plans
    assert (first.revision, second.revision) == (1, 2) and first.series == second.series
    assert first.data["safe_places"] == "Hos mormor"
    assert second.data["safe_places"] == "Skyddat boende" and second.reason == "Ny hotbild"


def test_assessment_correction_needs_a_reason_and_keeps_the_original(store, case_id):
    series = store.record_threat(case_id, threat("2026-11-01", "high")).id
    with pytest.raises(ValidationError):
        store.correct_form_record(series, threat("2026-11-01", "low"), "")
    store.correct_form_record(series, threat("2026-11-01", "low"), "Fel nivå angavs")
    original, corrected = store.form_record_series(series)
    assert original.summary == "high" and corrected.summary == "low"
    assert store.case(case_id).threat_level == "low"


def test_form_records_cannot_be_changed_or_deleted_through_sql(store, case_id, vault):
    store.record_threat(case_id, threat("2026-11-01", "high"))
    for sql in ("UPDATE form_records SET summary = 'low'", "DELETE FROM form_records"):
        with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
            conn.execute(sql)
    assert store.open_case(case_id).threats[0].summary == "high"


def test_consent_in_force_expiry_and_withdrawal(store, case_id):
    kept = store.add_consent(case_id, consent("2026-10-01", "2027-10-01")).id
    store.add_consent(case_id, consent("2025-01-01", "2025-12-31"))
    store.withdraw_consent(kept, "2026-11-20", "oral")
    consents = store.consents(case_id)
    assert [c.in_force for c in consents] == [False, False]
    assert store.consents_in_force(case_id) == ()
    withdrawn = next(c for c in consents if c.record.series == kept)
    assert withdrawn.withdrawn_on == "2026-11-20"
    assert len(store.form_record_series(kept)) == 2  # the original consent stays on record


def test_consents_in_force_say_what_may_be_shared_with_whom(store, case_id):
    store.add_consent(case_id, consent("2026-10-01", "2027-10-01"))
    (valid,) = store.consents_in_force(case_id)
    assert valid.recipient == "Polisen" and valid.record.data["information"] == "Hotbild"


def test_reminders_show_due_reviews_expiring_consents_and_tasks(store, case_id):
    store.record_threat(case_id, threat("2026-11-01", "high", review="2026-11-20"))
    store.record_motivation(case_id, motivation("2026-11-01", "action", review="2027-03-01"))
    store.add_consent(case_id, consent("2026-01-01", "2026-12-10"))
    store.add_task("Ring frivården", case_id=case_id, due="2026-11-24")
    store.add_task("Långt fram", case_id=case_id, due="2027-06-01")
    kinds = [t.kind for t in store.reminders()]
    assert kinds == ["review_threat", "manual", "consent_expiring"]
    assert store.case_rows()[0].attention


def test_completed_task_leaves_the_today_view(store, case_id):
    task = store.add_task("Ring frivården", case_id=case_id, due="2026-11-20").id
    store.complete_task(task)
    assert store.reminders() == []
    assert store.tasks(case_id, include_done=True)[0].done_at is not None


def test_timeline_has_stages_relapse_threat_and_journal_marks(store, case_id):
    store.record_motivation(case_id, motivation("2026-09-10", "contemplation"))
    store.record_motivation(case_id, motivation("2026-10-10", "relapse"))
    store.record_threat(case_id, threat("2026-09-20", "high"))
    store.add_journal_entry(case_id, "Samtal.", occurred="2026-10-11")
    points = store.timeline(store.open_case(case_id))
    kinds = [(p.day, p.kind, p.order) for p in points if p.kind != "status"]
    assert kinds == [("2026-09-10", "stage", 2), ("2026-09-20", "threat", 3),
                     ("2026-10-10", "relapse", 0), ("2026-10-11", "journal", 0)]  # fmt: skip


def test_decisions_and_actors_belong_to_the_case(store, case_id):
    store.add_decision(case_id, "Skyddat boende", "SoL 4 kap. 1 §", "2026-11-02", "Enhetschef",
                       "Kan överklagas inom tre veckor")  # fmt: skip
    actor = store.add_actor(
        ActorKind.POLICE, "Polisen region Exempel", contact_name="Avhopparsamordnare"
    ).id
    store.link_actor(case_id, actor, role="Avhopparsamordnare")
    file = store.open_case(case_id)
    assert file.decisions[0].legal_basis == "SoL 4 kap. 1 §"
    assert file.actors[0].organisation == "Polisen region Exempel"
    assert file.actors[0].role == "Avhopparsamordnare"
    with pytest.raises(ValidationError):
        store.add_decision(case_id, "", "", "2026-11-02", "")
