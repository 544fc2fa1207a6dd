"""The headless handover commands end to end: roles, identities, directory, export to
a certificate and to a one-time passphrase, verify, import, receipts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from app import cli, cli_vault
from app.store import Store
from app.vault.vault import Vault
from tests.templates import TEMPLATES
from tests.unit.test_handover_support import PASSPHRASE, make_vault, populate

#: The receiving nämnd and unit every export names (also with --passphrase).
RECEIVING = ("--recipient-board", "Socialnämnden i Mottagarstad kommun",
             "--recipient-unit", "Avhopparverksamheten")  # fmt: skip


def run(monkeypatch, capsys, *argv: str, stdin: tuple[str, ...] = ()) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join((PASSPHRASE, *stdin)) + "\n"))
    cli_vault.reset_stdin()
    code = cli.run([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def parties(tmp_path: Path, monkeypatch, capsys):
    """Two vaults whose RSA identities (made with `identity create`) trust each other,
    set up through the CLI once per session and copied for each test."""

    def build(root: Path) -> None:
        a, b = root / "a", root / "b"
        for folder, town in ((a, "Exempelby"), (b, "Mottagarstad")):
            vault = make_vault(folder, "Karin Lindqvist", town)
            if town == "Exempelby":
                populate(Store(vault))
            vault.lock()
            code, out = run(
                monkeypatch,
                capsys,
                "identity",
                "create",
                "--vault",
                folder,
                "--name",
                f"Avhopparverksamheten {town}",
            )
            assert code == 0 and "fingerprint:" in out, out
            assert (
                run(
                    monkeypatch,
                    capsys,
                    "identity",
                    "export-cert",
                    "--vault",
                    folder,
                    "--out",
                    root / f"{town}.pem",
                )[0]
                == 0
            )
        for folder, other in ((a, "Mottagarstad"), (b, "Exempelby")):
            code, out = run(
                monkeypatch,
                capsys,
                "directory",
                "add",
                "--vault",
                folder,
                "--cert",
                root / f"{other}.pem",
                "--trust",
            )
            assert code == 0 and "trusted: yes" in out

    TEMPLATES.folder("handover-cli-parties", build, tmp_path)
    return tmp_path / "a", tmp_path / "b", tmp_path


def test_export_requires_the_handover_officer_role(parties, monkeypatch, capsys) -> None:
    a, _b, tmp = parties
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "export",
        "--vault",
        a,
        "--case",
        "EXB-2025-0042",
        *RECEIVING,
        "--to",
        tmp / "Mottagarstad.pem",
        "--out",
        tmp / "p.pdf",
    )
    assert code == 5 and "överlämningsansvarig" in out
    assert not (tmp / "p.pdf").exists()


def test_certificate_packet_round_trip_with_receipt(parties, monkeypatch, capsys) -> None:
    a, b, tmp = parties
    code, out = run(
        monkeypatch,
        capsys,
        "profile",
        "roles",
        "--vault",
        a,
        "--set",
        "caseworker,handover-officer",
    )
    assert code == 0 and "handover-officer" in out
    packet = tmp / "EXB-2025-0042.pdf"
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "export",
        "--vault",
        a,
        "--case",
        "EXB-2025-0042",
        *RECEIVING,
        "--to",
        tmp / "Mottagarstad.pem",
        "--sections",
        "person",
        "threat",
        "safety_plan",
        "journal",
        "--from",
        "2025-05-01",
        "--out",
        packet,
    )
    assert code == 0, out
    assert "passphrase:" not in out and packet.exists()
    code, out = run(monkeypatch, capsys, "handover", "verify", packet, "--vault", b)
    assert code == 0 and "verdict: valid_trusted" in out
    # the sender is among the recipients: it can open and check what it sent ...
    code, out = run(monkeypatch, capsys, "handover", "verify", packet, "--vault", a)
    assert code == 0 and "verdict: valid_trusted" in out, out
    # ... but not take it in as a new case
    code, out = run(monkeypatch, capsys, "handover", "import", packet, "--vault", a)
    assert code != 0 and "förseglades av det här valvet" in out, out
    code, out = run(monkeypatch, capsys, "handover", "import", packet, "--vault", b)
    # filed under the receiver's own case reference (the sender's is kept as their_ref)
    assert code == 0 and re.search(r"^case: [A-Z]+-\d{4}-\d{4}$", out, re.M), out
    assert "EXB-2025-0042" not in out
    code, out = run(monkeypatch, capsys, "handover", "import", packet, "--vault", b)
    assert code == 4 and "redan importerat" in out
    receipt = tmp / "kvitto.pdf"
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "receipt",
        "--vault",
        b,
        "--packet",
        packet,
        "--accept",
        "--out",
        receipt,
    )
    assert code == 0, out
    code, out = run(monkeypatch, capsys, "handover", "import-receipt", receipt, "--vault", a)
    assert code == 0 and "decision: accepted" in out


def test_passphrase_packet(parties, monkeypatch, capsys) -> None:
    a, b, tmp = parties
    run(monkeypatch, capsys, "profile", "roles", "--vault", a, "--set", "handover-officer")
    packet = tmp / "pw.pdf"
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "export",
        "--vault",
        a,
        "--case",
        "EXB-2025-0042",
        *RECEIVING,
        "--passphrase",
        "--sections",
        "threat",
        "--out",
        packet,
    )
    assert code == 0, out
    phrase = re.search(r"^passphrase: (\S+)$", out, re.M).group(1)
    assert phrase.isascii() and len(phrase) <= 32
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "verify",
        packet,
        "--vault",
        b,
        "--passphrase",
        stdin=(phrase,),
    )
    assert code == 0 and "valid_trusted" in out
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "verify",
        packet,
        "--vault",
        b,
        "--passphrase",
        stdin=("fel-fras",),
    )
    assert code == 4 and "not_for_this_vault" in out


def test_profile_roles_show_and_unknown(parties, monkeypatch, capsys) -> None:
    a, _b, _tmp = parties
    code, out = run(monkeypatch, capsys, "profile", "roles", "--vault", a, "--show")
    assert code == 0 and out.strip().endswith("roles:")
    code, out = run(monkeypatch, capsys, "profile", "roles", "--vault", a, "--set", "chef")
    assert code == 2


def test_export_never_overwrites(parties, monkeypatch, capsys) -> None:
    a, _b, tmp = parties
    run(monkeypatch, capsys, "profile", "roles", "--vault", a, "--set", "handover-officer")
    existing = tmp / "finns.pdf"
    existing.write_bytes(b"old")
    code, out = run(
        monkeypatch,
        capsys,
        "handover",
        "export",
        "--vault",
        a,
        "--case",
        "EXB-2025-0042",
        *RECEIVING,
        "--passphrase",
        "--out",
        existing,
    )
    assert code == 5 and "finns redan" in out and existing.read_bytes() == b"old"


def test_identity_import_from_pkcs12(parties, monkeypatch, capsys) -> None:
    from app.crypto.identity import export_pkcs12
    from tests.unit.test_handover_support import identity

    a, _b, tmp = parties
    p12 = tmp / "org.p12"
    p12.write_bytes(export_pkcs12(identity("Importstad"), "p12-lösen"))
    code, out = run(
        monkeypatch, capsys, "identity", "import", "--vault", a, "--p12", p12, stdin=("fel",)
    )
    assert code == 2 and "PKCS#12" in out
    code, out = run(
        monkeypatch, capsys, "identity", "import", "--vault", a, "--p12", p12, stdin=("p12-lösen",)
    )
    assert code == 0, out
    code, out = run(monkeypatch, capsys, "identity", "show", "--vault", a)
    assert identity("Importstad").certificate.fingerprint_readable in out


def test_profile_contact_and_the_export_choices_beyond_the_minimum(
    parties, monkeypatch, capsys
) -> None:
    """The cover's contact details, and the recorded choices: earlier safety plans and,
    with a reason, every identity."""
    a, _b, tmp = parties
    code, out = run(monkeypatch, capsys, "profile", "contact", "--vault", a,
                    "--board", "Socialnämnden", "--phone", "010-000 00 90")  # fmt: skip
    assert code == 0 and "board: Socialnämnden" in out and "phone: 010-000 00 90" in out
    run(monkeypatch, capsys, "profile", "roles", "--vault", a, "--set", "handover-officer")
    export = ("handover", "export", "--vault", a, "--case", "EXB-2025-0042", "--passphrase",
              *RECEIVING, "--sections", "person", "safety_plan",
              "--include-safety-history")  # fmt: skip
    code, out = run(monkeypatch, capsys, *export, "--all-identities", "kort",
                    "--out", tmp / "no.pdf")  # fmt: skip
    assert code == 2 and "skälet sparas i loggen" in out and not (tmp / "no.pdf").exists()
    reason = "Polisen behöver den tidigare identiteten i sin utredning."
    code, out = run(monkeypatch, capsys, *export, "--all-identities", reason,
                    "--out", tmp / "p.pdf")  # fmt: skip
    assert code == 0, out
    vault = Vault.unlock(a, PASSPHRASE)
    try:
        store = Store(vault)
        # the export's own journal note (dated by the command's clock, so found by kind
        # and content rather than by place: the suite also runs with the date moved)
        (entry,) = [e for e in store.journal(store.case_id_for_ref("EXB-2025-0042"))
                    if e.kind == "system" and "gamla kodord" in e.text]  # fmt: skip
        assert reason in entry.text
        assert store.vault.profile().board == "Socialnämnden"
    finally:
        vault.lock()
