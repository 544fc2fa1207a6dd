"""The one handover export workflow, driven by the CLI and the export wizard alike.

A state machine with explicit steps::

    NEW ─check─► CHECKED ─prepare─► PREPARED ─seal─► SEALED ─write─► WRITTEN ─record─► RECORDED

- **check**: every function in :attr:`ExportFlow.checks` (role, choice, organisation
  policy, signing identity and recipients, legal basis from :mod:`app.handover.basis`);
  each raises a typed error that says what is missing. A new rule (e.g. a consent's
  recipient and scope against the packet's) is one more function in that tuple.
- **prepare**: build the payload (only the chosen sections and period) and render the
  unsealed document for the preview, in memory only.
- **seal**: check again (roles or policy may have changed since the preview), then sign
  and encrypt to the recipients or a one-time passphrase.
- **write**: the sealed bytes are written and fsynced beside the target, not yet under
  its name; a file that cannot be written stops here, and nothing is recorded.
- **record**: the journal entry, packet-log row and audit event in one transaction,
  then the file takes its name. A crash before the commit leaves no packet file (only
  a hidden temp file) and no record, so the sequence number is safely used again.

A step called out of order raises :class:`StepOutOfOrder`; a failing step leaves the
state as it was (a failed record returns to SEALED: the bytes can be written again).
The legal basis is an explicit input (:class:`Basis`) for both faces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.crypto import onetime
from app.crypto.identity import Certificate, Identity
from app.errors import ValidationError
from app.fsutil import Staged, stage
from app.handover import render, seal
from app.handover.basis import (
    Basis,
    HarmTest,
    Receiver,
    basis_options,
    check_basis,
    check_receiver,
    consent_matches,
    consent_text,
    legal_basis,
    receiver_text,
)
from app.handover.payload import Disclosure, Period, build_payload
from app.handover.schema import SECTIONS
from app.i18n import N_, _
from app.pdf import fonts
from app.policy import load_policy
from app.store import Store
from app.store.handover import HANDOVER_OFFICER, PacketLog, SentPacket
from app.store.records import Changes


class ExportStep(StrEnum):
    NEW = "new"
    CHECKED = "checked"
    PREPARED = "prepared"
    SEALED = "sealed"
    WRITTEN = "written"
    RECORDED = "recorded"


class StepOutOfOrder(RuntimeError):
    """A face called a step before the one it builds on (a programming error)."""


@dataclass(frozen=True)
class ExportChoice:
    """Everything a person chooses for one packet (the same from the CLI and the GUI)."""

    case_ref: str
    sections: tuple[str, ...]
    basis: Basis
    recipients: tuple[Certificate, ...] = ()  # empty: seal to a one-time passphrase
    period: Period = field(default_factory=Period)
    expires_at: str | None = None
    #: beyond the minimum: earlier safety-plan versions, other identities (with a reason)
    disclosure: Disclosure = field(default_factory=Disclosure)
    #: the receiving nämnd and unit: required, also for a one-time passphrase
    receiver: Receiver = field(default_factory=Receiver)


@dataclass(frozen=True)
class ExportResult:
    packet_id: str
    sequence: int
    path: Path
    passphrase: str | None  # shown once, never stored
    payload: dict[str, Any]
    changes: Changes


Check = Callable[[Store, ExportChoice], None]


def check_role(store: Store, choice: ExportChoice) -> None:
    store.require_role(HANDOVER_OFFICER)


def check_choice(store: Store, choice: ExportChoice) -> None:
    unknown = [s for s in choice.sections if s not in SECTIONS]
    if unknown or not choice.sections:
        raise ValidationError(field="avsnitt", problem=N_("välj minst ett känt avsnitt"))
    store.case_id_for_ref(choice.case_ref)  # NotFound names the case


def check_policy(store: Store, choice: ExportChoice) -> None:
    """Exports may be forbidden or pinned to listed recipient certificates; a one-time
    passphrase cannot be pinned (app.policy)."""
    fingerprints = [c.fingerprint for c in choice.recipients]
    load_policy().check_export(fingerprints or None)


def check_parties(store: Store, choice: ExportChoice) -> None:
    seal.check_parties(store.identity(), choice.recipients, store.clock.now())


#: The shortest reason accepted for sending more identities than the one to use.
MIN_REASON = 10


def check_disclosure(store: Store, choice: ExportChoice) -> None:
    """Another identity than the one the receiver must use travels only with a reason."""
    if (
        choice.disclosure.all_identities
        and len(choice.disclosure.identity_reason.strip()) < MIN_REASON
    ):
        raise ValidationError(
            field="identiteter",
            problem=N_(
                "skriv varför mottagaren behöver fler identiteter än den som ska användas "
                "(minst tio tecken); skälet sparas i loggen"
            ),
        )


def check_recipient(store: Store, choice: ExportChoice) -> None:
    check_receiver(choice.receiver)


CHECKS: tuple[Check, ...] = (
    check_role, check_choice, check_policy, check_parties, check_recipient, check_disclosure,
    check_basis,
)  # fmt: skip


def sender_of(store: Store) -> dict[str, str]:
    profile = store.vault.profile()
    return {
        "municipality": profile.municipality or "–",
        "unit": profile.unit,
        "board": profile.board,
        "officer": profile.name or "–",
        "officer_title": profile.title,
        "phone": profile.phone,
        "email": profile.email,
        "identity_fingerprint": store.identity().certificate.fingerprint,
    }


def recipient_entries(
    certs: tuple[Certificate, ...], receiver: Receiver | None = None
) -> list[dict[str, Any]]:
    """Who the packet is sealed to. With a one-time passphrase that is the receiving
    nämnd (and unit), never the word for the passphrase: it is transport, not a party."""
    if not certs:
        to = (receiver or Receiver()).as_json()
        return [{"kind": "passphrase", "name": to["board"] or "–", "organisation": to["unit"]}]
    return [
        {
            "kind": "certificate",
            "name": c.common_name,
            "organisation": c.organisation,
            "fingerprint": c.fingerprint,
        }
        for c in certs
    ]


def default_file_name(case_ref: str, today: str) -> str:
    return f"{case_ref}-{today}.pdf"


class ExportFlow:
    """One packet from choice to record; see the module text for the steps."""

    checks: tuple[Check, ...] = CHECKS

    def __init__(self, store: Store, choice: ExportChoice) -> None:
        self.store, self.choice = store, choice
        self.step = ExportStep.NEW
        self.identity: Identity | None = None
        self.payload: dict[str, Any] | None = None
        self.document: bytes | None = None  # unsealed: memory only, for the preview
        self.sealed: bytes | None = None
        self.passphrase: str | None = None
        self._staged: Staged | None = None

    def _require(self, *allowed: ExportStep) -> None:
        if self.step not in allowed:
            raise StepOutOfOrder(f"{self.step.value} → ? (needs {[s.value for s in allowed]})")

    # --------------------------------------------------------------- steps
    def check(self) -> None:
        """NEW/CHECKED → CHECKED. Raises the first refusal (state unchanged)."""
        self._require(ExportStep.NEW, ExportStep.CHECKED)
        self._run_checks()
        self.step = ExportStep.CHECKED

    def _run_checks(self) -> None:
        for check in self.checks:
            check(self.store, self.choice)
        self.identity = self.store.identity()

    def prepare(self) -> bytes:
        """CHECKED → PREPARED: the payload and the rendered (unsealed) document."""
        self._require(ExportStep.CHECKED)
        store, choice = self.store, self.choice
        payload = build_payload(
            store,
            choice.case_ref,
            choice.sections,
            choice.period,
            sender=sender_of(store),
            recipients=recipient_entries(choice.recipients, choice.receiver),
            receiver=choice.receiver.as_json(),
            legal_basis=legal_basis(store, choice),
            sequence=store.next_sequence(store.case_uid(choice.case_ref)),
            expires_at=choice.expires_at,
            disclosure=choice.disclosure,
        )
        fonts.require_renderable(payload)
        self.payload, self.document = payload, render.render(payload)
        self.step = ExportStep.PREPARED
        return self.document

    def seal(self, passphrase: str | None = None) -> bytes:
        """PREPARED → SEALED. Without recipients a one-time passphrase is made (or the
        given one used); it is kept only on this object, never stored."""
        self._require(ExportStep.PREPARED)
        self._run_checks()
        assert self.identity is not None and self.payload is not None
        phrase = None if self.choice.recipients else (passphrase or onetime.generate())
        self.sealed = seal.seal_packet(
            self.payload,
            self.identity,
            recipients=self.choice.recipients,
            passphrase=phrase,
            document=self.document,
        )
        self.passphrase = phrase
        self.step = ExportStep.SEALED
        return self.sealed

    def write(self, path: Path, *, overwrite: bool = False) -> None:
        """SEALED → WRITTEN: durable beside ``path``; it takes the name on record."""
        self._require(ExportStep.SEALED)
        assert self.sealed is not None
        self._staged = stage(path, self.sealed, overwrite=overwrite)
        self.step = ExportStep.WRITTEN

    def record(self) -> Changes:
        """WRITTEN → RECORDED: one transaction, then the packet file appears. If the
        record fails, the written bytes go and the flow is SEALED again (write anew)."""
        self._require(ExportStep.WRITTEN)
        assert self._staged is not None and self.sealed is not None
        try:
            changes = self.store.record_export(self._sent())
        except BaseException:
            self.discard()
            raise
        self._staged.publish()
        self.step = ExportStep.RECORDED
        return changes

    def discard(self) -> None:
        """Forget a written but unrecorded packet: its temp file goes, SEALED again."""
        if self._staged is not None and self.step is ExportStep.WRITTEN:
            self._staged.discard()
            self._staged, self.step = None, ExportStep.SEALED

    def finish(self, path: Path, *, overwrite: bool = False) -> ExportResult:
        """From PREPARED or SEALED: seal (once), write, record. A failed write or record
        can be finished again, e.g. to another folder, with the same sealed bytes and
        one-time passphrase."""
        if self.step is ExportStep.PREPARED:
            self.seal()
        self.write(path, overwrite=overwrite)
        changes = self.record()
        assert self.payload is not None
        packet = self.payload["packet"]
        return ExportResult(
            packet["id"], packet["sequence"], path, self.passphrase, self.payload, changes
        )

    def run(
        self, path: Path, *, overwrite: bool = False, passphrase: str | None = None
    ) -> ExportResult:
        """Every step in order (the CLI)."""
        if self.step is ExportStep.NEW:
            self.check()
        if self.step is ExportStep.CHECKED:
            self.prepare()
        self.seal(passphrase)
        return self.finish(path, overwrite=overwrite)

    def _sent(self) -> SentPacket:
        assert self.payload is not None and self.sealed is not None and self.identity
        payload, packet = self.payload, self.payload["packet"]
        recipients = receiver_text(self.choice.receiver.as_json())
        text = _(
            "Förseglat överlämningspaket {id} (nummer {sequence}) till {recipients}. "
            "Avsnitt: {sections}. Journalperiod: {period}. Rättslig grund: {basis}"
        ).format(
            id=packet["id"],
            sequence=packet["sequence"],
            recipients=recipients,
            sections=", ".join(_(SECTIONS[s]) for s in payload["sections"]) or "–",
            period=_period_text(payload.get("period")),
            basis=payload["legal_basis"]["text"][:600],
        ) + _disclosure_text(self.choice.disclosure)
        log = PacketLog(
            packet_id=packet["id"],
            case_uid=packet["case_uid"],
            sequence=packet["sequence"],
            case_ref=packet["case_ref"],
            counterpart=recipients,
            signer_fingerprint=self.identity.certificate.fingerprint,
            sha256=hashlib.sha256(self.sealed).hexdigest(),
        )
        disclosure = self.choice.disclosure
        disclosed = (("safety_history",) if disclosure.safety_history else ()) + (
            ("all_identities",) if disclosure.all_identities else ()
        )
        sections = tuple(payload["sections"])
        return SentPacket(log, text, sections, disclosed, basis=_logged_basis(payload))


def _disclosure_text(disclosure: Disclosure) -> str:
    """What the packet carries beyond the minimum, for the journal and the audit trail."""
    parts = []
    if disclosure.safety_history:
        parts.append(_(" Tidigare versioner av säkerhetsplanen (med gamla kodord) medskickade."))
    if disclosure.all_identities:
        parts.append(
            _(" Alla identiteter medskickade, skäl: {reason}").format(
                reason=disclosure.identity_reason.strip()[:300]
            )
        )
    return "".join(parts)


def _logged_basis(payload: dict[str, Any]) -> dict[str, Any]:
    """The basis as the disclosure log (audit trail) keeps it: kind, provision, consent
    id, who made the harm test and when. The reasoning stays in the journal and packet:
    the audit trail is read by oversight and holds no case text."""
    basis = payload["legal_basis"]
    out: dict[str, Any] = {"kind": basis["kind"]}
    if basis.get("provision"):
        out["provision"] = basis["provision"]["citation"]
    if basis.get("consent"):
        out["consent"] = basis["consent"]["id"]
        out["recipient"] = str(basis["consent"]["data"].get("recipient", ""))[:200]
    if basis.get("harm_test"):
        out["harm_test"] = {k: basis["harm_test"][k] for k in ("by", "on")}
    return out


def _period_text(period: dict[str, Any] | None) -> str:
    period = period or {}
    return f"{period.get('from') or '…'} – {period.get('until') or '…'}"


__all__ = [
    "CHECKS",
    "MIN_REASON",
    "Basis",
    "Disclosure",
    "ExportChoice",
    "ExportFlow",
    "ExportResult",
    "ExportStep",
    "HarmTest",
    "Receiver",
    "StepOutOfOrder",
    "basis_options",
    "consent_matches",
    "consent_text",
    "default_file_name",
    "legal_basis",
    "recipient_entries",
    "sender_of",
]
