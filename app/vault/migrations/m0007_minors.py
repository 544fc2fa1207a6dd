"""Schema 7: children in the case file (issue 13).

A guardian (*vårdnadshavare*) is a person of their own, linked to the child with what
they may be told; masking of protected identities therefore applies to guardians as to
anyone. A transfer request states the guardians' wishes beside the client's.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 7

SCHEMA = """
CREATE TABLE guardians (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES persons(id),
    guardian_id INTEGER NOT NULL REFERENCES persons(id),
    may_be_told TEXT NOT NULL DEFAULT 'all' CHECK (may_be_told IN ('all', 'limited', 'nothing')),
    told_note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    author TEXT NOT NULL,
    UNIQUE (child_id, guardian_id)
);
CREATE INDEX guardians_guardian ON guardians(guardian_id);
ALTER TABLE transfer_requests ADD COLUMN guardian_wishes TEXT NOT NULL DEFAULT '';
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
