"""The timeline chart: draws at any size, describes itself, never draws a name."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QSize

from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.charts import TimelineChart, TimelineData
from ui.charts.axis import DateAxis

D = dt.date.fromisoformat


def sample() -> TimelineData:
    return TimelineData(
        stages=((D("2025-03-02"), "precontemplation"), (D("2025-08-01"), "preparation"),
                (D("2025-10-15"), "relapse"), (D("2026-02-01"), "action")),
        levels=((D("2025-03-05"), "high"), (D("2025-12-01"), "moderate")),
        journal=tuple(D("2025-03-01") + dt.timedelta(days=9 * i) for i in range(40)),
        today=D("2026-11-23"),
    )  # fmt: skip


@pytest.mark.parametrize("size", [QSize(300, 170), QSize(640, 260), QSize(1400, 500)])
def test_chart_paints_at_small_and_large_sizes(qtbot, keep, size):
    chart = TimelineChart()
    keep(chart)
    chart.set_data(sample())
    chart.resize(size)
    image = chart.grab().toImage()
    assert image.width() == size.width()
    colours = {
        image.pixel(x, y) for x in range(0, size.width(), 7) for y in range(0, size.height(), 7)
    }
    assert len(colours) > 3  # something besides the white background was drawn


def test_chart_describes_stages_levels_and_relapse(qtbot, keep):
    chart = TimelineChart()
    keep(chart)
    chart.set_data(sample())
    text = chart.accessibleDescription()
    assert "2025-08-01: Förberedelse" in text
    assert "2025-10-15: Återfall" in text
    assert "hotnivå Måttlig" in text


def test_empty_chart_says_so(qtbot, keep):
    chart = TimelineChart()
    keep(chart)
    chart.resize(400, 200)
    chart.grab()
    assert chart.data.empty


def test_axis_ticks_stay_apart():
    axis = DateAxis(D("2020-01-01"), D("2026-01-01"), 0, 600)
    ticks = axis.ticks(60)
    xs = [axis.x(d) for d, _t in ticks]
    assert all(b - a >= 60 for a, b in itertools.pairwise(xs))
    short = DateAxis(D("2026-01-03"), D("2026-01-20"), 0, 600).ticks(60)
    assert [t for _d, t in short] == ["2026-01-03", "2026-01-20"]
