"""Identities: self-issued, PKCS#12 import, certificate loading, fingerprints."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from app.crypto import identity as ident
from app.crypto import onetime
from tests.conftest import NOW


@pytest.fixture(scope="module")
def org() -> ident.Identity:
    return ident.create_identity(
        "Avhopparverksamheten", "Exempelby kommun", "Socialtjänsten", now=NOW
    )


def test_created_identity_has_required_key_usage(org: ident.Identity) -> None:
    usage = org.certificate.x509.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and usage.key_encipherment
    assert org.certificate.is_rsa
    assert org.key.key_size == 3072
    assert not org.certificate.is_personal
    assert org.certificate.validity_problem(NOW) is None


def test_round_trip_bytes(org: ident.Identity) -> None:
    again = ident.Identity.from_bytes(org.to_bytes())
    assert again.certificate.same_as(org.certificate)
    assert again.key.private_numbers() == org.key.private_numbers()
    with pytest.raises(ValueError):
        ident.Identity.from_bytes(b"garbage")


def test_pkcs12_round_trip_and_wrong_password(org: ident.Identity) -> None:
    blob = ident.export_pkcs12(org, "hemligt-lösen")
    back = ident.import_pkcs12(blob, "hemligt-lösen")
    assert back.certificate.fingerprint == org.certificate.fingerprint
    with pytest.raises(ident.Pkcs12Unreadable):
        ident.import_pkcs12(blob, "fel")
    with pytest.raises(ident.Pkcs12Unreadable):
        ident.import_pkcs12(b"not a p12", "x")


def test_load_certificate_pem_der_and_garbage(org: ident.Identity) -> None:
    pem = org.certificate.to_pem()
    assert ident.load_certificate(pem).same_as(org.certificate)
    assert ident.load_certificate(org.certificate.der).same_as(org.certificate)
    with pytest.raises(ident.CertificateUnreadable):
        ident.load_certificate(b"\x00\x01junk")


def test_fingerprint_format_and_compare(org: ident.Identity) -> None:
    readable = org.certificate.fingerprint_readable
    groups = readable.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert ident.fingerprints_equal(readable, org.certificate.fingerprint)
    assert not ident.fingerprints_equal(readable, "00" * 32)


def _cert(attrs: list[x509.NameAttribute], days: int = 30, start_offset: int = -1):  # type: ignore[no-untyped-def]
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(attrs)
    now = NOW
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now + dt.timedelta(days=start_offset))
        .not_valid_after(now + dt.timedelta(days=start_offset + days))
        .sign(key, hashes.SHA256())
    )


def test_personal_certificate_detected() -> None:
    person = ident.Certificate(
        _cert(
            [
                x509.NameAttribute(NameOID.GIVEN_NAME, "Eva"),
                x509.NameAttribute(NameOID.SURNAME, "Exempelsson"),
                x509.NameAttribute(NameOID.COMMON_NAME, "Eva Exempelsson"),
            ]
        )
    )
    assert person.is_personal
    serial_only = ident.Certificate(
        _cert(
            [
                x509.NameAttribute(NameOID.SERIAL_NUMBER, "SE2321000000-ABCD"),
                x509.NameAttribute(NameOID.COMMON_NAME, "Någon"),
            ]
        )
    )
    assert serial_only.is_personal
    function = ident.Certificate(
        _cert(
            [
                x509.NameAttribute(NameOID.SERIAL_NUMBER, "SE2321000000-F001"),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Avhopparverksamheten"),
                x509.NameAttribute(NameOID.COMMON_NAME, "Funktionsbrevlåda"),
            ]
        )
    )
    assert not function.is_personal


def test_expired_and_future_certificates_refused() -> None:
    cn = [x509.NameAttribute(NameOID.COMMON_NAME, "Gammal")]
    expired = ident.Certificate(_cert(cn, days=2, start_offset=-10))
    future = ident.Certificate(_cert(cn, days=20, start_offset=5))
    with pytest.raises(ident.CertificateRefused):
        expired.require_valid(NOW)
    with pytest.raises(ident.CertificateRefused):
        future.require_valid(NOW)
    # an EC certificate cannot be a recipient of the PDF public-key handler
    with pytest.raises(ident.CertificateRefused):
        ident.Certificate(_cert(cn)).require_recipient(NOW)


def test_key_must_match_certificate(org: ident.Identity) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = ident.Identity(org.certificate, other)
    with pytest.raises(ident.CertificateRefused):
        ident.Identity.from_bytes(forged.to_bytes())


def test_one_time_passphrase_rules() -> None:
    seen = set()
    for _ in range(200):
        phrase = onetime.generate()
        assert phrase.isascii() and len(phrase) <= 32
        assert onetime.normalise(phrase.upper().replace("-", " ")) == phrase
        seen.add(phrase)
    assert len(seen) == 200
    assert onetime.entropy_bits() >= 100


def test_signing_and_encryption_key_usage() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Krypteringscertifikat")])
    now = NOW
    usage = x509.KeyUsage(False, False, True, False, False, False, False, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    encrypt_only = ident.Certificate(cert)
    assert encrypt_only.can_receive and not encrypt_only.can_sign
    encrypt_only.require_recipient(NOW)
    with pytest.raises(ident.CertificateRefused):
        encrypt_only.require_signer(NOW)
    blob = ident.Identity(encrypt_only, key)
    from cryptography.hazmat.primitives import serialization

    p12 = serialization.pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, serialization.NoEncryption()
    )
    with pytest.raises(ident.CertificateRefused):
        ident.import_pkcs12(p12, "")
    assert blob.certificate.same_as(encrypt_only)
