"""kill -9 in the middle of a burst of writes never loses a committed write nor
corrupts the vault. More trials: ``python bench/soak_crash.py --trials 500``."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.crypto.kdf import TEST_PARAMS
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE, REPO
from tests.crash_writer import entry_text

TRIALS = 20


def crash_trial(vault_dir: Path, rng: random.Random, start: int) -> list[str]:
    """Run the writer, kill it after a random number of commits, return what it
    reported as committed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(vault_dir), PASSPHRASE, str(start)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    committed = []
    wanted = rng.randint(0, 40)
    while len(committed) < wanted:
        committed.append(proc.stdout.readline().strip())
    time.sleep(rng.random() * 0.02)  # land inside a later transaction, somewhere
    os.kill(proc.pid, signal.SIGKILL)
    rest = proc.stdout.read().split()  # printed before the kill landed: also committed
    proc.wait()
    return committed + rest


def test_kill_9_never_loses_a_committed_write(vault_dir: Path) -> None:
    # No device binding: the child process cannot see the test's in-memory keyring.
    vault, _ = Vault.create(vault_dir, PASSPHRASE, PROFILE, params=TEST_PARAMS, bind_device=False)
    vault.lock()
    rng = random.Random(2026)
    all_committed: list[str] = []
    for trial in range(TRIALS):
        all_committed += crash_trial(vault_dir, rng, start=trial * 100_000)
        reopened = Vault.unlock(vault_dir, PASSPHRASE)
        for key in all_committed:
            assert reopened.load_draft(key) == entry_text(key), (trial, key)
        assert reopened.check().problems == []
        reopened.lock()
    assert len(all_committed) >= TRIALS  # the writer really got work done
