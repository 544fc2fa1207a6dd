"""Start-up smoke check for the release bundle (``UTVAG_SMOKE=1``).

Lets the normal start-up run untouched and watches for the first window a person
would see (the unlock window, or the first-run wizard on a new machine). When it is
shown, prints one line with its class and the time since ``UTVAG_SMOKE_T0`` (epoch
seconds taken by the caller just before starting the process, so the figure includes
loading the bundle) and quits with 0; after ``UTVAG_SMOKE_TIMEOUT`` seconds (default 60)
without it, quits with 3. Used by .ci/frozen.sh for the frozen build and from source.
"""

from __future__ import annotations

import os
import time
from typing import Any

WINDOWS = ("UnlockWindow", "FirstRunWizard")


def enabled() -> bool:
    return os.environ.get("UTVAG_SMOKE") == "1"


def install() -> None:
    """Wrap ``QApplication.exec`` so the probe runs inside the app's own event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    started = float(os.environ.get("UTVAG_SMOKE_T0") or time.time())
    timeout_ms = int(float(os.environ.get("UTVAG_SMOKE_TIMEOUT", "60")) * 1000)
    original = QApplication.exec

    def exec_with_probe(*_args: Any) -> int:
        app = QApplication.instance()
        assert app is not None

        def probe() -> None:
            for widget in QApplication.topLevelWidgets():
                name = type(widget).__name__
                if widget.isVisible() and name in WINDOWS:
                    elapsed = time.time() - started
                    print(f"smoke: {name} shown after {elapsed:.3f} s", flush=True)
                    app.exit(0)
                    return

        def give_up() -> None:
            print("smoke: FAIL no unlock or first-run window appeared", flush=True)
            app.exit(3)

        timer = QTimer(app)
        timer.timeout.connect(probe)
        timer.start(5)
        QTimer.singleShot(timeout_ms, give_up)
        return int(original())

    QApplication.exec = staticmethod(exec_with_probe)  # type: ignore[method-assign,assignment]
