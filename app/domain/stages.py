"""Configurable motivation stage models, read from ``resources/stages/<model>.json``.

The transtheoretical model is the default; the extremism-exit variant is the second.
Relapse is an *event* (a point on the timeline), not a resting stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.domain.options import LocalText
from app.forms.reader import DefinitionReader
from app.resources import resource_path

DEFAULT_MODEL = "transtheoretical"


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    label: LocalText
    help: LocalText
    order: int  # 1 = furthest from leaving; events have order 0
    is_event: bool


@dataclass(frozen=True, slots=True)
class StageModel:
    id: str
    version: int
    label: LocalText
    help: LocalText
    stages: tuple[Stage, ...]
    events: tuple[Stage, ...]
    default: bool

    def find(self, stage_id: str) -> Stage | None:
        for stage in self.stages + self.events:
            if stage.id == stage_id:
                return stage
        return None

    def all(self) -> tuple[Stage, ...]:
        return self.stages + self.events


def load_stage_model(path: Path) -> StageModel:
    reader = DefinitionReader(path)
    root = reader.root
    reader.unknown_keys(
        root, {"model", "version", "default", "label", "help", "stages", "events"}, ""
    )
    model_id = reader.get(root, "model", str, "")
    if model_id != path.stem:
        raise reader.fail("model", f"ska vara {path.stem!r} som filnamnet")
    stages = _read_stages(reader, root, "stages", event=False)
    if not stages:
        raise reader.fail("stages", "minst ett stadium behövs")
    events = _read_stages(reader, root, "events", event=True)
    ids = [s.id for s in stages + events]
    if len(set(ids)) != len(ids):
        raise reader.fail("stages", "samma id förekommer två gånger")
    return StageModel(
        id=model_id,
        version=reader.get(root, "version", int, ""),
        label=reader.text(root, "label", ""),
        help=reader.text(root, "help", "", required=False),
        stages=stages,
        events=events,
        default=reader.opt(root, "default", bool, "", False),
    )


def _read_stages(
    reader: DefinitionReader, root: dict[str, object], key: str, *, event: bool
) -> tuple[Stage, ...]:
    items = reader.opt(root, key, list, "", [])
    result = []
    for index, raw in enumerate(items):
        where = f"{key}[{index}]"
        item = reader.typed(raw, dict, where)
        reader.unknown_keys(item, {"id", "label", "help"}, where)
        result.append(
            Stage(
                id=reader.get(item, "id", str, where),
                label=reader.text(item, "label", where),
                help=reader.text(item, "help", where, required=False),
                order=0 if event else index + 1,
                is_event=event,
            )
        )
    return tuple(result)


@cache
def stage_models() -> dict[str, StageModel]:
    """All installed models by id, the default first."""
    models = [load_stage_model(p) for p in sorted(resource_path("stages").glob("*.json"))]
    models.sort(key=lambda m: (not m.default, m.id))
    return {m.id: m for m in models}


def stage_model(model_id: str = DEFAULT_MODEL) -> StageModel:
    return stage_models()[model_id]


__all__ = [
    "DEFAULT_MODEL",
    "Stage",
    "StageModel",
    "load_stage_model",
    "stage_model",
    "stage_models",
]
