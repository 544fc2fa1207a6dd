"""AES-256-GCM: the one authenticated cipher of the app (key slots wrap the data key
with it, backups seal their chunks with it). Nonces are the caller's business: a
random :func:`new_nonce` for one-off wraps, prefix + counter for streams."""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
TAG_BYTES = 16


def new_nonce() -> bytes:
    return secrets.token_bytes(NONCE_BYTES)


class Cipher:
    """AES-GCM under one key; :meth:`open` answers ``None`` when the ciphertext, the
    nonce or the associated data was changed (or the key is wrong)."""

    def __init__(self, key: bytes | bytearray) -> None:
        self._aead = AESGCM(key)

    def seal(self, nonce: bytes, plaintext: bytes | bytearray, aad: bytes) -> bytes:
        return self._aead.encrypt(nonce, plaintext, aad)

    def open(self, nonce: bytes, sealed: bytes, aad: bytes) -> bytes | None:
        try:
            return self._aead.decrypt(nonce, sealed, aad)
        except InvalidTag:
            return None

    def open_into(self, nonce: bytes, sealed: bytes, aad: bytes, out: bytearray) -> bool:
        """Decrypt into ``out`` (a buffer the caller owns and wipes); False if forged."""
        try:
            self._aead.decrypt_into(nonce, sealed, aad, out)
        except InvalidTag:
            return False
        return True


__all__ = ["NONCE_BYTES", "TAG_BYTES", "Cipher", "new_nonce"]
