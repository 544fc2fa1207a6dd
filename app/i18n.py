"""One translation function for the whole product.

Source strings are Swedish (the default UI language). ``resources/i18n/<lang>/*.json``
(one file per area) map each source string to its translation. Placeholders are named
(``_("Sparade {name}").format(name=...)``) and a test checks every catalog keeps them.
"""

from __future__ import annotations

import json
from functools import cache

from app.resources import resource_path

SOURCE_LANGUAGE = "sv"
#: Every language the product speaks, declared once: the code and its name in itself
#: (so a person finds it whatever language is showing). Adding one: a line here and
#: ``resources/i18n/<code>/*.json``; the settings, ``--lang`` and the build follow.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)

_current = {"lang": SOURCE_LANGUAGE}


@cache
def catalog(lang: str) -> dict[str, str]:
    if lang == SOURCE_LANGUAGE:
        return {}
    merged: dict[str, str] = {}
    # One file per area (core, casefile, handover, ui, ...) so areas never collide.
    for path in sorted(resource_path("i18n", lang).glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            merged.update(json.load(fh))
    return merged


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current["lang"] = lang


def language() -> str:
    return _current["lang"]


def _(text: str) -> str:
    """Translate ``text`` (a Swedish source string) into the current language."""
    lang = _current["lang"]
    if lang == SOURCE_LANGUAGE:
        return text
    return catalog(lang).get(text, text)


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it now (translate at display)."""
    return text


__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "N_", "_", "catalog", "language", "set_language"]
