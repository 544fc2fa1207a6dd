"""Errors of the handover area. Messages are Swedish source text, safe to show a
caseworker: they name fields and reasons, never case content or secrets."""

from __future__ import annotations

from app.errors import PacketRejected, Refused, ValidationError


class UnrenderableText(ValidationError):
    template = (
        "Fältet {field} innehåller tecken som dokumentets typsnitt inte kan visa "
        "({codepoints}). Skriv fältet med latinska, grekiska eller kyrilliska bokstäver "
        "(eller transkribera namnet) innan paketet förseglas."
    )


class PayloadInvalid(PacketRejected):
    template = (
        "Paketets innehåll följer inte formatet utvag-handover/1 ({where}). Be avsändaren "
        "skicka ett nytt paket från en aktuell version av Utväg."
    )


class RoleRequired(Refused):
    template = (
        "Den här åtgärden kräver rollen {role}. Be valvets administratör lägga till "
        "rollen (utvag profile roles --set) eller lämna över utkastet till en "
        "överlämningsansvarig."
    )


class NoSigningIdentity(Refused):
    template = (
        "Valvet har ingen signeringsidentitet. Importera organisationens certifikat "
        "(utvag identity import) eller skapa en för pilotdrift (utvag identity create)."
    )


class PacketRefused(PacketRejected):
    """A verified packet that the vault still refuses (replay, duplicate, expired)."""
