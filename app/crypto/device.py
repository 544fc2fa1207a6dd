"""The device secret: 32 random bytes in the OS keyring, mixed into the passphrase slot so
that a copied vault plus the passphrase is not enough on another machine.

No backend (or one that silently stores nothing) means passphrase-only mode, which the
vault records and the UI shows; it is never chosen silently. On Windows the secret is
stored with local-machine persistence so it never roams to other domain PCs.
"""

from __future__ import annotations

import base64
import logging
import secrets
from dataclasses import dataclass
from typing import Any

SERVICE = "Utväg device secret"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Binding:
    """Outcome of trying to bind a vault to this device."""

    secret: bytes | None
    backend: str
    reason: str  # why there is no binding ("" when bound)

    @property
    def bound(self) -> bool:
        return self.secret is not None


def _backend() -> Any:
    from app.crypto import keyring_select

    backend = keyring_select.get_keyring()  # explicit backend when frozen (installer/)
    if type(backend).__module__.endswith("Windows"):
        # Default persistence is ENTERPRISE, which roams to other domain PCs.
        backend.persist = "local machine"  # type: ignore[attr-defined]
    return backend


def backend_name() -> str:
    try:
        return type(_backend()).__module__ + "." + type(_backend()).__name__
    except Exception:  # a broken keyring installation is "no backend"
        return "none"


def new_entry(vault_id: str) -> str:
    """A fresh keyring entry name for ``vault_id``. Every change of the device secret
    writes a new entry and retires the old one only after the slot file naming the new
    one is saved, so a crash in between never leaves a slot without its secret."""
    return f"{vault_id}.{secrets.token_hex(4)}"


def create_secret(entry: str) -> Binding:
    """Store a new device secret under ``entry`` and read it back; return it, or why it
    failed."""
    secret = secrets.token_bytes(32)
    encoded = base64.b64encode(secret).decode("ascii")
    try:
        backend = _backend()
        backend.set_password(SERVICE, entry, encoded)
        stored = backend.get_password(SERVICE, entry)
    except Exception as exc:  # NoKeyringError, locked keychain, D-Bus missing, ...
        log.info("no usable keyring backend: %s", type(exc).__name__)
        return Binding(None, backend_name(), "no-backend")
    if stored is None or not secrets.compare_digest(stored, encoded):
        return Binding(None, backend_name(), "backend-stores-nothing")
    return Binding(secret, backend_name(), "")


def load_secret(entry: str) -> bytes | None:
    stored = read_entry(SERVICE, entry)
    if stored is None:
        return None
    try:
        return base64.b64decode(stored, validate=True)
    except ValueError:
        return None


def delete_secret(entry: str) -> bool:
    """Retire an entry; ``False`` (logged, never raised) if the keyring refused."""
    try:
        _backend().delete_password(SERVICE, entry)
    except Exception as exc:  # PasswordDeleteError when already gone, locked keychain, ...
        log.info("keyring delete failed: %s", type(exc).__name__)
        return False
    return True


def read_entry(service: str, entry: str) -> str | None:
    try:
        value = _backend().get_password(service, entry)
    except Exception as exc:
        log.info("keyring read failed: %s", type(exc).__name__)
        return None
    return None if value is None else str(value)


def write_entry(service: str, entry: str, value: str) -> bool:
    try:
        _backend().set_password(service, entry, value)
    except Exception as exc:
        log.info("keyring write failed: %s", type(exc).__name__)
        return False
    return True
