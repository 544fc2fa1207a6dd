"""Scan this process's memory for a secret without holding the secret while scanning.

The secret is kept as two random shares (``a`` XOR ``b``); the scan looks for a short
prefix and compares each hit byte by byte against the shares, so the full secret is
never rebuilt here (it would otherwise find itself). Linux only (``/proc/self/mem``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass


@dataclass
class Shares:
    name: str
    a: bytearray
    b: bytearray

    @classmethod
    def of(cls, name: str, secret: bytes | bytearray) -> Shares:
        a = bytearray(os.urandom(len(secret)))
        b = bytearray(len(secret))
        for i in range(len(secret)):
            b[i] = secret[i] ^ a[i]
        return cls(name, a, b)

    def prefix(self) -> bytes:
        return bytes(self.a[i] ^ self.b[i] for i in range(4))

    def matches(self, chunk: bytes, at: int) -> bool:
        n = len(self.a)
        if at + n > len(chunk):
            return False
        return all(chunk[at + i] ^ self.a[i] == self.b[i] for i in range(n))


_MAP = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (r[w-])")
CHUNK = 8 * 1024 * 1024


def _regions() -> list[tuple[int, int]]:
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            match = _MAP.match(line)
            if match and not line.rstrip().endswith(("[vvar]", "[vsyscall]", "[vvar_vclock]")):
                found.append((int(match.group(1), 16), int(match.group(2), 16)))
    return found


def count(secrets: list[Shares]) -> dict[str, int]:
    """How many copies of each secret are in readable memory right now."""
    found = dict.fromkeys((s.name for s in secrets), 0)
    prefixes = [(s, s.prefix()) for s in secrets]
    longest = max(len(s.a) for s in secrets)
    with open("/proc/self/mem", "rb", buffering=0) as mem:
        for start, end in _regions():
            pos = start
            while pos < end:
                size = min(CHUNK + longest, end - pos)
                try:
                    mem.seek(pos)
                    chunk = mem.read(size)
                except (OSError, ValueError, OverflowError):
                    break
                for shares, prefix in prefixes:
                    at = chunk.find(prefix)
                    while 0 <= at < CHUNK:
                        if shares.matches(chunk, at):
                            found[shares.name] += 1
                        at = chunk.find(prefix, at + 1)
                pos += CHUNK
    return found


def scrub_str(text: str) -> None:
    """Overwrite a str this test made (ASCII, compact, owned only by the test) in place,
    as no Python code can; CPython only. Never used on strings it did not make."""
    import ctypes
    import sys

    assert text.isascii() and len(text) > 1 and sys.getrefcount(text) <= 3
    offset = sys.getsizeof("") - 1  # where an ASCII str's characters start
    ctypes.memset(id(text) + offset, 0, len(text))


def ascii_secret(length: int) -> bytearray:
    """Random lower-case letters made in a buffer (no immutable copy)."""
    raw = bytearray(os.urandom(length))
    for i in range(length):
        raw[i] = ord("a") + raw[i] % 26
    return raw
