"""The search view (issue 12 §8): searches off the UI thread, says how many hits there
are when not all are shown and shows more on request, filters by kind, case and
period, and says what is wrong with a filter."""

from __future__ import annotations

import pytest

from app.store import Store
from tests.ui.helpers import type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import SearchView


@pytest.fixture
def store(vault, clock) -> Store:
    return Store(vault, clock=clock)


@pytest.fixture
def view(qtbot, keep, store):  # type: ignore[no-untyped-def]
    widget = SearchView(store)
    keep(widget)
    widget.show()
    return widget


def _case(store: Store, given: str, family: str) -> tuple[int, str]:
    cid = store.create_case(store.add_person(given, family).new_id).new_id
    return cid, store.case(cid).ref


def _answered(qtbot, view: SearchView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not view.searching, timeout=5000)


def test_the_count_says_how_many_and_show_more_shows_them(qtbot, view, store) -> None:  # type: ignore[no-untyped-def]
    cid, _ref = _case(store, "Alva", "Exempelsson")
    for day in range(1, 29):
        for month in (9, 10):
            store.add_journal_entry(cid, f"Uppföljning av boendet, dag {day}.",
                                    occurred=f"2026-{month:02d}-{day:02d}")  # fmt: skip
    type_text(qtbot, view.query, "uppfölj")
    view.run()
    assert view.searching  # the store works off the UI thread; typing goes on
    _answered(qtbot, view)
    assert view.count.text() == "Visar 50 av 56 träffar"
    assert view.more.isVisible() and view.more.text() == "Visa fler"
    view.more.click()
    _answered(qtbot, view)
    assert len(view.hits) == 56 and view.count.text() == "56 träffar"
    assert not view.more.isVisible()
    assert view.results.toPlainText().count("Uppföljning") == 56


def test_filters_by_kind_case_and_period(qtbot, view, store) -> None:  # type: ignore[no-untyped-def]
    first, ref = _case(store, "Alva", "Skolberg")
    second, _other = _case(store, "Bo", "Provberg")
    store.add_journal_entry(first, "Möte med skolan om hämtningen.", occurred="2026-03-02")
    store.add_journal_entry(first, "Skolan ringde igen.", occurred="2026-06-15")
    store.add_journal_entry(second, "Skolan kallar till möte.", occurred="2026-03-05")
    type_text(qtbot, view.query, "skol")
    view.run()
    _answered(qtbot, view)
    assert sorted(h.kind for h in view.hits) == ["journal", "journal", "journal", "person"]
    view.kind.setCurrentIndex(3)  # journal text only
    assert view.kind.currentText() == "Journaltext"
    view.run()
    _answered(qtbot, view)
    assert [h.kind for h in view.hits] == ["journal"] * 3
    type_text(qtbot, view.case, ref)
    view.run()
    _answered(qtbot, view)
    assert {h.case_id for h in view.hits} == {first} and len(view.hits) == 2
    type_text(qtbot, view.start.edit, "2026-06-01")
    view.run()
    _answered(qtbot, view)
    assert [h.occurred[:10] for h in view.hits] == ["2026-06-15"]
    assert view.count.text() == "1 träff"


def test_a_bad_filter_is_explained_not_searched(qtbot, view, store) -> None:  # type: ignore[no-untyped-def]
    cid, _ref = _case(store, "Alva", "Exempelsson")
    store.add_journal_entry(cid, "Samtal om veckan.")
    type_text(qtbot, view.query, "samtal")
    type_text(qtbot, view.until.edit, "2026-13-45")
    view.run()
    _answered(qtbot, view)
    assert view.hits == [] and "till" in view.count.text().casefold()
    view.until.clear()
    type_text(qtbot, view.case, "AV-1999-9999")
    view.run()
    _answered(qtbot, view)
    assert view.hits == [] and "AV-1999-9999" in view.count.text()


def test_fast_typing_shows_the_last_query_only(qtbot, view, store) -> None:  # type: ignore[no-untyped-def]
    cid, _ref = _case(store, "Alva", "Exempelsson")
    store.add_journal_entry(cid, "Samtal om skolan.")
    store.add_journal_entry(cid, "Hembesök hos familjen.")
    for typed in ("sam", "skol", "hem", "hembes"):
        view.query.setText(typed)
        view.run()  # one search runs; the newest waiting one starts when it ends
    _answered(qtbot, view)
    assert [h.snippet for h in view.hits if h.kind == "journal"] == ["[Hembesök] hos familjen."]
    assert view.count.text() == "1 träff"
