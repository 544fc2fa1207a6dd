"""Entry point of the frozen build (PyInstaller runs this file as ``__main__``).

The same command as ``utvag`` from source (``ui.launcher:main``), with two additions
for deployed machines:

- headless requests that must work without a display or Qt (``--self-test``,
  ``--version``) go straight to the core CLI, so IT can check a machine remotely;
- the organisation policy is read before anything else, and a malformed one stops the
  program with its message (a dialog for the GUI) instead of running unprotected.
"""

from __future__ import annotations

import sys

HEADLESS_FLAGS = {"--self-test", "--version"}


def policy_refusal(gui: bool) -> int | None:
    """Exit code if the policy file cannot be used (after telling the person), else None."""
    from app.policy import PolicyError, load_policy

    try:
        load_policy()
    except PolicyError as exc:
        print(f"utvag: {exc.message}", file=sys.stderr)
        if gui:
            from PySide6.QtWidgets import QApplication, QMessageBox

            _app = QApplication(sys.argv[:1])
            QMessageBox.critical(None, "Utväg", exc.message)
        return exc.exit_code
    return None


def main() -> None:
    if HEADLESS_FLAGS.intersection(sys.argv[1:]):
        from app.cli import main as headless

        headless()
        return
    try:
        from ui.launcher import main as launch
        from ui.launcher import split_gui_args
    except ModuleNotFoundError as exc:  # GUI not built yet: the headless commands still work
        if exc.name not in ("ui", "ui.launcher"):
            raise
        from app.cli import main as launch

        def split_gui_args(_argv: list[str]) -> None:
            return None

    gui = split_gui_args(sys.argv[1:]) is not None
    refused = policy_refusal(gui)
    if refused is not None:
        sys.exit(refused)
    launch()


if __name__ == "__main__":
    main()
