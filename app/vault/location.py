"""Where a vault's files are, without importing any crypto (the unlock window needs
this before anything heavier has loaded)."""

from __future__ import annotations

from pathlib import Path

from app.i18n import N_

DB_FILE = "vault.db"


def is_vault(folder: Path) -> bool:
    return (Path(folder) / DB_FILE).exists()


def unwritable_reason(folder: Path) -> str | None:
    """Why nothing can be written in ``folder`` (read-only mount or folder, no rights,
    full disk), or ``None``. Probes by creating and removing a small file, so a
    read-only folder is told apart from a damaged vault before anything else runs."""
    import os
    import secrets

    probe = Path(folder) / f".write-probe-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"x")  # no fsync: unlocking stays fast; a full disk still fails
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)
        for name in (DB_FILE, "keyslots.json", "keyslots.bak.json"):
            path = Path(folder) / name
            if path.exists() and not os.access(path, os.W_OK):
                return N_("en av valvets filer är skrivskyddad")
    except OSError as exc:
        return describe_os_error(exc)
    return None


def describe_os_error(exc: OSError) -> str:
    """A short Swedish reason for a failed write (never a path or a secret)."""
    import errno

    reasons = {  # Swedish source text, translated where the message is shown
        errno.EROFS: N_("skrivskyddad enhet"),
        errno.EACCES: N_("behörighet saknas"),
        errno.EPERM: N_("behörighet saknas"),
        errno.ENOSPC: N_("disken är full"),
        errno.EDQUOT: N_("diskkvoten är slut"),
    }
    return reasons.get(exc.errno or 0, N_("skrivfel"))
