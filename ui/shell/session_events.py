"""OS session lock and suspend, which Qt itself does not report.

Windows sends ``WM_WTSSESSION_CHANGE`` (after ``WTSRegisterSessionNotification``) when
the session is locked and ``WM_POWERBROADCAST``/``PBT_APMSUSPEND`` before sleep. On
Linux desktops, the screen saver's ``ActiveChanged`` signal on D-Bus. Elsewhere the
wall-clock check in ``ui.shell.autolock`` still catches sleep.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QByteArray, QObject, Slot

from ui.shell.lock_reason import LockReason

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
#: Console or remote disconnect (user switch, RDP drop), logoff, lock: all lock Utväg.
LOCKING_SESSION_CHANGES = frozenset({0x2, 0x4, 0x6, WTS_SESSION_LOCK})
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


class _Msg(ctypes.Structure):
    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    )


class SessionWatcher(QAbstractNativeEventFilter):
    def __init__(self, on_lock: Callable[[LockReason], object]) -> None:
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(self, event_type: QByteArray | bytes, message: int) -> object:  # type: ignore[override]
        if bytes(event_type) != b"windows_generic_MSG":  # type: ignore[arg-type]
            return False, 0
        msg = _Msg.from_address(int(message))
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam in LOCKING_SESSION_CHANGES:
            self.on_lock(LockReason.SESSION)
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self.on_lock(LockReason.SLEEP)
        return False, 0


def unregister_window(win_id: int) -> None:
    """Required before the window is destroyed (each unlock builds a new main window)."""
    if sys.platform != "win32":
        return
    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(  # type: ignore[attr-defined]
            ctypes.c_void_p(win_id)
        )


def register_window(win_id: int) -> None:
    """Ask Windows to send session-change messages to this top-level window."""
    if sys.platform != "win32":
        return
    # Without the WTS API the wall-clock and idle checks still lock.
    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.wtsapi32.WTSRegisterSessionNotification(  # type: ignore[attr-defined]
            ctypes.c_void_p(win_id), 0
        )


#: Linux desktops announce the screen lock on the session bus.
_SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


class ScreenSaverWatcher(QObject):
    """Locks when a Linux desktop's screen saver or lock screen becomes active
    (``ActiveChanged(true)`` on D-Bus). Local session bus only; no network."""

    def __init__(self, on_lock: Callable[[LockReason], object]) -> None:
        super().__init__()
        self.on_lock = on_lock
        self.connected = False
        if not sys.platform.startswith("linux"):
            return
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path, interface in _SCREENSAVERS:
            slot = SLOT("active_changed(bool)")
            if bus.connect(service, path, interface, "ActiveChanged", self, slot):  # type: ignore[call-overload]
                self.connected = True

    @Slot(bool)
    def active_changed(self, active: bool) -> None:
        if active:
            self.on_lock(LockReason.SESSION)
