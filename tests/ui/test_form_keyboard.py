"""The form dialog by keyboard: the fields of a row added with "Lägg till rad" come in
Tab order where they are on screen (after the rows above, before "Lägg till rad" and
before Spara/Avbryt), and each is named for a screen reader with its row number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.forms.definition import form_definition
from ui.common.ops import Ops
from ui.forms.dialog import FormDialog


def _tab_chain(start: QWidget, stop: QWidget) -> list[QWidget]:
    """Widgets Tab visits from ``start`` until ``stop`` (focusable ones only)."""
    chain, widget = [], start
    for _ in range(2000):
        widget = widget.nextInFocusChain()
        if widget is stop:
            return chain
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window()):
            chain.append(widget)
    raise AssertionError("Tab never reaches the stop widget")


def test_added_rows_come_before_save_in_tab_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FormDialog(form_definition("safety_plan"), lambda data, reason: None, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    measures = dialog.editor.input("measures")
    for _ in range(2):
        qtbot.mouseClick(measures.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: measures.rows[-1].remove.isVisible())  # new rows show queued
    first, second = (list(row.inputs.values()) for row in measures.rows)
    first_edit = first[0].focusProxy()
    assert first_edit is not None
    date = dialog.editor.input("plan_date")  # the field above the rows
    visited = _tab_chain(date.focusProxy() or date, dialog.save_button)
    fields = [s.focusProxy() or s for s in first + second]
    order = [w for w in visited if any(w is f for f in fields)]
    assert len(order) == len(fields)
    assert all(a is b for a, b in zip(order, fields, strict=True))  # row 1, then row 2
    add_at = visited.index(measures.add_button)
    assert visited.index(second[-1].focusProxy() or second[-1]) < add_at
    assert (
        first_edit.accessibleName(),
        (second[0].focusProxy() or second[0]).accessibleName(),
    ) == (
        f"{measures.field.fields[0].label.get()}, rad 1",
        f"{measures.field.fields[0].label.get()}, rad 2",
    )


def test_tab_from_a_new_row_reaches_save_after_the_add_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FormDialog(form_definition("safety_plan"), lambda data, reason: None, Ops())
    qtbot.addWidget(dialog)
    dialog.show()
    measures = dialog.editor.input("measures")
    qtbot.mouseClick(measures.add_button, Qt.MouseButton.LeftButton)
    row = measures.rows[0]
    qtbot.waitUntil(row.remove.isVisible)
    after_row = _tab_chain(row.remove, dialog.save_button)
    assert after_row[0] is measures.add_button
