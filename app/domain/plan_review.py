"""A raised threat level calls for the safety plan to be looked at again: saving a threat
assessment whose acute level is higher than the previous one's adds a task "review the
safety plan", due within ``REVIEW_WORKING_DAYS`` Swedish working days. A lowered or
unchanged level, or a first assessment (nothing to compare with), adds none; nor does a
raise while an earlier review of the plan is still open (the store checks that)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.kinds import ThreatLevel
from app.domain.workdays import add_working_days
from app.i18n import N_, _

REVIEW_WORKING_DAYS = 2
TITLE = N_("Se över säkerhetsplanen: akut hotnivå höjd från {before} till {after}")
NOTICE = N_(
    "Hotnivån höjs från {before} till {after}. En uppgift att se över säkerhetsplanen"
    " läggs till, senast {due}."
)
ADDED = N_(
    "Hotnivån höjdes. Uppgiften ”Se över säkerhetsplanen” är tillagd under Uppgifter, senast {due}."
)


def _rank(level: object) -> int | None:
    try:
        return ThreatLevel(str(level)).rank
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class PlanReview:
    """The review a raised level calls for."""

    before: ThreatLevel
    after: ThreatLevel
    due: date

    @property
    def title(self) -> str:
        return _(TITLE).format(before=self.before.label.lower(), after=self.after.label.lower())

    @property
    def notice(self) -> str:
        """Said before saving, next to the summary of changes."""
        before, after = self.before.label.lower(), self.after.label.lower()
        return _(NOTICE).format(before=before, after=after, due=self.due.isoformat())


def plan_review(before: object, after: object, today: date) -> PlanReview | None:
    """The review to add when the acute level goes from ``before`` up to ``after``."""
    old, new = _rank(before), _rank(after)
    if old is None or new is None or new <= old:
        return None
    due = add_working_days(today, REVIEW_WORKING_DAYS)
    return PlanReview(ThreatLevel(str(before)), ThreatLevel(str(after)), due)


__all__ = ["ADDED", "REVIEW_WORKING_DAYS", "PlanReview", "plan_review"]
