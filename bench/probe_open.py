"""Run in a fresh process by bench_vault.py: unlock (KDF timed apart), then time the
shell's real unlock path up to the first page of the case list being painted, then
filter keystrokes; print one JSON line."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app import settings as s
from app.vault import keychange, keyslots
from app.vault.vault import Vault
from ui.shell.lifecycle import Shell


def main() -> None:
    folder, passphrase = Path(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv[:1])
    settings = s.Settings(Path(tempfile.mkdtemp()) / "settings.json")
    shell = Shell(folder, settings)
    shell.show_unlock()  # as at a real start: the unlock window, then the person types
    typing_until = time.perf_counter() + 1.5
    while time.perf_counter() < typing_until:
        app.processEvents()
        time.sleep(0.01)

    loaded = keyslots.load(folder)
    t0 = time.perf_counter()
    opened = keychange.open_with_passphrase(folder, loaded, passphrase)
    kdf = time.perf_counter() - t0
    assert opened is not None
    sf, key = opened

    t1 = time.perf_counter()
    # The GUI's path: the full page check runs right after the window is up.
    vault = Vault._open(folder, key, sf, "passphrase", loaded, False)
    shell.unlocked(vault)
    assert shell.main is not None
    view = shell.main.cases.view
    deadline = time.perf_counter() + 10
    while view.model().rowCount() == 0:  # the first page (then the rest, off the UI thread)
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the case list never filled")
        time.sleep(0.0005)
    view.repaint()  # the first page on screen
    opened = time.perf_counter() - t1

    expected = int(sys.argv[3])
    cases = shell.main.cases
    deadline = time.perf_counter() + 30
    while len(cases.all_rows) < expected:  # keystrokes are timed on the whole list
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the whole case list never arrived")
        time.sleep(0.001)
    search = shell.main.cases.search
    search.setFocus()
    keys = []
    for ch in "exempel ekvall alva 98":
        t = time.perf_counter()
        QTest.keyClick(search, ch if ch != " " else Qt.Key.Key_Space)
        view.repaint()
        app.processEvents()
        keys.append(time.perf_counter() - t)
    rss = psutil.Process().memory_info().rss / 1e6
    print(
        json.dumps(
            {
                "kdf_ms": kdf * 1000,
                "open_ms": opened * 1000,
                "key_median_ms": statistics.median(keys) * 1000,
                "key_max_ms": max(keys) * 1000,
                "rss_mb": rss,
            }
        )
    )
    shell.main.teardown()
    vault.lock()


if __name__ == "__main__":
    main()
