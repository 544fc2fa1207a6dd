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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "created": self.created,
            "binding": self.binding,
            "generation": self.generation,
            "slots": self.slots,
        }

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
        )


def _aad(vault_id: str, slot_id: str, device: bool) -> bytes:
    return f"utvag-keyslot|{FORMAT}|{vault_id}|{slot_id}|device={int(device)}".encode()


def passphrase_kek(
    passphrase: str, salt: bytes, params: Argon2Params, device_secret: bytes | None
) -> bytes:
    from app.crypto.kdf import argon2id, hkdf

    stretched = argon2id(passphrase.encode("utf-8"), salt, params)
    return hkdf(stretched + (device_secret or b""), b"utvag passphrase slot v1", salt=salt)


def recovery_kek(recovery_raw: bytes, salt: bytes) -> bytes:
    from app.crypto.kdf import hkdf

    return hkdf(recovery_raw, b"utvag recovery slot v1", salt=salt)


def wrap(kek: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def unwrap(kek: bytes, slot: dict[str, Any], aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), aad)
    except (InvalidTag, KeyError, ValueError):
        return None


def make_passphrase_slot(
    sf: SlotFile,
    data_key: bytes,
    passphrase: str,
    params: Argon2Params,
    device_secret: bytes | None,
) -> None:
    salt = secrets.token_bytes(16)
    kek = passphrase_kek(passphrase, salt, params, device_secret)
    device = device_secret is not None
    slot: dict[str, Any] = {"kdf": params.to_json(), "salt": _b64(salt), "device": device}
    slot.update(wrap(kek, data_key, _aad(sf.vault_id, "passphrase", device)))
    sf.slots["passphrase"] = slot


def make_recovery_slot(sf: SlotFile, data_key: bytes, recovery_raw: bytes) -> None:
    salt = secrets.token_bytes(16)
    slot: dict[str, Any] = {"salt": _b64(salt)}
    slot.update(
        wrap(recovery_kek(recovery_raw, salt), data_key, _aad(sf.vault_id, "recovery", False))
    )
    sf.slots["recovery"] = slot


def open_passphrase_slot(
    sf: SlotFile, passphrase: str, device_secret: bytes | None
) -> bytes | None:
    from app.crypto.kdf import Argon2Params

    slot = sf.slots["passphrase"]
    params = Argon2Params.from_json(slot["kdf"])
    device = bool(slot["device"])
    kek = passphrase_kek(
        passphrase, _unb64(slot["salt"]), params, device_secret if device else None
    )
    return unwrap(kek, slot, _aad(sf.vault_id, "passphrase", device))


def open_recovery_slot(sf: SlotFile, recovery_raw: bytes) -> bytes | None:
    slot = sf.slots["recovery"]
    kek = recovery_kek(recovery_raw, _unb64(slot["salt"]))
    return unwrap(kek, slot, _aad(sf.vault_id, "recovery", False))


def save(folder: Path, sf: SlotFile) -> None:
    """Write both copies atomically, the primary first."""
    sf.generation += 1
    data = sf.encode()
    atomic_write(folder / PRIMARY, data)
    atomic_write(folder / BACKUP, data)


@dataclass
class LoadResult:
    slots: SlotFile
    repaired: list[str]


def load(folder: Path) -> LoadResult:
    """Read the slot file, repairing a damaged or missing copy from the other."""
    good: dict[str, SlotFile] = {}
    for name in (PRIMARY, BACKUP):
        try:
            good[name] = SlotFile.decode((folder / name).read_bytes())
        except (OSError, ValueError, KeyError, TypeError):
            continue
    if not good:
        raise KeySlotsLost()
    best = max(good.values(), key=lambda s: s.generation)
    data = best.encode()
    repaired = []
    for name in (PRIMARY, BACKUP):
        if name not in good or good[name].generation != best.generation:
            atomic_write(folder / name, data)
            repaired.append(name)
    return LoadResult(best, repaired)
