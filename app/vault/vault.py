"""The vault: one folder holding ``vault.db`` (SQLCipher 4, raw 256-bit data key) and
the key slot file (twice). See docs/ARCHITECTURE.md for the key hierarchy.

Connections run in autocommit mode (``isolation_level=None``): every write goes through
``with vault.transaction() as conn:`` which takes ``BEGIN IMMEDIATE`` and commits with
``synchronous=FULL``, so a committed write is durable. The connection may be used from
worker threads; ``transaction()`` and ``read()`` serialise access with one lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import policy
from app.clock import SYSTEM, Clock, stamp
from app.crypto import device, recovery, secret
from app.crypto.kdf import Argon2Params, default_params
from app.errors import (
    TooSoon,
    VaultCorrupt,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultNotWritable,
    WrongPassphrase,
    WrongRecoveryKey,
)
from app.fsutil import fsync_dir, make_private_dir
from app.i18n import N_
from app.vault import anchor, audit, db, keychange, keyslots, migrate, throttle
from app.vault.db import Connection
from app.vault.drafts import DraftsMixin
from app.vault.location import DB_FILE as DB_FILE
from app.vault.location import is_vault as is_vault
from app.vault.location import unwritable_reason

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Profile:
    name: str
    title: str = ""
    municipality: str = ""
    unit: str = ""
    board: str = ""  # the nämnd the unit answers to (e.g. Socialnämnden)
    phone: str = ""  # the unit's (or the officer's) phone and e-mail for a receiver
    email: str = ""


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]
    warnings: list[str]
    #: The vault is older than the last one this computer saw, or its audit trail was
    #: cut off (a restore would not help: it is not damage).
    rollback: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.rollback


@contextlib.contextmanager
def _damage_reported() -> Iterator[None]:
    """A page that fails its HMAC surfaces as SQLite's "malformed" error: turn it into
    the message that tells the caseworker what to do."""
    try:
        yield
    except db.DatabaseError as exc:
        text = str(exc)
        if "malformed" in text or "not a database" in text:
            raise VaultCorrupt("databasfilens sidor stämmer inte") from exc
        raise


class Vault(DraftsMixin):
    def __init__(
        self,
        folder: Path,
        conn: Connection,
        data_key: bytearray,
        slots: keyslots.SlotFile,
        clock: Clock = SYSTEM,
    ):
        self.folder = Path(folder)
        #: the session's one clock: audit times, drafts, and (via the store) every date
        self.clock = clock
        self._conn: Connection | None = conn
        self._key = data_key  # owned from here on: wiped at lock
        self.slots = slots
        self._lock = threading.RLock()
        self.actor = self._load_actor()
        #: Where ``restore --force`` moved the vault that was here (never deleted).
        self.moved_aside: Path | None = None
        #: How this database is older than the last one this computer saw (empty: it
        #: is not); reported at unlock until accepted (``anchor.accept``).
        self.rollback: list[anchor.Finding] = []

    # ----------------------------------------------------------------- opening
    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        profile: Profile,
        *,
        params: Argon2Params | None = None,
        bind_device: bool = True,
        clock: Clock = SYSTEM,
    ) -> tuple[Vault, str]:
        """Create a new vault; return it and the recovery key (shown once)."""
        folder = Path(folder)
        if is_vault(folder) or (folder / keyslots.PRIMARY).exists():
            raise VaultExists(path=str(folder))
        make_private_dir(folder)
        vault_id = uuid.uuid4().hex
        entry = device.new_entry(vault_id)
        binding = device.create_secret(entry) if bind_device else None
        mode = "keyring" if binding and binding.bound else "passphrase-only"
        policy.require_binding(mode, binding.reason if binding else "disabled")  # org policy
        sf = keyslots.SlotFile(
            vault_id=vault_id,
            created=stamp(clock, "microseconds"),
            binding={
                "mode": mode,
                "reason": binding.reason if binding else "disabled",
                "backend": binding.backend if binding else "",
            },
        )
        data_key = secret.random_key()
        recovery_raw, recovery_text = recovery.generate()
        keyslots.make_passphrase_slot(
            sf,
            data_key,
            passphrase,
            params or default_params(),
            binding.secret if binding else None,
            entry,
        )
        keyslots.make_recovery_slot(sf, data_key, recovery_raw)
        with keychange.writes_to(folder):
            keyslots.save(folder, sf)
        conn = db.connect(folder / DB_FILE, data_key)
        migrate.upgrade(conn)
        vault = cls(folder, conn, data_key, sf, clock)
        with vault.transaction() as c:
            c.execute("INSERT INTO meta VALUES ('vault_id', ?)", (vault_id,))
            c.execute(
                "INSERT INTO profile (id, name, title, municipality, unit, board, phone, email)"
                " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile.name,
                    profile.title,
                    profile.municipality,
                    profile.unit,
                    profile.board,
                    profile.phone,
                    profile.email,
                ),
            )
        vault.actor = profile.name
        vault.audit("vault_created", binding=mode)
        return vault, recovery_text

    @classmethod
    def unlock(
        cls, folder: Path, passphrase: str, *, clock: Clock = SYSTEM, verify: bool = True
    ) -> Vault:
        folder = cls._existing(folder)
        loaded = keyslots.load(folder)
        cls._refuse_if_too_soon(folder, clock)
        opened = keychange.open_with_passphrase(folder, loaded, passphrase)
        if opened is None:
            wait = throttle.record_failure(folder, "passphrase", clock.now())
            raise WrongPassphrase(retry_after=wait)
        return cls._open(folder, opened[1], opened[0], "passphrase", loaded, verify, clock)

    @classmethod
    def recover(
        cls, folder: Path, recovery_key: str, new_passphrase: str, *, clock: Clock = SYSTEM
    ) -> Vault:
        """Open with the recovery key and set a new passphrase (rebinding the device)."""
        raw = recovery.parse(recovery_key)  # a typo is caught before any KDF runs
        folder = cls._existing(folder)
        loaded = keyslots.load(folder)
        cls._refuse_if_too_soon(folder, clock)
        opened = keychange.open_with_recovery(folder, loaded, raw)
        if opened is None:
            throttle.record_failure(folder, "recovery", clock.now())
            raise WrongRecoveryKey()
        vault = cls._open(folder, opened[1], opened[0], "recovery", loaded, True, clock)
        vault.audit("recovery_used")
        try:
            keychange.rewrap_passphrase(vault, new_passphrase, strict=False)
        except BaseException:
            vault.lock()
            raise
        return vault

    @staticmethod
    def _existing(folder: Path) -> Path:
        folder = Path(folder)
        if not is_vault(folder):
            raise VaultNotFound(path=str(folder))
        reason = unwritable_reason(folder)
        if reason:  # told apart from damage before anything else runs
            raise VaultNotWritable(str(folder), reason)
        return folder

    @staticmethod
    def _refuse_if_too_soon(folder: Path, clock: Clock) -> None:
        wait = throttle.load(folder).wait_needed(clock.now().timestamp())
        if wait > 0:
            raise TooSoon(retry_after=wait)

    @classmethod
    def _open(
        cls,
        folder: Path,
        data_key: bytearray,
        sf: keyslots.SlotFile,
        method: str,
        loaded: keyslots.LoadResult | None,
        verify: bool,
        clock: Clock,
    ) -> Vault:
        conn = db.connect(folder / DB_FILE, data_key)
        try:
            if verify and db.cipher_problems(conn):
                raise VaultCorrupt("databasfilens sidor stämmer inte")
            migrate.upgrade_with_snapshots(folder / DB_FILE, conn, stamp(clock, "microseconds"))
        except BaseException:
            conn.close()
            raise
        vault = cls(folder, conn, data_key, sf, clock)
        for failure in throttle.clear(folder):
            vault.audit("unlock_failed", ts=failure.get("ts"), method=failure.get("method", ""))
        if loaded is not None:
            keychange.settle(vault, sf, loaded)
            with contextlib.suppress(OSError):  # an interrupted re-key's copy: garbage
                (folder / keychange.REKEY_COPY).unlink(missing_ok=True)
        vault.rollback = anchor.inspect(vault)
        for finding in vault.rollback:
            vault.audit("rollback_detected", **dataclasses.asdict(finding))
        vault.audit("unlocked", method=method)
        return vault

    # ------------------------------------------------------------ using it
    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def vault_id(self) -> str:
        return self.slots.vault_id

    @property
    def binding_mode(self) -> str:
        """``keyring`` (bound to this device) or ``passphrase-only``."""
        return self.slots.binding["mode"]

    @property
    def binding_reason(self) -> str:
        return self.slots.binding.get("reason", "")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self._lock, _damage_reported():
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self._lock, _damage_reported():
            yield self.conn

    def audit(
        self, event: str, subject: str | None = None, ts: str | None = None, **details: Any
    ) -> None:
        with self.transaction() as conn:
            moment = ts or stamp(self.clock, "microseconds")
            audit.append(conn, self.actor, event, subject, details, ts=moment)

    def _load_actor(self) -> str:
        try:
            row = self.conn.execute("SELECT name FROM profile WHERE id = 1").fetchone()
        except db.DatabaseError:
            return "system"
        return str(row[0]) if row else "system"

    def profile(self) -> Profile:
        with self.read() as conn:
            row = conn.execute(
                "SELECT name, title, municipality, unit, board, phone, email FROM profile"
                " WHERE id = 1"
            ).fetchone()
        return Profile(*row) if row else Profile(name="")

    # --------------------------------------------------------- key changes
    def change_passphrase(self, old: str, new: str) -> None:
        """New passphrase slot (crash-safe order in ``keychange``); the data key stays.
        To retire a passphrase that may be known, use ``rotate_keys``."""
        entry = keyslots.device_entry(self.slots)
        slot_secret = device.load_secret(entry) if entry else None
        if keyslots.open_passphrase_slot(self.slots, old, slot_secret) is None:
            raise WrongPassphrase()
        keychange.rewrap_passphrase(self, new, strict=True)

    def key_buffer(self) -> bytearray:
        """The data key's own (wiped at lock) buffer; callers must not keep it."""
        if self._conn is None:
            raise VaultLocked()
        return self._key

    # ---------------------------------------------------------------- check
    def verify_storage(self) -> list[str]:
        """Every page's HMAC and SQLite's structure, on a connection of its own, so the
        GUI can run it off the UI thread right after unlocking (``unlock(verify=False)``)
        while the CLI verifies before anything else. Empty when healthy."""
        conn = db.connect(self.folder / DB_FILE, self.key_buffer())
        try:
            return db.cipher_problems(conn)
        finally:
            conn.close()

    def check(self) -> CheckReport:
        with self.read() as conn:
            problems = db.cipher_problems(conn)
            problems += audit.verify_chain(conn)
        rollback = [anchor.describe(f) for f in anchor.inspect(self)]
        warnings = []
        params = Argon2Params.from_json(self.slots.slots["passphrase"]["kdf"])
        if params.is_weak:
            warnings.append(N_("svaga KDF-parametrar för lösenfrasen (testprofil)"))
        if self.binding_mode != "keyring":
            warnings.append(N_("valvet är inte bundet till enheten (endast lösenfras)"))
        return CheckReport(problems, warnings, rollback)

    @contextlib.contextmanager
    def without_fsync(self) -> Iterator[None]:
        """Commits without fsync (a throwaway demo fill only); FULL durability after."""
        with self.read() as conn:
            conn.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            with self.read() as conn:
                conn.execute("PRAGMA synchronous = FULL")

    # ----------------------------------------------------------------- lock
    def checkpoint(self) -> None:
        with self.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def lock(self) -> None:
        """Record the lock, checkpoint, close, and overwrite the key in memory."""
        if self._conn is None:
            return
        with self._lock:
            try:
                self.audit("locked")
                if not self.rollback:  # an unaccepted rollback stays on record
                    anchor.advance(self)
                self.checkpoint()
            except (db.DatabaseError, VaultCorrupt) as exc:
                # A damaged database must still be closed and the key wiped.
                log.warning("could not record the lock: %s", type(exc).__name__)
            self._conn.close()
            self._conn = None
            secret.wipe(self._key)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Nothing else reads or writes meanwhile (a re-key)."""
        with self._lock:
            self.conn  # noqa: B018 (raises VaultLocked when locked)
            yield

    def swap_database(self, rekeyed: Path, new_key: bytearray) -> None:
        """Replace vault.db by ``rekeyed`` (encrypted with ``new_key``) atomically and go
        on with the new key; see ``app.vault.rotate``."""
        with self._lock:
            self.checkpoint()
            self.conn.close()
            self._conn = None
            for stale in ("-wal", "-shm"):  # the old database's, already checkpointed
                (self.folder / f"{DB_FILE}{stale}").unlink(missing_ok=True)
            with keychange.writes_to(self.folder):
                os.replace(rekeyed, self.folder / DB_FILE)
                fsync_dir(self.folder)
            self._conn = db.connect(self.folder / DB_FILE, new_key)
            self._key[:] = new_key

    def data_key(self) -> bytes:
        """An immutable copy, for tests and diagnostics only (the product uses
        ``key_buffer``, which is wiped at lock); never logged, never written."""
        if self._conn is None:
            raise VaultLocked()
        return bytes(self._key)
