"""The case window used as a caseworker uses it: keyboard journaling, corrections that
keep the earlier text, a stage change, a threat change and a safety-plan revision that
show up on the timeline, and drafts that survive."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from app.changes import Area, Changes
from app.domain.case import TargetGroup
from app.store import Store
from tests.ui.helpers import click, type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.casefile import CaseWindow
from ui.casefile.window import Tab
from ui.shell.drafts import DraftKeeper

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def store(vault) -> Store:
    return Store(vault)


@pytest.fixture
def case_id(store: Store) -> int:
    person = store.add_person("Alva", "Exempelsson").new_id
    return store.create_case(person, target_group=TargetGroup.CRIMINAL_NETWORK).new_id


@pytest.fixture
def window(qtbot, keep, store: Store, case_id: int):  # type: ignore[no-untyped-def]
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    view = CaseWindow(store, case_id, drafts=drafts)
    keep(view)
    view.resize(1200, 800)
    view.show()
    yield view
    view.close_view()
    drafts.stop()


def journal_texts(view: CaseWindow) -> list[str]:
    return [row[-1] for row in view.journal.model.texts()]


def test_window_opens_on_the_overview_with_the_case_and_is_audited(window, store):
    assert window.tabs.currentWidget() is window.overview
    assert window.identity.name.text() == "Alva Exempelsson"
    assert window.ref in window.windowTitle()
    assert window.overview.status.value.text() == "Förfrågan"
    assert window.overview.stage.value.text() == "Ingen bedömning"
    events = [row.event for row in store.audit_log(case_ref=window.ref)]
    assert "case_opened" in events


def test_journal_entry_written_and_saved_without_the_mouse(qtbot, window):
    window.show_tab(Tab.JOURNAL)
    qtbot.keyClick(window.journal.table, Qt.Key.Key_N, CTRL)
    assert window.journal.editor.text.hasFocus()
    type_text(qtbot, window.journal.editor.text, "Första samtalet på kontoret. Klienten är orolig.")
    qtbot.keyClick(window.journal.editor.text, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(journal_texts(window)) == 1, timeout=5000)
    assert journal_texts(window) == ["Första samtalet på kontoret. Klienten är orolig."]
    assert window.journal.editor.text.toPlainText() == ""
    assert window.journal.editor.text.hasFocus()  # ready for the next entry
    type_text(qtbot, window.journal.editor.text, "Telefonsamtal med frivården.")
    qtbot.keyClick(window.journal.editor.text, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: len(journal_texts(window)) == 2, timeout=5000)
    assert "Telefonsamtal med frivården." in window.journal.detail.toPlainText()


def test_an_empty_entry_is_refused_with_a_message(qtbot, window):
    window.show_tab(Tab.JOURNAL)
    qtbot.keyClick(window.journal.editor.text, Qt.Key.Key_S, CTRL)
    assert "tom" in window.banner.text
    assert journal_texts(window) == []


def test_correction_keeps_the_earlier_text_author_and_reason(qtbot, window, store, case_id):
    entry = store.add_journal_entry(case_id, "Möte med polisen den 3 mars.").id
    store.sign_journal_entry(entry)
    window.reload()
    window.show_tab(Tab.JOURNAL)
    click(qtbot, window.journal, "Rätta …")
    dialog = window.journal.correction
    assert dialog is not None and dialog.isVisible()
    dialog.text.selectAll()
    type_text(qtbot, dialog.text, "Möte med polisen den 4 mars.")
    type_text(qtbot, dialog.reason, "Fel datum")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "4 mars" in window.journal.detail.toPlainText(), timeout=5000)
    assert not dialog.isVisible()
    shown = window.journal.detail.toPlainText()
    assert "Möte med polisen den 4 mars." in shown
    assert "Tidigare lydelse" in shown
    assert "Möte med polisen den 3 mars." in shown  # the earlier text stays readable
    assert "Fel datum" in shown
    assert "Test Handläggare" in shown
    assert window.journal.model.texts()[0][3] == "Signerad · Rättad"


def test_a_correction_needs_a_reason(qtbot, window, store, case_id):
    store.sign_journal_entry(store.add_journal_entry(case_id, "Hembesök.").id)
    window.reload()
    window.show_tab(Tab.JOURNAL)
    qtbot.keyClick(window.journal.table, Qt.Key.Key_R, CTRL)
    dialog = window.journal.correction
    type_text(qtbot, dialog.text, " Bostaden städad.")
    click(qtbot, dialog, "Spara rättelsen")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert dialog.isVisible()
    assert "skälet" in dialog.error.text()
    assert not store.journal(case_id)[0].corrected


def test_signed_entry_is_never_edited_only_corrected(qtbot, window, store, case_id):
    store.add_journal_entry(case_id, "Samtal om villkoren.")
    window.reload()
    window.show_tab(Tab.JOURNAL)
    assert window.journal.correct_button.text() == "Ändra utkast …"
    click(qtbot, window.journal, "Signera")
    qtbot.waitUntil(lambda: window.journal.model.texts()[0][3] == "Signerad", timeout=5000)
    assert window.journal.correct_button.text() == "Rätta …"
    assert window.journal.correct_button.isEnabled()
    assert not window.journal.discard_button.isEnabled()
    assert "tas aldrig bort" not in window.journal.hint.text()
    assert "Rätta med skäl" in window.journal.hint.text()
    assert "Signerad av Test Handläggare" in window.journal.detail.toPlainText()


def _fill_motivation(qtbot, dialog, stage: str, review: str) -> None:  # type: ignore[no-untyped-def]
    editor = dialog.editor
    stage_box = editor.input("stage").combo
    stage_box.setCurrentIndex(stage_box.findText(stage))
    type_text(qtbot, editor.input("next_review").edit, review)


def test_stage_change_shows_in_history_overview_and_timeline(qtbot, window):
    window.show_tab(Tab.MOTIVATION)
    click(qtbot, window.motivation, "Ny bedömning …")
    dialog = window.motivation.history.dialog
    assert dialog.editor.input("assessor").value() == "Test Handläggare"
    click(qtbot, dialog, "Spara")  # the stage is missing: the dialog says so at the field
    assert dialog.isVisible()
    assert dialog.editor.error_text("stage") == "Fyll i ”Stadium”."
    _fill_motivation(qtbot, dialog, "Förberedelse", "2030-01-15")
    click(qtbot, dialog, "Spara")  # first: what will be saved
    assert "Stadium: – → Förberedelse" in dialog.review.lines()
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: window.overview.stage.value.text() == "Förberedelse", timeout=5000)
    assert not dialog.isVisible()
    assert window.motivation.history.model.texts()[0][1] == "Förberedelse"
    assert window.overview.stage.value.text() == "Förberedelse"
    assert [v for _d, v in window.motivation.chart.data.stages] == ["preparation"]
    assert "Förberedelse" in window.overview.chart.accessibleDescription()


def test_threat_change_and_safety_plan_revision_update_the_case(qtbot, window, store):
    window.show_tab(Tab.THREAT)
    click(qtbot, window.threat, "Ny hotbedömning …")
    editor = window.threat.threats.dialog.editor
    editor.set_values({
        **editor.values(), "instrument": "police", "threat_kinds": ["violence"],
        "acute_level": "high", "long_term_level": "moderate", "source": "police",
        "reliability": "probably_true", "next_review": "2030-02-01",
    })  # fmt: skip
    click(qtbot, window.threat.threats.dialog, "Spara")
    click(qtbot, window.threat.threats.dialog, "Spara")
    qtbot.waitUntil(lambda: window.overview.threat.value.text() == "Hög", timeout=5000)
    assert [v for _d, v in window.overview.chart.data.levels] == ["high"]

    click(qtbot, window.threat, "Ny säkerhetsplan …")
    plan = window.threat.plans.dialog
    type_text(qtbot, plan.editor.input("review_date").edit, "2030-03-01")
    click(qtbot, plan.editor.input("measures"), "Lägg till rad")
    row = plan.editor.input("measures").rows[0]
    type_text(qtbot, row.inputs["measure"].edit, "Nytt telefonnummer")
    row.inputs["category"].set_value("new_phone")
    type_text(qtbot, row.inputs["responsible"].edit, "Handläggaren")
    row.inputs["status"].set_value("planned")
    click(qtbot, plan, "Spara")
    click(qtbot, plan, "Spara")
    qtbot.waitUntil(lambda: window.overview.plan.value.text() == "Version 1", timeout=5000)
    assert not plan.isVisible()

    click(qtbot, window.threat, "Revidera planen …")
    revision = window.threat.plans.dialog
    rows = revision.editor.input("measures").rows
    assert rows[0].inputs["measure"].value() == "Nytt telefonnummer"  # starts from v1
    rows[0].inputs["status"].set_value("done")
    click(qtbot, revision, "Spara")
    assert revision.isVisible()  # a revision needs a reason
    type_text(qtbot, revision.reason, "Numret är bytt")
    click(qtbot, revision, "Spara")
    assert revision.review.lines() == ["Skyddsåtgärder, rad 1 · Status: Planerad → Genomförd"]
    click(qtbot, revision, "Spara")
    qtbot.waitUntil(lambda: window.overview.plan.value.text() == "Version 2", timeout=5000)
    assert not revision.isVisible()
    versions = window.threat.plans.model.texts()
    assert [v[0] for v in versions] == ["1", "2"]
    assert versions[1][3] == "Numret är bytt"
    assert window.overview.plan.value.text() == "Version 2"
    window.threat.plans.table.selectRow(0)  # the first version is still readable
    assert "Planerad" in window.threat.plans.detail.toPlainText()
    window.threat.plans.table.selectRow(1)
    assert "Genomförd" in window.threat.plans.detail.toPlainText()


def test_tasks_and_consents(qtbot, window):
    window.show_tab(Tab.TASKS)
    type_text(qtbot, window.tasks.title, "Boka möte med frivården")
    type_text(qtbot, window.tasks.due.edit, "2030-01-10")
    qtbot.keyClick(window.tasks.due.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.overview.tasks.value.text() == "1", timeout=5000)
    assert window.tasks.model.texts()[0][3] == "Boka möte med frivården"
    assert window.tasks.title.text() == ""  # ready for the next task
    window.tasks.table.selectRow(0)
    click(qtbot, window.tasks, "Klar / öppna igen")
    qtbot.waitUntil(lambda: window.tasks.model.texts()[0][0] == "✓", timeout=5000)
    window.show_tab(Tab.CONSENTS)
    click(qtbot, window.consents, "Nytt samtycke …")
    dialog = window.consents.history.dialog
    editor = dialog.editor
    type_text(qtbot, editor.input("information").edit, "Hotbild och säkerhetsplan")
    type_text(qtbot, editor.input("recipient").edit, "Polisen region Exempel")
    type_text(qtbot, editor.input("purpose").edit, "Samordning av skydd")
    editor.input("given_how").set_value("written")
    type_text(qtbot, editor.input("valid_until").edit, "2030-12-31")
    click(qtbot, dialog, "Spara")
    click(qtbot, dialog, "Spara")
    qtbot.waitUntil(lambda: window.overview.consents.value.text() == "1", timeout=5000)
    assert window.consents.history.model.texts()[0][3] == "I kraft"


def test_journal_draft_is_kept_in_the_vault_and_restored(qtbot, keep, store, case_id, window):
    window.show_tab(Tab.JOURNAL)
    type_text(qtbot, window.journal.editor.text, "Halvfärdig anteckning")
    window.ctx.drafts.flush()
    key = f"case:{window.ref}:journal:new"
    assert store.vault.load_draft(key) == "Halvfärdig anteckning"
    window.close_view()
    again = CaseWindow(store, case_id, drafts=keep(DraftKeeper(store.vault, interval_seconds=3600)))
    keep(again)
    assert again.journal.editor.text.toPlainText() == "Halvfärdig anteckning"
    again.journal.save()
    qtbot.waitUntil(lambda: store.vault.load_draft(key) is None, timeout=5000)


def test_status_change_decision_and_intake_on_the_case_tab(qtbot, window, store, case_id):
    tab = window.show_tab(Tab.CASE)
    click(qtbot, tab, "Ändra status …")
    dialog = tab.dialog
    assert [dialog.next.itemText(i) for i in range(dialog.next.count())] == [
        "Kartläggning och bedömning", "Avslutat",
    ]  # fmt: skip
    assert dialog.outcome.isHidden()
    dialog.next.setCurrentIndex(1)
    assert not dialog.outcome.isHidden()  # closing asks for the outcome
    dialog.next.setCurrentIndex(0)
    type_text(qtbot, dialog.note, "Kartläggning inleds")
    click(qtbot, dialog, "Ändra status")
    qtbot.waitUntil(
        lambda: window.overview.status.value.text() == "Kartläggning och bedömning", timeout=5000
    )
    assert tab.history.texts()[0][1:] == ["Kartläggning och bedömning", "Test Handläggare",
                                          "Kartläggning inleds"]  # fmt: skip

    click(qtbot, tab, "Nytt beslut …")
    decision = tab.dialog
    type_text(qtbot, decision.measure, "Skyddat boende")
    type_text(qtbot, decision.basis, "4 kap. 1 § SoL")
    type_text(qtbot, decision.maker, "Enhetschef")
    type_text(qtbot, decision.valid_until.edit, "2027-01-31")
    type_text(qtbot, decision.grounds, "Akut hot mot klienten.")
    click(qtbot, decision, "Spara beslutet")
    qtbot.waitUntil(lambda: bool(tab.decisions.rows), timeout=5000)
    assert tab.decisions.texts()[0][1:5] == ["Skyddat boende", "4 kap. 1 § SoL", "Enhetschef",
                                             "… – 2027-01-31"]  # fmt: skip
    (saved,) = store.open_case(case_id, audit=False).decisions
    assert (saved.valid_from, saved.grounds) == (None, "Akut hot mot klienten.")

    assert "Ingen sammanfattning ännu" in tab.summary_text.text()
    click(qtbot, tab, "Skriv sammanfattning …")
    summary = tab.dialog
    summary.editor.set_values({"written_on": "2026-11-23", "summary": "Hotbilden kräver flytt.",
                               "recommendations": "Kontakta polisen först."})  # fmt: skip
    assert summary.try_save() is False and summary.try_save() is True  # review, then save
    qtbot.waitUntil(lambda: "Hotbilden kräver flytt." in tab.summary_text.text(), timeout=5000)
    written = store.latest_record(case_id, "case_summary")
    assert written is not None and written.data["recommendations"] == "Kontakta polisen först."

    _label, answer, _day, source = tab.intake.rows[next(iter(tab.intake.rows))]
    answer.setCurrentIndex(answer.findText("Ja"))
    type_text(qtbot, source, "Gemensamt möte med polisen")
    click(qtbot, tab.intake, "Spara förutsättningarna")
    qtbot.waitUntil(lambda: bool(store.open_case(case_id, audit=False).intake), timeout=5000)
    intake = store.open_case(case_id, audit=False).intake
    assert [(c.answer, c.source) for c in intake] == [("yes", "Gemensamt möte med polisen")]


def test_a_correction_in_progress_is_kept_as_a_draft(qtbot, window, store, case_id):
    entry = store.add_journal_entry(case_id, "Samtal i tisdags.").new_id
    store.sign_journal_entry(entry)
    window.reload()
    window.show_tab(Tab.JOURNAL)
    click(qtbot, window.journal, "Rätta …")
    type_text(qtbot, window.journal.correction.text, " Rättat: onsdags.")
    window.ctx.drafts.flush()
    key = f"case:{window.ref}:journal:{entry}:correction"
    assert store.vault.load_draft(key) == "Samtal i tisdags. Rättat: onsdags."
    click(qtbot, window.journal.correction, "Avbryt")
    click(qtbot, window.journal, "Rätta …")  # opening again brings the text back
    assert window.journal.correction.text.toPlainText().endswith("Rättat: onsdags.")


def _count_fills(window: CaseWindow, monkeypatch) -> Counter[Tab]:  # type: ignore[no-untyped-def]
    """How often each tab is filled from here on."""
    fills: Counter[Tab] = Counter()
    for tab in Tab:
        widget = window.overview if tab is Tab.OVERVIEW else window.tab(tab)
        original = widget.show_file

        def counted(*args, _tab=tab, _original=original):  # type: ignore[no-untyped-def]
            fills[_tab] += 1
            return _original(*args)

        monkeypatch.setattr(widget, "show_file", counted)
    return fills


def test_a_task_is_written_off_the_ui_thread_and_refreshes_only_what_shows_tasks(
    qtbot, window, store, monkeypatch
):
    fills = _count_fills(window, monkeypatch)
    writers: list[threading.Thread] = []
    add_task = store.add_task

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        writers.append(threading.current_thread())
        return add_task(*args, **kwargs)

    monkeypatch.setattr(store, "add_task", recorded)
    emitted: list[Changes] = []
    window.ops.changed.connect(emitted.append)
    window.show_tab(Tab.TASKS)
    type_text(qtbot, window.tasks.title, "Ring frivården")
    qtbot.keyClick(window.tasks.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: fills[Tab.TASKS] == 1, timeout=5000)
    assert writers and writers[0] is not threading.main_thread()
    assert [c.areas for c in emitted] == [{Area.TASK}]  # what the verb returned, once
    assert fills == {Tab.TASKS: 1, Tab.OVERVIEW: 1}  # the journal, the case tab … untouched
    assert window.tasks.model.texts()[0][3] == "Ring frivården"
    assert window.overview.tasks.value.text() == "1"


def test_a_change_elsewhere_refreshes_an_open_case_only_if_it_concerns_it(
    qtbot, window, store, case_id
):
    fills = Counter[Tab]()
    window.journal.show_file = lambda file: fills.update([Tab.JOURNAL])  # type: ignore[method-assign]
    other = store.create_case(store.add_person("Bo", "Påhittad").new_id).new_id
    window.ops.run(lambda: store.add_journal_entry(other, "Ett annat ärende."))
    window.ops.run(lambda: store.add_journal_entry(case_id, "Det här ärendet."))
    qtbot.waitUntil(lambda: fills[Tab.JOURNAL] == 1, timeout=5000)
    qtbot.wait(200)
    assert fills[Tab.JOURNAL] == 1  # the other case's entry read nothing here
