"""Fixtures for the case-file GUI tests (imported by them; this module has no tests).

Widgets a test creates are deleted *while the test still holds them*: left to Python's
garbage collector, a window can be collected in the middle of a later test's paint
event ("Cannot destroy paint device that is being painted"), which crashes Qt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


@pytest.fixture(name="keep")
def keep_fixture(qtbot) -> Iterator[Callable[[W], W]]:  # type: ignore[no-untyped-def]
    held: list[QWidget] = []

    def hold(widget: W) -> W:
        qtbot.addWidget(widget)
        held.append(widget)
        return widget

    yield hold
    for widget in reversed(held):
        close_view = getattr(widget, "close_view", None)
        if close_view is not None:
            close_view()
        widget.close()
        widget.deleteLater()
    qtbot.wait(1)  # runs the deferred deletes now, while the list still holds them
    held.clear()
