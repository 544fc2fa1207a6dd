"""Open and verify a sealed packet (design §4, "Receiving").

Order matters: decrypt first (a wrong key shows as a failed status, not an exception),
then require exactly one signature that is intact, covers the entire file, is a PAdES
certification allowing no changes and whose signer is valid now; then pin the signer
to the trusted directory; only then read and schema-validate the attachment. Any
exception on the way maps to a verdict: a packet never crashes the app."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import (
    AuthStatus,
    PubKeySecurityHandler,
    SimpleEnvelopeKeyDecrypter,
    StandardSecurityHandler,
)
from pyhanko.pdf_utils.crypt.api import PdfMacStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.crypto import onetime
from app.crypto.identity import Certificate, Identity, fingerprints_equal
from app.errors import UtvagError
from app.handover import schema
from app.handover.cmscheck import CmsRejected, check_signed_data
from app.handover.seal import FIELD_NAME, PACKET_ATTACHMENT, silence_pdf_loggers
from app.i18n import N_, _

PADES = "/ETSI.CAdES.detached"
MAX_PACKET_BYTES = 256 * 1024 * 1024  # far above any real case; refuses absurd inputs early
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
#: Organisation/function certificates often carry digitalSignature without
#: nonRepudiation (pyHanko's default demand); either one is accepted for a seal.
_SIGNING_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


class Verdict(StrEnum):
    VALID_TRUSTED = "valid_trusted"
    VALID_UNKNOWN_SIGNER = "valid_unknown_signer"
    ALTERED = "altered"
    NOT_FOR_THIS_VAULT = "not_for_this_vault"
    MALFORMED = "malformed"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def is_valid(self) -> bool:
        return self in (Verdict.VALID_TRUSTED, Verdict.VALID_UNKNOWN_SIGNER)

    @property
    def label(self) -> str:
        return _(VERDICT_LABELS[self])


VERDICT_LABELS = {
    Verdict.VALID_TRUSTED: N_("Giltigt och betrott"),
    Verdict.VALID_UNKNOWN_SIGNER: N_("Giltigt men okänd avsändare"),
    Verdict.ALTERED: N_("Ändrat efter förseglingen"),
    Verdict.NOT_FOR_THIS_VAULT: N_("Inte avsett för det här valvet"),
    Verdict.MALFORMED: N_("Felaktigt eller skadat paket"),
    Verdict.EXPIRED: N_("Utgånget"),
    Verdict.REVOKED: N_("Avsändarens certifikat är återkallat"),
}

R_NEEDS_PASSPHRASE = N_(
    "Paketet är låst med en engångslösenfras. Be avsändaren läsa upp lösenfrasen per "
    "telefon och försök igen."
)
R_WRONG_PASSPHRASE = N_(
    "Lösenfrasen stämmer inte. Kontrollera den med avsändaren (bindestreck och "
    "mellanslag spelar ingen roll)."
)
R_NOT_RECIPIENT = N_(
    "Paketet är krypterat till en annan mottagare. Kontrollera med avsändaren att det "
    "förseglades till det här valvets certifikat (jämför fingeravtrycket)."
)
R_ALTERED = N_(
    "Paketet har ändrats efter att det förseglades ({detail}). Använd det inte; be "
    "avsändaren skicka paketet på nytt."
)
R_MALFORMED = N_(
    "Filen är inte ett läsbart förseglat Utväg-paket ({detail}). Kontrollera att hela "
    "filen kom fram och be annars avsändaren skicka den igen."
)
R_SIGNER_EXPIRED = N_(
    "Avsändarens certifikat gäller inte längre ({detail}). Be avsändaren försegla ett "
    "nytt paket med ett giltigt certifikat."
)
R_PACKET_EXPIRED = N_(
    "Paketet gällde till {date} och har gått ut. Be avsändaren skicka ett nytt paket."
)
R_SIGNER_REVOKED = N_(
    "Avsändarens certifikat är återkallat enligt spärrinformation från {detail}. Använd "
    "inte paketet; kontakta avsändaren på ett känt telefonnummer."
)
R_TRUSTED = N_("Underskriften är giltig och avsändaren finns i er betrodda katalog.")
R_UNKNOWN = N_(
    "Underskriften är giltig men avsändaren finns inte bland era betrodda certifikat. "
    "Ring avsändaren via ett känt nummer och jämför fingeravtrycket {fingerprint} innan "
    "ni litar på paketet."
)


@dataclass(frozen=True)
class Opened:
    """The outcome of opening a sealed file."""

    verdict: Verdict
    reason: str  # Swedish source text, already formatted
    signer: Certificate | None = None
    payload: dict[str, Any] | None = None
    signed_at: dt.datetime | None = None
    details: dict[str, str] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str | None:
        return self.signer.fingerprint_readable if self.signer else None

    @property
    def message(self) -> str:
        return _(self.reason).format(**self.details)

    @property
    def needs_passphrase(self) -> bool:
        """Sealed to a one-time passphrase that was not given, or not the right one."""
        return self.reason in (R_NEEDS_PASSPHRASE, R_WRONG_PASSPHRASE)


class _Reject(Exception):
    def __init__(self, verdict: Verdict, reason: str, **details: str) -> None:
        super().__init__(verdict.value)
        self.verdict, self.reason, self.details = verdict, reason, details


class _KeptKeyDecrypter(SimpleEnvelopeKeyDecrypter):
    """Decrypts the envelope key with the already parsed RSA key (the stock decrypter
    re-parses it for every call, which costs more than the RSA operation)."""

    def __init__(self, identity: Identity) -> None:
        super().__init__(identity.certificate.asn1, identity.asn1_key)
        self._identity = identity

    def decrypt(self, encrypted_key: bytes, algo_params: Any) -> bytes:
        if algo_params["algorithm"].native != "rsaes_pkcs1v15":
            return bytes(super().decrypt(encrypted_key, algo_params))
        return self._identity.key.decrypt(encrypted_key, PKCS1v15())


def _altered(detail: str) -> _Reject:
    return _Reject(Verdict.ALTERED, R_ALTERED, detail=_(detail))


def _decrypt(reader: PdfFileReader, identities: Sequence[Identity], passphrase: str | None) -> bool:
    """Decrypt ``reader`` in place; True if the file carries a (valid) PDF MAC."""
    handler = reader.security_handler
    if handler is None:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("inte krypterat"))
    if isinstance(handler, PubKeySecurityHandler):
        for ident in identities:
            result = reader.decrypt_pubkey(_KeptKeyDecrypter(ident))
            if result is not None and result.mac_status == PdfMacStatus.FAILED:
                raise _altered(N_("krypteringens kontrollsumma stämmer inte"))
            if result is not None and result.status != AuthStatus.FAILED:
                return _require_mac(result.mac_status)
        raise _Reject(Verdict.NOT_FOR_THIS_VAULT, R_NOT_RECIPIENT)
    if isinstance(handler, StandardSecurityHandler):
        if not passphrase:
            raise _Reject(Verdict.NOT_FOR_THIS_VAULT, R_NEEDS_PASSPHRASE)
        result = reader.decrypt(onetime.normalise(passphrase))
        if result is not None and result.mac_status == PdfMacStatus.FAILED:
            raise _altered(N_("krypteringens kontrollsumma stämmer inte"))
        if result is None or result.status == AuthStatus.FAILED:
            raise _Reject(Verdict.NOT_FOR_THIS_VAULT, R_WRONG_PASSPHRASE)
        return _require_mac(result.mac_status)
    raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("okänd krypteringsmetod"))


def _require_mac(status: PdfMacStatus | None) -> bool:
    """Packets are sealed without an ISO 32004 MAC (Acrobat-safe); older ones carry
    one, which pyHanko then checks. Either way the certification signature, checked
    next, must cover every byte of the file, so a stripped MAC is caught there."""
    if status not in (PdfMacStatus.SUCCESSFUL, PdfMacStatus.NOT_APPLICABLE):
        raise _altered(N_("krypteringens kontrollsumma stämmer inte"))
    return status == PdfMacStatus.SUCCESSFUL


def _only_signature(reader: PdfFileReader) -> EmbeddedPdfSignature:
    signatures = reader.embedded_signatures
    if len(signatures) != 1:
        raise _altered(N_("paketet ska ha exakt en underskrift"))
    sig: EmbeddedPdfSignature = signatures[0]
    if sig.field_name != FIELD_NAME or str(sig.sig_object.get("/SubFilter")) != PADES:
        raise _altered(N_("underskriften är inte Utvägs PAdES-försegling"))
    if sig.docmdp_level != MDPPerm.NO_CHANGES:
        raise _altered(N_("underskriften tillåter ändringar"))
    return sig


def _der_length(blob: bytes) -> int:
    """Length of the DER value at the start of ``blob`` (header included)."""
    if len(blob) < 2 or blob[0] != 0x30:
        raise _altered(N_("underskriften är skadad"))
    first = blob[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(blob) < 2 + count:
        raise _altered(N_("underskriften är skadad"))
    return 2 + count + int.from_bytes(blob[2 : 2 + count], "big")


def _check_unsigned_gap(
    data: bytes, sig: EmbeddedPdfSignature, signer: Certificate, mac: bool
) -> None:
    """The only bytes a signature cannot cover are its own /Contents: require them to
    be exactly what the sealing wrote (upper-case hex of the CMS, then zero padding),
    so that no byte of a verified file differs from the sealed one."""
    contents: bytes = sig.pkcs7_content
    first_end, second_start = int(sig.byte_range[1]), int(sig.byte_range[2])
    gap = data[first_end:second_start]
    if gap != b"<" + contents.hex().upper().encode("ascii") + b">":
        raise _altered(N_("underskriftens fält har ändrats"))
    length = _der_length(contents)
    if any(contents[length:]):
        raise _altered(N_("underskriftens fält har ändrats"))
    try:
        check_signed_data(contents[:length], signer, mac=mac)
    except (CmsRejected, ValueError, TypeError, KeyError) as exc:
        raise _altered(N_("underskriftens fält har ändrats")) from exc


def _check_signature(
    sig: EmbeddedPdfSignature, signer: Certificate, now: dt.datetime
) -> PdfSignatureStatus:
    problem = signer.validity_problem(now)
    if problem:
        raise _Reject(Verdict.EXPIRED, R_SIGNER_EXPIRED, detail=_(problem))
    context = ValidationContext(
        trust_roots=[signer.asn1], allow_fetching=False, revocation_mode="soft-fail", moment=now
    )
    status = validate_pdf_signature(sig, context, key_usage_settings=_SIGNING_USAGE)
    if not (status.intact and status.valid):
        raise _altered(N_("underskriften stämmer inte med innehållet"))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise _altered(N_("något har lagts till efter underskriften"))
    if not status.docmdp_ok or not status.bottom_line:
        raise _altered(N_("underskriften kunde inte bekräftas"))
    return status


def _attachment(reader: PdfFileReader, name: str) -> bytes:
    names = reader.root["/Names"]["/EmbeddedFiles"]
    if "/Kids" in names:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("oväntade bilagor"))
    pairs = names["/Names"]
    if len(pairs) != 2 or str(pairs[0]) != name:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("bilagan saknas"))
    stream = pairs[1]["/EF"]["/F"]
    if not isinstance(stream, generic.StreamObject):
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("bilagan saknas"))
    return _inflate(stream)


def _inflate(stream: generic.StreamObject) -> bytes:
    """The attachment, decompressed with a ceiling: even a validly signed packet from
    an unknown sender must not be able to exhaust memory with a compression bomb."""
    if str(stream.get("/Filter")) != "/FlateDecode" or "/DecodeParms" in stream:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("bilagan har fel format"))
    inflater = zlib.decompressobj()
    data = inflater.decompress(bytes(stream.encoded_data), MAX_ATTACHMENT_BYTES)
    if inflater.unconsumed_tail or not inflater.eof:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("bilagan är för stor"))
    return data


def open_sealed(
    data: bytes,
    *,
    identities: Sequence[Identity] = (),
    passphrase: str | None = None,
    trusted: Collection[str] = (),
    attachment: str = PACKET_ATTACHMENT,
    decode: Callable[[bytes], dict[str, Any]] = schema.decode,
    now: dt.datetime,
) -> Opened:
    """Open ``data`` with the vault's identities or a passphrase and verify it.
    ``trusted`` holds the fingerprints of the directory's trusted certificates; ``now``
    (from the session's clock) is the moment certificates and expiry are checked at."""
    silence_pdf_loggers()
    try:
        return _open(data, identities, passphrase, trusted, attachment, decode, now)
    except _Reject as reject:
        return Opened(reject.verdict, reject.reason, details=reject.details)
    except UtvagError:  # the payload decoder's PayloadInvalid
        return Opened(Verdict.MALFORMED, R_MALFORMED, details={"detail": _("fel format")})
    except Exception:  # any parser failure is a malformed packet
        return Opened(Verdict.MALFORMED, R_MALFORMED, details={"detail": _("kan inte läsas")})


def _open(
    data: bytes,
    identities: Sequence[Identity],
    passphrase: str | None,
    trusted: Collection[str],
    attachment: str,
    decode: Callable[[bytes], dict[str, Any]],
    now: dt.datetime,
) -> Opened:
    if len(data) > MAX_PACKET_BYTES:
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("filen är för stor"))
    if not data.startswith(b"%PDF-"):
        raise _Reject(Verdict.MALFORMED, R_MALFORMED, detail=_("inte en PDF-fil"))
    reader = PdfFileReader(io.BytesIO(data), strict=True)
    mac = _decrypt(reader, identities, passphrase)
    sig = _only_signature(reader)
    signer = Certificate(x509.load_der_x509_certificate(_cert_der(sig.signer_cert)))
    status = _check_signature(sig, signer, now)
    _check_unsigned_gap(data, sig, signer, mac)
    signed_at = status.signer_reported_dt
    is_trusted = any(fingerprints_equal(signer.fingerprint, f) for f in trusted)
    payload = decode(_attachment(reader, attachment))
    expires = (payload.get("packet") or {}).get("expires_at")
    if expires and dt.datetime.fromisoformat(expires.replace("Z", "+00:00")) < now:
        return Opened(
            Verdict.EXPIRED, R_PACKET_EXPIRED, signer, None, signed_at, {"date": expires[:10]}
        )
    if is_trusted:
        return Opened(Verdict.VALID_TRUSTED, R_TRUSTED, signer, payload, signed_at)
    return Opened(
        Verdict.VALID_UNKNOWN_SIGNER,
        R_UNKNOWN,
        signer,
        payload,
        signed_at,
        {"fingerprint": signer.fingerprint_readable},
    )


def _cert_der(cert: asn1_x509.Certificate) -> bytes:
    return bytes(cert.dump())


def open_packet(
    data: bytes,
    *,
    identities: Sequence[Identity] = (),
    passphrase: str | None = None,
    trusted: Collection[str] = (),
    now: dt.datetime,
) -> Opened:
    """Open a handover packet; ``payload`` is set only for a valid verdict. The
    sender's certificate named inside the signed payload must be the signer's."""
    opened = open_sealed(
        data, identities=identities, passphrase=passphrase, trusted=trusted, now=now
    )
    claimed = ((opened.payload or {}).get("sender") or {}).get("identity_fingerprint")
    if opened.signer and claimed and not fingerprints_equal(claimed, opened.signer.fingerprint):
        detail = _("avsändaruppgifterna stämmer inte med underskriften")
        return Opened(Verdict.MALFORMED, R_MALFORMED, details={"detail": detail})
    return opened


def preview_document(
    data: bytes, *, identities: Sequence[Identity] = (), passphrase: str | None = None
) -> bytes | None:
    """The packet's document decrypted into memory for the in-app preview (never
    written). Call only after a valid verdict; the signature is left out because the
    copy is no longer the signed file. None if it cannot be decrypted."""
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    silence_pdf_loggers()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        _decrypt(reader, identities, passphrase)
        writer = copy_into_new_writer(reader)
        for key in ("/AcroForm", "/Perms", "/Names"):
            writer.root.pop(key, None)
        for index in range(int(writer.root["/Pages"]["/Count"])):
            page = writer.find_page_for_modification(index)[0].get_object()  # type: ignore[no-untyped-call]
            page.pop("/Annots", None)
        out = io.BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]
        return out.getvalue()
    except Exception:  # a packet that cannot be previewed simply has no preview
        return None
