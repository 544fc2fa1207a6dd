"""Release build pieces that can be checked without building: one version, the install
and uninstall scripts (with a stand-in bundle), the Windows installer definition, the
documented example policy, and the explicit keyring backend of frozen builds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

import app
from app import _version, policy
from app.crypto import keyring_select

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"


def pyproject_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


# ------------------------------------------------------------------ version
def test_version_comes_from_pyproject_everywhere() -> None:
    version = pyproject_version()
    assert version == _version.VERSION, "run python3 dev.py build (it rewrites app/_version.py)"
    assert app.__version__ == version
    sys.path.insert(0, str(INSTALLER))
    try:
        import build

        assert build.project_version() == version
        assert (REPO / "app" / "_version.py").read_text(encoding="utf-8") == (
            build.VERSION_TEMPLATE.format(version=version)
        )
    finally:
        sys.path.remove(str(INSTALLER))


def test_cli_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import run

    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Utväg {pyproject_version()}"


# ------------------------------------------------- Linux install/uninstall
@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The tarball's layout with a stand-in program instead of the real bundle."""
    root = tmp_path / "utvag-9.9.9-linux-x86_64"
    (root / "utvag" / "_internal").mkdir(parents=True)
    exe = root / "utvag" / "utvag"
    exe.write_text("#!/bin/sh\necho 'Utväg 9.9.9'\n")
    exe.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", "utvag.desktop.in"):
        shutil.copy(INSTALLER / "linux" / name, root / name)
    shutil.copy(REPO / "resources" / "icons" / "utvag.svg", root / "utvag.svg")
    (root / "utvag.png").write_bytes(b"\x89PNG stand-in")
    (root / "VERSION").write_text("9.9.9\n")
    return root


def _sh(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "UTVAG_PREFIX": str(home / ".local")}
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, check=True
    )


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell scripts")
def test_install_then_uninstall_keeps_the_vault(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _sh(unpacked / "install.sh", home)
    local = home / ".local"
    lib = local / "lib" / "utvag"
    assert (lib / "utvag").exists() and (lib / "uninstall.sh").exists()
    assert os.readlink(local / "bin" / "utvag") == str(lib / "utvag")
    desktop = (local / "share" / "applications" / "utvag.desktop").read_text()
    assert f"Exec={lib}/utvag" in desktop and "Icon=utvag" in desktop
    assert "@" not in desktop
    assert (local / "share" / "icons" / "hicolor" / "scalable" / "apps" / "utvag.svg").exists()
    assert set(os.listdir(home)) == {".local"}, "install.sh wrote outside ~/.local"

    _sh(unpacked / "install.sh", home)  # an upgrade over the same place works
    vault = local / "share" / "Utvag" / "vault"
    vault.mkdir(parents=True)
    (vault / "vault.db").write_bytes(b"encrypted")
    result = _sh(lib / "uninstall.sh", home)
    assert not lib.exists() and not (local / "bin" / "utvag").exists()
    assert not (local / "share" / "applications" / "utvag.desktop").exists()
    assert (vault / "vault.db").exists()
    assert "--remove-data" in result.stdout

    _sh(unpacked / "install.sh", home)
    _sh(lib / "uninstall.sh", home, "--remove-data")
    assert not (local / "share" / "Utvag").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX shell scripts")
def test_uninstall_rejects_unknown_options(unpacked: Path, tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        _sh(unpacked / "uninstall.sh", tmp_path, "--remove-everything")


# ------------------------------------------------------- Windows installer
def test_windows_installer_is_per_user_and_writes_only_the_profile() -> None:
    iss = (INSTALLER / "windows" / "utvag.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert "PrivilegesRequiredOverridesAllowed" not in iss  # no /ALLUSERS escape hatch
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\Utvag$", iss, re.M)
    assert "AppVersion={#AppVersion}" in iss
    for machine_wide in ("{commonpf", "{pf}", "{win}", "{sys}", "{commonappdata}", "HKLM",
                         "{commonprograms}", "{commondesktop}", "[Registry]"):  # fmt: skip
        assert machine_wide not in iss, machine_wide
    assert "/REMOVEDATA" in iss and "MB_DEFBUTTON2" in iss  # keeps the vault by default


def test_windows_workflow_builds_self_tests_and_packs() -> None:
    flow = (REPO / ".github" / "workflows" / "windows-build.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in flow
    assert 'python-version: "3.11"' in flow
    assert "python dev.py build --no-tarball" in flow  # installs requirements/lock.txt
    assert "installer\\sbom.py --check" in flow and "dist/utvag-*.cdx.json" in flow
    assert "utvag-cli.exe --self-test" in flow
    assert "/DAppVersion=" in flow and "installer\\windows\\utvag.iss" in flow
    assert "actions/upload-artifact" in flow


def test_spec_bundles_what_the_frozen_app_loads_dynamically() -> None:
    spec = (INSTALLER / "utvag.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("app")' in spec  # migrations (pkgutil), CLI areas (importlib)
    assert '(str(ROOT / "resources"), "resources")' in spec
    for module, _cls in keyring_select.BACKENDS.values():
        assert module in spec
    assert '"QtWebEngineCore"' in spec and '"QtNetwork"' in spec  # left out


# ------------------------------------------------------- documented policy
def test_the_example_policy_in_the_deployment_guide_is_valid_and_complete() -> None:
    doc = (REPO / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.S)
    assert example is not None
    parsed = policy.parse_policy(example.group(1), Path("DEPLOYMENT.md"))
    assert set(parsed.values) == {s.key for s in policy.SETTINGS}
    for setting in policy.SETTINGS:
        assert f"`{setting.key}`" in doc
    assert json.loads(example.group(1))["idle_lock_minutes"] == 5


# ------------------------------------------------- keyring in frozen builds
def test_frozen_build_sets_the_platform_backend_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring_select, "_chosen", {"done": False})
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("UTVAG_KEYRING", "none")
    backend = keyring_select.get_keyring()
    assert isinstance(backend, keyring.backends.fail.Keyring)
    sentinel = keyring.backends.fail.Keyring()
    keyring.set_keyring(sentinel)  # later choices (e.g. tests) are not overridden again
    assert keyring_select.get_keyring() is sentinel


def test_source_runs_keep_keyrings_own_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring_select, "_chosen", {"done": False})
    monkeypatch.delenv("UTVAG_KEYRING", raising=False)
    current = keyring.get_keyring()  # the test suite's in-memory keyring
    assert keyring_select.get_keyring() is current


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_unusable_platform_backend_falls_back_to_no_backend(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UTVAG_KEYRING", raising=False)
    backend = keyring_select.explicit_backend(platform)
    module = keyring_select.BACKENDS[platform][0]
    assert type(backend).__module__ in (module, "keyring.backends.fail")
    if sys.platform != platform:
        assert isinstance(backend, keyring.backends.fail.Keyring)


# ------------------------------------------------------------- ICU trimming
@pytest.mark.parametrize(
    ("item", "removed"),
    [
        ("sv.res", False),
        ("sv_FI.res", False),
        ("en_001.res", False),
        ("root.res", False),
        ("coll/sv.res", False),
        ("coll/root.res", False),
        ("coll/ucadata.icu", False),
        ("res_index.res", False),
        ("zone/pool.res", False),
        ("supplementalData.res", False),
        ("zoneinfo64.res", False),
        ("brkitr/thaidict.dict", False),
        ("brkitr/word.brk", False),
        ("ibm-5348_P100-1997.cnv", False),
        ("de.res", True),
        ("zh_Hant_TW.res", True),
        ("coll/de_.res", True),
        ("lang/fi.res", True),
        ("translit/root.res", True),
        ("gb18030.cnv", True),
    ],
)
def test_icu_trim_keeps_root_swedish_english_and_the_tables(item: str, removed: bool) -> None:
    sys.path.insert(0, str(INSTALLER))
    try:
        import icu_trim

        assert icu_trim._removable(item) is removed
    finally:
        sys.path.remove(str(INSTALLER))


# ---------------------------------------------------------- frozen entry
def test_frozen_entry_stops_on_a_malformed_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "policy.json"
    bad.write_text('{"export_allowed": "ja"}', encoding="utf-8")
    monkeypatch.setattr(policy, "machine_policy_path", lambda: tmp_path / "absent.json")
    monkeypatch.setenv(policy.ENV_FILE, str(bad))
    sys.path.insert(0, str(INSTALLER))
    try:
        import entry

        assert entry.policy_refusal(gui=False) == 5
        assert "export_allowed ska vara true eller false" in capsys.readouterr().err
        bad.write_text('{"export_allowed": false}', encoding="utf-8")
        assert entry.policy_refusal(gui=False) is None
    finally:
        sys.path.remove(str(INSTALLER))
