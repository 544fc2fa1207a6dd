"""The printable recovery sheet: one A4 page with the vault's recovery key, made in
memory (reportlab) for the municipality's safe. It holds no case data."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from app.i18n import _
from app.pdf import fonts

LEFT = 25 * mm


def render(
    recovery_key: str,
    vault_id: str,
    *,
    caseworker: str = "",
    municipality: str = "",
    created: date,
) -> bytes:
    """Return the PDF bytes; the caller writes them atomically where the user chose."""
    fonts.register()  # embedded DejaVu Sans: every Swedish name prints as typed
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(_("Utväg – återställningsblad"))
    pdf.setAuthor("Utväg")
    y = _header(pdf, A4[1] - 30 * mm)
    rows = (
        (_("Valv-id"), vault_id),
        (_("Skapat"), created.isoformat()),
        (_("Handläggare"), caseworker),
        (_("Kommun"), municipality),
    )
    for label, value in rows:
        pdf.setFont(fonts.BOLD, 11)
        pdf.drawString(LEFT, y, label)
        pdf.setFont(fonts.REGULAR, 11)
        pdf.drawString(LEFT + 40 * mm, y, value)
        y -= 7 * mm
    y = _key_box(pdf, y - 8 * mm, recovery_key)
    pdf.setFont(fonts.REGULAR, 10.5)
    for line in _instructions():
        pdf.drawString(LEFT, y, line)
        y -= 6 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _header(pdf: canvas.Canvas, y: float) -> float:
    pdf.setFont(fonts.BOLD, 20)
    pdf.drawString(LEFT, y, _("Utväg – återställningsblad"))
    y -= 9 * mm
    pdf.setFont(fonts.REGULAR, 10)
    pdf.drawString(
        LEFT, y, _("Omfattas av sekretess. Förvaras inlåst, t.ex. i kommunens kassaskåp.")
    )
    return float(y - 16 * mm)


def _key_box(pdf: canvas.Canvas, y: float, recovery_key: str) -> float:
    pdf.setFont(fonts.BOLD, 12)
    pdf.drawString(LEFT, y, _("Återställningsnyckel"))
    y -= 16 * mm
    pdf.setLineWidth(0.8)
    pdf.roundRect(LEFT - 4 * mm, y - 6 * mm, A4[0] - 2 * LEFT + 8 * mm, 18 * mm, 3 * mm)
    pdf.setFont("Courier-Bold", 15)  # ASCII only; a fixed pitch keeps the groups aligned
    pdf.drawString(LEFT, y, recovery_key)
    return float(y - 22 * mm)


def _instructions() -> list[str]:
    return [
        _("Nyckeln öppnar valvet på vilken dator som helst, även utan lösenfrasen."),
        _("Använd den om lösenfrasen är glömd eller om valvet flyttas till en ny dator:"),
        _("välj ”Använd återställningsnyckel” i Utväg och ange en ny lösenfras."),
        _("Tecknen 0/O och 1/I/L räknas som samma. Bindestrecken behöver inte skrivas."),
        _("Förvara bladet inlåst. Den som har nyckeln och valvet kan läsa alla akter."),
    ]
