"""Re-keying, for "the old passphrase (or recovery key) may be known": a new random data
key, so that no old slot file (every backup carries one) together with an old secret
opens anything written from now on.

Order (each step leaves a vault that the old or the new secret opens):

1. copy ``vault.db`` (checkpointed, under the vault lock so nothing writes) to
   ``vault.db.rekey`` and re-encrypt the copy with ``PRAGMA rekey``; verify every page;
2. a new device secret under a new keyring entry; a new recovery key;
3. save both slot copies holding the new key *and*, in ``before_rekey``, the same new
   secrets wrapping the old key: from here the new secrets open either database;
4. close, rename the copy over ``vault.db`` (atomic), reopen with the new key;
5. save the slot copies without ``before_rekey``; retire the old keyring entry.

An unlock that finds ``before_rekey`` keeps whichever key opens the database and drops
the other (``keychange.finish_rekey``). The recovery key cannot be re-wrapped without
being typed in, so every re-key issues a new one (shown once, like at creation).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.crypto import device, recovery, secret
from app.crypto.kdf import default_params
from app.errors import VaultCorrupt, WrongPassphrase
from app.fsutil import atomic_writer
from app.vault import anchor, db, keychange, keyslots
from app.vault.location import DB_FILE

if TYPE_CHECKING:
    from app.vault.vault import Vault

Progress = Callable[[float], None]
CHUNK = 4 * 1024 * 1024
log = logging.getLogger(__name__)


def rotate_keys(
    vault: Vault, current: str, new_passphrase: str | None = None, progress: Progress | None = None
) -> str:
    """Re-key ``vault``; the passphrase becomes ``new_passphrase`` (or stays). Return the
    new recovery key (the old one stops working)."""
    entry = keyslots.device_entry(vault.slots)
    secret = device.load_secret(entry) if entry else None
    if keyslots.open_passphrase_slot(vault.slots, current, secret) is None:
        raise WrongPassphrase()
    with vault.exclusive():
        return _rekey(vault, new_passphrase or current, progress or (lambda _f: None))


def _rekey(vault: Vault, passphrase: str, progress: Progress) -> str:
    folder = vault.folder
    copy = folder / keychange.REKEY_COPY
    new_key = secret.random_key()
    try:
        with keychange.writes_to(folder):
            vault.checkpoint()
            _copy(folder / DB_FILE, copy, progress)
            _rekey_copy(copy, vault.key_buffer(), new_key)
        progress(0.8)
        text, both = _save_both_keys(vault, passphrase, new_key)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    progress(0.9)
    old_entry = keyslots.device_entry(vault.slots)
    vault.swap_database(copy, new_key)
    final = replace(both, before_rekey={})
    try:
        keyslots.save(folder, final)
    except OSError as exc:  # the next unlock finishes it (keychange.finish_rekey)
        log.warning("slot file after re-key not saved: %s", type(exc).__name__)
    vault.slots = final
    keychange.retire_unused(folder, {old_entry})
    vault.audit("keys_rotated", binding=final.binding["mode"])
    anchor.advance(vault)  # the anchors' MAC is under the data key: re-sign them
    secret.wipe(new_key)
    progress(1.0)
    return text


def _copy(src: Path, dst: Path, progress: Progress) -> None:
    size = max(src.stat().st_size, 1)
    done = 0
    with atomic_writer(dst) as out, src.open("rb") as inp:
        while block := inp.read(CHUNK):
            out.write(block)
            done += len(block)
            progress(0.6 * done / size)


def _rekey_copy(copy: Path, old_key: bytearray, new_key: bytearray) -> None:
    conn = db.connect(copy, old_key)
    try:
        db.rekey(conn, new_key)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    check = db.connect(copy, new_key)
    try:
        problems = db.cipher_problems(check)
    finally:
        check.close()
    if problems:
        raise VaultCorrupt("den omkrypterade kopian kunde inte kontrolleras")
    fd = os.open(copy, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _save_both_keys(
    vault: Vault, passphrase: str, new_key: bytearray
) -> tuple[str, keyslots.SlotFile]:
    """Step 2 and 3: new secrets, each wrapping the new key and (until the swap) the old."""
    raw, text = recovery.generate()
    binding, entry = keychange.new_binding(vault, strict=True)
    sf = vault.slots.copy()
    old_key = vault.key_buffer()
    try:
        sf.binding = keychange.binding_record(binding)
        secret = binding.secret if binding else None
        keyslots.make_passphrase_slot(
            sf, new_key, passphrase, default_params(), secret, entry or "", before_rekey=old_key
        )
        keyslots.make_recovery_slot(sf, new_key, raw, before_rekey=old_key)
        with keychange.writes_to(vault.folder):
            keyslots.save(vault.folder, sf)
    except BaseException:
        keychange.forget(vault.folder, binding, entry)
        raise
    return text, sf
