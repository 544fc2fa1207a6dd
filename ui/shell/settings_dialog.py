"""Settings: idle time before auto-lock, clipboard clearing, privacy cover, language.

A value the organisation's policy bounds (``app.settings.effective``) is shown as it is
in force: the spin box cannot go past the bound (it is disabled when nothing is left to
choose) and a line under it says why, e.g. "Bestäms av organisationens policy (högst
2 min)"."""

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

from app import settings as s
from app.i18n import LANGUAGE_NAMES, LANGUAGES, _
from ui.common import language
from ui.common.widgets import Form


class BoundSpin(QSpinBox):
    """A number setting within its declared range, capped by the policy in force."""

    def __init__(self, settings: s.Settings, setting: s.Setting) -> None:
        super().__init__()
        self.setting = setting
        self.in_force = settings.effective(setting)
        low, high = setting.minimum or 0, setting.maximum or 0
        if self.in_force.by_policy and setting.clamp is s.Clamp.MAX:
            high = min(high, self.in_force.bound)
        elif self.in_force.by_policy and setting.clamp is s.Clamp.MIN:
            low = max(low, self.in_force.bound)
        self.setRange(low, high)
        self.setValue(self.in_force.value)
        self.setEnabled(low < high)
        self.reason = QLabel(wordWrap=True)
        self.reason.setObjectName("hint")
        self.reason.setVisible(self.in_force.by_policy)

    def retranslate(self) -> None:
        self.setSuffix(" " + _(self.setting.unit))
        self.reason.setText(self.in_force.reason())
        self.setToolTip(self.in_force.reason())


class SettingsDialog(QDialog):
    def __init__(self, settings: s.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.idle = BoundSpin(settings, s.IDLE_LOCK_MINUTES)
        self.clipboard = BoundSpin(settings, s.CLIPBOARD_SECONDS)
        self.cover = QCheckBox()
        self.cover.setChecked(settings.get(s.PRIVACY_COVER))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.get(s.LANGUAGE)))
        self.cover_hint = QLabel(wordWrap=True)
        self.cover_hint.setObjectName("hint")
        self.form = Form(
            self.idle,
            self.idle.reason,
            self.clipboard,
            self.clipboard.reason,
            self.cover,
            self.cover_hint,
            self.language,
        )
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
            _(s.IDLE_LOCK_MINUTES.label), "", _(s.CLIPBOARD_SECONDS.label), "",
            _(s.PRIVACY_COVER.label), "", _(s.LANGUAGE.label),
        )  # fmt: skip
        self.idle.retranslate()
        self.clipboard.retranslate()
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
