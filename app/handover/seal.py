"""Seal a rendered document: one pass in memory (design §4).

render → ``copy_into_new_writer`` → encrypt (public-key handler to the recipients'
certificates, AES-256; or a passphrase, revision 6) → embed the JSON → PAdES
certification signature allowing no changes. Returns the sealed bytes; the caller
writes them with :func:`app.fsutil.atomic_write`. Nothing else touches disk.

Acrobat-safe by default (issue 11): no ISO 32004 PDF MAC (the certification signature
already covers every byte of the encrypted file, and Acrobat's support for the MAC is
unknown), RSA PKCS#1 v1.5 key transport set explicitly (Acrobat does not read
RSAES-OAEP), the sender's own certificate among the recipients so the sender can open
what it sent, and one-time passphrases of printable ASCII, at most 32 characters
(poppler cuts longer passwords).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import secrets
from collections.abc import Sequence
from functools import cache
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.crypt.pubkey import RecipientEncryptionPolicy
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PdfFileWriter, copy_into_new_writer
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.crypto import onetime
from app.crypto.identity import Certificate, Identity
from app.errors import UsageError
from app.handover import render, schema
from app.i18n import N_

FIELD_NAME = "UtvagSeal"
PACKET_ATTACHMENT = "utvag-handover.json"
_LOGGERS = ("pyhanko", "pyhanko_certvalidator", "reportlab", "fontTools")
#: PKCS#1 v1.5 key transport (Acrobat reads no OAEP); key usage is checked beforehand
#: by :func:`check_parties`, with a Swedish message, so pyHanko's own check never fires.
_KEY_TRANSPORT = RecipientEncryptionPolicy(ignore_key_usage=False, prefer_oaep=False)


@cache
def silence_pdf_loggers() -> None:
    """pyHanko logs full tracebacks (with document content) when it rejects a file:
    stop its records here so no case data reaches any log handler."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [logging.NullHandler()]
        logger.propagate = False
        logger.setLevel(logging.CRITICAL + 1)


class _KeptKeySigner(signers.SimpleSigner):
    """SimpleSigner that signs with the already parsed key (the stock one re-parses
    the RSA key for every signature, ~90 ms each; design §4b)."""

    def __init__(self, identity: Identity) -> None:
        super().__init__(
            signing_cert=identity.certificate.asn1,
            signing_key=identity.asn1_key,
            cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
        )
        self._identity = identity

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        if digest_algorithm.lower() != "sha256":
            raise ValueError("only SHA-256 is used for packets")
        return self._identity.key.sign(data, PKCS1v15(), hashes.SHA256())


def _signature_meta() -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )


def seal_document(
    document: bytes,
    attachment: bytes,
    attachment_name: str,
    signer: Identity,
    *,
    recipients: Sequence[Certificate] = (),
    passphrase: str | None = None,
    pdf_mac: bool = False,
) -> bytes:
    """Encrypt, attach and certify ``document``; return the sealed bytes. Certificate
    packets are also encrypted to the signer's own certificate when it can receive.
    ``pdf_mac`` (off; Acrobat-safe) exists only to make packets as older versions did."""
    if bool(recipients) == (passphrase is not None):
        raise UsageError(N_("Välj antingen mottagarcertifikat eller en engångslösenfras."))
    silence_pdf_loggers()
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(document)))
    if recipients:
        certs = [c.asn1 for c in with_sender(recipients, signer)]
        writer.encrypt_pubkey(certs, policy=_KEY_TRANSPORT, pdf_mac=pdf_mac)
    else:
        assert passphrase is not None
        owner = secrets.token_urlsafe(32)
        user = onetime.require_sealable(passphrase)
        writer.encrypt(owner, user, pdf_mac=pdf_mac)  # type: ignore[no-untyped-call]
    _attach(writer, attachment, attachment_name)
    out = io.BytesIO()
    signers.PdfSigner(_signature_meta(), _KeptKeySigner(signer)).sign_pdf(writer, output=out)
    return out.getvalue()


def with_sender(recipients: Sequence[Certificate], signer: Identity) -> list[Certificate]:
    """The recipients plus the signer's own certificate (once), so the sender can open
    what it sent; a signing-only certificate (no keyEncipherment) is left out."""
    own = signer.certificate
    if not own.can_receive or any(own.same_as(c) for c in recipients):
        return list(recipients)
    return [*recipients, own]


def _attach(writer: PdfFileWriter, data: bytes, name: str) -> None:
    spec = embed.FileSpec(
        file_spec_string=name,
        file_name=name,
        embedded_data=embed.EmbeddedFileObject.from_file_data(
            writer, data, mime_type="application/json"
        ),
        description="Utväg",
    )
    embed.embed_file(writer, spec)


def check_parties(signer: Identity, recipients: Sequence[Certificate], now: dt.datetime) -> None:
    """Refuse a signer or recipient not valid at ``now``, or a non-RSA recipient."""
    signer.certificate.require_signer(now)
    for cert in recipients:
        cert.require_recipient(now)


def moment_of(stamp: str) -> dt.datetime:
    """An ISO 8601 time stamp from a packet or receipt as an aware moment (the parties
    are checked at the moment the packet says it was sealed, set by the session's clock)."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def seal_packet(
    payload: dict[str, Any],
    signer: Identity,
    *,
    recipients: Sequence[Certificate] = (),
    passphrase: str | None = None,
    document: bytes | None = None,
) -> bytes:
    """Validate ``payload``, render it (unless ``document``, the already previewed
    rendering, is given) and seal it."""
    schema.validate(payload)
    check_parties(signer, recipients, moment_of(payload["packet"]["sealed_at"]))
    pdf = document if document is not None else render.render(payload)
    return seal_document(
        pdf,
        schema.encode(payload),
        PACKET_ATTACHMENT,
        signer,
        recipients=recipients,
        passphrase=passphrase,
    )
