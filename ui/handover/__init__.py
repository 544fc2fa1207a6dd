"""Sealed handover between municipalities (issue 4): identity and roles, the
directory, the export wizard, verify/import with receipts.

Entry points for the main window's "Överlämning" menu; each opens a non-modal dialog
and returns it. ``ops`` and ``clipboard`` are the session's (``Services``) when given."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.store import Store
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard


def _show(dialog: QDialog) -> QDialog:
    dialog.show()
    dialog.raise_()
    return dialog


def open_export_wizard(
    parent: QWidget | None,
    store: Store,
    case_ref: str | None = None,
    *,
    ops: Ops | None = None,
    clipboard: ClipboardGuard | None = None,
) -> QDialog:
    from ui.handover.export_wizard import ExportWizard

    return _show(ExportWizard(parent, store, case_ref, ops=ops, clipboard=clipboard))


def open_verify_dialog(parent: QWidget | None, store: Store, *, ops: Ops | None = None) -> QDialog:
    from ui.handover.verify import VerifyDialog

    return _show(VerifyDialog(parent, store, ops))


def open_receipt_import_dialog(
    parent: QWidget | None, store: Store, *, ops: Ops | None = None
) -> QDialog:
    from ui.handover.receipt import ReceiptImportDialog

    return _show(ReceiptImportDialog(parent, store, ops))


def open_identity_dialog(
    parent: QWidget | None, store: Store, *, ops: Ops | None = None
) -> QDialog:
    from ui.handover.identity import IdentityDialog

    return _show(IdentityDialog(parent, store, ops))


def open_transfer_dialog(parent: QWidget | None, store: Store, case_ref: str) -> QDialog:
    from ui.handover.transfer import TransferDialog

    return _show(TransferDialog(parent, store, case_ref))


def open_directory_dialog(parent: QWidget | None, store: Store) -> QDialog:
    from ui.handover.directory import DirectoryDialog

    return _show(DirectoryDialog(parent, store))


__all__ = [
    "open_directory_dialog",
    "open_export_wizard",
    "open_identity_dialog",
    "open_receipt_import_dialog",
    "open_transfer_dialog",
    "open_verify_dialog",
]
