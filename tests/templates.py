"""Vaults made once per test session and copied for every test that needs one.

Creating a vault runs Argon2, writes both key slot files, applies every migration and
binds the device (a keyring entry). A copy of the folder plus its keyring entries is the
same vault, at a fraction of the cost: every test still gets its own folder and its own
keyring, so nothing one test writes reaches another. Tests about creating a vault call
``Vault.create`` themselves. The same goes for folders that take longer to set up (two
vaults with RSA identities that trust each other): ``TEMPLATES.folder`` builds one once
and copies it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend

from app.clock import SYSTEM, Clock
from app.crypto.kdf import TEST_PARAMS
from app.vault import db, keyslots
from app.vault.vault import DB_FILE, Profile, Vault

PASSPHRASE = "korrekt häst batteri häftapparat"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real backend that keeps secrets in a dict (the OS keyring stands in here)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.copies: set[str] = set()  # ids of the template vaults copied for this test

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@dataclass(frozen=True)
class Template:
    folder: Path  # a closed snapshot of the vault as Vault.create left it; never opened
    data_key: bytes
    recovery_key: str
    secrets: dict[tuple[str, str], str]  # its keyring entries (the device secret)
    vault_id: str


@contextmanager
def _own_keyring() -> Iterator[MemoryKeyring]:
    """Build a template with a keyring of its own, not the running test's."""
    previous, backend = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


class Templates:
    def __init__(self) -> None:
        self.root: Path | None = None  # set per session by tests/conftest.py
        #: the session's moment, set by tests/conftest.py: the templates' own audit rows
        #: ("vault_created") are dated by it, not by the wall clock, so a test that asks
        #: the trail for a period sees the same rows on any date
        self.clock: Clock = SYSTEM
        self._vaults: dict[tuple[Profile, bool], Template] = {}
        self._folders: dict[str, dict[tuple[str, str], str]] = {}

    def _dir(self, name: str) -> Path:
        assert self.root is not None, "the session fixture sets the templates' folder"
        return self.root / name

    def _template(self, profile: Profile, bind_device: bool = True) -> Template:
        if (profile, bind_device) not in self._vaults:
            made = self._dir(f"vault-{len(self._vaults)}")
            with _own_keyring() as backend:
                vault, recovery_key = Vault.create(
                    made / "live",
                    PASSPHRASE,
                    profile,
                    params=TEST_PARAMS,
                    bind_device=bind_device,
                    clock=self.clock,
                )
                vault.checkpoint()  # everything in vault.db, nothing in the WAL
                for name in (DB_FILE, keyslots.PRIMARY, keyslots.BACKUP):
                    (made / "copy").mkdir(mode=0o700, exist_ok=True)
                    shutil.copy2(made / "live" / name, made / "copy" / name)
                key = vault.data_key()
                # The keyring as the copy left it (locking advances the rollback anchor).
                secrets = dict(backend.store)
                vault.lock()
            self._vaults[(profile, bind_device)] = Template(
                made / "copy", key, recovery_key, secrets, vault.vault_id
            )
        return self._vaults[(profile, bind_device)]

    def open_copy(
        self,
        folder: Path,
        profile: Profile,
        *,
        bind_device: bool = True,
        clock: Clock = SYSTEM,
    ) -> tuple[Vault, str]:
        """A new vault in ``folder``, open, as ``Vault.create`` returns it, and its
        recovery key. Copied from the session's template for ``profile``; created anew if
        this test already holds a copy of that template (two vaults never share an id) or
        runs with a keyring of its own choosing. ``clock`` is the session's clock."""
        template = self._template(profile, bind_device)
        backend = keyring.get_keyring()
        held = getattr(backend, "copies", None)
        if held is None or template.vault_id in held:
            return Vault.create(
                folder,
                PASSPHRASE,
                profile,
                params=TEST_PARAMS,
                bind_device=bind_device,
                clock=clock,
            )
        held.add(template.vault_id)
        shutil.copytree(template.folder, folder, dirs_exist_ok=True)
        for (service, user), secret in template.secrets.items():
            backend.set_password(service, user, secret)
        key = bytearray(template.data_key)  # the vault owns (and wipes) its own copy
        conn = db.connect(folder / DB_FILE, key)
        vault = Vault(folder, conn, key, keyslots.load(folder).slots, clock)
        return vault, template.recovery_key

    def folder(self, name: str, build: Callable[[Path], None], into: Path) -> None:
        """Copy into ``into`` what ``build`` wrote into an empty folder (with the keyring
        entries it made); ``build`` runs once per session, for its first user."""
        source = self._dir(f"folder-{name}")
        if name not in self._folders:
            with _own_keyring() as backend:
                source.mkdir(mode=0o700)
                try:
                    build(source)
                except BaseException:
                    shutil.rmtree(source)  # the next test tries again and reports it too
                    raise
            self._folders[name] = dict(backend.store)
        shutil.copytree(source, into, dirs_exist_ok=True)
        for (service, user), secret in self._folders[name].items():
            keyring.get_keyring().set_password(service, user, secret)


TEMPLATES = Templates()
