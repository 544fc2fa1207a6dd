"""Retention review per person (*personakt*) and the one verb that deletes. The rules
are in :mod:`app.retention`; here they meet the vault.

A culling deletes every row of the person's cases, takes their words out of the
full-text index (FTS5 ``secure-delete``, so no tombstone keeps them), zeroes what it
frees (``secure_delete``), then rebuilds the file (``VACUUM``) and empties the
write-ahead log, all within the one call, so the culled text is in no page of the
vault file, used or free. The *gallringsprotokoll* is written in the same transaction
as the deletion."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from app.changes import CASE_FILE, Area, Changes
from app.errors import Refused
from app.i18n import _
from app.policy import load_policy
from app.retention import (
    POLICY_KEY,
    ResearchKeep,
    RetentionPolicy,
    complete_by,
    due_date,
    kept_for_research,
    rule_text,
)
from app.settings import RETENTION_RESEARCH, RETENTION_YEARS, effective
from app.store.base import StoreBase
from app.store.cases import case_subject
from app.store.people import person_subject
from app.store.records import (
    BackupMade,
    FileCase,
    RetentionCandidate,
    RetentionProtocol,
)
from app.vault.vault import DB_FILE, Vault

_ENDED = frozenset({"closed", "transferred"})
_FILE_SQL = (
    "SELECT p.id, p.display_name, p.protected_level, p.birth_date, c.id, c.ref, c.status,"
    " c.opened, c.closed, c.last_entry, c.retention_hold"
    " FROM cases c JOIN persons p ON p.id = c.person_id ORDER BY p.id, c.id"
)
# Rows that belong to a case, deleted child tables first (the schema's foreign keys).
_CASE_TABLES = ("form_records", "decisions", "tasks", "case_intake", "case_persons",
                "case_actors", "case_status_history", "transfer_requests",
                "received_documents")  # fmt: skip
_PROTOCOL_COLUMNS = (
    "id, culled_at, decided_by, decision, recorded_by, rule, period_years, research,"
    " persons, cases, entries, records, case_refs, backups, backups_destroyed_on,"
    " backups_destroyed_by"
)


class RetentionMixin(StoreBase):
    # ------------------------------------------------------------ policy
    def retention_policy(self) -> RetentionPolicy:
        """The vault's own setting, with what the organisation's policy file sets
        (period, research exception) deciding over it."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (POLICY_KEY,)).fetchone()
        stored = RetentionPolicy.from_json(row[0]) if row else RetentionPolicy()
        years = int(effective(RETENTION_YEARS, stored.years).value)
        research = ResearchKeep(effective(RETENTION_RESEARCH, stored.research.value).value)
        return replace(stored, years=years, research=research)

    def set_retention_policy(self, policy: RetentionPolicy) -> None:
        org = load_policy()
        org.require(RETENTION_YEARS.key, policy.years)
        org.require(RETENTION_RESEARCH.key, policy.research.value)
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (POLICY_KEY, policy.to_json()),
            )
            self._audit(conn, "retention_policy", None, policy=json.loads(policy.to_json()))

    # ------------------------------------------------------------ review
    def retention_review(self) -> list[RetentionCandidate]:
        """Every person whose whole file is past the period, oldest first: ``due`` ones
        may be culled by decision; ``held`` and ``research`` ones say why they stay.
        A person with any case still open is never listed."""
        policy = self.retention_policy()
        rule = rule_text(policy)
        today = self.today()
        with self._read() as conn:
            rows = conn.execute(_FILE_SQL).fetchall()
        by_person: dict[int, list[tuple[Any, ...]]] = {}
        for row in rows:
            by_person.setdefault(int(row[0]), []).append(row)
        found = []
        for pid, own in by_person.items():
            cases = tuple(_file_case(r) for r in own)
            if any(c.status not in _ENDED for c in cases):
                continue
            last = max(c.last_entry for c in cases)
            due = due_date(last, policy)
            if due > today:
                continue
            _pid, display, level, birth = own[0][:4]
            name, masked = self._shown_name(pid, display, level)
            status = "held" if any(c.hold for c in cases) else (
                "research" if kept_for_research(birth, policy) else "due")  # fmt: skip
            found.append(RetentionCandidate(pid, name, masked, cases, last, due,
                                            complete_by(last, policy), status, rule))  # fmt: skip
        found.sort(key=lambda c: (c.last_entry, c.person_id))
        return found

    def retention_due(self) -> list[RetentionCandidate]:
        """The persons whose files may be culled now; nothing is deleted."""
        return [c for c in self.retention_review() if c.status == "due"]

    # -------------------------------------------------------------- cull
    def cull(self, person_ids: Iterable[int], *, decided_by: str, decision: str) -> Changes:
        """Delete the whole files of ``person_ids`` by one recorded decision and write
        its *gallringsprotokoll* (``Changes.id``). Refused unless every file is due."""
        decided_by, decision = decided_by.strip(), decision.strip()
        if not decided_by:
            raise Refused(reason=_("skriv vem som fattade beslutet om gallring"))
        if not decision:
            raise Refused(reason=_("skriv beslutet om gallring (datum och diarienummer)"))
        due = {c.person_id: c for c in self.retention_due()}
        chosen = list(dict.fromkeys(person_ids))
        if not chosen or any(pid not in due for pid in chosen):
            raise Refused(reason=_("akten är inte aktuell för gallring"))
        policy = self.retention_policy()
        backups = self.backups_holding_data()
        with self._write() as conn:
            counts = [0, 0]
            refs: list[str] = []
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("INSERT INTO journal_fts (journal_fts, rank) VALUES ('secure-delete', 1)")
            for pid in chosen:
                for case in due[pid].cases:
                    entries, records = _delete_case(conn, case.case_id, case.ref)
                    counts[0] += entries
                    counts[1] += records
                    refs.append(case.ref)
                    self._audit(conn, "case_culled", case_subject(case.ref), decision=decision)
                _delete_person(conn, pid)
                self._audit(conn, "person_culled", person_subject(pid))
            protocol_id = self._write_protocol(
                conn, decided_by, decision, policy, (len(chosen), len(refs), *counts), refs,
                backups,
            )  # fmt: skip
            self._audit(conn, "retention_protocol", None, protocol=protocol_id, cases=refs)
        scrub(self.vault)
        # Whole files of several people, and the protocol: every screen looks.
        return self._changes(*CASE_FILE, Area.RETENTION, id=protocol_id)

    def _write_protocol(
        self, conn: Any, decided_by: str, decision: str, policy: RetentionPolicy,
        counts: Sequence[int], refs: list[str], backups: Sequence[BackupMade],
    ) -> int:  # fmt: skip
        persons, cases, entries, records = counts
        cur = conn.execute(
            f"INSERT INTO retention_protocols ({_PROTOCOL_COLUMNS.split(', ', 1)[1]})"  # noqa: S608 (constant)
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
            (self.now(), decided_by, decision, self.user, rule_text(policy, "sv"), policy.years,
             policy.research.value, persons, cases, entries, records, json.dumps(sorted(refs)),
             json.dumps([{"made": b.made, "file": b.file} for b in backups])),
        )  # fmt: skip
        return int(cur.lastrowid)

    # ---------------------------------------------------------- protocols
    def retention_protocols(self) -> list[RetentionProtocol]:
        """Every culling recorded in this vault, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_PROTOCOL_COLUMNS} FROM retention_protocols ORDER BY id DESC"  # noqa: S608 (constant)
            ).fetchall()
        return [_protocol(r) for r in rows]

    def backups_holding_data(self) -> list[BackupMade]:
        """Backups made from this vault that no culling has yet confirmed destroyed;
        a new culling lists them, since they still hold what it deletes."""
        destroyed = {
            (b.made, b.file)
            for p in self.retention_protocols() if p.backups_destroyed_on
            for b in p.backups
        }  # fmt: skip
        made = [
            BackupMade(row.ts, str(row.details.get("file", "")))
            for row in self.audit_log(events=("backup_made",))  # type: ignore[attr-defined]
        ]
        return sorted((b for b in made if (b.made, b.file) not in destroyed), key=lambda b: b.made)

    def pending_backup_warnings(self) -> list[RetentionProtocol]:
        """Cullings whose earlier backups are not yet confirmed destroyed."""
        return [p for p in self.retention_protocols() if p.backups_pending]

    def confirm_backups_destroyed(self, protocol_id: int) -> Changes:
        """Record that every backup the protocol lists has been destroyed."""
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE retention_protocols SET backups_destroyed_on = ?,"
                " backups_destroyed_by = ? WHERE id = ? AND backups_destroyed_on IS NULL",
                (self.today().isoformat(), self.user, protocol_id),
            )
            if cur.rowcount != 1:
                raise Refused(reason=_("protokollet finns inte eller är redan bekräftat"))
            self._audit(conn, "backups_destroyed", None, protocol=protocol_id)
        return self._changes(Area.RETENTION, id=protocol_id)


def scrub(vault: Vault) -> None:
    """Rebuild the database file so that nothing deleted survives in a free page, and
    empty the write-ahead log. The copies kept before schema migrations hold deleted
    data too; they go (a culled file must not come back through them)."""
    with vault.read() as conn:
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    for stale in vault.folder.glob(f"{DB_FILE}.pre-v*"):
        stale.unlink(missing_ok=True)


def _file_case(row: tuple[Any, ...]) -> FileCase:
    cid, ref, status, opened, closed, last, hold = row[4:]
    newest = max(str(v)[:10] for v in (opened, closed, last) if v)
    return FileCase(int(cid), str(ref), str(status), str(opened)[:10], closed, newest, hold)


def _protocol(row: tuple[Any, ...]) -> RetentionProtocol:
    values = list(row)
    values[12] = tuple(json.loads(values[12]))
    values[13] = tuple(BackupMade(b["made"], b["file"]) for b in json.loads(values[13]))
    return RetentionProtocol(*values)


def _delete_case(conn: Any, case_id: int, ref: str) -> tuple[int, int]:
    """Delete every row of one case (the schema allows it only for the case named in
    ``meta``); return the number of journal entries and form records deleted."""
    conn.execute("INSERT INTO meta (key, value) VALUES ('gallring_case', ?)", (str(case_id),))
    current = conn.execute(
        "SELECT r.id, r.text FROM journal_revisions r JOIN journal_entries e ON e.id = r.entry_id"
        " WHERE e.case_id = ? AND r.rev = (SELECT max(rev) FROM journal_revisions x"
        " WHERE x.entry_id = r.entry_id)",
        (case_id,),
    ).fetchall()
    for rev_id, text in current:
        conn.execute(
            "INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', ?, ?)",
            (rev_id, text),
        )
    entries = conn.execute(
        "SELECT count(*) FROM journal_entries WHERE case_id = ?", (case_id,)
    ).fetchone()[0]
    records = conn.execute(
        "SELECT count(DISTINCT series) FROM form_records WHERE case_id = ?", (case_id,)
    ).fetchone()[0]
    conn.execute(
        "DELETE FROM journal_additions WHERE entry_id IN"
        " (SELECT id FROM journal_entries WHERE case_id = ?)",
        (case_id,),
    )
    conn.execute(
        "DELETE FROM journal_revisions WHERE entry_id IN"
        " (SELECT id FROM journal_entries WHERE case_id = ?)",
        (case_id,),
    )
    conn.execute("DELETE FROM journal_entries WHERE case_id = ?", (case_id,))
    related = [int(r[0]) for r in conn.execute(
        "SELECT person_id FROM case_persons WHERE case_id = ?", (case_id,))]  # fmt: skip
    for table in _CASE_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))  # noqa: S608 (fixed identifiers; values bound)
    # The packet log keeps replay detection working; it no longer points at the case.
    conn.execute("UPDATE handover_packets SET case_id = NULL WHERE case_id = ?", (case_id,))
    conn.execute("DELETE FROM drafts WHERE key LIKE ? ESCAPE '\\'", (_like_prefix(ref),))
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    conn.execute("DELETE FROM meta WHERE key = 'gallring_case'")
    for pid in related:
        _delete_person(conn, pid)
    return int(entries), int(records)


def _like_prefix(ref: str) -> str:
    escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"case:{escaped}:%"


def _delete_person(conn: Any, person_id: int) -> None:
    """Delete a person no remaining case refers to, with their guardians (a related
    person in another person's file, or a guardian of another child, stays: they
    belong to that file)."""
    in_use = conn.execute(
        "SELECT 1 FROM cases WHERE person_id = ? UNION ALL"
        " SELECT 1 FROM case_persons WHERE person_id = ? UNION ALL"
        " SELECT 1 FROM guardians WHERE guardian_id = ? LIMIT 1",
        (person_id, person_id, person_id),
    ).fetchone()
    if in_use is not None:
        return
    guardians = [int(r[0]) for r in conn.execute(
        "SELECT guardian_id FROM guardians WHERE child_id = ?", (person_id,))]  # fmt: skip
    conn.execute("DELETE FROM guardians WHERE child_id = ?", (person_id,))
    conn.execute("DELETE FROM person_identifiers WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
    for guardian in guardians:
        _delete_person(conn, guardian)


__all__ = ["RetentionMixin", "scrub"]
