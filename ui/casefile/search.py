"""Full-text search across cases, people and journal text, with highlighted snippets,
filters (kind, case, period) and an honest count ("Visar 50 av 312 träffar", "Visa
fler").

The store searches off the UI thread (``ui.common.ops``): a search over a large journal
never freezes typing; one search runs at a time, and a result overtaken by a newer
query is dropped (the newest query then runs). The store
masks: protected names are never matched or shown before a reveal, and name words
inside snippets are blacked out. This view only escapes and highlights."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.store import Store
from app.store.records import SearchFilter, SearchHit, SearchResult
from app.store.search import COUNT_CAP, MAX_QUERY_CHARS, summary
from ui.common import language
from ui.common.date_field import DateField
from ui.common.errors import message_for
from ui.common.ops import Ops

DELAY_MS = 180
#: Hits shown at first and added by each "Visa fler".
PAGE = 50
#: The kind filter: (kinds, label); no kinds means every kind.
KIND_CHOICES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset(), N_("Allt")),
    (frozenset({"case"}), N_("Ärendenummer")),
    (frozenset({"person"}), N_("Namn")),
    (frozenset({"journal"}), N_("Journaltext")),
    (frozenset({"received"}), N_("Mottagna handlingar")),
)
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
    if hit.kind == "received":  # the sender's notes, filed as received documents
        meta = escape(_("Mottagen handling")) + " · " + meta
    body = snippet_html(hit.snippet) if hit.kind in ("journal", "received") else ""
    return (f"<p>{link} <span class='meta'>· {meta}{who}</span>"
            + (f"<br>{body}" if body else "") + "</p>")  # fmt: skip


class SearchView(QWidget):
    """Type to search; click a reference (or press Enter for the first) to open it."""

    open_case = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ops = Ops()
        self.ops.setParent(self)  # the view's own runner: typing never shows as "busy"
        self.hits: list[SearchHit] = []
        self.result: SearchResult | None = None
        self.limit = PAGE
        self._asked = 0  # searches started; only the newest one's result is shown
        self._answered = 0  # the newest search whose result (or failure) is shown
        self._running = False  # a search is under way on the view's runner
        self._open_when_done = False
        self.query = QLineEdit()
        self.query.setMaxLength(MAX_QUERY_CHARS)
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self._open_first)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.kind = QComboBox()
        self.case = QLineEdit()
        self.case.setMaxLength(40)
        self.start, self.until = DateField(today=store.today), DateField(today=store.today)
        for edit in (self.query, self.case):
            edit.textChanged.connect(self._changed)
        for field in (self.start, self.until):
            field.changed.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._clicked)
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.more = QPushButton()
        self.more.clicked.connect(self.show_more)
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.query)
        layout.addLayout(self._filter_row())
        counted = QHBoxLayout()
        counted.addWidget(self.count, 1)
        counted.addWidget(self.more)
        layout.addLayout(counted)
        layout.addWidget(self.results, 1)
        language.bind(self.retranslate)

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.labels = []
        for widget, width in ((self.kind, 0), (self.case, 150), (self.start, 0),
                              (self.until, 0)):  # fmt: skip
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            if width:
                widget.setMaximumWidth(width)
            row.addWidget(label)
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        self.query.setPlaceholderText(_("Sök i ärenden, personer och journaltext …"))
        texts = (_("&Typ:"), _("&Ärende:"), _("&Från:"), _("T&ill:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        index = max(0, self.kind.currentIndex())
        self.kind.blockSignals(True)
        self.kind.clear()
        for _kinds, name in KIND_CHOICES:
            self.kind.addItem(_(name))
        self.kind.setCurrentIndex(index)
        self.kind.blockSignals(False)
        self.case.setPlaceholderText(_("alla ärenden"))
        self.more.setText(_("Visa fler"))
        self._show()

    def _changed(self, *_args: object) -> None:
        self.limit = PAGE
        self.timer.start()

    def search_filter(self) -> tuple[str, str | None, str | None, frozenset[str]]:
        """What the filter fields ask for: case reference, period and kinds."""
        kinds = KIND_CHOICES[max(0, self.kind.currentIndex())][0]
        start, until = self.start.value(), self.until.value()
        return self.case.text().strip(), start, until, kinds

    def run(self) -> None:
        """Search (off the UI thread) for what the fields say now. While a search runs,
        a newer one waits for it and only the newest waiting one starts: a slow query
        never piles up behind fast typing."""
        self.timer.stop()
        self._asked += 1
        if not self._running:
            self._start()

    def _start(self) -> None:
        ticket, text = self._asked, self.query.text().strip()
        if not text:
            self.hits, self.result, self._answered = [], None, ticket
            self._show()
            return
        ref, start, until, kinds = self.search_filter()
        store, limit = self.store, self.limit

        def find() -> SearchResult:
            case_id = store.case_id_for_ref(ref) if ref else None
            return store.find(text, SearchFilter(case_id, start, until, kinds), limit=limit)

        self._running = True
        self.ops.run(find, on_done=lambda got: self._found(ticket, got),
                     on_error=lambda exc: self._failed(ticket, exc))  # fmt: skip

    def show_more(self) -> None:
        self.limit = min(COUNT_CAP, self.limit + PAGE)
        self.run()

    def _overtaken(self, ticket: int) -> bool:
        """The search ``ticket`` has finished; start the newest one asked for since."""
        self._running = False
        if ticket == self._asked:
            return False
        self._start()
        return True

    def _found(self, ticket: int, result: SearchResult) -> None:
        if self._overtaken(ticket):
            return
        self._answered = ticket
        self.result, self.hits = result, list(result.hits)
        self._show()
        if self._open_when_done and self.hits:
            self.open_case.emit(self.hits[0].case_ref)
        self._open_when_done = False

    def _failed(self, ticket: int, exc: Exception) -> None:
        if self._overtaken(ticket):
            return
        self._answered = ticket
        self.hits, self.result = [], None
        self._open_when_done = False
        self.more.hide()
        self.count.setText(message_for(exc))  # e.g. a malformed date, an unknown case
        self.results.setHtml("")

    def _show(self) -> None:
        if not self.query.text().strip() or self.result is None:
            self.count.setText("")
            self.results.setHtml("")
            self.more.hide()
            return
        self.count.setText(summary(self.result))
        self.more.setVisible(self.result.more and len(self.hits) < COUNT_CAP)
        if not self.hits:
            self.results.setHtml(f"<p>{escape(_('Inga träffar.'))}</p>")
            return
        self.results.setHtml(STYLE + "".join(hit_html(h) for h in self.hits))

    def _clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("case:"):
            self.open_case.emit(target.removeprefix("case:"))

    def _open_first(self) -> None:
        self._open_when_done = True
        self.run()

    @property
    def searching(self) -> bool:
        """A search has been started whose result is not shown yet."""
        return self._answered != self._asked


__all__ = ["SearchView", "hit_html", "snippet_html"]
