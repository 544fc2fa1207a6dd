"""Auto-lock: after idle time, when the machine sleeps, when Qt reports the app
suspended or hidden, and on the OS session lock (Windows, ``ui.shell.session_events``).

One application-wide event filter notes the time of the last user input; a one-second
tick compares it with the limit. A jump of the wall clock between ticks means the
machine was asleep (Qt does not report suspend on every platform), so it locks too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from app.settings import IDLE_LOCK_MINUTES
from ui.shell.lock_reason import LockReason

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
_LOCKING_STATES = frozenset(
    {Qt.ApplicationState.ApplicationSuspended, Qt.ApplicationState.ApplicationHidden}
)
#: A gap this long between one-second ticks means the machine slept.
SLEEP_GAP_SECONDS = 30.0


class AutoLock(QObject):
    lock_requested = Signal(object)  # LockReason: IDLE, SLEEP or SUSPENDED

    def __init__(
        self,
        idle_minutes: int = IDLE_LOCK_MINUTES.default,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.idle_seconds = idle_minutes * 60.0
        self._monotonic, self._wall = monotonic, wall
        self.active = False
        self.last_input = monotonic()
        self._last_wall = wall()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)  # type: ignore[attr-defined]

    def detach(self) -> None:
        """Stop watching input. Qt calls an application event filter for every event, so
        it must be removed explicitly, never left to the garbage collector."""
        self.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            app.applicationStateChanged.disconnect(self._state_changed)  # type: ignore[attr-defined]

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_seconds = minutes * 60.0

    def start(self) -> None:
        self.active = True
        self.touch()
        self._tick.start()

    def stop(self) -> None:
        self.active = False
        self._tick.stop()

    def touch(self) -> None:
        self.last_input = self._monotonic()
        self._last_wall = self._wall()

    def idle_for(self) -> float:
        return self._monotonic() - self.last_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = self._monotonic()
        return False

    def check(self) -> None:
        if not self.active:
            return
        now_wall = self._wall()
        slept = now_wall - self._last_wall > SLEEP_GAP_SECONDS
        self._last_wall = now_wall
        if slept:
            self.request(LockReason.SLEEP)
        elif self.idle_for() >= self.idle_seconds:
            self.request(LockReason.IDLE)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state in _LOCKING_STATES:
            self.request(LockReason.SUSPENDED)

    def request(self, reason: LockReason) -> None:
        if self.active:
            self.stop()
            self.lock_requested.emit(reason)
