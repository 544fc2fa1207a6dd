"""Dialogs fit the screen: at 1366×768, and at 1920×1080 with 150 % scaling (1280×720
logical pixels), every dialog opens inside the screen's available area with its buttons
visible. Two parts:

- ``ScrollingDialog``: a dialog whose body (``self.body``, a QVBoxLayout) scrolls and whose
  footer (``self.footer``: the button box) never does. Use it for any dialog whose content
  can grow (forms, lists, verdicts); put the QDialogButtonBox in ``self.footer``.
- ``ScreenFit``: one application-wide event filter (installed where the QApplication is
  set up) that caps every dialog to the available geometry of its screen when it is
  shown, and moves it inside that area. ``fit_to_screen`` does the same for one dialog
  and one area (the tests use it with the two target sizes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ui.common import language, mnemonics

#: The smallest areas a dialog must fit: 1366×768 at 100 % (less a task bar) and
#: 1920×1080 at 150 % (1280×720 logical pixels, less a task bar).
TASKBAR = 40
TARGET_AREAS = (QRect(0, 0, 1366, 768 - TASKBAR), QRect(0, 0, 1280, 720 - TASKBAR))
#: Room kept for the window manager's title bar while the real frame is not known yet.
TITLE_BAR = 32


class ScrollBody(QScrollArea):
    """A scroll area that asks for its content's full size (QScrollArea caps its size
    hint at 24 lines) but can shrink to a few lines: the dialog opens at its natural
    size and scrolls only when the screen is too small for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialogBody")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.content.setObjectName("scrollBody")
        self.content.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        self.setWidget(self.content)

    def sizeHint(self) -> QSize:
        hint = self.content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar, hint.height())

    def minimumSizeHint(self) -> QSize:
        bar = self.verticalScrollBar().sizeHint().width()
        wanted = self.content.minimumSizeHint()
        return QSize(wanted.width() + bar, min(wanted.height(), 8 * self.fontMetrics().height()))


class ScrollingDialog(QDialog):
    """``self.body``: the scrolling content; ``self.footer``: buttons, always visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.scroll_body = ScrollBody()
        self.body = QVBoxLayout(self.scroll_body.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.footer = QVBoxLayout()
        outer.addWidget(self.scroll_body, 1)
        outer.addLayout(self.footer)


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_extra(window: QWidget) -> tuple[int, int]:
    """What the window frame adds to the width and height (at least a title bar's
    height: before the first show the window manager has not told us yet)."""
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w = max(frame.width() - inner.width(), 0)
    return extra_w, max(frame.height() - inner.height(), TITLE_BAR)


def fit_to_screen(dialog: QWidget, area: QRect | None = None) -> None:
    """Cap ``dialog`` (frame included) to ``area`` (default: its screen's available
    geometry) and move it inside. A dialog whose minimum size is larger stays larger:
    the fit test reports it."""
    area = area if area is not None else available_area(dialog)
    extra_w, extra_h = frame_extra(dialog)
    limit = QSize(area.width() - extra_w, area.height() - extra_h)
    dialog.setMaximumSize(limit.expandedTo(dialog.minimumSize()))
    resized = dialog.testAttribute(Qt.WidgetAttribute.WA_Resized)
    wanted = dialog.size() if resized else dialog.sizeHint()
    dialog.resize(wanted.boundedTo(limit).expandedTo(dialog.minimumSizeHint()))
    left = min(max(dialog.x(), area.left()), area.right() + 1 - dialog.width() - extra_w)
    top = min(max(dialog.y(), area.top()), area.bottom() + 1 - dialog.height() - extra_h)
    dialog.move(max(left, area.left()), max(top, area.top()))


class ScreenFit(QObject):
    """Fits every dialog to its screen as it is shown, and gives its buttons and field
    labels mnemonics (ui/common/mnemonics.py), again after a language switch."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        language.language().changed.connect(self._language_changed)

    def _language_changed(self, _lang: str) -> None:
        if self.parent() is not None:  # still installed
            mnemonics.assign_open_dialogs()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Show:
            return False
        if isinstance(watched, QDialog) and watched.isWindow():
            fit_to_screen(watched)
            mnemonics.assign(watched)
        elif isinstance(watched, QWizardPage):  # a wizard's next page: its own letters
            mnemonics.assign(watched.window())
        return False


def install(app: QApplication) -> ScreenFit:
    """Install the one filter on ``app`` (a second call returns the one installed)."""
    installed = app.findChild(ScreenFit)
    if isinstance(installed, ScreenFit):
        return installed
    screen_fit = ScreenFit(app)
    app.installEventFilter(screen_fit)
    return screen_fit


def uninstall(app: QApplication) -> None:
    for screen_fit in app.findChildren(ScreenFit):
        app.removeEventFilter(screen_fit)
        screen_fit.setParent(None)
        screen_fit.deleteLater()


__all__ = [
    "TARGET_AREAS",
    "ScreenFit",
    "ScrollBody",
    "ScrollingDialog",
    "available_area",
    "fit_to_screen",
    "frame_extra",
    "install",
    "uninstall",
]
