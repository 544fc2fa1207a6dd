"""``utvag profile``: the vault profile's handover roles and the contact details a
packet's cover shows the receiver (unit, nämnd, phone, e-mail)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli_args import Text
from app.cli_handover import _with_vault
from app.cli_vault import vault_arg
from app.store import Store
from app.store.handover import CONTACT_FIELDS
from app.vault.vault import Vault


def register(sub: Any) -> None:
    profile = sub.add_parser("profile", help="the vault profile's roles")
    psub = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    p = psub.add_parser("roles", help="show or set roles: caseworker,handover-officer")
    vault_arg(p)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--set", type=Text(200), metavar="ROLES")
    group.add_argument("--show", action="store_true")
    p.set_defaults(handler=_roles)
    p = psub.add_parser("contact", help="unit, nämnd, phone and e-mail on a packet's cover")
    vault_arg(p)
    for name in ("title", "unit", "board", "phone", "email"):
        p.add_argument(f"--{name}", type=Text(200, allow_empty=True), metavar="TEXT")
    p.set_defaults(handler=_contact)


def _roles(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        store = Store(vault)
        if args.set is not None:
            store.set_roles([r.strip() for r in args.set.split(",") if r.strip()])
        print("roles: " + ",".join(store.roles()))
        return 0

    return _with_vault(args, work)


def _contact(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        fields = {k: getattr(args, k) for k in CONTACT_FIELDS if getattr(args, k) is not None}
        if fields:
            Store(vault).set_contact(**fields)
        profile = vault.profile()
        for key in ("name", "title", "municipality", "unit", "board", "phone", "email"):
            print(f"{key}: {getattr(profile, key)}")
        return 0

    return _with_vault(args, work)
