"""Open the SQLCipher database with a raw 256-bit key and verify it before use."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from app.errors import VaultCorrupt

Connection = Any  # sqlcipher3.dbapi2.Connection (untyped C extension)
DatabaseError = sqlcipher3.DatabaseError


def connect(path: Path, data_key: bytes | bytearray) -> Connection:
    """Return an open, keyed, verified connection; raise ``VaultCorrupt`` otherwise.

    The key has already been authenticated by its AES-GCM key slot, so a database that
    refuses it is damaged, not locked with another key.
    """
    # Autocommit: transactions are explicit (Vault.transaction, migration steps).
    new = not path.exists()
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        with keyspec(data_key) as spec:
            conn.set_key(spec)
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise VaultCorrupt("SQLCipher är inte aktivt")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        if new:
            os.chmod(path, 0o600)
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise VaultCorrupt("databasfilen kan inte dekrypteras") from exc
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def keyspec(data_key: bytes | bytearray) -> Iterator[bytearray]:
    """The one place the raw-key form ``x'…'`` is built: in a mutable buffer handed to
    SQLCipher (``sqlite3_key`` / ``sqlite3_rekey``) and overwritten afterwards, so no
    immutable ``PRAGMA key`` string with the key in hex is ever made."""
    spec = bytearray(2 * len(data_key) + 3)
    spec[0:2], spec[-1] = b"x'", ord("'")
    digits = b"0123456789abcdef"
    for i, byte in enumerate(data_key):
        spec[2 + 2 * i] = digits[byte >> 4]
        spec[3 + 2 * i] = digits[byte & 15]
    try:
        yield spec
    finally:
        spec[:] = bytes(len(spec))


def rekey(conn: Connection, new_key: bytes | bytearray) -> None:
    """``PRAGMA rekey`` without a key string: every page re-encrypted under ``new_key``."""
    with keyspec(new_key) as spec:
        conn.reset_key(spec)


def cipher_version(conn: Connection) -> str:
    """SQLCipher's version string (for the About dialog and support)."""
    row = conn.execute("PRAGMA cipher_version").fetchone()
    return str(row[0]) if row and row[0] else ""


def cipher_problems(conn: Connection) -> list[str]:
    """Page-level HMAC failures and SQLite structural errors; empty when healthy."""
    problems: list[str] = []
    try:
        for (row,) in conn.execute("PRAGMA cipher_integrity_check").fetchall():
            problems.append(str(row))
        result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlcipher3.DatabaseError as exc:
        return [*problems, f"databasen kan inte läsas: {type(exc).__name__}"]
    if result != ["ok"]:
        problems.extend(result)
    return problems
