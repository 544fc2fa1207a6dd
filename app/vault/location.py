"""Where a vault's files are, without importing any crypto (the unlock window needs
this before anything heavier has loaded)."""

from __future__ import annotations

from pathlib import Path

DB_FILE = "vault.db"


def is_vault(folder: Path) -> bool:
    return (Path(folder) / DB_FILE).exists()
