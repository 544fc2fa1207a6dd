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


def create_secret(vault_id: str) -> Binding:
    """Store a new device secret and read it back; return it, or why it failed."""
    secret = secrets.token_bytes(32)
    encoded = base64.b64encode(secret).decode("ascii")
    try:
        backend = _backend()
        backend.set_password(SERVICE, vault_id, encoded)
        stored = backend.get_password(SERVICE, vault_id)
    except Exception as exc:  # NoKeyringError, locked keychain, D-Bus missing, ...
        log.info("no usable keyring backend: %s", type(exc).__name__)
        return Binding(None, backend_name(), "no-backend")
    if stored is None or not secrets.compare_digest(stored, encoded):
        return Binding(None, backend_name(), "backend-stores-nothing")
    return Binding(secret, backend_name(), "")


def load_secret(vault_id: str) -> bytes | None:
    try:
        stored = _backend().get_password(SERVICE, vault_id)
    except Exception as exc:
        log.info("keyring read failed: %s", type(exc).__name__)
        return None
    if stored is None:
        return None
    try:
        return base64.b64decode(stored, validate=True)
    except ValueError:
        return None
