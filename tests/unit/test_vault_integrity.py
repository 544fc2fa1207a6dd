"""Damage detection, backups, the audit chain and schema upgrades."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from app.cli import run
from app.cli_vault import reset_stdin
from app.errors import Refused, VaultCorrupt, WrongPassphrase
from app.vault import audit, migrate
from app.vault.backup import create_backup, restore_backup
from app.vault.db import DatabaseError
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, REPO


def _fill(vault: Vault, n: int = 300) -> None:
    rng = random.Random(7)
    words = "samtal hembesök polisen boende skola arbete hot trygghet plan stöd".split()
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(50, 200)))
        vault.save_draft(f"journal:{i}", "journal", text)


def _dump(vault: Vault) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    with vault.read() as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in sorted(tables):
            rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    return rows


def _cli(args: list[str], stdin: str, monkeypatch, capsys) -> tuple[int, str, str]:
    import io

    reset_stdin()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = run(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_flipped_byte_anywhere_in_the_database_is_reported(
    vault: Vault, vault_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    _fill(vault)
    vault.lock()
    original = (vault_dir / "vault.db").read_bytes()
    assert len(original) > 100_000
    rng = random.Random(42)
    offsets = [3, 20, 1000, 4096 + 17, len(original) // 2, len(original) - 1]
    offsets += [rng.randrange(len(original)) for _ in range(10)]
    for offset in offsets:
        damaged_dir = tmp_path / f"damaged-{offset}"
        shutil.copytree(vault_dir, damaged_dir)
        data = bytearray(original)
        data[offset] ^= 0x01
        (damaged_dir / "vault.db").write_bytes(bytes(data))
        with pytest.raises(VaultCorrupt) as info:
            Vault.unlock(damaged_dir, PASSPHRASE)
        assert "skadat" in info.value.message and "säkerhetskopia" in info.value.message
        code, _out, err = _cli(
            ["vault", "check", "--vault", str(damaged_dir)], PASSPHRASE, monkeypatch, capsys
        )
        assert code == 4, offset
        assert "Traceback" not in err and "skadat" in err
        assert (damaged_dir / "vault.db").read_bytes() == bytes(data)  # nothing "repaired" away


def test_check_passes_on_a_healthy_vault(
    vault: Vault, vault_dir: Path, monkeypatch, capsys
) -> None:
    _fill(vault, 20)
    vault.lock()
    code, out, _err = _cli(
        ["vault", "check", "--vault", str(vault_dir)], PASSPHRASE, monkeypatch, capsys
    )
    assert code == 0 and out.strip().endswith("ok")


def test_audit_chain_detects_an_edited_event(vault: Vault) -> None:
    vault.audit("case_opened", "AVH-1")
    with vault.transaction() as conn, pytest.raises(DatabaseError):
        conn.execute("UPDATE audit SET actor = 'någon annan'")
    assert audit.verify_chain(vault.conn) == []
    with vault.transaction() as conn:  # an attacker with the key who drops the guard
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET subject = 'AVH-2' WHERE event = 'case_opened'")
    problems = vault.check().problems
    assert any("ändrats" in p for p in problems)


def test_backup_and_restore_give_identical_content(vault: Vault, tmp_path: Path) -> None:
    _fill(vault, 200)
    out = tmp_path / "backup.utvag"
    create_backup(vault, out)
    expected = _dump(vault)
    restored = restore_backup(out, tmp_path / "restored", passphrase=PASSPHRASE)

    def content(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        # The audit trail and the rollback counter record the restore itself.
        return [r for r in rows if r[0] != "audit" and r[:2] != ("meta", "anchor_counter")]

    assert content(_dump(restored)) == content(expected)
    events = [e.event for e in audit.events(restored.conn, limit=3)]
    assert events == ["anchor_reset", "restored", "unlocked"]
    assert restored.check().ok
    restored.lock()


def test_restore_refuses_to_overwrite_an_existing_vault(
    vault: Vault, vault_dir: Path, tmp_path
) -> None:
    vault.save_draft("d", "journal", "befintligt")
    out = tmp_path / "backup.utvag"
    create_backup(vault, out)
    vault.save_draft("d", "journal", "nyare än säkerhetskopian")
    vault.lock()
    before = (vault_dir / "vault.db").read_bytes()
    with pytest.raises(Refused) as info:
        restore_backup(out, vault_dir, passphrase=PASSPHRASE)
    assert "--force" in info.value.message
    assert (vault_dir / "vault.db").read_bytes() == before
    forced = restore_backup(out, vault_dir, passphrase=PASSPHRASE, force=True)
    assert forced.load_draft("d") == "befintligt"
    forced.lock()


def test_damaged_or_truncated_backup_is_rejected(vault: Vault, tmp_path: Path) -> None:
    _fill(vault, 50)
    out = tmp_path / "backup.utvag"
    create_backup(vault, out)
    data = out.read_bytes()
    for name, bad in {
        "flipped": data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
        "truncated": data[: len(data) - 5000],
        "extended": data + b"extra",
    }.items():
        broken = tmp_path / f"{name}.utvag"
        broken.write_bytes(bad)
        with pytest.raises(VaultCorrupt):
            restore_backup(broken, tmp_path / f"target-{name}", passphrase=PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        restore_backup(out, tmp_path / "target-wrong", passphrase="inte rätt")


def test_cli_backup_restore_round_trip(
    vault: Vault, vault_dir, tmp_path, monkeypatch, capsys
) -> None:
    vault.save_draft("d", "journal", "via kommandoraden")
    vault.lock()
    out = tmp_path / "b.utvag"
    assert (
        _cli(
            ["vault", "backup", "--vault", str(vault_dir), "--out", str(out)],
            PASSPHRASE,
            monkeypatch,
            capsys,
        )[0]
        == 0
    )
    target = tmp_path / "new"
    assert (
        _cli(
            ["vault", "restore", "--from", str(out), "--vault", str(target)],
            PASSPHRASE,
            monkeypatch,
            capsys,
        )[0]
        == 0
    )
    assert (
        _cli(
            ["vault", "restore", "--from", str(out), "--vault", str(target)],
            PASSPHRASE,
            monkeypatch,
            capsys,
        )[0]
        == 5
    )
    reopened = Vault.unlock(target, PASSPHRASE)
    assert reopened.load_draft("d") == "via kommandoraden"
    reopened.lock()


def test_schema_1_fixture_vault_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(REPO / "tests" / "data" / "vault-v1", folder)
    vault = Vault.unlock(folder, "fixtur vault version ett")
    assert migrate.current_version(vault.conn) == migrate.latest_version()
    assert vault.load_draft("journal:AVH-2026-0001") == "Utkast som ska överleva uppgraderingen."
    row = vault.conn.execute("SELECT ref, status FROM cases").fetchone()
    assert tuple(row) == ("AVH-2026-0001", "active")
    if migrate.latest_version() > 1:
        assert (folder / "vault.db.pre-v2").exists()
        assert "migrated" in [e.event for e in audit.events(vault.conn)]
    assert vault.check().problems == []
    vault.lock()


def test_every_migration_is_one_module_with_matching_version() -> None:
    steps = migrate.steps()
    assert [s.VERSION for s in steps] == list(range(1, len(steps) + 1))
    for step in steps:
        assert step.__name__.split(".")[-1].startswith(f"m{step.VERSION:04d}_")


def test_background_verification_reports_damage_found_after_opening(
    vault: Vault, vault_dir: Path
) -> None:
    _fill(vault, 300)
    vault.lock()
    opened = Vault.unlock(vault_dir, PASSPHRASE, verify=False)  # the GUI's fast path
    assert opened.verify_storage() == []
    db_file = vault_dir / "vault.db"
    data = bytearray(db_file.read_bytes())
    data[len(data) // 2] ^= 0x40  # damage lands while the vault is open
    db_file.write_bytes(bytes(data))
    assert opened.verify_storage() != []
    opened.lock()


def test_vault_files_are_private(vault: Vault, vault_dir: Path) -> None:
    vault.checkpoint()
    for name in ("vault.db", "keyslots.json", "keyslots.bak.json"):
        assert (vault_dir / name).stat().st_mode & 0o077 == 0, name
    assert vault_dir.stat().st_mode & 0o077 == 0
