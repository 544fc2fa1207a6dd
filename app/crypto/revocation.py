"""Revocation information used offline: CRLs and OCSP responses that came with a
certificate (PEM blocks beside it) or that IT imported. Nothing is ever fetched.

A statement counts only if its signature verifies with the issuer's key: the
certificate's own key when it is self-signed (the pilots' organisation identities), or
a certificate in the directory whose subject is the issuer. An unverifiable file is
kept but proves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from app.crypto.identity import Certificate
from app.errors import ValidationError
from app.i18n import N_

_PEM_CRL = re.compile(rb"-----BEGIN X509 CRL-----.+?-----END X509 CRL-----", re.S)


@dataclass(frozen=True)
class Statement:
    kind: str  # "crl" or "ocsp"
    der: bytes
    issuer: str  # as people read it (RFC 4514)


def _crl(der: bytes) -> x509.CertificateRevocationList:
    return x509.load_der_x509_crl(der)


def parse(data: bytes) -> list[Statement]:
    """Every CRL (PEM or DER) or OCSP response (DER) in ``data``; certificates beside
    them are ignored here. Nothing readable is a ``ValidationError``."""
    found = [_from_crl(x509.load_pem_x509_crl(m.group(0))) for m in _PEM_CRL.finditer(data)]
    if found or b"-----BEGIN" in data:
        return found
    for reader in (_from_der_crl, _from_ocsp):
        try:
            return [reader(data)]
        except ValueError:
            continue
    raise ValidationError(field=N_("spärrinformation"), problem=N_("varken CRL eller OCSP-svar"))


def _from_crl(crl: x509.CertificateRevocationList) -> Statement:
    der = crl.public_bytes(Encoding.DER)
    return Statement("crl", der, crl.issuer.rfc4514_string())


def _from_der_crl(data: bytes) -> Statement:
    return _from_crl(_crl(data))


def _from_ocsp(data: bytes) -> Statement:
    response = ocsp.load_der_ocsp_response(data)
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise ValueError("unsuccessful OCSP response")
    return Statement("ocsp", data, _responder(response))


def _responder(response: ocsp.OCSPResponse) -> str:
    name = response.responder_name
    return name.rfc4514_string() if name is not None else "OCSP"


def _issuer_keys(cert: Certificate, directory: Iterable[Certificate]) -> list[Any]:
    issuer = cert.x509.issuer
    keys = [c.x509.public_key() for c in directory if c.x509.subject == issuer]
    if cert.x509.subject == issuer:
        keys.append(cert.x509.public_key())
    return keys


def _signed_by(keys: list[Any], signature: bytes, data: bytes, algorithm: Any) -> bool:
    for key in keys:
        try:
            if isinstance(key, rsa.RSAPublicKey):
                key.verify(signature, data, padding.PKCS1v15(), algorithm)
            elif isinstance(key, ec.EllipticCurvePublicKey):
                key.verify(signature, data, ec.ECDSA(algorithm))
            else:
                continue
        except (InvalidSignature, UnsupportedAlgorithm, TypeError, ValueError):
            continue  # not this key (or an algorithm it cannot have signed with)
        return True
    return False


def _revoked_by(statement: Statement, cert: Certificate, keys: list[Any]) -> bool:
    serial = cert.x509.serial_number
    if statement.kind == "crl":
        crl = _crl(statement.der)
        if crl.issuer != cert.x509.issuer:
            return False
        if not any(crl.is_signature_valid(k) for k in keys):
            return False
        return crl.get_revoked_certificate_by_serial_number(serial) is not None
    response = ocsp.load_der_ocsp_response(statement.der)
    if not _signed_by(keys, response.signature, response.tbs_response_bytes,
                      response.signature_hash_algorithm):  # fmt: skip
        return False
    return any(
        single.serial_number == serial and single.certificate_status is ocsp.OCSPCertStatus.REVOKED
        for single in response.responses
    )


def revoked_by(
    cert: Certificate, statements: Iterable[Statement], directory: Iterable[Certificate]
) -> str | None:
    """Who says ``cert`` is revoked (a verified statement's issuer), or ``None``."""
    keys = _issuer_keys(cert, directory)
    for statement in statements:
        if keys and _revoked_by(statement, cert, keys):
            return statement.issuer
    return None
