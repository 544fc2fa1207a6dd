"""The overview's row for a child's case: the child's age and whether their own consent
counts, the guardians and what each may be told, and when the child's best interests
were assessed and the child was heard (a missing one is marked like an overdue review).
Guardians' names arrive masked from the store when they must be."""

from __future__ import annotations

from typing import Any

from app.domain.minors import BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT
from app.forms.definition import form_definition
from app.i18n import _
from app.store.records import ChildFile, FormRecord, Guardian


def option_label(record: FormRecord, field: str) -> str:
    """The label of a choice field's value, in the current language."""
    form = form_definition(record.form, record.form_version)
    value = record.data.get(field)
    for option in form.field(field).options:
        if option.value == value:
            return option.label.get()
    return str(value or "")


def guardian_line(g: Guardian) -> str:
    line = f"{g.person.name} – {g.may_be_told.label}"
    return f"{line}: {g.told_note}" if g.told_note else line


def fill_child_cards(tab: Any, child: ChildFile, today: str) -> None:
    """Fill ``tab.child``, ``tab.guardians`` and ``tab.child_views`` (overview Cards)."""
    best = child.current(BEST_INTERESTS)
    if child.may_consent:
        consent = _("Eget samtycke räknas (15 år eller äldre).")
    else:
        consent = _("Under 15 år: vårdnadshavarnas samtycke, barnets önskemål antecknas.")
    lines = [consent]
    if best is not None:
        lines.append(_("Barnets bästa bedömt {day}").format(day=best.effective))
    tab.child.fill(
        _("Barnärende"), _("Barn, {age} år").format(age=child.age), "\n".join(lines),
        warning="" if best else _("Barnets bästa är inte bedömt ännu"),
    )  # fmt: skip
    tab.guardians.fill(
        _("Vårdnadshavare"), str(len(child.guardians)),
        "\n".join(guardian_line(g) for g in child.guardians[:4]),
        alert=any(g.may_be_told.value != "all" for g in child.guardians),
        warning="" if child.guardians else _("Inga vårdnadshavare registrerade"),
    )  # fmt: skip
    views, wishes = child.current(CHILD_VIEWS), child.current(WISHES_CONSENT)
    detail = []
    if views is not None:
        detail.append(option_label(views, "how"))
    if wishes is not None:
        detail.append(_("Samtycke och önskemål {day}: {who}, {consent}").format(
            day=wishes.effective, who=option_label(wishes, "given_by").lower(),
            consent=option_label(wishes, "consent").lower()))  # fmt: skip
    tab.child_views.fill(
        _("Barnets egna åsikter"),
        _("Hörd {day}").format(day=views.effective) if views else _("Inte hörd ännu"),
        "\n".join(detail), warning="" if views else _("Barnets åsikter är inte antecknade"),
    )  # fmt: skip


__all__ = ["fill_child_cards", "guardian_line", "option_label"]
