"""One-time passphrases for passphrase-sealed packets.

Poppler cuts passwords at 32 bytes and fails on non-ASCII, so a one-time passphrase is
ASCII only and at most 32 characters, while still carrying at least 100 bits: 24
characters from a 32-symbol alphabet (lower case and digits without the look-alikes
0/o, 1/l) = 120 bits, grouped by four for reading over the phone (29 characters).
"""

from __future__ import annotations

import math
import secrets

from app.errors import UsageError
from app.i18n import N_

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
SYMBOLS = 24
GROUP = 4
MAX_LENGTH = 32


def generate() -> str:
    """A fresh passphrase; show it once, never store it."""
    chars = [secrets.choice(ALPHABET) for _ in range(SYMBOLS)]
    return "-".join("".join(chars[i : i + GROUP]) for i in range(0, SYMBOLS, GROUP))


def require_sealable(text: str) -> str:
    """``text`` if a packet can be sealed to it: 1–32 printable ASCII characters, which
    every reader tested opens (poppler cuts at 32 bytes and fails on non-ASCII; Acrobat
    reads up to 127 UTF-8 bytes), with no space first or last (the receiver's input is
    trimmed). Anything else is refused before sealing."""
    printable = all(" " <= c <= "~" for c in text) and text == text.strip()
    if not 0 < len(text) <= MAX_LENGTH or not printable:
        raise UsageError(
            N_(
                "Lösenfrasen för ett paket måste vara 1–{limit} tecken utan å, ä, ö och "
                "andra specialtecken (bokstäver a–z, siffror och vanliga skiljetecken) och utan "
                "mellanslag först eller sist. "
                "Använd den lösenfras som Utväg föreslår."
            ),
            limit=MAX_LENGTH,
        )
    return text


def entropy_bits() -> float:
    return SYMBOLS * math.log2(len(ALPHABET))


def normalise(text: str) -> str:
    """What the receiver typed, as the sealing side generated it (spaces, case)."""
    cleaned = "".join(text.split()).lower()
    if len(cleaned) == SYMBOLS and all(c in ALPHABET for c in cleaned):
        return "-".join(cleaned[i : i + GROUP] for i in range(0, SYMBOLS, GROUP))
    return text.strip()


assert len(ALPHABET) == 32 and len(set(ALPHABET)) == 32
assert entropy_bits() >= 100
assert SYMBOLS + SYMBOLS // GROUP - 1 <= MAX_LENGTH
