"""Retention review and the one verb that deletes: the rules are in
:mod:`app.retention`; here they meet the vault."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from app.errors import Refused
from app.i18n import _
from app.policy import load_policy
from app.retention import POLICY_KEY, RetentionPolicy, due_date, is_research_exception
from app.settings import RETENTION_YEARS, effective
from app.store.base import StoreBase
from app.store.cases import case_subject
from app.store.records import Changes, RetentionCandidate

_ENDED = "('closed', 'transferred')"


class RetentionMixin(StoreBase):
    def retention_policy(self) -> RetentionPolicy:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (POLICY_KEY,)).fetchone()
        stored = RetentionPolicy.from_json(row[0]) if row else RetentionPolicy()
        # The organisation's policy file, when it sets a period, decides it.
        years = int(effective(RETENTION_YEARS, stored.years).value)
        return replace(stored, years=years)

    def set_retention_policy(self, policy: RetentionPolicy) -> None:
        load_policy().require(RETENTION_YEARS.key, policy.years)
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (POLICY_KEY, policy.to_json()),
            )
            self._audit(conn, "retention_policy", None, policy=json.loads(policy.to_json()))

    def retention_due(self) -> list[RetentionCandidate]:
        """Closed or transferred cases past the retention period, without a hold and
        not kept as research files; they appear for review, nothing is deleted."""
        policy = self.retention_policy()
        today = self.today()
        with self._read() as conn:
            rows = conn.execute(
                "SELECT c.id, c.ref, c.closed, c.last_entry, p.birth_date FROM cases c"  # noqa: S608 (fixed identifiers; values bound)
                f" JOIN persons p ON p.id = c.person_id WHERE c.status IN {_ENDED}"
                " AND c.retention_hold = '' ORDER BY c.last_entry"
            ).fetchall()
        found = []
        for cid, ref, closed, last, birth in rows:
            due = due_date(last or closed, policy)
            if due <= today and not is_research_exception(birth, policy):
                found.append(RetentionCandidate(cid, ref, closed, last, due))
        return found

    def delete_for_retention(self, case_id: int, decision: str) -> Changes:
        """Delete a case file that is due for culling, by explicit decision; audited.
        The person goes too when no other case refers to them."""
        if not decision.strip():
            raise Refused(reason=_("skriv beslutet om gallring (vem beslutade och när)"))
        if case_id not in {c.case_id for c in self.retention_due()}:
            raise Refused(reason=_("ärendet är inte aktuellt för gallring"))
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            person_id = int(
                conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
            )
            related = [
                int(r[0])
                for r in conn.execute(
                    "SELECT person_id FROM case_persons WHERE case_id = ?", (case_id,)
                )
            ]
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('gallring_case', ?)", (str(case_id),)
            )
            _delete_case_rows(conn, case_id)
            for pid in (person_id, *related):
                _delete_orphan_person(conn, pid)
            conn.execute("DELETE FROM meta WHERE key = 'gallring_case'")
            self._audit(conn, "case_culled", case_subject(ref), decision=decision.strip())
        return self._changes("case_list", "case", case_id=case_id)


def _delete_case_rows(conn: Any, case_id: int) -> None:
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
    conn.execute(
        "DELETE FROM journal_revisions WHERE entry_id IN"
        " (SELECT id FROM journal_entries WHERE case_id = ?)",
        (case_id,),
    )
    for table in ("journal_entries", "form_records", "decisions", "tasks", "case_intake",
                  "case_persons", "case_actors", "case_status_history"):  # fmt: skip
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))  # noqa: S608 (fixed identifiers; values bound)
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))


def _delete_orphan_person(conn: Any, person_id: int) -> None:
    in_use = conn.execute(
        "SELECT 1 FROM cases WHERE person_id = ? UNION ALL"
        " SELECT 1 FROM case_persons WHERE person_id = ? LIMIT 1",
        (person_id, person_id),
    ).fetchone()
    if in_use is None:
        conn.execute("DELETE FROM person_identifiers WHERE person_id = ?", (person_id,))
        conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))


__all__ = ["RetentionMixin"]
