"""Recovery keys: 160 random bits in Crockford base32 with a 20-bit checksum, grouped
as ``XXXX-XXXX-…`` (9 groups). A mistyped key is caught by the checksum before any
key derivation runs; 0/O and 1/I/L are read as the same character."""

from __future__ import annotations

import hashlib
import secrets

from app.errors import RecoveryKeyTypo

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
KEY_BYTES = 20
_CHECK_CHARS = 4


def _encode(value: int, chars: int) -> str:
    out = []
    for _ in range(chars):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def _checksum(raw: bytes) -> str:
    digest = hashlib.sha256(b"utvag-recovery-v1" + raw).digest()
    return _encode(int.from_bytes(digest[:3], "big") >> 4, _CHECK_CHARS)


def format_key(raw: bytes) -> str:
    body = _encode(int.from_bytes(raw, "big"), KEY_BYTES * 8 // 5) + _checksum(raw)
    return "-".join(body[i : i + 4] for i in range(0, len(body), 4))


def generate() -> tuple[bytes, str]:
    raw = secrets.token_bytes(KEY_BYTES)
    return raw, format_key(raw)


def parse(text: str) -> bytes:
    """Return the raw key; raise ``RecoveryKeyTypo`` if it is malformed or mistyped."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    body_len = KEY_BYTES * 8 // 5
    if len(cleaned) != body_len + _CHECK_CHARS or any(ch not in _DECODE for ch in cleaned):
        raise RecoveryKeyTypo()
    value = 0
    for ch in cleaned[:body_len]:
        value = (value << 5) | _DECODE[ch]
    raw = value.to_bytes(KEY_BYTES, "big")
    typed_check = "".join(ALPHABET[_DECODE[ch]] for ch in cleaned[body_len:])
    if not secrets.compare_digest(typed_check, _checksum(raw)):
        raise RecoveryKeyTypo()
    return raw
