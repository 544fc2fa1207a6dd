"""Headless transfer commands (överflyttning, :mod:`app.domain.transfer`):

``transfer show REF`` lists the case's requests and routes with every step so far and
who is responsible today; ``transfer ivo-pack REF --out FILE.pdf`` saves the material
for an application to IVO about the current request (refused, in Swedish, without a
strongest-connection ground or before the answer is no or a month has passed). The
steps themselves are recorded in the GUI's transfer dialog."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli_args import OutputFile, Text
from app.cli_case import _emit, _open_store
from app.cli_vault import vault_arg
from app.domain.transfer import TransferRequest, responsibility
from app.errors import Refused
from app.i18n import N_, _
from app.reports.files import export_ivo_application, refuse_existing

NO_REQUEST = N_("ärendet har ingen begäran om överflyttning")


def _line(r: TransferRequest) -> str:
    waiting = r.ivo_from if r.is_open else None
    steps = [("requested", r.requested_on), ("ivo_possible_from", waiting),
             ("decision", f"{r.answer.value} {r.answered_on} ({r.decided_by})" if r.answered_on
              else None), ("legal_force", r.legal_force_on), ("ivo_applied", r.ivo_applied_on),
             ("ivo_decided", r.ivo_decided_on), ("appealed", r.appealed_on),
             ("taken_over", r.taken_over_on), ("withdrawn", r.withdrawn_on)]  # fmt: skip
    shown = "\t".join(f"{key}={value}" for key, value in steps if value)
    return f"{r.id}\t{r.route.value}\t{r.to_municipality}\t{shown}"


def _show(args: argparse.Namespace) -> int:
    vault, store = _open_store(args)
    try:
        case_id = store.case_id_for_ref(args.ref)
        found = store.transfer_requests(case_id)
        home = store.vault.profile().municipality or "–"
        now = responsibility(store.current_transfer_request(case_id), store.today(), home)
    finally:
        vault.lock()
    print(now, file=sys.stderr)
    return _emit(args, list(found), [_line(r) for r in found])


def _ivo_pack(args: argparse.Namespace) -> int:
    refuse_existing(args.out)
    vault, store = _open_store(args)
    try:
        request = store.current_transfer_request(store.case_id_for_ref(args.ref))
        if request is None:
            raise Refused(reason=NO_REQUEST)
        path = export_ivo_application(store, request.id, args.out)
    finally:
        vault.lock()
    print(_("Underlaget är sparat som {name}.").format(name=path), file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    transfer = sub.add_parser("transfer", help="transfer requests (överflyttning) of a case")
    tsub = transfer.add_subparsers(dest="transfer_command", metavar="SUBCOMMAND", required=True)
    p = tsub.add_parser("show", help="the case's requests, their steps and who is responsible")
    p.add_argument("ref", type=Text(40))
    vault_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)
    p = tsub.add_parser("ivo-pack", help="the material for an application to IVO, as a PDF")
    p.add_argument("ref", type=Text(40))
    vault_arg(p)
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pdf")
    p.set_defaults(handler=_ivo_pack)


__all__ = ["register"]
