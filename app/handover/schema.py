"""The packet payload format ``resources/schemas/handover-v1.json`` and its checks.

Everything after the payload builder works on a plain dict that passed
:func:`validate`: the JSON Schema plus the rules a schema cannot say (only the chosen
sections are present; journal entries lie inside the chosen period)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from app.handover.errors import PayloadInvalid
from app.i18n import N_
from app.resources import resource_path

SCHEMA_ID = "utvag-handover/1"
SCHEMA_FILE = "handover-v1.json"

#: Section ids in document order, with their Swedish titles.
SECTIONS: dict[str, str] = {
    "person": N_("Person"),
    "threat": N_("Aktuell hotbild"),
    "safety_plan": N_("Säkerhetsplan"),
    "motivation": N_("Motivation över tid"),
    "consents": N_("Samtycken"),
    "child": N_("Barn: vårdnadshavare, barnets bästa och åsikter"),
    "actors": N_("Aktörer"),
    "tasks": N_("Öppna uppgifter"),
    "journal": N_("Journal"),
}

#: Content keys each section brings along (``threat`` carries its history too).
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "threat": ("threat", "threat_history"),
    "safety_plan": ("safety_plan",),
    "motivation": ("motivation",),
    "consents": ("consents",),
    "child": ("child",),
    "actors": ("actors",),
    "tasks": ("tasks",),
    "journal": ("journal",),
}


@cache
def schema() -> dict[str, Any]:
    with resource_path("schemas", SCHEMA_FILE).open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by its definition: resolving
    thousands of references dominated validating a 300-entry packet."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = _inline(defs[ref.removeprefix("#/$defs/")], defs)
            siblings = {k: v for k, v in node.items() if k not in ("$ref", "description")}
            return {**target, **_inline(siblings, defs)} if siblings else target
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


@cache
def _validator() -> Draft202012Validator:
    full = schema()
    return Draft202012Validator(_inline(full, full.get("$defs", {})))


def validate(payload: object) -> dict[str, Any]:
    """Return ``payload`` if it is a valid packet payload; raise PayloadInvalid naming
    where it is wrong (a JSON path, never the offending value)."""
    error = next(iter(_validator().iter_errors(payload)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "rot"
        raise PayloadInvalid(where=where)
    assert isinstance(payload, dict)
    _check_sections(payload)
    _check_period(payload)
    return payload


def _check_sections(payload: dict[str, Any]) -> None:
    chosen = set(payload["sections"])
    allowed = {"case"} | {key for s in chosen for key in SECTION_KEYS[s]}
    for key in payload["content"]:
        if key not in allowed:
            raise PayloadInvalid(where=f"content/{key}")


def _check_period(payload: dict[str, Any]) -> None:
    period = payload.get("period") or {}
    start, end = period.get("from"), period.get("until")
    for index, entry in enumerate(payload["content"].get("journal", [])):
        day = entry["occurred_on"][:10]
        if (start and day < start) or (end and day > end):
            raise PayloadInvalid(where=f"content/journal/{index}/occurred_on")


def encode(payload: dict[str, Any]) -> bytes:
    """Canonical bytes of the attachment (sorted keys, UTF-8)."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    """Parse and validate attachment bytes."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PayloadInvalid(where="json") from exc
    return validate(parsed)
