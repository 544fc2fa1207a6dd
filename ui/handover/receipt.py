"""Signed receipts. The receiving side answers a packet (accepted or declined with a
reason), sealed to the sender; the sending side imports the receipt, which closes the
transfer request. Both land in the case's journal."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.fsutil import atomic_write
from app.handover import vaultdata
from app.handover.payload import record_receipt
from app.handover.receipt import (
    ACCEPTED,
    DECISION_LABELS,
    DECLINED,
    build_receipt,
    open_receipt,
    seal_receipt,
)
from app.handover.verify import Opened, Verdict
from app.i18n import _
from app.store import Store
from ui.handover.common import HandoverDialog, choose_file, fingerprint_lines
from ui.handover.verify import VerdictPanel
from ui.ops import Ops


def write_receipt(
    store: Store, opened: Opened, packet_sha256: str, decision: str, reason: str, path: Path
) -> str:
    """Build, seal to the packet's signer, write atomically and journal the receipt."""
    assert opened.payload is not None and opened.signer is not None
    me = vaultdata.identity(store.vault)
    profile = store.vault.profile()
    receiver = {
        "municipality": profile.municipality or me.certificate.organisation or "–",
        "unit": profile.unit,
        "officer": profile.name or store.user,
    }
    receipt = build_receipt(opened.payload, packet_sha256, decision, reason, receiver)
    atomic_write(path, seal_receipt(receipt, me, opened.signer))
    record_receipt(store, receipt, "out", me.certificate.fingerprint)
    return str(receipt["receipt_id"])


class ReceiptDialog(HandoverDialog):
    """Answer a received packet with a sealed receipt."""

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        opened: Opened,
        sha256: str,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(
            parent,
            _("Kvitto till avsändaren"),
            _(
                "Kvittot signeras av ert valv och krypteras till avsändaren. Det besvarar "
                "begäran om överflyttning."
            ),
        )
        self.store, self.opened, self.sha256 = store, opened, sha256
        self.ops = ops or Ops()
        self.accept_radio = QRadioButton(_(DECISION_LABELS[ACCEPTED]))
        self.decline_radio = QRadioButton(_(DECISION_LABELS[DECLINED]))
        self.accept_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accept_radio)
        group.addButton(self.decline_radio)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("Skäl (krävs när ni avböjer)"))
        self.reason.setMaximumHeight(90)
        for widget in (self.accept_radio, self.decline_radio, self.reason):
            self.layout_.addWidget(widget)
        self.save_button = QPushButton(_("Spara kvitto…"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def decision(self) -> str:
        return ACCEPTED if self.accept_radio.isChecked() else DECLINED

    def save(self) -> None:
        ref = (self.opened.payload or {}).get("packet", {}).get("case_ref", "kvitto")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Spara kvitto"), str(Path.home() / f"{ref}-kvitto.pdf"), _("PDF (*.pdf)")
        )
        if not name:
            return
        decision, reason = self.decision(), self.reason.toPlainText()
        self.save_button.setEnabled(False)
        self.ops.run(
            lambda: write_receipt(
                self.store, self.opened, self.sha256, decision, reason, Path(name)
            ),
            label=_("Förseglar kvittot…"),
            on_done=lambda _rid: self._saved(Path(name)),
            on_error=self._failed,
        )

    def _saved(self, path: Path) -> None:
        self.banner.show_info(
            _("Kvittot är sparat i {path} och antecknat i journalen.").format(path=path)
        )

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.banner.show_error(exc)


def check_receipt(store: Store, data: bytes) -> tuple[Opened, str]:
    opened = open_receipt(
        data,
        identities=[vaultdata.identity(store.vault)],
        trusted=vaultdata.trusted_fingerprints(store.vault),
    )
    return opened, hashlib.sha256(data).hexdigest()


def import_checked_receipt(store: Store, opened: Opened) -> int:
    assert opened.payload is not None and opened.signer is not None
    return record_receipt(store, opened.payload, "in", opened.signer.fingerprint)


class ReceiptImportDialog(HandoverDialog):
    """The sending side: read a receipt and let it answer the transfer request."""

    def __init__(self, parent: QWidget | None, store: Store, ops: Ops | None = None) -> None:
        super().__init__(
            parent,
            _("Läs in kvitto"),
            _(
                "Ett kvitto från den mottagande kommunen besvarar begäran om överflyttning "
                "och antecknas i ärendets journal."
            ),
        )
        self.store, self.ops = store, ops or Ops()
        self.setMinimumWidth(640)
        self.open_button = QPushButton(_("Öppna kvitto…"))
        self.open_button.clicked.connect(self.choose)
        self.verdict = VerdictPanel()
        self.layout_.addWidget(self.open_button)
        self.layout_.addWidget(self.verdict)
        self.layout_.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.case_id: int | None = None

    def choose(self) -> None:
        data = choose_file(self, _("Öppna kvitto"), _("Kvitton (*.pdf);;Alla filer (*)"))
        if data is not None:
            self.load(data)

    def load(self, data: bytes) -> None:
        self.banner.show_info(_("Kontrollerar kvittot…"))
        self.ops.run(
            lambda: self._check_and_import(data),
            label=_("Kontrollerar kvittot…"),
            on_done=self._done,
            on_error=self._failed,
        )

    def _check_and_import(self, data: bytes) -> tuple[Opened, int | None]:
        opened, _sha = check_receipt(self.store, data)
        if opened.verdict is not Verdict.VALID_TRUSTED:
            return opened, None
        return opened, import_checked_receipt(self.store, opened)

    def _done(self, result: tuple[Opened, int | None]) -> None:
        self.banner.clear()
        opened, case_id = result
        self.case_id = case_id
        if case_id is None:
            self.verdict.show_verdict(opened.verdict.label, "bad", opened.message)
            if opened.signer is not None:
                self.verdict.show_fingerprint(fingerprint_lines(opened.signer))
            return
        receipt: dict[str, Any] = opened.payload or {}
        self.verdict.show_verdict(
            _(DECISION_LABELS[receipt["decision"]]),
            "good",
            _("Kvittot från {municipality} är inläst i ärende {ref}.").format(
                municipality=receipt["receiver"]["municipality"],
                ref=self.store.case(case_id).ref,
            ),
            [(_("Skäl"), receipt["reason"])] if receipt.get("reason") else None,
        )

    def _failed(self, exc: Exception) -> None:
        self.banner.show_error(exc)
        self.verdict.show_verdict(_("Kvittot lästes inte in"), "bad", self.banner.text)
