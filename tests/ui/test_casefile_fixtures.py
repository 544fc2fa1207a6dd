"""Fixtures for the case-file GUI tests (imported by them; this module has no tests).

Widgets and other QObjects a test creates are deleted *while the test still holds
them*: left to Python's garbage collector, a window can be collected in the middle of a
later test's paint event ("Cannot destroy paint device that is being painted"), or on a
worker thread, and either crashes Qt."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QObject)


@pytest.fixture(name="keep")
def keep_fixture(qtbot) -> Iterator[Callable[[W], W]]:  # type: ignore[no-untyped-def]
    held: list[QObject] = []

    def hold(thing: W) -> W:
        if isinstance(thing, QWidget):
            qtbot.addWidget(thing)
        held.append(thing)
        return thing

    yield hold
    for thing in reversed(held):
        close_view = getattr(thing, "close_view", None)
        if close_view is not None:
            close_view()
        if isinstance(thing, QWidget):
            thing.close()
        thing.deleteLater()
    qtbot.wait(1)  # runs the deferred deletes now, while the list still holds them
    held.clear()
    # Collect what is left of the test's objects here, on the GUI thread: a collection
    # triggered later on a worker thread (the handover tests seal on the thread pool)
    # would destroy Qt objects on the wrong thread.
    gc.collect()
