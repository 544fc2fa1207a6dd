"""Follow-up statistics for a period: counts only, never personal data; counts from 1
to 4 are shown as "<5" by the store. Exported as CSV for the municipality's and the
national programme's reporting."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UtvagError
from app.i18n import _
from app.stats import HIDDEN, HIDDEN_NOTE, FollowUp
from app.store import Store
from ui.common import language, reports
from ui.common.date_field import DateField, dates_confirmed
from ui.common.errors import Banner

STYLE = (
    "<style>h3 { color: #1f4e5f; margin: 14px 0 4px 0; } table { border-collapse: collapse; }"
    " td { padding: 3px 18px 3px 0; border-bottom: 1px solid #e6e3dc; }"
    " td.n { text-align: right; font-weight: 600; }</style>"
)


def follow_up_html(result: FollowUp) -> str:
    parts = [STYLE]
    for table in result.tables:
        rows = "".join(
            f"<tr><td>{escape(label)}</td><td class='n'>{escape(count)}</td></tr>"
            for label, count in table.rows
        )
        parts.append(f"<h3>{escape(table.title)}</h3><table>{rows}</table>")
    if any(count == HIDDEN for table in result.tables for _label, count in table.rows):
        parts.append(f"<p>{escape(_(HIDDEN_NOTE))}</p>")
    return "".join(parts)


class StatsView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result: FollowUp | None = None
        self.banner = Banner(self)
        today = store.today()
        self.start = DateField(dt.date(today.year, 1, 1).isoformat(), today=store.today)
        self.until = DateField(today.isoformat(), today=store.today)
        self.run_button = QPushButton()
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.output = QTextBrowser()
        self.from_label, self.until_label = QLabel(), QLabel()
        self.from_label.setBuddy(self.start)
        self.until_label.setBuddy(self.until)
        top = QHBoxLayout()
        for widget in (self.from_label, self.start, self.until_label, self.until,
                       self.run_button):  # fmt: skip
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.output, 1)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.from_label.setText(_("Från"))
        self.until_label.setText(_("Till och med"))
        self.run_button.setText(_("Visa"))
        self.export_button.setText(_("Exportera CSV …"))
        self.pdf_button.setText(_("Exportera PDF …"))
        self.note.setText(_("Bara antal, inga personuppgifter. Antal från 1 till 4 visas som "
                            "”<5” så att ingen enskild kan pekas ut."))  # fmt: skip
        if self.result is not None:
            self.refresh()

    def refresh(self) -> None:
        if not dates_confirmed((self.start, self.until)):
            return
        try:
            self.result = self.store.follow_up(self.start.text(), self.until.text())
        except UtvagError as exc:
            self.banner.show_error(exc)
            return
        self.banner.clear()
        self.output.setHtml(follow_up_html(self.result))

    def export(self, fmt: str = "csv") -> None:
        """Save as CSV or PDF through the shared report helpers (atomic, audited)."""
        if not dates_confirmed((self.start, self.until)):
            return
        reports.save_follow_up(self, self.store, self.start.text(), self.until.text(), fmt,
                               banner=self.banner)  # fmt: skip


__all__ = ["StatsView", "follow_up_html"]
