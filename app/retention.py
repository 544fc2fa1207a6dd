"""Retention (*gallring*) of personal files: the rules, without the vault.

The unit is the person's whole file (*personakt*: every case of the person), not one
case. A file is culled five years after its last entry; the period is counted to the
end of that calendar year and the culling is completed within the following year. The
exceptions live in configuration: a hold with a reason on any of the person's cases
(e.g. a child or adoption matter) keeps the whole file, and the research exception keeps
every file in some municipalities and elsewhere the files of people born on the 5th,
15th or 25th. The organisation's policy file decides both the period and the research
exception. Deletion is a decision, never a side effect (``Store.cull``), and every
culling leaves a *gallringsprotokoll*.

The rule texts are in ``resources/legal/retention.json``; the sources they were checked
against (with the date checked) are entries of ``resources/legal/references.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from app.domain import legal
from app.domain.options import LocalText
from app.resources import resource_path
from app.settings import RETENTION_YEARS

POLICY_KEY = "retention_policy"
RESEARCH_DAYS = frozenset({5, 15, 25})


class ResearchKeep(StrEnum):
    """What the research exception keeps in this municipality."""

    NONE = "none"  # not a research municipality: nothing is kept for research
    ALL = "all"  # the area keeps every personal file
    BIRTH_DAYS = "birth_days"  # the files of people born on the 5th, 15th or 25th


@dataclass(frozen=True)
class RetentionPolicy:
    years: int = RETENTION_YEARS.default
    research: ResearchKeep = ResearchKeep.NONE

    def to_json(self) -> str:
        return json.dumps({"years": self.years, "research": self.research.value})

    @classmethod
    def from_json(cls, text: str) -> RetentionPolicy:
        raw = json.loads(text)
        research = raw.get("research")
        if research is None:  # stored before the research modes existed
            research = "birth_days" if raw.get("research_birth_days") else "none"
        return cls(int(raw["years"]), ResearchKeep(research))


def due_date(last_entry: str, policy: RetentionPolicy) -> date:
    """The first day the file may be culled: the period is counted from the last entry
    to the end of the calendar year ``policy.years`` later."""
    return date(int(last_entry[:4]) + policy.years + 1, 1, 1)


def complete_by(last_entry: str, policy: RetentionPolicy) -> date:
    """The last day of the calendar year in which the culling must be completed."""
    return date(due_date(last_entry, policy).year, 12, 31)


def kept_for_research(birth_date: str | None, policy: RetentionPolicy) -> bool:
    """Whether the research exception keeps this person's file. A file whose birth date
    is unknown cannot be one of the 5/15/25 files and is not kept by that rule."""
    if policy.research is ResearchKeep.ALL:
        return True
    if policy.research is ResearchKeep.BIRTH_DAYS and birth_date:
        return int(birth_date[8:10]) in RESEARCH_DAYS
    return False


@cache
def _legal() -> dict[str, Any]:
    with resource_path("legal", "retention.json").open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


def rule_text(policy: RetentionPolicy, lang: str | None = None) -> str:
    """The rule applied, in words, for the review and the protocol."""
    raw = _legal()
    rule = LocalText(**raw["rule"]).get(lang)
    research = LocalText(**raw["research"][policy.research.value]).get(lang)
    period = LocalText(f"{policy.years} år", f"{policy.years} years").get(lang)
    return f"{rule} ({period}). {research}."


def legal_sources() -> tuple[list[dict[str, str]], str]:
    """The sources the rule was checked against (from the legal references file), and
    the date checked."""
    refs = [legal.reference(key) for key in _legal()["sources"]]
    sources = [{"what": ref.describe(), "where": ref.source} for ref in refs]
    return sources, max(ref.checked for ref in refs)


__all__ = [
    "POLICY_KEY",
    "RESEARCH_DAYS",
    "ResearchKeep",
    "RetentionPolicy",
    "complete_by",
    "due_date",
    "kept_for_research",
    "legal_sources",
    "rule_text",
]
