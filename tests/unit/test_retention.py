"""Retention (gallring) per personal file: what is due, the research exception, holds,
culling that leaves no trace in the vault file, and the gallringsprotokoll."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.domain.case import CaseStatus, CloseOutcome
from app.errors import Refused
from app.retention import ResearchKeep, RetentionPolicy, complete_by, due_date, legal_sources
from app.store import Store
from app.store.transfer import TransferGround
from app.vault.backup import create_backup
from tests.pages import decrypted_pages, occurrences
from tests.unit.test_casefile_cli import _run

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
DECIDED = {"decided_by": "Eva Enhetschef", "decision": "Beslut 2026-11-20, dnr SN 2026/123"}


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "policy.json"
    monkeypatch.setenv("UTVAG_POLICY_FILE", str(path))
    monkeypatch.setattr("app.policy.machine_policy_path", lambda: tmp_path / "none.json")
    return path


def closed_case(store, pid, opened, closed, text="Sista samtalet."):
    cid = store.create_case(pid, opened=opened).id
    store.add_journal_entry(cid, text, occurred=closed)
    store.set_status(cid, CaseStatus.CLOSED, on=closed, outcome=CloseOutcome.EXIT_COMPLETED)
    return cid


def person(store, name="Alva", birth=None):
    return store.add_person(name, "Exempelsson", birth_date=birth).id


def test_the_period_runs_to_the_end_of_the_calendar_year_and_culling_ends_the_next():
    policy = RetentionPolicy()
    assert due_date("2020-03-01", policy) == due_date("2020-12-31", policy) == date(2026, 1, 1)
    assert complete_by("2020-03-01", policy) == date(2026, 12, 31)
    assert due_date("2020-03-01", RetentionPolicy(years=10)) == date(2031, 1, 1)


def test_a_person_with_an_open_case_and_an_old_closed_case_is_not_due(store):
    pid = person(store)
    closed_case(store, pid, "2015-01-10", "2016-05-01")
    store.create_case(pid, opened="2026-10-01")
    assert store.retention_review() == [] and store.retention_due() == []
    assert [t.kind for t in store.reminders()] == []


def test_the_last_entry_of_the_whole_file_counts(store):
    pid = person(store)
    closed_case(store, pid, "2015-01-10", "2016-05-01")
    closed_case(store, pid, "2021-02-01", "2021-09-01")  # newer entry: not yet due
    assert store.retention_due() == []
    old = person(store, "Bo")
    first = closed_case(store, old, "2015-01-10", "2016-05-01")
    second = closed_case(store, old, "2017-01-10", "2019-06-01")
    (due,) = store.retention_due()
    assert due.person_id == old and [c.case_id for c in due.cases] == [first, second]
    assert due.last_entry == "2019-06-01" and due.due == date(2025, 1, 1)
    assert due.complete_by == date(2025, 12, 31)
    assert [t.case_ref for t in store.reminders()] == [due.refs[-1]]


@pytest.mark.parametrize(
    ("mode", "kept"),
    [
        (ResearchKeep.NONE, set()),
        (ResearchKeep.ALL, {"1990-03-15", "1990-03-16", "1985-11-05", "2001-07-25", None}),
        (ResearchKeep.BIRTH_DAYS, {"1990-03-15", "1985-11-05", "2001-07-25"}),
    ],
)
def test_the_three_research_configurations(store, mode, kept):
    births = ["1990-03-15", "1990-03-16", "1985-11-05", "2001-07-25", None]
    ids = {}
    for index, birth in enumerate(births):
        ids[birth] = person(store, f"P{index}", birth)
        closed_case(store, ids[birth], "2015-01-10", "2016-05-01")
    store.set_retention_policy(RetentionPolicy(research=mode))
    review = {c.person_id: c.status for c in store.retention_review()}
    assert {b for b in births if review[ids[b]] == "research"} == kept
    assert {c.person_id for c in store.retention_due()} == {ids[b] for b in births} - {
        ids[b] for b in kept
    }


def test_the_organisations_policy_file_sets_the_research_exception(store, policy_file):
    pid = person(store, birth="1990-03-25")
    closed_case(store, pid, "2015-01-10", "2016-05-01")
    assert [c.status for c in store.retention_review()] == ["due"]
    policy_file.write_text(json.dumps({"retention_research": "birth_days"}), encoding="utf-8")
    assert store.retention_policy().research is ResearchKeep.BIRTH_DAYS
    assert [c.status for c in store.retention_review()] == ["research"]
    assert "5, 15 eller 25" in store.retention_review()[0].rule
    with pytest.raises(Refused):
        store.set_retention_policy(RetentionPolicy(research=ResearchKeep.NONE))


def test_a_hold_on_any_case_keeps_the_whole_file(store):
    pid = person(store)
    closed_case(store, pid, "2015-01-10", "2016-05-01")
    held = closed_case(store, pid, "2016-01-10", "2017-05-01")
    store.update_case(held, retention_hold="Adoptionsärende")
    (review,) = store.retention_review()
    assert review.status == "held" and review.hold == "Adoptionsärende"
    with pytest.raises(Refused, match="inte aktuell"):
        store.cull([pid], **DECIDED)


def test_a_culling_needs_a_decision_maker_and_a_decision(store):
    pid = person(store)
    closed_case(store, pid, "2015-01-10", "2016-05-01")
    with pytest.raises(Refused, match="vem som fattade"):
        store.cull([pid], decided_by=" ", decision="Beslut")
    with pytest.raises(Refused, match="beslutet"):
        store.cull([pid], decided_by="Eva", decision="")
    assert len(store.retention_due()) == 1


def test_a_case_with_a_transfer_request_is_culled(store):
    pid = person(store)
    cid = store.create_case(pid, opened="2015-01-10").id
    store.add_journal_entry(cid, "Begäran skickad.", occurred="2015-03-01")
    store.request_transfer(cid, "Exempelby", requested_on="2015-03-01", client_wishes="Vill flytta",
                           connection="Uppvuxen i Exempelby",
                           grounds=(TransferGround.STRONGEST_CONNECTION,))  # fmt: skip
    store.set_status(cid, CaseStatus.ASSESSMENT, on="2015-01-10")
    store.set_status(cid, CaseStatus.TRANSFERRED, on="2015-06-01")
    store.cull([pid], **DECIDED)
    assert store.case_rows() == [] and store.retention_due() == []
    with store.vault.read() as conn:
        assert conn.execute("SELECT count(*) FROM transfer_requests").fetchone()[0] == 0


def test_culling_removes_the_file_and_everyone_only_it_named(store):
    pid = person(store)
    cid = closed_case(store, pid, "2015-01-10", "2016-05-01")
    store.vault.save_draft(f"case:{store.case(cid).ref}:journal:new", "journal", "Utkast")
    other = store.create_case(person(store, "Cid")).id  # an open file stays
    store.cull([pid], **DECIDED)
    assert [r.id for r in store.case_rows()] == [other]
    assert store.vault.drafts() == []
    with pytest.raises(Exception, match="finns inte"):
        store.person(pid)
    events = [r.event for r in store.audit_log()]
    assert {"case_culled", "person_culled", "retention_protocol"} <= set(events)


def test_free_pages_hold_no_word_of_a_culled_entry(store, vault):
    pid = person(store, "Qwendolyn")
    cid = closed_case(store, pid, "2015-01-10", "2016-05-01")
    for i in range(40):  # enough text to fill and then free many pages
        store.add_journal_entry(cid, f"Samtal {i}: xqvorblint vid kajen, yzmerdalen.",
                                occurred="2016-04-01")  # fmt: skip
    store.record_motivation(cid, {"assessed_on": "2016-04-02", "assessor": "A",
                                  "model": "transtheoretical", "stage": "action",
                                  "own_words": "Jag heter wxplumbo.",
                                  "next_review": "2016-06-01"})  # fmt: skip
    kept = store.create_case(person(store, "Bo")).id
    store.add_journal_entry(kept, "Levande anteckning om zqkvarstaende.")
    vault.checkpoint()
    db, words = vault.folder / "vault.db", ("xqvorblint", "yzmerdalen", "wxplumbo", "Qwendolyn")
    before = decrypted_pages(db, vault.data_key())
    assert all(occurrences(before, w) for w in words)  # the scan does see them
    assert occurrences(before, "xqvorblint") > 40  # the table and the full-text index

    store.cull([pid], **DECIDED)

    after = decrypted_pages(db, vault.data_key())
    assert {w: occurrences(after, w) for w in words} == dict.fromkeys(words, 0)
    assert occurrences(after, "zqkvarstaende") >= 2  # what is kept is still there
    assert [h.case_id for h in store.search("zqkvarstaende")] == [kept]
    assert store.search("xqvorblint") == []
    assert vault.check().ok


def test_the_protocol_lists_what_was_culled_and_the_backups_that_still_hold_it(
    store, vault, tmp_path
):
    first, second = person(store, "Alva"), person(store, "Bo")
    refs = [store.case(closed_case(store, first, "2014-01-10", "2015-05-01")).ref,
            store.case(closed_case(store, first, "2015-06-01", "2016-05-01")).ref,
            store.case(closed_case(store, second, "2013-01-10", "2014-05-01")).ref]  # fmt: skip
    store.add_journal_entry(store.case_id_for_ref(refs[0]), "Andra.", occurred="2015-04-01")
    create_backup(vault, tmp_path / "före.utvagbak")
    protocol_id = store.cull([first, second], **DECIDED).id
    (protocol,) = store.retention_protocols()
    assert protocol.id == protocol_id
    assert (protocol.persons, protocol.cases, protocol.entries) == (2, 3, 4)
    assert protocol.case_refs == tuple(sorted(refs))
    assert protocol.decided_by == "Eva Enhetschef" and "SN 2026/123" in protocol.decision
    assert protocol.period_years == 5 and "fem år" not in protocol.rule
    assert "sista anteckningen" in protocol.rule and protocol.culled_at.startswith("2026-11-23")
    assert [b.file for b in protocol.backups] == ["före.utvagbak"] and protocol.backups_pending
    stored = json.dumps([protocol.decision, protocol.rule, protocol.case_refs])
    assert "Alva" not in stored and "Exempelsson" not in stored
    assert store.pending_backup_warnings() == [protocol]
    store.confirm_backups_destroyed(protocol_id)
    assert store.pending_backup_warnings() == []
    assert store.backups_holding_data() == []  # a later culling does not list them again
    with pytest.raises(Refused):
        store.confirm_backups_destroyed(protocol_id)
    with vault.read() as conn, pytest.raises(Exception, match="kept"):
        conn.execute("DELETE FROM retention_protocols")


def test_the_rule_names_its_sources_and_when_they_were_checked():
    sources, checked = legal_sources()
    assert date.fromisoformat(checked) and len(sources) >= 2
    assert all(s["where"].startswith("https://") for s in sources)


# ------------------------------------------------------------ headless review
def test_cli_lists_the_persons_due_with_their_cases_rule_and_dates(
    store, vault_dir, monkeypatch, capsys
):
    pid = person(store)
    refs = [store.case(closed_case(store, pid, "2014-01-10", "2015-05-01")).ref,
            store.case(closed_case(store, pid, "2015-06-01", "2016-05-01")).ref]  # fmt: skip
    store.create_case(person(store, "Bo"))  # open: not listed
    code, out, _err = _run(monkeypatch, capsys, "retention", "due", "--vault", str(vault_dir),
                           "--json")  # fmt: skip
    assert code == 0
    report = json.loads(out)
    (due,) = report["persons"]
    assert [c["ref"] for c in due["cases"]] == refs and due["person_id"] == pid
    assert due["due"] == "2022-01-01" and due["complete_by"] == "2022-12-31"
    assert "sista anteckningen" in due["rule"] and report["years"] == 5


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_cli_writes_the_latest_protocol_as_a_pdf(store, vault_dir, monkeypatch, capsys, tmp_path):
    out = tmp_path / "protokoll.pdf"
    code, _out, err = _run(monkeypatch, capsys, "retention", "protocol", "--vault",
                           str(vault_dir), "--out", str(out))  # fmt: skip
    assert code == 5 and "ingen gallring" in err and not out.exists()
    pid = person(store, "Vendela")
    ref = store.case(closed_case(store, pid, "2014-01-10", "2015-05-01")).ref
    store.cull([pid], **DECIDED)
    code, _out, _err = _run(monkeypatch, capsys, "retention", "protocol", "--vault",
                            str(vault_dir), "--out", str(out))  # fmt: skip
    assert code == 0
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                                   check=True, text=True).stdout.split())  # fmt: skip
    assert "Gallringsprotokoll" in text and ref in text and "Eva Enhetschef" in text
    assert "SN 2026/123" in text and "Inte bekräftade" not in text
    assert "Vendela" not in text and "Exempelsson" not in text
