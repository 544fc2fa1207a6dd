"""Restore a vault from a backup file (first run on a new or reinstalled computer).

The backup opens with the passphrase it was made with, or with the recovery key plus a
new passphrase (a device-bound passphrase does not open on another computer). The
restore runs off the UI thread with its progress shown; the restored vault opens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.clock import SYSTEM, Clock
from app.i18n import N_, _
from app.vault.backup import restore_backup
from app.vault.vault import Vault
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Op, Ops
from ui.common.widgets import Form, dialog_footer, titled_column
from ui.vault.passphrase import PassphraseEdit, StrengthMeter


class RestoreDialog(QDialog):
    restored = Signal(object)  # the open Vault

    def __init__(
        self, folder: Path, ops: Ops, parent: QWidget | None = None, *, clock: Clock = SYSTEM
    ) -> None:
        super().__init__(parent)
        self.folder, self.ops = folder, ops
        self.clock = clock
        layout, self.heading, self.body = titled_column(self)
        self.banner = Banner()
        self.file = QLineEdit()
        self.browse = QPushButton()
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._choose_file)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.use_key = QCheckBox()
        self.use_key.toggled.connect(self._update)
        self.passphrase = PassphraseEdit()
        self.key = QLineEdit()
        self.new_passphrase = PassphraseEdit()
        self.meter = StrengthMeter(self.new_passphrase)
        self.form = Form(
            file_row, self.use_key, self.passphrase, self.key, self.new_passphrase, self.meter
        )
        self.progress, self.buttons = dialog_footer(self, layout, self.banner, self.form, steps=100)
        for edit in (self.file, self.passphrase, self.key, self.new_passphrase):
            edit.textChanged.connect(self._update)
        self.setMinimumWidth(520)
        self._op: Op | None = None
        ops.busy.connect(self._progressed)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Återställ från säkerhetskopia"))
        self.heading.setText(_("Återställ från säkerhetskopia"))
        self.body.setText(
            _(
                "Välj säkerhetskopian och lås upp den med lösenfrasen den gjordes med. På en "
                "ny dator behövs återställningsnyckeln och en ny lösenfras."
            )
        )
        self.browse.setText(_("Välj fil …"))
        self.file.setAccessibleName(_("Säkerhetskopia"))
        self.use_key.setText(_("Använd återställningsnyckeln (ny dator)"))
        self.form.set_labels(
            _("Säkerhetskopia"),
            "",
            _("Lösenfras"),
            _("Återställningsnyckel"),
            _("Ny lösenfras"),
            "",
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Återställ"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self._update()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Välj säkerhetskopia"), "", _("Säkerhetskopior (*.utvagbak)")
        )
        if path:
            self.file.setText(path)

    def _update(self) -> None:
        with_key = self.use_key.isChecked()
        for widget, shown in (
            (self.passphrase, not with_key),
            (self.key, with_key),
            (self.new_passphrase, with_key),
            (self.meter, with_key),
        ):
            widget.setVisible(shown)
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setVisible(shown and bool(label.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._ready())

    def _ready(self) -> bool:
        if not self.file.text().strip() or self.progress.isVisible():
            return False
        if self.use_key.isChecked():
            return bool(self.key.text().strip()) and self.meter.acceptable
        return bool(self.passphrase.text())

    def submit(self) -> None:
        if not self._ready():
            return
        src, folder = Path(self.file.text().strip()), self.folder
        with_key = self.use_key.isChecked()
        passphrase = None if with_key else self.passphrase.text()
        key = self.key.text() if with_key else None
        new = self.new_passphrase.text() if with_key else None
        self.banner.clear()
        self.progress.setValue(0)
        self.progress.show()
        self._update()

        def work(progress):  # type: ignore[no-untyped-def]
            return restore_backup(
                src, folder, passphrase=passphrase, recovery_key=key, new_passphrase=new,
                progress=progress, clock=self.clock,
            )  # fmt: skip

        self._op = self.ops.run(
            work,
            label=N_("Säkerhetskopian återställs …"),
            on_done=self._done,
            on_error=self._failed,
        )

    def _progressed(self, op: Op | None) -> None:
        if op is not None and op is self._op and op.fraction >= 0:
            self.progress.setValue(int(op.fraction * 100))

    def _done(self, vault: Vault) -> None:
        self.progress.hide()
        self.passphrase.wipe()
        self.new_passphrase.wipe()
        self.restored.emit(vault)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.banner.show_error(exc)
        self._update()
