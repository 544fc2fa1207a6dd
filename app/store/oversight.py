"""Log follow-up (*loggkontroll*) over the audit trail, exportable as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from app.i18n import _
from app.store.base import StoreBase
from app.store.cases import case_subject
from app.store.people import person_subject
from app.store.records import AuditRow

#: Events a supervisor usually reviews first.
ACCESS_EVENTS = frozenset(
    {"case_opened", "identity_revealed", "register_extract", "exported", "printed",
     "handover_exported", "handover_imported", "case_culled"}
)  # fmt: skip


class OversightMixin(StoreBase):
    def audit_log(
        self,
        *,
        user: str | None = None,
        case_ref: str | None = None,
        person_id: int | None = None,
        start: str | None = None,
        until: str | None = None,
        events: Iterable[str] | None = None,
        limit: int = 5000,
    ) -> list[AuditRow]:
        """Audit events, newest first, filtered by user, case, person, period (ISO dates,
        inclusive) and event names."""
        where: list[str] = []
        params: list[Any] = []
        for clause, value in (
            ("actor = ?", user),
            ("subject = ?", case_subject(case_ref) if case_ref else None),
            ("subject = ?", person_subject(person_id) if person_id is not None else None),
            ("ts >= ?", start),
            ("ts < ?", f"{until}T99" if until else None),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        names = sorted(events or ())
        if names:
            where.append(f"event IN ({','.join('?' * len(names))})")
            params.extend(names)
        sql = "SELECT id, ts, actor, event, subject, details FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._read() as conn:
            rows = conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit)).fetchall()
        return [AuditRow(i, ts, a, e, s, json.loads(d)) for i, ts, a, e, s, d in rows]

    def audit_users(self) -> list[str]:
        with self._read() as conn:
            return [str(r[0]) for r in conn.execute("SELECT DISTINCT actor FROM audit ORDER BY 1")]


def audit_csv(rows: Iterable[AuditRow]) -> str:
    """The rows for the municipality's log review, one event per line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([_("Tid"), _("Användare"), _("Händelse"), _("Avser"), _("Detaljer")])
    for row in rows:
        details = json.dumps(row.details, ensure_ascii=False, sort_keys=True)
        writer.writerow([row.ts, row.actor, row.event, row.subject or "", details])
    return out.getvalue()


__all__ = ["ACCESS_EVENTS", "OversightMixin", "audit_csv"]
