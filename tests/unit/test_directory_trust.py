"""Trust that can be withdrawn: untrust and remove (store, CLI, audited); the listing
says what the directory holds; a packet from an untrusted or removed signer gets the
"unknown signer" decision again."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ValidationError
from app.handover.errors import PacketRefused
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


def _crl_revoking(ident, *serials: int) -> bytes:  # type: ignore[no-untyped-def]
    """A CRL signed by ``ident``'s own key (its certificate is self-signed)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ident.certificate.x509.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=30))
    )
    for serial in serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
        )
    crl = builder.sign(ident.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.PEM)


def test_revocation_imported_by_it_refuses_the_signers_packets(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    signer = identity("Exempelby")
    other = identity("Mottagarstad")
    assert receiver.add_revocations(_crl_revoking(other, 12345), "it") == 1  # not about it
    assert ReceiveFlow(receiver, data).open().next is NextStep.IMPORT
    # The signer's serial in a CRL from someone else (not the signer's issuer): no effect.
    receiver.add_revocations(_crl_revoking(other, signer.certificate.x509.serial_number), "it")
    assert ReceiveFlow(receiver, data).open().next is NextStep.IMPORT
    assert receiver.add_revocations(_crl_revoking(signer, signer.certificate.x509.serial_number),
                                    "it") == 1  # fmt: skip
    opening = ReceiveFlow(receiver, data).open()
    assert opening.next is NextStep.REFUSED and opening.verdict is Verdict.REVOKED
    assert "återkallat" in opening.message and "Exempelby" in opening.message
    assert "revocation_imported" in _events(receiver)


def test_crl_carried_with_the_certificate_is_kept_by_directory_add(
    tmp_path: Path, vault, vault_dir: Path, monkeypatch, capsys
) -> None:
    ident = identity("Norrby")
    bundle = tmp_path / "norrby.pem"
    bundle.write_bytes(ident.certificate.to_pem() + _crl_revoking(ident, 7))
    vault.lock()
    code, out, err = _cli(["directory", "add", "--cert", str(bundle), "--vault", str(vault_dir)],
                          PASSPHRASE, monkeypatch, capsys)  # fmt: skip
    assert code == 0, err
    assert "revocation-info: 1" in out


def _ocsp_saying_revoked(ident) -> bytes:  # type: ignore[no-untyped-def]
    """An OCSP response about ``ident``'s (self-signed) certificate, signed by its key."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp

    cert = ident.certificate.x509
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    response = (
        ocsp.OCSPResponseBuilder()
        .add_response(cert=cert, issuer=cert, algorithm=hashes.SHA256(),
                      cert_status=ocsp.OCSPCertStatus.REVOKED, this_update=now,
                      next_update=now + dt.timedelta(days=7), revocation_time=now,
                      revocation_reason=x509.ReasonFlags.key_compromise)
        .responder_id(ocsp.OCSPResponderEncoding.HASH, cert)
        .sign(ident.key, hashes.SHA256())
    )  # fmt: skip
    return response.public_bytes(serialization.Encoding.DER)


def test_ocsp_response_imported_by_it_refuses_the_signers_packets(ready, tmp_path: Path) -> None:
    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    assert receiver.add_revocations(_ocsp_saying_revoked(identity("Mottagarstad")), "it") == 1
    assert ReceiveFlow(receiver, data).open().next is NextStep.IMPORT  # about someone else
    assert receiver.add_revocations(_ocsp_saying_revoked(identity("Exempelby")), "it") == 1
    opening = ReceiveFlow(receiver, data).open()
    assert opening.next is NextStep.REFUSED and opening.verdict is Verdict.REVOKED


def test_no_packet_is_imported_while_the_vault_is_older_than_last_seen(
    ready, tmp_path: Path
) -> None:
    from app.vault.anchor import Finding

    sender, receiver, _cert = ready
    data = exported(sender, tmp_path / "p.pdf")
    # What unlocking an older copy of the vault reports (tests/unit/test_vault_anchor.py).
    receiver.vault.rollback = [Finding(seen=9, found=4, truncated=True, where="keyring")]
    flow = ReceiveFlow(receiver, data)
    assert flow.open().next is NextStep.IMPORT
    with pytest.raises(PacketRefused) as info:
        flow.import_case()
    assert "äldre" in info.value.message and receiver.case_rows() == []
