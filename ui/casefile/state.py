"""Small readings of a :class:`CaseFile` that several tabs share (no Qt widgets here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.domain.kinds import ThreatLevel
from app.domain.stages import DEFAULT_MODEL, stage_models
from app.i18n import _
from app.store.records import CaseFile, FormRecord, TimelinePoint
from ui.charts import TimelineData


def current_records(records: Iterable[FormRecord]) -> list[FormRecord]:
    """The latest revision of each record series, oldest first by effective date."""
    latest: dict[int, FormRecord] = {}
    for record in records:
        if record.series not in latest or record.revision > latest[record.series].revision:
            latest[record.series] = record
    return sorted(latest.values(), key=lambda r: (r.effective, r.id))


def revision_count(records: Iterable[FormRecord], series: int) -> int:
    return sum(1 for r in records if r.series == series)


def stage_label(stage: str | None, model: str | None) -> str:
    if not stage:
        return _("Ingen bedömning")
    models = stage_models()
    found = (models.get(model or DEFAULT_MODEL) or models[DEFAULT_MODEL]).find(stage)
    if found is None:
        for other in models.values():
            found = found or other.find(stage)
    return found.label.get() if found else stage


def threat_label(level: str | None) -> str:
    if not level:
        return _("Ingen bedömning")
    try:
        return ThreatLevel(level).label
    except ValueError:
        return level


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def timeline_data(
    points: Iterable[TimelinePoint], model: str | None, today: dt.date
) -> TimelineData:
    """The store's timeline points as the chart's data (dates parsed, kinds split)."""
    stages, levels, journal = [], [], []
    for point in points:
        day = _day(point.day)
        if day is None:
            continue
        if point.kind in ("stage", "relapse"):
            stages.append((day, point.value))
        elif point.kind == "threat" and point.value:
            levels.append((day, point.value))
        elif point.kind == "journal":
            journal.append(day)
    return TimelineData(tuple(stages), tuple(levels), tuple(journal), model or DEFAULT_MODEL,
                        today)  # fmt: skip


def in_force_consents(file: CaseFile) -> list[str]:
    return [c.recipient for c in file.consents if c.in_force]


__all__ = [
    "current_records",
    "in_force_consents",
    "revision_count",
    "stage_label",
    "threat_label",
    "timeline_data",
]
