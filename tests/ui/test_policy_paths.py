"""Each organisation policy key through the window a caseworker uses: the first-run
wizard (minimum passphrase strength, binding to the computer), the export wizard (export
allowed, allowed recipients) and the retention review (the organisation's period)."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backends.fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from app.domain.case import CaseStatus, CloseOutcome
from app.retention import RetentionPolicy
from app.store import Store
from app.vault.vault import is_vault
from tests.ui.helpers import button, click, tick, type_text
from tests.ui.test_casefile_fixtures import keep_fixture
from tests.ui.test_handover_export import _relays_live_with_their_ops, name, parties
from tests.unit.test_handover_support import identity
from ui.casefile import RetentionView
from ui.common.ops import Ops
from ui.handover.export_wizard import ExportWizard
from ui.shell.clipboard import ClipboardGuard
from ui.vault.wizard import FirstRunWizard

__all__ = ["_relays_live_with_their_ops", "keep_fixture", "parties"]
SCORE_3 = "Kattensover1"  # "Stark" by the built-in rule, not enough for a minimum of 4
SCORE_4 = "vinbär-kompass-7-Tallskog-ljusblå-kanot-Ödmjuk"


def _wizard(make_shell) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    make_shell().start()
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard)]
    assert found and found[-1].isVisible()
    return found[-1]


def _passphrase(qtbot, wizard: FirstRunWizard, text: str) -> None:  # type: ignore[no-untyped-def]
    page = wizard.passphrase_page
    page.passphrase.clear()
    page.confirm.clear()
    type_text(qtbot, page.passphrase, text)
    type_text(qtbot, page.confirm, text)


def test_first_run_wizard_asks_for_the_organisations_minimum_strength(
    qtbot, make_shell, policy_file: Path
) -> None:
    policy_file.write_text(json.dumps({"passphrase_min_score": 4}), encoding="utf-8")
    wizard = _wizard(make_shell)
    click(qtbot, wizard, "Nästa")
    _passphrase(qtbot, wizard, SCORE_3)
    meter = wizard.passphrase_page.meter.label.text()
    assert "Din organisation kräver en starkare lösenfras" in meter
    assert not button(wizard, "Nästa").isEnabled()
    _passphrase(qtbot, wizard, SCORE_4)
    assert button(wizard, "Nästa").isEnabled()


def test_first_run_wizard_refuses_an_unbound_vault_when_binding_is_required(
    qtbot, make_shell, policy_file: Path, vault_dir: Path
) -> None:
    policy_file.write_text(json.dumps({"keyring_binding_required": True}), encoding="utf-8")
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a laptop without a keyring
    wizard = _wizard(make_shell)
    click(qtbot, wizard, "Nästa")
    _passphrase(qtbot, wizard, SCORE_4)
    click(qtbot, wizard, "Nästa")
    type_text(qtbot, wizard.profile_page.name, "Ylva Exempeldotter")
    click(qtbot, wizard, "Skapa valvet")
    banner = wizard.recovery_page.banner
    qtbot.waitUntil(lambda: bool(banner.text), timeout=10000)
    assert "kräver att valvet binds till den här datorn" in banner.text
    assert "ingen nyckelring" in banner.text
    assert wizard.recovery_page.key_label.text() == ""  # no recovery key for no vault
    assert not is_vault(vault_dir)


def _to_preview(qtbot, store: Store, ref: str, *, passphrase: bool) -> ExportWizard:  # type: ignore[no-untyped-def]
    wizard = ExportWizard(None, store, ref, ops=Ops(), clipboard=ClipboardGuard())
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.recipients
    name(qtbot, page)  # the receiving nämnd is always named
    if passphrase:
        tick(qtbot, page.by_passphrase)
    else:
        page.certificates.item(0).setCheckState(Qt.CheckState.Checked)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled(), page.basis_box.verdict.text()  # a basis the export accepts
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    banner = wizard.preview_page.banner

    def failed() -> bool:
        return bool(banner.property("kind") == "error" and banner.isVisible())

    qtbot.waitUntil(lambda: wizard.prepared is not None or failed(), timeout=20000)
    return wizard


def test_export_wizard_says_the_organisation_forbids_export(
    qtbot, parties, policy_file: Path
) -> None:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    policy_file.write_text(json.dumps({"export_allowed": False}), encoding="utf-8")
    for passphrase in (False, True):
        wizard = _to_preview(qtbot, sender, ref, passphrase=passphrase)
        assert wizard.prepared is None
        assert "Export av överlämningspaket är begränsat av din organisation" in (
            wizard.preview_page.banner.text
        )
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.close()


def test_export_wizard_seals_only_to_listed_recipients(qtbot, parties, policy_file: Path) -> None:  # type: ignore[no-untyped-def]
    sender, _receiver, ref = parties
    listed = identity("Annanstad").certificate.fingerprint_readable
    policy_file.write_text(json.dumps({"export_recipients": [listed]}), encoding="utf-8")
    wizard = _to_preview(qtbot, sender, ref, passphrase=False)  # Mottagarstad: not listed
    assert wizard.prepared is None
    assert "Tillåtna mottagarcertifikat" in wizard.preview_page.banner.text
    wizard.close()
    mottagarstad = identity("Mottagarstad").certificate.fingerprint_readable
    policy_file.write_text(json.dumps({"export_recipients": [mottagarstad]}), encoding="utf-8")
    wizard = _to_preview(qtbot, sender, ref, passphrase=False)
    assert wizard.prepared is not None
    wizard.close()


def test_retention_review_uses_the_organisations_period(
    qtbot, keep, vault, policy_file: Path
) -> None:  # type: ignore[no-untyped-def]
    store = Store(vault)
    store.set_retention_policy(RetentionPolicy(years=10))  # the vault's own, longer period
    year = store.today().year - 5  # due after 3 years, not after 10
    person = store.add_person("Gammal", "Akt").new_id
    case = store.create_case(person, opened=f"{year}-01-10").new_id
    store.add_journal_entry(case, "Sista samtalet.", occurred=f"{year}-03-01")
    store.set_status(case, CaseStatus.CLOSED, on=f"{year}-03-02", outcome=CloseOutcome.OTHER)
    view = keep(RetentionView(store))
    view.show()
    view.refresh()
    assert view.model.rows == []
    policy_file.write_text(json.dumps({"retention_years": 3}), encoding="utf-8")
    view.refresh()
    assert [row[1] for row in view.model.texts()] == [store.case(case).ref]  # person, cases
