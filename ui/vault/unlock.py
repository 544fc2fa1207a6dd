"""Unlock window: passphrase (Caps Lock warning), the attempt delay as a countdown, the
device-binding state, and the recovery-key path."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import SYSTEM, Clock
from app.errors import DeviceSecretMissing, UtvagError, WrongPassphrase
from app.i18n import N_, _
from app.vault import facts
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.theme import app_icon, icon
from ui.vault.passphrase import CapsLockWarning, PassphraseEdit

if TYPE_CHECKING:
    from app.vault.vault import Vault
    from ui.vault.recover import RecoveryPanel

BINDING_REASONS = {
    "no-backend": N_("den här datorn har ingen nyckelring som Utväg kan använda"),
    "backend-stores-nothing": N_("nyckelringen sparade inte enhetsnyckeln"),
    "disabled": N_("bindningen stängdes av när valvet skapades"),
}


def binding_text(folder: Path) -> str:
    """What the person should know about how the vault is bound to this computer."""
    try:
        binding = facts.binding(folder)
    except UtvagError:
        return ""
    if binding.get("mode") == "keyring":
        return _("Bundet till den här datorn: lösenfrasen räcker inte på en annan dator.")
    reason = BINDING_REASONS.get(binding.get("reason", ""), "")
    text = _("Endast lösenfras: valvet är inte bundet till den här datorn.")
    return f"{text} ({_(reason)})" if reason else text


class UnlockPanel(QWidget):
    unlocked = Signal(object)  # the open Vault
    use_recovery = Signal()

    def __init__(
        self,
        folder: Path,
        ops: Ops,
        clock: Clock = SYSTEM,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.folder, self.ops, self.clock = folder, ops, clock
        #: the countdown is a delay, not a date: a monotonic timer (a clock change
        #: while it runs neither stretches nor skips it)
        self.monotonic = monotonic
        self.retry_at = 0.0
        self.logo = QLabel()
        self.logo.setPixmap(app_icon().pixmap(56, 56))
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.subtitle = QLabel(wordWrap=True)
        self.subtitle.setObjectName("subtitle")
        self.banner = Banner()
        self.passphrase = PassphraseEdit()
        self.passphrase.returnPressed.connect(self.submit)
        self.passphrase.textChanged.connect(self._update)
        self.caps = CapsLockWarning(self.passphrase)
        self.countdown = QLabel()
        self.countdown.setObjectName("warning")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.recovery_button = QPushButton()
        self.recovery_button.setFlat(True)
        self.recovery_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recovery_button.clicked.connect(self.use_recovery)
        self.binding_icon = QLabel()
        self.binding_icon.setPixmap(icon("lock").pixmap(16, 16))
        self.binding = QLabel(wordWrap=True)
        self.binding.setObjectName("hint")
        self.folder_label = QLabel(wordWrap=True)
        self.folder_label.setObjectName("hint")
        self._timer = QTimer(self, interval=250)
        self._timer.timeout.connect(self._tick)
        self._layout()
        language.bind(self.retranslate)
        wait = facts.unlock_wait(folder, clock.now().timestamp())
        if wait > 0:
            self.start_countdown(wait)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recovery_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        binding = QHBoxLayout()
        binding.addWidget(self.binding_icon, 0, Qt.AlignmentFlag.AlignTop)
        binding.addWidget(self.binding, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addSpacing(6)
        for widget in (self.banner, self.passphrase, self.caps, self.countdown, self.progress):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dedbd3;")
        layout.addWidget(line)
        layout.addLayout(binding)
        layout.addWidget(self.folder_label)

    def retranslate(self) -> None:
        self.heading.setText(_("Lås upp Utväg"))
        self.subtitle.setText(_("Skriv din lösenfras för att öppna valvet."))
        self.passphrase.setPlaceholderText(_("Lösenfras"))
        self.passphrase.setAccessibleName(_("Lösenfras"))
        self.unlock_button.setText(_("Lås upp"))
        self.recovery_button.setText(_("Använd återställningsnyckel …"))
        self.binding.setText(binding_text(self.folder))
        self.folder_label.setText(_("Valv: {folder}").format(folder=self.folder))
        self._tick()

    # ------------------------------------------------------------ countdown
    def start_countdown(self, seconds: float) -> None:
        self.retry_at = self.monotonic() + seconds
        self._timer.start()
        self._tick()

    def remaining(self) -> int:
        return max(0, math.ceil(self.retry_at - self.monotonic()))

    def _tick(self) -> None:
        left = self.remaining()
        if left:
            self.countdown.setText(_("Du kan försöka igen om {seconds} s.").format(seconds=left))
        else:
            self._timer.stop()
            self.countdown.clear()
        self.countdown.setVisible(bool(left))
        self._update()

    def _update(self) -> None:
        ready = bool(self.passphrase.text()) and not self.remaining()
        self.unlock_button.setEnabled(ready and not self.progress.isVisible())

    # --------------------------------------------------------------- unlock
    def submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        self.banner.clear()
        self.progress.show()
        self.passphrase.setEnabled(False)
        self._update()
        self.ops.run(
            lambda: _unlock(self.folder, passphrase, self.clock),
            label=N_("Valvet låses upp …"),
            on_done=self._opened,
            on_error=self._failed,
        )

    def _finish(self) -> None:
        self.progress.hide()
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()
        self._update()

    def _opened(self, vault: Vault) -> None:
        self.passphrase.wipe()
        self._finish()
        self.unlocked.emit(vault)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        if isinstance(exc, WrongPassphrase):
            self.passphrase.selectAll()
            self.banner.show_error(exc)
            self.start_countdown(exc.retry_after)
        elif isinstance(exc, DeviceSecretMissing):
            self.banner.show_error(exc)
            self.recovery_button.setFocus()
        else:
            self.banner.show_error(exc)


class UnlockWindow(QWidget):
    """A small top-level window holding the unlock panel and the recovery panel."""

    unlocked = Signal(object)
    closed = Signal()  # the person closed the window: quit

    def __init__(self, folder: Path, ops: Ops, hint: str = "", clock: Clock = SYSTEM) -> None:
        super().__init__()
        self.setObjectName("unlockWindow")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(540, 440)
        self.folder, self.ops, self.clock = folder, ops, clock
        self.unlock = UnlockPanel(folder, ops, clock)
        self._recovery: RecoveryPanel | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock)
        self.hint = QLabel(hint, wordWrap=True)
        self.hint.setObjectName("hint")
        self.hint.setVisible(bool(hint))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.addWidget(self.stack)
        layout.addWidget(self.hint)
        self.unlock.use_recovery.connect(lambda: self.stack.setCurrentWidget(self.recovery))
        self.unlock.unlocked.connect(self.unlocked)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Utväg – låst"))

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    @property
    def recovery(self) -> RecoveryPanel:
        """Built when first asked for: most mornings never need it (faster start)."""
        if self._recovery is None:
            from ui.vault import recover

            self._recovery = recover.RecoveryPanel(self.folder, self.ops, clock=self.clock)
            self._recovery.back.connect(self.show_unlock)
            self._recovery.unlocked.connect(self.unlocked)
            self.stack.addWidget(self._recovery)
        return self._recovery

    def show_unlock(self) -> None:
        if self._recovery is not None:
            self._recovery.reset()
        self.stack.setCurrentWidget(self.unlock)
        self.unlock.passphrase.setFocus()


def _unlock(folder: Path, passphrase: str, clock: Clock) -> Vault:
    """Runs off the UI thread. The full page check runs after the main window is up
    (Shell.verify_storage): at 10,000 cases it alone would take twice the time budget
    for opening."""
    from app.vault.vault import Vault

    return Vault.unlock(folder, passphrase, clock=clock, verify=False)
