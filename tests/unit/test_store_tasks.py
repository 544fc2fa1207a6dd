"""Tasks (issue 12 item 3): edited (text, due date), reassigned to another named user,
completed and reopened, and removed with a reason; each step is audited, a removed task
leaves every list and is not changed again, even through SQL."""

from __future__ import annotations

import pytest
import sqlcipher3

from app.errors import ValidationError
from app.store import Area, NotFound
from tests.unit.test_journal_lifecycle import case_id, store

__all__ = ["case_id", "store"]  # the fixtures, re-exported for pytest


@pytest.fixture
def task(store, case_id):
    return store.add_task("Boka möte med socialsekreterare", case_id=case_id,
                          due="2026-11-25").id  # fmt: skip


def _events(store, case_id):
    return [row.event for row in store.audit_log(case_ref=store.case(case_id).ref)]


def test_a_task_is_edited_text_and_due_date(store, case_id, task):
    changes = store.edit_task(task, "Boka möte med frivården", "2026-12-01")
    assert changes.touches(Area.TASK) and changes.case_id == case_id
    (shown,) = store.tasks(case_id)
    assert (shown.title, shown.due) == ("Boka möte med frivården", "2026-12-01")
    store.edit_task(task, "Boka möte med frivården", None)
    assert store.task(task).due is None
    assert _events(store, case_id)[:2] == ["task_changed", "task_changed"]


@pytest.mark.parametrize(("title", "due", "field"), [
    ("  ", "2026-12-01", "title"), ("Ring", "fredag", "due"), ("Ring", "2026-13-45", "due"),
])  # fmt: skip
def test_a_bad_edit_is_refused_and_changes_nothing(store, task, title, due, field):
    with pytest.raises(ValidationError) as raised:
        store.edit_task(task, title, due)
    assert raised.value.params["field"] == field
    shown = store.task(task)
    assert (shown.title, shown.due) == ("Boka möte med socialsekreterare", "2026-11-25")


def test_a_task_is_reassigned_to_another_named_user(store, case_id, task):
    store.reassign_task(task, "  Kim Kollega ")
    assert store.task(task).owner == "Kim Kollega"
    row = store.audit_log(case_ref=store.case(case_id).ref)[0]
    assert row.event == "task_reassigned" and row.details["to"] == "Kim Kollega"
    assert "Kim Kollega" in store.task_owners() and store.user in store.task_owners()
    with pytest.raises(ValidationError):
        store.reassign_task(task, "   ")


def test_a_task_is_completed_and_reopened(store, case_id, task):
    store.complete_task(task)
    assert store.tasks(case_id) == []
    (done,) = store.tasks(case_id, include_done=True)
    assert done.done_at is not None
    store.complete_task(task, done=False)
    assert [t.id for t in store.tasks(case_id)] == [task]
    assert _events(store, case_id)[:2] == ["task_reopened", "task_done"]


def test_a_task_is_removed_with_a_reason_and_leaves_every_list(store, case_id, task, vault,
                                                                clock):  # fmt: skip
    clock.set("2026-11-26T09:00:00+00:00")
    assert store.case_rows()[0].attention  # overdue
    with pytest.raises(ValidationError, match="varför"):
        store.remove_task(task, "  ")
    store.remove_task(task, "Dubblett av en annan uppgift")
    assert store.tasks(case_id, include_done=True) == []
    assert all(t.id != task for t in store.reminders(30))
    assert not store.case_rows()[0].attention  # it was due in two days
    with pytest.raises(NotFound):
        store.task(task)
    with pytest.raises(NotFound):
        store.edit_task(task, "Igen", None)
    with vault.transaction() as conn:
        kept = conn.execute(
            "SELECT removed_by, removed_reason FROM tasks WHERE id = ?", (task,)
        ).fetchone()
    assert tuple(kept) == (store.user, "Dubblett av en annan uppgift")
    assert _events(store, case_id)[0] == "task_removed"


@pytest.mark.parametrize("sql", [
    "UPDATE tasks SET removed_at = NULL, removed_by = NULL, removed_reason = ''",
    "UPDATE tasks SET title = 'smygändring'",
])  # fmt: skip
def test_the_vault_keeps_a_removed_task_removed(store, vault, task, sql):
    store.remove_task(task, "Inte aktuell längre")
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute(sql)
    with pytest.raises(NotFound):
        store.task(task)


def test_the_vault_refuses_a_removal_without_a_reason(store, vault, task):
    with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as conn:
        conn.execute("UPDATE tasks SET removed_at = 'x', removed_by = 'y'")
    assert store.task(task).title == "Boka möte med socialsekreterare"
