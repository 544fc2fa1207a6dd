"""A verified handover packet becomes a new case, in one transaction, through the same
inserts as the case window and the CLI (a person, identifiers, a case, actors, tasks).

What the packet brings from the sender's file is a received document (*inkommen
handling*) from another authority, filed as such: the case gets this vault's own
reference (the sender's is kept as ``their_ref``); the sender's journal entries,
assessments, plans and consents become one received document set with their original
authors and dates (searchable, shown as "Mottaget från X den Y"), never this vault's
own journal entries or form records. So a consent given to the sender is history
here, never in force. One journal entry of this vault records the receipt.

The handover area turns the packet's JSON into the plain values below; the store never
reads the packet format. A duplicate or a replayed older packet is refused before
anything is written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.changes import Area
from app.domain.kinds import JournalKind
from app.store.cases import CasesMixin, case_subject
from app.store.formrecords import FormRecordsMixin
from app.store.handover import IN, HandoverMixin, PacketLog
from app.store.journal import insert_entry
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
class ReceivedDocument:
    """One document of the sender's file as received: a journal entry (``kind``
    "journal") or a form record (``kind`` its form id), with its original author and
    dates; ``text`` is what a reader sees and search finds, ``content`` the original
    structure (revisions and reasons, or the record's data)."""

    kind: str
    occurred: str
    author: str
    created: str
    title: str
    text: str
    content: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReceivedDocumentRow(ReceivedDocument):
    """A received document as this vault keeps it: which case, from which packet and
    sender, received which day."""

    id: int = 0
    case_id: int = 0
    packet_id: str = ""
    sender: str = ""
    received_on: str = ""


_DOCUMENT_SQL = (
    "SELECT id, case_id, packet_id, sender, received_on, kind, occurred, author, created,"
    " title, text, content FROM received_documents"
)


def document_from_row(row: tuple[Any, ...]) -> ReceivedDocumentRow:
    i, case_id, packet, sender, received_on, kind, occurred, author, created, title, text = row[:11]
    return ReceivedDocumentRow(kind, occurred, author, created, title, text, json.loads(row[11]),
                               i, case_id, packet, sender, received_on)  # fmt: skip


@dataclass(frozen=True)
class ReceivedCase:
    """Everything an import writes. ``documents`` is the sender's file as received
    (oldest first); ``note`` is the receiving journal's own entry (the receipt)."""

    log: PacketLog
    ref: str
    sender: str  # the sending municipality, for the audit trail
    received_from: str  # "Exempelby den 2026-11-23 (paket …)", shown on the case
    note: str
    person: ReceivedPerson
    target_group: str = "other"
    police_ref: str = ""
    documents: tuple[ReceivedDocument, ...] = ()
    guardians: tuple[ReceivedGuardian, ...] = ()  # a child's case
    actors: tuple[ReceivedActor, ...] = ()
    tasks: tuple[ReceivedTask, ...] = ()
    accepted_signer: bool = False  # an unknown signer accepted after a phone check


#: What an imported case brings: a new person and case with the received documents,
#: the journal entry of the receipt, actors and tasks, and the packet in the log.
_IMPORTED = (Area.CASE, Area.PERSON, Area.JOURNAL, Area.ACTOR, Area.TASK, Area.HANDOVER)


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
            ref = self._next_ref(conn, day[:4])
            case_id = self._insert_case(
                conn, ref, person_id, day, received.target_group, "other_municipality", day,
                self.user, self._municipality(conn), received.police_ref,
                received.received_from, note=received.received_from,
            )  # fmt: skip
            conn.execute("UPDATE cases SET their_ref = ? WHERE id = ?", (received.ref, case_id))
            self._insert_documents(conn, case_id, received, day)
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
    def _insert_documents(conn: Any, case_id: int, received: ReceivedCase, day: str) -> None:
        conn.executemany(
            "INSERT INTO received_documents (case_id, packet_id, sender, received_on, kind,"
            " occurred, author, created, title, text, content)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(case_id, received.log.packet_id, received.sender, day, d.kind, d.occurred,
              d.author or "–", d.created, d.title, d.text,
              json.dumps(d.content, ensure_ascii=False, sort_keys=True))
             for d in received.documents],
        )  # fmt: skip

    # ----------------------------------------------------------- reading
    def received_documents(self, case_id: int) -> tuple[ReceivedDocumentRow, ...]:
        """The case's received documents, oldest first (by their own date)."""
        with self._read() as conn:
            return self._load_received(conn, case_id)

    @staticmethod
    def _load_received(conn: Any, case_id: int) -> tuple[ReceivedDocumentRow, ...]:
        rows = conn.execute(
            _DOCUMENT_SQL + " WHERE case_id = ? ORDER BY occurred, id", (case_id,)
        ).fetchall()
        return tuple(map(document_from_row, rows))


__all__ = [
    "ReceivedActor",
    "ReceivedCase",
    "ReceivedDocument",
    "ReceivedDocumentRow",
    "ReceivedIdentifier",
    "ReceivedMixin",
    "ReceivedPerson",
    "ReceivedTask",
]
