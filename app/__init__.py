"""Utväg core: everything that is true without a screen. Never imports Qt or ``ui``."""

# The version's one source is pyproject.toml; the build (and a test) keep app/_version.py
# equal to it. Reading it here instead of importlib.metadata saves ~25 ms at start-up.
from app._version import VERSION as __version__

__all__ = ["__version__"]
