"""The journal is append-only: corrections keep the earlier text, the author and the
reason, signed entries are locked, and the vault itself refuses edits and deletes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlcipher3

from app.clock import FixedClock
from app.domain.kinds import JournalKind
from app.errors import Refused, ValidationError
from app.store import Area, Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def case_id(store):
    person = store.add_person("Alva", "Exempelsson").id
    return store.create_case(person).id


def test_entry_is_dated_authored_and_listed_in_order(store, case_id):
    store.add_journal_entry(case_id, "Andra samtalet.", occurred="2026-11-20")
    changes = store.add_journal_entry(
        case_id, "Hembesök hos klienten.", JournalKind.HOME_VISIT, occurred="2026-11-02",
        communicated=True,
    )  # fmt: skip
    assert changes.touches(Area.JOURNAL) and changes.case_id == case_id
    entries = store.journal(case_id)
    assert [e.text for e in entries] == ["Hembesök hos klienten.", "Andra samtalet."]
    first = entries[0]
    assert first.author == "Test Handläggare" and first.kind == "home_visit"
    assert first.communicated and first.created.startswith("2026-11-23T09:30")


def test_empty_entry_is_refused(store, case_id):
    with pytest.raises(ValidationError):
        store.add_journal_entry(case_id, "   ")
    assert store.journal(case_id) == ()


def test_correction_keeps_the_earlier_text_author_and_reason(store, case_id):
    entry = store.add_journal_entry(case_id, "Klienten träffade polisen i tisdags.").id
    store.correct_journal_entry(entry, "Klienten träffade polisen i onsdags.", "Fel veckodag")
    shown = store.journal_entry(entry)
    assert shown.corrected
    assert shown.text == "Klienten träffade polisen i onsdags."
    old, new = shown.revisions
    assert old.text == "Klienten träffade polisen i tisdags." and old.rev == 1
    assert new.reason == "Fel veckodag" and new.author == "Test Handläggare"


def test_correction_needs_a_reason(store, case_id):
    entry = store.add_journal_entry(case_id, "Text.").id
    with pytest.raises(ValidationError, match="varför"):
        store.correct_journal_entry(entry, "Ny text.", " ")
    assert len(store.journal_entry(entry).revisions) == 1


def test_signed_entry_is_locked(store, case_id):
    entry = store.add_journal_entry(case_id, "Beslut kommunicerat.").id
    store.sign_journal_entry(entry)
    assert store.journal_entry(entry).signed_by == "Test Handläggare"
    with pytest.raises(Refused, match="signerad"):
        store.edit_journal_draft(entry, "Annan text.")
    assert store.journal_entry(entry).text == "Beslut kommunicerat."
    with pytest.raises(Refused, match="redan"):
        store.sign_journal_entry(entry)


def test_only_the_author_can_sign(store, case_id, vault):
    entry = store.add_journal_entry(case_id, "Text.").id
    vault.actor = "Annan Handläggare"
    with pytest.raises(Refused, match="bara den som skrev"):
        store.sign_journal_entry(entry)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE journal_revisions SET text = 'ändrad'",
        "DELETE FROM journal_revisions",
        "DELETE FROM journal_entries",
        "UPDATE journal_entries SET author = 'någon annan'",
        "UPDATE journal_entries SET occurred = '2020-01-01'",
    ],
)
def test_the_vault_refuses_to_rewrite_the_journal_even_through_sql(store, case_id, vault, sql):
    entry = store.add_journal_entry(case_id, "Originaltext.").id
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute(sql)
    assert store.journal_entry(entry).text == "Originaltext."


def test_the_vault_refuses_a_revision_of_a_signed_entry_through_sql(store, case_id, vault):
    entry = store.add_journal_entry(case_id, "Originaltext.").id
    store.sign_journal_entry(entry)
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute(
            "INSERT INTO journal_revisions (entry_id, rev, text, author, created)"
            " VALUES (?, 2, 'smygändring', 'x', 'x')",
            (entry,),
        )
    assert store.journal_entry(entry).text == "Originaltext."


def test_every_journal_write_is_in_the_audit_trail(store, case_id):
    entry = store.add_journal_entry(case_id, "Text.").id
    store.correct_journal_entry(entry, "Text 2.", "stavfel")
    store.sign_journal_entry(entry)
    events = [row.event for row in store.audit_log(case_ref=store.case(case_id).ref)]
    assert events[:3] == ["journal_signed", "journal_corrected", "journal_added"]
    assert all("Text" not in str(row.details) for row in store.audit_log())


def test_last_entry_date_follows_the_journal(store):
    person = store.add_person("Bo", "Exempelsson").id
    case_id = store.create_case(person, opened="2026-01-10").id
    store.add_journal_entry(case_id, "Senare.", occurred="2026-11-22")
    store.add_journal_entry(case_id, "Tidigare.", occurred="2026-10-01")
    assert store.case(case_id).last_entry == "2026-11-22"
    assert store.case_rows()[0].last_entry == "2026-11-22"
