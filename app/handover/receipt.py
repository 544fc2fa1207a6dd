"""Signed receipts: the receiving side's sealed answer (accepted or declined, with a
reason) to a packet, signed by the receiver and encrypted to the sender's certificate.
The sending vault imports and verifies it offline; it closes the transfer request."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from app.crypto.identity import Certificate, Identity
from app.errors import ValidationError
from app.handover import seal
from app.handover.errors import PayloadInvalid
from app.handover.verify import Opened, open_sealed
from app.i18n import N_, _
from app.pdf import fonts
from app.pdf.layout import facts, para
from app.pdf.pages import Letterhead, build_pdf
from app.resources import resource_path

RECEIPT_SCHEMA = "utvag-receipt/1"
RECEIPT_ATTACHMENT = "utvag-receipt.json"
ACCEPTED, DECLINED = "accepted", "declined"
DECISION_LABELS = {ACCEPTED: N_("Mottaget och godtaget"), DECLINED: N_("Avböjt")}


@cache
def _validator() -> Draft202012Validator:
    with resource_path("schemas", "receipt-v1.json").open(encoding="utf-8") as fh:
        return Draft202012Validator(json.load(fh))


def decode_receipt(data: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadInvalid(where="json") from exc
    error = next(iter(_validator().iter_errors(parsed)), None)
    if error is not None:
        raise PayloadInvalid(where="/".join(str(p) for p in error.absolute_path) or "rot")
    assert isinstance(parsed, dict)
    return parsed


def build_receipt(
    packet_payload: dict[str, Any],
    packet_sha256: str,
    decision: str,
    reason: str,
    receiver: dict[str, str],
    now: dt.datetime,
) -> dict[str, Any]:
    if decision not in DECISION_LABELS:
        raise ValidationError(field="beslut", problem=N_("ska vara accepted eller declined"))
    if decision == DECLINED and not reason.strip():
        raise ValidationError(field="skäl", problem=N_("skriv varför paketet avböjs"))
    packet = packet_payload["packet"]
    receipt = {
        "schema": RECEIPT_SCHEMA,
        "receipt_id": str(uuid.uuid4()),
        "packet": {
            "id": packet["id"],
            "sha256": packet_sha256,
            "case_ref": packet["case_ref"],
            "case_uid": packet["case_uid"],
            "sequence": packet["sequence"],
        },
        "decision": decision,
        "reason": reason.strip(),
        "decided_at": now.isoformat(timespec="seconds"),
        "receiver": receiver,
    }
    return decode_receipt(json.dumps(receipt).encode())


def render_receipt(receipt: dict[str, Any]) -> bytes:
    fonts.require_renderable(receipt)
    receiver, packet = receipt["receiver"], receipt["packet"]
    footer = _("Kvitto på överlämning {ref} · paket-id {id}").format(
        ref=packet["case_ref"], id=packet["id"]
    )
    head = Letterhead(receiver["municipality"], receiver.get("unit", ""), footer)
    rows: list[tuple[str, object]] = [
        (_("Beslut"), _(DECISION_LABELS[receipt["decision"]])),
        (_("Skäl"), receipt["reason"] or "–"),
        (_("Ärende hos avsändaren"), packet["case_ref"]),
        (_("Paket-id"), packet["id"]),
        (_("Paketets SHA-256"), packet["sha256"]),
        (_("Besvarat"), receipt["decided_at"][:16].replace("T", " ") + " UTC"),
        (_("Besvarat av"), f"{receiver['officer']}, {receiver['municipality']}"),
    ]
    story = [
        Spacer(1, 10 * mm),
        para(_("Kvitto på överlämning"), "title"),
        para(_("Svar på överlämnat ärende"), "subtitle"),
        facts(rows),
    ]
    return build_pdf(story, head, _("Kvitto {ref}").format(ref=packet["case_ref"]))


def seal_receipt(receipt: dict[str, Any], receiver: Identity, sender: Certificate) -> bytes:
    """Sign with the receiver's identity and encrypt to the packet's signer."""
    seal.check_parties(receiver, [sender], seal.moment_of(receipt["decided_at"]))
    return seal.seal_document(
        render_receipt(receipt),
        json.dumps(receipt).encode("utf-8"),
        RECEIPT_ATTACHMENT,
        receiver,
        recipients=[sender],
    )


def open_receipt(
    data: bytes,
    *,
    identities: Sequence[Identity],
    trusted: Collection[str] = (),
    now: dt.datetime,
) -> Opened:
    return open_sealed(
        data,
        identities=identities,
        trusted=trusted,
        attachment=RECEIPT_ATTACHMENT,
        decode=decode_receipt,
        now=now,
    )
