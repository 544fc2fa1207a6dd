"""``utvag settings show``: every setting as in force on this machine, with the own
choice and the organisation's bound next to it (``app.settings.effective``), so IT can
check that a policy file holds without starting the GUI."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app import settings as s
from app.i18n import _


def _plain(value: Any) -> Any:
    return sorted(value) if isinstance(value, (set, frozenset)) else value


def _rows(settings: s.Settings) -> list[tuple[s.Setting, s.Effective | None]]:
    """Each setting with its value in force; a vault-kept one (the retention period)
    has none here unless the policy fixes it."""
    rows: list[tuple[s.Setting, s.Effective | None]] = []
    for setting in s.ALL:
        in_force = settings.effective(setting)
        vault_kept = setting.scope is s.Scope.VAULT and not in_force.by_policy
        rows.append((setting, None if vault_kept else in_force))
    return rows


def _show(args: argparse.Namespace) -> int:
    rows = _rows(s.Settings())
    if args.json:
        print(json.dumps([_as_json(setting, eff) for setting, eff in rows], indent=2))
        return 0
    for setting, eff in rows:
        if eff is None:
            text = _("sätts i valvet")
        else:
            text = setting.show(eff.value)
            if eff.by_policy:
                text += " — " + eff.reason()
        print(f"{setting.key}: {text}")
    return 0


def _as_json(setting: s.Setting, eff: s.Effective | None) -> dict[str, Any]:
    return {
        "key": setting.key,
        "scope": str(setting.scope),
        "value": None if eff is None else _plain(eff.value),
        "own": None if eff is None or setting.scope is not s.Scope.USER else _plain(eff.own),
        "policy": None if eff is None else _plain(eff.bound),
    }


def register(sub: Any) -> None:
    parser = sub.add_parser("settings", help="settings as in force (own choice and policy)")
    ssub = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    p = ssub.add_parser("show", help="every setting's value in force and where it comes from")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)
