"""Headless journal and task commands over the same store as the GUI:

``journal list|add|edit|discard|sign|correct|addition|strike`` follow the journal
lifecycle (a draft is edited or discarded, a signed entry takes a correction with a
reason or an addition, an entry on the wrong client is struck with a reason);
``task list|add|edit|reassign|done|remove`` handle tasks. Every change is audited by
the store under the vault's user."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.changes import Changes
from app.cli_args import Integer, IsoDate, Text
from app.cli_case import _emit, _open_store
from app.domain.kinds import JournalKind
from app.i18n import N_, _
from app.store import Store
from app.store.journal_lifecycle import MAX_REASON

MAX_ID = 2**62
MAX_TEXT = 20_000  # one line of text; longer entries are written in the GUI
_KINDS = [k.value for k in JournalKind if k is not JournalKind.SYSTEM]


def _with_store(args: argparse.Namespace, work: Callable[[Store], Any]) -> Any:
    vault, store = _open_store(args)
    try:
        return work(store)
    finally:
        vault.lock()


# ------------------------------------------------------------------ journal
def _journal_list(args: argparse.Namespace) -> int:
    entries = _with_store(args, lambda s: s.journal(s.case_id_for_ref(args.ref)))
    lines = [f"{e.id}\t{e.occurred}\t{e.status_label}\t{e.author}\t{e.text.splitlines()[0]}"
             for e in entries]  # fmt: skip
    return _emit(args, list(entries), lines)


def _journal_add(args: argparse.Namespace) -> int:
    def add(store: Store) -> Changes:
        return store.add_journal_entry(store.case_id_for_ref(args.ref), args.text,
                                       JournalKind(args.kind), occurred=args.date)  # fmt: skip

    changes = _with_store(args, add)
    print(_("Anteckning {id} sparad som utkast (osignerad).").format(id=changes.new_id))
    return 0


_JOURNAL_VERBS: dict[str, tuple[Callable[[Store, argparse.Namespace], Changes], str]] = {
    "edit": (lambda s, a: s.edit_journal_draft(a.entry, a.text),
             N_("Utkastet {id} är ändrat.")),
    "discard": (lambda s, a: s.discard_journal_draft(a.entry), N_("Utkastet {id} är kastat.")),
    "sign": (lambda s, a: s.sign_journal_entry(a.entry), N_("Anteckning {id} är signerad.")),
    "correct": (lambda s, a: s.correct_journal_entry(a.entry, a.text, a.reason),
                N_("Anteckning {id} är rättad; den tidigare lydelsen finns kvar.")),
    "addition": (lambda s, a: s.add_journal_addition(a.entry, a.text, a.reason or ""),
                 N_("Tillägget till anteckning {id} är sparat.")),
    "strike": (lambda s, a: s.strike_journal_entry(a.entry, a.reason),
               N_("Anteckning {id} är makulerad; den finns kvar, markerad som makulerad.")),
}  # fmt: skip


def _verb(args: argparse.Namespace) -> int:
    """One lifecycle step on an entry or a task, and what it did."""
    table, target = ((_JOURNAL_VERBS, args.entry) if "journal_command" in args
                     else (_TASK_VERBS, args.task))  # fmt: skip
    verb, done = table[args.journal_command if "journal_command" in args else args.task_command]
    _with_store(args, lambda store: verb(store, args))
    print(_(done).format(id=target, to=getattr(args, "to", "")))
    return 0


# -------------------------------------------------------------------- tasks
def _task_list(args: argparse.Namespace) -> int:
    def read(store: Store) -> Any:
        case_id = store.case_id_for_ref(args.case) if args.case else None
        return store.tasks(case_id, include_done=args.all)

    tasks = _with_store(args, read)
    lines = [f"{t.id}\t{t.due or '-'}\t{t.case_ref or '-'}\t{t.owner}\t"
             f"{'✓ ' if t.done_at else ''}{t.title}" for t in tasks]  # fmt: skip
    return _emit(args, tasks, lines)


def _task_add(args: argparse.Namespace) -> int:
    def add(store: Store) -> Changes:
        case_id = store.case_id_for_ref(args.case) if args.case else None
        return store.add_task(args.title, case_id=case_id, due=args.due, owner=args.owner)

    print(_("Uppgift {id} tillagd.").format(id=_with_store(args, add).new_id))
    return 0


def _task_edit(args: argparse.Namespace) -> int:
    def edit(store: Store) -> Changes:
        task = store.task(args.task)
        due = None if args.no_due else (args.due or task.due)
        return store.edit_task(args.task, args.title or task.title, due)

    _with_store(args, edit)
    print(_("Uppgift {id} ändrad.").format(id=args.task))
    return 0


_TASK_VERBS: dict[str, tuple[Callable[[Store, argparse.Namespace], Changes], str]] = {
    "reassign": (lambda s, a: s.reassign_task(a.task, a.to),
                 N_("Uppgift {id} är flyttad till {to}.")),
    "done": (lambda s, a: s.complete_task(a.task, done=not a.reopen),
             N_("Uppgift {id} är uppdaterad.")),
    "remove": (lambda s, a: s.remove_task(a.task, a.reason),
               N_("Uppgift {id} är borttagen; skälet är sparat.")),
}  # fmt: skip


# ----------------------------------------------------------------- parsers
def _journal_parsers(sub: Any, vault_arg: Callable[[Any], None]) -> None:
    journal = sub.add_parser("journal", help="journal entries: draft, sign, correct, strike")
    jsub = journal.add_subparsers(dest="journal_command", metavar="SUBCOMMAND", required=True)
    p = jsub.add_parser("list", help="a case's entries with their status")
    p.add_argument("ref", type=Text(40))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_journal_list)
    p = jsub.add_parser("add", help="write a new entry (a draft until signed)")
    p.add_argument("ref", type=Text(40))
    p.add_argument("--text", type=Text(MAX_TEXT), required=True)
    p.add_argument("--kind", type=Text(40), choices=_KINDS, default=JournalKind.CONVERSATION.value)
    p.add_argument("--date", type=IsoDate(), metavar="DATE", help="when it happened")
    p.set_defaults(handler=_journal_add)
    helps = {"edit": "rewrite your draft", "discard": "discard your draft (Kasta utkast)",
             "sign": "sign your draft; it is never changed after",
             "correct": "correct a signed entry with a reason (rättelse)",
             "addition": "add to a signed entry (tillägg)",
             "strike": "strike an entry written on the wrong client (makulering)"}  # fmt: skip
    for verb, text in helps.items():
        p = jsub.add_parser(verb, help=text)
        p.add_argument("entry", type=Integer(1, MAX_ID), help="the entry's number")
        if verb in ("edit", "correct", "addition"):
            p.add_argument("--text", type=Text(MAX_TEXT), required=True)
        if verb in ("correct", "addition", "strike"):
            p.add_argument("--reason", type=Text(MAX_REASON), required=verb != "addition")
        p.set_defaults(handler=_verb)
    for parser in jsub.choices.values():
        vault_arg(parser)


def _task_parsers(sub: Any, vault_arg: Callable[[Any], None]) -> None:
    task = sub.add_parser("task", help="tasks: add, edit, reassign, complete, remove")
    tsub = task.add_subparsers(dest="task_command", metavar="SUBCOMMAND", required=True)
    p = tsub.add_parser("list", help="open tasks (of one case)")
    p.add_argument("--case", type=Text(40), metavar="REF", help="only this case's tasks")
    p.add_argument("--all", action="store_true", help="include completed tasks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_task_list)
    p = tsub.add_parser("add", help="a new task")
    p.add_argument("--title", type=Text(500), required=True)
    p.add_argument("--case", type=Text(40), metavar="REF")
    p.add_argument("--due", type=IsoDate(), metavar="DATE")
    p.add_argument("--owner", type=Text(200), help="who does it (default: you)")
    p.set_defaults(handler=_task_add)
    p = tsub.add_parser("edit", help="change a task's text or due date")
    p.add_argument("--title", type=Text(500))
    when = p.add_mutually_exclusive_group()
    when.add_argument("--due", type=IsoDate(), metavar="DATE")
    when.add_argument("--no-due", action="store_true", help="remove the due date")
    p.set_defaults(handler=_task_edit)
    p = tsub.add_parser("reassign", help="give a task to another named user")
    p.add_argument("--to", type=Text(200), required=True, metavar="NAME")
    p.set_defaults(handler=_verb)
    p = tsub.add_parser("done", help="mark a task done (--reopen: open it again)")
    p.add_argument("--reopen", action="store_true")
    p.set_defaults(handler=_verb)
    p = tsub.add_parser("remove", help="remove a task with a reason (audited)")
    p.add_argument("--reason", type=Text(MAX_REASON), required=True)
    p.set_defaults(handler=_verb)
    for name, parser in tsub.choices.items():
        if name not in ("list", "add"):
            parser.add_argument("task", type=Integer(1, MAX_ID), help="the task's number")
        vault_arg(parser)


def register(sub: Any) -> None:
    from app.cli_vault import vault_arg

    _journal_parsers(sub, vault_arg)
    _task_parsers(sub, vault_arg)


__all__ = ["register"]
