"""``utvag transfer show|ivo-pack``: the steps of a transfer and the IVO application pack
from the command line, with the store's refusals (no pack before the answer is no or a
month has passed, none without a strongest-connection ground)."""

from __future__ import annotations

import json

import pytest

from app.domain.transfer import TransferAnswer, TransferGround
from app.store import Store
from tests.unit.test_casefile_cli import _run


@pytest.fixture
def world(vault, vault_dir, clock):
    store = Store(vault, clock=clock)
    person = store.add_person("Alva", "Exempelsson").id
    case = store.create_case(person, ref="EXB-2026-0008", opened="2026-09-01")
    return store, str(vault_dir), case.id


def test_show_and_ivo_pack(world, monkeypatch, capsys, tmp_path):
    store, folder, case_id = world

    def utvag(*argv):
        return _run(monkeypatch, capsys, *argv, "--vault", folder)

    def pack(name):
        return utvag("transfer", "ivo-pack", "EXB-2026-0008", "--out", str(tmp_path / name))

    code, _out, err = pack("a.pdf")
    assert code == 5 and "ingen begäran" in err
    tid = store.request_transfer(
        case_id, "Norrby kommun", requested_on="2026-11-02", connection="Uppvuxen i Norrby",
        grounds=(TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    ).id  # fmt: skip
    store.record_transfer_decision(tid, TransferAnswer.DECLINED, decided_by="Norrby IFO-utskott",
                                   decided_on="2026-11-20", note="Ingen plats")  # fmt: skip
    with store.vault.transaction() as conn:  # a request without the ground (an old one)
        conn.execute("UPDATE transfer_requests SET grounds = '[\"threat\"]'")
    code, _out, err = pack("b.pdf")
    assert code == 5 and "starkast anknytning" in err and not (tmp_path / "b.pdf").exists()
    with store.vault.transaction() as conn:
        conn.execute("UPDATE transfer_requests SET grounds = '[\"strongest_connection\"]'")
    code, _out, _err = pack("c.pdf")
    assert code == 0 and (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = utvag("transfer", "show", "EXB-2026-0008", "--json")
    (shown,) = json.loads(out)
    assert code == 0 and shown["answer"] == "declined"
    assert shown["decided_by"] == "Norrby IFO-utskott"
    assert shown["connection"] == "Uppvuxen i Norrby" and "ansvarig" in err
    code, out, _err = utvag("transfer", "show", "EXB-2026-0008")
    assert "decision=declined 2026-11-20 (Norrby IFO-utskott)" in out and "svar senast" not in out
