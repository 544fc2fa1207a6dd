"""The one way to run core work off the UI thread.

``ops.run(fn, ...)`` runs ``fn`` on a thread pool. While it runs, ``busy`` tells the
windows what is going on (they show a progress bar); ``fn`` may accept a ``progress``
keyword to report a fraction 0..1. The result goes to ``on_done`` on the UI thread; an
exception goes to ``on_error`` or, by default, to the one presenter (``ui.errors``).
When the work changed something, ``changed`` carries a typed :class:`Changes` so the
windows refresh only what changed.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """What a piece of work changed."""

    cases: bool = False
    drafts: bool = False
    vault: bool = False
    settings: bool = False


class _Relay(QObject):
    """Lives on the UI thread; the worker emits its signals, its slots run here."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(float)

    def __init__(
        self,
        parent: QObject,
        on_done: Callable[[Any], object],
        on_failed: Callable[[Exception], object],
        on_progress: Callable[[float], object],
    ) -> None:
        super().__init__(parent)
        self._on_done, self._on_failed, self._on_progress = on_done, on_failed, on_progress
        self.done.connect(self._done)
        self.failed.connect(self._failed)
        self.progress.connect(self._progress)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.deleteLater()
        self._on_done(result)

    @Slot(object)
    def _failed(self, exc: Exception) -> None:
        self.deleteLater()
        self._on_failed(exc)

    @Slot(float)
    def _progress(self, value: float) -> None:
        self._on_progress(value)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the presenter on the UI thread
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


@dataclass
class Op:
    """A running piece of work; ``running`` turns False when it has finished."""

    label: str  # Swedish source text (N_); shown translated, so a switch re-renders it
    running: bool = True
    fraction: float = -1.0  # -1: no fraction reported (busy indicator)


class Ops(QObject):
    changed = Signal(object)  # Changes
    busy = Signal(object)  # the running Op, or None when all work has finished
    error = Signal(object)  # an exception nobody handled: the presenter shows it

    def __init__(self, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.pool = pool or QThreadPool.globalInstance()
        self._live: list[Op] = []

    def run(
        self,
        fn: Callable[..., Any],
        *,
        label: str = "",
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        changes: Changes | None = None,
    ) -> Op:
        op = Op(label)
        self._live.append(op)

        def finish() -> None:
            op.running = False
            self._live.remove(op)
            self.busy.emit(self.current())

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)
            if changes is not None:
                self.changed.emit(changes)

        def failed(exc: Exception) -> None:
            finish()
            log.info("operation failed: %s", type(exc).__name__)  # never the message
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(exc)

        def progressed(value: float) -> None:
            op.fraction = value
            self.busy.emit(op)

        relay = _Relay(self, done, failed, progressed)
        call: Callable[[], Any] = fn
        if "progress" in _parameters(fn):

            def call() -> Any:
                return fn(progress=relay.progress.emit)

        self.pool.start(_Job(call, relay))
        self.busy.emit(op)
        return op

    def current(self) -> Op | None:
        return self._live[-1] if self._live else None

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for all work (used at shutdown and in tests)."""
        return bool(self.pool.waitForDone(msecs))


def _parameters(fn: Callable[..., Any]) -> set[str]:
    try:
        return set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return set()
