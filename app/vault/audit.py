"""Append-only, hash-chained audit trail. Each row carries the hash of the previous row;
``verify_chain`` recomputes every link. The table itself refuses UPDATE and DELETE."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

#: Events the vault itself records (the case file adds its own).
VAULT_EVENTS = (
    "vault_created",
    "unlocked",
    "unlock_failed",
    "locked",
    "passphrase_changed",
    "recovery_used",
    "backup_made",
    "restored",
    "keyslots_repaired",
    "migrated",
)


#: Every event name the trail can hold, vault and case file alike. Add a new one here
#: and give it a label in ui/casefile/events.py (a test walks app/ for audit calls and
#: fails on a name missing here or a label missing there, in Swedish or English).
EVENTS = (
    *VAULT_EVENTS,
    "keyslots_repair_failed", "keyslots_restored", "keys_rotated", "rollback_detected",
    "anchor_reset", "case_opened", "case_created", "case_changed", "case_status",
    "intake_checked", "related_linked", "related_unlinked", "register_extract",
    "person_created", "person_changed", "protection_changed", "identifier_added",
    "identifier_ended", "identity_revealed", "guardian_added", "guardian_changed",
    "journal_added", "journal_signed", "journal_corrected", "journal_addition",
    "journal_struck", "journal_draft_edited", "journal_draft_discarded",
    "record_added", "record_revised", "actor_added", "actor_changed", "actor_linked",
    "actor_unlinked", "decision_added", "task_added", "task_done", "task_reopened",
    "task_changed", "task_reassigned", "task_removed",
    "exported", "printed", "retention_policy", "retention_protocol", "case_culled",
    "person_culled", "backups_destroyed", "identity_set", "roles_set", "profile_changed",
    "directory_added",
    "directory_untrusted", "directory_removed", "revocation_imported",
    "handover_signer_trusted", "handover_signer_refused", "unknown_signer_accepted",
    "handover_exported", "handover_imported", "handover_receipt_in", "handover_receipt_out",
    "transfer_requested", "transfer_answered", "transfer_withdrawn", "transfer_ivo_applied",
    "transfer_taken_over", "transfer_decided", "transfer_legal_force", "transfer_ivo_decided",
    "transfer_appealed", "transfer_completed", "transfer_route",
)  # fmt: skip


def _digest(prev: str, ts: str, actor: str, event: str, subject: str | None, details: str) -> str:
    canonical = json.dumps([prev, ts, actor, event, subject, details], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    conn: Any,
    actor: str,
    event: str,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
    *,
    ts: str,
) -> None:
    """Append one event inside the caller's transaction (or its own); ``ts`` is the
    moment from the session's clock (``app.clock.stamp(clock, "microseconds")``)."""
    row = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    stamp = ts
    body = json.dumps(details or {}, ensure_ascii=False, sort_keys=True)
    digest = _digest(prev, stamp, actor, event, subject, body)
    conn.execute(
        "INSERT INTO audit (ts, actor, event, subject, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (stamp, actor, event, subject, body, prev, digest),
    )


@dataclass(frozen=True)
class AuditEvent:
    id: int
    ts: str
    actor: str
    event: str
    subject: str | None
    details: dict[str, Any]


def verify_chain(conn: Any) -> list[str]:
    """Return a description of every broken link (empty when the chain is intact)."""
    problems = []
    prev = GENESIS
    query = "SELECT id, ts, actor, event, subject, details, prev_hash, hash FROM audit ORDER BY id"
    for rid, ts, actor, event, subject, details, prev_hash, digest in conn.execute(query):
        if prev_hash != prev:
            problems.append(f"audit {rid}: länken till föregående händelse är bruten")
        if _digest(prev_hash, ts, actor, event, subject, details) != digest:
            problems.append(f"audit {rid}: händelsen har ändrats")
        prev = digest
    return problems


def events(
    conn: Any,
    where: str = "",
    params: tuple[Any, ...] = (),
    limit: int = 1000,
    row_filter: Callable[[AuditEvent], bool] | None = None,
) -> list[AuditEvent]:
    sql = "SELECT id, ts, actor, event, subject, details FROM audit"
    if where:
        sql += f" WHERE {where}"
    sql += " ORDER BY id DESC LIMIT ?"
    out = []
    for rid, ts, actor, event, subject, details in conn.execute(sql, (*params, limit)):
        item = AuditEvent(rid, ts, actor, event, subject, json.loads(details))
        if row_filter is None or row_filter(item):
            out.append(item)
    return out
