"""Preview of a PDF held in memory: pages rendered with QtPdf from a QBuffer, so no
plaintext file is ever written. When QtPdf is not part of the build (it ships in
PySide6-Addons), the preview says so and shows the document's text outline instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _
from ui.optional import optional_module

_qtpdf = optional_module("PySide6.QtPdf")
PAGE_WIDTH = 560


def available() -> bool:
    return _qtpdf is not None


class PdfPreview(QScrollArea):
    """Pages one under the other, scaled to ``PAGE_WIDTH``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumHeight(320)
        self.setStyleSheet("QScrollArea { background: #8a8a8a; border: none; }")
        self._document: Any = None
        self._buffer: QBuffer | None = None
        self.pages: list[QLabel] = []
        self._clear()

    def _clear(self) -> None:
        body = QWidget()
        body.setStyleSheet("background: #8a8a8a;")
        self._column = QVBoxLayout(body)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._column.setSpacing(12)
        self.setWidget(body)
        self.pages = []
        if self._document is not None:
            self._document.close()
        self._document = None
        if self._buffer is not None:
            self._buffer.close()  # release the plaintext bytes
            self._buffer.setData(QByteArray())
        self._buffer = None

    def clear(self) -> None:
        self._clear()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def show_pdf(self, data: bytes, fallback_text: str = "", max_pages: int = 40) -> None:
        self._clear()
        if _qtpdf is None:
            self._text_fallback(fallback_text)
            return
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = _qtpdf.QPdfDocument(self)
        document.load(self._buffer)
        self._document = document
        for page in range(min(document.pageCount(), max_pages)):
            size = document.pagePointSize(page)
            height = int(PAGE_WIDTH * size.height() / max(size.width(), 1))
            image = document.render(page, QSize(PAGE_WIDTH * 2, height * 2))
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(2.0)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFixedSize(PAGE_WIDTH, height)
            label.setStyleSheet("background: white; border: 1px solid #6d6d6d;")
            label.setAccessibleName(_("Sida {number}").format(number=page + 1))
            self._column.addWidget(label)
            self.pages.append(label)
        if document.pageCount() > max_pages:
            more = QLabel(
                _("… och {count} sidor till.").format(count=document.pageCount() - max_pages)
            )
            more.setStyleSheet("color: white;")
            self._column.addWidget(more)

    def _text_fallback(self, text: str) -> None:
        note = QLabel(
            _("Förhandsvisning av sidor kräver Qt PDF (PySide6-Addons). Innehållet visas som text.")
        )
        note.setWordWrap(True)
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        self._column.addWidget(note)
        self._column.addWidget(view)
