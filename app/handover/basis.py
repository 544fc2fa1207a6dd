"""The legal basis of a disclosure (issue 10 item 1), checked before sealing.

A handover packet discloses secret social-services information to another nämnd. It
rests either on

- the client's **consent** (:func:`match_consent`): a consent in force, recorded on the
  consent form from version 2 on (recipient, recipient kind, purpose, the sections it
  covers), whose recipient is the packet's receiving nämnd and whose scope covers every
  section chosen; or
- a **provision** that allows disclosure without consent (an entry of the legal
  references file, :func:`app.domain.legal.disclosure_provisions`) plus a recorded harm
  test (*menprövning*: who made it, when, the reasoning).

No basis, no seal: :func:`check_basis` runs in the export workflow's checks (before the
preview and again before sealing) and raises a Swedish message naming what is missing,
e.g. the section the consent does not cover. A consent recorded on version 1 of the form
lacks the scope per section and is never a basis for a packet to a municipality. The
chosen basis travels in the packet (:func:`legal_basis`), in the sender's disclosure log
and in the register extract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.domain import legal
from app.domain.dates import parse_date
from app.errors import Refused, ValidationError
from app.handover.payload import record_snapshot
from app.handover.schema import SECTIONS
from app.i18n import N_, _
from app.store import Store
from app.store.records import Consent

if TYPE_CHECKING:
    from app.handover.workflow import ExportChoice

PROVISION, CONSENT = "legal_provision", "consent"
#: Consent-form version from which a consent records its recipient and scope.
SCOPED_CONSENT_VERSION = 2
#: Recipient kinds a packet to another nämnd may rest on.
MUNICIPAL_KINDS = frozenset({"other_municipality", "social_services"})
MIN_REASONING = 20
MIN_BOARD = 5
#: Words that do not tell one recipient from another ("Socialnämnden i X kommun").
_GENERIC = frozenset({
    "i", "och", "för", "av", "till", "kommun", "kommunen", "kommuns", "nämnd", "nämnden",
    "socialnämnd", "socialnämnden", "socialtjänst", "socialtjänsten", "individ",
    "familjeomsorg", "enhet", "enheten",
})  # fmt: skip


@dataclass(frozen=True)
class Receiver:
    """The receiving party: the nämnd (with its municipality) and unit. Required even
    when the packet is sealed to a one-time passphrase: the passphrase is transport."""

    board: str = ""
    unit: str = ""

    def as_json(self) -> dict[str, str]:
        return {"board": self.board.strip(), "unit": self.unit.strip()}


def check_receiver(receiver: Receiver) -> None:
    if len(receiver.board.strip()) < MIN_BOARD:
        raise ValidationError(field="mottagare", problem=N_(
            "ange den mottagande nämnden med kommunens namn (t.ex. Socialnämnden i Norrby "
            "kommun), även när paketet förseglas med engångslösenfras"
        ))  # fmt: skip


@dataclass(frozen=True)
class HarmTest:
    """The recorded *menprövning* behind a disclosure without consent."""

    by: str
    on: str  # ISO date
    reasoning: str

    def as_json(self) -> dict[str, str]:
        return {"by": self.by.strip(), "on": self.on, "reasoning": self.reasoning.strip()}


@dataclass(frozen=True)
class Basis:
    """What the officer chose: a consent (its record id), or a provision from the
    legal references file (its key) with the harm test."""

    consent_id: int | None = None
    provision: str = ""
    harm_test: HarmTest | None = None

    @classmethod
    def of_consent(cls, consent: Consent) -> Basis:
        return cls(consent_id=consent.record.id)

    @classmethod
    def of_provision(cls, key: str, harm_test: HarmTest | None) -> Basis:
        return cls(provision=key, harm_test=harm_test)


@dataclass(frozen=True)
class ConsentMatch:
    """How one consent measures against a packet: ``problem`` is empty when it holds."""

    consent: Consent
    problem: str = ""
    uncovered: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problem


def _words(text: str) -> set[str]:
    """The distinguishing words of a party's name, genitive -s dropped ("Norrbys")."""
    words = (w for w in re.findall(r"\w+", text.casefold()) if w not in _GENERIC)
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words}


def receiver_text(receiver: dict[str, str]) -> str:
    return ", ".join(x for x in (receiver.get("board", ""), receiver.get("unit", "")) if x)


def _kind_label(kind: str) -> str:
    from app.forms.definition import form_definition

    options = form_definition("consent").field("recipient_kind").options
    return next((o.label.get() for o in options if o.value == kind), kind or "–")


def match_consent(
    consent: Consent, receiver: dict[str, str], sections: tuple[str, ...]
) -> ConsentMatch:
    """Whether ``consent`` permits a packet with ``sections`` to ``receiver`` (its board
    and unit), and if not, why in words a caseworker reads."""
    data, to = consent.record.data, receiver_text(receiver)
    named = str(data.get("recipient") or "–")
    if consent.record.form_version < SCOPED_CONSENT_VERSION:
        return ConsentMatch(consent, _(
            "samtycket till {recipient} registrerades på en äldre version av formuläret som "
            "inte anger mottagarens omfattning per avsnitt; det kan inte vara grund för ett "
            "utlämnande till en kommun. Registrera ett nytt samtycke."
        ).format(recipient=named))  # fmt: skip
    kind = str(data.get("recipient_kind") or "")
    wanted = _words(named)
    if kind not in MUNICIPAL_KINDS or not wanted or not wanted <= _words(to):
        return ConsentMatch(consent, _(
            "samtycket gäller {recipient} ({kind}), inte mottagaren {to}"
        ).format(recipient=named, kind=_kind_label(kind), to=to or "–"))  # fmt: skip
    covered = set(data.get("data_categories") or ())
    uncovered = tuple(s for s in sections if s not in covered)
    if uncovered:
        names = ", ".join(_(SECTIONS[s]) for s in uncovered)
        return ConsentMatch(consent, _(
            "samtycket till {recipient} omfattar inte avsnittet {section}"
        ).format(recipient=named, section=names), uncovered)  # fmt: skip
    return ConsentMatch(consent)


def consent_matches(store: Store, choice: ExportChoice) -> list[ConsentMatch]:
    """Every consent in force measured against the packet, matching ones first, newest
    first within each (what both faces show and offer)."""
    in_force = basis_options(store, choice.case_ref)
    found = [match_consent(c, choice.receiver.as_json(), choice.sections) for c in in_force]
    return sorted(found, key=lambda m: not m.ok)


def basis_options(store: Store, case_ref: str) -> list[Consent]:
    """The consents in force, newest first."""
    in_force = store.consents_in_force(store.case_id_for_ref(case_ref))
    return sorted(in_force, key=lambda c: (c.record.effective, c.record.id), reverse=True)


def legal_basis(store: Store, choice: ExportChoice) -> dict[str, Any]:
    """The packet's ``legal_basis`` object for the chosen basis; raises :class:`Refused`
    saying what is missing when the basis does not hold for this packet today."""
    basis = choice.basis
    if basis.consent_id is not None:
        return _consent_basis(store, choice, basis.consent_id)
    if basis.provision:
        return _provision_basis(store, basis)
    raise Refused(reason=N_(
        "ingen rättslig grund för utlämnandet: välj ett samtycke som gäller mottagaren och "
        "alla avsnitt, eller en bestämmelse som tillåter utlämnande utan samtycke och "
        "dokumentera menprövningen (vem, när, motivering)"
    ))  # fmt: skip


def _consent_basis(store: Store, choice: ExportChoice, consent_id: int) -> dict[str, Any]:
    for consent in store.consents_in_force(store.case_id_for_ref(choice.case_ref)):
        if consent.record.id == consent_id:
            found = match_consent(consent, choice.receiver.as_json(), choice.sections)
            if not found.ok:
                raise Refused(reason=found.problem)
            return consent_basis(consent, choice.sections)
    raise Refused(reason=N_("samtycket gäller inte längre (återkallat eller utgånget)"))


def consent_basis(consent: Consent, sections: tuple[str, ...]) -> dict[str, Any]:
    """The basis object of a disclosure on a matching consent, with its snapshot."""
    data = consent.record.data
    text = _(
        "Klientens samtycke lämnat {given} till {recipient} för {purpose}; omfattar "
        "{sections} ({provision})."
    ).format(
        given=data.get("given_on") or consent.record.effective,
        recipient=data.get("recipient", "–"),
        purpose=str(data.get("purpose") or "–")[:300],
        sections=", ".join(_(SECTIONS[s]) for s in sections),
        provision=legal.cite("osl_consent"),
    )
    return {
        "kind": CONSENT, "text": text, "consent": record_snapshot(consent.record),
        "provision": _provision_json("osl_consent"), "covers": list(sections),
    }  # fmt: skip


def _provision_json(key: str) -> dict[str, str]:
    ref = legal.reference(key)
    return {"key": key, "citation": ref.cite("sv"), "description": ref.description.sv}


def _provision_basis(store: Store, basis: Basis) -> dict[str, Any]:
    offered = {ref.key for ref in legal.disclosure_provisions()}
    if basis.provision not in offered:
        raise Refused(reason=_(
            "okänd bestämmelse {key}; välj en av: {known}"
        ).format(key=basis.provision, known=", ".join(sorted(offered))))  # fmt: skip
    harm = _checked_harm_test(basis.harm_test, store.today())
    ref = legal.reference(basis.provision)
    text = _(
        "Utlämnande utan samtycke enligt {citation}: {description} Menprövning gjord {on} "
        "av {by}: {reasoning}"
    ).format(citation=ref.cite("sv"), description=ref.description.sv, **harm.as_json())
    return {
        "kind": PROVISION, "text": text, "consent": None,
        "provision": _provision_json(basis.provision), "harm_test": harm.as_json(),
    }  # fmt: skip


def _checked_harm_test(harm: HarmTest | None, today: date) -> HarmTest:
    missing = N_(
        "utlämnande utan samtycke kräver en dokumenterad menprövning: ange vem som gjorde "
        "den, när, och motiveringen (minst {n} tecken)"
    )
    if harm is None or not harm.by.strip() or len(harm.reasoning.strip()) < MIN_REASONING:
        raise Refused(reason=_(missing).format(n=MIN_REASONING))
    day = parse_date(harm.on, field="menprövning")
    if day > today:
        raise Refused(reason=N_("menprövningen kan inte vara daterad efter i dag"))
    return HarmTest(harm.by.strip(), day.isoformat(), harm.reasoning.strip())


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
    """The chosen basis holds for this packet today (raises what is missing)."""
    legal_basis(store, choice)


__all__ = [
    "CONSENT",
    "MUNICIPAL_KINDS",
    "PROVISION",
    "SCOPED_CONSENT_VERSION",
    "Basis",
    "ConsentMatch",
    "HarmTest",
    "Receiver",
    "basis_options",
    "check_basis",
    "check_receiver",
    "consent_basis",
    "consent_matches",
    "consent_text",
    "legal_basis",
    "match_consent",
    "receiver_text",
]
