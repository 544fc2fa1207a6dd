"""Shared helpers for the handover tests (no tests here): identities, a populated
fictional case, and a second vault to receive packets."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.clock import SYSTEM, FixedClock
from app.crypto.identity import DEFAULT_VALIDITY_DAYS, Certificate, Identity, create_identity
from app.domain.identifiers import luhn_check_digit
from app.domain.kinds import ActorKind, JournalKind, ProtectedLevel
from app.handover.payload import Period, build_payload
from app.handover.workflow import (
    Basis,
    ExportChoice,
    ExportFlow,
    ExportResult,
    HarmTest,
    Receiver,
    basis_options,
)
from app.store import Store
from app.vault.vault import Profile, Vault
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.templates import TEMPLATES

PASSPHRASE = "korrekt häst batteri häftapparat"
#: The receiving party every test packet names (also with a one-time passphrase).
RECEIVER = Receiver("Socialnämnden i Mottagarstad kommun", "Avhopparverksamheten")
#: A recorded harm test for disclosures without consent (provision keys: legal refs file).
HARM_TEST = HarmTest(
    "Karin Lindqvist", "2025-06-02",
    "Hotbilden kräver att mottagande kommun får uppgifterna före flytten; menet för "
    "klienten bedöms litet jämfört med risken om de saknas.",
)  # fmt: skip
PROVISION = "osl_necessary"
_CACHE: dict[str, Identity] = {}


def identity(name: str) -> Identity:
    """RSA-3072 generation is slow: one identity per name per test session. Valid at the
    pinned NOW and on the computer's own date too (a CLI run in a test seals on the
    system clock, which CI moves a year either way), and for three years after both."""
    if name not in _CACHE:
        system = SYSTEM.now()
        start = min(NOW, system) - dt.timedelta(days=1)
        days = (max(NOW, system) - start).days + DEFAULT_VALIDITY_DAYS
        _CACHE[name] = create_identity(
            f"Avhopparverksamheten {name}", f"{name} kommun", now=start, days=days
        )
    return _CACHE[name]


def personnummer(nine: str) -> str:
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def populate(store: Store) -> str:
    """A case with every section filled, with a correction; returns its ref."""
    sample = sample_payload(12)["content"]
    person = store.add_person(
        "Aleksandr Łukasz",
        "Nowak-Öberg",
        protected_level=ProtectedLevel.SKYDDAD_FOLKBOKFORING,
        identifier=personnummer("980714123"),
        languages=("svenska", "ryska (Александр)"),
    ).id
    case_id = store.create_case(person, ref="EXB-2025-0042").id
    for rec in sample["threat_history"] + [sample["threat"]]:
        store.record_threat(case_id, rec["data"])
    for rec in sample["safety_plan"]["history"] + [sample["safety_plan"]["current"]]:
        store.revise_safety_plan(case_id, rec["data"], reason="Ny hotbild")
    for rec in sample["motivation"]:
        store.record_motivation(case_id, rec["data"])
    for rec in sample["consents"]:
        store.add_consent(case_id, rec["data"])
    store.add_form_record(case_id, "case_summary", sample["summary"]["data"])
    for d in sample["decisions"]:
        store.add_decision(case_id, d["measure"], d["legal_basis"], d["decided_on"],
                           d["decision_maker"], d["appeal_info"], valid_from=d["valid_from"],
                           valid_until=d["valid_until"], grounds=d["grounds"])  # fmt: skip
    actor = store.add_actor(ActorKind.POLICE, "Polisen, region Öst", contact_name="P. Ek").id
    store.link_actor(case_id, actor, "Hotbedömning")
    store.add_task("Boka möte med mottagande kommun", case_id=case_id, due="2026-12-15")
    for i, entry in enumerate(sample["journal"]):
        eid = store.add_journal_entry(
            case_id,
            f"Anteckning nr {i:03d}. " + entry["revisions"][0]["text"],
            JournalKind.CONVERSATION,
            occurred=entry["occurred_on"],
        ).id
        if i == 3:
            store.correct_journal_entry(eid, "Rättad text om mötet.", "Fel datum i anteckningen")
    return "EXB-2025-0042"


def make_vault(folder: Path, name: str, municipality: str, *, bind_device: bool = True) -> Vault:
    """A new, open vault of its own (copied from one created per session)."""
    profile = Profile(name, "Handläggare", municipality, "Avhopp")
    vault, _ = TEMPLATES.open_copy(folder, profile, bind_device=bind_device, clock=FixedClock(NOW))
    return vault


def payload_from(
    store: Store,
    ref: str,
    sections: list[str] | None = None,
    period: Period | None = None,
    sequence: int = 1,
    **extra: Any,
) -> dict[str, Any]:
    from app.handover.schema import SECTIONS

    return build_payload(
        store,
        ref,
        sections or list(SECTIONS),
        period,
        sender={
            "municipality": "Exempelby kommun",
            "unit": "Avhopparverksamheten",
            "officer": "Karin Lindqvist",
        },
        recipients=[
            {
                "kind": "certificate",
                "name": "Avhopparverksamheten",
                "organisation": "Mottagarstad kommun",
            }
        ],
        legal_basis={"kind": "consent", "text": "Klientens skriftliga samtycke."},
        sequence=sequence,
        **extra,
    )


def export_packet(
    store: Store,
    ref: str,
    out: Path,
    *,
    sections: list[str],
    recipients: tuple[Certificate, ...] = (),
    provision: str = "",
    receiver: Receiver = RECEIVER,
) -> ExportResult:
    """The whole export workflow, as the CLI runs it (the newest consent in force
    unless a provision, with a harm test, is given)."""
    if provision:
        basis = Basis.of_provision(provision, HARM_TEST)
    else:
        basis = Basis.of_consent(basis_options(store, ref)[0])
    choice = ExportChoice(ref, tuple(sections), basis, recipients, receiver=receiver)
    return ExportFlow(store, choice).run(out)


@pytest.fixture
def two_vaults(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    sender = make_vault(tmp_path / "a", "Karin Lindqvist", "Exempelby")
    receiver = make_vault(tmp_path / "b", "Mona Berg", "Mottagarstad")
    out, into = Store(sender, clock=FixedClock(NOW)), Store(receiver, clock=FixedClock(NOW))
    out.set_identity(identity("Exempelby"))
    into.set_identity(identity("Mottagarstad"))
    yield out, into
    sender.lock()
    receiver.lock()


# ------------------------------------------------------------ text extraction
# The embedded fonts are subsets, so text in the content streams is glyph codes: map
# them back through each font's ToUnicode CMap (enough for what reportlab writes).
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_TOKENS = re.compile(rb"/([^\s/\[\]()<>]+)\s+[\d.]+\s+Tf|\((?:\\.|[^\\)])*\)|\[|\]")


def _cmap(font: Any) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    table = {}
    for src, dst in _HEX.findall(font["/ToUnicode"].data):
        if len(dst) % 4 or dst == b"0000":
            continue  # the code space range, or an unused code
        table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    return table


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):
            nxt = raw[i + 1 : i + 4]
            octal = re.match(rb"[0-7]{1,3}", nxt)
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t"}.get(
                raw[i + 1], raw[i + 1 : i + 2]
            )
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def pdf_text(reader: Any) -> str:
    """All text drawn on all pages of an (opened, decrypted) pyHanko reader."""
    chunks: list[str] = []
    for index in range(reader.root["/Pages"]["/Count"]):
        page = reader.find_page_for_modification(index)[0].get_object()
        fonts = page["/Resources"]["/Font"]
        maps = {str(name)[1:]: _cmap(ref.get_object()) for name, ref in fonts.items()}
        content = page["/Contents"]
        streams = content if isinstance(content, list) else [content]
        data = b"\n".join(s.get_object().data for s in streams)
        current: dict[int, str] = {}
        for match in _TOKENS.finditer(data):
            token = match.group(0)
            if match.group(1):
                current = maps.get(match.group(1).decode(), {})
            elif token.startswith(b"("):
                chunks.append("".join(current.get(b, "") for b in _unescape(token[1:-1])))
            chunks.append("")
        chunks.append("\n")
    return "".join(chunks)


def open_plain(pdf: bytes) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf))
