"""Plain values the store returns. Frozen, no database handles, safe to pass to a
worker thread or a Qt model. Names of protected people arrive already masked unless
the caller revealed them (``masked`` tells which)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.changes import Area as Area  # re-exported: what a verb changed
from app.changes import Changes as Changes
from app.domain.case import CaseStatus
from app.domain.identifiers import IdentifierKind
from app.domain.kinds import ProtectedLevel
from app.domain.minors import MayBeTold, may_consent
from app.i18n import _
from app.vault.audit import AuditEvent


@dataclass(frozen=True, slots=True)
class Identifier:
    id: int
    kind: IdentifierKind
    value: str
    valid_from: str | None
    valid_to: str | None

    def display(self) -> str:
        if self.kind in (IdentifierKind.PERSONNUMMER, IdentifierKind.SAMORDNINGSNUMMER):
            return f"{self.value[:8]}-{self.value[8:]}"
        return self.value


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str  # masked text when ``masked``
    given_names: str
    family_name: str
    protected_level: ProtectedLevel
    masked: bool
    birth_date: str | None = None
    languages: tuple[str, ...] = ()
    interpreter: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One row of the case list: only what the list shows, cheap to filter."""

    id: int
    ref: str
    name: str
    masked: bool
    status: str
    target_group: str
    caseworker: str
    stage: str | None
    threat_level: str | None
    opened: str
    last_entry: str | None
    attention: bool  # a review or task is due
    search_key: str = ""  # lower-case ref, shown name and caseworker (never a masked name)


@dataclass(frozen=True, slots=True)
class IntakeCheck:
    item: str
    answer: str
    checked_on: str | None
    source: str


@dataclass(frozen=True, slots=True)
class RelatedPerson:
    person: Person
    relation: str
    note: str


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    ref: str
    person: Person
    status: CaseStatus
    target_group: str
    referral_source: str
    referral_date: str | None
    caseworker: str
    municipality: str
    police_ref: str
    phase: str
    opened: str
    closed: str | None
    close_outcome: str | None
    received_from: str
    retention_hold: str
    stage_model: str | None
    stage: str | None
    threat_level: str | None
    last_entry: str | None
    their_ref: str = ""  # a received case: the sender's reference (ours is ``ref``)


@dataclass(frozen=True, slots=True)
class Revision:
    rev: int
    text: str
    author: str
    created: str
    reason: str


@dataclass(frozen=True, slots=True)
class Addition:
    """A tillägg to a signed journal entry."""

    id: int
    text: str
    reason: str
    author: str
    created: str


@dataclass(frozen=True, slots=True)
class JournalEntry:
    id: int
    case_id: int
    kind: str
    occurred: str
    created: str
    author: str
    communicated: bool
    signed_at: str | None
    signed_by: str | None
    revisions: tuple[Revision, ...]  # oldest first; the last is the current text
    signed_rev: int | None = None  # the revision that was signed
    struck_at: str | None = None  # makulerad: when, by whom, why (the text stays)
    struck_by: str | None = None
    struck_reason: str = ""
    additions: tuple[Addition, ...] = ()  # tillägg, oldest first

    @property
    def text(self) -> str:
        return self.revisions[-1].text

    @property
    def corrected(self) -> bool:
        """Rewritten at least once (a draft edited, or a signed entry corrected)."""
        return len(self.revisions) > 1

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def struck(self) -> bool:
        return self.struck_at is not None

    @property
    def status_label(self) -> str:
        """Osignerad / Signerad, Rättad and Tillägg after signing, or Makulerad (as the
        journal list and ``utvag journal list`` show it)."""
        if self.struck:
            return _("Makulerad")
        flags = [_("Signerad") if self.signed else _("Osignerad")]
        if self.corrections:
            flags.append(_("Rättad"))
        if self.additions:
            flags.append(_("Tillägg"))
        return " · ".join(flags)

    @property
    def signed_text(self) -> str:
        """The wording as it was signed (the current text of a draft)."""
        if self.signed_rev is None:
            return self.text
        return next(r.text for r in self.revisions if r.rev == self.signed_rev)

    @property
    def corrections(self) -> tuple[Revision, ...]:
        """The corrections (rättelser) made after signing, oldest first."""
        if self.signed_rev is None:
            return ()
        return tuple(r for r in self.revisions if r.rev > self.signed_rev)


@dataclass(frozen=True, slots=True)
class FormRecord:
    """A revision of a safety plan, threat or motivation assessment, or consent."""

    id: int
    case_id: int
    form: str
    form_version: int
    series: int
    revision: int
    effective: str
    review_due: str | None
    summary: str
    data: dict[str, Any]
    reason: str
    created: str
    author: str


@dataclass(frozen=True, slots=True)
class Consent:
    record: FormRecord
    in_force: bool
    valid_until: str | None
    withdrawn_on: str | None
    recipient: str


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    case_id: int
    measure: str
    legal_basis: str
    decided_on: str
    decision_maker: str
    appeal_info: str
    created: str
    author: str
    valid_from: str | None = None  # the period the decision covers (None: not given)
    valid_until: str | None = None
    grounds: str = ""  # skäl för beslutet


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    kind: str
    organisation: str
    contact_name: str
    phone: str
    email: str
    notes: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    id: int
    case_id: int | None
    kind: str
    title: str
    due: str | None
    owner: str
    done_at: str | None
    automatic: bool = False  # computed reminder, not a stored task
    case_ref: str = ""


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    day: str
    kind: str  # "stage", "relapse", "threat", "journal", "status"
    value: str
    order: int  # stage order or threat rank (0 for events)


@dataclass(frozen=True, slots=True)
class CaseFile:
    """Everything the case window and ``utvag case show`` need, in one read."""

    case: Case
    related: tuple[RelatedPerson, ...]
    intake: tuple[IntakeCheck, ...]
    journal: tuple[JournalEntry, ...]
    motivation: tuple[FormRecord, ...]
    threats: tuple[FormRecord, ...]
    safety_plans: tuple[FormRecord, ...]  # every version, oldest first
    consents: tuple[Consent, ...]
    decisions: tuple[Decision, ...]
    actors: tuple[Actor, ...]
    tasks: tuple[Task, ...]
    status_history: tuple[tuple[str, str, str, str], ...]  # status, day, author, note
    child: ChildFile | None = None  # what a child's case adds (None for an adult)
    #: a received case: the sender's file as received documents (app.store.received)
    received: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Guardian:
    """A guardian (*vårdnadshavare*) of a child, and what they may be told. ``person``
    is masked for a protected guardian, and while the child is masked."""

    link_id: int
    person: Person
    may_be_told: MayBeTold
    told_note: str


@dataclass(frozen=True, slots=True)
class ChildFile:
    """What a child's case adds: the age (from the identifier, on the store's clock),
    the guardians, and the child's records by form id (every revision, oldest first)."""

    age: int
    guardians: tuple[Guardian, ...]
    records: dict[str, tuple[FormRecord, ...]]

    @property
    def may_consent(self) -> bool:
        """A child's own consent counts from 15."""
        return may_consent(self.age)

    def current(self, form_id: str) -> FormRecord | None:
        """The newest record of the form (by the date it speaks for)."""
        rows = self.records.get(form_id, ())
        return max(rows, key=lambda r: (r.effective, r.id)) if rows else None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "case" (by reference), "person" (by name), "journal" or "received"
    case_id: int
    case_ref: str
    name: str
    masked: bool
    snippet: str  # highlighted with [ and ] around matches
    entry_id: int | None
    occurred: str | None


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """What a search is narrowed to: one case, a period (entry dates, ÅÅÅÅ-MM-DD,
    inclusive) and the kinds of hit (empty: every kind)."""

    case_id: int | None = None
    start: str | None = None
    until: str | None = None
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits shown and how many there are: ``total`` is exact unless ``capped``
    (counting stopped there, and there are more)."""

    hits: tuple[SearchHit, ...]
    total: int
    capped: bool = False

    @property
    def more(self) -> bool:
        """More hits exist than are shown."""
        return self.capped or self.total > len(self.hits)


@dataclass(frozen=True, slots=True)
class FileCase:
    """One case of a person's file (*personakt*) as the retention review lists it."""

    case_id: int
    ref: str
    status: str
    opened: str
    closed: str | None
    last_entry: str  # the newest date in the case (entry, record, closing)
    hold: str  # why the file must be kept ("" when not held)


@dataclass(frozen=True, slots=True)
class RetentionCandidate:
    """A person whose whole file is past the retention period. ``status`` says what
    happens: ``due`` (may be culled by decision), ``held`` (a case carries a hold) or
    ``research`` (kept by the research exception)."""

    person_id: int
    name: str  # masked for a protected person
    masked: bool
    cases: tuple[FileCase, ...]
    last_entry: str
    due: date
    complete_by: date
    status: str
    rule: str

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(c.ref for c in self.cases)

    @property
    def hold(self) -> str:
        return "; ".join(c.hold for c in self.cases if c.hold)


@dataclass(frozen=True, slots=True)
class BackupMade:
    made: str  # ISO time stamp of the backup
    file: str  # the file name it was written to (no folder)


@dataclass(frozen=True, slots=True)
class RetentionProtocol:
    """A *gallringsprotokoll*: what one culling decision removed, without personal
    data beyond the case references."""

    id: int
    culled_at: str
    decided_by: str
    decision: str
    recorded_by: str
    rule: str
    period_years: int
    research: str
    persons: int
    cases: int
    entries: int
    records: int
    case_refs: tuple[str, ...]
    backups: tuple[BackupMade, ...]
    backups_destroyed_on: str | None
    backups_destroyed_by: str | None

    @property
    def backups_pending(self) -> bool:
        """Backups made before the culling still hold the culled data."""
        return bool(self.backups) and self.backups_destroyed_on is None


#: One audit event as the log follow-up shows it (the vault's own type).
AuditRow = AuditEvent


@dataclass(frozen=True, slots=True)
class RegisterExtract:
    """Everything the vault holds about one person (GDPR art. 15)."""

    person: Person
    created: str
    cases: tuple[CaseFile, ...]
    related_in: tuple[str, ...]  # refs of cases where the person is a related person
    disclosures: tuple[AuditRow, ...]  # exports and handovers that concern them
