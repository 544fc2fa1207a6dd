"""An in-memory case source with the store's row shape, for shell tests that are about
the shell (the real store has its own tests). Fictional people; identifiers from the
test serial range 980-999."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.clock import FixedClock
from app.domain.identifiers import IdentifierKind, luhn_check_digit, parse_identifier
from app.errors import Refused
from ui.cases import CaseDetail


def test_personnummer(birth: str = "19900101", serial: str = "980") -> str:
    """A valid personnummer in the test serial range (never a real person's)."""
    return f"{birth}-{serial}{luhn_check_digit(birth[2:] + serial)}"


test_personnummer.__test__ = False  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Row:
    ref: str
    name: str
    masked: bool
    status: str
    caseworker: str
    opened: str
    identifier: str = ""

    @property
    def search_key(self) -> str:
        shown = "" if self.masked else self.name
        return f"{self.ref}\t{shown}\t{self.caseworker}".casefold()


class FakeCases:
    def __init__(self, rows: list[Row] | None = None) -> None:
        self.items: list[Row] = list(rows or [])
        self.clock = FixedClock("2026-11-23")

    def rows(self) -> list[Row]:
        return list(self.items)

    def create(
        self, given: str, family: str, identifier: str, kind: IdentifierKind | None, ref: str
    ) -> str:
        parsed = (
            parse_identifier(identifier, kind, today=self.today()) if identifier or kind else None
        )
        ref = ref or f"AV-2026-{len(self.items) + 1:03d}"
        if any(r.ref == ref for r in self.items):
            raise Refused(reason="ärendenumret finns redan")
        name = f"{given} {family}".strip()
        shown = parsed.display() if parsed else ""
        self.items.append(Row(ref, name, False, "request", "Test Handläggare", "2026-11-23", shown))
        return ref

    def today(self) -> date:
        return self.clock.today()

    def detail(self, ref: str) -> CaseDetail:
        row = next(r for r in self.items if r.ref == ref)
        return CaseDetail(
            ref=row.ref,
            name=row.name,
            masked=row.masked,
            identifier="" if row.masked else row.identifier,
            status=row.status,
            opened=row.opened,
            caseworker=row.caseworker,
        )


def sample_cases() -> FakeCases:
    return FakeCases(
        [
            Row(
                "AV-2026-001", "Ada Exempelsson", False, "active", "Test Handläggare", "2026-02-03"
            ),
            Row(
                "AV-2026-002",
                "Skyddad identitet",
                True,
                "assessment",
                "Test Handläggare",
                "2026-03-14",
            ),
            Row("AV-2026-003", "Bo Påhittad", False, "request", "Cecilia Test", "2026-05-20"),
        ]
    )
