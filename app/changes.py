"""What a writing verb of the store changed: the areas of the case file and the rows it
touched (here, not in app.store, so the GUI's ops runner can name it without loading
the store at start-up).

Every writing verb of the store returns a :class:`Changes`; the GUI's ops runner hands
exactly that value to the windows, and each window reads again only what it shows of
the areas named (a journal entry does not reload the tasks). Each read that several
screens share declares the areas it depends on next to its SQL (``ROW_AREAS`` for the
case list, ``REMINDER_AREAS`` for Today, ``SEARCH_AREAS`` for the search).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Area(StrEnum):
    """A part of the case file a verb can change."""

    #: the case row: status and its history, fields, and its summary columns (stage,
    #: threat level, review dates, last entry), which records and entries move
    CASE = "case"
    #: names, identifiers, protection, and whether a protected name is revealed
    PERSON = "person"
    RELATED = "related"
    INTAKE = "intake"
    JOURNAL = "journal"
    MOTIVATION = "motivation"
    THREAT = "threat"
    SAFETY_PLAN = "safety_plan"
    CONSENT = "consent"
    DECISION = "decision"
    ACTOR = "actor"
    TASK = "task"
    TRANSFER = "transfer"
    #: the packet log: handovers sent and received, receipts
    HANDOVER = "handover"
    #: the vault's signing identity, the directory of recipients, handover roles
    IDENTITY = "identity"
    DIRECTORY = "directory"
    ROLES = "roles"
    #: retention protocols (gallringsprotokoll) and their backup confirmations
    RETENTION = "retention"
    #: a child's guardians and the child's records (best interests, views, wishes)
    CHILD = "child"


@dataclass(frozen=True, slots=True)
class Changes:
    """What a verb changed, so a screen refreshes only that (Anki's OpChanges).

    ``case_id`` and ``person_id`` name the case and person concerned (``None``: none in
    particular, e.g. a shared actor's address); ``id`` is the row the verb created or
    touched (a new case, entry, record...)."""

    areas: frozenset[Area]
    case_id: int | None = None
    person_id: int | None = None
    id: int | None = None

    @classmethod
    def of(cls, *areas: Area, case_id: int | None = None, person_id: int | None = None,
           id: int | None = None) -> Changes:  # fmt: skip
        return cls(frozenset(Area(a) for a in areas), case_id, person_id, id)

    def touches(self, *areas: Area) -> bool:
        """Whether any of ``areas`` changed."""
        return not self.areas.isdisjoint(areas)

    def concerns(self, case_id: int, person_ids: frozenset[int] = frozenset()) -> bool:
        """Whether a screen showing case ``case_id`` (and these people) may show a
        change: the same case, one of its people, or nothing in particular."""
        if self.case_id is None and self.person_id is None:
            return True
        return self.case_id == case_id or self.person_id in person_ids

    @property
    def new_id(self) -> int:
        """The id of the row the verb created (for verbs that create one)."""
        if self.id is None:
            raise ValueError("this change created no row")
        return self.id

    def __or__(self, other: Changes) -> Changes:
        """Two verbs run as one piece of work (a new person and their case): every
        area; the case and person they name (neither when they name different ones, so
        every screen looks); the later row id."""
        areas = self.areas | other.areas
        row = other.id if other.id is not None else self.id
        if _differ(self.case_id, other.case_id) or _differ(self.person_id, other.person_id):
            return Changes(areas, None, None, row)
        return Changes(areas, other.case_id or self.case_id, other.person_id or self.person_id,
                       row)  # fmt: skip


#: Everything one case holds (a culled case takes all of it with it).
CASE_FILE = frozenset(Area) - {Area.IDENTITY, Area.DIRECTORY, Area.ROLES, Area.RETENTION}


def _differ(first: int | None, second: int | None) -> bool:
    return first is not None and second is not None and first != second


#: A piece of work that changed nothing.
NOTHING = Changes(frozenset())

__all__ = ["CASE_FILE", "NOTHING", "Area", "Changes"]
