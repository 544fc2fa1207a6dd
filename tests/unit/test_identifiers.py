"""Personnummer, samordningsnummer and reservnummer as a caseworker types them.

Every sample uses Skatteverket's test serial range (980-999), so none can be a real
person's number.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.identifiers import (
    IdentifierKind,
    InvalidIdentifier,
    luhn_check_digit,
    parse_identifier,
)
from app.errors import ValidationError
from app.i18n import set_language

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "normalised", "born"),
    [
        ("900101-9802", "199001019802", date(1990, 1, 1)),
        ("9001019802", "199001019802", date(1990, 1, 1)),
        ("19900101-9802", "199001019802", date(1990, 1, 1)),
        ("199001019802", "199001019802", date(1990, 1, 1)),
        (" 900101 - 9802 ", "199001019802", date(1990, 1, 1)),
        ("240229-9842", "202402299842", date(2024, 2, 29)),
    ],
)
def test_personnummer_is_recognised_in_every_written_form(typed, normalised, born):
    parsed = parse_identifier(typed, today=TODAY)
    assert parsed.kind is IdentifierKind.PERSONNUMMER
    assert parsed.value == normalised
    assert parsed.birth_date == born
    assert parsed.display() == f"{normalised[:8]}-{normalised[8:]}"


def test_ten_digits_with_dash_means_younger_than_100():
    # 121212: born 2012 (aged 14), not 1912.
    assert parse_identifier("121212-9819", today=TODAY).birth_date == date(2012, 12, 12)


def test_ten_digits_with_plus_means_aged_100_or_more():
    assert parse_identifier("121212+9819", today=TODAY).birth_date == date(1912, 12, 12)


def test_birthday_later_this_year_belongs_to_the_previous_century():
    # YY = 26 and the birthday (Dec 12) has not come yet on 2026-11-23: born 1926.
    digits = "261212985"
    number = f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"
    assert parse_identifier(number, today=TODAY).birth_date == date(1926, 12, 12)
    assert parse_identifier(number, today=date(2026, 12, 31)).birth_date == date(2026, 12, 12)


def test_samordningsnummer_has_day_plus_60():
    parsed = parse_identifier("901261-9830", today=TODAY)
    assert parsed.kind is IdentifierKind.SAMORDNINGSNUMMER
    assert parsed.birth_date == date(1990, 12, 1)
    assert parsed.value == "199012619830"


def test_wrong_check_digit_is_rejected_with_advice():
    with pytest.raises(InvalidIdentifier) as err:
        parse_identifier("900101-9803", today=TODAY)
    assert isinstance(err.value, ValidationError)
    assert "Kontrollsiffran" in err.value.message
    assert "9803" not in err.value.message  # the number itself is never echoed


@pytest.mark.parametrize("typed", ["901301-9801", "900230-9804", "900100-9806"])
def test_impossible_dates_are_rejected(typed):
    with pytest.raises(InvalidIdentifier, match="giltigt datum"):
        parse_identifier(typed, today=TODAY)


@pytest.mark.parametrize("typed", ["9001019", "90-01-01-9802", "abc", "1990010198021"])
def test_malformed_input_explains_the_format(typed):
    with pytest.raises(InvalidIdentifier, match="ÅÅMMDD-NNNN"):
        parse_identifier(typed, today=TODAY)


def test_birth_date_in_the_future_is_rejected():
    digits = "20300101980"
    number = digits + str(luhn_check_digit(digits[2:]))
    with pytest.raises(InvalidIdentifier, match="framtiden"):
        parse_identifier(number, today=TODAY)


def test_asking_for_the_wrong_kind_is_explained():
    with pytest.raises(InvalidIdentifier, match="samordningsnummer"):
        parse_identifier("901261-9830", IdentifierKind.PERSONNUMMER, today=TODAY)
    with pytest.raises(InvalidIdentifier, match="personnummer"):
        parse_identifier("900101-9802", IdentifierKind.SAMORDNINGSNUMMER, today=TODAY)


def test_reservnummer_is_kept_as_typed_without_national_checksum():
    parsed = parse_identifier(" rn 2026-0042 ", IdentifierKind.RESERVNUMMER, today=TODAY)
    assert parsed.kind is IdentifierKind.RESERVNUMMER
    assert parsed.value == "RN 2026-0042"
    assert parsed.birth_date is None


@pytest.mark.parametrize("typed", ["", "X" * 25, "#123"])
def test_bad_reservnummer_is_rejected(typed):
    with pytest.raises(InvalidIdentifier):
        parse_identifier(typed, IdentifierKind.RESERVNUMMER, today=TODAY)


def test_none_means_no_number_and_refuses_text():
    assert parse_identifier("", IdentifierKind.NONE, today=TODAY).kind is IdentifierKind.NONE
    with pytest.raises(InvalidIdentifier):
        parse_identifier("900101-9802", IdentifierKind.NONE, today=TODAY)


def test_empty_input_without_kind_asks_for_a_number():
    with pytest.raises(InvalidIdentifier, match="inget nummer"):
        parse_identifier("   ", today=TODAY)


def test_messages_are_translated_to_english():
    set_language("en")
    try:
        with pytest.raises(InvalidIdentifier) as err:
            parse_identifier("900101-9803", today=TODAY)
        assert "check digit" in err.value.message
    finally:
        set_language("sv")
