"""Drafts kept in the vault (a journal entry or form being written survives a crash or
a lock), one row per key; plain text inside the encrypted database."""

from __future__ import annotations

import contextlib
from typing import Any

from app.clock import Clock, stamp


class DraftsMixin:
    """Vault's draft verbs; ``transaction``, ``read`` and ``clock`` come from ``Vault``."""

    clock: Clock

    def transaction(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def read(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def save_draft(self, key: str, kind: str, payload: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO drafts (key, kind, payload, updated) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET payload = excluded.payload,"
                " kind = excluded.kind, updated = excluded.updated",
                (key, kind, payload, stamp(self.clock, "microseconds")),
            )

    def load_draft(self, key: str) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT payload FROM drafts WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def drafts(self) -> list[tuple[str, str, str]]:
        with self.read() as conn:
            rows = conn.execute("SELECT key, kind, updated FROM drafts ORDER BY updated DESC")
            return [(str(k), str(kd), str(u)) for k, kd, u in rows]

    def delete_draft(self, key: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
