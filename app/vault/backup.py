"""Backups: one file holding the key slots and the (already SQLCipher-encrypted) database,
sealed again in 1 MiB AES-256-GCM chunks under a key derived from the data key, so a
truncated, reordered or altered backup is detected. Verified by reading back after
writing. Restore goes into a new folder and never overwrites a vault without ``force``.

File layout: ``MAGIC``, 4-byte header length, header JSON, then for each chunk a 4-byte
length and the GCM ciphertext (nonce = 8-byte prefix + 4-byte counter; the associated
data binds the header hash, the counter and whether the chunk is the last).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from app.clock import SYSTEM, Clock, stamp
from app.crypto import device, recovery, secret
from app.crypto.aead import Cipher
from app.crypto.kdf import hkdf_into
from app.errors import (
    DeviceSecretMissing,
    Refused,
    VaultCorrupt,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.fsutil import atomic_write, atomic_writer, make_private_dir
from app.i18n import N_
from app.vault import anchor, db, keychange, keyslots
from app.vault.vault import DB_FILE, Vault, is_vault

MAGIC = b"UTVAG-BACKUP-1\n"
CHUNK = 1024 * 1024
Progress = Callable[[float], None]


def _key(data_key: bytearray, prefix: bytes) -> bytearray:
    return hkdf_into(data_key, b"utvag backup v1", salt=prefix)


def _aad(header_hash: bytes, index: int, last: bool) -> bytes:
    return header_hash + struct.pack(">I?", index, last)


def _chunks(fh: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    index, done = 0, 0
    while True:
        block = fh.read(CHUNK)
        done += len(block)
        yield index, block, done >= size
        index += 1
        if done >= size:
            return


def create_backup(vault: Vault, out: Path, progress: Progress | None = None) -> None:
    """Write a verified backup of ``vault`` to ``out`` (atomically)."""
    out = Path(out)
    prefix = secrets.token_bytes(8)
    backup_key = _key(vault.key_buffer(), prefix)
    cipher = Cipher(backup_key)
    with vault.read() as conn:  # holds the vault lock: nothing writes meanwhile
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        db_path = vault.folder / DB_FILE
        size = db_path.stat().st_size
        header = {
            "format": 1,
            "vault_id": vault.vault_id,
            "created": stamp(vault.clock, "microseconds"),
            "db_size": size,
            "nonce_prefix": prefix.hex(),
            "keyslots": json.loads(vault.slots.encode()),
        }
        header_raw = json.dumps(header, sort_keys=True).encode()
        header_hash = hashlib.sha256(header_raw).digest()
        digest = hashlib.sha256()
        with atomic_writer(out) as dst, db_path.open("rb") as src:
            dst.write(MAGIC + struct.pack(">I", len(header_raw)) + header_raw)
            for index, block, last in _chunks(src, size):
                digest.update(block)
                sealed = cipher.seal(
                    prefix + struct.pack(">I", index), block, _aad(header_hash, index, last)
                )
                dst.write(struct.pack(">I", len(sealed)) + sealed)
                if progress:
                    progress(min(0.5, 0.5 * (index + 1) * CHUNK / max(size, 1)))
    read_back = hashlib.sha256(b"".join(_decrypt(out, vault.key_buffer(), progress)))
    secret.wipe(backup_key)
    if not secrets.compare_digest(read_back.digest(), digest.digest()):
        out.unlink(missing_ok=True)
        raise VaultCorrupt("säkerhetskopian kunde inte läsas tillbaka")
    vault.audit("backup_made", file=out.name, size=size)


@dataclass
class BackupHeader:
    raw: bytes
    fields: dict[str, Any]
    body_offset: int

    @property
    def slots(self) -> keyslots.SlotFile:
        return keyslots.SlotFile.decode(json.dumps(self.fields["keyslots"]).encode())


def read_header(path: Path) -> BackupHeader:
    try:
        with Path(path).open("rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                raise ValueError("magic")
            (length,) = struct.unpack(">I", fh.read(4))
            raw = fh.read(length)
            fields = json.loads(raw)
            return BackupHeader(raw, fields, len(MAGIC) + 4 + length)
    except (OSError, ValueError, struct.error) as exc:
        raise VaultCorrupt("filen är ingen läsbar säkerhetskopia från Utväg") from exc


def _decrypt(path: Path, data_key: bytearray, progress: Progress | None = None) -> Iterator[bytes]:
    header = read_header(path)
    prefix = bytes.fromhex(header.fields["nonce_prefix"])
    cipher = Cipher(_key(data_key, prefix))
    header_hash = hashlib.sha256(header.raw).digest()
    size = int(header.fields["db_size"])
    done, index = 0, 0
    with Path(path).open("rb") as fh:
        fh.seek(header.body_offset)
        while True:
            raw_len = fh.read(4)
            if len(raw_len) != 4:
                raise VaultCorrupt("säkerhetskopian är avkortad")
            sealed = fh.read(struct.unpack(">I", raw_len)[0])
            nonce = prefix + struct.pack(">I", index)
            block = cipher.open(nonce, sealed, _aad(header_hash, index, done + CHUNK >= size))
            if block is None:
                raise VaultCorrupt("säkerhetskopian är skadad eller ändrad")
            done += len(block)
            index += 1
            if progress:
                progress(0.5 + 0.5 * min(1.0, done / max(size, 1)))
            yield block
            if done >= size:
                if fh.read(1):
                    raise VaultCorrupt("säkerhetskopian har okänt innehåll i slutet")
                return


def unwrap_backup_key(
    header: BackupHeader, passphrase: str | None, recovery_key: str | None
) -> bytearray:
    sf = header.slots
    if recovery_key is not None:
        key = keyslots.open_recovery_slot(sf, recovery.parse(recovery_key))
        if key is None:
            raise WrongRecoveryKey()
        return key
    entry = keyslots.device_entry(sf)
    secret = device.load_secret(entry) if entry else None
    if entry and secret is None:
        raise DeviceSecretMissing()
    key = keyslots.open_passphrase_slot(sf, passphrase or "", secret)
    if key is None:
        raise WrongPassphrase()
    return key


def _file_stamp(clock: Clock) -> str:
    """``20261123T093000``: when, in a file name."""
    return clock.now().strftime("%Y%m%dT%H%M%S")


def move_aside(folder: Path, what: str = "fore-aterstallning", clock: Clock = SYSTEM) -> Path:
    """Rename ``folder`` to a sibling that says when and why; never delete it."""
    target = folder.with_name(f"{folder.name}.{what}-{_file_stamp(clock)}")
    with keychange.writes_to(folder.parent):
        folder.rename(target)
    return target


def restore_backup(
    src: Path,
    folder: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    new_passphrase: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    clock: Clock = SYSTEM,
) -> Vault:
    """Restore ``src`` into ``folder``; return the opened vault. With ``force`` an
    existing vault there is first moved aside (``vault.moved_aside``), never deleted."""
    folder = Path(folder)
    exists = folder.exists() and any(folder.iterdir())
    if (is_vault(folder) or (folder / keyslots.PRIMARY).exists()) and not force:
        raise VaultExists(path=str(folder))
    header = read_header(src)
    data_key = unwrap_backup_key(header, passphrase, recovery_key)
    content = b"".join(_decrypt(src, data_key, progress))
    aside = move_aside(folder, clock=clock) if exists and force else None
    make_private_dir(folder)
    with keychange.writes_to(folder):
        for stale in ("-wal", "-shm"):
            (folder / f"{DB_FILE}{stale}").unlink(missing_ok=True)
        atomic_write(folder / DB_FILE, content)
        sf = header.slots
        keyslots.save(folder, sf)
    vault = Vault._open(folder, data_key, sf, "restore", None, True, clock)
    vault.moved_aside = aside
    details = {"file": Path(src).name, "moved_aside": aside.name if aside else None}
    vault.audit("restored", backup_created=header.fields.get("created"), **details)
    anchor.accept(vault, "restore")  # this older state is wanted: say so, audited
    _finish_with_recovery(vault, recovery_key, new_passphrase)
    return vault


def _finish_with_recovery(vault: Vault, recovery_key: str | None, new: str | None) -> None:
    if recovery_key is not None and new:
        vault.audit("recovery_used")
        keychange.rewrap_passphrase(vault, new, strict=False)


def restore_keyslots(
    src: Path,
    folder: Path,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    new_passphrase: str | None = None,
    clock: Clock = SYSTEM,
) -> Vault:
    """Put only the backup's key slots beside the current database (whose own slot
    file is lost), keeping every entry written after the backup. Refused unless the
    backup's data key opens the current database; damaged slot copies are moved
    aside, never deleted."""
    folder = Path(folder)
    if not is_vault(folder):
        raise VaultNotFound(path=str(folder))
    header = read_header(src)
    data_key = unwrap_backup_key(header, passphrase, recovery_key)
    try:
        db.connect(folder / DB_FILE, data_key).close()
    except VaultCorrupt as exc:
        raise Refused(reason=KEY_MISMATCH) from exc
    when = _file_stamp(clock)
    sf = header.slots
    with keychange.writes_to(folder):
        for name in (keyslots.PRIMARY, keyslots.BACKUP):
            if (folder / name).exists():
                (folder / name).rename(folder / f"{name}.skadad-{when}")
        keyslots.save(folder, sf)
    vault = Vault._open(folder, data_key, sf, "restore", None, True, clock)
    vault.audit("keyslots_restored", backup_created=header.fields.get("created"))
    anchor.accept(vault, "restore-keyslots")
    _finish_with_recovery(vault, recovery_key, new_passphrase)
    return vault


KEY_MISMATCH = N_(
    "säkerhetskopians nyckel öppnar inte den nuvarande databasen (valvet har fått en ny "
    "nyckel sedan dess). Använd en nyare säkerhetskopia"
)
