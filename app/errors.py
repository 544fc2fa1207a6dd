"""One error hierarchy. Each error carries a message that is safe to show a caseworker
(Swedish source text, translated by ``app.i18n``) and never contains secrets or case data.

CLI exit codes (documented in ``utvag --help``): 0 ok, 2 usage, 3 wrong passphrase or
recovery key, 4 vault damaged or unreadable, 5 refused, 6 vault folder not writable.
"""

from __future__ import annotations

import errno
import math

from app.i18n import N_, _


class UtvagError(Exception):
    """Base: an expected failure with a user-facing message."""

    exit_code = 1
    #: Swedish source text; formatted with ``params`` and translated at display time.
    template = "Ett oväntat fel inträffade."

    def __init__(self, template: str | None = None, **params: object) -> None:
        self._template = template or self.template
        self.params = params
        super().__init__(self._template)

    @property
    def message(self) -> str:
        # Parameters that are themselves Swedish source text are translated too.
        params = {k: _(v) if isinstance(v, str) else v for k, v in self.params.items()}
        return _(self._template).format(**params)

    def __str__(self) -> str:
        return self.message


class UsageError(UtvagError):
    exit_code = 2
    template = "Felaktigt kommando."


class WrongPassphrase(UtvagError):
    exit_code = 3
    template = (
        "Fel lösenfras. Kontrollera Caps Lock och tangentbordslayout och försök igen "
        "om {seconds} s. Har du glömt lösenfrasen kan du öppna valvet med "
        "återställningsnyckeln."
    )

    def __init__(self, retry_after: float = 0.0, template: str | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(template, seconds=math.ceil(retry_after))


class TooSoon(WrongPassphrase):
    template = "Vänta {seconds} s innan du försöker igen."


class WrongRecoveryKey(UtvagError):
    exit_code = 3
    template = (
        "Återställningsnyckeln stämmer inte med det här valvet. Kontrollera att du "
        "använder nyckeln från valvets återställningsblad."
    )


class RecoveryKeyTypo(WrongRecoveryKey):
    template = (
        "Återställningsnyckeln är felskriven (kontrollsumman stämmer inte). Kontrollera "
        "varje grupp mot återställningsbladet; tecknen 0/O och 1/I/L räknas som samma."
    )


class DeviceSecretMissing(UtvagError):
    exit_code = 3
    template = (
        "Valvet är bundet till en annan dator eller användare (enhetsnyckeln i systemets "
        "nyckelring saknas). Öppna valvet med återställningsnyckeln och välj en ny "
        "lösenfras."
    )


class VaultCorrupt(UtvagError):
    exit_code = 4
    template = (
        "Valvet är skadat eller kan inte läsas ({detail}). Ingenting har ändrats. "
        "Återställ från den senaste säkerhetskopian och kontakta IT-supporten."
    )

    def __init__(self, detail: str = "okänt fel", template: str | None = None) -> None:
        super().__init__(template, detail=detail)


class KeySlotsLost(VaultCorrupt):
    template = (
        "Valvets nyckelfil saknas eller är skadad i båda exemplaren. Databasen finns kvar "
        "och ingenting har ändrats. Hämta bara nyckelfilen från en säkerhetskopia (utvag "
        "vault restore --keyslots-only --from SÄKERHETSKOPIA --vault MAPP) och lås upp "
        "med lösenfrasen från säkerhetskopians tid eller med återställningsnyckeln "
        "(--recovery). Allt som skrivits efter säkerhetskopian behålls; ersätt inte hela "
        "valvet."
    )


class VaultNotWritable(UtvagError):
    exit_code = 6
    template = (
        "Det går inte att skriva i valvets mapp {path} ({detail}). Valvet är inte skadat "
        "och ingenting har ändrats. Kontrollera att mappen inte är skrivskyddad, att "
        "disken inte är full och att du har behörighet till mappen, och försök igen."
    )

    def __init__(self, path: str, detail: str = "skrivskyddad") -> None:
        super().__init__(None, path=path, detail=detail)


class RolledBack(VaultCorrupt):
    template = (
        "Valvet är äldre än det som den här datorn senast såg (version {seen}, nu "
        "{found}). Någon kan ha ersatt valvet med en äldre kopia; poster och loggen över "
        "mottagna paket kan saknas. Kontakta IT-supporten. Var det en avsiktlig "
        "återställning: utvag vault anchor --accept --vault MAPP."
    )

    def __init__(self, seen: int, found: int) -> None:
        UtvagError.__init__(self, None, seen=seen, found=found)


class VaultNotFound(UtvagError):
    exit_code = 4
    template = "Det finns inget valv i {path}. Skapa ett nytt valv eller välj rätt mapp."


class Refused(UtvagError):
    exit_code = 5
    template = "Åtgärden nekades: {reason}"


class VaultExists(Refused):
    template = (
        "Det finns redan ett valv i {path}. Välj en annan mapp, eller ange --force om "
        "du verkligen vill ersätta det."
    )


class KeyringUnavailable(Refused):
    template = (
        "Den nya enhetsnyckeln kunde inte sparas i systemets nyckelring. Lösenfrasen är "
        "inte bytt; den gamla gäller fortfarande. Försök igen när nyckelringen är "
        "upplåst."
    )

    def __init__(self) -> None:
        UtvagError.__init__(self, None)


class VaultLocked(UtvagError):
    exit_code = 5
    template = "Valvet är låst. Lås upp det först."


class ValidationError(UtvagError):
    exit_code = 2
    template = "Ogiltigt värde i fältet {field}: {problem}"


class PacketRejected(UtvagError):
    exit_code = 4
    template = "Paketet avvisades: {reason}"


class FileProblem(UtvagError):
    """A file or folder named by the person cannot be read or written."""

    exit_code = 2
    template = (
        "{path} kan inte läsas eller skrivas ({error}). Kontrollera sökvägen och "
        "behörigheten, eller välj en annan plats."
    )


_FILE_TEMPLATES = {
    errno.ENOENT: N_("{path} finns inte. Kontrollera namnet och mappen."),
    errno.EISDIR: N_("{path} är en mapp. Ange en fil."),
    errno.ENOTDIR: N_("En del av sökvägen {path} är inte en mapp. Kontrollera sökvägen."),
    errno.EACCES: N_(
        "Utväg får inte läsa eller skriva {path}. Kontrollera behörigheten eller välj "
        "en annan plats."
    ),
    errno.ENOSPC: N_(
        "Disken är full; {path} kunde inte sparas. Frigör utrymme eller välj en annan plats."
    ),
    errno.ENAMETOOLONG: N_(
        "Sökvägen {path} är för lång. Välj ett kortare namn eller en annan mapp."
    ),
    errno.EROFS: N_("{path} ligger på en skrivskyddad enhet. Välj en annan plats."),
}
_FILE_TEMPLATES[errno.EPERM] = _FILE_TEMPLATES[errno.EACCES]


def file_problem(exc: OSError, path: object = None) -> UtvagError:
    """The message for a file error: what went wrong with which path, and what to do.
    (Only the path and the kind of error, never the file's content.)"""
    where = str(path if path is not None else exc.filename or "")
    if len(where) > 120:
        where = where[:50] + "…" + where[-60:]
    where = where.encode("utf-8", "backslashreplace").decode("utf-8") or "?"
    if isinstance(exc, FileExistsError):
        return Refused(reason=_("{path} finns redan; välj ett annat filnamn").format(path=where))
    template = _FILE_TEMPLATES.get(exc.errno or 0)
    if template is None:
        return FileProblem(path=where, error=type(exc).__name__)
    return FileProblem(template, path=where)
