"""After writing case data that contains a marker, no file on disk (vault folder, temp
folder, backups) holds the marker in plain text; and the core opens no network socket."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

import pytest

from app.vault.backup import create_backup
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, file_clock_now

MARKER = "ZEBRAMARKÖR4711"


def _files_containing(folder: Path, since: float) -> list[Path]:
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.encode("latin-1")]
    hits = []
    # os.walk ignores folders that other processes remove while we look
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                if not path.is_file() or path.stat().st_mtime < since - 1:
                    continue
                found = _holds_any(path, needles)
            except OSError:
                continue
            if found:
                hits.append(path)
    return hits


def _holds_any(path: Path, needles: list[bytes], chunk: int = 1 << 24) -> bool:
    """Whether the file holds a needle, read in chunks (another program's temp files
    may be huge), with an overlap so a needle across two chunks is still found."""
    overlap = max(len(n) for n in needles) - 1
    tail = b""
    with path.open("rb") as f:
        while block := f.read(chunk):
            data = tail + block
            if any(n in data for n in needles):
                return True
            tail = data[-overlap:]
    return False


def test_marker_never_reaches_disk_in_plain_text(vault: Vault, vault_dir: Path, tmp_path) -> None:
    started = file_clock_now(tmp_path)
    for i in range(50):
        vault.save_draft(f"journal:{i}", "journal", f"Anteckning {i} om {MARKER} och familjen.")
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO persons (display_name, protected_level, created) VALUES (?, 'none', '')",
            (f"Klient {MARKER}",),
        )
    # while open (WAL in use) and after locking
    assert _files_containing(vault_dir, started) == []
    create_backup(vault, tmp_path / "backup.utvag")
    vault.lock()
    assert _files_containing(vault_dir, started) == []
    assert _files_containing(tmp_path, started) == []
    assert _files_containing(Path(tempfile.gettempdir()), started) == []
    # the marker is really there once unlocked: the scan above could have found it
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert MARKER in (reopened.load_draft("journal:7") or "")
    reopened.lock()


def test_the_network_guard_catches_a_connection_attempt() -> None:
    # Every test runs under a guard (tests/conftest.py) that fails on network access;
    # this proves the guard itself works, so the silence elsewhere means something.
    from tests import conftest

    attempts: list[tuple[object, ...]] = []
    saved = conftest._NetworkGuard.active
    conftest._NetworkGuard.active = attempts
    try:
        with pytest.raises(OSError):
            socket.create_connection(("192.0.2.1", 443), timeout=0.01)
    finally:
        conftest._NetworkGuard.active = saved
    assert attempts
