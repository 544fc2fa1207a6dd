"""The case list and "new case", typed and clicked as a caseworker does, on the real
store; plus the list's search, sort and masking on their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.store import Store
from tests.ui.helpers import (
    add_sample_cases,
    button,
    click,
    main_window,
    start_unlocked,
    test_personnummer,
    type_text,
)
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.visible_text import visible_texts
from ui.case_dialogs import NewCaseDialog
from ui.casefile.caselist import CaseListWidget
from ui.casefile.table import MUTED
from ui.casefile.window import Tab


def _unlocked_on_real_store(qtbot, make_shell):  # type: ignore[no-untyped-def]
    return start_unlocked(qtbot, make_shell())


def _dialog() -> NewCaseDialog:
    from PySide6.QtWidgets import QApplication

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewCaseDialog)]
    assert found and found[-1].isVisible()
    return found[-1]


def test_create_a_case_with_checked_personnummer_and_open_it(
    qtbot, make_shell, existing_vault: Path
) -> None:
    _unlocked_on_real_store(qtbot, make_shell)
    main = main_window()
    click(qtbot, main, "Nytt ärende …")
    dialog = _dialog()
    create = button(dialog, "Skapa ärende")
    assert not create.isEnabled()
    type_text(qtbot, dialog.given, "Alva")
    type_text(qtbot, dialog.family, "Exempelsson")
    number = test_personnummer()
    wrong_check = number[:-1] + str((int(number[-1]) + 1) % 10)
    type_text(qtbot, dialog.identifier, wrong_check)
    assert dialog.identifier_problem.isVisible()
    assert "Kontrollsiffran" in dialog.identifier_problem.text()
    assert not create.isEnabled()
    qtbot.keyClick(dialog.identifier, Qt.Key.Key_Backspace)
    type_text(qtbot, dialog.identifier, number[-1])
    assert not dialog.identifier_problem.isVisible()
    assert create.isEnabled()
    click(qtbot, dialog, "Skapa ärende")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    view = main.case_views()[0]  # the full case window (the store is there)
    assert view.ref.startswith("AV-")
    assert "Alva Exempelsson" in main.tabs.tabText(main.tabs.currentIndex())
    shown = " ".join(visible_texts(view).values())
    assert "Alva Exempelsson" in shown
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 1, timeout=5000)
    assert main.cases.count.text() == "1 ärende"


def test_samordningsnummer_is_accepted_and_reservnummer_needs_its_kind(
    qtbot, make_shell, existing_vault: Path
) -> None:
    _unlocked_on_real_store(qtbot, make_shell)
    click(qtbot, main_window(), "Nytt ärende …")
    dialog = _dialog()
    type_text(qtbot, dialog.given, "Bo")
    coordination = test_personnummer("19900161", "981")  # day + 60
    type_text(qtbot, dialog.identifier, coordination)
    assert button(dialog, "Skapa ärende").isEnabled()
    dialog.identifier.clear()
    type_text(qtbot, dialog.identifier, "RES 12/2026")
    assert dialog.identifier_problem.isVisible()
    dialog.kind.setCurrentIndex(1)  # reservnummer
    assert not dialog.identifier_problem.isVisible()
    assert button(dialog, "Skapa ärende").isEnabled()


def test_duplicate_reference_is_refused_inline(qtbot, make_shell, existing_vault: Path) -> None:
    shell = _unlocked_on_real_store(qtbot, make_shell)
    main = main_window()
    main.store.create_case(main.store.add_person("Cim", "Testlund").new_id, ref="AV-TEST-1")
    click(qtbot, main, "Nytt ärende …")
    dialog = _dialog()
    type_text(qtbot, dialog.given, "Dan")
    dialog.kind.setCurrentIndex(2)  # no number
    type_text(qtbot, dialog.ref, "AV-TEST-1")
    click(qtbot, dialog, "Skapa ärende")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert "finns redan" in dialog.banner.text
    assert dialog.isVisible()
    assert shell.vault is not None


def test_instant_search_sort_and_masking(qtbot, keep, vault) -> None:  # type: ignore[no-untyped-def]
    store = Store(vault)
    add_sample_cases(store)
    widget = keep(CaseListWidget())
    widget.set_rows(store.case_rows())
    type_text(qtbot, widget.search, "exempel")
    assert [r.ref for r in widget.model.rows] == ["AV-2026-001"]
    widget.search.clear()
    type_text(qtbot, widget.search, "hemlig")  # a masked name is not searchable
    assert widget.model.rows == []
    assert widget.count.text() == "0 av 3 ärenden"
    widget.search.clear()
    widget.view.horizontalHeader().sectionClicked.emit(1)  # the reference column
    assert [r.ref for r in widget.model.rows] == ["AV-2026-001", "AV-2026-002", "AV-2026-003"]
    masked = widget.model.index(1, 2)
    assert widget.model.data(masked) == "Skyddad identitet"
    assert "Skyddad identitet" in widget.model.data(masked, int(Qt.ItemDataRole.ToolTipRole))
    assert widget.model.data(masked, int(Qt.ItemDataRole.ForegroundRole)) == MUTED


def test_the_list_reads_again_only_when_a_change_shows_in_it(
    qtbot, make_shell, sample_vault: Path, monkeypatch
) -> None:
    start_unlocked(qtbot, make_shell())
    main = main_window()
    qtbot.waitUntil(lambda: len(main.cases.model.rows) == 3, timeout=5000)
    assert main.cases.model.rows[-1].ref == "AV-2026-001"  # the oldest activity last
    reads: list[int] = []
    case_rows = main.store.case_rows
    monkeypatch.setattr(main.store, "case_rows", lambda: reads.append(1) or case_rows())
    main.open_case("AV-2026-001")
    qtbot.waitUntil(lambda: len(main.case_views()) == 1, timeout=5000)
    view = main.case_views()[0]
    journal = view.show_tab(Tab.JOURNAL)
    type_text(qtbot, journal.editor.text, "Samtal om boendet.")
    qtbot.keyClick(journal.editor.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main.cases.model.rows[0].ref == "AV-2026-001", timeout=5000)
    assert reads == [1]  # the entry moved the case's last activity: one new read
    click(qtbot, journal, "Signera")
    qtbot.waitUntil(lambda: journal.model.texts()[0][3] == "Signerad", timeout=5000)
    assert reads == [1]  # signing shows nowhere in the list: nothing read
