"""Run Python's cyclic garbage collector on the UI thread only.

Left automatic, the collector runs on whichever thread happens to allocate: a worker
running a KDF or sealing a packet can then free an unreachable dialog and its timers
from the wrong thread ("Timers cannot be stopped from another thread"), and the UI's
event loop later crashes on the dangling timer. So automatic collection is switched
off and a UI-thread timer collects with the same generation thresholds instead (the
approach calibre and pyqtgraph take).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGC(QObject):
    def __init__(self, interval_ms: int = 500) -> None:
        super().__init__()
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        gen0, gen1, gen2 = gc.get_count()
        if gen0 > self.thresholds[0]:
            gc.collect(0)
            if gen1 > self.thresholds[1]:
                gc.collect(1)
                if gen2 > self.thresholds[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
