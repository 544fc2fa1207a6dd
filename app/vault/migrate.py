"""Schema migrations: one module per version in ``app/vault/migrations/mNNNN_*.py``,
each defining ``VERSION`` and ``upgrade(conn)``. Each step runs in its own transaction
and sets ``PRAGMA user_version``."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from app.errors import VaultCorrupt
from app.vault import migrations

_NAME = re.compile(r"^m(\d{4})_\w+$")


def steps() -> list[ModuleType]:
    found: list[ModuleType] = []
    for info in pkgutil.iter_modules(migrations.__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{migrations.__name__}.{info.name}")
        if int(match.group(1)) != module.VERSION:
            raise RuntimeError(f"{info.name}: VERSION does not match the file name")
        found.append(module)
    found.sort(key=lambda m: int(m.VERSION))
    expected = list(range(1, len(found) + 1))
    if [m.VERSION for m in found] != expected:
        raise RuntimeError("migration versions must be 1..N without gaps")
    return found


def latest_version() -> int:
    return len(steps())


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade(conn: Any, before_step: Callable[[int], None] | None = None) -> list[int]:
    """Apply pending steps; return the versions applied."""
    version = current_version(conn)
    latest = latest_version()
    if version > latest:
        raise VaultCorrupt("valvet är skapat av en nyare version av Utväg; uppdatera programmet")
    applied = []
    for step in steps()[version:]:
        if before_step is not None:
            before_step(int(step.VERSION))
        conn.execute("BEGIN IMMEDIATE")
        try:
            step.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {int(step.VERSION)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(int(step.VERSION))
    return applied


def run_script(conn: Any, sql: str) -> None:
    """Execute ``sql`` statement by statement inside the caller's transaction
    (``executescript`` would commit first and break the step's atomicity)."""
    import sqlite3

    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement at end of script")


def upgrade_with_snapshots(db_file: Path, conn: Any, ts: str) -> None:
    """Apply pending steps, keeping an (encrypted) copy ``vault.db.pre-vN`` before each
    step as a way back if one misbehaves; audited at ``ts`` (the session clock's moment)."""
    from app.vault import audit

    def snapshot(version: int) -> None:
        if current_version(conn) == 0:
            return
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(db_file, db_file.with_name(f"{db_file.name}.pre-v{version}"))

    before = current_version(conn)
    applied = upgrade(conn, before_step=snapshot)
    if applied:
        details = {"from": before, "to": applied[-1]}
        audit.append(conn, "system", "migrated", None, details, ts=ts)
