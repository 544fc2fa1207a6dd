"""The legal basis of a disclosure: what the officer chose (:class:`Basis`: a consent in
force, or a provision that allows disclosure without consent), what the faces offer
(:func:`basis_options`), and the check the export workflow runs before it prepares and
again before it seals (:func:`check_basis`). Rules about a consent's recipient and
scope, or a recorded harm test, belong here as further checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.errors import Refused
from app.handover.payload import record_snapshot
from app.i18n import N_, _
from app.store import Store
from app.store.records import Consent, FormRecord

if TYPE_CHECKING:
    from app.handover.workflow import ExportChoice

PROVISION, CONSENT = "legal_provision", "consent"


@dataclass(frozen=True)
class Basis:
    """The legal basis of the disclosure, as the officer chose it: a consent in force
    (its record id) or a provision that allows disclosure without consent."""

    consent_id: int | None = None
    provision: str = ""

    @classmethod
    def of_consent(cls, consent: Consent) -> Basis:
        return cls(consent_id=consent.record.id)

    @classmethod
    def of_provision(cls, text: str) -> Basis:
        return cls(provision=text)


def basis_options(store: Store, case_ref: str) -> list[Consent]:
    """The consents in force that a disclosure may rest on, newest first (the first is
    what both faces offer by default)."""
    in_force = store.consents_in_force(store.case_id_for_ref(case_ref))
    return sorted(in_force, key=lambda c: (c.record.effective, c.record.id), reverse=True)


def legal_basis(store: Store, choice: ExportChoice) -> dict[str, Any]:
    """The packet's ``legal_basis`` object for the chosen basis (checked)."""
    basis = choice.basis
    if basis.consent_id is None:
        if not basis.provision.strip():
            raise Refused(
                reason=N_("ange rättslig grund eller registrera klientens samtycke först")
            )
        return {"kind": PROVISION, "text": basis.provision.strip(), "consent": None}
    for consent in store.consents_in_force(store.case_id_for_ref(choice.case_ref)):
        if consent.record.id == basis.consent_id:
            return consent_basis(consent.record)
    raise Refused(reason=N_("samtycket gäller inte längre (återkallat eller utgånget)"))


def consent_basis(consent: FormRecord) -> dict[str, Any]:
    """The legal basis of a disclosure on the client's consent, with its snapshot."""
    text = _("Klientens samtycke till {recipient}: {purpose}").format(
        recipient=consent.data.get("recipient", "–"), purpose=consent.data.get("purpose", "–")
    )
    return {"kind": CONSENT, "text": text, "consent": record_snapshot(consent)}


def consent_text(consent: Consent) -> str:
    """The consent as the officer sees it when choosing the legal basis."""
    data = consent.record.data
    return _(
        "Samtycke lämnat {given} till {recipient} för {purpose}; giltigt till {until}."
    ).format(
        given=data.get("given_on") or consent.record.effective,
        recipient=consent.recipient or "–",
        purpose=str(data.get("purpose") or data.get("information") or "–")[:300],
        until=consent.valid_until or _("tills vidare"),
    )


def check_basis(store: Store, choice: ExportChoice) -> None:
    """The chosen basis holds for this case today (raises what is missing)."""
    legal_basis(store, choice)


__all__ = [
    "CONSENT",
    "PROVISION",
    "Basis",
    "basis_options",
    "check_basis",
    "consent_basis",
    "consent_text",
    "legal_basis",
]
