"""The application shell: first run → unlock → main window → lock → unlock …

The shell owns what lives longer than one window: the ops runner, settings, language,
clipboard guard and auto-lock. Locking saves every draft, closes the case windows,
clears the clipboard and wipes the key (``Vault.lock``); the unlock window comes back,
minimised after the panic key.

Only what the unlock window needs is imported at start; the main window, the wizard
and the dialogs are imported when first used (cold start to the unlock window is
budgeted at twice a bare PySide6 window).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import settings as s
from app.clock import SYSTEM, Clock
from app.errors import UtvagError
from app.i18n import N_, _
from app.i18n import language as current_language
from app.policy import PolicyError
from app.vault.location import is_vault
from ui.common import language
from ui.common.ops import Ops
from ui.shell.autolock import AutoLock
from ui.shell.clipboard import ClipboardGuard
from ui.shell.lock_reason import LockReason
from ui.shell.session_events import (
    ScreenSaverWatcher,
    SessionWatcher,
    register_window,
    unregister_window,
)
from ui.shell.shortcuts import key_sequences
from ui.vault.unlock import UnlockWindow

if TYPE_CHECKING:
    from app.vault.vault import Vault
    from ui.shell.main_window import MainWindow
    from ui.vault.restore_dialog import RestoreDialog
    from ui.vault.wizard import FirstRunWizard

log = logging.getLogger(__name__)


class Shell(QObject):
    def __init__(
        self,
        folder: Path,
        settings: s.Settings,
        *,
        demo_hint: str = "",
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        clock: Clock = SYSTEM,
    ) -> None:
        super().__init__()
        self.folder, self.settings, self.demo_hint = folder, settings, demo_hint
        #: the session's one clock: the vault opened here carries it to the store and
        #: every window (tests pin it)
        self.clock = clock
        self.ops = Ops()
        self.ops.error.connect(self.present_error)
        self.clipboard = ClipboardGuard()
        self.autolock = AutoLock(monotonic=monotonic, wall=wall)
        self.autolock.lock_requested.connect(self.lock)
        self.apply_limits()
        self.session_watcher = SessionWatcher(self.lock)
        self.screensaver: ScreenSaverWatcher | None = None  # set up at the first unlock
        app = QApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self.session_watcher)
        self.vault: Vault | None = None
        self.main: MainWindow | None = None
        self.unlock_window: UnlockWindow | None = None
        self.wizard: FirstRunWizard | None = None

    # ---------------------------------------------------------------- start
    def start(self, vault: Vault | None = None) -> None:
        if vault is not None:
            self.unlocked(vault)
        elif is_vault(self.folder):
            self.show_unlock()
        else:
            from ui.vault.wizard import FirstRunWizard

            self.wizard = FirstRunWizard(self.folder, self.ops, clock=self.clock)
            self.wizard.created.connect(self.unlocked)
            self.wizard.rejected.connect(self.quit)
            self.wizard.restore_requested.connect(self.show_restore)
            self.wizard.show()

    def warm_up(self) -> None:
        """While the caseworker types the passphrase, load what the main window needs,
        so that opening the vault shows the case list at once."""
        import app.store  # noqa: F401
        import ui.case_tabs
        import ui.casefile.caselist
        import ui.casefile.search
        import ui.casefile.today
        import ui.casefile.window
        import ui.shell.main_window  # noqa: F401

    def show_unlock(
        self, reason: LockReason | None = None, *, minimised: bool = False
    ) -> UnlockWindow:
        window = UnlockWindow(self.folder, self.ops, self.demo_hint, self.clock)
        window.unlocked.connect(self.unlocked)
        window.closed.connect(self.quit)
        panic = QShortcut(window)
        panic.setKey(QKeySequence(key_sequences("panic")[0]))
        panic.activated.connect(window.showMinimized)
        message = LockReason(reason).message if reason else ""
        if message:
            window.unlock.banner.show_info(lambda: _(message))
        self.unlock_window = window
        if minimised:
            window.showMinimized()
        else:
            window.show()
            window.unlock.passphrase.setFocus()
        QTimer.singleShot(50, self.warm_up)
        return window

    def show_restore(self) -> RestoreDialog:
        from ui.vault.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.folder, self.ops, self.wizard, clock=self.clock)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.unlocked)
        dialog.open()
        return dialog

    # ---------------------------------------------------------------- unlock
    def unlocked(self, vault: Vault) -> None:
        from app.store import Store
        from ui.shell.main_window import MainWindow, Services

        if not self._limits_hold():  # the policy file may have changed since the start
            vault.lock()
            return
        self.vault = vault
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None
        services = Services(self.ops, self.settings, self.clipboard)
        self.main = MainWindow(vault, Store(vault), services)
        self.main.lock_requested.connect(self.lock)
        self.main.settings_requested.connect(self.show_settings)
        self.main.quit_requested.connect(self.quit)
        self.main.show()
        register_window(int(self.main.winId()))
        if self.screensaver is None:
            self.screensaver = ScreenSaverWatcher(self.lock)
        if self.unlock_window is not None:
            self.unlock_window.hide()
            self.unlock_window.deleteLater()
            self.unlock_window = None
        self.verify_storage(vault)  # first: anything below may meet a damaged page
        self.autolock.start()
        self.main.refresh_cases()
        try:
            self.main.restore_session()
        except UtvagError as exc:  # e.g. a damaged page; verify_storage locks the vault
            self.main.banner.show_error(exc)
        for finding in vault.rollback:  # older than last seen: said at every unlock
            from app.errors import RolledBack

            self.main.banner.show_error(RolledBack(finding.seen, finding.found))

    def verify_storage(self, vault: Vault) -> None:
        """Check every page of the database off the UI thread, right after unlocking
        (the unlock itself skips it to stay fast). Damage locks the vault at once with
        a message that says what to do; nothing is written meanwhile."""

        def checked(problems: list[str]) -> None:
            if problems and self.vault is vault:
                from app.errors import VaultCorrupt

                self.lock(LockReason.DAMAGED)
                if self.unlock_window is not None:
                    error = VaultCorrupt("databasfilens sidor stämmer inte")
                    self.unlock_window.unlock.banner.show_error(error)

        self.ops.run(vault.verify_storage, label=N_("Valvet kontrolleras …"), on_done=checked)

    # ------------------------------------------------------------------ lock
    def lock(self, reason: LockReason = LockReason.MANUAL) -> None:
        reason = LockReason(reason)
        if self._close_vault():
            self.show_unlock(reason, minimised=reason is LockReason.PANIC)

    def _close_vault(self) -> bool:
        if self.vault is None or self.main is None:
            return False
        self.autolock.stop()
        _close_dialogs()
        main, vault = self.main, self.vault
        self.main = self.vault = None
        try:
            main.teardown()
        except Exception as exc:  # the lock must happen even if a draft cannot be saved
            log.warning("teardown before lock failed: %s", type(exc).__name__)
        unregister_window(int(main.winId()))
        main.hide()
        main.deleteLater()
        self.clipboard.clear()
        vault.lock()
        return True

    @property
    def is_locked(self) -> bool:
        return self.vault is None

    def present_error(self, exc: Exception) -> None:
        """The one presenter for work that failed without its own handler: inline, in
        the window the person is looking at."""
        if self.main is not None:
            self.main.banner.show_error(exc)
        elif self.unlock_window is not None:
            self.unlock_window.unlock.banner.show_error(exc)
        else:
            log.warning("operation failed with no window to show it: %s", type(exc).__name__)

    # -------------------------------------------------------------- settings
    def show_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.main)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_settings(dialog))
        dialog.open()

    def apply_settings(self, dialog: QDialog) -> None:
        dialog.store()  # type: ignore[attr-defined]
        try:
            self.settings.save()
        except OSError as exc:
            if self.main is not None:
                self.main.banner.show_error(exc)
        if not self._limits_hold():
            return
        if self.main is not None:
            self.main.drafts.set_interval(self.settings.get(s.DRAFT_SECONDS))
        lang = self.settings.get(s.LANGUAGE)
        if lang != current_language():
            language.language().apply(lang)

    def apply_limits(self) -> None:
        """Idle lock and clipboard clearing as in force: the caseworker's own choice,
        never looser than the organisation's policy (``app.settings.effective``)."""
        self.autolock.set_idle_minutes(self.settings.effective(s.IDLE_LOCK_MINUTES).value)
        self.clipboard.seconds = self.settings.effective(s.CLIPBOARD_SECONDS).value

    def _limits_hold(self) -> bool:
        """Apply the limits. A policy file broken while running locks the vault and
        says why in the unlock window: never run without the limits IT set."""
        try:
            self.apply_limits()
        except PolicyError as exc:
            self._close_vault()
            window = self.unlock_window or self.show_unlock()
            window.unlock.banner.show_error(exc)
            return False
        return True

    # ------------------------------------------------------------------ quit
    def dispose(self) -> None:
        """Lock, and unhook the application-wide filters (before this object goes)."""
        self._close_vault()
        self.clipboard.clear()
        self.ops.wait()
        self.autolock.detach()
        app = QApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self.session_watcher)

    def quit(self) -> None:
        self.dispose()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def _close_dialogs() -> None:
    """Dialogs end before the lock (their parents are about to go)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def top_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]
