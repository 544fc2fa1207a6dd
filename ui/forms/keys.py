"""Keyboard-first journaling: keys that act anywhere inside one tab.

A window-wide shortcut with the same keys (the main window's Ctrl+N "new case") would
make a QShortcut inside the tab ambiguous, so neither would fire. The router instead
claims its keys with ``ShortcutOverride`` while the focus is inside the tab and handles
the key press itself; outside the tab the window's shortcuts work as before. It filters
the tab itself and a few named widgets, never every descendant (a Python filter on
every widget of a window slowed every event and crashed PySide at teardown).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KeyRouter(QObject):
    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.root = root
        self._actions: dict[tuple[int, bool], Callable[[], object]] = {}

    def bind(self, key: Qt.Key, action: Callable[[], object], *, ctrl: bool = True) -> None:
        keys = _ENTER if key in _ENTER else (key,)
        for k in keys:
            self._actions[(int(k), ctrl)] = action

    def install(self, *inner: QWidget) -> None:
        """Watch the root. Key events nobody inside used travel up to it (Qt passes
        unaccepted key and shortcut-override events to the parents); ``inner`` lists
        the few widgets that would use one of our keys themselves (a text box takes
        Ctrl+Enter as a new line), so they are watched directly."""
        for widget in (self.root, *inner):
            widget.installEventFilter(self)

    def _match(self, event: QKeyEvent) -> Callable[[], object] | None:
        ctrl = bool(event.modifiers() & CTRL)
        return self._actions.get((int(event.key()), ctrl))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        action = self._match(event)  # type: ignore[arg-type]
        if action is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            action()
        return True


__all__ = ["KeyRouter"]
