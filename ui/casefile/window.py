"""The case window: who (masked if protected), the overview, and one tab per part of
the case file. It reads the whole case with one ``store.open_case`` (audited when the
window opens) and reads it again after every verb, so every tab shows the same state.

Embed it as a tab of the main window, or show it on its own (it is a plain QWidget):

    view = CaseWindow(store, store.case_id_for_ref(ref), drafts=drafts, clipboard=guard)
    view.title            # tab/window title; never a protected name before a reveal
    view.changed          # Signal(Changes): refresh the case list when it fires
    view.close_view()     # saves drafts; call before removing the widget
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.store import Store
from app.store.records import CaseFile, Changes
from ui import language
from ui.casefile.actors import ActorsTab
from ui.casefile.consents import ConsentsTab
from ui.casefile.context import CaseContext
from ui.casefile.identity import IdentityBar, case_title
from ui.casefile.journal import JournalTab
from ui.casefile.motivation import MotivationTab
from ui.casefile.overview import OverviewTab
from ui.casefile.tasks import TasksTab
from ui.casefile.threat import ThreatTab
from ui.clipboard import ClipboardGuard
from ui.drafts import DraftKeeper
from ui.errors import Banner


class CaseWindow(QWidget):
    changed = Signal(object)  # app.store.Changes, after any verb in this window
    title_changed = Signal(str)
    close_requested = Signal(str)  # case ref

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None, *,
                 drafts: DraftKeeper | None = None,
                 clipboard: ClipboardGuard | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.banner = Banner(self)
        case = store.case(case_id)
        self.ctx = CaseContext(
            store, case_id, case.ref, drafts or DraftKeeper(store.vault),
            clipboard or ClipboardGuard(), self.banner, self._changed,
        )  # fmt: skip
        self.identity = IdentityBar()
        self.identity.reveal_requested.connect(self.reveal)
        self.identity.hide_requested.connect(self.hide_identity)
        self.identity.copy_requested.connect(self.copy_ref)
        self.overview = OverviewTab()
        self.journal = JournalTab(self.ctx)
        self.motivation = MotivationTab(self.ctx)
        self.threat = ThreatTab(self.ctx)
        self.consents = ConsentsTab(self.ctx)
        self.actors = ActorsTab(self.ctx)
        self.tasks = TasksTab(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab in (self.overview, self.journal, self.motivation, self.threat, self.consents,
                    self.actors, self.tasks):  # fmt: skip
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.identity)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.file: CaseFile | None = None
        self.reload(audit=True)
        language.bind(self.retranslate)

    @property
    def ref(self) -> str:
        return self.ctx.ref

    @property
    def case_id(self) -> int:
        return self.ctx.case_id

    @property
    def title(self) -> str:
        """The tab or window title: never a protected name before a reveal."""
        return case_title(self.file.case) if self.file else self.ref

    def retranslate(self) -> None:
        names = (_("Översikt"), _("Journal"), _("Motivation"), _("Hotbild och säkerhetsplan"),
                 _("Samtycken"), _("Aktörer"), _("Uppgifter"))  # fmt: skip
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
        self._show_title()

    def reload(self, *, audit: bool = False) -> None:
        """Read the case again and show it in every tab."""
        file = self.store.open_case(self.case_id, audit=audit)
        self.file = file
        self.ctx.refresh_masking(file.case.person.masked)
        today = self.store.today()
        points = self.store.timeline(file)
        self.identity.show_case(file.case)
        self.overview.show_file(file, points, today)
        self.journal.show_file(file)
        self.motivation.show_file(file, points, today)
        self.threat.show_file(file)
        self.consents.show_file(file)
        self.actors.show_file(file)
        self.tasks.show_file(file)
        self._show_title()

    def _show_title(self) -> None:
        self.setWindowTitle(_("{title} – Utväg").format(title=self.title))
        self.title_changed.emit(self.title)

    def _changed(self, changes: Changes) -> None:
        self.reload()
        self.changed.emit(changes)

    # ------------------------------------------------------------ identity
    def reveal(self, reason: str) -> None:
        person = self.file.case.person.id if self.file else None
        if person is not None:
            self.ctx.run(lambda: self.store.reveal(person, reason))

    def hide_identity(self) -> None:
        if self.file is not None:
            self.ctx.run(lambda: self.store.hide(self.file.case.person.id))  # type: ignore[union-attr]

    def copy_ref(self) -> None:
        self.ctx.clipboard.copy(self.ref)
        self.banner.show_info(_("Referensen är kopierad. Urklippet töms efter 30 sekunder."))

    # --------------------------------------------------------------- close
    def close_view(self) -> None:
        """Save drafts one last time; the caller then removes the widget."""
        self.journal.close_view()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_view()
        super().closeEvent(event)


__all__ = ["CaseWindow"]
