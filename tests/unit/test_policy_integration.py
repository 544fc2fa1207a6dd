"""Organisation policy where the core acts on it: sealing a handover packet (export
allowed, recipient fingerprints) and the retention period of closed case files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.policy import PolicyViolation
from app.retention import RetentionPolicy
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from tests.unit.test_handover_support import export_packet, identity, populate, two_vaults

__all__ = ["two_vaults"]
REF = "EXB-2025-0042"


@pytest.fixture
def sender(two_vaults: tuple[Store, Store]) -> Store:
    store = two_vaults[0]
    populate(store)
    store.set_roles([HANDOVER_OFFICER])
    return store


def _packets(store: Store) -> int:
    with store.vault.read() as conn:
        return int(conn.execute("SELECT count(*) FROM handover_packets").fetchone()[0])


def test_export_forbidden_by_policy_seals_nothing(
    sender: Store, policy_file: Path, tmp_path: Path
) -> None:
    policy_file.write_text(json.dumps({"export_allowed": False}), encoding="utf-8")
    recipient = identity("Mottagarstad").certificate
    out = tmp_path / "p.pdf"
    with pytest.raises(PolicyViolation):
        export_packet(sender, REF, out, sections=["threat"], recipients=(recipient,))
    with pytest.raises(PolicyViolation):
        export_packet(sender, REF, out, sections=["threat"])
    assert _packets(sender) == 0 and not out.exists()


def test_export_only_to_the_listed_recipients(
    sender: Store, policy_file: Path, tmp_path: Path
) -> None:
    allowed = identity("Mottagarstad").certificate
    policy_file.write_text(
        json.dumps({"export_recipients": [allowed.fingerprint_readable]}), encoding="utf-8"
    )
    out = tmp_path / "p.pdf"
    with pytest.raises(PolicyViolation):
        export_packet(
            sender, REF, out, sections=["threat"], recipients=(identity("Annanstad").certificate,)
        )
    with pytest.raises(PolicyViolation):  # a one-time passphrase cannot be pinned
        export_packet(sender, REF, out, sections=["threat"])
    assert _packets(sender) == 0
    result = export_packet(sender, REF, out, sections=["threat"], recipients=(allowed,))
    assert result.path.read_bytes().startswith(b"%PDF-")
    assert _packets(sender) == 1


def test_retention_period_is_the_organisations(vault, policy_file: Path) -> None:
    store = Store(vault)
    store.set_retention_policy(RetentionPolicy(years=10))
    assert store.retention_policy().years == 10  # no policy: the vault's own setting
    policy_file.write_text(json.dumps({"retention_years": 3}), encoding="utf-8")
    assert store.retention_policy().years == 3
    with pytest.raises(PolicyViolation):
        store.set_retention_policy(RetentionPolicy(years=10))
    store.set_retention_policy(RetentionPolicy(years=3))
