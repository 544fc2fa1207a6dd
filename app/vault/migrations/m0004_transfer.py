"""Schema 4: transfer requests (överflyttning av ärende; the rule: app.domain.legal).

A case may carry several requests over time (one declined, a later one to another
municipality), but at most one open at a time; the store enforces that. The answer
deadline is stored, not recomputed, so a later change of the rule never moves a date
that was already communicated.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 4

SCHEMA = """
CREATE TABLE transfer_requests (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    to_municipality TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    answer_due TEXT NOT NULL,
    client_wishes TEXT NOT NULL DEFAULT '',
    grounds TEXT NOT NULL DEFAULT '[]',
    grounds_note TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT 'none'
        CHECK (answer IN ('none', 'accepted', 'declined')),
    answered_on TEXT,
    answer_note TEXT NOT NULL DEFAULT '',
    ivo_applied_on TEXT,
    withdrawn_on TEXT,
    created TEXT NOT NULL,
    author TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX transfer_requests_case ON transfer_requests(case_id);
CREATE INDEX transfer_requests_open ON transfer_requests(answer_due)
    WHERE answer = 'none' AND withdrawn_on IS NULL;
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
