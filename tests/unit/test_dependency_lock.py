"""Reproducible dependencies: requirements/lock.txt pins every dependency of
pyproject.toml (and each of theirs) exactly, with hashes, inside pyproject's bounds, for
Python 3.11+ on Linux and Windows; dev.py reinstalls when the lock changes; the frozen
build's SBOM names what it bundles at the locked versions."""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "installer"))
import lockfile  # noqa: E402

LOCK_TEXT = lockfile.LOCK.read_text(encoding="utf-8")
RERUN = "python3 dev.py lock (see CONTRIBUTING.md)"


def _installed_requires() -> dict[str, list[str]]:
    return {canonicalize_name(d.metadata["Name"]): d.requires or [] for d in md.distributions()}


def test_every_declared_dependency_is_pinned_with_hashes_inside_its_bounds() -> None:
    pins = lockfile.read_lock(LOCK_TEXT)
    declared = lockfile.declared_requirements()
    names = {r.name.lower() for r in declared}
    assert {"pyside6-essentials", "pyhanko", "pytest", "pyinstaller", "setuptools", "pip"} <= names
    assert lockfile.problems(pins, declared) == [], RERUN
    for pin in pins.values():
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), pin.name


def test_the_lock_reaches_every_dependency_of_a_dependency_on_linux_and_windows() -> None:
    pins = lockfile.read_lock(LOCK_TEXT)
    declared = lockfile.declared_requirements()
    # Another platform's packages are not installed here: the walk stops at them.
    requires = _installed_requires()
    assert lockfile.unlocked_dependencies(pins, declared, requires.get) == [], RERUN
    # Packages only Windows needs are locked too (keyring's backend, PyInstaller's PE tools).
    windows = next(t for t in lockfile.TARGETS if t["sys_platform"] == "win32")
    linux = next(t for t in lockfile.TARGETS if t["sys_platform"] == "linux")
    assert pins["pywin32-ctypes"].applies(windows) and not pins["pywin32-ctypes"].applies(linux)
    assert pins["pefile"].applies(windows)
    assert pins["secretstorage"].applies(linux) and not pins["secretstorage"].applies(windows)


def test_the_installed_environment_is_the_lock() -> None:
    """What the tests run against is what the lock says (dev.py installs it)."""
    pins = lockfile.read_lock(LOCK_TEXT)
    major, minor = sys.version_info[:2]
    here = {"sys_platform": sys.platform, "python_version": f"{major}.{minor}"}
    for name in ("pyside6-essentials", "pyhanko", "cryptography", "sqlcipher3", "pytest"):
        assert pins[name].applies(here)
        assert md.version(name) == pins[name].version, "python3 dev.py test reinstalls the lock"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (
            lambda t: t.replace("pyside6-essentials==6.11.3", "pyside6-essentials==6.12.0"),
            "pyside6-essentials==6.12.0 is outside",
        ),
        (
            lambda t: re.sub(r"(?m)^pyhanko==\S+ \\\n(    --hash=\S+( \\)?\n)+", "", t),
            "pyHanko<0.39,>=0.38 is not in the lock",
        ),
        (
            lambda t: re.sub(r"(?m)^(sqlcipher3==\S+) \\\n(    --hash=\S+( \\)?\n)+", r"\1\n", t),
            "sqlcipher3==0.6.4 has no sha256 hash",
        ),
        (
            lambda t: t.replace(
                "keyring==25.7.0 \\", "keyring==25.7.0 ; sys_platform == 'linux' \\"
            ),
            "keyring is not locked for win32 3.11",
        ),
    ],
    ids=["pyside6-6.12.0", "pyhanko-missing", "hash-missing", "linux-only"],
)
def test_a_lock_that_breaks_pyproject_is_refused(change, complaint) -> None:  # type: ignore[no-untyped-def]
    broken = change(LOCK_TEXT)
    assert broken != LOCK_TEXT
    found = lockfile.problems(lockfile.read_lock(broken), lockfile.declared_requirements())
    assert any(complaint in line for line in found), found


def test_pyproject_keeps_pyside_6_12_0_out() -> None:
    """design §4b: 6.12.0 aborts CPython 3.11; the lock test above relies on the bound."""
    declared = {r.name.lower(): r for r in lockfile.declared_requirements()}
    assert not declared["pyside6-essentials"].specifier.contains("6.12.0")


# ------------------------------------------------------------------ dev.py
def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_under_test", REPO / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_py_reinstalls_when_the_lock_changes(tmp_path: Path) -> None:
    dev = _dev()
    dev.ROOT = tmp_path
    dev.LOCK = tmp_path / "lock.txt"
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    dev.LOCK.write_text(LOCK_TEXT, encoding="utf-8")
    before = dev.env_digest()
    dev.LOCK.write_text(LOCK_TEXT.replace("pytest==", "pytest==0+"), encoding="utf-8")
    assert dev.env_digest() != before
    dev.LOCK.write_text(LOCK_TEXT, encoding="utf-8")
    assert dev.env_digest() == before


def test_dev_py_installs_only_from_the_lock_and_documents_how_to_update_it() -> None:
    dev_text = (REPO / "dev.py").read_text(encoding="utf-8")
    assert '"--require-hashes", "-r", str(LOCK)' in dev_text
    assert '"--no-deps", "--no-build-isolation", "-e", "."' in dev_text
    assert "lock" in _dev().COMMANDS
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "python3 dev.py lock" in contributing
    assert "python3 dev.py lock" in LOCK_TEXT.splitlines()[1]  # the lock's own header


# -------------------------------------------------------------------- SBOM
def test_the_sbom_names_what_is_bundled_at_the_locked_versions(tmp_path: Path) -> None:
    import pyhanko.sign
    import sbom  # installer/sbom.py (cyclonedx-python-lib: the build extra)
    from PySide6 import QtCore

    sources = [QtCore.__file__, pyhanko.sign.__file__, json.__file__, str(REPO / "app" / "cli.py")]
    candidates = [md.distribution(n) for n in ("pyside6-essentials", "pyhanko", "pytest", "pip")]
    dists = sbom.bundled_distributions(sources, candidates)
    assert set(dists) == {"pyside6-essentials", "pyhanko"}  # not pytest, not the stdlib
    assert sbom.lock_mismatches(dists, LOCK_TEXT) == []
    text = sbom.to_json(sbom.make_bom(dists, "9.9.9"))  # validated against the schema
    data = json.loads(text)
    versions = {c["name"]: c["version"] for c in data["components"]}
    assert versions["pyHanko"] == md.version("pyhanko")
    assert versions["PySide6_Essentials"] == md.version("pyside6-essentials")
    assert data["metadata"]["component"]["version"] == "9.9.9"
    out = tmp_path / "bom.json"
    out.write_text(text, encoding="utf-8")
    assert sbom.check(out, ["PySide6-Essentials", "pyHanko"]) == []
    assert sbom.check(out, ["pytest"]) == ["pytest is not listed with a version in bom.json"]
    stale = LOCK_TEXT.replace("pyhanko==", "pyhanko==0.1.0+")
    assert sbom.lock_mismatches(dists, stale)  # a bundle that is not the lock fails the build
