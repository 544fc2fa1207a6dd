#!/usr/bin/env python3
"""One entry point for developers and CI; needs only Python >= 3.11 and pip.

    python3 dev.py run     set everything up (a local .venv) and start Utväg
    python3 dev.py test    set everything up and run the whole test suite, GUI included
                           (offscreen), then ruff and mypy (the interop checks with
                           poppler/qpdf/PDFBox run from .ci/interop.sh)
    python3 dev.py bench   run the benchmarks (python3 dev.py bench --quick for a short run)
    python3 dev.py samples write fictional sample packets and a test PFX for the Acrobat
                           Reader protocol (docs/ACROBAT.md; --out FOLDER)
    python3 dev.py build   build the frozen one-folder bundle (installer/)
    python3 dev.py lock    re-resolve requirements/lock.txt after editing pyproject.toml
                           (keeps every other pin; --upgrade or --upgrade-package NAME
                           to move pins), then install it

Extra arguments after the command go to the tool (pytest, utvag, bench, uv pip compile);
a leading "--" is dropped (python3 dev.py run -- --demo).
Every command installs requirements/lock.txt (exact versions, checked by hash) into
.venv first, whenever the lock or pyproject.toml changed.
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
LOCK = ROOT / "requirements" / "lock.txt"
LOCK_INPUTS = ["pyproject.toml", "requirements/tools.in"]  # tools.in: pip, setuptools


def ensure_env(*, strict: bool = True) -> None:
    """Create .venv and install the lock (hash-checked), then the project (editable,
    without resolving anything), whenever pyproject.toml or the lock changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py may be started by an old Python)
        sys.exit("Utväg needs Python 3.11 or newer")
    if not PY.exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    wanted = env_digest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("dev.py: installing requirements/lock.txt into .venv", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--require-hashes", "-r", str(LOCK)], check=True, cwd=ROOT)
    # The lock pins setuptools too: build the project with it, not a fresh download.
    editable = [*pip, "--no-deps", "--no-build-isolation", "-e", "."]
    subprocess.run(editable, check=True, cwd=ROOT)
    check = subprocess.run([str(PY), "-m", "pip", "check"], cwd=ROOT, capture_output=True)
    if check.returncode != 0:
        print(check.stdout.decode(errors="replace"), end="", flush=True)
        hint = "dev.py: requirements/lock.txt does not satisfy pyproject.toml: python3 dev.py lock"
        if strict:
            sys.exit(hint)
        print(hint, flush=True)
        return
    stamp.write_text(wanted)


def env_digest() -> str:
    """What .venv was installed from: a change to either file reinstalls."""
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()


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


def cmd_samples(extra: list[str]) -> int:
    return run([str(PY), str(ROOT / "scripts" / "acrobat_samples.py"), *extra])


def cmd_build(extra: list[str]) -> int:
    return run([str(PY), str(ROOT / "installer" / "build.py"), *extra])


def cmd_lock(extra: list[str]) -> int:
    """Resolve the lock for Python 3.11+ on every platform at once (--universal), with
    the hash of every file PyPI has for each pinned version; existing pins are kept
    unless --upgrade / --upgrade-package NAME is given. Then install it."""
    compile_ = [str(PY), "-m", "uv", "pip", "compile", *LOCK_INPUTS, "--all-extras",
                "--universal", "--python-version", "3.11", "--generate-hashes",
                "--custom-compile-command", "python3 dev.py lock",
                "--quiet", "-o", str(LOCK.relative_to(ROOT)), *extra]  # fmt: skip
    code = run(compile_)
    if code == 0:
        ensure_env()
    return code


COMMANDS = {
    "run": cmd_run,
    "test": cmd_test,
    "bench": cmd_bench,
    "samples": cmd_samples,
    "build": cmd_build,
    "lock": cmd_lock,
}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    # `lock` must run even when the lock no longer satisfies pyproject.toml.
    ensure_env(strict=sys.argv[1] != "lock")
    extra = sys.argv[2:]
    if extra[:1] == ["--"]:  # `dev.py run -- --demo`: "--" only separates dev.py's part
        extra = extra[1:]
    return COMMANDS[sys.argv[1]](extra)


if __name__ == "__main__":
    sys.exit(main())
