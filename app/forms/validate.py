"""Validate a filled-in form against its definition.

Returns every problem with the path of the field it belongs to (``measures[2].due``) so
the editor can show each message next to the field that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.dates import date_problem
from app.errors import ValidationError
from app.forms.definition import FieldDef, FormDef
from app.i18n import _


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str


class FormInvalid(ValidationError):
    """A form record failed validation; ``problems`` lists every field."""

    template = "Formuläret ”{form}” har {count} fel. Första felet, {field}: {problem}"

    def __init__(self, form: FormDef, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(
            None, form=form.title.get(), count=len(problems), field=first.path,
            problem=first.message,
        )  # fmt: skip
        self.problems = problems


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def validate(form: FormDef, data: dict[str, Any]) -> list[Problem]:
    """All problems in ``data`` (an empty list means the record is valid)."""
    return _validate_fields(form.fields, data, "")


def check(form: FormDef, data: dict[str, Any]) -> None:
    problems = validate(form, data)
    if problems:
        raise FormInvalid(form, problems)


def _validate_fields(
    fields: tuple[FieldDef, ...], data: dict[str, Any], prefix: str
) -> list[Problem]:
    problems: list[Problem] = []
    known = {f.id for f in fields}
    for key in sorted(set(data) - known):
        problems.append(Problem(prefix + key, _("Okänt fält; det finns inte i formuläret.")))
    for f in fields:
        path = prefix + f.id
        value = data.get(f.id)
        if is_empty(value):
            if is_required(f, data):
                problems.append(Problem(path, _("Fyll i ”{label}”.").format(label=f.label.get())))
            continue
        problems.extend(_check_value(f, value, data, path))
    return problems


def is_required(f: FieldDef, data: dict[str, Any]) -> bool:
    if f.required:
        return True
    cond = f.required_if
    if cond is None:
        return False
    other = data.get(cond.field)
    if not cond.values:
        return not is_empty(other)
    if isinstance(other, list):
        return any(v in cond.values for v in other)
    return other in cond.values


def _check_value(f: FieldDef, value: object, data: dict[str, Any], path: str) -> list[Problem]:
    if f.type == "records":
        return _check_records(f, value, path)
    message = _CHECKERS[f.type](f, value, data)
    return [Problem(path, message)] if message else []


def _check_text(f: FieldDef, value: object, data: dict[str, Any]) -> str | None:
    if not isinstance(value, str):
        return _("Ska vara text.")
    if f.max_length is not None and len(value) > f.max_length:
        return _("Texten är för lång (högst {max} tecken).").format(max=f.max_length)
    return None


def _check_date(f: FieldDef, value: object, data: dict[str, Any]) -> str | None:
    return date_problem(value)


def _check_int(f: FieldDef, value: object, data: dict[str, Any]) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return _("Ska vara ett heltal.")
    low = f.min if f.min is not None else value
    high = f.max if f.max is not None else value
    if not low <= value <= high:
        return _("Välj ett värde från {min} till {max}.").format(min=f.min, max=f.max)
    return None


def _check_bool(f: FieldDef, value: object, data: dict[str, Any]) -> str | None:
    return None if isinstance(value, bool) else _("Ska vara ja eller nej.")


def _check_choice(f: FieldDef, value: object, data: dict[str, Any]) -> str | None:
    allowed = f.option_values(data)
    if f.options_field is not None and not allowed:
        return _("Välj först ”{other}”.").format(other=f.options_field)
    picked = value if f.type == "multichoice" else [value]
    if not isinstance(picked, list) or not all(isinstance(v, str) for v in picked):
        return _("Välj bland alternativen.")
    if any(v not in allowed for v in picked):
        return _("Värdet finns inte bland alternativen.")
    return None


def _check_records(f: FieldDef, value: object, path: str) -> list[Problem]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return [Problem(path, _("Ska vara en lista med rader."))]
    if len(value) < f.min_items:
        return [Problem(path, _("Minst {count} rader behövs.").format(count=f.min_items))]
    problems: list[Problem] = []
    for index, row in enumerate(value):
        problems.extend(_validate_fields(f.fields, row, f"{path}[{index}]."))
    return problems


_CHECKERS: dict[str, Callable[[FieldDef, object, dict[str, Any]], str | None]] = {
    "text": _check_text,
    "textarea": _check_text,
    "date": _check_date,
    "int": _check_int,
    "bool": _check_bool,
    "choice": _check_choice,
    "multichoice": _check_choice,
}

__all__ = ["FormInvalid", "Problem", "check", "is_empty", "is_required", "validate"]
