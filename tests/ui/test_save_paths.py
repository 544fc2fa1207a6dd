"""Save dialogs start in the user's Documents folder with a dated file name (the day from
the session's clock), not in the program's working folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.store import Store
from ui.casefile.oversight import LogView
from ui.common import savepath
from ui.vault import vault_actions


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder in it."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / "Documents"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where each save dialog started (the person cancels)."""
    starts: list[str] = []

    def ask(parent, title, start, file_filter):  # type: ignore[no-untyped-def]
        starts.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return starts


def test_the_backup_dialog_starts_in_documents_with_todays_date(documents, asked, clock) -> None:  # type: ignore[no-untyped-def]
    assert vault_actions.ask_backup_path(None, clock.today()) is None  # cancelled
    assert asked == [str(documents / "utvag-backup-2026-11-23.utvagbak")]


def test_the_log_export_starts_in_documents_with_the_day(  # type: ignore[no-untyped-def]
    qtbot, documents, asked, vault, clock
) -> None:
    view = LogView(Store(vault, clock=clock))
    qtbot.addWidget(view)
    view.refresh()
    view.export()
    assert asked == [str(documents / "loggkontroll-2026-11-23.csv")]


def test_without_a_documents_folder_the_home_folder(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert savepath.documents() == tmp_path
    assert Path(savepath.in_documents("a.pdf")).parent == tmp_path != Path.cwd()
