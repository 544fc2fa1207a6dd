"""How the main window opens a case as a tab: the full case window
(``ui.casefile.window.CaseWindow``: overview, journal, assessments, safety plan …),
sharing the session's ops runner, drafts and clipboard."""

from __future__ import annotations

from collections.abc import Callable

from app.store import Store
from ui.casefile.window import CaseWindow
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper

Show = Callable[[CaseWindow], object]
OnError = Callable[[Exception], object]
Wanted = Callable[[str], bool]


class CaseOpener:
    """Opens cases of one store; ``show`` receives each new case window."""

    def __init__(
        self,
        store: Store,
        ops: Ops,
        drafts: DraftKeeper,
        clipboard: ClipboardGuard,
        on_error: OnError,
    ) -> None:
        self.store, self.ops = store, ops
        self.drafts, self.clipboard, self.on_error = drafts, clipboard, on_error

    def open(self, ref: str, show: Show, wanted: Wanted) -> None:
        """Build the window for ``ref`` and pass it to ``show``, unless ``wanted(ref)``
        says no (already open, or the window is locking)."""
        if not wanted(ref):
            return
        try:
            case_id = self.store.case_id_for_ref(ref)
            view = CaseWindow(self.store, case_id, ops=self.ops, drafts=self.drafts,
                              clipboard=self.clipboard)  # fmt: skip
        except Exception as exc:  # a case that is gone, a damaged record: say so inline
            self.on_error(exc)
            return
        show(view)
