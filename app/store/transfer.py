"""Transfer requests (*överflyttning av ärende*; the rules in :mod:`app.domain.transfer`,
cited from the legal references file).

The requesting nämnd records its written request with the grounds (strongest connection
required, the expected duration of the need, everyone's wishes); one month later it may
apply to IVO if no decision has come. The other steps (the other nämnd's decision,
legal force, IVO, an appeal, the takeover, the other routes) are in
:mod:`app.store.transfer_steps`. A case carries at most one open request at a time;
every step is audited and written to the case's journal in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from app.changes import Area, Changes
from app.domain import legal
from app.domain.dates import parse_date
from app.domain.kinds import JournalKind
from app.domain.minors import is_child, may_consent
from app.domain.transfer import (
    IvoOutcome,
    TransferAnswer,
    TransferGround,
    TransferRequest,
    TransferRoute,
    ivo_possible_from,
)
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.journal import insert_entry
from app.store.records import Task


def transfer_rule() -> str:
    """The rule the one-month point comes from, cited from the legal references file."""
    return legal.cite("sol_transfer_ivo")


#: Reminder kind for a request whose month has passed without a decision.
REMINDER_KIND = "transfer_answer"
MAX_WISHES = 10_000
#: Every transfer verb writes the request, a system journal entry and so the case's
#: last entry.
TRANSFER_AREAS = (Area.TRANSFER, Area.JOURNAL, Area.CASE)

_SQL = (
    "SELECT t.id, t.case_id, c.ref, t.to_municipality, t.requested_on, t.answer_due,"
    " t.client_wishes, t.grounds, t.grounds_note, t.answer, t.answered_on, t.answer_note,"
    " t.ivo_applied_on, t.withdrawn_on, t.author, t.guardian_wishes, t.route, t.connection,"
    " t.duration, t.child_wishes, t.god_man_wishes, t.decided_by, t.takeover_on,"
    " t.legal_force_on, t.ivo_decided_on, t.ivo_outcome, t.appealed_on, t.appeal_note,"
    " t.taken_over_on FROM transfer_requests t JOIN cases c ON c.id = t.case_id"
)


def _from_row(row: tuple[Any, ...]) -> TransferRequest:
    values = dict(zip(_FIELDS, row, strict=True))
    values["grounds"] = tuple(TransferGround(g) for g in json.loads(row[7]))
    values["answer"] = TransferAnswer(values["answer"])
    values["route"] = TransferRoute(values["route"])
    values["ivo_outcome"] = IvoOutcome(row[25]) if row[25] else None
    return TransferRequest(**values)


#: The dataclass fields in the order of ``_SQL``'s columns.
_FIELDS = tuple(f.name for f in fields(TransferRequest))


def _wishes(**texts: str) -> None:
    for name, text in texts.items():
        if len(text) > MAX_WISHES:
            raise ValidationError(N_("Texten är för lång. Korta ner den."), field=name)


def _checked_grounds(grounds: tuple[TransferGround, ...], connection: str, note: str) -> str:
    """Strongest connection is required, described; the threat is one circumstance."""
    if TransferGround.STRONGEST_CONNECTION not in grounds or not connection.strip():
        raise ValidationError(
            N_("Beskriv varför klienten har starkast anknytning till den andra kommunen. "
               "Utan starkast anknytning kan ärendet inte flyttas över (hotbilden är en "
               "omständighet i övrigt, inte ett eget skäl)."),
            field="connection",
        )  # fmt: skip
    if TransferGround.OTHER in grounds and not note.strip():
        raise ValidationError(N_("Beskriv den andra omständigheten."), field="grounds_note")
    return json.dumps([g.value for g in TransferGround if g in grounds])


def request_text(request: TransferRequest) -> str:
    """The journal entry of a request (Swedish: the journal is the nämnd's record)."""
    others = [g.label_sv.lower() for g in request.grounds
              if g is not TransferGround.STRONGEST_CONNECTION]  # fmt: skip
    lines = [f"Skriftlig begäran om överflyttning av ärendet till {request.to_municipality} "
             f"skickad {request.requested_on}.",
             f"Starkast anknytning: {request.connection}"]  # fmt: skip
    if others or request.grounds_note:
        note = request.grounds_note
        lines.append(f"Omständigheter i övrigt: {', '.join(others)}. {note}".strip())
    for label, text in (("Hjälpbehovets varaktighet", request.duration),
                        ("Klientens önskemål", request.client_wishes),
                        ("Vårdnadshavarnas önskemål", request.guardian_wishes),
                        ("Barnets önskemål (över 15 år)", request.child_wishes),
                        ("God mans inställning", request.god_man_wishes)):  # fmt: skip
        if text:
            lines.append(f"{label}: {text}")
    lines.append(f"Kommer inget beslut får nämnden ansöka hos IVO från {request.ivo_from}.")
    return "\n".join(lines)


class TransferMixin(StoreBase):
    # ------------------------------------------------------------- verbs
    def request_transfer(
        self, case_id: int, to_municipality: str, *, requested_on: str | None = None,
        connection: str = "", duration: str = "", client_wishes: str = "",
        grounds: tuple[TransferGround, ...] = (TransferGround.STRONGEST_CONNECTION,),
        grounds_note: str = "", guardian_wishes: str = "", child_wishes: str = "",
        god_man_wishes: str = "",
    ) -> Changes:  # fmt: skip
        """Record that the written request was sent. Strongest connection is required;
        in a child's case the guardians' wishes, and from 15 the child's own."""
        town = to_municipality.strip()
        if not town:
            raise ValidationError(N_("Ange vilken kommun ärendet ska flyttas till."),
                                  field="to_municipality")  # fmt: skip
        _wishes(client_wishes=client_wishes, guardian_wishes=guardian_wishes,
                child_wishes=child_wishes, god_man_wishes=god_man_wishes, connection=connection,
                duration=duration)  # fmt: skip
        self._check_childs_wishes(case_id, guardian_wishes, child_wishes)
        stored = _checked_grounds(tuple(grounds), connection, grounds_note)
        sent, now = self._sent_on(requested_on), self.now()
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            if self._open_id(conn, case_id) is not None:
                raise Refused(reason=N_("ärendet har redan en begäran som väntar på beslut"))
            cur = conn.execute(
                "INSERT INTO transfer_requests (case_id, to_municipality, requested_on,"
                " answer_due, client_wishes, grounds, grounds_note, created, author, updated,"
                " guardian_wishes, connection, duration, child_wishes, god_man_wishes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, town, sent.isoformat(), ivo_possible_from(sent).isoformat(),
                 client_wishes.strip(), stored, grounds_note.strip(), now, self.user, now,
                 guardian_wishes.strip(), connection.strip(), duration.strip(),
                 child_wishes.strip(), god_man_wishes.strip()),
            )  # fmt: skip
            request = self._load(conn, int(cur.lastrowid))
            self._journal(conn, case_id, request.requested_on, request_text(request), now)
            self._audit(conn, "transfer_requested", case_subject(ref), transfer=request.id,
                        to=town, ivo_from=request.ivo_from)  # fmt: skip
        return self._changes(*TRANSFER_AREAS, case_id=case_id, id=request.id)

    def _sent_on(self, requested_on: str | None) -> date:
        sent = parse_date(requested_on or self.today().isoformat(), "requested_on")
        if sent > self.today():
            raise ValidationError(N_("Datumet då begäran skickades kan inte ligga i framtiden."),
                                  field="requested_on")  # fmt: skip
        return sent

    def _check_childs_wishes(self, case_id: int, guardians: str, child: str) -> None:
        age = self._client_age(case_id)
        if not is_child(age):
            return
        if not guardians.strip():
            raise ValidationError(N_("Klienten är ett barn: skriv vårdnadshavarnas önskemål "
                                     "(eller varför de inte har tillfrågats)."),
                                  field="guardian_wishes")  # fmt: skip
        if may_consent(age) and not child.strip():
            raise ValidationError(N_("Barnet har fyllt 15 år: skriv barnets egna önskemål."),
                                  field="child_wishes")  # fmt: skip

    def _client_age(self, case_id: int) -> int | None:
        age_of = getattr(self, "person_age", None)  # the Store facade has it (ChildMixin)
        if age_of is None:
            return None
        with self._read() as conn:
            row = conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()
        return None if row is None else age_of(int(row[0]))

    # ----------------------------------------------------------- reading
    def transfer_requests(self, case_id: int) -> tuple[TransferRequest, ...]:
        """Every request and route of a case, oldest first."""
        with self._read() as conn:
            rows = conn.execute(_SQL + " WHERE t.case_id = ? ORDER BY t.id", (case_id,))
            return tuple(_from_row(r) for r in rows.fetchall())

    def transfer_request(self, transfer_id: int) -> TransferRequest:
        with self._read() as conn:
            return self._load(conn, transfer_id)

    def current_transfer_request(self, case_id: int) -> TransferRequest | None:
        """The open request, else the latest one, else None."""
        found = self.transfer_requests(case_id)
        open_ones = [r for r in found if r.is_open]
        return open_ones[-1] if open_ones else (found[-1] if found else None)

    def transfer_reminders(self, horizon_days: int = 7) -> list[Task]:
        """Open requests whose month ends within ``horizon_days`` or has passed, as
        reminders for the "Today" view (``Task.kind`` = :data:`REMINDER_KIND`)."""
        limit = (self.today() + timedelta(days=horizon_days)).isoformat()
        today = self.today().isoformat()
        found = []
        for request in self._open_requests("t.answer_due <= ?", limit):
            template = _PASSED if request.ivo_from <= today else _SOON
            title = _(template).format(town=request.to_municipality, date=request.ivo_from)
            found.append(Task(0, request.case_id, REMINDER_KIND, title, request.ivo_from, "",
                              None, True, request.case_ref))  # fmt: skip
        return found

    def overdue_transfer_answers(self) -> list[TransferRequest]:
        """Open requests whose month has passed without a decision (IVO may be asked)."""
        return self._open_requests("t.answer_due <= ?", self.today().isoformat())

    def _open_requests(self, where: str, value: str) -> list[TransferRequest]:
        with self._read() as conn:
            rows = conn.execute(
                _SQL + " WHERE t.route = 'request' AND t.answer = 'none'"
                " AND t.withdrawn_on IS NULL AND " + where + " ORDER BY t.answer_due, t.id",
                (value,),
            ).fetchall()
        return [_from_row(r) for r in rows]

    def transfer_request_payload(self, case_id: int) -> dict[str, Any] | None:
        """The current request as the handover payload's ``transfer_request`` object:
        grounds, wishes, and the decision so far."""
        r = self.current_transfer_request(case_id)
        if r is None or r.withdrawn_on is not None:
            return None
        out: dict[str, Any] = {
            "to_municipality": r.to_municipality, "requested_on": r.requested_on,
            "client_wishes": r.client_wishes, "grounds": [g.value for g in r.grounds],
            "ivo_possible_from": r.ivo_from, "route": r.route.value,
        }  # fmt: skip
        texts = {"guardian_wishes": r.guardian_wishes, "connection": r.connection,
                 "duration": r.duration, "child_wishes": r.child_wishes,
                 "god_man_wishes": r.god_man_wishes}  # fmt: skip
        out |= {key: text for key, text in texts.items() if text}
        if r.answer is not TransferAnswer.NONE:
            decision = {"answer": r.answer.value, "decided_on": r.answered_on,
                        "decided_by": r.decided_by, "takeover_on": r.takeover_on,
                        "legal_force_on": r.legal_force_on}  # fmt: skip
            out["decision"] = {k: v for k, v in decision.items() if v}
        return out

    # ----------------------------------------------------------- helpers
    def _load(self, conn: Any, transfer_id: int) -> TransferRequest:
        row = conn.execute(_SQL + " WHERE t.id = ?", (transfer_id,)).fetchone()
        if row is None:
            raise NotFound(what=f"Begäran om överflyttning {transfer_id}")
        return _from_row(row)

    def _open_request(self, conn: Any, case_id: int) -> TransferRequest | None:
        found = self._open_id(conn, case_id)
        return None if found is None else self._load(conn, found)

    @staticmethod
    def _open_id(conn: Any, case_id: int) -> int | None:
        row = conn.execute(
            "SELECT id FROM transfer_requests WHERE case_id = ? AND route = 'request'"
            " AND answer = 'none' AND withdrawn_on IS NULL",
            (case_id,),
        ).fetchone()
        return None if row is None else int(row[0])

    def _journal(self, conn: Any, case_id: int, occurred: str, text: str, now: str) -> None:
        entry_id, _rev = insert_entry(conn, case_id, JournalKind.SYSTEM.value, occurred, text,
                                      self.user, now)  # fmt: skip
        self._audit(conn, "journal_added", case_subject(self._case_ref(conn, case_id)),
                    entry=entry_id)  # fmt: skip


_PASSED = N_("Inget beslut från {town} om överflyttning: ansökan till IVO möjlig sedan {date}")
_SOON = N_("Begäran om överflyttning till {town}: ansökan till IVO möjlig från {date} om "
           "inget beslut kommer")  # fmt: skip

__all__ = [
    "REMINDER_KIND",
    "TRANSFER_AREAS",
    "IvoOutcome",
    "TransferAnswer",
    "TransferGround",
    "TransferMixin",
    "TransferRequest",
    "TransferRoute",
    "ivo_possible_from",
    "request_text",
    "transfer_rule",
]
