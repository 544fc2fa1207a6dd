"""Schema 3: sealed handovers (issue 4): the vault's signing identity, the directory of
other parties' certificates, profile roles, and the log of packets and receipts that
detects duplicates and replays."""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 3

SCHEMA = """
CREATE TABLE handover_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    blob BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    subject TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE directory (
    fingerprint TEXT PRIMARY KEY,
    cert BLOB NOT NULL,
    subject TEXT NOT NULL,
    trusted INTEGER NOT NULL DEFAULT 0,
    trusted_at TEXT,
    trusted_by TEXT,
    added TEXT NOT NULL
);

CREATE TABLE profile_roles (role TEXT PRIMARY KEY);

CREATE TABLE handover_packets (
    packet_id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    case_uid TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    case_id INTEGER,
    counterpart TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE INDEX handover_packets_case ON handover_packets(case_uid, signer_fingerprint);

CREATE TABLE handover_receipts (
    packet_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    decision TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (packet_id, direction)
);
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
