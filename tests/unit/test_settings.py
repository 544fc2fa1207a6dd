"""Every setting declared once (app/settings.py) with its policy clamp; the value in
force is the policy's bound ∧ the own choice, the same for the shell, the settings
dialog and ``utvag settings show``; the language list is declared once."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest

from app import cli, cli_vault, policy
from app import settings as s
from app.i18n import LANGUAGES, SOURCE_LANGUAGE
from app.resources import resource_path
from tests.conftest import REPO

STRICT = {"idle_lock_minutes": 2, "clipboard_clear_seconds": 10}


def test_settings_are_declared_once_validated_and_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    path.parent.mkdir()
    path.write_text(
        json.dumps({"idle_lock_minutes": 0, "language": "de", "privacy_cover": True, "x": 1}),
        encoding="utf-8",
    )
    loaded = s.Settings(path)
    assert loaded.get(s.IDLE_LOCK_MINUTES) == 5  # out of range: default
    assert loaded.get(s.LANGUAGE) == "sv"
    assert loaded.get(s.PRIVACY_COVER) is True
    with pytest.raises(ValueError):
        loaded.set(s.CLIPBOARD_SECONDS, 1)
    loaded.set(s.IDLE_LOCK_MINUTES, 15)
    loaded.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "clipboard_clear_seconds": 30,
        "draft_autosave_seconds": 3,
        "idle_lock_minutes": 15,
        "language": "sv",
        "privacy_cover": True,
    }
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp left


def test_settings_default_to_a_private_config_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UTVAG_CONFIG_DIR", str(tmp_path / "c"))
    assert s.Settings().path == tmp_path / "c" / "settings.json"
    assert "Utvag" in str(s.default_vault_dir())


def test_a_settings_file_cannot_hold_what_only_the_policy_or_the_vault_sets(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"export_allowed": True, "retention_years": 1}), "utf-8")
    loaded = s.Settings(path)
    assert loaded.get(s.EXPORT_ALLOWED) is True  # the built-in default, not the file
    assert loaded.get(s.RETENTION_YEARS) == 5
    with pytest.raises(ValueError):
        loaded.set(s.PASSPHRASE_MIN_SCORE, 0)


def test_every_policy_key_is_a_declared_setting_with_a_clamp() -> None:
    assert tuple(x for x in s.ALL if x.clamp is not None) == policy.SETTINGS
    assert {x.key for x in policy.SETTINGS} == {
        "idle_lock_minutes", "clipboard_clear_seconds", "passphrase_min_score",
        "keyring_binding_required", "export_allowed", "export_recipients", "retention_years",
        "retention_research",
    }  # fmt: skip
    for setting in s.ALL:  # a policy value is checked against the same bounds as a user's
        if setting.type is int:
            assert setting.minimum is not None and setting.maximum is not None
            assert setting.minimum <= setting.default <= setting.maximum


def test_the_value_in_force_is_the_policy_bound_and_the_own_choice(
    tmp_path: Path, policy_file: Path
) -> None:
    mine = s.Settings(tmp_path / "settings.json")
    mine.set(s.IDLE_LOCK_MINUTES, 60)
    mine.set(s.CLIPBOARD_SECONDS, 300)
    assert mine.effective(s.IDLE_LOCK_MINUTES).value == 60  # no policy: the own choice
    policy_file.write_text(json.dumps(STRICT), encoding="utf-8")
    idle = mine.effective(s.IDLE_LOCK_MINUTES)
    assert (idle.value, idle.own, idle.bound, idle.tightened) == (2, 60, 2, True)
    assert idle.reason() == "Bestäms av organisationens policy (högst 2 min)"
    assert mine.effective(s.CLIPBOARD_SECONDS).value == 10
    mine.set(s.CLIPBOARD_SECONDS, 5)  # stricter than the policy: kept
    assert mine.effective(s.CLIPBOARD_SECONDS).value == 5
    assert mine.effective(s.PRIVACY_COVER).reason() == ""


def test_policy_only_and_vault_settings_take_the_policy_value(policy_file: Path) -> None:
    assert s.effective(s.PASSPHRASE_MIN_SCORE).value == 2
    assert s.effective(s.EXPORT_ALLOWED).value is True
    policy_file.write_text(
        json.dumps({"passphrase_min_score": 4, "export_allowed": False, "retention_years": 3}),
        encoding="utf-8",
    )
    assert s.effective(s.PASSPHRASE_MIN_SCORE).value == 4
    assert s.effective(s.EXPORT_ALLOWED).value is False
    retention = s.effective(s.RETENTION_YEARS, 10)
    assert retention.value == 3
    assert retention.reason() == "Bestäms av organisationens policy (3 år)"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    cli_vault.reset_stdin()
    code = cli.run(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_settings_show_prints_the_values_in_force(
    tmp_path: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("UTVAG_CONFIG_DIR", str(tmp_path / "config"))
    mine = s.Settings()
    mine.set(s.IDLE_LOCK_MINUTES, 60)
    mine.set(s.CLIPBOARD_SECONDS, 300)
    mine.save()
    policy_file.write_text(json.dumps({**STRICT, "retention_years": 3}), encoding="utf-8")
    code, out, err = _cli(monkeypatch, capsys, "settings", "show", "--json")
    assert code == 0, err
    shown = {row["key"]: row for row in json.loads(out)}
    assert set(shown) == {x.key for x in s.ALL}
    assert shown["idle_lock_minutes"] == {
        "key": "idle_lock_minutes", "scope": "user", "value": 2, "own": 60, "policy": 2,
    }  # fmt: skip
    assert shown["clipboard_clear_seconds"]["value"] == 10
    assert shown["retention_years"]["value"] == 3
    assert shown["export_allowed"] == {
        "key": "export_allowed", "scope": "policy", "value": True, "own": None, "policy": None,
    }  # fmt: skip
    code, out, _err = _cli(monkeypatch, capsys, "settings", "show")
    assert code == 0
    assert "idle_lock_minutes: 2 min — Bestäms av organisationens policy (högst 2 min)" in out
    assert "privacy_cover: nej" in out


def test_settings_show_stops_on_a_malformed_policy(
    policy_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    policy_file.write_text('{"idle_lock_minutes": 0}', encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "settings", "show")
    assert code == 5 and "startar inte" in err and "Traceback" not in err


# ------------------------------------------------------------- languages
def _language_lists(path: Path) -> list[int]:
    """Lines of collection literals made of two or more language codes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    slots = {  # LocalText's two fields are a data format, not the list of languages
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in slots:
            continue
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)) or not items:
            continue
        codes = [i.value for i in items if isinstance(i, ast.Constant)]
        if len(codes) >= 2 and len(codes) == len(items) and set(codes) <= set(LANGUAGES):
            found.append(node.lineno)
    return found


def test_the_language_list_is_declared_once() -> None:
    places = {
        str(path.relative_to(REPO)): lines
        for folder in ("app", "ui", "installer")
        for path in sorted((REPO / folder).rglob("*.py"))
        if (lines := _language_lists(path))
    }
    assert list(places) == ["app/i18n.py"], places
    for code in LANGUAGES:  # and each one has its catalog
        if code != SOURCE_LANGUAGE:
            assert list(resource_path("i18n", code).glob("*.json")), code
