"""Key slots: the random data key wrapped with AES-256-GCM, like LUKS.

The slot file is JSON ``{"body": {...}, "sha256": ...}`` written atomically and kept
twice (``keyslots.json`` and ``keyslots.bak.json``); a copy whose checksum fails is
repaired from the other. The associated data of each wrap binds the vault id, the slot
id, the format version and whether the device secret is mixed in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.crypto import secret
from app.errors import KeySlotsLost
from app.fsutil import atomic_write

if TYPE_CHECKING:
    from app.crypto.kdf import Argon2Params

# The crypto libraries are imported inside the functions that use them: reading the
# slot file (the unlock window shows the device-binding state) must not wait for them.

FORMAT = 1
PRIMARY = "keyslots.json"
BACKUP = "keyslots.bak.json"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


@dataclass
class SlotFile:
    vault_id: str
    created: str
    binding: dict[str, str]
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    generation: int = 0
    #: The rollback anchor (vault counter, audit head, MAC under the data key).
    anchor: dict[str, Any] = field(default_factory=dict)
    #: Only while a re-key is under way: the same secrets wrapping the old data key.
    before_rekey: dict[str, dict[str, Any]] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        body = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "created": self.created,
            "binding": self.binding,
            "generation": self.generation,
            "slots": self.slots,
        }
        if self.anchor:
            body["anchor"] = self.anchor
        if self.before_rekey:
            body["before_rekey"] = self.before_rekey
        return body

    def copy(self) -> SlotFile:
        return SlotFile.decode(self.encode())

    def encode(self) -> bytes:
        body = self.body()
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        doc = {"body": body, "sha256": hashlib.sha256(canonical).hexdigest()}
        return json.dumps(doc, indent=1, sort_keys=True).encode()

    @classmethod
    def decode(cls, raw: bytes) -> SlotFile:
        """Parse one copy; raise ``ValueError`` if it is damaged in any way."""
        doc = json.loads(raw)
        body = doc["body"]
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        if not secrets.compare_digest(hashlib.sha256(canonical).hexdigest(), doc["sha256"]):
            raise ValueError("checksum")
        if body["format"] != FORMAT:
            raise ValueError("format")
        return cls(
            vault_id=str(body["vault_id"]),
            created=str(body["created"]),
            binding=dict(body["binding"]),
            slots=dict(body["slots"]),
            generation=int(body["generation"]),
            anchor=dict(body.get("anchor", {})),
            before_rekey=dict(body.get("before_rekey", {})),
        )


def _aad(vault_id: str, slot_id: str, device: bool) -> bytes:
    return f"utvag-keyslot|{FORMAT}|{vault_id}|{slot_id}|device={int(device)}".encode()


def passphrase_kek(
    passphrase: str, salt: bytes, params: Argon2Params, device_secret: bytes | None
) -> bytearray:
    """Every intermediate (the passphrase's bytes, the Argon2 output, the HKDF input)
    lives in a buffer that is wiped here; the caller wipes the result."""
    from app.crypto.kdf import argon2id_into, hkdf_into

    pw = secret.utf8(passphrase)
    try:
        stretched = argon2id_into(pw, salt, params)
    finally:
        secret.wipe(pw)
    device = device_secret or b""
    ikm = bytearray(len(stretched) + len(device))
    ikm[: len(stretched)] = stretched
    ikm[len(stretched) :] = device
    secret.wipe(stretched)
    try:
        return hkdf_into(ikm, b"utvag passphrase slot v1", salt=salt)
    finally:
        secret.wipe(ikm)


def recovery_kek(recovery_raw: bytes, salt: bytes) -> bytearray:
    from app.crypto.kdf import hkdf_into

    return hkdf_into(recovery_raw, b"utvag recovery slot v1", salt=salt)


def wrap(kek: bytearray, data_key: bytes | bytearray, aad: bytes) -> dict[str, str]:
    from app.crypto import aead  # cryptography loads only when a key is wrapped

    nonce = aead.new_nonce()
    return {"nonce": _b64(nonce), "wrapped": _b64(aead.Cipher(kek).seal(nonce, data_key, aad))}


def unwrap(kek: bytearray, slot: dict[str, Any], aad: bytes) -> bytearray | None:
    """The data key, decrypted straight into a buffer the caller owns (and wipes)."""
    from app.crypto import aead

    out = bytearray(32)
    try:
        sealed = _unb64(slot["wrapped"])
        if len(sealed) != len(out) + aead.TAG_BYTES:
            return None
        if not aead.Cipher(kek).open_into(_unb64(slot["nonce"]), sealed, aad, out):
            secret.wipe(out)
            return None
    except (KeyError, ValueError):
        secret.wipe(out)
        return None
    finally:
        secret.wipe(kek)
    return out


def make_passphrase_slot(
    sf: SlotFile,
    data_key: bytes | bytearray,
    passphrase: str,
    params: Argon2Params,
    device_secret: bytes | None,
    device_entry: str = "",
    before_rekey: bytes | bytearray | None = None,
) -> None:
    """The passphrase slot; with ``before_rekey`` also the same secret's wrap of the
    database's previous key (the window of a re-key, see ``app.vault.rotate``)."""
    salt = secrets.token_bytes(16)
    kek = passphrase_kek(passphrase, salt, params, device_secret)
    device = device_secret is not None
    slot: dict[str, Any] = {"kdf": params.to_json(), "salt": _b64(salt), "device": device}
    if device and device_entry:
        slot["device_entry"] = device_entry
    aad = _aad(sf.vault_id, "passphrase", device)
    sf.slots["passphrase"] = {**slot, **wrap(kek, data_key, aad)}
    if before_rekey is not None:
        sf.before_rekey["passphrase"] = {**slot, **wrap(kek, before_rekey, aad)}
    secret.wipe(kek)


def make_recovery_slot(
    sf: SlotFile,
    data_key: bytes | bytearray,
    recovery_raw: bytes,
    before_rekey: bytes | bytearray | None = None,
) -> None:
    salt = secrets.token_bytes(16)
    kek = recovery_kek(recovery_raw, salt)
    aad = _aad(sf.vault_id, "recovery", False)
    sf.slots["recovery"] = {"salt": _b64(salt), **wrap(kek, data_key, aad)}
    if before_rekey is not None:
        sf.before_rekey["recovery"] = {"salt": _b64(salt), **wrap(kek, before_rekey, aad)}
    secret.wipe(kek)


def previous_keys(sf: SlotFile) -> SlotFile | None:
    """During a re-key: the slots that open the database as it was before the swap."""
    if not sf.before_rekey:
        return None
    return replace(sf, slots=dict(sf.before_rekey), before_rekey={})


def device_entry(sf: SlotFile) -> str | None:
    """The keyring entry holding the device secret of the passphrase slot (``None`` for
    a passphrase-only slot; vaults made before entries were renamed use the vault id)."""
    slot = sf.slots["passphrase"]
    if not slot["device"]:
        return None
    return str(slot.get("device_entry") or sf.vault_id)


def open_passphrase_slot(
    sf: SlotFile, passphrase: str, device_secret: bytes | None
) -> bytearray | None:
    from app.crypto.kdf import Argon2Params

    slot = sf.slots["passphrase"]
    params = Argon2Params.from_json(slot["kdf"])
    device = bool(slot["device"])
    kek = passphrase_kek(
        passphrase, _unb64(slot["salt"]), params, device_secret if device else None
    )
    return unwrap(kek, slot, _aad(sf.vault_id, "passphrase", device))


def open_recovery_slot(sf: SlotFile, recovery_raw: bytes) -> bytearray | None:
    slot = sf.slots["recovery"]
    kek = recovery_kek(recovery_raw, _unb64(slot["salt"]))
    return unwrap(kek, slot, _aad(sf.vault_id, "recovery", False))


def save(folder: Path, sf: SlotFile) -> None:
    """Write both copies durably, the primary first (each atomically: temp file, fsync,
    rename, fsync of the folder). ``sf.generation`` only moves on once both are saved,
    so a failed save leaves the caller's copy describing what is on disk."""
    nxt = replace(sf, generation=sf.generation + 1)
    data = nxt.encode()
    atomic_write(folder / PRIMARY, data)
    atomic_write(folder / BACKUP, data)
    sf.generation = nxt.generation


# ------------------------------------------------------------------- validation
#: Bounds for stored Argon2 parameters: a slot file outside them is damaged, not a
#: reason to allocate 4 TiB or loop for an hour.
KDF_BOUNDS = {
    "time_cost": (1, 64),
    "memory_kib": (8 * 1024, 4 * 1024 * 1024),
    "parallelism": (1, 64),
}
MODES = ("keyring", "passphrase-only")


def _check_b64(slot: dict[str, Any], name: str, length: int) -> None:
    if len(_unb64(slot[name])) != length:
        raise ValueError(name)


def _check_wrap(slot: dict[str, Any]) -> None:
    _check_b64(slot, "salt", 16)
    _check_b64(slot, "nonce", 12)
    _check_b64(slot, "wrapped", 32 + 16)


def validate(sf: SlotFile) -> None:
    """Raise ``ValueError`` unless every slot parses and every parameter is in bounds."""
    int(sf.vault_id, 16)
    if len(sf.vault_id) != 32 or sf.generation < 0 or sf.binding.get("mode") not in MODES:
        raise ValueError("header")
    phrase, rec = sf.slots["passphrase"], sf.slots["recovery"]
    _check_wrap(phrase)
    _check_wrap(rec)
    if not isinstance(phrase["device"], bool) or not isinstance(
        phrase.get("device_entry", ""), str
    ):
        raise ValueError("device")
    kdf = phrase["kdf"]
    if kdf.get("version") != 1:
        raise ValueError("kdf version")
    for name, (low, high) in KDF_BOUNDS.items():
        value = kdf[name]
        if type(value) is not int or not low <= value <= high:
            raise ValueError(name)
    if sf.anchor and not isinstance(sf.anchor.get("counter"), int):
        raise ValueError("anchor")
    if sf.before_rekey:
        _check_wrap(sf.before_rekey["passphrase"])
        _check_wrap(sf.before_rekey["recovery"])


def read_copy(path: Path) -> SlotFile:
    """One copy, trusted only once its checksum and its contents validate."""
    sf = SlotFile.decode(path.read_bytes())
    validate(sf)
    return sf


@dataclass
class LoadResult:
    #: Valid copies, newest generation first, duplicates removed.
    candidates: list[SlotFile]
    #: Names of copies that are missing or did not validate.
    damaged: list[str]

    @property
    def slots(self) -> SlotFile:
        return self.candidates[0]


def load(folder: Path) -> LoadResult:
    """Read both copies without writing anything; repair happens only after a secret
    has opened one of them (``settle``), so a worse copy never replaces a good one."""
    good: list[SlotFile] = []
    damaged: list[str] = []
    for name in (PRIMARY, BACKUP):
        try:
            sf = read_copy(folder / name)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            damaged.append(name)
            continue
        if all(sf.encode() != other.encode() for other in good):
            good.append(sf)
    if not good:
        raise KeySlotsLost()
    good.sort(key=lambda s: s.generation, reverse=True)
    return LoadResult(good, damaged)


def settle(folder: Path, opened: SlotFile, loaded: LoadResult) -> list[str]:
    """After ``opened`` was unlocked: make both copies equal to it if they are not.
    Return the names rewritten. ``OSError`` (a read-only folder) propagates."""
    if not loaded.damaged and len(loaded.candidates) == 1:
        return []
    opened.generation = max(c.generation for c in loaded.candidates)
    save(folder, opened)
    return [PRIMARY, BACKUP]
