"""Swedish is the default and English is complete.

1. Every ``_()``/``N_()`` literal in ui/ and app/ has an English entry that keeps the
   same named placeholders.
2. Every window and dialog, built in Swedish and switched to English at runtime, shows
   no text that stayed Swedish: a text that is the same in both languages must be data
   (names, references, paths, versions) or a name that is never translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app import settings as s
from app.i18n import catalog
from app.store import Store
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE
from tests.ui.helpers import SAMPLE_CASES, add_sample_cases, click, test_personnummer, type_text
from tests.ui.i18n_tools import literals, placeholders, python_files
from tests.ui.visible_text import visible_texts
from ui.case_dialogs import NewCaseDialog
from ui.common import language
from ui.common.ops import Ops
from ui.shell.about import AboutDialog
from ui.shell.clipboard import ClipboardGuard
from ui.shell.main_window import MainWindow, Services
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.shortcuts_dialog import ShortcutsDialog
from ui.vault.passphrase_dialog import ChangePassphraseDialog
from ui.vault.restore_dialog import RestoreDialog
from ui.vault.unlock import UnlockWindow
from ui.vault.wizard import FirstRunWizard

#: Never translated: product and component names, and each language's own name.
NAMES = {"Utväg", "Svenska", "English", "Qt", "PySide6", "SQLCipher", "Python", "PDF", "min", "s"}
_RECOVERY_KEY = re.compile(r"^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$")
_NO_WORDS = re.compile(r"^[\W\d_]*$")
_SHORTCUT = re.compile(r"^((Ctrl|Shift|Alt|Pause|Tab|PgUp|PgDown|F\d+|[A-Z,.])\+?)+(, .+)?$")


# ------------------------------------------------------------------ catalog
@pytest.mark.parametrize("area", ["ui", "app"])
def test_every_literal_has_an_english_entry_with_the_same_placeholders(area: str) -> None:
    english = catalog("en")
    problems = []
    for text, places in sorted(literals(python_files(area)).items()):
        if text not in english:
            problems.append(f"missing English: {text!r} ({places[0]})")
        elif placeholders(english[text]) != placeholders(text):
            problems.append(f"placeholders differ: {text!r} -> {english[text]!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# ------------------------------------------------------------------ screens
def _data_strings(folder: Path) -> set[str]:
    values = {PROFILE.name, PROFILE.title, PROFILE.municipality, PROFILE.unit, str(folder)}
    values |= {"Ada Exempelsson", "AV-"}
    for ref, given, family, _protected, _path, worker, opened in SAMPLE_CASES:
        name = f"{given} {family}"
        values |= {ref, name, worker or PROFILE.name, opened, f"{ref} · {name}"}
    return values


def _allowed_same(text: str, data: set[str]) -> bool:
    return (
        text in NAMES
        or catalog("en").get(text) == text  # the catalog says: the same in English
        or bool(_NO_WORDS.match(text))
        or bool(_SHORTCUT.match(text))
        or any(value and (text == value or text.endswith(value)) for value in data)
        or text.startswith("XXXX-")
        or bool(_RECOVERY_KEY.match(text))
        or bool(re.match(r"^[\d.]+", text))  # versions
    )


def _unlock(qtbot, folder: Path) -> QWidget:  # type: ignore[no-untyped-def]
    window = UnlockWindow(folder, Ops())
    window.show()
    type_text(qtbot, window.unlock.passphrase, "fel fel fel")
    click(qtbot, window, "Lås upp")
    qtbot.waitUntil(lambda: window.unlock.countdown.isVisible(), timeout=10000)
    return window


def _recovery(qtbot, folder: Path) -> QWidget:  # type: ignore[no-untyped-def]
    window = UnlockWindow(folder, Ops())
    window.show()
    click(qtbot, window, "Använd återställningsnyckel …")
    type_text(qtbot, window.recovery.key, "ABCD-EFGH")
    type_text(qtbot, window.recovery.passphrase, "kort")
    return window


def _wizard(page: int) -> Callable[..., QWidget]:
    def build(qtbot, folder: Path) -> QWidget:  # type: ignore[no-untyped-def]
        wizard = FirstRunWizard(folder.parent / "new-vault", Ops())
        wizard.show()
        if page >= 1:
            wizard.next()
            type_text(qtbot, wizard.passphrase_page.passphrase, "kort")
            type_text(qtbot, wizard.passphrase_page.confirm, "annan")
        if page >= 2:
            wizard.passphrase_page.passphrase.setText("en lång och bra lösenfras")
            wizard.passphrase_page.confirm.setText("en lång och bra lösenfras")
            wizard.next()
        if page >= 3:
            wizard.profile_page.name.setText(PROFILE.name)
            wizard.next()
            qtbot.waitUntil(lambda: bool(wizard.recovery_page.key_label.text()), timeout=10000)
        return wizard

    return build


def _main(qtbot, folder: Path, settings: s.Settings) -> MainWindow:  # type: ignore[no-untyped-def]
    vault = Vault.unlock(folder, PASSPHRASE)
    store = Store(vault)
    add_sample_cases(store)
    window = MainWindow(vault, store, Services(Ops(), settings, ClipboardGuard()))
    window.show()
    window.refresh_cases()
    qtbot.waitUntil(lambda: len(window.cases.model.rows) == 3, timeout=5000)
    window.open_case("AV-2026-001")
    qtbot.waitUntil(lambda: len(window.case_views()) == 1, timeout=5000)
    return window


def _new_case(qtbot, folder: Path, settings: s.Settings) -> QWidget:  # type: ignore[no-untyped-def]
    vault = Vault.unlock(folder, PASSPHRASE)
    dialog = NewCaseDialog(Store(vault), Ops())
    dialog.show()
    number = test_personnummer()
    type_text(qtbot, dialog.identifier, number[:-1] + str((int(number[-1]) + 1) % 10))
    return dialog


def _restore(qtbot, folder: Path, settings: s.Settings) -> QWidget:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(folder.parent / "restored", Ops())
    dialog.show()
    type_text(qtbot, dialog.file, str(folder.parent / "missing.utvagbak"))
    type_text(qtbot, dialog.passphrase, "fel")
    click(qtbot, dialog, "Återställ")
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    return dialog


def _change_passphrase(qtbot, folder: Path, settings: s.Settings) -> QWidget:  # type: ignore[no-untyped-def]
    vault = Vault.unlock(folder, PASSPHRASE)
    dialog = ChangePassphraseDialog(vault, Ops())
    dialog.show()
    type_text(qtbot, dialog.new, "kort")
    return dialog


def _cover(qtbot, folder: Path, settings: s.Settings) -> QWidget:  # type: ignore[no-untyped-def]
    window = _main(qtbot, folder, settings)
    window.stack.set_covered(True)
    return window


SCREENS: dict[str, Callable[..., QWidget]] = {
    "unlock": lambda qtbot, folder, settings: _unlock(qtbot, folder),
    "recovery": lambda qtbot, folder, settings: _recovery(qtbot, folder),
    "wizard-intro": lambda qtbot, folder, settings: _wizard(0)(qtbot, folder),
    "wizard-passphrase": lambda qtbot, folder, settings: _wizard(1)(qtbot, folder),
    "wizard-profile": lambda qtbot, folder, settings: _wizard(2)(qtbot, folder),
    "wizard-recovery-key": lambda qtbot, folder, settings: _wizard(3)(qtbot, folder),
    "main-with-case": _main,
    "privacy-cover": _cover,
    "new-case": _new_case,
    "settings": lambda qtbot, folder, settings: SettingsDialog(settings),
    "restore": _restore,
    "change-passphrase": _change_passphrase,
    "about": lambda qtbot, folder, settings: AboutDialog("4.6.1 community"),
    "shortcuts": lambda qtbot, folder, settings: ShortcutsDialog(),
}


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_no_visible_text_stays_swedish_in_english(
    qtbot, screen: str, existing_vault: Path, settings: s.Settings
) -> None:
    window = SCREENS[screen](qtbot, existing_vault, settings)
    qtbot.addWidget(window)
    window.show()
    swedish = visible_texts(window)
    assert swedish, "nothing visible"
    language.language().apply("en")
    english = visible_texts(window)
    data = _data_strings(existing_vault)
    stayed = {
        key: text
        for key, text in english.items()
        if swedish.get(key) == text and not _allowed_same(text, data)
    }
    assert not stayed, f"{screen}: still Swedish in English:\n" + "\n".join(
        f"  {key}: {text!r}" for key, text in sorted(stayed.items())
    )
    if isinstance(window, MainWindow):
        window.drafts.stop()
        window.vault.lock()
