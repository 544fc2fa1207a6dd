"""How the main window opens a case as a tab.

With the case store (``app.store``) a case opens in the full case window
(``ui.casefile.window.CaseWindow``: overview, journal, assessments, safety plan …) and
the store's Today and Search views join the main window. A source without the store
(tests of the shell, a build without the case file) opens the simple case view.
Every case tab offers ``ref``, ``title``, ``close_view()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from app.i18n import N_
from ui.case_view import CaseView
from ui.cases import CaseDetail, CaseSource, StoreCases
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper


class CaseTab(Protocol):
    @property
    def ref(self) -> str: ...

    @property
    def title(self) -> str: ...

    def close_view(self) -> None: ...


Show = Callable[[QWidget], object]
OnError = Callable[[Exception], object]
Wanted = Callable[[str], bool]


class CaseOpener:
    """Opens cases for one source; ``show`` receives each new case tab widget."""

    def __init__(
        self,
        source: CaseSource,
        ops: Ops,
        drafts: DraftKeeper,
        clipboard: ClipboardGuard,
        on_error: OnError,
    ) -> None:
        self.source, self.ops = source, ops
        self.drafts, self.clipboard, self.on_error = drafts, clipboard, on_error

    @property
    def store(self) -> Any | None:
        return self.source.store if isinstance(self.source, StoreCases) else None

    def open(self, ref: str, show: Show, wanted: Wanted) -> None:
        """Build the tab for ``ref`` and pass it to ``show``, unless ``wanted(ref)`` says
        no by then (already open, or the window locked while the case was read)."""
        store = self.store
        if store is None:

            def build(detail: CaseDetail) -> None:
                if wanted(ref):
                    show(CaseView(detail, self.drafts, self.clipboard))

            self.ops.run(lambda: self.source.detail(ref), on_done=build, on_error=self.on_error)
            return
        from ui.casefile.window import CaseWindow  # the full case file, loaded when used

        if not wanted(ref):
            return
        try:
            case_id = store.case_id_for_ref(ref)
            view = CaseWindow(store, case_id, drafts=self.drafts, clipboard=self.clipboard)
        except Exception as exc:  # a case that is gone, a damaged record: say so inline
            self.on_error(exc)
            return
        show(view)

    def extra_tabs(self) -> list[tuple[str, QWidget]]:
        """The store's Today and Search views, when the store is there."""
        store = self.store
        if store is None:
            return []
        from ui.casefile.search import SearchView
        from ui.casefile.today import TodayView

        return [(N_("Idag"), TodayView(store)), (N_("Sök"), SearchView(store))]
