"""The journal: append-only entries; a correction is a new revision that keeps the
earlier text, author and reason; signing locks an entry. The schema's triggers refuse
any UPDATE or DELETE of a revision, so not even a bug in the store can rewrite one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from app.changes import Area, Changes
from app.domain.dates import checked_date
from app.domain.kinds import JournalKind
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.records import JournalEntry, Revision

MAX_TEXT = 100_000

_ENTRY_SQL = """
SELECT e.id, e.case_id, e.kind, e.occurred, e.created, e.author, e.communicated,
       e.signed_at, e.signed_by, r.rev, r.text, r.author, r.created, r.reason
FROM journal_entries e JOIN journal_revisions r ON r.entry_id = e.id
"""


def _check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(N_("Skriv anteckningens text."), field="text", problem="")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            N_("Anteckningen är för lång. Dela upp den i flera anteckningar."), field="text"
        )
    return text


# One INSERT per table, used for a single entry (id None: the next rowid) and for a
# batch of received entries (ids assigned up front, one ``executemany`` per table).
_INSERT_ENTRY = (
    "INSERT INTO journal_entries (id, case_id, kind, occurred, created, author, communicated)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REVISION = (
    "INSERT INTO journal_revisions (id, entry_id, rev, text, author, created, reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INDEX = "INSERT INTO journal_fts (rowid, text) VALUES (?, ?)"
_SIGN = "UPDATE journal_entries SET signed_at = ?, signed_by = ? WHERE id = ?"
_LAST_ENTRY = "UPDATE cases SET last_entry = max(coalesce(last_entry, ''), ?) WHERE id = ?"


@dataclass(frozen=True)
class ReceivedRevision:
    text: str
    author: str
    created: str
    reason: str = ""


@dataclass(frozen=True)
class ReceivedEntry:
    """An entry written elsewhere (a handover), with its history and signature."""

    kind: str
    occurred: str
    revisions: tuple[ReceivedRevision, ...]  # oldest first, at least one
    communicated: bool = False
    signed_at: str | None = None
    signed_by: str | None = None


def insert_entry(
    conn: Any, case_id: int, kind: str, occurred: str, text: str, author: str, now: str,
    communicated: bool = False,
) -> tuple[int, int]:  # fmt: skip
    """Insert an entry and its first revision, index it, and move the case's
    ``last_entry``; return (entry id, revision id). Used by the store and the bench."""
    cur = conn.execute(
        _INSERT_ENTRY, (None, case_id, kind, occurred, now, author, int(communicated))
    )
    entry_id = int(cur.lastrowid)
    rev_id = _insert_revision(conn, entry_id, 1, text, author, now, "")
    conn.execute(_LAST_ENTRY, (occurred[:10], case_id))
    return entry_id, rev_id


def insert_history(conn: Any, case_id: int, entries: Sequence[ReceivedEntry]) -> None:
    """Received entries with their revisions, authors, dates and signatures. Batched
    (a 2,000-entry case imports in one ``executemany`` per table): ids are assigned up
    front; only each entry's current text is indexed; signing comes last because a
    signed entry refuses new revisions."""
    entry_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_entries").fetchone()[0])
    rev_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
    rows: dict[str, list[tuple[Any, ...]]] = {"entry": [], "rev": [], "fts": [], "sign": []}
    for entry in entries:
        entry_id += 1
        first = entry.revisions[0]
        rows["entry"].append((entry_id, case_id, entry.kind, entry.occurred, first.created,
                              first.author, int(entry.communicated)))  # fmt: skip
        for number, rev in enumerate(entry.revisions, start=1):
            rev_id += 1
            rows["rev"].append((rev_id, entry_id, number, rev.text, rev.author, rev.created,
                                rev.reason))  # fmt: skip
        rows["fts"].append((rev_id, entry.revisions[-1].text))
        if entry.signed_at:
            rows["sign"].append((entry.signed_at, entry.signed_by, entry_id))
    for sql, key in ((_INSERT_ENTRY, "entry"), (_INSERT_REVISION, "rev"), (_INDEX, "fts"),
                     (_SIGN, "sign")):  # fmt: skip
        conn.executemany(sql, rows[key])
    if entries:
        conn.execute(_LAST_ENTRY, (max(e.occurred[:10] for e in entries), case_id))


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
    """Lock an entry (after its last revision: the schema refuses later ones)."""
    conn.execute(_SIGN, (at, by, entry_id))


def entries_from_rows(rows: list[tuple[Any, ...]]) -> tuple[JournalEntry, ...]:
    """Group joined entry+revision rows (ordered by entry, then rev) into entries."""
    entries = []
    for _key, group in groupby(rows, key=lambda r: r[0]):
        items = list(group)
        head = items[0]
        revisions = tuple(Revision(r[9], r[10], r[11], r[12], r[13]) for r in items)
        entries.append(
            JournalEntry(
                head[0],
                head[1],
                head[2],
                head[3],
                head[4],
                head[5],
                bool(head[6]),
                head[7],
                head[8],
                revisions,
            )
        )
    return tuple(entries)


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
        """Write an entry (durably committed when this returns)."""
        text = _check_text(text)
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

    def correct_journal_entry(self, entry_id: int, text: str, reason: str) -> Changes:
        """Add a correction: the earlier text, its author and the reason stay readable."""
        text = _check_text(text)
        if not reason.strip():
            raise ValidationError(
                N_("Skriv varför anteckningen rättas; skälet sparas med rättelsen."),
                field="reason",
                problem="",
            )
        with self._write() as conn:
            case_id, signed = self._entry_state(conn, entry_id)
            if signed:
                raise Refused(
                    reason=_(
                        "anteckningen är signerad och låst. Skriv en ny anteckning som "
                        "hänvisar till den."
                    )
                )
            add_revision(conn, entry_id, text, self.user, self.now(), reason.strip())
            ref = self._case_ref(conn, case_id)
            self._audit(conn, "journal_corrected", case_subject(ref), entry=entry_id)
        return self._changes(Area.JOURNAL, case_id=case_id, id=entry_id)

    def sign_journal_entry(self, entry_id: int) -> Changes:
        """Lock an entry. Only its author may sign it."""
        with self._write() as conn:
            case_id, signed = self._entry_state(conn, entry_id)
            author = conn.execute(
                "SELECT author FROM journal_entries WHERE id = ?", (entry_id,)
            ).fetchone()[0]
            if signed:
                raise Refused(reason=_("anteckningen är redan signerad"))
            if author != self.user:
                raise Refused(reason=_("bara den som skrev anteckningen kan signera den"))
            sign_entry(conn, entry_id, self.now(), self.user)
            ref = self._case_ref(conn, case_id)
            self._audit(conn, "journal_signed", case_subject(ref), entry=entry_id)
        return self._changes(Area.JOURNAL, case_id=case_id, id=entry_id)

    @staticmethod
    def _entry_state(conn: Any, entry_id: int) -> tuple[int, bool]:
        row = conn.execute(
            "SELECT case_id, signed_at FROM journal_entries WHERE id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            raise NotFound(what=f"Journalanteckning {entry_id}")
        return int(row[0]), row[1] is not None

    def journal(self, case_id: int) -> tuple[JournalEntry, ...]:
        """Every entry of a case in chronological order, each with all its revisions."""
        with self._read() as conn:
            return self._load_journal(conn, case_id)

    def journal_entry(self, entry_id: int) -> JournalEntry:
        with self._read() as conn:
            rows = conn.execute(_ENTRY_SQL + " WHERE e.id = ? ORDER BY r.rev", (entry_id,))
            found = entries_from_rows(rows.fetchall())
        if not found:
            raise NotFound(what=f"Journalanteckning {entry_id}")
        return found[0]

    @staticmethod
    def _load_journal(conn: Any, case_id: int) -> tuple[JournalEntry, ...]:
        rows = conn.execute(
            _ENTRY_SQL + " WHERE e.case_id = ? ORDER BY e.occurred, e.id, r.rev", (case_id,)
        ).fetchall()
        return entries_from_rows(rows)


__all__ = [
    "JournalMixin",
    "ReceivedEntry",
    "ReceivedRevision",
    "add_revision",
    "entries_from_rows",
    "insert_entry",
    "insert_history",
    "sign_entry",
]
