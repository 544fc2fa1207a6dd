"""The one date input of Utväg: typed as ÅÅÅÅ-MM-DD (or ÅÅÅÅMMDD) or picked in a calendar,
checked as it is typed with the core's own words (app/domain/dates.py, the same check
the store and the CLI make), and a question when the date lies where it rarely should
(a journal event next year, a due date last month).

It stands in for a QLineEdit where a date is entered: ``text()``, ``setText()``,
``clear()``, ``returnPressed``; ``value()`` is the date as stored (None when empty).
"Today" comes from the session's clock (``today``), never from the computer's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.domain.dates import (
    MISSING,
    Expect,
    normalised,
    typed_date_problem,
    typing_problem,
    unexpected_side,
)
from app.i18n import _
from ui.common import language
from ui.common.errors import ask

Today = Callable[[], dt.date]
STYLE = (
    "QLabel#dateError { color: #a3261a; } QLabel#dateQuestion { color: #8a5300; }"
    " QToolButton#datePick::menu-indicator { image: none; width: 0; }"
)


class DateField(QWidget):
    """``today`` gives the session's date (for the calendar's start and the question);
    ``expect`` says on which side of today the date usually lies."""

    changed = Signal()
    returnPressed = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 today: Today | None = None, expect: Expect = Expect.ANY,
                 required: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.today, self.expect, self.required = today, expect, required
        self.setStyleSheet(STYLE)
        self.edit = QLineEdit(text)
        self.edit.setMaxLength(10)
        self.edit.setMinimumWidth(104)
        self.edit.setMaximumWidth(130)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.returnPressed.connect(self.returnPressed)
        self.pick, self.calendar = self._calendar_button()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        language.bind(self.retranslate)

    def _calendar_button(self) -> tuple[QToolButton, QCalendarWidget]:
        """A button that opens a calendar (weeks from Monday, ISO week numbers)."""
        pick = QToolButton()
        pick.setObjectName("datePick")
        pick.setText("▾")
        pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the date
        calendar = QCalendarWidget()
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        menu = QMenu(pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._open_calendar)
        pick.setMenu(menu)
        return pick, calendar

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("ÅÅÅÅ-MM-DD"))
        self.pick.setToolTip(_("Välj datum i en kalender"))
        self.pick.setAccessibleName(_("Välj datum i en kalender"))
        self.calendar.setLocale(language.calendar_locale())
        if not self.message.isHidden():
            self._finished()  # the message in the new language

    # ------------------------------------------------------------- value
    def text(self) -> str:
        """What is typed, ÅÅÅÅMMDD written out as ÅÅÅÅ-MM-DD."""
        return normalised(self.edit.text())

    def value(self) -> str | None:
        return self.text() or None

    def setText(self, text: str | None) -> None:
        self.edit.setText(text or "")
        self._tell(self.problem() if text else None)

    set_value = setText

    def clear(self) -> None:
        self.setText("")

    def date(self) -> dt.date | None:
        """The typed date if it is a real one."""
        text = self.text()
        return dt.date.fromisoformat(text) if text and typed_date_problem(text) is None else None

    def setPlaceholderText(self, text: str) -> None:
        """A hint in the empty field ("Från ÅÅÅÅ-MM-DD"); set it after each retranslate."""
        self.edit.setPlaceholderText(text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # ------------------------------------------------------------ checks
    def problem(self) -> str | None:
        """What is wrong with the typed date (None: a real date, or empty and optional)."""
        if self.required and not self.edit.text().strip():
            return _(MISSING)
        return typed_date_problem(self.edit.text())

    def question(self) -> str | None:
        """The question for a real date on the unexpected side of today."""
        if self.today is None or not self.text():
            return None
        return unexpected_side(self.text(), self.today(), self.expect)

    def check(self) -> bool:
        """Show what is wrong and put the cursor there; True when the date can be saved."""
        self._finished()
        if self.problem() is None:
            return True
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()
        return False

    def confirmed(self) -> bool:
        """A real date, and a yes from the caseworker if it lies where it rarely should."""
        if not self.check():
            return False
        question = self.question()
        if question is None:
            return True
        if ask(self, _("Kontrollera datumet"), question):
            return True
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def showing(self) -> str:
        """The message under the field ('' when none)."""
        return "" if self.message.isHidden() else self.message.text()

    def showing_problem(self) -> str:
        """The problem shown under the field ('' when none, or only a question)."""
        return self.showing() if self.message.objectName() == "dateError" else ""

    # ---------------------------------------------------------- internal
    def _typed(self, text: str) -> None:
        self._tell(typing_problem(text))
        self.changed.emit()

    def _finished(self) -> None:
        problem = self.problem()
        if problem is None and self.text() != self.edit.text():
            self.edit.setText(self.text())  # 20261224 reads 2026-12-24 once typed
        self._tell(problem)

    def _tell(self, problem: str | None) -> None:
        """The problem if there is one, else the question if there is one."""
        if problem:
            self._show(problem, error=True)
        else:
            self._show(self.question(), error=False)

    def _show(self, message: str | None, *, error: bool = True) -> None:
        self.message.setObjectName("dateError" if error else "dateQuestion")
        self.message.setStyleSheet(STYLE)  # the object name picks the colour
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
        self.edit.setAccessibleDescription(message or "")

    def _open_calendar(self) -> None:
        shown = self.date() or (self.today() if self.today else None)
        if shown is not None:
            self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, day: QDate) -> None:
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self._finished()
        menu = self.pick.menu()
        if menu is not None:
            menu.close()

    def showEvent(self, event: QShowEvent) -> None:
        """Named after its label (a QFormLayout row, or any label whose buddy it is)."""
        super().showEvent(event)
        if not self.edit.accessibleName():
            parent = self.parentWidget()
            labels = parent.findChildren(QLabel) if parent is not None else []
            for label in labels:
                if label.buddy() in (self, self.edit) and label.text():
                    self.edit.setAccessibleName(label.text().replace("&", ""))
                    break


def dates_confirmed(fields: Iterable[DateField]) -> bool:
    """Check each field in turn (what is wrong is shown at the field; an unusual date is
    asked about); False at the first that cannot be saved as it is."""
    return all(field.confirmed() for field in fields)


def past_date(today: str) -> DateField:
    """A field for the day something happened or was decided, starting at ``today``
    (the session's date, ISO), asking when a later day is typed."""
    day = dt.date.fromisoformat(today)
    return DateField(today, today=lambda: day, expect=Expect.PAST, required=True)


def accept_if_dates_confirmed(dialog: QDialog) -> None:
    """OK in a small dialog: every date field in it checked (and asked about) first."""
    if dates_confirmed(dialog.findChildren(DateField)):
        dialog.accept()


__all__ = ["DateField", "Expect", "accept_if_dates_confirmed", "dates_confirmed", "past_date"]
