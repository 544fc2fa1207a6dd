"""Parts of the core that may not be in every build yet (the store, the demo filler)."""

from __future__ import annotations

import importlib
from types import ModuleType


def optional_module(name: str) -> ModuleType | None:
    """The module, or None when it is not part of this build (other import errors
    still raise: a broken module must not look like a missing one)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
