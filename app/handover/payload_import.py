"""Import a verified, schema-valid payload as a new case: the packet's JSON becomes the
store's plain :class:`~app.store.received.ReceivedCase`, which the store writes in one
transaction through the same inserts as the case window (no SQL here).

The sender's journal entries, corrections and form records are kept as a received
document set with their original authors and dates (:mod:`app.handover.received_docs`),
never as the receiving vault's own; the case is marked "received from … on …" and keeps
the sender's reference as theirs. A duplicate packet, a replayed older packet or a form
version this installation does not know is refused before anything is written."""

from __future__ import annotations

from typing import Any

from app.forms.definition import FormDef, form_definition
from app.forms.validate import validate as validate_form
from app.handover.errors import PayloadInvalid
from app.handover.received_docs import documents, records
from app.handover.schema import SECTIONS
from app.i18n import _
from app.store import Store
from app.store.handover import PacketLog
from app.store.received import (
    ReceivedActor,
    ReceivedCase,
    ReceivedGuardian,
    ReceivedIdentifier,
    ReceivedPerson,
    ReceivedTask,
)


def _definitions(payload: dict[str, Any]) -> dict[tuple[str, int], FormDef]:
    """Every form version the packet uses must exist here and its records validate."""
    found: dict[tuple[str, int], FormDef] = {}
    for index, rec in enumerate(records(payload["content"])):
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
        documents=documents(content),
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
        "Inkommen handling: förseglat överlämningspaket {id} (nummer {sequence}) från "
        "{municipality}, {officer}, förseglat {sealed}, deras referens {ref}. Avsnitt: "
        "{sections}. Avsändarens journal och dokumentation förvaras som mottagna handlingar "
        "({count} st), inte som egna journalanteckningar."
    ).format(
        ref=payload["packet"]["case_ref"],
        count=len(documents(payload["content"])),
        id=payload["packet"]["id"],
        sequence=payload["packet"]["sequence"],
        municipality=sender["municipality"],
        officer=sender["officer"],
        sealed=payload["packet"]["sealed_at"][:16].replace("T", " "),
        sections=", ".join(_(SECTIONS[s]) for s in payload["sections"]) or "–",
    )


__all__ = ["import_payload", "received_case"]
