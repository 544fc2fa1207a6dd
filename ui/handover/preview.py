"""Preview of a PDF held in memory: pages rendered with QtPdf from a QBuffer, so no
plaintext file is ever written. When QtPdf is not part of the build (it ships in
PySide6-Addons), the preview says so and shows the document's text outline instead."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QLayout, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _
from ui.optional import optional_module

_qtpdf = optional_module("PySide6.QtPdf")
PAGE_WIDTH = 560


def available() -> bool:
    return _qtpdf is not None


def render_pages(data: bytes, max_pages: int) -> tuple[list[tuple[QImage, int]], int]:
    """Rasterise up to ``max_pages`` pages from memory; return (image, height) pairs and
    the page count. The document and its buffer are closed and freed before returning,
    in that order (the document reads from the buffer until it is closed)."""
    assert _qtpdf is not None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = _qtpdf.QPdfDocument()
    try:
        document.load(buffer)
        total = document.pageCount()
        images = []
        for page in range(min(total, max_pages)):
            size = document.pagePointSize(page)
            height = int(PAGE_WIDTH * size.height() / max(size.width(), 1))
            images.append((document.render(page, QSize(PAGE_WIDTH * 2, height * 2)), height))
    finally:
        document.close()
        del document
        buffer.close()
        buffer.setData(QByteArray())
    return images, total


class PdfPreview(QScrollArea):
    """Pages one under the other, scaled to ``PAGE_WIDTH``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)  # the column keeps its pages' size and scrolls
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setMinimumHeight(320)
        self.setStyleSheet("QScrollArea { background: #8a8a8a; border: none; }")
        self.pages: list[QLabel] = []
        self._clear()

    def _clear(self) -> None:
        body = QWidget()
        body.setStyleSheet("background: #8a8a8a;")
        self._column = QVBoxLayout(body)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._column.setSpacing(12)
        self._column.setContentsMargins(16, 16, 16, 16)
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.setWidget(body)
        self.pages = []

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
        images, total = render_pages(data, max_pages)
        for number, (image, height) in enumerate(images, start=1):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(2.0)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFixedSize(PAGE_WIDTH, height)
            label.setStyleSheet("background: white; border: 1px solid #6d6d6d;")
            label.setAccessibleName(_("Sida {number}").format(number=number))
            self._column.addWidget(label)
            self.pages.append(label)
        if total > max_pages:
            more = QLabel(_("… och {count} sidor till.").format(count=total - max_pages))
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
        view.setMinimumSize(PAGE_WIDTH, 400)
        self._column.addWidget(view)
