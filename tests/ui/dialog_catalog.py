"""Every dialog under ui/, built with what it needs, for the tests that walk them all
(fit to screen, accessible names, mnemonics). ``dialog_classes()`` finds each QDialog
subclass (QWizard included) by importing every module under ui/; a new dialog without a
factory in ``FACTORIES`` makes ``test_every_dialog_is_in_the_catalog`` fail: add one.

A factory takes the ``Kit`` (two vaults that trust each other, a populated case, a
sealed packet between them) and returns the dialogs to check, already shown, in the
state where they are largest (the receive dialog with a verified packet and preview)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

import ui
from app import settings as s
from app.domain.case import CaseStatus
from app.forms.definition import form_definition
from app.handover.receiving import ReceiveFlow
from app.handover.schema import SECTIONS
from app.store import Store
from tests.unit.test_handover_support import export_packet
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard

FORMS = (
    "threat_assessment",
    "safety_plan",
    "motivation_assessment",
    "consent",
    "child_best_interests",
    "child_views",
    "child_wishes_consent",
)


@dataclass
class Kit:
    qtbot: Any
    sender: Store
    receiver: Store
    ref: str
    packet: Path
    tmp_path: Path
    settings: s.Settings

    def ops(self) -> Ops:
        return Ops()


@pytest.fixture
def kit(qtbot, parties, tmp_path: Path, settings: s.Settings) -> Iterator[Kit]:  # type: ignore[no-untyped-def]
    """Two vaults that trust each other (``parties``) and a packet sealed between them."""
    sender, receiver, ref = parties
    packet = tmp_path / "packet.pdf"
    theirs = receiver.identity().certificate
    export_packet(sender, ref, packet, sections=list(SECTIONS), recipients=(theirs,))
    yield Kit(qtbot, sender, receiver, ref, packet, tmp_path, settings)


def dialog_classes() -> dict[str, type[QDialog]]:
    """Every QDialog subclass defined under ui/, by qualified name."""
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        if info.name != "ui.launcher":
            importlib.import_module(info.name)
    found: dict[str, type[QDialog]] = {}
    todo: list[type] = [QDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ui."):
                found[f"{sub.__module__}.{sub.__qualname__}"] = sub
    return found


def _first_entry(kit: Kit) -> Any:
    case = kit.sender.case_id_for_ref(kit.ref)
    return kit.sender.journal(case)[0]


def _a_task(kit: Kit) -> Any:
    case = kit.sender.case_id_for_ref(kit.ref)
    return kit.sender.tasks(case)[0]


def _verify(kit: Kit) -> QDialog:
    from ui.handover.verify import VerifyDialog

    dialog = VerifyDialog(None, kit.receiver, kit.ops())
    dialog.load(kit.packet.read_bytes())
    kit.qtbot.waitUntil(lambda: dialog.checked is not None, timeout=20000)
    return dialog


def _no_save(data: Any, reason: str) -> None:
    return None


def _flow(kit: Kit) -> ReceiveFlow:
    return ReceiveFlow(kit.receiver, kit.packet.read_bytes())


def _factories() -> dict[str, Callable[[Kit], list[QDialog]]]:
    from ui.case_dialogs import NewCaseDialog
    from ui.casefile.actors import LinkActorDialog
    from ui.casefile.child import GuardianDialog
    from ui.casefile.consents import WithdrawDialog
    from ui.casefile.dialogs import DecisionDialog, StatusDialog
    from ui.casefile.identity import RevealDialog
    from ui.casefile.journal_view import CorrectionDialog, Mode
    from ui.casefile.retention import CullDialog
    from ui.casefile.task_dialog import TaskDialog, TaskMode
    from ui.forms.dialog import FormDialog
    from ui.handover.directory import DirectoryDialog, TrustDialog
    from ui.handover.export_wizard import ExportWizard
    from ui.handover.identity import IdentityDialog, PasswordDialog, PilotIdentityDialog
    from ui.handover.receipt import ReceiptDialog, ReceiptImportDialog
    from ui.handover.transfer import TransferDialog
    from ui.shell.about import AboutDialog
    from ui.shell.settings_dialog import SettingsDialog
    from ui.shell.shortcuts_dialog import ShortcutsDialog
    from ui.vault.passphrase_dialog import ChangePassphraseDialog
    from ui.vault.rekey_dialog import NewKeysDialog
    from ui.vault.restore_dialog import RestoreDialog
    from ui.vault.wizard import FirstRunWizard

    today = "2026-11-23"
    return {
        "ui.case_dialogs.NewCaseDialog": lambda k: [NewCaseDialog(k.sender, k.ops())],
        "ui.casefile.actors.LinkActorDialog": lambda k: [LinkActorDialog(k.sender.actors())],
        "ui.casefile.child.GuardianDialog": lambda k: [GuardianDialog()],
        "ui.casefile.consents.WithdrawDialog": lambda k: [WithdrawDialog(today)],
        "ui.casefile.dialogs.DecisionDialog": lambda k: [DecisionDialog(today)],
        "ui.casefile.dialogs.StatusDialog": lambda k: [StatusDialog(CaseStatus.ACTIVE, today)],
        "ui.casefile.identity.RevealDialog": lambda k: [RevealDialog()],
        "ui.casefile.journal_view.CorrectionDialog": lambda k: [
            CorrectionDialog(_first_entry(k), lambda text, reason: None, k.ops(), mode=mode)
            for mode in Mode
        ],
        "ui.casefile.task_dialog.TaskDialog": lambda k: [
            TaskDialog(_a_task(k), mode, k.sender.today(), k.sender.task_owners())
            for mode in TaskMode
        ],
        "ui.casefile.retention.CullDialog": lambda k: [CullDialog(k.sender.retention_review())],
        "ui.forms.dialog.FormDialog": lambda k: [
            FormDialog(form_definition(f), _no_save, k.ops(), reason_label="Skäl") for f in FORMS
        ],
        "ui.handover.directory.DirectoryDialog": lambda k: [DirectoryDialog(None, k.sender)],
        "ui.handover.directory.TrustDialog": lambda k: [
            TrustDialog(None, k.receiver.identity().certificate, k.sender.clock)  # type: ignore[union-attr]
        ],
        "ui.handover.export_wizard.ExportWizard": lambda k: [
            ExportWizard(None, k.sender, k.ref, ops=k.ops(), clipboard=ClipboardGuard())
        ],
        "ui.handover.identity.IdentityDialog": lambda k: [IdentityDialog(None, k.sender, k.ops())],
        "ui.handover.identity.PasswordDialog": lambda k: [PasswordDialog(None)],
        "ui.handover.identity.PilotIdentityDialog": lambda k: [
            PilotIdentityDialog(None, "Exempelby kommun")
        ],
        "ui.handover.receipt.ReceiptDialog": lambda k: [
            ReceiptDialog(None, _flow(k), k.ref, k.ops())
        ],
        "ui.handover.receipt.ReceiptImportDialog": lambda k: [
            ReceiptImportDialog(None, k.sender, k.ops())
        ],
        "ui.handover.transfer.TransferDialog": lambda k: [TransferDialog(None, k.sender, k.ref)],
        "ui.handover.verify.VerifyDialog": lambda k: [_verify(k)],
        "ui.shell.about.AboutDialog": lambda k: [AboutDialog("4.6.1 community")],
        "ui.shell.settings_dialog.SettingsDialog": lambda k: [SettingsDialog(k.settings)],
        "ui.shell.shortcuts_dialog.ShortcutsDialog": lambda k: [ShortcutsDialog()],
        "ui.vault.passphrase_dialog.ChangePassphraseDialog": lambda k: [
            ChangePassphraseDialog(k.sender.vault, k.ops())
        ],
        "ui.vault.passphrase_dialog.PassphraseDialogBase": lambda k: [],  # base class only
        "ui.handover.common.HandoverDialog": lambda k: [],  # base class only
        "ui.vault.rekey_dialog.NewKeysDialog": lambda k: [
            NewKeysDialog(k.sender.vault, k.ops(), new_passphrase=True),
            NewKeysDialog(k.sender.vault, k.ops(), new_passphrase=False),
        ],
        "ui.vault.restore_dialog.RestoreDialog": lambda k: [
            RestoreDialog(k.tmp_path / "restored", k.ops(), clock=k.sender.clock)
        ],
        "ui.vault.wizard.FirstRunWizard": lambda k: [
            FirstRunWizard(k.tmp_path / "new", k.ops(), clock=k.sender.clock)
        ],
        "ui.common.fit.ScrollingDialog": lambda k: [],  # base class only
    }


FACTORIES = _factories()


def build_all(kit: Kit) -> list[tuple[str, QDialog]]:
    built: list[tuple[str, QDialog]] = []
    for name, factory in FACTORIES.items():
        for dialog in factory(kit):
            kit.qtbot.addWidget(dialog)
            built.append((name, dialog))
    return built


__all__ = ["FACTORIES", "FORMS", "Kit", "build_all", "dialog_classes", "kit"]
