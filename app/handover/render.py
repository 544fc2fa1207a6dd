"""Render a validated payload to an unsealed PDF, in memory (reportlab platypus).

Every page carries the secrecy marking and "packet id, page X of Y"; the total page
count is a form XObject filled in when the document is saved, so one pass suffices.
Each section gets a bookmark. Text the embedded fonts cannot show is refused before
anything is drawn (:func:`app.pdf.fonts.require_renderable`)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from app.domain import legal
from app.handover import labels
from app.handover import render_case as case
from app.handover import render_sections as sec
from app.handover.schema import SECTIONS
from app.i18n import N_, _
from app.pdf import fonts
from app.pdf.document import Bookmark
from app.pdf.layout import esc, facts, markup, para
from app.pdf.pages import Letterhead, board_name, build_pdf


def letterhead(payload: dict[str, Any]) -> Letterhead:
    packet, sender = payload["packet"], payload["sender"]
    footer = _("Överlämning {ref} · paket-id {id}").format(ref=packet["case_ref"], id=packet["id"])
    # the sending nämnd marks it (its municipality until the profile names the nämnd)
    board = board_name(sender.get("board", ""), sender["municipality"]) or sender["municipality"]
    return Letterhead(sender["municipality"], sender.get("unit", ""), footer,
                      marked_on=str(packet["sealed_at"])[:10], marked_by=board)  # fmt: skip


def _cover(payload: dict[str, Any]) -> list[Flowable]:
    packet, sender = payload["packet"], payload["sender"]
    recipients = _recipients_text(payload)
    officer = ", ".join(x for x in (sender["officer"], sender.get("officer_title", "")) if x)
    organisation = (sender.get("board", ""), sender["municipality"], sender.get("unit", ""))
    rows: list[tuple[str, object]] = [
        (_("Avsändare"), "\n".join(x for x in organisation if x)),
        (_("Kontaktperson"), officer),
        (_("Telefon"), sender.get("phone") or "–"),
        (_("E-post"), sender.get("email") or "–"),
        (_("Mottagare"), recipients),
        (_("Förseglad"), str(packet["sealed_at"])[:16].replace("T", " ") + " UTC"),
        (_("Paket-id"), packet["id"]),
    ]
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


def _recipients_text(payload: dict[str, Any]) -> str:
    """The receiving nämnd and unit, then what the packet is sealed to (a passphrase is
    transport, never the recipient)."""
    sealed = [r for r in payload["recipients"] if r["kind"] == "certificate"]
    receiver = payload.get("receiver")
    lines = [receiver["board"], receiver.get("unit", "")] if receiver else []
    if sealed:
        lines += [", ".join(x for x in (r["name"], r.get("organisation", "")) if x) for r in sealed]
    elif receiver:
        lines.append(_("(förseglat med engångslösenfras)"))
    else:  # a packet from before the receiver was named
        lines += [r["name"] for r in payload["recipients"]]
    return "\n".join(x for x in lines if x)


def _transfer_text(transfer: dict[str, Any]) -> str:
    parts = [transfer["to_municipality"]]
    if transfer.get("requested_on"):
        parts.append(_("begäran skickad {date}").format(date=transfer["requested_on"]))
    decision = transfer.get("decision") or {}
    if decision.get("answer") == "accepted":
        parts.append(_("beslut att ta över {date} ({who})").format(
            date=decision.get("decided_on", "–"), who=decision.get("decided_by", "–")))  # fmt: skip
    elif transfer.get("ivo_possible_from"):  # the month after which IVO may be asked
        parts.append(_("ansökan till IVO möjlig från {date} om inget beslut kommer").format(
            date=transfer["ivo_possible_from"]))  # fmt: skip
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
    if section == "summary":
        return case.summary(content.get("summary"))
    if section == "decisions":
        return case.decisions(content["decisions"])
    if section == "person":
        return sec.person(content["person"], content.get("identity_disclosure"))
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
    return case.journal(content["journal"], payload.get("period"))


#: Titles of parts that are not chosen sections, or that split one section in two.
TITLES = {
    "summary": N_("Sammanfattning och bakgrund"),
    "reasons": N_("Skäl för överlämningen och klientens önskemål"),
    "assessment": N_("Bedömning och rekommendationer"),
    "technical": N_("Tekniska uppgifter"),
}
#: Document order (a Swedish handover's): (part, the section it needs or None).
ORDER: tuple[tuple[str, str | None], ...] = (
    ("summary", None), ("person", "person"), ("child", "child"), ("decisions", "decisions"),
    ("reasons", None), ("threat", "threat"), ("safety_plan", "safety_plan"),
    ("motivation", "motivation"), ("assessment", "summary"), ("consents", "consents"),
    ("actors", "actors"), ("tasks", "tasks"), ("journal", "journal"), ("technical", None),
)  # fmt: skip


def _part(payload: dict[str, Any], part: str) -> list[Flowable]:
    content = payload["content"]
    if part == "summary":
        chosen = "summary" in payload["sections"]
        text = _section(payload, "summary") if chosen else []
        return [*text, markup(esc(_("Ärendeuppgifter")), "h2"), *_case_facts(content["case"])]
    if part == "reasons":
        return case.reasons(payload["packet"].get("transfer_request"))
    if part == "assessment":
        return case.assessment(content.get("summary"))
    if part == "technical":
        return case.technical(payload)
    return _section(payload, part)


def story(payload: dict[str, Any]) -> list[Flowable]:
    out = _cover(payload)
    first = True
    for part, needs in ORDER:
        if needs is not None and needs not in payload["sections"]:
            continue
        title = _(TITLES[part]) if part in TITLES else _(SECTIONS[part])
        if first or part in ("journal", "motivation", "technical"):
            out.append(PageBreak())
        else:  # a heading never ends a page alone
            out += [CondPageBreak(60 * mm), Spacer(1, 8 * mm)]
        first = False
        out += [Bookmark(part, title), markup(esc(title), "h1"), *_part(payload, part)]
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
