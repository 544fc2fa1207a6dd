"""The case list and "new case", typed and clicked as a caseworker does, on the real
store; plus the list model's search, sort and masking on their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.fakes import Row, sample_cases, test_personnummer
from tests.ui.helpers import button, click, main_window, start_unlocked, type_text
from tests.ui.visible_text import visible_texts
from ui.case_dialogs import NewCaseDialog
from ui.case_list import CaseTableModel
from ui.cases import case_source


def _unlocked_on_real_store(qtbot, make_shell):  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.source_for = case_source
    return start_unlocked(qtbot, shell)


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
    main.source.create("Cim", "Testlund", "", None, "AV-TEST-1")
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


def test_instant_search_sort_and_masking() -> None:
    model = CaseTableModel()
    model.set_rows(sample_cases().items)
    assert [r.ref for r in model.rows] == ["AV-2026-003", "AV-2026-002", "AV-2026-001"]
    model.set_query("exempel")
    assert [r.ref for r in model.rows] == ["AV-2026-001"]
    model.set_query("skyddad")  # a masked name is not searchable
    assert model.rows == []
    model.set_query("")
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [r.ref for r in model.rows] == ["AV-2026-001", "AV-2026-002", "AV-2026-003"]
    masked = model.index(1, 1)
    assert model.data(masked) == "Skyddad identitet"
    assert "skyddad identitet" in model.data(masked, int(Qt.ItemDataRole.ToolTipRole))
    assert model.data(masked, int(Qt.ItemDataRole.FontRole)).italic()


def test_filter_keystroke_on_10k_rows_is_fast() -> None:
    import time

    rows = [
        Row(f"AV-2026-{i:05d}", f"Namn{i} Efternamn{i % 97}", False, "active", "Test", "2026-01-01")
        for i in range(10_000)
    ]
    model = CaseTableModel()
    model.set_rows(rows)
    start = time.perf_counter()
    model.set_query("efternamn42")
    elapsed = time.perf_counter() - start
    assert len(model.rows) == 103
    assert elapsed < 0.1, f"{elapsed * 1000:.1f} ms"  # budget 16 ms; generous for CI noise
