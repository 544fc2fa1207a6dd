"""A damaged database is reported on open, in words that say what to do, and the vault
does not stay open on damaged pages."""

from __future__ import annotations

from pathlib import Path

from app.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.helpers import click, type_text, unlock_window


def test_a_flipped_byte_is_reported_right_after_unlocking(
    qtbot, make_shell, existing_vault: Path
) -> None:
    vault = Vault.unlock(existing_vault, PASSPHRASE)
    for i in range(300):  # enough pages that the damage lands where opening does not read
        vault.save_draft(f"anteckning:{i}", "journal", "Samtal om skolgång och boende. " * 40)
    vault.lock()
    db_file = existing_vault / "vault.db"
    data = bytearray(db_file.read_bytes())
    where = len(data) * 3 // 4
    data[where] ^= 0x10
    page = slice(where - where % 4096, where - where % 4096 + 4096)
    db_file.write_bytes(bytes(data))

    shell = make_shell()
    shell.start()
    window = unlock_window()
    assert window is not None
    type_text(qtbot, window.unlock.passphrase, PASSPHRASE)
    click(qtbot, window, "Lås upp")

    def reported() -> bool:
        current = unlock_window()
        return (
            shell.is_locked
            and current is not None
            and "skadat" in current.unlock.banner.text
            and "säkerhetskopian" in current.unlock.banner.text
        )

    qtbot.waitUntil(reported, timeout=10000)
    assert db_file.read_bytes()[page] == bytes(data[page])  # the damage is not papered over
