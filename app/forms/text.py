"""A stored field value as a caseworker reads it: option labels in the current language,
Ja/Nej, lists joined. The editor's read-only view, the PDF sections and the change
summary of a saved assessment all use these, so a value reads the same everywhere."""

from __future__ import annotations

from typing import Any

from app.forms.definition import FieldDef
from app.i18n import N_, _

YES, NO = N_("Ja"), N_("Nej")


def option_label(field: FieldDef, value: object, record: dict[str, Any]) -> str:
    options = field.options
    if field.options_field is not None:
        options = field.options_by.get(str(record.get(field.options_field)), ())
    for option in options:
        if option.value == value:
            return option.label.get()
    return str(value)


def format_value(field: FieldDef, value: object, record: dict[str, Any]) -> str:
    """A scalar field value as text (records are drawn as tables by the renderer)."""
    if field.type == "bool":
        return _(YES) if value else _(NO)
    if field.type == "choice":
        return option_label(field, value, record)
    if field.type == "multichoice" and isinstance(value, list):
        return ", ".join(option_label(field, v, record) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


__all__ = ["NO", "YES", "format_value", "option_label"]
