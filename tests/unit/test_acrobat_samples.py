"""The one command behind docs/ACROBAT.md writes the sample packets, the recipient's
PFX and the sender's certificate, prints the secrets, and the packets verify: the
certificate packet with the key from the PFX, the other with the printed passphrase."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader

from app.clock import SYSTEM
from app.crypto.identity import Certificate, import_pkcs12
from app.handover import verify
from app.handover.verify import Verdict

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "acrobat_samples.py"


def _run(out: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    found = dict(re.findall(r"^(lösenfras|lösenord) för \S+: (\S+)$", result.stdout, re.M))
    assert set(found) == {"lösenfras", "lösenord"}, result.stdout
    return {"phrase": found["lösenfras"], "pfx": found["lösenord"], "stdout": result.stdout}


def test_samples_command_writes_packets_that_verify(tmp_path: Path) -> None:
    out = tmp_path / "prov"
    printed = _run(out)
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "avsandare-exempel.cer",
        "mottagare-exempel.pfx",
        "utvag-exempel-certifikat.pdf",
        "utvag-exempel-losenfras.pdf",
    ]
    assert all(len(p) <= 32 and p.isascii() for p in (printed["phrase"], printed["pfx"]))
    sender = Certificate(
        x509.load_der_x509_certificate((out / "avsandare-exempel.cer").read_bytes())
    )
    assert "FIKTIV" in sender.common_name
    assert sender.fingerprint_readable in printed["stdout"]
    recipient = import_pkcs12((out / "mottagare-exempel.pfx").read_bytes(), printed["pfx"])
    now = SYSTEM.now()  # the samples are sealed on the computer's own date
    trusted = [sender.fingerprint]
    cert_packet = (out / "utvag-exempel-certifikat.pdf").read_bytes()
    opened = verify.open_packet(cert_packet, identities=[recipient], trusted=trusted, now=now)
    assert opened.verdict is Verdict.VALID_TRUSTED and opened.payload is not None
    phrase_packet = (out / "utvag-exempel-losenfras.pdf").read_bytes()
    opened = verify.open_packet(
        phrase_packet, passphrase=printed["phrase"], trusted=trusted, now=now
    )
    assert opened.verdict is Verdict.VALID_TRUSTED
    for packet in (cert_packet, phrase_packet):  # Acrobat-safe: no PDF MAC
        assert "/AuthCode" not in PdfFileReader(io.BytesIO(packet)).trailer
    # the PFX is the legacy form Acrobat imports (TripleDES), not AES/PBKDF2
    der = (out / "mottagare-exempel.pfx").read_bytes()
    assert bytes.fromhex("2a864886f70d010c0103") in der  # pbeWithSHAAnd3-KeyTripleDES-CBC
    assert bytes.fromhex("2a864886f70d01050d") not in der  # PBES2
