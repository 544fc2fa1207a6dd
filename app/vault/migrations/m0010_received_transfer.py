"""Schema 10: received material and the transfer procedure (issue 10).

What another authority sends is a received document set (*inkomna handlingar*): the
sender's journal entries, assessments, plans and consents keep their authors and dates
in ``received_documents`` (searchable through ``received_fts``), never as this vault's
own journal or form records, so a received consent is history here, never in force. The
case keeps the sender's reference as ``their_ref`` beside its own.

A transfer request records its route (a request to the other nämnd, the client moving
and applying there, or the home municipality keeping responsibility), the grounds
(strongest connection, the expected duration of the need, everyone's wishes), the other
nämnd's decision (who, when, takeover date, legal force), the IVO steps, an appeal and
the day responsibility actually passed.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 10

SCHEMA = """
ALTER TABLE cases ADD COLUMN their_ref TEXT NOT NULL DEFAULT '';

CREATE TABLE received_documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    packet_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    received_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX received_documents_case ON received_documents(case_id, occurred);
CREATE VIRTUAL TABLE received_fts USING fts5(
    text, content='received_documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER received_documents_index AFTER INSERT ON received_documents
BEGIN INSERT INTO received_fts (rowid, text) VALUES (NEW.id, NEW.text); END;
CREATE TRIGGER received_documents_unindex AFTER DELETE ON received_documents
BEGIN INSERT INTO received_fts (received_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
CREATE TRIGGER received_documents_no_update BEFORE UPDATE ON received_documents
BEGIN SELECT RAISE(ABORT, 'received documents are kept as received'); END;
CREATE TRIGGER received_documents_no_delete BEFORE DELETE ON received_documents
WHEN OLD.case_id IS NOT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'gallring_case')
BEGIN SELECT RAISE(ABORT, 'received documents are kept as received'); END;

ALTER TABLE transfer_requests ADD COLUMN route TEXT NOT NULL DEFAULT 'request'
    CHECK (route IN ('request', 'client_moves', 'home_keeps'));
ALTER TABLE transfer_requests ADD COLUMN connection TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN duration TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN child_wishes TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN god_man_wishes TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN takeover_on TEXT;
ALTER TABLE transfer_requests ADD COLUMN legal_force_on TEXT;
ALTER TABLE transfer_requests ADD COLUMN ivo_decided_on TEXT;
ALTER TABLE transfer_requests ADD COLUMN ivo_outcome TEXT;
ALTER TABLE transfer_requests ADD COLUMN appealed_on TEXT;
ALTER TABLE transfer_requests ADD COLUMN appeal_note TEXT NOT NULL DEFAULT '';
ALTER TABLE transfer_requests ADD COLUMN taken_over_on TEXT;
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
