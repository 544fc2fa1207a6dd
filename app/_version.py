"""Fallback version for a frozen build; the installer writes it from pyproject.toml."""

VERSION = "0.1.0"
