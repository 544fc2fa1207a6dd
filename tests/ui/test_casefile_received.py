"""A case received from another municipality, as the receiving caseworker sees it: the
sender's notes and records under "Mottagna handlingar", "Mottaget från X den Y" with
their reference, each with its original author and date; the journal holds only this
nämnd's own note of the receipt; a received consent is not in force."""

from __future__ import annotations

import pytest

from app.handover.payload_import import import_payload
from app.store import Store
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.unit.test_handover_support import payload_from, populate, two_vaults  # noqa: F401
from ui.casefile import CaseWindow
from ui.casefile.window import Tab
from ui.shell.drafts import DraftKeeper


@pytest.fixture
def received(two_vaults) -> tuple[Store, int]:  # type: ignore[no-untyped-def]  # noqa: F811
    sender, receiver = two_vaults
    payload = payload_from(sender, populate(sender))
    case_id = import_payload(receiver, payload, signer_fingerprint="ab" * 32,
                             packet_sha256="0" * 64)  # fmt: skip
    return receiver, case_id


def test_the_received_tab_shows_the_senders_file_as_received(qtbot, keep, received) -> None:  # type: ignore[no-untyped-def]
    store, case_id = received
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    view = keep(CaseWindow(store, case_id, drafts=drafts))
    view.resize(1200, 800)
    view.show()
    assert view.tabs.isTabVisible(view.tabs.indexOf(view._holders[Tab.RECEIVED]))
    tab = view.show_tab(Tab.RECEIVED)
    heading = tab.heading.text()  # type: ignore[attr-defined]
    assert "Mottaget från Exempelby kommun den 2026-11-23" in heading
    assert "Deras referens: EXB-2025-0042" in heading
    rows = tab.model.texts()  # type: ignore[attr-defined]
    assert len(rows) == len(store.received_documents(case_id)) > 10
    authors = {row[2] for row in rows}  # the sender's staff (notes, records, decisions)
    assert "Karin Lindqvist" in authors and store.user not in authors
    assert "Karin Lindqvist" in tab.detail.toPlainText()  # type: ignore[attr-defined]
    journal = [row[-1] for row in view.journal.model.texts()]
    assert len(journal) == 1 and journal[0].startswith("Inkommen handling")
    view.show_tab(Tab.CONSENTS)
    assert view.consents.history.model.texts() == []  # type: ignore[attr-defined]
    view.close_view()
    drafts.stop()


def test_a_case_of_our_own_has_no_received_tab(qtbot, keep, vault) -> None:  # type: ignore[no-untyped-def]
    store = Store(vault)
    person = store.add_person("Alva", "Exempelsson").new_id
    case_id = store.create_case(person).new_id
    view = keep(CaseWindow(store, case_id, drafts=keep(DraftKeeper(store.vault, 3600))))
    view.show()
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view._holders[Tab.RECEIVED]))
    view.close_view()
