"""The receiving side: open a sealed packet, show the verdict in plain words, let the
person decide about an unknown signer (recorded), preview the content from memory and
import it as a new case. After import a signed receipt can be sent back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.handover.receiving import NextStep, Opening, ReceiveFlow
from app.handover.schema import SECTIONS
from app.handover.verify import Opened
from app.i18n import N_, _
from app.store import Store
from ui.common.errors import message_for
from ui.common.ops import Ops
from ui.handover.common import HandoverDialog, choose_file, fingerprint_lines, own
from ui.handover.preview import PdfPreview
from ui.handover.receipt import ReceiptDialog
from ui.handover.verdict import VerdictPanel

PACKET_FILTER = N_("Förseglade paket (*.pdf);;Alla filer (*)")
_TONE_OF = {
    NextStep.IMPORT: "good",
    NextStep.DECIDE_SIGNER: "decide",
    NextStep.NEEDS_PASSPHRASE: "decide",
    NextStep.REFUSED: "bad",
}


def packet_facts(opened: Opened) -> list[tuple[str, str]]:
    payload, signer = opened.payload or {}, opened.signer
    rows = []
    if payload:
        sender, packet = payload["sender"], payload["packet"]
        rows.append((_("Från"), f"{sender['municipality']}, {sender['officer']}"))
        rows.append(
            (
                _("Ärende"),
                _("{ref}, paket nummer {sequence}, förseglat {sealed} UTC").format(
                    ref=packet["case_ref"],
                    sequence=packet["sequence"],
                    sealed=packet["sealed_at"][:16].replace("T", " "),
                ),
            )
        )
    if signer is not None:
        name = ", ".join(x for x in (signer.common_name, signer.organisation) if x)
        rows.append((_("Signerat av"), name))
    if payload:
        titles = ", ".join(_(SECTIONS[s]) for s in payload["sections"])
        rows.append((_("Innehåll"), titles))
        rows.append((_("Rättslig grund"), payload["legal_basis"]["text"]))
    return rows


class VerifyDialog(HandoverDialog):
    def __init__(self, parent: QWidget | None, store: Store, ops: Ops | None = None) -> None:
        super().__init__(
            parent,
            _("Ta emot överlämning"),
            _(
                "Öppna ett förseglat paket från en annan kommun. Underskrift, avsändare och "
                "innehåll kontrolleras innan något läses in."
            ),
        )
        self.store, self.ops = store, ops or own(self, Ops())
        self.flow: ReceiveFlow | None = None
        self.checked: Opening | None = None
        self.imported_case: int | None = None
        self.resize(900, 760)
        self.open_button = QPushButton(_("Öppna paket…"))
        self.open_button.clicked.connect(self.choose_packet)
        self.passphrase = QLineEdit()
        self.passphrase.setPlaceholderText(_("Engångslösenfras från avsändaren"))
        self.passphrase.setAccessibleName(_("Engångslösenfras"))
        self.passphrase.returnPressed.connect(self.verify)
        self.unlock_button = QPushButton(_("Lås upp"))
        self.unlock_button.clicked.connect(self.verify)
        self.open_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        row.addStretch(0)
        self.layout_.addLayout(row)
        self.verdict = VerdictPanel()
        self.compared = QCheckBox(
            _("Jag har ringt avsändaren på ett känt nummer och fingeravtrycket stämmer")
        )
        self.trust_button = QPushButton(_("Lita på avsändaren"))
        self.trust_button.clicked.connect(self.trust_signer)
        self.refuse_button = QPushButton(_("Avvisa paketet"))
        self.refuse_button.clicked.connect(self.refuse)
        self.compared.toggled.connect(self.trust_button.setEnabled)
        decide = QHBoxLayout()
        decide.addWidget(self.compared, 1)
        decide.addWidget(self.trust_button)
        decide.addWidget(self.refuse_button)
        self.decision = QWidget()
        self.decision.setLayout(decide)
        self.preview = PdfPreview()
        self.layout_.addWidget(self.verdict)
        self.layout_.addWidget(self.decision)
        self.layout_.addWidget(self.preview, 1)
        self.import_button = QPushButton(_("Läs in som nytt ärende"))
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.import_case)
        self.receipt_button = QPushButton(_("Skapa kvitto…"))
        self.receipt_button.clicked.connect(self.make_receipt)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.footer.addWidget(buttons)
        self._update()

    # ------------------------------------------------------------- opening
    def choose_packet(self) -> None:
        data = choose_file(self, _("Öppna förseglat paket"), _(PACKET_FILTER), self.banner)
        if data is not None:
            self.load(data)

    def load(self, data: bytes) -> None:
        self.flow, self.checked, self.imported_case = ReceiveFlow(self.store, data), None, None
        self.passphrase.clear()
        self.verify()

    def verify(self) -> None:
        flow = self.flow
        if flow is None:
            return
        phrase = self.passphrase.text().strip() or None
        self._run(lambda: flow.open(phrase, preview=True))

    def _run(self, work: Callable[[], Opening]) -> None:
        self.banner.show_info(_("Kontrollerar paketet…"))
        self.open_button.setEnabled(False)
        self.ops.run(
            work,
            label=_("Kontrollerar paketet…"),
            on_done=self._checked,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.open_button.setEnabled(True)
        self.banner.show_error(exc)

    def _checked(self, opening: Opening) -> None:
        self.open_button.setEnabled(True)
        self.banner.clear()
        self.checked = opening
        headline = opening.verdict.label
        if opening.next is NextStep.NEEDS_PASSPHRASE:
            headline = _("Paketet är låst med en lösenfras")
            self.passphrase.setFocus()
        self.verdict.show_verdict(
            headline, _TONE_OF[opening.next], opening.message, packet_facts(opening.opened)
        )
        if opening.signer is not None and opening.next is NextStep.DECIDE_SIGNER:
            self.verdict.show_fingerprint(fingerprint_lines(opening.signer))
        if opening.document is not None:
            self.preview.show_pdf(opening.document)
        else:
            self.preview.clear()
        self._update()

    def _update(self) -> None:
        step = self.checked.next if self.checked else None
        locked = step is NextStep.NEEDS_PASSPHRASE
        self.passphrase.setVisible(locked)
        self.unlock_button.setVisible(locked)
        self.decision.setVisible(step is NextStep.DECIDE_SIGNER)
        self.compared.setChecked(False)
        self.trust_button.setEnabled(False)
        self.import_button.setEnabled(step is NextStep.IMPORT and self.imported_case is None)
        self.receipt_button.setEnabled(self.imported_case is not None)
        self._say_why_not()

    def _say_why_not(self) -> None:
        """A disabled button says what it waits for (pointing at it shows the reason)."""
        if self.imported_case is not None:
            why = _("Paketet är redan inläst.")
        elif self.import_button.isEnabled():
            why = ""
        else:
            why = _("Öppna ett paket; det kan läsas in när underskrift och avsändare godtagits.")
        self.import_button.setToolTip(why)
        self.receipt_button.setToolTip(
            "" if self.receipt_button.isEnabled() else _("Ett kvitto skapas efter inläsningen.")
        )

    # ------------------------------------------------------------ deciding
    def trust_signer(self) -> None:
        flow = self.flow
        if flow is None or self.checked is None or not self.compared.isChecked():
            return
        if self.checked.next is NextStep.DECIDE_SIGNER:
            self._run(lambda: flow.trust_signer(preview=True))

    def refuse(self) -> None:
        if self.flow is not None:
            self.flow.refuse()
        self.verdict.show_verdict(
            _("Paketet avvisades"),
            "bad",
            _("Inget lästes in. Beslutet är antecknat i granskningsloggen."),
        )
        self.checked = None
        self.preview.clear()
        self._update()

    # ------------------------------------------------------------- import
    def import_case(self) -> None:
        checked, flow = self.checked, self.flow
        if checked is None or checked.payload is None or flow is None:
            return
        payload = checked.payload
        try:  # one transaction: a replay or duplicate is refused and changes nothing
            imported = flow.import_case()
        except Exception as exc:
            self.verdict.show_verdict(_("Paketet lästes inte in"), "bad", _msg(exc))
            return
        self.imported_case = imported.case_id
        self.ops.changed.emit(imported.changes)  # Ärenden (and any open view) reads again
        self.verdict.show_verdict(
            _("Inläst"),
            "good",
            _("Ärendet {ref} är skapat: mottaget från {municipality} den {date}.").format(
                ref=imported.case_ref,
                municipality=payload["sender"]["municipality"],
                date=self.store.today().isoformat(),
            ),
            packet_facts(checked.opened),
        )
        self._update()

    def make_receipt(self) -> None:
        checked = self.checked
        if checked is None or checked.payload is None or self.flow is None:
            return
        ref = str(checked.payload["packet"]["case_ref"])
        dialog = ReceiptDialog(self, self.flow, ref, ops=self.ops)
        self.receipt_dialog = dialog
        dialog.open()

    def done(self, result: int) -> None:
        self.preview.clear()
        self.flow = self.checked = None
        super().done(result)


def _msg(exc: Exception) -> str:
    return message_for(exc)
