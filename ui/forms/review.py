"""The step before a form record is saved: exactly what will change against the previous
record ("Akut hotnivå: Hög → Mycket hög"), what saving will also do (a safety-plan
review task) and any date that lies where it rarely should. Computed in the core
(app.forms.diff, app.domain.plan_review, app.domain.dates); shown here."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.forms.diff import FieldChange
from app.i18n import _

CSS = (
    "<style>table.chg td { padding: 3px 12px 3px 0; vertical-align: top; }"
    " td.k { color: #444; } td.o { color: #777; } td.a { color: #777; }"
    " td.n { font-weight: bold; } p.note { color: #8a5300; }</style>"
)


def changes_html(changes: list[FieldChange], notes: list[str]) -> str:
    """The changes as a table (field · before → after) and the notes below it."""
    parts = [CSS]
    parts += [f"<p class='note'>⚠ {escape(note)}</p>" for note in notes]
    if changes:
        rows = "".join(
            f"<tr><td class='k'>{escape(c.label)}</td><td class='o'>{escape(c.before)}</td>"
            f"<td class='a'>→</td><td class='n'>{escape(c.after)}</td></tr>"
            for c in changes
        )
        parts.append(f"<table class='chg'>{rows}</table>")
    else:
        parts.append("<p>" + escape(_("Inga ändringar mot den förra.")) + "</p>")
    return "".join(parts)


class ReviewPage(QWidget):
    """What a save will change; the dialog's Spara on this page saves it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("subtitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setAccessibleName(_("Ändringar som sparas"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.body, 1)
        self.changes: list[FieldChange] = []
        self.notes: list[str] = []

    def show_changes(self, changes: list[FieldChange], notes: list[str], *, first: bool) -> None:
        self.changes, self.notes = changes, notes
        self.heading.setText(_("Kontrollera innan du sparar"))
        self.intro.setText(
            _("Detta är den första posten; så här sparas den.")
            if first
            else _("Så här skiljer sig det du sparar från den förra posten.")
        )
        self.body.setHtml(changes_html(changes, notes))

    def lines(self) -> list[str]:
        """The changes as the caseworker reads them (for tests and screen readers)."""
        return [c.line() for c in self.changes]


__all__ = ["ReviewPage", "changes_html"]
