"""Headless commands (for IT admins, scripts and tests) over the same core as the GUI.

Each area registers its sub-commands from its own module (``COMMAND_MODULES``).
Passphrases are read from standard input when it is not a terminal, never from
arguments. Exit codes: 0 ok, 2 usage, 3 wrong passphrase or recovery key,
4 vault damaged or unreadable, 5 refused.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import UtvagError
from app.i18n import _

COMMAND_MODULES = (
    "app.cli_vault",
    "app.cli_case",
    "app.cli_handover",
    "app.cli_reports",
)

EPILOG = """Exit codes / Slutkoder:
  0  ok
  2  usage error / felaktigt kommando
  3  wrong passphrase or recovery key / fel lösenfras eller återställningsnyckel
  4  vault damaged or unreadable, packet rejected / valvet skadat, paketet avvisat
  5  refused (e.g. target exists) / nekad (t.ex. målet finns redan)

Passphrases are read from the first lines of standard input when it is not a terminal,
never from arguments."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="utvag",
        description="Utväg: krypterade akter och förseglade överlämningar / "
        "encrypted case files and sealed handovers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Utväg {__version__}")
    parser.add_argument("--demo", action="store_true", help="start the GUI on a demo vault")
    parser.add_argument("--self-test", action="store_true", help="run the built-in self-test")
    parser.add_argument("--lang", choices=("sv", "en"), help="language for messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # area not built yet
        module.register(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; return its exit code. Never prints a traceback for an
    expected error."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error or --help/--version
        return int(exc.code or 0)
    if args.lang:
        from app.i18n import set_language

        set_language(args.lang)
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test()
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        # A malformed organisation policy stops every command rather than run unprotected.
        from app.policy import load_policy

        load_policy()
        code = int(handler(args))
        return code
    except UtvagError as exc:
        print(f"utvag: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("utvag: avbrutet"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `utvag case list --json | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def main() -> None:
    sys.exit(run())
