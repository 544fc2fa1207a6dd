"""Long fuzz run over sealed handover packets (issue 4: at least 10,000 mutations).

Every mutated packet must give a verdict (no exception escapes) and none may verify or
yield a payload. Prints the verdict counts; exit status 1 on any failure.

    python scripts/fuzz_handover.py --n 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time

from app.crypto.identity import create_identity
from app.handover import seal, verify
from app.handover.mutate import KINDS, mutate
from tests.handover_sample import sample_payload

PHRASE = "fuzz-phrase"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - fuzz positions, not secrets
    payload = sample_payload(3)
    now = seal.moment_of(payload["packet"]["sealed_at"])  # issued and checked then
    sender = create_identity("Avhopparverksamheten", "Exempelby kommun", now=now)
    receiver = create_identity("Avhopparverksamheten", "Mottagarstad kommun", now=now)
    packets = {
        "cert": seal.seal_packet(payload, sender, recipients=[receiver.certificate]),
        "phrase": seal.seal_packet(payload, sender, passphrase=PHRASE),
    }
    for protection, packet in packets.items():  # unmutated, each one verifies
        intact = verify.open_packet(
            packet, identities=[receiver], passphrase=PHRASE,
            trusted=[sender.certificate.fingerprint], now=now,
        )  # fmt: skip
        if not intact.verdict.is_valid:
            print(f"the unmutated {protection} packet does not verify", file=sys.stderr)
            return 1
    counts: collections.Counter[str] = collections.Counter()
    failures = 0
    start = time.perf_counter()
    for i in range(args.n):
        protection = rng.choice(sorted(packets))
        kind = rng.choice(KINDS)
        data = mutate(
            packets[protection],
            kind,
            rng.randrange(10**7),
            rng.randrange(256),
            rng.randrange(1, 65),
        )
        try:
            opened = verify.open_packet(
                data,
                identities=[receiver],
                passphrase=PHRASE,
                trusted=[sender.certificate.fingerprint],
                now=now,
            )
        except Exception as exc:  # a crash is exactly what we are looking for
            failures += 1
            print(f"#{i} {kind}: crashed with {type(exc).__name__}", file=sys.stderr)
            continue
        counts[opened.verdict.value] += 1
        if opened.verdict.is_valid or opened.payload is not None:
            failures += 1
            print(f"#{i} {protection} {kind}: mutated packet verified", file=sys.stderr)
        if (i + 1) % 1000 == 0:
            print(f"{i + 1} done, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(f"mutations: {args.n}  failures: {failures}  seconds: {time.perf_counter() - start:.1f}")
    for verdict, count in sorted(counts.items()):
        print(f"  {verdict:22} {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
