"""Option lists for people, journal entries, actors, tasks and threat levels."""

from __future__ import annotations

from app.domain.options import Labelled, register_labels
from app.i18n import N_, _


class ProtectedLevel(Labelled):
    """Protected personal data, decided by other authorities."""

    NONE = "none"
    SEKRETESSMARKERING = "sekretessmarkering"
    SKYDDAD_FOLKBOKFORING = "skyddad_folkbokforing"
    FINGERADE_PERSONUPPGIFTER = "fingerade_personuppgifter"

    @property
    def masks_identity(self) -> bool:
        return self is not ProtectedLevel.NONE


def masked_name() -> str:
    """What lists, titles and search results show instead of a protected name."""
    return _("Skyddad identitet")


class JournalKind(Labelled):
    CONVERSATION = "conversation"
    HOME_VISIT = "home_visit"
    MEETING_POLICE = "meeting_police"
    MEETING_KRIMINALVARDEN = "meeting_kriminalvarden"
    MEETING_OTHER_ACTOR = "meeting_other_actor"
    PHONE = "phone"
    DECISION = "decision"
    OTHER = "other"
    SYSTEM = "system"


class ActorKind(Labelled):
    POLICE = "police"
    KRIMINALVARDEN = "kriminalvarden"
    FRIVARDEN = "frivarden"
    SIS = "sis"
    SOCIAL_SERVICES = "social_services"
    OTHER_MUNICIPALITY = "other_municipality"
    CIVIL_SOCIETY = "civil_society"
    HEALTH = "health"
    SCHOOL = "school"
    OTHER = "other"


class TaskKind(Labelled):
    MANUAL = "manual"
    REVIEW_THREAT = "review_threat"
    REVIEW_SAFETY_PLAN = "review_safety_plan"
    REVIEW_MOTIVATION = "review_motivation"
    CONSENT_EXPIRING = "consent_expiring"
    RETENTION_REVIEW = "retention_review"


class ThreatLevel(Labelled):
    """Ordered from lowest to highest; the form definition uses the same keys."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def rank(self) -> int:
        return list(ThreatLevel).index(self) + 1


class RelationKind(Labelled):
    """How a related person stands to the client."""

    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER_RELATIVE = "other_relative"
    OTHER = "other"


register_labels(
    {
        ProtectedLevel.NONE: N_("Inget skydd"),
        ProtectedLevel.SEKRETESSMARKERING: N_("Sekretessmarkering"),
        ProtectedLevel.SKYDDAD_FOLKBOKFORING: N_("Skyddad folkbokföring"),
        ProtectedLevel.FINGERADE_PERSONUPPGIFTER: N_("Fingerade personuppgifter"),
    }
)
register_labels(
    {
        JournalKind.CONVERSATION: N_("Samtal"),
        JournalKind.HOME_VISIT: N_("Hembesök"),
        JournalKind.MEETING_POLICE: N_("Möte med polisen"),
        JournalKind.MEETING_KRIMINALVARDEN: N_("Möte med Kriminalvården"),
        JournalKind.MEETING_OTHER_ACTOR: N_("Möte med annan aktör"),
        JournalKind.PHONE: N_("Telefonsamtal"),
        JournalKind.DECISION: N_("Beslut"),
        JournalKind.OTHER: N_("Övrigt"),
        JournalKind.SYSTEM: N_("Systemhändelse"),
    }
)
register_labels(
    {
        ActorKind.POLICE: N_("Polisen"),
        ActorKind.KRIMINALVARDEN: N_("Kriminalvården"),
        ActorKind.FRIVARDEN: N_("Frivården"),
        ActorKind.SIS: N_("SiS"),
        ActorKind.SOCIAL_SERVICES: N_("Annan enhet inom socialtjänsten"),
        ActorKind.OTHER_MUNICIPALITY: N_("Annan kommun"),
        ActorKind.CIVIL_SOCIETY: N_("Civilsamhällesorganisation"),
        ActorKind.HEALTH: N_("Hälso- och sjukvård"),
        ActorKind.SCHOOL: N_("Skola"),
        ActorKind.OTHER: N_("Annan aktör"),
    }
)
register_labels(
    {
        TaskKind.MANUAL: N_("Uppgift"),
        TaskKind.REVIEW_THREAT: N_("Dags att se över hotbilden"),
        TaskKind.REVIEW_SAFETY_PLAN: N_("Dags att se över säkerhetsplanen"),
        TaskKind.REVIEW_MOTIVATION: N_("Dags att följa upp motivationen"),
        TaskKind.CONSENT_EXPIRING: N_("Samtycke går snart ut"),
        TaskKind.RETENTION_REVIEW: N_("Akten ska prövas för gallring"),
    }
)
register_labels(
    {
        ThreatLevel.LOW: N_("Låg"),
        ThreatLevel.MODERATE: N_("Måttlig"),
        ThreatLevel.HIGH: N_("Hög"),
        ThreatLevel.VERY_HIGH: N_("Mycket hög"),
    }
)
register_labels(
    {
        RelationKind.PARTNER: N_("Partner"),
        RelationKind.CHILD: N_("Barn"),
        RelationKind.PARENT: N_("Förälder"),
        RelationKind.SIBLING: N_("Syskon"),
        RelationKind.OTHER_RELATIVE: N_("Annan släkting"),
        RelationKind.OTHER: N_("Annan relation"),
    }
)

__all__ = [
    "ActorKind",
    "JournalKind",
    "ProtectedLevel",
    "RelationKind",
    "TaskKind",
    "ThreatLevel",
    "masked_name",
]
