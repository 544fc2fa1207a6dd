"""Acrobat-safe sealing (issue 11): what a sealed file's encryption dictionary and
signature say, read back from the bytes, for certificate and passphrase packets; the
sender opens what it sent; unusable recipients and passphrases are refused before
anything is sealed; packets with the older ISO 32004 MAC still verify."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt.permissions import PubKeyPermissions, StandardPermissions
from pyhanko.pdf_utils.reader import PdfFileReader

from app.crypto.identity import Certificate, CertificateRefused, Identity
from app.errors import UsageError
from app.handover import render, seal, verify
from app.handover.verify import Verdict
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import identity

SENDER, RECEIVER = "Exempelby", "Mottagarstad"
PHRASE = "abcd-efgh-ijkm-npqr-stuv-wxyz"
BIT_13 = 1 << 12  # "tolerate a missing PDF MAC" (ISO 32004); cleared when a MAC is required


@pytest.fixture(scope="module")
def payload() -> dict:
    return sample_payload(4)


@pytest.fixture(scope="module")
def cert_packet(payload) -> bytes:
    return seal.seal_packet(payload, identity(SENDER), recipients=[identity(RECEIVER).certificate])


@pytest.fixture(scope="module")
def phrase_packet(payload) -> bytes:
    return seal.seal_packet(payload, identity(SENDER), passphrase=PHRASE)


def _reader(data: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(data), strict=True)


def _encrypt_dict(reader: PdfFileReader) -> generic.DictionaryObject:
    """The /Encrypt dictionary as written (it is never itself encrypted)."""
    ref = reader.trailer.raw_get("/Encrypt").reference
    encrypt = reader.get_object(ref, never_decrypt=True)
    assert isinstance(encrypt, generic.DictionaryObject)
    return encrypt


def _assert_no_mac(reader: PdfFileReader, encrypt: generic.DictionaryObject) -> None:
    assert "/KDFSalt" not in encrypt
    assert "/AuthCode" not in reader.trailer
    extensions = reader.root.get("/Extensions")
    assert extensions is None or not [k for k in extensions if "ISO" in str(k)]


def _assert_certified_whole_file(reader: PdfFileReader, data: bytes) -> None:
    (sig,) = reader.embedded_signatures
    assert str(sig.sig_object["/SubFilter"]) == "/ETSI.CAdES.detached"
    (proxy,) = reader.root["/Perms"]["/DocMDP"]["/Reference"]
    reference = proxy.decrypted if isinstance(proxy, generic.DecryptedObjectProxy) else proxy
    assert str(reference["/TransformMethod"]) == "/DocMDP"
    assert int(reference["/TransformParams"]["/P"]) == 1  # certification: no changes
    start, first, second, rest = (int(x) for x in sig.byte_range)
    assert start == 0 and second + rest == len(data) and data.rstrip().endswith(b"%%EOF")
    assert data[first : first + 1] == b"<" and data[second - 1 : second] == b">"


def _recipient_infos(encrypt: generic.DictionaryObject) -> list[cms.KeyTransRecipientInfo]:
    filt = encrypt["/CF"]["/DefaultCryptFilter"]
    assert str(filt["/CFM"]) == "/AESV3"
    infos = []
    for blob in filt["/Recipients"]:
        envelope = cms.ContentInfo.load(bytes(blob.original_bytes))
        assert envelope["content_type"].native == "enveloped_data"
        infos.extend(ri.chosen for ri in envelope["content"]["recipient_infos"])
    return infos


def test_certificate_packet_is_acrobat_safe(cert_packet) -> None:
    reader = _reader(cert_packet)
    encrypt = _encrypt_dict(reader)
    assert str(encrypt["/Filter"]) == "/Adobe.PubSec"
    assert str(encrypt["/SubFilter"]) == "/adbe.pkcs7.s5"
    assert int(encrypt["/V"]) == 5 and int(encrypt["/Length"]) == 256
    _assert_no_mac(reader, encrypt)
    infos = _recipient_infos(encrypt)
    assert {ri["key_encryption_algorithm"]["algorithm"].native for ri in infos} == {
        "rsaes_pkcs1v15"
    }
    serials = {ri["rid"].chosen["serial_number"].native for ri in infos}
    wanted = {identity(n).certificate.x509.serial_number for n in (SENDER, RECEIVER)}
    assert serials == wanted  # the recipient and the sender itself, nobody else
    result = reader.decrypt_pubkey(verify._KeptKeyDecrypter(identity(RECEIVER)))
    assert result.permission_flags is not None
    assert PubKeyPermissions.TOLERATE_MISSING_PDF_MAC in result.permission_flags
    _assert_certified_whole_file(reader, cert_packet)


def test_passphrase_packet_is_acrobat_safe(phrase_packet) -> None:
    reader = _reader(phrase_packet)
    encrypt = _encrypt_dict(reader)
    assert str(encrypt["/Filter"]) == "/Standard"
    assert int(encrypt["/V"]) == 5 and int(encrypt["/R"]) == 6
    assert int(encrypt["/Length"]) == 256 and "/SubFilter" not in encrypt
    assert int(encrypt["/P"]) & BIT_13
    _assert_no_mac(reader, encrypt)
    result = reader.decrypt(PHRASE)
    assert result.permission_flags is not None
    assert StandardPermissions.TOLERATE_MISSING_PDF_MAC in result.permission_flags
    _assert_certified_whole_file(reader, phrase_packet)


def test_the_sender_opens_what_it_sent(cert_packet, payload) -> None:
    opened = verify.open_packet(cert_packet, identities=[identity(SENDER)], now=NOW)
    assert opened.verdict is Verdict.VALID_UNKNOWN_SIGNER and opened.payload == payload
    stranger = verify.open_packet(cert_packet, identities=[identity("Annanstad")], now=NOW)
    assert stranger.verdict is Verdict.NOT_FOR_THIS_VAULT


def _identity(usage: x509.KeyUsage | None) -> Identity:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bara underskrift")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(11)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
    )
    if usage is not None:
        builder = builder.add_extension(usage, critical=True)
    return Identity(Certificate(builder.sign(key, hashes.SHA256())), key)


def _certificate(usage: x509.KeyUsage | None) -> Certificate:
    return _identity(usage).certificate


SIGN_ONLY = x509.KeyUsage(True, True, False, False, False, False, False, False, False)


@pytest.mark.parametrize("usage", [SIGN_ONLY, None], ids=["signing-only", "no-key-usage"])
def test_recipient_without_key_encipherment_is_refused_before_sealing(
    payload, usage, monkeypatch
) -> None:
    rendered: list[object] = []
    monkeypatch.setattr(render, "render", lambda p: rendered.append(p) or b"")
    with pytest.raises(CertificateRefused) as refused:
        seal.seal_packet(payload, identity(SENDER), recipients=[_certificate(usage)])
    assert "keyEncipherment" in refused.value.message
    assert "krypteringscertifikat" in refused.value.message
    assert not rendered


def test_refusal_reads_in_english_too(payload) -> None:
    from app.i18n import set_language

    set_language("en")
    try:
        with pytest.raises(CertificateRefused) as refused:
            seal.seal_packet(payload, identity(SENDER), recipients=[_certificate(SIGN_ONLY)])
        assert "encryption certificate" in refused.value.message
    finally:
        set_language("sv")


@pytest.mark.parametrize(
    "phrase", ["", "x" * 33, "räksmörgås-1234", "tab\there", "abcd\u00a0efgh", " abcd-efgh"]
)
def test_passphrase_outside_printable_ascii_or_too_long_is_refused(payload, phrase) -> None:
    with pytest.raises(UsageError) as refused:
        seal.seal_packet(payload, identity(SENDER), passphrase=phrase)
    assert "32 tecken" in refused.value.message


def test_longest_printable_passphrase_seals(payload) -> None:
    phrase = "~ZA" + "".join(chr(c) for c in range(0x21, 0x21 + 28)) + "}"
    assert len(phrase) == 32
    data = seal.seal_packet(payload, identity(SENDER), passphrase=phrase)
    opened = verify.open_packet(data, passphrase=phrase, now=NOW)
    assert opened.verdict is Verdict.VALID_UNKNOWN_SIGNER


def test_signing_only_sender_still_seals_to_its_recipients(payload) -> None:
    """A sender whose certificate cannot receive (signing only) is simply not added;
    one that can is added once, even when it is also a chosen recipient."""
    signer = _identity(SIGN_ONLY)
    data = seal.seal_packet(payload, signer, recipients=[identity(RECEIVER).certificate])
    serials = {ri["rid"].chosen["serial_number"].native for ri in _recipient_infos(
        _encrypt_dict(_reader(data)))}  # fmt: skip
    assert serials == {identity(RECEIVER).certificate.x509.serial_number}
    opened = verify.open_packet(data, identities=[identity(RECEIVER)], now=NOW)
    assert opened.verdict is Verdict.VALID_UNKNOWN_SIGNER
    own = identity(SENDER)
    assert len(seal.with_sender([own.certificate], own)) == 1


@pytest.fixture(scope="module")
def mac_packets(payload) -> dict[str, bytes]:
    """Packets as Utväg sealed them before issue 11: with an ISO 32004 PDF MAC."""
    document = render.render(payload)
    encoded = seal.schema.encode(payload)
    common = (document, encoded, seal.PACKET_ATTACHMENT, identity(SENDER))
    return {
        "cert": seal.seal_document(
            *common, recipients=[identity(RECEIVER).certificate], pdf_mac=True
        ),
        "phrase": seal.seal_document(*common, passphrase=PHRASE, pdf_mac=True),
    }


@pytest.mark.parametrize("kind", ["cert", "phrase"])
def test_packets_with_a_mac_still_verify_and_flips_are_caught(mac_packets, kind) -> None:
    data = mac_packets[kind]
    reader = _reader(data)
    assert "/AuthCode" in reader.trailer and "/KDFSalt" in _encrypt_dict(reader)
    kwargs = {"identities": [identity(RECEIVER)], "passphrase": PHRASE, "now": NOW}
    assert verify.open_packet(data, **kwargs).verdict is Verdict.VALID_UNKNOWN_SIGNER
    step = max(len(data) // 40, 1)
    for pos in range(9, len(data), step):
        mutated = bytearray(data)
        mutated[pos] ^= 0x20
        assert not verify.open_packet(bytes(mutated), **kwargs).verdict.is_valid, pos


def test_stripping_the_mac_is_caught(mac_packets) -> None:
    """Setting bit 13 again and dropping /AuthCode would make pyHanko skip the MAC; the
    whole-file signature must still refuse it."""
    data = mac_packets["phrase"]
    at = data.find(b"/AuthCode")
    assert at > 0
    stripped = data[:at] + b"/AuthCodf" + data[at + 9 :]
    opened = verify.open_packet(stripped, passphrase=PHRASE, now=NOW)
    assert not opened.verdict.is_valid and opened.payload is None


def _cms(data: bytes, passphrase: str) -> tuple[cms.ContentInfo, int, int]:
    reader = _reader(data)
    reader.decrypt(passphrase)
    (sig,) = reader.embedded_signatures
    return cms.ContentInfo.load(sig.pkcs7_content), int(sig.byte_range[1]), int(sig.byte_range[2])


def test_a_mac_token_grafted_onto_a_packet_without_mac_is_altered(payload, mac_packets) -> None:
    """The signature's unsigned attributes are outside what it signs: a packet sealed
    without a MAC must have none, so a MAC token copied in from an older packet fails."""
    plain = seal.seal_packet(payload, identity(SENDER), passphrase=PHRASE)
    token = _cms(mac_packets["phrase"], PHRASE)[0]["content"]["signer_infos"][0]["unsigned_attrs"]
    info, start, end = _cms(plain, PHRASE)
    info["content"]["signer_infos"][0]["unsigned_attrs"] = token
    contents = info.dump(force=True).hex().upper().encode()
    width = end - start - 2
    assert len(contents) <= width
    grafted = plain[:start] + b"<" + contents.ljust(width, b"0") + b">" + plain[end:]
    assert len(grafted) == len(plain)
    opened = verify.open_packet(grafted, passphrase=PHRASE, now=NOW)
    assert opened.verdict is Verdict.ALTERED and opened.payload is None
