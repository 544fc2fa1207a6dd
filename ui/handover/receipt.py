"""Signed receipts. The receiving side answers a packet (accepted or declined with a
reason), sealed to the sender; the sending side imports the receipt, which closes the
packet's delivery (never the transfer request: the other nämnd answers that with a
decision). Both land in the case's journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.handover.receipt import (
    ACCEPTED,
    DECISION_LABELS,
    DECLINED,
)
from app.handover.receiving import ReceiveFlow, import_receipt
from app.i18n import _
from app.store import Store
from ui.common.ops import Ops
from ui.common.savepath import ask_save_path, dated
from ui.handover.common import HandoverDialog, choose_file, own
from ui.handover.verdict import VerdictPanel


class ReceiptDialog(HandoverDialog):
    """Answer a received packet with a sealed receipt."""

    def __init__(
        self,
        parent: QWidget | None,
        flow: ReceiveFlow,
        case_ref: str,
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
        self.flow, self.case_ref = flow, case_ref
        self.ops = ops or own(self, Ops())
        self.accept_radio = QRadioButton(_(DECISION_LABELS[ACCEPTED]))
        self.decline_radio = QRadioButton(_(DECISION_LABELS[DECLINED]))
        self.accept_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accept_radio)
        group.addButton(self.decline_radio)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("Skäl (krävs när ni avböjer)"))
        self.reason.setMaximumHeight(90)
        self.reason.setAccessibleName(_("Skäl"))
        for widget in (self.accept_radio, self.decline_radio, self.reason):
            self.layout_.addWidget(widget)
        self.save_button = QPushButton(_("Spara kvitto…"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.footer.addWidget(buttons)

    def decision(self) -> str:
        return ACCEPTED if self.accept_radio.isChecked() else DECLINED

    def save(self) -> None:
        ref = self.case_ref
        day = self.flow.store.today()
        name = ask_save_path(self, _("Spara kvitto"), dated(f"{ref}-kvitto", day, ".pdf"),
                             _("PDF (*.pdf)"))  # fmt: skip
        if not name:
            return
        decision, reason = self.decision(), self.reason.toPlainText()
        self.save_button.setEnabled(False)
        flow = self.flow
        self.ops.run(  # seal, write, record (the save dialog asked about overwriting)
            lambda: flow.write_receipt(decision, reason, Path(name), overwrite=True),
            label=_("Förseglar kvittot…"),
            on_done=lambda _none: self._saved(Path(name)),
            on_error=self._failed,
        )

    def _saved(self, path: Path) -> None:
        self.banner.show_info(
            _("Kvittot är sparat i {path} och antecknat i journalen.").format(path=path)
        )

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.banner.show_error(exc)


class ReceiptImportDialog(HandoverDialog):
    """The sending side: read a receipt; it closes the delivery of the packet."""

    def __init__(self, parent: QWidget | None, store: Store, ops: Ops | None = None) -> None:
        super().__init__(
            parent,
            _("Läs in kvitto"),
            _(
                "Ett kvitto från den mottagande kommunen bekräftar att paketet kommit fram "
                "och antecknas i ärendets journal. Det är inget svar på en begäran om "
                "överflyttning: det svaret är den andra nämndens beslut."
            ),
        )
        self.store, self.ops = store, ops or own(self, Ops())
        self.setMinimumWidth(640)
        self.open_button = QPushButton(_("Öppna kvitto…"))
        self.open_button.clicked.connect(self.choose)
        self.verdict = VerdictPanel()
        self.layout_.addWidget(self.open_button)
        self.layout_.addWidget(self.verdict)
        self.layout_.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.footer.addWidget(buttons)
        self.case_ref: str | None = None

    def choose(self) -> None:
        data = choose_file(
            self, _("Öppna kvitto"), _("Kvitton (*.pdf);;Alla filer (*)"), self.banner
        )
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

    def _check_and_import(self, data: bytes) -> dict[str, Any]:
        return import_receipt(self.store, data)

    def _done(self, receipt: dict[str, Any]) -> None:
        self.banner.clear()
        self.case_ref = str(receipt["packet"]["case_ref"])
        self.verdict.show_verdict(
            _(DECISION_LABELS[receipt["decision"]]),
            "good",
            _("Kvittot från {municipality} är inläst i ärende {ref}.").format(
                municipality=receipt["receiver"]["municipality"], ref=self.case_ref
            ),
            [(_("Skäl"), receipt["reason"])] if receipt.get("reason") else None,
        )

    def _failed(self, exc: Exception) -> None:
        self.banner.show_error(exc)
        self.verdict.show_verdict(_("Kvittot lästes inte in"), "bad", self.banner.text)
