"""Switching language repaints every open view, detail panes included: after the switch
each pane reads as it does in a window opened in that language (it used to keep the old
language until the row was chosen again)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTextEdit, QWidget

from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_translation import store
from tests.ui.visible_text import visible_texts
from ui.casefile import CaseWindow
from ui.casefile.window import Tab
from ui.common import language
from ui.shell.drafts import DraftKeeper

__all__ = ["store"]  # the fixture (a case with every section filled), re-exported


def _panes(window: QWidget) -> list[str]:
    return [p.toPlainText() for p in window.findChildren(QTextEdit) if p.isVisible()]


def _open(keep, store, tab: Tab) -> CaseWindow:  # type: ignore[no-untyped-def]
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    window = keep(CaseWindow(store, 1, drafts=drafts))
    window.show()
    window.show_tab(tab)
    return window


@pytest.mark.parametrize("tab", list(Tab))
def test_detail_panes_follow_a_language_switch(  # type: ignore[no-untyped-def]
    qtbot, keep, store, tab: Tab
) -> None:
    try:
        switched = _open(keep, store, tab)
        swedish = _panes(switched)
        language.language().apply("en")
        fresh = _open(keep, store, tab)
        assert _panes(switched) == _panes(fresh)
        assert _panes(switched) != swedish or not any(swedish)
    finally:
        language.language().apply("sv")


def test_search_results_and_today_follow_a_language_switch(  # type: ignore[no-untyped-def]
    qtbot, keep, store
) -> None:
    from ui.casefile import SearchView, TodayView

    def searched() -> SearchView:
        view = keep(SearchView(store))
        view.show()
        view.query.setText("veckan")
        view.run()
        qtbot.waitUntil(lambda: not view.searching, timeout=5000)
        return view

    def today() -> TodayView:
        view = keep(TodayView(store))
        view.show()
        view.refresh()
        return view

    try:
        views = [searched(), today()]
        language.language().apply("en")
        for old, new in zip(views, [searched(), today()], strict=True):
            assert _panes(old) == _panes(new)
            assert visible_texts(old) == visible_texts(new)
    finally:
        language.language().apply("sv")
