"""Why the vault locked: one enum shared by the auto-lock, the OS session watchers, the
main window's lock and panic keys and the shell, with the message the unlock window
shows for it (Swedish source text; none when the person locked it themself)."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_


class LockReason(StrEnum):
    MANUAL = "manual"  # Ctrl+L or the menu
    PANIC = "panic"  # the panic key: lock and minimise
    IDLE = "idle"
    SLEEP = "sleep"  # the computer slept (or its clock jumped)
    SUSPENDED = "suspended"  # the application was suspended or hidden
    SESSION = "session"  # the desktop session was locked
    DAMAGED = "damaged"  # the page check found damage (the unlock window says so)

    @property
    def message(self) -> str:
        """Swedish source text for the unlock window ("" for none); translate with ``_``."""
        return _MESSAGES.get(self, "")


_MESSAGES = {
    LockReason.IDLE: N_("Valvet låstes efter en stunds inaktivitet. Allt du skrev är sparat."),
    LockReason.SLEEP: N_("Valvet låstes när datorn gick i viloläge. Allt du skrev är sparat."),
    LockReason.SUSPENDED: N_("Valvet låstes när programmet doldes. Allt du skrev är sparat."),
    LockReason.SESSION: N_("Valvet låstes när datorn låstes. Allt du skrev är sparat."),
}

__all__ = ["LockReason"]
