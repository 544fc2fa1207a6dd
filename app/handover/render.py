"""Render a validated payload to an unsealed PDF, in memory (reportlab platypus).

Every page carries the secrecy marking and "packet id, page X of Y"; the total page
count is a form XObject filled in when the document is saved, so one pass suffices.
Each section gets a bookmark. Text the embedded fonts cannot show is refused before
anything is drawn (:func:`app.pdf.fonts.require_renderable`)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from app.crypto.identity import format_fingerprint
from app.domain import legal
from app.handover import labels
from app.handover import render_sections as sec
from app.handover.schema import SECTIONS
from app.i18n import N_, _
from app.pdf import fonts
from app.pdf.document import Bookmark
from app.pdf.layout import esc, facts, markup, para
from app.pdf.pages import Letterhead, build_pdf


def letterhead(payload: dict[str, Any]) -> Letterhead:
    packet, sender = payload["packet"], payload["sender"]
    footer = _("Överlämning {ref} · paket-id {id}").format(ref=packet["case_ref"], id=packet["id"])
    return Letterhead(sender["municipality"], sender.get("unit", ""), footer)


def _cover(payload: dict[str, Any]) -> list[Flowable]:
    packet, sender = payload["packet"], payload["sender"]
    recipients = "\n".join(
        ", ".join(x for x in (r["name"], r.get("organisation", "")) if x)
        for r in payload["recipients"]
    )
    officer = ", ".join(x for x in (sender["officer"], sender.get("officer_title", "")) if x)
    rows: list[tuple[str, object]] = [
        (_("Avsändare"), f"{sender['municipality']}\n{sender.get('unit', '')}\n{officer}".strip()),
        (_("Mottagare"), recipients),
        (_("Förseglad"), str(packet["sealed_at"])[:16].replace("T", " ") + " UTC"),
        (_("Paket-id"), packet["id"]),
        (_("Paketnummer för ärendet"), str(packet["sequence"])),
    ]
    if sender.get("identity_fingerprint"):
        rows.append(
            (
                _("Avsändarens certifikat (SHA-256)"),
                format_fingerprint(bytes.fromhex(sender["identity_fingerprint"])),
            )
        )
    if packet.get("expires_at"):
        rows.append((_("Giltigt till"), str(packet["expires_at"])[:10]))
    transfer = packet.get("transfer_request")
    if transfer:
        rows.append((_("Överflyttning till"), _transfer_text(transfer)))
    out: list[Flowable] = [
        Bookmark("cover", _("Försättsblad")),
        Spacer(1, 10 * mm),
        para(_("Överlämning av ärende"), "title"),
        para(_("Ärende {ref}").format(ref=packet["case_ref"]), "subtitle"),
        facts(rows),
        markup(esc(_("Innehåll")), "h2"),
        para("\n".join(_contents(payload))),
        markup(esc(_("Rättslig grund för utlämnandet")), "h2"),
        para(payload["legal_basis"]["text"]),
    ]
    out += _consent_summary(payload["legal_basis"].get("consent"))
    notice = _(_NOTICE_TEXT).format(provision=legal.cite("osl_social_secrecy", long=True))
    out += [Spacer(1, 8 * mm), para(notice, "small")]
    return out


_NOTICE_TEXT = N_(
    "Handlingen innehåller uppgifter som omfattas av sekretess enligt {provision}. Den är "
    "förseglad med en elektronisk underskrift och krypterad till mottagaren. Ändringar efter "
    "förseglingen gör underskriften ogiltig. Förvara och gallra handlingen enligt "
    "mottagarens dokumenthanteringsplan."
)


def _transfer_text(transfer: dict[str, Any]) -> str:
    parts = [transfer["to_municipality"]]
    if transfer.get("requested_on"):
        parts.append(_("begäran skickad {date}").format(date=transfer["requested_on"]))
    if transfer.get("answer_due"):
        parts.append(_("svar senast {date}").format(date=transfer["answer_due"]))
    return ", ".join(parts)


def _contents(payload: dict[str, Any]) -> list[str]:
    lines = []
    for section in payload["sections"]:
        line = "• " + _(SECTIONS[section])
        if section == "journal":
            period = payload.get("period") or {}
            line += " " + _("({start} – {end})").format(
                start=period.get("from") or _("från början"), end=period.get("until") or _("idag")
            )
        lines.append(line)
    return lines or [_("Endast ärendeuppgifter.")]


def _consent_summary(consent: dict[str, Any] | None) -> list[Flowable]:
    if not consent:
        return []
    data = consent["data"]
    text = _("Samtycke till {recipient}, givet {given} ({how}), gäller till {until}.").format(
        recipient=data.get("recipient", "–"),
        given=data.get("given_on", "–"),
        how=labels.record_value(consent, "given_how"),
        until=data.get("valid_until", "–"),
    )
    return [Spacer(1, 3), para(text, "small")]


def _case_facts(case: dict[str, Any]) -> list[Flowable]:
    rows = [
        (_(label), labels.case_value(key, case[key]))
        for key, label in labels.CASE_LABELS.items()
        if case.get(key)
    ]
    return [facts(rows)]


def _section(payload: dict[str, Any], section: str) -> list[Flowable]:
    content = payload["content"]
    journal_days = [str(e["occurred_on"]) for e in content.get("journal", [])]
    if section == "person":
        return sec.person(content["person"])
    if section == "threat":
        return sec.threat(content.get("threat"), content.get("threat_history", []))
    if section == "safety_plan":
        return sec.safety_plan(content["safety_plan"])
    if section == "motivation":
        threats = content.get("threat_history", []) + [t for t in [content.get("threat")] if t]
        return sec.motivation(content["motivation"], threats, journal_days)
    if section == "consents":
        return sec.consents(content["consents"])
    if section == "child":
        return sec.child(content["child"])
    if section == "actors":
        return sec.actors(content["actors"])
    if section == "tasks":
        return sec.tasks(content["tasks"])
    return sec.journal(content["journal"], payload.get("period"))


def story(payload: dict[str, Any]) -> list[Flowable]:
    out = _cover(payload)
    out += [
        PageBreak(),
        Bookmark("case", _("Ärendeuppgifter")),
        markup(esc(_("Ärendeuppgifter")), "h1"),
        *_case_facts(payload["content"]["case"]),
    ]
    for section in payload["sections"]:
        title = _(SECTIONS[section])
        if section in ("journal", "motivation"):
            out.append(PageBreak())
        else:
            out.append(Spacer(1, 8 * mm))
        out += [Bookmark(section, title), markup(esc(title), "h1"), *_section(payload, section)]
    return [*out, *_closing(payload)]


def _closing(payload: dict[str, Any]) -> list[Flowable]:
    """Where the handing-over officer would sign a paper file: who sealed it, and that
    the electronic seal (not a handwritten signature) is what makes it authentic."""
    sender = payload["sender"]
    officer = ", ".join(x for x in (sender["officer"], sender.get("officer_title", "")) if x)
    text = _(
        "Överlämnad av {officer}, {municipality}. Handlingen är förseglad elektroniskt "
        "{date}; förseglingen ersätter namnunderskrift."
    ).format(
        officer=officer,
        municipality=sender["municipality"],
        date=str(payload["packet"]["sealed_at"])[:10],
    )
    return [
        CondPageBreak(40 * mm),
        Spacer(1, 10 * mm),
        para(text, "small"),
        para(_("Slut på handlingen."), "small"),
    ]


def render(payload: dict[str, Any]) -> bytes:
    """The unsealed document for a validated payload, as bytes (never written)."""
    fonts.require_renderable(payload)
    title = _("Överlämning {ref}").format(ref=payload["packet"]["case_ref"])
    return build_pdf(story(payload), letterhead(payload), title)
