"""Human labels for stored keys in a packet: form fields and options come from the form
definitions (the same ones the editor uses), everything else from small tables here."""

from __future__ import annotations

from typing import Any

from app.forms.definition import FormDef, form_definition
from app.forms.text import NO as NO
from app.forms.text import YES as YES
from app.forms.text import format_value as format_value
from app.forms.text import option_label
from app.i18n import N_, _
from app.store.transfer import TransferGround

CASE_LABELS = {
    "ref": N_("Ärende"),
    "status": N_("Status"),
    "target_group": N_("Målgrupp"),
    "referral_source": N_("Aktualiserat av"),
    "phase": N_("Fas"),
    "opened": N_("Öppnat"),
    "municipality": N_("Kommun"),
    "responsible": N_("Ansvarig handläggare"),
    "police_ref": N_("Polisens diarienummer"),
}

PERSON_LABELS = {
    "display_name": N_("Namn"),
    "given_names": N_("Förnamn"),
    "family_name": N_("Efternamn"),
    "birth_date": N_("Födelsedatum"),
    "protected_level": N_("Skyddade personuppgifter"),
    "languages": N_("Språk"),
    "interpreter": N_("Tolkbehov"),
}

PROTECTED = {
    "none": N_("Inga"),
    "sekretessmarkering": N_("Sekretessmarkering"),
    "skyddad_folkbokforing": N_("Skyddad folkbokföring"),
    "fingerade_personuppgifter": N_("Fingerade personuppgifter"),
}

IDENTIFIER_KINDS = {
    "personnummer": N_("Personnummer"),
    "samordningsnummer": N_("Samordningsnummer"),
    "reservnummer": N_("Reservnummer"),
    "none": N_("Saknas"),
    "other": N_("Annat"),
}

JOURNAL_KINDS = {
    "conversation": N_("Samtal"),
    "home_visit": N_("Hembesök"),
    "meeting_police": N_("Möte med polisen"),
    "meeting_kriminalvarden": N_("Möte med Kriminalvården"),
    "meeting_other": N_("Möte med annan aktör"),
    "meeting_other_actor": N_("Möte med annan aktör"),
    "system": N_("Systemhändelse"),
    "phone": N_("Telefon"),
    "decision": N_("Beslut"),
    "other": N_("Övrigt"),
}


def lookup(table: dict[str, str], key: object) -> str:
    text = table.get(str(key))
    return _(text) if text else str(key)


def form(form_id: str, version: int) -> FormDef | None:
    try:
        return form_definition(form_id, version)
    except KeyError:
        return None


def form_title(form_id: str, version: int) -> str:
    definition = form(form_id, version)
    return definition.title.get() if definition else form_id


def stage_label(record: dict[str, Any]) -> str:
    definition = form(record.get("form", ""), int(record.get("form_version", 1)))
    data = record.get("data", {})
    if definition is None:
        return str(data.get("stage", ""))
    try:
        return option_label(definition.field("stage"), data.get("stage"), data)
    except KeyError:
        return str(data.get("stage", ""))


def case_value(key: str, value: object) -> str:
    """A case attribute with its domain label where the domain has one."""
    from app.domain import case as case_domain

    enums = {
        "status": case_domain.CaseStatus,
        "target_group": case_domain.TargetGroup,
        "referral_source": case_domain.ReferralSource,
        "phase": case_domain.CasePhase,
    }
    enum = enums.get(key)
    if enum is None:
        return str(value)
    try:
        return str(enum(str(value)).label)
    except (ValueError, KeyError):
        return str(value)


def record_value(rec: dict[str, Any], field_id: str) -> str:
    """One field of a form record as text, with option labels."""
    data = rec.get("data", {})
    value = data.get(field_id)
    if value is None or value == "":
        return "–"
    definition = form(str(rec.get("form", "")), int(rec.get("form_version", 1)))
    if definition is None:
        return str(value)
    try:
        return format_value(definition.field(field_id), value, data)
    except KeyError:
        return str(value)


def identifier_text(kind: str, value: str) -> str:
    """The one written form of an identifier: a personnummer or samordningsnummer as
    ``YYYYMMDD-NNNN`` (stored as twelve digits), anything else as it was written."""
    digits = value.replace("-", "").replace("+", "")
    if kind in ("personnummer", "samordningsnummer") and len(digits) == 12 and digits.isdigit():
        return f"{digits[:8]}-{digits[8:]}"
    return value


def transfer_ground(value: str) -> str:
    """A transfer ground's label (the store's own labels)."""
    try:
        return str(TransferGround(value).label)
    except ValueError:
        return value
