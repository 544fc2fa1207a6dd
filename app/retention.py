"""Retention (*gallring*) of closed case files.

As a rule a social-services file is culled five years after the end of the calendar
year of its last entry (the culling is done in the following year), with exceptions
kept in configuration: research municipalities keep the files of people born on the
5th, 15th or 25th, and a case can carry a hold with a reason (e.g. a child or adoption
matter). Deletion is a decision, never a side effect: only
``Store.delete_for_retention`` deletes, and it is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from app.settings import RETENTION_YEARS

POLICY_KEY = "retention_policy"


@dataclass(frozen=True)
class RetentionPolicy:
    years: int = RETENTION_YEARS.default
    research_birth_days: frozenset[int] = field(default_factory=frozenset)

    def to_json(self) -> str:
        return json.dumps(
            {"years": self.years, "research_birth_days": sorted(self.research_birth_days)}
        )

    @classmethod
    def from_json(cls, text: str) -> RetentionPolicy:
        raw = json.loads(text)
        return cls(int(raw["years"]), frozenset(int(d) for d in raw["research_birth_days"]))


RESEARCH_DAYS = frozenset({5, 15, 25})


def due_date(last_entry: str, policy: RetentionPolicy) -> date:
    """The first day the file may be culled: after the end of the calendar year that
    ends ``policy.years`` after the year of the last entry."""
    return date(int(last_entry[:4]) + policy.years + 1, 1, 1)


def is_research_exception(birth_date: str | None, policy: RetentionPolicy) -> bool:
    return birth_date is not None and int(birth_date[8:10]) in policy.research_birth_days


__all__ = ["POLICY_KEY", "RESEARCH_DAYS", "RetentionPolicy", "due_date", "is_research_exception"]
