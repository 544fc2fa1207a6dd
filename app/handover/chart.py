"""The motivation and threat timeline drawn as vector graphics (reportlab.graphics):
motivation stage over time as steps (a stage holds until the next assessment, as in the
app; relapse as a red marker), the acute threat level as steps,
and journal entries as ticks on a shared date axis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String

from app.domain.stages import stage_models
from app.i18n import N_, _
from app.pdf import fonts, layout

THREAT_LEVELS = ("low", "moderate", "high", "very_high")
THREAT_LABELS = (N_("Låg"), N_("Måttlig"), N_("Hög"), N_("Mycket hög"))
LEFT = 132.0
PANEL_GAP = 16.0
ROW = 15.0


@dataclass(frozen=True)
class Axis:
    start: dt.date
    end: dt.date
    x0: float
    x1: float

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / span


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _points(records: list[dict[str, Any]], field: str) -> list[tuple[dt.date, str]]:
    out = []
    for record in records:
        data = record.get("data", {})
        day = _date(data.get("assessed_on") or record.get("recorded_at"))
        if day is not None and data.get(field):
            out.append((day, str(data[field])))
    return sorted(out)


def timeline(
    motivation: list[dict[str, Any]], threats: list[dict[str, Any]], journal_days: list[str]
) -> Drawing | None:
    """The chart, or None when there is nothing dated to draw."""
    stages = _points(motivation, "stage")
    levels = _points(threats, "acute_level")
    ticks = [d for d in (_date(j) for j in journal_days) if d is not None]
    days = [d for d, _v in stages + levels] + ticks
    if not days:
        return None
    model_id = str(motivation[0]["data"].get("model", "")) if motivation else ""
    model = stage_models().get(model_id) or next(iter(stage_models().values()))
    rows = [s.id for s in model.stages]
    width = layout.CONTENT_W
    top_h, low_h = ROW * (len(rows) + 1), ROW * len(THREAT_LEVELS)
    height = top_h + low_h + PANEL_GAP * 2 + 34
    drawing = Drawing(width, height)
    axis = Axis(min(days), max(days), LEFT, width - 10)
    low_y0 = 34.0
    top_y0 = low_y0 + low_h + PANEL_GAP
    _panel(drawing, axis, top_y0, [s.label.get() for s in model.stages], _("Motivation"))
    _panel(drawing, axis, low_y0, [_(t) for t in THREAT_LABELS], _("Akut hotnivå"))
    _stage_line(drawing, axis, top_y0, rows, stages)
    _threat_steps(drawing, axis, low_y0, levels)
    _journal_ticks(drawing, axis, ticks)
    _date_labels(drawing, axis)
    return drawing


def _panel(d: Drawing, axis: Axis, y0: float, labels: list[str], title: str) -> None:
    h = ROW * len(labels)
    d.add(Rect(axis.x0, y0, axis.x1 - axis.x0, h, fillColor=layout.SHADE, strokeColor=None))
    for i, label in enumerate(labels):
        y = y0 + ROW * i + ROW / 2
        d.add(Line(axis.x0, y, axis.x1, y, strokeColor=layout.RULE, strokeWidth=0.4))
        d.add(
            String(
                axis.x0 - 4,
                y - 2.5,
                label[:30],
                fontName=fonts.REGULAR,
                fontSize=6.5,
                fillColor=layout.MUTED,
                textAnchor="end",
            )
        )
    d.add(String(0, y0 + h + 3, title, fontName=fonts.BOLD, fontSize=7.5, fillColor=layout.NAVY))


def _stage_line(
    d: Drawing, axis: Axis, y0: float, rows: list[str], points: list[tuple[dt.date, str]]
) -> None:
    coords: list[float] = []
    for day, stage in points:
        x = axis.x(day)
        if stage in rows:
            y = y0 + ROW * rows.index(stage) + ROW / 2
            if coords:  # a stage holds until the next assessment: a step, as in the app
                coords += [x, coords[-1]]
            coords += [x, y]
            d.add(Circle(x, y, 2.6, fillColor=layout.NAVY, strokeColor=None))
        else:  # an event such as relapse: a red marker under the stage rows
            y = y0 - 1
            d.add(
                String(
                    x + 5,
                    y - 5,
                    _("Återfall"),
                    fontName=fonts.REGULAR,
                    fontSize=6,
                    fillColor=layout.SECRECY,
                )
            )
            d.add(
                Polygon(
                    [x - 3.5, y - 5, x + 3.5, y - 5, x, y + 1],
                    fillColor=layout.SECRECY,
                    strokeColor=None,
                )
            )
    if coords:
        coords += [axis.x1, coords[-1]]
        d.add(PolyLine(coords, strokeColor=layout.NAVY, strokeWidth=1.2))


def _threat_steps(d: Drawing, axis: Axis, y0: float, points: list[tuple[dt.date, str]]) -> None:
    coords: list[float] = []
    for day, level in points:
        if level not in THREAT_LEVELS:
            continue
        y = y0 + ROW * THREAT_LEVELS.index(level) + ROW / 2
        x = axis.x(day)
        if coords:
            coords += [x, coords[-1]]
        coords += [x, y]
        d.add(Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=layout.SECRECY, strokeColor=None))
    if coords:
        coords += [axis.x1, coords[-1]]
        d.add(PolyLine(coords, strokeColor=layout.SECRECY, strokeWidth=1.1))


def _journal_ticks(d: Drawing, axis: Axis, ticks: list[dt.date]) -> None:
    y = 22.0
    d.add(
        String(
            axis.x0 - 4,
            y - 1,
            _("Journal"),
            fontName=fonts.REGULAR,
            fontSize=6.5,
            fillColor=layout.MUTED,
            textAnchor="end",
        )
    )
    for day in ticks:
        x = axis.x(day)
        d.add(Line(x, y - 2, x, y + 5, strokeColor=layout.MUTED, strokeWidth=0.5))


def _date_labels(d: Drawing, axis: Axis) -> None:
    span = max((axis.end - axis.start).days, 1)
    steps = 6
    for i in range(steps + 1):
        day = axis.start + dt.timedelta(days=span * i // steps)
        x = axis.x(day)
        d.add(Line(x, 13, x, 16, strokeColor=layout.MUTED, strokeWidth=0.5))
        d.add(
            String(
                x,
                4,
                day.isoformat(),
                fontName=fonts.REGULAR,
                fontSize=6,
                fillColor=layout.MUTED,
                textAnchor="middle",
            )
        )
