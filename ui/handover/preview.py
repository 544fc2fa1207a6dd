"""Preview of a PDF held in memory: pages rendered with QtPdf (PySide6-Addons) from a
QBuffer, so no plaintext file is ever written."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _

PAGE_WIDTH = 560


def render_pages(data: bytes, max_pages: int) -> tuple[list[tuple[QImage, int]], int]:
    """Rasterise up to ``max_pages`` pages from memory; return (image, height) pairs and
    the page count. The document and its buffer are closed and freed before returning,
    in that order (the document reads from the buffer until it is closed)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
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

    def show_pdf(self, data: bytes, max_pages: int = 40) -> None:
        self._clear()
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
