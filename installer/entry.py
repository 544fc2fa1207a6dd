"""Entry point of the frozen build (PyInstaller runs this file as ``__main__``).

The same command as ``utvag`` from source (``ui.launcher:main``). Headless requests
that must work without a display or Qt (``--self-test``, ``--version``) go straight to
the core CLI, so IT can check a machine over a remote shell.
"""

from __future__ import annotations

import sys

HEADLESS_FLAGS = {"--self-test", "--version"}


def main() -> None:
    if HEADLESS_FLAGS.intersection(sys.argv[1:]):
        from app.cli import main as headless

        headless()
        return
    import smoke  # installer/smoke.py: bundled beside this file

    if smoke.enabled():
        smoke.install()
    try:
        from ui.launcher import main as launch
    except ModuleNotFoundError as exc:  # GUI not built yet: the headless commands still work
        if exc.name not in ("ui", "ui.launcher"):
            raise
        from app.cli import main as launch
    launch()


if __name__ == "__main__":
    main()
