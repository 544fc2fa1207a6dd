"""The case: status machine, target groups, referral sources, phases, intake checklist."""

from __future__ import annotations

from app.domain.options import Labelled, register_labels
from app.errors import ValidationError
from app.i18n import N_, _


class CaseStatus(Labelled):
    REQUEST = "request"
    ASSESSMENT = "assessment"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"
    TRANSFERRED = "transferred"


class TargetGroup(Labelled):
    CRIMINAL_NETWORK = "criminal_network"
    ORGANISED_CRIME = "organised_crime"
    VIOLENT_EXTREMISM = "violent_extremism"
    HONOUR_RELATED = "honour_related"
    OTHER = "other"


class ReferralSource(Labelled):
    SELF = "self"
    POLICE = "police"
    KRIMINALVARDEN = "kriminalvarden"
    SIS = "sis"
    SOCIAL_SERVICES = "social_services"
    OTHER_MUNICIPALITY = "other_municipality"
    FAMILY = "family"
    SCHOOL = "school"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"


class CasePhase(Labelled):
    CONTACT = "contact"
    ASSESSMENT = "assessment"
    PLANNING = "planning"
    INTERVENTIONS = "interventions"
    FOLLOW_UP = "follow_up"


class CloseOutcome(Labelled):
    EXIT_COMPLETED = "exit_completed"
    ENDED_BY_CLIENT = "ended_by_client"
    CONDITIONS_BROKEN = "conditions_broken"
    NO_LONGER_NEEDED = "no_longer_needed"
    OTHER = "other"


class IntakeItem(Labelled):
    """Prerequisites agencies check before a defector case opens."""

    MOTIVATED = "motivated"
    CONSENTS_EXCHANGE = "consents_exchange"
    SIGNED_CONDITIONS = "signed_conditions"
    NOT_EVIDENCE_PERSON = "not_evidence_person"
    VIOLENT_MILIEU_THREAT = "violent_milieu_threat"
    MUNICIPALITY_RESPONSIBLE = "municipality_responsible"


class IntakeAnswer(Labelled):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


register_labels(
    {
        CaseStatus.REQUEST: N_("Förfrågan"),
        CaseStatus.ASSESSMENT: N_("Kartläggning och bedömning"),
        CaseStatus.ACTIVE: N_("Pågående"),
        CaseStatus.PAUSED: N_("Vilande"),
        CaseStatus.CLOSED: N_("Avslutat"),
        CaseStatus.TRANSFERRED: N_("Överflyttat"),
    }
)
register_labels(
    {
        TargetGroup.CRIMINAL_NETWORK: N_("Kriminellt gäng eller nätverk"),
        TargetGroup.ORGANISED_CRIME: N_("Organiserad brottslighet"),
        TargetGroup.VIOLENT_EXTREMISM: N_("Våldsbejakande extremism"),
        TargetGroup.HONOUR_RELATED: N_("Hedersrelaterad miljö"),
        TargetGroup.OTHER: N_("Annan"),
    }
)
register_labels(
    {
        ReferralSource.SELF: N_("Egen ansökan"),
        ReferralSource.POLICE: N_("Polisen"),
        ReferralSource.KRIMINALVARDEN: N_("Kriminalvården"),
        ReferralSource.SIS: N_("SiS"),
        ReferralSource.SOCIAL_SERVICES: N_("Annan enhet inom socialtjänsten"),
        ReferralSource.OTHER_MUNICIPALITY: N_("Annan kommun"),
        ReferralSource.FAMILY: N_("Familj eller närstående"),
        ReferralSource.SCHOOL: N_("Skola"),
        ReferralSource.CIVIL_SOCIETY: N_("Civilsamhällesorganisation"),
        ReferralSource.OTHER: N_("Annan källa"),
    }
)
register_labels(
    {
        CasePhase.CONTACT: N_("Kontakt och förfrågan"),
        CasePhase.ASSESSMENT: N_("Kartläggning"),
        CasePhase.PLANNING: N_("Planering"),
        CasePhase.INTERVENTIONS: N_("Genomförande"),
        CasePhase.FOLLOW_UP: N_("Uppföljning och avslut"),
    }
)
register_labels(
    {
        CloseOutcome.EXIT_COMPLETED: N_("Avhoppet genomfört"),
        CloseOutcome.ENDED_BY_CLIENT: N_("Avbrutet av klienten"),
        CloseOutcome.CONDITIONS_BROKEN: N_("Avslutat efter brutna villkor"),
        CloseOutcome.NO_LONGER_NEEDED: N_("Behov finns inte längre"),
        CloseOutcome.OTHER: N_("Annat utfall"),
    }
)
register_labels(
    {
        IntakeItem.MOTIVATED: N_("Personen är motiverad att lämna miljön"),
        IntakeItem.CONSENTS_EXCHANGE: N_("Samtycker till informationsutbyte mellan myndigheter"),
        IntakeItem.SIGNED_CONDITIONS: N_("Har skrivit under villkoren"),
        IntakeItem.NOT_EVIDENCE_PERSON: N_("Är inte bevisperson i ett brottmål"),
        IntakeItem.VIOLENT_MILIEU_THREAT: N_("Hotbild från en miljö med våldskapital"),
        IntakeItem.MUNICIPALITY_RESPONSIBLE: N_("Kommunen är ansvarig"),
    }
)
register_labels(
    {
        IntakeAnswer.YES: N_("Ja"),
        IntakeAnswer.NO: N_("Nej"),
        IntakeAnswer.UNCLEAR: N_("Oklart"),
    }
)

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.REQUEST: frozenset({CaseStatus.ASSESSMENT, CaseStatus.CLOSED}),
    CaseStatus.ASSESSMENT: frozenset(
        {CaseStatus.ACTIVE, CaseStatus.CLOSED, CaseStatus.TRANSFERRED}
    ),
    CaseStatus.ACTIVE: frozenset({CaseStatus.PAUSED, CaseStatus.CLOSED, CaseStatus.TRANSFERRED}),
    CaseStatus.PAUSED: frozenset({CaseStatus.ACTIVE, CaseStatus.CLOSED, CaseStatus.TRANSFERRED}),
    # A closed case can be reopened for a new assessment; a transferred one lives on
    # in the receiving municipality.
    CaseStatus.CLOSED: frozenset({CaseStatus.ASSESSMENT}),
    CaseStatus.TRANSFERRED: frozenset(),
}

OPEN_STATUSES = frozenset(
    {CaseStatus.REQUEST, CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.PAUSED}
)


class InvalidTransition(ValidationError):
    template = "Ärendet kan inte gå från ”{old}” till ”{new}”. Möjliga nästa steg: {allowed}."


def allowed_next(status: CaseStatus) -> list[CaseStatus]:
    """The statuses a case may move to next, in declaration order (for a menu)."""
    return [s for s in CaseStatus if s in TRANSITIONS[status]]


def check_transition(old: CaseStatus, new: CaseStatus) -> None:
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(s.label for s in allowed_next(old)) or _("inga")
        raise InvalidTransition(None, field="status", old=old.label, new=new.label, allowed=allowed)


__all__ = [
    "OPEN_STATUSES",
    "TRANSITIONS",
    "CasePhase",
    "CaseStatus",
    "CloseOutcome",
    "IntakeAnswer",
    "IntakeItem",
    "InvalidTransition",
    "ReferralSource",
    "TargetGroup",
    "allowed_next",
    "check_transition",
]
