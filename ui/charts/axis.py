"""A date axis: maps days to x and picks readable month ticks for the width at hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateAxis:
    start: dt.date
    end: dt.date
    x0: float
    x1: float

    @property
    def span(self) -> int:
        return max((self.end - self.start).days, 1)

    def x(self, day: dt.date) -> float:
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / self.span

    def ticks(self, min_gap: float) -> list[tuple[dt.date, str]]:
        """First-of-month ticks (every 1, 2, 3, 6 or 12 months) at least ``min_gap``
        pixels apart; a short span gets its first and last day instead."""
        months = self.span / 30.4
        width = max(self.x1 - self.x0, 1.0)
        for step in (1, 2, 3, 6, 12, 24, 60):
            if months / step * min_gap <= width:
                break
        year, month = self.start.year, self.start.month
        found: list[tuple[dt.date, str]] = []
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = dt.date(year, month, 1)
            if day > self.end:
                break
            if (month - 1) % step == 0:
                found.append((day, day.strftime("%Y-%m")))
        if len(found) < 2:
            return [(self.start, self.start.isoformat()), (self.end, self.end.isoformat())]
        return found


__all__ = ["DateAxis"]
