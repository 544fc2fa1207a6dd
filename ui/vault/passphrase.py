"""Passphrase field with a show/hide toggle and a Caps Lock warning; strength meter."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from app.crypto.passphrase import strength
from app.i18n import _
from ui.common import language
from ui.common.theme import icon


def _os_caps_lock() -> bool | None:
    """The real Caps Lock state where the OS tells us cheaply (Windows), else None."""
    if sys.platform != "win32":
        return None
    import ctypes

    return bool(ctypes.windll.user32.GetKeyState(0x14) & 1)  # type: ignore[attr-defined]


class PassphraseEdit(QLineEdit):
    """A password field. ``caps_lock_changed`` fires when Caps Lock seems to change:
    from the OS on Windows, elsewhere inferred from letters typed with/without Shift."""

    caps_lock_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setClearButtonEnabled(False)
        self.caps_lock = False
        self._toggle = QAction(self)
        self._toggle.setCheckable(True)
        self._toggle.setIcon(icon("eye"))
        self._toggle.toggled.connect(self._reveal)
        self.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self._toggle.setText(_("Visa"))
        self._toggle.setToolTip(
            _("Dölj lösenfrasen") if self._toggle.isChecked() else _("Visa lösenfrasen")
        )

    def _reveal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.setEchoMode(mode)
        self._toggle.setIcon(icon("eye-off" if shown else "eye"))
        self.retranslate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        state = _os_caps_lock()
        if state is None:
            state = self._infer(event)
        if state is not None and state != self.caps_lock:
            self.caps_lock = state
            self.caps_lock_changed.emit(state)

    def _infer(self, event: QKeyEvent) -> bool | None:
        if event.key() == Qt.Key.Key_CapsLock:
            return not self.caps_lock
        text = event.text()
        if len(text) != 1 or not text.isalpha() or text.upper() == text.lower():
            return None
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return text.isupper() != shift

    def wipe(self) -> None:
        """Clear the text (also from the undo history)."""
        self.clear()
        self.setText("")
        self.setModified(False)


class CapsLockWarning(QLabel):
    def __init__(self, edit: PassphraseEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warning")
        self.hide()
        edit.caps_lock_changed.connect(self.setVisible)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setText(_("⚠ Caps Lock verkar vara på."))


class StrengthMeter(QWidget):
    """A bar and a word for the estimated strength, plus the rule still unmet."""

    def __init__(self, edit: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        edit.textChanged.connect(self.retranslate)
        language.bind(self.retranslate)

    @property
    def acceptable(self) -> bool:
        return strength(self.edit.text()).acceptable

    def retranslate(self) -> None:
        text = self.edit.text()
        if not text:
            self.bar.setValue(0)
            self.label.setText(_("Minst 12 tecken eller minst 4 ord."))
            return
        result = strength(text)
        self.bar.setValue(result.score)
        colour = ("#b3261e", "#b3261e", "#8a6d00", "#2e7d32", "#2e7d32")[result.score]
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        label = _("Styrka: {label}").format(label=_(result.label))
        if result.hint:
            label += " " + _(result.hint)
        self.label.setText(label)
