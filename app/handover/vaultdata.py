"""The handover area's own tables in the vault: the signing identity (key inside the
encrypted vault, never on disk), the directory of certificates, the profile's roles,
and the log of packets sent and received (sequence numbers, duplicates, replays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.crypto.identity import Certificate, Identity, load_certificate
from app.errors import ValidationError
from app.handover.errors import NoSigningIdentity, RoleRequired
from app.i18n import N_
from app.vault.vault import Vault

CASEWORKER = "caseworker"
HANDOVER_OFFICER = "handover-officer"
ROLES = (CASEWORKER, HANDOVER_OFFICER)
ROLE_LABELS = {CASEWORKER: N_("handläggare"), HANDOVER_OFFICER: N_("överlämningsansvarig")}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------- identity
def set_identity(vault: Vault, identity: Identity) -> None:
    cert = identity.certificate
    with vault.transaction() as conn:
        conn.execute("DELETE FROM handover_identity")
        conn.execute(
            "INSERT INTO handover_identity (id, blob, fingerprint, subject, created)"
            " VALUES (1, ?, ?, ?, ?)",
            (identity.to_bytes(), cert.fingerprint, cert.subject, _now()),
        )
    vault.audit("identity_set", fingerprint=cert.fingerprint, personal=cert.is_personal)


def identity(vault: Vault) -> Identity:
    with vault.read() as conn:
        row = conn.execute("SELECT blob FROM handover_identity WHERE id = 1").fetchone()
    if row is None:
        raise NoSigningIdentity()
    return Identity.from_bytes(bytes(row[0]))


def has_identity(vault: Vault) -> bool:
    with vault.read() as conn:
        return conn.execute("SELECT 1 FROM handover_identity").fetchone() is not None


# ------------------------------------------------------------------ directory
@dataclass(frozen=True)
class DirectoryEntry:
    certificate: Certificate
    trusted: bool
    trusted_at: str | None
    trusted_by: str | None


def add_certificate(vault: Vault, cert: Certificate, *, trusted: bool = False) -> None:
    """Add (or re-add) a certificate; ``trusted`` only after comparing the fingerprint."""
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO directory (fingerprint, cert, subject, trusted, trusted_at, trusted_by,"
            " added) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET"
            " trusted = max(trusted, excluded.trusted),"
            " trusted_at = coalesce(trusted_at, excluded.trusted_at),"
            " trusted_by = coalesce(trusted_by, excluded.trusted_by)",
            (
                cert.fingerprint,
                cert.der,
                cert.subject,
                int(trusted),
                _now() if trusted else None,
                vault.actor if trusted else None,
                _now(),
            ),
        )
    vault.audit("directory_added", fingerprint=cert.fingerprint, trusted=trusted)


def directory(vault: Vault) -> list[DirectoryEntry]:
    with vault.read() as conn:
        rows = conn.execute(
            "SELECT cert, trusted, trusted_at, trusted_by FROM directory ORDER BY subject"
        ).fetchall()
    return [DirectoryEntry(load_certificate(bytes(r[0])), bool(r[1]), r[2], r[3]) for r in rows]


def trusted_fingerprints(vault: Vault) -> list[str]:
    return [e.certificate.fingerprint for e in directory(vault) if e.trusted]


# ---------------------------------------------------------------------- roles
def set_roles(vault: Vault, roles: list[str]) -> None:
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError(field="roller", problem=N_("okänd roll"))
    with vault.transaction() as conn:
        conn.execute("DELETE FROM profile_roles")
        for role in dict.fromkeys(roles):
            conn.execute("INSERT INTO profile_roles (role) VALUES (?)", (role,))
    vault.audit("roles_set", roles=sorted(set(roles)))


def roles(vault: Vault) -> list[str]:
    with vault.read() as conn:
        return [str(r[0]) for r in conn.execute("SELECT role FROM profile_roles ORDER BY role")]


def require_role(vault: Vault, role: str) -> None:
    if role not in roles(vault):
        raise RoleRequired(role=ROLE_LABELS.get(role, role))


# ---------------------------------------------------------------- packet log
def next_sequence(vault: Vault, case_uid: str) -> int:
    with vault.read() as conn:
        row = conn.execute(
            "SELECT max(sequence) FROM handover_packets WHERE direction = 'out' AND case_uid = ?",
            (case_uid,),
        ).fetchone()
    return int(row[0] or 0) + 1


def log_packet(
    conn: Any,
    direction: str,
    packet: dict[str, Any],
    case_id: int | None,
    counterpart: str,
    signer_fingerprint: str,
    sha256: str,
) -> None:
    """Record a packet inside the caller's transaction."""
    conn.execute(
        "INSERT INTO handover_packets (packet_id, direction, case_uid, sequence, case_id,"
        " counterpart, signer_fingerprint, at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            packet["id"],
            direction,
            packet["case_uid"],
            packet["sequence"],
            case_id,
            counterpart,
            signer_fingerprint,
            _now(),
            sha256,
        ),
    )


def received_before(conn: Any, packet: dict[str, Any], signer_fingerprint: str) -> tuple[bool, int]:
    """(this packet id was imported already, highest sequence imported for its case)."""
    seen = conn.execute(
        "SELECT 1 FROM handover_packets WHERE packet_id = ?", (packet["id"],)
    ).fetchone()
    row = conn.execute(
        "SELECT max(sequence) FROM handover_packets WHERE direction = 'in' AND case_uid = ?"
        " AND signer_fingerprint = ?",
        (packet["case_uid"], signer_fingerprint),
    ).fetchone()
    return seen is not None, int(row[0] or 0)
