"""Swedish person identifiers: personnummer, samordningsnummer, reservnummer, or none.

An identifier is a typed value with a kind, never a key: an assumed identity
(*fingerade personuppgifter*) or a changed legal gender gives the same person a new
number, so the store keeps identifiers as dated rows beside the person.

Century handling follows the population register: a ten-digit number written with
``-`` belongs to someone younger than 100 on the reference date, with ``+`` to someone
who has turned 100; a twelve-digit number carries its century.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.errors import ValidationError
from app.i18n import N_

SAMORDNING_DAY_OFFSET = 60
RESERV_MAX_LENGTH = 24

_TEN = re.compile(r"^(\d{6})([-+]?)(\d{4})$")
_TWELVE = re.compile(r"^(\d{8})-?(\d{4})$")
_RESERV = re.compile(r"^[0-9A-ZÅÄÖ][0-9A-ZÅÄÖ \-+/.]*$")


class IdentifierKind(StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    RESERVNUMMER = "reservnummer"
    NONE = "none"


KIND_LABELS: dict[IdentifierKind, str] = {
    IdentifierKind.PERSONNUMMER: N_("Personnummer"),
    IdentifierKind.SAMORDNINGSNUMMER: N_("Samordningsnummer"),
    IdentifierKind.RESERVNUMMER: N_("Reservnummer"),
    IdentifierKind.NONE: N_("Inget identitetsnummer"),
}


class InvalidIdentifier(ValidationError):
    """The typed identifier cannot be accepted; the message says what to do."""

    template = "Identitetsnumret kunde inte tolkas."

    def __init__(self, template: str, field: str = "identifier") -> None:
        super().__init__(template, field=field)


@dataclass(frozen=True, slots=True)
class PersonIdentifier:
    """A parsed identifier. ``value`` is the normalised form: twelve digits
    (YYYYMMDDNNNC) for personnummer and samordningsnummer, the typed text (trimmed,
    upper case) for a reservnummer, and the empty string for none."""

    kind: IdentifierKind
    value: str
    birth_date: date | None

    def display(self) -> str:
        """The form caseworkers write: ``YYYYMMDD-NNNN``."""
        if self.kind in (IdentifierKind.PERSONNUMMER, IdentifierKind.SAMORDNINGSNUMMER):
            return f"{self.value[:8]}-{self.value[8:]}"
        return self.value


NO_IDENTIFIER = PersonIdentifier(IdentifierKind.NONE, "", None)


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn check digit over YYMMDDNNN (weights 2,1,2,1,...)."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def parse_identifier(
    text: str,
    kind: IdentifierKind | None = None,
    *,
    today: date,
    field: str = "identifier",
) -> PersonIdentifier:
    """Parse what a caseworker typed. ``kind=None`` recognises personnummer and
    samordningsnummer; a reservnummer must be asked for explicitly because it has no
    national format. Raises :class:`InvalidIdentifier` with a message that says what
    to do."""
    cleaned = " ".join(text.split())
    if kind is IdentifierKind.NONE:
        if cleaned:
            raise InvalidIdentifier(
                N_("Ta bort numret eller välj vilken sorts identitetsnummer det är."), field
            )
        return NO_IDENTIFIER
    if kind is IdentifierKind.RESERVNUMMER:
        return _parse_reserv(cleaned, field)
    if not cleaned:
        raise InvalidIdentifier(
            N_("Skriv ett personnummer eller samordningsnummer, eller välj ”inget nummer”."),
            field,
        )
    parsed = _parse_national(cleaned.replace(" ", ""), today, field)
    if kind is not None and parsed.kind is not kind:
        raise InvalidIdentifier(_kind_mismatch(kind), field)
    return parsed


def _kind_mismatch(kind: IdentifierKind) -> str:
    if kind is IdentifierKind.PERSONNUMMER:
        return N_(
            "Numret är ett samordningsnummer (dagen är ökad med 60). Välj "
            "”samordningsnummer” som typ eller kontrollera födelsedagen."
        )
    return N_(
        "Numret är ett personnummer, inte ett samordningsnummer (dagen ska vara ökad "
        "med 60). Välj ”personnummer” som typ eller kontrollera dagen."
    )


def _parse_reserv(cleaned: str, field: str) -> PersonIdentifier:
    value = cleaned.upper()
    if not value:
        raise InvalidIdentifier(N_("Skriv reservnumret så som det står i underlaget."), field)
    if len(value) > RESERV_MAX_LENGTH or not _RESERV.match(value):
        raise InvalidIdentifier(
            N_(
                "Ett reservnummer får bestå av högst 24 tecken: siffror, bokstäver, "
                "mellanslag och - + / . Skriv det så som det står i underlaget."
            ),
            field,
        )
    return PersonIdentifier(IdentifierKind.RESERVNUMMER, value, None)


def _parse_national(compact: str, today: date, field: str) -> PersonIdentifier:
    twelve = _TWELVE.match(compact)
    ten = _TEN.match(compact)
    if twelve:
        full_date, serial = twelve.group(1), twelve.group(2)
    elif ten:
        full_date = _with_century(ten.group(1), ten.group(2) == "+", today, field)
        serial = ten.group(3)
    else:
        raise InvalidIdentifier(
            N_(
                "Skriv numret som ÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN (tio eller tolv siffror). "
                "Ett reservnummer utan nationellt format väljer du som egen typ."
            ),
            field,
        )
    kind, birth = _birth_date(full_date, field)
    if luhn_check_digit(full_date[2:] + serial[:3]) != int(serial[3]):
        raise InvalidIdentifier(
            N_(
                "Kontrollsiffran (sista siffran) stämmer inte. Jämför alla siffror med "
                "underlaget, ofta är två siffror omkastade."
            ),
            field,
        )
    if birth > today:
        raise InvalidIdentifier(
            N_("Födelsedatumet ligger i framtiden. Kontrollera år, månad och dag."), field
        )
    return PersonIdentifier(kind, full_date + serial, birth)


def _with_century(yymmdd: str, plus: bool, today: date, field: str) -> str:
    """The birth century for a ten-digit number: the latest year ending in YY whose
    birthday is not after ``today``; one century earlier with ``+`` (aged 100+)."""
    yy = int(yymmdd[:2])
    year = today.year - (today.year - yy) % 100
    month_day = yymmdd[2:]
    # The birthday check uses MMDD after removing the samordningsnummer offset.
    month, day = int(month_day[:2]), int(month_day[2:]) % SAMORDNING_DAY_OFFSET or 1
    if (month, day) > (today.month, today.day) and year == today.year:
        year -= 100
    if plus:
        year -= 100
    if year < 1800:
        raise InvalidIdentifier(N_("Födelseåret kunde inte bestämmas."), field)
    return f"{year:04d}{yymmdd[2:]}"


def _birth_date(yyyymmdd: str, field: str) -> tuple[IdentifierKind, date]:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    kind = IdentifierKind.PERSONNUMMER
    if day > SAMORDNING_DAY_OFFSET:
        kind, day = IdentifierKind.SAMORDNINGSNUMMER, day - SAMORDNING_DAY_OFFSET
    try:
        return kind, date(year, month, day)
    except ValueError:
        raise InvalidIdentifier(
            N_(
                "Datumdelen är inget giltigt datum. Kontrollera månad och dag; i ett "
                "samordningsnummer är dagen ökad med 60."
            ),
            field,
        ) from None


__all__ = [
    "KIND_LABELS",
    "NO_IDENTIFIER",
    "IdentifierKind",
    "InvalidIdentifier",
    "PersonIdentifier",
    "luhn_check_digit",
    "parse_identifier",
]
