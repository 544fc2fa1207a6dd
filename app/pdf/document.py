"""One page builder for every PDF the app makes (handover packets, receipts, reports).

Every page can show "sida X av Y": the total page count is a form XObject
(:data:`PAGES_FORM`) filled in when the document is saved, so one layout pass
suffices. :class:`Bookmark` adds an outline entry where it lands."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.i18n import _
from app.pdf import fonts, layout

PAGES_FORM = "utvagPageCount"


class Bookmark(Flowable):  # type: ignore[misc]
    """Zero-size flowable that adds an outline entry for the page it lands on."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class _CountingCanvas(Canvas):  # type: ignore[misc]
    """Defines the page-count form just before saving."""

    def save(self) -> None:
        total = self.getPageNumber() - 1
        self.beginForm(PAGES_FORM)
        self.setFont(fonts.REGULAR, 7.5)
        self.setFillColor(layout.MUTED)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


def draw_page_count(canvas: Canvas, right: float, baseline: float) -> None:
    """Draw "sida X av Y" ending at ``right`` (the caller has set font and colour)."""
    page_text = _("sida {page} av").format(page=canvas.getPageNumber()) + " "
    width = canvas.stringWidth("000", fonts.REGULAR, 7.5)
    canvas.drawRightString(right - width, baseline, page_text)
    canvas.translate(right - width, baseline)
    canvas.doForm(PAGES_FORM)


def build_document(
    flowables: list[Flowable],
    on_page: Callable[[Canvas], None],
    *,
    title: str,
    author: str,
    subject: str = "",
) -> bytes:
    """Lay out ``flowables`` on A4 pages in memory, decorating each page with
    ``on_page``; the page-count canvas makes "sida X av Y" possible in one pass."""
    fonts.register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=(layout.PAGE_W, layout.PAGE_H),
        leftMargin=layout.MARGIN_X,
        rightMargin=layout.MARGIN_X,
        topMargin=layout.MARGIN_TOP,
        bottomMargin=layout.MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Utväg",
        invariant=1,
    )

    def decorate_page(canvas: Canvas, _document: Any) -> None:
        on_page(canvas)

    doc.build(flowables, onFirstPage=decorate_page, onLaterPages=decorate_page,
              canvasmaker=_CountingCanvas)  # fmt: skip
    return buffer.getvalue()


__all__ = ["PAGES_FORM", "Bookmark", "build_document", "draw_page_count"]
