"""``utvag journal`` and ``utvag task``: the journal lifecycle and the task verbs from the
command line, over the same store (and the same refusals) as the GUI."""

from __future__ import annotations

import json

import pytest

from app.store import Store
from tests.unit.test_casefile_cli import _run


@pytest.fixture
def world(vault, vault_dir, clock):
    store = Store(vault, clock=clock)
    person = store.add_person("Alva", "Exempelsson").id
    case = store.create_case(person, ref="EXB-2026-0007")
    return store, str(vault_dir), case.id


def test_the_journal_lifecycle_from_the_command_line(world, monkeypatch, capsys):
    store, folder, case_id = world

    def utvag(*argv):
        return _run(monkeypatch, capsys, *argv, "--vault", folder)

    code, out, _err = utvag("journal", "add", "EXB-2026-0007", "--text", "Samtal om boendet.",
                            "--date", "2026-11-20")  # fmt: skip
    assert code == 0 and "utkast" in out
    (entry,) = store.journal(case_id)
    assert utvag("journal", "edit", str(entry.id), "--text", "Samtal om boendet, ändrat.")[0] == 0
    assert utvag("journal", "sign", str(entry.id))[0] == 0
    code, _out, err = utvag("journal", "edit", str(entry.id), "--text", "Smygändring.")
    assert code == 5 and "signerad" in err
    code, _out, err = utvag("journal", "correct", str(entry.id), "--text", "Ny lydelse.")
    assert code == 2 and "--reason" in err
    assert utvag("journal", "correct", str(entry.id), "--text", "Ny lydelse.",
                 "--reason", "Fel ämne")[0] == 0  # fmt: skip
    assert utvag("journal", "addition", str(entry.id), "--text", "Ringde senare.")[0] == 0
    assert utvag("journal", "strike", str(entry.id), "--reason", "Fel klient")[0] == 0
    code, _out, err = utvag("journal", "strike", str(entry.id), "--reason", "Igen")
    assert code == 5 and "makulerad" in err
    code, out, _err = utvag("journal", "list", "EXB-2026-0007")
    assert code == 0 and "Makulerad" in out and "Ny lydelse." in out
    shown = store.journal_entry(entry.id)
    assert shown.signed_text == "Samtal om boendet, ändrat." and shown.text == "Ny lydelse."
    assert [a.text for a in shown.additions] == ["Ringde senare."]
    assert shown.struck_reason == "Fel klient"


def test_a_draft_is_discarded_from_the_command_line(world, monkeypatch, capsys):
    store, folder, case_id = world
    entry = store.add_journal_entry(case_id, "Fel klient, utkast.").id
    code, _out, _err = _run(monkeypatch, capsys, "journal", "discard", str(entry),
                            "--vault", folder)  # fmt: skip
    assert code == 0 and store.journal(case_id) == ()


def test_tasks_from_the_command_line(world, monkeypatch, capsys):
    store, folder, case_id = world

    def utvag(*argv):
        return _run(monkeypatch, capsys, *argv, "--vault", folder)

    code, _out, _err = utvag("task", "add", "--title", "Boka möte", "--case", "EXB-2026-0007",
                             "--due", "2026-11-30")  # fmt: skip
    assert code == 0
    (task,) = store.tasks(case_id)
    code, _out, err = utvag("task", "edit", str(task.id), "--due", "fredag")
    assert code == 2 and "fredag" in err
    assert utvag("task", "edit", str(task.id), "--title", "Boka möte med frivården")[0] == 0
    assert store.task(task.id).due == "2026-11-30"  # kept when not given
    assert utvag("task", "edit", str(task.id), "--no-due")[0] == 0
    assert utvag("task", "reassign", str(task.id), "--to", "Kim Kollega")[0] == 0
    code, out, _err = utvag("task", "list", "--case", "EXB-2026-0007", "--json")
    (listed,) = json.loads(out)
    assert (listed["title"], listed["due"], listed["owner"]) == (
        "Boka möte med frivården", None, "Kim Kollega")
    assert utvag("task", "done", str(task.id))[0] == 0
    assert store.tasks(case_id) == []
    assert utvag("task", "done", str(task.id), "--reopen")[0] == 0
    code, _out, err = utvag("task", "remove", str(task.id))
    assert code == 2 and "--reason" in err
    assert utvag("task", "remove", str(task.id), "--reason", "Dubblett")[0] == 0
    assert store.tasks(case_id, include_done=True) == []
    events = [r.event for r in store.audit_log(case_ref="EXB-2026-0007")]
    assert events[:5] == ["task_removed", "task_reopened", "task_done", "task_reassigned",
                          "task_changed"]  # fmt: skip
