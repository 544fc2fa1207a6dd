"""Headless commands (for IT admins, scripts and tests) over the same core as the GUI.

Each area registers its sub-commands from its own module (``COMMAND_MODULES``).
Passphrases are read from standard input when it is not a terminal, never from
arguments. Exit codes: 0 ok, 1 unexpected error (a fault in Utväg), 2 usage, 3 wrong
passphrase or recovery key, 4 vault damaged or unreadable, 5 refused, 6 vault folder not
writable, 130 interrupted.

:func:`run` is the one error boundary: arguments are typed and bounded
(:mod:`app.cli_args`), expected errors print their Swedish message, file errors name
the path, and an unexpected error prints a short message without its text (which might
hold case data), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.cli_args import Parser, language_in, reconfigure_output
from app.errors import UtvagError, file_problem
from app.i18n import LANGUAGES, _, language, set_language

UNEXPECTED = 1  # documented: a fault in Utväg, never an expected error

COMMAND_MODULES = (
    "app.cli_vault",
    "app.cli_case",
    "app.cli_handover",
    "app.cli_profile",
    "app.cli_reports",
    "app.cli_settings",
    "app.cli_retention",
    "app.cli_work",
    "app.cli_transfer",
)

EPILOG = """Exit codes / Slutkoder:
  0  ok
  1  unexpected error, a fault in Utväg / oväntat fel i Utväg (kontakta IT-supporten)
  2  usage error, unusable file or folder / felaktigt kommando, fil eller mapp
  3  wrong passphrase or recovery key / fel lösenfras eller återställningsnyckel
  4  vault damaged or unreadable, packet rejected / valvet skadat, paketet avvisat
  5  refused (e.g. target exists) / nekad (t.ex. målet finns redan)
  6  vault folder not writable (read-only, full disk, no rights); nothing changed /
     valvets mapp går inte att skriva i (skrivskyddad, full disk, behörighet)
  130  interrupted (Ctrl+C) / avbrutet

Passphrases are read from the first lines of standard input when it is not a terminal,
never from arguments."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="utvag",
        description="Utväg: krypterade akter och förseglade överlämningar / "
        "encrypted case files and sealed handovers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Utväg {__version__}")
    parser.add_argument("--demo", action="store_true", help="start the GUI on a demo vault")
    parser.add_argument("--self-test", action="store_true", help="run the built-in self-test")
    parser.add_argument("--lang", choices=LANGUAGES, help="language for messages")
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
    """Run a headless command; return its exit code. The one error boundary: never
    prints a traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    previous, wanted = language(), language_in(argv)
    if wanted in LANGUAGES:  # before parsing: usage errors in that language too
        set_language(str(wanted))
    try:
        return _run(argv)
    finally:
        set_language(previous)  # in-process callers (tests) keep their own language


def _run(argv: list[str]) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error or --help/--version
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:  # the boundary: report, never a traceback
        return unexpected(exc)
    if args.self_test:
        from app.selftest import run_self_test

        return guarded(lambda _args: run_self_test(), args, policy=False)
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return 2
    return guarded(args.handler, args)


def guarded(
    handler: Callable[[argparse.Namespace], int], args: argparse.Namespace, *, policy: bool = True
) -> int:
    """Run ``handler`` and turn every exception into a message and an exit code."""
    try:
        if policy:  # a malformed organisation policy stops every command
            from app.policy import load_policy

            load_policy()
        return int(handler(args))
    except UtvagError as exc:
        return report(exc)
    except KeyboardInterrupt:
        print(_("utvag: avbrutet"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `utvag case list --json | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        return report(file_problem(exc))
    except Exception as exc:  # the boundary: report, never a traceback
        return unexpected(exc)


def report(exc: UtvagError) -> int:
    print(f"utvag: {exc.message}", file=sys.stderr)
    code = exc.exit_code
    return code if code in (2, 3, 4, 5, 6) else UNEXPECTED


def unexpected(exc: BaseException) -> int:
    """A fault in Utväg: say so briefly, with the kind and place of the error but never
    its text (it might hold case data or a secret)."""
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
    print(
        _(
            "utvag: Ett oväntat fel inträffade ({kind} vid {where}). Åtgärden avbröts; det "
            "som redan var sparat finns kvar. Kontakta IT-supporten och uppge felkoden."
        ).format(kind=type(exc).__name__, where=where or "?"),
        file=sys.stderr,
    )
    return UNEXPECTED


def main() -> None:
    reconfigure_output()
    sys.exit(run())
