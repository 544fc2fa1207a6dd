"""A child's case on screen: the overview says it is a child's case (age, guardians and
what they may be told, best interests, own views), the child tab lists guardians and
records and adds a guardian; an adult's case shows none of it."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.clock import FixedClock
from app.demo import fictional_personnummer
from app.domain.kinds import ProtectedLevel
from app.domain.minors import BEST_INTERESTS, CHILD_VIEWS, MayBeTold
from app.store import Store
from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import CaseWindow
from ui.shell.drafts import DraftKeeper

TODAY = "2026-11-23"


@pytest.fixture
def store(vault) -> Store:
    return Store(vault, clock=FixedClock(TODAY))


def open_window(keep, store: Store, case_id: int) -> CaseWindow:  # type: ignore[no-untyped-def]
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    view = keep(CaseWindow(store, case_id, drafts=drafts))
    view.resize(1200, 800)
    view.show()
    return view


def child_case(store: Store, born: str = "2010-03-15") -> tuple[int, int]:
    number = fictional_personnummer(random.Random(2), date.fromisoformat(born))
    pid = store.add_person("Nora", "Exempelsson", identifier=number).id
    return pid, store.create_case(pid).id


def test_the_overview_shows_a_childs_case_as_such(qtbot, keep, store):
    pid, cid = child_case(store)
    store.add_guardian(pid, "Maria", "Exempelsson", may_be_told=MayBeTold.LIMITED,
                       told_note="Inte vistelseorten")  # fmt: skip
    store.add_guardian(pid, "Karl", "Provberg", protected_level=ProtectedLevel.SEKRETESSMARKERING)
    views = {"heard_on": TODAY, "how": "alone", "own_words": "Jag vill bo kvar.",
             "weight": "Väger tungt."}  # fmt: skip
    store.add_child_record(cid, CHILD_VIEWS, views)
    view = open_window(keep, store, cid)
    overview = view.overview
    assert overview.child_row.isVisible()
    assert overview.child.value.text() == "Barn, 16 år"
    assert "Eget samtycke räknas" in overview.child.detail.text()
    assert "inte bedömt" in overview.child.warning.text()  # no best-interests yet
    guardians = overview.guardians.detail.text()
    assert "Maria Exempelsson – Får informeras med begränsningar: Inte vistelseorten" in guardians
    assert "Provberg" not in guardians  # protected: masked
    assert overview.child_views.value.text() == f"Hörd {TODAY}"
    assert view.tabs.isTabVisible(view.tabs.indexOf(view._holders["child"]))


def test_the_child_tab_adds_a_guardian_and_lists_the_records(qtbot, keep, store):
    pid, cid = child_case(store, born="2013-01-10")
    store.add_child_record(cid, BEST_INTERESTS, {
        "assessed_on": TODAY, "assessor": "Test", "analysis": "Skydd behövs.",
        "views_weighed": "partly", "views_not_weighed": "Barnet ville inte prata om allt.",
        "conclusion": "Skyddat boende."})  # fmt: skip
    view = open_window(keep, store, cid)
    tab = view.show_tab("child")
    assert "Barn, 13 år" in tab.summary.text() and "vårdnadshavarna" in tab.summary.text()
    assert tab.histories[BEST_INTERESTS].model.texts()[0][:2] == [TODAY, "Delvis"]
    click(qtbot, tab, "Lägg till vårdnadshavare …")
    dialog = tab.dialog
    type_text(qtbot, dialog.given, "Maria")
    type_text(qtbot, dialog.family, "Exempelsson")
    dialog.told.setCurrentIndex(dialog.told.findData("nothing"))
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: "inte får veta" in dialog.banner.text, timeout=5000)  # a reason
    type_text(qtbot, dialog.note, "Hot mot barnet från hennes nya partner")
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: bool(view.child.guardians.rows), timeout=5000)
    assert view.child.guardians.texts()[0][0] == "Maria Exempelsson"
    assert view.child.guardians.texts()[0][2] == "Får inte informeras"
    assert [g.may_be_told for g in store.guardians(pid)] == [MayBeTold.NOTHING]


def test_an_adults_case_has_no_child_row_or_tab(qtbot, keep, store):
    number = fictional_personnummer(random.Random(3), date(1990, 4, 2))
    cid = store.create_case(store.add_person("Vuxen", "Person", identifier=number).id).id
    view = open_window(keep, store, cid)
    assert not view.overview.child_row.isVisible()
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view._holders["child"]))
