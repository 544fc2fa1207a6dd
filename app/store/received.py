"""A verified handover packet becomes a new case, in one transaction, through the same
inserts as the case window and the CLI (a person, identifiers, a case, form records,
journal entries, actors and tasks): a new form field is mapped once.

The handover area turns the packet's JSON into the plain values below; the store never
reads the packet format. Original authors and dates of journal entries, corrections
and form records are kept as imported history. A duplicate or a replayed older packet
is refused before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.changes import Area
from app.domain.kinds import JournalKind
from app.forms.definition import form_definition
from app.store.cases import CasesMixin, case_subject
from app.store.formrecords import SAFETY_PLAN, FormRecordsMixin
from app.store.handover import IN, HandoverMixin, PacketLog
from app.store.journal import insert_entry
from app.store.journal_history import ReceivedEntry, ReceivedRevision, insert_history
from app.store.people import PeopleMixin
from app.store.records import Changes
from app.store.work import WorkMixin


@dataclass(frozen=True)
class ReceivedIdentifier:
    kind: str
    value: str
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class ReceivedPerson:
    display_name: str
    protected_level: str = "none"
    given_names: str = ""
    family_name: str = ""
    birth_date: str | None = None
    languages: tuple[str, ...] = ()
    interpreter: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    identifiers: tuple[ReceivedIdentifier, ...] = ()


@dataclass(frozen=True)
class ReceivedGuardian:
    """A child's guardian: a person of their own, and what they may be told."""

    person: ReceivedPerson
    may_be_told: str
    told_note: str = ""


@dataclass(frozen=True)
class ReceivedRecord:
    """A form record (already validated against its form version)."""

    form: str
    form_version: int
    data: dict[str, Any]
    created: str
    author: str
    reason: str = ""


@dataclass(frozen=True)
class ReceivedActor:
    kind: str
    organisation: str
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    role: str = ""


@dataclass(frozen=True)
class ReceivedTask:
    title: str
    due: str | None = None
    owner: str = ""


@dataclass(frozen=True)
class ReceivedCase:
    """Everything an import writes. ``records`` arrive oldest first (the safety plan's
    versions in order); ``note`` is the receiving journal's system entry."""

    log: PacketLog
    ref: str
    sender: str  # the sending municipality, for the audit trail
    received_from: str  # "Exempelby den 2026-11-23 (paket …)", shown on the case
    note: str
    person: ReceivedPerson
    target_group: str = "other"
    police_ref: str = ""
    records: tuple[ReceivedRecord, ...] = ()
    guardians: tuple[ReceivedGuardian, ...] = ()  # a child's case
    journal: tuple[ReceivedEntry, ...] = ()
    actors: tuple[ReceivedActor, ...] = ()
    tasks: tuple[ReceivedTask, ...] = ()
    accepted_signer: bool = False  # an unknown signer accepted after a phone check


#: What an imported case brings: a new person and case with their records, journal,
#: actors and tasks, and the packet in the log.
_IMPORTED = (Area.CASE, Area.PERSON, Area.JOURNAL, Area.MOTIVATION, Area.THREAT,
             Area.SAFETY_PLAN, Area.CONSENT, Area.ACTOR, Area.TASK, Area.HANDOVER)  # fmt: skip


class ReceivedMixin(PeopleMixin, CasesMixin, FormRecordsMixin, WorkMixin, HandoverMixin):
    def import_case(self, received: ReceivedCase) -> Changes:
        """Create the case from a verified packet; ``Changes.case_id`` is the new case.
        Raises ``PacketRefused`` for a duplicate or replay, leaving the vault unchanged."""
        day, now = self.today().isoformat(), self.now()
        with self._write() as conn:
            self._refuse_seen(conn, received.log)
            person_id = self._insert_received_person(conn, received.person)
            for guardian in received.guardians:
                self._insert_received_guardian(conn, person_id, guardian)
            ref = self._free_ref(conn, received.ref)
            case_id = self._insert_case(
                conn, ref, person_id, day, received.target_group, "other_municipality", day,
                self.user, self._municipality(conn), received.police_ref,
                received.received_from, note=received.received_from,
            )  # fmt: skip
            self._insert_received_records(conn, case_id, received.records)
            insert_history(conn, case_id, received.journal)
            for actor in received.actors:
                actor_id = self._insert_actor(
                    conn, actor.kind, actor.organisation, actor.contact_name, actor.phone,
                    actor.email, "",
                )  # fmt: skip
                self._link_actor(conn, case_id, actor_id, actor.role)
            for task in received.tasks:
                self._insert_task(conn, case_id, task.title, task.due, task.owner)
            insert_entry(conn, case_id, JournalKind.SYSTEM.value, day, received.note,
                         self.user, now)  # fmt: skip
            self._log_packet(conn, IN, received.log, case_id)
            log = received.log
            if received.accepted_signer:
                self._audit(conn, "unknown_signer_accepted", None,
                            fingerprint=log.signer_fingerprint)  # fmt: skip
            self._audit(conn, "handover_imported", case_subject(ref), packet=log.packet_id,
                        **{"from": received.sender}, signer=log.signer_fingerprint)  # fmt: skip
        return self._changes(*_IMPORTED, case_id=case_id, person_id=person_id, id=case_id)

    def _insert_received_guardian(self, conn: Any, child: int, g: ReceivedGuardian) -> None:
        guardian = self._insert_received_person(conn, g.person)
        conn.execute(
            "INSERT INTO guardians (child_id, guardian_id, may_be_told, told_note, created,"
            " author) VALUES (?, ?, ?, ?, ?, ?)",
            (child, guardian, g.may_be_told, g.told_note, self.now(), self.user),
        )

    def _insert_received_person(self, conn: Any, p: ReceivedPerson) -> int:
        person_id = self._insert_person(
            conn, p.display_name, p.given_names, p.family_name, p.protected_level,
            p.birth_date, p.languages, p.interpreter, dict(p.contact),
        )  # fmt: skip
        for i in p.identifiers:
            self._insert_identifier(conn, person_id, i.kind, i.value, i.valid_from, i.valid_to)
        return person_id

    @staticmethod
    def _free_ref(conn: Any, ref: str) -> str:
        candidate, n = ref, 1
        while conn.execute("SELECT 1 FROM cases WHERE ref = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{ref}-{n}"
        return candidate

    def _insert_received_records(
        self, conn: Any, case_id: int, records: tuple[ReceivedRecord, ...]
    ) -> None:
        plan: tuple[int, int] | None = None  # every version of the plan is one series
        for rec in records:
            form = form_definition(rec.form, rec.form_version)
            series, revision = plan if rec.form == SAFETY_PLAN and plan else (None, 1)
            record_id = self._insert(conn, case_id, form, rec.data, series, revision,
                                     rec.reason, rec.created, rec.author or "–")  # fmt: skip
            if rec.form == SAFETY_PLAN:
                plan = (series or record_id, revision + 1)
            self._after_record(conn, case_id, form, rec.data)


__all__ = [
    "ReceivedActor",
    "ReceivedCase",
    "ReceivedEntry",
    "ReceivedIdentifier",
    "ReceivedMixin",
    "ReceivedPerson",
    "ReceivedRecord",
    "ReceivedRevision",
    "ReceivedTask",
]
