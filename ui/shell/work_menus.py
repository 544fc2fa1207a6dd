"""The main window's "Överlämning" and "Uppföljning" menus: sealed handovers and
transfer requests (issue 4), and the supervisor views (retention, log follow-up,
statistics; issue 3). Kept apart from main_window.py so that stays small."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from app.i18n import N_, _
from ui.common import language
from ui.common.errors import Banner

HANDOVER_ACTIONS = (
    ("export", N_("&Lämna över ärende …")),
    ("receive", N_("&Ta emot överlämning …")),
    ("receipt", N_("Läs in &kvitto …")),
    ("transfer", N_("Över&flyttning av ärendet …")),
    ("identity", N_("&Signeringsidentitet och roller …")),
    ("directory", N_("K&atalog över mottagare …")),
)
OVERSIGHT_ACTIONS = (
    ("retention", N_("&Gallring …")),
    ("log", N_("&Loggkontroll …")),
    ("stats", N_("&Uppföljningsstatistik …")),
)


class WorkMenus(QWidget):
    """Owns the two menus and retranslates them (a hidden QObject for language.bind).

    It gets what it needs of the main window (its tabs, banner and services: ops and
    clipboard) as arguments, so it does not import main_window (no import circle)."""

    def __init__(
        self, window: QMainWindow, store: Any, tabs: QTabWidget, banner: Banner, services: Any
    ) -> None:
        super().__init__(window)
        self.hide()
        self.window_, self.store = window, store
        self.tabs, self.banner, self.services = tabs, banner, services
        self.handover = window.menuBar().addMenu("")
        self.oversight = window.menuBar().addMenu("")
        self.actions_: dict[str, tuple[QAction, str]] = {}
        for key, text in HANDOVER_ACTIONS:
            if key in ("transfer", "identity"):
                self.handover.addSeparator()
            self._add(self.handover, key, text)
        for key, text in OVERSIGHT_ACTIONS:
            self._add(self.oversight, key, text)
        language.bind(self.retranslate)

    def _add(self, menu: QMenu, key: str, text: str) -> None:
        action = QAction(self.window_)
        action.setObjectName(f"menu_{key}")
        action.triggered.connect(getattr(self, f"_{key}"))
        menu.addAction(action)
        self.actions_[key] = (action, text)

    def retranslate(self) -> None:
        self.handover.setTitle(_("Ö&verlämning"))
        self.oversight.setTitle(_("&Uppföljning"))
        for action, text in self.actions_.values():
            action.setText(_(text))

    # ------------------------------------------------------------ handover
    def _current_ref(self) -> str | None:
        widget = self.tabs.currentWidget()
        ref = getattr(widget, "ref", None)  # a case window
        return ref if isinstance(ref, str) else None

    def _services(self) -> Any:
        return self.services

    def _export(self) -> None:
        from ui import handover

        handover.open_export_wizard(self.window_, self.store, self._current_ref(),
                                    ops=self._services().ops,
                                    clipboard=self._services().clipboard)  # fmt: skip

    def _receive(self) -> None:
        from ui import handover

        handover.open_verify_dialog(self.window_, self.store, ops=self._services().ops)

    def _receipt(self) -> None:
        from ui import handover

        handover.open_receipt_import_dialog(self.window_, self.store, ops=self._services().ops)

    def _transfer(self) -> None:
        from ui import handover

        ref = self._current_ref()
        if ref is None:
            self.banner.show_info(lambda: _("Öppna först det ärende som ska flyttas."))
            return
        handover.open_transfer_dialog(self.window_, self.store, ref)

    def _identity(self) -> None:
        from ui import handover

        handover.open_identity_dialog(self.window_, self.store, ops=self._services().ops)

    def _directory(self) -> None:
        from ui import handover

        handover.open_directory_dialog(self.window_, self.store)

    # ----------------------------------------------------------- oversight
    def _open_view(self, make: Callable[[Any], QWidget], title: str) -> None:
        """A supervisor view in a window of its own (closed with the vault)."""
        dialog = QDialog(self.window_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(_(title))
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(0, 0, 0, 0)
        view = make(self.store)
        layout.addWidget(view)
        refresh = getattr(view, "refresh", None)
        if refresh is not None:
            refresh()
        dialog.resize(960, 620)
        dialog.show()

    def _retention(self) -> None:
        from ui.casefile.retention import RetentionView

        self._open_view(RetentionView, N_("Gallring"))

    def _log(self) -> None:
        from ui.casefile.oversight import LogView

        self._open_view(LogView, N_("Loggkontroll"))

    def _stats(self) -> None:
        from ui.casefile.stats import StatsView

        self._open_view(StatsView, N_("Uppföljningsstatistik"))
