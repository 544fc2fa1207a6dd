"""The journal tab: entries in chronological order, the chosen entry with its history,
and the new-entry panel. Everything works from the keyboard:

Ctrl+N new entry · Ctrl+S save · Ctrl+Enter save and next · Ctrl+R edit the chosen
draft, or correct the chosen signed entry. The lifecycle buttons (sign, discard a draft,
correct, add, strike) are enabled by the entry's state, and a line under them says what
can be done with it and why. Copying goes through the clearing clipboard and is refused
while masked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store.records import CaseFile, Changes, JournalEntry
from ui.casefile.context import CaseContext
from ui.casefile.journal_editor import JournalEditor
from ui.casefile.journal_view import CorrectionDialog, EntryView, Mode, columns
from ui.casefile.table import ListModel, table_view
from ui.common import errors, language
from ui.forms.keys import KeyRouter

DRAFT_KIND = "journal-entry"
CORRECTION_KIND = "journal-correction"


class JournalTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: ListModel[JournalEntry] = ListModel(columns(ctx.mask))
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = EntryView()
        self.detail.mask_text = ctx.mask
        actions = self._lifecycle_buttons()
        self.editor = JournalEditor(ctx.today())
        self.editor.save_button.clicked.connect(self.save)
        self.editor.next_button.clicked.connect(self.save_and_next)
        self.editor.discard_button.clicked.connect(self.discard_draft)
        self.correction: CorrectionDialog | None = None
        self._saving = False
        self._select_next: int | None = None  # the entry just saved, once it is read
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._reading_pane(actions))
        split.addWidget(self.editor)
        split.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(split)
        self.keys = KeyRouter(self)
        self.keys.bind(Qt.Key.Key_N, self.new_entry)
        self.keys.bind(Qt.Key.Key_S, self.save)
        self.keys.bind(Qt.Key.Key_Return, self.save_and_next)
        self.keys.bind(Qt.Key.Key_R, self.correct)
        self.keys.install(self.editor.text)
        key = ctx.draft_key("journal", "new")
        self._restored = ctx.drafts.register(key, DRAFT_KIND, self.editor.text)
        self._saved_at = ""
        ctx.drafts.saved.connect(self._draft_saved)
        language.bind(self.retranslate)

    def _reading_pane(self, actions: QHBoxLayout) -> QWidget:
        """The entry list over the chosen entry, the hint line and the buttons."""
        reading = QWidget()
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        reader = QSplitter(Qt.Orientation.Vertical)
        reader.addWidget(self.table)
        reader.addWidget(self.detail)
        reader.setSizes([300, 260])
        column.addWidget(reader, 1)
        column.addWidget(self.hint)
        column.addLayout(actions)
        return reading

    def _lifecycle_buttons(self) -> QHBoxLayout:
        """The entry's lifecycle buttons in a row, and the line saying what they allow."""
        made = []
        for slot in (self.copy, self.discard, self.strike, self.add_to, self.correct, self.sign):
            button = QPushButton()
            button.clicked.connect(slot)
            made.append(button)
        (self.copy_button, self.discard_button, self.strike_button, self.add_button,
         self.correct_button, self.sign_button) = made  # fmt: skip
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in made:
            actions.addWidget(button)
        return actions

    def retranslate(self) -> None:
        self.sign_button.setText(_("Signera"))
        self.discard_button.setText(_("Kasta utkast"))
        self.add_button.setText(_("Tillägg …"))
        self.strike_button.setText(_("Makulera …"))
        self.copy_button.setText(_("Kopiera text"))
        self.model.retranslate()
        self.detail.show_entry(self.detail.entry)
        self._show_draft_state()
        self._enable()

    def _draft_saved(self, key: str) -> None:
        if key == self.ctx.draft_key("journal", "new"):
            when = dt.datetime.fromisoformat(self.ctx.store.now()).astimezone()
            self._saved_at = f"{when:%H:%M:%S}"
            self._show_draft_state()

    def _show_draft_state(self) -> None:
        if self._saved_at:
            text = _("Utkastet sparades {time}.").format(time=self._saved_at)
        elif self._restored:
            text = _("Utkastet är återställt från valvet.")
        else:
            text = _("Sparas automatiskt som utkast i valvet.")
        self.editor.state.setText(text)

    # ------------------------------------------------------------ reading
    def show_file(self, file: CaseFile) -> None:
        chosen = self.detail.entry.id if self.detail.entry else None
        if self._select_next is not None:
            chosen, self._select_next = self._select_next, None
        self.model.set_rows(file.journal)
        rows = [e.id for e in file.journal]
        if chosen in rows:
            self.table.selectRow(rows.index(chosen))
        elif rows:
            self.table.selectRow(len(rows) - 1)
        else:
            self.detail.show_entry(None)
        self.table.scrollTo(self.table.currentIndex())
        self._enable()

    def select(self, entry_id: int | None) -> None:
        ids = [e.id for e in self.model.rows]
        if entry_id in ids:
            self.table.selectRow(ids.index(entry_id))
            self.table.scrollTo(self.table.currentIndex())

    def _selected(self, *_args: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_entry(self.model.row_at(rows[0]) if rows else None)
        self._enable()

    def _enable(self) -> None:
        """Each lifecycle button by the chosen entry's state, with the reason why a
        button is off as its tooltip and in the line above the buttons."""
        entry = self.detail.entry
        mine = entry is not None and entry.author == self.ctx.store.user
        draft = entry is not None and not entry.signed
        open_signed = entry is not None and entry.signed and not entry.struck
        self.correct_button.setText(_("Ändra utkast …") if draft else _("Rätta …"))
        why = lifecycle_hint(entry, mine)
        states = (
            (self.correct_button, (draft and mine) or open_signed),
            (self.sign_button, draft and mine),
            (self.discard_button, draft and mine),
            (self.add_button, open_signed),
            (self.strike_button, open_signed),
            (self.copy_button, entry is not None),
        )
        for button, enabled in states:
            button.setEnabled(bool(enabled))
            button.setToolTip("" if enabled else why)
        if draft and mine:
            self.correct_button.setToolTip(_("Ändra utkastets text (Ctrl+R)"))
            self.sign_button.setToolTip(_("Signera: därefter ändras anteckningen aldrig"))
        elif open_signed:
            self.correct_button.setToolTip(
                _("Rätta med skäl; den signerade lydelsen finns kvar (Ctrl+R)")
            )
        self.hint.setText(why)

    # ------------------------------------------------------------ writing
    def new_entry(self) -> None:
        self.editor.start()

    def save(self, *, then_next: bool = False) -> bool:
        """Save the new entry off the UI thread (False: nothing to save, or a save is
        still running). The editor empties once the entry is durably written."""
        if self._saving:
            return False
        text, kind, day, communicated = self.editor.values()
        if not self.editor.day.confirmed():  # says what is wrong at the field, or asks
            return False
        if not text:
            self.ctx.banner.show_error(_("Anteckningen är tom. Skriv något först."))
            self.editor.start()
            return False
        store, case_id = self.ctx.store, self.ctx.case_id
        self._saving = True
        self.ctx.run(lambda: store.add_journal_entry(case_id, text, kind, occurred=day,
                                                     communicated=communicated),
                     on_done=lambda changes: self._saved(changes, then_next),
                     on_error=self._save_failed)  # fmt: skip
        return True

    def _saved(self, changes: Changes, then_next: bool) -> None:
        self._saving = False
        self._select_next = changes.id
        self.select(changes.id)  # when the window has read it already
        self.ctx.drafts.discard(self.ctx.draft_key("journal", "new"))
        self.editor.reset(self.ctx.today())
        self._restored, self._saved_at = False, ""
        self._show_draft_state()
        if then_next:
            self.editor.start()

    def discard_draft(self) -> None:
        """Empty the editor and forget its unsaved draft in the vault, after asking (a
        saved draft entry is thrown away with ``discard``)."""
        question = _("Texten du har skrivit tas bort, också utkastet i valvet.")
        if not errors.ask(self, _("Kasta texten"), question, destructive=True):
            return
        self.editor.reset(self.ctx.today())
        self.ctx.drafts.discard(self.ctx.draft_key("journal", "new"))
        self._restored, self._saved_at = False, ""
        self._show_draft_state()

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False  # the text stays in the editor (and in its draft)
        self.ctx.banner.show_error(exc)

    def save_and_next(self) -> None:
        self.save(then_next=True)

    def correct(self) -> None:
        """Ctrl+R: edit the chosen draft, or correct the chosen signed entry."""
        entry = self.detail.entry
        if entry is None or not self.correct_button.isEnabled():
            return
        store = self.ctx.store
        if entry.signed:
            def save(text: str, reason: str) -> Changes:  # runs off the UI thread
                return store.correct_journal_entry(entry.id, text, reason)

            self._open(entry, Mode.CORRECT, save)
        else:
            self._open(entry, Mode.EDIT, lambda text, _reason: store.edit_journal_draft(
                entry.id, text))  # fmt: skip

    def add_to(self) -> None:
        entry, store = self.detail.entry, self.ctx.store
        if entry is not None and self.add_button.isEnabled():
            self._open(entry, Mode.ADD, lambda text, reason: store.add_journal_addition(
                entry.id, text, reason))  # fmt: skip

    def strike(self) -> None:
        entry, store = self.detail.entry, self.ctx.store
        if entry is not None and self.strike_button.isEnabled():
            self._open(entry, Mode.STRIKE, lambda _text, reason: store.strike_journal_entry(
                entry.id, reason))  # fmt: skip

    def _open(self, entry: JournalEntry, mode: Mode,
              save: Callable[[str, str], Changes]) -> None:  # fmt: skip
        if any(self.ctx.mask(r.text) != r.text for r in entry.revisions):
            self.ctx.banner.show_info(
                _("Anteckningen nämner en person med skyddad identitet. Välj ”Visa” först.")
            )
            return
        dialog = CorrectionDialog(entry, save, self.ctx.ops, self, mode=mode)
        if mode is not Mode.STRIKE:  # the text survives a lock or a crash
            suffix = "correction" if mode is Mode.CORRECT else mode.value
            key = self.ctx.draft_key("journal", entry.id, suffix)
            saved = self.ctx.store.vault.load_draft(key)
            if saved:
                dialog.text.setPlainText(saved)
            self.ctx.drafts.register(key, CORRECTION_KIND, dialog.text)
            dialog.accepted.connect(lambda: self.ctx.drafts.discard(key))
            dialog.finished.connect(lambda _result: self.ctx.drafts.unregister(key))
        self.correction = dialog
        dialog.open()

    def sign(self) -> None:
        entry = self.detail.entry
        if entry is not None and self.sign_button.isEnabled():
            store = self.ctx.store
            self.ctx.run(lambda: store.sign_journal_entry(entry.id))

    def discard(self) -> None:
        """Kasta utkast: delete the chosen draft, after a question (the safe answer is
        no); a signed entry is never deleted."""
        entry = self.detail.entry
        if entry is None or not self.discard_button.isEnabled():
            return
        question = _("Kasta utkastet från {day}? Texten tas bort och kan inte tas fram "
                     "igen.").format(day=entry.occurred[:10])  # fmt: skip
        if errors.ask(self, _("Kasta utkast"), question, destructive=True):
            store = self.ctx.store
            self.ctx.run(lambda: store.discard_journal_draft(entry.id))

    def copy(self) -> None:
        if self.detail.entry is not None:
            self.ctx.copy(self.detail.entry.text)

    def close_view(self) -> None:
        self.ctx.drafts.unregister(self.ctx.draft_key("journal", "new"))


def lifecycle_hint(entry: JournalEntry | None, mine: bool) -> str:
    """What can be done with the entry, and why not the rest."""
    if entry is None:
        return ""
    if entry.struck:
        return _("Makulerad: anteckningen finns kvar men ändras inte mer.")
    if entry.signed:
        return _("Signerad: ändras aldrig. Rätta med skäl, skriv ett tillägg, eller makulera "
                 "den om den skrevs på fel klient.")  # fmt: skip
    if mine:
        return _("Osignerad (utkast): ändra, kasta eller signera den.")
    return _("Osignerad (utkast) av {author}: bara hen kan ändra, kasta eller signera "
             "den.").format(author=entry.author)  # fmt: skip


__all__ = ["JournalTab", "lifecycle_hint"]
