"""Import a verified, schema-valid payload as a new case: the packet's JSON becomes the
store's plain :class:`~app.store.received.ReceivedCase`, which the store writes in one
transaction through the same inserts as the case window (no SQL here).

Original authors and dates of journal entries, corrections and form records are kept
as imported history; the case is marked "received from … on …". A duplicate packet, a
replayed older packet or a form version this installation does not know is refused
before anything is written."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.forms.definition import FormDef, form_definition
from app.forms.validate import validate as validate_form
from app.handover.errors import PayloadInvalid
from app.i18n import _
from app.store import Store
from app.store.handover import PacketLog
from app.store.journal_history import ReceivedStrike
from app.store.received import (
    ReceivedActor,
    ReceivedCase,
    ReceivedEntry,
    ReceivedGuardian,
    ReceivedIdentifier,
    ReceivedPerson,
    ReceivedRecord,
    ReceivedRevision,
    ReceivedTask,
)


def _records(payload: dict[str, Any]) -> list[dict[str, Any]]:
    content = payload["content"]
    out: list[dict[str, Any]] = list(content.get("threat_history", []))
    out += [content["threat"]] if content.get("threat") else []
    plan = content.get("safety_plan") or {}
    out += sorted(plan.get("history", []), key=lambda r: r.get("version", 0))
    out += [plan["current"]] if plan.get("current") else []
    out += content.get("motivation", []) + content.get("consents", [])
    out += (content.get("child") or {}).get("records", [])
    return out


def _definitions(payload: dict[str, Any]) -> dict[tuple[str, int], FormDef]:
    """Every form version the packet uses must exist here and its records validate."""
    found: dict[tuple[str, int], FormDef] = {}
    for index, rec in enumerate(_records(payload)):
        key = (rec["form"], rec["form_version"])
        try:
            found[key] = found.get(key) or form_definition(*key)
        except KeyError as exc:
            raise PayloadInvalid(where=f"{rec['form']} v{rec['form_version']}") from exc
        if validate_form(found[key], rec["data"]):
            raise PayloadInvalid(where=f"{rec['form']}[{index}]")
    return found


def import_payload(
    store: Store,
    payload: dict[str, Any],
    *,
    signer_fingerprint: str,
    packet_sha256: str,
    accepted_signer: bool = False,
) -> int:
    """Create the case; return its id. Raises PacketRefused/PayloadInvalid, leaving the
    vault unchanged."""
    received = received_case(
        payload,
        signer_fingerprint=signer_fingerprint,
        packet_sha256=packet_sha256,
        accepted_signer=accepted_signer,
    )
    return store.import_case(received).new_id


def received_case(
    payload: dict[str, Any],
    *,
    signer_fingerprint: str,
    packet_sha256: str,
    accepted_signer: bool = False,
) -> ReceivedCase:
    """The payload as the store's plain values (form versions checked first)."""
    _definitions(payload)
    packet, sender, content = payload["packet"], payload["sender"], payload["content"]
    case = content["case"]
    received = _("{municipality} den {date} (paket {id})").format(
        municipality=sender["municipality"], date=packet["sealed_at"][:10], id=packet["id"]
    )
    log = PacketLog(
        packet_id=packet["id"],
        case_uid=packet["case_uid"],
        sequence=packet["sequence"],
        case_ref=packet["case_ref"],
        counterpart=f"{sender['municipality']} ({sender['officer']})",
        signer_fingerprint=signer_fingerprint,
        sha256=packet_sha256,
    )
    return ReceivedCase(
        log=log,
        ref=case["ref"],
        sender=sender["municipality"],
        received_from=received,
        note=_system_text(payload),
        person=_person(content.get("person")),
        guardians=tuple(
            ReceivedGuardian(_person(g["person"]), g["may_be_told"], g.get("told_note", ""))
            for g in (content.get("child") or {}).get("guardians", [])
        ),
        target_group=case.get("target_group") or "other",
        police_ref=case.get("police_ref", ""),
        records=tuple(_record(r) for r in _records(payload)),
        journal=_journal(content.get("journal", [])),
        actors=tuple(_actor(a) for a in content.get("actors", [])),
        tasks=tuple(
            ReceivedTask(t["title"], t.get("due"), t.get("owner", ""))
            for t in content.get("tasks", [])
        ),
        accepted_signer=accepted_signer,
    )


def _person(p: dict[str, Any] | None) -> ReceivedPerson:
    if p is None:
        return ReceivedPerson(_("Person ej medskickad"))
    return ReceivedPerson(
        display_name=p["display_name"],
        protected_level=p["protected_level"],
        given_names=p.get("given_names", ""),
        family_name=p.get("family_name", ""),
        birth_date=p.get("birth_date"),
        languages=tuple(p.get("languages", [])),
        interpreter=p.get("interpreter", ""),
        contact=dict(p.get("contact", {})),
        identifiers=tuple(
            ReceivedIdentifier(i["kind"], i["value"], i.get("valid_from"), i.get("valid_to"))
            for i in p["identifiers"]
        ),
    )


def _record(rec: dict[str, Any]) -> ReceivedRecord:
    return ReceivedRecord(
        form=rec["form"],
        form_version=rec["form_version"],
        data=rec["data"],
        created=rec["recorded_at"],
        author=rec["author"] or "–",
        reason=rec.get("reason", ""),
    )


def _journal(entries: list[dict[str, Any]]) -> tuple[ReceivedEntry, ...]:
    out = []
    for entry in sorted(entries, key=lambda e: (e["occurred_on"], e["id"])):
        revisions = tuple(
            ReceivedRevision(r["text"], r["author"], r["created_at"], r.get("reason") or "")
            for r in sorted(entry["revisions"], key=lambda r: r["revision"])
        )
        out.append(
            ReceivedEntry(
                kind=entry["kind"],
                occurred=entry["occurred_on"],
                revisions=revisions,
                communicated=bool(entry.get("communicated", False)),
                signed_at=entry.get("signed_at"),
                signed_by=entry.get("signed_by"),
                signed_rev=entry.get("signed_revision"),
                additions=tuple(_received_addition(a) for a in entry.get("additions") or ()),
                struck=_received_strike(entry.get("struck")),
            )
        )
    return tuple(_reasoned(e) for e in out)


def _received_addition(a: dict[str, Any]) -> ReceivedRevision:
    return ReceivedRevision(a["text"], a["author"], a["created_at"], a.get("reason") or "")


def _received_strike(struck: dict[str, Any] | None) -> ReceivedStrike | None:
    if not struck:
        return None
    return ReceivedStrike(struck["struck_at"], struck["struck_by"], struck["reason"])


def _reasoned(entry: ReceivedEntry) -> ReceivedEntry:
    """A correction after the signature always has a reason here (the vault refuses one
    without); a sender's packet that lacks it says so instead of being refused."""
    if entry.signed_at is None or all(r.reason for r in entry.revisions[entry.signed_at_rev:]):
        return entry
    missing = "(avsändaren angav inget skäl)"  # stored data, in the vault's language
    revisions = tuple(
        r if n < entry.signed_at_rev or r.reason else replace(r, reason=missing)
        for n, r in enumerate(entry.revisions)
    )
    return replace(entry, revisions=revisions)


def _actor(actor: dict[str, Any]) -> ReceivedActor:
    return ReceivedActor(
        kind=actor["kind"],
        organisation=actor["name"],
        contact_name=actor.get("contact_person", ""),
        phone=actor.get("phone", ""),
        email=actor.get("email", ""),
        role=actor.get("role", ""),
    )


def _system_text(payload: dict[str, Any]) -> str:
    sender = payload["sender"]
    return _(
        "Ärendet mottaget genom förseglat överlämningspaket {id} (nummer {sequence}) från "
        "{municipality}, {officer}, förseglat {sealed}. Avsnitt: {sections}."
    ).format(
        id=payload["packet"]["id"],
        sequence=payload["packet"]["sequence"],
        municipality=sender["municipality"],
        officer=sender["officer"],
        sealed=payload["packet"]["sealed_at"][:16].replace("T", " "),
        sections=", ".join(payload["sections"]) or "–",
    )


__all__ = ["import_payload", "received_case"]
