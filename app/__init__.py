"""Utväg core: everything that is true without a screen. Never imports Qt or ``ui``."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("utvag")
except _metadata.PackageNotFoundError:  # frozen build or plain checkout
    from app._version import VERSION as __version__  # noqa: F401
