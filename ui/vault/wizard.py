"""First-run wizard: passphrase, caseworker profile, create the vault, show the recovery
key once (the person must confirm they wrote it down), offer the printable sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.clock import SYSTEM, Clock
from app.i18n import N_, _
from app.vault.vault import Profile, Vault
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.savepath import ask_save_path, dated
from ui.common.theme import app_icon
from ui.common.widgets import Form, titled_column
from ui.vault.passphrase import CapsLockWarning, PassphraseEdit, StrengthMeter


class IntroPage(QWizardPage):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        layout, self.heading, self.body = titled_column(self, 14)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        layout.insertWidget(0, logo)
        self.folder_label = QLabel(wordWrap=True)
        self.folder_label.setObjectName("hint")
        self.folder = folder
        self.restore_hint = QLabel(wordWrap=True)
        self.restore_button = QPushButton()
        self.restore_button.setAutoDefault(False)  # "Nästa" stays the default action
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        layout.addWidget(self.folder_label)
        layout.addStretch(1)
        layout.addWidget(self.restore_hint)
        layout.addLayout(restore_row)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Välkommen till Utväg"))
        self.body.setText(
            _(
                "Utväg förvarar akterna krypterat på den här datorn. Nu skapar du valvet: "
                "en lösenfras som bara du känner till, dina uppgifter som handläggare och "
                "en återställningsnyckel som förvaras inlåst på kontoret."
            )
        )
        self.folder_label.setText(_("Valvet skapas i: {folder}").format(folder=self.folder))
        self.restore_hint.setText(_("Har du en säkerhetskopia från en annan dator?"))
        self.restore_button.setText(_("Återställ från säkerhetskopia …"))


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        layout, self.heading, self.body = titled_column(self)
        self.passphrase = PassphraseEdit()
        self.confirm = PassphraseEdit()
        self.meter = StrengthMeter(self.passphrase)
        self.caps = CapsLockWarning(self.passphrase)
        self.confirm.caps_lock_changed.connect(self.caps.setVisible)
        self.mismatch = QLabel()
        self.mismatch.setObjectName("warning")
        self.form = Form(self.passphrase, self.meter, self.confirm, self.mismatch, self.caps)
        layout.addLayout(self.form)
        layout.addStretch(1)
        for edit in (self.passphrase, self.confirm):
            edit.textChanged.connect(self._update)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Välj en lösenfras"))
        self.body.setText(
            _(
                "Lösenfrasen låser upp valvet varje dag. Använd minst 12 tecken eller "
                "minst 4 ord, gärna en mening som bara du känner till."
            )
        )
        self.form.set_labels(_("Lösenfras"), "", _("Upprepa lösenfrasen"), "", "")
        self._update()

    def _update(self) -> None:
        typed = self.confirm.text()
        differs = bool(typed) and typed != self.passphrase.text()
        self.mismatch.setText(_("Lösenfraserna är inte likadana.") if differs else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.meter.acceptable and self.confirm.text() == self.passphrase.text()


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        layout, self.heading, self.body = titled_column(self)
        self.name = QLineEdit()
        self.job_title = QLineEdit()
        self.municipality = QLineEdit()
        self.unit = QLineEdit()
        self.form = Form(self.name, self.job_title, self.municipality, self.unit)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.name.textChanged.connect(self.completeChanged)
        self.setCommitPage(True)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Om dig som handläggare"))
        self.body.setText(
            _("Uppgifterna står i journalen och på det som du skickar till andra myndigheter.")
        )
        self.form.set_labels(_("Namn"), _("Titel"), _("Kommun"), _("Enhet"))
        self.name.setPlaceholderText(_("Förnamn Efternamn"))
        self.job_title.setPlaceholderText(_("t.ex. socialsekreterare"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Skapa valvet"))

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def profile(self) -> Profile:
        return Profile(
            name=self.name.text().strip(),
            title=self.job_title.text().strip(),
            municipality=self.municipality.text().strip(),
            unit=self.unit.text().strip(),
        )


class RecoveryPage(QWizardPage):
    """Creates the vault when shown, then shows the recovery key once."""

    def __init__(self, create: Callable[[], None], save_sheet: Callable[[], None]) -> None:
        super().__init__()
        layout, self.heading, self.body = titled_column(self)
        self.banner = Banner()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.status = QLabel()
        from ui.vault.rekey_dialog import recovery_key_widgets

        self.key_label, self.sheet_button = recovery_key_widgets(save_sheet)
        self.retry_button = QPushButton()
        self.retry_button.setAutoDefault(False)
        self.retry_button.clicked.connect(create)
        self.retry_button.hide()
        self.written = QCheckBox()
        self.written.toggled.connect(self.completeChanged)
        layout.insertWidget(1, self.banner)
        for widget in (self.status, self.progress):
            layout.addWidget(widget)
        layout.addWidget(self.key_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sheet_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.written)
        layout.addStretch(1)
        self.show_key("")
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Återställningsnyckel"))
        self.body.setText(
            _(
                "Skriv ner nyckeln eller skriv ut återställningsbladet och lägg det inlåst. "
                "Nyckeln visas bara nu. Med den kan valvet öppnas om lösenfrasen glöms bort."
            )
        )
        self.status.setText(_("Valvet skapas och krypteras …"))
        self.sheet_button.setText(_("Spara återställningsblad (PDF) …"))
        self.retry_button.setText(_("Försök igen"))
        self.written.setText(_("Jag har skrivit ner eller skrivit ut nyckeln"))

    def show_key(self, key: str) -> None:
        busy = not key
        self.key_label.setText(key)
        for widget in (self.key_label, self.sheet_button, self.written):
            widget.setVisible(not busy)
        self.body.setVisible(not busy)
        self.progress.setVisible(busy)
        self.status.setVisible(busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.key_label.text()) and self.written.isChecked()


class FirstRunWizard(QWizard):
    created = Signal(object)  # the open Vault
    restore_requested = Signal()

    def __init__(
        self, folder: Path, ops: Ops, parent: QWidget | None = None, *, clock: Clock = SYSTEM
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.ops = ops
        self.clock = clock
        self.vault: Vault | None = None
        self._recovery_key = ""
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(640, 520)
        self.intro = IntroPage(folder)
        self.passphrase_page = PassphrasePage()
        self.profile_page = ProfilePage()
        self.recovery_page = RecoveryPage(self._create, self.save_sheet)
        for page in (self.intro, self.passphrase_page, self.profile_page, self.recovery_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.intro.restore_button.clicked.connect(self.restore_requested)
        #: Replaced in tests; returns the path the person chose, or "".
        self.choose_sheet_path: Callable[[], str] = self._ask_sheet_path
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Utväg – skapa valv"))
        for button, text in (
            (QWizard.WizardButton.NextButton, _("Nästa")),
            (QWizard.WizardButton.BackButton, _("Tillbaka")),
            (QWizard.WizardButton.CancelButton, _("Avbryt")),
            (QWizard.WizardButton.FinishButton, _("Börja arbeta")),
            (QWizard.WizardButton.CommitButton, _("Skapa valvet")),
        ):
            self.setButtonText(button, text)

    def _page_changed(self, page_id: int) -> None:
        if self.page(page_id) is self.recovery_page:
            self.setOption(QWizard.WizardOption.NoCancelButton, True)
            if self.vault is None:
                self._create()

    def _create(self) -> None:
        self.recovery_page.banner.clear()
        self.recovery_page.retry_button.hide()
        self.recovery_page.show_key("")
        passphrase = self.passphrase_page.passphrase.text()
        profile = self.profile_page.profile()
        self.ops.run(
            lambda: Vault.create(self.folder, passphrase, profile, clock=self.clock),
            label=N_("Valvet skapas …"),
            on_done=self._created,
            on_error=self._failed,
        )

    def _created(self, result: tuple[Vault, str]) -> None:
        self.vault, self._recovery_key = result
        for edit in (self.passphrase_page.passphrase, self.passphrase_page.confirm):
            edit.wipe()
        self.recovery_page.show_key(self._recovery_key)

    def _failed(self, exc: Exception) -> None:
        self.recovery_page.progress.hide()
        self.recovery_page.status.hide()
        self.recovery_page.banner.show_error(exc)
        self.recovery_page.retry_button.show()

    def _ask_sheet_path(self) -> str:
        name = dated("utvag-aterstallningsblad", self.clock.today(), ".pdf")
        return ask_save_path(self, _("Spara återställningsblad"), name, "PDF (*.pdf)")

    def save_sheet(self) -> None:
        if self.vault is None:
            return
        path = self.choose_sheet_path()
        if not path:
            return
        from ui.vault.rekey_dialog import save_recovery_sheet

        profile = self.profile_page.profile()
        banner = self.recovery_page.banner
        save_recovery_sheet(path, self._recovery_key, self.vault, profile, banner)

    def accept(self) -> None:
        vault = self.vault
        self._recovery_key = ""
        self.recovery_page.key_label.clear()
        super().accept()
        if vault is not None:
            self.created.emit(vault)

    def reject(self) -> None:
        if self.vault is not None:
            return  # the vault exists: finish by confirming the recovery key
        super().reject()
