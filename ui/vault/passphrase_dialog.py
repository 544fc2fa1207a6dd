"""Change the vault's passphrase (the data is not re-encrypted; the key slot is)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.i18n import N_, _
from app.vault.vault import Vault
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.widgets import Form, dialog_footer, titled_column
from ui.vault.passphrase import CapsLockWarning, PassphraseEdit, StrengthMeter


class ChangePassphraseDialog(QDialog):
    changed = Signal()

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.ops = vault, ops
        layout, self.heading, self.body = titled_column(self)
        self.banner = Banner()
        self.current = PassphraseEdit()
        self.new = PassphraseEdit()
        self.meter = StrengthMeter(self.new)
        self.confirm = PassphraseEdit()
        self.caps = CapsLockWarning(self.current)
        self.form = Form(self.current, self.new, self.meter, self.confirm, self.caps)
        self.progress, self.buttons = dialog_footer(self, layout, self.banner, self.form, steps=0)
        for edit in (self.current, self.new, self.confirm):
            edit.textChanged.connect(self._update)
        self.setMinimumWidth(460)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Byt lösenfras"))
        self.heading.setText(_("Byt lösenfras"))
        self.body.setText(_("Den nya lösenfrasen gäller från nästa upplåsning."))
        self.form.set_labels(
            _("Nuvarande lösenfras"), _("Ny lösenfras"), "", _("Upprepa den nya lösenfrasen"), ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Byt lösenfras"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self._update()

    def _ready(self) -> bool:
        return (
            bool(self.current.text())
            and self.meter.acceptable
            and self.new.text() == self.confirm.text()
            and not self.progress.isVisible()
        )

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ready())

    def submit(self) -> None:
        if not self._ready():
            return
        old, new = self.current.text(), self.new.text()
        self.banner.clear()
        self.progress.show()
        self._update()
        self.ops.run(
            lambda: self.vault.change_passphrase(old, new),
            label=N_("Lösenfrasen byts …"),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, _result: object) -> None:
        for edit in (self.current, self.new, self.confirm):
            edit.wipe()
        self.progress.hide()
        self.changed.emit()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.current.selectAll()
        self.banner.show_error(exc)
        self._update()
