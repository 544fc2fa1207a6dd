"""Headless retention review for supervisors and IT: ``retention due`` lists the
persons whose whole file may be culled (with their case references, the rule applied
and the dates), ``retention protocol`` writes a gallringsprotokoll as a PDF. Neither
deletes anything; culling is a decision made in the app. Protected names stay masked."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli_args import Integer, OutputFile
from app.cli_vault import open_vault_from_args, vault_arg
from app.i18n import _
from app.reports.files import export_retention_protocol, refuse_existing
from app.store import Store
from app.store.records import RetentionCandidate


def _candidate(c: RetentionCandidate) -> dict[str, Any]:
    return {
        "person_id": c.person_id,
        "name": c.name,
        "masked": c.masked,
        "cases": [
            {
                "ref": f.ref,
                "status": f.status,
                "opened": f.opened,
                "closed": f.closed,
                "last_entry": f.last_entry,
            }
            for f in c.cases
        ],
        "last_entry": c.last_entry,
        "due": c.due.isoformat(),
        "complete_by": c.complete_by.isoformat(),
        "status": c.status,
        "hold": c.hold,
        "rule": c.rule,
    }


def _due(args: argparse.Namespace) -> int:
    vault = open_vault_from_args(args)
    try:
        store = Store(vault)
        found = store.retention_review() if args.all else store.retention_due()
        policy = store.retention_policy()
    finally:
        vault.lock()
    if args.json:
        print(json.dumps({"years": policy.years, "research": policy.research.value,
                          "persons": [_candidate(c) for c in found]},
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    for c in found:
        print(f"{c.due}\t{c.status}\t{c.name}\t{', '.join(c.refs)}")
    print(_("{count} personakter").format(count=len(found)), file=sys.stderr)
    return 0


def _protocol(args: argparse.Namespace) -> int:
    if args.out.exists():  # before unlocking: a refused file must not cost an audit entry
        refuse_existing(args.out)
    vault = open_vault_from_args(args)
    try:
        path = export_retention_protocol(Store(vault), args.out, args.id)
    finally:
        vault.lock()
    print(_("Gallringsprotokollet är sparat som {path}.").format(path=path), file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    retention = sub.add_parser("retention", help="retention (gallring) review and protocols")
    rsub = retention.add_subparsers(dest="retention_command", metavar="SUBCOMMAND",
                                    required=True)  # fmt: skip
    p = rsub.add_parser("due", help="persons whose whole file may be culled now")
    vault_arg(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="also files kept by a hold or research")
    p.set_defaults(handler=_due)
    p = rsub.add_parser("protocol", help="write a gallringsprotokoll (the latest) as a PDF")
    vault_arg(p)
    p.add_argument(
        "--id", type=Integer(1, 2**62), metavar="N", help="the protocol number (default: latest)"
    )
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pdf")
    p.set_defaults(handler=_protocol)


__all__ = ["register"]
