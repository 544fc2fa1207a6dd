"""After a lock the data key (raw and as the hex SQLCipher reads) and the passphrase's
bytes are nowhere in this process's memory. The scanner first proves it can find the
key while the vault is open. What Python cannot promise is written in
app/crypto/secret.py; the GUI's share is in tests/ui/test_memory_gui.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.crypto.secret import wipe
from app.vault import db
from app.vault.backup import create_backup
from app.vault.vault import Profile, Vault
from tests.memscan import Shares, ascii_secret, count, scrub_str

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/mem")


def key_shares(vault: Vault) -> list[Shares]:
    with db.keyspec(vault.key_buffer()) as spec:
        hex_digits = spec[2:-1]
        shares = [Shares.of("data key", vault.key_buffer()), Shares.of("hex key", hex_digits)]
        wipe(hex_digits)
    return shares


def test_lock_leaves_no_key_and_no_passphrase_in_memory(tmp_path: Path) -> None:
    raw = ascii_secret(28)
    phrase = Shares.of("passphrase", raw)
    passphrase = raw.decode("ascii")
    wipe(raw)
    vault, _recovery = Vault.create(tmp_path / "v", passphrase, Profile("Test"))
    vault.save_draft("d", "journal", "text i valvet")
    vault.lock()
    opened = Vault.unlock(tmp_path / "v", passphrase)
    scrub_str(passphrase)
    del passphrase
    assert opened.load_draft("d") == "text i valvet"
    create_backup(opened, tmp_path / "b.utvagbak")  # derives and uses keys too
    assert opened.verify_storage() == []
    secrets = [*key_shares(opened), phrase]
    before = count(secrets)
    assert before["data key"] >= 1 and before["hex key"] == 0  # the scanner does find it
    opened.lock()
    assert count(secrets) == {"data key": 0, "hex key": 0, "passphrase": 0}
