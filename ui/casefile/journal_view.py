"""Reading the journal: the entry list with each entry's status (Osignerad, Signerad,
Rättad, Makulerad), one entry with its whole lifecycle, and the dialog that edits a draft,
corrects a signed entry, adds to it or strikes it. Nothing replaces text on screen: the
signed wording, who corrected it, when and why, the additions and a strike stay visible.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import JournalKind
from app.i18n import N_, _
from app.store.records import JournalEntry
from ui.casefile.table import ALERT, MUTED, Column
from ui.common.errors import message_for
from ui.common.ops import Ops
from ui.forms.keys import KeyRouter

Mask = Callable[[str], str]
STYLE = (
    "<style>.meta { color: #666; font-size: 9pt; } .old { color: #6d6d6d;"
    " border-left: 3px solid #d9c9a8; padding-left: 8px; margin: 4px 0 2px 0; }"
    " h3 { color: #1f4e5f; margin: 0 0 2px 0; } h4 { margin: 12px 0 2px 0; color: #7a5a1e; }"
    " .struck { color: #6d6d6d; text-decoration: line-through; }"
    " .struck-note { color: #a3261a; font-weight: bold; }"
    " .new, .added { border-left: 3px solid #6a9f7a; padding-left: 8px; }"
    "</style>"
)


def kind_label(value: str) -> str:
    try:
        return JournalKind(value).label
    except ValueError:
        return value


def status_label(entry: JournalEntry) -> str:
    """Osignerad / Signerad, Rättad and Tillägg after signing, or Makulerad."""
    return entry.status_label


def _status_tone(entry: JournalEntry) -> QColor | None:
    return ALERT if entry.struck else (None if entry.signed else MUTED)


def columns(mask: Mask) -> list[Column[JournalEntry]]:
    return [
        Column(N_("Datum"), lambda e: e.occurred[:10]),
        Column(N_("Typ"), lambda e: kind_label(e.kind)),
        Column(N_("Skriven av"), lambda e: e.author),
        Column(N_("Status"), status_label, tone=_status_tone),
        Column(N_("Text"), lambda e: mask(e.text.splitlines()[0]) if e.text else ""),
    ]


def _stamp(created: str) -> str:
    return created[:16].replace("T", " ")


def entry_html(entry: JournalEntry, mask: Mask = str) -> str:
    """The entry's whole lifecycle; ``mask`` blacks out protected names."""

    def para(text: str, css: str = "") -> str:
        body = escape(mask(text)).replace("\n", "<br>")
        return f"<p class='{css}'>{body}</p>" if css else f"<p>{body}</p>"

    def meta(text: str, strong: bool = False) -> str:
        inner = f"<b>{escape(text)}</b>" if strong else escape(text)
        return f"<p class='meta'>{inner}</p>"

    head = _("{day} · {kind}").format(day=entry.occurred[:10], kind=kind_label(entry.kind))
    line = _("Skriven av {author}, registrerad {when}").format(
        author=entry.author, when=_stamp(entry.created)
    )
    if entry.communicated:
        line += " · " + _("Kommunicerad med klienten")
    parts = [STYLE, f"<h3>{escape(head)}</h3>", meta(line)]
    if entry.struck:
        parts.append(f"<p class='struck-note'>{escape(_struck_note(entry))}</p>")
    parts.append(para(entry.text, "struck" if entry.struck else ""))
    parts.append(meta(_signature(entry), strong=True))
    parts += _corrections(entry, para, meta) + _additions(entry, para, meta)
    parts += _draft_history(entry, para, meta)
    return "".join(parts)


def _struck_note(entry: JournalEntry) -> str:
    return _("MAKULERAD av {who} {when}. Skäl: {reason}. Texten finns kvar men gäller "
             "inte.").format(who=entry.struck_by or "", when=_stamp(entry.struck_at or ""),
                             reason=entry.struck_reason)  # fmt: skip


def _signature(entry: JournalEntry) -> str:
    if not entry.signed:
        return _("Osignerad (utkast): kan ändras eller kastas av den som skrev den.")
    when = _stamp(entry.signed_at or "")
    return _("Signerad av {who} {when}; ändras aldrig, rättas eller kompletteras med "
             "skäl.").format(who=entry.signed_by or "", when=when)  # fmt: skip


Para = Callable[..., str]


def _corrections(entry: JournalEntry, para: Para, meta: Para) -> list[str]:
    """Each rättelse: the wording it replaced, the new wording, who, when and why."""
    fixes = entry.corrections
    if not fixes:
        return []
    parts = [f"<h4>{escape(_('Rättelser'))}</h4>"]
    before = {r.rev: r for r in entry.revisions}
    for fix in reversed(fixes):
        parts.append(meta(_("Rättad av {author} {when}. Skäl: {reason}").format(
            author=fix.author, when=_stamp(fix.created), reason=fix.reason)))  # fmt: skip
        parts.append(meta(_("Tidigare lydelse")))
        parts.append(para(before[fix.rev - 1].text, "old"))
        parts.append(meta(_("Ny lydelse")))
        parts.append(para(fix.text, "new"))
    return parts


def _additions(entry: JournalEntry, para: Para, meta: Para) -> list[str]:
    parts = []
    for added in entry.additions:
        line = _("Tillägg av {author} {when}").format(
            author=added.author, when=_stamp(added.created)
        )
        if added.reason:
            line += ". " + _("Skäl: {reason}").format(reason=added.reason)
        parts += [f"<h4>{escape(_('Tillägg'))}</h4>", meta(line), para(added.text, "added")]
    return parts


def _draft_history(entry: JournalEntry, para: Para, meta: Para) -> list[str]:
    """A draft's earlier wordings (before signing), newest first."""
    last = entry.signed_rev or entry.revisions[-1].rev
    earlier = [r for r in entry.revisions if r.rev < last]
    if not earlier:
        return []
    parts = [f"<h4>{escape(_('Tidigare lydelse i utkastet'))}</h4>"]
    for older in reversed(earlier):
        parts.append(para(older.text, "old"))
        parts.append(meta(_("Skriven av {author} {when}").format(
            author=older.author, when=_stamp(older.created))))  # fmt: skip
    return parts


class EntryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.entry: JournalEntry | None = None
        self.mask_text: Mask = str

    def show_entry(self, entry: JournalEntry | None) -> None:
        self.entry = entry
        self.setHtml(entry_html(entry, self.mask_text) if entry else "")


class Mode(StrEnum):
    """What the dialog does to the entry."""

    EDIT = "edit"  # a draft: a new wording, no reason needed
    CORRECT = "correct"  # rättelse: a new wording and why
    ADD = "add"  # tillägg: more text, optionally why
    STRIKE = "strike"  # makulering: why (the text stays)


#: Per mode: the title, the caption of the new text (None: no text), the caption of the
#: reason (None: no reason), the save button, the reason's placeholder.
_MODES: dict[Mode, tuple[str, str | None, str | None, str, str]] = {
    Mode.EDIT: (N_("Ändra utkastet från {day}"), N_("Utkastets text"), None,
                N_("Spara utkastet"), ""),
    Mode.CORRECT: (N_("Rätta anteckningen från {day}"), N_("Rättad lydelse"),
                   N_("Skäl till rättelsen"), N_("Spara rättelsen"),
                   N_("T.ex. fel datum, fel namn på myndighet")),
    Mode.ADD: (N_("Tillägg till anteckningen från {day}"), N_("Tillägg"),
               N_("Skäl (frivilligt)"), N_("Spara tillägget"),
               N_("T.ex. uppgift som kom fram senare")),
    Mode.STRIKE: (N_("Makulera anteckningen från {day}"), None, N_("Skäl till makuleringen"),
                  N_("Makulera"), N_("T.ex. skriven på fel klient")),
}  # fmt: skip


class CorrectionDialog(QDialog):
    """Edit a draft, or correct, add to or strike a signed entry (``mode``); the signed
    wording is kept by the store. ``save(text, reason)`` runs through ``ops`` (off the
    UI thread); the dialog stays open with the message when it refuses."""

    def __init__(self, entry: JournalEntry, save: Callable[[str, str], object], ops: Ops,
                 parent: QWidget | None = None, *, mode: Mode = Mode.CORRECT) -> None:  # fmt: skip
        super().__init__(parent)
        self.entry, self.save_fn, self.ops, self.mode = entry, save, ops, mode
        title, text_caption, reason_caption, save_text, hint = _MODES[mode]
        self.setWindowTitle(_(title).format(day=entry.occurred[:10]))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a3261a;")
        self.error.setWordWrap(True)
        self.error.hide()
        current = QPlainTextEdit(entry.text)
        current.setReadOnly(True)
        current.setMaximumHeight(110)
        self.text = QPlainTextEdit("" if mode is Mode.ADD else entry.text)
        self.text.setTabChangesFocus(True)
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # continue where the text ends
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_(hint) if hint else "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_(save_text))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for caption, widget in self._rows(current, text_caption, reason_caption):
            label = QLabel(caption)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._first = self.reason if text_caption is None else self.text
        self.resize(620, 480)
        self.keys = KeyRouter(self)
        self.keys.bind(Qt.Key.Key_S, self.try_save)
        self.keys.install()

    def _rows(self, current: QWidget, text_caption: str | None,
              reason_caption: str | None) -> list[tuple[str, QWidget]]:  # fmt: skip
        """The captioned fields the mode shows: the current wording (kept), the new text,
        the reason."""
        rows: list[tuple[str, QWidget]] = []
        if self.mode is not Mode.EDIT:
            rows.append((_("Nuvarande lydelse (finns kvar)"), current))
        if text_caption is not None:
            rows.append((_(text_caption), self.text))
        if reason_caption is not None:
            rows.append((_(reason_caption), self.reason))
        return rows

    def showEvent(self, event: QShowEvent) -> None:
        """Start where the person writes (not in the read-only current wording)."""
        super().showEvent(event)
        self._first.setFocus()

    def try_save(self) -> None:
        if not self.save_button.isEnabled():
            return  # the last save is still running
        save, text = self.save_fn, self.text.toPlainText().strip()
        reason = self.reason.text().strip()
        self.save_button.setEnabled(False)
        self.ops.run(lambda: save(text, reason), label=N_("Sparas …"),
                     on_done=lambda _changes: self.accept(), on_error=self._refused)  # fmt: skip

    def _refused(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(message_for(exc))
        self.error.show()


__all__ = ["CorrectionDialog", "EntryView", "Mode", "columns", "entry_html", "kind_label",
           "status_label"]  # fmt: skip
