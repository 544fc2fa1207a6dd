"""The sender's file in a packet as received documents (*inkomna handlingar*): each
journal entry and each form record (threat and motivation assessments, every version of
the safety plan, consents, a child's records) becomes one
:class:`~app.store.received.ReceivedDocument` with its original author and dates and a
readable text (field labels from the form definitions, so search finds what a reader
sees). Nothing here becomes the receiving vault's own journal or form records."""

from __future__ import annotations

from typing import Any

from app.forms.validate import is_empty
from app.handover import labels
from app.i18n import N_, _
from app.store.received import ReceivedDocument

JOURNAL = "journal"
DECISION = "decision"


def documents(content: dict[str, Any]) -> tuple[ReceivedDocument, ...]:
    """Every journal entry and form record of the packet's content, oldest first."""
    found = [_entry(e) for e in content.get("journal", [])]
    found += [_record(r) for r in records(content)]
    found += [_decision(d) for d in content.get("decisions", [])]
    return tuple(sorted(found, key=lambda d: (d.occurred, d.created)))


def _decision(d: dict[str, Any]) -> ReceivedDocument:
    """A decision in force at the sender: kept as read, never a decision of this nämnd."""
    lines = [
        _("Lagrum: {basis}").format(basis=d["legal_basis"]),
        _("Period: {start} – {end}").format(
            start=d.get("valid_from") or "–", end=d.get("valid_until") or "–"
        ),
        _("Beslutat {date} av {who}").format(date=d["decided_on"], who=d["decision_maker"]),
    ]
    lines += [_("Skäl: {reason}").format(reason=d["grounds"])] if d.get("grounds") else []
    return ReceivedDocument(
        kind=DECISION,
        occurred=d["decided_on"],
        author=d["decision_maker"],
        created=d["decided_on"],
        title=_("Beslut: {measure}").format(measure=d["measure"]),
        text="\n".join(lines),
        content=d,
    )


def records(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The form records a packet carries (the safety plan's versions in order)."""
    out: list[dict[str, Any]] = list(content.get("threat_history", []))
    out += [content["threat"]] if content.get("threat") else []
    plan = content.get("safety_plan") or {}
    out += sorted(plan.get("history", []), key=lambda r: r.get("version", 0))
    out += [plan["current"]] if plan.get("current") else []
    out += content.get("motivation", []) + content.get("consents", [])
    out += (content.get("child") or {}).get("records", [])
    out += [content["summary"]] if content.get("summary") else []
    return out


_STATUS = {
    "draft": N_("osignerad"),
    "signed": N_("signerad"),
    "corrected": N_("rättad efter signering"),
    "struck": N_("makulerad"),
}


def _entry(entry: dict[str, Any]) -> ReceivedDocument:
    revisions = sorted(entry["revisions"], key=lambda r: r["revision"])
    first = revisions[0]
    status = entry.get("status")
    title = _("Journalanteckning: {kind}").format(
        kind=labels.lookup(labels.JOURNAL_KINDS, entry["kind"])
    )
    if status in _STATUS:
        title += f" ({_(_STATUS[status])})"
    return ReceivedDocument(
        kind=JOURNAL,
        occurred=entry["occurred_on"],
        author=first["author"] or "–",
        created=first["created_at"],
        title=title,
        text=entry_text(entry),
        content=entry,
    )


def entry_text(entry: dict[str, Any]) -> str:
    """The entry's current text, then its corrections, additions and strike as lines
    naming who, when and why (the sender's lifecycle, kept as received)."""
    revisions = sorted(entry["revisions"], key=lambda r: r["revision"])
    lines = [revisions[-1]["text"]]
    for rev in revisions[1:]:
        lines.append(_("(Rättad {date} av {author}: {reason})").format(
            date=str(rev["created_at"])[:10], author=rev["author"], reason=rev.get("reason") or "–"
        ))  # fmt: skip
    for add in entry.get("additions") or ():
        lines.append(_("Tillägg {date} av {author} ({reason}): {text}").format(
            date=str(add["created_at"])[:10], author=add["author"], reason=add.get("reason") or "–",
            text=add["text"],
        ))  # fmt: skip
    struck = entry.get("struck")
    if struck:
        lines.append(_("Makulerad {date} av {author}: {reason}").format(
            date=str(struck["struck_at"])[:10], author=struck["struck_by"], reason=struck["reason"]
        ))  # fmt: skip
    return "\n".join(lines)


def _record(rec: dict[str, Any]) -> ReceivedDocument:
    title = labels.form_title(rec["form"], rec["form_version"])
    if rec.get("version"):
        title += " " + _("version {n}").format(n=rec["version"])
    data = rec.get("data", {})
    definition = labels.form(rec["form"], rec["form_version"])
    own = data.get(definition.effective_field) if definition else None
    day = str(own or rec["recorded_at"])[:10]
    return ReceivedDocument(
        kind=rec["form"],
        occurred=day,
        author=rec.get("author") or "–",
        created=rec["recorded_at"],
        title=title,
        text=record_text(rec),
        content=rec,
    )


def record_text(rec: dict[str, Any]) -> str:
    """A form record as "Label: value" lines; nested records one line each."""
    data = rec.get("data", {})
    definition = labels.form(rec["form"], rec["form_version"])
    if definition is None:
        return "\n".join(f"{k}: {v}" for k, v in data.items() if not is_empty(v))
    lines = []
    for field in definition.fields:
        value = data.get(field.id)
        if is_empty(value):
            continue
        if field.type == "records" and isinstance(value, list):
            lines.append(f"{field.label.get()}:")
            lines += ["  – " + _row(field, item) for item in value if isinstance(item, dict)]
        else:
            lines.append(f"{field.label.get()}: {labels.format_value(field, value, data)}")
    if rec.get("reason"):
        lines.append(_("Skäl till ändringen: {reason}").format(reason=rec["reason"]))
    return "\n".join(lines)


def _row(field: Any, item: dict[str, Any]) -> str:
    parts = []
    for sub in field.fields:
        value = item.get(sub.id)
        if not is_empty(value):
            parts.append(labels.format_value(sub, value, item))
    return "; ".join(parts)


__all__ = ["DECISION", "JOURNAL", "documents", "entry_text", "record_text", "records"]
