"""About Utväg: the versions IT support asks for."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import __version__
from app.i18n import _
from ui.common import language
from ui.common.theme import app_icon


def versions(cipher_version: str) -> list[tuple[str, str]]:
    return [
        ("Utväg", __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLCipher", cipher_version or "–"),
        ("Python", platform.python_version()),
    ]


class AboutDialog(QDialog):
    def __init__(self, cipher_version: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo = QLabel()
        self.logo.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QLabel("Utväg")
        self.heading.setObjectName("title")
        self.body = QLabel(wordWrap=True)
        form = QFormLayout()
        for name, version in versions(cipher_version):
            value = QLabel(version)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.logo)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Om Utväg"))
        self.body.setText(
            _(
                "Krypterade akter och förseglade överlämningar för kommunernas "
                "avhopparverksamhet. Fungerar helt utan nätverk."
            )
        )
        self.close_button.setText(_("Stäng"))
