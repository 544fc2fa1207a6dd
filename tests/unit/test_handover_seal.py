"""Seal and verify: each way a packet can be wrong gets the right verdict, and no
exception or case data escapes."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.crypt import SimpleEnvelopeKeyDecrypter
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from app.crypto import onetime
from app.crypto.identity import CertificateRefused, create_identity
from app.errors import UsageError
from app.handover import seal, verify
from app.handover.verify import Verdict
from app.pdf.pages import secrecy_mark
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import identity

SENDER, RECEIVER, OTHER = "Exempelby", "Mottagarstad", "Annanstad"
PHRASE = "abcd-efgh-ijkm-npqr-stuv-wxyz"


@pytest.fixture(scope="module")
def payload() -> dict:
    return sample_payload(6)


@pytest.fixture(scope="module")
def packet(payload) -> bytes:
    return seal.seal_packet(payload, identity(SENDER), recipients=[identity(RECEIVER).certificate])


@pytest.fixture(scope="module")
def phrase_packet(payload) -> bytes:
    return seal.seal_packet(payload, identity(SENDER), passphrase=PHRASE)


def _open(data: bytes, **kwargs) -> verify.Opened:
    kwargs.setdefault("identities", [identity(RECEIVER)])
    kwargs.setdefault("trusted", [identity(SENDER).certificate.fingerprint])
    kwargs.setdefault("now", NOW)
    return verify.open_packet(data, **kwargs)


def test_valid_and_trusted(packet, payload) -> None:
    opened = _open(packet)
    assert opened.verdict is Verdict.VALID_TRUSTED and opened.payload == payload
    assert opened.signer.same_as(identity(SENDER).certificate)


def test_several_recipients_each_can_open(payload) -> None:
    recipients = [identity(RECEIVER).certificate, identity(OTHER).certificate]
    data = seal.seal_packet(payload, identity(SENDER), recipients=recipients)
    for name in (RECEIVER, OTHER):
        assert _open(data, identities=[identity(name)]).verdict is Verdict.VALID_TRUSTED


def test_unknown_signer_shows_fingerprint(packet) -> None:
    opened = _open(packet, trusted=[identity(OTHER).certificate.fingerprint])
    assert opened.verdict is Verdict.VALID_UNKNOWN_SIGNER
    assert identity(SENDER).certificate.fingerprint_readable in opened.message
    assert opened.payload is not None  # for the preview before the explicit decision


def test_packet_for_another_recipient(packet) -> None:
    opened = _open(packet, identities=[identity(OTHER)])
    assert opened.verdict is Verdict.NOT_FOR_THIS_VAULT and opened.payload is None
    assert _open(packet, identities=[]).verdict is Verdict.NOT_FOR_THIS_VAULT


def test_passphrase_packet(phrase_packet) -> None:
    assert _open(phrase_packet, passphrase=PHRASE).verdict is Verdict.VALID_TRUSTED
    spoken = PHRASE.upper().replace("-", " ")
    assert _open(phrase_packet, passphrase=spoken).verdict is Verdict.VALID_TRUSTED
    wrong = _open(phrase_packet, passphrase="abcd-efgh-ijkm-npqr-stuv-wxyy")
    assert wrong.verdict is Verdict.NOT_FOR_THIS_VAULT and "Lösenfrasen" in wrong.message
    assert _open(phrase_packet).verdict is Verdict.NOT_FOR_THIS_VAULT


def test_one_time_passphrase_seals(payload) -> None:
    phrase = onetime.generate()
    data = seal.seal_packet(payload, identity(SENDER), passphrase=phrase)
    assert _open(data, passphrase=phrase).verdict is Verdict.VALID_TRUSTED


def test_seal_needs_exactly_one_protection(payload) -> None:
    with pytest.raises(UsageError):
        seal.seal_packet(payload, identity(SENDER))
    with pytest.raises(UsageError):
        seal.seal_packet(
            payload,
            identity(SENDER),
            recipients=[identity(RECEIVER).certificate],
            passphrase=PHRASE,
        )


def test_expired_certificates(payload, packet) -> None:
    past = NOW - dt.timedelta(days=30)
    old = create_identity("Gammal funktion", "Exempelby kommun", days=2, now=past)
    with pytest.raises(CertificateRefused):
        seal.seal_packet(payload, old, recipients=[identity(RECEIVER).certificate])
    with pytest.raises(CertificateRefused):
        seal.seal_packet(payload, identity(SENDER), recipients=[old.certificate])
    # signed while valid, opened after the signer's certificate ran out
    later = NOW + dt.timedelta(days=4000)
    assert _open(packet, now=later).verdict is Verdict.EXPIRED
    # a packet forged with an expired certificate (bypassing the sealing checks)
    from app.handover import render, schema

    forged = seal.seal_document(
        render.render(payload),
        schema.encode(payload),
        seal.PACKET_ATTACHMENT,
        old,
        recipients=[identity(RECEIVER).certificate],
    )
    assert _open(forged, trusted=[old.certificate.fingerprint]).verdict is Verdict.EXPIRED


def test_expired_packet(payload) -> None:
    stale = dict(payload, packet=dict(payload["packet"], expires_at="2026-01-01T00:00:00+00:00"))
    data = seal.seal_packet(stale, identity(SENDER), recipients=[identity(RECEIVER).certificate])
    opened = _open(data)
    assert opened.verdict is Verdict.EXPIRED and opened.payload is None
    assert "2026-01-01" in opened.message


def test_flipped_bytes_never_verify(packet) -> None:
    verdicts = []
    step = max(len(packet) // 60, 1)
    for pos in range(7, len(packet), step):
        mutated = bytearray(packet)
        mutated[pos] ^= 0x41
        verdicts.append(_open(bytes(mutated)).verdict)
    assert not any(v.is_valid for v in verdicts)
    assert (
        verdicts.count(Verdict.ALTERED) + verdicts.count(Verdict.MALFORMED) >= len(verdicts) * 0.8
    )


def test_truncated_and_garbage(packet) -> None:
    for data in (packet[: len(packet) // 2], packet[:-30], b"", b"%PDF-1.7\n", b"\x00" * 100):
        assert _open(data).verdict is Verdict.MALFORMED


def _incremental(packet: bytes, change) -> bytes:
    """A recipient who holds the key appends a revision."""
    writer = IncrementalPdfFileWriter(io.BytesIO(packet))
    writer.encrypt_pubkey(
        SimpleEnvelopeKeyDecrypter(identity(RECEIVER).certificate.asn1, identity(RECEIVER).asn1_key)
    )
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_incremental_update_is_altered(packet) -> None:
    def add_info(writer) -> None:
        if "/Info" not in writer.trailer:
            writer.set_info(
                generic.DictionaryObject(
                    {generic.NameObject("/Title"): generic.TextStringObject("x")}
                )
            )
        writer.root[generic.NameObject("/Lang")] = generic.TextStringObject("en")
        writer.update_root()

    opened = _open(_incremental(packet, add_info))
    assert opened.verdict is Verdict.ALTERED and opened.payload is None


def test_swapped_attachment_is_altered(packet, payload) -> None:
    forged = dict(payload, legal_basis={"kind": "legal_provision", "text": "Förfalskad"})

    def swap(writer) -> None:
        from app.handover import schema

        spec = embed.FileSpec(
            file_spec_string=seal.PACKET_ATTACHMENT,
            embedded_data=embed.EmbeddedFileObject.from_file_data(writer, schema.encode(forged)),
        )
        names = writer.root["/Names"]["/EmbeddedFiles"]
        names["/Names"] = generic.ArrayObject(
            [
                generic.TextStringObject(seal.PACKET_ATTACHMENT),
                writer.add_object(spec.as_pdf_object()),
            ]
        )
        writer.update_container(names)

    opened = _open(_incremental(packet, swap))
    assert opened.verdict is Verdict.ALTERED and opened.payload is None


def test_no_case_data_reaches_logs(packet, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    mutated = bytearray(packet)
    mutated[len(packet) // 2] ^= 0xFF
    _open(bytes(mutated))
    _open(packet, identities=[identity(OTHER)])
    assert not [r for r in caplog.records if r.name.startswith(("pyhanko", "reportlab"))]


def test_preview_document_is_plain_and_unsigned(packet) -> None:
    from tests.unit.test_handover_support import open_plain, pdf_text

    plain = verify.preview_document(packet, identities=[identity(RECEIVER)])
    assert plain is not None and plain.startswith(b"%PDF")
    reader = open_plain(plain)
    assert reader.security_handler is None and not reader.embedded_signatures
    assert secrecy_mark() in pdf_text(reader)
    assert verify.preview_document(packet, identities=[identity(OTHER)]) is None


def test_changes_inside_the_unsigned_signature_field_are_altered(phrase_packet) -> None:
    """The /Contents hex is the one region the signature cannot cover: a flipped zero in
    its padding or a hex letter changed to the other case must not pass (found by the
    long fuzz run)."""
    from tests.unit.test_handover_support import open_plain

    reader = open_plain(phrase_packet)
    reader.decrypt(PHRASE)
    sig = reader.embedded_signatures[0]
    start, end = sig.byte_range[1], sig.byte_range[2]
    padding = bytearray(phrase_packet)
    padding[end - 3] = ord("1")
    gap = phrase_packet[start:end]
    letter = next(i for i in range(1, 400) if gap[i : i + 1] in b"ABCDEF")
    recased = bytearray(phrase_packet)
    recased[start + letter] ^= 0x20
    for data in (bytes(padding), bytes(recased)):
        assert _open(data, passphrase=PHRASE).verdict is Verdict.ALTERED


def test_signer_without_non_repudiation_is_accepted(payload) -> None:
    """Function certificates often carry digitalSignature only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    from app.crypto.identity import Certificate, Identity

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Avhopp"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Funktion"),
        ]
    )
    now = NOW
    usage = x509.KeyUsage(True, False, True, False, False, False, False, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(9)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    signer = Identity(Certificate(cert), key)
    data = seal.seal_packet(payload, signer, recipients=[identity(RECEIVER).certificate])
    opened = _open(data, trusted=[signer.certificate.fingerprint])
    assert opened.verdict is Verdict.VALID_TRUSTED


def test_payload_must_name_the_signer(payload) -> None:
    own = sample_payload(2, signer_fingerprint=identity(SENDER).certificate.fingerprint)
    good = seal.seal_packet(own, identity(SENDER), recipients=[identity(RECEIVER).certificate])
    assert _open(good).verdict is Verdict.VALID_TRUSTED
    other = sample_payload(2, signer_fingerprint=identity(OTHER).certificate.fingerprint)
    bad = seal.seal_packet(other, identity(SENDER), recipients=[identity(RECEIVER).certificate])
    opened = _open(bad)
    assert opened.verdict is Verdict.MALFORMED and opened.payload is None


def test_unsigned_parts_of_the_cms_cannot_change(phrase_packet) -> None:
    """The CMS digest-algorithm set is not covered by the signature; a changed length
    inside it once verified (found by the long fuzz run). Only canonical DER passes."""
    needle = b"310F300D06096086480165030402010500"
    at = phrase_packet.find(needle)
    assert at > 0
    mutated = (
        phrase_packet[:at]
        + b"310F300306096086480165030402010500"
        + phrase_packet[at + len(needle) :]
    )
    assert _open(mutated, passphrase=PHRASE).verdict is Verdict.ALTERED


def _replace_hex(packet: bytes, old: bytes, new: bytes) -> bytes:
    at = packet.find(old.hex().upper().encode())
    assert at > 0
    return packet[:at] + new.hex().upper().encode() + packet[at + len(old) * 2 :]


def test_changes_to_the_unsigned_cms_parts_are_altered(phrase_packet) -> None:
    sha256 = bytes.fromhex("0609608648016503040201")
    sha384 = bytes.fromhex("0609608648016503040202")
    other_algorithm = _replace_hex(phrase_packet, sha256, sha384)  # first: the digest set
    assert _open(other_algorithm, passphrase=PHRASE).verdict is Verdict.ALTERED
    renamed = _replace_hex(phrase_packet, b"Exempelby", b"Exempelbx")  # the signer's cert
    assert _open(renamed, passphrase=PHRASE).verdict in (Verdict.ALTERED, Verdict.MALFORMED)


def test_der_walker_refuses_non_canonical_lengths() -> None:
    from app.handover.cmscheck import CmsRejected, walk_der

    walk_der(bytes.fromhex("300602010102010a"))
    for bad in ("30810602010102010a", "3007020101", "300602010102020a", "1f0100"):
        with pytest.raises(CmsRejected):
            walk_der(bytes.fromhex(bad))


def test_mac_token_fields_cannot_change(payload) -> None:
    """The ISO 32004 MAC token's version is outside what its MAC covers (found by the
    long fuzz run): only pyHanko's exact shape passes. Packets are sealed without a MAC
    now (Acrobat-safe), but packets sealed with one must stay as strictly checked."""
    from app.handover import render, schema

    phrase_packet = seal.seal_document(
        render.render(payload),
        schema.encode(payload),
        seal.PACKET_ATTACHMENT,
        identity(SENDER),
        passphrase=PHRASE,
        pdf_mac=True,
    )
    assert _open(phrase_packet, passphrase=PHRASE).verdict is Verdict.VALID_TRUSTED
    version_v0 = bytes.fromhex("0201003146A3")  # AuthenticatedData v0, then recipientInfos
    at = phrase_packet.find(version_v0.hex().upper().encode())
    assert at > 0
    mutated = phrase_packet[:at] + b"020190" + phrase_packet[at + 6 :]
    assert _open(mutated, passphrase=PHRASE).verdict is Verdict.ALTERED


def test_attachment_size_is_capped(packet, monkeypatch) -> None:
    monkeypatch.setattr(verify, "MAX_ATTACHMENT_BYTES", 1000)
    opened = _open(packet)
    assert opened.verdict is Verdict.MALFORMED and "för stor" in opened.message
