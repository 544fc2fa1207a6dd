"""GUI test fixtures: offscreen Qt, the cheap test KDF, a tmp vault folder and tmp
settings (never the real user's), Swedish at the start of every test, and a shell whose
windows are closed and whose vault is locked afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from app import settings as s
from app.store import Store
from tests.conftest import PROFILE
from tests.templates import TEMPLATES, MemoryKeyring
from tests.ui.helpers import add_sample_cases, dispose_shells
from ui.common import language
from ui.common.gc_guard import MainThreadGC
from ui.shell.lifecycle import Shell


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_ui_thread(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """As the app does (ui.common.gc_guard): a collection on a worker thread would free Qt
    objects left over from earlier tests on the wrong thread."""
    collector = MainThreadGC()
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _work_finishes_within_its_test() -> Iterator[None]:
    """Work a test started on the thread pool ends before the next test (and before
    the interpreter exits): a worker still running during another test's teardown or
    at shutdown can crash the process."""
    yield
    assert QThreadPool.globalInstance().waitForDone(30000), "background work did not finish"
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("UTVAG_CONFIG_DIR", str(tmp_path / "config"))
    language.language().apply("sv")
    yield
    language.language().apply("sv")


@pytest.fixture
def settings(tmp_path: Path) -> s.Settings:
    return s.Settings(tmp_path / "config" / s.FILE_NAME)


@pytest.fixture
def make_shell(qtbot, vault_dir: Path, settings: s.Settings, clock):  # type: ignore[no-untyped-def]
    """A shell on ``vault_dir`` (the production path: the real store); cleaned up after
    the test. The session clock is the pinned ``clock``."""
    shells: list[Shell] = []

    def make() -> Shell:
        shell = Shell(vault_dir, settings, clock=clock)
        shells.append(shell)
        return shell

    yield make
    dispose_shells(qtbot, shells)


@pytest.fixture
def existing_vault(vault_dir: Path, memory_keyring: MemoryKeyring, clock) -> Path:
    """A vault that exists on disk and is locked (as on a normal morning)."""
    created, _recovery = TEMPLATES.open_copy(vault_dir, PROFILE, clock=clock)
    created.lock()
    return vault_dir


@pytest.fixture
def sample_vault(vault_dir: Path, memory_keyring: MemoryKeyring, clock) -> Path:
    """A locked vault holding the three fictional sample cases."""
    created, _recovery = TEMPLATES.open_copy(vault_dir, PROFILE, clock=clock)
    add_sample_cases(Store(created))
    created.lock()
    return vault_dir
