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

from app.domain.stages import stage_models
from app.i18n import _

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


def make_table(key: str, title: str, counts: Counter[str], labels: dict[str, str]) -> StatsTable:
    rows = tuple((labels.get(k, k), shown_count(counts.get(k, 0))) for k in labels)
    extra = tuple((k, shown_count(v)) for k, v in sorted(counts.items()) if k not in labels)
    return StatsTable(key, title, rows + extra)


def stage_label(stage: str) -> str:
    for model in stage_models().values():
        found = model.find(stage)
        if found is not None:
            return found.label.get()
    return stage


__all__ = ["FollowUp", "StatsTable", "make_table", "shown_count", "stage_label"]
