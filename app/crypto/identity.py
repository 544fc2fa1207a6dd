"""Signing identities and certificates for sealed handover packets.

An :class:`Identity` is a certificate with its RSA private key. Identities are stored
inside the vault (``to_bytes``/``from_bytes``), never as loose files. Recipients of the
PDF public-key security handler need RSA keys, so identities the vault issues itself are
RSA-3072 with digitalSignature, nonRepudiation (pyHanko wants it for signing) and
keyEncipherment (to be an encryption recipient).

The signer's name in a sealed packet is readable without decrypting it, so the app
prefers organisation/function certificates and warns about personal ones
(:attr:`Certificate.is_personal`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import struct
from dataclasses import dataclass
from functools import cached_property

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ExtensionNotFound, KeyUsage
from cryptography.x509.oid import NameOID

from app.errors import Refused, ValidationError
from app.i18n import N_

RSA_BITS = 3072
DEFAULT_VALIDITY_DAYS = 3 * 365
_MAGIC = b"UTVID1"

#: Subject attributes that name a person (SITHS and eID person certificates carry them).
_PERSON_ATTRS = (NameOID.GIVEN_NAME, NameOID.SURNAME, NameOID.PSEUDONYM)
#: Attributes that mark an organisation or function certificate.
_ORG_ATTRS = (NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.TITLE)


class CertificateUnreadable(ValidationError):
    template = (
        "Certifikatet i {source} kunde inte läsas. Kontrollera att filen är PEM, DER eller .cer."
    )


class Pkcs12Unreadable(ValidationError):
    template = (
        "PKCS#12-filen kunde inte öppnas: fel lösenord eller skadad fil. "
        "Kontrollera lösenordet med den som utfärdade certifikatet."
    )


class CertificateRefused(Refused):
    template = "Certifikatet för {subject} kan inte användas: {reason}"


NO_KEY_ENCIPHERMENT = N_(
    "certifikatet får inte användas för kryptering (nyckelanvändningen keyEncipherment "
    "saknas), så paketet skulle inte gå att öppna. Be mottagaren om deras "
    "krypteringscertifikat, eller försegla med en engångslösenfras"
)


def format_fingerprint(digest: bytes) -> str:
    """SHA-256 as 16 groups of four hex digits, in four lines' worth, for reading aloud."""
    text = digest.hex().upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def fingerprints_equal(a: str, b: str) -> bool:
    """Compare two fingerprints in any spacing/case, in constant time."""
    norm_a = "".join(a.split()).replace(":", "").upper().encode()
    norm_b = "".join(b.split()).replace(":", "").upper().encode()
    return hmac.compare_digest(norm_a, norm_b)


@dataclass(frozen=True, eq=False)
class Certificate:
    """A read-only view of an X.509 certificate with what the UI shows about it."""

    x509: x509.Certificate

    @cached_property
    def der(self) -> bytes:
        return self.x509.public_bytes(serialization.Encoding.DER)

    @cached_property
    def sha256(self) -> bytes:
        return hashlib.sha256(self.der).digest()

    @property
    def fingerprint(self) -> str:
        """Hex SHA-256 (lower case, no spaces): the directory key."""
        return self.sha256.hex()

    @property
    def fingerprint_readable(self) -> str:
        return format_fingerprint(self.sha256)

    @property
    def subject(self) -> str:
        return self.x509.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        return self.x509.issuer.rfc4514_string()

    @property
    def common_name(self) -> str:
        return _attr(self.x509.subject, NameOID.COMMON_NAME) or self.subject

    @property
    def organisation(self) -> str:
        return _attr(self.x509.subject, NameOID.ORGANIZATION_NAME)

    @property
    def not_before(self) -> dt.datetime:
        return self.x509.not_valid_before_utc

    @property
    def not_after(self) -> dt.datetime:
        return self.x509.not_valid_after_utc

    @property
    def is_personal(self) -> bool:
        """Heuristic: a person's name attributes, or a serial number (personal id such as
        an HSA-id) without any organisational unit or function title."""
        subject = self.x509.subject
        if any(subject.get_attributes_for_oid(oid) for oid in _PERSON_ATTRS):
            return True
        has_serial = bool(subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER))
        has_org_unit = any(subject.get_attributes_for_oid(oid) for oid in _ORG_ATTRS)
        return has_serial and not has_org_unit

    @property
    def is_rsa(self) -> bool:
        return isinstance(self.x509.public_key(), rsa.RSAPublicKey)

    def _key_usage(self) -> KeyUsage | None:
        try:
            return self.x509.extensions.get_extension_for_class(KeyUsage).value
        except ExtensionNotFound:
            return None

    @property
    def can_sign(self) -> bool:
        """digitalSignature or nonRepudiation (either is accepted for a seal)."""
        usage = self._key_usage()
        return usage is None or usage.digital_signature or usage.content_commitment

    @property
    def can_receive(self) -> bool:
        """RSA with keyEncipherment named in its key usage (pyHanko and Acrobat wrap the
        packet's key with it; a certificate without the extension is refused too)."""
        usage = self._key_usage()
        return self.is_rsa and usage is not None and usage.key_encipherment

    def validity_problem(self, now: dt.datetime) -> str | None:
        """A Swedish reason if the certificate is not valid at ``now`` (from the
        session's clock), else None."""
        if now < self.not_before:
            return N_("certifikatet gäller inte ännu")
        if now > self.not_after:
            return N_("certifikatet har gått ut")
        return None

    def require_valid(self, now: dt.datetime) -> None:
        """Refuse an expired or not-yet-valid certificate for a new packet."""
        problem = self.validity_problem(now)
        if problem:
            raise CertificateRefused(subject=self.common_name, reason=problem)

    def require_recipient(self, now: dt.datetime) -> None:
        """Refuse, before anything is sealed, a certificate a packet cannot be encrypted
        to: expired, not RSA, or without keyEncipherment in its key usage."""
        self.require_valid(now)
        if not self.is_rsa:
            raise CertificateRefused(
                subject=self.common_name,
                reason=N_("mottagare måste ha en RSA-nyckel för kryptering (keyEncipherment)"),
            )
        if not self.can_receive:
            raise CertificateRefused(subject=self.common_name, reason=NO_KEY_ENCIPHERMENT)

    def require_signer(self, now: dt.datetime) -> None:
        self.require_valid(now)
        if not self.can_sign:
            raise CertificateRefused(
                subject=self.common_name,
                reason=N_("certifikatet får inte användas för underskrifter"),
            )

    def to_pem(self) -> bytes:
        return self.x509.public_bytes(serialization.Encoding.PEM)

    @cached_property
    def asn1(self) -> asn1_x509.Certificate:
        """The same certificate as asn1crypto (what pyHanko works with)."""
        return asn1_x509.Certificate.load(self.der)

    def same_as(self, other: Certificate) -> bool:
        return hmac.compare_digest(self.sha256, other.sha256)


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    found = name.get_attributes_for_oid(oid)
    value = found[0].value if found else ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def load_certificate(data: bytes, source: str = "filen") -> Certificate:
    """Read a certificate in PEM, DER or .cer (either encoding)."""
    try:
        if b"-----BEGIN" in data:
            return Certificate(x509.load_pem_x509_certificate(data))
        return Certificate(x509.load_der_x509_certificate(data))
    except (ValueError, TypeError) as exc:
        raise CertificateUnreadable(source=source) from exc


@dataclass(frozen=True, eq=False)
class Identity:
    """A certificate and its private key, the key parsed once and kept in memory."""

    certificate: Certificate
    key: rsa.RSAPrivateKey

    @cached_property
    def key_der(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @cached_property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(self.key_der)

    def to_bytes(self) -> bytes:
        """Serialise for storage inside the (encrypted) vault only."""
        key = self.key_der
        return _MAGIC + struct.pack(">I", len(key)) + key + self.certificate.der

    @classmethod
    def from_bytes(cls, blob: bytes) -> Identity:
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + 4:
            raise ValueError("not a stored Utväg identity")
        offset = len(_MAGIC)
        (key_len,) = struct.unpack(">I", blob[offset : offset + 4])
        key_der = blob[offset + 4 : offset + 4 + key_len]
        cert_der = blob[offset + 4 + key_len :]
        key = serialization.load_der_private_key(key_der, password=None)
        return cls._checked(Certificate(x509.load_der_x509_certificate(cert_der)), key)

    @classmethod
    def _checked(cls, cert: Certificate, key: object) -> Identity:
        if not isinstance(key, rsa.RSAPrivateKey):
            raise CertificateRefused(
                subject=cert.common_name, reason=N_("bara RSA-nycklar stöds för överlämning")
            )
        public = cert.x509.public_key()
        if not isinstance(public, rsa.RSAPublicKey) or (
            public.public_numbers() != key.public_key().public_numbers()
        ):
            raise CertificateRefused(
                subject=cert.common_name, reason=N_("nyckeln hör inte till certifikatet")
            )
        return cls(cert, key)


def create_identity(
    name: str,
    organisation: str,
    unit: str = "",
    *,
    now: dt.datetime,
    days: int = DEFAULT_VALIDITY_DAYS,
) -> Identity:
    """Issue a self-signed organisation/function identity (for pilots), valid from
    ``now`` (the session's clock; five minutes' grace) for ``days``."""
    if not name.strip() or not organisation.strip():
        raise ValidationError(field="namn", problem=N_("namn och organisation krävs"))
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()),
    ]
    if unit.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit.strip()))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, name.strip()))
    subject = x509.Name(attrs)
    start = now - dt.timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    return Identity(Certificate(builder.sign(key, hashes.SHA256())), key)


_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,  # nonRepudiation
    key_encipherment=True,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


def import_pkcs12(data: bytes, password: str) -> Identity:
    """Read a PKCS#12 file (certificate and key) protected by ``password``."""
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise Pkcs12Unreadable() from exc
    if key is None or cert is None:
        raise Pkcs12Unreadable()
    identity = Identity._checked(Certificate(cert), key)
    if not identity.certificate.can_sign:
        raise CertificateRefused(
            subject=identity.certificate.common_name,
            reason=N_("certifikatet får inte användas för underskrifter"),
        )
    return identity


def export_pkcs12(identity: Identity, password: str, friendly_name: str = "utvag") -> bytes:
    """For tests and interop checks (the recipient's key in a standard container)."""
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode(),
        identity.key,
        identity.certificate.x509,
        None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
