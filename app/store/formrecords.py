"""Safety plans, threat and motivation assessments, consents: dated, versioned records
of a form definition. Every change is a new revision; nothing is overwritten.

The case keeps a denormalised copy of the current stage, threat level and review
dates (recomputed in the same transaction) so the case list needs no joins.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from app.changes import Area, Changes
from app.domain.kinds import TaskKind
from app.domain.minors import CHILD_FORMS
from app.domain.plan_review import PlanReview, plan_review
from app.errors import Refused, ValidationError
from app.forms.definition import FormDef, form_definition
from app.forms.validate import check
from app.i18n import _
from app.store.base import NotFound, StoreBase
from app.store.cases import case_subject
from app.store.records import Consent, FormRecord

SAFETY_PLAN = "safety_plan"
THREAT = "threat_assessment"
MOTIVATION = "motivation_assessment"
CONSENT = "consent"
CONSENT_WARNING_DAYS = 30

_AREA = {SAFETY_PLAN: Area.SAFETY_PLAN, THREAT: Area.THREAT, MOTIVATION: Area.MOTIVATION,
         CONSENT: Area.CONSENT, **dict.fromkeys(CHILD_FORMS, Area.CHILD),
         "case_summary": Area.CASE}  # fmt: skip
_RECORD_SQL = (
    "SELECT id, case_id, form, form_version, series, revision, effective, review_due,"
    " summary, data, reason, created, author FROM form_records"
)
_CURRENT = "revision = (SELECT max(g.revision) FROM form_records g WHERE g.series = f.series)"


def record_from_row(row: tuple[Any, ...]) -> FormRecord:
    values = list(row)
    values[9] = json.loads(values[9])
    return FormRecord(*values)


def consent_from_record(record: FormRecord, today: date) -> Consent:
    until = record.data.get("valid_until")
    withdrawn = record.data.get("withdrawn_on")
    in_force = withdrawn is None and (until is None or until >= today.isoformat())
    return Consent(record, in_force, until, withdrawn, str(record.data.get("recipient", "")))


class FormRecordsMixin(StoreBase):
    def record_motivation(self, case_id: int, data: dict[str, Any]) -> Changes:
        """A new motivation assessment (stage, rulers, factors, evidence...)."""
        return self.add_form_record(case_id, MOTIVATION, data)

    def record_threat(self, case_id: int, data: dict[str, Any]) -> Changes:
        """A new threat assessment (hotbild)."""
        return self.add_form_record(case_id, THREAT, data)

    def revise_safety_plan(self, case_id: int, data: dict[str, Any], reason: str = "") -> Changes:
        """Save the safety plan as a new version; earlier versions stay readable."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT series FROM form_records WHERE case_id = ? AND form = ? LIMIT 1",
                (case_id, SAFETY_PLAN),
            ).fetchone()
        if row is None:
            return self.add_form_record(case_id, SAFETY_PLAN, data)
        return self._add_revision(int(row[0]), data, reason or _("Ny version av planen"))

    def add_consent(self, case_id: int, data: dict[str, Any]) -> Changes:
        return self.add_form_record(case_id, CONSENT, data)

    def withdraw_consent(self, series: int, withdrawn_on: str, how: str) -> Changes:
        """Record that a consent was withdrawn (a new revision of the consent)."""
        current = self.form_record_series(series)[-1]
        if current.form != CONSENT:
            raise Refused(reason=_("posten är inget samtycke"))
        data = dict(current.data, withdrawn_on=withdrawn_on, withdrawn_how=how)
        return self._add_revision(series, data, _("Samtycket återkallades"))

    def correct_form_record(self, series: int, data: dict[str, Any], reason: str) -> Changes:
        """Correct an assessment: a new revision; the earlier one stays readable."""
        if not reason.strip():
            raise ValidationError(
                _("Skriv varför uppgifterna rättas; skälet sparas med rättelsen."),
                field="reason",
                problem="",
            )
        return self._add_revision(series, data, reason.strip())

    def add_form_record(self, case_id: int, form_id: str, data: dict[str, Any]) -> Changes:
        """Validate ``data`` against the newest definition of ``form_id`` and save it."""
        form = form_definition(form_id)
        check(form, data)
        with self._write() as conn:
            ref = self._case_ref(conn, case_id)
            previous = self._latest(conn, case_id, form_id)
            record_id = self._insert(conn, case_id, form, data, None, 1, "")
            self._after_record(conn, case_id, form, data)
            self._audit(conn, "record_added", case_subject(ref), form=form_id, record=record_id)
            review = self._review_if_raised(conn, case_id, ref, form, previous, data)
        areas = (_AREA[form_id], Area.CASE, *((Area.TASK,) if review else ()))
        return self._changes(*areas, case_id=case_id, id=record_id)

    def _add_revision(self, series: int, data: dict[str, Any], reason: str) -> Changes:
        latest = self.form_record_series(series)[-1]
        # A consent keeps the version it was given on: a withdrawal or correction of an
        # old consent must not pass it off as one that records its scope.
        keep = latest.form_version if latest.form == CONSENT else None
        form = form_definition(latest.form, keep)
        check(form, data)
        with self._write() as conn:
            ref = self._case_ref(conn, latest.case_id)
            record_id = self._insert(
                conn, latest.case_id, form, data, series, latest.revision + 1, reason
            )
            self._after_record(conn, latest.case_id, form, data)
            self._audit(conn, "record_revised", case_subject(ref), form=form.id, record=record_id)
            review = self._review_if_raised(conn, latest.case_id, ref, form, latest, data)
        areas = (_AREA[form.id], Area.CASE, *((Area.TASK,) if review else ()))
        return self._changes(*areas, case_id=latest.case_id, id=record_id)

    def plan_review(self, form_id: str, previous: FormRecord | None,
                    data: dict[str, Any]) -> PlanReview | None:  # fmt: skip
        """The safety-plan review that saving ``data`` after ``previous`` would add (a
        threat assessment with a raised acute level, unless a review of the plan is open
        already), for the dialog to say so first."""
        if form_id != THREAT or previous is None:
            return None
        with self._read() as conn:
            return self._plan_review(conn, previous, data)

    def _plan_review(self, conn: Any, previous: FormRecord,
                     data: dict[str, Any]) -> PlanReview | None:  # fmt: skip
        review = plan_review(previous.summary, data.get("acute_level"), self.today())
        open_review = conn.execute(
            "SELECT 1 FROM tasks WHERE case_id = ? AND kind = ? AND done_at IS NULL"
            " AND removed_at IS NULL LIMIT 1",
            (previous.case_id, TaskKind.REVIEW_SAFETY_PLAN.value),
        ).fetchone()
        return None if review is None or open_review else review

    def _review_if_raised(self, conn: Any, case_id: int, ref: str, form: FormDef,
                          previous: FormRecord | None, data: dict[str, Any]) -> bool:  # fmt: skip
        """Add the safety-plan review a raised threat level calls for (same transaction,
        audited); whether one was added."""
        if form.id != THREAT or previous is None:
            return False
        review = self._plan_review(conn, previous, data)
        if review is None:
            return False
        task = self._insert_task(conn, case_id, review.title, review.due.isoformat(), self.user,
                                 TaskKind.REVIEW_SAFETY_PLAN)  # fmt: skip
        self._audit(conn, "task_added", case_subject(ref), task=task,
                    kind=TaskKind.REVIEW_SAFETY_PLAN.value, because="threat_raised")  # fmt: skip
        return True

    def _insert(
        self, conn: Any, case_id: int, form: FormDef, data: dict[str, Any],
        series: int | None, revision: int, reason: str,
        created: str | None = None, author: str | None = None,
    ) -> int:  # fmt: skip
        """The one INSERT of a form record; ``created``/``author`` are kept from the
        sender when a handover brings the record in."""
        summary = str(data.get(form.summary_field, "")) if form.summary_field else ""
        review = data.get(form.review_field) if form.review_field else None
        # The id is chosen up front so a first revision can name its series by its own
        # id without an UPDATE (the table refuses updates).
        record_id = int(
            conn.execute("SELECT coalesce(max(id), 0) + 1 FROM form_records").fetchone()[0]
        )
        series = series or record_id
        conn.execute(
            "INSERT INTO form_records (id, case_id, form, form_version, series, revision,"
            " effective, review_due, summary, data, reason, created, author)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record_id, case_id, form.id, form.version, series, revision,
             data[form.effective_field], review, summary,
             json.dumps(data, ensure_ascii=False, sort_keys=True), reason,
             created or self.now(), author or self.user),
        )  # fmt: skip
        return record_id

    def _after_record(self, conn: Any, case_id: int, form: FormDef, data: dict[str, Any]) -> None:
        """Refresh the case's denormalised current state for this form."""
        latest = conn.execute(
            f"SELECT summary, review_due, data FROM form_records f WHERE case_id = ?"  # noqa: S608 (fixed identifiers; values bound)
            f" AND form = ? AND {_CURRENT} ORDER BY effective DESC, id DESC LIMIT 1",
            (case_id, form.id),
        ).fetchone()
        summary, review, raw = latest
        updates: dict[str, Any] = {}
        if form.id == MOTIVATION:
            updates = {"stage": summary, "stage_model": json.loads(raw).get("model"),
                       "motivation_review": review}  # fmt: skip
        elif form.id == THREAT:
            updates = {"threat_level": summary, "threat_review": review}
        elif form.id == SAFETY_PLAN:
            updates = {"safety_review": review}
        for column, value in updates.items():
            conn.execute(f"UPDATE cases SET {column} = ? WHERE id = ?", (value, case_id))  # noqa: S608 (fixed identifiers; values bound)
        conn.execute(
            "UPDATE cases SET last_entry = max(coalesce(last_entry, ''), ?), updated = ?"
            " WHERE id = ?",
            (data[form.effective_field], self.now(), case_id),
        )

    # ----------------------------------------------------------- reading
    def latest_record(self, case_id: int, form_id: str) -> FormRecord | None:
        """The current revision of the newest record of this form (by its date): what a
        new record is compared with, and what the case shows as current."""
        with self._read() as conn:
            return self._latest(conn, case_id, form_id)

    @staticmethod
    def _latest(conn: Any, case_id: int, form_id: str) -> FormRecord | None:
        row = conn.execute(
            _RECORD_SQL + f" f WHERE case_id = ? AND form = ? AND {_CURRENT}"
            " ORDER BY effective DESC, id DESC LIMIT 1",
            (case_id, form_id),
        ).fetchone()
        return None if row is None else record_from_row(row)

    def form_records(self, case_id: int, form_id: str) -> tuple[FormRecord, ...]:
        """Every revision of every record of this form, oldest first."""
        with self._read() as conn:
            return self._load_records(conn, case_id, form_id)

    def form_record_series(self, series: int) -> tuple[FormRecord, ...]:
        with self._read() as conn:
            rows = conn.execute(
                _RECORD_SQL + " WHERE series = ? ORDER BY revision", (series,)
            ).fetchall()
        if not rows:
            raise NotFound(what=f"Post {series}")
        return tuple(record_from_row(r) for r in rows)

    def consents(self, case_id: int) -> tuple[Consent, ...]:
        """The current revision of each consent, with whether it is in force today."""
        with self._read() as conn:
            return self._load_consents(conn, case_id)

    def consents_in_force(self, case_id: int) -> tuple[Consent, ...]:
        """What may be shared with whom today: the consents neither expired nor
        withdrawn (a handover or disclosure checks its recipient against these)."""
        return tuple(c for c in self.consents(case_id) if c.in_force)

    def _load_consents(self, conn: Any, case_id: int) -> tuple[Consent, ...]:
        today = self.today()
        current = self._load_records(conn, case_id, CONSENT, current_only=True)
        return tuple(consent_from_record(r, today) for r in current)

    @staticmethod
    def _load_records(
        conn: Any, case_id: int, form_id: str, current_only: bool = False
    ) -> tuple[FormRecord, ...]:
        where = f" AND {_CURRENT}" if current_only else ""
        rows = conn.execute(
            _RECORD_SQL + f" f WHERE case_id = ? AND form = ?{where} ORDER BY effective, id",
            (case_id, form_id),
        ).fetchall()
        return tuple(record_from_row(r) for r in rows)

    def expiring_consent_horizon(self) -> str:
        return (self.today() + timedelta(days=CONSENT_WARNING_DAYS)).isoformat()


__all__ = ["CONSENT", "MOTIVATION", "SAFETY_PLAN", "THREAT", "FormRecordsMixin"]
