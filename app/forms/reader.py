"""Strict reading of JSON definition files: every problem names the file and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from app.domain.options import LocalText
from app.errors import UtvagError

T = TypeVar("T")


class DefinitionError(UtvagError):
    """A form or stage-model definition shipped with (or added to) the program is
    malformed. Names the file and the field so whoever edited it can fix it."""

    exit_code = 4
    template = "Definitionsfilen {file} är felaktig i fältet {field}: {problem}"

    def __init__(self, file: str, field: str, problem: str) -> None:
        super().__init__(None, file=file, field=field, problem=problem)
        self.file = file
        self.field = field


class DefinitionReader:
    """Typed access to one parsed JSON file; raises :class:`DefinitionError`."""

    def __init__(self, path: Path) -> None:
        self.file = path.name
        try:
            self.root: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DefinitionError(self.file, "(fil)", f"ogiltig JSON ({exc})") from None
        if not isinstance(self.root, dict):
            raise DefinitionError(self.file, "(fil)", "ska vara ett JSON-objekt")

    def fail(self, field: str, problem: str) -> DefinitionError:
        return DefinitionError(self.file, field, problem)

    def get(self, obj: dict[str, Any], key: str, kind: type[T], where: str) -> T:
        if key not in obj:
            raise self.fail(_join(where, key), "saknas")
        return self.typed(obj[key], kind, _join(where, key))

    def opt(self, obj: dict[str, Any], key: str, kind: type[T], where: str, default: T) -> T:
        if key not in obj:
            return default
        return self.typed(obj[key], kind, _join(where, key))

    def typed(self, value: object, kind: type[T], where: str) -> T:
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            raise self.fail(where, f"ska vara av typen {kind.__name__}")
        return value  # type: ignore[return-value]

    def text(self, obj: dict[str, Any], key: str, where: str, required: bool = True) -> LocalText:
        if key not in obj and not required:
            return LocalText("", "")
        pair = self.get(obj, key, dict, where)
        path = _join(where, key)
        sv = self.get(pair, "sv", str, path)
        en = self.get(pair, "en", str, path)
        if required and not (sv.strip() and en.strip()):
            raise self.fail(path, "både sv och en måste ha text")
        return LocalText(sv, en)

    def unknown_keys(self, obj: dict[str, Any], allowed: set[str], where: str) -> None:
        extra = sorted(set(obj) - allowed)
        if extra:
            raise self.fail(_join(where, extra[0]), "okänd nyckel (stavfel?)")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


__all__ = ["DefinitionError", "DefinitionReader"]
