"""The handover officer's export wizard: content → recipients and legal basis →
preview (rendered from memory) → seal and save → done (one-time passphrase shown once,
offer to mark the case transferred). A caseworker can save the choices as a draft for
the officer instead of sealing."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.case import CaseStatus
from app.handover.workflow import ExportChoice, ExportFlow, default_file_name
from app.i18n import _
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.savepath import in_documents
from ui.handover.common import mono_label, own
from ui.handover.export_pages import ContentPage, RecipientsPage
from ui.handover.preview import PdfPreview
from ui.shell.clipboard import ClipboardGuard

DRAFT_KIND = "handover_draft"


def draft_key(case_ref: str) -> str:
    return f"handover:{case_ref}"


def _check_and_prepare(flow: ExportFlow) -> ExportFlow:
    """Off the UI thread: the checks, then the payload and the rendered preview."""
    flow.check()
    flow.prepare()
    return flow


def _seal_write_record(flow: ExportFlow, path: Path) -> str:
    """Off the UI thread: seal (once), write (the save dialog asked about overwriting),
    record. After a failed write the officer can pick another file and press again."""
    return flow.finish(path, overwrite=True).packet_id


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Förhandsgranska dokumentet"))
        self.setSubTitle(
            _(
                "Så här ser dokumentet ut för mottagaren. Det visas från minnet; ingen "
                "okrypterad fil skapas."
            )
        )
        self.banner = Banner(self)
        self.basis = QLabel(wordWrap=True)
        self.basis.setObjectName("hint")
        self.preview = PdfPreview()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.basis)
        layout.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        self.wiz.prepared = None
        self.preview.clear()
        self.banner.show_info(_("Sammanställer dokumentet…"))
        flow = ExportFlow(self.wiz.store, self.wiz.choice())
        self.wiz.ops.run(
            lambda: _check_and_prepare(flow),
            label=_("Sammanställer överlämningen…"),
            on_done=self._ready,
            on_error=self._failed,
        )
        self.completeChanged.emit()

    def _ready(self, flow: ExportFlow) -> None:
        assert flow.payload is not None and flow.document is not None
        self.wiz.prepared = flow
        self.banner.clear()
        self.basis.setText(
            _("Rättslig grund: {text}").format(text=flow.payload["legal_basis"]["text"])
        )
        self.preview.show_pdf(flow.document)
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.banner.show_error(exc)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.preview.clear()
        self.wiz.prepared = None

    def isComplete(self) -> bool:
        return self.wiz.prepared is not None


class SealPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Försegla och spara"))
        self.setSubTitle(
            _(
                "Paketet signeras med valvets identitet och krypteras med AES-256. Bara "
                "den förseglade filen sparas."
            )
        )
        self.banner = Banner(self)
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Fil"))
        self.path.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(_("Välj…"))
        self.browse.clicked.connect(self.choose_path)
        self.seal_button = QPushButton(_("Försegla och spara"))
        self.seal_button.setObjectName("primary")
        self.seal_button.clicked.connect(self.seal)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(QLabel(_("Spara det förseglade paketet som:")))
        layout.addLayout(row)
        self.mode_note = QLabel(wordWrap=True)
        layout.addWidget(self.mode_note)
        layout.addWidget(self.seal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.progress)
        layout.addStretch(1)

    def initializePage(self) -> None:
        ref = self.wiz.content.case_ref()
        name = default_file_name(ref, self.wiz.store.today().isoformat())
        self.path.setText(in_documents(name))
        to_certs = bool(self.wiz.recipients.chosen_certificates())
        self.mode_note.setText(
            _("Krypteras till de valda mottagarnas certifikat.")
            if to_certs
            else _(
                "En engångslösenfras skapas när paketet förseglas. Den visas en gång och "
                "sparas aldrig."
            )
        )

    def choose_path(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Spara paketet"), self.path.text(), _("PDF (*.pdf)")
        )
        if name:
            self.path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def seal(self) -> None:
        flow = self.wiz.prepared
        if flow is None:
            return
        path = Path(self.path.text().strip())
        self.seal_button.setEnabled(False)
        self.progress.show()
        self.banner.show_info(_("Förseglar paketet…"))
        self.wiz.ops.run(
            lambda: _seal_write_record(flow, path),
            label=_("Förseglar paketet…"),
            on_done=lambda packet_id: self._sealed(packet_id, path, flow.passphrase),
            on_error=self._failed,
        )

    def _sealed(self, packet_id: str, path: Path, passphrase: str | None) -> None:
        self.progress.hide()
        self.wiz.store.vault.delete_draft(draft_key(self.wiz.content.case_ref()))
        self.wiz.sealed = (packet_id, path)
        self.wiz.passphrase = passphrase or ""
        if self.wiz.prepared is not None:
            self.wiz.prepared.passphrase = None
        self.completeChanged.emit()
        self.wiz.next()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.seal_button.setEnabled(True)
        self.banner.show_error(exc)

    def isComplete(self) -> bool:
        return self.wiz.sealed is not None


class DonePage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Paketet är förseglat"))
        self.banner = Banner(self)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase_box = QWidget()
        self.passphrase = mono_label()
        self.copy = QPushButton(_("Kopiera"))
        self.copy.clicked.connect(lambda: self.wiz.clipboard.copy(self.wiz.passphrase))
        note = QLabel(
            _(
                "Lösenfrasen visas bara nu och sparas inte. Läs upp den per telefon för "
                "mottagaren; skicka den aldrig tillsammans med filen."
            ),
            wordWrap=True,
        )
        note.setObjectName("warning")
        inner = QVBoxLayout(self.passphrase_box)
        inner.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.copy)
        inner.addWidget(QLabel(_("Engångslösenfras:")))
        inner.addLayout(row)
        inner.addWidget(note)
        self.mark = QPushButton(_("Markera ärendet som överflyttat"))
        self.mark.clicked.connect(self.mark_transferred)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.passphrase_box)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        packet_id, path = self.wiz.sealed or ("", Path())
        self.summary.setText(
            _("Paket {id} är sparat i {path} och antecknat i ärendets journal.").format(
                id=packet_id, path=path
            )
        )
        self.passphrase.setText(self.wiz.passphrase)
        self.passphrase_box.setVisible(bool(self.wiz.passphrase))

    def mark_transferred(self) -> None:
        case_id = self.wiz.store.case_id_for_ref(self.wiz.content.case_ref())
        try:
            self.wiz.store.set_status(case_id, CaseStatus.TRANSFERRED)
        except Exception as exc:  # an invalid transition is explained inline
            self.banner.show_error(exc)
            return
        self.mark.setEnabled(False)
        self.banner.show_info(_("Ärendet är markerat som överflyttat."))


class ExportWizard(QWizard):
    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        case_ref: str | None = None,
        *,
        ops: Ops | None = None,
        clipboard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.ops = store, ops or own(self, Ops())
        self.clipboard = clipboard or own(self, ClipboardGuard())
        self.prepared: ExportFlow | None = None  # checked and prepared (preview shown)
        self.sealed: tuple[str, Path] | None = None
        self.passphrase = ""
        self.setWindowTitle(_("Lämna över ärende"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(760, 700)
        self.content = ContentPage(store, case_ref)
        self.recipients = RecipientsPage(store, self.content)
        self.preview_page = PreviewPage(self)
        self.seal_page = SealPage(self)
        self.done_page = DonePage(self)
        for page in (self.content, self.recipients, self.preview_page, self.seal_page):
            self.addPage(page)
        self.addPage(self.done_page)
        self.is_officer = HANDOVER_OFFICER in store.roles()
        self._draft_button()
        self.draft_loaded = self._load_draft(case_ref)

    def _load_draft(self, case_ref: str | None) -> bool:
        """Pick up what a caseworker prepared for this case."""
        saved = self.store.vault.load_draft(draft_key(case_ref)) if case_ref else None
        if not saved:
            return False
        draft = json.loads(saved)
        self.content.apply_draft(draft)
        self.recipients.draft = draft
        self.content.setSubTitle(
            _("Ett utkast som en handläggare har förberett är inläst. Kontrollera valen.")
        )
        return True

    def _draft_button(self) -> None:
        """A caseworker prepares a draft; only the handover officer may seal."""
        if self.is_officer:
            return
        self.setButtonText(
            QWizard.WizardButton.FinishButton, _("Spara utkast till överlämningsansvarig")
        )
        self.recipients.setFinalPage(True)
        self.content.setSubTitle(
            _(
                "Du har rollen handläggare: välj innehåll och mottagare och spara ett utkast. "
                "En överlämningsansvarig förseglar och skickar paketet."
            )
        )

    def accept(self) -> None:
        if not self.is_officer and self.currentPage() is self.recipients:
            self.save_draft()
        super().accept()

    def nextId(self) -> int:
        if not self.is_officer and self.currentPage() is self.recipients:
            return -1
        return super().nextId()

    def choice(self) -> ExportChoice:
        """The officer's choices as the workflow's input (the CLI builds the same)."""
        return ExportChoice(
            case_ref=self.content.case_ref(),
            sections=self.content.chosen_sections(),
            basis=self.recipients.chosen_basis(),
            recipients=self.recipients.chosen_certificates(),
            period=self.content.period(),
            disclosure=self.content.disclosure(),
            receiver=self.recipients.receiver(),
        )

    def save_draft(self) -> None:
        choice = self.choice()
        draft = {
            "case_ref": choice.case_ref,
            "sections": list(choice.sections),
            "period": [choice.period.start, choice.period.until],
            "recipients": [c.fingerprint for c in choice.recipients],
            "consent": choice.basis.consent_id,
            "provision": choice.basis.provision,
            "board": choice.receiver.board,
            "unit": choice.receiver.unit,
        }
        self.store.vault.save_draft(draft_key(choice.case_ref), DRAFT_KIND, json.dumps(draft))
        self.draft_saved = True

    def forget_secrets(self) -> None:
        if self.passphrase:
            self.clipboard.clear()  # only if the clipboard still holds our copy
        self.passphrase = ""
        self.done_page.passphrase.clear()
        self.preview_page.preview.clear()
        self.prepared = None

    def done(self, result: int) -> None:
        self.forget_secrets()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.forget_secrets()
        super().closeEvent(event)
