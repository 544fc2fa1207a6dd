"""The rollback anchor: a monotonic vault counter and the audit head, also kept outside
``vault.db`` so that an older copy of the database, or one whose newest audit rows were
cut off, is noticed.

At every lock the counter in ``meta`` goes up by one (in the database first), then the
anchor ``{counter, audit_id, audit_head}`` is written, with an HMAC under a key derived
from the data key, to the OS keyring (per vault) and into the slot file. At unlock the
database must hold at least the anchor's counter and the anchor's audit row unchanged;
otherwise the vault is *older than the last one this computer saw* and that is reported
(audited, shown, ``vault check`` fails). A legitimate restore re-bases the anchor
explicitly and audits it (``accept``).

Limits: without a keyring only the slot file holds the anchor, so replacing the database
*and* the slot file with an older pair is not detectable; a kill between the database
commit and the anchor writes leaves the anchor one lock behind, which is harmless
(the database is newer, never older, than the anchor).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.crypto import device, secret
from app.crypto.kdf import hkdf_into
from app.i18n import _
from app.vault import keyslots

if TYPE_CHECKING:
    from app.vault.vault import Vault

SERVICE = "Utväg vault anchor"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """The database is older than an anchor says it should be."""

    seen: int  # the counter the anchor holds
    found: int  # the counter in the database
    truncated: bool  # the anchor's audit row is missing or changed
    where: str  # "keyring" or "keyslots"


def _mac(data_key: bytearray, vault_id: str, fields: dict[str, Any]) -> str:
    key = hkdf_into(data_key, b"utvag anchor v1", salt=vault_id.encode())
    canonical = json.dumps({**fields, "vault_id": vault_id}, sort_keys=True).encode()
    try:
        return hmac.new(key, canonical, hashlib.sha256).hexdigest()
    finally:
        secret.wipe(key)


def db_counter(conn: Any) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'anchor_counter'").fetchone()
    return int(row[0]) if row else 0


def _head(conn: Any) -> tuple[int, str]:
    row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


def _set_counter(conn: Any, value: int) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('anchor_counter', ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(value),),
    )


def advance(vault: Vault, *, at_least: int = 0) -> None:
    """Count one more (at least ``at_least``) in the database, then write the anchor
    outside it. Failures outside the database are logged, never raised: a lock must
    always complete."""
    with vault.transaction() as conn:
        counter = max(db_counter(conn), at_least) + 1
        _set_counter(conn, counter)
        audit_id, audit_head = _head(conn)
    fields = {"counter": counter, "audit_id": audit_id, "audit_head": audit_head}
    signed = {**fields, "mac": _mac(vault.key_buffer(), vault.vault_id, fields)}
    device.write_entry(SERVICE, _entry(vault), json.dumps(signed, sort_keys=True))
    sf = vault.slots.copy()
    sf.anchor = signed
    try:
        keyslots.save(vault.folder, sf)
    except OSError as exc:
        log.warning("anchor not written to the slot file: %s", type(exc).__name__)
        return
    vault.slots = sf


def _entry(vault: Vault) -> str:
    """Per vault *and* folder: a backup restored into a second folder has an anchor of
    its own and never makes the original look older."""
    place = hashlib.sha256(str(vault.folder.resolve()).encode()).hexdigest()[:16]
    return f"{vault.vault_id}@{place}"


def _stored(vault: Vault) -> list[tuple[str, dict[str, Any]]]:
    found = []
    text = device.read_entry(SERVICE, _entry(vault))
    if text:
        try:
            found.append(("keyring", dict(json.loads(text))))
        except (ValueError, TypeError):
            found.append(("keyring", {"mac": "damaged"}))
    if vault.slots.anchor:
        found.append(("keyslots", dict(vault.slots.anchor)))
    return found


def _judge(vault: Vault, conn: Any, where: str, anchor: dict[str, Any]) -> Finding | None:
    fields = {k: anchor.get(k) for k in ("counter", "audit_id", "audit_head")}
    expected = _mac(vault.key_buffer(), vault.vault_id, fields)
    found = db_counter(conn)
    if not hmac.compare_digest(expected, str(anchor.get("mac", ""))):
        # Not made with this data key (edited, or left by an interrupted re-key): it
        # proves nothing either way. Deleting it would be as easy as editing it.
        log.warning("rollback anchor in %s does not verify", where)
        return None
    row = conn.execute("SELECT hash FROM audit WHERE id = ?", (fields["audit_id"],)).fetchone()
    truncated = bool(fields["audit_id"]) and (row is None or row[0] != fields["audit_head"])
    if found < int(fields["counter"] or 0) or truncated:
        return Finding(int(fields["counter"] or 0), found, truncated, where)
    return None


def inspect(vault: Vault) -> list[Finding]:
    """Every way the database is older than an anchor says it should be."""
    stored = _stored(vault)
    with vault.read() as conn:
        findings = [_judge(vault, conn, where, anchor) for where, anchor in stored]
    return [f for f in findings if f is not None]


def accept(vault: Vault, reason: str) -> None:
    """Re-base the anchor on the database as it is now (a legitimate restore, or IT
    putting an older copy back on purpose); audited with what was seen before."""
    findings = inspect(vault)
    seen = max([f.seen for f in findings] + [_keyring_counter(vault)], default=0)
    vault.audit(
        "anchor_reset",
        reason=reason,
        seen=seen,
        found=findings[0].found if findings else None,
    )
    advance(vault, at_least=seen)
    vault.rollback = []


def _keyring_counter(vault: Vault) -> int:
    for where, anchor in _stored(vault):
        if where == "keyring" and isinstance(anchor.get("counter"), int):
            return int(anchor["counter"])
    return 0


def describe(finding: Finding) -> str:
    if finding.found < finding.seen:
        return _(
            "valvet är äldre än det som den här datorn senast såg (version {seen}, nu {found})"
        ).format(seen=finding.seen, found=finding.found)
    return _(
        "granskningsloggen slutar före den senaste händelse som den här datorn såg "
        "(händelser har tagits bort)"
    )
