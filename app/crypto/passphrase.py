"""Passphrase rules shared by the wizard, the CLI and (later) organisation policy:
at least 12 characters or 4 words, and a rough strength estimate for the meter."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.errors import ValidationError
from app.i18n import N_
from app.settings import PASSPHRASE_MIN_SCORE, effective

MIN_CHARS = 12
MIN_WORDS = 4


@dataclass(frozen=True)
class Strength:
    bits: float
    score: int  # 0 (very weak) .. 4 (very strong)
    acceptable: bool
    hint: str  # Swedish source text; translate with app.i18n._ at display

    @property
    def label(self) -> str:
        return SCORE_LABELS[self.score]


SCORE_LABELS = (N_("Mycket svag"), N_("Svag"), N_("Godkänd"), N_("Stark"), N_("Mycket stark"))


def _char_bits(text: str) -> float:
    pool = 0
    if re.search(r"[a-zåäö]", text):
        pool += 29
    if re.search(r"[A-ZÅÄÖ]", text):
        pool += 29
    if re.search(r"\d", text):
        pool += 10
    if re.search(r"[^\w\s]", text):
        pool += 32
    if re.search(r"\s", text):
        pool += 1
    distinct = len(set(text))
    return len(text) * math.log2(max(pool, 2)) * min(1.0, distinct / max(len(text) * 0.6, 1))


#: Fragments that attackers try first; each one found costs a lot of estimated strength.
COMMON = (
    "password",
    "lösenord",
    "losenord",
    "qwerty",
    "123456",
    "sommar",
    "vinter",
    "hösten",
    "varen",
    "abc123",
    "utväg",
    "utvag",
    "admin",
    "111111",
)


def strength(passphrase: str) -> Strength:
    words = [w for w in re.split(r"[\s\-_.]+", passphrase) if len(w) >= 2]
    bits = max(_char_bits(passphrase), len(words) * 11.0)
    lowered = passphrase.lower()
    bits -= 25 * sum(1 for fragment in COMMON if fragment in lowered)
    long_enough = len(passphrase) >= MIN_CHARS or len(words) >= MIN_WORDS
    score = 0 if bits < 28 else 1 if bits < 45 else 2 if bits < 60 else 3 if bits < 80 else 4
    minimum = effective(PASSPHRASE_MIN_SCORE).value  # the organisation may raise it
    acceptable = long_enough and score >= minimum
    if not long_enough:
        hint = N_("Använd minst 12 tecken eller minst 4 ord.")
    elif score >= 2 and not acceptable:
        hint = N_("Din organisation kräver en starkare lösenfras. Lägg till fler ord.")
    elif not acceptable:
        hint = N_("Lösenfrasen är lätt att gissa. Lägg till fler ord.")
    else:
        hint = ""
    return Strength(bits, score if long_enough else min(score, 1), acceptable, hint)


def require_acceptable(passphrase: str, minimum_score: int = PASSPHRASE_MIN_SCORE.default) -> None:
    minimum_score = effective(PASSPHRASE_MIN_SCORE, minimum_score).value  # policy may raise it
    result = strength(passphrase)
    if not result.acceptable or result.score < minimum_score:
        raise ValidationError(
            field=N_("lösenfras"), problem=result.hint or N_("Lösenfrasen är för svag.")
        )
