"""The privacy cover: hides case content while the window is not active (optional),
so nobody reads over a shoulder on a train while the caseworker is in another window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.i18n import _
from ui.common import language
from ui.common.theme import app_icon


class PrivacyCover(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo = QLabel()
        self.logo.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.body = QLabel()
        self.body.setObjectName("subtitle")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.logo, self.heading, self.body):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(_("Innehållet är dolt"))
        self.body.setText(_("Klicka i fönstret för att visa det igen."))


class CoveredStack(QStackedWidget):
    """Shows ``content`` normally and the cover while ``covered``."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.cover = PrivacyCover()
        self.addWidget(content)
        self.addWidget(self.cover)

    @property
    def covered(self) -> bool:
        return self.currentWidget() is self.cover

    def set_covered(self, covered: bool) -> None:
        self.setCurrentWidget(self.cover if covered else self.content)
