"""New keys for the vault: "the old passphrase may be known" (new passphrase) or "issue a
new recovery key". Either way the database is re-encrypted under a new data key off the
UI thread, with its progress shown (``app.vault.rotate``), so old key files open nothing
written from now on; the new recovery key is then shown once, like in the wizard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QWidget,
)

from app.fsutil import atomic_write
from app.i18n import N_, _
from app.vault.rotate import rotate_keys
from app.vault.vault import Profile, Vault
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Op, Ops
from ui.common.savepath import ask_save_path, dated
from ui.common.widgets import Form
from ui.vault.passphrase import PassphraseEdit, StrengthMeter
from ui.vault.passphrase_dialog import PassphraseDialogBase


def recovery_key_widgets(save_sheet: Callable[[], None]) -> tuple[QLabel, QPushButton]:
    """The recovery key as shown once (large, selectable) and the "save sheet" button."""
    key_label = QLabel()
    key_label.setObjectName("recoveryKey")
    key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    sheet_button = QPushButton()
    sheet_button.setAutoDefault(False)
    sheet_button.clicked.connect(save_sheet)
    return key_label, sheet_button


def save_recovery_sheet(
    path: str, key: str, vault: Vault, profile: Profile, banner: Banner
) -> None:
    """Write the printable recovery sheet (PDF), dated by the session's clock, and say
    how it went in ``banner``."""
    from app import recovery_sheet  # reportlab: loaded only when a sheet is made

    data = recovery_sheet.render(
        key,
        vault.vault_id,
        caseworker=profile.name,
        municipality=profile.municipality,
        created=vault.clock.today(),
    )
    try:
        atomic_write(path, data)
    except OSError:
        banner.show_error(lambda: _("Bladet kunde inte sparas där. Välj en annan mapp."))
        return
    banner.show_info(lambda: _("Återställningsbladet är sparat."))


class NewKeysDialog(PassphraseDialogBase):
    """``new_passphrase``: the passphrase changes too; otherwise only the recovery key."""

    rotated = Signal()

    def __init__(
        self, vault: Vault, ops: Ops, parent: QWidget | None = None, *, new_passphrase: bool
    ) -> None:
        self.with_new = new_passphrase
        self.current = PassphraseEdit()
        self.new = PassphraseEdit()
        self.meter = StrengthMeter(self.new)
        self.confirm = PassphraseEdit()
        self.key_label, self.sheet_button = recovery_key_widgets(self.save_sheet)
        self.written = QCheckBox()
        form = Form(
            self.current, self.new, self.meter, self.confirm,
            self.key_label, self.sheet_button, self.written,
        )  # fmt: skip
        super().__init__(vault, ops, form, parent, steps=100)
        self.written.toggled.connect(self._update)
        self._key = ""
        self._op: Op | None = None
        self.choose_sheet_path = self._ask_sheet_path
        ops.busy.connect(self._progressed)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        title = _("Byt nycklar") if self.with_new else _("Ny återställningsnyckel")
        self.setWindowTitle(title)
        self.heading.setText(title)
        if self._key:
            body = _("Den nya återställningsnyckeln visas bara nu. Den gamla gäller inte längre.")
        elif self.with_new:
            body = _(
                "Kan någon annan känna till lösenfrasen? Valvet krypteras om med en ny nyckel, "
                "så att gamla nyckelfiler (även i säkerhetskopior) inte öppnar något nytt. Du "
                "får också en ny återställningsnyckel."
            )
        else:
            body = _(
                "Valvet krypteras om med en ny nyckel och får en ny återställningsnyckel. Den "
                "gamla återställningsnyckeln slutar gälla."
            )
        self.body.setText(body)
        self.form.set_labels(
            _("Nuvarande lösenfras"), _("Ny lösenfras"), "", _("Upprepa den nya lösenfrasen"),
            _("Ny återställningsnyckel"), "", "",
        )  # fmt: skip
        self.sheet_button.setText(_("Spara återställningsblad (PDF) …"))
        self.written.setText(_("Jag har skrivit ner eller skrivit ut nyckeln"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Klar") if self._key else _("Byt nycklar"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self._show_stage()
        self._update()

    def _show_stage(self) -> None:
        shown = bool(self._key)
        for widget, visible in (
            (self.current, not shown),
            (self.new, not shown and self.with_new),
            (self.meter, not shown and self.with_new),
            (self.confirm, not shown and self.with_new),
            (self.key_label, shown),
            (self.sheet_button, shown),
            (self.written, shown),
        ):
            self.form.set_row_visible(widget, visible)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(not shown)

    def _ready(self) -> bool:
        if self._key:
            return self.written.isChecked()
        if self.progress.isVisible() or not self.current.text():
            return False
        if self.with_new:
            return self.meter.acceptable and self.new.text() == self.confirm.text()
        return True

    def submit(self) -> None:
        if not self._ready():
            return
        if self._key:
            self._key = ""
            self.key_label.clear()
            self.accept()
            return
        vault, current = self.vault, self.current.text()
        new = self.new.text() if self.with_new else None
        self.start()

        def work(progress):  # type: ignore[no-untyped-def]
            return rotate_keys(vault, current, new, progress)

        label = N_("Valvet krypteras om med en ny nyckel …")
        self._op = self.ops.run(work, label=label, on_done=self._done, on_error=self.failed)

    def _progressed(self, op: Op | None) -> None:
        if op is not None and op is self._op and op.fraction >= 0:
            self.progress.setValue(int(op.fraction * 100))

    def _done(self, key: str) -> None:
        self.finish()
        self._key = key
        self.key_label.setText(key)
        self.retranslate()
        self.rotated.emit()

    def reject(self) -> None:
        if self._key:
            return  # the keys are new: finish by confirming the recovery key
        super().reject()

    def _ask_sheet_path(self) -> str:
        name = dated("utvag-aterstallningsblad", self.vault.clock.today(), ".pdf")
        return ask_save_path(self, _("Spara återställningsblad"), name, "PDF (*.pdf)")

    def save_sheet(self) -> None:
        path = self.choose_sheet_path()
        if path and self._key:
            profile = self.vault.profile()
            save_recovery_sheet(path, self._key, self.vault, profile, self.banner)
