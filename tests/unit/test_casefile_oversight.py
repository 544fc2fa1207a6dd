"""Follow-up statistics without personal data, the log
follow-up over the audit trail, and the register extract."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.clock import FixedClock
from app.domain.case import CaseStatus, CloseOutcome, TargetGroup
from app.domain.kinds import ProtectedLevel
from app.stats import shown_count
from app.store import Store, audit_csv

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


def _closed_case(store, opened, closed, birth=None, name="Alva"):
    pid = store.add_person(name, "Exempelsson", birth_date=birth).id
    cid = store.create_case(pid, opened=opened).id
    store.add_journal_entry(cid, "Sista samtalet.", occurred=closed)
    store.set_status(cid, CaseStatus.ASSESSMENT, on=opened)
    store.set_status(cid, CaseStatus.CLOSED, on=closed, outcome=CloseOutcome.EXIT_COMPLETED)
    return pid, cid


def test_small_counts_are_suppressed():
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_follow_up_counts_new_cases_transitions_and_closures_without_names(store):
    for i in range(6):
        pid = store.add_person(f"Person{i}", "Exempelsson").id
        store.create_case(pid, opened="2026-03-01", target_group=TargetGroup.CRIMINAL_NETWORK)
    _closed_case(store, "2026-02-01", "2026-06-01", name="Bo")
    cid = store.case_rows()[-1].id
    base = {"assessor": "A", "model": "transtheoretical", "next_review": "2026-12-01"}
    store.record_motivation(cid, base | {"assessed_on": "2026-03-05", "stage": "contemplation"})
    store.record_motivation(cid, base | {"assessed_on": "2026-04-05", "stage": "preparation"})
    stats = store.follow_up("2026-01-01", "2026-12-31")
    tables = {t.key: dict(t.rows) for t in stats.tables}
    # 7 new cases: the one "Annan" would be 7 - 6, so the 6 is hidden too (complementary)
    assert tables["target_group"]["Kriminellt gäng eller nätverk"] == "×"
    assert tables["target_group"]["Annan"] == "<5"
    assert tables["target_group"]["Totalt"] == "7"
    assert tables["stage_transitions"] == {"Övervägande → Förberedelse": "<5", "Totalt": "<5"}
    assert tables["closed"]["Avhoppet genomfört"] == "<5"
    assert tables["sex"]["Kön okänt (inget person- eller samordningsnummer)"] == "7"
    csv = stats.to_csv()
    assert "Exempelsson" not in csv and "Person" not in csv and "AV-" not in csv
    assert '"7"' not in csv and ";7\n" in csv


def test_log_follow_up_filters_by_user_case_event_and_period(store, vault):
    pid = store.add_person("Ylva", "Hemlig", protected_level=ProtectedLevel.SEKRETESSMARKERING).id
    cid = store.create_case(pid).id
    ref = store.case(cid).ref
    store.open_case(cid)
    vault.actor = "Annan Handläggare"
    store.reveal(pid, reason="Samtal")
    assert [r.event for r in store.audit_log(user="Annan Handläggare")] == ["identity_revealed"]
    assert "case_opened" in [r.event for r in store.audit_log(case_ref=ref)]
    assert [r.actor for r in store.audit_log(person_id=pid, events=["identity_revealed"])] == [
        "Annan Handläggare"]  # fmt: skip
    assert store.audit_log(start="2027-01-01") == []
    assert store.audit_log(until="2000-01-01") == []
    exported = audit_csv(store.audit_log(case_ref=ref))
    assert exported.splitlines()[0] == "Tid;Användare;Händelse;Avser;Detaljer"
    assert "Ylva" not in exported


def test_register_extract_holds_everything_about_the_person_and_is_audited(store):
    pid = store.add_person("Ylva", "Hemlig", identifier="900101-9802",
                           protected_level=ProtectedLevel.SEKRETESSMARKERING).id  # fmt: skip
    cid = store.create_case(pid).id
    store.add_journal_entry(cid, "Första samtalet.")
    extract = store.register_extract(pid)
    assert extract.person.name == "Ylva Hemlig" and extract.person.identifiers
    assert extract.cases[0].journal[0].text == "Första samtalet."
    assert [r.event for r in store.audit_log(person_id=pid)] == [
        "register_extract",
        "person_created",
    ]
    assert store.case_rows()[0].masked  # the extract did not reveal the name in the list
