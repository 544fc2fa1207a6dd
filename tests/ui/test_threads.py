"""Qt objects are only ever freed on the UI thread, whatever runs in the background."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from ui.common.ops import Ops


class _Cyclic(QObject):
    """A QObject with a running timer that only the cyclic collector can free."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.start(60_000)
        self.me = self


def test_garbage_with_timers_is_collected_on_the_ui_thread(qtbot, qtlog) -> None:
    assert not gc.isenabled()  # ui.common.gc_guard collects on a UI-thread timer instead
    for _ in range(50):
        _Cyclic()

    def allocate() -> None:
        for _ in range(20):
            [[] for _ in range(10_000)]

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    qtbot.wait(700)
    gc.collect()
    problems = [r.message for r in qtlog.records if "another thread" in r.message]
    assert problems == []


def test_work_that_closes_over_a_widget_releases_it_on_the_ui_thread(qtbot, qtlog) -> None:
    from PySide6.QtWidgets import QLabel

    ops = Ops()
    done: list[object] = []
    for _ in range(20):
        label = QLabel("x")
        label.timer = QTimer(label)  # type: ignore[attr-defined]
        label.timer.start(60_000)  # type: ignore[attr-defined]
        ops.run(lambda label=label: [[] for _ in range(5_000)] and None, on_done=done.append)
        del label
    qtbot.waitUntil(lambda: len(done) == 20, timeout=5000)
    ops.wait()
    qtbot.wait(700)
    problems = [r.message for r in qtlog.records if "another thread" in r.message]
    assert problems == []
