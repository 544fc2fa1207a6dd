"""Audit events and their subjects as a supervisor reads them (the stored keys stay
English identifiers; the screen shows words)."""

from __future__ import annotations

from app.i18n import N_, _
from app.store.records import AuditRow

EVENT_LABELS = {
    "actor_added": N_("Aktör tillagd"), "actor_changed": N_("Aktör ändrad"),
    "actor_linked": N_("Aktör kopplad"), "actor_unlinked": N_("Aktör bortkopplad"),
    "backup_made": N_("Säkerhetskopia gjord"), "case_changed": N_("Ärende ändrat"),
    "case_created": N_("Ärende skapat"), "case_culled": N_("Ärende gallrat"),
    "case_opened": N_("Ärende öppnat"), "case_status": N_("Status ändrad"),
    "decision_added": N_("Beslut registrerat"), "exported": N_("Export"),
    "identifier_added": N_("Identitetsnummer tillagt"),
    "identifier_ended": N_("Identitetsnummer avslutat"),
    "identity_revealed": N_("Skyddad identitet visad"),
    "intake_checked": N_("Förutsättning kontrollerad"),
    "journal_added": N_("Journalanteckning"), "journal_corrected": N_("Anteckning rättad"),
    "journal_signed": N_("Anteckning signerad"), "locked": N_("Valvet låst"),
    "journal_draft_edited": N_("Utkast ändrat"), "journal_draft_discarded": N_("Utkast kastat"),
    "journal_addition": N_("Tillägg till anteckning"),
    "journal_struck": N_("Anteckning makulerad"),
    "passphrase_changed": N_("Lösenfras bytt"), "person_changed": N_("Person ändrad"),
    "person_created": N_("Person tillagd"), "printed": N_("Utskrift"),
    "protection_changed": N_("Skyddsnivå ändrad"), "record_added": N_("Bedömning registrerad"),
    "record_revised": N_("Bedömning ändrad"), "recovery_used": N_("Återställningsnyckel använd"),
    "register_extract": N_("Registerutdrag"), "related_linked": N_("Närstående kopplad"),
    "related_unlinked": N_("Närstående bortkopplad"), "restored": N_("Återställd från kopia"),
    "task_added": N_("Uppgift tillagd"), "task_done": N_("Uppgift klar"),
    "task_reopened": N_("Uppgift öppnad igen"), "task_changed": N_("Uppgift ändrad"),
    "task_reassigned": N_("Uppgift flyttad till annan handläggare"),
    "task_removed": N_("Uppgift borttagen"), "unlock_failed": N_("Misslyckad upplåsning"),
    "unlocked": N_("Valvet upplåst"), "vault_created": N_("Valvet skapat"),
    "handover_exported": N_("Överlämning exporterad"),
    "handover_imported": N_("Överlämning importerad"),
    "keyslots_repaired": N_("Nyckelfilen reparerad"),
    "keyslots_repair_failed": N_("Nyckelfilen kunde inte repareras"),
    "keyslots_restored": N_("Nyckelfilen återställd från kopia"),
    "rollback_detected": N_("Äldre valv än senast sett"),
    "anchor_reset": N_("Valvets version godtagen"),
    "keys_rotated": N_("Nycklarna bytta"),
    "directory_untrusted": N_("Förtroende för certifikat återkallat"),
    "directory_removed": N_("Certifikat borttaget ur katalogen"),
    "revocation_imported": N_("Spärrinformation importerad"),
}  # fmt: skip


def event_label(event: str) -> str:
    return _(EVENT_LABELS[event]) if event in EVENT_LABELS else event


def subject_label(row: AuditRow) -> str:
    subject = row.subject or ""
    kind, _sep, key = subject.partition(":")
    if kind == "case":
        return _("Ärende {ref}").format(ref=key)
    if kind == "person":
        return _("Person {id}").format(id=key)
    if kind == "actor":
        return _("Aktör {id}").format(id=key)
    return subject


__all__ = ["EVENT_LABELS", "event_label", "subject_label"]
