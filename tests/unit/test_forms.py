"""Form definitions: every shipped form loads, valid records pass, wrong ones are
caught next to the right field, and malformed definitions name the file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.kinds import ThreatLevel
from app.domain.stages import stage_models
from app.forms.definition import form_definition, installed_forms, load_form
from app.forms.reader import DefinitionError
from app.forms.validate import FormInvalid, check, validate
from app.resources import resource_path

SAMPLES = {
    "safety_plan": {
        "plan_date": "2026-11-02",
        "measures": [
            {"measure": "Ansök om skyddad folkbokföring", "category": "protected_registration",
             "responsible": "Handläggare", "status": "in_progress", "due": "2026-11-20"},
        ],
        "emergency_contacts": [{"name": "Polisens avhopparsamordnare", "phone": "000-000 00 00"}],
        "code_words": [{"word": "Blåbär", "meaning": "Ring 112 direkt"}],
        "relocation_planned": True,
        "relocation_municipality": "Exempelby kommun",
        "do_not_disclose": [{"who": "Tidigare umgänge (alias Räven)"}],
        "triggers": [{"scenario": "Okänd bil utanför bostaden", "action": "Ring nödkontakten"}],
        "digital_hygiene": ["new_number", "location_off"],
        "client_acknowledged": True,
        "acknowledged_on": "2026-11-03",
        "acknowledged_how": "written",
        "review_date": "2026-12-01",
    },
    "threat_assessment": {
        "assessed_on": "2026-11-01", "assessor": "Handläggare A", "instrument": "police",
        "threat_kinds": ["violence", "against_family"],
        "actors": [{"alias": "Räven", "group": "Nätverk Ö", "intent": "high",
                    "capability": "moderate"}],
        "acute_level": "high", "long_term_level": "moderate", "source": "police",
        "reliability": "probably_true", "next_review": "2026-11-15",
    },
    "motivation_assessment": {
        "assessed_on": "2026-11-01", "assessor": "Handläggare A", "model": "transtheoretical",
        "stage": "preparation", "readiness": 7, "push_factors": ["violence_fatigue"],
        "pull_factors": ["children_family"], "own_words": "Jag vill se min dotter växa upp.",
        "next_review": "2026-12-01",
    },
    "consent": {
        "information": "Hotbild och säkerhetsplan", "recipient": "Polisen, region Exempel",
        "purpose": "Samordning av skydd", "given_on": "2026-11-01", "given_how": "written",
        "valid_until": "2027-11-01",
    },
    "child_best_interests": {
        "assessed_on": "2026-11-01", "assessor": "Handläggare A", "areas": ["safety", "school"],
        "analysis": "Skyddat boende minskar risken.", "views_weighed": "yes",
        "conclusion": "Flytt efter terminsslut.", "next_review": "2027-01-15",
    },
    "child_views": {
        "heard_on": "2026-11-01", "how": "alone", "informed": True,
        "own_words": "Jag vill gå kvar i skolan.", "weight": "Moget uttryckt.",
    },
    "child_wishes_consent": {
        "given_on": "2026-11-01", "given_by": "guardian", "guardian_name": "Maria",
        "concerns": "transfer", "consent": "partly", "wishes": "Efter jul.",
    },
    "case_summary": {
        "written_on": "2026-11-20", "summary": "Kort om läget.", "background": "Bakgrund.",
        "assessment": "Stabil.", "recommendations": "Fortsatt stöd.",
    },
}  # fmt: skip


def test_every_shipped_form_is_installed_with_versions():
    assert {key[0] for key in installed_forms()} == set(SAMPLES)
    for form in installed_forms().values():
        assert form.version >= 1
        for field in form.fields:
            assert field.label.sv and field.label.en


@pytest.mark.parametrize("form_id", sorted(SAMPLES))
def test_sample_record_is_valid(form_id):
    assert validate(form_definition(form_id), SAMPLES[form_id]) == []


def test_missing_required_field_is_reported_by_label():
    data = dict(SAMPLES["consent"], purpose="")
    problems = validate(form_definition("consent"), data)
    assert [p.path for p in problems] == ["purpose"]
    assert "Syfte" in problems[0].message


def test_conditional_requirement_applies_only_when_condition_holds():
    form = form_definition("safety_plan")
    data = dict(SAMPLES["safety_plan"])
    del data["relocation_municipality"]
    assert [p.path for p in validate(form, data)] == ["relocation_municipality"]
    data["relocation_planned"] = False
    assert validate(form, data) == []


def test_filled_condition_requires_how_a_consent_was_withdrawn():
    data = dict(SAMPLES["consent"], withdrawn_on="2026-11-10")
    assert [p.path for p in validate(form_definition("consent"), data)] == ["withdrawn_how"]


def test_problems_inside_a_table_row_name_the_row_and_column():
    data = dict(SAMPLES["safety_plan"])
    data["measures"] = [*data["measures"], {"measure": "Nytt nummer", "status": "soon"}]
    paths = {p.path for p in validate(form_definition("safety_plan"), data)}
    assert paths == {"measures[1].category", "measures[1].responsible", "measures[1].status"}


def test_ruler_outside_0_to_10_is_rejected():
    data = dict(SAMPLES["motivation_assessment"], confidence=11)
    problems = validate(form_definition("motivation_assessment"), data)
    assert [p.path for p in problems] == ["confidence"]
    assert "0" in problems[0].message and "10" in problems[0].message


def test_stage_must_belong_to_the_chosen_model():
    form = form_definition("motivation_assessment")
    ok = dict(SAMPLES["motivation_assessment"], model="extremism", stage="ambivalence")
    assert validate(form, ok) == []
    wrong = dict(ok, model="transtheoretical")
    assert [p.path for p in validate(form, wrong)] == ["stage"]


def test_relapse_is_recordable_as_an_event_in_every_model():
    form = form_definition("motivation_assessment")
    for model in stage_models():
        data = dict(SAMPLES["motivation_assessment"], model=model, stage="relapse")
        assert validate(form, data) == []


def test_bad_date_and_unknown_field_and_wrong_types():
    data = dict(SAMPLES["threat_assessment"], next_review="15/11/2026", extra="x")
    data["threat_kinds"] = "violence"
    paths = {p.path for p in validate(form_definition("threat_assessment"), data)}
    assert paths == {"next_review", "extra", "threat_kinds"}


def test_check_raises_with_every_problem():
    with pytest.raises(FormInvalid) as err:
        check(form_definition("consent"), {})
    assert len(err.value.problems) == 5
    assert "Samtycke" in err.value.message


def test_threat_levels_in_the_form_match_the_domain_levels():
    field = form_definition("threat_assessment").field("acute_level")
    assert [o.value for o in field.options] == [level.value for level in ThreatLevel]


def test_motivation_models_match_the_installed_stage_models():
    field = form_definition("motivation_assessment").field("model")
    assert {o.value for o in field.options} == set(stage_models())


def _write(tmp_path: Path, name: str, content: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(content) if not isinstance(content, str) else content)
    return path


def _consent_definition() -> dict:
    return json.loads(resource_path("forms", "consent.v1.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["fields"][0].pop("label"), "fields[0](information).label"),
        (lambda d: d["fields"][1].update(type="number"), "fields[1](recipient).type"),
        (lambda d: d["fields"][2]["options"][0]["label"].pop("en"), "options[0].label.en"),
        (lambda d: d["fields"][1].update(id="information"), "fields[1].id"),
        (lambda d: d["fields"][0].update(required="yes"), "fields[0](information).required"),
        (lambda d: d["fields"][8].update(required_if={"field": "nope"}), "fields[8]"),
        (lambda d: d.update(version=2), "form"),
        (lambda d: d["fields"][0].update(colour="red"), "fields[0](information).colour"),
    ],
)
def test_malformed_definition_names_file_and_field(tmp_path, mutate, field):
    definition = _consent_definition()
    mutate(definition)
    with pytest.raises(DefinitionError) as err:
        load_form(_write(tmp_path, "consent.v1.json", definition))
    assert "consent.v1.json" in err.value.message
    assert field in err.value.message


def test_broken_json_and_bad_file_name_are_rejected(tmp_path):
    with pytest.raises(DefinitionError, match=r"consent\.v1\.json"):
        load_form(_write(tmp_path, "consent.v1.json", "{not json"))
    with pytest.raises(DefinitionError, match="filnamn"):
        load_form(_write(tmp_path, "consent.json", _consent_definition()))
