"""Organisation policy: each value enforced, loosening refused, a malformed file stops
the app with a message naming the key and the file, an absent file means defaults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from app import policy
from app.crypto.passphrase import require_acceptable, strength
from app.errors import Refused, ValidationError
from app.policy import Policy, PolicyError, PolicyViolation, load_policy, read_policy
from app.settings import IDLE_LOCK_MINUTES, effective

FP_A = "ab" * 32
FP_B = "CD:" * 31 + "CD"  # written the way certificate viewers show it


def write(path: Path, data: Any) -> Policy:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return load_policy()


# ------------------------------------------------------------------ defaults
def test_absent_file_means_defaults(policy_file: Path) -> None:
    loaded = load_policy()
    assert loaded.values == {}
    for setting in policy.SETTINGS:
        assert not loaded.is_set(setting.key)
        assert effective(setting, policy=loaded).reason() == ""
    assert loaded.effective("idle_lock_minutes", 30) == 30
    assert loaded.effective("export_allowed", True) is True
    loaded.check_export(None)


def test_no_env_and_no_machine_file_means_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(policy.ENV_FILE, raising=False)
    monkeypatch.setattr(policy, "machine_policy_path", lambda: tmp_path / "policy.json")
    assert load_policy().values == {}


def test_machine_file_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = tmp_path / "machine.json"
    machine.write_text('{"idle_lock_minutes": 3}', encoding="utf-8")
    user = tmp_path / "user.json"
    user.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(policy, "machine_policy_path", lambda: machine)
    monkeypatch.setenv(policy.ENV_FILE, str(user))
    assert load_policy().value("idle_lock_minutes") == 3


def test_linux_location_ignores_xdg_config_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/home/someone/fake")
    assert policy.machine_policy_path() == Path("/etc/xdg/Utvag/policy.json")


# ------------------------------------------------------------- each value
def test_idle_lock_is_a_maximum(policy_file: Path) -> None:
    loaded = write(policy_file, {"idle_lock_minutes": 5})
    assert loaded.effective("idle_lock_minutes", 30) == 5
    assert loaded.effective("idle_lock_minutes", 2) == 2
    assert loaded.allows("idle_lock_minutes", 2)
    with pytest.raises(PolicyViolation) as caught:
        loaded.require("idle_lock_minutes", 30)
    assert "högst 5" in caught.value.message
    shown = effective(IDLE_LOCK_MINUTES, 30, loaded).reason()  # in the settings dialog
    assert shown == "Bestäms av organisationens policy (högst 5 min)"


def test_clipboard_clearing_is_a_maximum(policy_file: Path) -> None:
    loaded = write(policy_file, {"clipboard_clear_seconds": 10})
    assert loaded.effective("clipboard_clear_seconds", 120) == 10
    assert loaded.effective("clipboard_clear_seconds", 5) == 5
    assert not loaded.allows("clipboard_clear_seconds", 11)


def test_passphrase_strength_is_a_minimum(policy_file: Path) -> None:
    loaded = write(policy_file, {"passphrase_min_score": 4})
    assert loaded.effective("passphrase_min_score", 2) == 4
    assert not loaded.allows("passphrase_min_score", 3)
    # "Stark" (score 3) passes the built-in rule but not this organisation's.
    with pytest.raises(ValidationError):
        require_acceptable("Kattensover1")
    meter = strength("Kattensover1")  # what the wizard's strength meter shows
    assert meter.score == 3 and not meter.acceptable
    assert meter.hint == "Din organisation kräver en starkare lösenfras. Lägg till fler ord."
    require_acceptable("vinbär-kompass-7-Tallskog-ljusblå-kanot-Ödmjuk")


def test_a_low_policy_minimum_never_loosens_the_built_in_rule(policy_file: Path) -> None:
    write(policy_file, {"passphrase_min_score": 0})
    with pytest.raises(ValidationError):
        require_acceptable("kort")


def test_keyring_binding_required_refuses_passphrase_only(
    policy_file: Path, tmp_path: Path
) -> None:
    from app.crypto.kdf import TEST_PARAMS
    from app.vault.vault import Profile, Vault

    loaded = write(policy_file, {"keyring_binding_required": True})
    assert loaded.effective("keyring_binding_required", False) is True
    assert not loaded.allows("keyring_binding_required", False)
    profile = Profile("Test Handläggare")
    with pytest.raises(Refused) as caught:
        Vault.create(tmp_path / "v1", "korrekt häst batteri häftapparat", profile,
                     params=TEST_PARAMS, bind_device=False)  # fmt: skip
    assert "kräver att valvet binds" in caught.value.message
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a laptop without a keyring
    with pytest.raises(Refused):
        Vault.create(tmp_path / "v2", "korrekt häst batteri häftapparat", profile,
                     params=TEST_PARAMS)  # fmt: skip
    assert not (tmp_path / "v2" / "vault.db").exists()


def test_keyring_binding_required_allows_a_bound_vault(policy_file: Path, tmp_path: Path) -> None:
    from app.crypto.kdf import TEST_PARAMS
    from app.vault.vault import Profile, Vault

    write(policy_file, {"keyring_binding_required": True})
    vault, _key = Vault.create(
        tmp_path / "v", "korrekt häst batteri häftapparat", Profile("Test"), params=TEST_PARAMS
    )  # the test suite's in-memory keyring stands in for Credential Manager
    assert vault.binding_mode == "keyring"
    vault.lock()


def test_export_can_be_forbidden(policy_file: Path) -> None:
    loaded = write(policy_file, {"export_allowed": False})
    assert loaded.effective("export_allowed", True) is False
    assert not loaded.recipient_allowed(FP_A)
    with pytest.raises(PolicyViolation):
        loaded.check_export([FP_A])
    with pytest.raises(PolicyViolation):
        loaded.check_export(None)


def test_export_allowed_true_cannot_force_export_on_for_a_user_who_switched_it_off(
    policy_file: Path,
) -> None:
    loaded = write(policy_file, {"export_allowed": True})
    assert loaded.effective("export_allowed", False) is False


def test_export_only_to_listed_recipients(policy_file: Path) -> None:
    loaded = write(policy_file, {"export_recipients": [FP_A, FP_B]})
    assert loaded.recipient_allowed(FP_A.upper())
    assert loaded.recipient_allowed(FP_B.replace(":", " "))
    assert not loaded.recipient_allowed("ef" * 32)
    loaded.check_export([FP_A])
    with pytest.raises(PolicyViolation):
        loaded.check_export([FP_A, "ef" * 32])
    with pytest.raises(PolicyViolation):  # a one-time passphrase cannot be pinned
        loaded.check_export(None)
    assert loaded.effective("export_recipients", [FP_A, "ef" * 32]) == [FP_A]
    assert not loaded.allows("export_recipients", [FP_A, "ef" * 32])


def test_retention_is_fixed_by_the_organisation(policy_file: Path) -> None:
    loaded = write(policy_file, {"retention_years": 5})
    assert loaded.effective("retention_years", 10) == 5
    assert loaded.effective("retention_years", 2) == 5
    assert loaded.allows("retention_years", 5)
    assert not loaded.allows("retention_years", 10)


def test_research_exception_is_one_of_three_modes(policy_file: Path) -> None:
    loaded = write(policy_file, {"retention_research": "all"})
    assert loaded.effective("retention_research", "none") == "all"
    with pytest.raises(PolicyError, match="retention_research ska vara ett av"):
        write(policy_file, {"retention_research": "5,15,25"})


def test_every_setting_is_covered_here() -> None:
    covered = {"idle_lock_minutes", "clipboard_clear_seconds", "passphrase_min_score",
               "keyring_binding_required", "export_allowed", "export_recipients",
               "retention_years", "retention_research"}  # fmt: skip
    assert {s.key for s in policy.SETTINGS} == covered


# --------------------------------------------------------- malformed files
@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"idle_lock_minutes": 5', "ogiltig JSON"),
        ("[1, 2]", "JSON-objekt"),
        ('{"idle_lock_minute": 5}', "okänd nyckel idle_lock_minute"),
        ('{"idle_lock_minutes": "5"}', "idle_lock_minutes ska vara ett heltal"),
        ('{"idle_lock_minutes": 5.5}', "idle_lock_minutes ska vara ett heltal"),
        ('{"idle_lock_minutes": true}', "idle_lock_minutes ska vara ett heltal"),
        ('{"idle_lock_minutes": 0}', "idle_lock_minutes = 0 ligger utanför 1–240"),
        ('{"idle_lock_minutes": 100000}', "utanför"),
        ('{"passphrase_min_score": 5}', "passphrase_min_score = 5"),
        ('{"clipboard_clear_seconds": 1}', "clipboard_clear_seconds = 1"),
        ('{"retention_years": 0}', "retention_years = 0"),
        ('{"keyring_binding_required": "yes"}', "true eller false"),
        ('{"export_allowed": 1}', "export_allowed ska vara true eller false"),
        ('{"export_recipients": "ab"}', "lista med fingeravtryck"),
        ('{"export_recipients": ["abc"]}', "SHA-256-fingeravtryck"),
        ('{"idle_lock_minutes": 5, "idle_lock_minutes": 60}', "två gånger"),
        ('{"idle_lock_minutes": NaN}', "ogiltigt tal NaN"),
        ('{"version": 2}', "okänd version"),
        ('{"comment": 3}', "comment ska vara text"),
    ],
)
def test_malformed_policy_stops_with_a_clear_message(
    policy_file: Path, content: str, needle: str
) -> None:
    policy_file.write_text(content, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy()
    message = caught.value.message
    assert needle in message
    assert str(policy_file) in message
    assert "startar inte" in message


def test_a_policy_that_cannot_be_read_is_not_treated_as_absent(policy_file: Path) -> None:
    policy_file.mkdir()  # a folder where the file should be
    with pytest.raises(PolicyError):
        load_policy()


def test_binary_or_huge_files_are_refused(policy_file: Path) -> None:
    policy_file.write_bytes(b'{"comment": "\xff"}')
    with pytest.raises(PolicyError, match="UTF-8"):
        load_policy()
    policy_file.write_text('{"comment": "' + "x" * 70_000 + '"}', encoding="utf-8")
    with pytest.raises(PolicyError, match="64 KiB"):
        load_policy()


def test_malformed_policy_stops_vault_creation(policy_file: Path, tmp_path: Path) -> None:
    from app.vault.vault import Profile, Vault

    policy_file.write_text('{"idle_lock_minutes": }', encoding="utf-8")
    with pytest.raises(PolicyError):
        Vault.create(tmp_path / "v", "korrekt häst batteri häftapparat", Profile("T"),
                     bind_device=False)  # fmt: skip


def test_notepad_byte_order_mark_comment_and_version_are_accepted(policy_file: Path) -> None:
    policy_file.write_bytes(
        '\ufeff{"version": 1, "comment": "Kommunens IT, 2026", "idle_lock_minutes": 3}'.encode()
    )
    assert load_policy().value("idle_lock_minutes") == 3


def test_a_changed_file_is_read_again(policy_file: Path) -> None:
    assert write(policy_file, {"idle_lock_minutes": 3}).value("idle_lock_minutes") == 3
    policy_file.write_text('{"idle_lock_minutes": 4, "comment": "ny"}', encoding="utf-8")
    assert load_policy().value("idle_lock_minutes") == 4


def test_scoped_policy_replaces_the_file_inside_the_block(policy_file: Path) -> None:
    write(policy_file, {"export_allowed": False})
    with policy.scoped(Policy()):
        assert load_policy().effective("export_allowed", True) is True
    assert load_policy().effective("export_allowed", True) is False


def test_describe_and_english_messages(policy_file: Path) -> None:
    from app.i18n import set_language

    loaded = write(policy_file, {"idle_lock_minutes": 5, "export_recipients": [FP_A]})
    assert loaded.describe("idle_lock_minutes") == "högst 5 min"
    assert loaded.describe("export_recipients") == "1 certifikat"
    assert loaded.describe("retention_years") == "inte begränsat"
    set_language("en")
    try:
        shown = effective(IDLE_LOCK_MINUTES, 30, loaded).reason()
        assert shown == "Set by your organisation's policy (at most 5 min)"
        policy_file.write_text('{"idle_lock_minutes": 0}', encoding="utf-8")
        with pytest.raises(PolicyError) as caught:
            load_policy()
        assert "outside 1–240" in caught.value.message
        assert "Utväg will not start" in caught.value.message
    finally:
        set_language("sv")


def test_read_policy_without_a_path_is_the_default() -> None:
    assert read_policy(None) == Policy()
