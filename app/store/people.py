"""People: names, identifiers with validity, protected identity, reveal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from app.changes import Area, Changes
from app.domain.dates import parse_date
from app.domain.identifiers import IdentifierKind, parse_identifier
from app.domain.kinds import ProtectedLevel
from app.errors import ValidationError
from app.i18n import N_
from app.store.base import NotFound, StoreBase
from app.store.records import Person

_PERSON_FIELDS = frozenset(
    {"given_names", "family_name", "birth_date", "languages", "interpreter", "contact"}
)


def person_subject(person_id: int) -> str:
    return f"person:{person_id}"


def _display(given: str, family: str) -> str:
    return " ".join(part for part in (given.strip(), family.strip()) if part)


def _valid_from(text: str | None) -> str | None:
    return parse_date(text, "valid_from").isoformat() if text and text.strip() else None


class PeopleMixin(StoreBase):
    def add_person(
        self,
        given_names: str,
        family_name: str,
        *,
        protected_level: ProtectedLevel = ProtectedLevel.NONE,
        identifier: str = "",
        identifier_kind: IdentifierKind | None = None,
        birth_date: str | None = None,
        languages: Sequence[str] = (),
        interpreter: str = "",
        contact: dict[str, str] | None = None,
        identifier_valid_from: str | None = None,
    ) -> Changes:
        """Add a person; an identifier, when given, is validated. Its "valid from" is
        unknown unless given (never the day it was typed in)."""
        name = _display(given_names, family_name)
        if not name:
            raise ValidationError(N_("Skriv minst ett namn."), field="name", problem="")
        parsed = None
        start = _valid_from(identifier_valid_from)
        if identifier.strip() or identifier_kind is not None:
            parsed = parse_identifier(identifier, identifier_kind, today=self.today())
            if birth_date is None and parsed.birth_date is not None:
                birth_date = parsed.birth_date.isoformat()
        with self._write() as conn:
            person_id = self._insert_person(
                conn, name, given_names.strip(), family_name.strip(), protected_level.value,
                birth_date, languages, interpreter, contact or {},
            )  # fmt: skip
            if parsed is not None:
                self._insert_identifier(conn, person_id, parsed.kind.value, parsed.value, start)
            self._audit(conn, "person_created", person_subject(person_id))
        return self._changes(Area.PERSON, person_id=person_id, id=person_id)

    def _insert_person(
        self, conn: Any, display: str, given: str, family: str, level: str,
        birth_date: str | None, languages: Sequence[str], interpreter: str,
        contact: dict[str, str],
    ) -> int:  # fmt: skip
        """The one INSERT of a person (the GUI, the CLI and a handover import)."""
        now = self.now()
        cur = conn.execute(
            "INSERT INTO persons (display_name, given_names, family_name, protected_level,"
            " birth_date, languages, interpreter, contact, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (display, given, family, level, birth_date, json.dumps(list(languages)),
             interpreter, json.dumps(contact), now, now),
        )  # fmt: skip
        return int(cur.lastrowid)

    def _insert_identifier(
        self, conn: Any, person_id: int, kind: str, value: str, valid_from: str | None,
        valid_to: str | None = None,
    ) -> int:  # fmt: skip
        cur = conn.execute(
            "INSERT INTO person_identifiers (person_id, kind, value, valid_from, valid_to,"
            " created) VALUES (?, ?, ?, ?, ?, ?)",
            (person_id, kind, value, valid_from, valid_to, self.now()),
        )
        return int(cur.lastrowid)

    def update_person(self, person_id: int, **fields: Any) -> Changes:
        """Change name, birth date, languages, interpreter need or contact details."""
        unknown = set(fields) - _PERSON_FIELDS
        if unknown:
            raise TypeError(f"unknown person fields: {sorted(unknown)}")
        values = {
            key: json.dumps(list(v) if key == "languages" else v)
            if key in ("languages", "contact") else v
            for key, v in fields.items()
        }  # fmt: skip
        with self._write() as conn:
            self._require_person(conn, person_id)
            for key, value in values.items():
                conn.execute(f"UPDATE persons SET {key} = ? WHERE id = ?", (value, person_id))  # noqa: S608 (fixed identifiers; values bound)
            given, family = conn.execute(
                "SELECT given_names, family_name FROM persons WHERE id = ?", (person_id,)
            ).fetchone()
            conn.execute(
                "UPDATE persons SET display_name = ?, updated = ? WHERE id = ?",
                (_display(given, family), self.now(), person_id),
            )
            self._audit(conn, "person_changed", person_subject(person_id), fields=sorted(fields))
        return self._changes(Area.PERSON, person_id=person_id, id=person_id)

    def set_protected_level(self, person_id: int, level: ProtectedLevel) -> Changes:
        with self._write() as conn:
            self._require_person(conn, person_id)
            conn.execute(
                "UPDATE persons SET protected_level = ?, updated = ? WHERE id = ?",
                (level.value, self.now(), person_id),
            )
            self._audit(conn, "protection_changed", person_subject(person_id), level=level.value)
        if level is not ProtectedLevel.NONE:
            self._revealed.discard(person_id)
        return self._changes(Area.PERSON, person_id=person_id, id=person_id)

    def add_identifier(
        self,
        person_id: int,
        text: str,
        kind: IdentifierKind | None = None,
        *,
        valid_from: str | None = None,
        replaces_current: bool = True,
    ) -> Changes:
        """Record a (new) identifier. By default the identifiers valid until now end the
        day the new one starts: an assumed identity or a new number after a change of
        legal gender keeps the person, and the old number stays on record. The new
        one's "valid from" is unknown unless given; the old ones then end the day the
        new one was recorded (they ended no later than that)."""
        parsed = parse_identifier(text, kind, today=self.today())
        start = _valid_from(valid_from)
        with self._write() as conn:
            self._require_person(conn, person_id)
            if replaces_current:
                conn.execute(
                    "UPDATE person_identifiers SET valid_to = ? WHERE person_id = ?"
                    " AND valid_to IS NULL",
                    (start or self.today().isoformat(), person_id),
                )
            new_id = self._insert_identifier(
                conn, person_id, parsed.kind.value, parsed.value, start
            )
            self._audit(conn, "identifier_added", person_subject(person_id), kind=parsed.kind.value)
        return self._changes(Area.PERSON, person_id=person_id, id=new_id)

    def end_identifier(self, identifier_id: int, valid_to: str) -> Changes:
        with self._write() as conn:
            row = conn.execute(
                "SELECT person_id FROM person_identifiers WHERE id = ?", (identifier_id,)
            ).fetchone()
            if row is None:
                raise ValidationError(N_("Identitetsnumret finns inte."), field="identifier")
            conn.execute(
                "UPDATE person_identifiers SET valid_to = ? WHERE id = ?", (valid_to, identifier_id)
            )
            self._audit(conn, "identifier_ended", person_subject(int(row[0])))
        return self._changes(Area.PERSON, person_id=int(row[0]), id=identifier_id)

    def person(self, person_id: int) -> Person:
        """The person as the screen may show them (masked unless revealed)."""
        with self._read() as conn:
            return self._load_person(conn, person_id)

    def find_persons(self, identifier: str, kind: IdentifierKind | None = None) -> list[Person]:
        """People who hold (or held) this identifier; a typo raises a validation error."""
        parsed = parse_identifier(identifier, kind, today=self.today())
        with self._read() as conn:
            ids = [
                int(r[0])
                for r in conn.execute(
                    "SELECT DISTINCT person_id FROM person_identifiers WHERE value = ?",
                    (parsed.value,),
                )
            ]
            return [self._load_person(conn, pid) for pid in ids]

    def reveal(self, person_id: int, reason: str = "") -> Changes:
        """Show a protected person's name and details in this session; audited."""
        with self._write() as conn:
            self._require_person(conn, person_id)
            self._audit(conn, "identity_revealed", person_subject(person_id), reason=reason)
        self._revealed.add(person_id)
        self._rows_cache = None
        return self._changes(Area.PERSON, person_id=person_id, id=person_id)

    def hide(self, person_id: int) -> Changes:
        self._revealed.discard(person_id)
        self._rows_cache = None
        return self._changes(Area.PERSON, person_id=person_id, id=person_id)

    def hide_all(self) -> None:
        """Mask every revealed person again (e.g. when the vault locks)."""
        self._revealed.clear()
        self._rows_cache = None

    def _require_person(self, conn: Any, person_id: int) -> None:
        if conn.execute("SELECT 1 FROM persons WHERE id = ?", (person_id,)).fetchone() is None:
            raise NotFound(what=f"Person {person_id}")


__all__ = ["PeopleMixin", "person_subject"]
