"""A demo case that walks the whole transfer between two vaults, through the same verbs
and flows as the GUI and the CLI: Exempelkommun's written request to Provby (strongest
connection, duration, the client's wishes) → Provby's decision to take over (who, when,
from which day) → legal force → the sealed handover packet (on the client's consent to
Provby) → Provby imports it as received material and answers with a receipt →
Exempelkommun reads the receipt (it closes the delivery, not the request) → the takeover
on both sides. Each step lands in the journal of the vault where it happened.

Fictional throughout; the sealed packet and receipt pass through a temporary folder
(they are encrypted) that is removed afterwards."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from app.crypto.identity import create_identity
from app.demo import fictional_personnummer
from app.domain.case import CaseStatus
from app.domain.kinds import JournalKind, ProtectedLevel
from app.domain.transfer import TransferAnswer, TransferGround
from app.forms.definition import form_definition
from app.handover.basis import Basis, basis_options
from app.handover.receiving import ReceiveFlow, import_receipt
from app.handover.workflow import ExportChoice, ExportFlow, Receiver
from app.store import Store
from app.store.handover import HANDOVER_OFFICER

SENDER, RECEIVER = "Exempelkommun", "Provby kommun"
DECIDED_BY = "Provby socialnämnd, individ- och familjeutskottet"
BOARD = "Socialnämnden i Provby kommun"
SECTIONS = ("person", "decisions", "threat", "safety_plan", "motivation", "consents", "actors",
            "journal")  # fmt: skip


def walk_transfer(sender: Store, receiver: Store) -> tuple[int, int]:
    """The case in ``sender`` and the received case in ``receiver`` (their ids)."""
    for store, name in ((sender, SENDER), (receiver, RECEIVER)):
        if not store.has_identity():
            store.set_identity(create_identity(f"Avhopparverksamheten {name}", name,
                                               now=store.clock.now()))  # fmt: skip
        store.set_roles([HANDOVER_OFFICER])
    sender.add_certificate(receiver.identity().certificate, trusted=True)
    receiver.add_certificate(sender.identity().certificate, trusted=True)
    case_id = _case(sender)
    request = _request_and_decision(sender, case_id)
    with tempfile.TemporaryDirectory(prefix="utvag-demo-") as folder:
        packet = _seal(sender, case_id, Path(folder) / "paket.pdf")
        flow = ReceiveFlow(receiver, packet)
        flow.open()
        received = flow.import_case().case_id
        receipt = Path(folder) / "kvitto.pdf"
        flow.write_receipt("accepted", "Paketet är mottaget och läsbart.", receipt)
        import_receipt(sender, receipt.read_bytes())
    today = sender.today().isoformat()
    sender.complete_transfer(request, today)
    sender.set_status(case_id, CaseStatus.TRANSFERRED, on=today)
    receiver.take_over_case(received, SENDER, today, f"Beslut av {DECIDED_BY} med laga kraft.")
    for status in (CaseStatus.ASSESSMENT, CaseStatus.ACTIVE):
        receiver.set_status(received, status, on=today)
    return case_id, received


def _case(store: Store) -> int:
    today = store.today()
    number = fictional_personnummer(random.Random(412), date(1999, 4, 12))  # noqa: S311
    person = store.add_person("Rami", "Flyttqvist", protected_level=ProtectedLevel.NONE,
                              identifier=number).new_id  # fmt: skip
    opened = (today - timedelta(days=120)).isoformat()
    case_id = store.create_case(person, opened=opened).new_id
    store.set_status(case_id, CaseStatus.ASSESSMENT, on=opened)
    store.set_status(case_id, CaseStatus.ACTIVE, on=(today - timedelta(days=100)).isoformat())
    store.add_journal_entry(case_id, "Första samtal. Rami vill lämna nätverket och flytta "
                            "till Provby där modern och systern bor.", JournalKind.CONVERSATION,
                            occurred=opened)  # fmt: skip
    store.record_threat(case_id, {
        "assessed_on": (today - timedelta(days=60)).isoformat(), "assessor": "Polisen",
        "instrument": "police", "threat_kinds": ["violence"],
        "acute_level": "high", "long_term_level": "moderate", "source": "police",
        "reliability": "probably_true", "next_review": (today + timedelta(days=20)).isoformat(),
    })  # fmt: skip
    consent = {"given_on": (today - timedelta(days=50)).isoformat(),
               "recipient": "Provby kommun, socialtjänsten", "recipient_kind": "other_municipality",
               "purpose": "Överflyttning av ärendet till Provby", "given_how": "written",
               "information": "Hotbild, säkerhetsplan, motivation och journal"}  # fmt: skip
    fields = form_definition("consent").fields
    categories = next((f for f in fields if f.id == "data_categories"), None)
    if categories is not None:  # a consent form that names the data categories
        consent["data_categories"] = [o.value for o in categories.options]  # type: ignore[assignment]
    store.add_consent(case_id, consent)
    return case_id


def _request_and_decision(store: Store, case_id: int) -> int:
    today = store.today()
    request = store.request_transfer(
        case_id, RECEIVER, requested_on=(today - timedelta(days=45)).isoformat(),
        connection="Uppvuxen i Provby; modern och systern bor där och han har arbete erbjudet.",
        duration="Stöd och skydd väntas behövas minst ett år.",
        client_wishes="Rami vill flytta till Provby och ha sitt ärende där.",
        grounds=(TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    ).new_id  # fmt: skip
    store.record_transfer_decision(
        request, TransferAnswer.ACCEPTED, decided_by=DECIDED_BY,
        decided_on=(today - timedelta(days=25)).isoformat(), takeover_on=today.isoformat(),
    )  # fmt: skip
    store.record_legal_force(request, (today - timedelta(days=3)).isoformat())
    return request


def _seal(store: Store, case_id: int, out: Path) -> bytes:
    ref = store.case(case_id).ref
    basis = Basis.of_consent(basis_options(store, ref)[0])
    recipients = (store.directory()[0].certificate,)
    receiver = Receiver(BOARD, "Avhopparverksamheten")
    ExportFlow(store, ExportChoice(ref, SECTIONS, basis, recipients, receiver=receiver)).run(out)
    return out.read_bytes()


__all__ = ["walk_transfer"]
