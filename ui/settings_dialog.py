"""Settings: idle time before auto-lock, clipboard clearing, privacy cover, language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, _
from ui import language
from ui import settings as s
from ui.widgets import Form

#: Each language is named in itself, so it is found whatever the current language.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


class SettingsDialog(QDialog):
    def __init__(self, settings: s.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.idle = QSpinBox()
        self.idle.setRange(s.IDLE_LOCK_MINUTES.minimum or 1, s.IDLE_LOCK_MINUTES.maximum or 240)
        self.idle.setValue(settings.get(s.IDLE_LOCK_MINUTES))
        self.clipboard = QSpinBox()
        self.clipboard.setRange(
            s.CLIPBOARD_SECONDS.minimum or 5, s.CLIPBOARD_SECONDS.maximum or 600
        )
        self.clipboard.setValue(settings.get(s.CLIPBOARD_SECONDS))
        self.cover = QCheckBox()
        self.cover.setChecked(settings.get(s.PRIVACY_COVER))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.get(s.LANGUAGE)))
        self.cover_hint = QLabel(wordWrap=True)
        self.cover_hint.setObjectName("hint")
        self.form = Form(self.idle, self.clipboard, self.cover, self.cover_hint, self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Inställningar"))
        self.form.set_labels(
            _("Lås efter inaktivitet"),
            _("Töm urklipp efter"),
            _("Integritetsskydd"),
            "",
            _("Språk"),
        )
        self.idle.setSuffix(" " + _("min"))
        self.clipboard.setSuffix(" " + _("s"))
        self.cover.setText(_("Dölj ärendeinnehåll när fönstret inte är aktivt"))
        self.cover_hint.setText(
            _("Bra på resande fot: ingen kan läsa över axeln när du byter fönster.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))

    def store(self) -> None:
        """Write the chosen values into the settings (the caller saves and applies)."""
        self.settings.set(s.IDLE_LOCK_MINUTES, self.idle.value())
        self.settings.set(s.CLIPBOARD_SECONDS, self.clipboard.value())
        self.settings.set(s.PRIVACY_COVER, self.cover.isChecked())
        self.settings.set(s.LANGUAGE, self.language.currentData())
