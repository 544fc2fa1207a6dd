"""Import a verified, schema-valid payload as a new case, in one vault transaction.

Original authors and dates of journal entries, corrections and form records are kept
as imported history; the case is marked "received from … on …". A duplicate packet, a
replayed older packet or a form version this installation does not know is refused
before anything is written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.forms.definition import FormDef, form_definition
from app.forms.validate import validate as validate_form
from app.handover import vaultdata
from app.handover.errors import PacketRefused, PayloadInvalid
from app.i18n import N_, _
from app.store import Store
from app.vault import audit

R_DUPLICATE = N_("paketet {id} är redan importerat. Ingenting har ändrats.")
R_REPLAY = N_(
    "paketet har nummer {sequence} men nummer {seen} för samma ärende är redan importerat. "
    "Det kan vara en gammal kopia; be avsändaren bekräfta vilket paket som gäller."
)


def _records(payload: dict[str, Any]) -> list[dict[str, Any]]:
    content = payload["content"]
    out: list[dict[str, Any]] = list(content.get("threat_history", []))
    out += [content["threat"]] if content.get("threat") else []
    plan = content.get("safety_plan") or {}
    out += sorted(plan.get("history", []), key=lambda r: r.get("version", 0))
    out += [plan["current"]] if plan.get("current") else []
    out += content.get("motivation", []) + content.get("consents", [])
    return out


def _definitions(payload: dict[str, Any]) -> dict[tuple[str, int], FormDef]:
    """Every form version the packet uses must exist here and its records validate."""
    found: dict[tuple[str, int], FormDef] = {}
    for index, rec in enumerate(_records(payload)):
        key = (rec["form"], rec["form_version"])
        try:
            found[key] = found.get(key) or form_definition(*key)
        except KeyError as exc:
            raise PayloadInvalid(where=f"{rec['form']} v{rec['form_version']}") from exc
        if validate_form(found[key], rec["data"]):
            raise PayloadInvalid(where=f"{rec['form']}[{index}]")
    return found


def import_payload(
    store: Store,
    payload: dict[str, Any],
    *,
    signer_fingerprint: str,
    packet_sha256: str,
) -> int:
    """Create the case; return its id. Raises PacketRefused/PayloadInvalid, leaving the
    vault unchanged."""
    forms = _definitions(payload)
    packet, sender = payload["packet"], payload["sender"]
    now = store.now()
    with store.vault.transaction() as conn:
        duplicate, seen = vaultdata.received_before(conn, packet, signer_fingerprint)
        if duplicate:
            raise PacketRefused(reason=_(R_DUPLICATE).format(id=packet["id"]))
        if packet["sequence"] <= seen:
            raise PacketRefused(reason=_(R_REPLAY).format(sequence=packet["sequence"], seen=seen))
        person_id = _insert_person(conn, payload["content"].get("person"), now)
        case_id = _insert_case(conn, payload, person_id, now, store.user)
        for rec in _records(payload):
            _insert_record(conn, case_id, rec, forms[(rec["form"], rec["form_version"])])
        _insert_journal(conn, case_id, payload["content"].get("journal", []))
        _insert_work(conn, case_id, payload["content"], now, store.user)
        _system_entry(conn, case_id, payload, now, store.user)
        counterpart = f"{sender['municipality']} ({sender['officer']})"
        vaultdata.log_packet(
            conn, "in", packet, case_id, counterpart, signer_fingerprint, packet_sha256
        )
        audit.append(
            conn,
            store.user,
            "handover_imported",
            f"case:{_ref(conn, case_id)}",
            {"packet": packet["id"], "from": sender["municipality"], "signer": signer_fingerprint},
        )
    return case_id


def _ref(conn: Any, case_id: int) -> str:
    return str(conn.execute("SELECT ref FROM cases WHERE id = ?", (case_id,)).fetchone()[0])


def _insert_person(conn: Any, person: dict[str, Any] | None, now: str) -> int:
    p = person or {
        "display_name": _("Person ej medskickad"),
        "protected_level": "none",
        "identifiers": [],
    }
    cur = conn.execute(
        "INSERT INTO persons (display_name, given_names, family_name, protected_level,"
        " birth_date, languages, interpreter, contact, created, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            p["display_name"],
            p.get("given_names", ""),
            p.get("family_name", ""),
            p["protected_level"],
            p.get("birth_date"),
            json.dumps(p.get("languages", [])),
            p.get("interpreter", ""),
            json.dumps(p.get("contact", {})),
            now,
            now,
        ),
    )
    person_id = int(cur.lastrowid)
    for ident in p["identifiers"]:
        conn.execute(
            "INSERT INTO person_identifiers (person_id, kind, value, valid_from, valid_to,"
            " created) VALUES (?, ?, ?, ?, ?, ?)",
            (
                person_id,
                ident["kind"],
                ident["value"],
                ident.get("valid_from"),
                ident.get("valid_to"),
                now,
            ),
        )
    return person_id


def _free_ref(conn: Any, ref: str) -> str:
    candidate, n = ref, 1
    while conn.execute("SELECT 1 FROM cases WHERE ref = ?", (candidate,)).fetchone():
        n += 1
        candidate = f"{ref}-{n}"
    return candidate


def _insert_case(conn: Any, payload: dict[str, Any], person_id: int, now: str, user: str) -> int:
    case, sender = payload["content"]["case"], payload["sender"]
    day = dt.date.fromisoformat(now[:10]).isoformat()
    received = _("{municipality} den {date} (paket {id})").format(
        municipality=sender["municipality"],
        date=payload["packet"]["sealed_at"][:10],
        id=payload["packet"]["id"],
    )
    cur = conn.execute(
        "INSERT INTO cases (ref, person_id, status, opened, created, target_group,"
        " referral_source, referral_date, caseworker, municipality, police_ref, phase,"
        " received_from, last_entry, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            _free_ref(conn, case["ref"]),
            person_id,
            "request",
            day,
            now,
            case.get("target_group") or "other",
            "other_municipality",
            day,
            user,
            _profile_municipality(conn),
            case.get("police_ref", ""),
            "contact",
            received,
            day,
            now,
        ),
    )
    case_id = int(cur.lastrowid)
    conn.execute(
        "INSERT INTO case_status_history (case_id, status, changed_on, author, note)"
        " VALUES (?, 'request', ?, ?, ?)",
        (case_id, day, user, received),
    )
    return case_id


def _profile_municipality(conn: Any) -> str:
    row = conn.execute("SELECT municipality FROM profile WHERE id = 1").fetchone()
    return str(row[0]) if row else ""


def _insert_record(conn: Any, case_id: int, rec: dict[str, Any], form: FormDef) -> None:
    data = rec["data"]
    record_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM form_records").fetchone()[0])
    series, revision = record_id, 1
    if rec["form"] == "safety_plan":  # every version of the plan is one series
        row = conn.execute(
            "SELECT min(series), max(revision) FROM form_records WHERE case_id = ?"
            " AND form = 'safety_plan'",
            (case_id,),
        ).fetchone()
        if row[0] is not None:
            series, revision = int(row[0]), int(row[1]) + 1
    summary = str(data.get(form.summary_field, "")) if form.summary_field else ""
    review = data.get(form.review_field) if form.review_field else None
    effective = str(data.get(form.effective_field) or rec["recorded_at"])[:10]
    conn.execute(
        "INSERT INTO form_records (id, case_id, form, form_version, series, revision,"
        " effective, review_due, summary, data, reason, created, author)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record_id,
            case_id,
            rec["form"],
            rec["form_version"],
            series,
            revision,
            effective,
            review,
            summary,
            json.dumps(data, ensure_ascii=False, sort_keys=True),
            rec.get("reason", ""),
            rec["recorded_at"],
            rec["author"] or "–",
        ),
    )
    columns = {
        "motivation_assessment": ("stage", "motivation_review"),
        "threat_assessment": ("threat_level", "threat_review"),
        "safety_plan": (None, "safety_review"),
    }.get(rec["form"])
    if columns:  # records arrive oldest first, so the last one written is current
        if columns[0]:
            conn.execute(f"UPDATE cases SET {columns[0]} = ? WHERE id = ?", (summary, case_id))  # noqa: S608 (fixed column names)
        conn.execute(f"UPDATE cases SET {columns[1]} = ? WHERE id = ?", (review, case_id))  # noqa: S608 (fixed column names)
    if rec["form"] == "motivation_assessment":
        conn.execute("UPDATE cases SET stage_model = ? WHERE id = ?", (data.get("model"), case_id))


def _journal_rows(
    case_id: int, entries: list[dict[str, Any]], entry_id: int, rev_id: int
) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for each journal table, with ids assigned after ``entry_id``/``rev_id``."""
    rows: dict[str, list[tuple[Any, ...]]] = {"entry": [], "rev": [], "fts": [], "sign": []}
    for entry in sorted(entries, key=lambda e: (e["occurred_on"], e["id"])):
        entry_id += 1
        revs = sorted(entry["revisions"], key=lambda r: r["revision"])
        first = revs[0]
        rows["entry"].append(
            (
                entry_id,
                case_id,
                entry["kind"],
                entry["occurred_on"],
                first["created_at"],
                first["author"],
                int(entry.get("communicated", False)),
            )
        )
        for number, rev in enumerate(revs, start=1):
            rev_id += 1
            rows["rev"].append(
                (
                    rev_id,
                    entry_id,
                    number,
                    rev["text"],
                    rev["author"],
                    rev["created_at"],
                    rev.get("reason") or "",
                )
            )
        rows["fts"].append((rev_id, revs[-1]["text"]))
        if entry.get("signed_at"):
            rows["sign"].append((entry["signed_at"], entry.get("signed_by"), entry_id))
    return rows


def _insert_journal(conn: Any, case_id: int, entries: list[dict[str, Any]]) -> None:
    """Batched: ids are assigned up front so each table takes one ``executemany``."""
    entry_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_entries").fetchone()[0])
    rev_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
    rows = _journal_rows(case_id, entries, entry_id, rev_id)
    conn.executemany(
        "INSERT INTO journal_entries (id, case_id, kind, occurred, created, author,"
        " communicated) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows["entry"],
    )
    conn.executemany(
        "INSERT INTO journal_revisions (id, entry_id, rev, text, author, created, reason)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows["rev"],
    )
    conn.executemany("INSERT INTO journal_fts (rowid, text) VALUES (?, ?)", rows["fts"])
    # Signing locks an entry against new revisions, so it comes after them.
    conn.executemany(
        "UPDATE journal_entries SET signed_at = ?, signed_by = ? WHERE id = ?", rows["sign"]
    )
    if entries:
        last = max(e["occurred_on"][:10] for e in entries)
        conn.execute(
            "UPDATE cases SET last_entry = max(coalesce(last_entry, ''), ?) WHERE id = ?",
            (last, case_id),
        )


def _insert_work(conn: Any, case_id: int, content: dict[str, Any], now: str, user: str) -> None:
    for actor in content.get("actors", []):
        cur = conn.execute(
            "INSERT INTO actors (kind, organisation, contact_name, phone, email, notes, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                actor["kind"],
                actor["name"],
                actor.get("contact_person", ""),
                actor.get("phone", ""),
                actor.get("email", ""),
                "",
                now,
            ),
        )
        conn.execute(
            "INSERT INTO case_actors (case_id, actor_id, role) VALUES (?, ?, ?)",
            (case_id, int(cur.lastrowid), actor.get("role", "")),
        )
    for task in content.get("tasks", []):
        conn.execute(
            "INSERT INTO tasks (case_id, kind, title, due, owner, created, author)"
            " VALUES (?, 'manual', ?, ?, ?, ?, ?)",
            (case_id, task["title"], task.get("due"), task.get("owner", ""), now, user),
        )


def _system_entry(conn: Any, case_id: int, payload: dict[str, Any], now: str, user: str) -> None:
    sender = payload["sender"]
    text = _(
        "Ärendet mottaget genom förseglat överlämningspaket {id} (nummer {sequence}) från "
        "{municipality}, {officer}, förseglat {sealed}. Avsnitt: {sections}."
    ).format(
        id=payload["packet"]["id"],
        sequence=payload["packet"]["sequence"],
        municipality=sender["municipality"],
        officer=sender["officer"],
        sealed=payload["packet"]["sealed_at"][:16].replace("T", " "),
        sections=", ".join(payload["sections"]) or "–",
    )
    cur = conn.execute(
        "INSERT INTO journal_entries (case_id, kind, occurred, created, author, communicated)"
        " VALUES (?, 'system', ?, ?, ?, 0)",
        (case_id, now[:10], now, user),
    )
    rev = conn.execute(
        "INSERT INTO journal_revisions (entry_id, rev, text, author, created, reason)"
        " VALUES (?, 1, ?, ?, ?, '')",
        (int(cur.lastrowid), text, user, now),
    ).lastrowid
    conn.execute("INSERT INTO journal_fts (rowid, text) VALUES (?, ?)", (rev, text))
