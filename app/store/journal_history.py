"""Journal history written elsewhere (a handover): entries with their revisions,
signature, corrections, additions and strike, inserted as they were, in the order the
schema's lifecycle rules accept them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.store.journal import (
    _INDEX,
    _INSERT_ADDITION,
    _INSERT_ENTRY,
    _INSERT_REVISION,
    _LAST_ENTRY,
    _SIGN,
    _STRIKE,
)


@dataclass(frozen=True)
class ReceivedRevision:
    text: str
    author: str
    created: str
    reason: str = ""


@dataclass(frozen=True)
class ReceivedStrike:
    at: str
    by: str
    reason: str


@dataclass(frozen=True)
class ReceivedEntry:
    """An entry written elsewhere (a handover), with its history and signature."""

    kind: str
    occurred: str
    revisions: tuple[ReceivedRevision, ...]  # oldest first, at least one
    communicated: bool = False
    signed_at: str | None = None
    signed_by: str | None = None
    signed_rev: int | None = None  # None: signed at the last revision
    additions: tuple[ReceivedRevision, ...] = ()  # tillägg: text, author, date, reason
    struck: ReceivedStrike | None = None

    @property
    def signed_at_rev(self) -> int:
        """How many revisions precede the signature (all of a draft's)."""
        if self.signed_at is None or self.signed_rev is None:
            return len(self.revisions)
        return max(1, min(self.signed_rev, len(self.revisions)))


_PHASES = ("entry", "draft", "sign", "correction", "fts", "addition", "strike")
_SQL = {"entry": _INSERT_ENTRY, "draft": _INSERT_REVISION, "sign": _SIGN,
        "correction": _INSERT_REVISION, "fts": _INDEX, "addition": _INSERT_ADDITION,
        "strike": _STRIKE}  # fmt: skip


def insert_history(conn: Any, case_id: int, entries: Sequence[ReceivedEntry]) -> None:
    """Received entries with their revisions, authors, dates, signatures, corrections,
    additions and strikes. Batched (a 2,000-entry case imports in one ``executemany``
    per step): ids are assigned up front; only each entry's current text is indexed;
    the steps run in the order the schema accepts (a correction after the signature,
    nothing after the strike)."""
    entry_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_entries").fetchone()[0])
    rev_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
    rows: dict[str, list[tuple[Any, ...]]] = {phase: [] for phase in _PHASES}
    for entry in entries:
        entry_id += 1
        first = entry.revisions[0]
        rows["entry"].append((entry_id, case_id, entry.kind, entry.occurred, first.created,
                              first.author, int(entry.communicated)))  # fmt: skip
        for number, rev in enumerate(entry.revisions, start=1):
            rev_id += 1
            phase = "draft" if number <= entry.signed_at_rev else "correction"
            rows[phase].append((rev_id, entry_id, number, rev.text, rev.author, rev.created,
                                rev.reason))  # fmt: skip
        rows["fts"].append((rev_id, entry.revisions[-1].text))
        _lifecycle_rows(rows, entry_id, entry)
    for phase in _PHASES:
        conn.executemany(_SQL[phase], rows[phase])
    if entries:
        conn.execute(_LAST_ENTRY, (max(e.occurred[:10] for e in entries), case_id))


def _lifecycle_rows(rows: dict[str, list[tuple[Any, ...]]], entry_id: int,
                    entry: ReceivedEntry) -> None:  # fmt: skip
    if not entry.signed_at:
        return
    rows["sign"].append((entry.signed_at, entry.signed_by, entry_id, entry_id))
    rows["addition"] += [(entry_id, a.text, a.reason, a.author, a.created)
                         for a in entry.additions]  # fmt: skip
    if entry.struck is not None:
        strike = entry.struck
        rows["strike"].append((strike.at, strike.by, strike.reason, entry_id))


__all__ = [
    "ReceivedEntry",
    "ReceivedRevision",
    "ReceivedStrike",
    "insert_history",
]
