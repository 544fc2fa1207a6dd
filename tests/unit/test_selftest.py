"""The self-test: every step passes on a working build, a failing or missing part is
reported as FAIL (never a fake pass) with exit 1, and the temporary folder is always
removed."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest

from app import policy, selftest
from app.cli import run
from app.i18n import set_language


def _run() -> tuple[int, list[str]]:
    out = io.StringIO()
    code = selftest.run_self_test(out)
    return code, out.getvalue().splitlines()


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("utvag-selftest-*")}


def test_all_steps_pass_and_nothing_is_left_behind() -> None:
    before = _leftovers()
    code, lines = _run()
    assert code == 0, lines
    steps = lines[:-1]
    assert len(steps) == len(selftest.KNOWN_ANSWERS) + len(selftest.CHAIN) + 1
    assert all(re.match(r"^ok  \S", line) for line in steps), lines
    assert lines[-1] == f"självtest: alla {len(steps)} steg godkända"
    assert _leftovers() == before


def test_cli_flag_runs_it(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert run(["--self-test", "--lang", "en"]) == 0
    finally:
        set_language("sv")
    out = capsys.readouterr().out
    assert "ok  Argon2id (RFC 9106 test vector)" in out
    assert "self-test: all" in out


def test_a_failing_step_fails_the_run_and_still_cleans_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(chain: selftest.Chain) -> None:
        (chain.root / "marker").write_text("x")
        raise selftest.StepFailed("med flit")

    chain = list(selftest.CHAIN)
    chain[1] = (chain[1][0], broken)
    monkeypatch.setattr(selftest, "CHAIN", chain)
    before = _leftovers()
    code, lines = _run()
    assert code == 1
    assert "FAIL lägg till ett ärende: med flit" in lines
    # later steps that needed the case fail too: they do not pass on their own
    assert any(line.startswith("FAIL försegla") for line in lines)
    assert lines[-1].startswith("självtest: ") and "misslyckades" in lines[-1]
    assert _leftovers() == before


def test_a_wrong_known_answer_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "SHA256_ABC", "00" * 32)
    code, lines = _run()
    assert code == 1
    assert 'FAIL SHA-256 (FIPS 180-2, "abc"): fel resultat (hashlib)' in lines


def test_a_missing_subsystem_is_not_available_never_a_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = selftest.importlib.import_module

    def without_store(name: str) -> object:
        if name == "app.store":
            raise ModuleNotFoundError(name="app.store")
        return real(name)

    monkeypatch.setattr(selftest.importlib, "import_module", without_store)
    code, lines = _run()
    assert code == 1
    assert "FAIL lägg till ett ärende: inte tillgängligt (app.store saknas)" in lines


def test_a_strict_policy_does_not_break_the_throwaway_vaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = tmp_path / "policy.json"
    strict.write_text('{"keyring_binding_required": true, "export_allowed": false}')
    monkeypatch.setattr(policy, "machine_policy_path", lambda: tmp_path / "absent.json")
    monkeypatch.setenv(policy.ENV_FILE, str(strict))
    code, lines = _run()
    assert code == 0, lines
    assert f"ok  organisationens policy: {strict}, 2 inställningar" in "\n".join(lines)
    assert policy.load_policy().value("export_allowed") is False


def test_a_malformed_policy_fails_its_step_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "policy.json"
    broken.write_text('{"idle_lock_minutes": 0}')
    monkeypatch.setattr(policy, "machine_policy_path", lambda: tmp_path / "absent.json")
    monkeypatch.setenv(policy.ENV_FILE, str(broken))
    code, lines = _run()
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL organisationens policy: ")
    assert "idle_lock_minutes = 0 ligger utanför 1–240" in failed[0]
