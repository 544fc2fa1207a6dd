"""Keyboard shortcuts, declared once: the main window's actions and the help dialog both
come from :data:`SHORTCUTS`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from app.i18n import N_


@dataclass(frozen=True)
class Shortcut:
    action: str
    keys: tuple[str, ...]
    label: str  # Swedish source text


SHORTCUTS = (
    Shortcut("lock", ("Ctrl+L",), N_("Lås valvet")),
    Shortcut("panic", ("Ctrl+Shift+L", "Pause"), N_("Lås och dölj fönstret direkt (panikknapp)")),
    Shortcut("new_case", ("Ctrl+N",), N_("Nytt ärende")),
    Shortcut("find", ("Ctrl+F",), N_("Sök i ärendelistan")),
    Shortcut("close_case", ("Ctrl+W",), N_("Stäng ärendet")),
    Shortcut("next_section", ("Ctrl+Tab", "Ctrl+PgDown"), N_("Nästa del av ärendet")),
    Shortcut("previous_section", ("Ctrl+Shift+Tab", "Ctrl+PgUp"), N_("Föregående del av ärendet")),
    Shortcut("settings", ("Ctrl+,",), N_("Inställningar")),
    Shortcut("shortcuts", ("F1",), N_("Kortkommandon")),
    Shortcut("quit", ("Ctrl+Q",), N_("Avsluta")),
)
BY_ACTION = {s.action: s for s in SHORTCUTS}


def key_sequences(action: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_ACTION[action].keys]


def native_text(keys: tuple[str, ...]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
