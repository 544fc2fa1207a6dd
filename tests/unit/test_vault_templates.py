"""The per-test vaults are copies of one created per session (tests/templates.py): each
is a whole vault (it unlocks with the passphrase and the device secret, passes its
check, opens with the recovery key) and nothing written to it reaches another."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.store import Store
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE
from tests.templates import TEMPLATES


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.iterdir()))).hexdigest()


def _names(vault: Vault) -> list[str]:
    with vault.read() as conn:
        return [row[0] for row in conn.execute("SELECT display_name FROM persons")]


def test_a_copied_vault_is_a_whole_vault_that_unlocks(vault: Vault, vault_dir: Path) -> None:
    with vault.read() as conn:  # as Vault.create leaves it: created, never unlocked
        assert [row[0] for row in conn.execute("SELECT event FROM audit")] == ["vault_created"]
    assert vault.binding_mode == "keyring" and vault.profile() == PROFILE
    Store(vault).add_person("Alva", "Exempelsson")
    vault.lock()
    again = Vault.unlock(vault_dir, PASSPHRASE)  # the device secret came along
    try:
        assert again.verify_storage() == [] and again.rollback == []  # not an older copy
        assert _names(again) == ["Alva Exempelsson"]
    finally:
        again.lock()


def test_recovery_key_and_writes_stay_with_their_own_copy(
    vault_with_recovery: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, recovery_key = vault_with_recovery
    template = TEMPLATES._template(PROFILE)
    before = _digest(template.folder)
    Store(vault).add_person("Alva", "Exempelsson")
    vault.lock()
    recovered = Vault.recover(vault.folder, recovery_key, "en helt ny lösenfras för valvet")
    recovered.lock()
    assert _digest(template.folder) == before  # the template is never written
    other, _key = TEMPLATES.open_copy(tmp_path / "other", PROFILE)
    try:
        assert other.vault_id != vault.vault_id  # one test never holds two of one vault
        assert _names(other) == []
    finally:
        other.lock()
