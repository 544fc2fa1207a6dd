"""Pieces the handover dialogs share: certificate facts, the fingerprint block for
reading aloud, reading a chosen file into memory, and a titled dialog frame."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from app.clock import Clock
from app.crypto.identity import Certificate
from app.errors import file_problem
from app.i18n import _
from ui.common.errors import Banner
from ui.common.fit import ScrollingDialog

MAX_FILE_BYTES = 64 * 1024 * 1024
T = TypeVar("T", bound=QObject)


def fingerprint_lines(cert: Certificate) -> str:
    """The SHA-256 fingerprint as four lines of four groups: easy to read by phone."""
    groups = cert.fingerprint_readable.split()
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


def mono_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("fingerprint")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(11)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(
        "QLabel#fingerprint { background: white; border: 1px solid #c9c6bd;"
        " border-radius: 6px; padding: 8px 10px; }"
    )
    return label


def day(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d")


def validity_text(cert: Certificate, now: dt.datetime) -> str:
    span = _("{start} – {end}").format(start=day(cert.not_before), end=day(cert.not_after))
    problem = cert.validity_problem(now)
    if problem:
        return _("{span} (ogiltigt: {problem})").format(span=span, problem=_(problem))
    return _("{span} (giltigt)").format(span=span)


class CertificateFacts(QWidget):
    """Subject, issuer, validity (at the session clock's moment) and fingerprint of
    one certificate."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.subject = QLabel(wordWrap=True)
        self.issuer = QLabel(wordWrap=True)
        self.validity = QLabel(wordWrap=True)
        self.fingerprint = mono_label()
        for label in (self.subject, self.issuer, self.validity):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(_("Innehavare"), self.subject)
        self.form.addRow(_("Utfärdare"), self.issuer)
        self.form.addRow(_("Giltighet"), self.validity)
        self.form.addRow(_("Fingeravtryck (SHA-256)"), self.fingerprint)

    def show_certificate(self, cert: Certificate | None) -> None:
        self.subject.setText(cert.subject if cert else "—")
        self.issuer.setText(cert.issuer if cert else "—")
        now = self.clock.now()
        invalid = bool(cert and cert.validity_problem(now))
        self.validity.setText(validity_text(cert, now) if cert else "—")
        self.validity.setProperty("invalid", invalid)
        self.validity.setStyleSheet("color: #a3261b; font-weight: 600;" if invalid else "")
        self.fingerprint.setText(fingerprint_lines(cert) if cert else "—")


def choose_file(parent: QWidget, title: str, filters: str, banner: Banner) -> bytes | None:
    """Ask for a file and read it into memory. None when the person cancelled, or when
    the file cannot be read (then ``banner`` says which file and what to do)."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", filters)
    if not name:
        return None
    try:
        return read_file(Path(name))
    except OSError as exc:
        banner.show_error(file_problem(exc, name))
        return None


def read_file(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)[: MAX_FILE_BYTES + 1]


def own(parent: QObject, child: T) -> T:
    """Parent a helper QObject (a private ``Ops`` or clipboard guard) to its window, so
    Qt destroys it with the window on the UI thread rather than Python's collector
    destroying it later on whichever thread happens to collect."""
    child.setParent(parent)
    return child


class HandoverDialog(ScrollingDialog):
    """A dialog with a title, an explanatory line and an inline message banner. Its
    content (``layout_``) scrolls when the screen is small; buttons go in ``footer``."""

    def __init__(self, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = self.body
        self.layout_.setSpacing(10)
        heading = QLabel(title)
        heading.setObjectName("title")
        self.intro = QLabel(intro, wordWrap=True)
        self.intro.setObjectName("subtitle")
        self.banner = Banner(self)
        self.layout_.addWidget(heading)
        self.layout_.addWidget(self.intro)
        self.layout_.addWidget(self.banner)
