"""Every command README.md shows works as written.

- The headless ``utvag …`` block is run line by line in a shell, as written (with a
  ``utvag`` on PATH that starts this tree's entry point), against a temporary vault with
  fictional data; the placeholders (DIR, FILE, REF, …) are filled in and the variables
  ($PASSPHRASE, …) set. Each line must exit 0. P.pdf is our own packet in ``handover
  export`` and, in ``verify``/``import``, one the other party (THEIRS) sealed to us.
- ``dev.py`` commands cannot all run here (``dev.py test`` would run this suite, ``build``
  takes minutes, and every one first installs into .venv). Each is checked through
  dev.py's real ``main`` with the installing step and the final process start replaced
  by a recorder (a dry run): the tool and the arguments it would get. The one the
  README promises an effect for, ``dev.py run -- --demo``, is then started for real
  with that exact command line and must reach its first window.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.store import Store
from app.vault.vault import Vault
from tests.conftest import CLI
from tests.unit.cli_world import EXPORT_BASIS, PASSPHRASE, ok, run

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NEW_PASSPHRASE = "ny lång lösenfras för valvet i dag"
NO_KEYRING = "keyring.backends.fail.Keyring"  # never the developer's own keyring


def sh_blocks(text: str) -> list[list[str]]:
    return [b.strip().splitlines() for b in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def dev_commands(text: str) -> list[list[str]]:
    """Every ``dev.py …`` command in code blocks and inline code, as argv after dev.py."""
    snippets = [line for block in sh_blocks(text) for line in block]
    snippets += re.findall(r"`([^`\n]*dev\.py[^`\n]*)`", text)
    found = []
    for snippet in snippets:
        words = shlex.split(snippet, comments=True)
        if "dev.py" in words:
            found.append(words[words.index("dev.py") + 1 :])
    return found


def headless_lines(text: str) -> list[str]:
    return [line for b in sh_blocks(text) for line in b if re.search(r"(^|\| )utvag ", line)]


# ------------------------------------------------------------------ dev.py
def load_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dry_run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[list[str]]]:
    """dev.py's main with ``argv``: exit code and the commands it would start."""
    dev = load_dev()
    started: list[list[str]] = []
    monkeypatch.setattr(dev, "ensure_env", lambda **kwargs: None)
    monkeypatch.setattr(dev, "run", lambda cmd, env=None: started.append(list(cmd)) or 0)
    monkeypatch.setattr(sys, "argv", ["dev.py", *argv])
    return dev.main(), started


def test_readme_shows_the_dev_commands_this_test_checks() -> None:
    shown = {c[0] for c in dev_commands(README)}
    assert shown >= {"run", "test", "bench", "build", "samples"}, shown
    assert ["run", "--", "--demo"] in dev_commands(README)


def test_every_dev_command_in_the_readme_reaches_its_tool(monkeypatch) -> None:
    from ui.launcher import split_gui_args

    for argv in dev_commands(README):
        code, started = dry_run(argv, monkeypatch)
        assert code == 0 and started, argv
        tool = started[0]
        if argv[0] == "run":
            assert tool[1:3] == ["-m", "ui.launcher"], tool
            assert split_gui_args(tool[3:]) is not None, f"the app refuses {tool[3:]}"
        elif argv[0] == "test":
            assert tool[1:3] == ["-m", "pytest"] and len(started) == 3  # + ruff, mypy
        elif argv[0] == "bench":
            assert tool[1].endswith("run.py") and tool[2:] == argv[1:]
            for flag in argv[1:]:  # every suite takes the flag
                for suite in sorted((ROOT / "bench").glob("bench_*.py")):
                    assert f'"{flag}"' in suite.read_text(encoding="utf-8"), (suite, flag)
        elif argv[0] == "build":
            assert tool[1].endswith("build.py") and tool[2:] == argv[1:]
        elif argv[0] == "samples":
            assert tool[1].endswith("acrobat_samples.py") and tool[2:] == argv[1:]


def test_lang_en_is_an_option_the_app_takes() -> None:
    from ui.launcher import split_gui_args

    assert "`--lang en` switches to English" in README
    args = split_gui_args(["--demo", "--lang", "en"])
    assert args is not None and args.demo and args.lang == "en"


def test_dev_run_demo_starts_the_app_on_a_demo_vault(monkeypatch) -> None:
    _code, started = dry_run(["run", "--", "--demo"], monkeypatch)
    command = [sys.executable, *started[0][1:]]  # this interpreter instead of .venv's
    env = {**os.environ, "UTVAG_EXIT_WHEN_READY": "1", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": NO_KEYRING}  # fmt: skip
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=300)
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 0 and "ready: MainWindow" in out, out  # unlocked demo vault


# ------------------------------------------------------------------ utvag
def _shim(folder: Path) -> Path:
    """``utvag`` on PATH: the product's ``app.cli.run`` (what the installed ``utvag``
    runs for a sub-command) with the cheap test KDF (tests/cli_entry.py)."""
    script = folder / "utvag"
    command = " ".join(shlex.quote(part) for part in CLI)
    script.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


class Headless:
    """Runs README lines in bash with the placeholders filled in."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.env = {**os.environ, "PATH": f"{_shim(tmp)}{os.pathsep}{os.environ['PATH']}",
                    "PYTHONPATH": str(ROOT), "PASSPHRASE": PASSPHRASE,
                    "PYTHON_KEYRING_BACKEND": NO_KEYRING}  # fmt: skip
        self.words = {"DIR": tmp / "vault", "NEWDIR": tmp / "restored", "FILE": tmp / "backup",
                      "FILE.pdf": tmp / "extract.pdf", "QUERY": "samtal",
                      "THEIRS.pem": tmp / "theirs.pem"}  # fmt: skip

    def fill(self, line: str) -> str:
        def word(match: re.Match[str]) -> str:
            value = self.words.get(match.group(0), match.group(0))
            return shlex.quote(str(value))

        return re.sub(r"(?<![\w$.-])(NEWDIR|DIR|FILE\.pdf|FILE|REF|PERSON_ID|QUERY|THEIRS\.pem|"
                      r"P\.pdf|FINGERPRINT|ISSUER\.crl)(?![\w.-])", word, line)  # fmt: skip

    def run(self, line: str) -> str:
        filled = self.fill(line)
        done = subprocess.run(["bash", "-c", filled], env=self.env, capture_output=True,
                              timeout=600, cwd=self.tmp)  # fmt: skip
        out = (done.stdout + done.stderr).decode("utf-8", "replace")
        assert done.returncode == 0, f"{line}\n-> {filled}\nexit {done.returncode}: {out}"
        return out


def _other_party(tmp: Path) -> Path:
    """The receiving municipality (THEIRS.pem) and a packet it seals to us (P.pdf)."""
    from app.crypto.kdf import TEST_PARAMS
    from app.demo import fill_demo
    from app.vault.vault import Profile, Vault

    theirs = tmp / "theirs"
    profile = Profile("Mottagare", municipality="Mottagarstad")
    vault, _key = Vault.create(theirs, PASSPHRASE, profile, params=TEST_PARAMS, bind_device=False)
    fill_demo(vault, cases=1, seed=3)
    vault.lock()
    ok("identity", "create", "--vault", theirs, "--name", "Avhopparverksamheten Mottagarstad")
    ok("profile", "roles", "--vault", theirs, "--set", "caseworker,handover-officer")
    ok("identity", "export-cert", "--vault", theirs, "--out", tmp / "theirs.pem")
    return theirs


def _incoming_packet(tmp: Path, theirs: Path, ours_cert: Path) -> Path:
    ok("directory", "add", "--vault", theirs, "--cert", ours_cert, "--trust")
    ref = ok("case", "list", "--vault", theirs).split("\t", 1)[0]
    packet = tmp / "incoming.pdf"
    ok("handover", "export", "--vault", theirs, "--case", ref, "--to", ours_cert,
       *EXPORT_BASIS, "--out", packet)  # fmt: skip
    return packet


def test_every_headless_command_in_the_readme_runs_as_written(tmp_path: Path) -> None:
    lines = headless_lines(README)
    assert len(lines) >= 18 and lines[-1] == "utvag --self-test", lines
    shell = Headless(tmp_path)
    theirs = _other_party(tmp_path)
    incoming: list[Path] = []
    for number, line in enumerate(lines):
        # $OLD and $PASSPHRASE: the passphrase in force; $NEW: a new one, in force after
        # the line that sets it (passwd, recover, rotate); $RECOVERY_KEY: the latest printed.
        shell.env["NEW"] = f"{NEW_PASSPHRASE} {number}"
        shell.env["OLD"] = shell.env["PASSPHRASE"]
        shell.words["FILE.pdf"] = tmp_path / f"out-{number}.pdf"  # each line writes a new file
        if re.search(r"\b(REF|PERSON_ID)\b", line) and "REF" not in shell.words:
            shell.words.update(_case_of(shell.words["DIR"], shell.env["PASSPHRASE"]))
        if re.search(r"\b(FINGERPRINT|ISSUER\.crl)\b", line) and "FINGERPRINT" not in shell.words:
            shell.words.update(_former_partner(tmp_path, shell))
        if "retention protocol" in line:
            _culled_once(shell.words["DIR"], shell.env["PASSPHRASE"])
        if "handover export" in line:
            shell.words["P.pdf"] = tmp_path / "outgoing.pdf"
        elif "P.pdf" in line and not incoming:  # verify, import: what the other party sent
            ours = tmp_path / "ours.pem"
            mine = run("identity", "export-cert", "--vault", shell.words["DIR"], "--out", ours,
                       stdin=shell.env["PASSPHRASE"] + "\n")  # fmt: skip
            assert mine.code == 0, mine.out
            incoming.append(_incoming_packet(tmp_path, theirs, ours))
            shell.words["P.pdf"] = incoming[0]
        out = shell.run(line)
        if '"$NEW"' in line:
            shell.env["PASSPHRASE"] = shell.env["NEW"]
        for key in re.findall(r"recovery-key: (\S+)", out):
            shell.env["RECOVERY_KEY"] = key


def _former_partner(tmp: Path, shell: Headless) -> dict[str, object]:
    """FINGERPRINT and ISSUER.crl: a third party already in the directory (so that
    withdrawing trust leaves the handover lines below as written) and a CRL it issued."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from tests.unit.test_handover_support import identity

    ident = identity("Tidigare")  # valid on the pinned and the computer's own date
    (tmp / "former.pem").write_bytes(ident.certificate.to_pem())
    added = run("directory", "add", "--vault", shell.words["DIR"], "--cert", tmp / "former.pem",
                "--trust", stdin=shell.env["PASSPHRASE"] + "\n")  # fmt: skip
    assert added.code == 0, added.out
    now = ident.certificate.x509.not_valid_before_utc
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ident.certificate.x509.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=3650))
        .sign(ident.key, hashes.SHA256())
    )
    (tmp / "issuer.crl").write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    return {"FINGERPRINT": ident.certificate.fingerprint, "ISSUER.crl": tmp / "issuer.crl"}


def _culled_once(vault: Path, passphrase: str) -> None:
    """A protocol exists only after a culling, which is decided in the GUI (there is no
    command for it): an old closed file is culled here, through the store's own verb."""
    from tests.unit.test_retention import DECIDED, closed_case, person

    opened = Vault.unlock(vault, passphrase)
    try:
        store = Store(opened)
        pid = person(store, "Gallrad")
        closed_case(store, pid, "2012-01-10", "2013-05-01")
        store.cull([pid], **DECIDED)
    finally:
        opened.lock()


def _case_of(vault: Path, passphrase: str) -> dict[str, object]:
    """REF and PERSON_ID: the first case with the client's consent in force (what
    ``handover export`` measures against the receiver) and its person."""
    from app.handover.workflow import basis_options

    opened = Vault.unlock(vault, passphrase)
    try:
        store = Store(opened)
        row = next(r for r in store.case_rows() if basis_options(store, r.ref))
        return {"REF": row.ref, "PERSON_ID": store.case(row.id).person.id}
    finally:
        opened.lock()
