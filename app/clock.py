"""The one clock. Every date or moment the core stores or the UI shows or defaults to
comes from a ``Clock``; nothing else reads the wall clock (tests/unit/test_clock.py
walks ``app/`` and ``ui/`` with ``ast`` and fails on any other read).

The running app uses ``SYSTEM``; tests pin a ``FixedClock``. One object travels with
the session: the vault holds it, the store takes it from the vault, and the windows
take it from the store, so pinning it pins every dialog too.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def now(self) -> dt.datetime:
        """This moment, timezone-aware, in UTC."""
        ...

    def today(self) -> dt.date:
        """Today's date where the caseworker sits (the local time zone)."""
        ...


def local_day(moment: dt.datetime) -> dt.date:
    """The local calendar day of an aware moment."""
    return moment.astimezone().date()


def stamp(clock: Clock, timespec: str = "seconds") -> str:
    """The moment as stored in the vault and in packets: ISO 8601 in UTC."""
    return clock.now().isoformat(timespec=timespec)


class SystemClock:
    """The computer's clock (the only wall-clock read in Utväg)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return local_day(self.now())


SYSTEM = SystemClock()


def _moment(value: dt.datetime | dt.date | str) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value if "T" in value else value + "T10:00:00")
    elif not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, 10, 0)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


class FixedClock:
    """A clock that stands still until told (tests, demos, reproducible runs).

    ``FixedClock("2026-11-23")`` is 10:00 UTC that day; ``set`` moves it, ``advance``
    steps it forward, and ``step`` makes every ``now()`` move it on by that much (so
    successive events get distinct, ordered moments)."""

    def __init__(
        self, start: dt.datetime | dt.date | str = "2026-11-23", step: dt.timedelta | None = None
    ) -> None:
        self.moment = _moment(start)
        self.step = step or dt.timedelta(0)

    def now(self) -> dt.datetime:
        current = self.moment
        self.moment += self.step
        return current

    def today(self) -> dt.date:
        return local_day(self.moment)

    def set(self, value: dt.datetime | dt.date | str) -> None:
        self.moment = _moment(value)

    def advance(self, delta: dt.timedelta | float) -> None:
        """Move on by a timedelta or a number of seconds."""
        if not isinstance(delta, dt.timedelta):
            delta = dt.timedelta(seconds=delta)
        self.moment += delta
