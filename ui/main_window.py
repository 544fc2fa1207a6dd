"""The main window: the case list and open cases as tabs, menus, the status bar.

It composes the panels and dialogs from their own modules and owns the vault's drafts
while it is open; locking and quitting are the shell's business (``ui.shell``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.vault import db
from app.vault.backup import create_backup
from app.vault.vault import Vault
from ui import language
from ui import settings as s
from ui.about import AboutDialog
from ui.case_dialogs import NewCaseDialog
from ui.case_list import CaseListPanel
from ui.case_view import NOTE_DRAFT_KIND, CaseView
from ui.cases import CaseDetail, CaseSource
from ui.clipboard import ClipboardGuard
from ui.drafts import DraftKeeper
from ui.errors import Banner
from ui.ops import Changes, Ops
from ui.privacy import CoveredStack
from ui.shortcuts import ShortcutsDialog, key_sequences
from ui.status import VaultStatusBar
from ui.theme import app_icon

SESSION_DRAFT = "ui:session"


@dataclass
class Services:
    """What every window of an unlocked session shares."""

    ops: Ops
    settings: s.Settings
    clipboard: ClipboardGuard


class MainWindow(QMainWindow):
    lock_requested = Signal(str)  # "manual" or "panic"
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, vault: Vault, source: CaseSource | None, services: Services) -> None:
        super().__init__()
        self.vault, self.source, self.services = vault, source, services
        self.ops = services.ops
        self.drafts = DraftKeeper(vault, services.settings.get(s.DRAFT_SECONDS))
        self.drafts.on_error = self._draft_failed
        self.setWindowIcon(app_icon())
        self.banner = Banner()
        self.cases = CaseListPanel()
        self.cases.open_case.connect(self.open_case)
        self.cases.new_case.connect(self.new_case)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_case_at)
        self.tabs.addTab(self.cases, "")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
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
        self._build_menus()
        self.resize(1100, 700)
        language.bind(self.retranslate)
        if source is None:
            self.cases.new_button.setEnabled(False)
            self.actions_by_name["new_case"].setEnabled(False)

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
        self.file_menu.addAction(a("settings", self.settings_requested))
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            a("lock", lambda: self.lock_requested.emit("manual"), app_wide=True)
        )
        self.file_menu.addAction(
            a("panic", lambda: self.lock_requested.emit("panic"), app_wide=True)
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
            "new_case": _("Nytt ärende …"),
            "settings": _("Inställningar …"),
            "lock": _("Lås valvet"),
            "panic": _("Lås och dölj (panik)"),
            "quit": _("Avsluta"),
            "shortcuts": _("Kortkommandon"),
            "find": _("Sök i ärendelistan"),
            "close_case": _("Stäng ärendet"),
        }
        for name, text in texts.items():
            self.actions_by_name[name].setText(text)
        self.backup_action.setText(_("Säkerhetskopiera valvet …"))
        self.about_action.setText(_("Om Utväg"))
        self.tabs.setTabText(0, _("Ärenden"))
        for index in range(1, self.tabs.count()):
            self._tab_close_tooltip(index)
        if self.source is None:
            self.banner.show_warning(
                lambda: _("Ärenderegistret finns inte i den här versionen; ärenden kan inte visas.")
            )

    # ---------------------------------------------------------------- cases
    def refresh_cases(self) -> None:
        if self.source is not None:
            self.ops.run(self.source.rows, label=_("Ärenden läses …"), on_done=self.cases.set_rows)

    def _changed(self, changes: Changes) -> None:
        if changes.cases:
            self.refresh_cases()

    def new_case(self) -> None:
        if self.source is None:
            return
        dialog = NewCaseDialog(self.source, self.ops, self)
        dialog.created.connect(self.open_case)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def case_views(self) -> list[CaseView]:
        views = (self.tabs.widget(i) for i in range(1, self.tabs.count()))
        return [v for v in views if isinstance(v, CaseView)]

    def open_case(self, ref: str) -> None:
        for view in self.case_views():
            if view.row.ref == ref:
                self.tabs.setCurrentWidget(view)
                return
        if self.source is not None:
            source = self.source
            self.ops.run(
                lambda: source.detail(ref), on_done=self._show_case, on_error=self.banner.show_error
            )

    def _show_case(self, detail: CaseDetail) -> None:
        if any(v.row.ref == detail.ref for v in self.case_views()):
            return
        view = CaseView(detail, self.drafts, self.services.clipboard)
        index = self.tabs.addTab(view, view.title)
        self._tab_close_tooltip(index)
        self.tabs.setCurrentIndex(index)
        view.note.setFocus()
        self.save_session()

    def _tab_close_tooltip(self, index: int) -> None:
        button = self.tabs.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
        if button is not None:
            button.setToolTip(_("Stäng ärendet (Ctrl+W)"))

    def close_case_at(self, index: int) -> None:
        view = self.tabs.widget(index)
        if index <= 0 or not isinstance(view, CaseView):
            return
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
        return [v.row.ref for v in self.case_views()]

    def save_session(self) -> None:
        """Remember which cases are open (inside the vault) so an unlock or a restart
        after a crash brings the caseworker back to them."""
        self.vault.save_draft(SESSION_DRAFT, "session", json.dumps(self.open_refs()))

    def restore_session(self) -> None:
        refs: list[str] = []
        stored = self.vault.load_draft(SESSION_DRAFT)
        if stored:
            refs = [str(r) for r in json.loads(stored)]
        for key, kind, _updated in self.vault.drafts():
            ref = key.split(":")[1] if kind == NOTE_DRAFT_KIND else ""
            if ref and ref not in refs:
                refs.append(ref)  # a draft left by a crash: open its case too
        for ref in refs:
            self.open_case(ref)

    def _draft_failed(self, exc: Exception) -> None:
        self.banner.show_error(exc)

    def teardown(self) -> None:
        """Save everything typed and forget the content (before a lock or quit)."""
        self.drafts.flush()
        self.save_session()
        for view in self.case_views():
            view.close_view()
        self.drafts.stop()
        self.cases.clear()
        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            widget.deleteLater()

    # ------------------------------------------------------------- dialogs
    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        with self.vault.read() as conn:
            version = db.cipher_version(conn)
        dialog = AboutDialog(version, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def backup(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Säkerhetskopiera valvet"),
            "utvag-backup.utvagbak",
            _("Säkerhetskopior (*.utvagbak)"),
        )
        if path:
            self.run_backup(Path(path))

    def run_backup(self, path: Path) -> None:
        vault = self.vault
        self.ops.run(
            lambda progress: create_backup(vault, path, progress),
            label=_("Säkerhetskopian skrivs …"),
            on_done=lambda _r: self.banner.show_info(
                lambda: _("Säkerhetskopian är sparad och kontrollerad.")
            ),
            on_error=self.banner.show_error,
        )

    # -------------------------------------------------------------- events
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange:
            cover = self.services.settings.get(s.PRIVACY_COVER) and not self.isActiveWindow()
            self.stack.set_covered(bool(cover))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.quit_requested.emit()
