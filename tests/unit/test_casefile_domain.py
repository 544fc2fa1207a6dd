"""Domain rules without a vault: the case status machine, labels in both languages,
and the configurable motivation stage models."""

from __future__ import annotations

import itertools
import json

import pytest

from app.domain import case, kinds
from app.domain.case import CaseStatus, InvalidTransition, allowed_next, check_transition
from app.domain.options import unlabelled
from app.domain.stages import DEFAULT_MODEL, load_stage_model, stage_model, stage_models
from app.forms.reader import DefinitionError
from app.i18n import catalog, set_language

ENUMS = [
    case.CaseStatus, case.TargetGroup, case.ReferralSource, case.CasePhase,
    case.CloseOutcome, case.IntakeItem, case.IntakeAnswer, kinds.ProtectedLevel,
    kinds.JournalKind, kinds.ActorKind, kinds.TaskKind, kinds.ThreatLevel, kinds.RelationKind,
]  # fmt: skip


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_option_has_a_swedish_and_an_english_label(enum):
    assert unlabelled(enum) == []
    english = catalog("en")
    for member in enum:
        assert member.label_sv in english, member
        assert member.label_en != member.label_sv or member.label_sv in ("SiS", "Partner")


def test_labels_follow_the_ui_language():
    assert CaseStatus.PAUSED.label == "Vilande"
    set_language("en")
    try:
        assert CaseStatus.PAUSED.label == "Paused"
    finally:
        set_language("sv")


def test_a_case_moves_along_the_usual_path():
    path = [CaseStatus.REQUEST, CaseStatus.ASSESSMENT, CaseStatus.ACTIVE, CaseStatus.PAUSED,
            CaseStatus.ACTIVE, CaseStatus.TRANSFERRED]  # fmt: skip
    for old, new in itertools.pairwise(path):
        check_transition(old, new)


def test_impossible_step_is_refused_with_the_possible_next_steps():
    with pytest.raises(InvalidTransition) as err:
        check_transition(CaseStatus.REQUEST, CaseStatus.PAUSED)
    assert "Kartläggning och bedömning" in err.value.message
    assert "Avslutat" in err.value.message


def test_closed_case_can_be_reopened_but_transferred_is_final():
    assert allowed_next(CaseStatus.CLOSED) == [CaseStatus.ASSESSMENT]
    assert allowed_next(CaseStatus.TRANSFERRED) == []
    with pytest.raises(InvalidTransition, match="inga"):
        check_transition(CaseStatus.TRANSFERRED, CaseStatus.ACTIVE)


def test_protected_levels_mask_the_identity():
    assert not kinds.ProtectedLevel.NONE.masks_identity
    assert all(level.masks_identity for level in list(kinds.ProtectedLevel)[1:])


def test_threat_levels_are_ordered():
    ranks = [level.rank for level in kinds.ThreatLevel]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_default_stage_model_is_the_transtheoretical_model_with_relapse_as_event():
    model = stage_model()
    assert model.id == DEFAULT_MODEL == next(iter(stage_models()))
    assert [s.label.sv for s in model.stages] == [
        "Förnekelse / inget övervägande", "Övervägande", "Förberedelse", "Handling",
        "Vidmakthållande",
    ]  # fmt: skip
    relapse = model.find("relapse")
    assert relapse is not None and relapse.is_event and relapse.label.en == "Relapse"


def test_extremism_variant_is_installed():
    model = stage_model("extremism")
    assert [s.label.sv for s in model.stages] == [
        "Motstånd", "Ambivalens", "Förberedelse", "Handling", "Upprätthållande",
    ]  # fmt: skip
    assert [s.order for s in model.stages] == [1, 2, 3, 4, 5]


def test_a_municipality_can_add_a_stage_model_file(tmp_path):
    path = tmp_path / "local.json"
    path.write_text(json.dumps({
        "model": "local", "version": 1, "label": {"sv": "Lokal", "en": "Local"},
        "stages": [{"id": "a", "label": {"sv": "A", "en": "A"}}],
    }))  # fmt: skip
    assert load_stage_model(path).stages[0].id == "a"


def test_malformed_stage_model_names_the_file_and_field(tmp_path):
    path = tmp_path / "local.json"
    path.write_text(json.dumps({
        "model": "local", "version": 1, "label": {"sv": "Lokal", "en": "Local"},
        "stages": [{"id": "a", "label": {"sv": "A"}}],
    }))  # fmt: skip
    with pytest.raises(DefinitionError) as err:
        load_stage_model(path)
    assert "local.json" in err.value.message and "stages[0].label.en" in err.value.message
