"""Sample packets for the Acrobat Reader protocol (docs/ACROBAT.md), all fictional.

Writes into one folder: a packet sealed to a recipient certificate, the same case
sealed to a one-time passphrase, the recipient's key as a PFX (PKCS#12 with the
legacy TripleDES/SHA-1 protection that Acrobat and every Windows version import), and
the sender's certificate (.cer) to trust in Acrobat. The passphrase and the PFX
password are printed once and stored nowhere.

    python3 dev.py samples [--out FOLDER]       (default: acrobat-samples)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.clock import SYSTEM
from app.crypto import onetime
from app.crypto.identity import DEFAULT_VALIDITY_DAYS, Identity, create_identity
from app.fsutil import atomic_write
from app.handover import seal
from tests.handover_sample import sample_payload

CERT_PACKET = "utvag-exempel-certifikat.pdf"
PHRASE_PACKET = "utvag-exempel-losenfras.pdf"
RECIPIENT_PFX = "mottagare-exempel.pfx"
SENDER_CER = "avsandare-exempel.cer"
FICTIONAL = "(FIKTIV, TEST)"


def legacy_pfx(identity: Identity, password: str) -> bytes:
    """PKCS#12 in the legacy TripleDES/SHA-1 form: Acrobat's own digital-ID import has
    been reported to refuse the AES/PBKDF2 form newer tools write by default (as a
    "wrong password"); every Windows version imports the legacy form."""
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(50_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .hmac_hash(hashes.SHA1())  # noqa: S303 - the PFX form Acrobat reads
        .build(password.encode("ascii"))
    )
    return pkcs12.serialize_key_and_certificates(
        b"Utvag mottagare (fiktiv)", identity.key, identity.certificate.x509, None, encryption
    )


def make_samples(folder: Path, now: dt.datetime) -> dict[str, str]:
    """Write the four files into ``folder``; return the secrets and fingerprints."""
    start = now - dt.timedelta(days=1)
    sender = create_identity(
        f"Avhopparverksamheten {FICTIONAL}", "Exempelby kommun", now=start,
        days=DEFAULT_VALIDITY_DAYS,
    )  # fmt: skip
    recipient = create_identity(
        f"Avhopparverksamheten {FICTIONAL}", "Mottagarstad kommun", now=start,
        days=DEFAULT_VALIDITY_DAYS,
    )  # fmt: skip
    payload = sample_payload(12, signer_fingerprint=sender.certificate.fingerprint)
    payload["packet"]["sealed_at"] = now.replace(microsecond=0).isoformat()
    phrase, pfx_password = onetime.generate(), onetime.generate()
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        CERT_PACKET: seal.seal_packet(payload, sender, recipients=[recipient.certificate]),
        PHRASE_PACKET: seal.seal_packet(payload, sender, passphrase=phrase),
        RECIPIENT_PFX: legacy_pfx(recipient, pfx_password),
        SENDER_CER: sender.certificate.der,
    }
    for name, data in files.items():
        atomic_write(folder / name, data)
    return {
        "passphrase": phrase,
        "pfx_password": pfx_password,
        "sender_fingerprint": sender.certificate.fingerprint_readable,
        "recipient_fingerprint": recipient.certificate.fingerprint_readable,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("acrobat-samples"))
    args = parser.parse_args()
    secrets = make_samples(args.out, SYSTEM.now())
    print(f"Fiktiva exempelpaket i {args.out.resolve()}:")
    for name in (CERT_PACKET, PHRASE_PACKET, RECIPIENT_PFX, SENDER_CER):
        print(f"  {name}")
    print(f"lösenfras för {PHRASE_PACKET}: {secrets['passphrase']}")
    print(f"lösenord för {RECIPIENT_PFX}: {secrets['pfx_password']}")
    print(f"avsändarens fingeravtryck (SHA-256): {secrets['sender_fingerprint']}")
    print(f"mottagarens fingeravtryck (SHA-256): {secrets['recipient_fingerprint']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
