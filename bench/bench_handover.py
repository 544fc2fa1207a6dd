"""Sealed handover benchmark (issue 4): sealing a handover with 300 journal entries
against rendering the same PDF unsealed (target ≤ 1.5×), and verify + import of it
(target ≤ 1 s). Medians from the same run, interleaved so drift hits both sides.

    python bench/bench_handover.py            # 300 entries, 7 rounds
    python bench/bench_handover.py --quick    # 300 entries, 3 rounds (CI)
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.crypto.identity import create_identity
from app.crypto.kdf import TEST_PARAMS
from app.handover import render, seal, verify
from app.handover.payload_import import import_payload
from app.store import Store
from app.vault.vault import Profile, Vault
from bench.common import Row, print_table
from tests.handover_sample import sample_payload

ENTRIES = 300


def _clock(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    # the sample packets say when they were sealed: issue and check at that moment
    now = seal.moment_of(sample_payload(1)["packet"]["sealed_at"])
    sender = create_identity("Avhopparverksamheten", "Exempelby kommun", now=now)
    receiver = create_identity("Avhopparverksamheten", "Mottagarstad kommun", now=now)
    render.render(sample_payload(5))  # fonts registered, caches warm for both sides
    renders, seals, opens, imports = [], [], [], []
    packets = []
    for i in range(rounds):
        payload = sample_payload(ENTRIES, sequence=i + 1, seed=100 + i)
        t_render, _pdf = _clock(lambda p=payload: render.render(p))
        t_seal, data = _clock(
            lambda p=payload: seal.seal_packet(p, sender, recipients=[receiver.certificate])
        )
        renders.append(t_render)
        seals.append(t_seal)
        packets.append(data)
    with tempfile.TemporaryDirectory() as tmp:
        vault, _ = Vault.create(
            Path(tmp) / "v",
            "bänk lösenfras för test",
            Profile("Bänk", municipality="Mottagarstad"),
            params=TEST_PARAMS,
            bind_device=False,
        )
        store = Store(vault)
        for data in packets:
            t_open, opened = _clock(
                lambda d=data: verify.open_packet(
                    d, identities=[receiver], trusted=[sender.certificate.fingerprint], now=now
                )
            )
            assert opened.verdict is verify.Verdict.VALID_TRUSTED, opened.verdict
            t_import, _case = _clock(
                lambda o=opened, d=data: import_payload(
                    store,
                    o.payload,
                    signer_fingerprint=o.signer.fingerprint,
                    packet_sha256=hashlib.sha256(d).hexdigest(),
                )
            )
            opens.append(t_open)
            imports.append(t_open + t_import)
        vault.lock()
    _report(renders, seals, opens, imports, len(packets[0]))
    ratio = statistics.median(seals) / statistics.median(renders)
    return 0 if ratio <= 1.5 and statistics.median(imports) <= 1.0 else 1


def _report(
    renders: list[float], seals: list[float], opens: list[float], imports: list[float], size: int
) -> None:
    r, s = statistics.median(renders), statistics.median(seals)
    o, i = statistics.median(opens), statistics.median(imports)
    rows = [
        Row(f"render unsealed, {ENTRIES} entries", f"{r * 1000:.0f} ms", "", True),
        Row("render + seal (sign, encrypt, attach)", f"{s * 1000:.0f} ms", "", True),
        Row("seal / render", f"{s / r:.2f}×", "≤ 1.5×", s / r <= 1.5),
        Row("open + verify + validate schema", f"{o * 1000:.0f} ms", "", True),
        Row("verify + import as a new case", f"{i * 1000:.0f} ms", "≤ 1000 ms", i <= 1.0),
        Row("packet size", f"{size / 1024:.0f} KiB", "", True),
    ]
    print_table(f"Sealed handover ({len(renders)} rounds, medians)", rows)


if __name__ == "__main__":
    sys.exit(main())
