"""Every setting, declared once: key, type, default, bounds, where its value lives (the
*scope*) and how the organisation's policy (:mod:`app.policy`) may bound it (the
*clamp*). :func:`effective` computes the value in force, the policy's bound ∧ the own
choice, for the shell (auto-lock, clipboard), the settings dialog (a bound value is shown
with the reason) and the CLI (``utvag settings show``).

User settings are stored as JSON in the per-user *local* config folder and written
atomically. Nothing from a case ever goes there: only numbers, flags and a language
code. No Qt, no pickle. ``UTVAG_CONFIG_DIR`` points tests (and portable installs) at
another folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from app.fsutil import atomic_write, make_private_dir
from app.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _

if TYPE_CHECKING:
    from app.policy import Policy

APP_DIR_NAME = "Utvag"
FILE_NAME = "settings.json"


class Scope(StrEnum):
    USER = "user"  # the caseworker's own choice, in settings.json
    VAULT = "vault"  # kept in the vault and set by a supervisor (the retention period)
    POLICY = "policy"  # no own choice: the built-in default unless the policy sets it


class Clamp(StrEnum):
    """How a policy value meets the own choice."""

    MAX = "max"  # the user may choose less, never more
    MIN = "min"  # more, never less
    REQUIRE = "require"  # a policy true cannot be switched off
    ALLOW = "allow"  # a policy false cannot be switched on
    ONLY = "only"  # a subset of the listed items
    FIXED = "fixed"  # the policy's value


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str  # Swedish source text (N_)
    scope: Scope = Scope.USER
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    clamp: Clamp | None = None  # None: a policy file cannot set it
    unit: str = ""  # Swedish source text (N_) after a number

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this setting's type, or raise ``ValueError``."""
        if self.type is bool:
            if not isinstance(value, bool):
                raise ValueError(self.key)
            return value
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(self.key)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(self.key)
            if self.maximum is not None and value > self.maximum:
                raise ValueError(self.key)
            return value
        if self.type is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(self.key)
            return value
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            raise ValueError(self.key)
        return value

    def tighten(self, own: Any, bound: Any) -> Any:
        """``own`` tightened to the policy's ``bound``: never looser than it allows."""
        if self.clamp is Clamp.MAX:
            return min(int(own), bound)
        if self.clamp is Clamp.MIN:
            return max(int(own), bound)
        if self.clamp is Clamp.REQUIRE:
            return bool(own) or bound
        if self.clamp is Clamp.ALLOW:
            return bool(own) and bound
        if self.clamp is Clamp.ONLY:
            if own is None:  # no own list: everything the policy lists
                return sorted(bound)
            return [v for v in own if normalise_fingerprint(v) in bound]
        return bound  # fixed

    def show(self, value: Any) -> str:
        """``value`` in words, with its unit (``5 min``, ``ja``, ``2 certifikat``)."""
        if value is None:
            return _("inte begränsat")
        if self.type is bool:
            return _("ja") if value else _("nej")
        if self.type is list:
            return _("{count} certifikat").format(count=len(value))
        return f"{value} {_(self.unit)}" if self.unit else str(value)

    def show_bound(self, bound: Any) -> str:
        """A policy's value as a limit (``högst 2 min``), for labels and messages."""
        if bound is None or self.clamp not in (Clamp.MAX, Clamp.MIN):
            return self.show(bound)
        template = _("högst {value}") if self.clamp is Clamp.MAX else _("minst {value}")
        return template.format(value=self.show(bound))


def normalise_fingerprint(text: str) -> str:
    """SHA-256 fingerprint in lower-case hex without spaces or colons."""
    return "".join(text.split()).replace(":", "").lower()


IDLE_LOCK_MINUTES = Setting(
    "idle_lock_minutes", int, 5, N_("Lås efter inaktivitet"),
    minimum=1, maximum=240, clamp=Clamp.MAX, unit=N_("min"),
)  # fmt: skip
CLIPBOARD_SECONDS = Setting(
    "clipboard_clear_seconds", int, 30, N_("Töm urklipp efter"),
    minimum=5, maximum=600, clamp=Clamp.MAX, unit=N_("s"),
)  # fmt: skip
PRIVACY_COVER = Setting("privacy_cover", bool, False, N_("Integritetsskydd"))
LANGUAGE = Setting("language", str, SOURCE_LANGUAGE, N_("Språk"), choices=LANGUAGES)
DRAFT_SECONDS = Setting(
    "draft_autosave_seconds", int, 3, N_("Spara utkast efter"), minimum=1, maximum=60,
    unit=N_("s"),
)  # fmt: skip
PASSPHRASE_MIN_SCORE = Setting(
    "passphrase_min_score", int, 2, N_("Lösenfrasens lägsta styrka"), Scope.POLICY,
    minimum=0, maximum=4, clamp=Clamp.MIN,
)  # fmt: skip
KEYRING_BINDING_REQUIRED = Setting(
    "keyring_binding_required", bool, False, N_("Bindning till datorn"), Scope.POLICY,
    clamp=Clamp.REQUIRE,
)  # fmt: skip
EXPORT_ALLOWED = Setting(
    "export_allowed", bool, True, N_("Export av överlämningspaket"), Scope.POLICY,
    clamp=Clamp.ALLOW,
)  # fmt: skip
EXPORT_RECIPIENTS = Setting(
    "export_recipients", list, None, N_("Tillåtna mottagarcertifikat"), Scope.POLICY,
    clamp=Clamp.ONLY,
)  # fmt: skip
RETENTION_YEARS = Setting(
    "retention_years", int, 5, N_("Gallringsfrist"), Scope.VAULT,
    minimum=1, maximum=100, clamp=Clamp.FIXED, unit=N_("år"),
)  # fmt: skip
#: The research exception to culling: "all" (the area keeps every personal file),
#: "birth_days" (the files of people born on the 5th, 15th or 25th) or "none".
RETENTION_RESEARCH = Setting(
    "retention_research", str, "none", N_("Forskningsundantag vid gallring"), Scope.VAULT,
    choices=("none", "all", "birth_days"), clamp=Clamp.FIXED,
)  # fmt: skip

ALL: tuple[Setting, ...] = (
    IDLE_LOCK_MINUTES,
    CLIPBOARD_SECONDS,
    PRIVACY_COVER,
    LANGUAGE,
    DRAFT_SECONDS,
    PASSPHRASE_MIN_SCORE,
    KEYRING_BINDING_REQUIRED,
    EXPORT_ALLOWED,
    EXPORT_RECIPIENTS,
    RETENTION_YEARS,
    RETENTION_RESEARCH,
)
BY_KEY = {s.key: s for s in ALL}
USER_SETTINGS = tuple(s for s in ALL if s.scope is Scope.USER)


@dataclass(frozen=True)
class Effective:
    """A setting's value in force, with where it comes from."""

    setting: Setting
    value: Any  # what the app uses
    own: Any  # the own choice (user's, the vault's, or the built-in default)
    bound: Any  # the policy's value; None when the policy does not set it

    @property
    def by_policy(self) -> bool:
        return self.bound is not None

    @property
    def tightened(self) -> bool:
        """The policy overrode the own choice."""
        return bool(self.value != self.own)

    def reason(self) -> str:
        """Why the value is bound, for a locked field ("" when it is not)."""
        if not self.by_policy:
            return ""
        return _("Bestäms av organisationens policy ({limit})").format(
            limit=self.setting.show_bound(self.bound)
        )


def effective(setting: Setting, own: Any = None, policy: Policy | None = None) -> Effective:
    """The value in force: ``own`` (default: the built-in default) bounded by the
    policy (default: the organisation's file in force)."""
    if policy is None:
        from app.policy import load_policy  # app.policy declares its keys from here

        policy = load_policy()
    own = setting.default if own is None else own
    bound = policy.value(setting.key) if setting.clamp is not None else None
    value = own if bound is None else setting.tighten(own, bound)
    return Effective(setting, value, own, bound)


def config_dir() -> Path:
    override = os.environ.get("UTVAG_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def default_vault_dir() -> Path:
    """The per-user *local* data folder: never a roaming or synced profile."""
    base = platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False)
    return Path(base) / "vault"


class Settings:
    """The user's own values; unknown or invalid stored values fall back to the default."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / FILE_NAME
        self._values: dict[str, Any] = {s.key: s.default for s in USER_SETTINGS}
        self._load()

    def _load(self) -> None:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(stored, dict):
            return
        for key, value in stored.items():
            setting = BY_KEY.get(key)
            if setting is None or setting.scope is not Scope.USER:
                continue
            try:
                self._values[key] = setting.coerce(value)
            except ValueError:
                continue

    def get(self, setting: Setting) -> Any:
        """The own choice (what the settings file says, or the default)."""
        return self._values.get(setting.key, setting.default)

    def set(self, setting: Setting, value: Any) -> None:
        if setting.scope is not Scope.USER:
            raise ValueError(setting.key)
        self._values[setting.key] = setting.coerce(value)

    def effective(self, setting: Setting, policy: Policy | None = None) -> Effective:
        """The value in force for ``setting``: what the app must use."""
        own = self.get(setting) if setting.scope is Scope.USER else None
        return effective(setting, own, policy)

    def save(self) -> None:
        make_private_dir(self.path.parent)
        data = json.dumps(self._values, indent=2, sort_keys=True).encode("utf-8")
        atomic_write(self.path, data)
