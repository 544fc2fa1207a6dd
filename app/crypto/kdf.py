"""Argon2id with stored, versioned parameters, and HKDF mixing."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from argon2.exceptions import HashingError
from argon2.low_level import (  # type: ignore[attr-defined]
    ARGON2_VERSION,
    Type,
    core,
    error_to_str,
    ffi,
    hash_secret_raw,
    lib,
)
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


@dataclass(frozen=True)
class Argon2Params:
    """Parameters are stored in each key slot so they can be raised later."""

    version: int = 1
    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def to_json(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, int]) -> Argon2Params:
        return cls(
            version=int(data["version"]),
            time_cost=int(data["time_cost"]),
            memory_kib=int(data["memory_kib"]),
            parallelism=int(data["parallelism"]),
        )

    @property
    def is_weak(self) -> bool:
        return self.memory_kib < 64 * 1024 or self.time_cost < 2


#: About 0.3–0.5 s on a normal laptop (measured in bench/).
DEFAULT_PARAMS = Argon2Params()
#: Cheap parameters for the test suite only; ``vault check`` reports them as weak.
TEST_PARAMS = Argon2Params(version=1, time_cost=1, memory_kib=8 * 1024, parallelism=1)


_for_new_slots = [DEFAULT_PARAMS]


def default_params() -> Argon2Params:
    """What a new passphrase slot gets: :data:`DEFAULT_PARAMS`, unless code running in
    this process chose others with :func:`use_params` (the test suite does). Never read
    from the environment, so nothing outside the process can weaken key stretching."""
    return _for_new_slots[0]


def use_params(params: Argon2Params) -> None:
    """Make ``params`` the parameters of every new passphrase slot in this process
    (tests only: ``tests/conftest.py`` and the CLI entry ``tests/cli_entry.py``)."""
    _for_new_slots[0] = params


def argon2id(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def hkdf(ikm: bytes, info: bytes, salt: bytes | None = None, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def hkdf_into(
    ikm: bytes | bytearray, info: bytes, salt: bytes | None = None, length: int = 32
) -> bytearray:
    """HKDF into a fresh buffer the caller wipes (``app.crypto.secret``)."""
    out = bytearray(length)
    HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive_into(ikm, out)
    return out


def argon2id_into(secret: bytearray, salt: bytes, params: Argon2Params) -> bytearray:
    """Argon2id reading ``secret`` and writing the 32-byte result in place, through
    buffers we own (``hash_secret_raw`` copies both into memory freed uncleared)."""
    out = bytearray(32)
    pwd = ffi.from_buffer("uint8_t[]", secret)
    salt_buf = ffi.new("uint8_t[]", salt)
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": ffi.from_buffer("uint8_t[]", out), "outlen": len(out),
            "pwd": pwd, "pwdlen": len(secret), "salt": salt_buf, "saltlen": len(salt),
            "secret": ffi.NULL, "secretlen": 0, "ad": ffi.NULL, "adlen": 0,
            "t_cost": params.time_cost, "m_cost": params.memory_kib,
            "lanes": params.parallelism, "threads": params.parallelism,
            "version": ARGON2_VERSION, "allocate_cbk": ffi.NULL, "free_cbk": ffi.NULL,
            "flags": lib.ARGON2_DEFAULT_FLAGS,
        },
    )  # fmt: skip
    result = core(ctx, Type.ID.value)
    if result != lib.ARGON2_OK:
        raise HashingError(error_to_str(result))
    return out
