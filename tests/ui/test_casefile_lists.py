"""The case list filters and sorts as a caseworker expects; Today lists what is due."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.case import CaseStatus
from app.store import Store
from tests.ui.helpers import type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import CaseListWidget, TodayView


@pytest.fixture
def store(vault) -> Store:
    return Store(vault)


@pytest.fixture
def cases(store: Store) -> list[int]:
    made = []
    for given, level in (("Alva", "high"), ("Bo", "low"), ("Cim", None)):
        person = store.add_person(given, "Exempelsson").new_id
        case = store.create_case(person).new_id
        if level:
            store.record_threat(case, {
                "assessed_on": "2026-01-10", "assessor": "Test Handläggare", "instrument": "own",
                "threat_kinds": ["threats"], "acute_level": level, "long_term_level": "low",
                "source": "own_information", "reliability": "unknown", "next_review": "2030-01-01",
            })  # fmt: skip
        made.append(case)
    store.set_status(made[0], CaseStatus.ASSESSMENT)
    store.add_task("Ring polisen", case_id=made[1], due="2020-01-01")
    return made


def test_filters_search_and_sorting(qtbot, keep, store, cases):
    widget = CaseListWidget()
    keep(widget)
    widget.set_rows(store.case_rows())
    assert len(widget.model.rows) == 3
    widget.threat.setCurrentIndex(widget.threat.findData("high"))
    assert [r.name for r in widget.model.rows] == ["Alva Exempelsson"]
    widget.threat.setCurrentIndex(0)
    widget.status.setCurrentIndex(widget.status.findData("assessment"))
    assert [r.name for r in widget.model.rows] == ["Alva Exempelsson"]
    widget.status.setCurrentIndex(0)
    widget.attention.setChecked(True)
    assert [r.name for r in widget.model.rows] == ["Bo Exempelsson"]  # overdue task
    widget.attention.setChecked(False)
    type_text(qtbot, widget.search, "cim")
    assert [r.name for r in widget.model.rows] == ["Cim Exempelsson"]
    assert widget.count.text() == "1 av 3 ärenden"
    widget.search.clear()
    header = widget.view.horizontalHeader()
    header.sectionClicked.emit(2)  # the client column, as a click on its header
    assert widget.model.rows[0].name == "Alva Exempelsson"
    header.sectionClicked.emit(2)
    assert widget.model.rows[0].name == "Cim Exempelsson"
    header.sectionClicked.emit(5)  # threat level
    assert widget.model.rows[0].threat_level in (None, "low")


def test_enter_opens_the_chosen_case(qtbot, keep, store, cases):
    widget = CaseListWidget()
    keep(widget)
    widget.set_rows(store.case_rows())
    widget.show()
    widget.view.setFocus()
    widget.view.selectRow(0)
    with qtbot.waitSignal(widget.open_case) as opened:
        qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened.args[0] == widget.model.rows[0].ref


def test_today_lists_overdue_tasks_and_reviews(qtbot, keep, store, cases):
    view = TodayView(store)
    keep(view)
    view.refresh()
    rows = view.model.texts()
    assert "1 försenade" in rows[0][0]  # the heading of the most urgent case
    assert rows[1][:2] == ["Försenad", "2020-01-01"]
    assert "Ring polisen" in rows[1][4]
    assert "1 försenade" in view.summary.text()
