"""What a new record changes against the previous one, field by field, in the words the
caseworker reads ("Akut hotnivå: Hög → Mycket hög"), from the form definition. The form
dialog shows it before saving; nothing here knows about screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.forms.definition import FieldDef, FormDef
from app.forms.text import format_value
from app.forms.validate import is_empty
from app.i18n import N_, _

EMPTY = "–"
ROW = N_("{label}, rad {number}")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field: its label and both values as text (``EMPTY`` for none)."""

    field: str
    label: str
    before: str
    after: str

    def line(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


def _text(field: FieldDef, value: Any, record: dict[str, Any]) -> str:
    if is_empty(value) and field.type != "bool":
        return EMPTY
    return format_value(field, value, record)


def _same(field: FieldDef, a: Any, b: Any) -> bool:
    if field.type == "bool":  # unticked and never ticked read the same: "Nej"
        return bool(a) == bool(b)
    return (is_empty(a) and is_empty(b)) or a == b


def _row_changes(field: FieldDef, before: list[Any], after: list[Any]) -> list[FieldChange]:
    """A list-of-records field: each sub-field that changed, named by its row."""
    found = []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else {}
        new = after[index] if index < len(after) else {}
        label = _(ROW).format(label=field.label.get(), number=index + 1)
        for sub in field.fields:
            if not _same(sub, old.get(sub.id), new.get(sub.id)):
                found.append(FieldChange(f"{field.id}[{index}].{sub.id}",
                                         f"{label} · {sub.label.get()}",
                                         _text(sub, old.get(sub.id), old),
                                         _text(sub, new.get(sub.id), new)))  # fmt: skip
    return found


def record_changes(
    form: FormDef, before: dict[str, Any] | None, after: dict[str, Any]
) -> list[FieldChange]:
    """Every field whose value differs, in the order of the form (no previous record:
    every field filled in, each from ``EMPTY``)."""
    old = before or {}
    found: list[FieldChange] = []
    for field in form.fields:
        was, now = old.get(field.id), after.get(field.id)
        if _same(field, was, now):
            continue
        if field.type == "records":
            found += _row_changes(field, list(was or ()), list(now or ()))
            continue
        found.append(FieldChange(field.id, field.label.get(), _text(field, was, old),
                                 _text(field, now, after)))  # fmt: skip
    return found


__all__ = ["EMPTY", "FieldChange", "record_changes"]
