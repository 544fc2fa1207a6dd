"""An imported case appears in Ärenden at once (it used to need a lock and unlock): the
receive dialog hands the import's Changes to the session's ops, as every verb's do."""

from __future__ import annotations

from app import settings as s
from tests.ui.dialog_catalog import Kit, kit
from tests.ui.helpers import click
from tests.ui.test_handover_export import parties
from ui.common.ops import Ops
from ui.handover.verify import VerifyDialog
from ui.shell.clipboard import ClipboardGuard
from ui.shell.main_window import MainWindow, Services

__all__ = ["kit", "parties"]  # fixtures, re-exported for pytest


def test_an_imported_case_appears_in_the_case_list_at_once(
    qtbot, kit: Kit, settings: s.Settings
) -> None:  # type: ignore[no-untyped-def]
    ops = Ops()
    window = MainWindow(kit.receiver.vault, kit.receiver, Services(ops, settings, ClipboardGuard()))
    qtbot.addWidget(window)
    window.show()
    window.refresh_cases()
    qtbot.waitUntil(lambda: window.cases.model.rows is not None, timeout=5000)
    before = {row.ref for row in kit.receiver.case_rows()}
    qtbot.waitUntil(lambda: len(window.cases.model.rows) == len(before), timeout=5000)
    dialog = VerifyDialog(window, kit.receiver, ops)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    assert "Öppna ett paket" in dialog.import_button.toolTip()  # says why, not silent
    dialog.load(kit.packet.read_bytes())
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    click(qtbot, dialog, "Läs in som nytt ärende")
    assert dialog.imported_case is not None
    assert dialog.import_button.toolTip() == "Paketet är redan inläst."
    qtbot.waitUntil(lambda: len(window.cases.model.rows) == len(before) + 1, timeout=5000)
    shown = {row.ref for row in window.cases.model.rows}
    assert shown - before  # the new case's row, without locking and unlocking
    window.close()
