"""A saved record shown read-only, laid out by its own form definition (the version it
was written with), as HTML for a QTextBrowser."""

from __future__ import annotations

from html import escape
from typing import Any

from app.forms.definition import FieldDef, FormDef
from app.forms.text import format_value
from app.forms.validate import is_empty
from app.i18n import _

CSS = (
    "<style>table.rec td { padding: 2px 10px 2px 0; vertical-align: top; }"
    " td.k { color: #555; } ul.sub { margin: 0; -qt-list-indent: 1; }"
    " ul.sub li { margin-bottom: 3px; } span.l { color: #666; }</style>"
)


def value_text(field: FieldDef, value: Any, record: dict[str, Any]) -> str:
    """A field's value as the caseworker reads it (option labels, Ja/Nej, lists)."""
    return format_value(field, value, record)


def _records_html(field: FieldDef, rows: list[dict[str, Any]]) -> str:
    """One line per record: the first field in bold, the rest as "label: value" (a
    table of narrow columns broke words in a half-width pane)."""
    items = []
    for row in rows:
        parts = []
        for index, sub in enumerate(field.fields):
            raw = row.get(sub.id)
            if is_empty(raw):
                continue
            text = escape(value_text(sub, raw, row))
            if index == 0:
                parts.append(f"<b>{text}</b>")
            else:
                parts.append(f"<span class='l'>{escape(sub.label.get())}:</span> {text}")
        items.append("<li>" + " · ".join(parts) + "</li>")
    return "<ul class='sub'>" + "".join(items) + "</ul>"


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
        label = escape(field.label.get())
        rows.append(f"<tr><td class='k' width='28%'>{label}</td><td>{shown}</td></tr>")
    if not rows:
        return CSS + "<p>" + escape(_("Inga uppgifter ifyllda.")) + "</p>"
    return CSS + "<table class='rec' width='100%'>" + "".join(rows) + "</table>"


__all__ = ["record_html", "value_text"]
