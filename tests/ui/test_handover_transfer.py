"""The transfer request dialog, used like a caseworker: register the written request,
see the deadline and the rule it comes from, record a declined answer, apply to IVO."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.store import Store
from app.store.transfer import TransferAnswer, TransferGround
from tests.ui.helpers import click, tick, type_text
from tests.ui.test_handover_export import _relays_live_with_their_ops
from tests.unit.test_handover_support import make_vault
from ui.common import reports
from ui.handover.transfer import TransferDialog

__all__ = ["_relays_live_with_their_ops"]  # the fixture, re-exported for pytest

TODAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def case(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    vault = make_vault(tmp_path / "v", "Karin Lindqvist", "Exempelby kommun")
    store = Store(vault, clock=FixedClock(TODAY))
    person = store.add_person("Fiktiv", "Klientsson").id
    ref = store.case(store.create_case(person).id).ref
    yield store, ref
    vault.lock()


def test_register_request_then_a_no_then_ivo(qtbot, case, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """As a caseworker: the threat alone is refused (strongest connection is required);
    the month is when IVO may be asked, not the other side's deadline; a no with who
    decided opens the IVO step and its application pack."""
    store, ref = case
    dialog = TransferDialog(None, store, ref)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "ingen begäran" in dialog.state.text()
    type_text(qtbot, dialog.new.town, "Norrby kommun")
    tick(qtbot, dialog.new.threat)
    click(qtbot, dialog, "Registrera begäran")
    assert "starkast anknytning" in dialog.banner.text  # nothing stored
    assert store.transfer_requests(store.case_id_for_ref(ref)) == ()
    type_text(qtbot, dialog.new.connection, "Uppvuxen i Norrby, familjen bor där")
    type_text(qtbot, dialog.new.duration, "Minst ett år")
    type_text(qtbot, dialog.new.wishes, "Vill bo nära sin syster")
    click(qtbot, dialog, "Registrera begäran")
    text = dialog.state.text()
    assert "Norrby kommun" in text and "ansöka hos IVO från 2026-12-23" in text
    assert "senast" not in text and "socialtjänstlagen (2025:400)" in text
    assert "Exempelby kommun är ansvarig" in dialog.responsible.text()
    assert dialog.answer.isVisible() and not dialog.new.isVisible()
    assert not dialog.ivo.isVisible()

    tick(qtbot, dialog.answer.declined)
    type_text(qtbot, dialog.answer.decided_by, "Norrby individutskott")
    click(qtbot, dialog, "Registrera beslut")
    assert "Skriv vilket skäl" in dialog.banner.text
    type_text(qtbot, dialog.answer.note, "Ingen anknytning")
    click(qtbot, dialog, "Registrera beslut")
    request = store.current_transfer_request(store.case_id_for_ref(ref))
    assert request.answer is TransferAnswer.DECLINED
    assert request.decided_by == "Norrby individutskott"
    assert dialog.ivo.isVisible()
    pack = tmp_path / "ivo.pdf"
    monkeypatch.setattr(reports, "ask_path", lambda *a: str(pack))
    click(qtbot, dialog, "Spara underlag för ansökan till IVO (PDF)…")
    assert pack.read_bytes().startswith(b"%PDF") and "ivo.pdf" in dialog.banner.text
    click(qtbot, dialog, "Registrera ansökan till IVO idag")
    assert store.transfer_request(request.id).ivo_applied_on == "2026-11-23"
    assert "IVO" in dialog.state.text()


def test_a_month_without_a_decision_opens_ivo(qtbot, case) -> None:  # type: ignore[no-untyped-def]
    store, ref = case
    store.request_transfer(
        store.case_id_for_ref(ref),
        "Söderby",
        requested_on="2026-10-01",
        connection="Bodde i Söderby i tio år",
        grounds=(TransferGround.STRONGEST_CONNECTION,),
    )
    dialog = TransferDialog(None, store, ref)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "en månad efter begäran (2026-11-01)" in dialog.banner.text
    assert dialog.ivo.isVisible()
    type_text(qtbot, dialog.withdraw_reason, "Klienten stannar")
    click(qtbot, dialog, "Återkalla begäran")
    assert "Återkallad" in dialog.state.text()
    assert dialog.new.isVisible()
