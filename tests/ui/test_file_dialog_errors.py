"""A file chosen in a dialog that cannot be read or written gives a message naming it,
never a silent failure: through the real dialogs' code (only the OS file dialog is
answered), for opening a packet, importing a certificate, exporting the log, saving a
register extract and writing a backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.store import Store
from tests.ui.helpers import click
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import LogView, export
from ui.common import reports
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.handover.directory import DirectoryDialog
from ui.handover.verify import VerifyDialog
from ui.vault import vault_actions


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


@pytest.fixture
def store(vault) -> Store:  # type: ignore[no-untyped-def]
    return Store(vault)


@pytest.mark.parametrize("what", ["folder", "missing file"])
def test_opening_a_packet_that_cannot_be_read_says_which_file(  # type: ignore[no-untyped-def]
    qtbot, store, tmp_path, monkeypatch, what
) -> None:
    chosen = tmp_path if what == "folder" else tmp_path / "borta.pdf"
    dialog = VerifyDialog(None, store, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    answer_open(monkeypatch, chosen)
    click(qtbot, dialog, "Öppna paket…")
    shown = dialog.banner.text
    assert str(chosen) in shown, shown
    assert ("är en mapp" if what == "folder" else "finns inte") in shown
    assert dialog.flow is None  # nothing was opened


def test_importing_a_certificate_from_a_folder_says_so(  # type: ignore[no-untyped-def]
    qtbot, store, tmp_path, monkeypatch
) -> None:
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    answer_open(monkeypatch, tmp_path)
    click(qtbot, dialog, "Importera certifikat…")
    assert str(tmp_path) in dialog.banner.text and "är en mapp" in dialog.banner.text


def test_log_export_to_a_missing_folder_says_so_and_records_nothing(  # type: ignore[no-untyped-def]
    qtbot, keep, store, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "finns-inte" / "logg.csv"
    monkeypatch.setattr(export, "ask_path", lambda parent, title, name: str(target))
    view = LogView(store)
    keep(view)
    view.show()
    click(qtbot, view, "Exportera CSV …")
    assert str(target) in view.banner.text and "finns inte" in view.banner.text
    assert not store.audit_log(events=("exported",))


def test_register_extract_into_a_missing_folder_names_it(  # type: ignore[no-untyped-def]
    qtbot, store, tmp_path, monkeypatch
) -> None:
    person = store.add_person("Ada", "Exempelsson").new_id
    target = tmp_path / "finns-inte" / "utdrag.pdf"
    monkeypatch.setattr(reports, "ask_path", lambda parent, title, name, kind: str(target))
    banner = Banner()
    qtbot.addWidget(banner)
    assert reports.save_register_extract(None, store, person, banner=banner) is None
    assert str(target) in banner.text and "finns inte" in banner.text
    assert not target.parent.exists()


def test_backup_into_a_missing_folder_names_it(qtbot, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "finns-inte" / "kopia.utvagbak"
    banner, ops = Banner(), Ops()
    qtbot.addWidget(banner)
    vault_actions.run_backup(vault, target, ops, banner)
    qtbot.waitUntil(lambda: bool(banner.text), timeout=20000)
    assert str(target) in banner.text and "finns inte" in banner.text
