"""Typography and building blocks shared by the packet and receipt renderers: one
palette, paragraph styles on the embedded fonts, escaped paragraphs, tables."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.pdf import fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 24 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X

NAVY = colors.HexColor("#1F3A5F")
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5B6470")
RULE = colors.HexColor("#C9D1DB")
SHADE = colors.HexColor("#EEF2F6")
SECRECY = colors.HexColor("#9B1C1C")
CORRECTION = colors.HexColor("#FFF6E0")


@cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "body", fontName=fonts.REGULAR, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "cellhead": ParagraphStyle("cellhead", base, fontName=fonts.BOLD, fontSize=8.5, leading=11),
        "label": ParagraphStyle(
            "label", base, fontName=fonts.BOLD, fontSize=8.5, leading=11, textColor=MUTED
        ),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=fonts.BOLD,
            fontSize=22,
            leading=27,
            textColor=NAVY,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=12, leading=16, textColor=MUTED, spaceAfter=14
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=fonts.BOLD,
            fontSize=15,
            leading=19,
            textColor=NAVY,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=fonts.BOLD,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3", base, fontName=fonts.BOLD, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=2
        ),
        "original": ParagraphStyle(
            "original", base, fontName=fonts.OBLIQUE, fontSize=8.5, leading=11.5, textColor=MUTED
        ),
    }


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph of untrusted text: markup is escaped, line breaks kept."""
    safe = escape(str(text)).replace("\n", "<br/>")
    return Paragraph(safe, styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph whose markup we wrote ourselves (values must be escaped by the caller)."""
    return Paragraph(text, styles()[style])


def esc(text: object) -> str:
    return escape(str(text))


def _base_style(header: bool) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # reportlab names Helvetica for table cells by default: embed our font instead
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ]
    return commands


def grid(head: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    """A data table with a shaded header row; long cells wrap; repeats its header."""
    data: list[list[Flowable]] = [[para(h, "cellhead") for h in head]]
    data += [[c if isinstance(c, Flowable) else para(c, "cell") for c in row] for row in rows]
    table = Table(data, colWidths=[w * CONTENT_W for w in widths], repeatRows=1)
    table.setStyle(TableStyle(_base_style(header=True)))
    return table


def facts(rows: Sequence[tuple[str, object]], label_width: float = 0.3) -> Table:
    """Label/value pairs, labels muted on the left."""
    data = [
        [para(label, "label"), value if isinstance(value, Flowable) else para(value, "cell")]
        for label, value in rows
    ]
    widths = [label_width * CONTENT_W, (1 - label_width) * CONTENT_W]
    table = Table(data, colWidths=widths)
    table.setStyle(TableStyle(_base_style(header=False)))
    return table
