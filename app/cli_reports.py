"""Headless reports: ``person extract`` (the register extract as a PDF) and
``stats-pdf`` (the follow-up statistics as a PDF). Both write atomically and refuse to
overwrite an existing file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli_args import Integer, IsoDate, OutputFile, period
from app.cli_vault import open_vault_from_args, vault_arg
from app.clock import SYSTEM
from app.i18n import _
from app.reports.files import (
    REVIEW_NOTE,
    export_follow_up,
    export_register_extract,
    refuse_existing,
)
from app.store import Store


def _person_extract(args: argparse.Namespace) -> int:
    if args.out.exists():  # before unlocking: a refused file must not cost an audit entry
        refuse_existing(args.out)
    vault = open_vault_from_args(args)
    try:
        path = export_register_extract(Store(vault), args.person_id, args.out)
    finally:
        vault.lock()
    print(_("Registerutdraget är sparat som {path}.").format(path=path), file=sys.stderr)
    print(_(REVIEW_NOTE), file=sys.stderr)
    return 0


def _stats_pdf(args: argparse.Namespace) -> int:
    refuse_existing(args.out)
    start, until = period(args.start, args.until, SYSTEM.today())
    vault = open_vault_from_args(args)
    try:
        store = Store(vault)
        path = export_follow_up(store, store.follow_up(start, until), args.out)
    finally:
        vault.lock()
    print(_("Statistiken är sparad som {name}.").format(name=path), file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    person = sub.add_parser("person", help="reports about one person")
    psub = person.add_subparsers(dest="person_command", metavar="SUBCOMMAND", required=True)
    p = psub.add_parser("extract", help="register extract (GDPR art. 15) as a PDF")
    p.add_argument("person_id", type=Integer(1, 2**62), metavar="PERSON_ID")
    vault_arg(p)
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pdf")
    p.set_defaults(handler=_person_extract)

    p = sub.add_parser("stats-pdf", help="follow-up statistics as a PDF (<5 suppressed)")
    vault_arg(p)
    p.add_argument("--from", dest="start", type=IsoDate(), metavar="DATE")
    p.add_argument("--until", type=IsoDate(), metavar="DATE")
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pdf")
    p.set_defaults(handler=_stats_pdf)


__all__ = ["register"]
