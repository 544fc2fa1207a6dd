"""Independent readers agree with our packets (issue 4 §6): poppler's ``pdfsig`` finds
a valid signature over the total document; ``qpdf`` decrypts a passphrase packet and
``pdftotext`` extracts its text; Apache PDFBox opens a certificate-sealed packet with
the recipient's PKCS#12.

Run by ``.ci/interop.sh``. A missing tool skips its test on a developer machine but
fails it when ``CI`` is set (CI must really run them)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.crypto.identity import create_identity, export_pkcs12
from app.handover import seal
from app.pdf.pages import secrecy_mark
from tests.conftest import NOW
from tests.handover_sample import sample_payload

pytestmark = pytest.mark.interop

PHRASE = "abcd-efgh-ijkm-npqr-stuv-wxyz"
JAVA_DIR = Path(os.environ.get("UTVAG_JAVA_DIR", "/usr/share/java"))
JARS = (
    "pdfbox2.jar",
    "fontbox2.jar",
    "commons-logging.jar",
    "bcprov.jar",
    "bcpkix.jar",
    "bcutil.jar",
)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required when CI is set (see .ci/interop.sh)")
        pytest.skip(f"{tool} not installed")
    return path


def need_jars() -> str:
    missing = [j for j in JARS if not (JAVA_DIR / j).exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"missing jars in {JAVA_DIR}: {missing}")
        pytest.skip(f"PDFBox jars not installed: {missing}")
    return os.pathsep.join(str(JAVA_DIR / j) for j in JARS)


@pytest.fixture(scope="module")
def parties():
    # Issued at the pinned moment the sample packets are sealed; the independent readers
    # check validity on the computer's own date, so the certificates last a century.
    return (
        create_identity("Avhopparverksamheten", "Exempelby kommun", now=NOW, days=36500),
        create_identity("Avhopparverksamheten", "Mottagarstad kommun", now=NOW, days=36500),
    )


@pytest.fixture(scope="module")
def phrase_packet(parties, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interop") / "pw.pdf"
    path.write_bytes(seal.seal_packet(sample_payload(8), parties[0], passphrase=PHRASE))
    return path


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


def test_pdfsig_total_document_signed(phrase_packet) -> None:
    result = run(need("pdfsig"), "-upw", PHRASE, str(phrase_packet))
    assert result.returncode == 0, result.stderr
    assert "Signature is Valid." in result.stdout
    assert "Total document signed" in result.stdout
    assert "ETSI.CAdES.detached" in result.stdout


def test_qpdf_decrypts_and_pdftotext_reads(phrase_packet, tmp_path) -> None:
    plain = tmp_path / "plain.pdf"
    result = run(need("qpdf"), f"--password={PHRASE}", "--decrypt", str(phrase_packet), str(plain))
    assert result.returncode in (0, 3), result.stderr  # 3: warnings only
    text = run(need("pdftotext"), str(plain), "-").stdout
    assert secrecy_mark() in text
    assert "Överlämning av ärende" in text and "Nowak-Öberg" in text
    wrong = run("qpdf", "--password=fel", "--decrypt", str(phrase_packet), str(tmp_path / "x.pdf"))
    assert wrong.returncode == 2


def test_pdfbox_opens_certificate_packet_with_recipient_p12(parties, tmp_path) -> None:
    java = need("java")
    classpath = need_jars()
    sender, receiver = parties
    packet = tmp_path / "pk.pdf"
    packet.write_bytes(
        seal.seal_packet(sample_payload(4), sender, recipients=[receiver.certificate])
    )
    p12 = tmp_path / "receiver.p12"
    p12.write_bytes(export_pkcs12(receiver, "interop-test"))
    source = Path(__file__).with_name("OpenWithKey.java")
    result = run(java, "-cp", classpath, str(source), str(packet), str(p12), "interop-test")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "encrypted: true" in result.stdout
    assert secrecy_mark() in result.stdout
    # the sender is a recipient too, so it can open what it sent (issue 11) ...
    own = tmp_path / "sender.p12"
    own.write_bytes(export_pkcs12(sender, "interop-test"))
    opened = run(java, "-cp", classpath, str(source), str(packet), str(own), "interop-test")
    assert opened.returncode == 0 and secrecy_mark() in opened.stdout
    # ... and nobody else can
    stranger = create_identity("Avhopparverksamheten", "Annanstad kommun", now=NOW, days=36500)
    other = tmp_path / "other.p12"
    other.write_bytes(export_pkcs12(stranger, "interop-test"))
    refused = run(java, "-cp", classpath, str(source), str(packet), str(other), "interop-test")
    assert refused.returncode != 0
