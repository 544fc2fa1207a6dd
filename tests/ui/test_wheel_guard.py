"""No silent change: scrolling a threat assessment over its drop-downs scrolls the form
and changes no value; a drop-down the caseworker has focused still takes the wheel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from app.forms.definition import form_definition
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.common import wheel_guard
from ui.forms import FormEditor

CHOICES = ("instrument", "acute_level", "long_term_level", "source", "reliability")
DOWN = QPoint(0, -120)  # one notch of the wheel, towards the user


@pytest.fixture
def guarded(qapp):
    wheel_guard.install(qapp)
    yield
    wheel_guard.uninstall(qapp)


@pytest.fixture
def form(qtbot, keep, guarded):
    editor = keep(FormEditor(form_definition("threat_assessment")))
    editor.resize(640, 360)  # a laptop-sized dialog: the form scrolls
    editor.show()
    qtbot.waitExposed(editor)
    for field_id in CHOICES:
        editor.input(field_id).combo.setCurrentIndex(2)
    editor.input("assessor").edit.setFocus()
    return editor


def _wheel(editor: FormEditor, combo: QComboBox) -> None:
    editor.scroll_area.ensureWidgetVisible(combo)
    spot = combo.mapTo(editor, combo.rect().center())
    QTest.wheelEvent(editor.windowHandle(), QPointF(spot), DOWN)


def test_wheel_over_the_drop_downs_changes_no_value_and_scrolls_the_form(form, qtbot):
    before = form.values()
    bar = form.scroll_area.verticalScrollBar()
    bar.setValue(0)
    first = form.input(CHOICES[0]).combo
    _wheel(form, first)
    assert bar.value() > 0  # the form moved instead of the drop-down
    for field_id in CHOICES:
        combo = form.input(field_id).combo
        _wheel(form, combo)
        assert not combo.hasFocus()
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert form.values() == before


def test_a_focused_drop_down_still_takes_the_wheel(form, qtbot):
    combo = form.input("acute_level").combo
    form.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(form, combo)
    assert combo.currentIndex() == 3
