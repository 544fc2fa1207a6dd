#!/usr/bin/env python3
"""One entry point for developers and CI; needs only Python >= 3.11 and pip.

    python3 dev.py run     set everything up (a local .venv) and start Utväg
    python3 dev.py test    set everything up and run the whole test suite, GUI included
                           (offscreen), then ruff and mypy (the interop checks with
                           poppler/qpdf/PDFBox run from .ci/interop.sh)
    python3 dev.py bench   run the benchmarks (python3 dev.py bench --quick for a short run)
    python3 dev.py build   build the frozen one-folder bundle (installer/)

Extra arguments after the command go to the tool (pytest, utvag, bench).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
EXTRAS = "test,dev,build"


def ensure_env() -> None:
    """Create .venv and install the project (editable) when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py may be started by an old Python)
        sys.exit("Utväg needs Python 3.11 or newer")
    if not PY.exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("dev.py: installing dependencies into .venv", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f".[{EXTRAS}]"], check=True, cwd=ROOT)
    stamp.write_text(wanted)


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}).returncode


def cmd_run(extra: list[str]) -> int:
    return run([str(PY), "-m", "ui.launcher", *extra])


def cmd_test(extra: list[str]) -> int:
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    if extra:  # a selection of tests: skip the static checks
        return run([str(PY), "-m", "pytest", *extra], env)
    # Interop checks need independent PDF readers from the OS; .ci/interop.sh installs
    # them and runs `pytest -m interop` (python3 dev.py test -m interop runs them here).
    code = run([str(PY), "-m", "pytest", "-m", "not interop"], env)
    lint = run([str(PY), "-m", "ruff", "check", "app", "ui", "tests", "bench"])
    types = run([str(PY), "-m", "mypy"])
    print(f"dev.py: pytest={code} ruff={lint} mypy={types}")
    return code or lint or types


def cmd_bench(extra: list[str]) -> int:
    return run([str(PY), str(ROOT / "bench" / "run.py"), *extra])


def cmd_build(extra: list[str]) -> int:
    return run([str(PY), str(ROOT / "installer" / "build.py"), *extra])


COMMANDS = {"run": cmd_run, "test": cmd_test, "bench": cmd_bench, "build": cmd_build}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_env()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
