"""Issue 2 benchmarks: cold start, open + first page of the case list, filter keystroke,
vault size against plain SQLite, resident memory. ``--quick`` uses 1,000 cases."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Row, median_ms, print_table  # noqa: E402
from bench.gen import PASSPHRASE, cases_vault  # noqa: E402

MINIMAL_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1]); w = QWidget(); w.resize(400, 300); w.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.exit(0)))
app.exec()
"""


def _start_time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=30)
    if not line.startswith("ready"):
        raise RuntimeError(f"{cmd} did not report ready: {line!r}")
    return elapsed


def cold_start(vault_dir: Path, runs: int) -> Row:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UTVAG_EXIT_WHEN_READY": "1"}
    minimal, utvag = [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        minimal.append(_start_time([sys.executable, "-c", MINIMAL_WINDOW], env))
        utvag.append(
            _start_time([sys.executable, "-m", "ui.launcher", "--vault", str(vault_dir)], env)
        )
    ratio = statistics.median(utvag) / statistics.median(minimal)
    return Row(
        "cold start to unlock window",
        f"{median_ms(utvag):.0f} ms = {ratio:.2f} × minimal window ({median_ms(minimal):.0f} ms)",
        "≤ 2 ×",
        ratio <= 2.0,
    )


def open_and_filter(vault_dir: Path, cases: int) -> list[Row]:
    """In a fresh process: time from the unwrapped key to the first page of the case
    list on screen, then one filter keystroke; report resident memory."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.probe_open", str(vault_dir), PASSPHRASE, str(cases)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return [
        Row(
            f"open vault + first page of {cases:,} cases (after KDF)",
            f"{data['open_ms']:.0f} ms (KDF {data['kdf_ms']:.0f} ms)",
            "≤ 150 ms",
            data["open_ms"] <= 150,
        ),
        Row(
            "filter keystroke on that list (median / max)",
            f"{data['key_median_ms']:.1f} / {data['key_max_ms']:.1f} ms",
            "≤ 16 ms",
            data["key_median_ms"] <= 16,
        ),
        Row(
            f"resident memory, {cases:,} cases open",
            f"{data['rss_mb']:.0f} MB",
            "≤ 250 MB",
            data["rss_mb"] <= 250,
        ),
    ]


def size_ratio(vault_dir: Path) -> Row:
    from app.vault import keyslots
    from app.vault.db import connect

    sf = keyslots.load(vault_dir).slots
    key = keyslots.open_passphrase_slot(sf, PASSPHRASE, None)
    assert key is not None
    with tempfile.TemporaryDirectory() as tmp:
        # The same data, exported page by page, into plain SQLite (fictional data only).
        plain = Path(tmp) / "plain.db"
        conn = connect(vault_dir / "vault.db", key)
        conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
        conn.close()
        vault_size = (vault_dir / "vault.db").stat().st_size
        plain_size = plain.stat().st_size
    ratio = vault_size / plain_size
    return Row(
        "vault size vs plain SQLite",
        f"{vault_size / 1e6:.1f} MB = {ratio:.3f} ×",
        "≤ 1.1 ×",
        ratio <= 1.1,
    )


def main() -> int:
    quick = "--quick" in sys.argv
    cases = 1_000 if quick else 10_000
    started = time.perf_counter()
    vault_dir = cases_vault(cases)
    print(f"(vault with {cases:,} cases ready after {time.perf_counter() - started:.1f} s)")
    rows = [cold_start(vault_dir, 5 if quick else 11)]
    rows += open_and_filter(vault_dir, cases)
    rows.append(size_ratio(vault_dir))
    print_table(f"Vault and shell ({cases:,} cases)", rows)
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
