"""kill -9 during an export never reuses a sequence number that left the building: a
packet file exists only if its export was recorded (journal entry, packet-log row and
audit event, one transaction), so after a crash the next export imports at the
receiver. Issue 8 §3."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.crypto.identity import Certificate
from app.handover.receiving import NextStep, ReceiveFlow
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from tests.conftest import REPO
from tests.crash_export import PROVISION
from tests.unit.test_handover_support import (
    PASSPHRASE,
    export_packet,
    identity,
    make_vault,
    populate,
)

RANDOM_TRIALS = 2


@pytest.fixture
def parties(tmp_path: Path) -> Iterator[tuple[Path, Store, Certificate, str]]:
    """The sender's vault folder (locked: the child opens it), a receiver that trusts
    the sender, the receiver's certificate and the case ref."""
    sender = Store(make_vault(tmp_path / "a", "Karin Lindqvist", "Exempelby", bind_device=False))
    receiver = Store(make_vault(tmp_path / "b", "Mona Berg", "Mottagarstad"))
    sender.set_identity(identity("Exempelby"))
    sender.set_roles([HANDOVER_OFFICER])
    receiver.set_identity(identity("Mottagarstad"))
    receiver.add_certificate(identity("Exempelby").certificate, trusted=True)
    ref = populate(sender)
    sender.vault.lock()
    yield tmp_path / "a", receiver, identity("Mottagarstad").certificate, ref
    receiver.vault.lock()


def run_child(folder: Path, ref: str, cert: Path, out: Path, pause: bool, delay: float) -> None:
    """Export in a child process and kill it after it wrote the sealed bytes."""
    mode = "pause" if pause else "go"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_export", str(folder), PASSPHRASE, ref, str(cert),
         str(out), mode],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "written"
        time.sleep(delay)  # pause: blocked before recording; go: somewhere in the record
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def exports(folder: Path) -> dict[str, int]:
    """Journal entries, packet-log rows and audit events of exports, counted."""
    store = Store(_unlock(folder))
    try:
        with store.vault.read() as conn:
            rows = conn.execute(
                "SELECT (SELECT count(*) FROM journal_revisions"
                "        WHERE text LIKE 'Förseglat överlämningspaket%'),"
                " (SELECT count(*) FROM handover_packets WHERE direction = 'out'),"
                " (SELECT count(*) FROM audit WHERE event = 'handover_exported')"
            ).fetchone()
        assert store.vault.check().problems == []
    finally:
        store.vault.lock()
    return {"journal": rows[0], "log": rows[1], "audit": rows[2]}


def _unlock(folder: Path):  # type: ignore[no-untyped-def]
    from app.vault.vault import Vault

    return Vault.unlock(folder, PASSPHRASE)


def deliver(receiver: Store, packet: Path) -> int:
    flow = ReceiveFlow(receiver, packet.read_bytes())
    assert flow.open().next is NextStep.IMPORT
    return flow.import_case().case_id


def export_again(folder: Path, ref: str, cert: Certificate, out: Path) -> Path:
    store = Store(_unlock(folder))
    try:
        export_packet(store, ref, out, sections=["threat"], recipients=(cert,), provision=PROVISION)
    finally:
        store.vault.lock()
    return out


def test_killed_between_writing_and_recording(parties, tmp_path: Path) -> None:
    folder, receiver, cert, ref = parties
    pem = tmp_path / "mottagare.pem"
    pem.write_bytes(cert.to_pem())
    killed = tmp_path / "killed.pdf"
    run_child(folder, ref, pem, killed, pause=True, delay=0.2)
    assert not killed.exists()  # no packet to send by mistake
    assert exports(folder) == {"journal": 0, "log": 0, "audit": 0}
    assert [p.name for p in tmp_path.glob(".killed.pdf.*.tmp")]  # only the sealed temp file
    deliver(receiver, export_again(folder, ref, cert, tmp_path / "next.pdf"))
    assert exports(folder) == {"journal": 1, "log": 1, "audit": 1}


def test_killed_anywhere_in_recording_never_reuses_a_sent_number(parties, tmp_path: Path) -> None:
    folder, receiver, cert, ref = parties
    pem = tmp_path / "mottagare.pem"
    pem.write_bytes(cert.to_pem())
    rng = random.Random(2026)
    imported = 0
    for trial in range(RANDOM_TRIALS):
        killed = tmp_path / f"killed-{trial}.pdf"
        run_child(folder, ref, pem, killed, pause=False, delay=rng.random() * 0.05)
        counts = exports(folder)
        assert counts["journal"] == counts["log"] == counts["audit"], counts  # all or nothing
        if killed.exists():  # a file that exists was recorded: it may have been sent
            deliver(receiver, killed)
            imported += 1
        deliver(receiver, export_again(folder, ref, cert, tmp_path / f"next-{trial}.pdf"))
        imported += 1
    assert len(receiver.case_rows()) == imported
