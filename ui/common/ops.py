"""The one way to run core work off the UI thread.

``ops.run(fn, ...)`` runs ``fn`` on a thread pool. While it runs, ``busy`` tells the
windows what is going on (they show a progress bar); ``fn`` may accept a ``progress``
keyword to report a fraction 0..1. The result goes to ``on_done`` on the UI thread; an
exception goes to ``on_error`` or, by default, to the one presenter (``ui.common.errors``).
When the work is a store verb, its result is the :class:`app.changes.Changes` it
returned; ``changed`` carries exactly that value to every window (before ``on_done``
runs), and each window reads again only the areas it shows that changed. Nobody
declares a second copy of what changed.
"""

from __future__ import annotations

import inspect
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from shiboken6 import isValid

from app.changes import Changes

log = logging.getLogger(__name__)


@dataclass
class _Job:
    fn: Callable[..., Any]
    wants_progress: bool
    on_done: Callable[[Any], object]
    on_failed: Callable[[Exception], object]
    on_progress: Callable[[float], object]


#: Work in flight, by key. Only the UI thread adds and removes entries, so every
#: object a job holds (its callable and the widgets that closes over) is released on
#: the UI thread. A Qt object freed on a worker thread leaves its timers behind and
#: crashes the event loop later.
_jobs: dict[int, _Job] = {}
_keys = itertools.count(1)


class _Relay(QObject):
    """One per process, on the UI thread: workers emit, its slots run on the UI thread."""

    finished = Signal(int, bool, object)  # key, succeeded, result or exception
    progressed = Signal(int, float)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._finished)
        self.progressed.connect(self._progressed)

    @Slot(int, bool, object)
    def _finished(self, key: int, ok: bool, payload: Any) -> None:
        job = _jobs.pop(key, None)
        if job is None:
            return
        if ok:
            job.on_done(payload)
        else:
            job.on_failed(payload)

    @Slot(int, float)
    def _progressed(self, key: int, value: float) -> None:
        job = _jobs.get(key)
        if job is not None:
            job.on_progress(value)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _worker(key: int, relay: _Relay) -> Callable[[], None]:
    """The runnable holds only the key: it never owns (so never frees) the work."""

    def run() -> None:
        job = _jobs.get(key)
        if job is None:
            return
        fn, wants_progress = job.fn, job.wants_progress
        del job
        try:
            if wants_progress:
                result = fn(progress=lambda value: relay.progressed.emit(key, float(value)))
            else:
                result = fn()
        except Exception as exc:  # handed to the presenter on the UI thread
            del fn
            relay.finished.emit(key, False, _without_frames(exc))
        else:
            del fn
            relay.finished.emit(key, True, result)

    return run


@dataclass
class Op:
    """A running piece of work; ``running`` turns False when it has finished."""

    label: str  # Swedish source text (N_); shown translated, so a switch re-renders it
    running: bool = True
    fraction: float = -1.0  # -1: no fraction reported (busy indicator)


class Ops(QObject):
    changed = Signal(object)  # app.changes.Changes, as the store verb returned it
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
    ) -> Op:
        op = Op(label)
        self._live.append(op)

        def finish() -> None:
            op.running = False
            self._live.remove(op)
            self.busy.emit(self.current())

        def done(result: Any) -> None:
            if not isValid(self):  # a window's own runner, gone with the window
                return
            finish()
            if isinstance(result, Changes) and result.areas:
                self.changed.emit(result)
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> None:
            if not isValid(self):
                return
            finish()
            log.info("operation failed: %s", type(exc).__name__)  # never the message
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(exc)

        def progressed(value: float) -> None:
            if not isValid(self):
                return
            op.fraction = value
            self.busy.emit(op)

        key = next(_keys)
        _jobs[key] = _Job(fn, "progress" in _parameters(fn), done, failed, progressed)
        self.pool.start(_worker(key, _the_relay()))
        self.busy.emit(op)
        return op

    def current(self) -> Op | None:
        return self._live[-1] if self._live else None

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for all work (used at shutdown and in tests)."""
        return bool(self.pool.waitForDone(msecs))


def _without_frames(exc: BaseException) -> BaseException:
    """Drop the tracebacks (ours and chained): their frames hold the work's locals,
    which must not be freed on the worker thread. Nothing logs them anyway."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return exc


def _parameters(fn: Callable[..., Any]) -> set[str]:
    try:
        return set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return set()
