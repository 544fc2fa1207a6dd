"""Children in the case file: age from the identifier, and what guardians may be told.

Defector support has no lower age limit. A client under 18 is a child: the case then
records the guardians (*vårdnadshavare*) and what they may be told, the child's best
interests and the child's own views, and the consent and wishes of a child who has
turned 15 and of the guardians (a child under 15 gives wishes, not their own consent).
The age comes from the identifier (a samordningsnummer's day is 60 higher) and the
store's clock, never from the computer's date.
"""

from __future__ import annotations

from datetime import date

from app.domain.identifiers import IdentifierKind, parse_identifier
from app.domain.options import Labelled, register_labels
from app.errors import ValidationError
from app.i18n import N_

ADULT_AGE = 18
OWN_CONSENT_AGE = 15

#: The forms that belong to a child's case (resources/forms).
BEST_INTERESTS = "child_best_interests"
CHILD_VIEWS = "child_views"
WISHES_CONSENT = "child_wishes_consent"
CHILD_FORMS = (BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT)


class MayBeTold(Labelled):
    """What a guardian may be told about the case."""

    ALL = "all"
    LIMITED = "limited"
    NOTHING = "nothing"


register_labels({
    MayBeTold.ALL: N_("Får informeras om ärendet"),
    MayBeTold.LIMITED: N_("Får informeras med begränsningar"),
    MayBeTold.NOTHING: N_("Får inte informeras"),
})  # fmt: skip


def age_on(born: date, today: date) -> int:
    """Whole years on ``today`` (a 29 February birthday turns on 1 March)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def birth_from(
    identifiers: list[tuple[str, str]], birth_date: str | None, today: date
) -> date | None:
    """The birth date from the newest personnummer or samordningsnummer, else the
    recorded birth date; None when neither is known (e.g. only a reservnummer)."""
    for kind, value in reversed(identifiers):
        if kind in (IdentifierKind.PERSONNUMMER.value, IdentifierKind.SAMORDNINGSNUMMER.value):
            try:
                parsed = parse_identifier(value, IdentifierKind(kind), today=today)
            except ValidationError:
                continue
            if parsed.birth_date is not None:
                return parsed.birth_date
    return date.fromisoformat(birth_date) if birth_date else None


def is_child(age: int | None) -> bool:
    return age is not None and age < ADULT_AGE


def may_consent(age: int | None) -> bool:
    """Whether a child's own consent counts (15 or older)."""
    return age is not None and age >= OWN_CONSENT_AGE


__all__ = [
    "ADULT_AGE",
    "BEST_INTERESTS",
    "CHILD_FORMS",
    "CHILD_VIEWS",
    "OWN_CONSENT_AGE",
    "WISHES_CONSENT",
    "MayBeTold",
    "age_on",
    "birth_from",
    "is_child",
    "may_consent",
]
