"""Repair never makes things worse: a slot copy is trusted only once its contents
validate, restores keep what they replace, and a read-only folder is not "damage"."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import KeySlotsLost, VaultNotWritable
from app.vault import audit, keyslots
from app.vault.backup import create_backup, restore_backup
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_vault_integrity import _cli


def _rewrite(path: Path, edit, generation_bump: int = 5) -> None:
    """Edit a slot copy and give it a *valid* checksum and a higher generation, so only
    its contents can tell that it is bad."""
    body = json.loads(path.read_bytes())["body"]
    edit(body)
    body["generation"] += generation_bump
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    doc = {"body": body, "sha256": hashlib.sha256(canonical).hexdigest()}
    path.write_bytes(json.dumps(doc).encode())


BAD_CONTENTS = {
    "no passphrase slot": lambda b: b["slots"].pop("passphrase"),
    "short salt": lambda b: b["slots"]["passphrase"].update(salt="AAAA"),
    "absurd argon2 memory": lambda b: b["slots"]["passphrase"]["kdf"].update(memory_kib=2**40),
    "argon2 time as text": lambda b: b["slots"]["passphrase"]["kdf"].update(time_cost="3"),
    "recovery slot not a dict": lambda b: b["slots"].update(recovery=[]),
    "unknown binding": lambda b: b["binding"].update(mode="cloud"),
}


@pytest.mark.parametrize("damage", list(BAD_CONTENTS))
def test_valid_checksum_with_bad_contents_never_replaces_the_good_copy(
    vault: Vault, vault_dir: Path, damage: str
) -> None:
    vault.save_draft("d", "journal", "finns kvar")
    vault.lock()
    good = (vault_dir / keyslots.BACKUP).read_bytes()
    _rewrite(vault_dir / keyslots.PRIMARY, BAD_CONTENTS[damage])
    keyslots.load(vault_dir)  # what the unlock window reads: it writes nothing
    assert (vault_dir / keyslots.BACKUP).read_bytes() == good
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.load_draft("d") == "finns kvar"
    assert "keyslots_repaired" in [e.event for e in audit.events(reopened.conn)]
    reopened.lock()
    primary = keyslots.read_copy(vault_dir / keyslots.PRIMARY)  # repaired: it validates
    assert primary.slots == keyslots.read_copy(vault_dir / keyslots.BACKUP).slots


def test_both_copies_with_bad_contents_are_reported_not_a_traceback(
    vault: Vault, vault_dir: Path, monkeypatch, capsys
) -> None:
    vault.lock()
    for name in (keyslots.PRIMARY, keyslots.BACKUP):
        _rewrite(vault_dir / name, BAD_CONTENTS["no passphrase slot"])
    with pytest.raises(KeySlotsLost):
        Vault.unlock(vault_dir, PASSPHRASE)
    code, _out, err = _cli(["vault", "check", "--vault", str(vault_dir)], PASSPHRASE,
                           monkeypatch, capsys)  # fmt: skip
    assert code == 4 and "Traceback" not in err and "--keyslots-only" in err


def test_keyslots_only_restore_keeps_entries_written_after_the_backup(
    vault: Vault, vault_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    vault.save_draft("före", "journal", "skrivet före säkerhetskopian")
    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    vault.save_draft("efter", "journal", "skrivet efter säkerhetskopian")
    vault.lock()
    (vault_dir / keyslots.PRIMARY).unlink()
    (vault_dir / keyslots.BACKUP).unlink()
    code, _out, err = _cli(
        ["vault", "restore", "--keyslots-only", "--from", str(backup), "--vault", str(vault_dir)],
        PASSPHRASE, monkeypatch, capsys,
    )  # fmt: skip
    assert code == 0, err
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.load_draft("efter") == "skrivet efter säkerhetskopian"
    assert reopened.load_draft("före") == "skrivet före säkerhetskopian"
    assert "keyslots_restored" in [e.event for e in audit.events(reopened.conn)]
    assert reopened.check().ok
    reopened.lock()


def test_keyslots_only_restore_moves_damaged_copies_aside(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    from app.vault.backup import restore_keyslots

    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    vault.lock()
    for name in (keyslots.PRIMARY, keyslots.BACKUP):
        (vault_dir / name).write_bytes(b"trasig")
    restore_keyslots(backup, vault_dir, passphrase=PASSPHRASE).lock()
    kept = sorted(p.read_bytes() for p in vault_dir.glob("keyslots*.json.skadad-*"))
    assert kept == [b"trasig", b"trasig"]


def test_forced_restore_moves_the_current_vault_aside(
    vault: Vault, vault_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    vault.save_draft("d", "journal", "i säkerhetskopian")
    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    vault.save_draft("d", "journal", "nyare än säkerhetskopian")
    vault.lock()
    code, out, err = _cli(
        ["vault", "restore", "--force", "--from", str(backup), "--vault", str(vault_dir)],
        PASSPHRASE, monkeypatch, capsys,
    )  # fmt: skip
    assert code == 0, err
    aside = Path(next(line for line in out.splitlines() if line.startswith("moved-aside:"))[13:])
    assert aside.parent == vault_dir.parent and aside != vault_dir
    restored = Vault.unlock(vault_dir, PASSPHRASE)
    assert restored.load_draft("d") == "i säkerhetskopian"
    restored.lock()
    old = Vault.unlock(aside, PASSPHRASE)  # nothing was deleted: the newer text is there
    assert old.load_draft("d") == "nyare än säkerhetskopian"
    old.lock()


def test_forced_restore_in_the_library_reports_where_the_old_vault_went(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "b.utvagbak"
    create_backup(vault, backup)
    vault.lock()
    restored = restore_backup(backup, vault_dir, passphrase=PASSPHRASE, force=True)
    assert restored.moved_aside is not None and (restored.moved_aside / "vault.db").exists()
    restored.lock()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable for this process: permissions, and for root (whom
    permissions do not stop) the immutable attribute."""
    mode = folder.stat().st_mode
    os.chmod(folder, 0o500)
    immutable = os.geteuid() == 0
    if immutable:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            os.chmod(folder, mode)
            pytest.skip("running as root without chattr: cannot make a folder read-only")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        os.chmod(folder, mode)


def test_read_only_folder_has_its_own_message_and_exit_code(
    vault: Vault, vault_dir: Path, monkeypatch, capsys
) -> None:
    vault.save_draft("d", "journal", "orört")
    vault.lock()
    before = {p.name: p.read_bytes() for p in vault_dir.iterdir()}
    with read_only(vault_dir):
        with pytest.raises(VaultNotWritable) as info:
            Vault.unlock(vault_dir, PASSPHRASE)
        message = info.value.message
        for command in ("check", "passwd"):
            code, _out, err = _cli(["vault", command, "--vault", str(vault_dir)],
                                   f"{PASSPHRASE}\nen annan lång lösenfras\n",
                                   monkeypatch, capsys)  # fmt: skip
            assert code == 6, (command, err)
            assert "går inte att skriva" in err and "Återställ" not in err
    assert "inte skadat" in message and "Återställ" not in message and "skrivskydd" in message
    assert {p.name: p.read_bytes() for p in vault_dir.iterdir()} == before
    Vault.unlock(vault_dir, PASSPHRASE).lock()  # writable again: opens as before
