"""Organisation policy: a machine-wide, read-only JSON file that IT places (Intune, GPO,
Ansible) and the app enforces. A user can never loosen a value it sets.

Where: ``C:\\ProgramData\\Utvag\\policy.json`` on Windows, ``/etc/xdg/Utvag/policy.json``
on Linux, ``/Library/Application Support/Utvag/policy.json`` on macOS. ``UTVAG_POLICY_FILE``
names another file (tests, IT staging) but only where no machine-wide file exists, so a
user cannot point the app away from the organisation's file.

No file means the built-in defaults (nothing enforced). A file that cannot be read or
that has an unknown key, a wrong type or a value out of range raises
:class:`PolicyError`, which stops the app: running unprotected is worse than not running.

The keys, their types, bounds and how each bounds the user's own value (its *clamp*)
are declared once, with the settings themselves, in :mod:`app.settings`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import Refused, UtvagError
from app.i18n import N_, _
from app.settings import (
    ALL,
    EXPORT_ALLOWED,
    KEYRING_BINDING_REQUIRED,
    Clamp,
    Setting,
    effective,
    normalise_fingerprint,
)

APP_DIR_NAME = "Utvag"
FILE_NAME = "policy.json"
ENV_FILE = "UTVAG_POLICY_FILE"
MAX_FILE_BYTES = 64 * 1024
FORMAT_VERSION = 1
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


class PolicyError(UtvagError):
    """The policy file exists but cannot be trusted: the app must not start."""

    exit_code = 5
    template = (
        "Organisationens policyfil {path} kan inte användas: {problem} "
        "Utväg startar inte förrän filen är rättad. Kontakta IT-supporten."
    )

    def __init__(self, path: Path | str, problem: str) -> None:
        self.problem = problem
        super().__init__(path=str(path), problem=problem)


class PolicyViolation(Refused):
    template = "{what} är begränsat av din organisation (tillåtet: {allowed})."


#: The settings a policy file may set (each with its clamp), declared in app.settings.
SETTINGS: tuple[Setting, ...] = tuple(s for s in ALL if s.clamp is not None)
_BY_KEY = {s.key: s for s in SETTINGS}
#: Keys allowed besides the settings: the format version and a free-text note for IT.
_META_KEYS = {"version", "comment"}


@dataclass(frozen=True)
class Policy:
    """The settings a policy file sets (absent keys are not enforced)."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def is_set(self, key: str) -> bool:
        _setting(key)
        return key in self.values

    def value(self, key: str) -> Any:
        """The policy's own value, or None when the policy does not set ``key``."""
        _setting(key)
        return self.values.get(key)

    def effective(self, key: str, user_value: Any) -> Any:
        """``user_value`` tightened to the policy: never looser than the policy allows."""
        setting = _setting(key)
        if key not in self.values:
            return user_value
        return setting.tighten(user_value, self.values[key])

    def allows(self, key: str, user_value: Any) -> bool:
        """Whether ``user_value`` is within the policy (a settings dialog's check)."""
        setting = _setting(key)
        tightened = self.effective(key, user_value)
        if setting.clamp is Clamp.ONLY:
            return len(tightened) == len(user_value)
        return bool(tightened == user_value)

    def require(self, key: str, user_value: Any) -> None:
        """Raise :class:`PolicyViolation` when ``user_value`` would loosen the policy."""
        if not self.allows(key, user_value):
            raise PolicyViolation(what=_(_setting(key).label), allowed=self.describe(key))

    def describe(self, key: str) -> str:
        """The policy's value in words, for labels and messages (``högst 5 min``)."""
        return _setting(key).show_bound(self.value(key))

    def recipient_allowed(self, fingerprint: str) -> bool:
        """Whether a packet may be sealed to this recipient certificate (SHA-256)."""
        if not self.effective(EXPORT_ALLOWED.key, EXPORT_ALLOWED.default):
            return False
        allowed = self.values.get("export_recipients")
        return allowed is None or normalise_fingerprint(fingerprint) in allowed

    def check_export(self, recipient_fingerprints: Sequence[str] | None) -> None:
        """Refuse an export the policy forbids. ``None`` means a packet sealed to a
        one-time passphrase, which a recipient list cannot pin and so does not allow."""
        if not self.effective(EXPORT_ALLOWED.key, EXPORT_ALLOWED.default):
            raise PolicyViolation(what=_(_setting("export_allowed").label), allowed=_("nej"))
        if "export_recipients" not in self.values:
            return
        if recipient_fingerprints is None or not all(
            self.recipient_allowed(fp) for fp in recipient_fingerprints
        ):
            raise PolicyViolation(
                what=_(_setting("export_recipients").label),
                allowed=self.describe("export_recipients"),
            )


class BindingRequired(Refused):
    template = (
        "Din organisation kräver att valvet binds till den här datorn (en enhetsnyckel i "
        "systemets nyckelring), men det går inte: {reason}. Valvet skapades inte. "
        "Kontakta IT-supporten."
    )


BINDING_REASONS = {
    "no-backend": N_("datorn har ingen nyckelring som Utväg kan använda"),
    "backend-stores-nothing": N_("nyckelringen sparade inte enhetsnyckeln"),
    "disabled": N_("bindningen valdes bort"),
}


def require_binding(mode: str, reason: str) -> None:
    """Refuse a passphrase-only vault when the policy requires keyring binding."""
    if mode != "keyring" and effective(KEYRING_BINDING_REQUIRED).value:
        raise BindingRequired(reason=_(BINDING_REASONS.get(reason, reason)))


def _setting(key: str) -> Setting:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown policy setting {key!r}") from None


# ------------------------------------------------------------------ the file
def machine_policy_path() -> Path:
    """The machine-wide file. On Linux the XDG default ``/etc/xdg`` is used as such:
    ``XDG_CONFIG_DIRS`` is the user's to change and must not move the policy."""
    if sys.platform.startswith("linux"):
        return Path("/etc/xdg") / APP_DIR_NAME / FILE_NAME
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_DIR_NAME, appauthor=False)) / FILE_NAME


def policy_path() -> Path | None:
    """The file in force: the machine-wide one if it exists, else ``UTVAG_POLICY_FILE``."""
    machine = machine_policy_path()
    if machine.exists():
        return machine
    override = os.environ.get(ENV_FILE)
    return Path(override) if override else None


def parse_policy(text: str, path: Path) -> Policy:
    """Validate ``text`` strictly; raise :class:`PolicyError` naming key and file."""

    def reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise PolicyError(path, _("nyckeln {key} förekommer två gånger.").format(key=key))
            seen[key] = value
        return seen

    def reject_constant(name: str) -> None:
        raise PolicyError(path, _("ogiltigt tal {value}.").format(value=name))

    try:
        raw = json.loads(text, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        raise PolicyError(
            path,
            _("ogiltig JSON på rad {line}, kolumn {column}.").format(
                line=exc.lineno, column=exc.colno
            ),
        ) from None
    except RecursionError:  # e.g. thousands of nested brackets
        raise PolicyError(path, _("JSON-strukturen är för djupt nästlad.")) from None
    if not isinstance(raw, dict):
        raise PolicyError(path, _("filen måste innehålla ett JSON-objekt med nycklar och värden."))
    version = raw.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise PolicyError(path, _("okänd version {value} (ska vara 1).").format(value=version))
    if "comment" in raw and not isinstance(raw["comment"], str):
        raise PolicyError(path, _("nyckeln comment ska vara text."))
    values = {
        key: _validate(key, value, path) for key, value in raw.items() if key not in _META_KEYS
    }
    return Policy(values, path)


def _validate(key: str, value: Any, path: Path) -> Any:
    setting = _BY_KEY.get(key)
    if setting is None:
        known = ", ".join(s.key for s in SETTINGS)
        raise PolicyError(
            path, _("okänd nyckel {key}. Kända nycklar: {known}.").format(key=key, known=known)
        )
    if setting.type is bool:
        if not isinstance(value, bool):
            raise PolicyError(path, _("{key} ska vara true eller false.").format(key=key))
        return value
    if setting.type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError(path, _("{key} ska vara ett heltal.").format(key=key))
        assert setting.minimum is not None and setting.maximum is not None
        if not setting.minimum <= value <= setting.maximum:
            raise PolicyError(
                path,
                _("{key} = {value} ligger utanför {low}–{high}.").format(
                    key=key, value=value, low=setting.minimum, high=setting.maximum
                ),
            )
        return value
    if setting.type is str:
        if value not in setting.choices:
            raise PolicyError(
                path,
                _("{key} ska vara ett av: {choices}.").format(
                    key=key, choices=", ".join(setting.choices)
                ),
            )
        return value
    return _validate_fingerprints(key, value, path)


def _validate_fingerprints(key: str, value: Any, path: Path) -> frozenset[str]:
    if not isinstance(value, list):
        raise PolicyError(path, _("{key} ska vara en lista med fingeravtryck.").format(key=key))
    found: set[str] = set()
    for item in value:
        normal = normalise_fingerprint(item) if isinstance(item, str) else ""
        if not _FINGERPRINT.match(normal):
            raise PolicyError(
                path,
                _(
                    "{key}: {item} är inte ett SHA-256-fingeravtryck (64 hexadecimala tecken)."
                ).format(key=key, item=json.dumps(item, ensure_ascii=False)[:80]),
            )
        found.add(normal)
    return frozenset(found)


def read_policy(path: Path | None) -> Policy:
    """Read and validate the policy at ``path`` (None or a missing file: defaults)."""
    if path is None:
        return Policy()
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Policy()
    except OSError as exc:  # unreadable, a folder, no permission: not "no policy"
        raise PolicyError(
            path, _("filen kan inte läsas ({error}).").format(error=type(exc).__name__)
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise PolicyError(path, _("filen är större än 64 KiB."))
    try:
        text = data.decode("utf-8-sig")  # Notepad may write a byte-order mark
    except UnicodeDecodeError:
        raise PolicyError(path, _("filen är inte UTF-8.")) from None
    return parse_policy(text, path)


_cache: dict[str, Any] = {}
_override: list[Policy] = []


def load_policy() -> Policy:
    """The policy in force (cached; re-read when the file changes). Raises PolicyError."""
    if _override:
        return _override[-1]
    path = policy_path()
    stamp: tuple[object, ...]
    try:
        stat = path.stat() if path is not None else None
        stamp = (str(path), stat.st_mtime_ns, stat.st_size) if stat else (str(path),)
    except OSError:
        stamp = (str(path), "unreadable")
    cached = _cache.get("stamp")
    if cached != stamp or "policy" not in _cache:
        _cache.clear()
        policy = read_policy(path)
        _cache.update(stamp=stamp, policy=policy)
    result: Policy = _cache["policy"]
    return result


@contextlib.contextmanager
def scoped(policy: Policy) -> Iterator[Policy]:
    """Use ``policy`` instead of the file within this block (the self-test's throwaway
    vaults run under the defaults so that it tests the machinery, not the policy)."""
    _override.append(policy)
    try:
        yield policy
    finally:
        _override.pop()


__all__ = [
    "SETTINGS",
    "BindingRequired",
    "Policy",
    "PolicyError",
    "PolicyViolation",
    "load_policy",
    "machine_policy_path",
    "normalise_fingerprint",
    "policy_path",
    "read_policy",
    "require_binding",
    "scoped",
]
