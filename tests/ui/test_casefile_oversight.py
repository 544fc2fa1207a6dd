"""Supervisor views: retention review deletes only by an explicit, confirmed decision;
log follow-up filters and exports; statistics show counts only."""

from __future__ import annotations

import pytest

from app.domain.case import CaseStatus, CloseOutcome
from app.store import Store
from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import LogView, RetentionView, StatsView, export
from ui.common import reports


@pytest.fixture
def store(vault) -> Store:
    return Store(vault)


@pytest.fixture
def old_case(store: Store) -> int:
    person = store.add_person("Gammal", "Akt").new_id
    case = store.create_case(person, opened="2012-01-10").new_id
    store.add_journal_entry(case, "Sista samtalet.", occurred="2012-03-01")
    store.set_status(case, CaseStatus.CLOSED, on="2012-03-02", outcome=CloseOutcome.OTHER)
    return case


@pytest.fixture
def saved(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "export.csv"
    monkeypatch.setattr(export, "ask_path", lambda parent, title, name: str(target))
    monkeypatch.setattr(reports, "ask_path", lambda parent, title, name, kind: str(target))
    return target


def test_retention_review_lists_persons_and_culls_by_a_recorded_decision(
    qtbot, keep, store, old_case, saved
):
    view = RetentionView(store)
    keep(view)
    view.show()
    view.refresh()
    ref = store.case(old_case).ref
    assert view.model.texts()[0][:2] == ["Gammal Akt", ref]
    assert view.model.texts()[0][-1] == "Får gallras"
    view.view.selectRow(0)
    assert view.cases.texts()[0][0] == ref  # the person's cases below
    click(qtbot, view, "Gallra …")
    dialog = view.dialog
    type_text(qtbot, dialog.decided_by, "Eva Enhetschef")
    type_text(qtbot, dialog.decision, "Beslut 2026-11-20, dnr 12")
    assert not dialog.ok.isEnabled()  # GALLRA is not typed yet
    type_text(qtbot, dialog.confirm, "gallra")
    assert dialog.ok.isEnabled()
    click(qtbot, dialog, "Radera akterna")
    assert view.model.rows == []
    assert "Protokoll nr 1" in view.banner.text
    assert not any(r.ref == ref for r in store.case_rows())
    click(qtbot, view, "Spara senaste protokoll …")
    assert saved.read_bytes().startswith(b"%PDF")
    assert "Gallringsprotokollet är sparat" in view.banner.text


def test_backups_made_before_a_culling_are_flagged_until_destroyed(
    qtbot, keep, store, old_case, tmp_path
):
    from app.vault.backup import create_backup

    create_backup(store.vault, tmp_path / "gammal.utvagbak")
    person = store.case(old_case).person.id
    store.cull([person], decided_by="Eva", decision="Beslut 1")
    view = RetentionView(store)
    keep(view)
    view.show()
    view.refresh()
    assert view.backups.isVisible() and "(1 st," in view.backups.text()
    click(qtbot, view, "Kopiorna är förstörda")
    assert not view.backups.isVisible()
    assert store.pending_backup_warnings() == []


def test_cancelled_culling_deletes_nothing(qtbot, keep, store, old_case):
    view = RetentionView(store)
    keep(view)
    view.show()
    view.refresh()
    view.view.selectRow(0)
    click(qtbot, view, "Gallra …")
    click(qtbot, view.dialog, "Avbryt")
    assert len(view.model.rows) == 1
    assert store.case(old_case).ref


def test_log_follow_up_filters_and_exports(qtbot, keep, store, old_case, saved):
    store.open_case(old_case)
    view = LogView(store)
    keep(view)
    view.show()
    view.kind.setCurrentIndex(view.kind.findData("access"))
    click(qtbot, view, "Visa")
    assert {row[2] for row in view.model.texts()} == {"Ärende öppnat"}
    click(qtbot, view, "Exportera CSV …")
    text = saved.read_text(encoding="utf-8-sig")
    assert "case_opened" in text and "Gammal" not in text
    assert store.audit_log(events=("exported",))[0].details["kind"] == "audit_log"


def test_statistics_show_small_counts_as_under_five(qtbot, keep, store, old_case, saved):
    view = StatsView(store)
    keep(view)
    view.show()
    view.start.setText("2012-01-01")
    view.until.setText("2012-12-31")
    click(qtbot, view, "Visa")
    shown = view.output.toPlainText()
    assert "<5" in shown and "Gammal" not in shown
    click(qtbot, view, "Exportera CSV …")
    assert "<5" in saved.read_text(encoding="utf-8-sig")


def test_statistics_as_pdf(qtbot, keep, store, old_case, saved):
    view = StatsView(store)
    keep(view)
    view.show()
    view.start.setText("2012-01-01")
    view.until.setText("2012-12-31")
    click(qtbot, view, "Exportera PDF …")
    assert saved.read_bytes().startswith(b"%PDF")
