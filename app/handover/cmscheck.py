"""Strict checks of the signature's CMS structure beyond what the signature covers.

A CMS SignedData has parts its signature does not protect: the digest-algorithm set,
the certificate bag, version numbers, lengths, unsigned attributes. pyHanko ignores
some of them, so a file with a change there could still verify (the long fuzz run
found such cases). A sealed packet has exactly the shape Utväg's sealing writes;
anything else is refused: canonical DER throughout, one signer, the signer's own
certificate only, and a self-issued signer certificate whose own signature holds."""

from __future__ import annotations

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature

from app.crypto.identity import Certificate


class CmsRejected(Exception):
    """The CMS structure is not the canonical shape of a sealed packet."""


def _length(blob: bytes, at: int) -> tuple[int, int]:
    """(content length, header size after the tag byte) with DER's minimal form."""
    if at >= len(blob):
        raise CmsRejected("truncated")
    first = blob[at]
    if first < 0x80:
        return first, 1
    count = first & 0x7F
    if count == 0 or count > 4 or at + 1 + count > len(blob):
        raise CmsRejected("length form")
    value = int.from_bytes(blob[at + 1 : at + 1 + count], "big")
    if value < 0x80 or blob[at + 1] == 0:
        raise CmsRejected("non-minimal length")
    return value, 1 + count


def walk_der(blob: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> None:
    """Every TLV in ``blob[start:end]`` is well formed, definite, minimally encoded and
    exactly nested (constructed values are walked recursively)."""
    end = len(blob) if end is None else end
    if depth > 64:
        raise CmsRejected("too deep")
    at = start
    while at < end:
        tag = blob[at]
        if tag == 0:  # end-of-contents: never in DER (zero padding pulled into a length)
            raise CmsRejected("end-of-contents")
        if tag & 0x1F == 0x1F:
            raise CmsRejected("multi-byte tag")
        length, header = _length(blob, at + 1)
        body = at + 1 + header
        if body + length > end:
            raise CmsRejected("overrun")
        if tag & 0x20:
            walk_der(blob, body, body + length, depth + 1)
        at = body + length


def check_signed_data(der: bytes, signer: Certificate, *, mac: bool = True) -> None:
    """Raise CmsRejected unless ``der`` is exactly the shape Utväg's sealing writes.
    ``mac``: the document carries an ISO 32004 MAC (packets sealed before issue 11), so
    the signature may carry its MAC token; without one, nothing may be unsigned."""
    walk_der(der)
    info = cms.ContentInfo.load(der)
    if info["content_type"].native != "signed_data":
        raise CmsRejected("content type")
    sd = info["content"]
    infos = sd["signer_infos"]
    if sd["version"].native != "v1" or len(infos) != 1:
        raise CmsRejected("signed data")
    si = infos[0]
    algos = [a.dump() for a in sd["digest_algorithms"]]
    if algos != [si["digest_algorithm"].dump()] or si["version"].native != "v1":
        raise CmsRejected("digest algorithms")
    encap = sd["encap_content_info"]
    if encap["content_type"].native != "data" or encap["content"].native is not None:
        raise CmsRejected("encapsulated content")
    certs = [c.chosen.dump() for c in sd["certificates"]]
    if certs != [signer.der] or sd["crls"].native is not None:
        raise CmsRejected("certificates")
    if si["digest_algorithm"].dump() != _SHA256 or si["signature_algorithm"].dump() != _RSA:
        raise CmsRejected("signer algorithms")
    _check_unsigned_attrs(si["unsigned_attrs"], mac)
    _require_self_signature(signer)


# DER of the algorithm identifiers pyHanko 0.38 writes (pinned in pyproject.toml).
_SHA256 = bytes.fromhex("300d06096086480165030402010500")
_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
_MAC_ALGOS = {
    "kdf": bytes.fromhex("a00806062881fa040101"),
    "kek": bytes.fromhex("300b060960864801650304012d"),
    "mac": bytes.fromhex("300a06082a864886f70d0209"),
    "digest": bytes.fromhex("a10d06096086480165030402010500"),
}
_AUTH_ATTRS = ["content_type", "cms_algorithm_protection", "message_digest"]


def _check_unsigned_attrs(attrs: cms.CMSAttributes, mac: bool) -> None:
    """Only the ISO 32004 MAC token may be unsigned, in exactly pyHanko's shape, and
    only in a document with a MAC: its MAC covers the document and signature digests,
    not its own version fields. A packet without a MAC has no unsigned attributes."""
    items = list(attrs) if attrs.native is not None else []
    if not items:
        return
    if not mac or len(items) != 1 or items[0]["type"].native != "pdf_mac_data":
        raise CmsRejected("unsigned attributes")
    values = items[0]["values"]
    if len(values) != 1 or values[0]["content_type"].native != "authenticated_data":
        raise CmsRejected("mac token")
    ad = values[0]["content"]
    recipients = ad["recipient_infos"]
    if (
        ad["version"].native != "v0"
        or ad["originator_info"].native is not None
        or ad["unauth_attrs"].native is not None
        or len(recipients) != 1
        or recipients[0].name != "pwri"
        or recipients[0].chosen["version"].native != "v0"
    ):
        raise CmsRejected("mac token")
    found = {
        "kdf": recipients[0].chosen["key_derivation_algorithm"].dump(),
        "kek": recipients[0].chosen["key_encryption_algorithm"].dump(),
        "mac": ad["mac_algorithm"].dump(),
        "digest": ad["digest_algorithm"].dump(),
    }
    info = ad["encap_content_info"]
    if found != _MAC_ALGOS or info["content_type"].native != "pdf_mac_integrity_info":
        raise CmsRejected("mac token")
    if info["content"].parsed["version"].native != 0:
        raise CmsRejected("mac token")
    auth = ad["auth_attrs"]
    if [a["type"].native for a in auth] != _AUTH_ATTRS or any(len(a["values"]) != 1 for a in auth):
        raise CmsRejected("mac token")


def _require_self_signature(cert: Certificate) -> None:
    """A self-issued certificate (the vault's pilot identities) must carry a valid
    signature by its own key; otherwise a changed byte in it would only look like an
    unknown signer. CA-issued certificates are pinned by fingerprint instead."""
    raw = cert.x509
    if raw.issuer != raw.subject:
        return
    try:
        raw.verify_directly_issued_by(raw)
    except (ValueError, TypeError, InvalidSignature, x509.UnsupportedGeneralNameType) as exc:
        raise CmsRejected("self-signature") from exc
