"""The CLI's one error boundary and the bounds behind it: an unexpected fault prints a
short message without its text, file errors name the path, usage errors can be read in
English too, and the core refuses inputs that would take minutes or blow the stack."""

from __future__ import annotations

import argparse
import errno
from pathlib import Path

import pytest

from app import cli
from app.errors import FileProblem, Refused, ValidationError, file_problem
from app.policy import PolicyError, parse_policy
from app.store import Store
from app.store.search import MAX_QUERY_CHARS
from tests.unit.cli_world import run


def test_an_unexpected_fault_shows_kind_and_place_but_never_its_text(monkeypatch) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("Ada Exempelsson, 19800101-9806")  # case data in the message

    monkeypatch.setattr(cli, "build_parser", _parser_with(broken))
    result = run("boom")
    assert result.code == cli.UNEXPECTED == 1
    assert "Traceback" not in result.out and "Ada" not in result.out
    assert "RuntimeError" in result.out and "oväntat fel" in result.out


def _parser_with(handler):  # type: ignore[no-untyped-def]
    real = cli.build_parser

    def build() -> argparse.ArgumentParser:
        parser = real()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        sub.add_parser("boom").set_defaults(handler=handler)
        return parser

    return build


def test_an_os_error_names_the_path_and_exits_2(monkeypatch, tmp_path) -> None:
    missing = tmp_path / "borta" / "fil.pdf"

    def reads(args: argparse.Namespace) -> int:
        missing.read_bytes()
        return 0

    monkeypatch.setattr(cli, "build_parser", _parser_with(reads))
    result = run("boom")
    assert result.code == 2 and str(missing) in result.out and "finns inte" in result.out


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EACCES, "behörigheten"), (errno.ENOSPC, "Disken är full"),
     (errno.EISDIR, "är en mapp"), (errno.ENAMETOOLONG, "för lång"), (errno.EIO, "EIO")],
)  # fmt: skip
def test_file_problems_say_what_to_do(code: int, words: str) -> None:
    problem = file_problem(OSError(code, "x", "/tmp/rapport.pdf"))
    assert isinstance(problem, FileProblem) and problem.exit_code == 2
    text = problem.message
    assert "/tmp/rapport.pdf" in text and (words in text or "OSError" in text), text
    assert isinstance(file_problem(FileExistsError(errno.EEXIST, "x", "/a")), Refused)


def test_usage_errors_in_english_with_lang_en(tmp_path: Path) -> None:
    result = run("--lang", "en", "stats", "--vault", tmp_path, "--from", "2026-02-30")
    assert result.code == 2
    assert "error: --from:" in result.out and "2026-02-30" in result.out
    assert "does not exist" in result.out and "Traceback" not in result.out
    swedish = run("stats", "--vault", tmp_path, "--from", "2026-02-30")
    assert "fel: --from:" in swedish.out  # the language of the previous run did not stick
    assert "does not exist" not in swedish.out


def test_a_search_longer_than_the_bound_is_refused_by_the_store(vault) -> None:  # type: ignore[no-untyped-def]
    store = Store(vault)
    assert store.search("a" * MAX_QUERY_CHARS) == []
    with pytest.raises(ValidationError) as raised:
        store.search("ord " * 25_000)  # the 100 KB query that took 45 s
    assert "för lång" in raised.value.message


def test_a_deeply_nested_policy_file_is_a_policy_error(tmp_path: Path) -> None:
    text = "[" * 30_000 + "]" * 30_000  # 60,000 brackets, under the 64 KiB size bound
    with pytest.raises(PolicyError) as raised:
        parse_policy(text, tmp_path / "policy.json")
    assert "nästlad" in raised.value.message


def test_vault_init_makes_missing_parent_folders_but_refuses_a_file_in_the_way(
    tmp_path: Path,
) -> None:
    # The default vault location (…/.local/share/Utvag/vault) does not exist on a fresh
    # machine: IT's deployment script must be able to create the vault there.
    nested = tmp_path / "home" / ".local" / "share" / "Utvag" / "vault"
    made = run("vault", "init", "--vault", nested, "--no-device-binding", "--name", "Test")
    assert made.code == 0, made.out
    assert (nested / "vault.db").is_file()
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp")
    refused = run("vault", "init", "--vault", blocker / "vault", "--name", "Test")
    assert refused.code == 2 and "är en fil" in refused.out
    assert blocker.read_text() == "inte en mapp"
