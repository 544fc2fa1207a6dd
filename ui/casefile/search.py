"""Full-text search across cases, people and journal text, with highlighted snippets.

The store masks: protected names are never matched or shown before a reveal, and name
words inside snippets are blacked out. This view only escapes and highlights."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import _
from app.store import Store
from app.store.records import SearchHit
from app.store.search import MAX_QUERY_CHARS
from ui.common import language

DELAY_MS = 180
STYLE = (
    "<style>a { color: #1f4e5f; font-weight: 600; text-decoration: none; }"
    " .meta { color: #666; } b.hit { background: #fbe7a1; } p { margin: 0 0 10px 0; }</style>"
)


def snippet_html(snippet: str) -> str:
    """The store marks matches with [ and ]; escape everything else, then highlight."""
    text = escape(snippet)
    return text.replace("[", "<b class='hit'>").replace("]", "</b>")


def hit_html(hit: SearchHit) -> str:
    link = f"<a href='case:{escape(hit.case_ref)}'>{escape(hit.case_ref)}</a>"
    who = escape(hit.name)
    meta = escape(hit.occurred[:10]) + " · " if hit.occurred else ""
    body = snippet_html(hit.snippet) if hit.kind == "journal" else ""
    return (f"<p>{link} <span class='meta'>· {meta}{who}</span>"
            + (f"<br>{body}" if body else "") + "</p>")  # fmt: skip


class SearchView(QWidget):
    """Type to search; click a reference (or press Enter for the first) to open it."""

    open_case = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.hits: list[SearchHit] = []
        self.query = QLineEdit()
        self.query.setMaxLength(MAX_QUERY_CHARS)
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self._open_first)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._clicked)
        self.count = QLabel()
        self.count.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.query.setPlaceholderText(_("Sök i ärenden, personer och journaltext …"))
        self._show()

    def run(self) -> None:
        self.timer.stop()
        text = self.query.text().strip()
        self.hits = self.store.search(text) if text else []
        self._show()

    def _show(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.count.setText("")
            self.results.setHtml("")
            return
        self.count.setText(_("{count} träffar").format(count=len(self.hits)))
        if not self.hits:
            self.results.setHtml(f"<p>{escape(_('Inga träffar.'))}</p>")
            return
        self.results.setHtml(STYLE + "".join(hit_html(h) for h in self.hits))

    def _clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("case:"):
            self.open_case.emit(target.removeprefix("case:"))

    def _open_first(self) -> None:
        self.run()
        if self.hits:
            self.open_case.emit(self.hits[0].case_ref)


__all__ = ["SearchView", "hit_html", "snippet_html"]
