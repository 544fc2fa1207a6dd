"""Reading the journal: the entry list, one entry with every earlier wording, and the
correction dialog. A correction never replaces text: the earlier wording, who wrote it
and why it was corrected stay on screen."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
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
from ui.casefile.table import MUTED, Column
from ui.common.errors import message_for
from ui.common.ops import Ops
from ui.forms.keys import KeyRouter

Mask = Callable[[str], str]
STYLE = (
    "<style>.meta { color: #666; font-size: 9pt; } .old { color: #6d6d6d;"
    " border-left: 3px solid #d9c9a8; padding-left: 8px; margin: 4px 0 2px 0; }"
    " h3 { color: #1f4e5f; margin: 0 0 2px 0; } h4 { margin: 12px 0 2px 0; color: #7a5a1e; }"
    "</style>"
)


def kind_label(value: str) -> str:
    try:
        return JournalKind(value).label
    except ValueError:
        return value


def _flags(entry: JournalEntry) -> str:
    flags = []
    if entry.corrected:
        flags.append(_("Rättad"))
    if entry.signed_at:
        flags.append(_("Signerad"))
    return " · ".join(flags)


def columns(mask: Mask) -> list[Column[JournalEntry]]:
    return [
        Column(N_("Datum"), lambda e: e.occurred[:10]),
        Column(N_("Typ"), lambda e: kind_label(e.kind)),
        Column(N_("Skriven av"), lambda e: e.author),
        Column(N_("Status"), _flags, tone=lambda e: MUTED),
        Column(N_("Text"), lambda e: mask(e.text.splitlines()[0]) if e.text else ""),
    ]


def _stamp(created: str) -> str:
    return created[:16].replace("T", " ")


def entry_html(entry: JournalEntry, mask: Mask = str) -> str:
    """The entry and every earlier wording; ``mask`` blacks out protected names."""

    def _para(text: str) -> str:
        return escape(mask(text)).replace("\n", "<br>")

    head = _("{day} · {kind}").format(day=entry.occurred[:10], kind=kind_label(entry.kind))
    meta = _("Skriven av {author}, registrerad {when}").format(
        author=entry.author, when=_stamp(entry.created)
    )
    if entry.communicated:
        meta += " · " + _("Kommunicerad med klienten")
    parts = [STYLE, f"<h3>{escape(head)}</h3>", f"<p class='meta'>{escape(meta)}</p>"]
    parts.append(f"<p>{_para(entry.text)}</p>")
    if entry.corrected:
        latest = entry.revisions[-1]
        note = _("Rättad av {author} {when}. Skäl: {reason}").format(
            author=latest.author, when=_stamp(latest.created), reason=latest.reason
        )
        parts.append(f"<p class='meta'>{escape(note)}</p>")
        parts.append(f"<h4>{escape(_('Tidigare lydelse'))}</h4>")
        for older, newer in reversed(list(zip(entry.revisions, entry.revisions[1:], strict=False))):
            who = _("Skriven av {author} {when}").format(
                author=older.author, when=_stamp(older.created)
            )
            why = _("Rättad {when} av {author}: {reason}").format(
                when=_stamp(newer.created), author=newer.author, reason=newer.reason
            )
            parts.append(f"<div class='old'>{_para(older.text)}</div>")
            parts.append(f"<p class='meta'>{escape(who)} · {escape(why)}</p>")
    if entry.signed_at:
        signed = _("Signerad och låst av {who} {when}").format(
            who=entry.signed_by or "", when=_stamp(entry.signed_at)
        )
        parts.append(f"<p class='meta'><b>{escape(signed)}</b></p>")
    return "".join(parts)


class EntryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.entry: JournalEntry | None = None
        self.mask_text: Mask = str

    def show_entry(self, entry: JournalEntry | None) -> None:
        self.entry = entry
        self.setHtml(entry_html(entry, self.mask_text) if entry else "")


class CorrectionDialog(QDialog):
    """Write the corrected wording and why; the earlier wording is kept by the store.
    ``save(text, reason)`` runs through ``ops`` (off the UI thread); the dialog stays
    open with the message when it refuses."""

    def __init__(self, entry: JournalEntry, save: Callable[[str, str], object], ops: Ops,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.entry, self.save_fn, self.ops = entry, save, ops
        self.setWindowTitle(_("Rätta anteckningen från {day}").format(day=entry.occurred[:10]))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a3261a;")
        self.error.setWordWrap(True)
        self.error.hide()
        current = QPlainTextEdit(entry.text)
        current.setReadOnly(True)
        current.setMaximumHeight(110)
        self.text = QPlainTextEdit(entry.text)
        self.text.setTabChangesFocus(True)
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # continue where the text ends
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("T.ex. fel datum, fel namn på myndighet"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Spara rättelsen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for caption, widget in (
            (_("Nuvarande lydelse (finns kvar efter rättelsen)"), current),
            (_("Rättad lydelse"), self.text),
            (_("Skäl till rättelsen"), self.reason),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.text.setFocus()
        self.resize(620, 480)
        self.keys = KeyRouter(self)
        self.keys.bind(Qt.Key.Key_S, self.try_save)
        self.keys.install()

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


__all__ = ["CorrectionDialog", "EntryView", "columns", "entry_html", "kind_label"]
