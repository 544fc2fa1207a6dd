"""How tests/data/handover-v1/ was made (run once, on main before the schema became
handover-v2; kept for the record). Run: ``PYTHONPATH=. python tests/data/make_handover_v1.py``.

Frozen sealed packets of the first payload schema (``utvag-handover/1``), made by the
real export workflow from a fictional case (the test suite's ``populate``: threat
assessments, three safety plan versions, motivation, a consent, an actor, a task, a
transfer request and twelve journal entries, one corrected):

- ``phrase.pdf``: sealed to the one-time passphrase in ``PASSPHRASE.txt``;
- ``certificate.pdf``: sealed to ``receiver.p12`` (password in ``P12-PASSWORD.txt``);
- ``sender.pem``: the signer's certificate (compare its fingerprint to trust it);
- ``sender.p12``: the signer's identity, in case a future fixture must be signed alike.

Both identities are fictional, self-issued and valid 2026-01-01 to 2046-01-01, so the
packets verify at the suite's pinned moment (and on any date a test pins in between).
The receiving test is tests/unit/test_handover_v1_fixture.py.
"""

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from app.clock import FixedClock
from app.crypto.identity import create_identity, export_pkcs12
from app.crypto.kdf import TEST_PARAMS
from app.handover.basis import Basis, basis_options
from app.handover.workflow import ExportChoice, ExportFlow
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from app.store.transfer import TransferGround
from app.vault.vault import Profile, Vault

TARGET = Path(__file__).with_name("handover-v1")
PASSPHRASE = "v1fx-7k3m-q9pt-w4hz-r2nc-b8dj"  # a fixture's, fictional
P12_PASSWORD = "fixtur mottagare"
SEALED_AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
VALID_FROM = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
VALID_DAYS = (dt.datetime(2046, 1, 1, tzinfo=dt.UTC) - VALID_FROM).days
REF = "EXB-2025-0042"
SECTIONS = ("person", "threat", "safety_plan", "motivation", "consents", "actors", "tasks",
            "journal")  # fmt: skip


def _export(store: Store, choice: ExportChoice, passphrase: str | None) -> bytes:
    flow = ExportFlow(store, choice)
    flow.check()
    flow.prepare()
    return flow.seal(passphrase)


def main() -> None:
    from tests.unit.test_handover_support import populate  # the suite's fictional case

    if TARGET.exists():
        sys.exit(f"{TARGET} exists; fixtures are frozen")
    sender = create_identity("Avhopparverksamheten Fixturby", "Fixturby kommun",
                             now=VALID_FROM, days=VALID_DAYS)  # fmt: skip
    receiver = create_identity("Avhopparverksamheten Mottagarstad", "Mottagarstad kommun",
                               now=VALID_FROM, days=VALID_DAYS)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(SEALED_AT)
        vault, _key = Vault.create(
            Path(tmp) / "v", "fixtur avsändare", Profile("Karin Lindqvist", "Handläggare",
            "Fixturby", "Avhopparverksamheten"), params=TEST_PARAMS, bind_device=False,
            clock=clock,
        )  # fmt: skip
        store = Store(vault, clock=clock)
        store.set_identity(sender)
        store.set_roles([HANDOVER_OFFICER])
        populate(store)
        store.request_transfer(store.case_id_for_ref(REF), "Mottagarstad",
                               requested_on="2026-11-01", grounds=(TransferGround.THREAT,),
                               client_wishes="Vill bo nära sin syster.")  # fmt: skip
        basis = Basis.of_consent(basis_options(store, REF)[0])
        phrase = _export(store, ExportChoice(REF, SECTIONS, basis), PASSPHRASE)
        cert = _export(store, ExportChoice(REF, SECTIONS, basis, (receiver.certificate,)), None)
        vault.lock()
    TARGET.mkdir()
    (TARGET / "phrase.pdf").write_bytes(phrase)
    (TARGET / "certificate.pdf").write_bytes(cert)
    (TARGET / "PASSPHRASE.txt").write_text(PASSPHRASE + "\n")
    (TARGET / "P12-PASSWORD.txt").write_text(P12_PASSWORD + "\n")
    (TARGET / "receiver.p12").write_bytes(export_pkcs12(receiver, P12_PASSWORD))
    (TARGET / "sender.p12").write_bytes(export_pkcs12(sender, P12_PASSWORD))
    (TARGET / "sender.pem").write_bytes(sender.certificate.to_pem())
    shutil.rmtree(TARGET / "__pycache__", ignore_errors=True)
    print("fixture written", TARGET)


if __name__ == "__main__":
    main()
