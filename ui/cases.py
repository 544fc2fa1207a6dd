"""What the shell needs from the case store, as one small interface.

The shell shows the case list, creates a case and opens a simple case view; everything
goes through the store facade ``app.store.Store`` (windows never write SQL). This
adapter narrows the facade to the verbs the shell uses, so the shell depends on little
of it. Rows are the store's own ``CaseRow`` (names already masked for protected
persons); the list model reads ``ref``, ``name``, ``masked``, ``status``,
``caseworker``, ``opened`` and ``search_key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app.domain.identifiers import IdentifierKind
from app.vault.vault import Vault


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """What the simple case view shows."""

    ref: str
    name: str  # masked text for a protected person
    masked: bool
    identifier: str  # as caseworkers write it, "" when none (or masked)
    status: str
    opened: str
    caseworker: str


class CaseSource(Protocol):
    def rows(self) -> list[Any]: ...

    def create(
        self, given: str, family: str, identifier: str, kind: IdentifierKind | None, ref: str
    ) -> str: ...

    def detail(self, ref: str) -> CaseDetail: ...

    def today(self) -> date: ...


class StoreCases:
    """Adapter over ``app.store.Store``."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def rows(self) -> list[Any]:
        return list(self.store.case_rows())

    def first_rows(self, limit: int) -> list[Any]:
        return list(self.store.first_case_rows(limit))

    def create(
        self, given: str, family: str, identifier: str, kind: IdentifierKind | None, ref: str
    ) -> str:
        person = self.store.add_person(given, family, identifier=identifier, identifier_kind=kind)
        changes = self.store.create_case(person.person_id, ref=ref or None)
        case = self.store.case(changes.case_id)
        return str(case.ref)

    def today(self) -> date:
        return self.store.today()  # type: ignore[no-any-return]

    def detail(self, ref: str) -> CaseDetail:
        case = self.store.case(self.store.case_id_for_ref(ref))
        person = case.person
        current = [i for i in person.identifiers if not i.valid_to]
        return CaseDetail(
            ref=case.ref,
            name=person.name,
            masked=person.masked,
            identifier=current[-1].display() if current else "",
            status=str(case.status.value),
            opened=case.opened,
            caseworker=case.caseworker,
        )


def case_source(vault: Vault) -> CaseSource:
    """The case store for this vault (imported here: the unlock window loads it while
    the caseworker types, not at start-up)."""
    from app.store import Store

    return StoreCases(Store(vault))
