"""The packet payload format ``resources/schemas/handover-v2.json`` and its checks.

Everything after the payload builder works on a plain dict that passed
:func:`validate`: the JSON Schema plus the rules a schema cannot say (only the chosen
sections are present; journal entries lie inside the chosen period). A packet of the
first format (``handover-v1.json``) is validated against that schema and then upgraded
in memory to the current shape (:func:`upgrade_v1`), so the renderer and the import
read one shape."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from app.handover.errors import PayloadInvalid
from app.i18n import N_
from app.resources import resource_path

SCHEMA_ID = "utvag-handover/2"
SCHEMA_FILE = "handover-v2.json"
#: Earlier formats a receiver still reads: schema id → schema file.
OLDER = {"utvag-handover/1": "handover-v1.json"}

#: Section ids in document order (a Swedish handover's), with their Swedish titles.
SECTIONS: dict[str, str] = {
    "summary": N_("Sammanfattning, bedömning och rekommendationer"),
    "person": N_("Klienten"),
    "child": N_("Barn: vårdnadshavare, barnets bästa och åsikter"),
    "decisions": N_("Aktuella beslut och insatser"),
    "threat": N_("Aktuell hotbild"),
    "safety_plan": N_("Säkerhetsplan"),
    "motivation": N_("Motivation över tid"),
    "consents": N_("Samtycken"),
    "actors": N_("Aktörer"),
    "tasks": N_("Öppna uppgifter"),
    "journal": N_("Journal"),
}

#: Content keys each section brings along (``threat`` carries its history too).
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "summary": ("summary",),
    "decisions": ("decisions",),
    "person": ("person", "identity_disclosure"),
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
def schema(file: str = SCHEMA_FILE) -> dict[str, Any]:
    with resource_path("schemas", file).open(encoding="utf-8") as fh:
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
def _validator(file: str = SCHEMA_FILE) -> Draft202012Validator:
    full = schema(file)
    return Draft202012Validator(_inline(full, full.get("$defs", {})))


def _require_valid(payload: object, file: str) -> None:
    error = next(iter(_validator(file).iter_errors(payload)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "rot"
        raise PayloadInvalid(where=where)


def validate(payload: object) -> dict[str, Any]:
    """Return ``payload`` if it is a valid packet payload of the current format, or a
    valid one of an earlier format upgraded to the current shape; raise PayloadInvalid
    naming where it is wrong (a JSON path, never the offending value)."""
    older = OLDER.get(payload.get("schema", "")) if isinstance(payload, dict) else None
    if older is not None:
        _require_valid(payload, older)
        assert isinstance(payload, dict)
        payload = upgrade_v1(payload)
    _require_valid(payload, SCHEMA_FILE)
    assert isinstance(payload, dict)
    _check_sections(payload)
    _check_period(payload)
    return payload


def upgrade_v1(payload: dict[str, Any]) -> dict[str, Any]:
    """A valid ``utvag-handover/1`` payload in the current shape (a new dict). Version 1
    is a subset: nothing is invented, the first revision's time becomes the time an
    entry was written, and the received format is kept under ``packet.format``."""
    out: dict[str, Any] = json.loads(json.dumps(payload))
    out["schema"] = SCHEMA_ID
    out["packet"]["format"] = payload["schema"]
    for entry in out["content"].get("journal", []):
        first = min(entry["revisions"], key=lambda r: r["revision"])
        entry["written_at"] = first["created_at"]
    plan = out["content"].get("safety_plan")
    if plan is not None:
        plan["history_included"] = bool(plan["history"])
    return out


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
