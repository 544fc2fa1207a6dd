"""Trust that can be withdrawn: untrust and remove (store, CLI, audited); the listing
says what the directory holds; a packet from an untrusted or removed signer gets the
"unknown signer" decision again."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ValidationError
from app.handover.receiving import NextStep, ReceiveFlow
from app.handover.verify import Verdict
from tests.conftest import PASSPHRASE
from tests.unit.test_handover_support import identity, two_vaults
from tests.unit.test_handover_workflow import exported, ready
from tests.unit.test_vault_integrity import _cli

__all__ = ["ready", "two_vaults"]  # fixtures, re-exported for pytest


def _events(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.event for r in store.audit_log()]


@pytest.mark.parametrize("withdraw", ["untrust", "remove"])
def test_withdrawn_signer_gets_the_unknown_signer_decision_again(
    ready, tmp_path: Path, withdraw: str
) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    assert ReceiveFlow(receiver, data).open().next is NextStep.IMPORT  # trusted today
    fingerprint = identity("Exempelby").certificate.fingerprint
    if withdraw == "untrust":
        receiver.untrust_certificate(fingerprint.upper())  # any spelling of it
        entry = next(e for e in receiver.directory() if e.certificate.fingerprint == fingerprint)
        assert not entry.trusted and entry.trusted_at is None
    else:
        receiver.remove_certificate(fingerprint)
        assert receiver.directory() == []
    event = {"untrust": "directory_untrusted", "remove": "directory_removed"}[withdraw]
    assert event in _events(receiver)
    opening = ReceiveFlow(receiver, data).open()
    assert opening.next is NextStep.DECIDE_SIGNER
    assert opening.verdict is Verdict.VALID_UNKNOWN_SIGNER


def test_withdrawing_an_unknown_fingerprint_is_a_clear_error(ready) -> None:
    _sender, receiver, _cert = ready

    def state() -> list[tuple[str, bool]]:
        return [(e.certificate.fingerprint, e.trusted) for e in receiver.directory()]

    before = state()
    with pytest.raises(ValidationError) as info:
        receiver.untrust_certificate("AB" * 32)
    assert "finns inte i katalogen" in info.value.message
    assert state() == before


def test_cli_listing_tells_the_truth_and_trust_can_be_withdrawn(
    tmp_path: Path, vault, vault_dir: Path, monkeypatch, capsys
) -> None:
    cert = identity("Norrby").certificate
    pem = tmp_path / "a.pem"
    pem.write_bytes(cert.to_pem())
    vault.lock()

    def cli(*args: str) -> tuple[int, str, str]:
        return _cli([*args, "--vault", str(vault_dir)], PASSPHRASE, monkeypatch, capsys)

    def listed() -> str:
        code, out, _err = cli("directory", "list")
        assert code == 0
        return out

    assert cli("directory", "add", "--cert", str(pem), "--trust")[1].count("trusted: yes") == 1
    code, out, err = cli("directory", "add", "--cert", str(pem))  # again, without --trust
    assert code == 0 and "trusted: yes" in out and "untrust" in err  # not "no"
    assert f"{cert.fingerprint}  trusted  " in listed()
    code, out, _err = cli("directory", "untrust", cert.fingerprint)
    assert code == 0 and "trusted: no" in out
    assert f"{cert.fingerprint}  untrusted  " in listed()
    code, _out, _err = cli("directory", "remove", cert.fingerprint)
    assert code == 0 and cert.fingerprint not in listed()
    code, _out, err = cli("directory", "remove", cert.fingerprint)
    assert code == 2 and "finns inte i katalogen" in err
