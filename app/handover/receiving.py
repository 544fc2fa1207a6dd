"""The receiving half of the handover workflow, driven by ``utvag handover verify|import|
receipt|import-receipt`` and the receive dialog alike.

Opening a packet gives a typed next step, never a message to compare::

    open ─► IMPORT            valid, signer trusted: import_case() may run
         ─► DECIDE_SIGNER     valid, signer unknown: trust_signer() after a phone check
                              (or import_case(accept_signer=fingerprint), recorded),
                              or refuse()
         ─► NEEDS_PASSPHRASE  sealed to a one-time passphrase (none given, or wrong)
         ─► REFUSED           altered, malformed, expired, not for this vault: the verdict

Every write (trusting or refusing a signer, the import, a receipt) is one store verb,
committing once or not at all. A receipt is sealed, written beside its target, recorded,
then put in place (as an export is)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.crypto import onetime
from app.crypto.identity import Certificate, fingerprints_equal
from app.fsutil import stage
from app.handover import receipt as receipts
from app.handover import render
from app.handover.errors import PacketRefused
from app.handover.payload_import import received_case
from app.handover.verify import R_SIGNER_REVOKED, Opened, Verdict, open_packet
from app.i18n import N_, _
from app.store import Store
from app.store.handover import IN, OUT, ReceiptLog
from app.store.records import Changes


class NextStep(StrEnum):
    IMPORT = "import"
    DECIDE_SIGNER = "decide_signer"
    NEEDS_PASSPHRASE = "needs_passphrase"  # noqa: S105 (a step name, not a secret)
    REFUSED = "refused"


@dataclass(frozen=True)
class Opening:
    """What opening a packet found, and what may happen next."""

    next: NextStep
    opened: Opened  # the verdict, its message, the signer and (if valid) the payload
    sha256: str
    passphrase: str | None  # normalised; held only while the packet is open
    document: bytes | None = None  # rendered for the preview (memory only)

    @property
    def verdict(self) -> Verdict:
        return self.opened.verdict

    @property
    def message(self) -> str:
        return self.opened.message

    @property
    def signer(self) -> Certificate | None:
        return self.opened.signer

    @property
    def payload(self) -> dict[str, Any] | None:
        return self.opened.payload

    @property
    def wrong_passphrase(self) -> bool:
        return self.next is NextStep.NEEDS_PASSPHRASE and self.passphrase is not None


@dataclass(frozen=True)
class Imported:
    case_id: int
    case_ref: str
    changes: Changes


def next_step(opened: Opened) -> NextStep:
    if opened.verdict is Verdict.VALID_TRUSTED:
        return NextStep.IMPORT
    if opened.verdict is Verdict.VALID_UNKNOWN_SIGNER:
        return NextStep.DECIDE_SIGNER
    if opened.needs_passphrase:
        return NextStep.NEEDS_PASSPHRASE
    return NextStep.REFUSED


def open_with_vault(store: Store, data: bytes, passphrase: str | None = None) -> Opened:
    """Verify ``data`` against this vault's identity and trusted directory."""
    identities = [store.identity()] if store.has_identity() else []
    own = [i.certificate.fingerprint for i in identities]  # it opens what it sent itself
    opened = open_packet(
        data,
        identities=identities,
        passphrase=passphrase,
        trusted=[*store.trusted_fingerprints(), *own],
        now=store.clock.now(),
    )
    if opened.verdict.is_valid and opened.signer is not None:
        issuer = store.revoked_by(opened.signer)  # revocation information kept offline
        if issuer:
            return Opened(Verdict.REVOKED, R_SIGNER_REVOKED, opened.signer,
                          details={"detail": issuer})  # fmt: skip
    return opened


R_ROLLED_BACK = N_(
    "valvet är äldre än det som den här datorn senast såg, så loggen över mottagna paket "
    "kan sakna paket som redan tagits emot. Kontakta IT-supporten innan paketet tas emot"
)

#: The sender is a recipient of its own certificate packets (issue 11), so it can open
#: and check what it sent, but importing it would copy the case into its own vault.
R_OWN_PACKET = N_(
    "paketet förseglades av det här valvet. Det går att öppna och granska här, men det "
    "tas emot i mottagarens valv"
)


class ReceiveFlow:
    """One received packet: open, decide, import, answer with a receipt."""

    def __init__(self, store: Store, data: bytes) -> None:
        self.store, self.data = store, data
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.opening: Opening | None = None
        self.imported: Imported | None = None

    def open(self, passphrase: str | None = None, *, preview: bool = False) -> Opening:
        """Verify the packet (again, e.g. with a passphrase or after trusting)."""
        phrase = onetime.normalise(passphrase) if passphrase else None
        opened = open_with_vault(self.store, self.data, phrase)
        step = next_step(opened)
        document = render.render(opened.payload) if preview and opened.payload else None
        self.opening = Opening(step, opened, self.sha256, phrase, document)
        return self.opening

    def _current(self, *allowed: NextStep) -> Opening:
        opening = self.opening
        if opening is None or opening.next not in allowed:
            raise PacketRefused(reason=opening.message if opening else _("paketet är inte öppnat"))
        return opening

    def trust_signer(self, *, preview: bool = False) -> Opening:
        """DECIDE_SIGNER → the signer joins the trusted directory (recorded), and the
        packet is opened again (now IMPORT). Call only after the phone comparison."""
        opening = self._current(NextStep.DECIDE_SIGNER)
        assert opening.signer is not None
        self.store.add_certificate(opening.signer, trusted=True, via="verify")
        return self.open(opening.passphrase, preview=preview)

    def refuse(self) -> Changes | None:
        """Refuse the packet; a valid packet's signer is recorded as refused."""
        opening, self.opening = self.opening, None
        if opening is not None and opening.signer is not None:
            return self.store.refuse_signer(opening.signer.fingerprint)
        return None

    def import_case(self, accept_signer: str | None = None) -> Imported:
        """IMPORT (or DECIDE_SIGNER with ``accept_signer``, the signer's fingerprint as
        compared by phone, recorded with the import) → a new case, one transaction."""
        opening = self._current(NextStep.IMPORT, NextStep.DECIDE_SIGNER)
        own = self.store.identity().certificate if self.store.has_identity() else None
        if own is not None and opening.signer is not None and own.same_as(opening.signer):
            raise PacketRefused(reason=_(R_OWN_PACKET))
        if self.store.vault.rollback:  # the log that refuses replays may be older too
            raise PacketRefused(reason=_(R_ROLLED_BACK))
        accepted = opening.next is NextStep.DECIDE_SIGNER
        if accepted and not (
            accept_signer
            and opening.signer is not None
            and fingerprints_equal(accept_signer, opening.signer.fingerprint)
        ):
            raise PacketRefused(reason=opening.message)
        assert opening.payload is not None and opening.signer is not None
        received = received_case(
            opening.payload,
            signer_fingerprint=opening.signer.fingerprint,
            packet_sha256=self.sha256,
            accepted_signer=accepted,
        )
        changes = self.store.import_case(received)
        self.imported = Imported(changes.new_id, self.store.case(changes.new_id).ref, changes)
        return self.imported

    def write_receipt(
        self, decision: str, reason: str, path: Path, *, overwrite: bool = False
    ) -> Changes:
        """Seal the answer to the packet's signer, write it, record it (sent), then
        give the file its name."""
        opening = self._current(NextStep.IMPORT, NextStep.DECIDE_SIGNER)
        assert opening.payload is not None and opening.signer is not None
        profile = self.store.vault.profile()
        receiver = {
            "municipality": profile.municipality or "–",
            "unit": profile.unit,
            "officer": profile.name or "–",
        }
        receipt = receipts.build_receipt(
            opening.payload, self.sha256, decision, reason, receiver, self.store.clock.now()
        )
        sealed = receipts.seal_receipt(receipt, self.store.identity(), opening.signer)
        staged = stage(path, sealed, overwrite=overwrite)
        try:
            changes = self.store.record_receipt(receipt_log(receipt, OUT, opening.signer))
        except BaseException:
            staged.discard()
            raise
        staged.publish()
        return changes


def receipt_log(receipt: dict[str, Any], direction: str, signer: Certificate) -> ReceiptLog:
    packet = receipt["packet"]
    text = (
        _("Kvitto {direction} för överlämningspaket {id}: {decision}. {reason}")
        .format(
            direction=_("mottaget") if direction == IN else _("skickat"),
            id=packet["id"],
            decision=_("godtaget") if receipt["decision"] == receipts.ACCEPTED else _("avböjt"),
            reason=receipt["reason"],
        )
        .strip()
    )
    if direction == IN:  # the delivery is closed; a transfer request is not answered
        text += " " + _(
            "Kvittot avser paketets leverans. Begäran om överflyttning besvaras genom "
            "beslut av den mottagande nämnden."
        )
    return ReceiptLog(
        packet_id=packet["id"],
        packet_sha256=packet["sha256"],
        case_ref=packet["case_ref"],
        direction=direction,
        decision=receipt["decision"],
        reason=receipt["reason"],
        decided_at=receipt["decided_at"],
        signer_fingerprint=signer.fingerprint,
        journal_text=text,
    )


def import_receipt(store: Store, data: bytes) -> dict[str, Any]:
    """The sending side: verify a receipt from a trusted receiver and record it; returns
    the receipt. A receipt closes the packet's delivery; it never answers a transfer
    request (the other nämnd answers that with a decision)."""
    opened = receipts.open_receipt(
        data,
        identities=[store.identity()],
        trusted=store.trusted_fingerprints(),
        now=store.clock.now(),
    )
    if opened.verdict is not Verdict.VALID_TRUSTED or opened.payload is None:
        raise PacketRefused(reason=opened.message)
    assert opened.signer is not None
    store.record_receipt(receipt_log(opened.payload, IN, opened.signer))
    return opened.payload


__all__ = [
    "Imported",
    "NextStep",
    "Opening",
    "ReceiveFlow",
    "import_receipt",
    "next_step",
    "open_with_vault",
]
