"""Key-stretching parameters are chosen in code, never by the environment: a stray
``UTVAG_TEST_KDF=1`` (or any variable) cannot give a real vault cheap Argon2id, while the
test suite's CLI subprocesses get the cheap parameters through a test-only entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.crypto.kdf import DEFAULT_PARAMS, TEST_PARAMS
from app.vault import keyslots
from tests.conftest import CLI, PASSPHRASE, REPO


def _init(command: list[str], folder: Path, env: dict[str, str]) -> dict[str, int]:
    """Create a vault as IT would (`vault init`) and return its passphrase slot's KDF."""
    done = subprocess.run(
        [*command, "vault", "init", "--vault", str(folder), "--name", "Test Handläggare",
         "--no-device-binding"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, cwd=REPO,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    slots = keyslots.load(folder).slots.slots.values()
    passphrase_slots = [slot for slot in slots if "kdf" in slot]
    assert len(passphrase_slots) == 1
    kdf: dict[str, int] = passphrase_slots[0]["kdf"]
    return kdf


def test_the_product_ignores_a_test_kdf_variable(tmp_path: Path) -> None:
    env = {**os.environ, "UTVAG_TEST_KDF": "1", "PYTHONPATH": str(REPO)}
    kdf = _init([sys.executable, "-m", "app"], tmp_path / "real", env)
    assert kdf == DEFAULT_PARAMS.to_json()


def test_the_test_entry_gives_cli_subprocesses_the_cheap_kdf(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "UTVAG_TEST_KDF"}
    env["PYTHONPATH"] = str(REPO)
    assert _init(CLI, tmp_path / "test", env) == TEST_PARAMS.to_json()
