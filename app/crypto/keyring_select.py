"""Explicit keyring backend choice for frozen builds.

keyring finds its backends through package entry points, which a PyInstaller bundle does
not carry reliably: frozen, discovery can fall back to the "fail" backend even on a
machine with a working Credential Manager. So a frozen build names the one backend that
fits its platform (and that ``installer/utvag.spec`` bundles). From source, keyring's own
discovery (and ``keyring.set_keyring`` in tests) is left alone.

``UTVAG_KEYRING=none`` forces "no backend" (for IT staging and the frozen CI check).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: Per platform, the backend module and class a frozen build uses (and bundles).
BACKENDS = {
    "win32": ("keyring.backends.Windows", "WinVaultKeyring"),
    "darwin": ("keyring.backends.macOS", "Keyring"),
    "linux": ("keyring.backends.SecretService", "Keyring"),
}

_chosen = {"done": False}


def explicit_backend(platform: str | None = None) -> Any:
    """The platform's backend if it is usable here, else keyring's "fail" backend
    (which raises ``NoKeyringError``, so the vault runs passphrase-only and says so)."""
    import importlib

    from keyring.backends import fail

    if os.environ.get("UTVAG_KEYRING") == "none":
        return fail.Keyring()  # type: ignore[no-untyped-call]
    key = platform or sys.platform
    module_name, class_name = BACKENDS.get(key, BACKENDS["linux"])
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        if cls.viable:
            return cls()
    except Exception as exc:  # missing D-Bus, missing module, broken install
        log.info("keyring backend %s unusable: %s", module_name, type(exc).__name__)
    return fail.Keyring()  # type: ignore[no-untyped-call]


def get_keyring() -> KeyringBackend:
    """``keyring.get_keyring()``, with the backend set explicitly once when frozen."""
    import keyring

    frozen = getattr(sys, "frozen", False)
    if (frozen or os.environ.get("UTVAG_KEYRING")) and not _chosen["done"]:
        keyring.set_keyring(explicit_backend())
        _chosen["done"] = True
    return keyring.get_keyring()
