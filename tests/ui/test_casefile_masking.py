"""Protected identity: before the user chooses "Visa", a protected person's name is not
in the list model, search results, window title, timeline, overview or the clipboard;
the reveal goes through the store and is audited."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from app.domain.kinds import ProtectedLevel
from app.store import Store
from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.visible_text import visible_texts
from ui.casefile import CaseListWidget, CaseWindow, SearchView
from ui.casefile.window import Tab
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper

GIVEN, FAMILY = "Saga", "Hemligsson"


@pytest.fixture
def store(vault) -> Store:
    return Store(vault)


@pytest.fixture
def protected_case(store: Store) -> int:
    person = store.add_person(
        GIVEN, FAMILY, protected_level=ProtectedLevel.SKYDDAD_FOLKBOKFORING
    ).new_id
    case = store.create_case(person).new_id
    store.add_journal_entry(case, f"{GIVEN} {FAMILY} berättar om hot vid busshållplatsen.")
    store.record_motivation(case, {
        "assessed_on": "2026-01-10", "assessor": "Test Handläggare", "model": "transtheoretical",
        "stage": "contemplation", "next_review": "2030-01-01",
    })  # fmt: skip
    return case


@pytest.fixture
def open_case(store: Store) -> int:
    person = store.add_person("Bo", "Öppensson").new_id
    case = store.create_case(person).new_id
    store.add_journal_entry(case, "Hot vid busshållplatsen enligt polisen.")
    return case


def leaks(texts: object) -> bool:
    blob = repr(texts)
    return GIVEN in blob or FAMILY in blob


@pytest.fixture
def window(qtbot, keep, store, protected_case):  # type: ignore[no-untyped-def]
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    view = CaseWindow(store, protected_case, drafts=drafts, clipboard=keep(ClipboardGuard()))
    keep(view)
    view.show()
    yield view
    view.close_view()
    drafts.stop()


def test_case_list_model_never_holds_the_name(qtbot, keep, store, protected_case, open_case):
    widget = CaseListWidget()
    keep(widget)
    widget.set_rows(store.case_rows())
    assert not leaks(widget.model.texts())
    assert not leaks([widget.model.data(widget.model.index(r, c), 3)
                      for r in range(widget.model.rowCount()) for c in range(8)])  # fmt: skip
    type_text(qtbot, widget.search, FAMILY.lower())
    assert widget.model.rows == []  # the masked name is not searchable either
    widget.search.clear()
    assert "Skyddad identitet" in [row[2] for row in widget.model.texts()]


def test_search_results_mask_the_name_and_snippet(qtbot, keep, store, protected_case, open_case):
    view = SearchView(store)
    keep(view)
    type_text(qtbot, view.query, "busshållplatsen")
    qtbot.waitUntil(lambda: len(view.hits) == 2, timeout=3000)
    shown = view.results.toPlainText()
    assert "busshållplatsen" in shown
    assert "Bo Öppensson" in shown
    assert not leaks(shown) and not leaks(view.hits)
    assert "Skyddad identitet" in shown


def test_window_title_overview_timeline_and_journal_are_masked(window):
    assert not leaks(window.windowTitle()) and not leaks(window.title)
    assert window.identity.name.text() == "Skyddad identitet"
    assert not leaks(window.overview.chart.accessibleDescription())
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert not leaks(visible_texts(window))
    assert not leaks(window.journal.model.texts())
    shown = window.journal.detail.toPlainText()
    assert "berättar om hot vid busshållplatsen" in shown
    assert not leaks(shown)


def test_correcting_an_entry_that_names_them_needs_a_reveal(qtbot, window):
    window.show_tab(Tab.JOURNAL)
    click(qtbot, window.journal, "Ändra utkast …")  # the entry is an unsigned draft
    assert window.journal.correction is None
    assert "Välj ”Visa” först" in window.banner.text


def test_nothing_that_names_them_reaches_the_clipboard(qtbot, window):
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    window.show_tab(Tab.JOURNAL)
    click(qtbot, window.journal, "Kopiera text")
    assert not leaks(clipboard.text())
    assert "Välj ”Visa” först" in window.banner.text
    click(qtbot, window.identity, "Kopiera referens")
    assert clipboard.text() == window.ref


def test_reveal_asks_why_shows_the_name_and_is_audited(qtbot, window, store):
    click(qtbot, window.identity, "Visa")
    dialog = window.identity.reveal_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, dialog.reason, "Samtal med klienten")
    click(qtbot, dialog, "Visa")
    qtbot.waitUntil(lambda: window.identity.name.text() == f"{GIVEN} {FAMILY}", timeout=5000)
    assert FAMILY in window.windowTitle()
    assert FAMILY in window.journal.detail.toPlainText()
    revealed = [r for r in store.audit_log(events=("identity_revealed",))]
    assert len(revealed) == 1 and revealed[0].details["reason"] == "Samtal med klienten"
    click(qtbot, window.identity, "Dölj")
    qtbot.waitUntil(lambda: not leaks(window.windowTitle()), timeout=5000)
    assert not leaks(window.journal.detail.toPlainText())


def test_cancelled_reveal_shows_nothing_and_logs_nothing(qtbot, window, store):
    click(qtbot, window.identity, "Visa")
    click(qtbot, window.identity.reveal_dialog, "Avbryt")
    assert window.identity.name.text() == "Skyddad identitet"
    assert store.audit_log(events=("identity_revealed",)) == []


def test_register_extract_needs_a_reveal_then_is_saved_and_audited(
    qtbot, window, store, monkeypatch, tmp_path
):
    from ui.common import reports

    target = tmp_path / "utdrag.pdf"
    monkeypatch.setattr(reports, "ask_path", lambda parent, title, name, kind: str(target))
    click(qtbot, window.identity, "Registerutdrag …")
    assert not target.exists() and "Välj ”Visa” först" in window.banner.text
    window.reveal("Begäran om registerutdrag")
    qtbot.waitUntil(lambda: not window.ctx.masked, timeout=5000)
    click(qtbot, window.identity, "Registerutdrag …")
    assert target.read_bytes().startswith(b"%PDF")
    assert store.audit_log(events=("register_extract",))
