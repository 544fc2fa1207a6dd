"""Re-keying: after a rotation an old slot file (every backup carries one) with the old
passphrase or the old recovery key opens nothing written since; the new secrets open
everything; a failure or a kill at any step locks nobody out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.errors import Refused, VaultCorrupt, WrongPassphrase, WrongRecoveryKey
from app.vault import audit, db, keyslots
from app.vault import vault as vault_module
from app.vault.backup import create_backup, restore_keyslots
from app.vault.rotate import rotate_keys
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_vault_integrity import _cli
from tests.unit.test_vault_keychange import (  # noqa: F401 (fixture)
    NEW,
    Clock,
    Faults,
    _base,
    _Os,
    _run_every_step,
    faults,
)

AFTER = "skrivet efter nyckelbytet: får inte gå att läsa med gamla nycklar"


def _slot_files(folder: Path) -> dict[str, bytes]:
    return {n: (folder / n).read_bytes() for n in (keyslots.PRIMARY, keyslots.BACKUP)}


def test_old_slot_file_and_old_secrets_open_nothing_written_after_rotation(
    vault_with_recovery, vault_dir: Path, memory_keyring
) -> None:
    vault, old_recovery = vault_with_recovery
    vault.save_draft("före", "journal", "skrivet före")
    old_slots = _slot_files(vault_dir)
    old_keyring = dict(memory_keyring.store)
    old_key = vault.data_key()
    new_recovery = rotate_keys(vault, PASSPHRASE, NEW)
    assert new_recovery != old_recovery
    vault.save_draft("efter", "journal", AFTER)
    assert "keys_rotated" in [e.event for e in audit.events(vault.conn)]
    vault.lock()

    with pytest.raises(WrongPassphrase):  # the old passphrase is gone from the slots
        Vault.unlock(vault_dir, PASSPHRASE, clock=Clock())
    with pytest.raises(WrongRecoveryKey):  # and so is the old recovery key
        Vault.recover(vault_dir, old_recovery, "en tredje lång lösenfras", clock=Clock())
    with pytest.raises(VaultCorrupt):  # the old data key does not open the database
        db.connect(vault_dir / "vault.db", old_key)

    current = _slot_files(vault_dir)
    for name, data in old_slots.items():  # someone puts the old slot file back …
        (vault_dir / name).write_bytes(data)
    memory_keyring.store.update(old_keyring)  # … and even has the old device secret
    with pytest.raises(VaultCorrupt):
        Vault.unlock(vault_dir, PASSPHRASE, clock=Clock())
    with pytest.raises(VaultCorrupt):
        Vault.recover(vault_dir, old_recovery, "en tredje lång lösenfras", clock=Clock())
    for name, data in current.items():
        (vault_dir / name).write_bytes(data)

    reopened = Vault.unlock(vault_dir, NEW, clock=Clock())
    assert reopened.load_draft("efter") == AFTER
    assert reopened.load_draft("före") == "skrivet före"
    assert reopened.check().ok
    reopened.lock()
    Vault.recover(vault_dir, new_recovery, "en tredje lång lösenfras", clock=Clock()).lock()


def test_recovery_key_rotation_from_the_cli_keeps_the_passphrase(
    vault_with_recovery, vault_dir: Path, monkeypatch, capsys
) -> None:
    vault, old_recovery = vault_with_recovery
    vault.save_draft("d", "journal", "kvar")
    vault.lock()
    code, out, err = _cli(["vault", "recovery-key", "--rotate", "--vault", str(vault_dir)],
                          PASSPHRASE, monkeypatch, capsys)  # fmt: skip
    assert code == 0, err
    new_recovery = next(x for x in out.splitlines() if x.startswith("recovery-key: "))[14:]
    assert new_recovery != old_recovery and "gäller inte längre" in err
    with pytest.raises(WrongRecoveryKey):
        Vault.recover(vault_dir, old_recovery, NEW, clock=Clock())
    reopened = Vault.unlock(vault_dir, PASSPHRASE, clock=Clock())
    assert reopened.load_draft("d") == "kvar"
    reopened.lock()


def test_keyslots_only_restore_from_before_a_rotation_is_refused(
    vault_with_recovery, vault_dir: Path, tmp_path: Path
) -> None:
    vault, old_recovery = vault_with_recovery
    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    rotate_keys(vault, PASSPHRASE, NEW)
    vault.lock()
    before = _slot_files(vault_dir)
    with pytest.raises(Refused) as info:  # the backup opens, but not today's database
        restore_keyslots(backup, vault_dir, recovery_key=old_recovery, new_passphrase=NEW)
    assert "ny nyckel" in info.value.message
    assert _slot_files(vault_dir) == before


def test_rotation_locks_nobody_out_at_any_step(
    faults: Faults,  # noqa: F811 (the fixture)
    tmp_path: Path,
    memory_keyring,
    monkeypatch,
) -> None:
    monkeypatch.setattr(vault_module, "os", _Os(faults))  # the swap's rename counts too

    def change(folder: Path) -> None:
        saved_at, faults.at = faults.at, None
        vault = Vault.unlock(folder, PASSPHRASE, clock=Clock())
        faults.steps, faults.at = [], saved_at
        try:
            rotate_keys(vault, PASSPHRASE, NEW)
        finally:
            if faults.killed_state is None:
                vault.lock()
            elif vault.is_open:
                vault.conn.close()

    base = _base(tmp_path, memory_keyring)
    steps, lockouts = _run_every_step(change, faults, base, memory_keyring)
    assert lockouts == [], f"{len(lockouts)} lockouts of {2 * len(steps)} faults: {lockouts}"
    assert steps.count("rename") >= 4 and "keyring-delete" in steps, steps


def test_copy_left_by_an_interrupted_rotation_is_removed_at_unlock(
    vault: Vault, vault_dir: Path
) -> None:
    vault.checkpoint()
    shutil.copy(vault_dir / "vault.db", vault_dir / "vault.db.rekey")  # as a kill leaves it
    vault.lock()
    Vault.unlock(vault_dir, PASSPHRASE).lock()
    assert not (vault_dir / "vault.db.rekey").exists()
