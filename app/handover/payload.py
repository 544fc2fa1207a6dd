"""The only place the handover area touches the case store: build a packet payload
from a case (only the chosen sections and journal period: data minimisation) and
import a verified payload as a new case in one transaction (all or nothing).

Everything else in ``app.handover`` works on the plain, schema-validated dict."""

from __future__ import annotations

import datetime as dt
import hmac
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.kinds import JournalKind
from app.handover import schema, vaultdata
from app.handover.errors import PacketRefused
from app.handover.payload_import import import_payload
from app.handover.schema import SECTIONS
from app.i18n import _
from app.store import Store
from app.store.records import CaseFile, FormRecord, JournalEntry
from app.vault import audit

JOURNAL_FORM = "journal_entry"


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


def _journal(entries: Iterable[JournalEntry], period: Period) -> list[dict[str, Any]]:
    out = []
    for e in entries:
        if not period.contains(e.occurred):
            continue
        revisions = [
            {
                "revision": r.rev,
                "text": r.text,
                "author": r.author,
                "created_at": r.created,
                "reason": r.reason or None,
            }
            for r in e.revisions
        ]
        out.append(
            {
                "id": str(e.id),
                "form": JOURNAL_FORM,
                "form_version": 1,
                "kind": e.kind,
                "occurred_on": e.occurred,
                "communicated": e.communicated,
                "signed_by": e.signed_by,
                "signed_at": e.signed_at,
                "revisions": revisions,
            }
        )
    return out


def _person(file: CaseFile) -> dict[str, Any]:
    p = file.case.person
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
            for i in p.identifiers
        ],
        "languages": list(p.languages),
        "interpreter": p.interpreter,
        "contact": dict(p.contact),
    }


def _case(file: CaseFile) -> dict[str, Any]:
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


def _content(file: CaseFile, store: Store, sections: list[str], period: Period) -> dict[str, Any]:
    content: dict[str, Any] = {"case": _case(file)}
    threats = _current_per_series(file.threats)
    plans = sorted(file.safety_plans, key=lambda r: (r.series, r.revision))
    builders: dict[str, Callable[[], dict[str, Any]]] = {
        "person": lambda: {"person": _person(file)},
        "threat": lambda: {
            "threat": record_snapshot(threats[-1]) if threats else None,
            "threat_history": [record_snapshot(t) for t in threats[:-1]],
        },
        "safety_plan": lambda: {
            "safety_plan": {
                "current": record_snapshot(plans[-1], len(plans)) if plans else None,
                "history": [record_snapshot(r, i + 1) for i, r in enumerate(plans[:-1])],
            }
        },
        "motivation": lambda: {
            "motivation": [record_snapshot(r) for r in _current_per_series(file.motivation)]
        },
        "consents": lambda: {"consents": [record_snapshot(c.record) for c in file.consents]},
        "actors": lambda: {
            "actors": [
                {
                    "id": str(a.id),
                    "kind": a.kind,
                    "name": a.organisation,
                    "contact_person": a.contact_name,
                    "phone": a.phone,
                    "email": a.email,
                    "role": a.role,
                }
                for a in file.actors
            ]
        },
        "tasks": lambda: {
            "tasks": [
                {
                    "id": str(t.id),
                    "title": t.title,
                    "owner": t.owner,
                    "due": t.due,
                    "done": t.done_at is not None,
                }
                for t in file.tasks
                if t.done_at is None and not t.automatic
            ]
        },
        "journal": lambda: {"journal": _journal(file.journal, period)},
    }
    for section in sections:
        content.update(builders[section]())
    return content


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
    expires_at: str | None = None,
    transfer_request: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A validated payload with only ``sections`` (and journal entries inside
    ``period``). Reading a protected person's identity for the packet is audited."""
    chosen = [s for s in SECTIONS if s in set(sections)]
    period = period or Period()
    case_id = store.case_id_for_ref(case_ref)
    if transfer_request is None and hasattr(store, "transfer_request_payload"):
        transfer_request = getattr(store, "transfer_request_payload")(case_id)  # noqa: B009
    person_id = store.case(case_id).person.id
    was_revealed = store.is_revealed(person_id)
    if not was_revealed:
        store.reveal(person_id, reason="handover")
    try:
        file = store.open_case(case_id, audit=False)
        content = _content(file, store, chosen, period)
    finally:
        if not was_revealed:
            store.hide(person_id)
    payload = {
        "schema": schema.SCHEMA_ID,
        "packet": {
            "id": str(uuid.uuid4()),
            "sequence": sequence,
            "sealed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "expires_at": expires_at,
            "case_ref": file.case.ref,
            "case_uid": f"{store.vault.vault_id}:{case_id}",
            "transfer_request": transfer_request,
        },
        "sender": sender,
        "recipients": recipients,
        "legal_basis": legal_basis,
        "sections": chosen,
        "period": period.as_json(),
        "content": content,
    }
    return schema.validate(payload)


def record_export(
    store: Store, payload: dict[str, Any], packet_sha256: str, signer_fingerprint: str
) -> None:
    """Log a sealed packet in the case's journal, the packet log and the audit trail."""
    packet = payload["packet"]
    case_id = store.case_id_for_ref(packet["case_ref"])
    recipients = ", ".join(
        ", ".join(x for x in (r["name"], r.get("organisation", "")) if x)
        for r in payload["recipients"]
    )
    text = _(
        "Förseglat överlämningspaket {id} (nummer {sequence}) till {recipients}. "
        "Avsnitt: {sections}. Journalperiod: {period}. Rättslig grund: {basis}"
    ).format(
        id=packet["id"],
        sequence=packet["sequence"],
        recipients=recipients,
        sections=", ".join(_(SECTIONS[s]) for s in payload["sections"]) or "–",
        period=_period_text(payload.get("period")),
        basis=payload["legal_basis"]["text"][:200],
    )
    store.add_journal_entry(case_id, text, JournalKind.SYSTEM)
    with store.vault.transaction() as conn:
        vaultdata.log_packet(
            conn, "out", packet, case_id, recipients, signer_fingerprint, packet_sha256
        )
        audit.append(
            conn,
            store.user,
            "handover_exported",
            f"case:{packet['case_ref']}",
            {
                "packet": packet["id"],
                "sequence": packet["sequence"],
                "to": recipients,
                "sections": payload["sections"],
            },
        )


def _period_text(period: dict[str, Any] | None) -> str:
    period = period or {}
    return f"{period.get('from') or '…'} – {period.get('until') or '…'}"


def record_receipt(
    store: Store, receipt: dict[str, Any], direction: str, signer_fingerprint: str
) -> int | None:
    """Log a receipt sent (``out``, receiving side) or received (``in``, sending side);
    the case's journal notes it and a received receipt answers the open transfer
    request. Returns the case id (None for a declined packet that was never imported)."""
    packet = receipt["packet"]
    with store.vault.read() as conn:
        row = conn.execute(
            "SELECT case_id, sha256 FROM handover_packets WHERE packet_id = ? AND direction = ?",
            (packet["id"], "out" if direction == "in" else "in"),
        ).fetchone()
    known = row is not None and hmac.compare_digest(str(row[1]), packet["sha256"])
    if direction == "in" and not known:
        raise PacketRefused(reason=_("kvittot gäller inget paket som det här valvet har skickat."))
    with store.vault.transaction() as conn:
        conn.execute(
            "INSERT INTO handover_receipts (packet_id, direction, decision, reason, at,"
            " signer_fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
            (
                packet["id"],
                direction,
                receipt["decision"],
                receipt["reason"],
                receipt["decided_at"],
                signer_fingerprint,
            ),
        )
        audit.append(
            conn,
            store.user,
            f"handover_receipt_{direction}",
            f"case:{packet['case_ref']}",
            {"packet": packet["id"], "decision": receipt["decision"]},
        )
    if not known or row is None:
        return None
    case_id = int(row[0])
    _journal_receipt(store, case_id, receipt, direction)
    if direction == "in":
        _answer_transfer(store, case_id, receipt)
    return case_id


def _journal_receipt(store: Store, case_id: int, receipt: dict[str, Any], direction: str) -> None:
    packet = receipt["packet"]
    text = (
        _("Kvitto {direction} för överlämningspaket {id}: {decision}. {reason}")
        .format(
            direction=_("mottaget") if direction == "in" else _("skickat"),
            id=packet["id"],
            decision=_("godtaget") if receipt["decision"] == "accepted" else _("avböjt"),
            reason=receipt["reason"],
        )
        .strip()
    )
    store.add_journal_entry(case_id, text, JournalKind.SYSTEM)


def _answer_transfer(store: Store, case_id: int, receipt: dict[str, Any]) -> None:
    if not hasattr(store, "current_transfer_request"):
        return
    from app.store.transfer import TransferAnswer

    transfers: Any = store  # TransferMixin joins the Store facade (issue 4, other engineer)
    request = transfers.current_transfer_request(case_id)
    if request is None or not request.is_open:
        return
    answer = (
        TransferAnswer.ACCEPTED if receipt["decision"] == "accepted" else TransferAnswer.DECLINED
    )
    transfers.record_transfer_answer(
        request.id,
        answer,
        answered_on=receipt["decided_at"][:10],
        note=receipt["reason"],
        via=_("signerat kvitto"),
    )


def case_uid_of(store: Store, case_ref: str) -> str:
    return f"{store.vault.vault_id}:{store.case_id_for_ref(case_ref)}"


__all__ = [
    "Period",
    "build_payload",
    "case_uid_of",
    "import_payload",
    "record_export",
    "record_receipt",
    "record_snapshot",
]
