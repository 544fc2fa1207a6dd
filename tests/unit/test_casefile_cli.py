"""The headless commands over the same store: demo, case list, case show, search, stats."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from app import cli_vault
from app.cli import run
from app.clock import FixedClock
from app.crypto.kdf import TEST_PARAMS
from app.demo import fictional_personnummer, fill_demo
from app.domain.identifiers import parse_identifier
from app.store import Store
from app.vault.vault import Vault
from tests.conftest import PASSPHRASE, PROFILE

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _run(monkeypatch, capsys, *argv):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    cli_vault.reset_stdin()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(vault, vault_dir):
    fill_demo(Store(vault, clock=FixedClock(NOW)), cases=6, seed=7)
    return str(vault_dir)


def test_demo_is_deterministic_and_fictional(tmp_path):
    def snapshot(folder):
        created, _key = Vault.create(folder, PASSPHRASE, PROFILE, params=TEST_PARAMS)
        store = Store(created, clock=FixedClock(NOW))
        fill_demo(store, cases=5, seed=3)
        rows = [(r.ref, r.name, r.status, r.stage, r.threat_level) for r in store.case_rows()]
        texts = [e.text for e in store.journal(store.case_rows()[0].id)]
        created.lock()
        return rows, texts

    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_demo_identifiers_are_valid_test_numbers():
    import random

    rng = random.Random(1)
    for _ in range(50):
        number = fictional_personnummer(rng, datetime(1990, 5, 17).date())
        parsed = parse_identifier(number, today=NOW.date())
        assert 980 <= int(parsed.value[8:11]) <= 999


def test_demo_history_uses_every_part_of_the_case_file(vault):
    store = Store(vault, clock=FixedClock(NOW))
    ids = fill_demo(store, cases=20, seed=2)
    files = [store.open_case(i, audit=False) for i in ids]
    assert all(f.motivation and f.threats and f.safety_plans and f.consents for f in files)
    assert any(len(f.safety_plans) > 1 for f in files)
    assert any(e.corrected for f in files for e in f.journal)
    assert any(r.summary == "relapse" for f in files for r in f.motivation)
    assert any(not c.in_force for f in files for c in f.consents)
    assert any(f.case.person.masked for f in files)
    assert store.retention_due()


def test_case_list_json_masks_protected_names(demo_dir, monkeypatch, capsys, vault):
    code, out, _err = _run(monkeypatch, capsys, "case", "list", "--vault", demo_dir, "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 6
    store = Store(vault)
    protected = [r for r in store.case_rows() if r.masked]
    for row in protected:
        assert next(r for r in rows if r["ref"] == row.ref)["name"] == "Skyddad identitet"


def test_case_show_json_has_the_whole_case(demo_dir, monkeypatch, capsys):
    _code, out, _err = _run(monkeypatch, capsys, "case", "list", "--vault", demo_dir, "--json")
    ref = json.loads(out)[0]["ref"]
    code, out, _err = _run(monkeypatch, capsys, "case", "show", ref, "--vault", demo_dir, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["case_file"]["case"]["ref"] == ref
    assert shown["case_file"]["journal"] and shown["timeline"]
    assert shown["case_file"]["safety_plans"][0]["form"] == "safety_plan"


def test_unknown_case_is_a_clear_error(demo_dir, monkeypatch, capsys):
    code, _out, err = _run(monkeypatch, capsys, "case", "show", "AV-1999-9999", "--vault", demo_dir)
    assert code == 5 and "AV-1999-9999 finns inte" in err and "Traceback" not in err


def test_search_and_stats_commands(demo_dir, monkeypatch, capsys):
    code, out, _err = _run(
        monkeypatch, capsys, "search", "säkerhetsplanen", "--vault", demo_dir, "--json"
    )
    assert code == 0 and "[säkerhetsplanen]" in json.loads(out)["hits"][0]["snippet"]
    code, out, _err = _run(monkeypatch, capsys, "stats", "--vault", demo_dir, "--from",
                           "2020-01-01", "--until", "2026-12-31", "--json")  # fmt: skip
    assert code == 0
    tables = json.loads(out)["tables"]
    assert set(tables) >= {"target_group", "referral_source", "stage_transitions", "closed"}
    counts = [c for t in tables.values() for c in t["rows"].values()]
    assert all(c == "<5" or c == "0" or int(c) >= 5 for c in counts)


def test_case_show_reveal_is_audited(demo_dir, monkeypatch, capsys, vault):
    store = Store(vault)
    protected = next(r for r in store.case_rows() if r.masked)
    code, out, _err = _run(
        monkeypatch, capsys, "case", "show", protected.ref, "--vault", demo_dir, "--json"
    )
    assert json.loads(out)["case_file"]["case"]["person"]["name"] == "Skyddad identitet"
    code, out, _err = _run(
        monkeypatch, capsys, "case", "show", protected.ref, "--vault", demo_dir, "--json",
        "--reveal",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)["case_file"]["case"]["person"]["name"] != "Skyddad identitet"
    assert [r.event for r in store.audit_log(events=["identity_revealed"])] == ["identity_revealed"]
