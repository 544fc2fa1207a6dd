"""One Swedish date field wherever a date is entered: typed or picked, checked as typed
with a message that says what is wrong, a question for a date on the unexpected side of
today, and the same field in every dialog and view (no QDateEdit, no bare line edit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.domain.dates import Expect
from tests.ui.dialog_catalog import build_all
from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.test_casefile_window import case_id, store, window
from tests.ui.test_dialog_fit import kit, parties
from tests.unit.test_assessment_changes import threat
from ui.casefile.caselist import CaseListWidget
from ui.casefile.events import details_text
from ui.casefile.oversight import LogView
from ui.casefile.retention import RetentionView
from ui.casefile.search import SearchView
from ui.casefile.stats import StatsView
from ui.casefile.today import TodayView
from ui.casefile.window import Tab
from ui.common import language
from ui.common.date_field import DateField

__all__ = ["case_id", "kit", "parties", "store", "window"]  # fixtures, re-exported for pytest

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
NOT_A_DATE = "Det är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-24."
TOO_BIG = (
    "Månad 13 och dag 45 finns inte. Skriv en månad från 01 till 12 och en dag från 01 till 31."
)


@pytest.fixture
def field(qtbot, clock) -> DateField:  # type: ignore[no-untyped-def]
    widget = DateField(today=clock.today, expect=Expect.PAST)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-13", "Månad 13 finns inte. Skriv en månad från 01 till 12."),
        ("2026-13-45", TOO_BIG),
        ("2026-02-30", "Dag 30 finns inte i 2026-02, som har 28 dagar."),
        ("fredag", NOT_A_DATE),
        ("10/12", NOT_A_DATE),
    ],
)
def test_a_typed_date_says_what_is_wrong_as_it_is_typed(qtbot, field, typed, message):
    type_text(qtbot, field.edit, typed)
    assert field.showing_problem() == message
    assert field.message.isVisible()
    assert field.edit.accessibleDescription() == message  # a screen reader hears it too
    assert not field.check() and field.edit.hasFocus()


def test_no_message_while_typing_a_good_date_and_compact_dates_are_written_out(qtbot, field):
    type_text(qtbot, field.edit, "2026-1")
    assert field.showing() == ""
    field.clear()
    type_text(qtbot, field.edit, "20261102")
    assert field.check()
    assert field.edit.text() == "2026-11-02" and field.value() == "2026-11-02"


def test_a_future_date_where_the_past_is_expected_is_asked_about(qtbot, field):
    type_text(qtbot, field.edit, "2027-05-01")
    assert field.showing() == "2027-05-01 ligger i framtiden (i dag är det 2026-11-23)." \
        " Stämmer datumet?"  # fmt: skip
    assert field.showing_problem() == ""  # a question, not an error
    assert not _answer(qtbot, field.confirmed, QMessageBox.StandardButton.No)
    assert _answer(qtbot, field.confirmed, QMessageBox.StandardButton.Yes)
    field.setText("2026-11-20")
    assert field.confirmed()  # nothing to ask


def test_the_calendar_is_swedish_or_english_and_opens_on_the_sessions_today(qtbot, field):
    assert field.calendar.locale().name() == "sv_SE"
    assert field.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    field.pick.menu().aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2026, 11, 23)  # the pinned clock
    field.calendar.clicked.emit(QDate(2026, 11, 3))
    assert field.text() == "2026-11-03"
    language.language().apply("en")
    assert field.calendar.locale().language() == field.calendar.locale().Language.English
    field.clear()
    type_text(qtbot, field.edit, "x")
    assert field.showing_problem().startswith("That is not a date.")


def _answer(qtbot, ask, button: QMessageBox.StandardButton) -> bool:  # type: ignore[no-untyped-def]
    """Run ``ask`` and press ``button`` in the question box it opens."""
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, press)
    answer = ask()
    assert seen, "no question was asked"
    return bool(answer)


# ----------------------------------------------------- the field everywhere
def test_a_journal_event_next_year_is_saved_only_after_a_yes(qtbot, window, store):
    window.show_tab(Tab.JOURNAL)
    editor = window.journal.editor
    editor.day.setText("2027-05-01")
    type_text(qtbot, editor.text, "Samtal om boendet.")
    assert not _answer(qtbot, window.journal.save, QMessageBox.StandardButton.No)
    assert not store.journal(window.ctx.case_id)  # nothing saved, the text stays
    assert editor.text.toPlainText() == "Samtal om boendet."
    assert _answer(qtbot, window.journal.save, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: len(store.journal(window.ctx.case_id)) == 1, timeout=5000)
    assert store.journal(window.ctx.case_id)[0].occurred == "2027-05-01"


def test_a_bad_task_due_date_is_stopped_at_the_field(qtbot, window, store):
    window.show_tab(Tab.TASKS)
    type_text(qtbot, window.tasks.title, "Ring frivården")
    type_text(qtbot, window.tasks.due.edit, "fredag")
    qtbot.keyClick(window.tasks.due.edit, Qt.Key.Key_Return)
    assert window.tasks.due.showing_problem() == NOT_A_DATE
    assert store.tasks(window.ctx.case_id) == []


def _date_inputs_outside_the_field(root: QWidget) -> list[str]:
    """Date inputs that are not the one date field: Qt's own date widgets, and line edits
    that hold an ISO date or ask for one."""
    fields = root.findChildren(DateField) + ([root] if isinstance(root, DateField) else [])
    ours = {id(w) for f in fields for w in (f.edit, f.calendar)}
    found = [
        f"{type(w).__name__} {w.objectName() or w.accessibleName()}"
        for kind in (QDateEdit, QDateTimeEdit, QCalendarWidget)
        for w in root.findChildren(kind)
        if id(w) not in ours
    ]
    for edit in root.findChildren(QLineEdit):
        if id(edit) in ours or edit.echoMode() != QLineEdit.EchoMode.Normal:
            continue
        if ISO.fullmatch(edit.text().strip()) or "ÅÅÅÅ-MM-DD" in edit.placeholderText():
            found.append(f"QLineEdit {edit.accessibleName() or edit.placeholderText()}")
    return found


def test_every_dialog_enters_dates_through_the_one_field(kit):
    offenders = {}
    counted = 0
    for name, dialog in build_all(kit):
        counted += len(dialog.findChildren(DateField))
        if wrong := _date_inputs_outside_the_field(dialog):
            offenders[name] = wrong
    assert not offenders, f"date inputs that are not DateField: {offenders}"
    # status, decision, withdrawal, transfer (2), export period (2) and the forms' dates
    assert counted >= 7 + 15


def test_every_case_tab_and_view_enters_dates_through_the_one_field(qtbot, window, store):
    views: list[QWidget] = [window]
    for tab in Tab:
        window.show_tab(tab)
    views += [StatsView(store), LogView(store), SearchView(store), TodayView(store),
              RetentionView(store), CaseListWidget()]  # fmt: skip
    for view in views[1:]:
        qtbot.addWidget(view)
    offenders = {type(v).__name__: w for v in views if (w := _date_inputs_outside_the_field(v))}
    assert not offenders, f"date inputs that are not DateField: {offenders}"
    assert isinstance(window.journal.editor.day, DateField)
    assert isinstance(window.tasks.due, DateField)
    intake = window.show_tab(Tab.CASE).intake.rows.values()
    assert intake and all(isinstance(row[2], DateField) for row in intake)


def test_no_module_in_ui_builds_a_date_input_of_its_own():
    root = Path(__file__).resolve().parents[2] / "ui"
    own = root / "common" / "date_field.py"
    found = [
        f"{path.relative_to(root)}: {word}"
        for path in root.rglob("*.py")
        if path != own
        for word in ("QDateEdit", "QDateTimeEdit", "QCalendarWidget")
        if word in path.read_text(encoding="utf-8")
    ]
    assert not found, found


def test_a_threat_assessment_shows_its_changes_and_a_raised_level_adds_a_review(
    qtbot, window, store
):  # type: ignore[no-untyped-def]
    dialog = _reassess(qtbot, window, store, "high", "very_high")
    assert dialog.reviewing() and dialog.isVisible()
    assert dialog.review.lines() == [
        "Bedömningsdatum: 2026-11-01 → 2026-11-23", "Akut hotnivå: Hög → Mycket hög",
    ]  # fmt: skip
    assert dialog.review.notes == [
        "Hotnivån höjs från hög till mycket hög. En uppgift att se över säkerhetsplanen läggs"
        " till, senast 2026-11-25."
    ]
    assert "Hög" in dialog.review.body.toPlainText()
    click(qtbot, dialog, "Tillbaka")  # back to the form, everything still there
    assert not dialog.reviewing()
    assert dialog.editor.input("acute_level").value() == "very_high"
    click(qtbot, dialog, "Spara")
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    (task,) = store.tasks(window.ctx.case_id)
    (event,) = store.audit_log(events=["task_added"])  # Loggkontroll says why, in words
    assert details_text(event.details) == (
        f"orsak: akut hotnivå höjd, typ: se över säkerhetsplanen, uppgift: {task.id}"
    )
    assert task.due == "2026-11-25" and "säkerhetsplanen" in task.title
    assert "Se över säkerhetsplanen" in window.ctx.banner.text
    window.show_tab(Tab.TASKS)
    qtbot.waitUntil(lambda: bool(window.tasks.model.texts()), timeout=5000)
    assert window.tasks.model.texts()[0][1:] == [
        "2026-11-25", "Test Handläggare",
        "Se över säkerhetsplanen: akut hotnivå höjd från hög till mycket hög",
    ]  # fmt: skip


def test_a_lowered_level_adds_no_review(qtbot, window, store):
    dialog = _reassess(qtbot, window, store, "very_high", "moderate")
    assert "Akut hotnivå: Mycket hög → Måttlig" in dialog.review.lines()
    assert dialog.review.notes == []
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert store.tasks(window.ctx.case_id) == []


def test_an_assessment_dated_in_the_future_is_pointed_out_before_saving(qtbot, window):
    window.show_tab(Tab.THREAT)
    click(qtbot, window.threat, "Ny hotbedömning …")
    dialog = window.threat.threats.dialog
    dialog.editor.set_values(_threat("high", "2027-05-01"))
    assert "ligger i framtiden" in dialog.editor.input("assessed_on").date_field.showing()
    click(qtbot, dialog, "Spara")
    assert dialog.review.notes == [
        "Bedömningsdatum: 2027-05-01 ligger i framtiden (i dag är det 2026-11-23). Stämmer datumet?"
    ]


def _reassess(qtbot, window, store, before: str, after: str):  # type: ignore[no-untyped-def]
    """A case assessed at ``before`` on 2026-11-01; a new assessment at ``after`` today,
    Spara pressed once (the summary of changes is showing)."""
    store.record_threat(window.ctx.case_id, _threat(before, "2026-11-01"))
    window.reload()
    window.show_tab(Tab.THREAT)
    click(qtbot, window.threat, "Ny hotbedömning …")
    dialog = window.threat.threats.dialog
    dialog.editor.set_values(_threat(after, "2026-11-23"))
    click(qtbot, dialog, "Spara")
    return dialog


def _threat(level: str, day: str) -> dict[str, object]:
    return {**threat(level, day), "assessor": "Test Handläggare"}
