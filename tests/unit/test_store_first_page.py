"""The first page of the case list (painted at once on unlock) is the same as the top
of the whole list in the list's default order, and masks protected names too."""

from __future__ import annotations

from app.domain.kinds import ProtectedLevel
from app.store import Store
from app.vault.vault import Vault


def test_first_page_matches_the_top_of_the_whole_list(vault: Vault) -> None:
    store = Store(vault)
    for i in range(30):
        level = ProtectedLevel.NONE if i % 7 else ProtectedLevel.SKYDDAD_FOLKBOKFORING
        person = store.add_person(f"Testa{i}", "Fiktivsson", protected_level=level).id
        store.create_case(person, opened=f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}")
    whole = sorted(store.case_rows(), key=lambda r: (r.opened, r.id), reverse=True)
    first = store.first_case_rows(10)
    assert [r.ref for r in first] == [r.ref for r in whole[:10]]
    assert [r.name for r in first] == [r.name for r in whole[:10]]
    assert any(r.masked for r in store.first_case_rows(30))
    assert all("Fiktivsson" not in r.name for r in store.first_case_rows(30) if r.masked)
