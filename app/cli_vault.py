"""``utvag vault …``: create, check, change passphrase, recover, back up, restore."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path
from typing import Any

from app.cli_args import InputFile, OutputFile, Text, VaultFolder
from app.crypto.passphrase import require_acceptable
from app.errors import RolledBack, TooSoon, UsageError
from app.i18n import _
from app.vault.anchor import accept, db_counter
from app.vault.backup import create_backup, restore_backup, restore_keyslots
from app.vault.rotate import rotate_keys
from app.vault.vault import Profile, Vault

_stdin_lines: list[str] | None = None
MAX_BACKUP_BYTES = 64 << 30  # far above a vault with a million journal entries
MAX_STDIN_BYTES = 64 * 1024  # a few secrets, one per line
MAX_SECRET_CHARS = 1024


def _stdin_text() -> str:
    """All of standard input as text (UTF-8, a byte-order mark ignored), bounded."""
    stream = sys.stdin
    raw: bytes | str = (
        stream.buffer.read(MAX_STDIN_BYTES + 1)
        if hasattr(stream, "buffer")
        else stream.read(MAX_STDIN_BYTES + 1)
    )
    if len(raw) > MAX_STDIN_BYTES:
        raise UsageError(_("Standard in är för stort; ge bara lösenfraserna, en per rad."))
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            _("Standard in är inte UTF-8. Spara lösenfrasen som UTF-8 och försök igen.")
        ) from None


def read_secret(prompt: str) -> str:
    """Next secret: the next line of standard input when it is not a terminal,
    otherwise a hidden prompt. Never from arguments."""
    global _stdin_lines
    if sys.stdin is None or not sys.stdin.isatty():
        if _stdin_lines is None:
            _stdin_lines = [] if sys.stdin is None else _stdin_text().splitlines()
        if not _stdin_lines:
            raise UsageError(_("Lösenfras saknas på standard in (en rad per hemlighet)."))
        secret = _stdin_lines.pop(0).rstrip("\r")
    else:
        secret = getpass.getpass(prompt)
    if len(secret) > MAX_SECRET_CHARS:
        raise UsageError(
            _("Lösenfrasen är för lång (högst {count} tecken).").format(count=MAX_SECRET_CHARS)
        )
    return secret


def reset_stdin() -> None:
    """Forget buffered standard input (for in-process callers such as tests)."""
    global _stdin_lines
    _stdin_lines = None


def vault_arg(parser: argparse.ArgumentParser, flag: str = "--vault", *, new: bool = False) -> None:
    parser.add_argument(flag, dest="vault", type=VaultFolder(new=new), required=True, metavar="DIR")


def open_vault_from_args(args: argparse.Namespace) -> Vault:
    """Unlock ``args.vault`` with a passphrase from standard input, waiting out any
    delay after earlier failed attempts."""
    return unlock_waiting(args.vault, read_secret(_("Lösenfras: ")))


def unlock_waiting(folder: Path, passphrase: str) -> Vault:
    while True:
        try:
            vault = Vault.unlock(folder, passphrase)
        except TooSoon as exc:
            print(exc.message, file=sys.stderr)
            time.sleep(exc.retry_after)
            continue
        for finding in vault.rollback:  # reported by every command until accepted
            print(f"utvag: {RolledBack(finding.seen, finding.found).message}", file=sys.stderr)
        return vault


def _init(args: argparse.Namespace) -> int:
    passphrase = read_secret(_("Ny lösenfras: "))
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive and read_secret(_("Upprepa lösenfrasen: ")) != passphrase:
        raise UsageError(_("Lösenfraserna är inte lika."))
    require_acceptable(passphrase)
    profile = Profile(args.name, args.title, args.municipality, args.unit)
    vault, recovery_key = Vault.create(
        args.vault, passphrase, profile, bind_device=not args.no_device_binding
    )
    print(f"vault: {vault.folder}")
    print(f"device-binding: {vault.binding_mode} ({vault.binding_reason or 'ok'})")
    print(f"recovery-key: {recovery_key}")
    print(
        _(
            "Skriv ned återställningsnyckeln och förvara den i kommunens kassaskåp. "
            "Den visas bara en gång."
        ),
        file=sys.stderr,
    )
    vault.lock()
    return 0


def _check(args: argparse.Namespace) -> int:
    vault = open_vault_from_args(args)
    report = vault.check()
    vault.lock()
    for warning in report.warnings:
        print(f"warning: {_(warning)}")
    for problem in report.problems + report.rollback:
        print(f"problem: {problem}")
    if report.problems:
        print(_("Valvet har fel. Återställ från säkerhetskopia."))
    elif report.rollback:
        print(_("Valvet är inte skadat men äldre än väntat. Kontakta IT-supporten."))
    else:
        print("ok")
    return 0 if report.ok else 4


def _passwd(args: argparse.Namespace) -> int:
    old = read_secret(_("Nuvarande lösenfras: "))
    new = read_secret(_("Ny lösenfras: "))
    require_acceptable(new)
    vault = unlock_waiting(args.vault, old)
    try:
        vault.change_passphrase(old, new)
    finally:
        vault.lock()
    print(_("Lösenfrasen är bytt."))
    return 0


def _recover(args: argparse.Namespace) -> int:
    key = read_secret(_("Återställningsnyckel: "))
    new = read_secret(_("Ny lösenfras: "))
    require_acceptable(new)
    vault = Vault.recover(args.vault, key, new)
    print(f"device-binding: {vault.binding_mode} ({vault.binding_reason or 'ok'})")
    vault.lock()
    print(_("Valvet är öppnat med återställningsnyckeln och har en ny lösenfras."))
    return 0


def _anchor(args: argparse.Namespace) -> int:
    vault = open_vault_from_args(args)
    try:
        findings = list(vault.rollback)
        if args.accept:
            accept(vault, "accepted-by-admin")
        counter = db_counter(vault.conn)
    finally:
        vault.lock()
    print(f"counter: {counter}")
    print(f"rollback: {'accepted' if findings and args.accept else 'yes' if findings else 'no'}")
    return 4 if findings and not args.accept else 0


def _print_new_recovery_key(key: str) -> None:
    print(f"recovery-key: {key}")
    print(
        _(
            "Den gamla återställningsnyckeln gäller inte längre. Skriv ned den nya och "
            "förvara den i kommunens kassaskåp. Den visas bara en gång."
        ),
        file=sys.stderr,
    )


def _rotate(args: argparse.Namespace) -> int:
    old = read_secret(_("Nuvarande lösenfras: "))
    new = read_secret(_("Ny lösenfras: "))
    require_acceptable(new)
    vault = unlock_waiting(args.vault, old)
    try:
        key = rotate_keys(vault, old, new)
    finally:
        vault.lock()
    print(_("Valvet har en ny nyckel och en ny lösenfras; gamla nyckelfiler öppnar inget nytt."))
    _print_new_recovery_key(key)
    return 0


def _recovery_key(args: argparse.Namespace) -> int:
    passphrase = read_secret(_("Lösenfras: "))
    vault = unlock_waiting(args.vault, passphrase)
    try:
        key = rotate_keys(vault, passphrase)
    finally:
        vault.lock()
    _print_new_recovery_key(key)
    return 0


def _backup(args: argparse.Namespace) -> int:
    vault = open_vault_from_args(args)
    try:
        create_backup(vault, args.out)
    finally:
        vault.lock()
    print(f"backup: {args.out}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    kwargs: dict[str, Any] = {}
    if args.recovery:
        kwargs["recovery_key"] = read_secret(_("Återställningsnyckel: "))
        kwargs["new_passphrase"] = read_secret(_("Ny lösenfras: "))
        require_acceptable(kwargs["new_passphrase"])
    else:
        kwargs["passphrase"] = read_secret(_("Lösenfras: "))
    if args.keyslots_only:
        if args.force:
            raise UsageError(_("--keyslots-only ersätter aldrig databasen; utelämna --force."))
        vault = restore_keyslots(args.source, args.vault, **kwargs)
    else:
        vault = restore_backup(args.source, args.vault, force=args.force, **kwargs)
    aside = vault.moved_aside
    vault.lock()
    if aside is not None:
        print(f"moved-aside: {aside}")
    print(f"restored: {args.vault}")
    return 0


def register(sub: Any) -> None:
    parser = sub.add_parser("vault", help="create and maintain the encrypted vault")
    vsub = parser.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    p = vsub.add_parser("init", help="create a vault; prints the recovery key once")
    vault_arg(p, new=True)
    p.add_argument("--name", type=Text(200), default="Handläggare")
    for flag in ("--title", "--municipality", "--unit"):
        p.add_argument(flag, type=Text(200, allow_empty=True), default="")
    p.add_argument(
        "--no-device-binding", action="store_true", help="passphrase only (recorded in the vault)"
    )
    p.set_defaults(handler=_init)

    for name, handler, text in (
        ("check", _check, "verify the database, the key and the audit chain"),
        ("passwd", _passwd, "change passphrase (old and new on two lines)"),
        ("recover", _recover, "recovery key and new passphrase on two lines"),
    ):
        p = vsub.add_parser(name, help=text)
        vault_arg(p)
        p.set_defaults(handler=handler)

    p = vsub.add_parser(
        "rotate",
        help="re-key the vault (old passphrase may be known): new passphrase and new "
        "recovery key; old key files open nothing new",
    )
    vault_arg(p)
    p.set_defaults(handler=_rotate)

    p = vsub.add_parser("recovery-key", help="issue a new recovery key (re-keys the vault)")
    vault_arg(p)
    p.add_argument(
        "--rotate", action="store_true", required=True, help="the old recovery key stops working"
    )
    p.set_defaults(handler=_recovery_key)

    p = vsub.add_parser(
        "anchor", help="show the rollback anchor; exit 4 if the vault is older than last seen"
    )
    vault_arg(p)
    p.add_argument("--accept", action="store_true", help="accept the vault as it is now (audited)")
    p.set_defaults(handler=_anchor)

    p = vsub.add_parser("backup", help="write a verified encrypted backup")
    vault_arg(p)
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE")
    p.set_defaults(handler=_backup)

    p = vsub.add_parser("restore", help="restore a backup into a new vault folder")
    p.add_argument(
        "--from", dest="source", type=InputFile(MAX_BACKUP_BYTES), required=True, metavar="FILE"
    )
    vault_arg(p, new=True)
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing vault (it is moved aside to DIR.fore-aterstallning-…)",
    )
    p.add_argument(
        "--keyslots-only",
        action="store_true",
        help="only the key slots, beside the current database (keeps newer entries)",
    )
    p.add_argument(
        "--recovery",
        action="store_true",
        help="unlock with the recovery key (then a new passphrase)",
    )
    p.set_defaults(handler=_restore)
