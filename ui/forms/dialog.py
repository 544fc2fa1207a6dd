"""A form editor in a dialog: fill in, validate inline, check what changes, save through
a store verb.

Spara first checks the record and shows what will change against the previous record
(and what else the save does, and any date that lies where it rarely should); Spara on
that page saves, Tillbaka returns to the form. The verb runs through the ops runner
(off the UI thread). The dialog stays open while the record is invalid or the store
refuses it (the message shows in the dialog, next to the fields); it closes only when
the save succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.forms.definition import FormDef
from app.forms.diff import record_changes
from app.forms.validate import FormInvalid
from app.i18n import N_, _
from ui.common import errors, language
from ui.common.date_field import Today
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.forms.editor import FormEditor
from ui.forms.keys import KeyRouter
from ui.forms.review import ReviewPage

Save = Callable[[dict[str, Any], str], object]
Notes = Callable[[dict[str, Any]], list[str]]


class FormDialog(QDialog):
    """``save(data, reason)`` is called off the UI thread with a valid record; it raises
    to refuse."""

    def __init__(self, form: FormDef, save: Save, ops: Ops, parent: QWidget | None = None, *,
                 title: str = "", data: dict[str, Any] | None = None,
                 reason_label: str = "", today: Today | None = None,
                 previous: dict[str, Any] | None = None,
                 notes: Notes | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.save_fn, self.ops = save, ops
        self.previous, self.notes = previous, notes
        self.result_value: object = None
        self.banner = Banner(self)
        self.editor = FormEditor(form, self, today=today)
        self.review = ReviewPage(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor)
        self.pages.addWidget(self.review)
        if data:
            self.editor.set_values(data)
        self.reason = QLineEdit()
        self.reason_label = QLabel(reason_label)
        self.reason_label.setBuddy(self.reason)
        self.reason.setVisible(bool(reason_label))
        self.reason_label.setVisible(bool(reason_label))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.clicked.connect(self.back)
        self.back_button.hide()
        self.discard_button = buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.discard_button.clicked.connect(self.discard_draft)
        self.discard_button.hide()
        self._discard: Callable[[], object] | None = None
        self.title_text = title
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(860, 720)
        language.bind(self.retranslate)
        self.keys = KeyRouter(self)
        self.keys.bind(Qt.Key.Key_S, self.try_save)
        self.keys.install()

    def retranslate(self) -> None:
        self.setWindowTitle(self.title_text or self.editor.form.title.get())
        self.save_button.setText(_("Spara"))
        self.save_button.setToolTip(_("Spara (Ctrl+S)"))
        self.cancel_button.setText(_("Avbryt"))
        self.back_button.setText(_("Tillbaka"))
        self.back_button.setToolTip(_("Tillbaka till formuläret"))
        self.discard_button.setText(_("Kasta utkast"))
        self.discard_button.setToolTip(_("Stäng utan att spara och ta bort utkastet i valvet"))
        if self.reviewing():
            self._show_review()

    def offer_discard(self, discard: Callable[[], object]) -> None:
        """Offer "Kasta utkast" while something is filled in: ``discard`` forgets the
        draft kept in the vault, and the dialog closes without saving."""
        self._discard = discard
        self.editor.changed.connect(self._show_discard)
        self._show_discard()

    def _show_discard(self) -> None:
        self.discard_button.setVisible(self._discard is not None and not self.editor.is_blank())

    def discard_draft(self) -> None:
        question = _("Det du har fyllt i tas bort, också utkastet i valvet. Inget sparas.")
        if self._discard is None or not errors.ask(
            self, _("Kasta utkast"), question, destructive=True
        ):
            return
        self._discard()
        self.reject()

    def reviewing(self) -> bool:
        return self.pages.currentWidget() is self.review

    def back(self) -> None:
        """From the summary of changes back to the form, everything still typed."""
        self.pages.setCurrentWidget(self.editor)
        self.back_button.hide()
        self.reason.setEnabled(True)
        self.editor.setFocus()

    def try_save(self) -> bool:
        """On the form: check the record and show what will change. On the summary:
        save it off the UI thread. False: nothing started."""
        if not self.save_button.isEnabled():
            return False  # the last save is still running
        self.banner.clear()
        if not self.reviewing():
            if self._ready():
                self._show_review()
            return False
        return self._save()

    def _ready(self) -> bool:
        if self.editor.validate():
            return False
        if self.reason.isVisible() and not self.reason.text().strip():
            self.banner.show_error(_("Skriv varför uppgifterna ändras; skälet sparas."))
            self.reason.setFocus()
            return False
        return True

    def _show_review(self) -> None:
        data = self.editor.values()
        notes = self.editor.date_questions() + (self.notes(data) if self.notes else [])
        changes = record_changes(self.editor.form, self.previous, data)
        self.review.show_changes(changes, notes, first=self.previous is None)
        self.pages.setCurrentWidget(self.review)
        self.back_button.show()
        self.reason.setEnabled(False)
        self.save_button.setFocus()

    def _save(self) -> bool:
        save, data, reason = self.save_fn, self.editor.values(), self.reason.text().strip()
        self.save_button.setEnabled(False)
        self.ops.run(lambda: save(data, reason), label=N_("Sparas …"), on_done=self._saved,
                     on_error=self._refused)  # fmt: skip
        return True

    def _saved(self, result: object) -> None:
        self.save_button.setEnabled(True)
        self.result_value = result
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.back()
        if isinstance(exc, FormInvalid):
            self.editor.show_problems(exc.problems)
        else:
            self.banner.show_error(exc)


__all__ = ["FormDialog"]
