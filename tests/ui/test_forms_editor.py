"""The form editor generated from the definitions, used as a caseworker would."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.forms.definition import form_definition, installed_forms
from app.forms.validate import validate
from app.i18n import set_language
from tests.ui.helpers import type_text
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.common import language
from ui.forms import FormDraft, FormEditor


@pytest.fixture
def english():
    language.language().apply("en")
    yield
    language.language().apply("sv")


@pytest.mark.parametrize("key", sorted(installed_forms()))
def test_every_definition_renders_and_round_trips(qtbot, keep, key):
    editor = FormEditor(installed_forms()[key])
    keep(editor)
    assert set(editor.rows) == {f.id for f in editor.form.fields}
    assert editor.is_blank()
    assert {k: v for k, v in editor.values().items() if v is not False} == {}


def test_required_fields_show_a_message_next_to_the_field(qtbot, keep):
    editor = FormEditor(form_definition("threat_assessment"))
    keep(editor)
    editor.show()
    type_text(qtbot, editor.input("assessor").edit, "Test Handläggare")
    problems = editor.validate()
    assert problems
    assert editor.error_text("assessed_on") == "Fyll i ”Bedömningsdatum”."
    assert editor.error_text("assessor") == ""
    assert "fel" in editor.summary.text()


def test_a_bad_date_is_shown_at_the_date_field_and_compact_dates_are_accepted(qtbot, keep):
    editor = FormEditor(form_definition("consent"))
    keep(editor)
    qtbot.keyClicks(editor.input("given_on").edit, "2026-13-10")
    editor.validate()
    assert editor.error_text("given_on") == "Månad 13 finns inte. Skriv en månad från 01 till 12."
    editor.input("given_on").edit.clear()
    qtbot.keyClicks(editor.input("given_on").edit, "20261102")
    editor.validate()
    assert editor.error_text("given_on") == ""
    assert editor.values()["given_on"] == "2026-11-02"


def test_stage_options_follow_the_chosen_stage_model(qtbot, keep):
    editor = FormEditor(form_definition("motivation_assessment"))
    keep(editor)
    stage = editor.input("stage")
    assert not stage.isEnabled()
    editor.input("model").set_value("extremism")
    values = [o.value for o in stage.options]
    assert values[:2] == ["resistance", "ambivalence"]
    assert stage.isEnabled()
    editor.input("model").set_value("transtheoretical")
    assert stage.options[0].value == "precontemplation"


def test_ruler_is_optional_and_slider_follows_the_keyboard(qtbot, keep):
    editor = FormEditor(form_definition("motivation_assessment"))
    keep(editor)
    ruler = editor.input("readiness")
    assert ruler.value() is None
    ruler.spin.setFocus()
    qtbot.keyClick(ruler.spin, Qt.Key.Key_Up)
    qtbot.keyClick(ruler.spin, Qt.Key.Key_Up)
    assert ruler.value() == 1
    assert ruler.slider.value() == 1


def test_records_rows_validate_per_row(qtbot, keep):
    editor = FormEditor(form_definition("safety_plan"))
    keep(editor)
    measures = editor.input("measures")
    qtbot.mouseClick(measures.add_button, Qt.MouseButton.LeftButton)
    row = measures.rows[0]
    qtbot.keyClicks(row.inputs["measure"].edit, "Nytt telefonnummer")
    problems = editor.validate()
    paths = {p.path for p in problems}
    assert any(p.startswith("measures[0].") for p in paths)
    assert not row.error.isHidden()
    assert editor.values()["measures"][0]["measure"] == "Nytt telefonnummer"


def test_load_and_save_a_record_matches_the_core_validator(qtbot, keep):
    record = {
        "assessed_on": "2026-10-01", "assessor": "Test Handläggare", "instrument": "police",
        "threat_kinds": ["violence", "threats"], "acute_level": "high",
        "long_term_level": "moderate", "source": "police", "reliability": "probably_true",
        "next_review": "2026-12-01",
        "actors": [{"alias": "Grupp Nord", "intent": "high", "capability": "moderate"}],
    }  # fmt: skip
    editor = FormEditor(form_definition("threat_assessment"))
    keep(editor)
    editor.set_values(record)
    assert editor.values() == record
    assert editor.validate() == [] == validate(editor.form, record)


def test_labels_follow_the_language(qtbot, keep, english):
    editor = FormEditor(form_definition("consent"))
    keep(editor)
    assert (
        "Recipient" in editor.rows["recipient"].label.text()
        or "To whom" in (editor.rows["recipient"].label.text())
        or editor.rows["recipient"].label.text() != ""
    )
    assert editor.title.text() == form_definition("consent").title.en
    set_language("sv")


def test_draft_adapter_round_trips_through_json(qtbot, keep):
    editor = FormEditor(form_definition("consent"))
    keep(editor)
    draft = FormDraft(editor)
    assert draft.toPlainText() == ""
    with qtbot.waitSignal(draft.textChanged):
        type_text(qtbot, editor.input("recipient").edit, "Polisen region Väst")
    saved = draft.toPlainText()
    assert json.loads(saved)["data"]["recipient"] == "Polisen region Väst"
    other = FormEditor(form_definition("consent"))
    keep(other)
    FormDraft(other).setPlainText(saved)
    assert other.values() == editor.values()


def test_the_calendar_speaks_the_language_of_the_ui(qtbot, keep):
    editor = keep(FormEditor(form_definition("consent")))
    calendar = editor.input("given_on").calendar
    assert calendar.locale().monthName(12) == "december"
    assert calendar.locale().firstDayOfWeek() == Qt.DayOfWeek.Monday
    language.language().apply("en")
    try:
        assert calendar.locale().monthName(12) == "December"
        assert calendar.locale().firstDayOfWeek() == Qt.DayOfWeek.Monday
    finally:
        language.language().apply("sv")
    assert calendar.locale().dayName(1, calendar.locale().FormatType.ShortFormat) == "mån"
