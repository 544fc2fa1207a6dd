"""Non-secret user settings, declared once (key, type, default, bounds).

Stored as JSON in the per-user *local* config folder and written atomically. Nothing
from a case ever goes here: only numbers, flags and a language code. No Qt, no pickle.
``UTVAG_CONFIG_DIR`` points tests (and portable installs) at another folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from app.fsutil import atomic_write, make_private_dir
from app.i18n import LANGUAGES

APP_DIR_NAME = "Utvag"
FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

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
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            raise ValueError(self.key)
        return value


IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", int, 5, minimum=1, maximum=240)
CLIPBOARD_SECONDS = Setting("clipboard_clear_seconds", int, 30, minimum=5, maximum=600)
PRIVACY_COVER = Setting("privacy_cover", bool, False)
LANGUAGE = Setting("language", str, "sv", choices=LANGUAGES)
DRAFT_SECONDS = Setting("draft_autosave_seconds", int, 3, minimum=1, maximum=60)

ALL: tuple[Setting, ...] = (
    IDLE_LOCK_MINUTES,
    CLIPBOARD_SECONDS,
    PRIVACY_COVER,
    LANGUAGE,
    DRAFT_SECONDS,
)
_BY_KEY = {s.key: s for s in ALL}


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
    """The current values; unknown or invalid stored values fall back to the default."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / FILE_NAME
        self._values: dict[str, Any] = {s.key: s.default for s in ALL}
        self._load()

    def _load(self) -> None:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(stored, dict):
            return
        for key, value in stored.items():
            setting = _BY_KEY.get(key)
            if setting is None:
                continue
            try:
                self._values[key] = setting.coerce(value)
            except ValueError:
                continue

    def get(self, setting: Setting) -> Any:
        return self._values[setting.key]

    def set(self, setting: Setting, value: Any) -> None:
        self._values[setting.key] = setting.coerce(value)

    def save(self) -> None:
        make_private_dir(self.path.parent)
        data = json.dumps(self._values, indent=2, sort_keys=True).encode("utf-8")
        atomic_write(self.path, data)
