"""The steps after a transfer request (rules in :mod:`app.domain.transfer`): the other
nämnd's decision (who, when, takeover day), its legal force, the application to IVO
(only with a strongest-connection ground, once the answer is no or a month has passed
without one), IVO's decision, an appeal, and the takeover: the day responsibility
passes, never before the decision has legal force. A packet receipt is none of these.

Also the other routes: the client moves and applies in the new municipality (the
information goes over with the client's consent), or the home municipality keeps
responsibility while the client lives elsewhere; and, on the receiving side, the note
that this nämnd has taken a case over. Each verb is one transaction with its journal
entry and audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.changes import Changes
from app.domain.dates import parse_date
from app.domain.transfer import IvoOutcome, TransferAnswer, TransferRequest, TransferRoute
from app.errors import Refused, ValidationError
from app.i18n import N_
from app.store.cases import case_subject
from app.store.transfer import TRANSFER_AREAS, TransferMixin


def _day(value: str | None, today: date, field: str) -> date:
    day = parse_date(value or today.isoformat(), field)
    if day > today:
        raise ValidationError(N_("Datumet kan inte ligga i framtiden."), field=field)
    return day


class TransferStepsMixin(TransferMixin):
    def record_transfer_decision(
        self, transfer_id: int, answer: TransferAnswer, *, decided_by: str,
        decided_on: str | None = None, takeover_on: str | None = None, note: str = "",
    ) -> Changes:  # fmt: skip
        """The other nämnd's decision on the request (by the nämnd or its delegate)."""
        if answer is TransferAnswer.NONE:
            raise ValidationError(N_("Välj om nämnden beslutade att ta över ärendet eller inte."),
                                  field="answer")  # fmt: skip
        if not decided_by.strip():
            raise ValidationError(N_("Ange vem som fattade beslutet (nämnd eller delegat)."),
                                  field="decided_by")  # fmt: skip
        if answer is TransferAnswer.DECLINED and not note.strip():
            raise ValidationError(N_("Skriv vilket skäl den andra nämnden angav."), field="note")
        day = _day(decided_on, self.today(), "decided_on")
        takeover = parse_date(takeover_on, "takeover_on").isoformat() if takeover_on else None
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.is_open:
                raise Refused(reason=N_("begäran är redan besvarad eller återkallad"))
            if day.isoformat() < request.requested_on:
                raise ValidationError(N_("Beslutet kan inte vara daterat före begäran."),
                                      field="decided_on")  # fmt: skip
            conn.execute(
                "UPDATE transfer_requests SET answer = ?, answered_on = ?, answer_note = ?,"
                " decided_by = ?, takeover_on = ?, updated = ? WHERE id = ?",
                (answer.value, day.isoformat(), note.strip(), decided_by.strip(), takeover,
                 self.now(), transfer_id),
            )  # fmt: skip
            verb = "beslutade att ta över" if answer is TransferAnswer.ACCEPTED else (
                "beslutade att inte ta över")  # fmt: skip
            text = (f"{request.to_municipality} ({decided_by.strip()}) {verb} ärendet "
                    f"{day.isoformat()}.")  # fmt: skip
            text += f" Övertagande från {takeover}." if takeover else ""
            text += f" Skäl: {note.strip()}" if note.strip() else ""
            if answer is TransferAnswer.ACCEPTED:
                text += " Nämnden har kvar ansvaret tills beslutet har vunnit laga kraft."
            self._step(conn, request, day, text, "transfer_decided", answer=answer.value)
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def record_legal_force(self, transfer_id: int, on: str) -> Changes:
        """The decision to move the case (the other nämnd's or IVO's) has legal force."""
        day = _day(on, self.today(), "legal_force_on")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.decided_to_move:
                raise Refused(reason=N_("det finns inget beslut om att flytta över ärendet"))
            decided = request.ivo_decided_on or request.answered_on or request.requested_on
            if day.isoformat() < decided:
                raise ValidationError(N_("Laga kraft kan inte inträffa före beslutet."),
                                      field="legal_force_on")  # fmt: skip
            self._set(conn, transfer_id, legal_force_on=day.isoformat())
            town = request.to_municipality
            text = f"Beslutet om överflyttning till {town} vann laga kraft {day}."
            self._step(conn, request, day, text, "transfer_legal_force")
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def record_ivo_application(self, transfer_id: int, applied_on: str | None = None) -> Changes:
        """The application to IVO: only with a strongest-connection ground, when the
        other nämnd said no or a month has passed since the request without a decision."""
        day = _day(applied_on, self.today(), "applied_on")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            refusal = request.ivo_refusal(day)
            if refusal is not None:
                raise Refused(reason=refusal)
            self._set(conn, transfer_id, ivo_applied_on=day.isoformat())
            why = "efter avslag" if request.answer is TransferAnswer.DECLINED else (
                f"utan beslut en månad efter begäran ({request.ivo_from})")  # fmt: skip
            text = (f"Ansökan till IVO om överflyttning av ärendet till "
                    f"{request.to_municipality} gjord {day} ({why}).")  # fmt: skip
            self._step(conn, request, day, text, "transfer_ivo_applied")
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def record_ivo_decision(
        self, transfer_id: int, outcome: IvoOutcome, decided_on: str, takeover_on: str | None = None
    ) -> Changes:
        day = _day(decided_on, self.today(), "ivo_decided_on")
        takeover = parse_date(takeover_on, "takeover_on").isoformat() if takeover_on else None
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if request.ivo_applied_on is None or request.ivo_decided_on is not None:
                raise Refused(reason=N_("det finns ingen ansökan hos IVO som väntar på beslut"))
            self._set(conn, transfer_id, ivo_decided_on=day.isoformat(), ivo_outcome=outcome.value,
                      takeover_on=takeover or request.takeover_on)  # fmt: skip
            text = f"{outcome.label_sv} {day}. Beslutet kan överklagas inom tre veckor."
            self._step(conn, request, day, text, "transfer_ivo_decided", outcome=outcome.value)
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def record_appeal(self, transfer_id: int, appealed_on: str, note: str) -> Changes:
        """IVO's decision was appealed (to the administrative court, through IVO)."""
        day = _day(appealed_on, self.today(), "appealed_on")
        if not note.strip():
            raise ValidationError(N_("Skriv vem som överklagade och vad som yrkas."), field="note")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if request.ivo_decided_on is None:
                raise Refused(reason=N_("bara IVO:s beslut kan överklagas här"))
            self._set(conn, transfer_id, appealed_on=day.isoformat(), appeal_note=note.strip(),
                      legal_force_on=None)  # fmt: skip
            text = f"IVO:s beslut överklagat {day}: {note.strip()}. Beslutet har inte laga kraft."
            self._step(conn, request, day, text, "transfer_appealed")
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def complete_transfer(self, transfer_id: int, on: str | None = None) -> Changes:
        """Responsibility passes to the other municipality (never before the decision
        has legal force and its takeover day has come)."""
        day = _day(on, self.today(), "taken_over_on")
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            refusal = request.takeover_refusal(day)
            if refusal is not None:
                raise Refused(reason=refusal)
            self._set(conn, transfer_id, taken_over_on=day.isoformat())
            text = (f"Ansvaret för ärendet gick över till {request.to_municipality} {day} "
                    f"(beslutet vann laga kraft {request.legal_force_on}).")  # fmt: skip
            self._step(conn, request, day, text, "transfer_completed")
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    def withdraw_transfer_request(self, transfer_id: int, reason: str) -> Changes:
        if not reason.strip():
            raise ValidationError(N_("Skriv varför begäran återkallas."), field="reason")
        day = self.today()
        with self._write() as conn:
            request = self._load(conn, transfer_id)
            if not request.is_open:
                raise Refused(reason=N_("begäran är redan besvarad eller återkallad"))
            self._set(conn, transfer_id, withdrawn_on=day.isoformat())
            text = (f"Begäran om överflyttning till {request.to_municipality} återkallad "
                    f"{day}. Skäl: {reason.strip()}")  # fmt: skip
            self._step(conn, request, day, text, "transfer_withdrawn")
        return self._changes(*TRANSFER_AREAS, case_id=request.case_id, id=transfer_id)

    # ------------------------------------------------------- other routes
    def record_transfer_route(
        self, case_id: int, route: TransferRoute, municipality: str, note: str,
        consent_series: int | None = None,
    ) -> Changes:  # fmt: skip
        """The client moves and applies there (information handed over only with a
        consent in force to that municipality), or the home municipality keeps
        responsibility while the client lives there."""
        town = municipality.strip()
        if route is TransferRoute.REQUEST or not town or not note.strip():
            raise ValidationError(N_("Ange kommunen och en beskrivning av överenskommelsen."),
                                  field="municipality")  # fmt: skip
        consent = self._route_consent(case_id, route, town, consent_series)
        day, now = self.today().isoformat(), self.now()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO transfer_requests (case_id, to_municipality, requested_on,"
                " answer_due, grounds, grounds_note, created, author, updated, route)"
                " VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)",
                (case_id, town, day, day, note.strip(), now, self.user, now, route.value),
            )
            request = self._load(conn, int(cur.lastrowid))
            text = f"{route.label_sv}: {town}. {note.strip()}"
            text += f" Uppgifter lämnas med klientens samtycke ({consent})." if consent else ""
            self._step(conn, request, self.today(), text, "transfer_route", route=route.value)
        return self._changes(*TRANSFER_AREAS, case_id=case_id, id=request.id)

    def _route_consent(
        self, case_id: int, route: TransferRoute, town: str, series: int | None
    ) -> str:
        if route is not TransferRoute.CLIENT_MOVES:
            return ""
        consents = getattr(self, "consents_in_force", lambda _c: ())(case_id)
        for consent in consents:
            if (series is None or consent.record.series == series) and (
                town.casefold() in consent.recipient.casefold()
            ):
                return f"{consent.recipient}, {consent.record.data.get('given_on', '')}"
        raise Refused(reason=N_(
            "det finns inget samtycke i kraft till den nya kommunen; uppgifter lämnas över "
            "till den nya kommunen bara med klientens samtycke"))  # fmt: skip

    def take_over_case(self, case_id: int, from_municipality: str, on: str, note: str) -> Changes:
        """The receiving side: this nämnd has taken the case over (its own journal)."""
        day = _day(on, self.today(), "taken_over_on")
        if not from_municipality.strip() or not note.strip():
            raise ValidationError(N_("Ange kommunen och beslutet som övertagandet bygger på."),
                                  field="note")  # fmt: skip
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            text = (f"Nämnden tog över ansvaret för ärendet från {from_municipality.strip()} "
                    f"{day}. {note.strip()}")  # fmt: skip
            self._journal(conn, case_id, day.isoformat(), text, self.now())
            self._audit(conn, "transfer_taken_over", case_subject(ref),
                        **{"from": from_municipality.strip()})  # fmt: skip
        return self._changes(*TRANSFER_AREAS, case_id=case_id)

    # ----------------------------------------------------------- helpers
    def _set(self, conn: Any, transfer_id: int, **values: object) -> None:
        columns = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"UPDATE transfer_requests SET {columns}, updated = ? WHERE id = ?",  # noqa: S608 (fixed column names)
                     (*values.values(), self.now(), transfer_id))  # fmt: skip

    def _step(self, conn: Any, request: TransferRequest, day: date, text: str, event: str,
              **details: object) -> None:  # fmt: skip
        self._journal(conn, request.case_id, day.isoformat(), text, self.now())
        self._audit(conn, event, case_subject(request.case_ref), transfer=request.id, **details)


__all__ = ["TransferStepsMixin"]
