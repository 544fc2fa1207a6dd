"""The register extract (*registerutdrag*, GDPR art. 15) as a PDF, in memory.

The document is for the person it concerns, so their name is shown. It uses the
handover letterhead (secrecy marking and "sida X av Y" on every page, embedded fonts)
and section renderers; only the cover and the order of the sections are its own.
Nothing is written to disk here: the caller saves the bytes where the user chose."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from app.domain import legal
from app.domain.case import ReferralSource
from app.errors import ValidationError
from app.handover import render_sections as sec
from app.handover.errors import UnrenderableText
from app.i18n import N_, _
from app.pdf import fonts
from app.pdf.document import Bookmark
from app.pdf.layout import esc, facts, grid, markup, para
from app.pdf.pages import Letterhead, build_pdf
from app.reports import extract_sections as parts
from app.store.records import AuditRow, CaseFile, RegisterExtract

Flowables = list[Flowable]

LEGAL_BASIS = N_(
    "Du har rätt att få veta vilka personuppgifter om dig som behandlas och att få en "
    "kopia av dem ({access}). En begäran ska besvaras utan onödigt dröjsmål och senast "
    "inom en månad. Uppgifter som omfattas av sekretess, till exempel uppgifter om andra "
    "personer enligt {secrecy}, lämnas inte ut ({limit}). Delar av utdraget kan därför "
    "vara begränsade."
)
PURPOSE = N_(
    "Uppgifterna behandlas för att handlägga och dokumentera stöd till dig inom "
    "socialtjänsten (socialtjänstlagen och lagen om behandling av personuppgifter inom "
    "socialtjänsten). De gallras enligt kommunens dokumenthanteringsplan, som regel fem år "
    "efter den sista anteckningen i ärendet."
)
RIGHTS = N_(
    "Du kan begära att felaktiga uppgifter rättas; en rättelse sparas tillsammans med den "
    "tidigare texten, som i journalen nedan. Du kan klaga hos Integritetsskyddsmyndigheten "
    "(IMY) om du anser att dina personuppgifter behandlas felaktigt."
)


class ExtractUnrenderable(ValidationError):
    template = (
        "Registerutdraget kan inte skapas: fältet {field} innehåller tecken som "
        "typsnittet inte kan visa ({codepoints}). Transkribera texten i ärendet, eller "
        "lämna ut just den uppgiften på annat sätt."
    )


#: Disclosure-log events that are sources (information received), not recipients.
_INCOMING = frozenset({"handover_imported"})
_EVENTS = {
    "handover_imported": N_("Mottaget från annan myndighet"),
    "handover_exported": N_("Överlämning till annan myndighet"),
    "exported": N_("Export"),
    "printed": N_("Utskrift"),
}


def _full_name(extract: RegisterExtract) -> str:
    p = extract.person
    return " ".join(x for x in (p.given_names, p.family_name) if x) or p.name


def _contents(extract: RegisterExtract) -> str:
    lines = [_("• Identitetsuppgifter")]
    for file in extract.cases:
        lines.append(_("• Ärende {ref}: journal, bedömningar, säkerhetsplaner, samtycken och "
                       "beslut").format(ref=file.case.ref))  # fmt: skip
    if extract.related_in:
        lines.append(_("• Ärenden där du är närstående"))
    lines.append(_("• Utlämnanden av uppgifterna"))
    return "\n".join(lines)


def _controller(municipality: str, controller: str) -> str:
    """The data controller is the nämnd, not the municipality (art. 4.7, art. 15)."""
    if controller:
        return controller
    return _("{municipality} (nämnden är inte angiven i valvets profil)").format(
        municipality=municipality or "–")


def _cover(
    extract: RegisterExtract, requested_by: str, municipality: str, controller: str = ""
) -> Flowables:
    rows: list[tuple[str, object]] = [
        (_("Avser"), _full_name(extract)),
        (_("Datum"), extract.created[:10]),
        (_("Personuppgiftsansvarig"), _controller(municipality, controller)),
        (_("Upprättat av"), requested_by or "–"),
        (_("Antal ärenden"), str(len(extract.cases))),
    ]
    return [
        Bookmark("cover", _("Försättsblad")),
        Spacer(1, 10 * mm),
        para(_("Registerutdrag"), "title"),
        para(_("Uppgifter om {name}").format(name=_full_name(extract)), "subtitle"),
        facts(rows),
        markup(esc(_("Rättslig grund")), "h2"),
        para(
            _(LEGAL_BASIS).format(
                access=legal.cite("gdpr_access"),
                secrecy=legal.cite("osl_chapter_social"),
                limit=legal.cite("dsl_secrecy_limit"),
            )
        ),
        markup(esc(_("Ändamål och lagring")), "h2"),
        para(_(PURPOSE)),
        markup(esc(_("Dina rättigheter")), "h2"),
        para(_(RIGHTS)),
        markup(esc(_("Innehåll")), "h2"),
        para(_contents(extract)),
    ]


def _identity(extract: RegisterExtract) -> Flowables:
    title = _("Identitetsuppgifter")
    return [
        PageBreak(),
        Bookmark("person", title),
        markup(esc(title), "h1"),
        *sec.person(parts.person_dict(extract.person)),
        para(_("Identitetsuppgifterna visas med sina giltighetsperioder."), "small"),
    ]


_CASE_SECTIONS: tuple[tuple[str, str, Callable[[CaseFile], Flowables]], ...] = (
    ("decisions", N_("Beslut"), parts.decisions),
    ("journal", N_("Journal"), parts.journal),
    ("motivation", N_("Motivationsbedömningar"), parts.motivation),
    ("threat", N_("Hotbedömningar"), parts.threats),
    ("safety_plan", N_("Säkerhetsplaner"), parts.safety_plans),
    ("consents", N_("Samtycken"), parts.consents),
    ("child", N_("Barnets bästa, åsikter och önskemål"), parts.child),
    ("actors", N_("Aktörer i ärendet"), parts.actors),
    ("tasks", N_("Uppgifter"), parts.tasks),
)


def _case(file: CaseFile) -> Flowables:
    ref = file.case.ref
    title = _("Ärende {ref}").format(ref=ref)
    out: Flowables = [
        PageBreak(),
        Bookmark(f"case-{file.case.id}", title),
        markup(esc(title), "h1"),
        *parts.case_facts(file),
        *parts.related(file),
        *parts.status_history(file),
        *parts.intake(file),
    ]
    for key, label, section in _CASE_SECTIONS:
        if key == "child" and file.child is None:
            continue
        heading = _(label)
        out += [
            CondPageBreak(50 * mm),
            Spacer(1, 5 * mm),
            Bookmark(f"case-{file.case.id}-{key}", heading, level=1),
            markup(esc(heading), "h2"),
            *section(file),
        ]
    return out


def _disclosure_row(row: AuditRow) -> list[object]:
    details: dict[str, Any] = row.details
    to = details.get("to") or details.get("file") or "–"
    event = _(_EVENTS[row.event]) if row.event in _EVENTS else row.event
    case = (row.subject or "").removeprefix("case:")
    return [row.ts[:10], event, case, str(to), _basis_words(details.get("basis") or {})]


def _basis_words(basis: dict[str, Any]) -> str:
    """The legal basis of a disclosure as the disclosure log keeps it."""
    if basis.get("kind") == "consent":
        return _("Ditt samtycke ({provision})").format(provision=legal.cite("osl_consent"))
    if basis.get("kind") == "legal_provision":
        harm = basis.get("harm_test") or {}
        return _("{provision}, efter menprövning {day}").format(
            provision=basis.get("provision", "–"), day=harm.get("on", "–"))
    return "–"


def _referral(source: str) -> str:
    try:
        return ReferralSource(source).label
    except ValueError:
        return source or "–"


def _sources(extract: RegisterExtract) -> Flowables:
    """Where the information came from (art. 15.1 g): each case's referral and every
    packet received from another authority."""
    rows: list[list[object]] = [
        [f.case.referral_date or f.case.opened[:10], _("Ärendet inleddes"), f.case.ref,
         _referral(f.case.referral_source)]
        for f in extract.cases
    ]  # fmt: skip
    rows += [
        [r.ts[:10], _(_EVENTS[r.event]), (r.subject or "").removeprefix("case:"),
         str(r.details.get("from") or "–")]
        for r in extract.disclosures if r.event in _INCOMING
    ]  # fmt: skip
    if not rows:
        return [para(_("Inga källor är registrerade."))]
    head = [_("Datum"), _("Händelse"), _("Ärende"), _("Källa")]
    return [grid(head, rows, [0.15, 0.3, 0.2, 0.35])]


def _closing(extract: RegisterExtract) -> Flowables:
    out: Flowables = [PageBreak(), Bookmark("other", _("Övrigt")), markup(esc(_("Övrigt")), "h1")]
    out.append(markup(esc(_("Ärenden där du är närstående")), "h2"))
    if extract.related_in:
        out += [
            para(", ".join(extract.related_in)),
            para(_("Uppgifter i andra personers ärenden prövas särskilt och ingår inte här."),
                 "small"),
        ]  # fmt: skip
    else:
        out.append(para(_("Inga.")))
    out.append(markup(esc(_("Varifrån uppgifterna kommer")), "h2"))
    out += _sources(extract)
    out.append(markup(esc(_("Utlämnanden av uppgifterna")), "h2"))
    rows = [_disclosure_row(r) for r in extract.disclosures if r.event not in _INCOMING]
    if rows:
        head = [_("Datum"), _("Händelse"), _("Ärende"), _("Mottagare eller fil"),
                _("Rättslig grund")]  # fmt: skip
        out.append(grid(head, rows, [0.12, 0.2, 0.16, 0.27, 0.25]))
    else:
        out.append(para(_("Inga utlämnanden är registrerade.")))
    return [*out, CondPageBreak(30 * mm), Spacer(1, 8 * mm), para(_("Slut på utdraget."), "small")]


def story(
    extract: RegisterExtract, requested_by: str, municipality: str, controller: str = ""
) -> Flowables:
    out = _cover(extract, requested_by, municipality, controller) + _identity(extract)
    for file in extract.cases:
        out += _case(file)
    if not extract.cases:
        out.append(para(_("Det finns inga ärenden om dig.")))
    return out + _closing(extract)


def render_register_extract(
    extract: RegisterExtract, *, requested_by: str, municipality: str, controller: str = ""
) -> bytes:
    """The extract as PDF bytes (never written here). Raises
    :class:`ExtractUnrenderable` (naming the field by path, never its text) before
    drawing if the embedded fonts cannot show some character."""
    try:
        fonts.require_renderable(_texts(extract, requested_by, f"{municipality} {controller}"))
    except UnrenderableText as exc:
        raise ExtractUnrenderable(
            field=exc.params["field"], codepoints=exc.params["codepoints"]
        ) from None
    flowables = story(extract, requested_by, municipality, controller)
    head = Letterhead(
        municipality,
        _("Registerutdrag enligt dataskyddsförordningen"),
        _("Registerutdrag · upprättat {date}").format(date=extract.created[:10]),
        marked_on=extract.created[:10],
        marked_by=controller or municipality,
    )
    title = _("Registerutdrag {date}").format(date=extract.created[:10])
    return build_pdf(flowables, head, title)


def _texts(extract: RegisterExtract, requested_by: str, municipality: str) -> dict[str, Any]:
    """Every string in the extract, by path, for the font coverage check."""
    # A JSON round trip turns the dataclasses' tuples into the lists the check walks.
    data = json.loads(json.dumps(dataclasses.asdict(extract), default=str))
    for case in data["cases"]:
        case.pop("related", None)  # not drawn: a related person's name must not block it
    return {
        "extract": data,
        "requested_by": requested_by,
        "municipality": municipality,
    }


__all__ = ["ExtractUnrenderable", "render_register_extract", "story"]
