"""Moving a case to another municipality (*överflyttning av ärende*), as the rules and
IVO describe it (cited from ``resources/legal/references.json``: ``sol_transfer_request``,
``sol_transfer_ivo``, ``ivo_transfer``, ``ivo_application``, ``ivo_appeal``).

- The requesting nämnd sends a written request. The case may move only if the client
  has the **strongest connection** to the other municipality (required); then it must be
  suitable given the client's wishes (and where they apply the guardians', a child's
  over 15 and a god man's), the expected duration of the need and other circumstances
  (a threat is one of them).
- The other nämnd answers with a **decision**: who decided, when, from which day it
  takes over. If it says no, or no decision has come **one month** after the request,
  the requesting nämnd *may* apply to IVO: the month is when that becomes possible, not
  a deadline for the other side's work.
- IVO's decision may be appealed (to the administrative court, through IVO). The old
  municipality stays responsible until the decision to take over has legal force.
- Two other routes: the client moves and applies in the new municipality (information
  handed over with the client's consent), or the home municipality keeps responsibility
  while the client must live elsewhere.

Qt-free and store-free: plain rules over a :class:`TransferRequest`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from app.domain.options import Labelled, register_labels
from app.i18n import N_, _


class TransferRoute(Labelled):
    REQUEST = "request"  # överflyttning: a written request to the other nämnd
    CLIENT_MOVES = "client_moves"  # the client moves and applies there
    HOME_KEEPS = "home_keeps"  # the home municipality keeps responsibility


class TransferGround(Labelled):
    STRONGEST_CONNECTION = "strongest_connection"
    THREAT = "threat"  # one of the other circumstances
    OTHER = "other"


class TransferAnswer(Labelled):
    NONE = "none"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class IvoOutcome(Labelled):
    TRANSFER = "transfer"
    NO_TRANSFER = "no_transfer"


register_labels({
    TransferRoute.REQUEST: N_("Begäran om överflyttning till den andra nämnden"),
    TransferRoute.CLIENT_MOVES: N_("Klienten flyttar och ansöker i den nya kommunen"),
    TransferRoute.HOME_KEEPS: N_("Hemkommunen behåller ansvaret medan klienten bor på annan ort"),
})  # fmt: skip
register_labels({
    TransferGround.STRONGEST_CONNECTION: N_("Starkast anknytning till kommunen"),
    TransferGround.THREAT: N_("Hotbilden (omständighet i övrigt)"),
    TransferGround.OTHER: N_("Annan omständighet"),
})  # fmt: skip
register_labels({
    TransferAnswer.NONE: N_("Inget beslut ännu"),
    TransferAnswer.ACCEPTED: N_("Beslut att ta över ärendet"),
    TransferAnswer.DECLINED: N_("Beslut att inte ta över ärendet"),
})  # fmt: skip
register_labels({
    IvoOutcome.TRANSFER: N_("IVO beslutade att ärendet ska flyttas över"),
    IvoOutcome.NO_TRANSFER: N_("IVO beslutade att ärendet inte ska flyttas över"),
})  # fmt: skip


def ivo_possible_from(requested_on: date) -> date:
    """One calendar month after the written request (31 Jan → 28/29 Feb): from then the
    requesting nämnd may apply to IVO if no decision has come."""
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
    ivo_from: str  # the day from which IVO may be asked (stored, never recomputed)
    client_wishes: str
    grounds: tuple[TransferGround, ...]
    grounds_note: str
    answer: TransferAnswer
    answered_on: str | None
    answer_note: str
    ivo_applied_on: str | None
    withdrawn_on: str | None
    author: str
    guardian_wishes: str = ""
    route: TransferRoute = TransferRoute.REQUEST
    connection: str = ""  # why the client's strongest connection is there
    duration: str = ""  # the expected duration of the need
    child_wishes: str = ""  # a child over 15
    god_man_wishes: str = ""
    decided_by: str = ""  # the other nämnd (or its delegate) that decided
    takeover_on: str | None = None
    legal_force_on: str | None = None
    ivo_decided_on: str | None = None
    ivo_outcome: IvoOutcome | None = None
    appealed_on: str | None = None
    appeal_note: str = ""
    taken_over_on: str | None = None

    @property
    def is_open(self) -> bool:
        """Waiting for the other nämnd's decision (a request not withdrawn)."""
        return (self.route is TransferRoute.REQUEST and self.answer is TransferAnswer.NONE
                and self.withdrawn_on is None)  # fmt: skip

    @property
    def has_strongest_connection(self) -> bool:
        """The request rests on the strongest connection (a request recorded before the
        reasons were asked for has the ground without them; its IVO pack says they are
        missing)."""
        return TransferGround.STRONGEST_CONNECTION in self.grounds

    def waiting_past_month(self, today: date) -> bool:
        """No decision, and the month after the request has passed."""
        return self.is_open and self.ivo_from <= today.isoformat()

    def ivo_refusal(self, today: date) -> str | None:
        """Why an application to IVO is not possible on ``today`` (None: it is)."""
        if self.route is not TransferRoute.REQUEST:
            return N_("bara en begäran om överflyttning kan prövas av IVO")
        if self.withdrawn_on is not None or self.ivo_applied_on is not None:
            return N_("begäran är återkallad eller redan prövad hos IVO")
        if not self.has_strongest_connection:
            return N_(
                "begäran saknar skäl för starkast anknytning till den andra kommunen; "
                "IVO kan bara flytta ett ärende dit den enskilde har starkast anknytning"
            )
        if self.answer is TransferAnswer.DECLINED or self.waiting_past_month(today):
            return None
        return N_("ansökan till IVO kan göras när den andra nämnden har sagt nej, eller när "
                  "en månad har gått sedan begäran utan beslut")  # fmt: skip

    def may_apply_to_ivo(self, today: date) -> bool:
        return self.ivo_refusal(today) is None

    @property
    def decided_to_move(self) -> bool:
        """The other nämnd, or IVO, decided that the case moves."""
        return self.answer is TransferAnswer.ACCEPTED or self.ivo_outcome is IvoOutcome.TRANSFER

    def moved(self, today: date) -> bool:
        """Responsibility has passed: a decision to move with legal force, from its
        takeover day, and the takeover recorded. Until then the old municipality stays
        responsible."""
        return self.taken_over_on is not None and self.taken_over_on <= today.isoformat()

    def takeover_refusal(self, day: date) -> str | None:
        """Why responsibility cannot pass on ``day`` (None: it can)."""
        if self.taken_over_on is not None:
            return N_("ärendet är redan övertaget")
        if not self.decided_to_move:
            return N_("det finns inget beslut om att ta över ärendet")
        if self.legal_force_on is None or self.legal_force_on > day.isoformat():
            return N_("beslutet har inte vunnit laga kraft; den nuvarande kommunen har kvar "
                      "ansvaret till dess")  # fmt: skip
        if self.takeover_on is not None and self.takeover_on > day.isoformat():
            return N_("dagen då den andra kommunen tar över har inte kommit")
        return None


def responsibility(request: TransferRequest | None, today: date, home: str) -> str:
    """Who is responsible for the case today, in words."""
    if request is None or request.withdrawn_on is not None:
        return _("{home} är ansvarig.").format(home=home)
    if request.route is TransferRoute.HOME_KEEPS:
        return _("{home} behåller ansvaret medan klienten bor i {town}.").format(
            home=home, town=request.to_municipality)  # fmt: skip
    if request.moved(today):
        return _("{town} har tagit över ansvaret ({date}).").format(
            town=request.to_municipality, date=request.taken_over_on)  # fmt: skip
    if request.decided_to_move:
        return _(
            "{home} är ansvarig tills beslutet om överflyttning har vunnit laga kraft "
            "och {town} har tagit över."
        ).format(home=home, town=request.to_municipality)
    return _("{home} är ansvarig.").format(home=home)


__all__ = [
    "IvoOutcome",
    "TransferAnswer",
    "TransferGround",
    "TransferRequest",
    "TransferRoute",
    "ivo_possible_from",
    "responsibility",
]
