"""Children in the case file: guardians on the person, the age from the identifier, and
the child's records (best interests, own views, consent and wishes).

A guardian is a person of their own (``persons``), linked to the child with what they
may be told; so protected-identity masking applies to a guardian exactly as to any
person, and a guardian is also masked while the child is (their name can point to the
child). The age comes from the identifier and the store's clock.
"""

from __future__ import annotations

from typing import Any

from app.changes import Area
from app.domain.kinds import ProtectedLevel, masked_name
from app.domain.minors import (
    CHILD_FORMS,
    WISHES_CONSENT,
    MayBeTold,
    age_on,
    birth_from,
    is_child,
    may_consent,
)
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound, StoreBase
from app.store.people import person_subject
from app.store.records import Changes, ChildFile, Guardian, Person

MAX_NOTE = 2000
_GUARDIANS_SQL = (
    "SELECT g.id, g.guardian_id, g.may_be_told, g.told_note FROM guardians g"
    " WHERE g.child_id = ? ORDER BY g.id"
)


class ChildMixin(StoreBase):
    # ---------------------------------------------------------------- age
    def person_age(self, person_id: int) -> int | None:
        """Whole years today (the store's clock), from the identifier; None if unknown."""
        with self._read() as conn:
            return self._age(conn, person_id)

    def _age(self, conn: Any, person_id: int) -> int | None:
        row = conn.execute("SELECT birth_date FROM persons WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise NotFound(what=f"Person {person_id}")
        idents = [
            (str(k), str(v))
            for k, v in conn.execute(
                "SELECT kind, value FROM person_identifiers WHERE person_id = ?"
                " ORDER BY valid_to IS NULL, valid_from, id",
                (person_id,),
            )
        ]
        today = self.today()
        born = birth_from(idents, row[0], today)
        return age_on(born, today) if born is not None else None

    # ---------------------------------------------------------- guardians
    def add_guardian(
        self, child_id: int, given_names: str, family_name: str, *,
        contact: dict[str, str] | None = None,
        protected_level: ProtectedLevel = ProtectedLevel.NONE,
        may_be_told: MayBeTold = MayBeTold.ALL, told_note: str = "",
    ) -> Changes:  # fmt: skip
        """Add a guardian (a person of their own) to a child, with what they may be told."""
        note = _check_note(may_be_told, told_note)
        name = " ".join(p for p in (given_names.strip(), family_name.strip()) if p)
        if not name:
            raise ValidationError(N_("Skriv minst ett namn."), field="name", problem="")
        with self._write() as conn:  # the person and the link, or neither
            self._load_person(conn, child_id)  # NotFound when the child is not there
            guardian = self._insert_person(  # type: ignore[attr-defined]
                conn, name, given_names.strip(), family_name.strip(), protected_level.value,
                None, (), "", dict(contact or {}),
            )  # fmt: skip
            cur = conn.execute(
                "INSERT INTO guardians (child_id, guardian_id, may_be_told, told_note, created,"
                " author) VALUES (?, ?, ?, ?, ?, ?)",
                (child_id, guardian, may_be_told.value, note, self.now(), self.user),
            )
            self._audit(conn, "person_created", person_subject(guardian))
            self._audit(conn, "guardian_added", person_subject(child_id), guardian=guardian)
        return self._changes(Area.PERSON, Area.CHILD, person_id=child_id, id=int(cur.lastrowid))

    def set_guardian_disclosure(
        self, link_id: int, may_be_told: MayBeTold, told_note: str = ""
    ) -> Changes:
        """Change what a guardian may be told (e.g. after a secrecy assessment)."""
        note = _check_note(may_be_told, told_note)
        with self._write() as conn:
            row = conn.execute("SELECT child_id FROM guardians WHERE id = ?", (link_id,)).fetchone()
            if row is None:
                raise NotFound(what=_("Vårdnadshavaren"))
            conn.execute(
                "UPDATE guardians SET may_be_told = ?, told_note = ? WHERE id = ?",
                (may_be_told.value, note, link_id),
            )
            self._audit(conn, "guardian_changed", person_subject(int(row[0])),
                        may_be_told=may_be_told.value)  # fmt: skip
        return self._changes(Area.PERSON, Area.CHILD, person_id=int(row[0]), id=link_id)

    def guardians(self, child_id: int) -> tuple[Guardian, ...]:
        with self._read() as conn:
            return self._load_guardians(conn, child_id)

    def _load_guardians(self, conn: Any, child_id: int) -> tuple[Guardian, ...]:
        child_masked = self._load_person(conn, child_id).masked
        found = []
        for link, gid, told, note in conn.execute(_GUARDIANS_SQL, (child_id,)).fetchall():
            person = self._load_person(conn, int(gid))
            if child_masked and not person.masked:  # the name could point to the child
                person = Person(person.id, masked_name(), "", "", person.protected_level, True)
            found.append(Guardian(int(link), person, MayBeTold(told), str(note)))
        return tuple(found)

    @staticmethod
    def _person_of(conn: Any, case_id: int) -> int:
        row = conn.execute("SELECT person_id FROM cases WHERE id = ?", (case_id,)).fetchone()
        return int(row[0])

    # ------------------------------------------------------- child's file
    def _load_child(self, conn: Any, person_id: int, case_id: int) -> ChildFile | None:
        """What a child's case adds (None for an adult or an unknown age)."""
        age = self._age(conn, person_id)
        if not is_child(age):
            return None
        assert age is not None
        records = {
            form: self._load_records(conn, case_id, form)  # type: ignore[attr-defined]
            for form in CHILD_FORMS
        }
        return ChildFile(age, self._load_guardians(conn, person_id), records)

    def add_child_record(self, case_id: int, form_id: str, data: dict[str, Any]) -> Changes:
        """Record the child's best interests, own views, or consent and wishes; only in a
        child's case, and a child's own consent only from 15."""
        if form_id not in CHILD_FORMS:
            raise ValueError(f"not a child's form: {form_id}")
        age = self.person_age(self.case(case_id).person.id)  # type: ignore[attr-defined]
        if not is_child(age):
            raise Refused(reason=_("ärendet gäller inte ett barn (klientens ålder är {age})")
                          .format(age=_("okänd") if age is None else age))  # fmt: skip
        if form_id == WISHES_CONSENT and _own_consent(data) and not may_consent(age):
            raise ValidationError(
                N_("Barnet är under 15 år och kan inte lämna eget samtycke. Välj ”Inget "
                   "samtycke efterfrågat”, skriv barnets önskemål och registrera "
                   "vårdnadshavarnas samtycke för sig."),
                field="consent", problem="",
            )  # fmt: skip
        return self.add_form_record(case_id, form_id, data)  # type: ignore[attr-defined,no-any-return]


def _own_consent(data: dict[str, Any]) -> bool:
    return data.get("given_by") == "child" and data.get("consent") not in (None, "not_asked")


def _check_note(may_be_told: MayBeTold, note: str) -> str:
    note = note.strip()
    if may_be_told is not MayBeTold.ALL and not note:
        raise ValidationError(N_("Skriv vad vårdnadshavaren inte får veta, och varför."),
                              field="told_note", problem="")  # fmt: skip
    if len(note) > MAX_NOTE:
        raise ValidationError(N_("Anteckningen är för lång."), field="told_note", problem="")
    return note


__all__ = ["ChildMixin"]
