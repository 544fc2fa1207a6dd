"""A small world for the bad-input tests (no tests here): a vault with fictional
cases, a second party, a certificate, a sealed packet and a backup, plus bad files
(unreadable, unwritable, empty, huge, not UTF-8) made the way the running user
cannot get around them (root ignores file modes, so sockets and /sys stand in)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app import cli, cli_vault
from app.crypto.kdf import TEST_PARAMS
from app.demo import fill_demo
from app.vault.vault import Profile, Vault

PASSPHRASE = "korrekt häst batteri häftapparat"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: The receiving nämnd and a disclosure without consent under a provision, with the harm
#: test, as every test export names them (a demo case's consent is to the police).
EXPORT_BASIS = (
    "--recipient-board", "Socialnämnden i Exempelby kommun",
    "--provision", "osl_necessary",
    "--harm-test", "Uppgifterna behövs för att mottagande nämnd ska kunna ordna skyddat boende; "
    "menet för klienten bedöms litet (fiktivt exempel).",
)  # fmt: skip


@dataclass
class Result:
    code: int
    out: str


def run(*argv: object, stdin: str | None = None, raw: bytes | None = None) -> Result:
    """``utvag ARGV`` in-process with captured standard streams. ``raw``: standard
    input as a real process has it (text over a byte buffer), with these bytes."""
    lines = stdin if stdin is not None else f"{PASSPHRASE}\n" * 3
    source: io.TextIOBase = io.StringIO(lines)
    if raw is not None:
        source = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = source, out, err
    cli_vault.reset_stdin()
    try:
        code = cli.run([str(a) for a in argv])
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        cli_vault.reset_stdin()
    return Result(code, out.getvalue() + err.getvalue())


def ok(*argv: object) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.out)
    return result.out


@dataclass
class World:
    root: Path
    vault: Path
    cert: Path
    packet: Path
    backup: Path
    case_ref: str
    counter: list[int] = field(default_factory=lambda: [0])

    def fresh(self, name: str) -> Path:
        """A new, not yet existing path in a folder that exists."""
        self.counter[0] += 1
        folder = self.root / "fresh"
        folder.mkdir(exist_ok=True)
        return folder / f"{self.counter[0]}-{name}"

    def digest(self) -> str:
        """What a user would see of the vault: the case list (checked by `vault check`)."""
        listing = ok("case", "list", "--vault", self.vault, "--json")
        ok("vault", "check", "--vault", self.vault)
        return hashlib.sha256(listing.encode()).hexdigest()


def make_world(root: Path) -> World:
    here, there = root / "here", root / "there"
    for folder, town in ((here, "Exempelby"), (there, "Mottagarstad")):
        profile = Profile("Test Handläggare", "Socialsekreterare", town, "Avhopparenheten")
        vault, _key = Vault.create(
            folder, PASSPHRASE, profile, params=TEST_PARAMS, bind_device=False
        )
        fill_demo(vault, cases=2, seed=7)
        vault.lock()
        ok("identity", "create", "--vault", folder, "--name", f"Avhopparverksamheten {town}")
        ok("profile", "roles", "--vault", folder, "--set", "caseworker,handover-officer")
        ok("identity", "export-cert", "--vault", folder, "--out", root / f"{town}.pem")
    for folder, other in ((here, "Mottagarstad"), (there, "Exempelby")):
        ok("directory", "add", "--vault", folder, "--cert", root / f"{other}.pem", "--trust")
    ref = ok("case", "list", "--vault", there).split("\t", 1)[0]
    packet = root / "packet.pdf"
    ok("handover", "export", "--vault", there, "--case", ref, "--to", root / "Exempelby.pem",
       *EXPORT_BASIS, "--out", packet)  # fmt: skip
    ok("vault", "backup", "--vault", here, "--out", root / "backup.utvagbak")
    own_ref = ok("case", "list", "--vault", here).split("\t", 1)[0]
    return World(root, here, root / "Mottagarstad.pem", packet, root / "backup.utvagbak", own_ref)


# ----------------------------------------------------------------- bad files
@contextlib.contextmanager
def _cwd(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def unreadable_file(path: Path) -> Path:
    """A file nobody may read: mode 000, or (root reads anything) a socket, which
    no one can open as a file."""
    if IS_ROOT:
        with _cwd(path.parent), socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)  # relative: socket paths are limited to 108 bytes
    else:
        path.write_bytes(b"secret")
        path.chmod(0)
    return path


def unreadable_vault(world: World, path: Path) -> Path:
    """A copy of the vault whose key files cannot be read."""
    shutil.copytree(world.vault, path)
    for name in ("keyslots.json", "keyslots.bak.json"):
        (path / name).unlink()
        unreadable_file(path / name)
    return path


def unwritable_folder(world: World) -> Path:
    """A folder nobody may create files in (root: /sys, which refuses even root)."""
    if IS_ROOT:
        return Path("/sys")
    folder = world.root / "read-only"
    if not folder.exists():
        folder.mkdir()
        folder.chmod(0o500)
    return folder


def unwritable_vault(world: World, path: Path) -> Path:
    if IS_ROOT:
        return Path("/sys") / path.name
    shutil.copytree(world.vault, path)
    path.chmod(0o500)
    return path


def huge_file(path: Path, size: int) -> Path:
    """A sparse file of ``size`` bytes (no disk space used)."""
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def restore_modes(root: Path) -> None:
    """Let pytest remove the folder again."""
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            with contextlib.suppress(OSError):
                os.chmod(Path(folder) / name, 0o700, follow_symlinks=False)
