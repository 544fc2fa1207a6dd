"""The export steps the wizard runs, without Qt: check role and parties, build the
payload (only what was chosen), flag unrenderable text, render for the preview, then
seal, write atomically and record. Each step is a plain function the wizard runs off
the UI thread. Everything stays in memory until the sealed bytes are written."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.crypto import onetime
from app.crypto.identity import Certificate, Identity
from app.fsutil import atomic_write
from app.handover import fonts, seal, service, vaultdata
from app.handover.payload import Period, build_payload, case_uid_of, record_export
from app.i18n import _
from app.policy import load_policy
from app.store import Store
from app.store.records import Consent

#: Legal provision offered when no consent covers the disclosure.
PROVISION = "legal_provision"


@dataclass(frozen=True)
class Choice:
    """What the officer chose in the wizard."""

    case_ref: str
    sections: tuple[str, ...]
    period: Period
    recipients: tuple[Certificate, ...]  # empty: seal to a one-time passphrase
    consent: Consent | None  # the consent in force the disclosure rests on
    provision_text: str = ""  # the legal provision, when no consent is used
    expires_at: str | None = None


@dataclass(frozen=True)
class Prepared:
    choice: Choice
    payload: dict[str, Any]
    document: bytes  # the rendered, unsealed PDF: memory only, never written


def consent_text(consent: Consent) -> str:
    """The consent as the officer sees it when choosing the legal basis."""
    data = consent.record.data
    return _(
        "Samtycke lämnat {given} till {recipient} för {purpose}; giltigt till {until}."
    ).format(
        given=data.get("given_on") or consent.record.effective,
        recipient=consent.recipient or "–",
        purpose=str(data.get("purpose") or data.get("information") or "–")[:300],
        until=consent.valid_until or _("tills vidare"),
    )


def legal_basis(choice: Choice) -> dict[str, Any]:
    if choice.consent is not None:
        return service.consent_basis(choice.consent.record)
    return {"kind": PROVISION, "text": choice.provision_text.strip(), "consent": None}


def check_ready(store: Store, recipients: Sequence[Certificate]) -> Identity:
    """The handover-officer role, the organisation's export policy, a valid signing
    identity and valid RSA recipients (the same checks as ``service.export_packet``)."""
    vaultdata.require_role(store.vault, vaultdata.HANDOVER_OFFICER)
    load_policy().check_export([c.fingerprint for c in recipients] if recipients else None)
    identity = vaultdata.identity(store.vault)
    seal.check_parties(identity, recipients)
    return identity


def prepare(store: Store, choice: Choice) -> Prepared:
    """Build, check and render the document for the preview (nothing touches disk)."""
    check_ready(store, choice.recipients)
    case_id = store.case_id_for_ref(choice.case_ref)
    transfer = getattr(store, "transfer_request_payload", None)
    payload = build_payload(
        store,
        choice.case_ref,
        choice.sections,
        choice.period,
        sender=service.sender_of(store),
        recipients=service.recipient_entries(choice.recipients),
        legal_basis=legal_basis(choice),
        sequence=vaultdata.next_sequence(store.vault, case_uid_of(store, choice.case_ref)),
        expires_at=choice.expires_at,
        transfer_request=transfer(case_id) if transfer else None,
    )
    fonts.require_renderable(payload)
    return Prepared(choice, payload, service.preview(store, payload))


def new_passphrase() -> str:
    return onetime.generate()


def seal_and_save(store: Store, prepared: Prepared, path: Path, passphrase: str | None) -> str:
    """Seal the previewed document, write it atomically, record the export; return
    the packet id. The passphrase is used here and nowhere stored."""
    identity = check_ready(store, prepared.choice.recipients)
    sealed = seal.seal_packet(
        prepared.payload,
        identity,
        recipients=prepared.choice.recipients,
        passphrase=None if prepared.choice.recipients else passphrase,
        document=prepared.document,
    )
    atomic_write(path, sealed)
    digest = hashlib.sha256(sealed).hexdigest()
    record_export(store, prepared.payload, digest, identity.certificate.fingerprint)
    return str(prepared.payload["packet"]["id"])


def default_file_name(case_ref: str, today: str) -> str:
    return f"{case_ref}-{today}.pdf"
