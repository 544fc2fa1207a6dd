"""Run every benchmark and print one table each (``python3 dev.py bench [--quick]``).

Each benchmark generates its own fictional data at the sizes the issues name
(``--quick``: small sizes for a fast look) and reports medians and ratios measured in
the same run. Exit status 1 if any target was missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SUITES = ("bench_vault.py", "bench_casefile.py", "bench_search.py", "bench_handover.py")


def main() -> int:
    args = sys.argv[1:]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(BENCH.parent)}
    worst = 0
    for suite in SUITES:
        path = BENCH / suite
        if not path.exists():
            print(f"\n(missing benchmark {suite})")
            worst = 1
            continue
        code = subprocess.run([sys.executable, str(path), *args], env=env).returncode
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
