"""Follow-up statistics (:class:`app.stats.FollowUp`) as a PDF, in memory.

Counts only, exactly as the store shows them ("<5" stays "<5"). The document holds no
personal data, so its pages carry no secrecy marking: the header names the report and
the footer "sida X av Y" (the page-count form from the handover renderer)."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from app.i18n import N_, _
from app.pdf import layout
from app.pdf.document import build_document
from app.pdf.layout import esc, facts, grid, markup, para
from app.pdf.pages import decorate_report
from app.stats import HIDDEN, HIDDEN_NOTE, FollowUp

NOTE = N_(
    "Bara antal, inga personuppgifter. Antal från 1 till 4 visas som ”<5” så att ingen "
    "enskild kan pekas ut."
)


def _count(text: str) -> Paragraph:
    style = ParagraphStyle("count", layout.styles()["cell"], alignment=TA_RIGHT)
    return Paragraph(esc(text), style)


def _story(report: FollowUp, municipality: str) -> list[Flowable]:
    rows: list[tuple[str, object]] = [
        (_("Period"), f"{report.start} – {report.until}"),
    ]
    if municipality:
        rows.insert(0, (_("Kommun"), municipality))
    out: list[Flowable] = [
        para(_("Uppföljningsstatistik"), "title"),
        facts(rows),
        Spacer(1, 3 * mm),
        para(_(NOTE), "small"),
    ]
    if any(count == HIDDEN for table in report.tables for _label, count in table.rows):
        out.append(para(_(HIDDEN_NOTE), "small"))
    for table in report.tables:
        body = [[label, _count(count)] for label, count in table.rows]
        out += [CondPageBreak(40 * mm), markup(esc(table.title), "h2")]
        if body:
            out.append(grid([_("Kategori"), _("Antal")], body, [0.8, 0.2]))
        else:
            out.append(para(_("Inga uppgifter för perioden."), "small"))
    return out


def render_follow_up(report: FollowUp, *, municipality: str = "") -> bytes:
    """The statistics as PDF bytes (never written here)."""
    parts = (municipality, _("Uppföljningsstatistik"), f"{report.start} – {report.until}")
    header = " · ".join(x for x in parts if x)
    title = _("Uppföljningsstatistik {start} – {until}").format(
        start=report.start, until=report.until
    )
    return build_document(
        _story(report, municipality),
        lambda canvas: decorate_report(canvas, header),
        title=title,
        author=municipality,
    )


__all__ = ["render_follow_up"]
