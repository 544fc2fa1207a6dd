"""Changes of key material, ordered so that at every instant the old or the new secret
opens the vault (a failure or a kill at any step locks nobody out):

1. a new device secret goes into a **new** keyring entry (the old entry stays);
2. the primary slot copy is written (temp file, fsync, rename, fsync of the folder);
3. the backup copy likewise;
4. only then is the old keyring entry retired.

Until step 2 the old slots and the old entry are untouched. Between 2 and 3 the two
copies differ: unlocking tries every valid copy (newest first), so the old passphrase
opens the old copy and the new one the new copy; whichever opens is then written to both
copies (``settle``) and the entry the other copy named is retired.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app import policy
from app.crypto import device
from app.crypto.kdf import default_params
from app.crypto.secret import wipe
from app.errors import DeviceSecretMissing, KeyringUnavailable, VaultCorrupt, VaultNotWritable
from app.vault import keyslots
from app.vault.location import DB_FILE, describe_os_error

if TYPE_CHECKING:
    from app.vault.vault import Vault

log = logging.getLogger(__name__)


@contextlib.contextmanager
def writes_to(folder: Path) -> Iterator[None]:
    """A failed write (read-only folder, full disk, no rights) is its own error, never
    "damaged"."""
    try:
        yield
    except OSError as exc:
        raise VaultNotWritable(str(folder), describe_os_error(exc)) from exc


def open_with_passphrase(
    folder: Path, loaded: keyslots.LoadResult, passphrase: str
) -> tuple[keyslots.SlotFile, bytearray] | None:
    """The first valid copy the passphrase opens, with its data key."""
    missing = 0
    for sf in loaded.candidates:
        entry = keyslots.device_entry(sf)
        secret = device.load_secret(entry) if entry else None
        if entry and secret is None:
            missing += 1
            continue
        key = keyslots.open_passphrase_slot(sf, passphrase, secret)
        if key is not None:
            before = keyslots.previous_keys(sf)
            if before is None:
                return sf, key
            old = keyslots.open_passphrase_slot(before, passphrase, secret)
            return finish_rekey(folder, sf, key, old)
    if missing == len(loaded.candidates):
        raise DeviceSecretMissing()
    return None


def open_with_recovery(
    folder: Path, loaded: keyslots.LoadResult, raw: bytes
) -> tuple[keyslots.SlotFile, bytearray] | None:
    for sf in loaded.candidates:
        key = keyslots.open_recovery_slot(sf, raw)
        if key is not None:
            before = keyslots.previous_keys(sf)
            if before is None:
                return sf, key
            return finish_rekey(folder, sf, key, keyslots.open_recovery_slot(before, raw))
    return None


REKEY_COPY = "vault.db.rekey"


def finish_rekey(
    folder: Path, sf: keyslots.SlotFile, new: bytearray, old: bytearray | None
) -> tuple[keyslots.SlotFile, bytearray]:
    """A re-key was interrupted after the slots for both keys were saved: keep whichever
    key opens the database now and drop the other (``app.vault.rotate``)."""
    from app.vault import db

    try:
        db.connect(folder / DB_FILE, new).close()
        final, key, unused = replace(sf, before_rekey={}), new, old
    except VaultCorrupt:
        before = keyslots.previous_keys(sf)
        if old is None or before is None:
            raise
        final, key, unused = before, old, new  # the swap never happened: the old key stays
    wipe(unused)
    with writes_to(folder):
        keyslots.save(folder, final)
        (folder / REKEY_COPY).unlink(missing_ok=True)
    return final, key


def _entries_on_disk(folder: Path) -> set[str] | None:
    """Keyring entries the slot copies on disk name; ``None`` if a copy cannot be read
    (then nothing may be retired)."""
    names: set[str] = set()
    for name in (keyslots.PRIMARY, keyslots.BACKUP):
        path = folder / name
        if not path.exists():
            continue
        try:
            entry = keyslots.device_entry(keyslots.read_copy(path))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if entry:
            names.add(entry)
    return names


def retire_unused(folder: Path, entries: set[str | None]) -> None:
    """Delete the keyring entries in ``entries`` that no slot copy on disk names."""
    in_use = _entries_on_disk(folder)
    if in_use is None:
        return
    for entry in entries - in_use:
        if entry:
            device.delete_secret(entry)


def new_binding(vault: Vault, *, strict: bool) -> tuple[device.Binding | None, str | None]:
    """Step 1: a new device secret under a new keyring entry (when the vault is bound
    or was meant to be); with ``strict`` a bound vault refuses to fall back to
    passphrase-only when the keyring cannot store it (``vault passwd``, rotation);
    recovery on another computer may. The organisation's policy is obeyed too."""
    entry = None
    if vault.binding_mode == "keyring" or vault.binding_reason != "disabled":
        entry = device.new_entry(vault.vault_id)
    binding = device.create_secret(entry) if entry else None
    mode = "keyring" if binding and binding.bound else "passphrase-only"
    try:
        if strict and vault.binding_mode == "keyring" and mode != "keyring":
            raise KeyringUnavailable()
        policy.require_binding(mode, binding.reason if binding else "disabled")
    except BaseException:
        forget(vault.folder, binding, entry)
        raise
    return binding, entry if binding and binding.bound else None


def binding_record(binding: device.Binding | None) -> dict[str, str]:
    return {
        "mode": "keyring" if binding and binding.bound else "passphrase-only",
        "reason": binding.reason if binding else "disabled",
        "backend": binding.backend if binding else "",
    }


def forget(folder: Path, binding: device.Binding | None, entry: str | None) -> None:
    """After a failed change: retire the new entry unless a slot copy on disk names it."""
    if binding and binding.bound:
        retire_unused(folder, {entry})


def rewrap_passphrase(vault: Vault, new: str, *, strict: bool) -> None:
    """Give ``vault`` a new passphrase slot (and a new device secret when bound)."""
    sf = vault.slots.copy()
    old_entry = keyslots.device_entry(sf)
    binding, entry = new_binding(vault, strict=strict)
    try:
        sf.binding = binding_record(binding)
        secret = binding.secret if binding else None
        keyslots.make_passphrase_slot(
            sf, vault.key_buffer(), new, default_params(), secret, entry or ""
        )
        with writes_to(vault.folder):
            keyslots.save(vault.folder, sf)
    except BaseException:
        forget(vault.folder, binding, entry)
        raise
    vault.slots = sf
    retire_unused(vault.folder, {old_entry})
    vault.audit("passphrase_changed", binding=sf.binding["mode"])


def settle(vault: Vault, opened: keyslots.SlotFile, loaded: keyslots.LoadResult) -> None:
    """After unlocking: repair a damaged or missing copy, or make the two copies of an
    interrupted key change equal to the one that opened, and retire the keyring entry
    only the other copy named. A read-only folder leaves the copies as they are."""
    others = {keyslots.device_entry(c) for c in loaded.candidates if c is not opened}
    try:
        with writes_to(vault.folder):
            repaired = keyslots.settle(vault.folder, opened, loaded)
    except VaultNotWritable as exc:
        log.warning("key slot copies not repaired: %s", exc.params.get("detail"))
        vault.audit("keyslots_repair_failed", files=loaded.damaged)
        return
    if repaired:
        retire_unused(vault.folder, others)
        vault.audit("keyslots_repaired", files=loaded.damaged or repaired)
