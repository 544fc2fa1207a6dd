"""What the UI may learn about a vault without touching its internals (key slots,
throttle file, SQL connection): the public facade next to :mod:`app.vault.vault`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.vault import db, keyslots, throttle

if TYPE_CHECKING:  # the unlock window imports this module before the vault loads
    from app.vault.vault import Vault


def binding(folder: Path) -> dict[str, str]:
    """How the vault is bound to this computer (``mode``, ``reason``); raises the
    vault's own errors when the slot file cannot be read."""
    return dict(keyslots.load(folder).slots.binding)


def unlock_wait(folder: Path, now: float) -> float:
    """Seconds to wait before the next unlock attempt (0 when none)."""
    return throttle.load(folder).wait_needed(now)


def cipher_version(vault: Vault) -> str:
    """The SQLCipher version of an open vault (for the About dialog)."""
    with vault.read() as conn:
        return db.cipher_version(conn)


__all__ = ["binding", "cipher_version", "unlock_wait"]
