"""The journal lifecycle (issue 12): a draft is edited or discarded by its author and
signed; a signed entry takes a correction (with a reason) or an addition and is never
changed; an entry on the wrong client is struck once with a reason and stays readable.
Each refusal holds in the store and, where it matters, in the vault's own triggers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlcipher3

from app.errors import Refused, ValidationError
from app.store import Area, NotFound, Store

ME = "Test Handläggare"


@pytest.fixture
def store(vault, clock):
    return Store(vault, clock=clock)


@pytest.fixture
def case_id(store):
    person = store.add_person("Alva", "Exempelsson").id
    return store.create_case(person).id


@pytest.fixture
def signed(store, case_id):
    entry = store.add_journal_entry(case_id, "Samtal med klienten om boendet.").id
    store.sign_journal_entry(entry)
    return entry


def _events(store, case_id):
    return [row.event for row in store.audit_log(case_ref=store.case(case_id).ref)]


# ------------------------------------------------------------------ drafts
def test_a_draft_is_edited_by_its_author_and_keeps_its_history(store, case_id):
    entry = store.add_journal_entry(case_id, "Utkast ett.").id
    changes = store.edit_journal_draft(entry, "Utkast två.")
    assert changes.touches(Area.JOURNAL) and changes.case_id == case_id
    shown = store.journal_entry(entry)
    assert shown.text == "Utkast två." and not shown.signed
    assert [r.text for r in shown.revisions] == ["Utkast ett.", "Utkast två."]
    assert shown.corrections == ()  # not a rättelse: nothing was signed yet


def test_someone_elses_draft_is_neither_edited_nor_discarded(store, case_id, vault):
    entry = store.add_journal_entry(case_id, "Mitt utkast.").id
    vault.actor = "Annan Handläggare"
    with pytest.raises(Refused, match="bara den som skrev utkastet kan ändra"):
        store.edit_journal_draft(entry, "Ändrat av någon annan.")
    with pytest.raises(Refused, match="bara den som skrev utkastet kan kasta"):
        store.discard_journal_draft(entry)
    assert store.journal_entry(entry).text == "Mitt utkast."


def test_a_discarded_draft_is_gone_from_the_journal_and_the_search(store, case_id):
    keep = store.add_journal_entry(case_id, "Behålls.").id
    entry = store.add_journal_entry(case_id, "Felskrivet zebraord.").id
    store.edit_journal_draft(entry, "Felskrivet girafford.")
    assert [h.entry_id for h in store.search("girafford") if h.kind == "journal"] == [entry]
    changes = store.discard_journal_draft(entry)
    assert changes.touches(Area.JOURNAL) and changes.case_id == case_id
    assert [e.id for e in store.journal(case_id)] == [keep]
    assert not [h for h in store.search("girafford") if h.kind == "journal"]
    with pytest.raises(NotFound):
        store.journal_entry(entry)
    assert _events(store, case_id)[0] == "journal_draft_discarded"


def test_a_signed_entry_is_never_deleted(store, case_id, signed):
    with pytest.raises(Refused, match="signerad"):
        store.discard_journal_draft(signed)
    assert store.journal_entry(signed).text == "Samtal med klienten om boendet."


def test_the_vault_deletes_only_the_named_draft_and_never_a_signed_one(store, case_id, vault,
                                                                       signed):  # fmt: skip
    draft = store.add_journal_entry(case_id, "Utkast.").id
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute("DELETE FROM journal_revisions WHERE entry_id = ?", (draft,))
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('discard_entry', ?)", (str(signed),))
        conn.execute("DELETE FROM journal_entries WHERE id = ?", (signed,))
    assert [e.id for e in store.journal(case_id)] == [signed, draft]


# ---------------------------------------------------------------- signing
def test_signing_records_who_and_when_and_the_signed_wording(store, case_id, clock):
    entry = store.add_journal_entry(case_id, "Första lydelsen.").id
    store.edit_journal_draft(entry, "Andra lydelsen.")
    store.sign_journal_entry(entry)
    shown = store.journal_entry(entry)
    assert shown.signed and shown.signed_by == ME
    assert shown.signed_at.startswith("2026-11-23T09:30")
    assert shown.signed_rev == 2 and shown.signed_text == "Andra lydelsen."


# ------------------------------------------------------------- corrections
def test_a_signed_entry_is_corrected_with_a_reason_and_the_original_stays(
    store, case_id, signed, clock, vault
):
    clock.advance(timedelta(days=1))
    vault.actor = "Annan Handläggare"
    store.correct_journal_entry(signed, "Samtal med klienten om arbetet.", "Fel ämne angivet")
    shown = store.journal_entry(signed)
    assert shown.signed and shown.signed_by == ME  # the signature is untouched
    assert shown.text == "Samtal med klienten om arbetet."
    assert shown.signed_text == "Samtal med klienten om boendet."
    (fix,) = shown.corrections
    assert (fix.author, fix.reason) == ("Annan Handläggare", "Fel ämne angivet")
    assert fix.created.startswith("2026-11-24")
    assert _events(store, case_id)[0] == "journal_corrected"


def test_correcting_without_a_reason_is_refused(store, signed):
    with pytest.raises(ValidationError, match="varför"):
        store.correct_journal_entry(signed, "Ny text.", "   ")
    with pytest.raises(ValidationError, match="oförändrad"):
        store.correct_journal_entry(signed, "Samtal med klienten om boendet.", "skäl")
    assert store.journal_entry(signed).corrections == ()


def test_search_finds_the_corrected_wording_not_the_replaced_one(store, signed):
    store.correct_journal_entry(signed, "Samtal med klienten om flytten.", "Fel ämne")
    assert [h.entry_id for h in store.search("flytten") if h.kind == "journal"] == [signed]
    assert not [h for h in store.search("boendet") if h.kind == "journal"]


# --------------------------------------------------------------- additions
def test_a_signed_entry_takes_an_addition(store, case_id, signed):
    store.add_journal_addition(signed, "Klienten ringde senare och bekräftade.", "Ny uppgift")
    shown = store.journal_entry(signed)
    (added,) = shown.additions
    assert added.text == "Klienten ringde senare och bekräftade."
    assert (added.reason, added.author) == ("Ny uppgift", ME)
    assert shown.text == "Samtal med klienten om boendet."
    assert store.journal(case_id)[0].additions == shown.additions
    assert _events(store, case_id)[0] == "journal_addition"


def test_a_draft_takes_no_addition(store, case_id):
    entry = store.add_journal_entry(case_id, "Utkast.").id
    with pytest.raises(Refused, match="utkast"):
        store.add_journal_addition(entry, "Tillägg.")
    assert store.journal_entry(entry).additions == ()


# ---------------------------------------------------------------- striking
def test_a_struck_entry_stays_readable_and_marked(store, case_id, signed, vault):
    vault.actor = "Enhetschef Exempel"
    changes = store.strike_journal_entry(signed, "Skriven på fel klient")
    assert changes.touches(Area.JOURNAL)
    (shown,) = store.journal(case_id)
    assert shown.struck and shown.struck_by == "Enhetschef Exempel"
    assert shown.struck_reason == "Skriven på fel klient"
    assert shown.text == "Samtal med klienten om boendet."  # kept, not deleted
    assert _events(store, case_id)[0] == "journal_struck"


def test_striking_needs_a_reason_a_signature_and_happens_once(store, case_id, signed):
    with pytest.raises(ValidationError, match="varför"):
        store.strike_journal_entry(signed, "  ")
    draft = store.add_journal_entry(case_id, "Utkast.").id
    with pytest.raises(Refused, match="Kasta utkastet"):
        store.strike_journal_entry(draft, "Fel klient")
    store.strike_journal_entry(signed, "Fel klient")
    with pytest.raises(Refused, match="makulerad"):
        store.strike_journal_entry(signed, "Igen")
    with pytest.raises(Refused, match="makulerad"):
        store.correct_journal_entry(signed, "Ny text.", "skäl")
    with pytest.raises(Refused, match="makulerad"):
        store.add_journal_addition(signed, "Tillägg.")
    assert store.journal_entry(signed).struck_reason == "Fel klient"


# ------------------------------------------------------------ the triggers
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE journal_entries SET signed_at = NULL, signed_by = NULL",
        "UPDATE journal_entries SET signed_by = 'någon annan'",
        "UPDATE journal_entries SET occurred = '2020-01-01'",
        "UPDATE journal_entries SET struck_at = '2026-11-23T10:00:00Z', struck_by = 'x'",
        "UPDATE journal_revisions SET text = 'smygändring'",
        "INSERT INTO journal_revisions (entry_id, rev, text, author, created)"
        " SELECT id, 2, 'smygändring', 'x', 'x' FROM journal_entries",
        "DELETE FROM journal_entries",
    ],
)
def test_the_vault_refuses_to_change_a_signed_entry_through_sql(store, vault, signed, sql):
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute(sql)
    shown = store.journal_entry(signed)
    assert shown.text == "Samtal med klienten om boendet." and shown.signed_by == ME
    assert not shown.struck


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE journal_entries SET struck_reason = 'annat skäl'",
        "UPDATE journal_entries SET struck_at = NULL, struck_by = NULL, struck_reason = ''",
        "INSERT INTO journal_additions (entry_id, text, author, created)"
        " SELECT id, 'efter makulering', 'x', 'x' FROM journal_entries",
    ],
)
def test_the_vault_keeps_a_strike_as_it_was_made(store, vault, signed, sql):
    store.strike_journal_entry(signed, "Fel klient")
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute(sql)
    shown = store.journal_entry(signed)
    assert shown.struck_reason == "Fel klient" and shown.additions == ()


def test_additions_are_append_only_in_the_vault(store, vault, signed):
    store.add_journal_addition(signed, "Tillägg.")
    for sql in ("UPDATE journal_additions SET text = 'ändrat'", "DELETE FROM journal_additions"):
        with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
            conn.execute(sql)
    assert [a.text for a in store.journal_entry(signed).additions] == ["Tillägg."]


def test_the_whole_lifecycle_is_in_the_audit_trail_without_text(store, case_id):
    draft = store.add_journal_entry(case_id, "Hemligt utkast.").id
    store.edit_journal_draft(draft, "Hemligt utkast, nu ändrat.")
    store.discard_journal_draft(draft)
    entry = store.add_journal_entry(case_id, "Hemlig text.").id
    store.sign_journal_entry(entry)
    store.correct_journal_entry(entry, "Hemlig text, rättad.", "Hemligt skäl")
    store.add_journal_addition(entry, "Hemligt tillägg.")
    store.strike_journal_entry(entry, "Hemligt makuleringsskäl")
    assert _events(store, case_id)[:8] == [
        "journal_struck", "journal_addition", "journal_corrected", "journal_signed",
        "journal_added", "journal_draft_discarded", "journal_draft_edited", "journal_added",
    ]  # fmt: skip
    rows = store.audit_log(case_ref=store.case(case_id).ref)
    assert all("Hemlig" not in str(row.details) for row in rows)
    assert {row.details.get("entry") for row in rows[:5]} == {entry}


def test_schema_8_keeps_entries_signed_before_it_signed_at_their_last_revision():
    """A vault from before the lifecycle: its signed entry is signed at its last
    revision after the upgrade, its draft stays a draft, and the new rules hold."""
    import sqlite3

    from app.vault import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    steps = migrate.steps()
    for step in steps[:7]:
        conn.execute("BEGIN")
        step.upgrade(conn)
        conn.execute(f"PRAGMA user_version = {int(step.VERSION)}")
        conn.execute("COMMIT")
    conn.executescript("""
        INSERT INTO persons (id, display_name, created) VALUES (1, 'Alva', 'x');
        INSERT INTO cases (id, ref, person_id, opened, created) VALUES (1, 'AV-1', 1, 'x', 'x');
        INSERT INTO journal_entries (id, case_id, kind, occurred, created, author)
            VALUES (1, 1, 'conversation', '2026-01-01', 'x', 'A'),
                   (2, 1, 'conversation', '2026-01-02', 'x', 'A');
        INSERT INTO journal_revisions (entry_id, rev, text, author, created, reason)
            VALUES (1, 1, 'Första.', 'A', 'x', ''), (1, 2, 'Andra.', 'A', 'x', 'stavfel'),
                   (2, 1, 'Utkast.', 'A', 'x', '');
        UPDATE journal_entries SET signed_at = 'y', signed_by = 'A' WHERE id = 1;
    """)  # fmt: skip
    migrate.upgrade(conn)
    rows = conn.execute("SELECT id, signed_rev FROM journal_entries ORDER BY id").fetchall()
    assert rows == [(1, 2), (2, None)]
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO journal_revisions (entry_id, rev, text, author, created)"
                     " VALUES (1, 3, 'utan skäl', 'A', 'x')")  # fmt: skip
    conn.execute("UPDATE journal_entries SET struck_at = 'z', struck_by = 'B',"
                 " struck_reason = 'fel klient' WHERE id = 1")  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE journal_entries SET struck_reason = 'annat' WHERE id = 1")
