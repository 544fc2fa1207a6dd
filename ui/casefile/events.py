"""Audit events and their subjects as a supervisor reads them (the stored keys stay
English identifiers; the screen shows words)."""

from __future__ import annotations

from typing import Any

from app.domain.case import CaseStatus
from app.domain.kinds import ProtectedLevel
from app.forms.definition import form_definition
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
    "migrated": N_("Valvet uppgraderat"), "backups_destroyed": N_("Säkerhetskopior förstörda"),
    "person_culled": N_("Personakt gallrad"), "retention_policy": N_("Gallringsregler ändrade"),
    "retention_protocol": N_("Gallringsprotokoll sparat"),
    "guardian_added": N_("Vårdnadshavare tillagd"),
    "guardian_changed": N_("Vårdnadshavare ändrad"),
    "identity_set": N_("Egen identitet för överlämning inställd"),
    "roles_set": N_("Roller ändrade"), "profile_changed": N_("Kontaktuppgifter ändrade"),
    "directory_added": N_("Certifikat tillagt i katalogen"),
    "handover_signer_trusted": N_("Avsändare betrodd"),
    "handover_signer_refused": N_("Paket avvisat"),
    "unknown_signer_accepted": N_("Okänd avsändare godtagen"),
    "handover_receipt_in": N_("Kvitto mottaget"), "handover_receipt_out": N_("Kvitto skickat"),
    "transfer_requested": N_("Överflyttning begärd"),
    "transfer_answered": N_("Begäran om överflyttning besvarad"),
    "transfer_withdrawn": N_("Begäran om överflyttning återkallad"),
    "transfer_ivo_applied": N_("Ansökan till IVO registrerad"),
    "transfer_taken_over": N_("Ansvaret för ärendet övertaget"),
    "transfer_decided": N_("Den andra nämndens beslut om överflyttning registrerat"),
    "transfer_legal_force": N_("Beslutet om överflyttning har vunnit laga kraft"),
    "transfer_ivo_decided": N_("IVO:s beslut om överflyttning registrerat"),
    "transfer_appealed": N_("IVO:s beslut överklagat"),
    "transfer_completed": N_("Ansvaret för ärendet har gått över"),
    "transfer_route": N_("Annan väg än överflyttning registrerad"),
}  # fmt: skip

#: The details stored with an event, by key, as a supervisor reads them.
DETAIL_LABELS = {
    "actor": N_("aktör"), "answer": N_("svar"), "answer_due": N_("IVO-ansökan möjlig från"),
    "backup_created": N_("kopian gjord"), "because": N_("orsak"), "binding": N_("nyckelskydd"),
    "cases": N_("ärenden"), "decision": N_("beslut"), "entry": N_("anteckning"),
    "file": N_("fil"), "files": N_("filer"), "fields": N_("uppgifter"),
    "fingerprint": N_("fingeravtryck"), "form": N_("formulär"), "format": N_("format"),
    "found": N_("hittat"), "guardian": N_("vårdnadshavare"), "issuer": N_("utfärdare"),
    "item": N_("punkt"), "kind": N_("typ"), "level": N_("skyddsnivå"),
    "may_be_told": N_("får veta"), "method": N_("med"), "packet": N_("paket"),
    "person": N_("person"), "personal": N_("personlig"), "policy": N_("regler"),
    "protocol": N_("protokoll"), "reason": N_("skäl"), "record": N_("post"),
    "roles": N_("roller"), "seen": N_("senast sett"), "sections": N_("delar"),
    "sequence": N_("paketnummer"), "signer": N_("avsändare"), "size": N_("storlek"),
    "source": N_("källa"), "status": N_("status"), "task": N_("uppgift"), "to": N_("till"),
    "transfer": N_("överflyttning"), "trusted": N_("betrodd"), "ts": N_("tid"),
    "via": N_("via"), "moved_aside": N_("tidigare valv flyttat till"),
    "truncated": N_("loggen avkortad"), "where": N_("enligt"),
    "disclosed": N_("lämnat ut"), "from": N_("från"), "ivo_from": N_("IVO-ansökan möjlig från"),
    "outcome": N_("utfall"), "route": N_("väg"), "basis": N_("rättslig grund"),
}  # fmt: skip

#: Stored values that are keys, as words.
VALUE_LABELS = {
    "passphrase": N_("lösenfras"), "recovery": N_("återställningsnyckel"),
    "keyring": N_("lösenfras och datorns nyckelring"),
    "passphrase-only": N_("endast lösenfras"), "restore": N_("säkerhetskopia"),
    "keyslots": N_("nyckelfilen"),
    "threat_raised": N_("akut hotnivå höjd"),
    "review_safety_plan": N_("se över säkerhetsplanen"),
}  # fmt: skip


def event_label(event: str) -> str:
    return _(EVENT_LABELS[event]) if event in EVENT_LABELS else event


def _value_text(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(key, v) for v in value)
    text = str(value)
    enum = _ENUMS.get(key)
    if enum is not None and text in {m.value for m in enum}:
        return str(enum(text).label)
    if key == "form":
        try:
            return form_definition(text).title.get()
        except KeyError:
            return text
    return _(VALUE_LABELS[text]) if text in VALUE_LABELS else text


def details_text(details: dict[str, Any]) -> str:
    """ "form: safety_plan, record: 613" as "formulär: Säkerhetsplan, post: 613"."""
    parts = []
    for key, value in sorted(details.items()):
        label = _(DETAIL_LABELS[key]) if key in DETAIL_LABELS else key
        parts.append(_("{label}: {value}").format(label=label, value=_value_text(key, value)))
    return ", ".join(parts)


_ENUMS: dict[str, Any] = {"status": CaseStatus, "level": ProtectedLevel}


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


__all__ = [
    "DETAIL_LABELS",
    "EVENT_LABELS",
    "VALUE_LABELS",
    "details_text",
    "event_label",
    "subject_label",
]
