"""The handover area's part of the case file: the vault's signing identity (its key
inside the encrypted vault, never on disk), the directory of other parties'
certificates, the profile's roles, and the log of packets and receipts sent and
received (sequence numbers, duplicates, replays).

Every verb a person's action triggers commits once or not at all: an export's journal
entry, packet-log row and audit event are one transaction, so a crash can never leave
a sequence number used in the journal but free in the log."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.changes import Area, Changes
from app.domain.kinds import JournalKind
from app.errors import ValidationError
from app.handover.errors import NoSigningIdentity, PacketRefused, RoleRequired
from app.i18n import N_, _
from app.store.base import StoreBase
from app.store.cases import case_subject
from app.store.journal import insert_entry
from app.store.transfer import TransferMixin

if TYPE_CHECKING:  # X.509 and RSA load when a handover verb first needs them
    from app.crypto.identity import Certificate, Identity

CASEWORKER = "caseworker"
HANDOVER_OFFICER = "handover-officer"
ROLES = (CASEWORKER, HANDOVER_OFFICER)
ROLE_LABELS = {CASEWORKER: N_("handläggare"), HANDOVER_OFFICER: N_("överlämningsansvarig")}
OUT, IN = "out", "in"


@dataclass(frozen=True)
class DirectoryEntry:
    certificate: Certificate
    trusted: bool
    trusted_at: str | None
    trusted_by: str | None


@dataclass(frozen=True)
class PacketLog:
    """One packet as the log keeps it (sent or received)."""

    packet_id: str
    case_uid: str  # the sending vault's id and case id: sequence numbers count per case
    sequence: int
    case_ref: str  # the sender's reference
    counterpart: str  # recipients (sent) or the sender (received), as people read them
    signer_fingerprint: str
    sha256: str


@dataclass(frozen=True)
class SentPacket:
    """What :meth:`HandoverMixin.record_export` writes: the log row, the case journal's
    text and the audit details (recipients, sections)."""

    log: PacketLog
    journal_text: str
    sections: tuple[str, ...]
    #: what travels beyond the minimum ("safety_history", "all_identities"); the
    #: reason for more identities is in the journal text
    disclosed: tuple[str, ...] = ()
    #: the legal basis as the disclosure log keeps it (kind, provision, harm test)
    basis: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReceiptLog:
    """A receipt sent (``out``, receiving side) or received (``in``, sending side)."""

    packet_id: str
    packet_sha256: str
    case_ref: str
    direction: str
    decision: str  # accepted / declined
    reason: str
    decided_at: str
    signer_fingerprint: str
    journal_text: str


#: Profile fields the contact verb may change (the name comes from the vault's creation).
CONTACT_FIELDS = frozenset({"title", "unit", "board", "phone", "email"})


class HandoverMixin(TransferMixin, StoreBase):
    # ------------------------------------------------------------ identity
    def set_identity(self, identity: Identity) -> Changes:
        cert = identity.certificate
        with self._write() as conn:
            conn.execute("DELETE FROM handover_identity")
            conn.execute(
                "INSERT INTO handover_identity (id, blob, fingerprint, subject, created)"
                " VALUES (1, ?, ?, ?, ?)",
                (identity.to_bytes(), cert.fingerprint, cert.subject, self.now()),
            )
            self._audit(conn, "identity_set", None, fingerprint=cert.fingerprint,
                        personal=cert.is_personal)  # fmt: skip
        return self._changes(Area.IDENTITY)

    def identity(self) -> Identity:
        """The vault's signing identity; :class:`NoSigningIdentity` if there is none."""
        with self._read() as conn:
            row = conn.execute("SELECT blob FROM handover_identity WHERE id = 1").fetchone()
        if row is None:
            raise NoSigningIdentity()
        from app.crypto.identity import Identity

        return Identity.from_bytes(bytes(row[0]))

    def has_identity(self) -> bool:
        with self._read() as conn:
            return conn.execute("SELECT 1 FROM handover_identity").fetchone() is not None

    # ----------------------------------------------------------- directory
    def add_certificate(
        self, cert: Certificate, *, trusted: bool = False, via: str = ""
    ) -> Changes:
        """Add (or re-add) a certificate; ``trusted`` only after comparing the
        fingerprint (``via`` names where, e.g. a packet's verification)."""
        now = self.now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO directory (fingerprint, cert, subject, trusted, trusted_at,"
                " trusted_by, added) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fingerprint)"
                " DO UPDATE SET trusted = max(trusted, excluded.trusted),"
                " trusted_at = coalesce(trusted_at, excluded.trusted_at),"
                " trusted_by = coalesce(trusted_by, excluded.trusted_by)",
                (cert.fingerprint, cert.der, cert.subject, int(trusted),
                 now if trusted else None, self.user if trusted else None, now),
            )  # fmt: skip
            self._audit(conn, "directory_added", None, fingerprint=cert.fingerprint,
                        trusted=trusted)  # fmt: skip
            if via:
                self._audit(conn, "handover_signer_trusted", None, fingerprint=cert.fingerprint,
                            via=via)  # fmt: skip
        return self._changes(Area.DIRECTORY)

    def untrust_certificate(self, fingerprint: str) -> Changes:
        """Withdraw trust (the certificate stays listed): packets it signs get the
        "unknown signer" decision again, and no new packet is sealed to it."""
        with self._write() as conn:
            found = self._directory_key(conn, fingerprint)
            conn.execute(
                "UPDATE directory SET trusted = 0, trusted_at = NULL, trusted_by = NULL"
                " WHERE fingerprint = ?",
                (found,),
            )
            self._audit(conn, "directory_untrusted", None, fingerprint=found)
        return self._changes(Area.DIRECTORY)

    def remove_certificate(self, fingerprint: str) -> Changes:
        """Take a certificate out of the directory (the packet log keeps its fingerprint)."""
        with self._write() as conn:
            found = self._directory_key(conn, fingerprint)
            conn.execute("DELETE FROM directory WHERE fingerprint = ?", (found,))
            self._audit(conn, "directory_removed", None, fingerprint=found)
        return self._changes(Area.DIRECTORY)

    @staticmethod
    def _directory_key(conn: Any, fingerprint: str) -> str:
        from app.crypto.identity import fingerprints_equal

        for (stored,) in conn.execute("SELECT fingerprint FROM directory").fetchall():
            if fingerprints_equal(str(stored), fingerprint):
                return str(stored)
        raise ValidationError(field=N_("fingeravtryck"), problem=N_("finns inte i katalogen"))

    def add_revocations(self, data: bytes, source: str) -> int:
        """Keep the CRLs / OCSP responses in ``data`` for offline use (``source``: where
        they came from, e.g. "it" or "certificate"); return how many were new."""
        from app.crypto.revocation import parse

        new = 0
        with self._write() as conn:
            for statement in parse(data):
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO revocations (kind, der, issuer, imported, source)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (statement.kind, statement.der, statement.issuer, self.now(), source),
                )
                if cursor.rowcount:
                    new += 1
                    self._audit(conn, "revocation_imported", None, kind=statement.kind,
                                issuer=statement.issuer, source=source)  # fmt: skip
        return new

    def revoked_by(self, cert: Certificate) -> str | None:
        """Who says ``cert`` is revoked, from the revocation information kept here."""
        from app.crypto.revocation import Statement, revoked_by

        with self._read() as conn:
            rows = conn.execute("SELECT kind, der, issuer FROM revocations").fetchall()
        if not rows:
            return None
        statements = [Statement(str(k), bytes(d), str(i)) for k, d, i in rows]
        directory = [e.certificate for e in self.directory()]
        return revoked_by(cert, statements, directory)

    def refuse_signer(self, fingerprint: str) -> Changes:
        """Record that a person refused a packet from an unknown signer."""
        with self._write() as conn:
            self._audit(conn, "handover_signer_refused", None, fingerprint=fingerprint)
        return self._changes(Area.DIRECTORY)

    def directory(self) -> list[DirectoryEntry]:
        from app.crypto.identity import load_certificate

        with self._read() as conn:
            rows = conn.execute(
                "SELECT cert, trusted, trusted_at, trusted_by FROM directory ORDER BY subject"
            ).fetchall()
        return [DirectoryEntry(load_certificate(bytes(r[0])), bool(r[1]), r[2], r[3]) for r in rows]

    def trusted_fingerprints(self) -> list[str]:
        return [e.certificate.fingerprint for e in self.directory() if e.trusted]

    # --------------------------------------------------------------- roles
    def set_roles(self, roles: list[str]) -> Changes:
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise ValidationError(field="roller", problem=N_("okänd roll"))
        with self._write() as conn:
            conn.execute("DELETE FROM profile_roles")
            for role in dict.fromkeys(roles):
                conn.execute("INSERT INTO profile_roles (role) VALUES (?)", (role,))
            self._audit(conn, "roles_set", None, roles=sorted(set(roles)))
        return self._changes(Area.ROLES)

    def set_contact(self, **fields: str) -> Changes:
        """Change the profile's unit, nämnd, phone or e-mail: what a packet's cover
        shows the receiver (audited, field names only)."""
        unknown = set(fields) - CONTACT_FIELDS
        if unknown:
            raise TypeError(f"unknown profile fields: {sorted(unknown)}")
        with self._write() as conn:
            for key, value in fields.items():
                conn.execute(f"UPDATE profile SET {key} = ? WHERE id = 1", (value.strip(),))  # noqa: S608 (fixed identifiers; values bound)
            self._audit(conn, "profile_changed", None, fields=sorted(fields))
        return self._changes(Area.ROLES)

    def roles(self) -> list[str]:
        with self._read() as conn:
            return [str(r[0]) for r in conn.execute("SELECT role FROM profile_roles ORDER BY role")]

    def require_role(self, role: str) -> None:
        if role not in self.roles():
            raise RoleRequired(role=_(ROLE_LABELS.get(role, role)))

    # ---------------------------------------------------------- packet log
    def next_sequence(self, case_uid: str) -> int:
        """The number the next packet sent for this case gets (1, 2, …)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT max(sequence) FROM handover_packets WHERE direction = 'out'"
                " AND case_uid = ?",
                (case_uid,),
            ).fetchone()
        return int(row[0] or 0) + 1

    def case_uid(self, case_ref: str) -> str:
        """The case's id across vaults (vault id and case id)."""
        with self._read() as conn:
            return f"{self.vault.vault_id}:{self._case_id(conn, case_ref)}"

    def record_export(self, sent: SentPacket) -> Changes:
        """Log a sealed packet: the case's journal entry, the packet-log row and the
        audit event, in one transaction."""
        log = sent.log
        now = self.now()
        with self._write() as conn:
            case_id = self._case_id(conn, log.case_ref)
            entry_id, _rev = insert_entry(conn, case_id, JournalKind.SYSTEM.value,
                                          self.today().isoformat(), sent.journal_text,
                                          self.user, now)  # fmt: skip
            self._audit(conn, "journal_added", case_subject(log.case_ref), entry=entry_id)
            self._log_packet(conn, OUT, log, case_id)
            self._audit(conn, "handover_exported", case_subject(log.case_ref),
                        packet=log.packet_id, sequence=log.sequence, to=log.counterpart,
                        sections=list(sent.sections), disclosed=list(sent.disclosed),
                        basis=sent.basis)  # fmt: skip
        return self._changes(Area.HANDOVER, Area.JOURNAL, Area.CASE, case_id=case_id, id=entry_id)

    def _log_packet(self, conn: Any, direction: str, log: PacketLog, case_id: int | None) -> None:
        conn.execute(
            "INSERT INTO handover_packets (packet_id, direction, case_uid, sequence, case_id,"
            " counterpart, signer_fingerprint, at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (log.packet_id, direction, log.case_uid, log.sequence, case_id, log.counterpart,
             log.signer_fingerprint, self.now(), log.sha256),
        )  # fmt: skip

    def _refuse_seen(self, conn: Any, log: PacketLog) -> None:
        """A packet imported before, or older than one imported for its case, is refused."""
        seen = conn.execute(
            "SELECT 1 FROM handover_packets WHERE packet_id = ?", (log.packet_id,)
        ).fetchone()
        if seen is not None:
            raise PacketRefused(reason=_(R_DUPLICATE).format(id=log.packet_id))
        row = conn.execute(
            "SELECT max(sequence) FROM handover_packets WHERE direction = 'in' AND case_uid = ?"
            " AND signer_fingerprint = ?",
            (log.case_uid, log.signer_fingerprint),
        ).fetchone()
        highest = int(row[0] or 0)
        if log.sequence <= highest:
            raise PacketRefused(reason=_(R_REPLAY).format(sequence=log.sequence, seen=highest))

    # ------------------------------------------------------------ receipts
    def record_receipt(self, receipt: ReceiptLog) -> Changes:
        """Log a receipt sent or received, in one transaction: the receipt row, the
        audit event and the case's journal entry. A receipt closes the delivery of a
        packet, never a transfer request (that is answered by the other nämnd's
        decision). A received receipt must answer a packet this vault sent, with the
        same bytes."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT case_id, sha256 FROM handover_packets WHERE packet_id = ?"
                " AND direction = ?",
                (receipt.packet_id, OUT if receipt.direction == IN else IN),
            ).fetchone()
            known = row is not None and hmac.compare_digest(str(row[1]), receipt.packet_sha256)
            if receipt.direction == IN and not known:
                raise PacketRefused(
                    reason=_("kvittot gäller inget paket som det här valvet har skickat.")
                )
            seen = conn.execute(
                "SELECT 1 FROM handover_receipts WHERE packet_id = ? AND direction = ?",
                (receipt.packet_id, receipt.direction),
            ).fetchone()
            if seen is not None:
                raise PacketRefused(reason=_(R_RECEIPT_SEEN).format(id=receipt.packet_id))
            conn.execute(
                "INSERT INTO handover_receipts (packet_id, direction, decision, reason, at,"
                " signer_fingerprint) VALUES (?, ?, ?, ?, ?, ?)",
                (receipt.packet_id, receipt.direction, receipt.decision, receipt.reason,
                 receipt.decided_at, receipt.signer_fingerprint),
            )  # fmt: skip
            self._audit(conn, f"handover_receipt_{receipt.direction}",
                        case_subject(receipt.case_ref), packet=receipt.packet_id,
                        decision=receipt.decision)  # fmt: skip
            case_id = int(row[0]) if known and row is not None and row[0] is not None else None
            if case_id is not None:
                self._journal(conn, case_id, self.today().isoformat(), receipt.journal_text,
                              self.now())  # fmt: skip
        return self._changes(Area.HANDOVER, Area.JOURNAL, Area.CASE, case_id=case_id)


R_RECEIPT_SEEN = N_("ett kvitto för paketet {id} är redan antecknat. Ingenting har ändrats.")
R_DUPLICATE = N_("paketet {id} är redan importerat. Ingenting har ändrats.")
R_REPLAY = N_(
    "paketet har nummer {sequence} men nummer {seen} för samma ärende är redan importerat. "
    "Det kan vara en gammal kopia; be avsändaren bekräfta vilket paket som gäller."
)

__all__ = [
    "CASEWORKER",
    "HANDOVER_OFFICER",
    "ROLES",
    "ROLE_LABELS",
    "DirectoryEntry",
    "HandoverMixin",
    "PacketLog",
    "ReceiptLog",
    "SentPacket",
]
