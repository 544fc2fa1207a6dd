"""The case-file screens switch to English at runtime with no Swedish text left over
(only data: names, references, dates, what the caseworker typed)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QWidget

from app.domain.kinds import ActorKind
from app.forms.definition import form_definition, installed_forms
from app.i18n import catalog
from app.store import Store
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from tests.ui.visible_text import visible_texts
from ui.casefile import (
    CaseListWidget,
    CaseWindow,
    LogView,
    RetentionView,
    SearchView,
    StatsView,
    TodayView,
)
from ui.casefile.window import Tab
from ui.common import language
from ui.common.ops import Ops
from ui.forms.dialog import FormDialog
from ui.shell.drafts import DraftKeeper

NUMBERS = re.compile(r"^[\W\d_]*$")
DATA = {
    "Alva Exempelsson", "Test Handläggare", "Ring polisen", "Polisen region Exempel",
    "Anna Kontakt", "Samtal om veckan.", "Hotbild", "Skydd", "AV-", "Ny väg", "Kontaktperson",
}  # fmt: skip


def _same_in_english() -> list[re.Pattern[str]]:
    """Catalog entries that read the same in English, placeholders as wildcards."""
    same = [k for k, v in catalog("en").items() if k == v]
    return [re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(k)), re.IGNORECASE) for k in same]


@pytest.fixture
def store(vault) -> Store:
    made = Store(vault)
    person = made.add_person("Alva", "Exempelsson").new_id
    case = made.create_case(person).new_id
    made.add_journal_entry(case, "Samtal om veckan.")
    made.record_motivation(case, {
        "assessed_on": "2026-01-10", "assessor": "Test Handläggare", "model": "transtheoretical",
        "stage": "contemplation", "next_review": "2020-01-01",
    })  # fmt: skip
    made.record_threat(case, {
        "assessed_on": "2026-01-10", "assessor": "Test Handläggare", "instrument": "police",
        "threat_kinds": ["threats"], "acute_level": "high", "long_term_level": "low",
        "source": "police", "reliability": "unknown", "next_review": "2030-01-01",
    })  # fmt: skip
    made.revise_safety_plan(case, {"plan_date": "2026-01-11", "review_date": "2030-01-01"})
    made.add_consent(case, {
        "information": "Hotbild", "recipient": "Polisen region Exempel", "purpose": "Skydd",
        "given_on": "2026-01-10", "given_how": "written",
    })  # fmt: skip
    made.add_task("Ring polisen", case_id=case, due="2020-01-01")
    actor = made.add_actor(ActorKind.POLICE, "Ny väg", contact_name="Anna Kontakt").new_id
    made.link_actor(case, actor, "Kontaktperson")
    return made


def _definition_texts() -> set[str]:
    """Labels in the form definitions that read the same in both languages."""
    found: set[str] = set()

    def walk(fields):  # type: ignore[no-untyped-def]
        for field in fields:
            for text in (field.label, *(o.label for o in field.options)):
                if text.sv == text.en:
                    found.update({text.sv, f"{text.sv} *"})
            walk(field.fields)

    for form in installed_forms().values():
        walk(form.fields)
    return found


def _same_is_fine(text: str) -> bool:
    return (
        text in _definition_texts()
        or any(p.fullmatch(text) for p in _same_in_english())
        or bool(NUMBERS.match(text))
        or any(text == d or text.startswith(d) or text.endswith(d) for d in DATA)
    )


def _check(window: QWidget, show=lambda: None) -> None:  # type: ignore[no-untyped-def]
    language.language().apply("sv")
    show()
    swedish = visible_texts(window)
    assert swedish
    language.language().apply("en")
    show()
    english = visible_texts(window)
    stayed = {k: v for k, v in english.items() if swedish.get(k) == v and not _same_is_fine(v)}
    language.language().apply("sv")
    assert not stayed, "still Swedish in English:\n" + "\n".join(
        f"  {k}: {v!r}" for k, v in sorted(stayed.items())
    )


@pytest.mark.parametrize("tab", list(Tab))
def test_case_window_tabs(qtbot, keep, store, tab):
    drafts = keep(DraftKeeper(store.vault, interval_seconds=3600))
    window = CaseWindow(store, 1, drafts=drafts)
    keep(window)
    window.show()
    window.show_tab(tab)
    _check(window)
    window.close_view()
    drafts.stop()


def test_list_today_and_search(qtbot, keep, store):
    case_list = CaseListWidget()
    keep(case_list)
    case_list.set_rows(store.case_rows())
    case_list.show()
    _check(case_list)
    today = TodayView(store)
    keep(today)
    today.show()
    _check(today, today.refresh)
    search = SearchView(store)
    keep(search)
    search.show()
    search.query.setText("veckan")

    def searched() -> None:
        search.run()
        qtbot.waitUntil(lambda: not search.searching, timeout=5000)

    _check(search, searched)


@pytest.mark.parametrize("form", ["motivation_assessment", "threat_assessment", "safety_plan",
                                  "consent", "child_best_interests", "child_views",
                                  "child_wishes_consent"])  # fmt: skip
def test_form_dialogs(qtbot, keep, form):
    dialog = FormDialog(form_definition(form), lambda data, reason: None, keep(Ops()))
    keep(dialog)
    dialog.show()
    dialog.editor.validate()
    _check(dialog)


def test_supervisor_views(qtbot, keep, store):
    store.open_case(1)
    stats = StatsView(store)
    keep(stats)
    stats.show()
    _check(stats, stats.refresh)
    log = LogView(store)
    keep(log)
    log.show()
    _check(log, log.refresh)
    retention = RetentionView(store)
    keep(retention)
    retention.show()
    _check(retention, retention.refresh)
