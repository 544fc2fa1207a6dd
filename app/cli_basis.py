"""The legal basis and the receiving nämnd of ``utvag handover export`` (issue 10 items
1 and 2): the arguments, their usage rules, and the :class:`Basis` they ask for.

Without --consent or --provision the newest consent whose recipient and scope match the
packet is used, and said so; a consent given to someone else (the police) is never used
silently. A disclosure without consent names a provision from the legal references file
and records the harm test (who, when, the reasoning)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli_args import Integer, IsoDate, Text
from app.domain import legal
from app.errors import Refused, UsageError
from app.handover.workflow import (
    Basis,
    ExportChoice,
    HarmTest,
    Receiver,
    consent_matches,
    consent_text,
)
from app.i18n import _
from app.store import Store


def add_basis_arguments(p: Any) -> None:
    """The receiving nämnd and unit, and the basis: a consent, or a provision + harm test."""
    for flag, kind, meta, text in (
        ("--recipient-board", Text(200), "NÄMND",
         "the receiving nämnd with its municipality (required, also with --passphrase)"),
        ("--recipient-unit", Text(200, allow_empty=True), "UNIT", "the receiving unit"),
        ("--consent", Integer(1, 2**62), "ID",
         "the consent (default: the newest whose recipient and scope match)"),
        ("--harm-test", Text(4000), "TEXT", "the harm test's reasoning (menprövning)"),
        ("--harm-test-by", Text(200), "NAME", "who made the harm test (default: the user)"),
        ("--harm-test-on", IsoDate(), "DATE", "when the harm test was made (default: today)"),
    ):  # fmt: skip
        p.add_argument(flag, type=kind, metavar=meta, help=text,
                       required=flag == "--recipient-board")  # fmt: skip
    p.add_argument("--provision", choices=[r.key for r in legal.disclosure_provisions()],
                   help="disclosure without consent under this provision (with --harm-test)")


def check_basis_usage(args: argparse.Namespace) -> None:
    if args.provision and args.consent is not None:
        raise UsageError(_("Ange antingen --consent ID eller --provision, inte båda."))
    if not args.provision and (args.harm_test or args.harm_test_by or args.harm_test_on):
        raise UsageError(_("--harm-test gäller ett utlämnande utan samtycke: ange --provision."))


def receiver_from_args(args: argparse.Namespace) -> Receiver:
    return Receiver(args.recipient_board, args.recipient_unit or "")


def basis_from_args(store: Store, args: argparse.Namespace, receiver: Receiver) -> Basis:
    """--provision KEY with the harm test, --consent ID, or else the newest consent in
    force whose recipient and scope match this packet. A consent given to someone else
    (the police, say) is never used silently: with no match, the refusal names why each
    consent does not hold."""
    if args.provision:
        harm = HarmTest(
            by=args.harm_test_by or store.vault.profile().name,
            on=args.harm_test_on or store.today().isoformat(),
            reasoning=args.harm_test or "",
        )
        return Basis.of_provision(args.provision, harm)
    if args.consent is not None:
        return Basis(consent_id=args.consent)
    probe = ExportChoice(args.case, tuple(args.sections), Basis(), receiver=receiver)
    found = consent_matches(store, probe)
    if found and found[0].ok:
        print(_("Rättslig grund: {text}").format(text=consent_text(found[0].consent)))
        return Basis.of_consent(found[0].consent)
    reasons = "; ".join(m.problem for m in found) or _("inget samtycke i kraft")
    raise Refused(reason=_(
        "inget samtycke gäller mottagaren och avsnitten ({reasons}). Ange --consent ID, "
        "eller --provision med --harm-test (menprövningen) för utlämnande utan samtycke"
    ).format(reasons=reasons))  # fmt: skip


__all__ = ["add_basis_arguments", "basis_from_args", "check_basis_usage", "receiver_from_args"]
