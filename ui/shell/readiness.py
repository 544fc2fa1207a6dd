"""``UTVAG_EXIT_WHEN_READY=1``: print ``ready: <window>`` once the first window is on
screen and the event loop is idle, then quit. Used by the cold-start benchmark and the
frozen-bundle smoke test; it shows nothing a normal start does not."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ENV = "UTVAG_EXIT_WHEN_READY"


def requested() -> bool:
    return os.environ.get(ENV) in ("1", "pdf")


def _pdf_preview() -> str:
    """With ``UTVAG_EXIT_WHEN_READY=pdf``: can this build draw the handover preview?"""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return " pdf-preview=no"
    return " pdf-preview=yes"


def exit_when_ready(app: QApplication) -> None:
    def check() -> None:
        shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
        if not shown:
            QTimer.singleShot(5, check)
            return
        extra = _pdf_preview() if os.environ.get(ENV) == "pdf" else ""
        print(f"ready: {type(shown[0]).__name__}{extra}", flush=True)
        sys.stdout.flush()
        app.exit(0)

    QTimer.singleShot(0, check)
