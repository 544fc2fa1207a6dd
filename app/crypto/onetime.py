"""One-time passphrases for passphrase-sealed packets.

Poppler cuts passwords at 32 bytes and fails on non-ASCII, so a one-time passphrase is
ASCII only and at most 32 characters, while still carrying at least 100 bits: 24
characters from a 32-symbol alphabet (lower case and digits without the look-alikes
0/o, 1/l) = 120 bits, grouped by four for reading over the phone (29 characters).
"""

from __future__ import annotations

import math
import secrets

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
SYMBOLS = 24
GROUP = 4
MAX_LENGTH = 32


def generate() -> str:
    """A fresh passphrase; show it once, never store it."""
    chars = [secrets.choice(ALPHABET) for _ in range(SYMBOLS)]
    return "-".join("".join(chars[i : i + GROUP]) for i in range(0, SYMBOLS, GROUP))


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
