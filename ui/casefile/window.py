"""The case window: who (masked if protected), the overview, and one tab per part of
the case file. It reads the whole case with one ``store.open_case`` (audited when the
window opens). Every verb runs through the ops runner, off the UI thread; when the
runner reports what changed (from this window or any other), the window reads again
only the parts of the case those areas cover, off the UI thread too, and refills only
the tabs that show them (``TAB_AREAS``).

Embed it as a tab of the main window, or show it on its own (it is a plain QWidget):

    view = CaseWindow(store, store.case_id_for_ref(ref), ops=ops, drafts=drafts)
    view.title            # tab/window title; never a protected name before a reveal
    view.close_view()     # saves drafts; call before removing the widget
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.changes import NOTHING, Area, Changes
from app.i18n import N_, _
from app.store import Store
from app.store.records import CaseFile, TimelinePoint
from ui.casefile.actors import ActorsTab
from ui.casefile.casedetails import CaseDetailsTab
from ui.casefile.child import ChildTab
from ui.casefile.consents import ConsentsTab
from ui.casefile.context import CaseContext
from ui.casefile.identity import IdentityBar, case_title
from ui.casefile.journal import JournalTab
from ui.casefile.masking import hidden_words
from ui.casefile.motivation import MotivationTab
from ui.casefile.overview import OverviewTab
from ui.casefile.received import ReceivedTab
from ui.casefile.tasks import TasksTab
from ui.casefile.threat import ThreatTab
from ui.common import language, reports
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper
from ui.shell.shortcuts import key_sequences


class Tab(StrEnum):
    """The tabs of a case window, in order."""

    OVERVIEW = "overview"
    CASE = "case"
    JOURNAL = "journal"
    MOTIVATION = "motivation"
    THREAT = "threat"
    CONSENTS = "consents"
    ACTORS = "actors"
    TASKS = "tasks"
    RECEIVED = "received"  # only in a case received from another authority
    CHILD = "child"  # only in a child's case


TAB_TITLES = {
    Tab.OVERVIEW: N_("Översikt"), Tab.CASE: N_("Ärendet"), Tab.JOURNAL: N_("Journal"),
    Tab.MOTIVATION: N_("Motivation"), Tab.THREAT: N_("Hotbild och säkerhetsplan"),
    Tab.CONSENTS: N_("Samtycken"), Tab.ACTORS: N_("Aktörer"), Tab.TASKS: N_("Uppgifter"),
    Tab.RECEIVED: N_("Mottagna handlingar"), Tab.CHILD: N_("Barn"),
}  # fmt: skip
TAB_FACTORIES: dict[Tab, Callable[[CaseContext], QWidget]] = {
    Tab.CASE: CaseDetailsTab, Tab.JOURNAL: JournalTab, Tab.MOTIVATION: MotivationTab,
    Tab.THREAT: ThreatTab, Tab.CONSENTS: ConsentsTab, Tab.ACTORS: ActorsTab, Tab.TASKS: TasksTab,
    Tab.RECEIVED: ReceivedTab, Tab.CHILD: ChildTab,
}  # fmt: skip
#: Who is protected (the client, a related person) decides what case text blacks out.
_MASKING = frozenset({Area.PERSON, Area.RELATED})
#: The areas each tab shows: a change to one of them refills the tab.
TAB_AREAS: dict[Tab, frozenset[Area]] = {
    Tab.OVERVIEW: frozenset({Area.CASE, Area.PERSON, Area.JOURNAL, Area.MOTIVATION,
                             Area.THREAT, Area.SAFETY_PLAN, Area.CONSENT, Area.TASK,
                             Area.CHILD}),
    Tab.CASE: _MASKING | {Area.CASE, Area.INTAKE, Area.DECISION},
    Tab.JOURNAL: _MASKING | {Area.JOURNAL},
    Tab.MOTIVATION: _MASKING | {Area.MOTIVATION, Area.THREAT, Area.JOURNAL, Area.CASE},
    Tab.THREAT: _MASKING | {Area.THREAT, Area.SAFETY_PLAN},
    Tab.CONSENTS: _MASKING | {Area.CONSENT},
    Tab.ACTORS: frozenset({Area.ACTOR}),
    Tab.TASKS: frozenset({Area.TASK}),
    Tab.RECEIVED: _MASKING | {Area.HANDOVER, Area.CASE},
    Tab.CHILD: _MASKING | {Area.CHILD},
}  # fmt: skip
TAB_STYLE = (
    "QTabBar::tab { background: transparent; border: none; padding: 7px 14px 6px 14px;"
    " color: #4a4a4a; } QTabBar::tab:selected { color: #1f4e5f; font-weight: 600;"
    " border-bottom: 2px solid #1f4e5f; } QTabBar::tab:hover:!selected { color: #1f4e5f; }"
    " QTabWidget::pane { border: none; border-top: 1px solid #dedbd3; }"
)


class CaseWindow(QWidget):
    title_changed = Signal(str)
    close_requested = Signal(str)  # case ref

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None, *,
                 ops: Ops | None = None, drafts: DraftKeeper | None = None,
                 clipboard: ClipboardGuard | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("caseWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#caseWindow { background: #f7f6f3; }")
        self.store = store
        self.banner = Banner(self)
        case = store.case(case_id)
        # Standalone: own helpers, owned by the window (never by the garbage collector).
        if ops is None:
            ops = Ops()
            ops.setParent(self)
        if drafts is None:
            drafts = DraftKeeper(store.vault)
            drafts.setParent(self)
        if clipboard is None:
            clipboard = ClipboardGuard()
            clipboard.setParent(self)
        self.ops = ops
        self.ctx = CaseContext(store, case_id, case.ref, drafts, clipboard, self.banner, ops)
        self._closed, self._reading, self._pending = False, False, NOTHING
        ops.changed.connect(self._changed)
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
        self._built: dict[Tab, QWidget] = {}
        self._holders: dict[Tab, QWidget] = {}
        for name in TAB_FACTORIES:
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
        self._section_keys()
        language.bind(self.retranslate)
        if store.vault.load_draft(self.ctx.draft_key("journal", "new")):
            self.tabs.setCurrentWidget(self._holders[Tab.JOURNAL])  # back to the unsaved text

    # ----------------------------------------------------------- the tabs
    def _section_keys(self) -> None:
        """Ctrl+Tab / Ctrl+PgDn and Ctrl+Shift+Tab / Ctrl+PgUp move between the case's
        sections wherever the focus is in the window (a text field keeps plain Tab)."""
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for action, step in (("next_section", 1), ("previous_section", -1)):
            for keys in key_sequences(action):
                shortcut = QShortcut(keys, self, context=context)
                shortcut.activated.connect(lambda step=step: self.step_section(step))

    def step_section(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) visible section, round the end."""
        count, index = self.tabs.count(), self.tabs.currentIndex()
        for _step in range(count):
            index = (index + step) % count
            if self.tabs.isTabVisible(index) and self.tabs.isTabEnabled(index):
                self.tabs.setCurrentIndex(index)
                return

    def tab(self, name: Tab) -> QWidget:
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

    def show_tab(self, name: Tab) -> QWidget:
        """Bring a tab to the front and return it."""
        if name is Tab.OVERVIEW:
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
        return self.tab(Tab.CASE)  # type: ignore[return-value]

    @property
    def journal(self) -> JournalTab:
        return self.tab(Tab.JOURNAL)  # type: ignore[return-value]

    @property
    def motivation(self) -> MotivationTab:
        return self.tab(Tab.MOTIVATION)  # type: ignore[return-value]

    @property
    def threat(self) -> ThreatTab:
        return self.tab(Tab.THREAT)  # type: ignore[return-value]

    @property
    def consents(self) -> ConsentsTab:
        return self.tab(Tab.CONSENTS)  # type: ignore[return-value]

    @property
    def actors(self) -> ActorsTab:
        return self.tab(Tab.ACTORS)  # type: ignore[return-value]

    @property
    def tasks(self) -> TasksTab:
        return self.tab(Tab.TASKS)  # type: ignore[return-value]

    @property
    def received(self) -> ReceivedTab:
        return self.tab(Tab.RECEIVED)  # type: ignore[return-value]

    @property
    def child(self) -> ChildTab:
        return self.tab(Tab.CHILD)  # type: ignore[return-value]

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
        for index, tab in enumerate(Tab):
            self.tabs.setTabText(index, _(TAB_TITLES[tab]))
        self._show_title()

    def reload(self, *, audit: bool = False) -> None:
        """Read the whole case again and show it in every tab."""
        file = self.store.open_case(self.case_id, audit=audit)
        self._show(file, hidden_words(self.store, self.case_id), frozenset(Tab))

    def _show(self, file: CaseFile, hidden: tuple[str, ...] | None, tabs: frozenset[Tab]) -> None:
        self.file = file
        if hidden is not None:
            self.ctx.set_masking(file.case.person.masked, hidden)
        self.points = self.store.timeline(file)
        self.identity.show_case(file.case)
        if Tab.OVERVIEW in tabs:
            self.overview.show_file(file, self.points, self.store.today())
        # The child tab is there only in a child's case, the received tab only in a
        # case received from another authority.
        child = self.tabs.indexOf(self._holders[Tab.CHILD])
        self.tabs.setTabVisible(child, file.child is not None)
        received = self.tabs.indexOf(self._holders[Tab.RECEIVED])
        self.tabs.setTabVisible(received, bool(file.received))
        for name, widget in self._built.items():
            if name in tabs:
                self._fill(widget)
        self._show_title()

    def _show_title(self) -> None:
        self.setWindowTitle(_("{title} – Utväg").format(title=self.title))
        self.title_changed.emit(self.title)

    # ------------------------------------------------------------ changes
    def _changed(self, changes: Changes) -> None:
        """A verb (here or in another window) changed something: if it may concern
        this case, read again what it changed (one read at a time; changes that come
        meanwhile are read together next)."""
        if self._closed or self.file is None:
            return
        people = frozenset({self.file.case.person.id, *(r.person.id for r in self.file.related)})
        if not changes.concerns(self.case_id, people):
            return
        self._pending = self._pending | changes
        if not self._reading:
            self._read_pending()

    def _read_pending(self) -> None:
        changes, self._pending = self._pending, NOTHING
        file, store, case_id = self.file, self.store, self.case_id
        assert file is not None
        masking = changes.touches(*_MASKING)

        def read() -> tuple[CaseFile, tuple[str, ...] | None]:
            hidden = hidden_words(store, case_id) if masking else None
            return store.refresh_case(file, changes), hidden

        self._reading = True
        self.ops.run(read, on_done=lambda got: self._refreshed(changes, *got),
                     on_error=self._refresh_failed)  # fmt: skip

    def _refreshed(self, changes: Changes, file: CaseFile, hidden: tuple[str, ...] | None) -> None:
        self._reading = False
        if self._closed:
            return
        self._show(file, hidden, tabs_showing(changes))
        if self._pending.areas:
            self._read_pending()

    def _refresh_failed(self, exc: Exception) -> None:
        self._reading = False
        if not self._closed:
            self.banner.show_error(exc)

    # ------------------------------------------------------------ identity
    def reveal(self, reason: str) -> None:
        if self.file is not None:
            store, person = self.store, self.file.case.person.id
            self.ctx.run(lambda: store.reveal(person, reason))

    def hide_identity(self) -> None:
        if self.file is not None:
            store, person = self.store, self.file.case.person.id
            self.ctx.run(lambda: store.hide(person))

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
        self._closed = True
        if Tab.JOURNAL in self._built:
            self.journal.close_view()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_view()
        super().closeEvent(event)


def tabs_showing(changes: Changes) -> frozenset[Tab]:
    """The tabs that show an area ``changes`` names."""
    return frozenset(tab for tab, areas in TAB_AREAS.items() if changes.touches(*areas))


__all__ = ["TAB_AREAS", "CaseWindow", "Tab", "tabs_showing"]
