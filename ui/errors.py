"""The one error presenter.

Recoverable errors appear inline in a :class:`Banner` at the top of the window the person
is working in; a dialog appears only when they must decide something (:func:`ask`).
Messages come from ``UtvagError.message`` (safe to show, no case data). An unexpected
exception shows a generic message; only its type name is logged, never its text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QWidget,
)

from app.errors import UtvagError
from app.i18n import _
from ui import language

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, UtvagError):
        return exc.message
    log.warning("unexpected error: %s", type(exc).__name__)
    return _("Ett oväntat fel inträffade. Inget har ändrats. Försök igen eller kontakta IT.")


class Banner(QFrame):
    """An inline message strip: error (red), warning (amber) or info (blue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.close_button.setToolTip(_("Stäng meddelandet"))
        self.close_button.setAccessibleName(_("Stäng meddelandet"))

    def _show(self, kind: str, text: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.show()

    def show_error(self, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else message_for(error)
        self._show("error", text)

    def show_warning(self, text: str) -> None:
        self._show("warning", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


def ask(parent: QWidget, title: str, text: str, *, destructive: bool = False) -> bool:
    """A yes/no decision the person must make; the safe choice is the default."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    no = box.addButton(QMessageBox.StandardButton.No)
    box.setDefaultButton(no if destructive else yes)
    box.exec()
    return box.clickedButton() is yes
