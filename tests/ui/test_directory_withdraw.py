"""Withdrawing trust in the directory window: a trusted certificate can only be untrusted
(one click, audited); only an untrusted one can then be removed."""

from __future__ import annotations

from app.store import Store
from tests.ui.helpers import click
from tests.ui.test_handover_identity import store
from tests.unit.test_handover_support import identity
from ui.handover.directory import DirectoryDialog

__all__ = ["store"]  # fixture, re-exported for pytest


def test_untrust_then_remove_from_the_directory_window(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    cert = identity("Mottagarstad").certificate
    store.add_certificate(cert, trusted=True)
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    assert dialog.untrust_button.isEnabled() and not dialog.remove_button.isEnabled()
    click(qtbot, dialog, "Dra tillbaka förtroendet")
    assert not store.directory()[0].trusted
    assert dialog.table.item(0, 3).text() == "Inte jämfört"
    assert "inte längre betrott" in dialog.banner.text
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled() and not dialog.untrust_button.isEnabled()
    click(qtbot, dialog, "Ta bort ur katalogen")
    assert store.directory() == [] and dialog.table.rowCount() == 0
    events = [r.event for r in store.audit_log()]
    assert "directory_untrusted" in events and "directory_removed" in events
