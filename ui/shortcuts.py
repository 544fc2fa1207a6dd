"""Keyboard shortcuts, declared once: the main window's actions and the help dialog both
come from :data:`SHORTCUTS`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from ui import language


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
    Shortcut("settings", ("Ctrl+,",), N_("Inställningar")),
    Shortcut("shortcuts", ("F1",), N_("Kortkommandon")),
    Shortcut("quit", ("Ctrl+Q",), N_("Avsluta")),
)
BY_ACTION = {s.action: s for s in SHORTCUTS}


def key_sequences(action: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_ACTION[action].keys]


def native_text(keys: tuple[str, ...]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 360)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Kortkommandon"))
        self.table.setHorizontalHeaderLabels([_("Tangenter"), _("Gör")])
        for row, shortcut in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(native_text(shortcut.keys)))
            self.table.setItem(row, 1, QTableWidgetItem(_(shortcut.label)))
        self.close_button.setText(_("Stäng"))
