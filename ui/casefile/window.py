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

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.store import Store
from app.store.records import CaseFile, Changes, TimelinePoint
from ui.casefile.actors import ActorsTab
from ui.casefile.casedetails import CaseDetailsTab
from ui.casefile.consents import ConsentsTab
from ui.casefile.context import CaseContext
from ui.casefile.identity import IdentityBar, case_title
from ui.casefile.journal import JournalTab
from ui.casefile.motivation import MotivationTab
from ui.casefile.overview import OverviewTab
from ui.casefile.tasks import TasksTab
from ui.casefile.threat import ThreatTab
from ui.common import language, reports
from ui.common.errors import Banner
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper

TAB_FACTORIES: dict[str, Callable[[CaseContext], QWidget]] = {
    "case": CaseDetailsTab, "journal": JournalTab, "motivation": MotivationTab, "threat": ThreatTab,
    "consents": ConsentsTab, "actors": ActorsTab, "tasks": TasksTab,
}  # fmt: skip
TAB_NAMES = tuple(TAB_FACTORIES)
TAB_STYLE = (
    "QTabBar::tab { background: transparent; border: none; padding: 7px 14px 6px 14px;"
    " color: #4a4a4a; } QTabBar::tab:selected { color: #1f4e5f; font-weight: 600;"
    " border-bottom: 2px solid #1f4e5f; } QTabBar::tab:hover:!selected { color: #1f4e5f; }"
    " QTabWidget::pane { border: none; border-top: 1px solid #dedbd3; }"
)


class CaseWindow(QWidget):
    changed = Signal(object)  # app.store.Changes, after any verb in this window
    title_changed = Signal(str)
    close_requested = Signal(str)  # case ref

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None, *,
                 drafts: DraftKeeper | None = None,
                 clipboard: ClipboardGuard | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("caseWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#caseWindow { background: #f7f6f3; }")
        self.store = store
        self.banner = Banner(self)
        case = store.case(case_id)
        if drafts is None:  # standalone: own helpers, owned by the window (never by the GC)
            drafts = DraftKeeper(store.vault)
            drafts.setParent(self)
        if clipboard is None:
            clipboard = ClipboardGuard()
            clipboard.setParent(self)
        self.ctx = CaseContext(
            store, case_id, case.ref, drafts, clipboard, self.banner, self._changed
        )
        self.identity = IdentityBar()
        self.identity.reveal_requested.connect(self.reveal)
        self.identity.hide_requested.connect(self.hide_identity)
        self.identity.copy_requested.connect(self.copy_ref)
        self.identity.extract_requested.connect(self.register_extract)
        self.overview = OverviewTab(self.ctx.today())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet(TAB_STYLE)
        self.tabs.addTab(self.overview, "")
        # The other tabs are built when first shown: opening a case paints the overview
        # without building six tabs (first paint within the design's 200 ms budget).
        self._built: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}
        for name in TAB_NAMES:
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            self._holders[name] = holder
            self.tabs.addTab(holder, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.identity)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.file: CaseFile | None = None
        self.points: list[TimelinePoint] = []
        self.reload(audit=True)
        language.bind(self.retranslate)
        if store.vault.load_draft(self.ctx.draft_key("journal", "new")):
            self.tabs.setCurrentWidget(self._holders["journal"])  # back to the unsaved text

    # ----------------------------------------------------------- the tabs
    def tab(self, name: str) -> QWidget:
        """The tab called ``name``, built now if it has not been shown yet."""
        if name not in self._built:
            widget = TAB_FACTORIES[name](self.ctx)
            holder = self._holders[name]
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(widget)
            widget.show()  # a child added to a visible parent is otherwise shown later
            self._built[name] = widget
            if self.file is not None:
                self._fill(widget)
        return self._built[name]

    def show_tab(self, name: str) -> QWidget:
        """Bring a tab to the front ("overview", "case", "journal", "motivation",
        "threat", "consents", "actors", "tasks") and return it."""
        if name == "overview":
            self.tabs.setCurrentWidget(self.overview)
            return self.overview
        self.tabs.setCurrentWidget(self._holders[name])
        return self.tab(name)

    def _tab_shown(self, index: int) -> None:
        holder = self.tabs.widget(index)
        for name, candidate in self._holders.items():
            if candidate is holder:
                self.tab(name)

    def _fill(self, widget: QWidget) -> None:
        assert self.file is not None
        if isinstance(widget, MotivationTab):
            widget.show_file(self.file, self.points, self.store.today())
        else:
            widget.show_file(self.file)  # type: ignore[attr-defined]

    @property
    def details(self) -> CaseDetailsTab:
        return self.tab("case")  # type: ignore[return-value]

    @property
    def journal(self) -> JournalTab:
        return self.tab("journal")  # type: ignore[return-value]

    @property
    def motivation(self) -> MotivationTab:
        return self.tab("motivation")  # type: ignore[return-value]

    @property
    def threat(self) -> ThreatTab:
        return self.tab("threat")  # type: ignore[return-value]

    @property
    def consents(self) -> ConsentsTab:
        return self.tab("consents")  # type: ignore[return-value]

    @property
    def actors(self) -> ActorsTab:
        return self.tab("actors")  # type: ignore[return-value]

    @property
    def tasks(self) -> TasksTab:
        return self.tab("tasks")  # type: ignore[return-value]

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
        names = (_("Översikt"), _("Ärendet"), _("Journal"), _("Motivation"),
                 _("Hotbild och säkerhetsplan"), _("Samtycken"), _("Aktörer"),
                 _("Uppgifter"))  # fmt: skip
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
        self._show_title()

    def reload(self, *, audit: bool = False) -> None:
        """Read the case again and show it in every tab."""
        file = self.store.open_case(self.case_id, audit=audit)
        self.file = file
        self.ctx.refresh_masking(file.case.person.masked)
        self.points = self.store.timeline(file)
        self.identity.show_case(file.case)
        self.overview.show_file(file, self.points, self.store.today())
        for widget in self._built.values():
            self._fill(widget)
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
        seconds = self.ctx.clipboard.seconds  # as in force: never longer than the policy
        self.banner.show_info(
            lambda: _("Referensen är kopierad. Urklippet töms efter {seconds} sekunder.").format(
                seconds=seconds
            )
        )

    def register_extract(self) -> None:
        """The person's register extract as a PDF where the user chooses (audited by
        the store). A protected identity is revealed first, with its own audit."""
        if self.file is None:
            return
        if self.ctx.masked:
            self.banner.show_info(_("Välj ”Visa” först: utdraget innehåller namn och adress."))
            return
        reports.save_register_extract(self, self.store, self.file.case.person.id,
                                      banner=self.banner)  # fmt: skip

    # --------------------------------------------------------------- close
    def close_view(self) -> None:
        """Save drafts one last time; the caller then removes the widget."""
        if "journal" in self._built:
            self.journal.close_view()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_view()
        super().closeEvent(event)


__all__ = ["CaseWindow"]
