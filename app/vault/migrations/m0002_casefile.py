"""Schema 2: the case file (issue 3).

Append-only rules live in the schema, not only in the store: journal revisions and form
records refuse UPDATE and DELETE, a signed journal entry refuses a new revision, and the
only way to delete is the retention (gallring) decision, which names the one case it
may delete in ``meta`` inside its own transaction.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 2

# The case whose rows the retention decision may delete (set and cleared in one
# transaction by Store.delete_for_retention).
_GALLRING = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'gallring_case')"

SCHEMA = f"""
ALTER TABLE persons ADD COLUMN given_names TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN family_name TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN birth_date TEXT;
ALTER TABLE persons ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE persons ADD COLUMN interpreter TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN contact TEXT NOT NULL DEFAULT '{{}}';
ALTER TABLE persons ADD COLUMN updated TEXT;
ALTER TABLE person_identifiers ADD COLUMN created TEXT;
CREATE INDEX person_identifiers_value ON person_identifiers(value);

ALTER TABLE cases ADD COLUMN target_group TEXT NOT NULL DEFAULT 'other';
ALTER TABLE cases ADD COLUMN referral_source TEXT NOT NULL DEFAULT 'other';
ALTER TABLE cases ADD COLUMN referral_date TEXT;
ALTER TABLE cases ADD COLUMN caseworker TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN police_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN phase TEXT NOT NULL DEFAULT 'contact';
ALTER TABLE cases ADD COLUMN closed TEXT;
ALTER TABLE cases ADD COLUMN close_outcome TEXT;
ALTER TABLE cases ADD COLUMN received_from TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN retention_hold TEXT NOT NULL DEFAULT '';
-- Denormalised "current state" kept by the store in the same transaction as the
-- record it comes from, so the case list needs no joins.
ALTER TABLE cases ADD COLUMN last_entry TEXT;
ALTER TABLE cases ADD COLUMN stage_model TEXT;
ALTER TABLE cases ADD COLUMN stage TEXT;
ALTER TABLE cases ADD COLUMN threat_level TEXT;
ALTER TABLE cases ADD COLUMN motivation_review TEXT;
ALTER TABLE cases ADD COLUMN threat_review TEXT;
ALTER TABLE cases ADD COLUMN safety_review TEXT;
ALTER TABLE cases ADD COLUMN updated TEXT;

CREATE TABLE case_status_history (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    status TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    author TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_status_history_case ON case_status_history(case_id);

CREATE TABLE case_intake (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    item TEXT NOT NULL,
    answer TEXT NOT NULL,
    checked_on TEXT,
    source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, item)
);

CREATE TABLE case_persons (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    person_id INTEGER NOT NULL REFERENCES persons(id),
    relation TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, person_id)
);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    organisation TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE case_actors (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, actor_id)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    measure TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    decision_maker TEXT NOT NULL,
    appeal_info TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX decisions_case ON decisions(case_id);

CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    occurred TEXT NOT NULL,
    created TEXT NOT NULL,
    author TEXT NOT NULL,
    communicated INTEGER NOT NULL DEFAULT 0,
    signed_at TEXT,
    signed_by TEXT
);
CREATE INDEX journal_entries_case ON journal_entries(case_id, occurred, id);
CREATE TABLE journal_revisions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES journal_entries(id),
    rev INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (entry_id, rev)
);

CREATE TRIGGER journal_revisions_no_update BEFORE UPDATE ON journal_revisions
BEGIN SELECT RAISE(ABORT, 'journal revisions are append-only'); END;
CREATE TRIGGER journal_revisions_no_delete BEFORE DELETE ON journal_revisions
WHEN (SELECT case_id FROM journal_entries WHERE id = OLD.entry_id) IS NOT {_GALLRING}
BEGIN SELECT RAISE(ABORT, 'journal revisions are append-only'); END;
CREATE TRIGGER journal_revisions_signed BEFORE INSERT ON journal_revisions
WHEN (SELECT signed_at FROM journal_entries WHERE id = NEW.entry_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'journal entry is signed'); END;
CREATE TRIGGER journal_entries_only_sign BEFORE UPDATE ON journal_entries
WHEN OLD.signed_at IS NOT NULL OR NEW.signed_at IS NULL
  OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.occurred IS NOT OLD.occurred OR NEW.created IS NOT OLD.created
  OR NEW.author IS NOT OLD.author OR NEW.communicated IS NOT OLD.communicated
BEGIN SELECT RAISE(ABORT, 'journal entries can only be signed'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
WHEN OLD.case_id IS NOT {_GALLRING}
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;

-- Full-text index over the current revision of each entry (external content: the
-- store removes a superseded revision from the index when it adds the correction).
CREATE VIRTUAL TABLE journal_fts USING fts5(
    text, content='journal_revisions', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);

-- Safety plans, threat and motivation assessments and consents: one row per
-- revision of a form record; ``series`` is the id of the first revision.
CREATE TABLE form_records (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    series INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    effective TEXT NOT NULL,
    review_due TEXT,
    summary TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    author TEXT NOT NULL,
    UNIQUE (series, revision)
);
CREATE INDEX form_records_case ON form_records(case_id, form, effective);
CREATE TRIGGER form_records_no_update BEFORE UPDATE ON form_records
BEGIN SELECT RAISE(ABORT, 'form records are append-only'); END;
CREATE TRIGGER form_records_no_delete BEFORE DELETE ON form_records
WHEN OLD.case_id IS NOT {_GALLRING}
BEGIN SELECT RAISE(ABORT, 'form records are append-only'); END;

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases(id),
    kind TEXT NOT NULL DEFAULT 'manual',
    title TEXT NOT NULL,
    due TEXT,
    owner TEXT NOT NULL DEFAULT '',
    done_at TEXT,
    done_by TEXT,
    created TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX tasks_case ON tasks(case_id);
CREATE INDEX tasks_open_due ON tasks(due) WHERE done_at IS NULL;
CREATE INDEX cases_status ON cases(status);
CREATE INDEX audit_subject ON audit(subject);
"""  # noqa: S608 (a constant; no user input)


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
