"""Actors, decisions, tasks and the automatic reminders of the "Today" view."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.changes import Area, Changes
from app.domain.dates import checked_date, parse_date
from app.domain.kinds import ActorKind, TaskKind
from app.errors import ValidationError
from app.i18n import N_
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.records import Actor, Decision, Task

_ACTOR_FIELDS = frozenset({"kind", "organisation", "contact_name", "phone", "email", "notes"})
_ACTOR_SQL = "SELECT id, kind, organisation, contact_name, phone, email, notes FROM actors"
_TASK_SQL = (
    "SELECT t.id, t.case_id, t.kind, t.title, t.due, t.owner, t.done_at, 0,"
    " coalesce(c.ref, '') FROM tasks t LEFT JOIN cases c ON c.id = t.case_id"
)
_REVIEWS = (
    ("motivation_review", TaskKind.REVIEW_MOTIVATION),
    ("threat_review", TaskKind.REVIEW_THREAT),
    ("safety_review", TaskKind.REVIEW_SAFETY_PLAN),
)
_OPEN = "('request', 'assessment', 'active', 'paused')"
MAX_NAME = 200
MAX_REASON = 2_000


#: What the reminders read: tasks, the review dates and status on the case row (and
#: retention), consents, and transfer requests (``Store.reminders`` adds those).
REMINDER_AREAS = frozenset({Area.TASK, Area.CASE, Area.CONSENT, Area.TRANSFER})


class WorkMixin(StoreBase):
    # ------------------------------------------------------------ actors
    def add_actor(
        self, kind: ActorKind, organisation: str, *, contact_name: str = "", phone: str = "",
        email: str = "", notes: str = "",
    ) -> Changes:  # fmt: skip
        if not organisation.strip():
            raise ValidationError(N_("Skriv organisationens namn."), field="organisation")
        with self._write() as conn:
            actor_id = self._insert_actor(
                conn, kind.value, organisation.strip(), contact_name, phone, email, notes
            )
            self._audit(conn, "actor_added", f"actor:{actor_id}")
        return self._changes(Area.ACTOR, id=actor_id)

    def _insert_actor(
        self, conn: Any, kind: str, organisation: str, contact_name: str, phone: str,
        email: str, notes: str,
    ) -> int:  # fmt: skip
        cur = conn.execute(
            "INSERT INTO actors (kind, organisation, contact_name, phone, email, notes,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, organisation, contact_name, phone, email, notes, self.now()),
        )
        return int(cur.lastrowid)

    @staticmethod
    def _link_actor(conn: Any, case_id: int, actor_id: int, role: str) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO case_actors (case_id, actor_id, role) VALUES (?, ?, ?)",
            (case_id, actor_id, role),
        )

    def update_actor(self, actor_id: int, **fields: Any) -> Changes:
        unknown = set(fields) - _ACTOR_FIELDS
        if unknown:
            raise TypeError(f"unknown actor fields: {sorted(unknown)}")
        with self._write() as conn:
            for key, value in fields.items():
                stored = value.value if isinstance(value, ActorKind) else value
                conn.execute(f"UPDATE actors SET {key} = ? WHERE id = ?", (stored, actor_id))  # noqa: S608 (fixed identifiers; values bound)
            self._audit(conn, "actor_changed", f"actor:{actor_id}")
        return self._changes(Area.ACTOR, id=actor_id)

    def actors(self) -> list[Actor]:
        with self._read() as conn:
            rows = conn.execute(_ACTOR_SQL + " ORDER BY organisation, contact_name").fetchall()
        return [Actor(*r) for r in rows]

    def link_actor(self, case_id: int, actor_id: int, role: str = "") -> Changes:
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            self._link_actor(conn, case_id, actor_id, role)
            self._audit(conn, "actor_linked", case_subject(ref), actor=actor_id)
        return self._changes(Area.ACTOR, case_id=case_id, id=actor_id)

    def unlink_actor(self, case_id: int, actor_id: int) -> Changes:
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            conn.execute(
                "DELETE FROM case_actors WHERE case_id = ? AND actor_id = ?", (case_id, actor_id)
            )
            self._audit(conn, "actor_unlinked", case_subject(ref), actor=actor_id)
        return self._changes(Area.ACTOR, case_id=case_id, id=actor_id)

    @staticmethod
    def _load_case_actors(conn: Any, case_id: int) -> tuple[Actor, ...]:
        rows = conn.execute(
            "SELECT a.id, a.kind, a.organisation, a.contact_name, a.phone, a.email, a.notes,"
            " ca.role FROM case_actors ca JOIN actors a ON a.id = ca.actor_id"
            " WHERE ca.case_id = ? ORDER BY a.organisation",
            (case_id,),
        ).fetchall()
        return tuple(Actor(*r) for r in rows)

    # --------------------------------------------------------- decisions
    def add_decision(
        self, case_id: int, measure: str, legal_basis: str, decided_on: str,
        decision_maker: str, appeal_info: str = "", *, valid_from: str | None = None,
        valid_until: str | None = None, grounds: str = "",
    ) -> Changes:  # fmt: skip
        """Record a decision (beslut): the measure, legal basis, date, decision maker,
        and (when known) the period it covers and its grounds."""
        if not (measure.strip() and legal_basis.strip() and decision_maker.strip()):
            raise ValidationError(
                N_("Ange insats, lagrum och beslutsfattare."), field="decision", problem=""
            )
        decided_on = parse_date(decided_on, "decided_on").isoformat()
        start = parse_date(valid_from, "valid_from").isoformat() if valid_from else None
        until = parse_date(valid_until, "valid_until").isoformat() if valid_until else None
        if start and until and until < start:
            raise ValidationError(
                N_("Beslutet kan inte upphöra före den dag det börjar gälla."),
                field="valid_until", problem="",
            )  # fmt: skip
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            cur = conn.execute(
                "INSERT INTO decisions (case_id, measure, legal_basis, decided_on,"
                " decision_maker, appeal_info, created, author, valid_from, valid_until,"
                " grounds) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (case_id, measure.strip(), legal_basis.strip(), decided_on,
                 decision_maker.strip(), appeal_info, self.now(), self.user, start, until,
                 grounds.strip()),
            )  # fmt: skip
            conn.execute(
                "UPDATE cases SET last_entry = max(coalesce(last_entry, ''), ?) WHERE id = ?",
                (decided_on, case_id),
            )
            self._audit(conn, "decision_added", case_subject(ref), decision=int(cur.lastrowid))
        return self._changes(Area.DECISION, Area.CASE, case_id=case_id, id=int(cur.lastrowid))

    @staticmethod
    def _load_decisions(conn: Any, case_id: int) -> tuple[Decision, ...]:
        rows = conn.execute(
            "SELECT id, case_id, measure, legal_basis, decided_on, decision_maker, appeal_info,"
            " created, author, valid_from, valid_until, grounds FROM decisions"
            " WHERE case_id = ? ORDER BY decided_on, id",
            (case_id,),
        ).fetchall()
        return tuple(Decision(*r) for r in rows)

    # ------------------------------------------------------------- tasks
    def add_task(
        self, title: str, *, case_id: int | None = None, due: str | None = None,
        owner: str | None = None,
    ) -> Changes:  # fmt: skip
        if not title.strip():
            raise ValidationError(N_("Skriv vad som ska göras."), field="title", problem="")
        due = checked_date(due, "due")
        with self._write() as conn:
            subject = case_subject(self._case_ref(conn, case_id)) if case_id else None
            task_id = self._insert_task(
                conn, case_id, title.strip(), due, owner if owner is not None else self.user
            )
            self._audit(conn, "task_added", subject, task=task_id)
        return self._changes(Area.TASK, case_id=case_id, id=task_id)

    def _insert_task(self, conn: Any, case_id: int | None, title: str, due: str | None,
                     owner: str, kind: TaskKind = TaskKind.MANUAL) -> int:  # fmt: skip
        cur = conn.execute(
            "INSERT INTO tasks (case_id, kind, title, due, owner, created, author)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_id, kind.value, title, due, owner, self.now(), self.user),
        )
        return int(cur.lastrowid)

    def complete_task(self, task_id: int, done: bool = True) -> Changes:
        """Mark a task done (``done=False``: open it again)."""
        return self._change_task(
            task_id, "task_done" if done else "task_reopened",
            "done_at = ?, done_by = ?", (self.now() if done else None, self.user if done else None),
        )  # fmt: skip

    def edit_task(self, task_id: int, title: str, due: str | None) -> Changes:
        """Change what a task says and when it is due (``due`` None: no due date)."""
        if not title.strip():
            raise ValidationError(N_("Skriv vad som ska göras."), field="title", problem="")
        due = checked_date(due, "due")
        return self._change_task(task_id, "task_changed", "title = ?, due = ?",
                                 (title.strip(), due))  # fmt: skip

    def reassign_task(self, task_id: int, owner: str) -> Changes:
        """Give a task to another named user (handläggare)."""
        owner = owner.strip()
        if not owner or len(owner) > MAX_NAME:
            raise ValidationError(
                N_("Skriv namnet på den som ska ha uppgiften."), field="owner", problem=""
            )
        return self._change_task(task_id, "task_reassigned", "owner = ?", (owner,), to=owner)

    def remove_task(self, task_id: int, reason: str) -> Changes:
        """Remove a task with a reason: it leaves every list; its row keeps who removed
        it, when and why, and the audit trail names it."""
        reason = reason.strip()
        if not reason or len(reason) > MAX_REASON:
            raise ValidationError(
                N_("Skriv varför uppgiften tas bort; skälet sparas."), field="reason", problem=""
            )
        return self._change_task(task_id, "task_removed",
                                 "removed_at = ?, removed_by = ?, removed_reason = ?",
                                 (self.now(), self.user, reason))  # fmt: skip

    def _change_task(
        self, task_id: int, event: str, assignments: str, values: tuple[Any, ...], **details: Any
    ) -> Changes:
        with self._write() as conn:
            row = conn.execute(
                "SELECT t.case_id, c.ref, t.removed_at FROM tasks t"
                " LEFT JOIN cases c ON c.id = t.case_id WHERE t.id = ?",
                (task_id,),
            ).fetchone()
            if row is None or row[2] is not None:
                raise NotFound(what=f"Uppgift {task_id}")
            conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", (*values, task_id))  # noqa: S608 (fixed identifiers; values bound)
            self._audit(conn, event, case_subject(row[1]) if row[1] else None, task=task_id,
                        **details)  # fmt: skip
        return self._changes(Area.TASK, case_id=row[0], id=task_id)

    def task(self, task_id: int) -> Task:
        """One task (not a removed one)."""
        with self._read() as conn:
            row = conn.execute(_TASK_SQL + " WHERE t.id = ? AND t.removed_at IS NULL",
                               (task_id,)).fetchone()  # fmt: skip
        if row is None:
            raise NotFound(what=f"Uppgift {task_id}")
        return _task(row)

    def task_owners(self) -> list[str]:
        """Names a task can be given to: this user, the case workers and task owners."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT caseworker FROM cases UNION SELECT owner FROM tasks"
                " WHERE removed_at IS NULL"
            ).fetchall()
        return sorted({self.user, *(r[0] for r in rows if r[0] and r[0].strip())},
                      key=str.casefold)  # fmt: skip

    def tasks(self, case_id: int | None = None, include_done: bool = False) -> list[Task]:
        with self._read() as conn:
            return self._load_tasks(conn, case_id, include_done)

    @staticmethod
    def _load_tasks(conn: Any, case_id: int | None, include_done: bool) -> list[Task]:
        where = ["t.removed_at IS NULL"] + ([] if include_done else ["t.done_at IS NULL"])
        params: list[Any] = []
        if case_id is not None:
            where.append("t.case_id = ?")
            params.append(case_id)
        sql = _TASK_SQL + (" WHERE " + " AND ".join(where) if where else "")
        rows = conn.execute(sql + " ORDER BY t.due IS NULL, t.due, t.id", params).fetchall()
        return [_task(r) for r in rows]

    def reminders(self, horizon_days: int = 7) -> list[Task]:
        """The "Today" view: open tasks and reviews due within ``horizon_days``,
        consents that expire within 30 days, and cases due for retention review."""
        limit = (self.today() + timedelta(days=horizon_days)).isoformat()
        found = [t for t in self.tasks() if t.due is not None and t.due <= limit]
        with self._read() as conn:
            for column, kind in _REVIEWS:
                rows = conn.execute(
                    f"SELECT id, ref, {column} FROM cases WHERE status IN {_OPEN}"  # noqa: S608 (fixed identifiers; values bound)
                    f" AND {column} <= ? ORDER BY {column}",
                    (limit,),
                ).fetchall()
                found += [_auto(kind, cid, ref, due) for cid, ref, due in rows]
            found += self._expiring_consents(conn)
        found += [
            _auto(TaskKind.RETENTION_REVIEW, c.cases[-1].case_id, c.cases[-1].ref, str(c.due))
            for c in self.retention_due()
        ]
        found.sort(key=lambda t: (t.due or "", t.case_ref))
        return found

    def _expiring_consents(self, conn: Any) -> list[Task]:
        horizon = (self.today() + timedelta(days=30)).isoformat()
        rows = conn.execute(
            "SELECT f.case_id, c.ref, json_extract(f.data, '$.valid_until') AS until"  # noqa: S608 (fixed identifiers; values bound)
            " FROM form_records f JOIN cases c ON c.id = f.case_id"
            f" WHERE f.form = 'consent' AND c.status IN {_OPEN}"
            " AND f.revision = (SELECT max(g.revision) FROM form_records g"
            " WHERE g.series = f.series)"
            " AND json_extract(f.data, '$.withdrawn_on') IS NULL AND until BETWEEN ? AND ?",
            ((self.today() - timedelta(days=30)).isoformat(), horizon),
        ).fetchall()
        return [_auto(TaskKind.CONSENT_EXPIRING, cid, ref, until) for cid, ref, until in rows]


def _task(r: tuple[Any, ...]) -> Task:
    return Task(r[0], r[1], r[2], r[3], r[4], r[5], r[6], False, r[8])


def _auto(kind: TaskKind, case_id: int, ref: str, due: str) -> Task:
    return Task(0, case_id, kind.value, kind.label, due, "", None, True, ref)


__all__ = ["REMINDER_AREAS", "WorkMixin"]
