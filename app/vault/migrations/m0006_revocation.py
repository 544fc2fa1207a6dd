"""Schema 6: revocation information kept for offline use (CRLs and OCSP responses that
came with a certificate or that IT imported); see app/crypto/revocation.py."""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 6

SCHEMA = """
CREATE TABLE revocations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('crl', 'ocsp')),
    der BLOB NOT NULL UNIQUE,
    issuer TEXT NOT NULL,
    imported TEXT NOT NULL,
    source TEXT NOT NULL
);
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
