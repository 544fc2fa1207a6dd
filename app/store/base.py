"""Shared machinery of the store: the vault, the clock, writes with audit, masking."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, date
from typing import Any

from app.changes import Area, Changes
from app.clock import Clock, stamp
from app.domain.identifiers import IdentifierKind
from app.domain.kinds import ProtectedLevel, TaskKind, masked_name
from app.errors import UtvagError
from app.store.records import CaseRow, Identifier, Person, RetentionCandidate
from app.vault import audit
from app.vault.vault import Vault

CACHE_KIB = 32 * 1024

PERSON_COLUMNS = (
    "id, display_name, given_names, family_name, protected_level, birth_date, "
    "languages, interpreter, contact"
)

_PERSON_SQL = f"SELECT {PERSON_COLUMNS} FROM persons WHERE id = ?"  # noqa: S608 (constant)


class NotFound(UtvagError):
    exit_code = 5
    template = "{what} finns inte i valvet. Det kan ha gallrats eller aldrig funnits."


class StoreBase:
    """The vault plus the helpers every part of the store needs."""

    def __init__(self, vault: Vault, clock: Clock | None = None) -> None:
        self.vault = vault
        if clock is not None:  # one clock per session: the vault's audit times follow it
            vault.clock = clock
        #: the session's one clock (windows read today's date from here too)
        self.clock: Clock = vault.clock
        self._revealed: set[int] = set()
        #: document frequency per search word (search ranking; stale is harmless)
        self._doc_freq: dict[str, float] = {}
        #: every case-list row, built once and dropped on any write or reveal
        self._rows_cache: tuple[str, list[CaseRow]] | None = None
        # A long journal's revisions lie scattered over the file (written over years):
        # 32 MB of page cache keeps a reopened 2,000-entry case from decrypting every
        # page again (cold ~150 ms, warm ~40 ms at a million entries).
        with vault.read() as conn:
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    # ------------------------------------------------------------- time
    def now(self) -> str:
        return self.clock.now().astimezone(UTC).isoformat(timespec="seconds")

    def today(self) -> date:
        return self.clock.today()

    @property
    def user(self) -> str:
        return self.vault.actor

    # ----------------------------------------------------------- writes
    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        """One durable transaction (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL)."""
        try:
            with self.vault.transaction() as conn:
                yield conn
        finally:
            self._rows_cache = None

    @contextlib.contextmanager
    def _read(self) -> Iterator[Any]:
        with self.vault.read() as conn:
            yield conn

    def _audit(self, conn: Any, event: str, subject: str | None, **details: Any) -> None:
        """Audit inside the caller's transaction: the change and its trace commit together."""
        audit.append(conn, self.user, event, subject, details, ts=stamp(self.clock, "microseconds"))

    @staticmethod
    def _changes(*areas: Area, case_id: int | None = None, person_id: int | None = None,
                 id: int | None = None) -> Changes:  # fmt: skip
        return Changes.of(*areas, case_id=case_id, person_id=person_id, id=id)

    # ---------------------------------------------------------- masking
    def is_revealed(self, person_id: int) -> bool:
        return person_id in self._revealed

    def _shown_name(self, person_id: int, name: str, level: str) -> tuple[str, bool]:
        """The name a list or title may show, and whether it is masked."""
        if level != ProtectedLevel.NONE.value and person_id not in self._revealed:
            return masked_name(), True
        return name, False

    def _person_from_row(
        self, row: tuple[Any, ...], identifiers: tuple[Identifier, ...] = ()
    ) -> Person:
        pid, display, given, family, level, birth, langs, interp, contact = row
        shown, masked = self._shown_name(pid, display, level)
        if masked:  # a masked person carries nothing that identifies them
            return Person(pid, shown, "", "", ProtectedLevel(level), True)
        return Person(
            pid, shown, given, family, ProtectedLevel(level), False, birth,
            tuple(json.loads(langs)), interp, dict(json.loads(contact)), identifiers,
        )  # fmt: skip

    def _load_person(self, conn: Any, person_id: int) -> Person:
        row = conn.execute(_PERSON_SQL, (person_id,)).fetchone()
        if row is None:
            raise NotFound(what=f"Person {person_id}")
        idents = tuple(
            Identifier(i, IdentifierKind(k), v, f, t)
            for i, k, v, f, t in conn.execute(
                "SELECT id, kind, value, valid_from, valid_to FROM person_identifiers"
                # ended ones first, then by start (an unknown start first), then as entered
                " WHERE person_id = ? ORDER BY valid_to IS NULL, coalesce(valid_from, ''), id",
                (person_id,),
            )
        )
        return self._person_from_row(row, idents)

    def case_rows(self) -> list[CaseRow]:
        """Provided by :class:`app.store.cases.CasesMixin` (used by the search)."""
        raise NotImplementedError

    def retention_due(self) -> list[RetentionCandidate]:
        """Provided by :class:`app.retention.RetentionMixin` (used by the reminders)."""
        raise NotImplementedError

    def _insert_task(self, conn: Any, case_id: int | None, title: str, due: str | None,
                     owner: str, kind: TaskKind = TaskKind.MANUAL) -> int:  # fmt: skip
        """Provided by :class:`app.store.work.WorkMixin` (a raised threat level adds one)."""
        raise NotImplementedError

    def _case_id(self, conn: Any, ref: str) -> int:
        row = conn.execute("SELECT id FROM cases WHERE ref = ?", (ref,)).fetchone()
        if row is None:
            raise NotFound(what=f"Ärendet {ref}")
        return int(row[0])

    def _case_ref(self, conn: Any, case_id: int) -> str:
        row = conn.execute("SELECT ref FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFound(what=f"Ärende {case_id}")
        return str(row[0])


__all__ = ["NotFound", "StoreBase"]
