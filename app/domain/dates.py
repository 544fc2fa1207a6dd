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

from app.errors import ValidationError
from app.i18n import N_, _

MIN_YEAR, MAX_YEAR = 1900, 2200
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

NOT_A_DATE = N_("Det är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-24.")
NO_MONTH = N_("Månad {month} finns inte. Skriv en månad från 01 till 12.")
NO_DAY = N_("Dag {day} finns inte i {year}-{month}, som har {days} dagar.")
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


def checked_date(value: str | None, field: str = "date") -> str | None:
    """An optional date as the store keeps it (ISO text), or None when left empty."""
    if value is None or not value.strip():
        return None
    return parse_date(value, field).isoformat()


__all__ = ["MAX_YEAR", "MIN_YEAR", "checked_date", "date_problem", "parse_date"]
