"""Read a SQLCipher 4 vault file page by page with the data key, outside SQLite, so a
test sees every page: those in use, free ones and any left in the write-ahead log.

SQLCipher 4 with a raw 256-bit key: the file's first 16 bytes are the salt; every page
ends in a reserve of 80 bytes (16-byte IV, 64-byte HMAC-SHA512); the rest of the page
(after the salt on page 1) is AES-256-CBC under the raw key. The HMAC key is
PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations); each page's HMAC covers its
ciphertext, IV and page number, so a wrong decryption cannot pass unnoticed.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def _page(raw: bytes, number: int, key: bytes, mac_key: bytes) -> bytes:
    start = SALT if number == 1 else 0
    body, iv = raw[start : PAGE - RESERVE], raw[PAGE - RESERVE : PAGE - RESERVE + 16]
    tag = raw[PAGE - RESERVE + 16 : PAGE - RESERVE + 80]
    expected = hmac.new(mac_key, body + iv + struct.pack("<I", number), hashlib.sha512).digest()
    if not hmac.compare_digest(tag, expected):
        raise AssertionError(f"page {number}: HMAC does not match (wrong key or layout)")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def _keys(db: Path, key: bytes) -> tuple[bytes, bytes]:
    salt = db.read_bytes()[:SALT]
    mac_salt = bytes(b ^ 0x3A for b in salt)
    return key, hashlib.pbkdf2_hmac("sha512", key, mac_salt, 2, 32)


def decrypted_pages(db: Path, key: bytes) -> list[bytes]:
    """Every page of the database file and of its WAL, decrypted and authenticated."""
    key, mac_key = _keys(db, key)
    raw = db.read_bytes()
    assert len(raw) % PAGE == 0
    pages = [
        _page(raw[i : i + PAGE], i // PAGE + 1, key, mac_key) for i in range(0, len(raw), PAGE)
    ]
    wal = db.with_name(db.name + "-wal")
    data = wal.read_bytes() if wal.exists() else b""
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = struct.unpack(">I", data[offset : offset + 4])[0]
        frame = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        pages.append(_page(frame, number, key, mac_key))
        offset += FRAME_HEADER + PAGE
    return pages


def occurrences(pages: list[bytes], word: str) -> int:
    needle = word.lower().encode("utf-8")
    return sum(page.lower().count(needle) for page in pages)
