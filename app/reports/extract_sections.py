"""Flowables for one case in a register extract. Form records, journal entries and the
person's identity are drawn by the handover renderers (:mod:`app.handover.render_sections`)
so a field added to a form appears here too; this module adds what an extract shows
and a packet does not: every revision, decisions, status history and intake."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from app.domain.case import CaseStatus, CloseOutcome, IntakeItem
from app.domain.kinds import RelationKind
from app.domain.minors import CHILD_FORMS
from app.forms.definition import form_definition
from app.handover import labels, render_case
from app.handover import render_sections as sec
from app.handover.payload import Period as JournalPeriod
from app.handover.payload import case_content, decision_content, journal_content, record_snapshot
from app.i18n import _
from app.pdf.layout import esc, facts, grid, markup, para
from app.store.records import CaseFile, Consent, FormRecord, Person

Flowables = list[Flowable]


def _enum_label(enum: Any, value: object) -> str:
    try:
        return str(enum(str(value)).label)
    except (ValueError, KeyError):
        return str(value)


def person_dict(person: Person) -> dict[str, Any]:
    """The person as the handover person renderer expects it (identifiers formatted)."""
    return {
        "display_name": " ".join(x for x in (person.given_names, person.family_name) if x)
        or person.name,
        "given_names": person.given_names,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "protected_level": person.protected_level.value,
        "identifiers": [
            {
                "kind": i.kind.value,
                "value": i.display(),
                "valid_from": i.valid_from,
                "valid_to": i.valid_to,
            }
            for i in person.identifiers
        ],
        "languages": list(person.languages),
        "interpreter": person.interpreter,
        "contact": dict(person.contact),
    }


def case_facts(file: CaseFile) -> Flowables:
    data = case_content(file)
    rows: list[tuple[str, object]] = [
        (_(label), labels.case_value(key, data[key]))
        for key, label in labels.CASE_LABELS.items()
        if data.get(key)
    ]
    if file.case.closed:
        rows.append((_("Avslutat"), file.case.closed[:10]))
    if file.case.close_outcome:
        rows.append((_("Utfall"), _enum_label(CloseOutcome, file.case.close_outcome)))
    return [facts(rows)]


def status_history(file: CaseFile) -> Flowables:
    rows = [
        [day[:10], _enum_label(CaseStatus, status), author, note]
        for status, day, author, note in file.status_history
    ]
    if not rows:
        return []
    head = [_("Datum"), _("Status"), _("Ändrad av"), _("Anteckning")]
    return [markup(esc(_("Statushistorik")), "h3"), grid(head, rows, [0.15, 0.2, 0.25, 0.4])]


def intake(file: CaseFile) -> Flowables:
    rows = [
        [_enum_label(IntakeItem, c.item), c.answer, c.checked_on or "–", c.source]
        for c in file.intake
    ]
    if not rows:
        return []
    head = [_("Förutsättning"), _("Svar"), _("Datum"), _("Källa")]
    return [
        markup(esc(_("Förutsättningar vid start")), "h3"),
        grid(head, rows, [0.4, 0.15, 0.15, 0.3]),
    ]


def related(file: CaseFile) -> Flowables:
    """Only the relation: a related person's own data is not the subject's to receive."""
    if not file.related:
        return []
    relations = ", ".join(_enum_label(RelationKind, r.relation) for r in file.related)
    text = _(
        "Närstående kopplade till ärendet: {relations}. Uppgifter om närstående ingår inte "
        "i detta utdrag."
    ).format(relations=relations)
    return [Spacer(1, 4), para(text, "small")]


def _revision_note(rec: FormRecord, superseded: bool) -> Flowables:
    parts = []
    if rec.revision > 1:
        parts.append(
            _("Revision {n}, ändrad {date} av {author}. Skäl: {reason}").format(
                n=rec.revision, date=rec.created[:10], author=rec.author or "–",
                reason=rec.reason or "–",
            )
        )  # fmt: skip
    if superseded:
        parts.append(_("Ersatt av en senare revision."))
    return [para(" ".join(parts), "small")] if parts else []


def _ordered(records: Iterable[FormRecord]) -> list[tuple[FormRecord, bool]]:
    """Every revision, by date, each with whether a later revision replaced it."""
    latest: dict[int, int] = {}
    for rec in records:
        latest[rec.series] = max(latest.get(rec.series, 0), rec.revision)
    ordered = sorted(records, key=lambda r: (r.effective, r.series, r.revision))
    return [(r, r.revision < latest[r.series]) for r in ordered]


def motivation(file: CaseFile) -> Flowables:
    out: Flowables = []
    for rec, superseded in _ordered(file.motivation):
        snap = record_snapshot(rec)
        title = f"{rec.effective[:10]} · {labels.stage_label(snap)}"
        out += [CondPageBreak(80), markup(esc(title), "h3"), *_revision_note(rec, superseded)]
        out += sec.record(snap)
    return out or [para(_("Inga motivationsbedömningar."))]


def threats(file: CaseFile) -> Flowables:
    out: Flowables = []
    for rec, superseded in _ordered(file.threats):
        snap = record_snapshot(rec)
        title = _("{date} · akut hotnivå: {level}").format(
            date=rec.effective[:10], level=labels.record_value(snap, "acute_level")
        )
        out += [CondPageBreak(80), markup(esc(title), "h3"), *_revision_note(rec, superseded)]
        out += sec.record(snap)
    return out or [para(_("Inga hotbedömningar."))]


def safety_plans(file: CaseFile) -> Flowables:
    plans = sorted(file.safety_plans, key=lambda r: (r.series, r.revision))
    if not plans:
        return [para(_("Ingen säkerhetsplan finns."))]
    return sec.safety_plan(
        {
            "current": record_snapshot(plans[-1], len(plans)),
            "history": [record_snapshot(r, i + 1) for i, r in enumerate(plans[:-1])],
        }
    )


def _consent_state(consent: Consent) -> str:
    if consent.withdrawn_on:
        return _("Återkallat {date}.").format(date=consent.withdrawn_on)
    if consent.in_force:
        return _("Gäller till {date}.").format(date=consent.valid_until or "–")
    return _("Gäller inte längre (giltigt till {date}).").format(date=consent.valid_until or "–")


def consents(file: CaseFile) -> Flowables:
    out: Flowables = []
    for consent in file.consents:
        title = consent.recipient or str(consent.record.id)
        out += [CondPageBreak(60), markup(esc(title), "h3"), para(_consent_state(consent), "small")]
        out += sec.record(record_snapshot(consent.record))
    return out or [para(_("Inga samtycken."))]


def child(file: CaseFile) -> Flowables:
    """A child's case: the child's best interests, own views, consent and wishes, each
    drawn from its form definition."""
    if file.child is None:
        return []
    out: Flowables = []
    for form in CHILD_FORMS:
        for rec, superseded in _ordered(file.child.records.get(form, ())):
            snap = record_snapshot(rec)
            definition = form_definition(rec.form, rec.form_version)
            title = f"{rec.effective[:10]} · {definition.title.get()}"
            out += [CondPageBreak(80), markup(esc(title), "h3"), *_revision_note(rec, superseded)]
            out += sec.record(snap)
    return out or [para(_("Inget antecknat om barnets bästa och åsikter."))]


def decisions(file: CaseFile) -> Flowables:
    """Every decision, drawn as a packet draws the current ones."""
    if not file.decisions:
        return [para(_("Inga beslut."))]
    return render_case.decisions([decision_content(d) for d in file.decisions])


def journal(file: CaseFile) -> Flowables:
    return render_case.journal(journal_content(file.journal, JournalPeriod()), None)


def actors(file: CaseFile) -> Flowables:
    """Which organisations take part: the categories of recipients (art. 15.1 c)."""
    rows = [[a.organisation, a.role or "–"] for a in file.actors]
    if not rows:
        return [para(_("Inga aktörer."))]
    return [grid([_("Aktör"), _("Roll")], rows, [0.6, 0.4])]


def tasks(file: CaseFile) -> Flowables:
    rows = [
        [t.title, t.due or "–", t.done_at[:10] if t.done_at else _("öppen")]
        for t in file.tasks
        if not t.automatic
    ]
    if not rows:
        return [para(_("Inga uppgifter är registrerade."))]
    head = [_("Uppgift"), _("Senast"), _("Klar")]
    return [grid(head, rows, [0.6, 0.2, 0.2])]


__all__ = [
    "actors", "case_facts", "consents", "decisions", "intake", "journal", "motivation",
    "person_dict", "related", "safety_plans", "status_history", "tasks", "threats",
]  # fmt: skip
