"""Cases: create, change, status machine, intake checklist, related persons, the list."""

from __future__ import annotations

from typing import Any

from app.changes import Area, Changes
from app.domain.case import (
    CaseStatus,
    CloseOutcome,
    IntakeAnswer,
    IntakeItem,
    ReferralSource,
    TargetGroup,
    check_transition,
)
from app.domain.kinds import RelationKind
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound, StoreBase
from app.store.caselist import CASE_ROW_SQL, FIRST_ROWS_SQL, CaseFilter, filter_rows, row_from_sql
from app.store.records import Case, CaseRow, IntakeCheck, RelatedPerson

_CASE_FIELDS = frozenset(
    {"target_group", "referral_source", "referral_date", "caseworker", "municipality",
     "police_ref", "phase", "retention_hold"}
)  # fmt: skip
_CASE_COLUMNS = (
    "id, ref, person_id, status, target_group, referral_source, referral_date, caseworker,"
    " municipality, police_ref, phase, opened, closed, close_outcome, received_from,"
    " retention_hold, stage_model, stage, threat_level, last_entry, their_ref"
)


def case_subject(ref: str) -> str:
    return f"case:{ref}"


class CasesMixin(StoreBase):
    def create_case(
        self,
        person_id: int,
        *,
        target_group: TargetGroup = TargetGroup.OTHER,
        referral_source: ReferralSource = ReferralSource.OTHER,
        ref: str | None = None,
        referral_date: str | None = None,
        opened: str | None = None,
        caseworker: str | None = None,
        municipality: str | None = None,
        police_ref: str = "",
        received_from: str = "",
    ) -> Changes:
        """Open a case (status: request) for a person already added."""
        opened = opened or self.today().isoformat()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM persons WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(what=f"Person {person_id}")
            ref = (ref or self._next_ref(conn, opened[:4])).strip()
            if conn.execute("SELECT 1 FROM cases WHERE ref = ?", (ref,)).fetchone():
                raise Refused(reason=_("ärendenumret finns redan"))
            case_id = self._insert_case(
                conn, ref, person_id, opened, target_group.value, referral_source.value,
                referral_date or opened,
                caseworker if caseworker is not None else self.user,
                municipality if municipality is not None else self._municipality(conn),
                police_ref, received_from,
            )  # fmt: skip
            self._audit(conn, "case_created", case_subject(ref))
        return self._changes(Area.CASE, case_id=case_id, person_id=person_id, id=case_id)

    def _insert_case(
        self, conn: Any, ref: str, person_id: int, opened: str, target_group: str,
        referral_source: str, referral_date: str, caseworker: str, municipality: str,
        police_ref: str, received_from: str, phase: str = "contact", note: str = "",
    ) -> int:  # fmt: skip
        """The one INSERT of a case with its first status row (create and import)."""
        cur = conn.execute(
            "INSERT INTO cases (ref, person_id, status, opened, created, target_group,"
            " referral_source, referral_date, caseworker, municipality, police_ref, phase,"
            " received_from, last_entry, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (ref, person_id, CaseStatus.REQUEST.value, opened, self.now(), target_group,
             referral_source, referral_date, caseworker, municipality, police_ref, phase,
             received_from, opened, self.now()),
        )  # fmt: skip
        case_id = int(cur.lastrowid)
        self._status_row(conn, case_id, CaseStatus.REQUEST, opened, note)
        return case_id

    @staticmethod
    def _next_ref(conn: Any, year: str) -> str:
        # max, not count: a culled case must never free its number for reuse
        prefix = f"AV-{year}-"
        last = conn.execute(
            "SELECT max(CAST(substr(ref, ?) AS INTEGER)) FROM cases WHERE ref LIKE ?",
            (len(prefix) + 1, prefix + "%"),
        ).fetchone()[0]
        return f"{prefix}{int(last or 0) + 1:04d}"

    @staticmethod
    def _municipality(conn: Any) -> str:
        row = conn.execute("SELECT municipality FROM profile WHERE id = 1").fetchone()
        return str(row[0]) if row else ""

    def _status_row(self, conn: Any, case_id: int, status: CaseStatus, day: str, note: str) -> None:
        conn.execute(
            "INSERT INTO case_status_history (case_id, status, changed_on, author, note)"
            " VALUES (?, ?, ?, ?, ?)",
            (case_id, status.value, day, self.user, note),
        )

    def update_case(self, case_id: int, **fields: Any) -> Changes:
        unknown = set(fields) - _CASE_FIELDS
        if unknown:
            raise TypeError(f"unknown case fields: {sorted(unknown)}")
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            for key, value in fields.items():
                stored = value.value if hasattr(value, "value") else value
                conn.execute(f"UPDATE cases SET {key} = ? WHERE id = ?", (stored, case_id))  # noqa: S608 (fixed identifiers; values bound)
            conn.execute("UPDATE cases SET updated = ? WHERE id = ?", (self.now(), case_id))
            self._audit(conn, "case_changed", case_subject(ref), fields=sorted(fields))
        return self._changes(Area.CASE, case_id=case_id, id=case_id)

    def set_status(
        self,
        case_id: int,
        status: CaseStatus,
        *,
        on: str | None = None,
        note: str = "",
        outcome: CloseOutcome | None = None,
    ) -> Changes:
        """Move the case along its status machine; closing needs an outcome."""
        day = on or self.today().isoformat()
        if status is CaseStatus.CLOSED and outcome is None:
            raise ValidationError(N_("Välj ett utfall när ärendet avslutas."), field="outcome")
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            old = CaseStatus(
                conn.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
            )
            check_transition(old, status)
            ended = status in (CaseStatus.CLOSED, CaseStatus.TRANSFERRED)
            conn.execute(
                "UPDATE cases SET status = ?, closed = ?, close_outcome = ?, updated = ?"
                " WHERE id = ?",
                (status.value, day if ended else None, outcome.value if outcome else None,
                 self.now(), case_id),
            )  # fmt: skip
            self._status_row(conn, case_id, status, day, note)
            self._audit(conn, "case_status", case_subject(ref), status=status.value)
        return self._changes(Area.CASE, case_id=case_id, id=case_id)

    def set_intake(
        self, case_id: int, item: IntakeItem, answer: IntakeAnswer, *,
        checked_on: str | None = None, source: str = "",
    ) -> Changes:  # fmt: skip
        """Record one prerequisite of the intake checklist with its date and source."""
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            conn.execute(
                "INSERT INTO case_intake (case_id, item, answer, checked_on, source)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(case_id, item) DO UPDATE SET"
                " answer = excluded.answer, checked_on = excluded.checked_on,"
                " source = excluded.source",
                (case_id, item.value, answer.value, checked_on or self.today().isoformat(), source),
            )
            self._audit(conn, "intake_checked", case_subject(ref), item=item.value)
        return self._changes(Area.INTAKE, case_id=case_id)

    def link_person(
        self, case_id: int, person_id: int, relation: RelationKind, note: str = ""
    ) -> Changes:
        """Link a related person (e.g. a family member who is also protected)."""
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            conn.execute(
                "INSERT OR REPLACE INTO case_persons (case_id, person_id, relation, note)"
                " VALUES (?, ?, ?, ?)",
                (case_id, person_id, relation.value, note),
            )
            self._audit(conn, "related_linked", case_subject(ref), person=person_id)
        return self._changes(Area.RELATED, case_id=case_id, person_id=person_id)

    def unlink_person(self, case_id: int, person_id: int) -> Changes:
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            conn.execute(
                "DELETE FROM case_persons WHERE case_id = ? AND person_id = ?",
                (case_id, person_id),
            )
            self._audit(conn, "related_unlinked", case_subject(ref), person=person_id)
        return self._changes(Area.RELATED, case_id=case_id, person_id=person_id)

    # ----------------------------------------------------------- reading
    def case_rows(self) -> list[CaseRow]:
        """Every case as a list row, newest activity first; filter with
        :func:`app.store.caselist.filter_rows` (cheap enough per keystroke)."""
        today = self.today().isoformat()
        with self._read() as conn:
            # Any write on this connection (total_changes) or another one (data_version),
            # e.g. a handover import, makes the cached rows stale.
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            key = f"{today}/{conn.total_changes}/{version}"
            if self._rows_cache is None or self._rows_cache[0] != key:
                rows = conn.execute(CASE_ROW_SQL, {"today": today}).fetchall()
                self._rows_cache = (key, [row_from_sql(r, self._shown_name) for r in rows])
        return list(self._rows_cache[1])

    def first_case_rows(self, limit: int = 100) -> list[CaseRow]:
        """The ``limit`` most recently opened cases (a first page while
        :meth:`case_rows` reads them all)."""
        today = self.today().isoformat()
        with self._read() as conn:
            rows = conn.execute(FIRST_ROWS_SQL, {"today": today, "limit": limit}).fetchall()
        return [row_from_sql(r, self._shown_name) for r in rows]

    def list_cases(self, flt: CaseFilter | None = None) -> list[CaseRow]:
        """One read plus a filter; for per-keystroke filtering keep :meth:`case_rows`
        and call :func:`app.store.caselist.filter_rows` on the cached list."""
        return filter_rows(self.case_rows(), flt or CaseFilter())

    def case(self, case_id: int) -> Case:
        with self._read() as conn:
            return self._load_case(conn, case_id)

    def case_id_for_ref(self, ref: str) -> int:
        with self._read() as conn:
            return self._case_id(conn, ref)

    def _load_case(self, conn: Any, case_id: int) -> Case:
        row = conn.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,)).fetchone()  # noqa: S608 (fixed identifiers; values bound)
        if row is None:
            raise NotFound(what=f"Ärende {case_id}")
        person = self._load_person(conn, int(row[2]))
        return Case(row[0], row[1], person, CaseStatus(row[3]), *row[4:])

    def _load_related(self, conn: Any, case_id: int) -> tuple[RelatedPerson, ...]:
        rows = conn.execute(
            "SELECT person_id, relation, note FROM case_persons WHERE case_id = ?"
            " ORDER BY person_id",
            (case_id,),
        ).fetchall()
        return tuple(RelatedPerson(self._load_person(conn, p), r, n) for p, r, n in rows)

    @staticmethod
    def _load_intake(conn: Any, case_id: int) -> tuple[IntakeCheck, ...]:
        rows = conn.execute(
            "SELECT item, answer, checked_on, source FROM case_intake WHERE case_id = ?",
            (case_id,),
        ).fetchall()
        found = {r[0]: IntakeCheck(*r) for r in rows}
        return tuple(found[i.value] for i in IntakeItem if i.value in found)

    @staticmethod
    def _load_status_history(conn: Any, case_id: int) -> tuple[tuple[str, str, str, str], ...]:
        rows = conn.execute(
            "SELECT status, changed_on, author, note FROM case_status_history"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        ).fetchall()
        return tuple((str(a), str(b), str(c), str(d)) for a, b, c, d in rows)


__all__ = ["CasesMixin", "case_subject"]
