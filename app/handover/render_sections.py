"""Flowables for each packet section. Form-based records are drawn from their form
definitions (labels, option labels, nested records as tables), so a field added to a
form appears in the document without code changes here."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from app.domain.minors import MayBeTold
from app.forms.definition import FieldDef
from app.forms.validate import is_empty
from app.handover import chart, labels
from app.i18n import N_, _
from app.pdf import layout
from app.pdf.layout import esc, facts, grid, markup, para

Flowables = list[Flowable]


def record(rec: dict[str, Any], tables_first: bool = False) -> Flowables:
    """A form record as label/value facts followed by one table per nested list."""
    data = rec.get("data", {})
    definition = labels.form(rec["form"], rec["form_version"])
    fields = definition.fields if definition else ()
    known = {f.id for f in fields}
    rows: list[tuple[str, object]] = []
    tables: Flowables = []
    for field in fields:
        value = data.get(field.id)
        if is_empty(value):
            continue
        if field.type == "records" and isinstance(value, list):
            tables += _records_table(field, value)
        else:
            rows.append((field.label.get(), labels.format_value(field, value, data)))
    rows += [(key, value) for key, value in data.items() if key not in known]
    out: Flowables = [para(recorded(rec), "small"), Spacer(1, 3)]
    facts_part: Flowables = [facts(rows)] if rows else []
    if tables_first:
        return out + tables + [Spacer(1, 6), *facts_part]
    return out + facts_part + tables


def recorded(rec: dict[str, Any]) -> str:
    """Who recorded a record and when (form ids are technical data, not shown here)."""
    return _("Registrerad {date} av {author}").format(
        date=str(rec["recorded_at"])[:10], author=rec.get("author") or "–"
    )


def record_fields(rec: dict[str, Any], field_ids: tuple[str, ...]) -> Flowables:
    """Some text fields of a record, each under its label as a heading."""
    definition = labels.form(rec["form"], rec["form_version"])
    out: Flowables = [para(recorded(rec), "small"), Spacer(1, 3)]
    for field_id in field_ids:
        value = rec["data"].get(field_id)
        if is_empty(value):
            continue
        title = definition.field(field_id).label.get() if definition else field_id
        out += [markup(esc(title), "h3"), para(str(value))]
    return out


_FIXED = {"date": 66.0, "bool": 44.0, "int": 44.0}  # points: a date must not wrap
_WEIGHTS = {"choice": 2.6, "multichoice": 2.6}


def _column_widths(types: list[str]) -> list[float]:
    """Fractions of the content width: fixed columns first, the rest by weight."""
    fixed = sum(_FIXED.get(t, 0.0) for t in types)
    free = max(layout.CONTENT_W - fixed, layout.CONTENT_W * 0.3)
    weights = [_WEIGHTS.get(t, 2.5) for t in types if t not in _FIXED]
    total = sum(weights) or 1.0
    widths = [_FIXED[t] if t in _FIXED else free * _WEIGHTS.get(t, 2.5) / total for t in types]
    return [w / sum(widths) for w in widths]


def _records_table(field: FieldDef, items: list[Any]) -> Flowables:
    subs = field.fields
    if not subs or not items:
        return []
    rows = [
        [
            labels.format_value(s, item.get(s.id, ""), item)
            if isinstance(item, dict) and not is_empty(item.get(s.id))
            else ""
            for s in subs
        ]
        for item in items
    ]
    widths = _column_widths([s.type for s in subs])
    return [
        CondPageBreak(60),
        markup(esc(field.label.get()), "h3"),
        grid([s.label.get() for s in subs], rows, widths),
    ]


def person(p: dict[str, Any], disclosure: dict[str, Any] | None = None) -> Flowables:
    rows: list[tuple[str, object]] = []
    for key, label in labels.PERSON_LABELS.items():
        value = p.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "protected_level":
            value = labels.lookup(labels.PROTECTED, value)
        elif isinstance(value, bool):
            value = _(labels.YES) if value else _(labels.NO)
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        rows.append((_(label), value))
    rows += [(str(k)[:1].upper() + str(k)[1:], v) for k, v in (p.get("contact") or {}).items()]
    out: Flowables = []
    if p.get("protected_level", "none") != "none":
        out.append(
            notice(
                _(
                    "Skyddade personuppgifter: lämna inte ut namn, adress eller "
                    "vistelseort. Hantera handlingen enligt er rutin för skyddade "
                    "personuppgifter."
                )
            )
        )
    out.append(facts(rows))
    ids = [
        [
            labels.lookup(labels.IDENTIFIER_KINDS, i["kind"]),
            labels.identifier_text(i["kind"], i["value"]),
            i.get("valid_from") or _("okänt"),
            i.get("valid_to") or "–",
        ]
        for i in p["identifiers"]
    ]
    if ids:
        head = [_("Typ"), _("Nummer"), _("Giltigt från"), _("Giltigt till")]
        out += [markup(esc(_("Identitetsuppgifter")), "h3"), grid(head, ids, [0.3, 0.3, 0.2, 0.2])]
    return out + _withheld(disclosure or {})


def _withheld(disclosure: dict[str, Any]) -> Flowables:
    withheld = int(disclosure.get("withheld", 0))
    if withheld and not disclosure.get("all_identities"):
        return [para(_(R_WITHHELD).format(count=withheld), "small")]
    return []


R_WITHHELD = N_(
    "Endast den identitet mottagaren ska använda är medskickad; {count} tidigare eller "
    "andra identiteter lämnades kvar hos avsändaren."
)


def threat(current: dict[str, Any] | None, history: list[dict[str, Any]]) -> Flowables:
    out: Flowables = record(current) if current else [para(_("Ingen hotbedömning finns."))]
    if history:
        rows = [
            [
                h["data"].get("assessed_on", str(h["recorded_at"])[:10]),
                h["data"].get("assessor", ""),
                labels.record_value(h, "acute_level"),
                labels.record_value(h, "long_term_level"),
            ]
            for h in history
        ]
        head = [_("Datum"), _("Bedömd av"), _("Akut"), _("Långsiktig")]
        out += [
            markup(esc(_("Tidigare hotbedömningar")), "h2"),
            grid(head, rows, [0.18, 0.42, 0.2, 0.2]),
        ]
    return out


def safety_plan(plan: dict[str, Any]) -> Flowables:
    current = plan.get("current")
    out: Flowables = []
    if current:
        title = _("Gällande version {version}").format(version=current.get("version", "–"))
        out += [markup(esc(title), "h2"), *record(current, tables_first=True)]
    else:
        out.append(para(_("Ingen säkerhetsplan finns.")))
    if plan["history"] and plan.get("history_included"):
        out += [Spacer(1, 6), notice(_(R_PLAN_HISTORY))]
    for old in sorted(plan["history"], key=lambda r: r.get("version", 0), reverse=True):
        title = _("Tidigare version {version} (ersatt)").format(version=old.get("version", "–"))
        out += [CondPageBreak(120), markup(esc(title), "h2"), *record(old, tables_first=True)]
    return out


R_PLAN_HISTORY = N_(
    "Avsändaren valde att skicka med tidigare versioner av säkerhetsplanen. De innehåller "
    "kodord och åtgärder som inte längre gäller: använd bara den gällande versionen."
)


def motivation(
    records: list[dict[str, Any]], threats: list[dict[str, Any]], journal_days: list[str]
) -> Flowables:
    out: Flowables = []
    drawing = chart.timeline(records, threats, journal_days)
    if drawing is not None:
        out += [
            drawing,
            para(
                _(
                    "Tidslinje: motivationsfas (blå), återfall (röd triangel), "
                    "akut hotnivå (röd) och journalanteckningar (streck)."
                ),
                "small",
            ),
            Spacer(1, 6),
        ]
    ordered = sorted(records, key=lambda r: str(r["data"].get("assessed_on", r["recorded_at"])))
    for rec in ordered:
        day = rec["data"].get("assessed_on", str(rec["recorded_at"])[:10])
        out += [CondPageBreak(80), markup(esc(f"{day} · {labels.stage_label(rec)}"), "h3")]
        out += record(rec)
    return out


def consents(records: list[dict[str, Any]]) -> Flowables:
    out: Flowables = []
    for rec in records:
        out += [markup(esc(rec["data"].get("recipient", rec["id"])), "h3"), *record(rec)]
    return out or [para(_("Inga samtycken."))]


def child(content: dict[str, Any]) -> Flowables:
    """A child's case: the guardians and what each may be told, then the child's records
    (best interests, own views, consent and wishes), each drawn from its form."""
    rows = [
        [g["person"]["display_name"],
         ", ".join(v for v in g["person"].get("contact", {}).values() if v),
         MayBeTold(g["may_be_told"]).label, g.get("told_note", "")]
        for g in content["guardians"]
    ]  # fmt: skip
    out: Flowables = [markup(esc(_("Vårdnadshavare")), "h3")]
    if rows:
        out.append(grid([_("Namn"), _("Kontakt"), _("Får veta"), _("Begränsning")], rows,
                        [0.25, 0.25, 0.2, 0.3]))  # fmt: skip
    else:
        out.append(para(_("Inga vårdnadshavare registrerade.")))
    for rec in content["records"]:
        definition = labels.form(rec["form"], rec["form_version"])
        title = definition.title.get() if definition else rec["form"]
        day = str(rec["recorded_at"])[:10]
        if definition is not None:
            day = str(rec["data"].get(definition.effective_field, day))
        out += [CondPageBreak(60), markup(esc(f"{title} · {day}"), "h3"), *record(rec)]
    return out


def actors(items: list[dict[str, Any]]) -> Flowables:
    rows = [
        [
            a["name"],
            a.get("role", ""),
            a.get("contact_person", ""),
            " ".join(x for x in (a.get("phone", ""), a.get("email", "")) if x),
        ]
        for a in items
    ]
    head = [_("Aktör"), _("Roll"), _("Kontaktperson"), _("Kontakt")]
    return [grid(head, rows, [0.3, 0.2, 0.25, 0.25])] if rows else [para(_("Inga aktörer."))]


def tasks(items: list[dict[str, Any]]) -> Flowables:
    rows = [[t["title"], t.get("owner", ""), t.get("due") or "–"] for t in items if not t["done"]]
    head = [_("Uppgift"), _("Ansvarig"), _("Senast")]
    return [grid(head, rows, [0.55, 0.27, 0.18])] if rows else [para(_("Inga öppna uppgifter."))]


def shaded(content: Flowables) -> Table:
    table = Table([[content]], colWidths=[layout.CONTENT_W])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), layout.CORRECTION),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("LINEBEFORE", (0, 0), (0, -1), 1.5, layout.MUTED),
            ]
        )
    )
    return table


def notice(text: str) -> Table:
    table = Table([[para(text, "cell")]], colWidths=[layout.CONTENT_W])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, layout.SECRECY),
                ("BACKGROUND", (0, 0), (-1, -1), layout.CORRECTION),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table
