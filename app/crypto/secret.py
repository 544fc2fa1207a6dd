"""Key material in mutable buffers that are overwritten when no longer needed.

Python cannot promise that a secret leaves memory: an immutable ``str`` or ``bytes``
cannot be overwritten through the language, the allocator frees memory without clearing
it, and the garbage collector decides when objects go. So the vault keeps every key it
makes in a ``bytearray`` and writes zeros over it (``wipe``) as soon as it is done:
the data key (unwrapped with ``decrypt_into``), the key-encryption keys (``derive_into``,
Argon2 writing straight into a buffer), the passphrase's UTF-8 bytes (encoded here, not
with ``str.encode``) and SQLCipher's ``x'…'`` key form (``app.vault.db.keyspec``).

What stays outside our reach, and is documented rather than hidden: the passphrase as the
``str`` the caller passed in (the GUI's line edit, the CLI's standard input buffer),
copies that Qt or the C libraries make internally and free without clearing, and the
device secret as the keyring library returns it. tests/unit/test_memory.py and
tests/ui/test_memory_gui.py scan the process after a lock for what we do control.
"""

from __future__ import annotations

Buffer = bytearray


def wipe(*buffers: bytearray | None) -> None:
    """Overwrite each buffer with zeros in place (its length stays, so no copy is made)."""
    for buf in buffers:
        if buf is not None:
            buf[:] = bytes(len(buf))


def utf8(text: str) -> bytearray:
    """``text`` encoded as UTF-8 straight into one buffer of the right size (``encode``
    would leave an immutable copy behind in freed memory)."""
    size = 0
    for ch in text:
        code = ord(ch)
        size += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    out = bytearray(size)
    i = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            out[i] = code
            i += 1
            continue
        n = 2 if code < 0x800 else 3 if code < 0x10000 else 4
        out[i] = {2: 0xC0, 3: 0xE0, 4: 0xF0}[n] | (code >> (6 * (n - 1)))
        for k in range(1, n):
            out[i + k] = 0x80 | ((code >> (6 * (n - 1 - k))) & 0x3F)
        i += n
    return out


def random_key(size: int = 32) -> bytearray:
    """A random key made in its buffer: the XOR of two independent random strings, so
    the immutable ``bytes`` that ``os.urandom`` returns (freed uncleared) never hold it."""
    import os

    key = bytearray(os.urandom(size))
    mask = os.urandom(size)
    for i in range(size):
        key[i] ^= mask[i]
    return key
