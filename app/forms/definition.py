"""Form definitions: ``resources/forms/<form>.v<N>.json`` loaded into typed values.

One definition drives the editor, the validator, the PDF section and the packet
payload. A malformed definition is rejected with the file and the field named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.domain.options import LocalText
from app.domain.stages import stage_models
from app.forms.reader import DefinitionReader
from app.resources import resource_path

FIELD_TYPES = frozenset(
    {"text", "textarea", "date", "choice", "multichoice", "int", "bool", "records"}
)
_FILE_NAME = re.compile(r"^([a-z][a-z0-9_]*)\.v([1-9][0-9]*)\.json$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELD_KEYS = {
    "id", "type", "label", "help", "required", "required_if", "options", "options_from",
    "min", "max", "max_length", "fields", "min_items",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: LocalText


@dataclass(frozen=True, slots=True)
class Condition:
    """``required_if``: the field is required when ``field`` equals one of ``values``
    (or, with no values, when it is filled in)."""

    field: str
    values: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class FieldDef:
    id: str
    type: str
    label: LocalText
    help: LocalText
    required: bool = False
    required_if: Condition | None = None
    options: tuple[Option, ...] = ()
    #: choice options that depend on another field's value (stage per model)
    options_by: dict[str, tuple[Option, ...]] = field(default_factory=dict)
    options_field: str | None = None
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    fields: tuple[FieldDef, ...] = ()
    min_items: int = 0

    def option_values(self, record: dict[str, Any]) -> set[str]:
        if self.options_field is not None:
            key = record.get(self.options_field)
            return {o.value for o in self.options_by.get(str(key), ())}
        return {o.value for o in self.options}


@dataclass(frozen=True, slots=True)
class FormDef:
    id: str
    version: int
    title: LocalText
    help: LocalText
    fields: tuple[FieldDef, ...]
    review_field: str | None  # the date field that schedules the next review
    effective_field: str  # the date the record speaks for (assessed on, given on...)
    summary_field: str | None  # shown in lists and timelines (stage, threat level...)

    def field(self, field_id: str) -> FieldDef:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


def load_form(path: Path) -> FormDef:
    reader = DefinitionReader(path)
    match = _FILE_NAME.match(path.name)
    if not match:
        raise reader.fail("(filnamn)", "ska heta <formulär>.v<N>.json")
    root = reader.root
    keys = {"form", "version", "title", "help", "fields", "review_field", "effective_field"}
    reader.unknown_keys(root, keys | {"summary_field"}, "")
    form_id = reader.get(root, "form", str, "")
    version = reader.get(root, "version", int, "")
    if (form_id, version) != (match.group(1), int(match.group(2))):
        raise reader.fail("form", "form och version ska stämma med filnamnet")
    fields = _read_fields(reader, reader.get(root, "fields", list, ""), "fields")
    review = _field_ref(reader, root, "review_field", fields, "date")
    effective = _field_ref(reader, root, "effective_field", fields, "date")
    if effective is None:
        raise reader.fail("effective_field", "saknas")
    return FormDef(
        form_id, version, reader.text(root, "title", ""),
        reader.text(root, "help", "", required=False), fields, review, effective,
        _field_ref(reader, root, "summary_field", fields, None),
    )  # fmt: skip


def _field_ref(
    reader: DefinitionReader, root: dict[str, Any], key: str, fields: tuple[FieldDef, ...],
    ftype: str | None,
) -> str | None:  # fmt: skip
    ref = reader.opt(root, key, str, "", "") or None
    if ref is not None and not any(f.id == ref and ftype in (None, f.type) for f in fields):
        raise reader.fail(key, f"ska vara id för ett fält i formuläret ({ftype or 'valfri typ'})")
    return ref


def _read_fields(reader: DefinitionReader, raw: list[Any], where: str) -> tuple[FieldDef, ...]:
    if not raw:
        raise reader.fail(where, "minst ett fält behövs")
    fields = tuple(_read_field(reader, item, f"{where}[{i}]") for i, item in enumerate(raw))
    ids = [f.id for f in fields]
    for index, fid in enumerate(ids):
        if fid in ids[:index]:
            raise reader.fail(f"{where}[{index}].id", f"id {fid!r} finns redan")
    for index, f in enumerate(fields):
        for ref in (f.required_if.field if f.required_if else None, f.options_field):
            if ref is not None and ref not in ids:
                raise reader.fail(f"{where}[{index}]", f"hänvisar till okänt fält {ref!r}")
    return fields


def _read_field(reader: DefinitionReader, raw: object, where: str) -> FieldDef:
    item = reader.typed(raw, dict, where)
    fid = reader.get(item, "id", str, where)
    if not _ID.match(fid):
        raise reader.fail(f"{where}.id", "endast a-z, 0-9 och _ och börjar med bokstav")
    where = f"{where}({fid})"
    reader.unknown_keys(item, _FIELD_KEYS, where)
    ftype = reader.get(item, "type", str, where)
    if ftype not in FIELD_TYPES:
        raise reader.fail(f"{where}.type", f"okänd typ {ftype!r}")
    options, options_by, options_field = _read_options(reader, item, ftype, where)
    low = reader.opt(item, "min", int, where, None)
    high = reader.opt(item, "max", int, where, None)
    if ftype == "int" and low is not None and high is not None and low > high:
        raise reader.fail(f"{where}.min", "min är större än max")
    subfields: tuple[FieldDef, ...] = ()
    if ftype == "records":
        subfields = _read_fields(reader, reader.get(item, "fields", list, where), f"{where}.fields")
    return FieldDef(
        id=fid, type=ftype, label=reader.text(item, "label", where),
        help=reader.text(item, "help", where, required=False),
        required=reader.opt(item, "required", bool, where, False),
        required_if=_read_condition(reader, item, where),
        options=options, options_by=options_by, options_field=options_field,
        min=low, max=high, max_length=reader.opt(item, "max_length", int, where, None),
        fields=subfields, min_items=reader.opt(item, "min_items", int, where, 0),
    )  # fmt: skip


def _read_condition(reader: DefinitionReader, item: dict[str, Any], where: str) -> Condition | None:
    if "required_if" not in item:
        return None
    path = f"{where}.required_if"
    cond = reader.typed(item["required_if"], dict, path)
    reader.unknown_keys(cond, {"field", "equals", "in"}, path)
    values: tuple[object, ...] = ()
    if "equals" in cond:
        values = (cond["equals"],)
    elif "in" in cond:
        values = tuple(reader.typed(cond["in"], list, f"{path}.in"))
    return Condition(reader.get(cond, "field", str, path), values)


def _read_options(
    reader: DefinitionReader, item: dict[str, Any], ftype: str, where: str
) -> tuple[tuple[Option, ...], dict[str, tuple[Option, ...]], str | None]:
    if ftype not in ("choice", "multichoice"):
        if "options" in item or "options_from" in item:
            raise reader.fail(f"{where}.options", f"fält av typen {ftype} har inga alternativ")
        return (), {}, None
    if "options_from" in item:
        source = reader.typed(item["options_from"], dict, f"{where}.options_from")
        if reader.get(source, "source", str, f"{where}.options_from") != "stage_models":
            raise reader.fail(f"{where}.options_from.source", "endast 'stage_models' finns")
        by = {m.id: tuple(Option(s.id, s.label) for s in m.all()) for m in stage_models().values()}
        return (), by, reader.get(source, "field", str, f"{where}.options_from")
    raw = reader.get(item, "options", list, where)
    if not raw:
        raise reader.fail(f"{where}.options", "minst ett alternativ behövs")
    options = []
    for index, entry in enumerate(raw):
        path = f"{where}.options[{index}]"
        obj = reader.typed(entry, dict, path)
        reader.unknown_keys(obj, {"value", "label"}, path)
        options.append(Option(reader.get(obj, "value", str, path), reader.text(obj, "label", path)))
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise reader.fail(f"{where}.options", "samma värde förekommer två gånger")
    return tuple(options), {}, None


@cache
def installed_forms() -> dict[tuple[str, int], FormDef]:
    found = [load_form(p) for p in sorted(resource_path("forms").glob("*.json"))]
    return {(f.id, f.version): f for f in found}


def form_definition(form_id: str, version: int | None = None) -> FormDef:
    """A definition by id; the newest version when ``version`` is None."""
    forms = installed_forms()
    if version is None:
        versions = [v for (fid, v) in forms if fid == form_id]
        if not versions:
            raise KeyError(form_id)
        version = max(versions)
    return forms[(form_id, version)]


__all__ = [
    "FIELD_TYPES",
    "Condition",
    "FieldDef",
    "FormDef",
    "Option",
    "form_definition",
    "installed_forms",
    "load_form",
]
