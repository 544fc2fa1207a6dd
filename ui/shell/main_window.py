"""The main window: the case list, Today and Search, open cases as tabs, menus, the
status bar.

It composes the panels and dialogs from their own modules and owns the vault's drafts
while it is open; locking and quitting are the shell's business (``ui.shell.lifecycle``). Every
write runs through the ops runner; when it reports what changed, the window reads
again only the views that show one of those areas (each case window does the same for
its own tabs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings as s
from app.changes import Changes
from app.i18n import N_, _
from app.store import REMINDER_AREAS, ROW_AREAS, SEARCH_AREAS, Store
from app.store.records import CaseRow
from app.vault.vault import Vault
from ui.case_dialogs import NewCaseDialog
from ui.case_tabs import CaseOpener
from ui.casefile.caselist import CaseListWidget
from ui.casefile.search import SearchView
from ui.casefile.today import TodayView
from ui.casefile.window import CaseWindow
from ui.common import language
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.theme import app_icon
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper
from ui.shell.lock_reason import LockReason
from ui.shell.privacy import CoveredStack
from ui.shell.shortcuts import key_sequences
from ui.shell.status import VaultStatusBar
from ui.shell.work_menus import WorkMenus
from ui.vault import vault_actions

SESSION_DRAFT = "ui:session"


@dataclass
class Services:
    """What every window of an unlocked session shares."""

    ops: Ops
    settings: s.Settings
    clipboard: ClipboardGuard


#: Rows read on the UI thread when the list is empty (a screenful and then some).
FIRST_PAGE = 60


class MainWindow(QMainWindow):
    lock_requested = Signal(object)  # LockReason.MANUAL or PANIC
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, vault: Vault, store: Store, services: Services) -> None:
        super().__init__()
        self.vault, self.store, self.services = vault, store, services
        self.ops = services.ops
        self.drafts = DraftKeeper(vault, services.settings.get(s.DRAFT_SECONDS))
        self.drafts.on_error = self._draft_failed
        self.setWindowIcon(app_icon())
        self.banner = Banner()
        self.cases = CaseListWidget()
        self.cases.open_case.connect(self.open_case)
        self.cases.new_case.connect(self.new_case)
        self.today = TodayView(store)
        self.search = SearchView(store)
        self.opener = CaseOpener(
            store, self.ops, self.drafts, services.clipboard, self.banner.show_error
        )
        self.tabs = self._build_tabs()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.stack = CoveredStack(body)
        self.setCentralWidget(self.stack)
        self.status = VaultStatusBar(vault.folder, vault.binding_mode)
        self.setStatusBar(self.status)
        self.ops.busy.connect(self.status.show_work)
        self.ops.changed.connect(self._changed)
        self.actions_by_name: dict[str, QAction] = {}
        self._opening: set[str] = set()
        self._torn_down = False
        self._rows_asked = 0  # reads of the whole case list started
        self._build_menus()
        self.work_menus = WorkMenus(self, store, self.tabs, self.banner, services)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.work_menus.handover)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.work_menus.oversight)
        self.resize(1100, 700)
        language.bind(self.retranslate)

    def _build_tabs(self) -> QTabWidget:
        """The fixed tabs (case list, Today, Search), then the open cases."""
        tabs = QTabWidget()
        tabs.setDocumentMode(True)
        tabs.setTabsClosable(True)
        tabs.tabCloseRequested.connect(self.close_case_at)
        self.fixed_tabs: list[tuple[str, QWidget]] = [
            (N_("Ärenden"), self.cases), (N_("Idag"), self.today), (N_("Sök"), self.search),
        ]  # fmt: skip
        for _name, widget in self.fixed_tabs:
            index = tabs.addTab(widget, "")
            tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
        self.today.open_case.connect(self.open_case)
        self.search.open_case.connect(self.open_case)
        return tabs

    # ---------------------------------------------------------------- menus
    def _action(self, name: str, slot: object, *, app_wide: bool = False) -> QAction:
        action = QAction(self)
        action.setShortcuts(key_sequences(name))
        if app_wide:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.help_menu = self.menuBar().addMenu("")
        a = self._action
        self.file_menu.addAction(a("new_case", self.new_case))
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup)
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.passphrase_action = QAction(self)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        self.file_menu.addAction(self.passphrase_action)
        self.rekey_action = QAction(self)
        self.rekey_action.triggered.connect(lambda: self.new_keys(new_passphrase=True))
        self.file_menu.addAction(self.rekey_action)
        self.recovery_key_action = QAction(self)
        self.recovery_key_action.triggered.connect(lambda: self.new_keys(new_passphrase=False))
        self.file_menu.addAction(self.recovery_key_action)
        self.file_menu.addAction(a("settings", self.settings_requested))
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            a("lock", lambda: self.lock_requested.emit(LockReason.MANUAL), app_wide=True)
        )
        self.file_menu.addAction(
            a("panic", lambda: self.lock_requested.emit(LockReason.PANIC), app_wide=True)
        )
        self.file_menu.addAction(a("quit", self.quit_requested))
        self.help_menu.addAction(a("shortcuts", self.show_shortcuts))
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)
        a("find", self._focus_search)
        a("close_case", lambda: self.close_case_at(self.tabs.currentIndex()))

    def retranslate(self) -> None:
        profile = self.vault.profile() if self.vault.is_open else None
        who = f" – {profile.name}" if profile and profile.name else ""
        self.setWindowTitle(_("Utväg") + who)
        self.file_menu.setTitle(_("&Arkiv"))
        self.help_menu.setTitle(_("&Hjälp"))
        texts = {
            "new_case": _("&Nytt ärende …"),
            "settings": _("&Inställningar …"),
            "lock": _("&Lås valvet"),
            "panic": _("Lås och &dölj (panik)"),
            "quit": _("&Avsluta"),
            "shortcuts": _("&Kortkommandon"),
            "find": _("Sök i ärendelistan"),
            "close_case": _("Stäng ärendet"),
        }
        for name, text in texts.items():
            self.actions_by_name[name].setText(text)
        self.backup_action.setText(_("&Säkerhetskopiera valvet …"))
        self.about_action.setText(_("&Om Utväg"))
        self.passphrase_action.setText(_("&Byt lösenfras …"))
        self.rekey_action.setText(_("Byt n&ycklar (lösenfrasen kan vara känd) …"))
        self.recovery_key_action.setText(_("Ny åte&rställningsnyckel …"))
        for index, (name, _widget) in enumerate(self.fixed_tabs):
            self.tabs.setTabText(index, _(name))
        for index in range(len(self.fixed_tabs), self.tabs.count()):
            self._tab_close_tooltip(index)

    # ---------------------------------------------------------------- cases
    def refresh_cases(self) -> None:
        if not self.cases.all_rows:
            # Paint the first page at once; the whole list follows off the UI thread.
            self.cases.set_rows(self.store.first_case_rows(FIRST_PAGE))
        self._rows_asked += 1
        asked = self._rows_asked
        self.ops.run(self.store.case_rows, label=N_("Ärenden läses …"),
                     on_done=lambda rows: self._rows_read(rows, asked))  # fmt: skip

    def _rows_read(self, rows: list[CaseRow], asked: int) -> None:
        """Show the rows unless a newer read is on its way (changes in quick succession)."""
        if not self._torn_down and asked == self._rows_asked:
            self.cases.set_rows(rows)

    def _changed(self, changes: Changes) -> None:
        """Read again what shows a changed area (a hidden Today or Search view reads
        when it is shown)."""
        if self._torn_down:
            return
        if changes.touches(*ROW_AREAS):
            self.refresh_cases()
        if changes.touches(*REMINDER_AREAS) and self.today.isVisible():
            self.today.refresh()
        if changes.touches(*SEARCH_AREAS) and self.search.isVisible():
            self.search.run()

    def new_case(self) -> None:
        dialog = NewCaseDialog(self.store, self.ops, self)
        dialog.created.connect(self.open_case)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def case_views(self) -> list[CaseWindow]:
        first = len(self.fixed_tabs)
        return [self.tabs.widget(i) for i in range(first, self.tabs.count())]  # type: ignore[misc]

    def open_case(self, ref: str) -> None:
        for view in self.case_views():
            if view.ref == ref:
                self.tabs.setCurrentWidget(view)
                return
        if ref not in self._opening:
            self._opening.add(ref)
            self.opener.open(ref, self._show_case, self._wants)

    def _wants(self, ref: str) -> bool:
        """Still open, and the case not shown yet (a double-click asks twice)."""
        self._opening.discard(ref)
        return not self._torn_down and ref not in self.open_refs()

    def _show_case(self, view: CaseWindow) -> None:
        index = self.tabs.addTab(view, view.title)
        self._tab_close_tooltip(index)
        view.title_changed.connect(lambda title: self._retitle(view, title))
        view.close_requested.connect(lambda _ref: self.close_case_at(self.tabs.indexOf(view)))
        self.tabs.setCurrentIndex(index)
        self.save_session()

    def _retitle(self, view: QWidget, title: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, title)

    def _tab_close_tooltip(self, index: int) -> None:
        button = self.tabs.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
        if button is not None:
            button.setToolTip(_("Stäng ärendet (Ctrl+W)"))

    def close_case_at(self, index: int) -> None:
        if index < len(self.fixed_tabs) or index >= self.tabs.count():
            return
        view: CaseWindow = self.tabs.widget(index)  # type: ignore[assignment]
        view.close_view()
        self.tabs.removeTab(index)
        view.deleteLater()
        self.save_session()

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.cases.search.setFocus()
        self.cases.search.selectAll()

    # ------------------------------------------------------- session, drafts
    def open_refs(self) -> list[str]:
        return [v.ref for v in self.case_views()]

    def save_session(self) -> None:
        """Remember which cases are open (inside the vault) so an unlock or a restart
        after a crash brings the caseworker back to them."""
        self.vault.save_draft(SESSION_DRAFT, "session", json.dumps(self.open_refs()))

    def restore_session(self) -> None:
        refs: list[str] = []
        stored = self.vault.load_draft(SESSION_DRAFT)
        if stored:
            refs = [str(r) for r in json.loads(stored)]
        for key, _kind, _updated in self.vault.drafts():
            parts = key.split(":")
            ref = parts[1] if len(parts) > 2 and parts[0] == "case" else ""
            if ref and ref not in refs:
                refs.append(ref)  # a draft left by a crash: open its case too
        for ref in refs:
            self.open_case(ref)

    def _draft_failed(self, exc: Exception) -> None:
        self.banner.show_error(exc)

    def teardown(self) -> None:
        """Save everything typed and forget the content (before a lock or quit)."""
        self._torn_down = True
        self.drafts.flush()
        self.save_session()
        for view in self.case_views():
            view.close_view()
        self.drafts.stop()
        self.cases.clear()
        first = len(self.fixed_tabs)
        while self.tabs.count() > first:
            widget = self.tabs.widget(first)
            self.tabs.removeTab(first)
            if widget is not None:
                widget.deleteLater()

    # ------------------------------------------------------------- dialogs
    def show_shortcuts(self) -> None:
        vault_actions.show_shortcuts(self)

    def change_passphrase(self) -> None:
        vault_actions.change_passphrase(self, self.vault, self.ops, self.banner)

    def new_keys(self, *, new_passphrase: bool) -> QDialog:
        return vault_actions.new_keys(self, self.vault, self.ops, self.banner, new_passphrase)

    def show_about(self) -> None:
        vault_actions.show_about(self, self.vault)

    def backup(self) -> None:
        store = self.opener.store
        if store is not None:  # older backups still holding culled data: say so first
            vault_actions.warn_culled_backups(store, self.banner)
        path = vault_actions.ask_backup_path(self, self.vault.clock.today())
        if path is not None:
            vault_actions.run_backup(self.vault, path, self.ops, self.banner)

    # -------------------------------------------------------------- events
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange:
            active = QApplication.activeWindow()
            own_dialog = active is not None and active.parentWidget() is self
            away = not self.isActiveWindow() and not own_dialog  # another program, or none
            self.stack.set_covered(bool(self.services.settings.get(s.PRIVACY_COVER) and away))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.quit_requested.emit()
