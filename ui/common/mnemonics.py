"""Mnemonics in every dialog (Alt + the underlined letter), in any language: texts from
the catalogs may name their letter (``"&Spara"``); every other button and field label
gets the first free letter of its words when the dialog is shown, and again after a
language switch, so no letter is used twice in one dialog. Menus name theirs in the
catalogs (tests/ui/test_mnemonics.py checks both)."""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QWidget,
    QWizard,
)

_NAMED = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    """The mnemonic letter of ``text`` (casefolded), or None."""
    found = _NAMED.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def plain(text: str) -> bool:
    """A text that can carry a mnemonic: a word, not rich text or a symbol (▾)."""
    return any(c.isalnum() for c in text) and not QtGui.Qt.mightBeRichText(text)


Target = QAbstractButton | QLabel | QGroupBox


def _text(widget: Target) -> str:
    return widget.title() if isinstance(widget, QGroupBox) else widget.text()


def _set_text(widget: Target, text: str) -> None:
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    else:
        widget.setText(text)


def _targets(dialog: QWidget) -> list[Target]:
    """Buttons of the button row first (they must get a letter), then the rest."""
    found: list[Target] = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog) or widget.window() is not dialog:
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        kind_fits = isinstance(widget, QAbstractButton | QGroupBox) or labelled
        if kind_fits and plain(_text(widget)):  # type: ignore[arg-type]
            found.append(widget)  # type: ignore[arg-type]
    return sorted(found, key=lambda w: not in_button_row(w, dialog))


def in_button_row(widget: QWidget, dialog: QWidget) -> bool:
    """A button of the dialog's button box, or of a wizard's own row."""
    parent = widget.parent()
    return isinstance(parent, QDialogButtonBox) or (
        isinstance(dialog, QWizard) and parent is dialog and isinstance(widget, QAbstractButton)
    )


def _with_letter(text: str, used: set[str]) -> str:
    """``text`` with ``&`` before the first free letter, word starts first."""
    starts = [m.start() for m in re.finditer(r"\b\w", text)]
    for index in [*starts, *range(len(text))]:
        char = text[index]
        if char.isalnum() and char.casefold() not in used:
            used.add(char.casefold())
            return text[:index] + "&" + text[index:]
    return text


def assign(dialog: QWidget) -> None:
    """Give every button and buddy label of ``dialog`` a letter of its own."""
    targets = _targets(dialog)
    used = {x for x in (letter(_text(t)) for t in targets) if x is not None}
    for target in targets:
        text = _text(target)
        if "&" not in text:
            _set_text(target, _with_letter(text, used))


def assign_open_dialogs() -> None:
    """After a language switch (once every view has set its new texts)."""

    def again() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                assign(widget)

    QTimer.singleShot(0, again)


__all__ = ["assign", "assign_open_dialogs", "in_button_row", "letter", "plain"]
