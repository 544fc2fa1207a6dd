"""Headless case-file commands: ``case list``, ``case show``, ``search``, ``stats``,
``demo``. They go through the same :class:`app.store.Store` as the GUI; protected names
stay masked unless ``--reveal`` is given (which is audited like a reveal in the GUI)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.cli_args import Choice, Integer, IsoDate, Text, VaultFolder, period
from app.cli_vault import open_vault_from_args, read_secret, vault_arg
from app.clock import SYSTEM
from app.i18n import _
from app.store import CaseFilter, Store, filter_rows
from app.store.records import SearchFilter
from app.store.search import COUNT_CAP, KINDS, MAX_QUERY_CHARS, summary
from app.vault.vault import Profile, Vault, is_vault

MAX_DEMO_CASES = 20_000  # the benchmarks' largest case list is 10,000


def _to_json(value: Any) -> str:
    def default(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return dataclasses.asdict(obj)
        if isinstance(obj, (date, frozenset, set)):
            return str(obj) if isinstance(obj, date) else sorted(obj)
        raise TypeError(type(obj).__name__)

    return json.dumps(value, default=default, ensure_ascii=False, indent=2)


def _emit(args: argparse.Namespace, data: Any, text_lines: list[str]) -> int:
    if args.json:
        print(_to_json(data))
    else:
        print("\n".join(text_lines))
    return 0


def _open_store(args: argparse.Namespace) -> tuple[Vault, Store]:
    vault = open_vault_from_args(args)
    return vault, Store(vault)


def _case_list(args: argparse.Namespace) -> int:
    vault, store = _open_store(args)
    try:
        flt = CaseFilter(
            text=args.filter or "",
            statuses=frozenset(args.status or ()),
            attention_only=args.attention,
        )
        rows = filter_rows(store.case_rows(), flt)
    finally:
        vault.lock()
    lines = [
        f"{r.ref}\t{r.status}\t{r.stage or '-'}\t{r.threat_level or '-'}\t{r.name}" for r in rows
    ]
    return _emit(args, [dataclasses.asdict(r) for r in rows], lines)


def _case_show(args: argparse.Namespace) -> int:
    vault, store = _open_store(args)
    try:
        case_id = store.case_id_for_ref(args.ref)
        if args.reveal:
            store.reveal(store.case(case_id).person.id, reason=_("Kommandoraden: case show"))
        file = store.open_case(case_id)
        timeline = store.timeline(file)
    finally:
        vault.lock()
    lines = [f"{file.case.ref}  {file.case.person.name}  {file.case.status.label}"]
    lines += [f"{e.occurred}  {e.kind}  {e.text}" for e in file.journal]
    return _emit(args, {"case_file": file, "timeline": timeline}, lines)


def _search(args: argparse.Namespace) -> int:
    vault, store = _open_store(args)
    try:
        case_id = store.case_id_for_ref(args.case) if args.case else None
        flt = SearchFilter(case_id, args.start, args.until, frozenset(args.kind or ()))
        result = store.find(args.query, flt, limit=args.limit)
    finally:
        vault.lock()
    print(summary(result), file=sys.stderr)
    if result.more and not args.json:
        print(_("Visa fler med --limit, eller begränsa med --case, --from, --until och --kind."),
              file=sys.stderr)  # fmt: skip
    lines = [f"{h.case_ref}\t{h.kind}\t{h.occurred or '-'}\t{h.name}\t{h.snippet}"
             for h in result.hits]  # fmt: skip
    data = {"hits": result.hits, "total": result.total, "capped": result.capped,
            "more": result.more}  # fmt: skip
    return _emit(args, data, lines)


def _stats(args: argparse.Namespace) -> int:
    start, until = period(args.start, args.until, SYSTEM.today())
    vault, store = _open_store(args)
    try:
        report = store.follow_up(start, until)
    finally:
        vault.lock()
    if args.json:
        print(report.to_json())
    else:
        sys.stdout.write(report.to_csv())
    return 0


def _demo(args: argparse.Namespace) -> int:
    from app.demo import fill_demo

    if is_vault(args.vault):
        vault = open_vault_from_args(args)
    else:
        passphrase = read_secret(_("Ny lösenfras: "))
        profile = Profile(_("Demo Handläggare"), municipality=_("Exempelkommun"))
        vault, recovery_key = Vault.create(args.vault, passphrase, profile)
        print(f"recovery-key: {recovery_key}")
    try:
        ids = fill_demo(Store(vault), cases=args.cases, seed=args.seed)
        if args.receiver is not None:
            _demo_transfer(vault, args.receiver)
    finally:
        vault.lock()
    print(_("{count} påhittade ärenden skapade.").format(count=len(ids)), file=sys.stderr)
    return 0


def _demo_transfer(sender: Vault, folder: Path) -> None:
    """A second vault (Provby kommun) that receives one case of the demo through the
    whole transfer procedure; its recovery key is printed like the first one's."""
    from app.demo_transfer import RECEIVER, walk_transfer

    passphrase = read_secret(_("Lösenfras för det mottagande valvet: "))
    profile = Profile(_("Demo Mottagare"), municipality=RECEIVER)
    receiver, recovery_key = Vault.create(folder, passphrase, profile)
    print(f"receiver-recovery-key: {recovery_key}")
    try:
        walk_transfer(Store(sender), Store(receiver))
    finally:
        receiver.lock()


def register(sub: Any) -> None:
    case = sub.add_parser("case", help="list and show case files")
    csub = case.add_subparsers(dest="case_command", metavar="SUBCOMMAND", required=True)
    p = csub.add_parser("list", help="the case list (protected names masked)")
    vault_arg(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--filter", type=Text(200), help="text filter: reference, name, caseworker")
    p.add_argument("--status", action="append", type=Text(40), help="only this status (repeatable)")
    p.add_argument("--attention", action="store_true", help="only cases needing attention")
    p.set_defaults(handler=_case_list)
    p = csub.add_parser("show", help="the whole case file as the store sees it")
    p.add_argument("ref", type=Text(40))
    vault_arg(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--reveal", action="store_true", help="show a protected name (audited)")
    p.set_defaults(handler=_case_show)

    p = sub.add_parser("search", help="full-text search over journals, cases and names")
    p.add_argument("query", type=Text(MAX_QUERY_CHARS))
    vault_arg(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=Integer(1, COUNT_CAP), default=50, help="hits shown")
    p.add_argument("--case", type=Text(40), metavar="REF", help="only this case")
    p.add_argument("--from", dest="start", type=IsoDate(), metavar="DATE",
                   help="only entries from this date")  # fmt: skip
    p.add_argument("--until", type=IsoDate(), metavar="DATE", help="only entries until this date")
    p.add_argument("--kind", action="append", type=Choice(KINDS),
                   help=f"only this kind of hit (repeatable): {', '.join(KINDS)}")  # fmt: skip
    p.set_defaults(handler=_search)

    p = sub.add_parser("stats", help="follow-up statistics (no personal data; <5 suppressed)")
    vault_arg(p)
    p.add_argument("--from", dest="start", type=IsoDate(), metavar="DATE")
    p.add_argument("--until", type=IsoDate(), metavar="DATE")
    p.add_argument("--json", action="store_true", help="JSON instead of CSV")
    p.set_defaults(handler=_stats)

    p = sub.add_parser("demo", help="fill a vault with deterministic fictional cases")
    vault_arg(p, new=True)
    p.add_argument("--cases", type=Integer(1, MAX_DEMO_CASES), default=40)
    p.add_argument("--seed", type=Integer(0, 2**31 - 1), default=1)
    p.add_argument("--receiver", type=VaultFolder(new=True), metavar="DIR",
                   help="also create a receiving vault (Provby kommun) and walk one case "
                   "through the transfer (request, decision, packet, receipt, takeover)")
    p.set_defaults(handler=_demo)


__all__ = ["register"]
