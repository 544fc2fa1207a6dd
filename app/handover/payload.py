"""Build a packet payload from a case: only the chosen sections and journal period
(data minimisation), read through the store's verbs.

Everything else in ``app.handover`` works on the plain, schema-validated dict; the
import side is :mod:`app.handover.payload_import`."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.minors import CHILD_FORMS
from app.handover import schema
from app.handover.schema import SECTIONS
from app.store import Store
from app.store.records import CaseFile, Decision, FormRecord, Identifier, JournalEntry, Person

JOURNAL_FORM = "journal_entry"
SUMMARY_FORM = "case_summary"
#: Levels at which only the identity the receiver must use travels by default.
SHIELDED_LEVELS = ("fingerade_personuppgifter", "skyddad_folkbokforing")


@dataclass(frozen=True)
class Disclosure:
    """What the sender chose beyond the minimum: earlier safety-plan versions (with
    their old code words) and, for a shielded person, identities other than the one
    the receiver must use (only with a reason, which is recorded)."""

    safety_history: bool = False
    all_identities: bool = False
    identity_reason: str = ""


@dataclass(frozen=True)
class Period:
    start: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive

    def contains(self, day: str) -> bool:
        day = day[:10]
        return (not self.start or day >= self.start) and (not self.until or day <= self.until)

    def as_json(self) -> dict[str, str | None] | None:
        if not self.start and not self.until:
            return None
        return {"from": self.start, "until": self.until}


def record_snapshot(rec: FormRecord, version: int | None = None) -> dict[str, Any]:
    """A form record as the payload carries it (also the consent snapshot)."""
    out: dict[str, Any] = {
        "id": str(rec.id),
        "form": rec.form,
        "form_version": rec.form_version,
        "recorded_at": rec.created,
        "author": rec.author or "",
        "data": dict(rec.data),
    }
    if rec.reason:
        out["reason"] = rec.reason[:300]
    if version is not None:
        out["version"] = version
    return out


def _current_per_series(records: Iterable[FormRecord]) -> list[FormRecord]:
    latest: dict[int, FormRecord] = {}
    for rec in records:
        if rec.series not in latest or rec.revision > latest[rec.series].revision:
            latest[rec.series] = rec
    return sorted(latest.values(), key=lambda r: (r.effective, r.id))


def journal_content(entries: Iterable[JournalEntry], period: Period) -> list[dict[str, Any]]:
    """The entries inside ``period`` with their whole lifecycle: every revision (a
    draft's edits, then the corrections after ``signed_revision``), the additions and
    the strike; a struck entry travels too, marked as struck."""
    return [_journal_entry(e) for e in entries if period.contains(e.occurred)]


def journal_status(entry: JournalEntry) -> str:
    """draft (osignerad), signed, corrected (rättad after signing) or struck."""
    if entry.struck:
        return "struck"
    if entry.corrections:
        return "corrected"
    return "signed" if entry.signed else "draft"


def _journal_entry(e: JournalEntry) -> dict[str, Any]:
    revisions = [
        {"revision": r.rev, "text": r.text, "author": r.author, "created_at": r.created,
         "reason": r.reason or None}
        for r in e.revisions
    ]  # fmt: skip
    additions = [
        {"text": a.text, "author": a.author, "created_at": a.created, "reason": a.reason or None}
        for a in e.additions
    ]
    struck = (
        {"struck_at": e.struck_at, "struck_by": e.struck_by or "", "reason": e.struck_reason}
        if e.struck else None
    )  # fmt: skip
    return {
        "id": str(e.id),
        "form": JOURNAL_FORM,
        "form_version": 1,
        "kind": e.kind,
        "occurred_on": e.occurred,
        "written_at": e.revisions[0].created if e.revisions else None,
        "communicated": e.communicated,
        "signed_by": e.signed_by,
        "signed_at": e.signed_at,
        "revisions": revisions,
        "status": journal_status(e),
        "signed_revision": e.signed_rev,
        "additions": additions,
        "struck": struck,
    }


def _shown_identifiers(p: Person, today: str, disclosure: Disclosure) -> list[Identifier]:
    """All identifiers, or for a shielded person only those in force today (the one
    the receiver must use) unless the sender chose otherwise."""
    if p.protected_level.value not in SHIELDED_LEVELS or disclosure.all_identities:
        return list(p.identifiers)
    return [i for i in p.identifiers if not i.valid_to or i.valid_to > today]


def _person_dict(
    p: Person, today: str = "", disclosure: Disclosure = Disclosure()
) -> dict[str, Any]:
    shown = _shown_identifiers(p, today, disclosure) if today else list(p.identifiers)
    return {
        "display_name": " ".join(x for x in (p.given_names, p.family_name) if x) or p.name,
        "given_names": p.given_names,
        "family_name": p.family_name,
        "birth_date": p.birth_date,
        "protected_level": p.protected_level.value,
        "identifiers": [
            {
                "kind": i.kind.value,
                "value": i.value,
                "valid_from": i.valid_from,
                "valid_to": i.valid_to,
            }
            for i in shown
        ],
        "languages": list(p.languages),
        "interpreter": p.interpreter,
        "contact": dict(p.contact),
    }


def case_content(file: CaseFile) -> dict[str, Any]:
    c = file.case
    return {
        "ref": c.ref,
        "status": c.status.value,
        "target_group": c.target_group or None,
        "referral_source": c.referral_source or None,
        "phase": c.phase or None,
        "opened": c.opened[:10],
        "municipality": c.municipality,
        "responsible": c.caseworker,
        "police_ref": c.police_ref,
    }


@dataclass(frozen=True)
class _Ctx:
    store: Store
    file: CaseFile
    period: Period
    disclosure: Disclosure
    today: str

    def person(self, p: Person) -> dict[str, Any]:
        return _person_dict(p, self.today, self.disclosure)


def _child(ctx: _Ctx) -> dict[str, Any]:
    """The guardians (protected ones revealed for the packet, audited, as the client is)
    and the current revision of each of the child's records."""
    store, file = ctx.store, ctx.file
    if file.child is None:
        return {"guardians": [], "records": []}
    hidden = [g.person.id for g in file.child.guardians if g.person.masked]
    for pid in hidden:
        store.reveal(pid, reason="handover")
    try:
        guardians = store.guardians(file.case.person.id)
    finally:
        for pid in hidden:
            store.hide(pid)
    records = [
        record_snapshot(r)
        for form in CHILD_FORMS
        for r in _current_per_series(file.child.records.get(form, ()))
    ]
    return {
        "guardians": [
            {"person": ctx.person(g.person), "may_be_told": g.may_be_told.value,
             "told_note": g.told_note}
            for g in guardians
        ],
        "records": records,
    }  # fmt: skip


def decision_content(d: Decision) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "measure": d.measure,
        "legal_basis": d.legal_basis,
        "decided_on": d.decided_on[:10],
        "decision_maker": d.decision_maker,
        "valid_from": d.valid_from,
        "valid_until": d.valid_until,
        "grounds": d.grounds,
        "appeal_info": d.appeal_info,
    }


def _current_decisions(ctx: _Ctx) -> list[dict[str, Any]]:
    """Decisions still in force (no end date, or one not yet passed)."""
    return [
        decision_content(d)
        for d in ctx.file.decisions
        if not d.valid_until or d.valid_until >= ctx.today
    ]


def _summary(ctx: _Ctx) -> dict[str, Any] | None:
    records = _current_per_series(ctx.store.form_records(ctx.file.case.id, SUMMARY_FORM))
    return record_snapshot(records[-1]) if records else None


def _identity(ctx: _Ctx) -> dict[str, Any]:
    person = ctx.file.case.person
    shown = _shown_identifiers(person, ctx.today, ctx.disclosure)
    return {
        "all_identities": ctx.disclosure.all_identities,
        "reason": ctx.disclosure.identity_reason[:300],
        "withheld": len(person.identifiers) - len(shown),
    }


def _safety_plan(ctx: _Ctx) -> dict[str, Any]:
    plans = sorted(ctx.file.safety_plans, key=lambda r: (r.series, r.revision))
    history = ctx.disclosure.safety_history
    return {
        "current": record_snapshot(plans[-1], len(plans)) if plans else None,
        "history": [record_snapshot(r, i + 1) for i, r in enumerate(plans[:-1])] if history else [],
        "history_included": history,
    }


def _actors(file: CaseFile) -> list[dict[str, Any]]:
    return [
        {"id": str(a.id), "kind": a.kind, "name": a.organisation,
         "contact_person": a.contact_name, "phone": a.phone, "email": a.email, "role": a.role}
        for a in file.actors
    ]  # fmt: skip


def _tasks(file: CaseFile) -> list[dict[str, Any]]:
    return [
        {"id": str(t.id), "title": t.title, "owner": t.owner, "due": t.due,
         "done": t.done_at is not None}
        for t in file.tasks
        if t.done_at is None and not t.automatic
    ]  # fmt: skip


def _content(ctx: _Ctx, sections: list[str]) -> dict[str, Any]:
    file = ctx.file
    content: dict[str, Any] = {"case": case_content(file)}
    threats = _current_per_series(file.threats)
    builders: dict[str, Callable[[], dict[str, Any]]] = {
        "summary": lambda: {"summary": _summary(ctx)},
        "decisions": lambda: {"decisions": _current_decisions(ctx)},
        "person": lambda: {
            "person": ctx.person(file.case.person),
            "identity_disclosure": _identity(ctx),
        },
        "threat": lambda: {
            "threat": record_snapshot(threats[-1]) if threats else None,
            "threat_history": [record_snapshot(t) for t in threats[:-1]],
        },
        "safety_plan": lambda: {"safety_plan": _safety_plan(ctx)},
        "motivation": lambda: {
            "motivation": [record_snapshot(r) for r in _current_per_series(file.motivation)]
        },
        "consents": lambda: {"consents": [record_snapshot(c.record) for c in file.consents]},
        "child": lambda: {"child": _child(ctx)},
        "actors": lambda: {"actors": _actors(file)},
        "tasks": lambda: {"tasks": _tasks(file)},
        "journal": lambda: {"journal": journal_content(file.journal, ctx.period)},
    }
    for section in sections:
        content.update(builders[section]())
    return content


def _read(
    store: Store, case_id: int, chosen: list[str], period: Period, disclosure: Disclosure
) -> tuple[CaseFile, list[str], dict[str, Any]]:
    """The case file and the chosen sections' content, the client revealed only while
    it is read (audited)."""
    person_id = store.case(case_id).person.id
    was_revealed = store.is_revealed(person_id)
    if not was_revealed:
        store.reveal(person_id, reason="handover")
    try:
        file = store.open_case(case_id, audit=False)
        if file.child is None:  # an adult's case has no child's section to send
            chosen = [s for s in chosen if s != "child"]
        ctx = _Ctx(store, file, period, disclosure, store.today().isoformat())
        return file, chosen, _content(ctx, chosen)
    finally:
        if not was_revealed:
            store.hide(person_id)


def build_payload(
    store: Store,
    case_ref: str,
    sections: Iterable[str],
    period: Period | None = None,
    *,
    sender: dict[str, Any],
    recipients: list[dict[str, Any]],
    legal_basis: dict[str, Any],
    sequence: int,
    receiver: dict[str, str] | None = None,
    expires_at: str | None = None,
    transfer_request: dict[str, Any] | None = None,
    disclosure: Disclosure = Disclosure(),
) -> dict[str, Any]:
    """A validated payload with only ``sections`` (and journal entries inside
    ``period``). Reading a protected person's identity for the packet is audited."""
    chosen = [s for s in SECTIONS if s in set(sections)]
    period = period or Period()
    case_id = store.case_id_for_ref(case_ref)
    if transfer_request is None and hasattr(store, "transfer_request_payload"):
        transfer_request = getattr(store, "transfer_request_payload")(case_id)  # noqa: B009
    file, chosen, content = _read(store, case_id, chosen, period, disclosure)
    payload = {
        "schema": schema.SCHEMA_ID,
        "packet": {
            "id": str(uuid.uuid4()),
            "sequence": sequence,
            "sealed_at": store.now(),
            "expires_at": expires_at,
            "case_ref": file.case.ref,
            "case_uid": f"{store.vault.vault_id}:{case_id}",
            "transfer_request": transfer_request,
        },
        "sender": sender,
        "recipients": recipients,
        **({"receiver": receiver} if receiver else {}),
        "legal_basis": legal_basis,
        "sections": chosen,
        "period": period.as_json(),
        "content": content,
    }
    return schema.validate(payload)


__all__ = [
    "Disclosure",
    "Period",
    "build_payload",
    "case_content",
    "decision_content",
    "journal_content",
    "journal_status",
    "record_snapshot",
]
