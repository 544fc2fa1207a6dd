"""The rollback anchor: an older vault.db, or one whose newest audit rows were cut
off, is reported at unlock and by ``vault check``; a legitimate restore re-bases the
anchor explicitly (audited)."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from app.crypto.kdf import TEST_PARAMS
from app.vault import audit, db
from app.vault.backup import create_backup, restore_backup
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE
from tests.unit.test_vault_integrity import _cli
from tests.unit.test_vault_repair import _rewrite


def _events(vault: Vault) -> list[str]:
    return [e.event for e in audit.events(vault.conn, limit=50)]


def _older_copy_put_back(vault: Vault, vault_dir: Path, tmp_path: Path) -> None:
    """Lock, keep a copy of vault.db, work on, lock again and put the copy back: what
    someone with access to the folder (and the old file) can do."""
    vault.save_draft("d", "journal", "första versionen")
    vault.lock()
    shutil.copy(vault_dir / "vault.db", tmp_path / "old.db")
    newer = Vault.unlock(vault_dir, PASSPHRASE)
    newer.save_draft("d", "journal", "senare text som inte får försvinna i tysthet")
    newer.lock()
    shutil.copy(tmp_path / "old.db", vault_dir / "vault.db")


def test_older_database_put_back_is_reported_until_accepted(
    vault: Vault, vault_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    _older_copy_put_back(vault, vault_dir, tmp_path)
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.rollback and reopened.rollback[0].seen > reopened.rollback[0].found
    assert "rollback_detected" in _events(reopened)
    reopened.lock()  # locking does not wipe the evidence
    code, out, err = _cli(["vault", "check", "--vault", str(vault_dir)], PASSPHRASE,
                          monkeypatch, capsys)  # fmt: skip
    assert code == 4 and "äldre" in err and "äldre än det som den här datorn" in out
    code, out, err = _cli(["vault", "anchor", "--accept", "--vault", str(vault_dir)],
                          PASSPHRASE, monkeypatch, capsys)  # fmt: skip
    assert code == 0 and "rollback: accepted" in out
    accepted = Vault.unlock(vault_dir, PASSPHRASE)
    assert accepted.rollback == [] and "anchor_reset" in _events(accepted)
    assert accepted.check().ok
    accepted.lock()


def test_cut_off_audit_rows_are_reported_by_check(vault: Vault, vault_dir: Path) -> None:
    for n in range(5):
        vault.audit("case_opened", f"AVH-{n}")
    key = vault.data_key()
    vault.lock()
    # Someone with the key drops the guard, removes the newest rows, puts the guard back.
    conn = db.connect(vault_dir / "vault.db", key)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE id > (SELECT max(id) - 4 FROM audit)")
    conn.execute(
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
        " BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END"
    )
    assert audit.verify_chain(conn) == []  # the links alone do not show it
    conn.close()
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    report = reopened.check()
    assert not report.ok and report.problems == []  # not damage: no restore advised
    assert any("granskningsloggen slutar" in p for p in report.rollback), report
    reopened.lock()


def test_without_a_keyring_the_slot_file_still_anchors(vault_dir: Path, tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    vault, _ = Vault.create(vault_dir, PASSPHRASE, PROFILE, params=TEST_PARAMS)
    assert vault.binding_mode == "passphrase-only"
    _older_copy_put_back(vault, vault_dir, tmp_path)
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert [f.where for f in reopened.rollback] == ["keyslots"]
    reopened.lock()


def test_edited_anchor_in_the_slot_file_does_not_hide_a_rollback(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    _older_copy_put_back(vault, vault_dir, tmp_path)
    for name in ("keyslots.json", "keyslots.bak.json"):  # valid checksums, counter lowered
        _rewrite(vault_dir / name, lambda b: b["anchor"].update(counter=0), 0)
    reopened = Vault.unlock(vault_dir, PASSPHRASE)  # the keyring copy still knows
    assert [f.where for f in reopened.rollback] == ["keyring"]
    reopened.lock()


def test_restoring_an_older_backup_rebases_the_anchor_audited(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    vault.lock()
    for _ in range(3):  # the vault moves on after the backup
        Vault.unlock(vault_dir, PASSPHRASE).lock()
    restored = restore_backup(backup, vault_dir, passphrase=PASSPHRASE, force=True)
    events = _events(restored)
    assert restored.rollback == [] and "anchor_reset" in events
    restored.lock()
    again = Vault.unlock(vault_dir, PASSPHRASE)
    assert again.rollback == [] and again.check().ok
    again.lock()


@pytest.mark.parametrize("cycles", [1, 4])
def test_ordinary_use_never_reports_a_rollback(vault: Vault, vault_dir: Path, cycles) -> None:
    vault.lock()
    for _ in range(cycles):
        opened = Vault.unlock(vault_dir, PASSPHRASE)
        assert opened.rollback == []
        opened.save_draft("d", "journal", "vanligt arbete")
        opened.lock()
    assert Vault.unlock(vault_dir, PASSPHRASE).check().ok
