"""Follow-up statistics for the municipality's and the national programme's reporting.

Only counts, never personal data; any count from 1 to 4 is shown as "<5" so a small
number cannot point at a person. Export as CSV (and as JSON for ``utvag stats``).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from app.domain.case import CloseOutcome, ReferralSource, TargetGroup
from app.domain.kinds import ThreatLevel
from app.domain.stages import stage_models
from app.i18n import _
from app.store.base import StoreBase

SMALL = 5


def shown_count(count: int) -> str:
    """Counts under 5 (but above 0) are suppressed."""
    return "<5" if 0 < count < SMALL else str(count)


@dataclass(frozen=True)
class StatsTable:
    key: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (label, shown count)


@dataclass(frozen=True)
class FollowUp:
    start: str
    until: str
    tables: tuple[StatsTable, ...]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow([_("Avsnitt"), _("Kategori"), _("Antal")])
        for table in self.tables:
            for label, count in table.rows:
                writer.writerow([table.title, label, count])
        return out.getvalue()

    def to_json(self) -> str:
        body = {
            "from": self.start,
            "until": self.until,
            "tables": {t.key: {"title": t.title, "rows": dict(t.rows)} for t in self.tables},
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


def _table(key: str, title: str, counts: Counter[str], labels: dict[str, str]) -> StatsTable:
    rows = tuple((labels.get(k, k), shown_count(counts.get(k, 0))) for k in labels)
    extra = tuple((k, shown_count(v)) for k, v in sorted(counts.items()) if k not in labels)
    return StatsTable(key, title, rows + extra)


def _stage_label(stage: str) -> str:
    for model in stage_models().values():
        found = model.find(stage)
        if found is not None:
            return found.label.get()
    return stage


class StatsMixin(StoreBase):
    def follow_up(self, start: str, until: str) -> FollowUp:
        """Counts for the period ``start``..``until`` (ISO dates, inclusive)."""
        with self._read() as conn:
            tables = (
                self._new_cases(conn, start, until, "target_group", TargetGroup,
                                _("Nya ärenden per målgrupp")),
                self._new_cases(conn, start, until, "referral_source", ReferralSource,
                                _("Nya ärenden per källa")),
                self._transitions(conn, start, until),
                self._threat_levels(conn, start, until),
                self._relocations(conn, start, until),
                self._closed(conn, start, until),
            )  # fmt: skip
        return FollowUp(start, until, tables)

    @staticmethod
    def _new_cases(
        conn: Any, start: str, until: str, column: str, enum: Any, title: str
    ) -> StatsTable:
        counts = Counter(
            str(r[0])
            for r in conn.execute(
                f"SELECT {column} FROM cases WHERE opened BETWEEN ? AND ?",  # noqa: S608
                (start, until),
            )
        )
        return _table(column, title, counts, {m.value: m.label for m in enum})

    @staticmethod
    def _transitions(conn: Any, start: str, until: str) -> StatsTable:
        rows = conn.execute(
            "SELECT case_id, effective, summary FROM form_records f"
            " WHERE form = 'motivation_assessment' AND revision = (SELECT max(g.revision)"
            " FROM form_records g WHERE g.series = f.series) AND effective <= ?"
            " ORDER BY case_id, effective, id",
            (until,),
        ).fetchall()
        counts: Counter[str] = Counter()
        previous: dict[int, str] = {}
        for case_id, day, stage in rows:
            before = previous.get(case_id)
            if day >= start and before is not None and before != stage:
                counts[f"{_stage_label(before)} → {_stage_label(stage)}"] += 1
            previous[case_id] = stage
        return _table("stage_transitions", _("Stadieförändringar (motivation)"), counts, {})

    @staticmethod
    def _threat_levels(conn: Any, start: str, until: str) -> StatsTable:
        counts = Counter(
            str(r[0])
            for r in conn.execute(
                "SELECT summary FROM form_records f WHERE form = 'threat_assessment'"
                " AND effective BETWEEN ? AND ? AND id = (SELECT max(g.id) FROM form_records g"
                " WHERE g.case_id = f.case_id AND g.form = f.form"
                " AND g.effective BETWEEN ? AND ?)",
                (start, until, start, until),
            )
        )
        labels = {m.value: m.label for m in ThreatLevel}
        return _table(
            "threat_levels", _("Akut hotnivå, senaste bedömning i perioden"), counts, labels
        )

    @staticmethod
    def _relocations(conn: Any, start: str, until: str) -> StatsTable:
        planned = conn.execute(
            "SELECT count(DISTINCT case_id) FROM form_records WHERE form = 'safety_plan'"
            " AND json_extract(data, '$.relocation_date') BETWEEN ? AND ?",
            (start, until),
        ).fetchone()[0]
        moved = conn.execute(
            "SELECT count(*) FROM cases WHERE status = 'transferred' AND closed BETWEEN ? AND ?",
            (start, until),
        ).fetchone()[0]
        counts = Counter({"relocated": int(planned), "transferred": int(moved)})
        labels = {"relocated": _("Flyttar enligt säkerhetsplan"),
                  "transferred": _("Ärenden överflyttade till annan kommun")}  # fmt: skip
        return _table("relocations", _("Flyttar och överflyttningar"), counts, labels)

    @staticmethod
    def _closed(conn: Any, start: str, until: str) -> StatsTable:
        counts = Counter(
            str(r[0])
            for r in conn.execute(
                "SELECT close_outcome FROM cases WHERE status = 'closed'"
                " AND closed BETWEEN ? AND ?",
                (start, until),
            )
        )
        labels = {m.value: m.label for m in CloseOutcome}
        return _table("closed", _("Avslutade ärenden per utfall"), counts, labels)


__all__ = ["FollowUp", "StatsMixin", "StatsTable", "shown_count"]
