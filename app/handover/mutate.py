"""Mutations of sealed packets for fuzzing (the hypothesis test and the long run in
``scripts/fuzz_handover.py``): flips, overwrites, insertions, deletions, truncation,
duplicated ranges and appended trailers, each at a chosen position."""

from __future__ import annotations

from collections.abc import Callable

KINDS = ("flip", "overwrite", "insert", "delete", "truncate", "duplicate", "append", "sigfield")


def _in_signature_field(data: bytes, position: int, value: int) -> bytes:
    """Flip a byte inside the signature's /Contents hex, the one region the signature
    cannot cover (padding zeros, letter case)."""
    start = data.find(b"/Contents <")
    end = data.find(b">", start + 11) if start >= 0 else -1
    if start < 0 or end < 0:
        return data + b"\x00"
    pos = start + 11 + position % max(end - start - 11, 1)
    return data[:pos] + bytes([data[pos] ^ (value or 1)]) + data[pos + 1 :]


def mutate(data: bytes, kind: str, position: int, value: int, length: int) -> bytes:
    """Apply one mutation; the result always differs from ``data``."""
    if kind == "sigfield":
        return _in_signature_field(data, position, value)
    size = len(data)
    pos = position % max(size, 1)
    length = max(1, min(length, 4096))
    blob = bytes((value + i * 31) & 0xFF for i in range(length))
    ops: dict[str, Callable[[], bytes]] = {
        "flip": lambda: data[:pos] + bytes([data[pos] ^ (value or 1)]) + data[pos + 1 :],
        "overwrite": lambda: data[:pos] + blob + data[pos + length :],
        "insert": lambda: data[:pos] + blob + data[pos:],
        "delete": lambda: data[:pos] + data[pos + length :],
        "truncate": lambda: data[:pos],
        "duplicate": lambda: data[:pos] + data[pos : pos + length] + data[pos:],
        "append": lambda: data + b"\n" + blob + b"\n%%EOF\n",
    }
    out = ops[kind]()
    return out if out != data else data + b"\x00"
