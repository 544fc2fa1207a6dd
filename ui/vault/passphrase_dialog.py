"""Change the vault's passphrase (the data is not re-encrypted; the key slot is). When
the old passphrase may be known, "Byt nycklar" (ui/rekey_dialog.py) re-keys instead."""

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


class PassphraseDialogBase(QDialog):
    """A titled dialog around a form with passphrase fields: banner, progress, OK that
    is enabled when ``_ready``; the fields are wiped when the work is done."""

    current: PassphraseEdit

    def __init__(
        self, vault: Vault, ops: Ops, form: Form, parent: QWidget | None, *, steps: int = 0
    ) -> None:
        super().__init__(parent)
        self.vault, self.ops, self.form = vault, ops, form
        layout, self.heading, self.body = titled_column(self)
        self.banner = Banner()
        self.progress, self.buttons = dialog_footer(self, layout, self.banner, form, steps=steps)
        for field in form.fields:
            if isinstance(field, PassphraseEdit):
                field.textChanged.connect(self._update)
        self.setMinimumWidth(460)

    def _ready(self) -> bool:
        raise NotImplementedError

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ready())

    def start(self) -> None:
        self.banner.clear()
        self.progress.setValue(0)
        self.progress.show()
        self._update()

    def finish(self) -> None:
        for field in self.form.fields:
            if isinstance(field, PassphraseEdit):
                field.wipe()
        self.progress.hide()

    def failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.current.selectAll()
        self.banner.show_error(exc)
        self._update()


class ChangePassphraseDialog(PassphraseDialogBase):
    changed = Signal()

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        self.current = PassphraseEdit()
        self.new = PassphraseEdit()
        self.meter = StrengthMeter(self.new)
        self.confirm = PassphraseEdit()
        self.caps = CapsLockWarning(self.current)
        form = Form(self.current, self.new, self.meter, self.confirm, self.caps)
        super().__init__(vault, ops, form, parent)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Byt lösenfras"))
        self.heading.setText(_("Byt lösenfras"))
        self.body.setText(
            _(
                "Den nya lösenfrasen gäller från nästa upplåsning. Kan någon annan känna till "
                "den gamla? Välj i stället Byt nycklar i Arkiv-menyn."
            )
        )
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

    def submit(self) -> None:
        if not self._ready():
            return
        old, new = self.current.text(), self.new.text()
        self.start()
        self.ops.run(
            lambda: self.vault.change_passphrase(old, new),
            label=N_("Lösenfrasen byts …"),
            on_done=self._done,
            on_error=self.failed,
        )

    def _done(self, _result: object) -> None:
        self.finish()
        self.changed.emit()
        self.accept()


__all__ = ["Banner", "ChangePassphraseDialog", "PassphraseDialogBase"]
