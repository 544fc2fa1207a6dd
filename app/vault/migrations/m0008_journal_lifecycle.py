"""Schema 8: the journal lifecycle as Swedish social services know it (issue 12).

A draft (*osignerad*) is editable (a new revision) and may be discarded; signing fixes
which revision was signed (``signed_rev``). A signed entry is never changed: it takes a
correction (*rättelse*: a later revision, always with a reason, the signed wording
stays readable) or an addition (*tillägg*, its own append-only table), and an entry
written on the wrong client is struck (*makulering*: who, when, why; the text stays).

The rules live in the triggers, so not even a bug in the store can break them:
- an entry row changes only by signing a draft or by striking a signed entry, once;
- a revision of a signed entry needs a reason; a struck entry takes nothing more;
- only the draft the store names in ``meta`` (``discard_entry``, set and cleared in
  the discarding transaction) may be deleted, and never once signed.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 8

_GALLRING = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'gallring_case')"
_DISCARD = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'discard_entry')"
_ENTRY = "(SELECT {column} FROM journal_entries WHERE id = {entry})"

SCHEMA = f"""
DROP TRIGGER journal_entries_only_sign;
DROP TRIGGER journal_revisions_signed;
DROP TRIGGER journal_revisions_no_delete;
DROP TRIGGER journal_entries_no_delete;

ALTER TABLE journal_entries ADD COLUMN signed_rev INTEGER;
ALTER TABLE journal_entries ADD COLUMN struck_at TEXT;
ALTER TABLE journal_entries ADD COLUMN struck_by TEXT;
ALTER TABLE journal_entries ADD COLUMN struck_reason TEXT NOT NULL DEFAULT '';
UPDATE journal_entries SET signed_rev =
    (SELECT max(rev) FROM journal_revisions r WHERE r.entry_id = journal_entries.id)
WHERE signed_at IS NOT NULL;

CREATE TRIGGER journal_entries_lifecycle BEFORE UPDATE ON journal_entries
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.occurred IS NOT OLD.occurred OR NEW.created IS NOT OLD.created
  OR NEW.author IS NOT OLD.author OR NEW.communicated IS NOT OLD.communicated
  OR NOT (
    (OLD.signed_at IS NULL AND NEW.signed_at IS NOT NULL
     AND NEW.signed_rev IS (SELECT max(rev) FROM journal_revisions WHERE entry_id = OLD.id)
     AND NEW.struck_at IS NULL AND NEW.struck_by IS NULL AND NEW.struck_reason = '')
    OR
    (OLD.signed_at IS NOT NULL AND OLD.struck_at IS NULL
     AND NEW.signed_at IS OLD.signed_at AND NEW.signed_by IS OLD.signed_by
     AND NEW.signed_rev IS OLD.signed_rev AND NEW.struck_at IS NOT NULL
     AND NEW.struck_by IS NOT NULL AND trim(NEW.struck_reason) <> '')
  )
BEGIN SELECT RAISE(ABORT, 'journal entries can only be signed, then struck once'); END;

CREATE TRIGGER journal_revisions_signed BEFORE INSERT ON journal_revisions
WHEN {_ENTRY.format(column="struck_at", entry="NEW.entry_id")} IS NOT NULL
  OR ({_ENTRY.format(column="signed_at", entry="NEW.entry_id")} IS NOT NULL
      AND trim(NEW.reason) = '')
BEGIN SELECT RAISE(ABORT, 'a signed journal entry takes only a correction with a reason'); END;

CREATE TRIGGER journal_revisions_no_delete BEFORE DELETE ON journal_revisions
WHEN {_ENTRY.format(column="case_id", entry="OLD.entry_id")} IS NOT {_GALLRING}
  AND NOT (OLD.entry_id IS {_DISCARD}
           AND {_ENTRY.format(column="signed_at", entry="OLD.entry_id")} IS NULL)
BEGIN SELECT RAISE(ABORT, 'journal revisions are append-only'); END;

CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
WHEN OLD.case_id IS NOT {_GALLRING} AND NOT (OLD.id IS {_DISCARD} AND OLD.signed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;

CREATE TABLE journal_additions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES journal_entries(id),
    text TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX journal_additions_entry ON journal_additions(entry_id, id);
CREATE TRIGGER journal_additions_signed BEFORE INSERT ON journal_additions
WHEN {_ENTRY.format(column="signed_at", entry="NEW.entry_id")} IS NULL
  OR {_ENTRY.format(column="struck_at", entry="NEW.entry_id")} IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'only a signed, unstruck entry takes an addition'); END;
CREATE TRIGGER journal_additions_no_update BEFORE UPDATE ON journal_additions
BEGIN SELECT RAISE(ABORT, 'journal additions are append-only'); END;
CREATE TRIGGER journal_additions_no_delete BEFORE DELETE ON journal_additions
WHEN {_ENTRY.format(column="case_id", entry="OLD.entry_id")} IS NOT {_GALLRING}
BEGIN SELECT RAISE(ABORT, 'journal additions are append-only'); END;
"""  # noqa: S608 (fixed identifiers: the schema, no values)


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
