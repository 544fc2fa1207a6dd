"""The two page templates: the letterhead of handover documents and register
extracts (sender, secrecy marking, reference footer) and the plain report page
(one header line). Both end in "sida X av Y" (:func:`app.pdf.document.draw_page_count`)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.domain import legal
from app.i18n import N_, _
from app.pdf import fonts, layout
from app.pdf.document import build_document, draw_page_count

SECRECY_MARK = N_("Sekretess enligt {provision}")


def secrecy_mark() -> str:
    """The marking's first line: the provision, from the legal references file."""
    return _(SECRECY_MARK).format(provision=legal.cite("osl_social_secrecy"))


#: The marking's second line: when and by which nämnd (authority) it was made.
MARKED_BY = N_("{day}, {board}")


def board_name(board: str, municipality: str) -> str:
    """The nämnd as an authority is named: "Socialnämnden, Exempelby kommun" (the
    municipality added unless the nämnd's name already has it); empty without a nämnd."""
    board, municipality = board.strip(), municipality.strip()
    if not board or not municipality or municipality.casefold() in board.casefold():
        return board
    return f"{board}, {municipality}"


@dataclass(frozen=True)
class Letterhead:
    """What every page shows: the sender in the header, the reference in the footer, and
    the secrecy marking as a real one reads: provision, date, the nämnd that made it."""

    organisation: str
    unit: str
    footer: str
    marked_on: str = ""  # ISO date the marking was made (sealed, drawn up)
    marked_by: str = ""  # the nämnd that made it

    def marking(self) -> tuple[str, str]:
        """The marking's two lines (the second empty when date and nämnd are unknown)."""
        second = ""
        if self.marked_on and self.marked_by:
            second = _(MARKED_BY).format(day=self.marked_on[:10], board=self.marked_by)
        return secrecy_mark(), second


def decorate(canvas: Canvas, head: Letterhead) -> None:
    top = layout.PAGE_H - 14 * mm
    x0, x1 = layout.MARGIN_X, layout.PAGE_W - layout.MARGIN_X
    canvas.saveState()
    canvas.setFillColor(layout.NAVY)
    canvas.setFont(fonts.BOLD, 9)
    canvas.drawString(x0, top, head.organisation[:80])
    canvas.setFont(fonts.REGULAR, 7.5)
    canvas.setFillColor(layout.MUTED)
    canvas.drawString(x0, top - 10, head.unit[:90])
    _secrecy_box(canvas, x1, top - 3, head.marking())
    canvas.setStrokeColor(layout.NAVY)
    canvas.setLineWidth(0.8)
    canvas.line(x0, top - 17, x1, top - 17)
    _footer_rule(canvas)
    canvas.drawString(x0, 12 * mm, head.footer[:120])
    draw_page_count(canvas, x1, 12 * mm)
    canvas.restoreState()


def decorate_report(canvas: Canvas, title: str) -> None:
    """The report page: ``title`` above a rule, the page count in the footer."""
    x0, x1 = layout.MARGIN_X, layout.PAGE_W - layout.MARGIN_X
    top = layout.PAGE_H - 14 * mm
    canvas.saveState()
    canvas.setFillColor(layout.NAVY)
    canvas.setFont(fonts.BOLD, 9)
    canvas.drawString(x0, top, title[:90])
    canvas.setStrokeColor(layout.NAVY)
    canvas.setLineWidth(0.8)
    canvas.line(x0, top - 7, x1, top - 7)
    _footer_rule(canvas)
    draw_page_count(canvas, x1, 12 * mm)
    canvas.restoreState()


def _footer_rule(canvas: Canvas) -> None:
    """The thin rule above the footer; leaves the footer font and colour set."""
    bottom = 12 * mm
    canvas.setStrokeColor(layout.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(layout.MARGIN_X, bottom + 9, layout.PAGE_W - layout.MARGIN_X, bottom + 9)
    canvas.setFont(fonts.REGULAR, 7.5)
    canvas.setFillColor(layout.MUTED)


def _secrecy_box(canvas: Canvas, right: float, baseline: float, lines: tuple[str, str]) -> None:
    text, second = lines[0], lines[1][:70]
    width = max(canvas.stringWidth(text, fonts.BOLD, 8),
                canvas.stringWidth(second, fonts.REGULAR, 6.5)) + 12  # fmt: skip
    low = 8 if second else 0  # a second line: the box grows downwards, above the rule
    canvas.setStrokeColor(layout.SECRECY)
    canvas.setLineWidth(0.9)
    canvas.rect(right - width, baseline - 4 - low, width, 15 + low, stroke=1, fill=0)
    canvas.setFillColor(layout.SECRECY)
    canvas.setFont(fonts.BOLD, 8)
    canvas.drawRightString(right - 6, baseline + 1, text)
    if second:
        canvas.setFont(fonts.REGULAR, 6.5)
        canvas.drawRightString(right - 6, baseline - 8, second)


def build_pdf(flowables: list[Flowable], head: Letterhead, title: str) -> bytes:
    """Lay out ``flowables`` on letterhead pages, in memory."""
    return build_document(
        flowables,
        lambda canvas: decorate(canvas, head),
        title=title,
        author=head.organisation,
        subject=secrecy_mark(),
    )


__all__ = [
    "MARKED_BY",
    "SECRECY_MARK",
    "Letterhead",
    "board_name",
    "build_pdf",
    "decorate",
    "decorate_report",
    "secrecy_mark",
]
