"""Transfer requests (*överflyttning av ärende*; the rule is cited from the legal
references file, ``sol_transfer_request`` and ``sol_transfer_ivo``).

A municipality that believes another should handle a case sends a written request; the
other should answer in writing within one month, or the requesting municipality may
apply to IVO. A case carries at most one open request at a time; every step is audited
and written to the case's journal in the same transaction.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.changes import Area, Changes
from app.domain import legal
from app.domain.dates import parse_date
from app.domain.kinds import JournalKind
from app.domain.minors import is_child
from app.domain.options import Labelled, register_labels
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.journal import insert_entry
from app.store.records import Task


def transfer_rule() -> str:
    """The rule the one-month point comes from, cited from the legal references file."""
    return legal.cite("sol_transfer_ivo")


#: Reminder kind for an answer that is due or overdue (a plain string: ``Task.kind``).
REMINDER_KIND = "transfer_answer"
MAX_WISHES = 10_000


class TransferGround(Labelled):
    STRONGEST_CONNECTION = "strongest_connection"
    THREAT = "threat"
    OTHER = "other"


class TransferAnswer(Labelled):
    NONE = "none"
    ACCEPTED = "accepted"
    DECLINED = "declined"


register_labels(
    {
        TransferGround.STRONGEST_CONNECTION: N_("Starkast anknytning till kommunen"),
        TransferGround.THREAT: N_("Hotbilden kräver flytt"),
        TransferGround.OTHER: N_("Annat skäl"),
    }
)
register_labels(
    {
        TransferAnswer.NONE: N_("Inget svar ännu"),
        TransferAnswer.ACCEPTED: N_("Godtagen"),
        TransferAnswer.DECLINED: N_("Avböjd"),
    }
)


def answer_deadline(requested_on: date) -> date:
    """One calendar month after the written request was sent (31 Jan → 28/29 Feb)."""
    year = requested_on.year + requested_on.month // 12
    month = requested_on.month % 12 + 1
    day = min(requested_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True, slots=True)
class TransferRequest:
    id: int
    case_id: int
    case_ref: str
    to_municipality: str
    requested_on: str
    answer_due: str
    client_wishes: str
    grounds: tuple[TransferGround, ...]
    grounds_note: str
    answer: TransferAnswer
    answered_on: str | None
    answer_note: str
    ivo_applied_on: str | None
    withdrawn_on: str | None
    author: str
    guardian_wishes: str = ""  # a child's case: the guardians' wishes (SoL: where relevant)

    @property
    def is_open(self) -> bool:
        return self.answer is TransferAnswer.NONE and self.withdrawn_on is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.answer_due < today.isoformat()

    def may_apply_to_ivo(self, today: date) -> bool:
        """Declined, or no written answer within the month (and not withdrawn)."""
        if self.withdrawn_on is not None or self.ivo_applied_on is not None:
            return False
        return self.answer is TransferAnswer.DECLINED or self.is_overdue(today)


_SQL = (
    "SELECT t.id, t.case_id, c.ref, t.to_municipality, t.requested_on, t.answer_due,"
    " t.client_wishes, t.grounds, t.grounds_note, t.answer, t.answered_on, t.answer_note,"
    " t.ivo_applied_on, t.withdrawn_on, t.author, t.guardian_wishes"
    " FROM transfer_requests t JOIN cases c ON c.id = t.case_id"
)


def _from_row(row: tuple[Any, ...]) -> TransferRequest:
    grounds = tuple(TransferGround(g) for g in json.loads(row[7]))
    return TransferRequest(
        id=row[0], case_id=row[1], case_ref=row[2], to_municipality=row[3],
        requested_on=row[4], answer_due=row[5], client_wishes=row[6], grounds=grounds,
        grounds_note=row[8], answer=TransferAnswer(row[9]), answered_on=row[10],
        answer_note=row[11], ivo_applied_on=row[12], withdrawn_on=row[13], author=row[14],
        guardian_wishes=row[15],
    )  # fmt: skip


def _check_day(value: str, field: str) -> date:
    return parse_date(value, field)


def _checked_grounds(grounds: list[TransferGround] | tuple[TransferGround, ...], note: str) -> str:
    if not grounds:
        raise ValidationError(N_("Ange minst ett skäl för överflyttningen."), field="grounds")
    if TransferGround.OTHER in grounds and not note.strip():
        raise ValidationError(N_("Beskriv det andra skälet."), field="grounds_note")
    return json.dumps([g.value for g in TransferGround if g in grounds])


def _request_text(
    town: str, sent: str, due: str, grounds: tuple[TransferGround, ...], note: str, wishes: str,
    guardians: str = "",
) -> str:  # fmt: skip
    """The journal entry (Swedish: the journal is the municipality's record)."""
    labels = ", ".join(g.label_sv.lower() for g in TransferGround if g in grounds)
    lines = [f"Skriftlig begäran om överflyttning av ärendet till {town} skickad {sent}."]
    lines.append(f"Skäl: {labels}." + (f" {note.strip()}" if note.strip() else ""))
    if wishes.strip():
        lines.append(f"Klientens önskemål: {wishes.strip()}")
    if guardians.strip():
        lines.append(f"Vårdnadshavarnas önskemål: {guardians.strip()}")
    lines.append(f"Svar ska lämnas senast {due}.")
    return "\n".join(lines)


def _is_child_case(store: Any, case_id: int) -> bool:
    age_of = getattr(store, "person_age", None)  # the Store facade has it (ChildMixin)
    if age_of is None:
        return False
    with store._read() as conn:
        row = conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    return row is not None and is_child(age_of(int(row[0])))


_LATE = N_("Svar från {town} om överflyttning har dröjt (svarsfrist {date})")
_DUE = N_("Svar från {town} om överflyttning väntas senast {date}")


#: Every transfer verb writes the request, a system journal entry and so the case's
#: last entry.
_TRANSFER_AREAS = (Area.TRANSFER, Area.JOURNAL, Area.CASE)


class TransferMixin(StoreBase):
    # ------------------------------------------------------------- verbs
    def request_transfer(
        self, case_id: int, to_municipality: str, *, requested_on: str | None = None,
        client_wishes: str = "", grounds: tuple[TransferGround, ...] = (),
        grounds_note: str = "", guardian_wishes: str = "",
    ) -> Changes:  # fmt: skip
        """Record that the written request was sent; the answer is due one month later.
        In a child's case the guardians' wishes are stated too."""
        town = to_municipality.strip()
        if not town:
            raise ValidationError(N_("Ange vilken kommun ärendet ska flyttas till."),
                                  field="to_municipality")  # fmt: skip
        if len(client_wishes) > MAX_WISHES:
            raise ValidationError(N_("Beskrivningen av klientens önskemål är för lång."),
                                  field="client_wishes")  # fmt: skip
        if len(guardian_wishes) > MAX_WISHES:
            raise ValidationError(N_("Beskrivningen av vårdnadshavarnas önskemål är för lång."),
                                  field="guardian_wishes")  # fmt: skip
        if not guardian_wishes.strip() and _is_child_case(self, case_id):
            raise ValidationError(N_("Klienten är ett barn: skriv vårdnadshavarnas önskemål "
                                     "(eller varför de inte har tillfrågats)."),
                                  field="guardian_wishes")  # fmt: skip
        stored_grounds = _checked_grounds(grounds, grounds_note)
        sent = _check_day(requested_on or self.today().isoformat(), "requested_on")
        if sent > self.today():
            raise ValidationError(N_("Datumet då begäran skickades kan inte ligga i framtiden."),
                                  field="requested_on")  # fmt: skip
        due = answer_deadline(sent).isoformat()
        now = self.now()
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            if self._open_id(conn, case_id) is not None:
                raise Refused(reason=N_("ärendet har redan en obesvarad begäran om överflyttning"))
            cur = conn.execute(
                "INSERT INTO transfer_requests (case_id, to_municipality, requested_on,"
                " answer_due, client_wishes, grounds, grounds_note, created, author, updated,"
                " guardian_wishes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (case_id, town, sent.isoformat(), due, client_wishes.strip(), stored_grounds,
                 grounds_note.strip(), now, self.user, now, guardian_wishes.strip()),
            )  # fmt: skip
            transfer_id = int(cur.lastrowid)
            text = _request_text(town, sent.isoformat(), due, grounds, grounds_note, client_wishes,
                                 guardian_wishes)  # fmt: skip
            self._journal(conn, case_id, sent.isoformat(), text, now)
            self._audit(conn, "transfer_requested", case_subject(ref), transfer=transfer_id,
                        to=town, answer_due=due)  # fmt: skip
        return self._changes(*_TRANSFER_AREAS, case_id=case_id, id=transfer_id)

    def record_transfer_answer(
        self, transfer_id: int, answer: TransferAnswer, *, answered_on: str | None = None,
        note: str = "", via: str = "",
    ) -> Changes:  # fmt: skip
        """The receiving municipality's written answer (``via``: e.g. a signed receipt)."""
        if answer is TransferAnswer.NONE:
            raise ValidationError(N_("Välj om begäran godtogs eller avböjdes."), field="answer")
        if answer is TransferAnswer.DECLINED and not note.strip():
            raise ValidationError(N_("Skriv vilket skäl den andra kommunen angav."), field="note")
        day = _check_day(answered_on or self.today().isoformat(), "answered_on")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.is_open:
                raise Refused(reason=N_("begäran är redan besvarad eller återkallad"))
            self._answer(conn, request, answer, day, note, via)
        return self._changes(*_TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def _answer(
        self, conn: Any, request: TransferRequest, answer: TransferAnswer, day: date,
        note: str, via: str,
    ) -> None:  # fmt: skip
        """Record the answer inside the caller's transaction (also a received receipt's)."""
        if day.isoformat() < request.requested_on:
            raise ValidationError(N_("Svaret kan inte vara daterat före begäran."),
                                  field="answered_on")  # fmt: skip
        conn.execute(
            "UPDATE transfer_requests SET answer = ?, answered_on = ?, answer_note = ?,"
            " updated = ? WHERE id = ?",
            (answer.value, day.isoformat(), note.strip(), self.now(), request.id),
        )
        verb = "godtog" if answer is TransferAnswer.ACCEPTED else "avböjde"
        text = f"{request.to_municipality} {verb} begäran om överflyttning {day.isoformat()}."
        if note.strip():
            text += f" Skäl: {note.strip()}"
        if via.strip():
            text += f" (Svar via {via.strip()}.)"
        if day.isoformat() > request.answer_due:
            text += f" Svaret kom efter svarsfristen {request.answer_due}."
        self._journal(conn, request.case_id, day.isoformat(), text, self.now())
        self._audit(conn, "transfer_answered", case_subject(request.case_ref),
                    transfer=request.id, answer=answer.value)  # fmt: skip

    def _open_request(self, conn: Any, case_id: int) -> TransferRequest | None:
        found = self._open_id(conn, case_id)
        return None if found is None else self._load(conn, found)

    def record_ivo_application(self, transfer_id: int, applied_on: str | None = None) -> Changes:
        """Application to IVO: allowed once the request was declined or went unanswered."""
        day = _check_day(applied_on or self.today().isoformat(), "applied_on")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.may_apply_to_ivo(day):
                raise Refused(reason=N_(
                    "ansökan till IVO kan göras först när begäran har avböjts eller inte "
                    "besvarats skriftligen inom en månad"))  # fmt: skip
            conn.execute(
                "UPDATE transfer_requests SET ivo_applied_on = ?, updated = ? WHERE id = ?",
                (day.isoformat(), self.now(), transfer_id),
            )
            text = (f"Ansökan till IVO om överflyttning av ärendet till "
                    f"{request.to_municipality} gjord {day.isoformat()}.")  # fmt: skip
            self._journal(conn, request.case_id, day.isoformat(), text, self.now())
            self._audit(conn, "transfer_ivo_applied", case_subject(request.case_ref),
                        transfer=transfer_id)  # fmt: skip
        return self._changes(*_TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def withdraw_transfer_request(self, transfer_id: int, reason: str) -> Changes:
        if not reason.strip():
            raise ValidationError(N_("Skriv varför begäran återkallas."), field="reason")
        day = self.today().isoformat()
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.is_open:
                raise Refused(reason=N_("begäran är redan besvarad eller återkallad"))
            conn.execute(
                "UPDATE transfer_requests SET withdrawn_on = ?, updated = ? WHERE id = ?",
                (day, self.now(), transfer_id),
            )
            text = (f"Begäran om överflyttning till {request.to_municipality} återkallad "
                    f"{day}. Skäl: {reason.strip()}")  # fmt: skip
            self._journal(conn, request.case_id, day, text, self.now())
            self._audit(conn, "transfer_withdrawn", case_subject(request.case_ref),
                        transfer=transfer_id)  # fmt: skip
        return self._changes(*_TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    # ----------------------------------------------------------- reading
    def transfer_requests(self, case_id: int) -> tuple[TransferRequest, ...]:
        """Every request of a case, oldest first."""
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
        """Open requests whose answer is due within ``horizon_days`` or overdue, as
        reminders for the "Today" view (``Task.kind`` = :data:`REMINDER_KIND`)."""
        limit = (self.today() + timedelta(days=horizon_days)).isoformat()
        today = self.today().isoformat()
        with self._read() as conn:
            rows = conn.execute(
                _SQL + " WHERE t.answer = 'none' AND t.withdrawn_on IS NULL"
                " AND t.answer_due <= ? ORDER BY t.answer_due, t.id",
                (limit,),
            ).fetchall()
        found = []
        for request in map(_from_row, rows):
            template = _LATE if request.answer_due < today else _DUE
            title = _(template).format(town=request.to_municipality, date=request.answer_due)
            found.append(Task(0, request.case_id, REMINDER_KIND, title, request.answer_due, "",
                              None, True, request.case_ref))  # fmt: skip
        return found

    def overdue_transfer_answers(self) -> list[TransferRequest]:
        """Open requests past their answer deadline (the IVO rule applies to them)."""
        with self._read() as conn:
            rows = conn.execute(
                _SQL + " WHERE t.answer = 'none' AND t.withdrawn_on IS NULL"
                " AND t.answer_due < ? ORDER BY t.answer_due, t.id",
                (self.today().isoformat(),),
            ).fetchall()
        return [_from_row(r) for r in rows]

    def transfer_request_payload(self, case_id: int) -> dict[str, Any] | None:
        """The current request as the handover payload's ``transfer_request`` object."""
        request = self.current_transfer_request(case_id)
        if request is None or request.withdrawn_on is not None:
            return None
        return {
            "to_municipality": request.to_municipality,
            "requested_on": request.requested_on,
            "client_wishes": request.client_wishes,
            "grounds": [g.value for g in request.grounds],
            "answer_due": request.answer_due,
        } | ({"guardian_wishes": request.guardian_wishes} if request.guardian_wishes else {})

    # ----------------------------------------------------------- helpers
    def _load(self, conn: Any, transfer_id: int) -> TransferRequest:
        row = conn.execute(_SQL + " WHERE t.id = ?", (transfer_id,)).fetchone()
        if row is None:
            raise NotFound(what=f"Begäran om överflyttning {transfer_id}")
        return _from_row(row)

    @staticmethod
    def _open_id(conn: Any, case_id: int) -> int | None:
        row = conn.execute(
            "SELECT id FROM transfer_requests WHERE case_id = ? AND answer = 'none'"
            " AND withdrawn_on IS NULL",
            (case_id,),
        ).fetchone()
        return None if row is None else int(row[0])

    def _journal(self, conn: Any, case_id: int, occurred: str, text: str, now: str) -> None:
        entry_id, _rev = insert_entry(conn, case_id, JournalKind.SYSTEM.value, occurred, text,
                                      self.user, now)  # fmt: skip
        self._audit(conn, "journal_added", case_subject(self._case_ref(conn, case_id)),
                    entry=entry_id)  # fmt: skip


__all__ = [
    "REMINDER_KIND",
    "TransferAnswer",
    "TransferGround",
    "TransferMixin",
    "TransferRequest",
    "answer_deadline",
    "transfer_rule",
]
