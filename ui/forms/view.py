"""A saved record shown read-only, laid out by its own form definition (the version it
was written with), as HTML for a QTextBrowser."""

from __future__ import annotations

from html import escape
from typing import Any

from app.forms.definition import FieldDef, FormDef
from app.forms.validate import is_empty
from app.i18n import _

CSS = (
    "<style>table.rec td { padding: 2px 10px 2px 0; vertical-align: top; }"
    " td.k { color: #555; white-space: nowrap; } table.sub { border-collapse: collapse; }"
    " table.sub td, table.sub th { border-bottom: 1px solid #e2dfd8; padding: 2px 8px 2px 0; }"
    " table.sub th { color: #555; font-weight: normal; text-align: left; }</style>"
)


def value_text(field: FieldDef, value: Any, record: dict[str, Any]) -> str:
    """A field's value as the caseworker reads it (option labels, Ja/Nej, lists)."""
    if field.type in ("choice", "multichoice"):
        options = field.options
        if field.options_field is not None:
            options = field.options_by.get(str(record.get(field.options_field)), ())
        labels = {o.value: o.label.get() for o in options}
        picked = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in picked)
    if field.type == "bool":
        return _("Ja") if value else _("Nej")
    return str(value)


def _records_html(field: FieldDef, rows: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(sub.label.get())}</th>" for sub in field.fields)
    body = []
    for row in rows:
        cells = []
        for sub in field.fields:
            raw = row.get(sub.id)
            text = "" if is_empty(raw) else value_text(sub, raw, row)
            cells.append(f"<td>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='sub'><tr>{head}</tr>{''.join(body)}</table>"


def record_html(form: FormDef, data: dict[str, Any], *, skip_empty: bool = True) -> str:
    rows = []
    for field in form.fields:
        value = data.get(field.id)
        if skip_empty and (is_empty(value) or (field.type == "bool" and value is False)):
            continue
        if field.type == "records":
            shown = _records_html(field, list(value or ()))
        else:
            shown = escape(value_text(field, value, data)).replace("\n", "<br>")
        rows.append(f"<tr><td class='k'>{escape(field.label.get())}</td><td>{shown}</td></tr>")
    if not rows:
        return CSS + "<p>" + escape(_("Inga uppgifter ifyllda.")) + "</p>"
    return CSS + "<table class='rec'>" + "".join(rows) + "</table>"


__all__ = ["record_html", "value_text"]
