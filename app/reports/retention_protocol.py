"""The *gallringsprotokoll* as a PDF the supervisor can sign and file, in memory.

It says what one culling decision removed: when, who decided and on what decision, the
rule and period applied, how many personal files, cases, journal entries and form
records went, and the references of the culled cases; nothing else about the people.
Backups made before the culling still hold the culled data: they are listed by date
with whether their destruction has been confirmed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.i18n import N_, _
from app.pdf.document import build_document
from app.pdf.layout import facts, grid, para
from app.pdf.pages import decorate_report
from app.retention import ResearchKeep, legal_sources
from app.store.records import RetentionProtocol

RESEARCH_LABELS = {
    ResearchKeep.NONE.value: N_("Inget forskningsundantag"),
    ResearchKeep.ALL.value: N_("Alla personakter bevaras (forskningskommun)"),
    ResearchKeep.BIRTH_DAYS.value: N_("Akter om personer födda den 5, 15 och 25 bevaras"),
}
BACKUP_NOTE = N_(
    "Säkerhetskopior som gjordes före gallringen innehåller fortfarande de gallrade "
    "uppgifterna. Förstör dem (eller gallra dem på samma sätt) och bekräfta det i Utväg."
)


def _facts(protocol: RetentionProtocol, municipality: str) -> Flowable:
    rows: list[tuple[str, object]] = [
        (_("Protokoll nr"), str(protocol.id)),
        (_("Gallrat"), protocol.culled_at[:16].replace("T", " ")),
        (_("Beslut"), protocol.decision),
        (_("Beslutsfattare"), protocol.decided_by),
        (_("Verkställt av"), protocol.recorded_by),
        (_("Regel"), protocol.rule),
        (_("Gallringsfrist"), _("{years} år").format(years=protocol.period_years)),
        (_("Forskningsundantag"), _(RESEARCH_LABELS.get(protocol.research, protocol.research))),
        (_("Personakter"), str(protocol.persons)),
        (_("Ärenden"), str(protocol.cases)),
        (_("Journalanteckningar"), str(protocol.entries)),
        (_("Formulärposter"), str(protocol.records)),
    ]
    if municipality:
        rows.insert(0, (_("Nämnd och enhet"), municipality))
    return facts(rows)


def _backups(protocol: RetentionProtocol) -> list[Flowable]:
    out: list[Flowable] = [para(_("Säkerhetskopior som innehåller gallrade uppgifter"), "h2")]
    if not protocol.backups:
        return [*out, para(_("Inga säkerhetskopior gjordes före gallringen."), "small")]
    if protocol.backups_destroyed_on:
        state = _("Förstörda enligt bekräftelse {day} av {who}").format(
            day=protocol.backups_destroyed_on, who=protocol.backups_destroyed_by or ""
        )
    else:
        state = _("Inte bekräftade förstörda")
    rows = [[b.made[:16].replace("T", " "), b.file, state] for b in protocol.backups]
    out += [para(_(BACKUP_NOTE), "small"), grid([_("Gjord"), _("Fil"), _("Status")], rows,
                                                [0.25, 0.4, 0.35])]  # fmt: skip
    return out


def _story(protocol: RetentionProtocol, municipality: str) -> list[Flowable]:
    sources, checked = legal_sources()
    out: list[Flowable] = [
        para(_("Gallringsprotokoll"), "title"),
        _facts(protocol, municipality),
        Spacer(1, 4 * mm),
        para(_("Gallrade ärenden"), "h2"),
        grid([_("Ärendereferens")], [[ref] for ref in protocol.case_refs], [1.0]),
        Spacer(1, 4 * mm),
        *_backups(protocol),
        Spacer(1, 4 * mm),
        para(_("Regelns källor (kontrollerade {day})").format(day=checked), "h2"),
    ]
    out += [para(f"{s['what']} ({s['where']})", "small") for s in sources]
    out += [
        Spacer(1, 12 * mm),
        para(_("Underskrift beslutsfattare") + ": " + "_" * 40, "body"),
        Spacer(1, 6 * mm),
        para(_("Namnförtydligande") + ": " + "_" * 40, "body"),
    ]
    return out


def render_retention_protocol(protocol: RetentionProtocol, *, municipality: str = "") -> bytes:
    """The protocol as PDF bytes (never written here)."""
    title = _("Gallringsprotokoll nr {id}").format(id=protocol.id)
    header = " · ".join(x for x in (municipality, title, protocol.culled_at[:10]) if x)
    return build_document(
        _story(protocol, municipality),
        lambda canvas: decorate_report(canvas, header),
        title=title,
        author=municipality,
    )


__all__ = ["RESEARCH_LABELS", "render_retention_protocol"]
