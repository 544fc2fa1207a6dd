"""First run, as a caseworker does it: passphrase, profile, recovery key, sheet, start."""

from __future__ import annotations

from pathlib import Path

from app.vault.vault import Vault, is_vault
from tests.ui.helpers import button, click, main_window, tick, type_text
from ui.vault.wizard import FirstRunWizard

STRONG = "blå tallrik under trappan"


def _wizard() -> FirstRunWizard:
    from PySide6.QtWidgets import QApplication

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard)]
    assert found and found[-1].isVisible()
    return found[-1]


def test_first_run_wizard_creates_vault_and_shows_recovery_key_once(
    qtbot, make_shell, vault_dir: Path, tmp_path: Path
) -> None:
    shell = make_shell()
    shell.start()
    wizard = _wizard()
    assert "Välkommen till Utväg" in wizard.currentPage().heading.text()
    click(qtbot, wizard, "Nästa")

    page = wizard.passphrase_page
    type_text(qtbot, page.passphrase, "kort")
    assert "Minst 12 tecken" in page.meter.label.text() or "12 tecken" in page.meter.label.text()
    assert not button(wizard, "Nästa").isEnabled()
    page.passphrase.clear()
    type_text(qtbot, page.passphrase, STRONG)
    type_text(qtbot, page.confirm, STRONG[:-1] + "x")
    assert page.mismatch.text() == "Lösenfraserna är inte likadana."
    assert not button(wizard, "Nästa").isEnabled()
    page.confirm.clear()
    type_text(qtbot, page.confirm, STRONG)
    assert page.mismatch.text() == ""
    assert "Styrka:" in page.meter.label.text()
    click(qtbot, wizard, "Nästa")

    profile = wizard.profile_page
    assert not button(wizard, "Skapa valvet").isEnabled()
    type_text(qtbot, profile.name, "Ylva Exempeldotter")
    type_text(qtbot, profile.job_title, "Socialsekreterare")
    type_text(qtbot, profile.municipality, "Påhittebo kommun")
    type_text(qtbot, profile.unit, "Avhopparteamet")
    click(qtbot, wizard, "Skapa valvet")

    recovery = wizard.recovery_page
    qtbot.waitUntil(lambda: bool(recovery.key_label.text()), timeout=10000)
    key = recovery.key_label.text()
    assert len(key.split("-")) == 9
    assert is_vault(vault_dir)
    assert not button(wizard, "Börja arbeta").isEnabled()  # must confirm first
    assert page.passphrase.text() == ""  # wiped once used

    sheet = tmp_path / "sheet.pdf"
    wizard.choose_sheet_path = lambda: str(sheet)
    click(qtbot, wizard, "Spara återställningsblad (PDF) …")
    assert sheet.read_bytes().startswith(b"%PDF")
    assert "sparat" in recovery.banner.text

    tick(qtbot, recovery.written)
    assert recovery.written.isChecked()
    click(qtbot, wizard, "Börja arbeta")
    qtbot.waitUntil(lambda: main_window() is not None)
    main = main_window()
    assert "Ylva Exempeldotter" in main.windowTitle()
    assert recovery.key_label.text() == ""  # the key is not kept on screen

    # The key really opens the vault (on any machine), with a new passphrase.
    shell._close_vault()
    reopened = Vault.recover(vault_dir, key, "en helt ny lösenfras för test")
    assert reopened.profile().municipality == "Påhittebo kommun"
    reopened.lock()


def test_wizard_cannot_be_cancelled_once_the_key_is_shown(qtbot, make_shell) -> None:
    shell = make_shell()
    shell.start()
    wizard = _wizard()
    wizard.next()
    wizard.passphrase_page.passphrase.setText(STRONG)
    wizard.passphrase_page.confirm.setText(STRONG)
    wizard.next()
    wizard.profile_page.name.setText("Ylva Exempeldotter")
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.recovery_page.key_label.text()), timeout=10000)
    wizard.reject()
    assert wizard.isVisible()
