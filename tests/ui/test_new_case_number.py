"""The number in Nytt ärende: no complaint while the person is still typing it; once it
is typed in full (12 digits) or left, a wrong number is explained in full (not clipped)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.store import Store
from tests.ui.helpers import test_personnummer, type_text
from ui.case_dialogs import NewCaseDialog
from ui.common.ops import Ops


@pytest.fixture
def dialog(qtbot, vault) -> NewCaseDialog:  # type: ignore[no-untyped-def]
    shown = NewCaseDialog(Store(vault), Ops())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    type_text(qtbot, shown.given, "Alva")
    shown.identifier.setFocus()
    return shown


def _wrong(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _not_clipped(qtbot, dialog: NewCaseDialog) -> None:  # type: ignore[no-untyped-def]
    label = dialog.identifier_problem
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert dialog.rect().contains(label.geometry())  # the label lies on the dialog


def test_no_message_while_typing_then_the_whole_message(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    wrong = _wrong(test_personnummer())
    qtbot.keyClicks(dialog.identifier, wrong[:-3])  # "19900101-98"
    assert not dialog.identifier_problem.isVisible()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    qtbot.keyClicks(dialog.identifier, wrong[-3:])
    assert dialog.identifier_problem.isVisible()
    assert "Kontrollsiffran" in dialog.identifier_problem.text()
    _not_clipped(qtbot, dialog)


def test_a_short_form_number_is_judged_when_the_field_is_left(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    short = _wrong(test_personnummer())[2:]  # ÅÅMMDD-NNNN
    qtbot.keyClicks(dialog.identifier, short)
    assert not dialog.identifier_problem.isVisible()
    qtbot.keyClick(dialog.identifier, Qt.Key.Key_Tab)  # on to the next field
    qtbot.waitUntil(dialog.identifier_problem.isVisible)
    assert "Kontrollsiffran" in dialog.identifier_problem.text()
    _not_clipped(qtbot, dialog)


def test_letters_are_wrong_at_once(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.identifier, "RES 12")
    assert dialog.identifier_problem.isVisible()


def test_valid_from_is_unknown_unless_typed(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """The number's "gäller från" is empty (okänt) by default, never the day it is typed."""
    store = dialog.store
    type_text(qtbot, dialog.identifier, test_personnummer())
    assert dialog.valid_from.text() == "" and dialog.ready()
    type_text(qtbot, dialog.valid_from.edit, "2026-13-01")
    assert not dialog.ready()  # a month 13 is not saved
    dialog.valid_from.setText("2001-05-01")
    assert dialog.ready()
    with qtbot.waitSignal(dialog.created, timeout=5000):
        dialog.submit()
    (row,) = store.case_rows()
    (ident,) = store.case(row.id).person.identifiers
    assert ident.valid_from == "2001-05-01"
