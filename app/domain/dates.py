"""The one way a typed calendar date is read: ÅÅÅÅ-MM-DD, a real day, within sane years.

The store, the form validator, the CLI and the date fields all ask ``date_problem`` (or
``parse_date``), so a caseworker gets the same message that says what is wrong
("månad 13 finns inte") wherever the date was typed, and a date the store refuses can
never reach a packet.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum

from app.errors import ValidationError
from app.i18n import N_, _

MIN_YEAR, MAX_YEAR = 1900, 2200
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
#: a beginning of ÅÅÅÅ-MM-DD (or of ÅÅÅÅMMDD) that can still become a date
_PARTIAL = re.compile(r"(\d{1,4})(?:-(\d{0,2})(?:-(\d{0,2}))?)?")

NOT_A_DATE = N_("Det är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-24.")
NO_MONTH = N_("Månad {month} finns inte. Skriv en månad från 01 till 12.")
NO_MONTH_NO_DAY = N_(
    "Månad {month} och dag {day} finns inte. Skriv en månad från 01 till 12 och en dag från 01"
    " till 31."
)
NO_DAY = N_("Dag {day} finns inte i {year}-{month}, som har {days} dagar.")
MISSING = N_("Skriv ett datum, ÅÅÅÅ-MM-DD.")
BAD_YEAR = N_("Året {year} verkar fel. Skriv ett år från {low} till {high}.")


def _problem(value: object) -> tuple[str, dict[str, object]] | None:
    """The untranslated template and its parameters, or None for a valid date."""
    match = _ISO.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return NOT_A_DATE, {}
    year, month, day = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return BAD_YEAR, {"year": match[1], "low": MIN_YEAR, "high": MAX_YEAR}
    if not 1 <= month <= 12:
        if not 1 <= day <= 31:
            return NO_MONTH_NO_DAY, {"month": match[2], "day": match[3]}
        return NO_MONTH, {"month": match[2]}
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return NO_DAY, {"day": match[3], "year": match[1], "month": match[2], "days": days}
    return None


def date_problem(value: object) -> str | None:
    """What is wrong with ``value`` as a date (a translated message), or None."""
    found = _problem(value)
    return None if found is None else _(found[0]).format(**found[1])


def parse_date(value: object, field: str = "date") -> date:
    """``value`` as a date; a ValidationError saying what is wrong otherwise."""
    found = _problem(value)
    if found is not None:
        raise ValidationError(found[0], field=field, **found[1])
    return date.fromisoformat(str(value).strip())


def typing_problem(value: str) -> str | None:
    """What is already wrong with a date while it is being typed: None as long as the
    text can still become a real date ("2026-1" can, "2026-13" and "fredag" cannot)."""
    text = value.strip()
    if text.isdigit() and len(text) <= 8:  # ÅÅÅÅMMDD on its way
        parts: tuple[str | None, ...] = (text[:4], text[4:6] or None, text[6:] or None)
    elif (match := _PARTIAL.fullmatch(text)) is not None:
        parts = match.groups()
    else:
        return date_problem(text) if text else None
    year, month, day = parts
    if year and len(year) == 4 and not MIN_YEAR <= int(year) <= MAX_YEAR:
        return date_problem(f"{year}-01-01")
    if day and len(day) == 2:
        return date_problem(normalised(text))
    if month and len(month) == 2 and not 1 <= int(month) <= 12:
        return _(NO_MONTH).format(month=month)
    return None


def typed_date_problem(value: str) -> str | None:
    """What is wrong with a date once typing is done ("2026-13" names month 13, not just
    the format); None for a real date or an empty field."""
    if not value.strip():
        return None
    return typing_problem(value) or date_problem(normalised(value))


def normalised(value: str) -> str:
    """Typed text as the store keeps it: ÅÅÅÅMMDD becomes ÅÅÅÅ-MM-DD; anything else is
    only trimmed (and then checked by ``date_problem``)."""
    text = value.strip()
    compact = _COMPACT.fullmatch(text)
    return "-".join(compact.groups()) if compact else text


class Expect(StrEnum):
    """Where a date field's date usually lies, seen from today."""

    ANY = "any"
    PAST = "past"  # an event, an assessment: today or earlier
    FUTURE = "future"  # a due date, a review: today or later


IN_FUTURE = N_("{day} ligger i framtiden (i dag är det {today}). Stämmer datumet?")
IN_PAST = N_("{day} har redan passerat (i dag är det {today}). Stämmer datumet?")


def unexpected_side(value: str, today: date, expect: Expect) -> str | None:
    """A question to ask when a valid date lies where it rarely should (a journal event
    next year, a due date last month); None otherwise."""
    if expect is Expect.ANY or date_problem(value) is not None:
        return None
    day = date.fromisoformat(value.strip())
    if expect is Expect.PAST and day > today:
        return _(IN_FUTURE).format(day=day.isoformat(), today=today.isoformat())
    if expect is Expect.FUTURE and day < today:
        return _(IN_PAST).format(day=day.isoformat(), today=today.isoformat())
    return None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (31 Aug → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def checked_date(value: str | None, field: str = "date") -> str | None:
    """An optional date as the store keeps it (ISO text), or None when left empty."""
    if value is None or not value.strip():
        return None
    return parse_date(value, field).isoformat()


__all__ = [
    "MAX_YEAR", "MIN_YEAR", "Expect", "checked_date", "date_problem", "months_before",
    "normalised", "parse_date", "typed_date_problem", "typing_problem", "unexpected_side",
]  # fmt: skip
