"""Follow-up statistics queries; the suppression and export rules are in
:mod:`app.stats`.

Sex and age are not recorded as such: both come from the person's newest personnummer
or samordningsnummer (its second-to-last digit is odd for men, even for women; the
birth date gives the age on the day the case was opened), the age else from a
recorded birth date. A person with neither is counted as unknown, a band of its own."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from app.domain.case import CloseOutcome, ReferralSource, TargetGroup
from app.domain.identifiers import IdentifierKind
from app.domain.kinds import ThreatLevel
from app.domain.minors import age_on, birth_from
from app.i18n import _
from app.stats import (
    AGE_LABELS,
    SEX_LABELS,
    FollowUp,
    StatsTable,
    age_band,
    make_table,
    stage_label,
)
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
                *self._new_by_sex_and_age(conn, start, until),
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
        return make_table(column, title, counts, {m.value: m.label for m in enum}, total=True)

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
        title = _("Stadieförändringar (motivation)")
        return make_table("stage_transitions", title, counts, {}, total=True)

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
        title = _("Akut hotnivå, senaste bedömning i perioden")
        return make_table("threat_levels", title, counts, labels, total=True)

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
        return make_table("closed", _("Avslutade ärenden per utfall"), counts, labels, total=True)

    @staticmethod
    def _new_by_sex_and_age(conn: Any, start: str, until: str) -> tuple[StatsTable, StatsTable]:
        sexes: Counter[str] = Counter()
        ages: Counter[str] = Counter()
        cases = conn.execute(
            "SELECT c.person_id, c.opened, p.birth_date FROM cases c"
            " JOIN persons p ON p.id = c.person_id WHERE c.opened BETWEEN ? AND ?",
            (start, until),
        ).fetchall()
        for person_id, opened, birth_date in cases:
            idents = _identifiers(conn, person_id)
            sexes[_sex(idents)] += 1
            day = date.fromisoformat(str(opened)[:10])
            born = birth_from(idents, birth_date, day)
            ages[age_band(age_on(born, day) if born is not None else None)] += 1
        return (
            make_table("sex", _("Nya ärenden per kön"), sexes,
                       {k: _(v) for k, v in SEX_LABELS.items()}, total=True),
            make_table("age", _("Nya ärenden per ålder när ärendet öppnades"), ages,
                       {k: _(v) for k, v in AGE_LABELS.items()}, total=True),
        )  # fmt: skip


def _identifiers(conn: Any, person_id: int) -> list[tuple[str, str]]:
    """The person's identifiers, oldest first (the order :func:`birth_from` reads)."""
    return [
        (str(k), str(v))
        for k, v in conn.execute(
            "SELECT kind, value FROM person_identifiers WHERE person_id = ?"
            " ORDER BY valid_to IS NULL, valid_from, id",
            (person_id,),
        )
    ]


_NUMBERED = (IdentifierKind.PERSONNUMMER.value, IdentifierKind.SAMORDNINGSNUMMER.value)


def _sex(identifiers: list[tuple[str, str]]) -> str:
    """Legal sex from the newest personnummer or samordningsnummer (stored as twelve
    digits; the second-to-last is odd for men), else unknown."""
    for kind, value in reversed(identifiers):
        if kind in _NUMBERED and len(value) == 12 and value.isdigit():
            return "male" if int(value[-2]) % 2 else "female"
    return "unknown"


__all__ = ["StatsMixin"]
