"""Mnemonics (Alt + the underlined letter), in Swedish and in English: every menu entry
has one, and no letter is used twice in one menu, the menu bar or one dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from app import settings as s
from tests.ui.dialog_catalog import Kit, build_all, kit
from tests.ui.test_handover_export import parties
from ui.common import fit, language, mnemonics
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard
from ui.shell.main_window import MainWindow, Services

__all__ = ["kit", "parties"]  # fixtures, re-exported for pytest

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _duplicates(texts: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for text in texts:
        letter = mnemonic(text)
        if letter is None:
            continue
        if letter in seen:
            clashes.append(f"{seen[letter]!r} and {text!r} both use {letter!r}")
        seen[letter] = text
    return clashes


def _menu_problems(menu: QMenu) -> list[str]:
    texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
    missing = [f"{menu.title()!r}: {t!r} has no mnemonic" for t in texts if mnemonic(t) is None]
    return missing + [f"{menu.title()!r}: {c}" for c in _duplicates(texts)]


@pytest.fixture(params=["sv", "en"])
def lang(request) -> str:  # type: ignore[no-untyped-def]
    language.language().apply(request.param)
    yield request.param
    language.language().apply("sv")


def test_every_menu_entry_has_its_own_mnemonic(qtbot, kit: Kit, settings: s.Settings, lang) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(kit.sender.vault, kit.sender, Services(Ops(), settings, ClipboardGuard()))
    qtbot.addWidget(window)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    titles = [m.title() for m in menus]
    problems = [f"menu bar: {t!r} has no mnemonic" for t in titles if mnemonic(t) is None]
    problems += [f"menu bar: {c}" for c in _duplicates(titles)]
    for menu in menus:
        problems += _menu_problems(menu)
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def _dialog_texts(dialog: QWidget) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return texts


@pytest.fixture
def app_wide() -> Iterator[None]:
    """The filter the application installs on every dialog (ui/common/fit.py)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    fit.install(app)
    yield
    fit.uninstall(app)


def _check(name: str, dialog: QWidget) -> list[str]:
    """Every text has a letter of its own, unless the others took every letter in it (a
    long form); the buttons of the button row (OK, Spara, Avbryt …) always have one."""
    texts = _dialog_texts(dialog)
    used = {mnemonic(t) for t in texts} - {None}
    rows = {
        b.text()
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisibleTo(dialog) and mnemonics.in_button_row(b, dialog)
    }
    missing = [t for t in texts if mnemonics.plain(t) and mnemonic(t) is None]
    problems = [
        f"{name}: {t!r} has no mnemonic"
        for t in missing
        if t in rows or not {c.casefold() for c in t if c.isalnum()} <= used
    ]
    return problems + [f"{name}: {c}" for c in _duplicates(texts)]


def test_every_dialog_has_mnemonics_none_twice(qtbot, kit: Kit, lang, app_wide) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for name, dialog in build_all(kit):
        dialog.show()
        problems += _check(name, dialog)
        dialog.close()
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def test_mnemonics_are_given_again_after_a_language_switch(qtbot, kit: Kit, app_wide) -> None:  # type: ignore[no-untyped-def]
    dialogs = build_all(kit)
    for _name, dialog in dialogs:
        dialog.show()
    try:
        language.language().apply("en")
        qtbot.wait(50)  # the letters are given once every view has its new texts
        problems = [p for name, dialog in dialogs for p in _check(name, dialog)]
    finally:
        language.language().apply("sv")
    assert not problems, "\n".join(problems)


def test_a_wizards_next_page_gets_its_letters(qtbot, kit: Kit, app_wide) -> None:  # type: ignore[no-untyped-def]
    from ui.vault.wizard import FirstRunWizard

    wizard = FirstRunWizard(kit.tmp_path / "new", Ops(), clock=kit.sender.clock)
    qtbot.addWidget(wizard)
    wizard.show()
    first = wizard.currentId()
    wizard.next()
    assert wizard.currentId() != first
    qtbot.waitUntil(lambda: not _check("FirstRunWizard", wizard))
