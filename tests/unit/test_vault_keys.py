"""Unlocking, wrong passphrases, recovery, key slot damage and device binding."""

from __future__ import annotations

import hashlib
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from app.crypto import kdf, recovery
from app.crypto.kdf import TEST_PARAMS
from app.errors import (
    DeviceSecretMissing,
    KeySlotsLost,
    RecoveryKeyTypo,
    TooSoon,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.vault import audit, keyslots
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name != "unlock-state.json"
    }


def _events(vault: Vault) -> list[str]:
    return [e.event for e in reversed(audit.events(vault.conn))]


def test_unlock_with_right_passphrase_shows_saved_data(vault: Vault, vault_dir: Path) -> None:
    vault.save_draft("journal:1", "journal", "Samtal om boende i ny kommun.")
    vault.lock()
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.load_draft("journal:1") == "Samtal om boende i ny kommun."
    assert reopened.profile() == PROFILE
    reopened.lock()


def test_wrong_passphrase_is_rejected_audited_and_changes_nothing(
    vault: Vault, vault_dir: Path, clock
) -> None:
    vault.save_draft("journal:1", "journal", "Text som inte får försvinna.")
    vault.lock()
    before = _digests(vault_dir)
    with pytest.raises(WrongPassphrase) as info:
        Vault.unlock(vault_dir, "fel lösenfras helt och hållet", clock=clock)
    assert "Fel lösenfras" in info.value.message
    assert "återställningsnyckeln" in info.value.message
    assert _digests(vault_dir) == before  # nothing wiped, nothing rewritten

    clock.advance(10)
    reopened = Vault.unlock(vault_dir, PASSPHRASE, clock=clock)
    events = _events(reopened)
    assert events[-3:] == ["locked", "unlock_failed", "unlocked"]
    assert reopened.load_draft("journal:1") == "Text som inte får försvinna."
    reopened.lock()


def test_delay_between_attempts_grows_and_is_enforced(vault: Vault, vault_dir: Path, clock) -> None:
    vault.lock()
    delays = []
    for _ in range(4):
        with pytest.raises(WrongPassphrase) as info:
            Vault.unlock(vault_dir, "nej", clock=clock)
        delays.append(info.value.retry_after)
        with pytest.raises(TooSoon):  # even the right passphrase must wait
            Vault.unlock(vault_dir, PASSPHRASE, clock=clock)
        clock.advance(info.value.retry_after)
    assert delays == [1.0, 2.0, 4.0, 8.0]
    Vault.unlock(vault_dir, PASSPHRASE, clock=clock).lock()
    with pytest.raises(WrongPassphrase) as info:  # a success resets the delay
        Vault.unlock(vault_dir, "nej", clock=clock)
    assert info.value.retry_after == 1.0


def test_missing_vault_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound) as info:
        Vault.unlock(tmp_path / "nowhere", PASSPHRASE)
    assert "nowhere" in info.value.message


def test_recovery_key_opens_vault_and_sets_new_passphrase(vault_with_recovery, vault_dir) -> None:
    vault, recovery_key = vault_with_recovery
    vault.save_draft("d", "journal", "kvar efter återställning")
    vault.lock()
    reopened = Vault.recover(vault_dir, recovery_key.lower(), "ett helt nytt lösenord för valvet")
    assert reopened.load_draft("d") == "kvar efter återställning"
    assert _events(reopened)[-3:] == ["unlocked", "recovery_used", "passphrase_changed"]
    reopened.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_mistyped_recovery_key_is_caught_before_any_kdf(
    vault_with_recovery, vault_dir, monkeypatch
) -> None:
    vault, recovery_key = vault_with_recovery
    vault.lock()
    calls = []
    monkeypatch.setattr(kdf, "argon2id_into", lambda *a: calls.append(a) or bytearray(32))
    swapped = recovery_key[:5] + ("X" if recovery_key[5] != "X" else "Y") + recovery_key[6:]
    with pytest.raises(RecoveryKeyTypo) as info:
        Vault.recover(vault_dir, swapped, "ett helt nytt lösenord för valvet")
    assert "felskriven" in info.value.message
    assert calls == []


def test_recovery_key_of_another_vault_is_refused(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    _raw, foreign = recovery.generate()
    with pytest.raises(WrongRecoveryKey):
        Vault.recover(vault_dir, foreign, "ett helt nytt lösenord för valvet")


@pytest.mark.parametrize("damage", ["garbage", "truncate", "delete", "flip"])
def test_damaged_key_slot_copy_is_repaired_from_the_other(vault, vault_dir, damage) -> None:
    vault.lock()
    primary = vault_dir / keyslots.PRIMARY
    good = primary.read_bytes()
    if damage == "garbage":
        primary.write_bytes(b"\x00not json")
    elif damage == "truncate":
        primary.write_bytes(good[: len(good) // 2])
    elif damage == "delete":
        primary.unlink()
    else:
        primary.write_bytes(good.replace(b'"wrapped": "', b'"wrapped": "A', 1))
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert primary.read_bytes() == (vault_dir / keyslots.BACKUP).read_bytes()
    assert "keyslots_repaired" in _events(reopened)
    reopened.lock()


def test_both_key_slot_copies_gone_explains_the_way_back(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    (vault_dir / keyslots.PRIMARY).unlink()
    (vault_dir / keyslots.BACKUP).write_bytes(b"")
    db_before = (vault_dir / "vault.db").read_bytes()
    with pytest.raises(KeySlotsLost) as info:
        Vault.unlock(vault_dir, PASSPHRASE)
    message = info.value.message
    assert "säkerhetskopia" in message and "återställningsnyckeln" in message
    # The advice keeps the data: only the key slots come from the backup, never --force.
    assert "utvag vault restore --keyslots-only" in message and "--force" not in message
    assert (vault_dir / "vault.db").read_bytes() == db_before


def test_keyring_binding_needs_the_device_secret(vault_dir: Path, memory_keyring) -> None:
    vault, recovery_key = Vault.create(vault_dir, PASSPHRASE, PROFILE, params=TEST_PARAMS)
    assert vault.binding_mode == "keyring"
    vault.lock()
    memory_keyring.store.clear()  # the vault folder copied to another computer
    with pytest.raises(DeviceSecretMissing) as info:
        Vault.unlock(vault_dir, PASSPHRASE)
    assert "återställningsnyckeln" in info.value.message
    rebound = Vault.recover(vault_dir, recovery_key, "ny lösenfras på den nya datorn")
    assert rebound.binding_mode == "keyring"
    rebound.lock()
    Vault.unlock(vault_dir, "ny lösenfras på den nya datorn").lock()


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (keyring.backends.fail.Keyring, "no-backend"),
        (keyring.backends.null.Keyring, "backend-stores-nothing"),
    ],
)
def test_without_a_working_keyring_the_vault_is_passphrase_only_and_says_so(
    vault_dir: Path, backend, reason
) -> None:
    keyring.set_keyring(backend())
    vault, _ = Vault.create(vault_dir, PASSPHRASE, PROFILE, params=TEST_PARAMS)
    assert (vault.binding_mode, vault.binding_reason) == ("passphrase-only", reason)
    created = audit.events(vault.conn)[-1]
    assert created.event == "vault_created" and created.details == {"binding": "passphrase-only"}
    assert "inte bundet" in " ".join(vault.check().warnings)
    vault.lock()
    Vault.unlock(vault_dir, PASSPHRASE).lock()


def test_change_passphrase_rewraps_without_touching_the_data(
    vault: Vault, vault_dir: Path, clock
) -> None:
    vault.save_draft("d", "journal", "oförändrad")
    vault.checkpoint()
    db_before = (vault_dir / "vault.db").read_bytes()
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("inte den gamla", "en ny lång lösenfras här")
    vault.change_passphrase(PASSPHRASE, "en ny lång lösenfras här")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE, clock=clock)
    clock.advance(60)  # past the delay after a failed attempt
    reopened = Vault.unlock(vault_dir, "en ny lång lösenfras här", clock=clock)
    assert reopened.load_draft("d") == "oförändrad"
    reopened.lock()
    assert len(db_before) > 0


def test_recovery_refuses_passphrase_only_when_policy_requires_binding(
    vault_with_recovery, vault_dir: Path
) -> None:
    from app import policy
    from app.errors import Refused

    vault, recovery_key = vault_with_recovery
    vault.lock()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a laptop without a keyring
    before = keyslots.read_copy(vault_dir / keyslots.PRIMARY)
    required = policy.Policy({"keyring_binding_required": True})
    with policy.scoped(required), pytest.raises(Refused):
        Vault.recover(vault_dir, recovery_key, "ny lösenfras på fel dator")
    after = keyslots.read_copy(vault_dir / keyslots.PRIMARY)
    assert (after.slots, after.binding) == (before.slots, before.binding)
