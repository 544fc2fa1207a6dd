"""The journal: append-only entries, each a list of revisions. The SQL every journal
verb shares lives here, with the reads and the new entry; the lifecycle verbs (edit or
discard a draft, sign, correct, add to, strike) are in :mod:`app.store.journal_lifecycle`
and received history in :mod:`app.store.journal_history`. The schema's triggers refuse
any UPDATE or DELETE of a revision, so not even a bug in the store can rewrite one."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from app.changes import Area, Changes
from app.domain.dates import checked_date
from app.domain.kinds import JournalKind
from app.errors import ValidationError
from app.i18n import N_
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.records import Addition, JournalEntry, Revision

MAX_TEXT = 100_000

_ENTRY_SQL = """
SELECT e.id, e.case_id, e.kind, e.occurred, e.created, e.author, e.communicated,
       e.signed_at, e.signed_by, e.signed_rev, e.struck_at, e.struck_by, e.struck_reason,
       r.rev, r.text, r.author, r.created, r.reason
FROM journal_entries e JOIN journal_revisions r ON r.entry_id = e.id
"""


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(N_("Skriv anteckningens text."), field="text", problem="")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            N_("Anteckningen är för lång. Dela upp den i flera anteckningar."), field="text"
        )
    return text


# One INSERT per table (id None: the next rowid). A received journal is no longer written
# here: it is a received document set (app.store.received).
_INSERT_ENTRY = (
    "INSERT INTO journal_entries (id, case_id, kind, occurred, created, author, communicated)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REVISION = (
    "INSERT INTO journal_revisions (id, entry_id, rev, text, author, created, reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INDEX = "INSERT INTO journal_fts (rowid, text) VALUES (?, ?)"
_SIGN = (
    "UPDATE journal_entries SET signed_at = ?, signed_by = ?,"
    " signed_rev = (SELECT max(rev) FROM journal_revisions WHERE entry_id = ?) WHERE id = ?"
)
_STRIKE = (
    "UPDATE journal_entries SET struck_at = ?, struck_by = ?, struck_reason = ? WHERE id = ?"
)
_INSERT_ADDITION = (
    "INSERT INTO journal_additions (entry_id, text, reason, author, created)"
    " VALUES (?, ?, ?, ?, ?)"
)
_ADDITIONS_SQL = (
    "SELECT a.entry_id, a.id, a.text, a.reason, a.author, a.created"
    " FROM journal_additions a JOIN journal_entries e ON e.id = a.entry_id"
)
_LAST_ENTRY = "UPDATE cases SET last_entry = max(coalesce(last_entry, ''), ?) WHERE id = ?"


def insert_entry(
    conn: Any, case_id: int, kind: str, occurred: str, text: str, author: str, now: str,
    communicated: bool = False,
) -> tuple[int, int]:  # fmt: skip
    """Insert an entry and its first revision, index it, and move the case's
    ``last_entry``; return (entry id, revision id). Used by the store and the bench.
    A system event (a packet sent or received, a transfer step) records what the user
    just did: it is signed at once by that user, never left as an editable draft."""
    cur = conn.execute(
        _INSERT_ENTRY, (None, case_id, kind, occurred, now, author, int(communicated))
    )
    entry_id = int(cur.lastrowid)
    rev_id = _insert_revision(conn, entry_id, 1, text, author, now, "")
    conn.execute(_LAST_ENTRY, (occurred[:10], case_id))
    if kind == JournalKind.SYSTEM.value:
        sign_entry(conn, entry_id, now, author)
    return entry_id, rev_id


def _insert_revision(
    conn: Any, entry_id: int, rev: int, text: str, author: str, now: str, reason: str
) -> int:
    cur = conn.execute(_INSERT_REVISION, (None, entry_id, rev, text, author, now, reason))
    rev_id = int(cur.lastrowid)
    conn.execute(_INDEX, (rev_id, text))
    return rev_id


def add_revision(
    conn: Any, entry_id: int, text: str, author: str, created: str, reason: str
) -> int:
    """A correction: the next revision; the previous text leaves the search index (it
    stays readable in the entry's history)."""
    rev, old_id, old_text = conn.execute(
        "SELECT rev, id, text FROM journal_revisions WHERE entry_id = ? ORDER BY rev DESC LIMIT 1",
        (entry_id,),
    ).fetchone()
    conn.execute(
        "INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', ?, ?)",
        (old_id, old_text),
    )
    return _insert_revision(conn, entry_id, rev + 1, text, author, created, reason)


def sign_entry(conn: Any, entry_id: int, at: str, by: str | None) -> None:
    """Sign an entry at its last revision (later ones are corrections with a reason)."""
    conn.execute(_SIGN, (at, by, entry_id, entry_id))


def strike_entry(conn: Any, entry_id: int, at: str, by: str, reason: str) -> None:
    """Strike (makulera) a signed entry; the schema refuses a second strike."""
    conn.execute(_STRIKE, (at, by, reason, entry_id))


def insert_addition(
    conn: Any, entry_id: int, text: str, reason: str, author: str, created: str
) -> int:
    """A tillägg to a signed entry (the schema refuses one to a draft or a struck entry)."""
    return int(conn.execute(_INSERT_ADDITION, (entry_id, text, reason, author, created)).lastrowid)


def entries_from_rows(
    rows: list[tuple[Any, ...]], additions: dict[int, list[Addition]] | None = None
) -> tuple[JournalEntry, ...]:
    """Group joined entry+revision rows (ordered by entry, then rev) into entries."""
    entries = []
    for key, group in groupby(rows, key=lambda r: r[0]):
        items = list(group)
        revisions = tuple(Revision(*r[13:18]) for r in items)
        added = tuple((additions or {}).get(key, ()))
        entries.append(_entry(items[0], revisions, added))
    return tuple(entries)


def _entry(head: tuple[Any, ...], revisions: tuple[Revision, ...],
           additions: tuple[Addition, ...]) -> JournalEntry:  # fmt: skip
    return JournalEntry(
        id=head[0], case_id=head[1], kind=head[2], occurred=head[3], created=head[4],
        author=head[5], communicated=bool(head[6]), signed_at=head[7], signed_by=head[8],
        revisions=revisions, signed_rev=head[9], struck_at=head[10], struck_by=head[11],
        struck_reason=head[12], additions=additions,
    )  # fmt: skip


def _additions(conn: Any, where: str, value: int) -> dict[int, list[Addition]]:
    found: dict[int, list[Addition]] = {}
    for row in conn.execute(_ADDITIONS_SQL + where + " ORDER BY a.id", (value,)):
        found.setdefault(int(row[0]), []).append(Addition(*row[1:]))
    return found


class JournalMixin(StoreBase):
    def add_journal_entry(
        self,
        case_id: int,
        text: str,
        kind: JournalKind = JournalKind.CONVERSATION,
        *,
        occurred: str | None = None,
        communicated: bool = False,
    ) -> Changes:
        """Write an entry, a draft until signed (durably committed when this returns)."""
        text = check_text(text)
        day = checked_date(occurred, "occurred") or self.today().isoformat()
        now = self.now()
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            entry_id, _rev = insert_entry(
                conn, case_id, kind.value, day, text,
                self.user, now, communicated,
            )  # fmt: skip
            self._audit(conn, "journal_added", case_subject(ref), entry=entry_id)
        return self._changes(Area.JOURNAL, Area.CASE, case_id=case_id, id=entry_id)

    def journal(self, case_id: int) -> tuple[JournalEntry, ...]:
        """Every entry of a case in chronological order, each with all its revisions,
        additions and, if struck, the strike."""
        with self._read() as conn:
            return self._load_journal(conn, case_id)

    def journal_entry(self, entry_id: int) -> JournalEntry:
        with self._read() as conn:
            rows = conn.execute(_ENTRY_SQL + " WHERE e.id = ? ORDER BY r.rev", (entry_id,))
            found = entries_from_rows(rows.fetchall(), _additions(conn, " WHERE e.id = ?",
                                                                  entry_id))  # fmt: skip
        if not found:
            raise NotFound(what=f"Journalanteckning {entry_id}")
        return found[0]

    @staticmethod
    def _load_journal(conn: Any, case_id: int) -> tuple[JournalEntry, ...]:
        rows = conn.execute(
            _ENTRY_SQL + " WHERE e.case_id = ? ORDER BY e.occurred, e.id, r.rev", (case_id,)
        ).fetchall()
        return entries_from_rows(rows, _additions(conn, " WHERE e.case_id = ?", case_id))


__all__ = [
    "JournalMixin",
    "add_revision",
    "check_text",
    "entries_from_rows",
    "insert_addition",
    "insert_entry",
    "sign_entry",
    "strike_entry",
]
