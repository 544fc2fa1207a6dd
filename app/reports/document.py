"""Lay out a report on A4 pages in memory with the handover renderer's page-count canvas
(so "sida X av Y" needs one pass), for reports whose pages are decorated differently
from the handover letterhead (:func:`app.handover.render.build_pdf` always draws it)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from app.handover import fonts, layout
from app.handover.render import _CountingCanvas


def build(
    flowables: list[Flowable], on_page: Callable[[Canvas], None], *, title: str, author: str,
    subject: str = "",
) -> bytes:  # fmt: skip
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
        initialFontName=fonts.REGULAR,
        initialFontSize=9.5,
    )

    def decorate(canvas: Canvas, _document: Any) -> None:
        on_page(canvas)

    doc.build(flowables, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_CountingCanvas)
    return buffer.getvalue()


__all__ = ["build"]
