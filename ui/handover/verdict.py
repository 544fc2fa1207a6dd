"""The verdict card shared by the packet check and the receipt import: a coloured
headline, a sentence, the facts and (when asked) a fingerprint."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.handover.common import mono_label

#: Colours of the verdict headline: good, needs a decision, refused.
TONES = {"good": "#1e6b3a", "decide": "#8a5300", "bad": "#a3261b"}


class VerdictPanel(QFrame):
    """The verdict as a headline and a sentence, with the packet's facts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictCard")
        self.headline = QLabel()
        self.message = QLabel(wordWrap=True)
        self.facts = QLabel(wordWrap=True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = mono_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.headline)
        layout.addWidget(self.message)
        layout.addWidget(self.facts)
        layout.addWidget(self.fingerprint)
        self.hide()

    def show_verdict(
        self, headline: str, tone: str, message: str, facts: list[tuple[str, str]] | None = None
    ) -> None:
        colour = TONES[tone]
        self.setStyleSheet(
            f"QFrame#verdictCard {{ background: white; border: 1px solid #dedbd3;"
            f" border-left: 6px solid {colour}; border-radius: 6px; }}"
        )
        self.headline.setText(headline)
        self.headline.setStyleSheet(f"font-size: 14pt; font-weight: 600; color: {colour};")
        self.message.setText(message)
        self.facts.setText(facts_html(facts or []))
        self.facts.setVisible(bool(facts))
        self.fingerprint.hide()
        self.show()

    def show_fingerprint(self, text: str) -> None:
        self.fingerprint.setText(text)
        self.fingerprint.show()


def facts_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#666; padding-right:14px; white-space:nowrap'>{escape(k)}</td>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


__all__ = ["TONES", "VerdictPanel", "facts_html"]
