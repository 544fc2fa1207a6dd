"""Every disclosure has a legal basis, checked before sealing (issue 10 items 1 and 2):
a consent whose recipient and scope match the packet, or a named provision with a
recorded harm test; the receiving nämnd is always named. Real workflow, real vaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import Refused, ValidationError
from app.handover import render
from app.handover.basis import match_consent
from app.handover.schema import SECTIONS
from app.handover.workflow import Basis, ExportChoice, ExportFlow, ExportStep, HarmTest, Receiver
from app.pdf.pages import board_name
from app.reports.register_extract import render_register_extract
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from app.store.records import Consent, FormRecord
from tests.unit.cli_world import PASSPHRASE as CLI_PASSPHRASE
from tests.unit.test_handover_support import (
    HARM_TEST,
    PROVISION,
    RECEIVER,
    identity,
    open_plain,
    pdf_text,
    populate,
    two_vaults,
)

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"
POLICE = {
    "information": "Hotbild och säkerhetsplan", "recipient": "Polisen, region Exempel",
    "recipient_kind": "police", "purpose": "Samordning av skydd",
    "data_categories": list(SECTIONS),
    "given_on": "2026-10-01", "given_how": "written", "valid_until": "2030-12-31",
}  # fmt: skip
THREAT_ONLY = POLICE | {
    "recipient": "Socialnämnden i Mottagarstad kommun", "recipient_kind": "other_municipality",
    "purpose": "Överflyttning", "data_categories": ["threat"],
}  # fmt: skip


def only_consent(store: Store, data: dict[str, object]) -> int:
    """The case's consents withdrawn, then ``data`` the one in force; its record id."""
    case_id = store.case_id_for_ref(REF)
    for consent in store.consents_in_force(case_id):
        store.withdraw_consent(consent.record.series, "2026-11-01", "written")
    return store.add_consent(case_id, data).id


@pytest.fixture
def sender(two_vaults) -> Store:
    out, _into = two_vaults
    populate(out)
    out.set_roles([HANDOVER_OFFICER])
    return out


def flow(store: Store, basis: Basis, sections=("threat", "journal"), **more) -> ExportFlow:  # type: ignore[no-untyped-def]
    choice = ExportChoice(REF, tuple(sections), basis, receiver=more.pop("receiver", RECEIVER),
                          **more)  # fmt: skip
    return ExportFlow(store, choice)


def disclosures(store: Store) -> list[dict[str, object]]:
    return [r.details for r in store.audit_log(events=("handover_exported",))]


def test_a_police_only_consent_never_permits_a_packet_to_a_municipality(sender) -> None:
    police = only_consent(sender, POLICE)
    refused = flow(sender, Basis(consent_id=police))
    with pytest.raises(Refused) as caught:
        refused.check()
    message = caught.value.message
    assert "Polisen, region Exempel" in message and "Socialnämnden i Mottagarstad" in message
    assert refused.step is ExportStep.NEW and disclosures(sender) == []


def test_a_section_outside_the_consents_scope_is_refused_by_name(sender) -> None:
    consent = only_consent(sender, THREAT_ONLY)
    flow(sender, Basis(consent_id=consent), sections=("threat",)).check()  # within scope
    with pytest.raises(Refused) as caught:
        flow(sender, Basis(consent_id=consent), sections=("threat", "journal")).check()
    assert "omfattar inte avsnittet Journal" in caught.value.message
    assert "Aktuell hotbild" not in caught.value.message


def test_a_matching_consent_seals_and_the_packet_shows_the_match(sender, tmp_path) -> None:
    consent = only_consent(sender, THREAT_ONLY)
    to = (identity("Mottagarstad").certificate,)
    chosen = flow(sender, Basis(consent_id=consent), ("threat",), recipients=to)
    result = chosen.run(tmp_path / "p.pdf")
    basis = result.payload["legal_basis"]
    assert basis["kind"] == "consent" and basis["covers"] == ["threat"]
    assert basis["provision"]["citation"] == "12 kap. 2 § OSL"
    assert "Socialnämnden i Mottagarstad kommun" in basis["text"]
    logged = disclosures(sender)[-1]
    assert logged["basis"]["kind"] == "consent" and logged["basis"]["consent"] == str(consent)


def test_a_harm_tested_disclosure_without_consent_seals_and_is_logged_with_its_basis(
    sender, tmp_path
) -> None:
    only_consent(sender, POLICE)  # the police consent is no basis; a provision is
    result = flow(sender, Basis.of_provision(PROVISION, HARM_TEST)).run(tmp_path / "p.pdf")
    basis = result.payload["legal_basis"]
    assert basis["kind"] == "legal_provision" and basis["consent"] is None
    assert basis["provision"] == {
        "key": "osl_necessary", "citation": "10 kap. 2 § OSL",
        "description": basis["provision"]["description"],
    }  # fmt: skip
    assert basis["harm_test"] == HARM_TEST.as_json()
    logged = disclosures(sender)[-1]
    assert logged["to"] == "Socialnämnden i Mottagarstad kommun, Avhopparverksamheten"
    assert logged["basis"] == {
        "kind": "legal_provision", "provision": "10 kap. 2 § OSL",
        "harm_test": {"by": "Karin Lindqvist", "on": "2025-06-02"},
    }  # fmt: skip
    journal = sender.journal(sender.case_id_for_ref(REF))[-1].text
    assert "10 kap. 2 § OSL" in journal
    assert "Menprövning gjord 2025-06-02 av Karin Lindqvist" in journal
    person = sender.case(sender.case_id_for_ref(REF)).person.id
    extract = sender.register_extract(person)
    pdf = render_register_extract(extract, requested_by="Klienten", municipality="Exempelby",
                                  controller="Socialnämnden i Exempelby kommun")  # fmt: skip
    text = pdf_text_of(pdf)
    # recipients and sources from the disclosure log; the nämnd is the data controller
    for shown in ("Socialnämnden i Mottagarstad kommun", "10 kap. 2 § OSL",
                  "Varifrån uppgifterna kommer", "Ärendet inleddes",
                  "Personuppgiftsansvarig Socialnämnden i Exempelby kommun",
                  f"{extract.created[:10]}, Socialnämnden i Exempelby kommun"):  # the marking
        assert flat(shown) in text, shown


def test_the_secrecy_marking_names_provision_date_and_nämnd(sender, tmp_path) -> None:
    result = flow(sender, Basis.of_provision(PROVISION, HARM_TEST)).run(tmp_path / "p.pdf")
    payload = result.payload
    text = pdf_text_of(render.render(payload))
    sender_ = payload["sender"]
    board = board_name(sender_.get("board", ""), sender_["municipality"]) or sender_["municipality"]
    marking = f"Sekretess enligt 26 kap. 1 § OSL {payload['packet']['sealed_at'][:10]}, {board}"
    assert text.count(flat(marking)) == text.count("sida") >= 2  # on every page
    assert flat("Socialnämnden i Mottagarstad kommun Avhopparverksamheten") in text


def pdf_text_of(data: bytes) -> str:
    """The page text without whitespace (the extraction does not keep line breaks)."""
    return "".join(pdf_text(open_plain(data)).split())


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("harm", "missing"),
    [
        (None, "menprövning"),
        (HarmTest("", "2025-06-02", "Ett tillräckligt långt resonemang om menet."), "vem"),
        (HarmTest("Karin Lindqvist", "2025-06-02", "Kort."), "minst 20 tecken"),
        (HarmTest("Karin Lindqvist", "2027-01-01", "Ett tillräckligt långt resonemang."),
         "efter i dag"),
    ],
)
def test_no_harm_test_no_seal_and_the_message_says_what_is_missing(sender, harm, missing) -> None:
    refused = flow(sender, Basis.of_provision(PROVISION, harm))
    with pytest.raises(Refused) as caught:
        refused.check()
    assert missing in caught.value.message and disclosures(sender) == []


def test_a_provision_outside_the_references_file_is_no_basis(sender) -> None:
    with pytest.raises(Refused) as caught:
        flow(sender, Basis.of_provision("osl_general_clause", HARM_TEST)).check()
    assert "okänd bestämmelse" in caught.value.message and "osl_necessary" in caught.value.message
    with pytest.raises(Refused) as none:
        flow(sender, Basis()).check()
    assert "ingen rättslig grund" in none.value.message


def test_a_consent_on_the_old_form_is_no_basis_for_a_municipality() -> None:
    record = FormRecord(
        id=7, case_id=1, form="consent", form_version=1, series=7, revision=1,
        effective="2026-01-01", review_due=None, summary="", reason="", created="", author="",
        data={"recipient": "Socialnämnden i Mottagarstad kommun", "purpose": "Överflyttning",
              "recipient_kind": "other_municipality"},
    )  # fmt: skip
    old = Consent(record, True, None, None, "Socialnämnden i Mottagarstad kommun")
    verdict = match_consent(old, RECEIVER.as_json(), ("threat",))
    assert not verdict.ok and "äldre version av formuläret" in verdict.problem


def test_the_receiving_nämnd_is_named_even_with_a_passphrase(sender, tmp_path) -> None:
    with pytest.raises(ValidationError) as caught:
        flow(sender, Basis.of_provision(PROVISION, HARM_TEST), receiver=Receiver()).check()
    assert "mottagande nämnden" in caught.value.message
    result = flow(sender, Basis.of_provision(PROVISION, HARM_TEST)).run(tmp_path / "p.pdf")
    assert result.passphrase
    payload = result.payload
    assert payload["receiver"] == RECEIVER.as_json()
    assert payload["recipients"] == [{"kind": "passphrase", "organisation": "Avhopparverksamheten",
                                      "name": "Socialnämnden i Mottagarstad kommun"}]  # fmt: skip
    logged = disclosures(sender)[-1]
    everything = json.dumps(payload, ensure_ascii=False) + json.dumps(logged, ensure_ascii=False)
    assert "Engångslösenfras" not in everything and "Socialnämnden i Mottagarstad" in logged["to"]


# ----------------------------------------------------------------- the CLI
def test_the_cli_never_uses_a_police_consent_silently(tmp_path: Path, monkeypatch, capsys) -> None:
    from tests.unit.test_handover_cli import RECEIVING, run
    from tests.unit.test_handover_support import make_vault

    vault = make_vault(tmp_path / "a", "Karin Lindqvist", "Exempelby")
    store = Store(vault)
    populate(store)
    store.set_identity(identity("Exempelby"))
    store.set_roles([HANDOVER_OFFICER])
    only_consent(store, POLICE)
    vault.lock()
    assert CLI_PASSPHRASE  # the same passphrase both worlds use
    packet = tmp_path / "p.pdf"
    args = ("handover", "export", "--vault", tmp_path / "a", "--case", REF, *RECEIVING,
            "--passphrase", "--sections", "threat", "--out", packet)  # fmt: skip
    code, out = run(monkeypatch, capsys, *args)
    assert code != 0 and not packet.exists()
    assert "Polisen, region Exempel" in out and "--provision" in out
    harm = "Mottagande nämnd behöver hotbilden före flytten; menet bedöms litet."
    code, out = run(monkeypatch, capsys, *args, "--provision", "osl_necessary", "--harm-test", harm)
    assert code == 0 and packet.exists(), out


def test_the_consent_form_can_cover_every_section_a_packet_has() -> None:
    from app.forms.definition import form_definition

    form = form_definition("consent")
    assert form.version >= 2
    assert [o.value for o in form.field("data_categories").options] == list(SECTIONS)


def test_the_nämnd_is_named_with_its_municipality() -> None:
    assert board_name("Socialnämnden", "Exempelby kommun") == "Socialnämnden, Exempelby kommun"
    assert board_name("Socialnämnden i Exempelby kommun", "Exempelby kommun") == (
        "Socialnämnden i Exempelby kommun"
    )
    assert board_name("", "Exempelby kommun") == ""
