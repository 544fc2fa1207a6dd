"""The received tab of a case that came from another authority: the sender's journal
entries, assessments, plans and consents as received documents (*inkomna handlingar*),
each with its original author and date, under "Mottaget från X den Y". They are read
here; they are not this nämnd's journal and a received consent is never in force."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.store.received import ReceivedDocumentRow
from app.store.records import CaseFile
from ui.casefile.context import CaseContext
from ui.casefile.table import Column, ListModel, select_first, table_view
from ui.common import language


def columns(ctx: CaseContext) -> list[Column[ReceivedDocumentRow]]:
    """The list's columns; the content's first line blacks out protected names."""
    return [
        Column(N_("Datum"), lambda d: d.occurred[:10]),
        Column(N_("Handling"), lambda d: d.title),
        Column(N_("Upprättad av"), lambda d: d.author),
        Column(N_("Mottaget från"), lambda d: d.sender),
        Column(N_("Innehåll"), lambda d: ctx.mask(d.text.split("\n", 1)[0])),
    ]


def heading(file: CaseFile) -> str:
    """"Mottaget från X den Y" for each packet, with the sender's reference."""
    seen: dict[tuple[str, str], None] = {}
    for doc in file.received:
        seen[(doc.sender, doc.received_on)] = None
    lines = [
        _("Mottaget från {sender} den {date}").format(sender=sender, date=day)
        for sender, day in seen
    ]
    if file.case.their_ref:
        lines.append(_("Deras referens: {ref}").format(ref=file.case.their_ref))
    return "\n".join(lines)


class ReceivedTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel(wordWrap=True)
        self.heading.setObjectName("receivedHeading")
        self.heading.setStyleSheet("font-weight: 600; color: #1f4e5f;")
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("hint")
        self.model: ListModel[ReceivedDocumentRow] = ListModel(columns(ctx))
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(split, 1)
        self.file: CaseFile | None = None
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.note.setText(
            _(
                "Handlingar från en annan myndighet, med ursprunglig författare och datum. "
                "De är inte nämndens egna journalanteckningar, och mottagna samtycken gäller "
                "inte här."
            )
        )
        self.model.retranslate()
        if self.file is not None:
            self.heading.setText(heading(self.file))
            self._show_current()  # the detail pane's words follow the language too

    def show_file(self, file: CaseFile) -> None:
        self.file = file
        self.heading.setText(heading(file))
        self.model.set_rows(list(reversed(file.received)))  # newest first, as the journal
        select_first(self.table)
        self._show_current()

    def _show_current(self) -> None:
        doc = self.model.row_at(self.table.currentIndex())
        if doc is None:
            self.detail.setHtml("")
            return
        meta = _("{date} · upprättad av {author} · mottagen från {sender} den {received}").format(
            date=doc.occurred[:10], author=doc.author, sender=doc.sender, received=doc.received_on
        )
        body = escape(self.ctx.mask(doc.text)).replace("\n", "<br>")
        self.detail.setHtml(
            f"<h3>{escape(doc.title)}</h3><p style='color:#666'>{escape(meta)}</p><p>{body}</p>"
        )


__all__ = ["ReceivedTab", "columns", "heading"]
