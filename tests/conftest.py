"""Shared fixtures: an encrypted vault of its own per test (a copy of one created per
session with the cheap test KDF, tests/templates.py), an
in-memory keyring (never the developer's real one), the session clock
pinned at ``NOW`` (the suite passes on any date: .ci/run also runs it a year ahead and
a year back), and a guard that fails any test that opens a network connection."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.clock import FixedClock
from app.crypto import kdf
from app.crypto.kdf import TEST_PARAMS
from app.vault.vault import Profile, Vault
from tests.templates import PASSPHRASE as PASSPHRASE  # (used by the tests from here)
from tests.templates import TEMPLATES, MemoryKeyring

# Vaults the tests create without naming parameters (the wizard, `vault init`, a new
# passphrase) get the cheap KDF too. CLI subprocesses: run CLI (tests/cli_entry.py).
kdf.use_params(TEST_PARAMS)
CLI = [sys.executable, "-m", "tests.cli_entry"]

PROFILE = Profile("Test Handläggare", "Socialsekreterare", "Exempelstad", "Avhopparenheten")
REPO = Path(__file__).resolve().parent.parent
#: the moment every test's session clock stands at (a Monday, working hours)
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    """Fail the test if anything tries to connect a socket (Utväg never uses the network)."""
    attempts: list[tuple[object, ...]] = []
    _NetworkGuard.active = attempts
    yield
    _NetworkGuard.active = None
    assert not attempts, f"network access attempted: {attempts}"


class _NetworkGuard:
    active: list[tuple[object, ...]] | None = None

    @staticmethod
    def hook(event: str, args: tuple[object, ...]) -> None:
        if _NetworkGuard.active is None:
            return
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.bind"):
            address = args[1] if len(args) > 1 else args
            if _is_local_unix(address):  # AF_UNIX (e.g. D-Bus) is not the network
                return
            _NetworkGuard.active.append((event, address))
            raise OSError("network access is forbidden in Utväg tests")


def _is_local_unix(address: object) -> bool:
    return isinstance(address, (str, bytes))


sys.addaudithook(_NetworkGuard.hook)


class FakeClock:
    """A seconds counter standing in for the idle lock's monotonic and sleep-detection
    timers (durations, never dates: the session's dates come from ``clock``)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FixedClock:
    """The session's clock, pinned at NOW; ``advance``/``set`` move it."""
    return FixedClock(NOW)


@pytest.fixture
def policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where this test's organisation policy goes (IT's staging file); the machine-wide
    location is moved away so that only this file counts. Absent until written."""
    from app import policy

    path = tmp_path / "policy.json"
    monkeypatch.setenv(policy.ENV_FILE, str(path))
    monkeypatch.setattr(policy, "machine_policy_path", lambda: tmp_path / "none" / "policy.json")
    return path


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture(scope="session", autouse=True)
def _vault_templates(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Vaults are created once per session and copied per test (tests/templates.py)."""
    TEMPLATES.root = tmp_path_factory.mktemp("templates")
    TEMPLATES.clock = FixedClock(NOW)


@pytest.fixture
def vault(vault_dir: Path, memory_keyring: MemoryKeyring, clock: FixedClock) -> Iterator[Vault]:
    """A new vault of its own, open (a copy of the session's freshly created one)."""
    created, _recovery = TEMPLATES.open_copy(vault_dir, PROFILE, clock=clock)
    yield created
    created.lock()


@pytest.fixture
def vault_with_recovery(
    vault_dir: Path, memory_keyring: MemoryKeyring, clock: FixedClock
) -> Iterator[tuple[Vault, str]]:
    created, recovery_key = TEMPLATES.open_copy(vault_dir, PROFILE, clock=clock)
    yield created, recovery_key
    created.lock()


def file_clock_now(folder: Path) -> float:
    """Now, as the file system stamps files: the mtime of a file written now. Compared
    with other files' mtimes, it stays right when the date is moved (libfaketime in CI),
    while time.time() and the files' real stamps could then be a year apart."""
    probe = folder / ".clock-probe"
    probe.write_bytes(b"")
    return probe.stat().st_mtime
