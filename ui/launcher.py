"""The ``utvag`` entry point.

With a sub-command (``utvag vault check …``) it runs the headless CLI and never imports
Qt. Without one it starts the GUI: ``--vault DIR`` picks the vault folder (default: the
per-user local data folder), ``--lang`` the language (``app.i18n.LANGUAGES``), ``--demo``
a throwaway demo vault in a temp folder (fictional data, cheap test KDF, removed at exit).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

DEMO_PASSPHRASE = "demo lösenfras för test"  # noqa: S105 (throwaway demo vault)
DEMO_CASES = 40


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="utvag", add_help=False)
    parser.add_argument("--demo", action="store_true")
    from app.i18n import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--vault", type=Path)
    return parser


def split_gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The GUI options, or None when ``argv`` is a CLI command (or --help, --version)."""
    try:
        args, rest = gui_parser().parse_known_args(list(argv))
    except SystemExit:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = split_gui_args(argv)
    if args is None:
        from app.cli import run

        sys.exit(run(argv))
    sys.exit(run_gui(args))


def _quiet_excepthook(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Report where an unexpected error happened, never its message (it may hold case
    data); the process keeps running as Qt does after a slot raises."""
    frames = traceback.extract_tb(tb)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-6:]))
    logging.getLogger("utvag").error("unexpected %s at %s", kind.__name__, where)


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from app import settings as s
    from ui.common import fit, language, theme, wheel_guard
    from ui.common.gc_guard import MainThreadGC
    from ui.shell.lifecycle import Shell

    logging.basicConfig(level=logging.WARNING, format="utvag: %(levelname)s %(message)s")
    sys.excepthook = _quiet_excepthook
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Utväg")
    app.setApplicationDisplayName("Utväg")
    app.setQuitOnLastWindowClosed(False)
    collector = MainThreadGC()  # noqa: F841 (lives as long as the app)
    theme.apply(app)
    wheel_guard.install(app)  # no value changes under a scrolling mouse
    fit.install(app)  # every dialog inside the screen, its buttons visible
    refused = _policy_refusal()
    if refused is not None:
        return refused
    demo_dir = Path(tempfile.mkdtemp(prefix="utvag-demo-")) if args.demo else None
    try:
        settings = s.Settings(demo_dir / "settings.json" if demo_dir else None)
        language.language().apply(args.lang or settings.get(s.LANGUAGE))
        if demo_dir is not None:
            from app.i18n import _

            hint = _("Demovalv med påhittade uppgifter. Lösenfras: {passphrase}").format(
                passphrase=DEMO_PASSPHRASE
            )
            shell = Shell(demo_dir / "vault", settings, demo_hint=hint)
            shell.start(make_demo_vault(demo_dir / "vault"))
        else:
            shell = Shell(args.vault or s.default_vault_dir(), settings)
            shell.start()
        from ui.shell import readiness

        if readiness.requested():
            readiness.exit_when_ready(app)
        return int(app.exec())
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def _policy_refusal() -> int | None:
    """A policy file that cannot be used stops the GUI with its message (the shell would
    otherwise start without the limits IT set)."""
    from app.policy import PolicyError, load_policy

    try:
        load_policy()
    except PolicyError as exc:
        from PySide6.QtWidgets import QMessageBox

        print(f"utvag: {exc.message}", file=sys.stderr)
        QMessageBox.critical(None, "Utväg", exc.message)
        return exc.exit_code
    return None


def make_demo_vault(folder: Path) -> Any:
    """A throwaway vault with fictional cases (``app.demo``)."""
    from app.crypto.kdf import TEST_PARAMS
    from app.vault.vault import Profile, Vault

    profile = Profile("Demo Handläggare", "socialsekreterare", "Exempelkommun", "Avhopparteamet")
    vault, _recovery_key = Vault.create(  # a throwaway demo needs no real key stretching
        folder, DEMO_PASSPHRASE, profile, params=TEST_PARAMS, bind_device=False
    )
    from app.demo import fill_demo
    from app.demo_transfer import RECEIVER, walk_transfer
    from app.store import Store

    fill_demo(vault, cases=DEMO_CASES, seed=1)
    # One case walks the whole transfer to a second, receiving vault beside it.
    receiving, _key = Vault.create(folder.parent / "mottagare", DEMO_PASSPHRASE,
                                   Profile("Demo Mottagare", "socialsekreterare", RECEIVER),
                                   params=TEST_PARAMS, bind_device=False)  # fmt: skip
    try:
        walk_transfer(Store(vault), Store(receiving))
    finally:
        receiving.lock()
    return vault


if __name__ == "__main__":
    main()
