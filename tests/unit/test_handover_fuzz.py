"""Fuzz: mutated packets never crash the verifier and never verify (a short run here;
``scripts/fuzz_handover.py --n 10000`` is the long one)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.handover import seal, verify
from app.handover.mutate import KINDS, mutate
from tests.conftest import NOW
from tests.handover_sample import sample_payload
from tests.unit.test_handover_support import identity

_PACKETS: dict[str, bytes] = {}


def _packet(kind: str) -> bytes:
    if kind not in _PACKETS:
        payload = sample_payload(3)
        if kind == "cert":
            _PACKETS[kind] = seal.seal_packet(
                payload, identity("Exempelby"), recipients=[identity("Mottagarstad").certificate]
            )
        else:
            _PACKETS[kind] = seal.seal_packet(payload, identity("Exempelby"), passphrase="fuzz")
    return _PACKETS[kind]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    protection=st.sampled_from(["cert", "phrase"]),
    kind=st.sampled_from(KINDS),
    position=st.integers(min_value=0, max_value=10_000_000),
    value=st.integers(min_value=0, max_value=255),
    length=st.integers(min_value=1, max_value=64),
)
def test_mutated_packets_never_verify(protection, kind, position, value, length) -> None:
    data = mutate(_packet(protection), kind, position, value, length)
    opened = verify.open_packet(
        data,
        identities=[identity("Mottagarstad")],
        passphrase="fuzz",
        trusted=[identity("Exempelby").certificate.fingerprint],
        now=NOW,
    )
    if opened.verdict.is_valid:
        # Only bytes after the signed range's %%EOF that a reader ignores could do this;
        # pyHanko then reports coverage short of the entire file, so it must not happen.
        pytest.fail(f"mutated packet verified: {kind} at {position}")
    assert opened.payload is None


@pytest.mark.parametrize("protection", ["cert", "phrase"])
@pytest.mark.parametrize(("position", "value"), [(6, 1), (6, 2), (7, 2), (7, 4), (7, 8)])
def test_a_signature_length_stretched_into_its_zero_padding_is_refused(
    protection, position, value
) -> None:
    # Hypothesis found these: raising the CMS's outer length pulls padding zeros into
    # the signature as end-of-contents markers, which the DER walk must refuse.
    data = mutate(_packet(protection), "sigfield", position, value, 1)
    opened = verify.open_packet(
        data,
        identities=[identity("Mottagarstad")],
        passphrase="fuzz",
        trusted=[identity("Exempelby").certificate.fingerprint],
        now=NOW,
    )
    assert not opened.verdict.is_valid and opened.payload is None
