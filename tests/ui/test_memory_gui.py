"""The GUI's lock leaves no data key in memory (raw or as SQLCipher's hex), after an
unlock typed into the unlock window as a person would. The passphrase is measured too:
Qt keeps its own copies of typed text (UTF-16, undo steps, freed without clearing),
which Python cannot reach; the count is shown in the test report, see
app/crypto/secret.py."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.crypto.secret import wipe
from app.vault.vault import Profile, Vault
from tests.memscan import Shares, ascii_secret, count, scrub_str
from tests.ui.helpers import click, main_window, type_text, unlock_window
from tests.unit.test_memory import key_shares

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/mem")


def test_gui_lock_leaves_no_data_key_in_memory(qtbot, make_shell, vault_dir: Path, capsys) -> None:
    raw = ascii_secret(28)
    phrase = Shares.of("passphrase", raw)
    utf16 = bytearray(2 * len(raw))
    utf16[0::2] = raw
    phrase16 = Shares.of("passphrase utf-16", utf16)
    wipe(utf16)
    passphrase = raw.decode("ascii")
    wipe(raw)
    Vault.create(vault_dir, passphrase, Profile("Test"))[0].lock()
    shell = make_shell()
    shell.start()
    window = unlock_window()
    assert window is not None
    type_text(qtbot, window.unlock.passphrase, passphrase)
    scrub_str(passphrase)
    del passphrase
    click(qtbot, window, "Lås upp")
    qtbot.waitUntil(lambda: main_window() is not None, timeout=10000)
    assert shell.vault is not None
    secrets = [*key_shares(shell.vault), phrase, phrase16]
    assert count(secrets)["data key"] >= 1  # the scanner finds it while open
    shell.lock()
    qtbot.waitUntil(lambda: unlock_window() is not None, timeout=10000)
    QApplication.processEvents()
    gc.collect()
    after = count(secrets)
    with capsys.disabled():
        print(f"\nmemory after GUI lock: {after}")
    assert after["data key"] == 0 and after["hex key"] == 0
    assert after["passphrase"] == 0  # no Python-side copy of the typed passphrase
