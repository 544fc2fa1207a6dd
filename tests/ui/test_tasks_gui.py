"""Tasks in the case window and in Idag (issue 12 item 3): a task is changed (text and
date, a bad date refused at the field), given to another named user, completed and
removed with a reason, through the store's verbs; Idag groups tasks by client (case)."""

from __future__ import annotations

from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_window import case_id, store, window
from ui.casefile.today import Group, TodayView
from ui.casefile.window import Tab

__all__ = ["case_id", "store", "window"]  # fixtures, re-exported for pytest


def _tab(window, store, case_id, title="Boka möte med frivården", due="2026-11-30"):  # type: ignore[no-untyped-def]
    task = store.add_task(title, case_id=case_id, due=due).id
    window.reload()
    window.show_tab(Tab.TASKS)
    tab = window.tab(Tab.TASKS)
    tab.table.selectRow(0)
    return tab, task


def test_a_task_is_changed_and_a_bad_date_refused_at_the_field(qtbot, window, store, case_id):
    tab, task = _tab(window, store, case_id)
    click(qtbot, tab, "Ändra …")
    dialog = tab.dialog
    dialog.due.setText("fredag")
    click(qtbot, dialog, "Spara")
    assert dialog.isVisible() and dialog.due.showing_problem()
    dialog.title.clear()
    type_text(qtbot, dialog.title, "Boka möte med polisen")
    dialog.due.setText("2026-12-02")
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: store.task(task).due == "2026-12-02", timeout=5000)
    assert store.task(task).title == "Boka möte med polisen"
    qtbot.waitUntil(lambda: "Boka möte med polisen" in tab.model.texts()[0][3], timeout=5000)


def test_a_task_is_given_to_another_named_user(qtbot, window, store, case_id):
    tab, task = _tab(window, store, case_id)
    click(qtbot, tab, "Flytta till …")
    dialog = tab.dialog
    click(qtbot, dialog, "Flytta")
    assert dialog.isVisible() and "namnet" in dialog.error.text()
    dialog.owner.setCurrentText("Kim Kollega")
    click(qtbot, dialog, "Flytta")
    qtbot.waitUntil(lambda: store.task(task).owner == "Kim Kollega", timeout=5000)
    qtbot.waitUntil(lambda: tab.model.texts()[0][2] == "Kim Kollega", timeout=5000)


def test_a_task_is_removed_only_with_a_reason(qtbot, window, store, case_id):
    tab, _task = _tab(window, store, case_id)
    click(qtbot, tab, "Ta bort …")
    dialog = tab.dialog
    click(qtbot, dialog, "Ta bort")
    assert dialog.isVisible() and "varför" in dialog.error.text()
    assert len(store.tasks(case_id)) == 1
    type_text(qtbot, dialog.reason, "Dubblett")
    click(qtbot, dialog, "Ta bort")
    qtbot.waitUntil(lambda: tab.model.rows == [], timeout=5000)
    assert store.tasks(case_id, include_done=True) == []
    assert next(r.event for r in store.audit_log(case_ref=window.ref)) == "task_removed"


def test_a_task_is_completed_and_nothing_is_chosen_nothing_is_offered(qtbot, window, store,
                                                                      case_id):  # fmt: skip
    tab, _task = _tab(window, store, case_id)
    click(qtbot, tab, "Klar / öppna igen")
    qtbot.waitUntil(lambda: store.tasks(case_id) == [], timeout=5000)
    tab.table.clearSelection()
    assert not any(b.isEnabled() for b in (tab.done_button, tab.edit_button,
                                            tab.reassign_button, tab.remove_button))  # fmt: skip


def test_today_groups_tasks_by_client(qtbot, keep, store):  # type: ignore[no-untyped-def]
    first = store.create_case(store.add_person("Alva", "Exempelsson").id, ref="AV-2026-0101").id
    second = store.create_case(store.add_person("Bo", "Exempelsson").id, ref="AV-2026-0102").id
    store.add_task("Ring frivården", case_id=second, due="2026-11-24")
    store.add_task("Boka möte", case_id=first, due="2026-11-25")
    store.add_task("Skicka kallelse", case_id=second, due="2026-11-20")
    store.add_task("Egen uppgift", due="2026-11-23")
    view = TodayView(store)
    keep(view)
    view.refresh()
    rows = view.model.rows
    headings = [(r.case_ref, r.count, r.overdue) for r in rows if isinstance(r, Group)]
    assert headings == [("AV-2026-0102", 2, 1), ("AV-2026-0101", 1, 0), ("", 1, 0)]
    texts = [row[4] for row in view.model.texts()]
    assert texts[1:3] == ["Skicka kallelse", "Ring frivården"]  # by date within the case
    assert view.view.columnSpan(0, 0) == len(view.model.columns)  # the heading spans
    assert view.model.texts()[0][0] == "AV-2026-0102: 2 att göra, 1 försenade"
    assert view.model.texts()[-2][0] == "Utan ärende: 1 att göra"
    assert "1 försenade och 4 att göra" in view.summary.text()
