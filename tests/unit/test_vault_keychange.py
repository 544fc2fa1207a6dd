"""Key changes survive a failure or a kill at every step: after each injected fault
the vault opens with the old or the new passphrase, and the case file is intact.

Every step a key change takes is counted: creating, writing, fsyncing and renaming a
file (``app.fsutil``) and every keyring call. One run per step and mode:

- *fail*: that step raises ``OSError`` (read-only file, disk full, locked keychain);
  the code's own clean-up runs, as it would.
- *kill*: the folder and the keyring are copied exactly as they are when the step is
  about to run, which is what ``kill -9`` at that instant leaves, and the run stops.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import fsutil
from app.clock import FixedClock
from app.errors import UtvagError, WrongPassphrase
from app.vault.vault import Vault
from tests.conftest import NOW, PASSPHRASE, PROFILE

NEW = "en helt ny lång lösenfras för valvet"
TEXT = "Samtal om ny bostad; ska finnas kvar efter varje fel."


class Killed(BaseException):
    """Stands for the process dying: no handler of the code under test may catch it."""


class Faults:
    def __init__(self, keyring: Any, folder: Path, snapshots: Path) -> None:
        self.keyring, self.folder, self.snapshots = keyring, folder, snapshots
        self.steps: list[str] = []
        self.at: int | None = None
        self.mode = ""
        self.killed_state: tuple[Path, dict[Any, str]] | None = None

    def step(self, kind: str) -> None:
        index = len(self.steps)
        self.steps.append(kind)
        if index != self.at:
            return
        if self.mode == "fail":
            raise OSError(28, "No space left on device (injected)")
        copy = self.snapshots / f"killed-{index}"
        shutil.copytree(self.folder, copy)
        self.killed_state = (copy, dict(self.keyring.store))
        raise Killed()


class _File:
    def __init__(self, fh: Any, faults: Faults) -> None:
        self._fh, self._faults = fh, faults

    def __enter__(self) -> _File:
        self._fh.__enter__()
        return self

    def __exit__(self, *exc: object) -> Any:
        return self._fh.__exit__(*exc)

    def write(self, data: bytes) -> int:
        self._faults.step("write")
        return int(self._fh.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


class _Os:
    """``os`` as ``app.fsutil`` sees it, with every write step counted."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, mode: int = 0o777) -> int:
        self._faults.step("create" if flags & os.O_CREAT else "open-folder")
        return os.open(path, flags, mode)

    def fdopen(self, fd: int, *args: Any, **kwargs: Any) -> _File:
        return _File(os.fdopen(fd, *args, **kwargs), self._faults)

    def fsync(self, fd: int) -> None:
        self._faults.step("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self._faults.step("rename")
        os.replace(src, dst)


@pytest.fixture
def faults(memory_keyring, tmp_path: Path, monkeypatch) -> Iterator[Faults]:
    f = Faults(memory_keyring, tmp_path / "vault", tmp_path / "snapshots")
    (tmp_path / "snapshots").mkdir()
    monkeypatch.setattr(fsutil, "os", _Os(f))
    for name, kind in (
        ("set_password", "keyring-write"),
        ("get_password", "keyring-read"),
        ("delete_password", "keyring-delete"),
    ):
        real = getattr(memory_keyring, name)

        def counted(*args: Any, _real: Callable[..., Any] = real, _kind: str = kind) -> Any:
            f.step(_kind)
            return _real(*args)

        monkeypatch.setattr(memory_keyring, name, counted)
    yield f


def _base(tmp_path: Path, memory_keyring) -> tuple[Path, dict[Any, str], str]:
    """A keyring-bound vault with one saved entry, kept aside to start every trial."""
    folder = tmp_path / "base"
    vault, recovery_key = Vault.create(folder, PASSPHRASE, PROFILE)
    assert vault.binding_mode == "keyring"
    vault.save_draft("journal:1", "journal", TEXT)
    vault.lock()
    return folder, dict(memory_keyring.store), recovery_key


_HOURLY = FixedClock(NOW, step=dt.timedelta(hours=1))


def Clock() -> FixedClock:
    """Every reading comes an hour after the last (one clock shared by every caller):
    the delay after a failed unlock attempt never interferes."""
    return _HOURLY


def _opens(folder: Path, keyring_state: dict[Any, str], memory_keyring) -> list[str]:
    """Which passphrases open ``folder`` with the keyring as the fault left it (each on
    a fresh copy, so one attempt's repair does not decide the next)."""
    opened = []
    for name, phrase in (("old", PASSPHRASE), ("new", NEW)):
        attempt = folder.with_name(folder.name + f"-{name}")
        shutil.rmtree(attempt, ignore_errors=True)
        shutil.copytree(folder, attempt)
        memory_keyring.store.clear()
        memory_keyring.store.update(keyring_state)
        try:
            vault = Vault.unlock(attempt, phrase, clock=Clock())
        except WrongPassphrase:
            continue
        assert vault.load_draft("journal:1") == TEXT
        assert vault.check().problems == []
        vault.lock()
        opened.append(name)
    return opened


def _trial(
    change: Callable[[Path], None],
    faults: Faults,
    base: tuple[Path, dict[Any, str], str],
    memory_keyring,
    at: int | None,
    mode: str,
) -> tuple[Path, dict[Any, str]]:
    """Run ``change`` on a fresh copy of the base vault with a fault at step ``at``;
    return the folder and keyring the fault left."""
    shutil.rmtree(faults.folder, ignore_errors=True)
    shutil.copytree(base[0], faults.folder)
    memory_keyring.store.clear()
    memory_keyring.store.update(base[1])
    faults.steps, faults.at, faults.mode, faults.killed_state = [], at, mode, None
    try:
        change(faults.folder)
    except Killed:
        assert faults.killed_state is not None
        return faults.killed_state
    except UtvagError as exc:  # a failure must be reported as one, never a traceback
        assert mode == "fail" and "Traceback" not in exc.message
    faults.at = None
    return faults.folder, dict(memory_keyring.store)


def _run_every_step(
    change: Callable[[Path], None],
    faults: Faults,
    base: tuple[Path, dict[Any, str], str],
    memory_keyring,
) -> tuple[list[str], list[tuple[int, str, str]]]:
    _trial(change, faults, base, memory_keyring, None, "")
    steps = list(faults.steps)
    lockouts = []
    for at in range(len(steps)):
        for mode in ("fail", "kill"):
            folder, keyring_state = _trial(change, faults, base, memory_keyring, at, mode)
            faults.at = None
            if not _opens(folder, keyring_state, memory_keyring):
                lockouts.append((at, steps[at], mode))
            shutil.rmtree(faults.snapshots)
            faults.snapshots.mkdir()
    return steps, lockouts


def test_passphrase_change_locks_nobody_out_at_any_step(
    faults: Faults, tmp_path: Path, memory_keyring
) -> None:
    def change(folder: Path) -> None:
        saved_at, faults.at = faults.at, None  # the unlock before the change is not faulted
        vault = Vault.unlock(folder, PASSPHRASE, clock=Clock())
        faults.steps, faults.at = [], saved_at
        try:
            vault.change_passphrase(PASSPHRASE, NEW)
        finally:
            if faults.killed_state is None:
                vault.lock()

    base = _base(tmp_path, memory_keyring)
    steps, lockouts = _run_every_step(change, faults, base, memory_keyring)
    assert lockouts == [], f"{len(lockouts)} lockouts of {2 * len(steps)} faults: {lockouts}"
    assert {"keyring-write", "create", "write", "fsync", "rename", "keyring-delete"} <= set(
        steps
    ), steps


def test_recovery_locks_nobody_out_at_any_step(
    faults: Faults, tmp_path: Path, memory_keyring
) -> None:
    base = _base(tmp_path, memory_keyring)

    def change(folder: Path) -> None:
        vault = Vault.recover(folder, base[2], NEW, clock=Clock())
        vault.lock()

    steps, lockouts = _run_every_step(change, faults, base, memory_keyring)
    assert lockouts == [], f"{len(lockouts)} lockouts of {2 * len(steps)} faults: {lockouts}"
    assert {"keyring-write", "write", "fsync", "rename", "keyring-delete"} <= set(steps), steps
