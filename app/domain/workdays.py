"""Swedish working days: Monday to Friday except public holidays (allmänna helgdagar,
lag 1989:253) and the eves offices close on (midsommarafton, julafton, nyårsafton).
Used where a rule says "within N working days"."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lw) // 433
    month = (h + lw - 7 * m + 90) // 25
    return date(year, month, (h + lw - 7 * m + 33 * month + 19) % 32)


def _saturday_from(day: date) -> date:
    """The first Saturday on or after ``day``."""
    return day + timedelta(days=(5 - day.weekday()) % 7)


@cache
def holidays(year: int) -> frozenset[date]:
    """The days off in ``year`` that are not weekends by themselves."""
    easter = _easter(year)
    midsummer = _saturday_from(date(year, 6, 20))  # midsommardagen
    all_saints = _saturday_from(date(year, 10, 31))  # alla helgons dag
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    moving = [easter - timedelta(days=2), easter, easter + timedelta(days=1),
              easter + timedelta(days=39), easter + timedelta(days=49),
              midsummer - timedelta(days=1), midsummer, all_saints]  # fmt: skip
    return frozenset([date(year, m, d) for m, d in fixed] + moving)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (start itself not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


__all__ = ["add_working_days", "holidays", "is_working_day"]
