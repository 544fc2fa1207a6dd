"""The keyboard shortcuts help (F1), listing :data:`ui.shell.shortcuts.SHORTCUTS`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.common import language
from ui.shell.shortcuts import SHORTCUTS, native_text


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
        self.table.setAccessibleName(_("Kortkommandon"))
        self.table.setHorizontalHeaderLabels([_("Tangenter"), _("Gör")])
        for row, shortcut in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(native_text(shortcut.keys)))
            self.table.setItem(row, 1, QTableWidgetItem(_(shortcut.label)))
        self.close_button.setText(_("Stäng"))
