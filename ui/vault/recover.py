"""The "use recovery key" path: recovery key plus a new passphrase opens the vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.clock import SYSTEM, Clock
from app.errors import WrongPassphrase
from app.i18n import N_, _
from app.vault.vault import Vault
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.widgets import Form, titled_column
from ui.vault.passphrase import PassphraseEdit, StrengthMeter


class RecoveryPanel(QWidget):
    unlocked = Signal(object)  # the open Vault
    back = Signal()

    def __init__(
        self, folder: Path, ops: Ops, parent: QWidget | None = None, *, clock: Clock = SYSTEM
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.ops = ops
        self.clock = clock
        layout, self.heading, self.body = titled_column(self)
        self.banner = Banner()
        self.key = QLineEdit()
        self.passphrase = PassphraseEdit()
        self.confirm = PassphraseEdit()
        self.meter = StrengthMeter(self.passphrase)
        self.form = Form(self.key, self.passphrase, self.meter, self.confirm)
        self.form.setRowWrapPolicy(Form.RowWrapPolicy.WrapAllRows)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.open_button = QPushButton()
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.submit)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        for edit in (self.key, self.passphrase, self.confirm):
            edit.textChanged.connect(self._update)
            edit.returnPressed.connect(self.submit)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Öppna med återställningsnyckeln"))
        self.body.setText(
            _(
                "Skriv nyckeln från återställningsbladet och välj en ny lösenfras. "
                "Valvet binds då till den här datorn."
            )
        )
        self.form.set_labels(
            _("Återställningsnyckel"), _("Ny lösenfras"), "", _("Upprepa den nya lösenfrasen")
        )
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.open_button.setText(_("Öppna och byt lösenfras"))
        self.back_button.setText(_("Tillbaka"))
        self._update()

    def _ready(self) -> bool:
        return (
            bool(self.key.text().strip())
            and self.meter.acceptable
            and self.passphrase.text() == self.confirm.text()
        )

    def _update(self) -> None:
        self.open_button.setEnabled(self._ready() and not self.progress.isVisible())

    def submit(self) -> None:
        if not self._ready() or self.progress.isVisible():
            return
        key, passphrase = self.key.text(), self.passphrase.text()
        self.banner.clear()
        self.progress.show()
        self._update()
        self.ops.run(
            lambda: Vault.recover(self.folder, key, passphrase, clock=self.clock),
            label=N_("Valvet öppnas …"),
            on_done=self._opened,
            on_error=self._failed,
        )

    def _opened(self, vault: Vault) -> None:
        self.progress.hide()
        self.reset()
        self.unlocked.emit(vault)

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self._update()
        if isinstance(exc, WrongPassphrase):  # TooSoon after earlier failures
            self.banner.show_warning(exc)
        else:
            self.banner.show_error(exc)

    def reset(self) -> None:
        self.key.clear()
        self.passphrase.wipe()
        self.confirm.wipe()
        self.banner.clear()
        self._update()
