"""Charts drawn with QPainter (no chart library): the case timeline."""

from ui.charts.timeline import TimelineChart, TimelineData

__all__ = ["TimelineChart", "TimelineData"]
