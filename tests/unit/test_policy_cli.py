"""Each organisation policy key through the headless commands IT and scripts use: the
refusal is a clear Swedish message with exit code 5 (2 for a too weak passphrase) and
nothing is written; the allowed case goes through."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from app.crypto.identity import load_certificate
from app.vault.vault import Vault, is_vault
from tests.conftest import PASSPHRASE as STRONG_ENOUGH
from tests.unit.test_handover_cli import RECEIVING, parties, run

__all__ = ["parties"]
REF = "EXB-2025-0042"
SCORE_3 = "Kattensover1"  # "Stark" by the built-in rule, not enough for a minimum of 4
SCORE_4 = "vinbär-kompass-7-Tallskog-ljusblå-kanot-Ödmjuk"


def _officer(monkeypatch, capsys, folder: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = run(monkeypatch, capsys, "profile", "roles", "--vault", folder,
                    "--set", "caseworker,handover-officer")  # fmt: skip
    assert code == 0, out


def _export(monkeypatch, capsys, folder: Path, *target: object, out: Path):  # type: ignore[no-untyped-def]
    return run(monkeypatch, capsys, "handover", "export", "--vault", folder, "--case", REF,
               *RECEIVING, *target, "--out", out)  # fmt: skip


def test_export_forbidden_by_policy(parties, policy_file: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    a, _b, tmp = parties
    _officer(monkeypatch, capsys, a)
    policy_file.write_text(json.dumps({"export_allowed": False}), encoding="utf-8")
    packet = tmp / "p.pdf"
    code, out = _export(monkeypatch, capsys, a, "--to", tmp / "Mottagarstad.pem", out=packet)
    assert code == 5, out
    assert "Export av överlämningspaket är begränsat av din organisation" in out
    assert not packet.exists()
    code, out = _export(monkeypatch, capsys, a, "--passphrase", out=packet)
    assert code == 5 and not packet.exists(), out


def test_export_only_to_the_recipients_the_policy_lists(
    parties,
    policy_file: Path,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    a, _b, tmp = parties
    _officer(monkeypatch, capsys, a)
    other = load_certificate((tmp / "Exempelby.pem").read_bytes())  # not the recipient
    policy_file.write_text(
        json.dumps({"export_recipients": [other.fingerprint_readable]}), encoding="utf-8"
    )
    packet = tmp / "p.pdf"
    code, out = _export(monkeypatch, capsys, a, "--to", tmp / "Mottagarstad.pem", out=packet)
    assert code == 5 and "Tillåtna mottagarcertifikat" in out, out
    assert not packet.exists()
    listed = load_certificate((tmp / "Mottagarstad.pem").read_bytes())
    policy_file.write_text(
        json.dumps({"export_recipients": [listed.fingerprint_readable]}), encoding="utf-8"
    )
    code, out = _export(monkeypatch, capsys, a, "--to", tmp / "Mottagarstad.pem", out=packet)
    assert code == 0, out
    assert packet.read_bytes().startswith(b"%PDF-")


@pytest.fixture
def cli_vault(tmp_path: Path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "v"  # run() types STRONG_ENOUGH as the passphrase
    code, out = run(monkeypatch, capsys, "vault", "init", "--vault", folder, "--name", "Test")
    assert code == 0, out
    return folder


def test_vault_passwd_obeys_the_minimum_strength(
    cli_vault: Path,
    policy_file: Path,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    policy_file.write_text(json.dumps({"passphrase_min_score": 4}), encoding="utf-8")
    code, out = run(monkeypatch, capsys, "vault", "passwd", "--vault", cli_vault,
                    stdin=(SCORE_3,))  # fmt: skip
    assert code == 2 and "Din organisation kräver en starkare lösenfras" in out, out
    Vault.unlock(cli_vault, STRONG_ENOUGH).lock()  # the old passphrase still opens it
    code, out = run(monkeypatch, capsys, "vault", "passwd", "--vault", cli_vault,
                    stdin=(SCORE_4,))  # fmt: skip
    assert code == 0, out
    Vault.unlock(cli_vault, SCORE_4).lock()


def test_vault_init_obeys_the_minimum_strength(
    tmp_path: Path,
    policy_file: Path,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    policy_file.write_text(json.dumps({"passphrase_min_score": 4}), encoding="utf-8")
    monkeypatch.setattr("tests.unit.test_handover_cli.PASSPHRASE", SCORE_3)  # typed by run()
    code, out = run(monkeypatch, capsys, "vault", "init", "--vault", tmp_path / "v")
    assert code == 2 and "starkare lösenfras" in out, out
    assert not is_vault(tmp_path / "v")


def test_vault_init_obeys_binding_required(
    tmp_path: Path,
    policy_file: Path,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    policy_file.write_text(json.dumps({"keyring_binding_required": True}), encoding="utf-8")
    code, out = run(monkeypatch, capsys, "vault", "init", "--vault", tmp_path / "v1",
                    "--no-device-binding")  # fmt: skip
    assert code == 5 and "kräver att valvet binds till den här datorn" in out, out
    assert not is_vault(tmp_path / "v1")
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a laptop without a keyring
    code, out = run(monkeypatch, capsys, "vault", "init", "--vault", tmp_path / "v2")
    assert code == 5 and "ingen nyckelring" in out, out
    assert not is_vault(tmp_path / "v2")


def test_vault_init_with_binding_required_and_a_keyring(
    tmp_path: Path,
    policy_file: Path,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    policy_file.write_text(json.dumps({"keyring_binding_required": True}), encoding="utf-8")
    code, out = run(monkeypatch, capsys, "vault", "init", "--vault", tmp_path / "v")
    assert code == 0 and "device-binding: keyring" in out, out
