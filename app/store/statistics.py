"""Follow-up statistics queries; the suppression and export rules are in
:mod:`app.stats`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.domain.case import CloseOutcome, ReferralSource, TargetGroup
from app.domain.kinds import ThreatLevel
from app.i18n import _
from app.stats import FollowUp, StatsTable, make_table, stage_label
from app.store.base import StoreBase


def _count(conn: Any, sql: str, params: tuple[str, ...]) -> Counter[str]:
    """How many rows have each value of the query's only column."""
    return Counter(str(r[0]) for r in conn.execute(sql, params))


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
        counts = _count(
            conn,
            f"SELECT {column} FROM cases WHERE opened BETWEEN ? AND ?",  # noqa: S608
            (start, until),
        )
        return make_table(column, title, counts, {m.value: m.label for m in enum})

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
                counts[f"{stage_label(before)} → {stage_label(stage)}"] += 1
            previous[case_id] = stage
        return make_table("stage_transitions", _("Stadieförändringar (motivation)"), counts, {})

    @staticmethod
    def _threat_levels(conn: Any, start: str, until: str) -> StatsTable:
        counts = _count(
            conn,
            "SELECT summary FROM form_records f WHERE form = 'threat_assessment'"
            " AND effective BETWEEN ? AND ? AND id = (SELECT max(g.id) FROM form_records g"
            " WHERE g.case_id = f.case_id AND g.form = f.form"
            " AND g.effective BETWEEN ? AND ?)",
            (start, until, start, until),
        )
        labels = {m.value: m.label for m in ThreatLevel}
        return make_table(
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
        return make_table("relocations", _("Flyttar och överflyttningar"), counts, labels)

    @staticmethod
    def _closed(conn: Any, start: str, until: str) -> StatsTable:
        counts = _count(
            conn,
            "SELECT close_outcome FROM cases WHERE status = 'closed' AND closed BETWEEN ? AND ?",
            (start, until),
        )
        labels = {m.value: m.label for m in CloseOutcome}
        return make_table("closed", _("Avslutade ärenden per utfall"), counts, labels)


__all__ = ["StatsMixin"]
