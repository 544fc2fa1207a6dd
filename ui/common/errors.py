"""The one error presenter.

Recoverable errors appear inline in a :class:`Banner` at the top of the window the person
is working in; a dialog appears only when they must decide something (:func:`ask`).
Messages come from ``UtvagError.message`` (safe to show, no case data). An unexpected
exception shows a generic message; only its type name is logged, never its text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from app.errors import UtvagError, file_problem
from app.i18n import _
from ui.common import language

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, UtvagError):
        return exc.message
    if isinstance(exc, OSError):  # a file the person chose: missing, locked, read-only
        log.info("file error: %s", type(exc).__name__)
        return file_problem(exc).message  # names the path and what to do
    log.warning("unexpected error: %s", type(exc).__name__)
    return _("Ett oväntat fel inträffade. Inget har ändrats. Försök igen eller kontakta IT.")


Message = str | BaseException | Callable[[], str]


def _render(message: Message) -> str:
    if isinstance(message, str):
        return message
    if isinstance(message, BaseException):
        return message_for(message)
    return message()


class Banner(QFrame):
    """An inline message strip: error (red), warning (amber) or info (blue).

    Give it an exception or a callable (``lambda: _("…")``) rather than finished text,
    and it shows the message again in the new language after a language switch.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._message: Message = ""
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
        if self._message:
            self.label.setText(_render(self._message))

    def _show(self, kind: str, message: Message) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self._message = message
        self.label.setText(_render(message))
        self.show()

    def show_error(self, error: Message) -> None:
        self._show("error", error)

    def show_warning(self, message: Message) -> None:
        self._show("warning", message)

    def show_info(self, message: Message) -> None:
        self._show("info", message)

    def clear(self) -> None:
        self._message = ""
        self.label.clear()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


def ask(parent: QWidget, title: str, text: str, *, destructive: bool = False) -> bool:
    """A yes/no decision the person must make; the safe choice is the default."""
    from PySide6.QtWidgets import QMessageBox  # its many enums cost start-up time

    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    no = box.addButton(QMessageBox.StandardButton.No)
    box.setDefaultButton(no if destructive else yes)
    box.exec()
    return box.clickedButton() is yes
