"""The one store facade over the vault. The UI and the CLI call its verbs; none of them
writes SQL. Each writing verb commits durably and returns :class:`Changes` saying what
changed, so a screen refreshes only that.

Usage::

    store = Store(vault)
    person = store.add_person("Alva", "Exempelsson", identifier="19900101-9802").id
    case = store.create_case(person, target_group=TargetGroup.CRIMINAL_NETWORK).id
    store.add_journal_entry(case, "Första samtal ...")
    rows = filter_rows(store.case_rows(), CaseFilter(text="alva"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from app.changes import NOTHING, Area
from app.domain.kinds import ThreatLevel
from app.domain.stages import stage_model
from app.retention import RetentionPolicy
from app.stats import FollowUp
from app.store.base import NotFound
from app.store.caselist import ROW_AREAS, CaseFilter, filter_rows
from app.store.cases import CasesMixin, case_subject
from app.store.formrecords import (
    CONSENT,
    MOTIVATION,
    SAFETY_PLAN,
    THREAT,
    FormRecordsMixin,
)
from app.store.journal_lifecycle import JournalLifecycleMixin
from app.store.minors import ChildMixin
from app.store.oversight import OversightMixin, audit_csv
from app.store.people import PeopleMixin, person_subject
from app.store.received import ReceivedMixin
from app.store.records import (
    CaseFile,
    Changes,
    RegisterExtract,
    Task,
    TimelinePoint,
)
from app.store.retention import RetentionMixin
from app.store.search import SEARCH_AREAS, SearchMixin
from app.store.statistics import StatsMixin
from app.store.transfer_steps import TransferStepsMixin
from app.store.work import REMINDER_AREAS, WorkMixin

#: The parts of a :class:`CaseFile` besides the case row, and the areas whose changes
#: each part shows (a related person's shown name changes with a reveal).
CASE_FILE_PARTS: dict[str, frozenset[Area]] = {
    "related": frozenset({Area.RELATED, Area.PERSON}),
    "intake": frozenset({Area.INTAKE}),
    "journal": frozenset({Area.JOURNAL}),
    "motivation": frozenset({Area.MOTIVATION}),
    "threats": frozenset({Area.THREAT}),
    "safety_plans": frozenset({Area.SAFETY_PLAN}),
    "consents": frozenset({Area.CONSENT}),
    "decisions": frozenset({Area.DECISION}),
    "actors": frozenset({Area.ACTOR}),
    "tasks": frozenset({Area.TASK}),
    "status_history": frozenset({Area.CASE}),
    # a child's case: the age moves with the identifier, guardians with the person
    "child": frozenset({Area.CHILD, Area.PERSON}),
    # a received case: the sender's notes and records as received documents
    "received": frozenset({Area.HANDOVER}),
}

#: Audit events the register extract lists: recipients (exports, handovers, printouts)
#: and sources (packets received from another authority).
DISCLOSURE_EVENTS = ("exported", "handover_exported", "printed", "handover_imported")


class Store(
    ReceivedMixin,  # handover: identity, directory, roles, packet log, import (first: it
    # builds on the people, cases, form-record, work and transfer mixins below)
    PeopleMixin,
    CasesMixin,
    JournalLifecycleMixin,
    FormRecordsMixin,
    WorkMixin,
    SearchMixin,
    RetentionMixin,
    StatsMixin,
    OversightMixin,
    TransferStepsMixin,
    ChildMixin,
):
    """Every verb of the case file; see the mixins for each area."""

    def reminders(self, horizon_days: int = 7) -> list[Task]:
        """The "Today" view: tasks, reviews, consents, retention and transfer answers."""
        found = super().reminders(horizon_days) + self.transfer_reminders(horizon_days)
        found.sort(key=lambda t: (t.due or "", t.case_ref))
        return found

    def open_case(self, case_id: int, *, audit: bool = True) -> CaseFile:
        """Everything the case window shows, in one read; audited as ``case_opened``."""
        with self._read() as conn:
            case = self._load_case(conn, case_id)
            file = CaseFile(case=case, **self._load_parts(conn, case_id, CASE_FILE_PARTS))
        if audit:
            self.vault.audit("case_opened", case_subject(case.ref))
        return file

    def refresh_case(self, file: CaseFile, changes: Changes) -> CaseFile:
        """``file`` with the case row and the parts ``changes`` touched read again (see
        :data:`CASE_FILE_PARTS`); the same as a new :meth:`open_case`, not audited."""
        names = [name for name, areas in CASE_FILE_PARTS.items() if changes.touches(*areas)]
        with self._read() as conn:
            case = self._load_case(conn, file.case.id)
            return replace(file, case=case, **self._load_parts(conn, case.id, names))

    def _load_parts(self, conn: Any, case_id: int, names: Iterable[str]) -> dict[str, Any]:
        loaders: dict[str, Callable[[], Any]] = {
            "related": lambda: self._load_related(conn, case_id),
            "intake": lambda: self._load_intake(conn, case_id),
            "journal": lambda: self._load_journal(conn, case_id),
            "motivation": lambda: self._load_records(conn, case_id, MOTIVATION),
            "threats": lambda: self._load_records(conn, case_id, THREAT),
            "safety_plans": lambda: self._load_records(conn, case_id, SAFETY_PLAN),
            "consents": lambda: self._load_consents(conn, case_id),
            "decisions": lambda: self._load_decisions(conn, case_id),
            "actors": lambda: self._load_case_actors(conn, case_id),
            "tasks": lambda: tuple(self._load_tasks(conn, case_id, True)),
            "status_history": lambda: self._load_status_history(conn, case_id),
            "child": lambda: self._load_child(conn, self._person_of(conn, case_id), case_id),
            "received": lambda: self._load_received(conn, case_id),
        }
        return {name: loaders[name]() for name in names}

    def timeline(self, file: CaseFile) -> list[TimelinePoint]:
        """Points for the timeline chart: stage and threat level over time, relapse
        events, status changes and journal entries (as marks)."""
        points: list[TimelinePoint] = []
        for record in file.motivation:
            model = stage_model(str(record.data.get("model", "transtheoretical")))
            stage = model.find(record.summary)
            kind = "relapse" if stage is not None and stage.is_event else "stage"
            points.append(TimelinePoint(record.effective, kind, record.summary,
                                        stage.order if stage else 0))  # fmt: skip
        for record in file.threats:
            rank = ThreatLevel(record.summary).rank if record.summary else 0
            points.append(TimelinePoint(record.effective, "threat", record.summary, rank))
        for status, day, _author, _note in file.status_history:
            points.append(TimelinePoint(day, "status", status, 0))
        for entry in file.journal:
            points.append(TimelinePoint(entry.occurred[:10], "journal", entry.kind, 0))
        points.sort(key=lambda p: p.day)
        return points

    def register_extract(self, person_id: int) -> RegisterExtract:
        # The disclosure log (DISCLOSURE_EVENTS): what went out, and what came in from
        # another authority (the sources art. 15 asks for).
        """Everything held about a person (GDPR art. 15); audited. The person is shown
        unmasked: the extract is for the person themself."""
        was_revealed = person_id in self._revealed
        self._revealed.add(person_id)
        try:
            with self._read() as conn:
                person = self._load_person(conn, person_id)
                own = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM cases WHERE person_id = ? ORDER BY id", (person_id,)
                    )
                ]
                related = [r[0] for r in conn.execute(
                    "SELECT c.ref FROM case_persons cp JOIN cases c ON c.id = cp.case_id"
                    " WHERE cp.person_id = ? ORDER BY c.ref", (person_id,))]  # fmt: skip
            cases = tuple(self.open_case(cid, audit=False) for cid in own)
        finally:
            if not was_revealed:
                self._revealed.discard(person_id)
        refs = {case_subject(f.case.ref) for f in cases} | {person_subject(person_id)}
        disclosures = tuple(
            row
            for row in self.audit_log(events=DISCLOSURE_EVENTS)
            if row.subject in refs
        )
        self.vault.audit("register_extract", person_subject(person_id))
        return RegisterExtract(person, self.now(), cases, tuple(related), disclosures)


__all__ = [
    "CASE_FILE_PARTS",
    "CONSENT",
    "DISCLOSURE_EVENTS",
    "MOTIVATION",
    "NOTHING",
    "REMINDER_AREAS",
    "ROW_AREAS",
    "SAFETY_PLAN",
    "SEARCH_AREAS",
    "THREAT",
    "Area",
    "CaseFile",
    "CaseFilter",
    "Changes",
    "FollowUp",
    "NotFound",
    "RetentionPolicy",
    "Store",
    "audit_csv",
    "filter_rows",
]
