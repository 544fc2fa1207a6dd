"""Schema 1: vault metadata, audit chain, drafts, caseworker profile, minimal cases."""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    subject TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

CREATE TABLE drafts (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    municipality TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT ''
);

CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    protected_level TEXT NOT NULL DEFAULT 'none',
    created TEXT NOT NULL
);
CREATE TABLE person_identifiers (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX person_identifiers_person ON person_identifiers(person_id);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    status TEXT NOT NULL DEFAULT 'request',
    opened TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX cases_person ON cases(person_id);
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
