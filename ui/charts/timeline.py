"""The case timeline: motivation stage (stepped line on the case's stage model, relapse
as a marked event) above the acute threat level, journal entries as ticks on a shared
date axis. It draws only stages, levels and dates: never a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.kinds import ThreatLevel
from app.domain.stages import DEFAULT_MODEL, StageModel, stage_models
from app.i18n import _
from ui.charts.axis import DateAxis
from ui.common import language

INK = QColor("#2b2b2b")
MUTED = QColor("#6b6b6b")
GRID = QColor("#e6e3dc")
STAGE = QColor("#1f4e5f")
THREAT = QColor("#b0531f")
THREAT_FILL = QColor(176, 83, 31, 40)
RELAPSE = QColor("#b3261e")
TICK = QColor("#8a8a8a")
LEVELS = tuple(ThreatLevel)
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class TimelineData:
    """What the chart shows; dates are ``datetime.date``, values are stored keys."""

    stages: tuple[tuple[dt.date, str], ...] = ()
    levels: tuple[tuple[dt.date, str], ...] = ()
    journal: tuple[dt.date, ...] = ()
    model: str = DEFAULT_MODEL
    #: from the session's clock (ui.casefile.state.timeline_data); the empty chart
    #: has no "today" and the axis then ends at the last event
    today: dt.date = dt.date.min

    @property
    def empty(self) -> bool:
        return not (self.stages or self.levels or self.journal)

    def days(self) -> list[dt.date]:
        return [d for d, _v in self.stages] + [d for d, _v in self.levels] + list(self.journal)


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = TimelineData()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 170)
        self._hits: list[tuple[QRectF, str]] = []
        language.bind(self.retranslate)

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Tidslinje över motivation och hotnivå"))
        self._describe()
        self.update()

    def set_data(self, data: TimelineData) -> None:
        self.data = data
        self._describe()
        self.update()

    def model(self) -> StageModel:
        models = stage_models()
        return models.get(self.data.model) or next(iter(models.values()))

    def stage_label(self, stage_id: str) -> str:
        found = self.model().find(stage_id)
        return found.label.get() if found else stage_id

    def _describe(self) -> None:
        """A text version of the chart for screen readers (and tests)."""
        parts = [
            _("{day}: {stage}").format(day=d.isoformat(), stage=self.stage_label(v))
            for d, v in self.data.stages
        ]
        parts += [
            _("{day}: hotnivå {level}").format(day=d.isoformat(), level=ThreatLevel(v).label)
            for d, v in self.data.levels
            if v in {level.value for level in ThreatLevel}
        ]
        self.setAccessibleDescription("; ".join(parts))

    # ----------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # never leave a painter for the garbage collector to end later

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self._hits = []
        if self.data.empty:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _("Inga bedömningar eller anteckningar ännu."))  # fmt: skip
            return
        model = self.model()
        stage_labels = [s.label.get() for s in model.stages]
        level_labels = [lvl.label for lvl in LEVELS]
        metrics = self._fit_font(painter, len(stage_labels))
        label_w = min(max(metrics.horizontalAdvance(t) for t in stage_labels + level_labels) + 10,
                      int(self.width() * 0.32))  # fmt: skip
        line_h = metrics.height()
        legend = self._legend_layout(metrics)
        legend_h = (max(row for _x, row, _item in legend) + 1) * line_h + 6
        area = QRectF(label_w + 6, legend_h + 4, self.width() - label_w - 18,
                      self.height() - legend_h - line_h - 16)  # fmt: skip
        if area.width() < 40 or area.height() < 60:
            return
        days = self.data.days()
        axis = DateAxis(min(days), max([*days, self.data.today]), area.left(), area.right())
        gap = 10.0
        top_h = (area.height() - gap) * 0.58
        top = QRectF(area.left(), area.top(), area.width(), top_h)
        low = QRectF(area.left(), top.bottom() + gap, area.width(), area.height() - top_h - gap)
        self._rows(painter, metrics, top, stage_labels, label_w)
        self._rows(painter, metrics, low, level_labels, label_w)
        self._stage_line(painter, axis, top, model)
        self._threat_steps(painter, axis, low)
        self._journal_ticks(painter, axis, low)
        self._dates(painter, metrics, axis, low.bottom())
        self._legend(painter, metrics, legend)

    def _fit_font(self, painter: QPainter, stage_rows: int) -> QFontMetrics:
        """Shrink the text (down to 7 pt) until the stage rows no longer overlap."""
        font = QFont(self.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        while True:
            metrics = QFontMetrics(font)
            rows_h = (self.height() - 3 * metrics.height() - 30) * 0.58
            if size <= 7 or rows_h / max(stage_rows, 1) >= metrics.height():
                break
            size -= 0.5
            font.setPointSizeF(size)
        painter.setFont(font)
        return metrics

    def _legend_layout(self, fm: QFontMetrics) -> list[tuple[float, int, tuple[QColor, str, str]]]:
        items = (
            (STAGE, "line", _("Motivationsstadium")),
            (RELAPSE, "triangle", _("Återfall")),
            (THREAT, "line", _("Akut hotnivå")),
            (TICK, "tick", _("Journalanteckning")),
        )
        placed: list[tuple[float, int, tuple[QColor, str, str]]] = []
        x, row = 8.0, 0
        for item in items:
            width = 21 + fm.horizontalAdvance(item[2]) + 16
            if x > 8 and x + width - 16 > self.width():
                x, row = 8.0, row + 1
            placed.append((x, row, item))
            x += width
        return placed

    def _rows(self, p: QPainter, fm: QFontMetrics, box: QRectF, labels: list[str],
              label_w: int) -> None:  # fmt: skip
        step = box.height() / max(len(labels), 1)
        p.setPen(QPen(GRID, 1))
        p.drawRect(box)
        for index, text in enumerate(labels):
            y = box.bottom() - step * (index + 0.5)
            p.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
            p.setPen(MUTED)
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, label_w - 4)
            cell = QRectF(0, y - fm.height() / 2, label_w, fm.height())
            p.drawText(cell, RIGHT_MIDDLE, shown)

    @staticmethod
    def _row_y(box: QRectF, index: int, count: int) -> float:
        return box.bottom() - box.height() / max(count, 1) * (index + 0.5)

    def _stage_line(self, p: QPainter, axis: DateAxis, box: QRectF, model: StageModel) -> None:
        order = {s.id: i for i, s in enumerate(model.stages)}
        count = len(model.stages)
        path = QPainterPath()
        dots: list[QPointF] = []
        last_y: float | None = None
        for day, stage in self.data.stages:
            x = axis.x(day)
            if stage not in order:  # an event such as relapse
                self._relapse(p, x, box, day, stage)
                continue
            y = self._row_y(box, order[stage], count)
            if last_y is None:
                path.moveTo(x, y)
            else:
                path.lineTo(x, last_y)
                path.lineTo(x, y)
            last_y = y
            dots.append(QPointF(x, y))
            self._hit(x, y, _("{day}: {stage}").format(day=day.isoformat(),
                                                      stage=self.stage_label(stage)))  # fmt: skip
        if last_y is not None:
            path.lineTo(axis.x1, last_y)
        p.setPen(QPen(STAGE, 2.2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.setBrush(STAGE)
        for dot in dots:
            p.drawEllipse(dot, 3.5, 3.5)

    def _relapse(self, p: QPainter, x: float, box: QRectF, day: dt.date, stage: str) -> None:
        p.setPen(QPen(RELAPSE, 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(RELAPSE)
        y = box.top() + 1
        p.drawPolygon([QPointF(x - 6, y), QPointF(x + 6, y), QPointF(x, y + 10)])
        self._hit(x, y + 5, _("{day}: {stage}").format(day=day.isoformat(),
                                                      stage=self.stage_label(stage)))  # fmt: skip

    def _threat_steps(self, p: QPainter, axis: DateAxis, box: QRectF) -> None:
        rank = {lvl.value: i for i, lvl in enumerate(LEVELS)}
        points: list[QPointF] = []
        for day, level in self.data.levels:
            if level not in rank:
                continue
            x, y = axis.x(day), self._row_y(box, rank[level], len(LEVELS))
            if points:
                points.append(QPointF(x, points[-1].y()))
            points.append(QPointF(x, y))
            self._hit(x, y, _("{day}: hotnivå {level}").format(
                day=day.isoformat(), level=ThreatLevel(level).label))  # fmt: skip
        if not points:
            return
        points.append(QPointF(axis.x1, points[-1].y()))
        fill = QPainterPath(QPointF(points[0].x(), box.bottom()))
        for point in points:
            fill.lineTo(point)
        fill.lineTo(points[-1].x(), box.bottom())
        fill.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(THREAT_FILL)
        p.drawPath(fill)
        p.setPen(QPen(THREAT, 2.2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPolyline(points)

    def _journal_ticks(self, p: QPainter, axis: DateAxis, box: QRectF) -> None:
        # One tick per pixel column is all the eye can see (a case may have thousands).
        columns = sorted({round(axis.x(day)) for day in self.data.journal})
        top, bottom = box.bottom() + 1, box.bottom() + 6
        p.setPen(QPen(TICK, 1.2))
        p.drawLines([QLineF(x, top, x, bottom) for x in columns])

    def _dates(self, p: QPainter, fm: QFontMetrics, axis: DateAxis, y: float) -> None:
        p.setPen(MUTED)
        for day, text in axis.ticks(fm.horizontalAdvance("0000-00") + 16):
            x = axis.x(day)
            width = fm.horizontalAdvance(text)
            left = min(max(x - width / 2, axis.x0 - 4), axis.x1 - width + 4)
            p.drawText(QPointF(left, y + 8 + fm.ascent()), text)

    def _legend(self, p: QPainter, fm: QFontMetrics,
                placed: list[tuple[float, int, tuple[QColor, str, str]]]) -> None:  # fmt: skip
        for x, row, (color, shape, text) in placed:
            y = fm.height() * (row + 0.5) + 3
            if shape == "line":
                p.setPen(QPen(color, 2.2))
                p.drawLine(QPointF(x, y), QPointF(x + 16, y))
            elif shape == "triangle":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawPolygon(
                    [QPointF(x + 2, y - 5), QPointF(x + 14, y - 5), QPointF(x + 8, y + 5)]
                )
            else:
                p.setPen(QPen(color, 1.2))
                p.drawLine(QPointF(x + 8, y - 5), QPointF(x + 8, y + 5))
            p.setPen(INK)
            p.drawText(QPointF(x + 21, y + fm.ascent() / 2 - 1), text)

    # ------------------------------------------------------------ tooltips
    def _hit(self, x: float, y: float, text: str) -> None:
        self._hits.append((QRectF(x - 6, y - 6, 12, 12), text))

    def mouseMoveEvent(self, event: object) -> None:
        pos = event.position()  # type: ignore[attr-defined]
        for rect, text in self._hits:
            if rect.contains(pos):
                QToolTip.showText(event.globalPosition().toPoint(), text, self)  # type: ignore[attr-defined]
                return
        QToolTip.hideText()


__all__ = ["TimelineChart", "TimelineData"]
