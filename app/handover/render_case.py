"""Flowables for the parts of a handover a receiving handläggare reads first and last:
the summary and background, current decisions, the reasons for the handover and the
client's (and guardian's) wishes, the assessment and recommendations, the journal with
when each entry was written and signed, and the technical data at the very end."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.crypto.identity import format_fingerprint
from app.handover import labels
from app.handover.render_sections import notice, record_fields, shaded
from app.handover.schema import SECTIONS
from app.i18n import N_, _
from app.pdf.layout import esc, facts, markup, para

Flowables = list[Flowable]

BACKGROUND_FIELDS = ("summary", "background")
ASSESSMENT_FIELDS = ("assessment", "recommendations")


def summary(rec: dict[str, Any] | None) -> Flowables:
    """Summary and background from the current case summary."""
    if rec is None:
        return [para(_("Ingen sammanfattning är skriven för ärendet."))]
    return record_fields(rec, BACKGROUND_FIELDS)


def assessment(rec: dict[str, Any] | None) -> Flowables:
    """Assessment and recommendations from the current case summary."""
    if rec is None or not any(rec["data"].get(f) for f in ASSESSMENT_FIELDS):
        return [para(_("Ingen bedömning eller rekommendation är skriven."))]
    return record_fields(rec, ASSESSMENT_FIELDS)


def decisions(items: list[dict[str, Any]]) -> Flowables:
    if not items:
        return [para(_("Inga beslut eller insatser gäller."))]
    out: Flowables = []
    for d in sorted(items, key=lambda d: (d["decided_on"], d["id"])):
        period = _("{start} – {end}").format(
            start=d.get("valid_from") or _("från beslutsdagen"),
            end=d.get("valid_until") or _("tills vidare"),
        )
        rows: list[tuple[str, object]] = [
            (_("Lagrum"), d["legal_basis"]),
            (_("Period"), period),
            (
                _("Beslutat"),
                _("{date} av {who}").format(date=d["decided_on"], who=d["decision_maker"]),
            ),
        ]
        if d.get("grounds"):
            rows.append((_("Skäl"), d["grounds"]))
        if d.get("appeal_info"):
            rows.append((_("Överklagande"), d["appeal_info"]))
        out.append(KeepTogether([markup(esc(d["measure"]), "h3"), facts(rows), Spacer(1, 4)]))
    return out


def reasons(transfer: dict[str, Any] | None) -> Flowables:
    """Why the case is handed over, and what the client (and guardian) wish."""
    if not transfer:
        return [para(_("Ingen begäran om överflyttning är registrerad."))]
    grounds = ", ".join(labels.transfer_ground(g) for g in transfer.get("grounds", []))
    rows: list[tuple[str, object]] = [(_("Till"), transfer["to_municipality"])]
    if transfer.get("requested_on"):
        rows.append((_("Begäran skickad"), transfer["requested_on"]))
    ivo_from = transfer.get("ivo_possible_from") or transfer.get("answer_due")
    if ivo_from:  # the month after which IVO may be asked, not the other side's deadline
        rows.append((_("Ansökan till IVO möjlig från"), ivo_from))
    rows.append((_("Skäl"), grounds or "–"))
    if transfer.get("connection"):
        rows.append((_("Starkast anknytning"), transfer["connection"]))
    if transfer.get("grounds_note"):
        rows.append((_("Skälen utvecklade"), transfer["grounds_note"]))
    if transfer.get("duration"):
        rows.append((_("Hjälpbehovets varaktighet"), transfer["duration"]))
    rows.append((_("Klientens önskemål"), transfer.get("client_wishes") or _("Inte angivna")))
    for key, label in (("guardian_wishes", N_("Vårdnadshavarens önskemål")),
                       ("child_wishes", N_("Barnets önskemål (15 år och äldre)")),
                       ("god_man_wishes", N_("God mans inställning"))):  # fmt: skip
        if transfer.get(key):
            rows.append((_(label), transfer[key]))
    return [facts(rows), *_decision(transfer.get("decision"))]


def _decision(decision: dict[str, Any] | None) -> Flowables:
    """The other nämnd's decision on the request, when there is one."""
    if not decision:
        return []
    answer = (_("Beslut att ta över ärendet") if decision["answer"] == "accepted"
              else _("Beslut att inte ta över ärendet"))  # fmt: skip
    rows: list[tuple[str, object]] = [(_("Beslut"), answer)]
    for key, label in (("decided_on", N_("Beslutsdatum")), ("decided_by", N_("Beslutat av")),
                       ("takeover_on", N_("Tar över från")),
                       ("legal_force_on", N_("Beslutet vann laga kraft"))):  # fmt: skip
        if decision.get(key):
            rows.append((_(label), decision[key]))
    return [facts(rows)]


def journal(entries: list[dict[str, Any]], period: dict[str, Any] | None) -> Flowables:
    start = (period or {}).get("from") or _("början")
    end = (period or {}).get("until") or _("idag")
    out: Flowables = [
        para(
            _("Period: {start} – {end}. {count} anteckningar.").format(
                start=start, end=end, count=len(entries)
            ),
            "small",
        ),
        Spacer(1, 4),
    ]
    for entry in sorted(entries, key=lambda e: (str(e["occurred_on"]), str(e["id"]))):
        out.append(_journal_entry(entry))
    return out


def _moment(stamp: object) -> str:
    return str(stamp)[:16].replace("T", " ") if stamp else "–"


def _journal_entry(entry: dict[str, Any]) -> Flowable:
    revisions = sorted(entry["revisions"], key=lambda r: r["revision"])
    kind = labels.lookup(labels.JOURNAL_KINDS, entry["kind"])
    head = f"<b>{esc(str(entry['occurred_on'])[:10])}</b> · {esc(kind)}"
    if entry.get("status") in STATUS_MARKS:
        head += f" · <b>{esc(_(STATUS_MARKS[entry['status']]))}</b>"
    parts: Flowables = [markup(head, "h3"), para(_entry_facts(entry, revisions[0]), "small")]
    # Revisions up to the signed one are the draft's own edits; later ones are corrections.
    signed = entry.get("signed_revision") or 1
    kept = [r for r in revisions if r["revision"] <= signed][-1:] or revisions[:1]
    corrections = [r for r in revisions if r["revision"] > kept[0]["revision"]]
    if corrections:
        parts += _corrections(kept[0], corrections)
    else:
        parts.append(para(revisions[-1]["text"]))
    for addition in entry.get("additions") or []:
        note = _("Tillägg {moment} av {author}").format(
            moment=_moment(addition["created_at"]), author=addition["author"]
        )
        if addition.get("reason"):
            note += ". " + _("Skäl: {reason}").format(reason=addition["reason"])
        parts += [Spacer(1, 2), para(note, "small"), para(addition["text"])]
    struck = entry.get("struck")
    if struck:
        text = _("Makulerad {moment} av {who}. Skäl: {reason}").format(
            moment=_moment(struck["struck_at"]), who=struck["struck_by"], reason=struck["reason"]
        )
        parts.append(notice(text))
    return KeepTogether([*parts, Spacer(1, 5)])


STATUS_MARKS = {"draft": N_("Osignerat utkast"), "struck": N_("Makulerad")}


def _entry_facts(entry: dict[str, Any], first: dict[str, Any]) -> str:
    """Event date, when it was written and by whom, when it was signed and by whom."""
    written = _("Skriven {moment} av {author}").format(
        moment=_moment(entry.get("written_at") or first["created_at"]), author=first["author"]
    )
    if entry.get("signed_at"):
        signed = _("signerad {moment} av {name}").format(
            moment=_moment(entry["signed_at"]), name=entry.get("signed_by") or "–"
        )
    else:
        signed = _("inte signerad")
    return " · ".join(
        [_("Händelsedatum {date}").format(date=str(entry["occurred_on"])[:10]), written, signed]
        + ([_("kommunicerad med klienten")] if entry.get("communicated") else [])
    )


def _corrections(original: dict[str, Any], corrections: list[dict[str, Any]]) -> Flowables:
    """The original (signed) text, then each correction: who, when, why, the new text."""
    label = _("Ursprunglig text (skriven {moment} av {author}):").format(
        moment=_moment(original["created_at"]), author=original["author"]
    )
    out: Flowables = [shaded([para(label, "small"), para(original["text"], "original")])]
    for rev in corrections:
        note = _("Rättad {moment} av {author}. Skäl: {reason}").format(
            moment=_moment(rev["created_at"]), author=rev["author"], reason=rev.get("reason") or "–"
        )
        out += [Spacer(1, 2), para(note, "small"), para(_("Ny text:"), "small"), para(rev["text"])]
    return out


def technical(payload: dict[str, Any]) -> Flowables:
    """What a person checking the packet needs, and nobody else: ids, format, versions."""
    packet, sender = payload["packet"], payload["sender"]
    rows: list[tuple[str, object]] = [
        (_("Paket-id"), packet["id"]),
        (_("Paketnummer för ärendet"), str(packet["sequence"])),
        (_("Ärendets id hos avsändaren"), packet["case_uid"]),
        (_("Förseglad"), _moment(packet["sealed_at"]) + " UTC"),
        (_("Format"), _format_text(payload)),
        (_("Avsnitt"), ", ".join(_(SECTIONS[s]) for s in payload["sections"]) or "–"),
        (_("Formulärversioner"), ", ".join(_form_versions(payload)) or "–"),
    ]
    keys = [(_("Avsändarens certifikat (SHA-256)"), sender.get("identity_fingerprint"))]
    keys += [
        (_("Mottagarens certifikat (SHA-256)"), r.get("fingerprint")) for r in payload["recipients"]
    ]
    rows += [(label, format_fingerprint(bytes.fromhex(fp))) for label, fp in keys if fp]
    out: Flowables = [facts(rows)]
    disclosure = payload["content"].get("identity_disclosure")
    if disclosure and disclosure.get("all_identities"):
        out.append(notice(_(R_ALL_IDENTITIES).format(reason=disclosure.get("reason") or "–")))
    return out


R_ALL_IDENTITIES = N_(
    "Avsändaren valde att skicka med alla identiteter, inte bara den som ska användas. "
    "Skäl: {reason}"
)


def _format_text(payload: dict[str, Any]) -> str:
    received = payload["packet"].get("format")
    if received:
        return _("{current} (mottaget som {received})").format(
            current=payload["schema"], received=received
        )
    return str(payload["schema"])


def _form_versions(payload: dict[str, Any]) -> list[str]:
    content = payload["content"]
    records: list[dict[str, Any]] = [
        r for r in (content.get("summary"), content.get("threat")) if r
    ]
    records += content.get("threat_history", []) + content.get("motivation", [])
    records += content.get("consents", []) + (content.get("child") or {}).get("records", [])
    plan = content.get("safety_plan") or {}
    records += [r for r in [plan.get("current"), *plan.get("history", [])] if r]
    found = {(r["form"], r["form_version"]) for r in records}
    if content.get("journal"):
        found.add(("journal_entry", content["journal"][0]["form_version"]))
    return [f"{form} v{version}" for form, version in sorted(found)]
