"""The handover verbs the CLI and the GUI share: export (build, render, seal, log),
open (with the vault's identity and directory), import and receipts. The UI calls these;
the sealed bytes are returned for the caller to write atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.crypto import onetime
from app.crypto.identity import Certificate
from app.errors import Refused, ValidationError
from app.handover import receipt as receipts
from app.handover import render, seal, vaultdata
from app.handover.errors import PacketRefused
from app.handover.payload import (
    Period,
    build_payload,
    case_uid_of,
    import_payload,
    record_export,
    record_receipt,
    record_snapshot,
)
from app.handover.verify import Opened, Verdict, open_packet
from app.i18n import N_, _
from app.policy import load_policy
from app.store import Store
from app.store.records import FormRecord


@dataclass(frozen=True)
class Export:
    data: bytes  # the sealed packet
    payload: dict[str, Any]
    passphrase: str | None  # shown once, never stored


def sender_of(store: Store) -> dict[str, str]:
    profile = store.vault.profile()
    sender = {
        "municipality": profile.municipality or "–",
        "unit": profile.unit,
        "officer": profile.name or "–",
        "officer_title": profile.title,
    }
    sender["identity_fingerprint"] = vaultdata.identity(store.vault).certificate.fingerprint
    return sender


def legal_basis(store: Store, case_ref: str, text: str | None) -> dict[str, Any]:
    """The stated legal provision, or the newest consent in force (as a snapshot)."""
    if text and text.strip():
        return {"kind": "legal_provision", "text": text.strip(), "consent": None}
    in_force = [c for c in store.consents(store.case_id_for_ref(case_ref)) if c.in_force]
    if not in_force:
        raise Refused(reason=N_("ange rättslig grund eller registrera klientens samtycke först"))
    return consent_basis(in_force[-1].record)


def consent_basis(consent: FormRecord) -> dict[str, Any]:
    """The legal basis of a disclosure on the client's consent, with its snapshot."""
    text = _("Klientens samtycke till {recipient}: {purpose}").format(
        recipient=consent.data.get("recipient", "–"), purpose=consent.data.get("purpose", "–")
    )
    return {"kind": "consent", "text": text, "consent": record_snapshot(consent)}


def recipient_entries(certs: Sequence[Certificate]) -> list[dict[str, Any]]:
    if not certs:
        return [{"kind": "passphrase", "name": _("Engångslösenfras")}]
    return [
        {
            "kind": "certificate",
            "name": c.common_name,
            "organisation": c.organisation,
            "fingerprint": c.fingerprint,
        }
        for c in certs
    ]


def export_packet(
    store: Store,
    case_ref: str,
    *,
    sections: Iterable[str],
    recipients: Sequence[Certificate] = (),
    use_passphrase: bool = False,
    period: Period | None = None,
    legal_text: str | None = None,
    expires_at: str | None = None,
) -> Export:
    """Seal a case for its recipients (or a one-time passphrase) and log the export."""
    vaultdata.require_role(store.vault, vaultdata.HANDOVER_OFFICER)
    if bool(recipients) == use_passphrase:
        raise ValidationError(field="mottagare", problem=N_("välj mottagare eller lösenfras"))
    # Organisation policy (app.policy): exports may be forbidden or pinned to listed
    # recipient certificates; a one-time passphrase cannot be pinned.
    load_policy().check_export([c.fingerprint for c in recipients] if recipients else None)
    signer = vaultdata.identity(store.vault)
    seal.check_parties(signer, recipients)
    payload = build_payload(
        store,
        case_ref,
        sections,
        period,
        sender=sender_of(store),
        recipients=recipient_entries(recipients),
        legal_basis=legal_basis(store, case_ref, legal_text),
        sequence=vaultdata.next_sequence(store.vault, case_uid_of(store, case_ref)),
        expires_at=expires_at,
    )
    phrase = onetime.generate() if use_passphrase else None
    data = seal.seal_packet(payload, signer, recipients=recipients, passphrase=phrase)
    record_export(store, payload, hashlib.sha256(data).hexdigest(), signer.certificate.fingerprint)
    return Export(data, payload, phrase)


def preview(store: Store, payload: dict[str, Any]) -> bytes:
    """The unsealed document for the in-app preview (memory only, never written)."""
    return render.render(payload)


def open_with_vault(store: Store, data: bytes, passphrase: str | None = None) -> Opened:
    ident = [vaultdata.identity(store.vault)] if vaultdata.has_identity(store.vault) else []
    return open_packet(
        data,
        identities=ident,
        passphrase=passphrase,
        trusted=vaultdata.trusted_fingerprints(store.vault),
    )


def import_packet(
    store: Store, data: bytes, passphrase: str | None = None, accept_signer: str | None = None
) -> int:
    """Verify and import; an unknown signer needs ``accept_signer`` (its fingerprint,
    compared by phone), which is recorded. Returns the new case id."""
    opened = open_with_vault(store, data, passphrase)
    _require_importable(store, opened, accept_signer)
    assert opened.payload is not None and opened.signer is not None
    return import_payload(
        store,
        opened.payload,
        signer_fingerprint=opened.signer.fingerprint,
        packet_sha256=hashlib.sha256(data).hexdigest(),
    )


def _require_importable(store: Store, opened: Opened, accept_signer: str | None) -> None:
    from app.crypto.identity import fingerprints_equal

    if opened.verdict is Verdict.VALID_TRUSTED:
        return
    if (
        opened.verdict is Verdict.VALID_UNKNOWN_SIGNER
        and opened.signer
        and accept_signer
        and fingerprints_equal(accept_signer, opened.signer.fingerprint)
    ):
        store.vault.audit("unknown_signer_accepted", fingerprint=opened.signer.fingerprint)
        return
    raise PacketRefused(reason=opened.message)


def make_receipt(
    store: Store, data: bytes, decision: str, reason: str, passphrase: str | None = None
) -> bytes:
    """Answer a packet with a sealed receipt to its signer; logged in the case."""
    opened = open_with_vault(store, data, passphrase)
    if not opened.verdict.is_valid or opened.payload is None or opened.signer is None:
        raise PacketRefused(reason=opened.message)
    profile = store.vault.profile()
    receiver = {
        "municipality": profile.municipality or "–",
        "unit": profile.unit,
        "officer": profile.name or "–",
    }
    receipt = receipts.build_receipt(
        opened.payload, hashlib.sha256(data).hexdigest(), decision, reason, receiver
    )
    sealed = receipts.seal_receipt(receipt, vaultdata.identity(store.vault), opened.signer)
    record_receipt(store, receipt, "out", opened.signer.fingerprint)
    return sealed


def import_receipt(store: Store, data: bytes) -> dict[str, Any]:
    """Verify a receipt from a trusted receiver and log it; returns the receipt."""
    opened = receipts.open_receipt(
        data,
        identities=[vaultdata.identity(store.vault)],
        trusted=vaultdata.trusted_fingerprints(store.vault),
    )
    if opened.verdict is not Verdict.VALID_TRUSTED or opened.payload is None:
        raise PacketRefused(reason=opened.message)
    assert opened.signer is not None
    record_receipt(store, opened.payload, "in", opened.signer.fingerprint)
    return opened.payload
