"""Embedded TrueType fonts for packets (DejaVu Sans: Latin, Latin Extended, Greek,
Cyrillic) and the check that refuses text the fonts cannot show, before sealing, so a
name never comes out as empty boxes."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import tables

from app.handover.errors import UnrenderableText
from app.resources import resource_path

REGULAR = "UtvagSans"
BOLD = "UtvagSans-Bold"
OBLIQUE = "UtvagSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}
_ALWAYS_OK = frozenset("\n\r\t")


@cache
def register() -> None:
    """Register the fonts with reportlab once per process."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD)
    # Every reportlab page starts in its base font (Helvetica, never embedded): make
    # that ours, so each PDF we write names only embedded fonts.
    rl_config.canvas_basefontname = REGULAR
    tables.CellStyle.fontname = REGULAR  # table cells default to Helvetica too
    shapes.STATE_DEFAULTS["fontName"] = REGULAR  # and so do vector drawings (the chart)


@cache
def covered() -> frozenset[int]:
    """Code points every one of the three faces can draw."""
    register()
    sets = []
    for name in _FILES:
        font = pdfmetrics.getFont(name)
        sets.append(set(font.face.charToGlyph))
    return frozenset(set.intersection(*sets))


def missing(text: str) -> list[str]:
    """Characters in ``text`` the fonts cannot show (deduplicated, in order)."""
    ok = covered()
    found: list[str] = []
    for char in text:
        if char in _ALWAYS_OK or ord(char) in ok or char in found:
            continue
        found.append(char)
    return found


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}/{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}/{index}")


def require_renderable(payload: dict[str, Any]) -> None:
    """Raise UnrenderableText naming the first field whose text the fonts cannot show.
    The message carries code points (U+XXXX), not the text itself."""
    for path, text in _strings(payload, ""):
        bad = missing(text)
        if bad:
            codepoints = ", ".join(f"U+{ord(c):04X}" for c in bad[:5])
            raise UnrenderableText(field=path, codepoints=codepoints)
